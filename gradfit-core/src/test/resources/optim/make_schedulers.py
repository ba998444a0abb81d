"""Records PyTorch 1.13 learning-rate sequences for LrSchedulerTest.

Run once with /usr/bin/python3 (torch 1.13) from this directory; writes schedulers.json. Each case wraps a plain
SGD optimizer on one parameter (the update is irrelevant: no gradients are computed, so optimizer.step() is a
no-op that keeps PyTorch's call-order check quiet) and records get_last_lr()[0] right after construction and
after every scheduler step.
"""
import json

import torch
from torch.optim import lr_scheduler

EPOCH_CASES = [
    ("step size 3 gamma 0.5", "StepLR", 0.1, {"step_size": 3, "gamma": 0.5}, 12),
    ("step size 1 gamma 0.9", "StepLR", 0.05, {"step_size": 1, "gamma": 0.9}, 8),
    ("exponential 0.9", "ExponentialLR", 0.1, {"gamma": 0.9}, 15),
    ("exponential 1.1", "ExponentialLR", 0.01, {"gamma": 1.1}, 6),
    ("cosine T_max 5 eta_min 0.001 over 2.5 periods", "CosineAnnealingLR", 0.1, {"T_max": 5, "eta_min": 0.001}, 25),
    ("cosine T_max 4 to zero and back", "CosineAnnealingLR", 0.05, {"T_max": 4, "eta_min": 0.0}, 17),
    ("cosine T_max 1", "CosineAnnealingLR", 0.1, {"T_max": 1, "eta_min": 0.01}, 6),
    ("cosine T_max 10", "CosineAnnealingLR", 0.3, {"T_max": 10, "eta_min": 0.0}, 31),
]

# metrics chosen so that each rule (improvement, patience, threshold, cooldown, min_lr, eps) decides something
LOSSES = [1.0, 0.9, 0.95, 0.91, 0.92, 0.89, 0.89995, 0.9, 0.9, 0.88, 0.88, 0.88, 0.88, 0.87, 0.9, 0.9, 0.9, 0.9]
ACCURACIES = [0.5, 0.6, 0.6, 0.605, 0.61, 0.7, 0.69, 0.7, 0.71, 0.71, 0.7, 0.72, 0.72, 0.72, 0.72, 0.72]
PLATEAU_CASES = [
    ("min rel patience 2", 0.1, {"mode": "min", "factor": 0.5, "patience": 2}, LOSSES),
    ("min rel threshold 0.05", 0.1, {"mode": "min", "factor": 0.5, "patience": 1, "threshold": 0.05}, LOSSES),
    ("min abs cooldown 2", 0.1,
     {"mode": "min", "factor": 0.1, "patience": 0, "threshold": 0.005, "threshold_mode": "abs", "cooldown": 2},
     LOSSES),
    ("min rel min_lr", 0.1, {"mode": "min", "factor": 0.1, "patience": 0, "min_lr": 0.0005}, LOSSES),
    ("min reduction below eps skipped", 3e-8, {"mode": "min", "factor": 0.5, "patience": 0}, LOSSES),
    ("max rel", 0.2, {"mode": "max", "factor": 0.5, "patience": 1, "threshold": 0.01}, ACCURACIES),
    ("max abs cooldown 1", 0.2,
     {"mode": "max", "factor": 0.3, "patience": 1, "threshold": 0.005, "threshold_mode": "abs", "cooldown": 1},
     ACCURACIES),
    ("defaults", 0.1, {}, LOSSES * 2),
]


def optimizer(lr):
    return torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)


cases = []
for name, cls, lr, kwargs, steps in EPOCH_CASES:
    opt = optimizer(lr)
    sched = getattr(lr_scheduler, cls)(opt, **kwargs)
    lrs = [sched.get_last_lr()[0]]
    for _ in range(steps):
        opt.step()
        sched.step()
        lrs.append(sched.get_last_lr()[0])
    cases.append({"name": name, "scheduler": cls, "lr": lr, "options": kwargs, "lrs": lrs})

for name, lr, kwargs, metrics in PLATEAU_CASES:
    opt = optimizer(lr)
    sched = lr_scheduler.ReduceLROnPlateau(opt, **kwargs)
    lrs = [opt.param_groups[0]["lr"]]
    for m in metrics:
        opt.step()
        sched.step(m)
        lrs.append(sched._last_lr[0])
    cases.append({"name": name, "scheduler": "ReduceLROnPlateau", "lr": lr, "options": kwargs, "metrics": metrics,
                  "lrs": lrs})

with open("schedulers.json", "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")

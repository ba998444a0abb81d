"""Records 10-step PyTorch 1.13 optimizer trajectories for OptimizerTrajectoryTest.

Run once with /usr/bin/python3 (torch 1.13) from this directory; writes trajectories.json.

Every configuration starts from the same explicit parameters and minimises the same objective, which the Java
test writes with the same ops:

    L_t(a, W, c) = sum((W @ x - y)^2) + sum(a^4) / 4              for t < C_FROM
                 + sum((c - c_target)^2)                           for t >= C_FROM (0-based step t)

a is [3], W is [2, 2], c is [2]. c gets no gradient before step C_FROM, so c.grad is None and the optimizer must
skip c (no update, no state) until then, as PyTorch does; afterwards zero_grad() zeroes c.grad in place
(set_to_none=False, 1.13's default). The parameters are recorded after every step.
"""
import json

import torch

STEPS = 10
C_FROM = 5
INITIAL = {"a": [0.5, -1.25, 2.0], "W": [[0.3, -0.7], [1.1, 0.4]], "c": [0.2, -0.4]}
X = [1.5, -0.5]
Y = [0.25, 1.0]
C_TARGET = [1.0, -2.0]

CONFIGS = [
    ("sgd", "Sgd", "float32", {"lr": 0.05}),
    ("sgd momentum", "Sgd", "float32", {"lr": 0.05, "momentum": 0.9}),
    ("sgd momentum dampening", "Sgd", "float32", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}),
    ("sgd nesterov", "Sgd", "float32", {"lr": 0.05, "momentum": 0.9, "nesterov": True}),
    ("sgd weight decay", "Sgd", "float32", {"lr": 0.05, "weight_decay": 0.1}),
    ("sgd nesterov weight decay", "Sgd", "float32",
     {"lr": 0.03, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01}),
    ("adam", "Adam", "float32", {"lr": 0.1}),
    ("adam amsgrad", "Adam", "float32", {"lr": 0.1, "amsgrad": True}),
    ("adam weight decay", "Adam", "float32", {"lr": 0.1, "weight_decay": 0.1}),
    ("adam betas eps", "Adam", "float32", {"lr": 0.05, "betas": [0.8, 0.99], "eps": 1e-3}),
    ("adamw", "AdamW", "float32", {"lr": 0.1}),
    ("adamw amsgrad weight decay", "AdamW", "float32", {"lr": 0.1, "weight_decay": 0.1, "amsgrad": True}),
    ("rmsprop", "RMSprop", "float32", {"lr": 0.01}),
    ("rmsprop centered", "RMSprop", "float32", {"lr": 0.01, "centered": True}),
    ("rmsprop momentum", "RMSprop", "float32", {"lr": 0.01, "momentum": 0.9}),
    ("rmsprop centered momentum weight decay alpha", "RMSprop", "float32",
     {"lr": 0.01, "alpha": 0.9, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("adagrad", "Adagrad", "float32", {"lr": 0.1}),
    ("adagrad lr decay", "Adagrad", "float32", {"lr": 0.1, "lr_decay": 0.1}),
    ("adagrad all options", "Adagrad", "float32",
     {"lr": 0.1, "lr_decay": 0.05, "weight_decay": 0.1, "initial_accumulator_value": 0.1, "eps": 1e-6}),
    ("sgd nesterov weight decay float64", "Sgd", "float64",
     {"lr": 0.03, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01}),
    ("adam amsgrad weight decay float64", "Adam", "float64", {"lr": 0.1, "amsgrad": True, "weight_decay": 0.1}),
    ("rmsprop centered momentum float64", "RMSprop", "float64", {"lr": 0.01, "centered": True, "momentum": 0.9}),
]

TORCH_CLASSES = {"Sgd": torch.optim.SGD, "Adam": torch.optim.Adam, "AdamW": torch.optim.AdamW,
                 "RMSprop": torch.optim.RMSprop, "Adagrad": torch.optim.Adagrad}


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def run(optimizer, dtype, options):
    dt = getattr(torch, dtype)
    a = torch.tensor(INITIAL["a"], dtype=dt, requires_grad=True)
    W = torch.tensor(INITIAL["W"], dtype=dt, requires_grad=True)
    c = torch.tensor(INITIAL["c"], dtype=dt, requires_grad=True)
    x = torch.tensor(X, dtype=dt)
    y = torch.tensor(Y, dtype=dt)
    c_target = torch.tensor(C_TARGET, dtype=dt)
    kwargs = dict(options)
    if "betas" in kwargs:
        kwargs["betas"] = tuple(kwargs["betas"])
    opt = TORCH_CLASSES[optimizer]([a, W, c], **kwargs)
    steps = []
    for t in range(STEPS):
        opt.zero_grad()
        loss = (W @ x - y).pow(2).sum() + a.pow(4).sum() / 4
        if t >= C_FROM:
            loss = loss + (c - c_target).pow(2).sum()
        loss.backward()
        opt.step()
        steps.append({"loss": float(loss), "a": flat(a), "W": flat(W), "c": flat(c)})
    return steps


configs = []
for name, optimizer, dtype, options in CONFIGS:
    configs.append({"name": name, "optimizer": optimizer, "dtype": dtype, "options": options,
                    "trajectory": run(optimizer, dtype, options)})

with open("trajectories.json", "w") as f:
    json.dump({"torch_version": torch.__version__, "steps": STEPS, "c_from_step": C_FROM, "initial": INITIAL,
               "x": X, "y": Y, "c_target": C_TARGET, "configs": configs}, f, indent=1)
    f.write("\n")

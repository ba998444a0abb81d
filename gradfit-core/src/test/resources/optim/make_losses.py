"""Records PyTorch 1.13 loss values and gradients for LossesTest.

Run once with /usr/bin/python3 (torch 1.13) from this directory; writes losses.json. Inputs are drawn here with a
fixed seed and stored in the JSON explicitly, so the Java test never re-draws them. Floats are written with
repr(), which round-trips float32 values exactly through a double.
"""
import json

import torch
import torch.nn.functional as F

torch.manual_seed(1234)

REDUCTIONS = ["MEAN", "SUM", "NONE"]


def loss_fn(name, delta):
    if name == "MseLoss":
        return lambda p, t, r: F.mse_loss(p, t, reduction=r)
    if name == "L1Loss":
        return lambda p, t, r: F.l1_loss(p, t, reduction=r)
    if name == "HuberLoss":
        return lambda p, t, r: F.huber_loss(p, t, reduction=r, delta=delta)
    if name == "BceLoss":
        return lambda p, t, r: F.binary_cross_entropy(p, t, reduction=r)
    if name == "BceWithLogitsLoss":
        return lambda p, t, r: F.binary_cross_entropy_with_logits(p, t, reduction=r)
    raise ValueError(name)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def case(name, loss, prediction, target, delta=None, grad_target=True):
    out = []
    for reduction in REDUCTIONS:
        p = prediction.clone().requires_grad_(True)
        t = target.clone().requires_grad_(grad_target)
        value = loss_fn(loss, delta)(p, t, reduction.lower())
        upstream = None
        if reduction == "NONE":
            upstream = torch.linspace(-1.5, 2.0, p.numel(), dtype=p.dtype).reshape(p.shape)
            value.backward(upstream)
        else:
            value.backward()
        out.append({
            "name": name + " " + reduction,
            "loss": loss,
            "delta": delta,
            "reduction": reduction,
            "dtype": str(p.dtype).replace("torch.", ""),
            "shape": list(p.shape),
            "prediction": flat(p),
            "target": flat(t),
            "upstream": None if upstream is None else flat(upstream),
            "value": flat(value),
            "grad_prediction": flat(p.grad),
            "grad_target": flat(t.grad) if grad_target else None,
        })
    return out


cases = []
for dtype in [torch.float32, torch.float64]:
    d = str(dtype).replace("torch.", "")
    x = torch.randn(2, 3, dtype=dtype)
    y = torch.randn(2, 3, dtype=dtype)
    cases += case("mse " + d, "MseLoss", x, y)
    l1_x = x.clone()
    l1_x[0, 1] = y[0, 1]  # an exact zero error: PyTorch's sign(0) = 0
    cases += case("l1 " + d, "L1Loss", l1_x, y)
    # errors on both sides of delta, and one exactly at delta (0.5 and 2.0 are exact in binary)
    hx = torch.tensor([[0.1, -0.3, 0.5], [-0.5, 1.7, -2.6]], dtype=dtype)
    hy = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=dtype) + torch.randn(2, 3, dtype=dtype) * 0.01
    hy[0, 2] = 0.0
    hy[1, 0] = 0.0
    cases += case("huber delta=1 " + d, "HuberLoss", hx * 3, hy, delta=1.0)
    cases += case("huber delta=0.5 " + d, "HuberLoss", hx, hy, delta=0.5)
    cases += case("huber delta=2 " + d, "HuberLoss", hx * 2, hy, delta=2.0)
    p = torch.rand(2, 3, dtype=dtype) * 0.98 + 0.01
    t = torch.rand(2, 3, dtype=dtype)
    t[0, 0] = 0.0
    t[1, 2] = 1.0
    cases += case("bce " + d, "BceLoss", p, t)
    # saturated probabilities: the clamp at -100 and the finite 1e-12 backward (target grads are infinite there)
    ps = torch.tensor([[0.0, 1.0, 0.0], [1.0, 1e-30, 0.5]], dtype=dtype)
    ts = torch.tensor([[0.0, 1.0, 1.0], [0.0, 1.0, 0.25]], dtype=dtype)
    cases += case("bce saturated " + d, "BceLoss", ps, ts, grad_target=False)
    z = torch.randn(2, 3, dtype=dtype) * 3
    cases += case("bce with logits " + d, "BceWithLogitsLoss", z, t)
    ze = torch.tensor([[100.0, -100.0, 0.0], [100.0, -100.0, 30.0]], dtype=dtype)
    te = torch.tensor([[1.0, 1.0, 0.3], [0.0, 0.0, 0.75]], dtype=dtype)
    cases += case("bce with logits extreme " + d, "BceWithLogitsLoss", ze, te)

with open("losses.json", "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases}, f, indent=1)
    f.write("\n")

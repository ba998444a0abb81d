"""PyTorch's side of `gradfit fit` on the test data: the lesson's training loop, written as the lesson writes it.

Run from this folder with Debian's PyTorch (apt-get install python3-torch):
    /usr/bin/python3 fit_reference.py > fit_reference.json

For each case: read the CSV with numpy (float64), build the features (powers in float64 for a polynomial, as the
lesson does), convert to float32, torch.manual_seed(seed), w = randn(d, 1), b = zeros(1), then for each epoch:
y_ = mm(x, w) + b; loss = mean((y_ - y) ** 2); backward; w.data -= lr * w.grad; b.data -= lr * b.grad; zero the
grads. The losses are recorded before each update, as the lesson prints them.
"""
import json
import os

import numpy as np
import torch

CASES = [
    dict(name="lesson", file="lesson-linear.csv", delimiter=",", target="y", features=["x"], degree=1,
         seed=2017, lr=1e-2, epochs=11),
    dict(name="houses", file="houses.csv", delimiter=",", target="price_k",
         features=["size_m2", "rooms", "age_years"], degree=1, seed=3, lr=1e-5, epochs=20),
    dict(name="cubic", file="cubic-semicolon.csv", delimiter=";", target="y", features=["x"], degree=3,
         seed=2017, lr=1e-3, epochs=30),
]


def run(case):
    # the repository's examples/data, which the tests read too
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "..", "examples", "data")
    with open(os.path.join(data, case["file"]), encoding="utf-8-sig") as f:
        header = f.readline().strip().split(case["delimiter"])
        rows = [line.strip().split(case["delimiter"]) for line in f if line.strip()]

    def column(name):
        return np.array([float(r[header.index(name)]) for r in rows], dtype=np.float64)

    cols = [column(c) for c in case["features"]]
    feats = [c ** p for p in range(1, case["degree"] + 1) for c in cols] if len(cols) == 1 else cols
    x = torch.from_numpy(np.stack(feats, axis=1)).float()
    y = torch.from_numpy(column(case["target"])).float().unsqueeze(1)
    torch.manual_seed(case["seed"])
    w = torch.randn(x.shape[1], 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    losses = []
    for _ in range(case["epochs"]):
        loss = torch.mean((torch.mm(x, w) + b - y) ** 2)
        losses.append(loss.item())
        loss.backward()
        w.data = w.data - case["lr"] * w.grad.data
        b.data = b.data - case["lr"] * b.grad.data
        w.grad.zero_()
        b.grad.zero_()
    return dict(case, losses=losses, w=w.detach().flatten().tolist(), b=b.item())


print(json.dumps({"torch_version": torch.__version__, "cases": [run(c) for c in CASES]}, indent=1))

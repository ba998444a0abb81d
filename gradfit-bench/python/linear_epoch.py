#!/usr/bin/env python3
"""Peers of LinearRegressionFitBench: one full-batch MSE epoch of a linear model, gradient written by hand.

e = X·w + b − y, loss = mean(e²), dL/dw = (2/N)·Xᵀe, dL/db = 2·mean(e), then the SGD step; float32 data
X [N, d] row-major as gradfit's. numpy (its BLAS may use every core) and PyTorch (torch.set_num_threads(threads)),
whichever /usr/bin/python3 has. Prints "numpy MS" and/or "torch MS", the median of 10 epochs after 3 warm-up ones.
Usage: linear_epoch.py N D [threads]
"""
import statistics
import sys
import time

n = int(sys.argv[1])
d = int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2


def median_ms(epoch):
    times = []
    for i in range(13):
        start = time.perf_counter()
        epoch()
        if i >= 3:
            times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


try:
    import numpy as np

    rng = np.random.default_rng(42)
    x = rng.uniform(-1, 1, size=(n, d)).astype(np.float32)
    y = (x @ (np.arange(1, d + 1, dtype=np.float32) / d) + 0.5).astype(np.float32)
    w = np.zeros(d, dtype=np.float32)
    b = np.float32(0)

    def numpy_epoch():
        global w, b
        e = x @ w + b - y
        loss = np.mean(e * e)
        w = w - np.float32(0.1 * 2 / n) * (x.T @ e)
        b = b - np.float32(0.1 * 2) * np.mean(e)
        return loss

    print(f"numpy {median_ms(numpy_epoch):.1f}")
except ImportError:
    pass

try:
    import torch

    torch.set_num_threads(threads)
    xt = torch.from_numpy(x) if "x" in globals() else torch.rand(n, d) * 2 - 1
    yt = torch.from_numpy(y) if "y" in globals() else xt @ (torch.arange(1, d + 1) / d) + 0.5
    wt = torch.zeros(d)
    bt = torch.zeros(())

    def torch_epoch():
        global wt, bt
        e = xt @ wt + bt - yt
        loss = (e * e).mean()
        wt = wt - (0.1 * 2 / n) * (xt.T @ e)
        bt = bt - 0.1 * 2 * e.mean()
        return loss

    print(f"torch {median_ms(torch_epoch):.1f}")
except ImportError:
    pass

#!/usr/bin/env python3
"""PyTorch side of target 3: one full-batch epoch of the lesson's polynomial code at N rows, d = 3.

The same code as gradfit-bench's LessonEpochBench.epoch, written as the lesson writes it:
forward, MSE, zero grads, backward, update through .data. Prints the median epoch time in ms.
Usage: lesson_epoch.py [N] [threads]   (defaults 10000000, 1)
"""
import statistics
import sys
import time

import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 1
torch.set_num_threads(threads)

# features [t, t^2, t^3] for t uniform in [-3, 3), target 0.9 + 0.5t + 3t^2 + 2.4t^3, as in Rows.lessonPolynomial
g = torch.Generator().manual_seed(2017)
t = torch.rand(n, 1, generator=g, dtype=torch.float64) * 6 - 3
x = torch.cat([t, t ** 2, t ** 3], dim=1).float()
y = (0.9 + 0.5 * t + 3 * t ** 2 + 2.4 * t ** 3).float()

torch.manual_seed(2017)
w = torch.randn(3, 1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
loss = (x.mm(w) + b - y).pow(2).mean()
loss.backward()  # the lesson's first backward creates the grads


def epoch():
    y_ = x.mm(w) + b
    loss = (y_ - y).pow(2).mean()
    w.grad.zero_()
    b.grad.zero_()
    loss.backward()
    w.data = w.data - 1e-3 * w.grad.data
    b.data = b.data - 1e-3 * b.grad.data
    return loss


times = []
for i in range(13):
    start = time.perf_counter()
    epoch()
    if i >= 3:  # warm-up
        times.append((time.perf_counter() - start) * 1e3)
print(f"{statistics.median(times):.1f}")

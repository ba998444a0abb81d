"""Reference numbers for the gradfit CLI tests, computed with NumPy and scikit-learn rather than with gradfit.

Run from this folder with Debian's packages (apt-get install python3-numpy python3-sklearn):
    /usr/bin/python3 make_numpy_reference.py > numpy_reference.json

- lesson: the lesson's x_train and y_train as float32 values (as the lesson and gradfit hold them), the least-squares
  line y = w*x + b with np.linalg.lstsq and its mean squared error, and the learning-rate bound 2/lambda_max of the
  Hessian of the MSE, (2/n) [x 1]^T [x 1], from np.linalg.eigvalsh.
- houses: the same optimum and bound for houses.csv's three features, and the scores (sklearn's mean_squared_error
  and r2_score) of the PyTorch fit recorded in ../torch/fit_reference.json (case "houses").
- scores: sklearn's r2_score, mean_squared_error, accuracy_score and log_loss on small fixed inputs, for
  gradfit-core's ScoresTest (copied there).
"""
import json

import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score


def read(name, target, features):
    with open("../data/" + name, encoding="utf-8-sig") as f:
        header = f.readline().strip().split(",")
        rows = [line.strip().split(",") for line in f if line.strip()]
    col = lambda c: np.array([float(r[header.index(c)]) for r in rows], dtype=np.float64)
    return np.stack([col(c) for c in features], axis=1), col(target)


def optimum_and_bound(x, y):
    a = np.hstack([x, np.ones((x.shape[0], 1))])
    coef, *_ = np.linalg.lstsq(a, y, rcond=None)
    mse = float(np.mean((a @ coef - y) ** 2))
    hessian = 2.0 / x.shape[0] * (a.T @ a)
    lam_max = float(np.linalg.eigvalsh(hessian).max())
    return dict(weights=coef[:-1].tolist(), intercept=float(coef[-1]), mse=mse, max_stable_lr=2.0 / lam_max)


out = {"numpy_version": np.__version__, "sklearn_version": sklearn.__version__}

x, y = read("lesson-linear.csv", "y", ["x"])
x, y = x.astype(np.float32).astype(np.float64), y.astype(np.float32).astype(np.float64)
out["lesson"] = optimum_and_bound(x, y)

features = ["size_m2", "rooms", "age_years"]
x, y = read("houses.csv", "price_k", features)
houses = optimum_and_bound(x, y)
with open("../torch/fit_reference.json") as f:
    torch_fit = next(c for c in json.load(f)["cases"] if c["name"] == "houses")
pred = x @ np.array(torch_fit["w"]) + torch_fit["b"]
houses["torch_fit"] = dict(w=torch_fit["w"], b=torch_fit["b"], mse=float(mean_squared_error(y, pred)),
                           r2=float(r2_score(y, pred)))
out["houses"] = houses

y_true = [1.0, 2.0, 3.0, 4.0, 2.5, -1.0]
y_pred = [1.5, 2.0, 2.5, 4.5, 2.0, -0.5]
labels = [1, 1, 0, 0, 1, 0]
logits = [2.0, -1.0, 0.0, -3.0, 0.5, 4.0]
prob = [1 / (1 + np.exp(-z)) for z in logits]
out["scores"] = dict(
    y_true=y_true, y_pred=y_pred, mse=float(mean_squared_error(y_true, y_pred)), r2=float(r2_score(y_true, y_pred)),
    labels=labels, logits=logits, accuracy=float(accuracy_score(labels, [int(z >= 0) for z in logits])),
    log_loss=float(log_loss(labels, prob)))

print(json.dumps(out, indent=1))

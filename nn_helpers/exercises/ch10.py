"""Checks for notebook 10 (from scratch to PyTorch).

# n: batch size, p: a layer's inputs (n_in), h: its outputs (n_out), k: classes.
# X: (n, p); W: (p, h) in nn_helpers' layout; weight: (h, p) in torch.nn.Linear's layout.

These checks need only NumPy (so they run without PyTorch): they test the two facts the
bridge rests on, the transposed weight layout and cross-entropy computed from logits.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import log_softmax, softmax
from ..losses import cross_entropy as _cross_entropy  # the checks' argument is the reader's
from .ch04 import call_reader, diagnose
from .feedback import Feedback

__all__ = ["check_torch_weight", "check_linear_torch_style", "check_cross_entropy_from_logits",
           "log_softmax", "softmax"]


# ------------------------------------------------ 1. nn_helpers W -> torch weight
def check_torch_weight(torch_weight) -> Feedback:
    """Check torch_weight(W) -> the array to copy into Linear.weight: W.T, shape (n_out, n_in)."""
    name = "torch_weight"
    W = np.random.default_rng(13).standard_normal((4, 3))   # n_in = 4, n_out = 3
    got, problem = call_reader(torch_weight, name, W)
    if problem is not None:
        return problem
    verdict = diagnose(got, W.T, f"`{name}(W)` for W of shape {W.shape}", [
        (W.reshape(3, 4), "reshape keeps the numbers in reading order, so rows and columns get "
                          "scrambled; a layout change between (n_in, n_out) and (n_out, n_in) "
                          "is a transpose, W.T."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` turns W {W.shape} into weight {W.T.shape}: weight = W.T.")


# ------------------------------------------------ 2. a layer in torch's convention
def check_linear_torch_style(linear) -> Feedback:
    """Check linear(X, weight, bias) -> X @ weight.T + bias, what torch.nn.Linear computes."""
    name = "linear"
    rng = np.random.default_rng(14)
    n, p, h = 5, 4, 3
    X = rng.standard_normal((n, p))
    weight = rng.standard_normal((h, p))
    bias = rng.standard_normal(h)
    got, problem = call_reader(linear, name, X, weight, bias)
    if problem is not None:
        return problem
    expected = X @ weight.T + bias
    verdict = diagnose(got, expected, f"`{name}(X, weight, bias)`", [
        (X @ weight.T, "the bias is missing: add `bias` (it broadcasts over the rows)."),
        (X @ weight.T - bias, "the bias has the wrong sign: Z = X @ weight.T + bias."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` computes X @ weight.T + bias, exactly like nn.Linear.")


# ------------------------------------------------ 3. cross-entropy from logits
def check_cross_entropy_from_logits(cross_entropy) -> Feedback:
    """Check cross_entropy(Z, Y) -> -(1/n) sum y log softmax(z), from the logits Z (n, k)."""
    name = "cross_entropy"
    rng = np.random.default_rng(15)
    n, k = 6, 4
    Z = 3 * rng.standard_normal((n, k))
    Z[0] = [800.0, -5.0, 0.0, 1.0]         # exp(800) overflows: only log-softmax survives
    Y = np.eye(k)[rng.integers(0, k, n)]
    Y[0] = [0.0, 0.0, 1.0, 0.0]
    got, problem = call_reader(cross_entropy, name, Z, Y)
    if problem is not None:
        return problem
    if np.ndim(got) != 0:
        return Feedback(False, f"`{name}` should return one number (the mean cost of the "
                               f"batch); got an array of shape {np.shape(got)}. Sum over "
                               f"classes and average over examples.")
    expected = _cross_entropy(softmax(Z), Y, Z)   # -(1/n) sum y log softmax(z), from Z
    verdict = diagnose(got, expected, f"`{name}(Z, Y)`", [
        (-float(np.sum(Y * np.log(np.abs(Z) + 1e-300))) / n,
         "you took log(Z); the logits must go through softmax first: log softmax(Z)."),
        (expected * n, f"that is the sum over the batch; the cost is the mean: divide by "
                       f"n = {n}."),
        (-expected, "the sign is flipped: the cost is minus the mean log-probability of the "
                    "right class."),
        (-float(np.sum(Y * log_softmax(Z))) / (n * k),
         "you averaged over all n*k entries; sum over the classes, average over the n examples."),
    ])
    if not verdict and isinstance(got, numbers.Real) and not np.isfinite(got):
        return Feedback(False, f"`{name}` gave {got} on a row with a logit of 800: np.exp(800) "
                               f"overflows. Use log_softmax(Z) (it subtracts the row maximum "
                               f"first), not np.log(softmax(Z)) built from np.exp.")
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` matches torch's cross-entropy from logits, even for a "
                          f"logit of 800.")

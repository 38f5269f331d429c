"""Cost functions: how wrong the network's outputs A are for the targets Y.

# n: batch size, k: output units.  A, Y: (n, k).  Every cost is a mean over the n examples.

Each loss gives two things: the cost ``C`` (a number) and ``dC/dA`` (n, k), the
start of backpropagation. Because the cost averages over the batch, ``dC/dA``
carries the factor ``1/n``; BP3 and BP4 then simply *sum* over examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .activations import log_softmax


def quadratic(A, Y, Z=None):
    """C = 1/(2n) * sum over examples of ||a - y||^2.  The 1/2 makes dC/dA = (A - Y)/n."""
    error = A - Y
    return 0.5 * float(np.vdot(error, error)) / A.shape[0]   # vdot: sum of squares in one pass


def quadratic_grad(A, Y):
    return (A - Y) / A.shape[0]


def mse(A, Y, Z=None):
    """The usual mean squared error: the mean of (a - y)^2 over all n * k entries."""
    error = A - Y
    return float(np.vdot(error, error)) / error.size


def mse_grad(A, Y):
    """dC/dA = 2 (A - Y) / (n k): note the 2 that the quadratic cost's 1/2 removes."""
    return 2.0 * (A - Y) / A.size


def _softplus(Z):
    """log(1 + e^z) without overflow."""
    return np.logaddexp(0.0, Z)


def cross_entropy(A, Y, Z=None):
    """Cross-entropy of softmax outputs, each row one probability distribution.

    C = -(1/n) sum_i sum_j y_ij log a_ij.  When the weighted input ``Z`` is given the
    logarithm comes straight from it, log a = z - logsumexp(z), which stays finite
    even when an output rounds to exactly 0.
    """
    if Z is not None:
        logA = log_softmax(Z)
    else:
        logA = np.log(np.maximum(A, np.finfo(A.dtype).tiny))
    return -float(np.sum(Y * logA)) / A.shape[0]


def cross_entropy_grad(A, Y):
    """dC/dA = -(Y / A) / n.  (Training uses the simpler delta[L] = (A - Y)/n instead.)"""
    return -Y / np.maximum(A, np.finfo(A.dtype).tiny) / A.shape[0]


def binary_cross_entropy(A, Y, Z=None):
    """Cross-entropy of independent sigmoid outputs, each a probability of its own.

    C = -(1/n) sum_i sum_j [y_ij log a_ij + (1 - y_ij) log(1 - a_ij)].  From ``Z``:
    log a = -softplus(-z) and log(1 - a) = -softplus(z), finite for any z.
    """
    n = A.shape[0]
    if Z is not None:
        return float(np.sum(Y * _softplus(-Z) + (1 - Y) * _softplus(Z))) / n
    tiny = np.finfo(A.dtype).tiny
    logs = Y * np.log(np.maximum(A, tiny)) + (1 - Y) * np.log(np.maximum(1 - A, tiny))
    return -float(np.sum(logs)) / n


def binary_cross_entropy_grad(A, Y):
    """dC/dA = (a - y) / (a (1 - a)) / n.  Times sigma'(z) = a (1 - a) this is (A - Y)/n."""
    tiny = np.finfo(A.dtype).tiny
    return (A - Y) / np.maximum(A * (1 - A), tiny) / A.shape[0]


@dataclass(frozen=True)
class Loss:
    """A named cost with its gradient dC/dA.

    ``simplifies_with`` names the output activations for which the output error
    delta[L] = dC/dA * f'(Z) collapses to (A - Y)/n: the sigma'(z) factor cancels.
    """

    name: str
    cost: Callable
    grad: Callable
    simplifies_with: tuple = ()


LOSSES = {
    "quadratic": Loss("quadratic", quadratic, quadratic_grad),
    "mse": Loss("mse", mse, mse_grad),
    # "cross_entropy" means the form that matches the output layer (see get_loss).
    "cross_entropy": Loss("cross_entropy", cross_entropy, cross_entropy_grad,
                          simplifies_with=("softmax",)),
    "binary_cross_entropy": Loss("binary_cross_entropy", binary_cross_entropy,
                                 binary_cross_entropy_grad, simplifies_with=("sigmoid",)),
}


def get_loss(name, output="softmax") -> Loss:
    """Look a loss up by name, with an error that lists the valid names.

    ``"cross_entropy"`` with a sigmoid output layer is the binary (per-unit) form.
    """
    if isinstance(name, Loss):
        return name
    if name not in LOSSES:
        raise ValueError(f"loss={name!r} is not a known loss; choose one of {sorted(LOSSES)}.")
    if name == "cross_entropy" and output == "sigmoid":
        name = "binary_cross_entropy"
    return LOSSES[name]

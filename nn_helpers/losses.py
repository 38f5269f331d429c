"""Cost functions: how wrong the network's outputs A are for the targets Y.

# n: batch size, k: output units.  A, Y: (n, k).  Every cost is a mean over the n examples.

Each loss gives two things: the cost ``C`` (a number) and ``dC/dA`` (n, k), the
start of backpropagation. Because the cost averages over the batch, ``dC/dA``
carries the factor ``1/n``; BP3 and BP4 then simply *sum* over examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


def _torch_quadratic(torch, Z, A, Y):
    return 0.5 * ((A - Y) ** 2).sum() / A.shape[0]


def _torch_mse(torch, Z, A, Y):
    return ((A - Y) ** 2).mean()


def _torch_cross_entropy(torch, Z, A, Y):
    return -(Y * torch.log_softmax(Z, dim=1)).sum() / A.shape[0]


def _torch_binary_cross_entropy(torch, Z, A, Y):
    return torch.nn.functional.binary_cross_entropy_with_logits(Z, Y, reduction="sum") / A.shape[0]


_SOFTMAX_NEEDS_CROSS_ENTROPY = (
    "the pair is differentiable, but when the network is confidently wrong the gradient "
    "nearly vanishes (the softmax Jacobian multiplies a small error), so learning stalls. "
    "Use loss='cross_entropy', whose output error is simply (A - Y)/n.")


@dataclass(frozen=True)
class Loss:
    """A named cost with everything the package needs to know about it.

    ``cost(A, Y, Z)`` and ``grad(A, Y)`` = dC/dA; ``outputs`` names the output activations
    it accepts (None: any but those in ``refuses``, a dict name -> reason);
    ``simplifies_with`` the outputs for which the output error delta[L] = dC/dA * f'(Z)
    collapses to (A - Y)/n (the f'(z) factor cancels); ``variants`` the loss that
    ``cross_entropy`` means with a given output; ``probabilities`` whether targets must lie
    in [0, 1]; ``torch(torch, Z, A, Y)`` the same cost written with PyTorch tensors.
    """

    name: str
    cost: Callable
    grad: Callable
    simplifies_with: tuple = ()
    outputs: tuple | None = None
    outputs_reason: str = ""
    refuses: dict = field(default_factory=dict)
    variants: dict = field(default_factory=dict)
    probabilities: bool = False
    torch: Callable | None = None

    def output_error(self, A, Y, Z, output):
        """BP1: delta[L] = dC/dA[L] * f'(Z[L]), or (A - Y)/n where f'(z) cancels."""
        if output.name in self.simplifies_with:
            return (A - Y) / A.shape[0]
        return output.backward(self.grad(A, Y), Z, A)

    def check_output(self, output):
        """Refuse an output activation this cost cannot train well, with the reason."""
        if output in self.refuses:
            raise ValueError(f"output={output!r} with loss={self.name!r} is not allowed: "
                             f"{self.refuses[output]}")
        if self.outputs is not None and output not in self.outputs:
            raise ValueError(f"loss={self.name!r} {self.outputs_reason}; got output={output!r}. "
                             f"For regression use loss='mse' or 'quadratic'.")


LOSSES = {loss.name: loss for loss in (
    Loss("quadratic", quadratic, quadratic_grad,
         refuses={"softmax": _SOFTMAX_NEEDS_CROSS_ENTROPY}, torch=_torch_quadratic),
    Loss("mse", mse, mse_grad, refuses={"softmax": _SOFTMAX_NEEDS_CROSS_ENTROPY},
         torch=_torch_mse),
    # "cross_entropy" means the form that matches the output layer (see get_loss).
    Loss("cross_entropy", cross_entropy, cross_entropy_grad, simplifies_with=("softmax",),
         outputs=("softmax", "sigmoid"), variants={"sigmoid": "binary_cross_entropy"},
         outputs_reason="needs outputs that are probabilities: output='softmax' (one class "
                        "per example) or 'sigmoid' (independent yes/no outputs)",
         probabilities=True, torch=_torch_cross_entropy),
    # its cost reads log a from Z as log sigmoid(z), so only a sigmoid output computes it
    Loss("binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_grad,
         simplifies_with=("sigmoid",), outputs=("sigmoid",),
         outputs_reason="is the cost of independent yes/no outputs: it needs output='sigmoid' "
                        "(for one class per example use output='softmax' with "
                        "loss='cross_entropy')",
         probabilities=True, torch=_torch_binary_cross_entropy),
)}


def get_loss(name, output="softmax") -> Loss:
    """Look a loss up by name, with an error that lists the valid names.

    ``"cross_entropy"`` with a sigmoid output layer is the binary (per-unit) form.
    """
    if isinstance(name, Loss):
        return name
    if name not in LOSSES:
        raise ValueError(f"loss={name!r} is not a known loss; choose one of {sorted(LOSSES)}.")
    return LOSSES[LOSSES[name].variants.get(output, name)]

"""Activation functions and their derivatives.

# n: batch size, h: units in the layer.  Every function maps Z (n, h) -> A (n, h).

An activation turns a layer's weighted input ``Z`` into its output ``A = f(Z)``.
Backpropagation needs one more thing from it: how a small change in ``Z`` moves the
cost, given how the cost moves with ``A``. For the element-wise functions that is
``dC/dZ = dC/dA * f'(Z)`` (the ``* f'(Z)`` of BP1 and BP2). Softmax is not
element-wise, each output depends on every input, so it supplies that product
directly instead of a derivative.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np


def sigmoid(Z, out=None):
    """sigma(z) = 1 / (1 + e^-z), safe for any z; ``out``: optional array to write into.

    For very negative z, e^-z overflows to inf (beyond z = -88 in float32, -709 in
    float64) and 1 / (1 + inf) = 0 is exactly the limit we want, so that one overflow
    warning is silenced instead of paying for a second formula. One ``exp`` and three
    in-place operations: the training loop calls this every step.
    """
    with np.errstate(over="ignore"):
        return sigmoid_in_training(Z, out)


def sigmoid_in_training(Z, out=None):
    """sigma(z) without its own ``np.errstate``: the training loop silences overflow once for
    the whole run, and entering errstate costs more than the sigmoid of a small batch."""
    Z = np.asarray(Z)
    if out is None:
        out = np.empty(Z.shape, np.result_type(Z.dtype, np.float16))  # ints -> float
    np.negative(Z, out=out)
    np.exp(out, out=out)            # e^-z, in (0, inf]
    out += 1.0                      # 1 + e^-z
    return np.reciprocal(out, out=out)


def sigmoid_prime(Z):
    """sigma'(z) = sigma(z) * (1 - sigma(z))."""
    S = sigmoid(Z)
    return S * (1.0 - S)


def sigmoid_prime_from_output(A, out=None):
    """sigma'(z) from a = sigma(z): a (1 - a), so backpropagation needs no second exp."""
    out = np.subtract(1.0, A, out=out)
    out *= A
    return out


def tanh(Z, out=None):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z), in (-1, 1)."""
    return np.tanh(Z, out=out)


def tanh_prime(Z):
    """tanh'(z) = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(Z) ** 2


def tanh_prime_from_output(A, out=None):
    """tanh'(z) from a = tanh(z): 1 - a^2."""
    out = np.square(A, out=out)
    return np.subtract(1.0, out, out=out)


def relu(Z, out=None):
    """relu(z) = max(0, z)."""
    return np.maximum(Z, 0, out=out)


def relu_prime(Z):
    """relu'(z) = 1 for z > 0, else 0 (we pick 0 at the kink z = 0)."""
    return (np.asarray(Z) > 0).astype(np.result_type(Z, np.float32))


def relu_prime_from_output(A, out=None):
    """relu'(z) from a = relu(z): 1 where a > 0 (exactly where z > 0), else 0."""
    if out is None:
        return relu_prime(A)
    return np.greater(A, 0, out=out)  # True/False written as 1.0/0.0


def identity(Z, out=None):
    """identity(z) = z: the output of a regression network."""
    if out is None:
        return np.asarray(Z)
    np.copyto(out, Z)
    return out


def identity_prime(Z):
    """identity'(z) = 1."""
    return np.ones_like(Z)


def identity_prime_from_output(A, out=None):
    """identity'(z) = 1, whatever a is."""
    if out is None:
        return np.ones_like(A)
    out.fill(1.0)
    return out


def softmax(Z, out=None):
    """softmax(z)_j = e^{z_j} / sum_k e^{z_k}, row by row: each row sums to 1.

    Subtracting the row maximum first changes nothing mathematically (it cancels
    between numerator and denominator) but keeps ``exp`` from overflowing.
    """
    Z = np.asarray(Z)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return np.divide(E, E.sum(axis=1, keepdims=True), out=out)


def log_softmax(Z):
    """log softmax(z)_j = z_j - logsumexp(z), stable for any size of z."""
    Z = np.asarray(Z)
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def softmax_backward(dA, A):
    """dC/dZ for softmax, given dC/dA and A = softmax(Z).

    The Jacobian is dA_j/dZ_i = A_j (1[i=j] - A_i), so per row
    dC/dZ_i = A_i * (dC/dA_i - sum_j dC/dA_j A_j). We never build the (h, h) Jacobian.
    """
    return A * (dA - (dA * A).sum(axis=1, keepdims=True))


def _scalar_sigmoid(z):
    s = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    return s, s * (1.0 - s)


def _scalar_tanh(z):
    t = math.tanh(z)
    return t, 1.0 - t * t


@dataclass(frozen=True)
class Activation:
    """Everything the package needs to know about one activation, in one place.

    ``f`` and ``backward(dA, Z, A)`` (which returns dC/dZ) serve the network;
    ``prime_from_output`` writes f'(z) in terms of a = f(z) (for sigmoid a (1 - a)), so
    backpropagation skips recomputing f(Z). The other fields serve the rest of the package:
    ``range`` the outputs' interval (targets must lie in it), ``init`` the initialisation
    that keeps its inputs' spread near 1, ``peak_slope`` the largest f'(z) (saturation is a
    slope far below it), ``can_die`` whether a unit can get stuck at slope 0 for every input,
    ``scalar`` the one-number twin ``z -> (f(z), f'(z))`` for the computational graph,
    ``torch`` the name of the ``torch.nn`` module that computes the same function and
    ``symbol`` how drawings write it. ``f_in_training`` is ``f`` for a caller that has
    silenced floating-point warnings itself (the training loop); by default ``f``.
    """

    name: str
    f: Callable
    prime: Callable | None  # f'(Z) for element-wise functions, None for softmax
    prime_from_output: Callable | None = None
    range: tuple = (-math.inf, math.inf)
    init: str = "xavier"
    peak_slope: float = 1.0
    can_die: bool = False
    scalar: Callable | None = None
    torch: str = ""
    symbol: str = ""
    f_in_training: Callable | None = None
    kink: float | None = None    # a z where f has no derivative (ReLU's 0), if any

    def __post_init__(self):
        if self.f_in_training is None:
            object.__setattr__(self, "f_in_training", self.f)

    @property
    def elementwise(self) -> bool:
        return self.prime is not None

    @property
    def saturates(self) -> bool:
        """Bounded on both sides: for large |z| the slope goes to 0 (sigmoid, tanh)."""
        return self.elementwise and all(map(math.isfinite, self.range))

    def backward(self, dA, Z, A=None, out=None, scratch=None):
        """Turn dC/dA into dC/dZ (the ``* f'(Z)`` of BP1 and BP2).

        ``out`` (may be ``dA`` itself) and ``scratch`` (room for f'(Z)) are optional
        preallocated arrays; the training loop passes them to avoid allocating every step.
        Pass ``A=None`` when A is not f(Z) (after dropout): f'(Z) is then computed from Z.
        """
        if not self.elementwise:
            return softmax_backward(dA, A)
        if A is not None and self.prime_from_output is not None:
            f_prime = self.prime_from_output(A, out=scratch)
        else:
            f_prime = self.prime(Z)
        return np.multiply(dA, f_prime, out=out)


ACTIVATIONS = {a.name: a for a in (
    Activation("sigmoid", sigmoid, sigmoid_prime, sigmoid_prime_from_output, range=(0.0, 1.0),
               peak_slope=0.25, scalar=_scalar_sigmoid, torch="Sigmoid", symbol="σ",
               f_in_training=sigmoid_in_training),
    Activation("tanh", tanh, tanh_prime, tanh_prime_from_output, range=(-1.0, 1.0),
               scalar=_scalar_tanh, torch="Tanh", symbol="tanh"),
    Activation("relu", relu, relu_prime, relu_prime_from_output, range=(0.0, math.inf),
               init="he", can_die=True, scalar=lambda z: (max(z, 0.0), 1.0 if z > 0 else 0.0),
               torch="ReLU", symbol="relu", kink=0.0),
    Activation("identity", identity, identity_prime, identity_prime_from_output,
               scalar=lambda z: (z, 1.0), torch="Identity", symbol="id"),
    # softmax is not element-wise: it has no scalar twin and serves only the output layer
    Activation("softmax", softmax, None, range=(0.0, 1.0), torch="Softmax", symbol="softmax"),
)}


def elementwise_names():
    """The activations a single neuron (or a hidden layer) can use: all but softmax."""
    return [name for name, a in ACTIVATIONS.items() if a.elementwise]


def get_activation(name, *, argument="activation") -> Activation:
    """Look an activation up by name, with an error that lists the valid names."""
    if isinstance(name, Activation):
        return name
    if name not in ACTIVATIONS:
        raise ValueError(
            f"{argument}={name!r} is not a known activation; "
            f"choose one of {sorted(ACTIVATIONS)}."
        )
    return ACTIVATIONS[name]

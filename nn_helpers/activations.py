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

from dataclasses import dataclass
from typing import Callable

import numpy as np


def sigmoid(Z):
    """sigma(z) = 1 / (1 + e^-z), computed without overflow for large |z|.

    For z >= 0 the textbook form is safe; for z < 0 we use the equal form
    e^z / (1 + e^z), so ``exp`` only ever sees a non-positive number.
    """
    Z = np.asarray(Z)
    E = np.exp(-np.abs(Z))  # in (0, 1]: never overflows
    return np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))


def sigmoid_prime(Z):
    """sigma'(z) = sigma(z) * (1 - sigma(z))."""
    S = sigmoid(Z)
    return S * (1.0 - S)


def tanh(Z):
    """tanh(z) = (e^z - e^-z) / (e^z + e^-z), in (-1, 1)."""
    return np.tanh(Z)


def tanh_prime(Z):
    """tanh'(z) = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(Z) ** 2


def relu(Z):
    """relu(z) = max(0, z)."""
    return np.maximum(Z, 0)


def relu_prime(Z):
    """relu'(z) = 1 for z > 0, else 0 (we pick 0 at the kink z = 0)."""
    return (np.asarray(Z) > 0).astype(np.result_type(Z, np.float32))


def identity(Z):
    """identity(z) = z: the output of a regression network."""
    return np.asarray(Z)


def identity_prime(Z):
    """identity'(z) = 1."""
    return np.ones_like(Z)


def softmax(Z):
    """softmax(z)_j = e^{z_j} / sum_k e^{z_k}, row by row: each row sums to 1.

    Subtracting the row maximum first changes nothing mathematically (it cancels
    between numerator and denominator) but keeps ``exp`` from overflowing.
    """
    Z = np.asarray(Z)
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


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


@dataclass(frozen=True)
class Activation:
    """A named activation: ``f`` and a ``backward(dA, Z, A)`` that returns dC/dZ."""

    name: str
    f: Callable
    prime: Callable | None  # f'(Z) for element-wise functions, None for softmax

    @property
    def elementwise(self) -> bool:
        return self.prime is not None

    def backward(self, dA, Z, A):
        """Turn dC/dA into dC/dZ (the ``* f'(Z)`` of BP1 and BP2)."""
        if self.elementwise:
            return dA * self.prime(Z)
        return softmax_backward(dA, A)


ACTIVATIONS = {
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_prime),
    "tanh": Activation("tanh", tanh, tanh_prime),
    "relu": Activation("relu", relu, relu_prime),
    "identity": Activation("identity", identity, identity_prime),
    "softmax": Activation("softmax", softmax, None),
}


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

"""Gradient checking: compare backpropagation with central differences.

# n: batch size, d: inputs, k: outputs.  For every parameter p (one entry of some W or b):
#     dC/dp ~ (C(p + eps) - C(p - eps)) / (2 eps)      error O(eps^2)

Backpropagation is fast but easy to get subtly wrong (a missing transpose, a
forgotten 1/n). Central differences are slow, two forward passes per parameter,
but need nothing except the cost itself, so they make an independent referee.
"""

from __future__ import annotations

import numpy as np


class GradientCheck(float):
    """The largest relative error over all layers, as a float, with the details.

    ``per_layer`` is a list of dicts {"layer": l, "W": err, "b": err} (l from 1).
    The relative error of a gradient array is |a - b| / max(|a| + |b|, tiny), with
    |.| the Euclidean norm of the whole array: about 1e-9 when backprop is right,
    around 1 when it is wrong.
    """

    per_layer: list

    def __new__(cls, per_layer):
        worst = max(max(row["W"], row["b"]) for row in per_layer)
        self = super().__new__(cls, worst)
        self.per_layer = per_layer
        return self

    def __repr__(self):
        rows = [f"  layer {r['layer']}: W {r['W']:.1e}   b {r['b']:.1e}" for r in self.per_layer]
        return "\n".join([f"gradient check, max relative error {float(self):.1e}", *rows])


def relative_error(a, b):
    """|a - b| / max(|a| + |b|, tiny), with Euclidean norms over the whole arrays."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    scale = max(np.linalg.norm(a) + np.linalg.norm(b), np.finfo(np.float64).tiny)
    return float(np.linalg.norm(a - b) / scale)


def numerical_gradients(net, X, Y, eps=1e-5):
    """[(dW, db), ...] by central differences on ``net`` (which must be float64)."""
    def cost():
        return net.cost(X, Y)

    grads = []
    for W, b in net.parameters:
        grads.append((_central_differences(W, cost, eps), _central_differences(b, cost, eps)))
    return grads


def _central_differences(P, cost, eps):
    """dC/dP, one entry at a time: nudge the entry up and down, restore it."""
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        saved = P[idx]
        P[idx] = saved + eps
        up = cost()
        P[idx] = saved - eps
        down = cost()
        P[idx] = saved
        G[idx] = (up - down) / (2 * eps)
    return G


def gradient_check(net, X, Y, eps=1e-5) -> GradientCheck:
    """Relative error between backprop and central differences, per layer and overall.

    Runs on a float64 copy of ``net`` (float32 rounding would swamp eps), so the
    network itself is left untouched. Keep X small: the cost is 2 forward passes
    per parameter. eps = 1e-5 balances the O(eps^2) error of the formula against
    float64 rounding in the cost, which grows like 1e-16 / eps.

    ReLU has a kink at z = 0 where no derivative exists; if some z sits within eps
    of 0 (say a bias of exactly 0 after a dead unit) the check reports a large error
    that is not a bug. Random non-zero biases avoid it.
    """
    net64 = net.astype("float64")
    backprop = net64.gradients(X, Y)
    numeric = numerical_gradients(net64, X, Y, eps)
    per_layer = [{"layer": i + 1, "W": relative_error(dW, nW), "b": relative_error(db, nb)}
                 for i, ((dW, db), (nW, nb)) in enumerate(zip(backprop, numeric))]
    return GradientCheck(per_layer)

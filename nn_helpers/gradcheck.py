"""Gradient checking: compare backpropagation with central differences.

# n: batch size, d: inputs, k: outputs.  For every parameter p (one entry of some W or b):
#     dC/dp ~ (C(p + eps) - C(p - eps)) / (2 eps)      error O(eps^2)

Backpropagation is fast but easy to get subtly wrong (a missing transpose, a
forgotten 1/n). Central differences are slow, two forward passes per parameter,
but need nothing except the cost itself, so they make an independent referee.

Two forward passes per parameter add up: [784, 100, 10] has 79,510 parameters, about 25
minutes on a laptop. Above ``FULL_CHECK_UP_TO`` entries the check therefore compares a
seeded random sample of entries in every array (and says so); ``sample=None`` forces all.
"""

from __future__ import annotations

import numpy as np

from .checks import warn

FULL_CHECK_UP_TO = 10_000     # parameter entries; above this, a sample per array
SAMPLE_PER_ARRAY = 50


class GradientCheckWarning(UserWarning):
    """The check ran, but part of its answer needs care (a sample, a point at a kink)."""


class GradientCheck(float):
    """The largest relative error over all layers, as a float, with the details.

    ``per_layer`` is a list of dicts {"layer": l, "W": err, "b": err} (l from 1).
    The relative error of a gradient array is |a - b| / max(|a| + |b|, tiny), with
    |.| the Euclidean norm of the whole array: about 1e-9 when backprop is right,
    around 1 when it is wrong.
    """

    per_layer: list
    checked: int     # parameter entries compared
    total: int       # parameter entries in the network

    def __new__(cls, per_layer, checked=None, total=None):
        worst = max(max(row["W"], row["b"]) for row in per_layer)
        self = super().__new__(cls, worst)
        self.per_layer = per_layer
        self.checked, self.total = checked, total
        return self

    def __repr__(self):
        rows = [f"  layer {r['layer']}: W {r['W']:.1e}   b {r['b']:.1e}" for r in self.per_layer]
        sample = ("" if self.checked is None or self.checked == self.total else
                  f" (a random sample: {self.checked:,} of {self.total:,} entries)")
        return "\n".join([f"gradient check, max relative error {float(self):.1e}{sample}",
                          *rows])


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


def _central_differences(P, cost, eps, entries=None):
    """dC/dP, one entry at a time: nudge the entry up and down, restore it. ``entries``
    (flat indices) limits it to a sample; the other entries stay 0."""
    G = np.zeros_like(P)
    indices = np.ndindex(P.shape) if entries is None else (
        np.unravel_index(i, P.shape) for i in entries)
    for idx in indices:
        saved = P[idx]
        P[idx] = saved + eps
        up = cost()
        P[idx] = saved - eps
        down = cost()
        P[idx] = saved
        G[idx] = (up - down) / (2 * eps)
    return G


def gradient_check(net, X, Y, eps=1e-5, sample="auto", seed=0) -> GradientCheck:
    """Relative error between backprop and central differences, per layer and overall.

    Runs on a float64 copy of ``net`` (float32 rounding would swamp eps), so the
    network itself is left untouched; dropout is off (the cost of ``net.cost``). The
    cost is 2 forward passes per parameter entry, so keep X small. eps = 1e-5 balances
    the O(eps^2) error of the formula against float64 rounding in the cost, which grows
    like 1e-16 / eps.

    ``sample``: "auto" checks every entry of a network with up to ``FULL_CHECK_UP_TO``
    of them and otherwise ``SAMPLE_PER_ARRAY`` random entries (``seed``) of each array,
    with a warning; an int checks that many per array; None checks all, however long.

    ReLU has a kink at z = 0 where no derivative exists; if some z sits within reach of
    eps of 0 (say a bias of exactly 0 after a dead unit) the error there is the kink, not
    a bug. The check warns when that happens and names the layer.
    """
    net64 = net.astype("float64")
    X64 = np.asarray(X, dtype=np.float64)
    total = sum(W.size + b.size for W, b in net64.parameters)
    per_array = _entries_per_array(sample, total)
    rng = np.random.default_rng(seed)
    backprop = net64.gradients(X64, Y)
    _warn_about_kinks(net64, X64, eps)

    def cost():
        return net64.cost(X64, Y)

    per_layer, checked = [], 0
    for i, ((W, b), (dW, db)) in enumerate(zip(net64.parameters, backprop)):
        row = {"layer": i + 1}
        for name, P, dP in (("W", W, dW), ("b", b, db)):
            entries = None if per_array is None or per_array >= P.size else np.sort(
                rng.choice(P.size, per_array, replace=False))
            numeric = _central_differences(P, cost, eps, entries)
            if entries is not None:
                dP, numeric = dP.ravel()[entries], numeric.ravel()[entries]
            row[name] = relative_error(dP, numeric)
            checked += P.size if entries is None else len(entries)
        per_layer.append(row)
    if checked < total:
        warn(f"gradient_check compared a random sample of {checked:,} of the network's "
             f"{total:,} parameter entries (2 forward passes each; all of them would take "
             f"{2 * total:,}). Pass sample=None to check every entry.",
             GradientCheckWarning, "gradient_check")
    return GradientCheck(per_layer, checked, total)


def _entries_per_array(sample, total):
    if sample == "auto":
        return None if total <= FULL_CHECK_UP_TO else SAMPLE_PER_ARRAY
    if sample is None:
        return None
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < 1:
        raise ValueError(f"sample must be 'auto', None (every entry) or a whole number of "
                         f"entries per array >= 1; got {sample!r}.")
    return sample


def _warn_about_kinks(net, X, eps):
    """Warn when some z of a layer with a kink (ReLU at 0) is close enough to it that a
    nudge of eps to one parameter can cross it: |z| < eps * (1 + largest input)."""
    cache = net.forward(X)
    for i, (act, Z) in enumerate(zip(net.activations, cache.Z), start=1):
        if act.kink is None:
            continue
        reach = eps * (1.0 + float(np.max(np.abs(cache.A[i - 1]))))
        close = int(np.sum(np.abs(Z - act.kink) < reach))
        if close:
            warn(f"layer {i} ({act.name}): {close} weighted input(s) z lie within {reach:.1e} "
                 f"of the kink at z = {act.kink:g}, where a nudge of eps crosses it. A large "
                 f"error in that layer can be the kink, not a bug: move z away from it (for "
                 f"example small random biases instead of exact zeros) and check again.",
                 GradientCheckWarning, "gradient_check")

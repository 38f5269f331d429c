# n: points, 2 features (x1, x2); X (n, 2) float64, y (n,) int64 labels 0 and 1
"""Toy 2-D data sets for the small networks and the playground: XOR, spirals, moons, circles.

Each ``make_*`` returns ``X, y`` with classes 0 and 1 as balanced as ``n`` allows, drawn from
``np.random.default_rng(seed)``: the same seed gives the same points.
"""

from __future__ import annotations

import numpy as np

__all__ = ["make_circles", "make_moons", "make_spirals", "make_xor"]


def _check_toy_args(n, noise) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an int, got {n!r}")
    if n < 2:
        raise ValueError(f"n must be at least 2 (one point per class), got {n}")
    if not noise >= 0:  # also rejects NaN
        raise ValueError(f"noise must be >= 0, got {noise}")


def _finish(parts, noise, rng, shuffle=True):
    """Stack per-class point arrays, add Gaussian noise, label them 0, 1, ... and shuffle."""
    X = np.concatenate(parts)
    y = np.concatenate([np.full(len(p), c, dtype=np.int64) for c, p in enumerate(parts)])
    X = X + noise * rng.standard_normal(X.shape)
    if shuffle:  # so that any slice X[:m] holds both classes
        order = rng.permutation(len(X))
        X, y = X[order], y[order]
    return X, y


def make_xor(n=4, noise=0.0, seed=0):
    """The XOR problem: points near the corners of the unit square, label = x1 XOR x2.

    With the defaults (n=4, noise=0) this is exactly the truth table
    ``X = [[0, 0], [0, 1], [1, 0], [1, 1]]``, ``y = [0, 1, 1, 0]``. Larger ``n`` cycles
    through the four corners in that order and adds Gaussian noise of standard deviation
    ``noise`` around each, giving four clouds that no straight line can separate.
    """
    _check_toy_args(n, noise)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    which = np.arange(n) % 4  # truth-table order, so any 4 consecutive rows are balanced
    X = corners[which] + noise * np.random.default_rng(seed).standard_normal((n, 2))
    y = (corners[which, 0] != corners[which, 1]).astype(np.int64)
    return X, y


def make_spirals(n=400, noise=0.05, seed=0, turns=1.5):
    """Two interleaved spirals, one per class, each winding ``turns`` times around the origin.

    The second arm is the first rotated by half a turn. Radii grow from 0.1 to 1, so arms
    ``turns`` revolutions long lie about ``0.45 / turns`` apart: keep ``noise`` well below that.
    """
    _check_toy_args(n, noise)
    if not turns > 0:
        raise ValueError(f"turns must be > 0, got {turns}")
    rng = np.random.default_rng(seed)
    parts = []
    for c, m in enumerate((n - n // 2, n // 2)):
        t = np.linspace(0, 1, m)
        radius = 0.1 + 0.9 * t  # start off the origin so the two arms never touch
        angle = 2 * np.pi * turns * t + np.pi * c
        parts.append(radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _finish(parts, noise, rng)


def make_moons(n=200, noise=0.1, seed=0):
    """Two interlocking half circles of radius 1: class 0 arches up, class 1 arches down,
    shifted right by 1 and down by 0.5 so that each moon reaches into the other's hollow."""
    _check_toy_args(n, noise)
    rng = np.random.default_rng(seed)
    upper = np.linspace(0, np.pi, n - n // 2)
    lower = np.linspace(0, np.pi, n // 2)
    parts = [
        np.column_stack([np.cos(upper), np.sin(upper)]),
        np.column_stack([1 - np.cos(lower), 0.5 - np.sin(lower)]),
    ]
    return _finish(parts, noise, rng)


def make_circles(n=200, noise=0.05, seed=0, factor=0.5):
    """Two concentric circles: class 0 on radius 1, class 1 on radius ``factor`` (< 1).
    No straight line separates them; a hidden layer (or the feature x1**2 + x2**2) does."""
    _check_toy_args(n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor (inner radius / outer radius) must be in (0, 1), got {factor}")
    rng = np.random.default_rng(seed)
    parts = []
    for radius, m in ((1.0, n - n // 2), (factor, n // 2)):
        angle = np.linspace(0, 2 * np.pi, m, endpoint=False)
        parts.append(radius * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _finish(parts, noise, rng)

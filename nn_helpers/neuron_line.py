"""A neuron with two inputs as a yes/no rule: the pure functions behind notebook 01's line explorer.

# n: examples, g: grid points per axis.  X: (n, 2) two inputs per example, w: (2,), b: a number.

The neuron computes z = w1 x1 + w2 x2 + b for every example (``X @ w + b``) and says "yes"
when z > 0. The points where z = 0 exactly form a straight line, the **boundary**: every
example on one side of it gets a "yes", every example on the other side a "no". Moving w
tilts the line, moving b slides it. Everything here is NumPy only (no plotting, no widgets),
so it is quick to test; ``nn_helpers.apps.line_explorer`` draws what these functions compute.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["WEATHER_FEATURES", "LineSplit", "boundary_equation", "boundary_segment",
           "split_by_line", "weather_days", "yes_region"]

WEATHER_FEATURES = ("moisture (%)", "temperature (°C)")

# Sixteen made-up days: moisture (%), temperature (°C), and whether it rained the next day.
_WEATHER = [
    (62, 5, 1), (66, 15, 1), (70, 8, 1), (75, 10, 1),
    (80, 16, 1), (85, 12, 1), (90, 18, 1), (95, 22, 1),
    (30, 15, 0), (40, 25, 0), (45, 10, 0), (55, 20, 0),
    (60, 30, 0), (65, 24, 0), (80, 28, 0), (88, 32, 0),
]


def weather_days():
    """The days of notebook 01's line explorer: ``X`` (16, 2) = (moisture %, temperature °C)
    and ``y`` (16,) = 1 if it rained the next day, else 0. A straight line can separate
    them, but the rain neuron of notebook 01's section 1 gets one day wrong."""
    table = np.array(_WEATHER, dtype=float)
    return table[:, :2].copy(), table[:, 2].astype(int)


def _weights(w):
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        raise ValueError(f"w must hold two weights, one per input (shape (2,)); got shape "
                         f"{w.shape}.")
    return w


def _points(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"X must have one row per example and two columns (shape (n, 2)); "
                         f"got shape {X.shape}.")
    return X


def boundary_segment(w, b, window):
    """The piece of the line w1 x1 + w2 x2 + b = 0 inside ``window`` = ((x1 low, x1 high),
    (x2 low, x2 high)): its two end points ((x1, x2), (x1, x2)), or None when the line
    misses the window (or there is no line: w1 = w2 = 0)."""
    w1, w2 = _weights(w)
    (x_lo, x_hi), (y_lo, y_hi) = window
    found = []
    if w2 != 0:  # where the line crosses the left and right edges
        for x in (x_lo, x_hi):
            y = -(w1 * x + b) / w2
            if y_lo <= y <= y_hi:
                found.append((float(x), float(y)))
    if w1 != 0:  # where it crosses the bottom and top edges
        for y in (y_lo, y_hi):
            x = -(w2 * y + b) / w1
            if x_lo <= x <= x_hi:
                found.append((float(x), float(y)))
    if len(found) < 2:
        return None
    # A line through a corner is found twice: keep the two points farthest apart.
    pairs = [(p, q) for i, p in enumerate(found) for q in found[i + 1:]]
    p, q = max(pairs, key=lambda pq: (pq[0][0] - pq[1][0]) ** 2 + (pq[0][1] - pq[1][1]) ** 2)
    if p == q:
        return None
    return p, q


def _number(value):
    """A coefficient as a reader writes it: 0.5, -20, 0.333."""
    text = f"{value:.3g}"
    return "0" if text in ("0", "-0") else text


def boundary_equation(w, b, names=("x1", "x2")):
    """The boundary in words a reader can check by hand, and the side that says yes:
    "x2 = 0.5 x1 - 20 (yes below the line)", "x1 = 40 (yes to the right)", or, with
    w1 = w2 = 0, that there is no line."""
    w1, w2 = _weights(w)
    first, second = names
    if w2 != 0:
        slope, height = -w1 / w2, -b / w2
        rhs = f"{_number(slope)} × {first}" if slope != 0 else ""
        if not rhs:
            rhs = _number(height)
        elif height != 0:
            rhs += f" {'-' if height < 0 else '+'} {_number(abs(height))}"
        side = "above" if w2 > 0 else "below"
        return f"{second} = {rhs} (yes {side} the line)"
    if w1 != 0:
        side = "to the right" if w1 > 0 else "to the left"
        return f"{first} = {_number(-b / w1)} (yes {side} of the line)"
    verdict = "yes" if b > 0 else "no"
    return f"no line: both weights are 0, so z = b = {_number(b)} and every point says {verdict}"


@dataclass(frozen=True)
class LineSplit:
    """Which side of the line each example falls on, and how many sides are right."""

    z: np.ndarray            # (n,) each example's score, X @ w + b
    says_yes: np.ndarray     # (n,) True where z > 0
    correct: np.ndarray      # (n,) True where the side matches the label (all True without labels)
    segment: tuple | None    # the boundary's two end points inside the window, or None
    equation: str            # the boundary written out, and which side says yes

    @property
    def n_correct(self):
        return int(self.correct.sum())

    @property
    def wrong(self):
        """The indices of the examples on the wrong side."""
        return np.flatnonzero(~self.correct)


def split_by_line(X, w, b, y=None, window=None, names=("x1", "x2")):
    """Score every example of ``X`` (n, 2) with z = X @ w + b, say yes where z > 0, compare
    with the labels ``y`` (n,) of 0/1 when given, and give the boundary inside ``window``
    (by default the box around the points)."""
    X, w = _points(X), _weights(w)
    b = float(b)
    z = X @ w + b
    says_yes = z > 0
    if y is None:
        correct = np.ones(len(X), dtype=bool)
    else:
        y = np.asarray(y)
        if y.shape != (len(X),):
            raise ValueError(f"y must hold one label per example (shape ({len(X)},)); got "
                             f"shape {y.shape}.")
        correct = says_yes == (y == 1)
    if window is None:
        window = ((X[:, 0].min(), X[:, 0].max()), (X[:, 1].min(), X[:, 1].max()))
    return LineSplit(z, says_yes, correct, boundary_segment(w, b, window),
                     boundary_equation(w, b, names))


def yes_region(w, b, window, size=200):
    """True at the grid points of ``window`` where the neuron says yes (z > 0): a (g, g)
    array, row = x2 from low to high, column = x1 from low to high (as ``imshow`` with
    ``origin="lower"`` draws it)."""
    w1, w2 = _weights(w)
    (x_lo, x_hi), (y_lo, y_hi) = window
    x1 = np.linspace(x_lo, x_hi, size)
    x2 = np.linspace(y_lo, y_hi, size)
    return (w1 * x1[None, :] + w2 * x2[:, None] + float(b)) > 0

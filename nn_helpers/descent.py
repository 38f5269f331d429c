"""The pure functions behind notebooks 02 and 03: neuron curves, numerical derivatives,
and gradient descent on the two-parameter model y_hat = w * x + b.

# n: examples, g: grid points per axis, s: descent steps.  x, y: (n,) one number per example.

Everything here is NumPy only (no plotting, no widgets) so it is quick to test; the
apps in ``nn_helpers.apps.explorers`` draw what these functions compute.

The loss of notebook 03 is the usual mean squared error (MSE)
    MSE(w, b) = (1/n) sum_i (w x_i + b - y_i)^2
with the gradient
    dMSE/dw = (2/n) sum_i (w x_i + b - y_i) x_i,    dMSE/db = (2/n) sum_i (w x_i + b - y_i).
(The series' quadratic cost is half of this, C = MSE / 2, which drops the 2.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS, elementwise_names, softmax
from .data import standardize  # noqa: F401  (the one standardize, in data/preprocess.py)

# One neuron with one input: a = f(w x + b). Softmax needs a whole vector, so it is not here.
NEURON_ACTIVATIONS = tuple(elementwise_names())


# ---------------------------------------------------------------------------------------
# Notebook 02: one neuron's output curve, and derivatives checked numerically
# ---------------------------------------------------------------------------------------

def neuron_curve(activation, w, b, x):
    """The output a = f(w * x + b) of one neuron at every point of x (any shape)."""
    if activation not in NEURON_ACTIVATIONS:
        raise ValueError(f"activation={activation!r} is not available for a single neuron; "
                         f"choose one of {list(NEURON_ACTIVATIONS)}.")
    return ACTIVATIONS[activation].f(w * np.asarray(x, dtype=float) + b)


def numerical_derivative(f, z, eps=1e-5):
    """Central difference (f(z + eps) - f(z - eps)) / (2 eps), element by element.

    Its error shrinks like eps^2, so with eps = 1e-5 it agrees with the exact derivative to
    about 10 digits wherever f is smooth (not at the kink of ReLU).
    """
    z = np.asarray(z, dtype=float)
    return (f(z + eps) - f(z - eps)) / (2 * eps)


def derivative_error(name, z, eps=1e-5):
    """Largest |f'(z) - numerical derivative| over z for an element-wise activation."""
    activation = ACTIVATIONS[name]
    if activation.prime is None:
        raise ValueError(f"{name!r} is not element-wise; use softmax_jacobian for softmax.")
    return float(np.max(np.abs(activation.prime(z) - numerical_derivative(activation.f, z, eps))))


def softmax_jacobian(z):
    """J[j, i] = d softmax(z)_j / d z_i = s_j (1[i = j] - s_i) for one vector z (k,)."""
    s = softmax(np.asarray(z, dtype=float)[None, :])[0]
    return np.diag(s) - np.outer(s, s)


def numerical_jacobian(f, z, eps=1e-5):
    """J[j, i] = d f(z)_j / d z_i by central differences, for f mapping (k,) -> (m,)."""
    z = np.asarray(z, dtype=float)
    columns = []
    for i in range(z.size):
        step = np.zeros_like(z)
        step[i] = eps
        columns.append((f(z + step) - f(z - step)) / (2 * eps))
    return np.column_stack(columns)


def collapse_linear_layers(W1, b1, W2, b2):
    """Two linear layers as one: (X @ W1 + b1) @ W2 + b2 = X @ (W1 @ W2) + (b1 @ W2 + b2)."""
    return W1 @ W2, b1 @ W2 + b2


# ---------------------------------------------------------------------------------------
# Notebook 03: MSE of y_hat = w x + b, its gradient, its surface, and gradient descent
# ---------------------------------------------------------------------------------------

def _as_xy(x, y):
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if x.shape != y.shape or x.size == 0:
        raise ValueError(f"x and y must hold the same number (>= 1) of values; got x with "
                         f"{x.size} and y with {y.size}.")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must not contain NaN or inf.")
    return x, y


def mse(w, b, x, y):
    """MSE(w, b) = (1/n) sum (w x_i + b - y_i)^2."""
    x, y = _as_xy(x, y)
    return float(np.mean((w * x + b - y) ** 2))


def mse_gradient(w, b, x, y):
    """(dL/dw, dL/db) = ((2/n) sum (w x + b - y) x, (2/n) sum (w x + b - y))."""
    x, y = _as_xy(x, y)
    error = w * x + b - y
    return 2 * float(np.mean(error * x)), 2 * float(np.mean(error))


def numerical_gradient(loss, w, b, eps=1e-6):
    """(d loss/dw, d loss/db) of ``loss(w, b)`` by central differences."""
    return ((loss(w + eps, b) - loss(w - eps, b)) / (2 * eps),
            (loss(w, b + eps) - loss(w, b - eps)) / (2 * eps))


def least_squares(x, y):
    """The (w, b) with the smallest MSE, from np.linalg.lstsq on the columns [x, 1]."""
    x, y = _as_xy(x, y)
    design = np.column_stack([x, np.ones_like(x)])
    (w, b), *_ = np.linalg.lstsq(design, y, rcond=None)
    return float(w), float(b)


def loss_surface(x, y, w_values, b_values):
    """MSE at every (w, b) of a grid: shape (len(b_values), len(w_values)), rows = b.

    Expanding the square, L = w^2 E[x^2] + 2 w b E[x] + b^2 - 2 w E[xy] - 2 b E[y] + E[y^2],
    so the whole grid costs six averages instead of one pass over the data per point.
    """
    x, y = _as_xy(x, y)
    W, B = np.meshgrid(np.asarray(w_values, dtype=float), np.asarray(b_values, dtype=float))
    surface = (W**2 * np.mean(x * x) + 2 * W * B * np.mean(x) + B**2
               - 2 * W * np.mean(x * y) - 2 * B * np.mean(y) + np.mean(y * y))
    return np.maximum(surface, 0.0)  # rounding can leave -1e-16 at the minimum


def surface_window(x, y, start, resolution=121, margin=1.4):
    """A grid (w_values, b_values) centred on the least-squares (w, b), wide enough to show
    ``start`` with some room: each half-width is ``margin`` times the distance to it."""
    w_best, b_best = least_squares(x, y)
    half = margin * max(abs(start[0] - w_best), abs(start[1] - b_best), 0.5)
    return (np.linspace(w_best - half, w_best + half, resolution),
            np.linspace(b_best - half, b_best + half, resolution))


@dataclass
class DescentPath:
    """Where gradient descent went: parameters and loss before each step, shape (s + 1,)."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    lr: float

    @property
    def steps(self):
        return len(self.loss) - 1

    @property
    def final_loss(self):
        return float(self.loss[-1])

    @property
    def diverged(self):
        """True when the loss ended higher than it started (or overflowed)."""
        return not np.isfinite(self.final_loss) or self.final_loss > self.loss[0]


def gradient_descent(x, y, lr, steps=30, start=(-2.0, 3.0), max_loss=1e12):
    """Run w <- w - lr dL/dw, b <- b - lr dL/db for ``steps`` steps from ``start``.

    Returns the whole path. If the loss passes ``max_loss`` the run stops there (a
    diverging run would overflow to inf a few steps later), so the path can be shorter.
    """
    x, y = _as_xy(x, y)
    if not (isinstance(lr, (int, float, np.floating)) and np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a finite number > 0; got {lr!r}.")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"steps must be a whole number >= 0; got {steps!r}.")
    w, b = float(start[0]), float(start[1])
    ws, bs, losses = [w], [b], [mse(w, b, x, y)]
    for _ in range(int(steps)):
        dw, db = mse_gradient(w, b, x, y)
        w, b = w - lr * dw, b - lr * db
        ws.append(w)
        bs.append(b)
        losses.append(mse(w, b, x, y))
        if losses[-1] > max_loss:
            break
    return DescentPath(np.array(ws), np.array(bs), np.array(losses), float(lr))

"""Input checks shared by the network, the training loop and the gradient check.

# n: batch size, d: input features, k: output units.

``warn_about_data`` is the other half: data that can be trained on but is probably not what
was meant (pixels left at 0-255, raw measurements in the hundreds, targets the output layer
cannot produce) gets one ``DataWarning`` per train call, in words a learner understands.

Each check either returns a clean array or raises an error whose message names the
argument, says what was expected and what was given, and how to fix it. They run
once per call of a public function, never inside the training loop's hot path.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES


def check_sizes(sizes):
    """Layer sizes: a list of at least two positive integers, input first."""
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a list of layer sizes such as [784, 30, 10]; "
                        f"got {sizes!r}.") from None
    if len(sizes) < 2:
        raise ValueError(f"sizes needs at least two layers (inputs and outputs), e.g. [2, 1]; "
                         f"got {sizes}.")
    for i, s in enumerate(sizes):
        if not isinstance(s, numbers.Integral) or isinstance(s, bool) or s < 1:
            raise ValueError(f"sizes[{i}] must be a positive whole number of units; got {s!r} "
                             f"in sizes={sizes}.")
    return [int(s) for s in sizes]


def check_positive(name, value, *, integer=False):
    """A finite number > 0 (a learning rate), or a whole number >= 1 (epochs, batch size)."""
    if integer:
        if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1; got {value!r}.")
        return int(value)
    if not isinstance(value, numbers.Real) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0; got {value!r}.")
    return float(value)


def check_fraction(name, value, *, upper_open=True, typical=0.9):
    """A number in [0, 1): momentum, dropout; or [0, inf): weight decay when upper_open is
    False. ``typical`` is the common choice the error message suggests."""
    if not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0; got {value!r}.")
    if upper_open and value >= 1:
        raise ValueError(f"{name} must be below 1 ({typical} is a common choice); got {value!r}.")
    return float(value)


def as_inputs(X, d, dtype, name="X"):
    """X as a float array of shape (n, d) with finite values and n >= 1."""
    X = _numeric(X, name)
    if X.ndim == 1 and d == X.shape[0]:
        raise ValueError(f"{name} must be 2-D with one example per row, shape (n, {d}); got a 1-D "
                         f"array of shape {X.shape}. For one example use {name}.reshape(1, -1).")
    if X.ndim > 2 and math.prod(X.shape[1:]) == d:
        raise ValueError(f"{name} must be 2-D with one example per row, shape (n, {d}); got "
                         f"shape {X.shape}: each example is still a {X.shape[1:]} grid. "
                         f"Flatten each into one row first: {name}.reshape(len({name}), -1).")
    if X.ndim != 2:
        raise ValueError(f"{name} must be 2-D with one example per row, shape (n, {d}); "
                         f"got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty (shape {X.shape}); it needs at least one example (row).")
    if X.shape[1] != d:
        hint = " (transposed? rows are examples)" if X.shape[0] == d else ""
        raise ValueError(f"{name} has {X.shape[1]} columns but the network's input layer has "
                         f"{d} units: expected shape (n, {d}), got {X.shape}{hint}.")
    X = X.astype(dtype, copy=False)
    _check_finite(name, X)
    return X


def as_targets(Y, n, k, dtype, *, loss, output, name="Y"):
    """Y as a float array of shape (n, k) that suits the loss.

    A 1-D Y is accepted only for a single output unit (regression or a yes/no class),
    where it is unambiguous; integer class labels for k > 1 outputs must be one-hot
    encoded first, because the cost compares whole output rows.
    """
    Y = _numeric(Y, name)
    if Y.ndim == 1 and k == 1:
        Y = Y.reshape(-1, 1)
    if Y.ndim == 1:
        raise ValueError(f"{name} looks like integer class labels (1-D, shape {Y.shape}), but the "
                         f"network has {k} output units and the cost needs one-hot rows of shape "
                         f"(n, {k}). Use nn_helpers.data.one_hot({_code_name(name)}, {k}).")
    if Y.ndim != 2:
        raise ValueError(f"{name} must be 2-D, shape (n, {k}); got shape {Y.shape}.")
    if Y.shape[0] != n:
        raise ValueError(f"X and {name} must have the same number of rows (one target per "
                         f"example); X has {n} rows, {name} has {Y.shape[0]}.")
    if Y.shape[1] != k:
        raise ValueError(f"{name} has {Y.shape[1]} columns but the output layer has {k} units: "
                         f"expected shape ({n}, {k}), got {Y.shape}.")
    Y = Y.astype(dtype, copy=False)
    _check_finite(name, Y)
    if LOSSES[loss].probabilities and (Y.min() < 0 or Y.max() > 1):
        raise ValueError(f"{name} must hold probabilities in [0, 1] for loss='cross_entropy' "
                         f"(one-hot rows for classes); got values from {Y.min():g} to "
                         f"{Y.max():g}. Integer labels? Use nn_helpers.data.one_hot.")
    if not ACTIVATIONS[output].elementwise and not np.allclose(Y.sum(axis=1), 1.0, atol=1e-6):
        raise ValueError(f"softmax outputs sum to 1 in every row, so each row of {name} must be "
                         f"a distribution that sums to 1 (a one-hot row for a class label).")
    return Y


def _numeric(A, name):
    """A as a real-valued NumPy array, or a TypeError that says what it is instead."""
    try:
        A = np.asarray(A)
    except ValueError as error:      # ragged nested lists
        raise TypeError(f"{name} must be a rectangular numeric array (every row the same "
                        f"length); NumPy could not make one: {error}") from None
    if np.issubdtype(A.dtype, np.complexfloating):
        raise TypeError(f"{name} holds complex numbers; networks here compute with real "
                        f"numbers. If the imaginary parts are all 0, pass {_code_name(name)}.real.")
    if np.issubdtype(A.dtype, np.bool_):
        raise TypeError(f"{name} holds True/False values; pass numbers, e.g. "
                        f"{_code_name(name)}.astype(float) for 1.0/0.0.")
    if A.dtype == object or not np.issubdtype(A.dtype, np.number):
        what = " (Python objects: None, strings or mixed types?)" if A.dtype == object else ""
        raise TypeError(f"{name} must be a numeric array; got dtype {A.dtype}{what}.")
    return A


def _code_name(name):
    """The variable in an argument's description: "val[1] (Y_val)" -> "Y_val"."""
    return name.rsplit("(", 1)[-1].rstrip(")") if name.endswith(")") else name


def _check_finite(name, A):
    # min and max propagate NaN and show inf, without a boolean array as large as A
    # (for MNIST's 47 million pixels, building that array took 0.07 s per check)
    if not (np.isfinite(A.min()) and np.isfinite(A.max())):
        bad = np.argwhere(~np.isfinite(A))[0]
        raise ValueError(f"{name} contains NaN or inf (first at row {bad[0]}, column {bad[1]}: "
                         f"{A[tuple(bad)]}); clean or impute the data before training.")


# ------------------------------------------------------------------- warnings
# A feature whose typical size (root mean square over the examples) is beyond this is named:
# pixels left at 0-255 or raw measurements, rather than values scaled to about [0, 1] or
# standardised. (A standardised feature has RMS 1, even when a few outliers reach 10 or more.)
LARGE_INPUT = 10.0


def feature_scales(X, rows=2048):
    """The root mean square of each column of X (n, d): its typical size, shape (d,).
    Estimated from at most about ``rows`` evenly spaced rows: enough to tell a feature of
    size 1 from one of size 10, at a small fraction of the cost of reading all of X."""
    X = X[::max(1, len(X) // rows)]
    return np.sqrt(np.einsum("ij,ij->j", X, X, dtype=np.float64) / len(X))


class DataWarning(UserWarning):
    """Training data that is accepted but probably not what was meant."""


def warn_about_data(X_given, X, Y, output, x_name="X", y_name="Y", where="train"):
    """One DataWarning for each likely mistake in (X, Y); ``X_given`` is X as the caller
    passed it (before conversion to floats), ``output`` the output layer's Activation."""
    dtype = np.asarray(X_given).dtype
    integers = np.issubdtype(dtype, np.integer)
    largest = max(float(X.max()), -float(X.min())) if integers else 0.0
    scales = feature_scales(X)
    column = int(np.argmax(scales))
    if integers and largest > 1:
        warn(f"{x_name} holds whole numbers up to {largest:g} (dtype {dtype}): pixel values "
              f"left unscaled? A network learns best from inputs of about -1 to 1; divide by "
              f"the largest possible value first ({x_name} / 255.0 for 8-bit pixels).",
              DataWarning, where)
    elif scales[column] > LARGE_INPUT:
        warn(f"{x_name}'s column {column} has a typical size (root mean square) of "
              f"{scales[column]:.3g}. Inputs that large push sigmoid and tanh units to their "
              f"flat ends and make large gradients at any learning rate. Scale them first: "
              f"pixels to [0, 1], or each feature standardised with the training set's mean "
              f"and spread (nn_helpers.data.standardize).", DataWarning, where)
    low, high = output.range
    y_min, y_max = float(Y.min()), float(Y.max())
    if y_min < low or y_max > high:
        warn(f"{y_name} goes from {y_min:.3g} to {y_max:.3g}, but output={output.name!r} only "
              f"produces values from {low:g} to {high:g}, so the network can never reach "
              f"these targets. For numbers like these use output='identity' (regression), or "
              f"rescale {y_name} into the output's range.", DataWarning, where)


def warn(message, category, where):
    """Warn as nn_helpers.<where>, without the caller's file and line: in a notebook those
    name a temporary file of the kernel (/tmp/ipykernel_<pid>/...), which would put the
    machine into the saved output and change on every run."""
    warnings.warn_explicit(message, category, f"nn_helpers.{where}", 0, module="nn_helpers")

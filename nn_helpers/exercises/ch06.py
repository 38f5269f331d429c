"""Checks for notebook 06 (the training loop, on red-wine quality).

# n: examples, d: features, k: outputs, m: batch size.

Each check builds its own test inputs, runs the reader's function and returns a
Feedback saying what is wrong: statistics from the wrong set or axis, a missing
factor of 2, a last batch forgotten.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..data import standardize as _standardize
from ..losses import mse_grad
from .feedback import Feedback, call_reader, check_function, compare_arrays

__all__ = ["check_standardise", "check_mse_gradient", "check_updates_per_epoch"]


# ------------------------------------------------------------- 1. standardise
def _standardise_reference(X_train, X_other):
    """(X_other - mean) / std, per column, with the statistics of X_train."""
    return _standardize(X_train, X_other)[1]


def _standardise_cases():
    rng = np.random.default_rng(6)
    X_train = rng.normal([10.0, -3.0, 0.5], [4.0, 0.2, 1.5], size=(40, 3))
    X_test = rng.normal([12.0, -2.5, 0.0], [3.0, 0.4, 2.0], size=(15, 3))
    return X_train, X_test


def check_standardise(standardise) -> Feedback:
    """``standardise(X_train, X_other)``: X_other rescaled with the TRAINING set's
    per-column mean and standard deviation."""
    X_train, X_test = _standardise_cases()
    got, problem = call_reader(standardise, "standardise", X_train, X_test)
    if problem is not None:
        return problem
    got = np.asarray(got)
    if got.shape == X_test.shape and np.issubdtype(got.dtype, np.number):
        own = (X_test - X_test.mean(axis=0)) / X_test.std(axis=0)
        if np.allclose(got, own):
            return Feedback(False, "you used the mean and spread of X_other itself. Use the "
                                   "training set's statistics for every set: the test set must "
                                   "stay unseen, and both must be measured on the same scale.")
        whole = (X_test - X_train.mean()) / X_train.std()
        if np.allclose(got, whole):
            return Feedback(False, "you used one mean and one std for the whole table. Each "
                                   "column (feature) needs its own: pass axis=0.")
        if np.allclose(got, X_test - X_train.mean(axis=0)):
            return Feedback(False, "the columns are centred but not divided by the training "
                                   "set's standard deviation.")
    verdict = compare_arrays(got, _standardise_reference(X_train, X_test),
                             "the result of `standardise`")
    if verdict:
        return Feedback(True, "`standardise` uses the training set's per-column mean and std.")
    return verdict


# ----------------------------------------------------------- 2. MSE gradient
def _mse_gradient_reference(A, Y):
    """dC/dA = 2 (A - Y) / (n k), the library's MSE gradient."""
    return mse_grad(A, Y)


def check_mse_gradient(mse_gradient) -> Feedback:
    """``mse_gradient(A, Y)``: dC/dA for C = mean of (a - y)^2 over all n*k entries."""
    rng = np.random.default_rng(7)
    cases = [(rng.normal(size=(8, 1)), rng.normal(size=(8, 1))),
             (rng.normal(size=(5, 3)), rng.normal(size=(5, 3)))]
    return check_function(mse_gradient, _mse_gradient_reference, cases, "mse_gradient")


# ------------------------------------------------------ 3. updates per epoch
def _updates_reference(n, batch_size):
    return math.ceil(n / batch_size)


def check_updates_per_epoch(updates_per_epoch) -> Feedback:
    """``updates_per_epoch(n, batch_size)``: how many SGD steps one epoch makes when the
    last batch may be smaller than the others."""
    cases = [(1279, 32), (1280, 32), (100, 10), (7, 10), (1279, 1), (50000, 10), (11, 10)]
    for n, m in cases:
        got, problem = call_reader(updates_per_epoch, "updates_per_epoch", n, m)
        if problem is not None:
            return problem
        expected = _updates_reference(n, m)
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return Feedback(False, f"updates_per_epoch({n}, {m}) should be a whole number of "
                                   f"steps such as {expected}; got {type(got).__name__} "
                                   f"{got!r:.60}.")
        if got == expected:
            continue
        if got == n // m:
            return Feedback(False, f"updates_per_epoch({n}, {m}) = {got}: the last, smaller "
                                   f"batch of {n % m} examples is missing. Round up, not down.")
        if got == m // n or got == math.ceil(m / n):
            return Feedback(False, f"updates_per_epoch({n}, {m}) = {got}: n and batch_size are "
                                   f"swapped.")
        return Feedback(False, f"updates_per_epoch({n}, {m}) should be {expected}, got {got!r}.")
    return Feedback(True, f"`updates_per_epoch` is right on {len(cases)} cases, including a "
                          f"last batch smaller than the rest.")


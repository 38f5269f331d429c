"""Checks for notebook 07 (handwritten digits, MNIST).

# n: examples, p: pixels (inputs), h: hidden units, k = 10 classes.

Each check builds its own small test inputs, runs the reader's function and returns
a Feedback that says what is wrong (rows and columns swapped, a transpose, a 1/n).
"""

from __future__ import annotations

import numpy as np

from ..digits import confusion_matrix
from .feedback import Feedback, call_reader, check_function, compare_arrays

__all__ = ["check_count_confusions", "check_weight_gradient"]


# ------------------------------------------------------- 1. confusion matrix
def _confusion_cases():
    rng = np.random.default_rng(70)
    y_true = rng.integers(0, 10, size=200)
    y_pred = np.where(rng.random(200) < 0.7, y_true, rng.integers(0, 10, size=200))
    return y_true, y_pred


def check_count_confusions(count_confusions) -> Feedback:
    """``count_confusions(y_true, y_pred)``: a (10, 10) table, row = true digit,
    column = predicted digit, entry = how many examples."""
    y_true, y_pred = _confusion_cases()
    expected = confusion_matrix(y_true, y_pred, 10)
    got, problem = call_reader(count_confusions, "count_confusions", y_true, y_pred)
    if problem is not None:
        return problem
    got = np.asarray(got)
    if got.shape == expected.shape and np.array_equal(got, expected.T):
        return Feedback(False, "rows and columns are swapped: row i should be the TRUE digit i, "
                               "column j the PREDICTED digit j (counts[y_true, y_pred]).")
    if got.shape == expected.shape and got.sum() != len(y_true):
        return Feedback(False, f"the entries add up to {got.sum():g}, but every one of the "
                               f"{len(y_true)} examples should be counted exactly once.")
    verdict = compare_arrays(got, expected, "your confusion matrix")
    if verdict:
        return Feedback(True, "`count_confusions` counts every (true, predicted) pair.")
    return verdict


# -------------------------------------------------- 2. BP4 without a loop
def _weight_gradient_reference(A_prev, delta):
    return A_prev.T @ delta


def check_weight_gradient(weight_gradient) -> Feedback:
    """``weight_gradient(A_prev, delta)``: the sum over the batch of the per-example
    outer products outer(a_prev, delta), written as one matrix product (BP4)."""
    rng = np.random.default_rng(71)
    cases = [(rng.random((6, 4)), rng.normal(size=(6, 3))),
             (rng.random((10, 5)), rng.normal(size=(10, 2)))]
    return check_function(weight_gradient, _weight_gradient_reference, cases, "weight_gradient")


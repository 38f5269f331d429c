"""Checks for notebook 09 (debugging a network).

# n: batch size, h: units of a hidden layer, q: units of the next layer, d: input features.
# delta_next: (n, q), W_next: (h, q), Z: (n, h), A: (n, h); X_train: (m, d), X: (n, d).

The checks use unequal sizes (n, h, q all different) so that a missing transpose fails
loudly, and name the bugs this chapter is about: a forgotten f'(z), a transpose in the wrong
place, counting dead entries instead of dead units, scaling with the wrong statistics.
"""

from __future__ import annotations

import numpy as np

from ..activations import relu, sigmoid, sigmoid_prime
from ..data import standardize as _standardize  # check_standardize's argument is the reader's
from .ch04 import call_reader, diagnose
from .feedback import Feedback

__all__ = ["check_hidden_delta", "check_dead_fraction", "check_standardize",
           "sigmoid", "sigmoid_prime"]


# ------------------------------------------------ 1. repair the buggy backward pass (BP2)
def check_hidden_delta(hidden_delta) -> Feedback:
    """Check hidden_delta(delta_next, W_next, Z) -> (delta_next @ W_next.T) * sigma'(Z)."""
    name = "hidden_delta"
    rng = np.random.default_rng(10)
    n, h, q = 5, 4, 3
    delta_next = rng.standard_normal((n, q))
    W_next = rng.standard_normal((h, q))
    Z = rng.standard_normal((n, h))
    got, problem = call_reader(hidden_delta, name, delta_next, W_next, Z)
    if problem is not None:
        return problem
    back = delta_next @ W_next.T
    expected = back * sigmoid_prime(Z)
    verdict = diagnose(got, expected, f"`{name}`", [
        (back, "the factor sigma'(Z) is missing: BP2 multiplies the error sent back through "
               "the weights by the slope of this layer's activation, element by element."),
        (back * sigmoid(Z), "you multiplied by sigma(Z); BP2 needs its slope sigma'(Z) = "
                            "sigma(Z) * (1 - sigma(Z))."),
        (back * sigmoid_prime(sigmoid(Z)), "you used sigma'(A) = sigma'(sigma(Z)); the slope "
                                           "is taken at the weighted input Z."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` is BP2: (delta_next @ W_next.T) * sigma'(Z). The "
                          f"gradient check would now pass.")


# ------------------------------------------------ 2. dead ReLU units
def dead_fraction_reference(A):
    """Fraction of units (columns) that are 0 for every example (row)."""
    return float(np.mean(np.all(A <= 0, axis=0)))


def check_dead_fraction(dead_fraction) -> Feedback:
    """Check dead_fraction(A) -> fraction of the h units that output 0 for all n examples."""
    name = "dead_fraction"
    rng = np.random.default_rng(11)
    n, h = 8, 10
    Z = rng.standard_normal((n, h)) + 0.3
    Z[:, [1, 4, 7, 8]] = -np.abs(Z[:, [1, 4, 7, 8]]) - 0.1   # four dead units
    A = relu(Z)
    got, problem = call_reader(dead_fraction, name, A)
    if problem is not None:
        return problem
    expected = dead_fraction_reference(A)
    if np.ndim(got) != 0:
        return Feedback(False, f"`{name}` should return one number (a fraction of the units); "
                               f"got an array of shape {np.shape(got)}. Did you forget the "
                               f"final mean?")
    known = [
        (float(np.mean(A == 0)), "that is the fraction of zero entries. A unit is dead "
                                 "only when its column is 0 for every example: use "
                                 "np.all(A <= 0, axis=0), then the mean over units."),
        (float(np.mean(np.all(A <= 0, axis=1))), "you looked along rows (axis=1), i.e. "
                                                 "examples where every unit is 0. A unit is "
                                                 "a column: use axis=0."),
        (float(np.sum(np.all(A <= 0, axis=0))), "that is the number of dead units; divide by "
                                                "the number of units to get a fraction."),
        (1 - expected, "that is the fraction of units that are alive."),
    ]
    verdict = diagnose(got, expected, f"`{name}`", known)
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` finds {expected:.0%} dead units: 4 of the {h}.")


# ------------------------------------------------ 3. scaling inputs with training statistics
def standardize_reference(X_train, X):
    """(X - mean) / (std + 1e-8), per feature, with the statistics of X_train."""
    return _standardize(X_train, X, eps=1e-8)[1]


def check_standardize(standardize) -> Feedback:
    """Check standardize(X_train, X) -> (X - mean) / (std + 1e-8), with the mean and standard
    deviation of each feature (column) measured on X_train."""
    name = "standardize"
    rng = np.random.default_rng(12)
    X_train = rng.uniform(0, 255, (20, 6)) * np.arange(1, 7)
    X = rng.uniform(0, 255, (5, 6)) * np.arange(1, 7) + 40
    got, problem = call_reader(standardize, name, X_train, X)
    if problem is not None:
        return problem
    expected = standardize_reference(X_train, X)
    wrong_stats = (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8)
    per_row = ((X - X_train.mean(axis=1).mean()) / (X_train.std(axis=1).mean() + 1e-8))
    verdict = diagnose(got, expected, f"`{name}(X_train, X)`", [
        (wrong_stats, "you used the mean and spread of X itself. Measure them on the training "
                      "data only, and apply those same numbers to every other set (validation, "
                      "test, a new photo): otherwise each set is scaled differently."),
        ((X - X_train.mean()) / (X_train.std() + 1e-8),
         "you used one mean and one std over all the numbers; take them per feature, "
         "X_train.mean(axis=0) and X_train.std(axis=0)."),
        (per_row, "the statistics must be per feature (column, axis=0), not per example."),
        (X - X_train.mean(axis=0), "the centring is right, but you did not divide by the "
                                   "standard deviation."),
        (X / (X_train.std(axis=0) + 1e-8), "you divided by the std but did not subtract the "
                                           "mean first."),
        (X / 255, "dividing by 255 puts pixels in [0, 1], a good first fix; this exercise asks "
                  "for the mean and std per feature measured on X_train."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` centres and scales each feature with the training set's "
                          f"statistics.")

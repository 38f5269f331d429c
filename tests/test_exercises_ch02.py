"""Notebook 02's checks accept right answers and explain the typical wrong ones."""

import numpy as np
from verdicts import fails_with

from nn_helpers.exercises.ch02 import check_collapse, check_sigmoid_prime, check_softmax


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_placeholders_are_not_attempted():
    for check in (check_sigmoid_prime, check_collapse, check_softmax):
        fails_with(check(None), "placeholder")

    def placeholder(*args):
        raise NotImplementedError

    fails_with(check_sigmoid_prime(placeholder), "placeholder")


def test_sigmoid_prime():
    assert check_sigmoid_prime(lambda z: _sigmoid(z) * (1 - _sigmoid(z)))
    fails_with(check_sigmoid_prime(_sigmoid), "not its slope")
    fails_with(check_sigmoid_prime(lambda z: z * (1 - z)), "sigma(z) in both places")
    fails_with(check_sigmoid_prime(lambda z: _sigmoid(z) * (1 + _sigmoid(z))), "sign")
    fails_with(check_sigmoid_prime(lambda z: 2 * _sigmoid(z) * (1 - _sigmoid(z))),
               "constant factor")
    fails_with(check_sigmoid_prime(lambda z: 1 / 0), "ZeroDivisionError")


def test_collapse():
    assert check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2))
    fails_with(check_collapse(lambda W1, b1, W2, b2: ((W1 @ W2).T, b1 @ W2 + b2)), "W1 @ W2")
    fails_with(check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b2)), "b1 @ W2 + b2")
    fails_with(check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2)), "missing b2")
    fails_with(check_collapse(lambda W1, b1, W2, b2: W1 @ W2), "pair (W, b)")
    fails_with(check_collapse(lambda W1, b1, W2, b2: (-(W1 @ W2), b1 @ W2 + b2)),
               "opposite sign")


def test_softmax():
    def stable(Z):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    def naive(Z):
        return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)

    assert check_softmax(stable)
    with np.errstate(all="ignore"):
        fails_with(check_softmax(naive), "overflow", "maximum")
    fails_with(check_softmax(lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)),
               "COLUMN", "axis=1")
    fails_with(check_softmax(lambda Z: np.exp(Z) / np.exp(Z).sum()), "whole table")
    fails_with(check_softmax(np.exp), "did not divide")

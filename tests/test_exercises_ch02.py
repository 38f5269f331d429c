"""Notebook 02's checks accept right answers and explain the typical wrong ones."""

import math

import numpy as np
import pytest
from verdicts import fails_with

from nn_helpers.exercises.ch02 import (
    check_collapse,
    check_collapse3,
    check_leaky_relu_prime,
    check_sigmoid_prime,
    check_softmax,
)


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


def test_placeholders_name_the_readers_function():
    def softmax_rows(Z):
        raise NotImplementedError

    fails_with(check_softmax(softmax_rows), "`softmax_rows` is still the placeholder")
    fails_with(check_collapse3(None), "`collapse3` is still the placeholder")
    fails_with(check_leaky_relu_prime(None), "`leaky_relu_prime` is still the placeholder")


def test_math_exp_on_an_array_gets_a_hint_not_a_traceback():
    def with_math(z):
        s = 1 / (1 + math.exp(-z))
        return s * (1 - s)

    verdict = check_sigmoid_prime(with_math)
    fails_with(verdict, "`math.exp`", "np.exp(-z)", "ONE number at a time")
    assert "TypeError" not in verdict.message and "scalars" not in verdict.message
    fails_with(check_softmax(lambda Z: math.exp(Z)), "np.exp")


def test_adding_the_two_biases_in_the_collapse_gets_a_reason():
    verdict = check_collapse(lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2))
    fails_with(verdict, "added the biases", "(4,) and (2,)", "b1 @ W2 + b2")
    assert "broadcast" not in verdict.message


def _three(W1, b1, W2, b2, W3, b3):
    return W1 @ W2 @ W3, (b1 @ W2 + b2) @ W3 + b3


@pytest.mark.parametrize("fn", [
    _three,
    lambda W1, b1, W2, b2, W3, b3: (W1 @ (W2 @ W3), b1 @ W2 @ W3 + b2 @ W3 + b3),
    lambda W1, b1, W2, b2, W3, b3: [np.linalg.multi_dot([W1, W2, W3]),
                                    ((b1 @ W2) + b2) @ W3 + b3],
])
def test_collapse3_right_answers_pass(fn):
    assert check_collapse3(fn)


@pytest.mark.parametrize("fn,words", [
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 + b2 + b3),
     ["added the biases", "(4,) and (5,) and (2,)"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 @ W2 + b2 @ W3 + b3),
     ["must still pass through W3"]),
    (lambda W1, b1, W2, b2, W3, b3: (W3 @ W2 @ W1, b3), ["wrong order"]),
    (lambda W1, b1, W2, b2, W3, b3: ((W1 @ W2 @ W3).T, b3), ["shape (2, 3)"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2, b3), ["W3 are missing"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b3), ["just b3"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 @ W2 @ W3 + b3), ["b2 is missing"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b2 @ W3 + b3), ["b1 is missing"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, (b1 @ W2 + b2) @ W3), ["b3 is missing"]),
    (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 @ W3), ["The sizes: W1 (3, 4)"]),
    (lambda W1, b1, W2, b2, W3, b3: W1 @ W2 @ W3, ["pair (W, b)"]),
    (lambda W1, b1, W2, b2, W3, b3: (-(W1 @ W2 @ W3), b3), ["opposite sign"]),
])
def test_collapse3_wrong_answers_fail_with_a_reason(fn, words):
    verdict = check_collapse3(fn)
    fails_with(verdict, *words)
    assert "called with" not in verdict.message


@pytest.mark.parametrize("fn", [
    lambda z: np.where(z > 0, 1.0, 0.1),
    lambda z: (z > 0) * 0.9 + 0.1,
    lambda z: np.array([1.0 if v > 0 else 0.1 for v in z]),
])
def test_leaky_relu_prime_right_answers_pass(fn):
    assert check_leaky_relu_prime(fn)


def _python_if(z):
    if z > 0:
        return 1.0
    return 0.1


@pytest.mark.parametrize("fn,words", [
    (lambda z: (z > 0).astype(float), ["plain ReLU's slope"]),
    (lambda z: np.where(z > 0, z, 0.1 * z), ["leaky ReLU itself"]),
    (lambda z: np.where(z > 0, 1.0, 0.1 * z), ["VALUE of the piece"]),
    (lambda z: np.where(z > 0, z, 0.1), ["slope is 1"]),
    (lambda z: np.where(z > 0, 0.1, 1.0), ["swapped"]),
    (lambda z: np.ones_like(z), ["only on the right side"]),
    (lambda z: 1.0, ["returned shape ()", "one slope per entry"]),
    (_python_if, ["`if z > 0:`", "np.where"]),
    (lambda z: np.where(z > 0, 1.0, 0.2), ["different values"]),
    (lambda z: "1 or 0.1", ["array of numbers"]),
])
def test_leaky_relu_prime_wrong_answers_fail_with_a_reason(fn, words):
    verdict = check_leaky_relu_prime(fn)
    fails_with(verdict, *words)
    assert "Traceback" not in verdict.message and "ambiguous" not in verdict.message

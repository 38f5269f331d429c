"""Notebook 09's checks accept right answers and explain the typical wrong ones."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid, sigmoid_prime
from nn_helpers.exercises.ch09 import check_dead_fraction, check_hidden_delta, check_standardize


def test_placeholders_are_not_attempted():
    for check in (check_hidden_delta, check_dead_fraction, check_standardize):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message


def test_hidden_delta_accepts_bp2():
    ok, message = verdict_of(check_hidden_delta,
                             lambda d, W, Z: (d @ W.T) * sigmoid_prime(Z))
    assert ok, message
    ok, message = verdict_of(check_hidden_delta,
                             lambda d, W, Z: (d @ W.T) * sigmoid(Z) * (1 - sigmoid(Z)))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda d, W, Z: d @ W.T, "sigma'(Z) is missing"),
    (lambda d, W, Z: (d @ W) * sigmoid_prime(Z), "transpose"),
    (lambda d, W, Z: (d @ W.T) * sigmoid(Z), "its slope"),
    (lambda d, W, Z: (d @ W.T) * sigmoid_prime(sigmoid(Z)), "sigma'(A)"),
    (lambda d, W, Z: -(d @ W.T) * sigmoid_prime(Z), "opposite sign"),
])
def test_hidden_delta_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_hidden_delta, wrong)
    assert not ok and words in message, message


def test_dead_fraction_accepts_units_dead_on_every_example():
    ok, message = verdict_of(check_dead_fraction, lambda A: np.mean(np.all(A == 0, axis=0)))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda A: np.mean(A == 0), "zero entries"),
    (lambda A: np.mean(np.all(A == 0, axis=1)), "axis=0"),
    (lambda A: np.sum(np.all(A == 0, axis=0)), "number of dead units"),
    (lambda A: np.all(A == 0, axis=0), "one number"),
    (lambda A: 1 - np.mean(np.all(A == 0, axis=0)), "alive"),
])
def test_dead_fraction_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_dead_fraction, wrong)
    assert not ok and words in message, message


def test_standardize_accepts_training_statistics():
    ok, message = verdict_of(check_standardize,
                             lambda Xt, X: (X - Xt.mean(axis=0)) / (Xt.std(axis=0) + 1e-8))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda Xt, X: (X - X.mean(axis=0)) / (X.std(axis=0) + 1e-8), "training data only"),
    (lambda Xt, X: (X - Xt.mean()) / (Xt.std() + 1e-8), "per feature"),
    (lambda Xt, X: X - Xt.mean(axis=0), "did not divide"),
    (lambda Xt, X: X / (Xt.std(axis=0) + 1e-8), "subtract the"),
    (lambda Xt, X: X / 255, "255"),
    (lambda Xt, X: (X - Xt.mean(axis=1)) / Xt.std(axis=1), "ValueError"),
])
def test_standardize_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_standardize, wrong)
    assert not ok and words in message, message

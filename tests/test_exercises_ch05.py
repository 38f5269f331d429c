"""Notebook 05's checks accept BP1-BP4 done right and explain the typical mistakes."""

import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid, sigmoid_prime
from nn_helpers.exercises.ch05 import (
    check_hidden_error,
    check_output_error,
    check_param_gradients,
    check_shapes,
    expected_shapes,
)


# ----------------------------------------------------------------------- BP1
def test_output_error_accepts_bp1():
    ok, message = verdict_of(check_output_error,
                             lambda Z, A, Y: (A - Y) / len(A) * sigmoid_prime(Z))
    assert ok, message
    ok, message = verdict_of(check_output_error, lambda Z, A, Y: (A - Y) * A * (1 - A) / len(A))
    assert ok, message   # A(1 - A) is sigma'(Z) for a sigmoid: also right


@pytest.mark.parametrize("wrong,words", [
    (lambda Z, A, Y: (A - Y) * sigmoid_prime(Z), "1/n is missing"),
    (lambda Z, A, Y: (Y - A) / len(A) * sigmoid_prime(Z), "sign is flipped"),
    (lambda Z, A, Y: (A - Y) / len(A), "sigma'(Z) is missing"),
    (lambda Z, A, Y: (A - Y) / len(A) * sigmoid_prime(A), "sigma'(A)"),
    (lambda Z, A, Y: ((A - Y) / len(A) * sigmoid_prime(Z)).T, "transpose"),
    (lambda Z, A, Y: ((A - Y) * sigmoid_prime(Z)).mean(axis=0), "shape"),
])
def test_output_error_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_output_error, wrong)
    assert not ok
    assert words in message


# --------------------------------------------------------------- BP3 and BP4
def right_params(A_prev, delta):
    return A_prev.T @ delta, delta.sum(axis=0)


def test_param_gradients_accepts_bp3_bp4():
    ok, message = verdict_of(check_param_gradients, right_params)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda A, d: (d.T @ A, d.sum(axis=0)), "layout of W in the textbook"),
    (lambda A, d: (A.T @ d / len(A), d.sum(axis=0)), "plain sum"),
    (lambda A, d: (A.T @ d, d.mean(axis=0)), "you took the mean"),
    (lambda A, d: (A.T @ d, d.sum(axis=0, keepdims=True)), "keepdims"),
    (lambda A, d: (A.T @ d, d.sum(axis=1)), "wrong axis"),
    (lambda A, d: (-(A.T @ d), d.sum(axis=0)), "opposite sign"),
    (lambda A, d: (A @ d, d.sum(axis=0)), "transpose"),          # @ fails: inner sizes differ
    (lambda A, d: A.T @ d, "two arrays"),
])
def test_param_gradients_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_param_gradients, wrong)
    assert not ok
    assert words in message


# ----------------------------------------------------------------------- BP2
def test_hidden_error_accepts_bp2():
    ok, message = verdict_of(check_hidden_error,
                             lambda d, W, Z: (d @ W.T) * sigmoid_prime(Z))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda d, W, Z: (d @ W) * sigmoid_prime(Z), "transpose"),   # missing .T: @ fails
    (lambda d, W, Z: d @ W.T, "sigma'(Z) is missing"),
    (lambda d, W, Z: -(d @ W.T) * sigmoid_prime(Z), "sign is flipped"),
    (lambda d, W, Z: (d @ W.T) * sigmoid_prime(sigmoid(Z)), "belongs at Z"),
    (lambda d, W, Z: (d @ W.T) * sigmoid(Z), "different values"),
])
def test_hidden_error_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_hidden_error, wrong)
    assert not ok
    assert words in message


# -------------------------------------------------------------------- shapes
RIGHT = {"A1": (32, 30), "delta2": (32, 10), "W2": (30, 10), "dW2": (30, 10), "db2": (10,)}


def test_shapes_accepts_the_right_table():
    assert expected_shapes() == RIGHT
    ok, message = verdict_of(check_shapes, RIGHT)
    assert ok, message
    ok, message = verdict_of(check_shapes, {**RIGHT, "A1": [32, 30], "db2": 10})
    assert ok, message   # lists and a bare number for a 1-D shape are fine


@pytest.mark.parametrize("change,words", [
    ({"W2": (10, 30)}, "reversed"),
    ({"dW2": (32, 30, 10)}, "summed away"),
    ({"db2": (32, 10)}, "summed away"),
    ({"db2": (1, 10)}, "1-D array"),
    ({"delta2": (32, 30)}, "shape table"),
    ({"A1": None}, "still None"),
    ({"A1": "32x30"}, "tuple of whole numbers"),
])
def test_shapes_explains_typical_mistakes(change, words):
    ok, message = verdict_of(check_shapes, {**RIGHT, **change})
    assert not ok
    assert words in message


def test_shapes_placeholder_and_bad_answers():
    ok, message = verdict_of(check_shapes, dict.fromkeys(RIGHT))
    assert not ok and "placeholder" in message
    ok, message = verdict_of(check_shapes, None)
    assert not ok and "placeholder" in message
    ok, message = verdict_of(check_shapes, {"A1": (32, 30)})
    assert not ok and "missing" in message
    ok, message = verdict_of(check_shapes, [(32, 30)])
    assert not ok and "dict" in message


@pytest.mark.parametrize("check", [check_output_error, check_param_gradients,
                                   check_hidden_error])
def test_placeholders_are_reported(check):
    ok, message = verdict_of(check, None)
    assert not ok and "placeholder" in message

"""Notebook 05's checks accept the right answers and explain the typical mistakes, each with
a hint (never a traceback)."""

import math

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid_prime
from nn_helpers.exercises.ch05 import (
    RELU_ZEROS,
    by_hand_expected,
    check_by_hand,
    check_hidden_error_tanh,
    check_output_error_ce,
    check_relu_zeros,
    check_shapes,
    expected_shapes,
)
from nn_helpers.worked import backward, tiny_network

# -------------------------------------------------------------------- shapes
RIGHT = {"A1": (32, 30), "delta2": (32, 10), "W2": (30, 10), "dW2": (30, 10), "db2": (10,)}


def test_shapes_accepts_the_right_table():
    assert expected_shapes() == RIGHT
    ok, message = verdict_of(check_shapes, RIGHT)
    assert ok, message
    ok, message = verdict_of(check_shapes, {**RIGHT, "A1": [32, 30], "db2": [10]})
    assert ok, message   # lists are fine


@pytest.mark.parametrize("change,words", [
    ({"W2": (10, 30)}, "reversed"),
    ({"dW2": (32, 30, 10)}, "summed away"),
    ({"db2": (32, 10)}, "summed away"),
    ({"db2": (1, 10)}, "1-D array"),
    ({"delta2": (32, 30)}, "shape table"),
    ({"A1": None}, "still None"),
    ({"A1": "32x30"}, "tuple of whole numbers"),
    ({"A1": "(32, 30)"}, "tuple of whole numbers"),
    ({"db2": 10}, "plain number 10, not a shape"),          # a number where a tuple is asked
    ({"db2": 10.0}, "plain number"),
    ({"A1": 960}, "plain number"),
    ({"A1": (32, 30.5)}, "whole numbers"),
    ({"A1": (True, 30)}, "whole numbers"),
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


# ---------------------------------------------------------- by hand, y = 0
HAND = {key: round(value, 4) for key, value in by_hand_expected(0.0).items()}


def test_by_hand_accepts_numbers_computed_from_rounded_values():
    g = backward(tiny_network(y=0.0))
    assert HAND["delta2"] == pytest.approx(g["delta2"][0], abs=1e-4)
    ok, message = verdict_of(check_by_hand, HAND)
    assert ok, message
    # the reader multiplies the 4-decimal numbers of the trace: 0.6068 x 0.2386, ...
    rounded = {"delta2": 0.6068 * 0.2386, "delta1_0": 0.1448 * 0.2350,
               "delta1_1": -0.5 * 0.1448 * 0.2350, "dw1_10": 0.5 * 0.1448 * 0.2350}
    ok, message = verdict_of(check_by_hand, rounded)
    assert ok, message
    ok, message = verdict_of(check_by_hand, {**HAND, "delta2": np.float64(HAND["delta2"])})
    assert ok, message


OLD = by_hand_expected(1.0)


@pytest.mark.parametrize("change,words", [
    ({"delta2": OLD["delta2"]}, "target y = 1"),
    ({"delta2": -HAND["delta2"]}, "sign is flipped"),
    ({"delta2": 0.6068}, "also multiplies by the output's slope"),
    ({"delta1_0": 0.1448}, "own slope"),
    ({"delta1_0": -0.5 * 0.1448 * 0.2350}, "other hidden neuron"),
    ({"delta1_1": 0.1448 * 0.2350}, "other hidden neuron"),
    ({"delta1_1": -HAND["delta1_1"]}, "sign is flipped"),
    ({"delta1_1": OLD["delta1_1"]}, "target y = 1"),
    ({"dw1_10": 1.0 * HAND["delta1_0"]}, "you used x_0"),
    ({"dw1_10": 0.5 * HAND["delta1_1"]}, "you used δ[1]_1"),
    ({"dw1_10": 0.9}, "Write its equation"),
    ({"dw1_10": None}, "still None"),
    ({"dw1_10": (0.017,)}, "one number"),
    ({"dw1_10": np.array([0.017, 0.0])}, "of shape (2,)"),
    ({"dw1_10": "0.017"}, "one number"),
    ({"dw1_10": float("nan")}, "not a number"),
])
def test_by_hand_explains_typical_mistakes(change, words):
    ok, message = verdict_of(check_by_hand, {**HAND, **change})
    assert not ok
    assert words in message


def test_by_hand_placeholder_and_bad_answers():
    assert "placeholder" in verdict_of(check_by_hand, None)[1]
    assert "placeholder" in verdict_of(check_by_hand, dict.fromkeys(HAND))[1]
    assert "missing" in verdict_of(check_by_hand, {"delta2": 0.1})[1]
    assert "dict" in verdict_of(check_by_hand, 0.1448)[1]


# ------------------------------------------------------------- ReLU zeros
def test_relu_zeros_are_the_true_zeros_of_the_network():
    g = backward(tiny_network("relu"))
    zeros = {f"w[1]_{k}{j}" for k in range(2) for j in range(2) if g["dW1"][k, j] == 0}
    zeros |= {f"b[1]_{j}" for j in range(2) if g["db1"][j] == 0}
    zeros |= {f"w[2]_{k}0" for k in range(2) if g["dW2"][k, 0] == 0}
    zeros |= {"b[2]_0"} if g["db2"][0] == 0 else set()
    assert zeros == RELU_ZEROS


def test_relu_zeros_accepts_the_answer_in_several_spellings():
    for answer in (set(RELU_ZEROS), list(RELU_ZEROS), {"dC/dw[1]_01", "W[1]_11 ", "b[1]_1",
                                                        "dC/dw[2]_10"}):
        ok, message = verdict_of(check_relu_zeros, answer)
        assert ok, message


@pytest.mark.parametrize("answer,words", [
    ({"w[1]_10", "w[1]_11", "b[1]_1", "w[2]_10"}, "second index 1"),
    ({"w[1]_01", "w[1]_11", "b[1]_1"}, "LEAVES"),
    ({"w[1]_01", "w[1]_11", "w[2]_10"}, "a bias learns"),
    ({"w[1]_01", "w[1]_11", "b[1]_1", "w[2]_10", "w[1]_00"}, "not exactly 0"),
    ({"w[1]_01"}, "some are missing"),
    ({"w[3]_01"}, "not parameters of the network"),
    ("w[1]_01, w[1]_11", "one string"),
    ({1, 2}, "strings"),
    (42, "set of names"),
])
def test_relu_zeros_explains_typical_mistakes(answer, words):
    ok, message = verdict_of(check_relu_zeros, answer)
    assert not ok
    assert words in message
    assert "w[2]_10" not in message or "LEAVES" not in message   # no answer given away


# ------------------------------------------------------------- BP2 for tanh
def test_hidden_error_tanh_accepts_bp2():
    for right in (lambda d, W, Z: (d @ W.T) * (1 - np.tanh(Z) ** 2),
                  lambda d, W, Z: (d @ W.T) / np.cosh(Z) ** 2):
        ok, message = verdict_of(check_hidden_error_tanh, right)
        assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda d, W, Z: (d @ W) * (1 - np.tanh(Z) ** 2), "transpose"),   # @ fails
    (lambda d, W, Z: d @ W.T, "slope of tanh is missing"),
    (lambda d, W, Z: (d @ W.T) * sigmoid_prime(Z), "sigmoid's slope"),
    (lambda d, W, Z: (d @ W.T) * (1 - Z ** 2), "1 - Z**2"),
    (lambda d, W, Z: (d @ W.T) * (1 - np.tanh(Z)), "is squared"),
    (lambda d, W, Z: (d @ W.T) * np.tanh(Z), "activation itself"),
    (lambda d, W, Z: (d @ W.T) * (1 - np.tanh(np.tanh(Z)) ** 2), "belongs at Z"),
    (lambda d, W, Z: -(d @ W.T) * (1 - np.tanh(Z) ** 2), "sign is flipped"),
    (lambda d, W, Z: (d @ W.T) * (1 - math.tanh(Z) ** 2), "np.tanh"),  # math on an array
    (lambda d, W, Z: ((d @ W.T) * (1 - np.tanh(Z) ** 2)).T, "transpose"),
    (lambda d, W, Z: (d @ W.T) * 0.5, "different values"),
])
def test_hidden_error_tanh_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_hidden_error_tanh, wrong)
    assert not ok
    assert words in message
    assert "Traceback" not in message


# ------------------------------------------- BP1 for cross-entropy + sigmoid
def test_output_error_ce_accepts_both_the_simplified_and_the_long_form():
    for right in (lambda Z, A, Y: (A - Y) / len(A),
                  lambda Z, A, Y: (-Y / A + (1 - Y) / (1 - A)) / len(A) * sigmoid_prime(Z)):
        ok, message = verdict_of(check_output_error_ce, right)
        assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda Z, A, Y: (A - Y) / len(A) * sigmoid_prime(Z), "form of the quadratic cost"),
    (lambda Z, A, Y: (-Y / A + (1 - Y) / (1 - A)) / len(A), "dC/dA alone"),
    (lambda Z, A, Y: A - Y, "times too big"),
    (lambda Z, A, Y: (Y - A) / len(A), "sign is flipped"),
    (lambda Z, A, Y: (-Y / A + (1 - Y) / (1 - A)) / len(A) * sigmoid_prime(A), "slope belongs"),
    (lambda Z, A, Y: ((A - Y) / len(A)).sum(axis=0), "shape"),
    (lambda Z, A, Y: math.exp(Z), "np.exp"),
    (lambda Z, A, Y: (A - Y) / len(A) + 1, "different values"),
])
def test_output_error_ce_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_output_error_ce, wrong)
    assert not ok
    assert words in message


@pytest.mark.parametrize("check", [check_hidden_error_tanh, check_output_error_ce])
def test_placeholders_are_reported(check):
    ok, message = verdict_of(check, None)
    assert not ok and "placeholder" in message
    ok, message = verdict_of(check, lambda *args: None)
    assert not ok and ("placeholder" in message or "return" in message)


def test_the_cross_entropy_reference_is_what_nn_helpers_backpropagates():
    """The check's BP1 for cross-entropy + sigmoid is the output error Network uses: with one
    layer, BP3 makes db the column sums of delta."""
    from nn_helpers import Network
    from nn_helpers.exercises.ch05 import output_error_ce_reference

    net = Network([3, 2], output="sigmoid", loss="cross_entropy", seed=2)
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((5, 3)), (rng.random((5, 2)) < 0.5).astype(float)
    cache = net.forward(X)
    (_, db), = net.backward(cache, Y)
    delta = output_error_ce_reference(cache.Z[0], cache.A[1], Y)
    np.testing.assert_allclose(db, delta.sum(axis=0), rtol=1e-12)

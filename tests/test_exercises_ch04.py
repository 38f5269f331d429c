"""Notebook 04's checks accept right answers and explain the typical wrong ones."""

import math

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid, sigmoid_prime
from nn_helpers.exercises.ch04 import (
    check_chain_rule,
    check_linear_vjp,
    check_nudge_prediction,
    check_tanh_neuron,
)


# ------------------------------------------------------------------ the chain rule
def test_chain_rule_accepts_the_right_derivative():
    ok, message = verdict_of(check_chain_rule, lambda x: 3 * sigmoid_prime(3 * x + 1))
    assert ok, message
    assert "a nudge measures" in message


@pytest.mark.parametrize("wrong,words", [
    (lambda x: sigmoid_prime(3 * x + 1), "inner derivative"),
    (lambda x: 3 * sigmoid_prime(x), "not at x"),
    (lambda x: 3 * sigmoid(3 * x + 1), "slope of the sigmoid"),
    (lambda x: -3 * sigmoid_prime(3 * x + 1), "opposite sign"),
    (lambda x: 3 * sigmoid_prime(3 * x + 1)[:3], "shape"),
])
def test_chain_rule_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_chain_rule, wrong)
    assert not ok
    assert words in message


@pytest.mark.parametrize("placeholder", [None, ...])
def test_placeholders_are_reported_not_crashed(placeholder):
    for check in (check_chain_rule, check_tanh_neuron, check_linear_vjp,
                  check_nudge_prediction):
        ok, message = verdict_of(check, placeholder)
        assert not ok and "placeholder" in message


def test_a_function_still_raising_not_implemented_counts_as_placeholder():
    def dq_dx(x):
        raise NotImplementedError

    ok, message = verdict_of(check_chain_rule, dq_dx)
    assert not ok and "placeholder" in message


def test_a_math_function_on_the_array_gets_a_numpy_hint():
    ok, message = verdict_of(check_chain_rule, lambda x: 3 * math.exp(-(3 * x + 1)))
    assert not ok and "NumPy twin (np.exp" in message


def test_returning_none_is_a_placeholder_or_a_missing_return():
    ok, message = verdict_of(check_chain_rule, lambda x: None)
    assert not ok and "placeholder" in message and "`return` is missing" in message


# ------------------------------------------------------------ a tanh neuron's gradients
def right_tanh(w, b, x, y):
    a = np.tanh(w * x + b)
    delta = (a - y) * (1 - a ** 2)
    return delta * x, delta


def with_slope(slope):
    """A neuron answer (a - y) * slope(z, a) * (x, 1): the shape of every chain-rule slip."""
    def answer(w, b, x, y):
        z = w * x + b
        a = np.tanh(z)
        return (a - y) * slope(z, a) * x, (a - y) * slope(z, a)
    return answer


def test_tanh_neuron_accepts_the_chain_rule():
    ok, message = verdict_of(check_tanh_neuron, right_tanh)
    assert ok, message
    assert "nudging w measures" in message


def test_tanh_neuron_accepts_math_tanh_on_single_numbers():
    def with_math(w, b, x, y):
        a = math.tanh(w * x + b)
        return (a - y) * (1 - a * a) * x, (a - y) * (1 - a * a)

    assert verdict_of(check_tanh_neuron, with_math)[0]


@pytest.mark.parametrize("wrong,words", [
    (lambda w, b, x, y: tuple(-g for g in right_tanh(w, b, x, y)), "sign is flipped"),
    (lambda w, b, x, y: right_tanh(w, b, x, y)[::-1], "swapped"),
    (with_slope(lambda z, a: 1.0), "slope of tanh is missing"),
    (with_slope(lambda z, a: sigmoid_prime(z)), "sigma'(z)"),
    (lambda w, b, x, y: ((sigmoid(w * x + b) - y) * sigmoid_prime(w * x + b) * x,
                         (sigmoid(w * x + b) - y) * sigmoid_prime(w * x + b)), "SIGMOID neuron"),
    (with_slope(lambda z, a: 1 - np.tanh(a) ** 2), "tanh' at a"),
    (with_slope(lambda z, a: 1 - a), "not 1 - a."),
    (with_slope(lambda z, a: 1 - z ** 2), "not 1 - z^2"),
    (with_slope(lambda z, a: a * (1 - a)), "sigmoid's slope written with its output"),
    (lambda w, b, x, y: tuple(2 * g for g in right_tanh(w, b, x, y)), "cancels the 2"),
    (lambda w, b, x, y: (right_tanh(w, b, x, y)[1] * w, right_tanh(w, b, x, y)[1]),
     "dz/dw = x"),
    (lambda w, b, x, y: right_tanh(w, b, x, y)[0], "two numbers"),
    (lambda w, b, x, y: "dw", "the text"),
    (lambda w, b, x, y: (1.0, 2.0, 3.0), "got 3"),
    (lambda w, b, x, y: {"dw": 1.0}, "two numbers"),
])
def test_tanh_neuron_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_tanh_neuron, wrong)
    assert not ok
    assert words in message, message


def test_tanh_neuron_reports_an_error_raised_inside_the_readers_function():
    def broken(w, b, x, y):
        return undefined_name  # noqa: F821

    ok, message = verdict_of(check_tanh_neuron, broken)
    assert not ok and "raised NameError" in message


# ----------------------------------------------------- predict a nudge before making it
def _predicted(y=0.0):
    from nn_helpers.chain import nudge_chain

    return nudge_chain(x=1.5, w=0.8, b=-0.2, y=y, which="b", nudge=0.01)


def test_nudge_prediction_accepts_the_chain_rule_and_the_measurement():
    result = _predicted()
    assert result.product > 0      # with the target 0, raising b raises the cost
    for value in (result.product * 0.01, result.changes[-1], round(result.product * 0.01, 5)):
        ok, message = verdict_of(check_nudge_prediction, value)
        assert ok, message
    assert "Now make the nudge" in message


@pytest.mark.parametrize("wrong,words", [
    (lambda r: _predicted(y=1.0).product * 0.01, "target is y = 1"),
    (lambda r: r.product, "PER UNIT"),
    (lambda r: -r.product * 0.01, "sign is flipped"),
    (lambda r: 0.8 * r.product * 0.01, "nudging x"),
    (lambda r: r.slopes[1] * 0.01, "how much a moves"),
    (lambda r: r.slopes[2] * 0.01, "sigma'(z) is missing"),
    (lambda r: r.slopes[1] * (1 - r.slopes[2]) * 0.01, "1 - a"),
    (lambda r: 0.5, "Multiply the three"),
    (lambda r: np.array([r.product * 0.01] * 2), "not 2 numbers"),
    (lambda r: "-0.0005", "one number, like"),
    (lambda r: True, "one number, like"),
    (lambda r: float("nan"), "finite"),
    (lambda r: (lambda: 1.0), "not a function"),
    (lambda r: [[1, 2], "a"], "one number"),
])
def test_nudge_prediction_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_nudge_prediction, wrong(_predicted()))
    assert not ok
    assert words in message, message


# ---------------------------------------------------- the vector-Jacobian product
def test_linear_vjp_accepts_dz_times_w_transposed():
    ok, message = verdict_of(check_linear_vjp, lambda dZ, W: dZ @ W.T)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda dZ, W: dZ @ W, "transpose"),            # shapes do not line up for @
    (lambda dZ, W: W @ dZ.T, "transpose"),          # the result comes out transposed
    (lambda dZ, W: -dZ @ W.T, "opposite sign"),
    (lambda dZ, W: (dZ @ W.T).sum(axis=0), "wrong axis"),
    (lambda dZ, W: 2 * dZ @ W.T, "constant factor"),
])
def test_linear_vjp_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_linear_vjp, wrong)
    assert not ok
    assert words in message


def test_the_reader_function_cannot_change_the_check_inputs():
    def sneaky(dZ, W):
        result = dZ @ W.T
        dZ[:] = 0.0
        return result

    ok, message = verdict_of(check_linear_vjp, sneaky)
    assert ok, message

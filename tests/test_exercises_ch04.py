"""Notebook 04's checks accept right answers and explain the typical wrong ones."""

import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid, sigmoid_prime
from nn_helpers.exercises.ch04 import check_chain_rule, check_linear_vjp, check_neuron_gradients


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
    for check in (check_chain_rule, check_neuron_gradients, check_linear_vjp):
        ok, message = verdict_of(check, placeholder)
        assert not ok and "placeholder" in message


def test_a_function_still_raising_not_implemented_counts_as_placeholder():
    def dh_dx(x):
        raise NotImplementedError

    ok, message = verdict_of(check_chain_rule, dh_dx)
    assert not ok and "placeholder" in message


def test_returning_none_is_a_placeholder_or_a_missing_return():
    ok, message = verdict_of(check_chain_rule, lambda x: None)
    assert not ok and "placeholder" in message and "`return` is missing" in message


# -------------------------------------------------------------- a neuron's gradients
def right_neuron(w, b, x, y):
    a = sigmoid(w * x + b)
    delta = (a - y) * a * (1 - a)
    return delta * x, delta


def test_neuron_gradients_accepts_the_chain_rule():
    ok, message = verdict_of(check_neuron_gradients, right_neuron)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda w, b, x, y: tuple(-g for g in right_neuron(w, b, x, y)), "sign is flipped"),
    (lambda w, b, x, y: right_neuron(w, b, x, y)[::-1], "swapped"),
    (lambda w, b, x, y: ((sigmoid(w * x + b) - y) * x, sigmoid(w * x + b) - y),
     "sigma'(z) is missing"),
    (lambda w, b, x, y: ((sigmoid(w * x + b) - y) * sigmoid_prime(sigmoid(w * x + b)) * x,
                         (sigmoid(w * x + b) - y) * sigmoid_prime(sigmoid(w * x + b))),
     "sigma'(a)"),
    (lambda w, b, x, y: right_neuron(w, b, x, y)[0], "two numbers"),
    (lambda w, b, x, y: "dw", "two numbers"),
])
def test_neuron_gradients_explains_typical_mistakes(wrong, words):
    ok, message = verdict_of(check_neuron_gradients, wrong)
    assert not ok
    assert words in message


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

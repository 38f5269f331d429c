"""Notebook 08's checks accept right answers and explain the typical wrong ones."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.exercises.ch08 import (
    adam_reference,
    check_adam_agrees_with_nn_helpers,
    check_adam_step,
    check_best_epoch,
    check_first_step_size,
    check_softmax_output_error,
    check_velocity_update,
)


def test_placeholders_are_not_attempted():
    for check in (check_softmax_output_error, check_velocity_update, check_adam_step,
                  check_first_step_size, check_best_epoch):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message
    def unfinished(*args):
        raise NotImplementedError
    assert "placeholder" in verdict_of(check_softmax_output_error, unfinished)[1]


def test_output_error_accepts_a_minus_y_over_n():
    ok, message = verdict_of(check_softmax_output_error, lambda A, Y: (A - Y) / len(A))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda A, Y: A - Y, "1/n"),
    (lambda A, Y: (Y - A) / len(A), "sign is flipped"),
    (lambda A, Y: (A - Y) / len(A) * A * (1 - A), "cancels"),
    (lambda A, Y: -Y / A / len(A), "dC/dA"),
    (lambda A, Y: (A - Y).T / len(A), "transpose"),
])
def test_output_error_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_softmax_output_error, wrong)
    assert not ok and words in message, message


def test_velocity_update_accepts_the_rule():
    ok, message = verdict_of(check_velocity_update,
                             lambda v, dW, W, lr, mu, wd: mu * v - lr * (dW + wd * W))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda v, dW, W, lr, mu, wd: mu * v - lr * dW, "weight decay is missing"),
    (lambda v, dW, W, lr, mu, wd: mu * v - lr * (dW - wd * W), "wrong sign"),
    (lambda v, dW, W, lr, mu, wd: mu * v + lr * (dW + wd * W), "uphill"),
    (lambda v, dW, W, lr, mu, wd: v - lr * (dW + wd * W), "not damped"),
    (lambda v, dW, W, lr, mu, wd: mu * (v - lr * (dW + wd * W)), "only the old velocity"),
    (lambda v, dW, W, lr, mu, wd: -lr * (dW + wd * W), "old velocity v is missing"),
    (lambda v, dW, W, lr, mu, wd: None, "returned None"),
])
def test_velocity_update_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_velocity_update, wrong)
    assert not ok and words in message, message


def test_best_epoch_accepts_argmax_plus_one():
    ok, message = verdict_of(check_best_epoch, lambda acc: int(np.argmax(acc)) + 1)
    assert ok, message
    ok, message = verdict_of(check_best_epoch, lambda acc: acc.index(max(acc)) + 1)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda acc: int(np.argmax(acc)), "counted from 0"),
    (lambda acc: max(acc), "looks like an accuracy"),
    (lambda acc: len(acc), "last epoch"),
    (lambda acc: int(np.argmin(acc)) + 1, "highest validation accuracy is at epoch"),
    (lambda acc: "3", "one whole number"),
])
def test_best_epoch_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_best_epoch, wrong)
    assert not ok and words in message, message


# ------------------------------------------------------------ one Adam step
def adam(P, g, m, s, t, lr, beta1, beta2, eps, *, correct_m=True, correct_s=True, sign=-1,
         root=True, eps_inside=False, t_offset=0, factors=True, swap=False, corrected_state=False):
    """Adam's step, with switches for the usual slips."""
    if swap:
        g_m, g_s = g**2, g
    else:
        g_m, g_s = g, g**2
    m = beta1 * m + ((1 - beta1) if factors else 1) * g_m
    s = beta2 * s + ((1 - beta2) if factors else 1) * g_s
    k = t + t_offset
    m_hat = m / (1 - beta1**k) if correct_m else m
    s_hat = s / (1 - beta2**k) if correct_s else s
    if eps_inside:
        denominator = np.sqrt(s_hat + eps)
    else:
        denominator = (np.sqrt(s_hat) if root else s_hat) + eps
    P = P + sign * lr * m_hat / denominator
    return (P, m_hat, s_hat) if corrected_state else (P, m, s)


def test_adam_step_accepts_the_rule():
    ok, message = verdict_of(check_adam_step, adam)
    assert ok, message
    ok, message = verdict_of(check_adam_step, lambda *args: adam_reference(*args))
    assert ok, message


def test_the_reference_agrees_with_nn_helpers_adam():
    """The exercise's rule is the rule the package trains with (to 1e-9 over 5 steps)."""
    verdict = check_adam_agrees_with_nn_helpers(adam)
    assert verdict.ok, verdict.message


@pytest.mark.parametrize("slip,words", [
    (dict(correct_m=False, correct_s=False), "bias correction is missing"),
    (dict(correct_s=False), "only m is corrected"),
    (dict(correct_m=False), "only s is corrected"),
    (dict(sign=+1), "uphill"),
    (dict(root=False), "square root"),
    (dict(eps_inside=True), "inside the square root"),
    (dict(t_offset=-1), "beta**0 = 0"),
    (dict(factors=False), "(1 - beta) factors"),
    (dict(swap=True), "swapped"),
    (dict(corrected_state=True), "corrected m_hat"),
])
def test_adam_step_explains_mistakes(slip, words):
    def wrong(*args):
        with np.errstate(divide="ignore", invalid="ignore"):
            return adam(*args, **slip)
    ok, message = verdict_of(check_adam_step, wrong)
    assert not ok and words in message, message


def test_adam_step_t_from_zero_is_named_after_the_first_step():
    """Counting t from 0 with a guard at t = 1 still shows at step 4."""
    def wrong(P, g, m, s, t, *rest):
        return adam(P, g, m, s, t, *rest, t_offset=-1 if t > 1 else 0)
    ok, message = verdict_of(check_adam_step, wrong)
    assert not ok and "beta**(t - 1)" in message, message


@pytest.mark.parametrize("wrong,words", [
    (lambda *args: adam(*args)[0], "one array of shape"),
    (lambda *args: adam(*args)[:2], "length 2"),
    (lambda P, g, *rest: (P, *adam(P, g, *rest)[1:]), "unchanged"),
    (lambda *args: (lambda out: (out[0] + 0.1, out[1], out[2]))(adam(*args)), "different values"),
    (lambda *args: None, "returned None"),
])
def test_adam_step_explains_shape_and_form_mistakes(wrong, words):
    ok, message = verdict_of(check_adam_step, wrong)
    assert not ok and words in message, message


# ------------------------------------------------ derive: the first step without correction
def test_first_step_size_accepts_the_derivation():
    ok, message = verdict_of(check_first_step_size,
                             lambda lr, beta1, beta2: lr * (1 - beta1) / np.sqrt(1 - beta2))
    assert ok, message and "3.16" in message


@pytest.mark.parametrize("wrong,words", [
    (lambda lr, b1, b2: lr, "WITH the bias correction"),
    (lambda lr, b1, b2: -lr * (1 - b1) / np.sqrt(1 - b2), "size"),
    (lambda lr, b1, b2: lr * (1 - b1) / (1 - b2), "square root is missing"),
    (lambda lr, b1, b2: lr * (1 - b1), "only m's shrinking"),
    (lambda lr, b1, b2: lr / np.sqrt(1 - b2), "only s's shrinking"),
    (lambda lr, b1, b2: lr * np.sqrt(1 - b2) / (1 - b1), "upside down"),
    (lambda lr, b1, b2: lr * (1 - b1) * np.sqrt(1 - b2), "divide by it"),
    (lambda lr, b1, b2: 0.001 * 0.1 / np.sqrt(0.001), "from the arguments"),
    (lambda lr, b1, b2: 0.00316, "0.00316228"),
    (lambda lr, b1, b2: "small", "one number"),
    (lambda lr, b1, b2: None, "returned None"),
])
def test_first_step_size_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_first_step_size, wrong)
    assert not ok and words in message, message

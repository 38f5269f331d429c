"""Notebook 08's checks accept right answers and explain the typical wrong ones."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.exercises.ch08 import (
    adam_reference,
    check_adam_agrees_with_nn_helpers,
    check_adam_step,
    check_choose_setting,
    check_first_step_size,
    check_momentum_step,
    check_softmax_output_error,
)


def test_placeholders_are_not_attempted():
    for check in (check_softmax_output_error, check_momentum_step, check_adam_step,
                  check_first_step_size, check_choose_setting):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message
    def unfinished(*args):
        raise NotImplementedError
    assert "placeholder" in verdict_of(check_softmax_output_error, unfinished)[1]


def one_hot_error(A, labels):
    return (A - np.eye(A.shape[1])[labels]) / len(A)


def test_output_error_accepts_labels():
    assert verdict_of(check_softmax_output_error, one_hot_error)[0]

    def in_place(A, labels):
        A[np.arange(len(A)), labels] -= 1
        return A / len(A)
    assert verdict_of(check_softmax_output_error, in_place)[0]


@pytest.mark.parametrize("wrong,words", [
    (lambda A, y: one_hot_error(A, y) * len(A), "1/n"),
    (lambda A, y: -one_hot_error(A, y), "sign is flipped"),
    (lambda A, y: one_hot_error(A, y) * A * (1 - A), "cancels"),
    (lambda A, y: (A - y[:, None]) / len(A), "label number"),
    (lambda A, y: (A - np.eye(A.shape[1])[(y + 1) % A.shape[1]]) / len(A), "count from"),
    (lambda A, y: (A - np.eye(A.shape[1])[y + 1]) / len(A), "count from 0"),
    (lambda A, y: A / len(A), "target is missing"),
    (lambda A, y: (A - np.eye(A.shape[1])[y]) / A.shape[1], "number of classes"),
    (lambda A, y: one_hot_error(A, y).T, "transpose"),
])
def test_output_error_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_softmax_output_error, wrong)
    assert not ok and words in message, message


def classic(W, g, v, lr, mu):
    v = mu * v - lr * g
    return W + v, v


def pytorch_form(W, g, v, lr, mu):
    v = mu * v + g
    return W - lr * v, v


def test_momentum_step_accepts_both_forms_and_names_them():
    ok, message = verdict_of(check_momentum_step, classic)
    assert ok and "classic form" in message, message
    ok, message = verdict_of(check_momentum_step, pytorch_form)
    assert ok and "PyTorch form" in message and "schedule" in message, message
    ok, message = verdict_of(check_momentum_step,
                             lambda W, g, v, lr, mu: (W - (mu * v + lr * g), mu * v + lr * g))
    assert ok and "sign flipped" in message, message


@pytest.mark.parametrize("wrong,words", [
    (lambda W, g, v, lr, mu: (W - (mu * v + g), mu * v + g), "Without lr"),
    (lambda W, g, v, lr, mu: (W - lr * (mu * v + lr * g), mu * v + lr * g), "applied twice"),
    (lambda W, g, v, lr, mu: (W - (mu * v - lr * g), mu * v - lr * g), "uphill"),
    (lambda W, g, v, lr, mu: (W + lr * (mu * v + g), mu * v + g), "uphill"),
    (lambda W, g, v, lr, mu: (W + v, mu * v - lr * g), "old velocity"),
    (lambda W, g, v, lr, mu: (W - lr * g, mu * v - lr * g), "plain descent"),
    (lambda W, g, v, lr, mu: (W + v - lr * g, v - lr * g), "not damped"),
    (lambda W, g, v, lr, mu: (W - lr * (v + g), v + g), "not damped"),
    (lambda W, g, v, lr, mu: (W + mu * (v - lr * g), mu * (v - lr * g)), "only the old"),
    (lambda W, g, v, lr, mu: (W - lr * (mu * v + (1 - mu) * g), mu * v + (1 - mu) * g),
     "Adam's m"),
    (lambda W, g, v, lr, mu: classic(W, g, v, lr, mu)[0], "two arrays"),
    (lambda W, g, v, lr, mu: (W - 0.5 * g, v), "largest difference"),
])
def test_momentum_step_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_momentum_step, wrong)
    assert not ok and words in message, message


def by_mean_val(runs):
    return max(runs, key=lambda key: np.mean(runs[key]["val"]))


def test_choose_setting_accepts_the_mean_validation_accuracy():
    assert verdict_of(check_choose_setting, by_mean_val)[0]
    assert verdict_of(check_choose_setting,
                      lambda runs: sorted(runs, key=lambda k: -sum(runs[k]["val"]))[0])[0]


@pytest.mark.parametrize("wrong,words", [
    (lambda r: max(r, key=lambda k: np.mean(r[k]["test"])), "TEST accuracy"),
    (lambda r: max(r, key=lambda k: np.mean(r[k]["val"]) + np.mean(r[k]["test"])), "mixed"),
    (lambda r: max(r, key=lambda k: max(r[k]["val"])), "lucky"),
    (lambda r: max(r, key=lambda k: r[k]["val"][0]), "first seed"),
    (lambda r: max(r, key=lambda k: r[k]["val"][-1]), "last seed"),
    (lambda r: min(r, key=lambda k: np.mean(r[k]["val"])), "LOWEST"),
    (lambda r: max(r, key=lambda k: min(r[k]["val"])), "worst seed"),
    (lambda r: max(np.mean(run["val"]) for run in r.values()), "an accuracy"),
    (lambda r: [0.1], "one of the settings"),
    (lambda r: "0.1", "one of the settings"),
])
def test_choose_setting_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_choose_setting, wrong)
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

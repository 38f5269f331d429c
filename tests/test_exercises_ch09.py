"""Notebook 09's checks accept right answers and explain the typical wrong ones."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import sigmoid, sigmoid_prime, softmax
from nn_helpers.exercises.ch09 import (
    BUGS,
    check_bug_name,
    check_case,
    check_dead_fraction,
    check_fix,
    check_hidden_delta,
    hint,
    show_bugs,
)


def test_placeholders_are_not_attempted():
    for check in (check_hidden_delta, check_dead_fraction):
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


def test_bug_hunt_placeholders_are_not_attempted():
    for case in range(1, 6):
        for check in (check_bug_name, check_fix):
            verdict = check(case, None)
            assert not verdict.ok and "placeholder" in repr(verdict)


def test_bug_hunt_accepts_the_solutions():
    fixes = {1: 0.05, 2: [0, 1, 2, 3, 4, 5, 6, 7], 3: softmax, 4: 0.0,
             5: lambda W, dW, lr: W - lr * dW}
    names = {1: "lr_too_large", 2: "label_leak", 3: "softmax_axis", 4: "dead_relu",
             5: "transposed_update"}
    for case in fixes:
        verdict = check_case(case, names[case], fixes[case])
        assert verdict.ok, verdict.message
        assert "learns" in verdict.message


def test_a_wrong_name_gets_the_first_hint_and_the_next_level():
    ok, message = verdict_of(lambda name: check_bug_name(4, name), "too_few_epochs")
    assert not ok and "activation_report" in message and "hint(4, 2)" in message


def test_a_wrong_fix_points_at_the_hint_ladder():
    ok, message = verdict_of(lambda fix: check_fix(1, fix), 1.0)
    assert not ok and "still blows up" in message and "hint(1, 1)" in message


def test_check_case_needs_the_name_first():
    verdict = check_case(5, "missing_slope", lambda W, dW, lr: W - lr * dW)
    assert not verdict.ok and "gradient check passes" in verdict.message


@pytest.mark.parametrize("case", [0, 6, "1", True, [1, 2], 1.0])
def test_unknown_cases_are_refused(case):
    for check in (check_bug_name, check_fix):
        verdict = check(case, "dead_relu")
        assert not verdict.ok and "cases 1 to 5" in verdict.message
    assert "cases 1 to 5" in hint(case)


def test_hint_ladder_goes_from_where_to_the_bug():
    assert "Look" in hint(2, 1) and "Compare" in hint(2, 2) and "Column 8" in hint(2, 3)
    assert "levels 1" in hint(2, 4)


def test_show_bugs_lists_every_name(capsys):
    show_bugs()
    printed = capsys.readouterr().out
    assert all(key in printed for key in BUGS) and "at least 80%" in printed

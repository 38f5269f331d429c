"""The bug hunt's cases: each planted bug shows its symptom, its repair learns, and the
grading tells right names and repairs from the usual wrong ones."""

import numpy as np
import pytest

from nn_helpers import gradient_check
from nn_helpers.activations import softmax
from nn_helpers.bughunt import (
    BUGS,
    CASES,
    HINTS,
    LEAK,
    LEARNS,
    hunt_data,
    judge_fix,
    judge_name,
    run_case,
)
from nn_helpers.diagnostics import activation_report

RIGHT_FIXES = {
    1: 0.05,
    2: list(range(8)),
    3: softmax,
    4: 0.0,
    5: lambda W, dW, lr: W - lr * dW,
}


@pytest.fixture(scope="module")
def buggy():
    return {number: run_case(number) for number in CASES}


def test_data_is_seeded_and_scaled():
    first, second = hunt_data(seed=3), hunt_data(seed=3)
    for a, b in zip(first, second):
        assert np.array_equal(a, b)
    X_train, Y_train, X_val, Y_val = first
    assert X_train.shape == (300, 8) and Y_val.shape == (100, 3)
    assert np.all(np.sqrt(np.mean(X_train ** 2, axis=0)) < 5)      # nothing to scale


def test_runs_are_reproducible(buggy):
    again = run_case(3)
    assert again.loss == buggy[3].loss


def test_every_buggy_case_fails_to_learn(buggy):
    for number, run in buggy.items():
        assert not run.learned, number
        assert run.new_accuracy < 0.75, (number, run.new_accuracy)


def test_every_right_fix_learns():
    for number, fix in RIGHT_FIXES.items():
        ok, message, run = judge_fix(number, fix)
        assert ok, message
        assert run.learned and run.new_accuracy >= LEARNS


def test_case1_explodes(buggy):
    run = buggy[1]
    assert run.stopped and "inf" in run.stopped
    assert max(run.loss) > 1e10


def test_case2_looks_great_on_validation_but_fails_on_new_data(buggy):
    run = buggy[2]
    assert run.val_accuracy > 0.95 and run.new_accuracy < 0.75
    labels = run.Y_train.argmax(axis=1)
    tie = [abs(np.corrcoef(run.X_train[:, j], labels)[0, 1]) for j in range(LEAK + 1)]
    assert int(np.argmax(tie)) == LEAK and tie[LEAK] > 0.99


def test_case3_rows_do_not_sum_to_one(buggy):
    run = buggy[3]
    A = run.net.predict(run.X_val[:5])
    assert not np.allclose(A.sum(axis=1), 1) and np.allclose(A.sum(axis=0), 1)
    assert run.loss[-1] > run.loss[0]          # the cost grows while it "trains"
    assert max(row["W"] for row in gradient_check(run.net, run.X_val[:5],
                                                  run.Y_val[:5]).per_layer) > 0.1


def test_case4_units_are_dead_and_cost_stays_at_guessing(buggy):
    run = buggy[4]
    assert activation_report(run.net, run.X_val)[0]["dead"] == 1.0
    assert abs(run.loss[-1] - np.log(3)) < 0.05


def test_case5_gradients_are_right_but_the_step_is_transposed(buggy):
    run = buggy[5]
    assert all(row["W"] < 1e-6 for row in gradient_check(run.net, run.X_val[:5],
                                                          run.Y_val[:5]).per_layer)
    step = run.first_step
    moved = (step["W_before"] - step["W_after"]) / step["lr"]
    assert np.allclose(moved, step["dW"].T) and not np.allclose(moved, step["dW"])


def test_every_case_has_three_hints_that_end_with_the_bug():
    for number, key in CASES.items():
        assert len(HINTS[number]) == 3 and key in BUGS


def test_every_wrong_name_has_its_own_evidence():
    for number, key in CASES.items():
        for other in BUGS:
            if other != key:
                message = judge_name(number, other)[1]
                assert "elsewhere" not in message and "First hint" in message, (number, other)


def test_names_are_graded():
    for number, key in CASES.items():
        assert judge_name(number, key)[0]
        assert judge_name(number, BUGS[key])[0]              # the description works too
        assert judge_name(number, "  " + key.upper() + " ")[0]
        for other in BUGS:
            if other != key:
                ok, message = judge_name(number, other)
                assert not ok and "First hint" in message, (number, other)
    ok, message = judge_name(1, "exploding")
    assert not ok and "not one of the names" in message
    assert not judge_name(1, 3)[0]


@pytest.mark.parametrize("number,wrong,words", [
    (1, "dead_relu", "tanh, not ReLU"), (3, "lr_too_large", "sum to 1"),
    (4, "lr_too_large", "activation_report"), (5, "missing_slope", "gradient check passes"),
    (2, "softmax_axis", "new_accuracy"), (1, "softmax_axis", "no softmax"),
    (3, "label_leak", "one at a time"), (4, "label_leak", "too good"),
    (2, "transposed_update", "not its transpose"), (4, "unscaled_inputs", "255"),
])
def test_wrong_names_point_at_the_evidence(number, wrong, words):
    ok, message = judge_name(number, wrong)
    assert not ok and words in message, message


@pytest.mark.parametrize("number,fix,words", [
    (1, 1.0, "still blows up"),
    (1, 1e-5, "too small"),
    (1, -0.1, "positive"),
    (1, "0.1", "a number"),
    (1, float("nan"), "finite"),
    (2, list(range(9)), "column 8 is still in"),
    (2, "all", "list of the input columns"),
    (2, [0, 1.5], "whole numbers"),
    (2, [], "at least one"),
    (2, 5, "list of the input columns"),
    (3, lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True), "axis 0"),
    (3, lambda Z: np.exp(Z) / np.exp(Z).sum(), "each ROW"),
    (3, lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1), "keepdims=True"),
    (3, lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True), "overflows"),
    (3, lambda Z: np.exp(Z).sum(axis=1), "shape"),
    (3, lambda Z: np.exp(Z) / np.exp(Z).max(axis=1, keepdims=True), "other numbers"),
    (3, 0.0, "a function"),
    (4, -6.0, "still dead"),
    (4, None, "a number"),
    (5, lambda W, dW, lr: W - lr * dW.T, "still subtracts dW.T"),
    (5, lambda W, dW, lr: W + lr * dW, "uphill"),
    (5, lambda W, dW, lr: W - dW, "learning rate"),
    (5, lambda W, dW, lr: W @ dW, "W - lr * dW"),
    (5, lambda W, dW, lr: (W - lr * dW)[:2], "shape"),
    (5, lambda W, dW, lr: undefined_name, "NameError"),  # noqa: F821
])
def test_wrong_fixes_get_specific_hints(number, fix, words):
    ok, message, _ = judge_fix(number, fix)
    assert not ok and words in message, message


def test_unknown_case_is_refused():
    with pytest.raises(ValueError, match="cases 1 to 5"):
        run_case(6)


def test_learned_needs_a_finished_run_whose_cost_fell():
    run = judge_fix(4, 0.0)[2]
    assert run.learned
    run.loss = run.loss[::-1]                  # the same accuracy, but a cost that grew
    assert not run.learned
    run.loss = run.loss[::-1]
    run.stopped = "the cost became inf in epoch 3"
    assert not run.learned


def test_what_the_wrong_name_hints_claim_is_true(buggy):
    # case 2: the gradients are close (no missing f'), case 3: no column copies the label
    check = gradient_check(buggy[2].net, buggy[2].X_val[:5], buggy[2].Y_val[:5])
    assert max(max(row["W"], row["b"]) for row in check.per_layer) < 1e-4
    run = buggy[3]
    labels = run.Y_train.argmax(axis=1)
    assert max(abs(np.corrcoef(run.X_train[:, j], labels)[0, 1]) for j in range(8)) < 0.95
    for number in (1, 4, 5):                      # "a leak looks too good; here it is poor"
        assert buggy[number].val_accuracy < 0.5
    for number in (1, 2, 3, 4):                   # "the update is right here"
        step = buggy[number].first_step
        assert np.allclose((step["W_before"] - step["W_after"]) / step["lr"], step["dW"])

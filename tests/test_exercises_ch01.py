"""The checks of notebook 01 accept right answers and explain typical wrong ones."""

import numpy as np
import pytest
from verdicts import fails_with

from nn_helpers.exercises.ch01 import (
    check_broadcast_shape,
    check_layer_forward,
    check_layer_forward_rows,
    check_neuron,
    check_rain_line,
    check_rain_score,
    check_z_shape,
)


def placeholder(*args):
    raise NotImplementedError


# ---------------------------------------------------------------------------------------
# neuron(x, w, b)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("neuron", [
    lambda x, w, b: x @ w + b,
    lambda x, w, b: np.sum(x * w) + b,
    lambda x, w, b: np.dot(w, x) + b,
    lambda x, w, b: sum(xi * wi for xi, wi in zip(x, w)) + b,
])
def test_neuron_right_answers_pass(neuron):
    verdict = check_neuron(neuron)
    assert verdict.ok, verdict.message


@pytest.mark.parametrize("neuron,words", [
    (lambda x, w, b: x @ w, "forgot to add the bias"),
    (lambda x, w, b: x * w + b, "did not add the products up"),
    (lambda x, w, b: np.sum(x * w + b), "counted once per input"),
    (lambda x, w, b: x @ w - b, "wrong sign"),
    (lambda x, w, b: np.sum(x) + np.sum(w) + b, "MULTIPLIED"),
    (lambda x, w, b: x @ w + 2 * b, "different values"),
    (lambda x, w, b: 2 * (x @ w + b), "constant factor"),
    (lambda x, w, b: np.array([x @ w + b]), "ONE number"),
])
def test_neuron_wrong_answers_fail_with_a_reason(neuron, words):
    verdict = check_neuron(neuron)
    assert not verdict.ok
    assert words in verdict.message


@pytest.mark.parametrize("neuron", [None, placeholder, lambda x, w, b: None])
def test_neuron_placeholder_is_not_attempted(neuron):
    verdict = check_neuron(neuron)
    assert not verdict.ok
    assert "placeholder" in verdict.message
    assert "❌ Not yet." in repr(verdict)


def test_neuron_that_only_works_for_three_inputs_fails():
    verdict = check_neuron(lambda x, w, b: x[0] * w[0] + x[1] * w[1] + x[2] * w[2] + b)
    assert not verdict.ok
    assert "IndexError" in verdict.message


# ---------------------------------------------------------------------------------------
# layer_forward(X, W, b)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("layer_forward", [
    lambda X, W, b: X @ W + b,
    lambda X, W, b: np.dot(X, W) + b,
    lambda X, W, b: (W.T @ X.T).T + b,
    lambda X, W, b: np.einsum("nd,dk->nk", X, W) + b[None, :],
])
def test_layer_forward_right_answers_pass(layer_forward):
    verdict = check_layer_forward(layer_forward)
    assert verdict.ok, verdict.message


@pytest.mark.parametrize("layer_forward,words", [
    (lambda X, W, b: W @ X + b, "You wrote `W @ X`"),
    (lambda X, W, b: X @ W.T + b, "transposed"),
    (lambda X, W, b: X @ W, "forgot the bias"),
    (lambda X, W, b: X @ W - b, "wrong sign"),
    (lambda X, W, b: X @ W + b.reshape(-1, 1), "column of shape (n_1, 1)"),
    (lambda X, W, b: W.T @ X.T + b.reshape(-1, 1), "one example per column"),
    (lambda X, W, b: X * W + b, "`*` multiplies entry by entry"),
    (lambda X, W, b: np.dot(W, X) + b, "`X @ W` fits"),  # unknown error text: the generic rule
    (lambda X, W, b: 0.5 * (X @ W + b), "constant factor"),
])
def test_layer_forward_wrong_answers_fail_with_a_reason(layer_forward, words):
    verdict = check_layer_forward(layer_forward)
    assert not verdict.ok
    assert words in verdict.message


def test_layer_forward_that_ignores_the_batch_fails():
    # Uses only the first example: right for n = 1, wrong shape otherwise.
    verdict = check_layer_forward(lambda X, W, b: X[0] @ W + b)
    assert not verdict.ok
    assert "shape" in verdict.message


@pytest.mark.parametrize("layer_forward", [None, placeholder, lambda X, W, b: None])
def test_layer_forward_placeholder_is_not_attempted(layer_forward):
    verdict = check_layer_forward(layer_forward)
    assert not verdict.ok
    assert "placeholder" in verdict.message


def test_layer_forward_does_not_let_the_reader_change_the_inputs():
    def sneaky(X, W, b):
        W += 1.0  # modifies its argument in place
        return X @ W + b

    assert not check_layer_forward(sneaky).ok


def test_a_function_is_required():
    verdict = check_layer_forward(np.zeros(3))
    assert not verdict.ok
    assert "should be a function" in verdict.message


# ---------------------------------------------------------------------------------------
# Shape questions
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [(32, 3), [32, 3], np.zeros((32, 3)).shape,
                                    (np.int64(32), np.int64(3))])
def test_z_shape_right_answers_pass(answer):
    assert check_z_shape(answer).ok


@pytest.mark.parametrize("answer,words", [
    ((3, 32), "one ROW per day"),
    ((32, 5), "shape of X"),
    ((5, 3), "shape of W"),
    ((3,), "shape of b"),
    ((32,), "one number per day"),
    ((7, 7), "(n, d) @ (d, n_1) -> (n, n_1)"),
    ("32, 3", "tuple of whole numbers"),
    (32, "a single number (32)"),
    (np.int64(3), "a single number"),
    (96.0, "tuple in round brackets"),
    ((32.0, 3.0), "tuple of whole numbers"),
])
def test_z_shape_wrong_answers_fail_with_a_reason(answer, words):
    verdict = check_z_shape(answer)
    assert not verdict.ok
    assert words in verdict.message


def test_shape_placeholder_is_not_attempted():
    assert "placeholder" in check_z_shape(None).message
    assert "placeholder" in check_broadcast_shape(None).message


def test_broadcast_shape_answer_agrees_with_numpy():
    numpy_says = (np.ones((1, 3)) + np.ones((3, 1))).shape
    assert check_broadcast_shape(numpy_says).ok


@pytest.mark.parametrize("answer,words", [
    ((1, 3), "shape we WANTED"),
    ((3, 1), "stretches BOTH"),
    ((3,), "2-D array"),
])
def test_broadcast_shape_wrong_answers_fail_with_a_reason(answer, words):
    verdict = check_broadcast_shape(answer)
    assert not verdict.ok
    assert words in verdict.message


# ---------------------------------------------------------------------------------------
# The rain score of a new day, by hand (50 %, 25 °C, 30 km/h; w = 0.05, -0.1, 0.02; b = -2)
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [-1.4, -1.40, np.float64(-1.4), np.array(-1.4), [-1.4],
                                    2.5 - 2.5 + 0.6 - 2])
def test_rain_score_right_answers_pass(answer):
    assert check_rain_score(answer).ok


@pytest.mark.parametrize("answer,words", [
    (0.6, "without the bias"),
    (2.6, "subtracted the bias"),
    (-3.4, "added once, not twice"),
    (3.6, "pulls the score DOWN"),
    (-2.0, "the wind is missing"),
    (-3.9, "the moisture is missing"),
    (1.4, "wrong sign"),
    (5.0, "three steps"),
    ("-1.4", "not text"),
    ([1.0, -2.5, 0.6], "ONE number, but it holds 3"),
    (float("nan"), "plain number"),
    (True, "ONE number"),
    (print, "ONE number"),
])
def test_rain_score_wrong_answers_fail_with_a_reason(answer, words):
    fails_with(check_rain_score(answer), words)


def test_rain_score_placeholder():
    fails_with(check_rain_score(None), "`rain_score` is still the placeholder")


# ---------------------------------------------------------------------------------------
# A line chosen by hand for the weather days
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("w,b", [
    ((0.05, -0.1), -1.5),
    ([0.05, -0.1], -1.3),
    (np.array([0.1, -0.2]), -3.0),       # the same line, both sides scaled by 2
    ((0.05, -0.1), np.float64(-1.7)),
])
def test_rain_line_right_answers_pass(w, b):
    verdict = check_rain_line(w, b)
    assert verdict.ok, verdict.message
    assert "all 16 days" in verdict.message


@pytest.mark.parametrize("w,b,words", [
    ((0.05, -0.1), -2.0, ["15 of 16", "(66 %, 15 °C) it rained, your neuron says dry"]),
    ((-0.05, 0.1), 1.5, ["WRONG side", "by -1"]),
    ((0.05, 0.0), -3.2, ["12 of 16", "and 0 more"]),
    ((0.0, 0.0), 1.0, ["both weights are 0", "no line"]),
    ((0.01, 0.0), 5.0, ["says rain on every one of the 16 days"]),
    ((0.01, 0.0), -5.0, ["says dry on every one"]),
    (0.05, -2.0, ["one number (0.05)", "two weights"]),
    ((0.05, -0.1, 0.02), -2.0, ["three weights", "no wind"]),
    ([[0.05], [-0.1], [0.0]], -2.0, ["shape (3, 1)"]),
    ("0.05, -0.1", -2.0, ["not text"]),
    ((0.05, float("nan")), -2.0, ["NaN"]),
    ((0.05, -0.1), (1.0, 2.0), ["`b_mine` should be ONE number"]),
    ((0.05, -0.1), "-2", ["`b_mine` should be a number, not text"]),
    (None, -2.0, ["`w_mine` is still the placeholder"]),
    ((0.05, -0.1), None, ["`b_mine` is still the placeholder"]),
])
def test_rain_line_wrong_answers_fail_with_a_reason(w, b, words):
    if "and 0 more" in words:   # four wrong days are all listed, without "and ... more"
        verdict = check_rain_line(w, b)
        assert "more" not in verdict.message
        words = words[:1]
    fails_with(check_rain_line(w, b), *words)


def test_rain_line_lists_at_most_four_wrong_days():
    verdict = check_rain_line((0.0, 0.1), -2.0)      # 12 days wrong
    fails_with(verdict, "4 of 16", "and 8 more")
    assert verdict.message.count("your neuron says") == 4


# ---------------------------------------------------------------------------------------
# layer_forward_rows(X, W_rows, b): weights stored one row per neuron need a transpose
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [
    lambda X, W, b: X @ W.T + b,
    lambda X, W, b: (W @ X.T).T + b,
    lambda X, W, b: np.dot(X, np.transpose(W)) + b,
    lambda X, W, b: np.einsum("nd,kd->nk", X, W) + b,
])
def test_layer_forward_rows_right_answers_pass(fn):
    verdict = check_layer_forward_rows(fn)
    assert verdict.ok, verdict.message


@pytest.mark.parametrize("fn,words", [
    (lambda X, W, b: X @ W + b, ["used W_rows as it is", "W_rows.T"]),
    (lambda X, W, b: W @ X.T + b, ["shape (n_1, n)"]),
    (lambda X, W, b: W @ X + b, ["You wrote `W_rows @ X`"]),
    (lambda X, W, b: X @ W.T, ["bias is missing"]),
    (lambda X, W, b: X.T @ W + b, ["transposed X instead"]),
    (lambda X, W, b: np.dot(W, X) + b, ["could not combine the shapes", "W_rows.T"]),
    (lambda X, W, b: 2 * (X @ W.T + b), ["constant factor"]),
])
def test_layer_forward_rows_wrong_answers_fail_with_a_reason(fn, words):
    fails_with(check_layer_forward_rows(fn), *words)


def test_layer_forward_rows_placeholder_and_no_bare_traceback():
    fails_with(check_layer_forward_rows(placeholder), "`layer_forward_rows` is still the "
                                                      "placeholder")
    verdict = check_layer_forward_rows(lambda X, W, b: X @ W + b)
    assert "Traceback" not in verdict.message and "matmul" not in verdict.message


def test_a_plain_number_is_not_taken_for_a_shape():
    verdict = check_broadcast_shape(3)
    assert not verdict.ok and "a single number (3)" in verdict.message

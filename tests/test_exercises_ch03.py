"""Notebook 03's checks accept right answers and explain the typical wrong ones."""

import math

import numpy as np
import pytest
from verdicts import fails_with

from nn_helpers.exercises.ch03 import (
    check_descent_walk,
    check_mae_gradient,
    check_mse,
    check_mse_gradient,
    check_two_lines,
)


def _grad(w, b, x, y):
    e = w * x + b - y
    return 2 * np.mean(e * x), 2 * np.mean(e)


def test_placeholders_are_not_attempted():
    for check in (check_mse, check_mse_gradient, check_descent_walk, check_mae_gradient):
        fails_with(check(None), "placeholder")
    fails_with(check_two_lines(None, None), "placeholder")


def test_mse():
    assert check_mse(lambda w, b, x, y: np.mean((w * x + b - y) ** 2))
    assert check_mse(lambda w, b, x, y: np.mean((y - w * x - b) ** 2))  # same thing
    fails_with(check_mse(lambda w, b, x, y: np.sum((w * x + b - y) ** 2)), "summed")
    fails_with(check_mse(lambda w, b, x, y: np.mean((w * x + b - y) ** 2) / 2), "half")
    fails_with(check_mse(lambda w, b, x, y: np.mean(w * x + b - y)), "not squared")
    fails_with(check_mse(lambda w, b, x, y: np.mean(np.abs(w * x + b - y))), "ABSOLUTE")
    fails_with(check_mse(lambda w, b, x, y: np.mean(w * x + b - y) ** 2), "averaged first")
    fails_with(check_mse(lambda w, b, x, y: (w * x + b - y) ** 2), "forget to average")
    fails_with(check_mse(lambda w, b, x, y: np.mean((w * x - y) ** 2)), "then take their mean")


def test_mse_gradient():
    assert check_mse_gradient(_grad)
    fails_with(check_mse_gradient(lambda *a: tuple(-g for g in _grad(*a))), "sign")
    fails_with(check_mse_gradient(lambda *a: tuple(g / 2 for g in _grad(*a))), "factor 2")
    fails_with(check_mse_gradient(lambda *a: _grad(*a)[::-1]), "swapped")
    fails_with(check_mse_gradient(lambda *a: tuple(8 * g for g in _grad(*a))), "summed")

    def forgot_x(w, b, x, y):
        e = w * x + b - y
        return 2 * np.mean(e), 2 * np.mean(e)

    fails_with(check_mse_gradient(forgot_x), "x_i")

    def wrong_dw(w, b, x, y):
        e = w * x + b - y
        return 2 * np.mean(e * x * x), 2 * np.mean(e)

    fails_with(check_mse_gradient(wrong_dw), "dMSE/dw")


def right_walk(w, b, x, y, lr, steps):
    for _ in range(steps):
        dw, db = _grad(w, b, x, y)
        w, b = w - lr * dw, b - lr * db
    return w, b


def test_descent_walk():
    verdict = check_descent_walk(right_walk)
    assert verdict and "down to" in verdict.message


def _walk_with(update, count=lambda steps: steps, fixed_slope=False, result=None):
    """A walk with one slip: a different update, number of steps, or a stale slope."""
    def walk(w, b, x, y, lr, steps):
        w0, b0 = w, b
        slope = _grad(w, b, x, y)
        for _ in range(count(steps)):
            dw, db = slope if fixed_slope else _grad(w, b, x, y)
            w, b = update(w, b, dw, db, lr)
        return (w, b) if result is None else result(w, b, w0, b0)
    return walk


@pytest.mark.parametrize("walk,words", [
    (_walk_with(lambda w, b, dw, db, lr: (w + lr * dw, b + lr * db)), "UPHILL"),
    (_walk_with(lambda w, b, dw, db, lr: (w - dw, b - db)), "learning rate"),
    (_walk_with(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db), count=lambda s: 1),
     "where 1 step end"),
    (_walk_with(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db), count=lambda s: s - 1),
     "where 4 steps end"),
    (_walk_with(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db), count=lambda s: s + 1),
     "where 6 steps end"),
    (_walk_with(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db), fixed_slope=True),
     "slope at the START"),
    (_walk_with(lambda w, b, dw, db, lr: (w - lr * dw, b - lr * db),
                result=lambda w, b, w0, b0: (w - w0, b - b0)), "only how far"),
    (lambda w, b, x, y, lr, steps: (w, b), "did not move"),
    (lambda w, b, x, y, lr, steps: right_walk(-1.0, 2.0, x, y, 0.1, 5), "not fixed numbers"),
    (lambda w, b, x, y, lr, steps: [right_walk(w, b, x, y, lr, k) for k in range(steps)],
     "only where the walk ends"),
    (lambda w, b, x, y, lr, steps: "done", "the text"),
    (lambda w, b, x, y: (w, b), "raised TypeError"),
])
def test_descent_walk_explains_typical_mistakes(walk, words):
    fails_with(check_descent_walk(walk), words)


def right_mae(w, b, x, y):
    s = np.sign(w * x + b - y)
    return np.mean(s * x), np.mean(s)


def test_mae_gradient_accepts_the_sign_and_reports_the_nudge():
    verdict = check_mae_gradient(right_mae)
    assert verdict and "a nudge of each knob measures" in verdict.message

    def with_where(w, b, x, y):        # the same slope written another way
        s = np.where(w * x + b - y > 0, 1.0, -1.0)
        return np.mean(s * x), np.mean(s)

    assert check_mae_gradient(with_where)


def _mae_from(slope, dw_factor=lambda x: x, reduce=np.mean):
    def answer(w, b, x, y):
        s = slope(w * x + b - y)
        return reduce(s * dw_factor(x)), reduce(s)
    return answer


@pytest.mark.parametrize("wrong,words", [
    (lambda *a: right_mae(*a)[::-1], "swapped"),
    (lambda *a: tuple(-g for g in right_mae(*a)), "sign is flipped"),
    (lambda *a: tuple(2 * g for g in right_mae(*a)), "slope of a SQUARE"),
    (lambda *a: _grad(*a), "gradient of the MSE"),
    (_mae_from(lambda e: e), "used the miss itself"),
    (_mae_from(np.abs), "you used |r|"),
    (_mae_from(np.sign, dw_factor=lambda x: 1.0), "multiplied by its x_i"),
    (_mae_from(lambda e: np.ones_like(e)), "sign of each miss is missing"),
    (_mae_from(np.sign, reduce=np.sum), "summed instead of averaging"),
    (_mae_from(np.sign, reduce=lambda v: v), "forget to average"),
    (lambda w, b, x, y: (math.fabs(w * x + b - y), 1.0), "Use the NumPy twin"),
    (lambda w, b, x, y: (1.0 if w * x + b - y > 0 else -1.0, 0.0), "element by element"),
    (lambda w, b, x, y: max(w * x + b - y, 0), "element by element"),
    (lambda w, b, x, y: 0.3, "2 numbers"),
    (lambda w, b, x, y: (0.1, 0.2), "different values"),
])
def test_mae_gradient_explains_typical_mistakes(wrong, words):
    fails_with(check_mae_gradient(wrong), words)


def test_two_lines_accepts_one_and_two():
    verdict = check_two_lines(1, 2.0)
    assert verdict and "squaring punishes" in verdict.message
    assert check_two_lines(np.float64(1.0), np.array(2.0))


@pytest.mark.parametrize("a,b,words", [
    (None, None, "placeholder"),
    (1.0, None, "`mse_B` is still the placeholder"),
    (2, 1, "swapped"),
    (0.5, 1, "half of each MSE"),
    (1, 1, "squares first"),
    (1, 4, "over ALL wines"),
    (0, 2, "only when every guess is exact"),
    (1, 3, "mse_A = 1 is right"),
    (3, 2, "mse_B = 2 is right"),
    (5, 7, "not it yet"),
    ("1", 2, "one number, like"),
    (True, 2, "one number, like"),
    ((1, 2), 2, "not 2 numbers"),
    (float("inf"), 2, "finite"),
    (len, 2, "not a function"),
    (1, [[1], 2], "one number"),
])
def test_two_lines_explains_typical_mistakes(a, b, words):
    fails_with(check_two_lines(a, b), words)

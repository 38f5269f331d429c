"""Notebook 03's checks accept right answers and explain the typical wrong ones."""

import numpy as np
from verdicts import fails_with

from nn_helpers.exercises.ch03 import check_descent_step, check_mse, check_mse_gradient


def _grad(w, b, x, y):
    e = w * x + b - y
    return 2 * np.mean(e * x), 2 * np.mean(e)


def test_placeholders_are_not_attempted():
    for check in (check_mse, check_mse_gradient, check_descent_step):
        fails_with(check(None), "placeholder")


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

    fails_with(check_mse_gradient(wrong_dw), "dL/dw")


def test_descent_step():
    def step(w, b, x, y, lr):
        dw, db = _grad(w, b, x, y)
        return w - lr * dw, b - lr * db

    verdict = check_descent_step(step)
    assert verdict and "down to" in verdict.message

    def uphill(w, b, x, y, lr):
        dw, db = _grad(w, b, x, y)
        return w + lr * dw, b + lr * db

    def no_lr(w, b, x, y, lr):
        dw, db = _grad(w, b, x, y)
        return w - dw, b - db

    def only_change(w, b, x, y, lr):
        dw, db = _grad(w, b, x, y)
        return -lr * dw, -lr * db

    fails_with(check_descent_step(uphill), "UPHILL")
    fails_with(check_descent_step(no_lr), "learning rate")
    fails_with(check_descent_step(only_change), "only the change")

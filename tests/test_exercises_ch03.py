"""Notebook 03's checks accept right answers and explain the typical wrong ones."""

import numpy as np

from nn_helpers.exercises.ch03 import check_descent_step, check_mse, check_mse_gradient


def _fails_with(verdict, *words):
    assert not verdict.ok, verdict.message
    message = repr(verdict)
    assert message.startswith("❌")
    for word in words:
        assert word in message, message


def _grad(w, b, x, y):
    e = w * x + b - y
    return 2 * np.mean(e * x), 2 * np.mean(e)


def test_placeholders_are_not_attempted():
    for check in (check_mse, check_mse_gradient, check_descent_step):
        _fails_with(check(None), "placeholder")


def test_mse():
    assert check_mse(lambda w, b, x, y: np.mean((w * x + b - y) ** 2))
    assert check_mse(lambda w, b, x, y: np.mean((y - w * x - b) ** 2))  # same thing
    _fails_with(check_mse(lambda w, b, x, y: np.sum((w * x + b - y) ** 2)), "summed")
    _fails_with(check_mse(lambda w, b, x, y: np.mean((w * x + b - y) ** 2) / 2), "half")
    _fails_with(check_mse(lambda w, b, x, y: np.mean(w * x + b - y)), "not squared")
    _fails_with(check_mse(lambda w, b, x, y: np.mean(np.abs(w * x + b - y))), "ABSOLUTE")
    _fails_with(check_mse(lambda w, b, x, y: np.mean(w * x + b - y) ** 2), "averaged first")
    _fails_with(check_mse(lambda w, b, x, y: (w * x + b - y) ** 2), "forget to average")
    _fails_with(check_mse(lambda w, b, x, y: np.mean((w * x - y) ** 2)), "then take their mean")


def test_mse_gradient():
    assert check_mse_gradient(_grad)
    _fails_with(check_mse_gradient(lambda *a: tuple(-g for g in _grad(*a))), "sign")
    _fails_with(check_mse_gradient(lambda *a: tuple(g / 2 for g in _grad(*a))), "factor 2")
    _fails_with(check_mse_gradient(lambda *a: _grad(*a)[::-1]), "swapped")
    _fails_with(check_mse_gradient(lambda *a: tuple(8 * g for g in _grad(*a))), "summed")

    def forgot_x(w, b, x, y):
        e = w * x + b - y
        return 2 * np.mean(e), 2 * np.mean(e)

    _fails_with(check_mse_gradient(forgot_x), "x_i")

    def wrong_dw(w, b, x, y):
        e = w * x + b - y
        return 2 * np.mean(e * x * x), 2 * np.mean(e)

    _fails_with(check_mse_gradient(wrong_dw), "dL/dw")


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

    _fails_with(check_descent_step(uphill), "UPHILL")
    _fails_with(check_descent_step(no_lr), "learning rate")
    _fails_with(check_descent_step(only_change), "only the change")

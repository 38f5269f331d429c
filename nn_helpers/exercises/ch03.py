"""Checks for the "Your turn" exercises of notebook 03 (loss and gradient descent).

# n: examples.  x, y: (n,) one number per example; the model is y_hat = w * x + b.
"""

from __future__ import annotations

import numpy as np

from ..descent import mse, mse_gradient
from .feedback import Feedback, call_reader, compare_arrays

__all__ = ["check_descent_step", "check_mse", "check_mse_gradient"]


def _data():
    rng = np.random.default_rng(3)
    x = rng.normal(size=8)
    return x, 0.7 * x + 1.5 + 0.2 * rng.normal(size=8)


def _call_for_numbers(fn, name, count, *args):
    """``fn(*args)`` as a flat array of ``count`` numbers, or a Feedback saying why not."""
    got, problem = call_reader(fn, name, *args)
    if problem is not None:
        return None, problem
    try:
        values = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should return numbers; got {got!r}.")
    if values.size != count:
        what = "one number (a mean over the examples)" if count == 1 else f"{count} numbers"
        return None, Feedback(False, f"`{name}` should return {what}; it returned "
                                     f"{values.size}. Did you forget to average?")
    return values, None


def _matches(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-10)


def check_mse(fn) -> Feedback:
    """Exercise 1: L(w, b) = mean of (w x + b - y)^2."""
    x, y = _data()
    for w, b in [(0.5, 1.0), (-1.0, 2.0)]:
        value, problem = _call_for_numbers(fn, "mse_loss", 1, w, b, x, y)
        if problem is not None:
            return problem
        expected = mse(w, b, x, y)
        error = w * x + b - y
        if _matches(value, expected):
            continue
        if _matches(value, expected * len(x)):
            return Feedback(False, "you summed the squared errors: divide by n "
                                   "(np.mean instead of np.sum).")
        if _matches(value, expected / 2):
            return Feedback(False, "that is half the MSE (the series' quadratic cost). "
                                   "Here we want the plain mean of the squares, without the 1/2.")
        if _matches(value, np.mean(error)) or _matches(value, -np.mean(error)):
            return Feedback(False, "the errors are not squared: square before averaging, "
                                   "so that misses above and below do not cancel.")
        if _matches(value, np.mean(np.abs(error))):
            return Feedback(False, "that is the mean ABSOLUTE error; square the errors instead.")
        if _matches(value, np.mean(error) ** 2):
            return Feedback(False, "you averaged first and squared after: square each error, "
                                   "then average.")
        return Feedback(False, f"mse_loss({w}, {b}, x, y) returned {value[0]:.6g} but the MSE "
                               f"is {expected:.6g}: compute the errors w * x + b - y, square "
                               f"them, then take their mean.")
    return Feedback(True, "mse_loss agrees with the reference.")


def check_mse_gradient(fn) -> Feedback:
    """Exercise 2: (dL/dw, dL/db) = ((2/n) sum (w x + b - y) x, (2/n) sum (w x + b - y))."""
    x, y = _data()
    for w, b in [(0.5, 1.0), (-1.0, 2.0)]:
        value, problem = _call_for_numbers(fn, "mse_grad", 2, w, b, x, y)
        if problem is not None:
            return problem
        expected = np.array(mse_gradient(w, b, x, y))
        if _matches(value, expected):
            continue
        if _matches(value, expected[::-1]):
            return Feedback(False, "the two numbers are swapped: return (dL/dw, dL/db) "
                                   "in that order.")
        if _matches(value, -expected):
            return Feedback(False, "the sign is flipped: the error is (w x + b - y), "
                                   "prediction minus target, not (y - prediction).")
        if _matches(value, expected / 2):
            return Feedback(False, "half the right size: the derivative of a square brings "
                                   "down a factor 2, (u^2)' = 2 u u'.")
        if _matches(value, expected * len(x)):
            return Feedback(False, "you summed instead of averaging: divide by n.")
        if _matches(value[1], expected[1]) and _matches(value[0], expected[1]):
            return Feedback(False, "dL/dw equals dL/db: in dL/dw each error must be "
                                   "multiplied by its x_i (the chain rule: d(w x)/dw = x).")
        if _matches(value[1], expected[1]):
            return Feedback(False, f"dL/db is right but dL/dw is {value[0]:.6g} instead of "
                                   f"{expected[0]:.6g}: it is the mean of 2 * error * x.")
        if _matches(value[0], expected[0]):
            return Feedback(False, f"dL/dw is right but dL/db is {value[1]:.6g} instead of "
                                   f"{expected[1]:.6g}: it is the mean of 2 * error.")
        return compare_arrays(value, expected, f"mse_grad({w}, {b}, x, y)")
    return Feedback(True, "both partial derivatives agree with the reference.")


def check_descent_step(fn) -> Feedback:
    """Exercise 3: one step w <- w - lr dL/dw, b <- b - lr dL/db, fn(w, b, x, y, lr)."""
    x, y = _data()
    w, b, lr = -1.0, 2.0, 0.1
    value, problem = _call_for_numbers(fn, "descent_step", 2, w, b, x, y, lr)
    if problem is not None:
        return problem
    dw, db = mse_gradient(w, b, x, y)
    expected = np.array([w - lr * dw, b - lr * db])
    if _matches(value, expected):
        if mse(*value, x, y) < mse(w, b, x, y):
            return Feedback(True, f"one step moved the loss from {mse(w, b, x, y):.4f} down to "
                                  f"{mse(*value, x, y):.4f}.")
    if _matches(value, [w + lr * dw, b + lr * db]):
        return Feedback(False, "you stepped UPHILL: the gradient points to where the loss grows, "
                               "so subtract it, w - lr * dL/dw.")
    if _matches(value, [-lr * dw, -lr * db]):
        return Feedback(False, "you returned only the change: add it to the current values, "
                               "w - lr * dL/dw.")
    if _matches(value, [w - dw, b - db]):
        return Feedback(False, "the step ignores the learning rate: multiply the gradient by lr.")
    return compare_arrays(value, expected, "(new w, new b)")

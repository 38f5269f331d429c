"""Checks for the "Your turn" exercises of notebook 03 (loss and gradient descent).

# n: examples.  x, y: (n,) one number per example; the model is y_hat = w * x + b.
"""

from __future__ import annotations

import numpy as np

from ..descent import gradient_descent, mse, mse_gradient, numerical_gradient
from .feedback import Feedback, call_reader, compare_arrays

__all__ = ["check_descent_walk", "check_mae_gradient", "check_mse", "check_mse_gradient",
           "check_two_lines", "mse_gradient"]


def _data():
    rng = np.random.default_rng(3)
    x = rng.normal(size=8)
    return x, 0.7 * x + 1.5 + 0.2 * rng.normal(size=8)


def _call_for_numbers(fn, name, count, *args):
    """``fn(*args)`` as a flat array of ``count`` numbers, or a Feedback saying why not."""
    got, problem = call_reader(fn, name, *args)
    if problem is not None:
        return None, Feedback(False, problem.message + _array_hint(problem.message))
    if isinstance(got, (str, bytes)):
        return None, Feedback(False, f"`{name}` should return numbers; got the text {got!r}.")
    try:
        values = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should return numbers; got {got!r}.")
    if values.size != count:
        what = "one number (a mean over the examples)" if count == 1 else f"{count} numbers"
        return None, Feedback(False, f"`{name}` should return {what}; it returned "
                                     f"{values.size}. Did you forget to average?")
    return values, None


def _array_hint(message):
    """A hint for the errors that Python's own tools raise when handed a whole array."""
    if "converted to Python scalars" in message:
        return (" A function from Python's `math` module (math.fabs, math.sqrt, ...) works on "
                "ONE number; x and y are arrays. Use the NumPy twin: np.abs, np.sign, np.sqrt.")
    if "truth value of an array" in message:
        return (" An `if`, `max` or `min` on a whole array asks one yes/no question about many "
                "numbers. Work element by element with NumPy instead: np.sign, np.abs, "
                "np.where.")
    return ""


def _matches(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-10)


def _one_number(value, name):
    """``value`` as a float, or a Feedback saying why it is not one number."""
    if value is None or value is Ellipsis:
        return None, Feedback(False, f"`{name}` is still the placeholder: replace None with your "
                                     f"prediction (one number) and run the cell again.")
    if callable(value):
        return None, Feedback(False, f"`{name}` should be one number, not a function.")
    if isinstance(value, (str, bytes, bool)):
        return None, Feedback(False, f"`{name}` should be one number, like 3.5; got {value!r}.")
    try:
        number = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should be one number; got {value!r}.")
    if number.size != 1:
        return None, Feedback(False, f"`{name}` should be one number, not {number.size} "
                                     f"numbers.")
    number = float(number.reshape(-1)[0])
    if not np.isfinite(number):
        return None, Feedback(False, f"`{name}` is {number}: it should be a finite number.")
    return number, None


def check_two_lines(mse_A, mse_B) -> Feedback:
    """Exercise 1 (predict first): line A misses every wine by 1, line B is exact on half the
    wines and misses the other half by 2. Their MSEs: A = 1, B = (0 + 4) / 2 = 2."""
    a, problem = _one_number(mse_A, "mse_A")
    if problem is not None:
        return problem
    b, problem = _one_number(mse_B, "mse_B")
    if problem is not None:
        return problem
    close = lambda u, v: abs(u - v) < 1e-6   # noqa: E731
    if close(a, 1) and close(b, 2):
        return Feedback(True, "A: every squared miss is 1, mean 1. B: half the squared misses are "
                              "0 and half are 4, mean 2. Same average miss (1), but B's big misses "
                              "count double: squaring punishes big misses.")
    if close(a, 2) and close(b, 1):
        return Feedback(False, "swapped: mse_A is line A's (misses of 1 everywhere), "
                               "mse_B line B's.")
    if close(a, 0.5) and close(b, 1):
        return Feedback(False, "that is half of each MSE (the 1/2 of the quadratic cost). Here we "
                               "want the plain mean of the squared misses.")
    if close(a, 1) and close(b, 1):
        return Feedback(False, "line B's MSE is not 1. Its average miss is 1, but the MSE squares "
                               "first: the missed half has squared misses of 2 x 2 = 4, the other "
                               "half 0. Then average.")
    if close(a, 1) and close(b, 4):
        return Feedback(False, "4 is B's squared miss on the wines it gets wrong, but the mean "
                               "runs over ALL wines, and on half of them the squared miss is 0.")
    if close(a, 0) or close(b, 0):
        return Feedback(False, "an MSE is 0 only when every guess is exact; A misses every wine "
                               "and B misses half of them.")
    if close(a, 1):
        return Feedback(False, f"mse_A = 1 is right. For B ({b:g}): square each miss (0 or 2), "
                               f"then average over all the wines.")
    if close(b, 2):
        return Feedback(False, f"mse_B = 2 is right. For A ({a:g}): every miss is 1 (above or "
                               f"below), so every squared miss is 1; what is their mean?")
    return Feedback(False, f"({a:g}, {b:g}) is not it yet: for each line, square each wine's "
                           f"miss, then take the mean over all the wines.")


def check_mse(fn) -> Feedback:
    """Exercise 1: MSE(w, b) = mean of (w x + b - y)^2."""
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
    """Exercise 2: (dMSE/dw, dMSE/db) = ((2/n) sum (w x + b - y) x, (2/n) sum (w x + b - y))."""
    x, y = _data()
    for w, b in [(0.5, 1.0), (-1.0, 2.0)]:
        value, problem = _call_for_numbers(fn, "mse_grad", 2, w, b, x, y)
        if problem is not None:
            return problem
        expected = np.array(mse_gradient(w, b, x, y))
        if _matches(value, expected):
            continue
        if _matches(value, expected[::-1]):
            return Feedback(False, "the two numbers are swapped: return (dMSE/dw, dMSE/db) "
                                   "in that order.")
        if _matches(value, -expected):
            return Feedback(False, "the sign is flipped: the miss is (w x + b - y), "
                                   "prediction minus target, not (y - prediction).")
        if _matches(value, expected / 2):
            return Feedback(False, "half the right size: the derivative of a square brings "
                                   "down a factor 2, (u^2)' = 2 u u'.")
        if _matches(value, expected * len(x)):
            return Feedback(False, "you summed instead of averaging: divide by n.")
        if _matches(value[1], expected[1]) and _matches(value[0], expected[1]):
            return Feedback(False, "dMSE/dw equals dMSE/db: in dMSE/dw each miss must be "
                                   "multiplied by its x_i (the chain rule: d(w x)/dw = x).")
        if _matches(value[1], expected[1]):
            return Feedback(False, f"dMSE/db is right but dMSE/dw is {value[0]:.6g} instead of "
                                   f"{expected[0]:.6g}: it is the mean of 2 * miss * x.")
        if _matches(value[0], expected[0]):
            return Feedback(False, f"dMSE/dw is right but dMSE/db is {value[1]:.6g} instead of "
                                   f"{expected[1]:.6g}: it is the mean of 2 * miss.")
        return compare_arrays(value, expected, f"mse_grad({w}, {b}, x, y)")
    return Feedback(True, "both partial derivatives agree with the reference.")


WALK = dict(w=-1.0, b=2.0, lr=0.1, steps=5)


def check_descent_walk(fn) -> Feedback:
    """Exercise 3: fn(w, b, x, y, lr, steps) walks ``steps`` steps downhill, returns (w, b)."""
    x, y = _data()
    w, b, lr, steps = WALK["w"], WALK["b"], WALK["lr"], WALK["steps"]
    name = "walk"
    value, problem = _call_for_numbers(fn, name, 2, w, b, x, y, lr, steps)
    if problem is not None:
        if "returned" in problem.message and "Did you forget" in problem.message:
            return Feedback(False, f"`{name}` should return only where the walk ends, the "
                                   f"two numbers (w, b); " + problem.message.split("; ", 1)[1]
                                   .replace(" Did you forget to average?", " Return the last "
                                            "w and b, not every step or the losses."))
        return problem
    path = gradient_descent(x, y, lr, steps, (w, b))
    expected = np.array([path.w[-1], path.b[-1]])
    if _matches(value, expected):
        # a second walk with other settings, so a hard-coded answer cannot pass
        other, problem = _call_for_numbers(fn, name, 2, 0.5, -1.0, x, y, 0.3, 3)
        if problem is not None:
            return problem
        other_path = gradient_descent(x, y, 0.3, 3, (0.5, -1.0))
        if not _matches(other, [other_path.w[-1], other_path.b[-1]]):
            return Feedback(False, "right for 5 steps at lr = 0.1 from (-1, 2), but not for 3 "
                                   "steps at lr = 0.3 from (0.5, -1): use the arguments w, b, "
                                   "lr and steps, not fixed numbers.")
        return Feedback(True, f"{steps} steps took the loss from {path.loss[0]:.4f} down to "
                              f"{path.final_loss:.4f}, the same walk as gradient_descent.")
    if _matches(value, [w, b]):
        return Feedback(False, "the walk did not move: inside the loop, update w and b "
                               "(w = w - lr * dmse_dw) so that the next step starts from there.")
    for count in (1, steps - 1, steps + 1):
        short = gradient_descent(x, y, lr, count, (w, b))
        if _matches(value, [short.w[-1], short.b[-1]]):
            return Feedback(False, f"that is where {count} step{'s' * (count != 1)} end, not "
                                   f"{steps}: take exactly `steps` steps (range(steps)), each "
                                   f"starting from where the last one ended.")
    up_w, up_b = w, b
    for _ in range(steps):
        dw, db = mse_gradient(up_w, up_b, x, y)
        up_w, up_b = up_w + lr * dw, up_b + lr * db
    if _matches(value, [up_w, up_b]):
        return Feedback(False, "you walked UPHILL: the gradient points to where the loss grows, "
                               "so subtract it, w - lr * dMSE/dw.")
    no_lr = gradient_descent(x, y, 1.0, steps, (w, b), max_loss=np.inf)
    if _matches(value, [no_lr.w[-1], no_lr.b[-1]]):
        return Feedback(False, "the steps ignore the learning rate: multiply the gradient by lr.")
    dw, db = mse_gradient(w, b, x, y)
    if _matches(value, [w - steps * lr * dw, b - steps * lr * db]):
        return Feedback(False, "every step used the slope at the START: compute the gradient "
                               "again inside the loop, at the current w and b.")
    if _matches(value, expected - [w, b]):
        return Feedback(False, "you returned only how far the walk moved: return the new w and "
                               "b themselves.")
    return compare_arrays(value, expected, f"walk({w}, {b}, x, y, {lr}, {steps})")


def _mae(w, b, x, y):
    return float(np.mean(np.abs(w * x + b - y)))


def mae_gradient(w, b, x, y):
    """(dMAE/dw, dMAE/db) of MAE = mean |w x + b - y|: the slope of |u| is sign(u)."""
    s = np.sign(w * x + b - y)
    return float(np.mean(s * x)), float(np.mean(s))


def check_mae_gradient(fn) -> Feedback:
    """Exercise 4: the gradient of the mean absolute error, fn(w, b, x, y) -> (dmae_dw, dmae_db)."""
    x, y = _data()
    name = "mae_grad"
    answers = []
    for w, b in [(0.5, 1.0), (-1.0, 2.0), (1.2, 1.4)]:
        value, problem = _call_for_numbers(fn, name, 2, w, b, x, y)
        if problem is not None:
            return problem
        expected = np.array(mae_gradient(w, b, x, y))
        answers.append(value)
        if _matches(value, expected):
            continue
        r = w * x + b - y                  # each wine's miss
        s = np.sign(r)
        known = [
            (expected[::-1], "the two numbers are swapped: return (dMAE/dw, dMAE/db) in that "
                             "order."),
            (-expected, "the sign is flipped: the miss is prediction minus target, "
                        "r = w x + b - y, and the slope of |r| is +1 where r is positive."),
            (2 * expected, "twice the right answer: the 2 belongs to the slope of a SQUARE. "
                           "The slope of |u| is just +1 or -1."),
            (np.array(mse_gradient(w, b, x, y)), "that is the gradient of the MSE (the squares). "
                                                 "Here the loss is the mean of |miss|."),
            (np.array([np.mean(r * x), np.mean(r)]),
             "you used the miss itself where the slope of |r| belongs: that slope is +1 where "
             "r > 0 and -1 where r < 0, which is np.sign(r), whatever the size of r."),
            (np.array([np.mean(np.abs(r) * x), np.mean(np.abs(r))]),
             "you used |r| where the slope of |r| belongs: that slope is np.sign(r) (+1 or -1)."),
            (np.array([np.mean(s), np.mean(s)]),
             "dMAE/dw equals dMAE/db: in dMAE/dw each sign must be multiplied by its x_i "
             "(nudging w moves the miss of wine i by x_i times the nudge)."),
            (np.array([np.mean(x), 1.0]),
             "the sign of each miss is missing: a miss below 0 pulls the other way."),
            (len(x) * expected, "you summed instead of averaging: divide by n."),
        ]
        for wrong, hint in known:
            if _matches(value, wrong):
                return Feedback(False, hint)
        return compare_arrays(value, expected, f"mae_grad({w}, {b}, x, y)")
    w, b = 0.5, 1.0
    measured = numerical_gradient(lambda w_, b_: _mae(w_, b_, x, y), w, b)
    mine = answers[0]
    return Feedback(True, f"your slopes agree with the reference. At (w, b) = ({w}, {b}) a nudge "
                          f"of each knob measures ({measured[0]:.4f}, {measured[1]:.4f}); yours "
                          f"give ({mine[0]:.4f}, {mine[1]:.4f}).")

"""Checks for notebook 04 (the chain rule and computational graphs).

# n: batch size, d: inputs of a layer, m: outputs of a layer.  X: (n, d), W: (d, m), dZ: (n, m).

Each check makes its own test inputs, calls the reader's function, and compares it with the
right answer. When the answer is wrong it also compares it with the usual wrong answers
(the inner derivative forgotten, the outer derivative taken at the wrong place, a sign
flipped, a transpose missing) so the message can say which mistake it looks like.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from .feedback import Feedback, compare_arrays
from .feedback import call_reader as _call_reader

__all__ = ["check_chain_rule", "check_linear_vjp", "check_nudge_prediction", "check_tanh_neuron",
           "sigmoid", "sigmoid_prime"]


# ----------------------------------------------------------------- helpers
def call_reader(fn, name, *args):
    """``exercises.call_reader``; a None result also suggests a forgotten ``return``.

    Chapters 05 and 08-10 call the reader's functions through this one too.
    """
    result, problem = _call_reader(fn, name, *args, mention_return=True)
    if problem is not None and "converted to Python scalars" in problem.message:
        problem = Feedback(False, problem.message + " A function from Python's `math` module "
                                  "(math.exp, math.tanh, ...) works on ONE number, and this one "
                                  "got a NumPy array: use the NumPy twin (np.exp, np.tanh).")
    return result, problem


def matches(got, expected):
    """True when got has expected's shape and values (used to recognise wrong answers)."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    expected = np.asarray(expected, dtype=float)
    return got.shape == expected.shape and np.allclose(got, expected, rtol=1e-6, atol=1e-10)


def diagnose(got, expected, name, known_mistakes):
    """compare_arrays, but first name a known mistake if the answer equals one of them.

    ``known_mistakes`` is a list of (wrong_value, explanation).
    """
    verdict = compare_arrays(got, expected, name)
    if verdict:
        return verdict
    for wrong, explanation in known_mistakes:
        if matches(got, wrong):
            return Feedback(False, f"{name} is not right yet: {explanation}")
    return verdict


# -------------------------------------------------------- 1. the chain rule
def chain_rule_reference(x):
    """q(x) = sigma(3x + 1), so q'(x) = sigma'(3x + 1) * 3."""
    return sigmoid_prime(3 * x + 1) * 3


def check_chain_rule(dq_dx) -> Feedback:
    """Check dq_dx(x), the derivative of q(x) = sigmoid(3x + 1), on an array of x values."""
    name = "dq_dx"
    x = np.linspace(-2.0, 1.5, 8)
    got, problem = call_reader(dq_dx, name, x)
    if problem is not None:
        return problem
    expected = chain_rule_reference(x)
    verdict = diagnose(got, expected, f"`{name}(x)`", [
        (sigmoid_prime(3 * x + 1),
         "it equals sigma'(3x + 1), the outer derivative alone. The chain rule also "
         "multiplies by the inner derivative: the slope of g(x) = 3x + 1, which is 3."),
        (sigmoid_prime(x) * 3,
         "it equals sigma'(x) * 3: the outer derivative must be taken where the outer "
         "function is evaluated, at u = g(x) = 3x + 1, not at x."),
        (sigmoid(3 * x + 1) * 3,
         "it equals sigma(3x + 1) * 3: use the slope of the sigmoid, sigma'(u) = "
         "sigma(u)(1 - sigma(u)), not the sigmoid itself."),
    ])
    if verdict:
        slope = central_slope(x[2])
        return Feedback(True, f"{verdict.message} At x = {x[2]:.1f} a nudge measures "
                              f"{slope:.6f}; your formula gives {float(np.asarray(got)[2]):.6f}.")
    return verdict


def central_slope(x, eps=1e-6):
    """The measured slope of q(x) = sigma(3x + 1) at one x (central differences)."""
    return float((sigmoid(3 * (x + eps) + 1) - sigmoid(3 * (x - eps) + 1)) / (2 * eps))


# ------------------------------------------ 2. a tanh neuron's two gradients
NEURON_CASES = [(0.8, -0.2, 1.5, 1.0), (-1.3, 0.4, 0.7, 0.0), (2.0, 1.0, -0.5, 1.0),
                (0.3, -0.9, 2.2, -0.5)]


def tanh_neuron_reference(w, b, x, y):
    """C = 1/2 (tanh(w x + b) - y)^2: dC/dw = (a - y)(1 - a^2) x, dC/db = (a - y)(1 - a^2)."""
    a = np.tanh(w * x + b)
    delta = (a - y) * (1 - a ** 2)
    return np.array([delta * x, delta])


def _tanh_cost(w, b, x, y):
    return 0.5 * (np.tanh(w * x + b) - y) ** 2


def _two_numbers(got, name, what):
    """``got`` as an array of two numbers, or a Feedback saying why it is not."""
    if isinstance(got, (str, bytes)):
        return None, Feedback(False, f"`{name}` should return two numbers {what}; got the "
                                     f"text {got!r}.")
    try:
        values = np.asarray(got, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should return two numbers {what}; got "
                                     f"{got!r}.")
    if values.shape != (2,):
        return None, Feedback(False, f"`{name}` should return two numbers {what}, as a pair "
                                     f"`return dC_dw, dC_db`; got {values.size}.")
    return values, None


def check_tanh_neuron(tanh_neuron_gradients) -> Feedback:
    """Check tanh_neuron_gradients(w, b, x, y) -> (dC_dw, dC_db) for a = tanh(w x + b)."""
    name = "tanh_neuron_gradients"
    answers = []
    for w, b, x, y in NEURON_CASES:
        got, problem = call_reader(tanh_neuron_gradients, name, w, b, x, y)
        if problem is not None:
            return problem
        got, problem = _two_numbers(got, name, "(dC_dw, dC_db)")
        if problem is not None:
            return problem
        z = w * x + b
        a = np.tanh(z)
        expected = tanh_neuron_reference(w, b, x, y)
        link = np.array([x, 1.0])
        label = f"`{name}({w}, {b}, {x}, {y})`"
        verdict = diagnose(got, expected, label, [
            (expected[::-1], "the two numbers are swapped: return (dC_dw, dC_db) in that order."),
            ((a - y) * link,
             "the slope of tanh is missing: between C and z sits a = tanh(z), and its local "
             "slope tanh'(z) = 1 - tanh(z)^2 = 1 - a^2 is one link of the chain."),
            ((a - y) * sigmoid_prime(z) * link,
             "you used the sigmoid's slope sigma'(z). This neuron's activation is tanh: its "
             "slope is 1 - tanh(z)^2 (notebook 02's table)."),
            ((sigmoid(z) - y) * sigmoid_prime(z) * link,
             "that is the SIGMOID neuron of section 3. Here a = tanh(z): use np.tanh for a and "
             "1 - a**2 for its slope."),
            ((a - y) * (1 - np.tanh(a) ** 2) * link,
             "you took tanh' at a, 1 - tanh(a)^2. The slope is needed at tanh's input z: "
             "1 - tanh(z)^2, which is 1 - a^2."),
            ((a - y) * (1 - a) * link,
             "the slope of tanh is 1 - a^2 (a squared), not 1 - a."),
            ((a - y) * (1 - z ** 2) * link,
             "the slope of tanh is 1 - tanh(z)^2 = 1 - a^2, not 1 - z^2: square the OUTPUT "
             "of tanh."),
            ((a - y) * a * (1 - a) * link,
             "a(1 - a) is the sigmoid's slope written with its output; tanh's is 1 - a^2."),
            (-expected, "the sign is flipped: dC/da = a - y (not y - a); the cost grows "
                        "when a moves away from y."),
            ((a - y) * (1 - a ** 2) * np.array([w, 1.0]),
             "dC/dw must end with dz/dw = x (the input), not w: nudging w moves z = w x + b "
             "by x times the nudge."),
            (2 * expected, "twice the right answer: the 1/2 in C = (a - y)^2 / 2 cancels the "
                           "2 that the square brings down, so dC/da = a - y."),
        ])
        if not verdict:
            return verdict
        answers.append(got)
    w, b, x, y = NEURON_CASES[0]
    eps = 1e-6
    measured = (_tanh_cost(w + eps, b, x, y) - _tanh_cost(w - eps, b, x, y)) / (2 * eps)
    return Feedback(True, f"`{name}` agrees with the chain rule on {len(NEURON_CASES)} neurons. "
                          f"For the first one, nudging w measures dC/dw = {measured:.6f}; "
                          f"yours gives {answers[0][0]:.6f}.")


# ----------------------------------------- 3. predict a nudge before you make it
PREDICT_NUDGE = 0.01
PREDICT_POINT = dict(x=1.5, w=0.8, b=-0.2, y=0.0)   # section 3's neuron, with the target 0


def _nudge_b_change(y=PREDICT_POINT["y"]):
    """What the chain rule predicts: Delta C ~= (dz/db)(da/dz)(dC/da) x nudge, for the
    neuron of section 3 with target y; and what a real nudge of b measures."""
    from ..chain import nudge_chain

    result = nudge_chain(**dict(PREDICT_POINT, y=y), which="b", nudge=PREDICT_NUDGE)
    return result.product * PREDICT_NUDGE, result.changes[-1], result


def check_nudge_prediction(change_of_C) -> Feedback:
    """Check the predicted change of C when b is nudged by +0.01 in the neuron with y = 0."""
    name = "change_of_C"
    if change_of_C is None or change_of_C is Ellipsis:
        return Feedback(False, f"`{name}` is still the placeholder: replace None with your "
                               f"prediction (one number) and run the cell again.")
    if callable(change_of_C):
        return Feedback(False, f"`{name}` should be one number (your prediction), not a "
                               f"function.")
    if isinstance(change_of_C, (str, bytes)) or isinstance(change_of_C, bool):
        return Feedback(False, f"`{name}` should be one number, like -0.0001; got "
                               f"{change_of_C!r}.")
    try:
        value = np.asarray(change_of_C, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"`{name}` should be one number; got {change_of_C!r}.")
    if value.size != 1:
        return Feedback(False, f"`{name}` should be one number (how much C moves), not "
                               f"{value.size} numbers.")
    value = float(value.reshape(-1)[0])
    if not np.isfinite(value):
        return Feedback(False, f"`{name}` is {value}: a prediction must be a finite number.")
    predicted, measured, result = _nudge_b_change()

    def near(a, b, rel=0.03):
        return abs(a - b) <= rel * abs(b)

    if near(value, predicted) or near(value, measured):
        return Feedback(True, f"the chain rule predicts {predicted:.6f}; a real nudge of b by "
                              f"{PREDICT_NUDGE} moves C by {measured:.6f}. Now make the nudge "
                              f"in an app and compare.")
    _, sigma_slope, last = result.slopes
    old_predicted, _, _ = _nudge_b_change(y=1.0)     # the neuron with y = 1, as in the app
    w = PREDICT_POINT["w"]
    known = [
        (old_predicted, "that is the answer for the neuron of the app, whose target is y = 1. "
                        "Here y = 0: which local slope depends on y?"),
        (result.product, "that is the slope dC/db, the change PER UNIT of nudge. The nudge is "
                         f"{PREDICT_NUDGE}: multiply the slope by it."),
        (-predicted, "the sign is flipped. With y = 0 the output a is ABOVE its target: raising "
                     "b raises a, further from y, so C goes UP. The last slope is a - y = a."),
        (w * predicted, "that is the answer for nudging x (its first slope is w = 0.8). For b "
                        "the first link is z = w x + b towards b: slope 1."),
        (sigma_slope * PREDICT_NUDGE, "that is how much a moves (slope sigma'(z) times the "
                                      "nudge); one more link to C: times dC/da = a - y."),
        (last * PREDICT_NUDGE, "the link sigma'(z) is missing: between z and C sits "
                               "a = sigma(z), with slope sigma'(z)."),
        (sigma_slope * (1 - last) * PREDICT_NUDGE,
         "you used 1 - a for the last slope; it is a - y, and here y = 0."),
    ]
    for wrong, hint in known:
        if near(value, wrong):
            return Feedback(False, hint)
    return Feedback(False, f"{value:.6g} is not what the chain rule predicts. Multiply the three "
                           f"local slopes from b to C (dz/db, then sigma'(z), then a - y with "
                           f"y = 0; the app prints sigma'(z) and a) and then the nudge "
                           f"{PREDICT_NUDGE}.")


# -------------------------------------- 3. vector-Jacobian product of a layer
def check_linear_vjp(linear_vjp) -> Feedback:
    """Check linear_vjp(dZ, W) -> dX for Z = X @ W + b: dX = dZ @ W.T, shape (n, d)."""
    name = "linear_vjp"
    rng = np.random.default_rng(4)
    for n, d, m in ((5, 4, 3), (2, 7, 6)):
        W = rng.standard_normal((d, m))
        dZ = rng.standard_normal((n, m))
        got, problem = call_reader(linear_vjp, name, dZ, W)
        if problem is not None:
            return problem
        expected = dZ @ W.T
        verdict = compare_arrays(got, expected, f"`{name}(dZ, W)` with dZ {dZ.shape}, "
                                                f"W {W.shape}")
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` returns dC/dX = dZ @ W.T with shape (n, d) without "
                          f"building a Jacobian.")

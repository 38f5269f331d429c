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

__all__ = ["check_chain_rule", "check_neuron_gradients", "check_linear_vjp", "sigmoid",
           "sigmoid_prime"]


# ----------------------------------------------------------------- helpers
def call_reader(fn, name, *args):
    """``exercises.call_reader``; a None result also suggests a forgotten ``return``.

    Chapters 05 and 08-10 call the reader's functions through this one too.
    """
    return _call_reader(fn, name, *args, mention_return=True)


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
    """h(x) = sigma(3x + 1), so h'(x) = sigma'(3x + 1) * 3."""
    return sigmoid_prime(3 * x + 1) * 3


def check_chain_rule(dh_dx) -> Feedback:
    """Check dh_dx(x), the derivative of h(x) = sigmoid(3x + 1), on an array of x values."""
    name = "dh_dx"
    x = np.linspace(-2.0, 1.5, 8)
    got, problem = call_reader(dh_dx, name, x)
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
    """The measured slope of h(x) = sigma(3x + 1) at one x (central differences)."""
    return float((sigmoid(3 * (x + eps) + 1) - sigmoid(3 * (x - eps) + 1)) / (2 * eps))


# ------------------------------------------- 2. one neuron's two gradients
NEURON_CASES = [(0.8, -0.2, 1.5, 1.0), (-1.3, 0.4, 0.7, 0.0), (2.0, 1.0, -0.5, 1.0),
                (0.3, -0.9, 2.2, 0.0)]


def neuron_reference(w, b, x, y):
    """C = 1/2 (sigma(w x + b) - y)^2: dC/dw = (a - y) sigma'(z) x, dC/db = (a - y) sigma'(z)."""
    z = w * x + b
    a = sigmoid(z)
    delta = (a - y) * sigmoid_prime(z)
    return np.array([delta * x, delta])


def check_neuron_gradients(neuron_gradients) -> Feedback:
    """Check neuron_gradients(w, b, x, y) -> (dC_dw, dC_db) on a few neurons."""
    name = "neuron_gradients"
    for w, b, x, y in NEURON_CASES:
        got, problem = call_reader(neuron_gradients, name, w, b, x, y)
        if problem is not None:
            return problem
        try:
            got = np.asarray(got, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            return Feedback(False, f"`{name}` should return two numbers (dC_dw, dC_db); got "
                                   f"{got!r}.")
        if got.shape != (2,):
            return Feedback(False, f"`{name}` should return two numbers (dC_dw, dC_db); got "
                                   f"{got.size}.")
        z = w * x + b
        a = sigmoid(z)
        expected = neuron_reference(w, b, x, y)
        label = f"`{name}({w}, {b}, {x}, {y})`"
        verdict = diagnose(got, expected, label, [
            (expected[::-1], "the two numbers are swapped: return (dC_dw, dC_db) in that order."),
            (np.array([a - y, a - y]) * np.array([x, 1.0]),
             "the factor sigma'(z) is missing: between C and z sits the sigmoid, and its "
             "slope sigma'(z) = a(1 - a) is one of the links of the chain."),
            (-expected, "the sign is flipped: dC/da = a - y (not y - a); the cost grows "
                        "when a moves away from y."),
            (np.array([(a - y) * sigmoid_prime(a) * x, (a - y) * sigmoid_prime(a)]),
             "you took sigma'(a); the slope of the sigmoid is needed at its input, sigma'(z) "
             "(which equals a(1 - a))."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` agrees with the chain rule on {len(NEURON_CASES)} neurons.")


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

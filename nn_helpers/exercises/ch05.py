"""Checks for notebook 05 (backpropagation: the four equations).

# n: batch size, h: units of the layer, p: units of the layer before (n_{l-1}), q: of the next.
# A_prev: (n, p), Z and delta: (n, h), W: (p, h); W_next: (h, q), delta_next: (n, q).

The checks build their own random inputs with shapes that are all different, so a missing
transpose shows up as a wrong shape (or a failed ``@``) instead of passing by luck, and
recognise the usual mistakes: a forgotten 1/n, a flipped sign, a missing f'(z), a mean
where BP3 needs a sum.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..losses import quadratic_grad
from .ch04 import call_reader, diagnose
from .feedback import Feedback, not_attempted

__all__ = ["check_output_error", "check_param_gradients", "check_hidden_error",
           "check_shapes", "sigmoid", "sigmoid_prime"]


# ------------------------------------------------------------- BP1
def output_error_reference(Z, A, Y):
    """BP1 for sigmoid outputs and C = 1/(2n) sum ||a - y||^2: delta = (A - Y)/n * sigma'(Z)."""
    return quadratic_grad(A, Y) * sigmoid_prime(Z)


def check_output_error(output_error) -> Feedback:
    """Check output_error(Z, A, Y) -> delta[L], shape (n, k)."""
    name = "output_error"
    rng = np.random.default_rng(5)
    for n, k in ((6, 3), (4, 2)):
        Z = rng.standard_normal((n, k))
        A = sigmoid(Z)
        Y = (rng.random((n, k)) < 0.5).astype(float)
        got, problem = call_reader(output_error, name, Z, A, Y)
        if problem is not None:
            return problem
        expected = output_error_reference(Z, A, Y)
        verdict = diagnose(got, expected, f"`{name}` (batch of n = {n})", [
            (expected * n, f"it is n = {n} times too big: the cost is an average over the "
                           f"batch, so dC/dA = (A - Y)/n. The 1/n is missing."),
            (-expected, "the sign is flipped: dC/dA = (A - Y)/n, not (Y - A)/n."),
            ((A - Y) / n, "the factor sigma'(Z) is missing: BP1 multiplies dC/dA by the "
                          "slope of the output activation, element by element."),
            ((A - Y) / n * sigmoid_prime(A), "you used sigma'(A); the slope is needed at the "
                                             "weighted input: sigma'(Z) (equal to A(1 - A))."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` computes BP1, delta[L] = (A - Y)/n * sigma'(Z).")


# ------------------------------------------------------- BP3 and BP4
def check_param_gradients(param_gradients) -> Feedback:
    """Check param_gradients(A_prev, delta) -> (dW, db): BP4 dW = A_prev.T @ delta,
    BP3 db = delta.sum(axis=0)."""
    name = "param_gradients"
    rng = np.random.default_rng(6)
    for n, p, h in ((7, 4, 3), (5, 2, 6)):
        A_prev = rng.random((n, p))
        delta = rng.standard_normal((n, h)) / n
        got, problem = call_reader(param_gradients, name, A_prev, delta)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Feedback(False, f"`{name}` should return two arrays, (dW, db); got "
                                   f"{type(got).__name__}.")
        dW, db = got
        expected_dW, expected_db = A_prev.T @ delta, delta.sum(axis=0)
        shapes = f"(A_prev {A_prev.shape}, delta {delta.shape})"
        verdict = diagnose(dW, expected_dW, f"dW {shapes}", [
            (delta.T @ A_prev, f"dW has shape {(h, p)}, the layout of W in the textbook; here "
                               f"W[l] is (n_in, n_out) = {(p, h)}, so dW = A_prev.T @ delta."),
            (expected_dW / n, f"dW is n = {n} times too small: the 1/n of the average is "
                              f"already inside delta, so BP4 is a plain sum over examples."),
            (expected_db, "dW is what db should be: dW needs the inputs, A_prev.T @ delta."),
        ])
        if not verdict:
            return verdict
        verdict = diagnose(db, expected_db, f"db {shapes}", [
            (delta.mean(axis=0), f"db is n = {n} times too small: you took the mean; the 1/n "
                                 f"is already inside delta, so BP3 is delta.sum(axis=0)."),
            (delta.sum(axis=0, keepdims=True), f"db has shape {(1, h)}; b has shape {(h,)}, "
                                               f"so sum without keepdims."),
            (delta.sum(axis=1), "db summed over the wrong axis: sum over the examples "
                                "(axis=0, the rows), keeping one number per unit."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` computes BP4 (dW = A_prev.T @ delta) and BP3 "
                          f"(db = delta.sum(axis=0)).")


# ------------------------------------------------------------- BP2
def check_hidden_error(hidden_error) -> Feedback:
    """Check hidden_error(delta_next, W_next, Z) -> delta for a sigmoid hidden layer:
    BP2 delta = (delta_next @ W_next.T) * sigma'(Z)."""
    name = "hidden_error"
    rng = np.random.default_rng(7)
    for n, h, q in ((5, 4, 3), (3, 2, 6)):
        delta_next = rng.standard_normal((n, q))
        W_next = rng.standard_normal((h, q))
        Z = rng.standard_normal((n, h))
        got, problem = call_reader(hidden_error, name, delta_next, W_next, Z)
        if problem is not None:
            return problem
        back = delta_next @ W_next.T
        expected = back * sigmoid_prime(Z)
        label = (f"`{name}` (delta_next {delta_next.shape}, W_next {W_next.shape}, "
                 f"Z {Z.shape})")
        verdict = diagnose(got, expected, label, [
            (back, "the factor sigma'(Z) is missing: after sending the error back through "
                   "the weights, multiply element-wise by the slope of this layer's activation."),
            (-expected, "the sign is flipped: BP2 has no minus sign."),
            (back * sigmoid_prime(sigmoid(Z)), "you applied sigma' to sigma(Z) (the "
                                               "activation A); it belongs at Z."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` computes BP2, delta = (delta_next @ W_next.T) * sigma'(Z).")


# -------------------------------------------------------- the shapes
SHAPE_QUESTION = {"sizes": [784, 30, 10], "n": 32}
SHAPE_KEYS = ("A1", "delta2", "W2", "dW2", "db2")


def expected_shapes(sizes=(784, 30, 10), n=32):
    """The shapes for a two-layer network ``sizes`` = (d, h, k) and a batch of n examples."""
    d, h, k = sizes
    return {"A1": (n, h), "delta2": (n, k), "W2": (h, k), "dW2": (h, k), "db2": (k,)}


def check_shapes(answer) -> Feedback:
    """Check a dict of shapes (tuples) for Network([784, 30, 10]) and a batch of 32."""
    name = "answer"
    if answer is None or not isinstance(answer, dict):
        return not_attempted(name) if answer is None else Feedback(
            False, f"`{name}` should be a dict like {{'A1': (32, 30), ...}}; got "
                   f"{type(answer).__name__}.")
    missing = [key for key in SHAPE_KEYS if key not in answer]
    if missing:
        return Feedback(False, f"`{name}` needs the keys {list(SHAPE_KEYS)}; missing {missing}.")
    if all(answer[key] is None for key in SHAPE_KEYS):
        return not_attempted(name)
    expected = expected_shapes()
    n = SHAPE_QUESTION["n"]
    for key in SHAPE_KEYS:
        got = answer[key]
        if got is None:
            return Feedback(False, f"{key} is still None: fill in every shape.")
        try:
            got = tuple(int(s) for s in (got if isinstance(got, (tuple, list)) else (got,)))
        except (TypeError, ValueError):
            return Feedback(False, f"{key} should be a tuple of whole numbers like (32, 30); "
                                   f"got {answer[key]!r}.")
        want = expected[key]
        if got == want:
            continue
        if got == want[::-1]:
            hint = ("reversed. One example per row: batch arrays are (n, units), and W[l] is "
                    "(n_{l-1}, n_l), inputs by outputs.")
        elif key in ("dW2", "db2") and n in got:
            hint = (f"the batch size {n} is summed away: a gradient always has the shape of its "
                    f"parameter.")
        elif key == "db2" and len(got) == 2:
            hint = "a bias is a 1-D array, one number per unit: (k,)."
        else:
            hint = "look at the shape table above."
        return Feedback(False, f"{key} should be {want}, not {got}: {hint}")
    return Feedback(True, "every shape is right; note that dW2 has the shape of W2 and db2 the "
                          "shape of b2.")

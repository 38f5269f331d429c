"""Checks for notebook 05 (backpropagation, held in your hands).

# n: batch size, h: units of the layer, q: units of the next layer.
# Z and delta: (n, h); W_next: (h, q), delta_next: (n, q); for BP1: Z, A, Y: (n, k).

    check_shapes(answer)                  the shapes of a 784-30-10 network, batch of 32
    check_by_hand(answer)                 the tiny 2-2-1 network with the target y = 0, by hand
    check_relu_zeros(answer)              which gradients of the ReLU network are exactly 0
    check_hidden_error_tanh(fn)           BP2 for a tanh hidden layer (derived, not shown)
    check_output_error_ce(fn)             BP1 for the cross-entropy cost and a sigmoid output

The array checks build their own random inputs with sizes that are all different, so a missing
transpose shows up as a wrong shape (or a failed ``@``) instead of passing by luck, and
recognise the usual mistakes (a forgotten 1/n, a flipped sign, the slope of the wrong
function or at the wrong place). A wrong answer always gets a hint, never a traceback.
"""

from __future__ import annotations

import numbers
import re

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..worked import backward, forward, tiny_network
from .ch04 import call_reader, diagnose
from .feedback import Feedback, not_attempted

__all__ = ["check_by_hand", "check_hidden_error_tanh", "check_output_error_ce",
           "check_relu_zeros", "check_shapes", "sigmoid", "sigmoid_prime"]


def _call(fn, name, *args):
    """call_reader, with a hint when a function of Python's ``math`` met an array."""
    got, problem = call_reader(fn, name, *args)
    if problem is not None and re.search(r"length-1|only 0-dimensional|size-1|must be real "
                                         r"number", problem.message):
        problem = Feedback(False, problem.message + " It looks like a function from Python's "
                           "`math` module (math.tanh, math.exp, math.log), which takes one "
                           "number; use NumPy's (np.tanh, np.exp, np.log), which work on a "
                           "whole array at once.")
    return got, problem


# -------------------------------------------------------- 1. the shapes
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
        if isinstance(got, numbers.Number) and not isinstance(got, bool):
            return Feedback(False, f"{key} is the plain number {got!r}, not a shape. A shape "
                                   f"is a tuple with one size per axis, as `.shape` prints "
                                   f"it: (32, 30) for a table, and for a 1-D array a tuple "
                                   f"with a comma, like (10,).")
        try:
            if isinstance(got, (str, bytes)) or not isinstance(got, (tuple, list)):
                raise TypeError
            got = tuple(int(s) for s in got)
            if any(isinstance(s, bool) or s != int(s) for s in answer[key]):
                raise TypeError
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


# ------------------------------------------- 2. the tiny network by hand, y = 0
BY_HAND_KEYS = ("delta2", "delta1_0", "delta1_1", "dw1_10")


def by_hand_expected(y=0.0):
    """The four numbers of the by-hand exercise for the tiny network with target ``y``."""
    g = backward(tiny_network(y=y))
    return {"delta2": g["delta2"][0], "delta1_0": g["delta1"][0], "delta1_1": g["delta1"][1],
            "dw1_10": g["dW1"][1, 0]}


def _close(got, want):
    # by hand, from numbers rounded to 4 decimals: 1% (or 2e-4) is close enough
    return abs(got - want) <= max(0.01 * abs(want), 2e-4)


def check_by_hand(answer) -> Feedback:
    """Check the dict {"delta2", "delta1_0", "delta1_1", "dw1_10"} for the tiny network of
    notebook 05 with the target y = 0 (everything else unchanged)."""
    name = "answer"
    if answer is None:
        return not_attempted(name)
    if not isinstance(answer, dict):
        return Feedback(False, f"`{name}` should be a dict with the keys {list(BY_HAND_KEYS)}; "
                               f"got {type(answer).__name__}.")
    missing = [key for key in BY_HAND_KEYS if key not in answer]
    if missing:
        return Feedback(False, f"`{name}` needs the keys {list(BY_HAND_KEYS)}; missing {missing}.")
    if all(answer[key] is None for key in BY_HAND_KEYS):
        return not_attempted(name)
    net = tiny_network(y=0.0)
    v, want = forward(net), by_hand_expected(0.0)
    old = by_hand_expected(1.0)                 # the numbers of the notebook, target y = 1
    d2, s1 = want["delta2"], sigmoid_prime(v["z1"])
    for key in BY_HAND_KEYS:
        got = answer[key]
        if got is None:
            return Feedback(False, f"{key} is still None: fill in all four numbers.")
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            shape = f" of shape {np.shape(got)}" if hasattr(got, "shape") else ""
            return Feedback(False, f"{key} should be one number (like 0.1234); got "
                                   f"{type(got).__name__}{shape}{'' if shape else f': {got!r}'}.")
        got = float(got)
        if not np.isfinite(got):
            return Feedback(False, f"{key} is {got}: not a number a hand calculation gives.")
        if _close(got, want[key]):
            continue
        hints = {
            "delta2": [(old["delta2"], "that is δ[2]_0 for the target y = 1, worked in the "
                                       "notebook. Here y = 0: δ[2]_0 = (a[2]_0 - 0) σ'(z[2]_0)."),
                       (-d2, "the sign is flipped: BP1 starts from a[2]_0 - y, not y - a[2]_0."),
                       (v["a2"][0], "that is a[2]_0 - y alone: BP1 also multiplies by the "
                                    "output's slope σ'(z[2]_0) = a[2]_0 (1 - a[2]_0)."),
                       (v["a2"][0] * sigmoid_prime(v["a2"][0]), "you took σ' at a[2]_0; the "
                        "slope belongs at the weighted input: σ'(z[2]_0) = a (1 - a).")],
            "delta1_0": [(old["delta1_0"], "that is δ[1]_0 of the notebook (target y = 1): "
                                           "start from your new δ[2]_0."),
                         (net.W2[0, 0] * d2, "the hidden neuron's own slope σ'(z[1]_0) is "
                                             "missing: BP2 multiplies by it."),
                         (net.W2[1, 0] * d2 * s1[0], "you used w[2]_10, the weight of the "
                          "other hidden neuron. Neuron 0's error comes back along its own "
                          "arrow, w[2]_00.")],
            "delta1_1": [(old["delta1_1"], "that is δ[1]_1 of the notebook (target y = 1): "
                                           "start from your new δ[2]_0."),
                         (net.W2[1, 0] * d2, "the hidden neuron's own slope σ'(z[1]_1) is "
                                             "missing: BP2 multiplies by it."),
                         (net.W2[0, 0] * d2 * s1[1], "you used w[2]_00, the weight of the "
                          "other hidden neuron. Neuron 1's error comes back along its own "
                          "arrow, w[2]_10 = -0.5 (mind the sign)."),
                         (-want["delta1_1"], "the sign is flipped: w[2]_10 is negative.")],
            "dw1_10": [(net.x[0] * want["delta1_0"], "you used x_0. w[1]_10 is the arrow FROM "
                        "input 1 TO hidden neuron 0 (row = where it starts): BP4 multiplies "
                        "what came in on it, x_1, by the error where it ends, δ[1]_0."),
                       (net.x[1] * want["delta1_1"], "you used δ[1]_1. w[1]_10 ends at hidden "
                        "neuron 0, so BP4 uses δ[1]_0."),
                       (old["dw1_10"], "that is the notebook's value for y = 1.")],
        }[key]
        for wrong, hint in hints:
            if _close(got, wrong):
                return Feedback(False, f"{key} = {got:.4g} is not right yet: {hint}")
        return Feedback(False, f"{key} = {got:.4g} is not right yet. Write its equation with "
                               f"the numbers in (as the trace above does) and compute it again; "
                               f"the forward numbers are the notebook's (they do not depend "
                               f"on y).")
    return Feedback(True, "all four numbers are right: with y = 0 every error changes sign, "
                          "so every step of gradient descent now pushes the output down.")


# ------------------------------------------- 3. the ReLU network: which gradients are 0
RELU_PARAMETERS = ("w[1]_00", "w[1]_10", "w[1]_01", "w[1]_11", "b[1]_0", "b[1]_1",
                   "w[2]_00", "w[2]_10", "b[2]_0")
RELU_ZEROS = frozenset({"w[1]_01", "w[1]_11", "b[1]_1", "w[2]_10"})


def _parameter_name(text):
    """'dC/dw[1]_01', 'W[1]_01', ' w[1]_01 ' -> 'w[1]_01'."""
    text = re.sub(r"\s+", "", str(text)).lower()
    return text[4:] if text.startswith("dc/d") else text


def check_relu_zeros(answer) -> Feedback:
    """Check the set of parameters of the ReLU tiny network whose gradient is exactly 0."""
    name = "zero_gradients"
    if answer is None:
        return not_attempted(name)
    if isinstance(answer, str):
        return Feedback(False, f"`{name}` should be a set of names like {{'w[1]_01', "
                               f"'b[1]_1'}}, not one string: put each name in its own quotes.")
    if not isinstance(answer, (set, frozenset, list, tuple)):
        return Feedback(False, f"`{name}` should be a set of names like {{'w[1]_01', "
                               f"'b[1]_1'}}; got {type(answer).__name__}.")
    if not all(isinstance(item, str) for item in answer):
        return Feedback(False, f"`{name}` should hold names written as strings, like "
                               f"'w[1]_01'; got {sorted(map(repr, answer))}.")
    got = {_parameter_name(item) for item in answer}
    unknown = sorted(got - set(RELU_PARAMETERS))
    if unknown:
        return Feedback(False, f"{unknown} are not parameters of the network; the names are "
                               f"{list(RELU_PARAMETERS)} (w[1]_kj: from input k to hidden "
                               f"neuron j).")
    if got == RELU_ZEROS:
        return Feedback(True, "those four: the unit that is off has slope 0, so its error δ[1]_1 "
                              "is 0 (its bias and incoming weights learn nothing), and its "
                              "output is 0, so the weight leaving it learns nothing either.")
    if got == {"w[1]_10", "w[1]_11", "b[1]_1", "w[2]_10"} or got >= {"w[1]_10", "w[1]_11"}:
        return Feedback(False, "look again at the weights into hidden neuron 1: w[1]_kj goes "
                               "from input k to neuron j, so the arrows into neuron 1 are "
                               "w[1]_01 and w[1]_11 (second index 1).")
    if got == {"w[1]_01", "w[1]_11", "b[1]_1"}:
        return Feedback(False, "one is missing. Look at the arrow that LEAVES the unit that is "
                               "off: BP4 multiplies what came in on it, a[1]_1, by δ[2]_0.")
    if "b[1]_1" not in got and {"w[1]_01", "w[1]_11"} <= got:
        return Feedback(False, "a bias learns from its neuron's error (BP3): what is "
                               "dC/db[1]_1 when δ[1]_1 is 0?")
    wrong = sorted(got - RELU_ZEROS)
    if wrong:
        return Feedback(False, f"{wrong}: not exactly 0. Hidden neuron 0 is on (slope 1), so "
                               f"its error and everything that uses it are not 0; and the "
                               f"output neuron's error δ[2]_0 is not 0.")
    return Feedback(False, f"some are missing ({len(RELU_ZEROS - got)} of them). Start from the "
                           f"unit that is off: what is its slope, its error, its output?")


# ------------------------------------------------ 4. BP2 for a tanh hidden layer
def check_hidden_error_tanh(hidden_error) -> Feedback:
    """Check hidden_error(delta_next, W_next, Z) -> delta for a tanh hidden layer:
    BP2 delta = (delta_next @ W_next.T) * (1 - tanh(Z)^2)."""
    name = "hidden_error"
    rng = np.random.default_rng(7)
    for n, h, q in ((5, 4, 3), (3, 2, 6)):
        delta_next = rng.standard_normal((n, q))
        W_next = rng.standard_normal((h, q))
        Z = rng.standard_normal((n, h))
        got, problem = _call(hidden_error, name, delta_next, W_next, Z)
        if problem is not None:
            return problem
        back = delta_next @ W_next.T
        expected = back * (1 - np.tanh(Z) ** 2)
        label = (f"`{name}` (delta_next {delta_next.shape}, W_next {W_next.shape}, "
                 f"Z {Z.shape})")
        verdict = diagnose(got, expected, label, [
            (back, "the slope of tanh is missing: after sending the error back through the "
                   "weights, multiply element by element by tanh'(Z)."),
            (back * sigmoid_prime(Z), "that is the sigmoid's slope. This layer is tanh: "
                                      "measure tanh's slope by nudging and compare it with "
                                      "1 - tanh(z)^2."),
            (back * (1 - Z ** 2), "you used 1 - Z**2: the slope is 1 - tanh(Z)**2 (like "
                                  "σ' = σ (1 - σ), it is written with the activation's "
                                  "output, tanh(Z), not with Z)."),
            (back * (1 - np.tanh(Z)), "1 - tanh(Z) is not the slope: the tanh is squared, "
                                      "1 - tanh(Z)**2."),
            (back * np.tanh(Z), "you multiplied by tanh(Z), the activation itself; BP2 needs "
                                "its slope."),
            (back * (1 - np.tanh(np.tanh(Z)) ** 2), "you took the slope at tanh(Z) (the "
                                                    "activation A); it belongs at Z."),
            (-expected, "the sign is flipped: BP2 has no minus sign."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` computes BP2 for tanh: delta = (delta_next @ W_next.T) * "
                          f"(1 - tanh(Z)**2). Only the slope changed.")


# ----------------------------- 5. BP1 for the cross-entropy cost and a sigmoid output
def output_error_ce_reference(Z, A, Y):
    """C = -(1/n) sum [y log a + (1 - y) log(1 - a)], a = sigma(z): delta = (A - Y) / n."""
    return (A - Y) / A.shape[0]


def check_output_error_ce(output_error) -> Feedback:
    """Check output_error(Z, A, Y) -> delta[L] for sigmoid outputs and the cross-entropy cost."""
    name = "output_error"
    rng = np.random.default_rng(5)
    for n, k in ((6, 3), (4, 2)):
        Z = rng.standard_normal((n, k))
        A = sigmoid(Z)
        Y = (rng.random((n, k)) < 0.5).astype(float)
        got, problem = _call(output_error, name, Z, A, Y)
        if problem is not None:
            return problem
        expected = output_error_ce_reference(Z, A, Y)
        dC_dA = (A - Y) / (A * (1 - A)) / n
        verdict = diagnose(got, expected, f"`{name}` (batch of n = {n})", [
            (expected * sigmoid_prime(Z), "that is (A - Y)/n times σ'(Z), the form of the "
             "quadratic cost. Here dC/dA is not A - Y: work out dC/da for the cross-entropy "
             "cost first, then multiply by σ'(z) = a(1 - a) and simplify."),
            (dC_dA, "that is dC/dA alone: BP1 multiplies it by the output's slope "
                    "σ'(Z) = A(1 - A), element by element."),
            (expected * n, f"it is n = {n} times too big: the cost is an average over the "
                           f"batch, so the 1/n stays."),
            (-expected, "the sign is flipped: a prediction above its target (a > y) should "
                        "get a positive error."),
            (dC_dA * sigmoid_prime(A), "you took σ' at A; the slope belongs at Z."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` computes BP1 for the cross-entropy cost: delta = (A - Y)/n. "
                          f"The σ'(z) cancelled, so a saturated output still learns.")

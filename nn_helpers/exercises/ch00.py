"""Checks for notebook 00, "Start here": shapes, the kinds of learning, `axis` and
`keepdims`, and a slope rule found by nudging.

# n: examples, d: input features, k: neurons.  X (n, d), W (d, k), b (k,).
"""

from __future__ import annotations

import numpy as np

from .ch01 import check_shape_answer
from .feedback import Feedback, call_reader, not_attempted

__all__ = ["check_X_shape", "check_layer_shapes", "check_learning_kinds", "check_mean_axis",
           "check_reciprocal_slope"]

KINDS = ("supervised", "unsupervised", "reinforcement")


def _wrong_form(answer, name):
    """A hint when ``answer`` is not written as a shape at all (a plain number, a string, an
    array instead of its shape...), else None. The usual slips get their own words."""
    if answer is None or answer is Ellipsis:
        return not_attempted(name)
    if isinstance(answer, bool):
        return Feedback(False, f"`{name}` is {answer}, a yes/no value; a shape is a tuple of "
                               f"whole numbers in round brackets, such as (7, 2).")
    if isinstance(answer, (int, np.integer)):
        return Feedback(False, f"`{name}` is the single number {int(answer)}, but a shape is a "
                               f"tuple: one whole number per axis, in round brackets, e.g. "
                               f"(7, 2) for 7 rows and 2 columns, or ({int(answer)},) for a "
                               f"flat list of {int(answer)} numbers (note the comma).")
    if isinstance(answer, (float, np.floating)):
        return Feedback(False, f"`{name}` is the single number {answer!r}; a shape is a tuple "
                               f"of whole numbers in round brackets, such as (7, 2).")
    if isinstance(answer, str):
        return Feedback(False, f"`{name}` is the text {answer!r} (it is in quotes). Write the "
                               f"shape as Python numbers without quotes, e.g. (7, 2).")
    if isinstance(answer, np.ndarray):
        return Feedback(False, f"`{name}` is a whole array (of shape {answer.shape}); the "
                               f"answer is a shape, a tuple such as (7, 2). (For an array M, "
                               f"`M.shape` gives you its shape.)")
    if isinstance(answer, (set, frozenset, dict)):
        return Feedback(False, f"`{name}` is a {type(answer).__name__}, which has no order; a "
                               f"shape is a tuple in round brackets, such as (7, 2): rows first.")
    if isinstance(answer, (tuple, list)):
        if len(answer) == 0:
            return Feedback(False, f"`{name}` is empty, (); a shape lists one whole number per "
                                   f"axis, such as (7, 2).")
        for entry in answer:
            if isinstance(entry, (float, np.floating)) and float(entry).is_integer():
                return Feedback(False, f"`{name}` holds {entry!r}, a decimal number; sizes "
                                       f"are whole numbers: write {int(entry)}, not {entry!r}.")
            if isinstance(entry, str):
                return Feedback(False, f"`{name}` holds the text {entry!r} (in quotes); write "
                                       f"plain numbers, e.g. (7, 2).")
    return None


def _shape(answer, expected, name, hints):
    problem = _wrong_form(answer, name)
    return problem if problem is not None else check_shape_answer(answer, expected, name, hints)


def check_X_shape(answer) -> Feedback:
    """A weather station records 4 measurements a day for 30 days: the shape of X?"""
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool) and answer == 120:
        return Feedback(False, "120 is the number of entries, 30 * 4; a shape lists rows and "
                               "columns as a tuple, such as (7, 2).")
    hints = {
        (4, 30): "one example per ROW: each of the 30 days is a row, each of the 4 "
                 "measurements a column.",
        (30,): "X is a table with a row per day AND a column per measurement: two numbers.",
        (4,): "that is the shape of ONE example (one day). X stacks all 30 days.",
        (120,): "that is the number of entries, 30 * 4; a shape lists rows and columns.",
    }
    return _shape(answer, (30, 4), "X_shape", hints)


def check_layer_shapes(W_shape, b_shape) -> Feedback:
    """A layer takes 4 inputs and has 2 neurons: the shapes of W and b?"""
    W_hints = {
        (2, 4): "this series writes W as (inputs, neurons): one row per input, one column "
                "per neuron. (PyTorch and Nielsen's book store the transpose, (2, 4); "
                "chapter 10 comes back to that.)",
        (4,): "W holds one weight for every (input, neuron) pair: it has rows AND columns.",
        (2,): "W holds one weight for every (input, neuron) pair: it has rows AND columns.",
    }
    b_hints = {
        (4,): "there is one bias per NEURON, not per input.",
        (2, 1): "b is a flat list of one number per neuron, shape (2,). Chapter 01 shows "
                "why a column of shape (2, 1) is a trap.",
        (1, 2): "b is a flat list of one number per neuron, shape (2,), not a 2-D table.",
        (4, 2): "that is the shape of W; b has just one number per neuron.",
    }
    W_verdict = _shape(W_shape, (4, 2), "W_shape", W_hints)
    if not W_verdict:
        return W_verdict
    if isinstance(b_shape, (int, np.integer)) and not isinstance(b_shape, bool) and b_shape == 2:
        return Feedback(False, "`b_shape` is the plain number 2, and the count is right: one "
                               "bias per neuron. A shape is a tuple, though, and a tuple of one "
                               "number needs a comma: (2,).")
    b_verdict = _shape(b_shape, (2,), "b_shape", b_hints)
    if not b_verdict:
        return b_verdict
    return Feedback(True, "W has shape (4, 2) and b has shape (2,).")


_SCENARIOS = {
    "kind_A": ("supervised", "the emails came with answers (spam or not spam) to learn from: "
                             "that is supervised learning."),
    "kind_B": ("unsupervised", "nobody says which songs belong together; the program finds "
                               "groups on its own: unsupervised learning."),
    "kind_C": ("reinforcement", "the robot tries routes and gets a score afterwards, not the "
                                "right route: reinforcement learning."),
}


def check_learning_kinds(kind_A, kind_B, kind_C) -> Feedback:
    """Each answer is one of "supervised", "unsupervised", "reinforcement"."""
    answers = {"kind_A": kind_A, "kind_B": kind_B, "kind_C": kind_C}
    for name, answer in answers.items():
        if answer is None or answer is Ellipsis:
            return not_attempted(name)
        if not isinstance(answer, str) or answer.strip().lower() not in KINDS:
            return Feedback(False, f"`{name}` should be one of the words {', '.join(KINDS)} "
                                   f"(in quotes); got {answer!r}.")
    for name, answer in answers.items():
        expected, why = _SCENARIOS[name]
        if answer.strip().lower() != expected:
            return Feedback(False, f"`{name}` is not {answer.strip().lower()!r}: {why}")
    return Feedback(True, "supervised (labelled examples), unsupervised (no labels), "
                          "reinforcement (a score for actions).")


def check_mean_axis(axis, shape) -> Feedback:
    """X has shape (30, 4): 30 days (rows), 4 measurements (columns). The average of each
    measurement over all days is X.mean(axis=?, keepdims=True): which axis, what shape?"""
    if axis is None or axis is Ellipsis:
        return not_attempted("axis")
    if isinstance(axis, (tuple, list)) and len(axis) == 1:
        axis = axis[0]                   # axis=(0,) means the same as axis=0 to NumPy
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        if isinstance(axis, (tuple, list)):
            return Feedback(False, f"`axis` is {axis!r}; here it is one whole number, 0 or 1 "
                                   f"(a tuple of axes would average over several at once).")
        return Feedback(False, f"`axis` should be the whole number 0 or 1 (no quotes); got "
                               f"{axis!r}.")
    if axis == 1 or axis == -1:
        return Feedback(False, "axis=1 averages ACROSS each row: the 4 measurements of one day "
                               "would be mixed into one number per day. To average each "
                               "measurement over the days, the days (the rows, axis 0) are "
                               "the ones that get used up.")
    if axis != 0:
        return Feedback(False, f"X has only two axes, 0 (the rows, days) and 1 (the columns, "
                               f"measurements); axis={int(axis)} does not exist.")
    hints = {
        (4,): "that is the shape WITHOUT keepdims. keepdims=True keeps the used-up axis, with "
              "size 1, so the result stays a table with one row.",
        (30, 1): "that is the shape for axis=1 (one number per day). With axis=0 the 30 rows "
                 "are the ones averaged away.",
        (30,): "that is one number per day, from axis=1 without keepdims.",
        (4, 1): "close: one number per measurement, but keepdims keeps the axes in their "
                "order. Axis 0 (rows) shrinks to size 1 and axis 1 keeps its 4: (1, 4).",
        (30, 4): "that is the shape of X itself; averaging shrinks the axis you name.",
        (1, 30): "the averaged axis, axis 0, shrinks to 1 and the other axis keeps its size.",
    }
    if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool) and shape == 4:
        return Feedback(False, "`shape` is the plain number 4: the count is right (one average "
                               "per measurement), but a shape is a tuple, and with "
                               "keepdims=True it has one entry per axis of X, two.")
    verdict = _shape(shape, (1, 4), "shape", hints)
    if not verdict:
        return verdict
    return Feedback(True, "axis=0 averages over the rows (the days), and keepdims=True leaves "
                          "a table of shape (1, 4): one row, one average per measurement.")


def _reciprocal_slope(x):
    return -1.0 / x ** 2


_POINTS = (0.5, 1.0, 2.0, 3.0, -2.0)


def check_reciprocal_slope(slope_rule) -> Feedback:
    """``slope_rule(x)`` returns the slope of f(x) = 1/x at x, for any x other than 0."""
    if isinstance(slope_rule, (int, float, np.integer, np.floating)) and \
            not isinstance(slope_rule, bool):
        return Feedback(False, f"`slope_rule` is the number {slope_rule!r}, the slope at ONE "
                               f"point. The exercise asks for the rule at every x: a function, "
                               f"written `def slope_rule(x):` with a `return` line.")
    got = []
    for x in _POINTS:
        value, problem = call_reader(slope_rule, "slope_rule", x, mention_return=True)
        if problem is not None:
            return problem
        if isinstance(value, np.ndarray) and value.size == 1:
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                              np.floating)):
            return Feedback(False, f"`slope_rule({x})` should give one number; got "
                                   f"{type(value).__name__} {value!r:.60}.")
        got.append(float(value))
    got = np.array(got)
    want = np.array([_reciprocal_slope(x) for x in _POINTS])
    if not np.all(np.isfinite(got)):
        return Feedback(False, "`slope_rule` gave NaN or inf at one of the points "
                               f"{_POINTS}: is there a division by zero?")
    if np.allclose(got, want, rtol=1e-9):
        return Feedback(True, "the slope of 1/x is -1/x**2, the same pattern as the power "
                              "rule: 1/x is x**(-1), and -1 * x**(-2) is -1/x**2.")
    if np.allclose(got, want, rtol=1e-2):
        return Feedback(False, "very close: those look like nudged measurements, "
                               "(f(x+h) - f(x)) / h. Now find the exact rule behind them: "
                               "a formula in x alone, with no h.")
    points = np.array(_POINTS)
    if np.allclose(got, 1.0 / points ** 2, rtol=1e-6):
        return Feedback(False, "the size is right but the sign is not: 1/x goes DOWN as x "
                               "grows (1/1 = 1, 1/2 = 0.5), so its slope is negative.")
    if np.allclose(got, -1.0 / points, rtol=1e-6) or np.allclose(got, 1.0 / points, rtol=1e-6):
        return Feedback(False, "compare your rule with your measurements at x = 2: the nudged "
                               "slope there is about -0.25, and -1/2 is not. The slope shrinks "
                               "faster than 1/x does; try a power of x.")
    for power in (3, 4):
        for factor in (-1.0, -2.0, 1.0, 2.0):
            if np.allclose(got, factor / points ** power, rtol=1e-6):
                return Feedback(False, f"your rule divides by x**{power}; measure the slope at "
                                       f"x = 2 and x = 3 and compare: the right rule divides by "
                                       f"a lower power of x.")
    worst = int(np.argmax(np.abs(got - want)))
    x = _POINTS[worst]
    measured = (1 / (x + 1e-6) - 1 / x) / 1e-6
    return Feedback(False, f"at x = {x} your rule gives {got[worst]:.4g}, but nudging 1/x "
                           f"there measures a slope of about {measured:.4g}. Measure a few "
                           f"points, write them in a table, and look for the pattern.")


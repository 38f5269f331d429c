"""Checks for notebook 00, "Start here": a shape quiz and the three kinds of learning.

# n: examples, d: input features, k: neurons.  X (n, d), W (d, k), b (k,).
"""

from __future__ import annotations

from .ch01 import check_shape_answer
from .feedback import Feedback, not_attempted

__all__ = ["check_X_shape", "check_layer_shapes", "check_learning_kinds"]

KINDS = ("supervised", "unsupervised", "reinforcement")


def check_X_shape(answer) -> Feedback:
    """A weather station records 4 measurements a day for 30 days: the shape of X?"""
    hints = {
        (4, 30): "one example per ROW: each of the 30 days is a row, each of the 4 "
                 "measurements a column.",
        (30,): "X is a table with a row per day AND a column per measurement: two numbers.",
        (4,): "that is the shape of ONE example (one day). X stacks all 30 days.",
        (120,): "that is the number of entries, 30 * 4; a shape lists rows and columns.",
    }
    return check_shape_answer(answer, (30, 4), "X_shape", hints)


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
    W_verdict = check_shape_answer(W_shape, (4, 2), "W_shape", W_hints)
    b_verdict = check_shape_answer(b_shape, (2,), "b_shape", b_hints)
    if W_verdict and b_verdict:
        return Feedback(True, "W has shape (4, 2) and b has shape (2,).")
    return W_verdict if not W_verdict else b_verdict


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

"""Checks for notebook 01, "The neuron and the affine transform".

# n: examples, d: input features, k: neurons in the layer.  X (n, d), W (d, k), b (k,), Z (n, k).

Each check runs the reader's answer on inputs it makes itself, compares it with the
reference, and when the answer is wrong it looks for the usual mistakes: ``W @ X`` instead
of ``X @ W``, a transposed ``W``, a forgotten ``b``, products that were never added up, a
bias of shape (k, 1) that broadcasts to the wrong shape.
"""

from __future__ import annotations

import numpy as np

from .feedback import Feedback, call_reader, check_function, compare_arrays, not_attempted

__all__ = ["check_neuron", "check_layer_forward", "check_z_shape", "check_broadcast_shape"]


# ---------------------------------------------------------------------------------------
# References (the right answers)
# ---------------------------------------------------------------------------------------


def reference_neuron(x, w, b):
    """One neuron, one example: z = w . x + b = sum_i w_i x_i + b (a single number)."""
    return float(x @ w + b)


def reference_layer_forward(X, W, b):
    """A layer on a batch: Z = X @ W + b, (n, d) @ (d, k) + (k,) -> (n, k)."""
    return X @ W + b


# ---------------------------------------------------------------------------------------
# Test inputs: shapes chosen so each classic mistake shows itself
# ---------------------------------------------------------------------------------------


def _neuron_cases():
    rng = np.random.default_rng(101)
    # d = 1 is included on purpose: a solution that only works for several inputs fails it.
    return [(rng.normal(size=d), rng.normal(size=d), float(rng.normal()) + 0.5) for d in (3, 5, 1)]


def _layer_cases():
    rng = np.random.default_rng(102)
    cases = []
    # (n, d, k): all different (W @ X and X @ W.T raise); d == k (X @ W.T runs but is wrong);
    # n == k (a (k, 1) bias broadcasts silently); one example (n = 1).
    for n, d, k in ((4, 3, 2), (5, 3, 3), (2, 4, 2), (1, 3, 2)):
        X = rng.normal(size=(n, d))
        W = rng.normal(size=(d, k))
        b = rng.normal(size=k) + 0.5
        cases.append((X, W, b))
    return cases


# ---------------------------------------------------------------------------------------
# Diagnosis: run the reader's function and known wrong answers on the same inputs
# ---------------------------------------------------------------------------------------


def _outcome(fn, args):
    """("value", array) or ("error", "TypeName: message") for fn(*args) on copies of args."""
    try:
        got = fn(*[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
    except Exception as error:
        return ("error", f"{type(error).__name__}: {error}")
    if got is None:
        return ("none", None)
    try:
        return ("value", np.asarray(got, dtype=float))
    except (TypeError, ValueError):
        return ("other", None)


def _same(a, b):
    if a[0] != b[0] or a[0] not in ("value", "error"):
        return False
    if a[0] == "error":
        return a[1] == b[1]
    return a[1].shape == b[1].shape and np.allclose(a[1], b[1])


def _known_mistake(fn, reference, cases, mistakes):
    """The hint of the first known mistake that ``fn`` reproduces, on a case where that
    mistake differs from the right answer (so a right answer is never blamed)."""
    for args in cases:
        got = _outcome(fn, args)
        right = _outcome(reference, args)
        for mistake, hint in mistakes:
            wrong = _outcome(mistake, args)
            if not _same(wrong, right) and _same(got, wrong):
                return hint
    return None


def _check_with_hints(fn, reference, cases, name, mistakes, error_hint=None,
                      compare=check_function):
    verdict = compare(fn, reference, cases, name)
    if verdict.ok or not callable(fn) or "placeholder" in verdict.message:
        return verdict
    hint = _known_mistake(fn, reference, cases, mistakes)
    if hint is not None:
        return Feedback(False, hint)
    if error_hint is not None and "raised" in verdict.message:
        return Feedback(False, verdict.message + " " + error_hint)
    return verdict


_MATMUL_RULE = (
    "In `A @ B` the number of columns of A must equal the number of rows of B. "
    "X is (n, d) and W is (d, k), so `X @ W` fits: (n, d) @ (d, k) -> (n, k)."
)


def check_neuron(neuron) -> Feedback:
    """Check ``neuron(x, w, b)``: x and w of shape (d,), b a number; returns z = w . x + b."""
    mistakes = [
        (lambda x, w, b: x @ w, "You computed w . x but forgot to add the bias b at the end."),
        (lambda x, w, b: x * w + b,
         "Your result has one number per input: you multiplied each input by its weight but "
         "did not add the products up. A neuron returns ONE number: `np.sum(x * w) + b` or "
         "`x @ w + b`."),
        (lambda x, w, b: x * w,
         "Your result has one number per input and no bias: add the products up "
         "(`np.sum(x * w)` or `x @ w`) and then add b."),
        (lambda x, w, b: np.sum(x * w + b),
         "You added b to every product, so the bias was counted once per input. Add the "
         "products up first, then add b once: `np.sum(x * w) + b`."),
        (lambda x, w, b: x @ w - b,
         "The bias has the wrong sign: it is added (+ b), not subtracted."),
        (lambda x, w, b: np.sum(x) + np.sum(w) + b,
         "You added the inputs and the weights; each input must be MULTIPLIED by its own weight "
         "before adding: `np.sum(x * w) + b`."),
    ]
    return _check_with_hints(neuron, reference_neuron, _neuron_cases(), "neuron", mistakes,
                             compare=_compare_numbers)


def _compare_numbers(fn, reference, cases, name):
    """Like ``check_function`` for functions that return ONE number: the answers to all
    cases are compared together, so that "off by a constant factor" means the same factor
    on every case (any single wrong number is a constant factor away from the right one)."""
    got = []
    for args in cases:
        value, problem = call_reader(fn, name, *args)
        if problem is not None:
            return problem
        try:
            value = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            return compare_arrays(value, 0.0, f"the result of `{name}`")
        if value.shape != ():
            return Feedback(False, f"the result of `{name}` should be ONE number but has shape "
                                   f"{value.shape} (inputs of shape {np.shape(args[0])}).")
        got.append(value)
    expected = [reference(*args) for args in cases]
    verdict = compare_arrays(np.array(got), np.array(expected), f"the results of `{name}`")
    if verdict:
        return Feedback(True, f"`{name}` agrees with the reference on {len(cases)} test cases.")
    return verdict


def check_layer_forward(layer_forward) -> Feedback:
    """Check ``layer_forward(X, W, b)`` = X @ W + b for X (n, d), W (d, k), b (k,)."""
    mistakes = [
        (lambda X, W, b: W @ X + b,
         "You wrote `W @ X`. In this series every row of X is one example, so X comes first: "
         "`X @ W + b`. " + _MATMUL_RULE),
        (lambda X, W, b: X @ W.T + b,
         "You used W transposed (`W.T`). W already has shape (inputs, neurons) = (d, k), so "
         "`X @ W` needs no transpose."),
        (lambda X, W, b: X @ W,
         "You forgot the bias: Z = X @ W + b. Without b every neuron's line has to pass "
         "through zero."),
        (lambda X, W, b: X @ W - b, "The bias has the wrong sign: Z = X @ W + b, not - b."),
        (lambda X, W, b: X @ W + b.reshape(-1, 1),
         "You turned b into a column of shape (k, 1). NumPy then adds b[j] to ROW j (an "
         "example) instead of COLUMN j (a neuron), or fails. Keep b flat, shape (k,)."),
        (lambda X, W, b: W.T @ X.T + b.reshape(-1, 1),
         "You computed the 'one example per column' layout, W.T @ X.T, of shape (k, n). Here "
         "rows are examples: Z = X @ W + b has shape (n, k)."),
        (lambda X, W, b: X * W + b,
         "`*` multiplies entry by entry; a matrix product is written `@`: `X @ W + b`."),
    ]
    return _check_with_hints(layer_forward, reference_layer_forward, _layer_cases(),
                             "layer_forward", mistakes,
                             error_hint="NumPy could not combine the shapes. " + _MATMUL_RULE)


# ---------------------------------------------------------------------------------------
# Shape questions
# ---------------------------------------------------------------------------------------


def _as_shape(answer):
    """A shape answer as a tuple of ints, or None if it is not one."""
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
        return (int(answer),)
    try:
        shape = tuple(answer)
    except TypeError:
        return None
    if not all(isinstance(s, (int, np.integer)) and not isinstance(s, bool) for s in shape):
        return None
    return tuple(int(s) for s in shape)


def check_shape_answer(answer, expected, name, hints) -> Feedback:
    """Compare a shape answer (a tuple such as (32, 3)) with ``expected``; ``hints`` maps a
    wrong shape to an explanation of where that shape comes from."""
    if answer is None or answer is Ellipsis:
        return not_attempted(name)
    shape = _as_shape(answer)
    if shape is None:
        return Feedback(False, f"`{name}` should be a shape: a tuple of whole numbers such as "
                               f"(4, 2); got {answer!r}.")
    if shape == expected:
        return Feedback(True, f"`{name}` = {expected}.")
    if shape in hints:
        return Feedback(False, f"{shape} is not it: {hints[shape]}")
    return Feedback(False, f"{shape} is not it. Write the shape of each term, then apply the "
                           f"rule (n, d) @ (d, k) -> (n, k).")


def check_z_shape(answer) -> Feedback:
    """X has shape (32, 5) (32 days, 5 measurements), W has shape (5, 3) (3 neurons),
    b has shape (3,). What is the shape of Z = X @ W + b?"""
    hints = {
        (3, 32): "rows are examples, so Z has one ROW per day and one column per neuron.",
        (32, 5): "that is the shape of X. The matrix product replaces the 5 inputs by the "
                 "outputs of the neurons.",
        (5, 3): "that is the shape of W, the same whatever the number of days.",
        (3,): "that is the shape of b: one number per neuron. Z has that for EVERY day.",
        (32,): "that would be one number per day; each neuron gives its own number.",
        (5, 32): "that is X transposed. Apply (n, d) @ (d, k) -> (n, k).",
    }
    return check_shape_answer(answer, (32, 3), "z_shape", hints)


def check_broadcast_shape(answer) -> Feedback:
    """XW has shape (1, 3) (one example, three neurons) and b_col has shape (3, 1).
    What is the shape of XW + b_col?"""
    hints = {
        (1, 3): "that is the shape we WANTED, but NumPy stretches every axis of size 1: the "
                "single row of XW is copied 3 times and the single column of b_col is copied "
                "3 times.",
        (3, 1): "NumPy stretches BOTH arrays: b_col's single column is copied to 3 columns, "
                "and XW's single row is copied to 3 rows.",
        (3,): "adding two 2-D arrays gives a 2-D array; compare the axes one by one from "
              "the right.",
    }
    return check_shape_answer(answer, (3, 3), "broadcast_shape", hints)

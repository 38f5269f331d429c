"""Checks for notebook 01, "The neuron and the affine transform".

# n: examples, d: input features, n_1: neurons in the layer.
# X (n, d), W (d, n_1), b (n_1,), Z (n, n_1); W_rows (n_1, d) is W stored one row per neuron.

Each check runs the reader's answer on inputs it makes itself, compares it with the
reference, and when the answer is wrong it looks for the usual mistakes: ``W @ X`` instead
of ``X @ W``, a transposed ``W``, a forgotten ``b``, products that were never added up, a
bias of shape (n_1, 1) that broadcasts to the wrong shape.
"""

from __future__ import annotations

import numpy as np

from ..neuron_line import split_by_line, weather_days
from .feedback import Feedback, call_reader, check_function, compare_arrays, not_attempted

__all__ = ["check_neuron", "check_layer_forward", "check_z_shape", "check_broadcast_shape",
           "check_rain_score", "check_rain_line", "check_layer_forward_rows"]


# ---------------------------------------------------------------------------------------
# References (the right answers)
# ---------------------------------------------------------------------------------------


def reference_neuron(x, w, b):
    """One neuron, one example: z = w . x + b = sum_i w_i x_i + b (a single number)."""
    return float(x @ w + b)


def reference_layer_forward(X, W, b):
    """A layer on a batch: Z = X @ W + b, (n, d) @ (d, n_1) + (n_1,) -> (n, n_1)."""
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
    # n == k (a (n_1, 1) bias broadcasts silently); one example (n = 1).
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
    "X is (n, d) and W is (d, n_1), so `X @ W` fits: (n, d) @ (d, n_1) -> (n, n_1)."
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
    """Check ``layer_forward(X, W, b)`` = X @ W + b for X (n, d), W (d, n_1), b (n_1,)."""
    mistakes = [
        (lambda X, W, b: W @ X + b,
         "You wrote `W @ X`. In this series every row of X is one example, so X comes first: "
         "`X @ W + b`. " + _MATMUL_RULE),
        (lambda X, W, b: X @ W.T + b,
         "You used W transposed (`W.T`). W already has shape (inputs, neurons) = (d, n_1), so "
         "`X @ W` needs no transpose."),
        (lambda X, W, b: X @ W,
         "You forgot the bias: Z = X @ W + b. Without b every neuron's line has to pass "
         "through zero."),
        (lambda X, W, b: X @ W - b, "The bias has the wrong sign: Z = X @ W + b, not - b."),
        (lambda X, W, b: X @ W + b.reshape(-1, 1),
         "You turned b into a column of shape (n_1, 1). NumPy then adds b[j] to ROW j (an "
         "example) instead of COLUMN j (a neuron), or fails. Keep b flat, shape (n_1,)."),
        (lambda X, W, b: W.T @ X.T + b.reshape(-1, 1),
         "You computed the 'one example per column' layout, W.T @ X.T, of shape (n_1, n). Here "
         "rows are examples: Z = X @ W + b has shape (n, n_1)."),
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
    if isinstance(answer, (int, float, np.number)) and not isinstance(answer, bool):
        return Feedback(False, f"`{name}` is a single number ({answer!r}), but a shape lists the "
                               f"size of every axis: write a tuple in round brackets, one "
                               f"number per axis, such as (7, 2) for 7 rows and 2 columns.")
    shape = _as_shape(answer)
    if shape is None:
        return Feedback(False, f"`{name}` should be a shape: a tuple of whole numbers such as "
                               f"(4, 2); got {answer!r}.")
    if shape == expected:
        return Feedback(True, f"`{name}` = {expected}.")
    if shape in hints:
        return Feedback(False, f"{shape} is not it: {hints[shape]}")
    return Feedback(False, f"{shape} is not it. Write the shape of each term, then apply the "
                           f"rule (n, d) @ (d, n_1) -> (n, n_1).")


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
        (5, 32): "that is X transposed. Apply (n, d) @ (d, n_1) -> (n, n_1).",
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


# ---------------------------------------------------------------------------------------
# A rain score by hand (the neuron of section 1 on a new day)
# ---------------------------------------------------------------------------------------

RAIN_WEIGHTS = (0.05, -0.1, 0.02)   # moisture, temperature, wind: the weights of section 1
RAIN_BIAS = -2.0
NEW_DAY = (50.0, 25.0, 30.0)        # moisture (%), temperature (°C), wind (km/h)


def _one_number(answer, name):
    """``answer`` as a float, or a Feedback saying why it is not one number."""
    if answer is None or answer is Ellipsis:
        return None, not_attempted(name)
    if isinstance(answer, bool) or callable(answer):
        return None, Feedback(False, f"`{name}` should be ONE number, such as -0.3; got "
                                     f"{type(answer).__name__}.")
    if isinstance(answer, str):
        return None, Feedback(False, f"`{name}` should be a number, not text: write it "
                                     f"without quotes, e.g. -0.3 instead of \"-0.3\".")
    try:
        value = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should be ONE number, such as -0.3; got "
                                     f"{type(answer).__name__}.")
    if value.size != 1:
        return None, Feedback(False, f"`{name}` should be ONE number, but it holds "
                                     f"{value.size}: a neuron adds its products up into a "
                                     f"single score.")
    value = float(value.reshape(()))
    if not np.isfinite(value):
        return None, Feedback(False, f"`{name}` is {value}: write the score as a plain number.")
    return value, None


def check_rain_score(answer) -> Feedback:
    """The rain neuron of section 1 (w = (0.05, -0.1, 0.02), b = -2) on a day with moisture
    50 %, temperature 25 °C and wind 30 km/h: z = 2.5 - 2.5 + 0.6 - 2 = -1.4."""
    value, problem = _one_number(answer, "rain_score")
    if problem is not None:
        return problem
    x, w, b = np.array(NEW_DAY), np.array(RAIN_WEIGHTS), RAIN_BIAS
    products = x * w
    right = float(products.sum() + b)
    if abs(value - right) < 0.011:
        return Feedback(True, f"z = 2.5 - 2.5 + 0.6 - 2 = {right:.1f}: the score is "
                              f"negative, so this neuron leans towards no rain.")
    wrong = [
        (products.sum(), "that is the sum of the three products without the bias: add "
                         "b = -2 at the end."),
        (products.sum() - b, "you subtracted the bias. It is ADDED, and it is negative: "
                             "... + (-2), which takes 2 away."),
        (products.sum() + 2 * b, "the bias is added once, not twice."),
        (np.sum(np.abs(products)) + b, "the temperature's weight is negative (-0.1), so its "
                                       "product 25 × (-0.1) = -2.5 pulls the score DOWN."),
        (products[:2].sum() + b, "the wind is missing: 30 × 0.02 = 0.6 belongs in the sum."),
        (products[1:].sum() + b, "the moisture is missing: 50 × 0.05 = 2.5 belongs in the sum."),
        (x.sum() * w.sum() + b, "each input is multiplied by ITS OWN weight (moisture by 0.05, "
                                "temperature by -0.1, wind by 0.02), and then the products are "
                                "added."),
        (-right, "right size, wrong sign: check the signs of the temperature product and of b."),
    ]
    for number, hint in wrong:
        if abs(value - number) < 0.011:
            return Feedback(False, f"{value:g} is not it: {hint}")
    return Feedback(False, f"{value:g} is not it. Work it out in three steps: multiply each "
                           f"input by its weight (50 × 0.05, 25 × (-0.1), 30 × 0.02), add the "
                           f"three products, then add b = -2.")


# ---------------------------------------------------------------------------------------
# A line chosen by hand (the line explorer's weather days)
# ---------------------------------------------------------------------------------------


def _pair_of_weights(w):
    """``w`` as two floats, or a Feedback saying why it is not a pair of weights."""
    if isinstance(w, str):
        return None, Feedback(False, "`w_mine` should be two numbers, such as (0.05, -0.1), "
                                     "not text.")
    if isinstance(w, (int, float, np.number)) and not isinstance(w, bool):
        return None, Feedback(False, f"`w_mine` is one number ({w:g}), but the neuron has two "
                                     f"inputs, so it needs two weights: write a pair such as "
                                     f"(0.05, -0.1), one for moisture, one for temperature.")
    try:
        w = np.asarray(w, dtype=float)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`w_mine` should be a pair of numbers such as "
                                     f"(0.05, -0.1); got {type(w).__name__}.")
    if w.shape == (3,):
        return None, Feedback(False, "`w_mine` holds three weights. These days have two inputs "
                                     "only (moisture and temperature; no wind), so give two.")
    if w.shape != (2,):
        return None, Feedback(False, f"`w_mine` should hold two weights, one per input, such as "
                                     f"(0.05, -0.1); it has shape {w.shape}.")
    if not np.all(np.isfinite(w)):
        return None, Feedback(False, "`w_mine` contains NaN or inf: use plain numbers.")
    return w, None


def check_rain_line(w, b) -> Feedback:
    """Weights ``w`` = (w1, w2) and a bias ``b`` whose neuron z = w1 x1 + w2 x2 + b says
    rain (z > 0) on exactly the days it rained, for all sixteen weather days."""
    if w is None or w is Ellipsis:
        return not_attempted("w_mine")
    if b is None or b is Ellipsis:
        return not_attempted("b_mine")
    w, problem = _pair_of_weights(w)
    if problem is not None:
        return problem
    b, problem = _one_number(b, "b_mine")
    if problem is not None:
        return problem
    X, y = weather_days()
    n = len(y)
    if w[0] == 0 and w[1] == 0:
        return Feedback(False, "both weights are 0, so z = b for every day: the neuron gives "
                               "the same answer whatever the weather, and there is no line. "
                               "Give moisture and temperature a weight.")
    split = split_by_line(X, w, b, y, names=("moisture", "temperature"))
    if split.n_correct == n:
        return Feedback(True, f"all {n} days are on their correct side: your line is "
                              f"{split.equation}.")
    if split.n_correct == 0:
        return Feedback(False, "every day is on the WRONG side: your line is in a good place "
                               "but says rain where it was dry and the other way round. "
                               "Multiply all three numbers by -1: the line stays where it "
                               "is and the sides swap.")
    if split.says_yes.all() or not split.says_yes.any():
        verdict = "rain" if split.says_yes.all() else "dry"
        return Feedback(False, f"your neuron says {verdict} on every one of the {n} days: its "
                               f"line ({split.equation}) misses the points. Slide it with b "
                               f"until it runs between the rainy and the dry days.")
    days = []
    for i in split.wrong[:4]:
        said = "rain" if split.says_yes[i] else "dry"
        truth = "rained" if y[i] == 1 else "stayed dry"
        days.append(f"({X[i, 0]:g} %, {X[i, 1]:g} °C) it {truth}, your neuron says {said} "
                    f"(z = {split.z[i]:.2f})")
    more = "" if len(split.wrong) <= 4 else f", and {len(split.wrong) - 4} more"
    return Feedback(False, f"{split.n_correct} of {n} days are on their correct side. Wrong: "
                           + "; ".join(days) + more + ". Set these numbers in the app above "
                           "and move the line until every colour matches its shape.")


# ---------------------------------------------------------------------------------------
# A layer whose weights arrive one row per neuron (the transpose)
# ---------------------------------------------------------------------------------------


def reference_layer_forward_rows(X, W_rows, b):
    """Z = X @ W_rows.T + b for weights stored one ROW per neuron, W_rows (n_1, d)."""
    return X @ W_rows.T + b


def _rows_cases():
    rng = np.random.default_rng(103)
    cases = []
    # (n, d, n_1): all different (a forgotten .T raises); d == n_1 (a forgotten .T runs but
    # is wrong); n == n_1 (W_rows @ X.T has the shape of Z); one example.
    for n, d, n1 in ((4, 3, 2), (5, 3, 3), (3, 4, 3), (1, 3, 2)):
        X = rng.normal(size=(n, d))
        W_rows = rng.normal(size=(n1, d))
        b = rng.normal(size=n1) + 0.5
        cases.append((X, W_rows, b))
    return cases


def check_layer_forward_rows(layer_forward_rows) -> Feedback:
    """Check ``layer_forward_rows(X, W_rows, b)`` = X @ W_rows.T + b, with X (n, d),
    W_rows (n_1, d) (one row per neuron) and b (n_1,)."""
    transpose = ("W_rows holds one ROW per neuron, shape (n_1, d), but `X @ W` needs one "
                 "COLUMN per neuron, shape (d, n_1). Turn the rows into columns first: "
                 "`X @ W_rows.T + b`.")
    mistakes = [
        (lambda X, W, b: X @ W + b, "You used W_rows as it is. " + transpose),
        (lambda X, W, b: W @ X.T + b,
         "`W_rows @ X.T` gives one ROW per neuron and one column per example, shape (n_1, n); "
         "here rows are examples, Z has shape (n, n_1). Use `X @ W_rows.T + b`."),
        (lambda X, W, b: W @ X + b, "You wrote `W_rows @ X`: X comes first, and W_rows needs "
                                    "its transpose. " + transpose),
        (lambda X, W, b: X @ W.T, "The transpose is right, but the bias is missing: "
                                  "`X @ W_rows.T + b`."),
        (lambda X, W, b: X.T @ W + b, "You transposed X instead of W_rows. X is already one "
                                      "example per row; it is the weights that arrive the "
                                      "other way round: `X @ W_rows.T + b`."),
    ]
    return _check_with_hints(layer_forward_rows, reference_layer_forward_rows, _rows_cases(),
                             "layer_forward_rows", mistakes,
                             error_hint="NumPy could not combine the shapes. " + transpose)

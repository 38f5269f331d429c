"""Checks for notebook 07 (handwritten digits, MNIST).

# n: examples, p: pixels (inputs), h: hidden units, k = 10 classes.

Each check builds its own small test inputs, runs the reader's function and returns
a Feedback that says what is wrong (rows and columns swapped, a transpose, a 1/n, the
biases left out of a count, a percentage for a share, the least confident mistakes).
"""

from __future__ import annotations

import numbers

import numpy as np

from ..digits import confusion_matrix, most_confident_mistakes
from ..network import Network
from ..training import train as _train
from .feedback import Feedback, call_reader, check_function, compare_arrays, not_attempted

__all__ = ["check_count_confusions", "check_weight_gradient", "check_parameter_count",
           "check_evaluate", "check_confident_mistakes"]


# ------------------------------------------------------- 1. confusion matrix
def _confusion_cases():
    rng = np.random.default_rng(70)
    y_true = rng.integers(0, 10, size=200)
    y_pred = np.where(rng.random(200) < 0.7, y_true, rng.integers(0, 10, size=200))
    return y_true, y_pred


def check_count_confusions(count_confusions) -> Feedback:
    """``count_confusions(y_true, y_pred)``: a (10, 10) table, row = true digit,
    column = predicted digit, entry = how many examples."""
    y_true, y_pred = _confusion_cases()
    expected = confusion_matrix(y_true, y_pred, 10)
    got, problem = call_reader(count_confusions, "count_confusions", y_true, y_pred)
    if problem is not None:
        return problem
    got = np.asarray(got)
    if got.shape == expected.shape and np.array_equal(got, expected.T):
        return Feedback(False, "rows and columns are swapped: row i should be the TRUE digit i, "
                               "column j the PREDICTED digit j (counts[y_true, y_pred]).")
    if got.shape == expected.shape and got.sum() != len(y_true):
        return Feedback(False, f"the entries add up to {got.sum():g}, but every one of the "
                               f"{len(y_true)} examples should be counted exactly once.")
    verdict = compare_arrays(got, expected, "your confusion matrix")
    if verdict:
        return Feedback(True, "`count_confusions` counts every (true, predicted) pair.")
    return verdict


# -------------------------------------------------- 2. BP4 without a loop
def _weight_gradient_reference(A_prev, delta):
    return A_prev.T @ delta


def check_weight_gradient(weight_gradient) -> Feedback:
    """``weight_gradient(A_prev, delta)``: the sum over the batch of the per-example
    outer products outer(a_prev, delta), written as one matrix product (BP4)."""
    rng = np.random.default_rng(71)
    cases = [(rng.random((6, 4)), rng.normal(size=(6, 3))),
             (rng.random((10, 5)), rng.normal(size=(10, 2)))]
    return check_function(weight_gradient, _weight_gradient_reference, cases, "weight_gradient")



# ------------------------------------------- 3. predict first: how many parameters
_SIZES = (784, 100, 10)


def _count(sizes, biases=True):
    pairs = list(zip(sizes[:-1], sizes[1:]))
    return sum(i * o for i, o in pairs) + (sum(o for _, o in pairs) if biases else 0)


def check_parameter_count(answer) -> Feedback:
    """``answer``: how many numbers (weights and biases) the network [784, 100, 10] learns."""
    if answer is None or answer is Ellipsis:
        return not_attempted("parameter_count")
    if isinstance(answer, str):
        try:
            answer = float(answer.replace(",", "").replace("_", ""))
        except ValueError:
            return Feedback(False, f"give a number such as 12345, not the text {answer!r:.40}.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return Feedback(False, f"give one whole number; got {type(answer).__name__}.")
    expected = _count(_SIZES)
    if answer == expected:
        return Feedback(True, f"{expected:,} numbers: 784 x 100 + 100 weights and biases in the "
                              f"first layer, 100 x 10 + 10 in the second.")
    first, second = _SIZES[0] * _SIZES[1], _SIZES[1] * _SIZES[2]
    slips = {
        _count(_SIZES, biases=False): "you counted the weights only: every hidden and output "
                                      "unit also has a bias of its own.",
        first: "that is the first layer's weight matrix alone: the second layer has weights "
               "too, and every unit has a bias.",
        first + _SIZES[1]: "that is the first layer alone (weights and biases): add the second "
                           "layer, 100 inputs to 10 outputs.",
        second + _SIZES[2]: "that is the second layer alone (weights and biases): the first "
                            "layer, 784 inputs to 100 units, has far more.",
        sum(_SIZES): "that is the number of units (784 + 100 + 10). The weights sit on the "
                     "arrows BETWEEN the layers: one per pair (input, unit).",
        _SIZES[0] * _SIZES[1] * _SIZES[2]: "multiplying all three sizes counts paths through the "
                                           "network, not weights: each layer has its own "
                                           "matrix, n_in x n_out, and the two add up.",
        expected + _SIZES[0]: "the 784 inputs have no biases: only the units that compute "
                              "something (the 100 hidden and the 10 outputs) do.",
        _SIZES[1] + _SIZES[2]: "those are the biases alone: add the weights, one per arrow.",
    }
    if answer in slips:
        return Feedback(False, f"{answer:,}: {slips[answer]}")
    return Feedback(False, f"{answer:,} is not it. Count per layer: a layer from n_in to n_out "
                           f"units has an (n_in, n_out) weight matrix and n_out biases.")


# ---------------------------------------- 4. the evaluation after every epoch
def _evaluation_case():
    rng = np.random.default_rng(72)
    X = rng.random((60, 6))
    labels = (X[:, :3].sum(axis=1) > 1.5).astype(int) + (X[:, 3] > 0.5)
    Y = np.eye(3)[labels]
    net = Network([6, 8, 3], hidden="sigmoid", output="sigmoid", loss="quadratic", seed=7)
    return net, (X[:40], Y[:40]), (X[40:], Y[40:])


def check_evaluate(evaluate) -> Feedback:
    """``evaluate(net, X, Y)``: (quadratic cost, share of examples classified right) on a set
    with one-hot targets Y, as ``train`` records them in ``history`` after every epoch."""
    if evaluate is None or evaluate is Ellipsis:
        return not_attempted("evaluate")
    net, train_set, val_set = _evaluation_case()
    seen = []

    def record(epoch, history):
        entrywise = float(np.mean((net.predict(val_set[0]) > 0.5) == (val_set[1] > 0.5)))
        seen.append((*call_reader(evaluate, "evaluate", net, *val_set), entrywise))

    history = _train(net, *train_set, epochs=3, batch_size=8, lr=3.0, val=val_set, seed=0,
                     progress=False, callback=record)
    n, k = val_set[1].shape
    for epoch, (got, problem, entrywise) in enumerate(seen):
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Feedback(False, f"`evaluate` should return two numbers, (cost, accuracy); "
                                   f"got {type(got).__name__} {got!r:.60}.")
        try:
            cost, share = float(np.asarray(got[0])), float(np.asarray(got[1]))
        except (TypeError, ValueError):
            return Feedback(False, "`evaluate` should return two single numbers, (cost, "
                                   "accuracy): is one of them still an array (a sum or mean "
                                   "over the wrong axis)?")
        want_cost, want_share = history.val_loss[epoch], history.val_accuracy[epoch]
        if np.isclose(cost, want_share) and np.isclose(share, want_cost):
            return Feedback(False, "the two numbers are swapped: return (cost, accuracy).")
        if not np.isclose(cost, want_cost, rtol=1e-6):
            ratio = cost / want_cost
            for factor, hint in [
                    (2 / k, f"you took the mean over all n x {k} entries and lost the 1/2: the "
                            "quadratic cost adds up each example's squared distance, then "
                            "divides by 2n"),
                    (2.0, "the 1/2 of the quadratic cost is missing"),
                    (float(n), "that is the SUM over the examples: divide by n for the mean"),
                    (2.0 * n, "that is the sum of the squares: halve it and divide by n"),
                    (1 / k, f"you divided by 2n and by the {k} outputs as well: divide by 2n "
                            "only")]:
                if np.isclose(ratio, factor, rtol=1e-6):
                    return Feedback(False, f"the cost after epoch {epoch + 1} is {cost:.6g}, "
                                           f"not {want_cost:.6g}: {hint}.")
            return Feedback(False, f"the cost after epoch {epoch + 1} is {cost:.6g}, but "
                                   f"`train` recorded {want_cost:.6g}: C = sum of "
                                   f"||a - y||^2 over the examples, divided by 2n.")
        if not np.isclose(share, want_share):
            if np.isclose(share, 100 * want_share):
                hint = "that is a percentage: return the share, between 0 and 1"
            elif np.isclose(share, n * want_share):
                hint = "that is the NUMBER of right answers: divide by n for the share"
            elif np.isclose(share, entrywise):
                hint = (f"you compared every one of the n x {k} outputs with its target; the "
                        "answer is one per example, the largest output: argmax(axis=1)")
            else:
                hint = ("compare the answer, `A.argmax(axis=1)`, with the true class, "
                        "`Y.argmax(axis=1)`, and take the mean")
            return Feedback(False, f"the accuracy after epoch {epoch + 1} is {share:.6g}, "
                                   f"not {want_share:.6g}: {hint}.")
    return Feedback(True, f"`evaluate` agrees with what `train` recorded after each of its "
                          f"{len(seen)} epochs, cost and accuracy.")


# ------------------------------------------------- 5. the most confident mistakes
def _mistakes_case():
    rng = np.random.default_rng(73)
    outputs = rng.random((80, 10))
    y_true = np.where(rng.random(80) < 0.6, outputs.argmax(axis=1), rng.integers(0, 10, 80))
    return outputs, y_true


def check_confident_mistakes(confident_mistakes) -> Feedback:
    """``confident_mistakes(outputs, y_true, count)``: the row numbers of the ``count`` wrongly
    classified examples with the largest winning output, most confident first."""
    outputs, y_true = _mistakes_case()
    count = 5
    expected = most_confident_mistakes(outputs, y_true, count)
    got, problem = call_reader(confident_mistakes, "confident_mistakes", outputs, y_true, count)
    if problem is not None:
        return problem
    try:
        got = np.asarray(got)
    except (TypeError, ValueError):
        return Feedback(False, f"`confident_mistakes` should return an array of row numbers; "
                               f"got {type(got).__name__}.")
    if got.dtype == bool:
        return Feedback(False, "that is a True/False mask: return the row NUMBERS, e.g. with "
                               "np.flatnonzero(mask), sorted by confidence.")
    if got.ndim != 1 or not np.issubdtype(got.dtype, np.number):
        return Feedback(False, f"return a 1-D array of row numbers; got shape {got.shape}.")
    predicted = outputs.argmax(axis=1)
    confidence = outputs.max(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    if len(got) > count and np.array_equal(got[:count], expected):
        return Feedback(False, f"the order is right, but you returned {len(got)} rows: keep "
                               f"the first `count` ({count}).")
    if np.array_equal(got, expected):
        return Feedback(True, f"the {count} most confident mistakes, most confident first.")
    if len(got) != count:
        return Feedback(False, f"asked for count={count} rows, got {len(got)}.")
    if not np.issubdtype(got.dtype, np.integer) and not np.all(got == np.round(got)):
        return Feedback(False, "those are not row numbers: return the indices (np.argsort "
                               "gives them), not the confidences themselves.")
    got = got.astype(int)
    if np.array_equal(got, wrong[np.argsort(confidence[wrong], kind="stable")][:count]):
        return Feedback(False, "those are the LEAST confident mistakes: sort by minus the "
                               "confidence (or reverse the order) to put the largest first.")
    if np.array_equal(got, np.argsort(-confidence, kind="stable")[:count]):
        return Feedback(False, "those are the most confident answers overall, right ones "
                               "included: keep only the rows where argmax != y_true first.")
    own = outputs[np.arange(len(y_true)), y_true]
    if np.array_equal(got, wrong[np.argsort(own[wrong], kind="stable")][:count]):
        return Feedback(False, "you sorted by the output of the TRUE class. Confidence is "
                               "the output of the unit that won: outputs.max(axis=1).")
    if np.array_equal(np.sort(got), np.sort(expected)):
        return Feedback(False, "the right rows in the wrong order: most confident first.")
    if np.array_equal(got, np.argsort(-confidence[wrong], kind="stable")[:count]):
        return Feedback(False, "those are positions in the list of mistakes, not row numbers "
                               "of `outputs`: map them back, wrong[order].")
    if set(got.tolist()) - set(wrong.tolist()):
        return Feedback(False, "some of those rows are classified right: a mistake is a row "
                               "where outputs.argmax(axis=1) != y_true.")
    return Feedback(False, f"expected the rows {expected.tolist()}, got {got.tolist()}.")

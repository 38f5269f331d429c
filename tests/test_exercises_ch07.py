"""Notebook 07's checks accept right answers and explain typical wrong ones."""

import numpy as np

from nn_helpers.exercises.ch07 import (
    check_confident_mistakes,
    check_count_confusions,
    check_evaluate,
    check_parameter_count,
    check_weight_gradient,
)


def _right_counts(y_true, y_pred):
    counts = np.zeros((10, 10), dtype=int)
    for t, p in zip(y_true, y_pred):
        counts[t, p] += 1
    return counts


def test_count_confusions():
    assert check_count_confusions(_right_counts)
    assert "placeholder" in check_count_confusions(None).message
    assert "placeholder" in check_count_confusions(lambda t, p: None).message
    swapped = check_count_confusions(lambda t, p: _right_counts(t, p).T)
    assert not swapped and "swapped" in swapped.message

    def fancy_indexing(t, p):  # counts[t, p] += 1 counts repeated pairs only once
        counts = np.zeros((10, 10), dtype=int)
        counts[t, p] += 1
        return counts

    once = check_count_confusions(fancy_indexing)
    assert not once and "exactly once" in once.message
    small = check_count_confusions(lambda t, p: _right_counts(t, p)[:9, :9])
    assert not small and "shape" in small.message


def test_weight_gradient():
    assert check_weight_gradient(lambda A, delta: A.T @ delta)
    assert check_weight_gradient(lambda A, delta: sum(np.outer(a, d) for a, d in zip(A, delta)))
    assert "placeholder" in check_weight_gradient(None).message
    placeholder = check_weight_gradient(lambda A, delta: None)
    assert "`weight_gradient` is still the placeholder" in placeholder.message
    transposed = check_weight_gradient(lambda A, delta: delta.T @ A)
    assert not transposed and "transpose" in transposed.message
    averaged = check_weight_gradient(lambda A, delta: A.T @ delta / len(A))
    assert not averaged and "constant factor" in averaged.message
    crash = check_weight_gradient(lambda A, delta: A @ delta)
    assert not crash and "raised ValueError" in crash.message


def test_parameter_count():
    assert check_parameter_count(784 * 100 + 100 + 100 * 10 + 10)
    assert check_parameter_count("79,510")
    assert "placeholder" in check_parameter_count(None).message
    for wrong, words in [(79400, "weights only"), (78400, "first layer's weight matrix"),
                         (78500, "first layer alone"), (1010, "second layer alone"),
                         (894, "number of units"), (784000, "paths"),
                         (79510 + 784, "inputs have no biases"), (110, "biases alone"),
                         (12345, "Count per layer"), ("lots", "not the text"),
                         ([79510], "one whole number")]:
        verdict = check_parameter_count(wrong)
        assert not verdict and words in verdict.message, (wrong, verdict.message)
    # a wrong answer never gives the right one away
    assert "79,510" not in check_parameter_count(79400).message


def _evaluate(net, X, Y):
    A = net.predict(X)
    return np.sum((A - Y) ** 2) / (2 * len(X)), np.mean(A.argmax(axis=1) == Y.argmax(axis=1))


def test_evaluate():
    assert check_evaluate(_evaluate)
    assert check_evaluate(lambda net, X, Y: (net.cost(X, Y), _evaluate(net, X, Y)[1]))
    assert "placeholder" in check_evaluate(None).message
    assert "placeholder" in check_evaluate(lambda net, X, Y: None).message
    cost = lambda net, X, Y: _evaluate(net, X, Y)[0]          # noqa: E731
    share = lambda net, X, Y: _evaluate(net, X, Y)[1]         # noqa: E731
    for wrong, words in [
            (lambda n, X, Y: (np.mean((n.predict(X) - Y) ** 2), share(n, X, Y)), "lost the 1/2"),
            (lambda n, X, Y: (2 * cost(n, X, Y), share(n, X, Y)), "1/2 of the quadratic"),
            (lambda n, X, Y: (len(X) * cost(n, X, Y), share(n, X, Y)), "SUM"),
            (lambda n, X, Y: (cost(n, X, Y) / 3, share(n, X, Y)), "by the 3 outputs"),
            (lambda n, X, Y: (cost(n, X, Y), 100 * share(n, X, Y)), "percentage"),
            (lambda n, X, Y: (cost(n, X, Y), len(X) * share(n, X, Y)), "NUMBER of right"),
            (lambda n, X, Y: (cost(n, X, Y), np.mean((n.predict(X) > 0.5) == (Y > 0.5))),
             "every one of the n x 3"),
            (lambda n, X, Y: (cost(n, X, Y),
                              np.mean(n.predict(X).argmax(axis=0) == Y.argmax(axis=0))),
             "argmax(axis=1)"),
            (lambda n, X, Y: (share(n, X, Y), cost(n, X, Y)), "swapped"),
            (lambda n, X, Y: cost(n, X, Y), "two numbers"),
            (lambda n, X, Y: (np.sum((n.predict(X) - Y) ** 2, axis=0), share(n, X, Y)),
             "single numbers"),
            (lambda n, X, Y: X @ X, "raised ValueError")]:
        verdict = check_evaluate(wrong)
        assert not verdict and words in verdict.message, (words, verdict.message)


def _mistakes(outputs, y_true, count):
    predicted = outputs.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    return wrong[np.argsort(-outputs[wrong, predicted[wrong]], kind="stable")][:count]


def test_confident_mistakes():
    assert check_confident_mistakes(_mistakes)
    assert "placeholder" in check_confident_mistakes(None).message

    def least(outputs, y_true, count):
        wrong = np.flatnonzero(outputs.argmax(axis=1) != y_true)
        return wrong[np.argsort(outputs.max(axis=1)[wrong])][:count]

    def overall(outputs, y_true, count):
        return np.argsort(-outputs.max(axis=1))[:count]

    def by_truth(outputs, y_true, count):
        wrong = np.flatnonzero(outputs.argmax(axis=1) != y_true)
        return wrong[np.argsort(outputs[wrong, y_true[wrong]])][:count]

    def positions(outputs, y_true, count):
        wrong = np.flatnonzero(outputs.argmax(axis=1) != y_true)
        return np.argsort(-outputs.max(axis=1)[wrong])[:count]

    def confidences(outputs, y_true, count):
        return np.sort(outputs.max(axis=1)[outputs.argmax(axis=1) != y_true])[::-1][:count]

    for wrong, words in [
            (least, "LEAST confident"), (overall, "right ones included"),
            (by_truth, "TRUE class"), (positions, "positions in the list"),
            (lambda o, y, c: _mistakes(o, y, c)[::-1], "wrong order"),
            (lambda o, y, c: _mistakes(o, y, 80), "keep the first"),
            (lambda o, y, c: _mistakes(o, y, c)[:3], "count=5"),
            (lambda o, y, c: o.argmax(axis=1) != y, "mask"),
            (confidences, "not row numbers"),
            (lambda o, y, c: np.arange(c), "classified right"),
            (lambda o, y, c: o[_mistakes(o, y, c)], "1-D array")]:
        verdict = check_confident_mistakes(wrong)
        assert not verdict and words in verdict.message, (words, verdict.message)

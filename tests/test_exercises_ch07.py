"""Notebook 07's checks accept right answers and explain typical wrong ones."""

import numpy as np

from nn_helpers.exercises.ch07 import check_count_confusions, check_weight_gradient


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

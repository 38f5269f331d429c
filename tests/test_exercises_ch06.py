"""Notebook 06's checks accept right answers and explain typical wrong ones."""

import math

import numpy as np

from nn_helpers.exercises.ch06 import check_mse_gradient, check_standardise, check_updates_per_epoch


def test_standardise():
    assert check_standardise(lambda tr, X: (X - tr.mean(axis=0)) / tr.std(axis=0))
    assert "placeholder" in check_standardise(None).message
    assert "placeholder" in check_standardise(lambda tr, X: None).message

    def not_done(tr, X):
        raise NotImplementedError

    assert "placeholder" in check_standardise(not_done).message
    own = check_standardise(lambda tr, X: (X - X.mean(axis=0)) / X.std(axis=0))
    assert not own and "training set's statistics" in own.message
    whole = check_standardise(lambda tr, X: (X - tr.mean()) / tr.std())
    assert not whole and "axis=0" in whole.message
    centred = check_standardise(lambda tr, X: X - tr.mean(axis=0))
    assert not centred and "standard deviation" in centred.message
    rows = check_standardise(lambda tr, X: (X - tr.mean(axis=1).mean()) / tr.std(axis=0))
    assert not rows
    crash = check_standardise(lambda tr, X: tr @ X)
    assert not crash and "raised ValueError" in crash.message


def test_mse_gradient():
    assert check_mse_gradient(lambda A, Y: 2 * (A - Y) / A.size)
    assert "placeholder" in check_mse_gradient(None).message
    placeholder = check_mse_gradient(lambda A, Y: None)
    assert "`mse_gradient` is still the placeholder" in placeholder.message
    no_two = check_mse_gradient(lambda A, Y: (A - Y) / A.size)
    assert not no_two and "constant factor" in no_two.message and "0.5" in no_two.message
    flipped = check_mse_gradient(lambda A, Y: 2 * (Y - A) / A.size)
    assert not flipped and "opposite sign" in flipped.message
    # dividing by n instead of n*k only shows with k > 1 outputs: the second case catches it
    rows_only = check_mse_gradient(lambda A, Y: 2 * (A - Y) / len(A))
    assert not rows_only and "constant factor" in rows_only.message


def test_updates_per_epoch():
    assert check_updates_per_epoch(lambda n, m: math.ceil(n / m))
    assert check_updates_per_epoch(lambda n, m: (n + m - 1) // m)
    assert "placeholder" in check_updates_per_epoch(lambda n, m: None).message
    floor = check_updates_per_epoch(lambda n, m: n // m)
    assert not floor and "last, smaller batch" in floor.message
    swapped = check_updates_per_epoch(lambda n, m: math.ceil(m / n))
    assert not swapped and "swapped" in swapped.message
    plus_one = check_updates_per_epoch(lambda n, m: n // m + 1)
    assert not plus_one and "should be 40" in plus_one.message


def test_checks_do_not_change_global_state():
    state = np.random.get_state()[1].copy()
    check_mse_gradient(lambda A, Y: 2 * (A - Y) / A.size)
    assert np.array_equal(state, np.random.get_state()[1])

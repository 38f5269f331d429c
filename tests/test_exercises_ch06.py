"""Notebook 06's checks accept right answers and explain typical wrong ones."""

import math

import numpy as np

from nn_helpers.exercises.ch06 import (
    check_choose_settings,
    check_early_stopping,
    check_mse_gradient,
    check_sgd_train,
    check_standardise,
    check_updates_per_epoch,
)


def test_standardise():
    assert check_standardise(_guarded)
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


def _guarded(tr, X):
    std = tr.std(axis=0)
    return (X - tr.mean(axis=0)) / np.where(std == 0, 1, std)


def test_standardise_needs_a_guard_for_a_constant_column():
    assert check_standardise(_guarded)
    assert check_standardise(lambda tr, X: (X - tr.mean(axis=0)) / (tr.std(axis=0) + 1e-8))
    unguarded = check_standardise(lambda tr, X: (X - tr.mean(axis=0)) / tr.std(axis=0))
    assert not unguarded and "column 3" in unguarded.message and "np.where" in unguarded.message
    sample = check_standardise(lambda tr, X: (X - tr.mean(axis=0))
                               / np.where(tr.std(axis=0) == 0, 1, tr.std(axis=0, ddof=1)))
    assert not sample and "ddof=1" in sample.message
    text = check_standardise(lambda tr, X: "scaled")
    assert not text and "array of numbers" in text.message


# ------------------------------------------------------------ the loop itself
def _loop(net, X, Y, epochs, batch_size, lr, seed=0, shuffle="fresh", drop_last=False,
          loss="weighted", n_axis=0, sign=-1, rebind=False, unseeded=False):
    rng = np.random.default_rng() if unseeded else np.random.default_rng(seed)
    n = X.shape[n_axis]
    once = rng.permutation(n) if shuffle == "once" else None
    losses = []
    for _ in range(epochs):
        before = net.cost(X, Y)
        if shuffle == "fresh":
            order = rng.permutation(n)
        elif shuffle == "reseeded":
            order = np.random.default_rng(seed).permutation(n)
        elif shuffle == "once":
            order = once
        else:
            order = np.arange(n)
        total, costs = 0.0, []
        for first in range(0, n - batch_size + 1 if drop_last else n, batch_size):
            rows = order[first:first + batch_size]
            cost = net.cost(X[rows], Y[rows])
            costs.append(cost)
            total += cost * len(rows)
            for (W, b), (dW, db) in zip(net.parameters, net.gradients(X[rows], Y[rows])):
                if rebind:
                    W = W - lr * dW  # noqa: F841 (the slip under test)
                else:
                    W += sign * lr * dW
                    b += sign * lr * db
        losses.append({"weighted": total / n, "mean": np.mean(costs), "last": costs[-1],
                       "sum": sum(costs), "after": net.cost(X, Y), "before": before}[loss])
    return losses


def _with(**slip):
    return lambda *args: _loop(*args, **slip)


def test_sgd_train():
    assert check_sgd_train(_loop)
    assert "placeholder" in check_sgd_train(None).message
    assert "placeholder" in check_sgd_train(lambda *args: None).message
    for slip, words in [
            (dict(shuffle="reseeded"), "SAME order"), (dict(shuffle="once"), "SAME order"),
            (dict(shuffle="none"), "never shuffled"), (dict(drop_last=True), "last, smaller"),
            (dict(n_axis=1), "X.shape[0]"), (dict(sign=1), "uphill"),
            (dict(rebind=True), "did not change"), (dict(unseeded=True), "not seeded"),
            (dict(loss="mean"), "smaller"), (dict(loss="last"), "LAST batch"),
            (dict(loss="sum"), "SUM"), (dict(loss="after"), "AFTER the epoch"),
            (dict(loss="before"), "BEFORE the epoch")]:
        verdict = check_sgd_train(_with(**slip))
        assert not verdict and words in verdict.message, (slip, verdict.message)
    returns_net = check_sgd_train(lambda net, *args: (_loop(net, *args), net)[1])
    assert not returns_net and "returned the network" in returns_net.message
    short = check_sgd_train(lambda *args: _loop(*args)[:2])
    assert not short and "2 entries for 3 epochs" in short.message
    number = check_sgd_train(lambda *args: "done" if _loop(*args) else None)
    assert not number and "list of numbers" in number.message
    crash = check_sgd_train(lambda net, X, Y, *rest: X @ X)
    assert not crash and "raised ValueError" in crash.message


# ------------------------------------------------------------- early stopping
def _fit(net, train_set, val_set, patience, max_epochs, zero_based=False, copy=True,
         late=0, watch="val_loss", report_last=False, no_stop=False):
    from nn_helpers import train

    best = {"epoch": 0, "loss": np.inf, "parameters": None}

    def stop(epoch, history):
        losses = getattr(history, watch)
        if losses[-1] < best["loss"]:
            params = [(W.copy(), b.copy()) if copy else (W, b) for W, b in net.parameters]
            best.update(epoch=epoch + 1, loss=losses[-1], parameters=params)
        return not no_stop and epoch + 1 - best["epoch"] >= patience + late

    history = train(net, *train_set, epochs=max_epochs, batch_size=10, lr=0.05, val=val_set,
                    seed=0, progress=False, callback=stop)
    epoch = history.epochs if report_last else best["epoch"] - zero_based
    return epoch, best["parameters"]


def test_early_stopping():
    assert check_early_stopping(_fit)
    assert "placeholder" in check_early_stopping(None).message
    assert "placeholder" in check_early_stopping(lambda *args: (0, None)).message
    for slip, words in [
            (dict(zero_based=True), "counts from 0"), (dict(copy=False), "copies"),
            (dict(late=1), "one epoch too late"), (dict(late=-1), "one epoch too early"),
            (dict(late=1 - 5), "first epoch without improvement"),
            (dict(watch="loss"), "TRAINING loss"), (dict(report_last=True), "LAST epoch"),
            (dict(no_stop=True), "ran all 150 epochs")]:
        verdict = check_early_stopping(lambda *args, s=slip: _fit(*args, **s))
        assert not verdict and words in verdict.message, (slip, verdict.message)
    one = check_early_stopping(lambda *args: _fit(*args)[0])
    assert not one and "return two things" in one.message
    def as_float(*args):
        epoch, parameters = _fit(*args)
        return float(epoch), parameters

    real = check_early_stopping(as_float)
    assert not real and "whole number" in real.message


# ------------------------------------------------- choosing on validation data
def _choose(make_net, train_set, val_set, test_set, learning_rates, max_epochs,
            judge="val", last=False, zero_based=False, swap=False):
    from nn_helpers import train

    best = None
    for lr in learning_rates:
        net = make_net()
        judged = {"val": val_set, "test": test_set}.get(judge, val_set)
        history = train(net, *train_set, epochs=max_epochs, batch_size=8, lr=lr, val=judged,
                        seed=0, progress=False)
        losses = history.loss if judge == "train" else history.val_loss
        epoch = len(losses) - 1 if last else int(np.argmin(losses))
        if best is None or losses[epoch] < best[0]:
            best = (losses[epoch], lr, epoch + (not zero_based))
    return (best[2], best[1]) if swap else (best[1], best[2])


def test_choose_settings():
    assert check_choose_settings(_choose)
    assert "placeholder" in check_choose_settings(None).message
    assert "placeholder" in check_choose_settings(lambda *args: None).message
    peek = check_choose_settings(lambda *args: _choose(*args, judge="test"))
    assert not peek and "used the test set" in peek.message
    def glance(make_net, train_set, val_set, test_set, *rest):
        print(len(test_set[0]))
        return _choose(make_net, train_set, val_set, test_set, *rest)

    glance = check_choose_settings(glance)
    assert not glance and "used the test set" in glance.message
    for slip, words in [(dict(judge="train"), "TRAINING loss"),
                        (dict(last=True), "a choice too"),
                        (dict(zero_based=True), "one too few"), (dict(swap=True), "swapped")]:
        verdict = check_choose_settings(lambda *args, s=slip: _choose(*args, **s))
        assert not verdict and words in verdict.message, (slip, verdict.message)
    odd = check_choose_settings(lambda *args: (0.05, 20))
    assert not odd and "not one of the rates" in odd.message
    one = check_choose_settings(lambda *args: 0.03)
    assert not one and "return two numbers" in one.message


def test_a_factor_close_to_1_is_reported_as_a_small_percentage():
    from nn_helpers.exercises.feedback import compare_arrays

    right = np.arange(1.0, 7.0)
    for factor, words in [(1.00002, "0.002% larger"), (0.99, "1% smaller"),
                          (1 + 1 / 40, "2.5% larger")]:
        verdict = compare_arrays(factor * right, right)
        assert not verdict and words in verdict.message and "1 times" not in verdict.message
        assert "constant factor close to 1" in verdict.message
    half = compare_arrays(0.5 * right, right)
    assert "0.5 times" in half.message and "close to 1" not in half.message


def test_early_stopping_without_training_or_with_odd_answers():
    untrained = check_early_stopping(lambda *args: (33, [(np.zeros(2), np.zeros(2))]))
    assert not untrained and "never trained" in untrained.message

    def odd_parameters(*args):
        return _fit(*args)[0], {"W": "weights"}

    odd = check_early_stopping(odd_parameters)
    assert not odd and "not those of epoch" in odd.message

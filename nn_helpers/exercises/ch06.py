"""Checks for notebook 06 (the training loop, on red-wine quality).

# n: examples, d: features, k: outputs, m: batch size.

Each check builds its own test inputs, runs the reader's function and returns a
Feedback saying what is wrong: statistics from the wrong set or axis, a constant
column divided by 0, a missing factor of 2, a last batch forgotten, a shuffle that
repeats, weights kept without a copy, a setting chosen on the test set.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..losses import mse_grad
from ..network import Network
from ..training import train as _train
from .feedback import Feedback, call_reader, check_function, compare_arrays, not_attempted

__all__ = ["check_standardise", "check_mse_gradient", "check_updates_per_epoch",
           "check_sgd_train", "check_early_stopping", "check_choose_settings"]


# ------------------------------------------------------------- 1. standardise
def _standardise_reference(X_train, X_other):
    """(X_other - mean) / std, per column, with the statistics of X_train; a column that is
    constant in X_train (std 0) is only centred."""
    std = X_train.std(axis=0)
    return (X_other - X_train.mean(axis=0)) / np.where(std == 0, 1.0, std)


def _standardise_cases():
    rng = np.random.default_rng(6)
    X_train = rng.normal([10.0, -3.0, 0.5], [4.0, 0.2, 1.5], size=(40, 3))
    X_test = rng.normal([12.0, -2.5, 0.0], [3.0, 0.4, 2.0], size=(15, 3))
    # column 3 is the same in every row (a sensor stuck at 7): its std is 0
    X_train, X_test = (np.column_stack([X, np.full(len(X), 7.0)]) for X in (X_train, X_test))
    return X_train, X_test


def check_standardise(standardise) -> Feedback:
    """``standardise(X_train, X_other)``: X_other rescaled with the TRAINING set's
    per-column mean and standard deviation."""
    X_train, X_test = _standardise_cases()
    got, problem = call_reader(standardise, "standardise", X_train, X_test)
    if problem is not None:
        return problem
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"`standardise` should return an array of numbers; got "
                               f"{type(got).__name__}.")
    expected = _standardise_reference(X_train, X_test)
    if got.shape == X_test.shape:
        if (np.allclose(got[:, :3], expected[:, :3]) and not np.isfinite(got[:, 3]).all()):
            return Feedback(False, "the first three columns are right, but column 3 holds the "
                                   "same value (7.0) in every training row, so its std is 0 "
                                   "and (x - mean) / std is 0 / 0 = NaN. Guard it: "
                                   "`std = np.where(std == 0, 1, std)` (or divide by "
                                   "std + 1e-8), so a constant column becomes all zeros.")
        with np.errstate(all="ignore"):
            own = (X_test - X_test.mean(axis=0)) / X_test.std(axis=0)
        if np.allclose(got[:, :3], own[:, :3]):
            return Feedback(False, "you used the mean and spread of X_other itself. Use the "
                                   "training set's statistics for every set: the test set must "
                                   "stay unseen, and both must be measured on the same scale.")
        whole = (X_test - X_train.mean()) / X_train.std()
        if np.allclose(got[:, :3], whole[:, :3]):
            return Feedback(False, "you used one mean and one std for the whole table. Each "
                                   "column (feature) needs its own: pass axis=0.")
        sample = (X_test[:, :3] - X_train[:, :3].mean(axis=0)) / X_train[:, :3].std(axis=0,
                                                                                   ddof=1)
        if np.allclose(got[:, :3], sample):
            return Feedback(False, "you divided by the sample standard deviation (ddof=1, "
                                   "which is what pandas' .std() gives). The series uses NumPy's "
                                   "X.std(axis=0), which divides by n: it makes the training "
                                   "columns' std exactly 1.")
        if np.allclose(got[:, :3], X_test[:, :3] - X_train[:, :3].mean(axis=0)):
            return Feedback(False, "the columns are centred but not divided by the training "
                                   "set's standard deviation.")
    verdict = compare_arrays(got, expected, "the result of `standardise`")
    if verdict:
        return Feedback(True, "`standardise` uses the training set's per-column mean and std, "
                              "and keeps a constant column finite.")
    return verdict


# ----------------------------------------------------------- 2. MSE gradient
def _mse_gradient_reference(A, Y):
    """dC/dA = 2 (A - Y) / (n k), the library's MSE gradient."""
    return mse_grad(A, Y)


def check_mse_gradient(mse_gradient) -> Feedback:
    """``mse_gradient(A, Y)``: dC/dA for C = mean of (a - y)^2 over all n*k entries."""
    rng = np.random.default_rng(7)
    cases = [(rng.normal(size=(8, 1)), rng.normal(size=(8, 1))),
             (rng.normal(size=(5, 3)), rng.normal(size=(5, 3)))]
    return check_function(mse_gradient, _mse_gradient_reference, cases, "mse_gradient")


# ------------------------------------------------------ 3. updates per epoch
def _updates_reference(n, batch_size):
    return math.ceil(n / batch_size)


def check_updates_per_epoch(updates_per_epoch) -> Feedback:
    """``updates_per_epoch(n, batch_size)``: how many SGD steps one epoch makes when the
    last batch may be smaller than the others."""
    cases = [(1279, 32), (1280, 32), (100, 10), (7, 10), (1279, 1), (50000, 10), (11, 10)]
    for n, m in cases:
        got, problem = call_reader(updates_per_epoch, "updates_per_epoch", n, m)
        if problem is not None:
            return problem
        expected = _updates_reference(n, m)
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return Feedback(False, f"updates_per_epoch({n}, {m}) should be a whole number of "
                                   f"steps such as {expected}; got {type(got).__name__} "
                                   f"{got!r:.60}.")
        if got == expected:
            continue
        if got == n // m:
            return Feedback(False, f"updates_per_epoch({n}, {m}) = {got}: the last, smaller "
                                   f"batch of {n % m} examples is missing. Round up, not down.")
        if got == m // n or got == math.ceil(m / n):
            return Feedback(False, f"updates_per_epoch({n}, {m}) = {got}: n and batch_size are "
                                   f"swapped.")
        return Feedback(False, f"updates_per_epoch({n}, {m}) should be {expected}, got {got!r}.")
    return Feedback(True, f"`updates_per_epoch` is right on {len(cases)} cases, including a "
                          f"last batch smaller than the rest.")



# ---------------------------------------------------- 4. the mini-batch loop
def _loop_case():
    rng = np.random.default_rng(60)
    X = rng.normal(size=(50, 3))                       # 50 examples: batches 16, 16, 16, 2
    Y = np.tanh(X @ np.array([[1.0], [-2.0], [0.5]])) + 0.1 * rng.normal(size=(50, 1))
    net = Network([3, 5, 1], hidden="tanh", output="identity", loss="mse", seed=0)
    return net, X, Y, dict(epochs=3, batch_size=16, lr=0.05, seed=0)


def _loop_variant(net, X, Y, epochs, batch_size, lr, seed=0, order="fresh", n_axis=0,
                  last="keep", sign=-1.0, loss="weighted"):
    """The loop with one thing changed; returns the per-epoch losses (net trained in place)."""
    rng = np.random.default_rng(seed)
    n = X.shape[n_axis]
    first_order = rng.permutation(n)
    losses = []
    for epoch in range(epochs):
        if order == "fresh":
            rows_order = first_order if epoch == 0 else rng.permutation(n)
        elif order == "same":
            rows_order = first_order
        else:
            rows_order = np.arange(n)
        stop = n - batch_size + 1 if last == "drop" else n
        before = float(net.cost(X, Y))
        costs, sizes = [], []
        for first in range(0, stop, batch_size):
            rows = rows_order[first:first + batch_size]
            cost, grads = net.cost_and_gradients(X[rows], Y[rows])
            costs.append(cost)
            sizes.append(len(rows))
            for (W, b), (dW, db) in zip(net.parameters, grads):
                W += sign * lr * dW
                b += sign * lr * db
        if loss == "weighted":
            losses.append(float(np.dot(costs, sizes) / sum(sizes)))
        elif loss == "unweighted":
            losses.append(float(np.mean(costs)))
        elif loss == "last":
            losses.append(float(costs[-1]))
        elif loss == "sum":
            losses.append(float(np.sum(costs)))
        elif loss == "after":
            losses.append(float(net.cost(X, Y)))
        elif loss == "before":
            losses.append(before)
    return losses


def _flat_parameters(parameters):
    """[(W, b), ...] or [W, b, ...] (any nesting of lists and tuples) as a flat list."""
    if isinstance(parameters, np.ndarray):
        return [parameters]
    if isinstance(parameters, (list, tuple)):
        return [a for p in parameters for a in _flat_parameters(p)]
    return [np.asarray(parameters)]


def _same_parameters(a, b):
    try:
        a, b = _flat_parameters(a), _flat_parameters(b)
        return len(a) == len(b) and all(np.shape(p) == np.shape(q)
                                        and np.allclose(p, q, atol=1e-10) for p, q in zip(a, b))
    except (TypeError, ValueError):    # not arrays of numbers: not the same parameters
        return False


_LOOP_SLIPS = [
    (dict(order="same"), "every epoch visits the examples in the SAME order. Create the "
                         "generator once, `rng = np.random.default_rng(seed)` before the epoch "
                         "loop, and draw a fresh `rng.permutation(n)` at the start of each epoch."),
    (dict(order="none"), "the examples are never shuffled: draw `order = rng.permutation(n)` at "
                         "the start of every epoch and cut the batches from `order`."),
    (dict(last="drop"), "the last, smaller batch is skipped. `range(0, n, batch_size)` "
                        "visits it; the slice `order[first:first + batch_size]` simply comes "
                        "out shorter."),
    (dict(n_axis=1), "n is the number of FEATURES: examples are rows, so `n = X.shape[0]`."),
    (dict(sign=1.0), "the weights move WITH the gradient (+=), uphill: a step is "
                     "`W -= lr * dW`."),
]
_LOSS_SLIPS = [
    ("unweighted", "each epoch's loss is the plain mean of the batch costs, but the last batch "
                   "is smaller (2 of the 50 examples here). Weight each batch's cost by its "
                   "number of examples: sum cost * len(rows), then divide by n."),
    ("last", "each epoch's loss is the LAST batch's cost only. Report the mean over all the "
             "epoch's examples: add up cost * len(rows) over the batches, divide by n."),
    ("sum", "each epoch's loss is the SUM of the batch costs: divide by the number of "
            "examples (each batch's cost weighted by its size)."),
    ("before", "each epoch's loss is measured on all the examples BEFORE the epoch's steps. "
               "`train` records the mean of the costs of the batches as they were met: keep "
               "the cost that comes with each batch's gradients."),
    ("after", "each epoch's loss is measured on all the examples AFTER the epoch. `train` "
              "records the mean of the costs of the batches as they were met (before each "
              "step): keep the cost that comes with each batch's gradients."),
]


def check_sgd_train(sgd_train) -> Feedback:
    """``sgd_train(net, X, Y, epochs, batch_size, lr, seed=0)``: the mini-batch loop, training
    ``net`` in place and returning one mean loss per epoch, equal to ``nn_helpers.train``."""
    net0, X, Y, settings = _loop_case()
    if sgd_train is None or sgd_train is Ellipsis:
        return not_attempted("sgd_train")
    reference_net = net0.copy()
    history = _train(reference_net, X, Y, progress=False, **settings)
    mine = net0.copy()
    losses, problem = call_reader(sgd_train, "sgd_train", mine, X, Y, *settings.values())
    if problem is not None:
        return problem
    if isinstance(losses, Network):
        return Feedback(False, "`sgd_train` returned the network: return the list of the "
                               "epochs' mean losses (the network is trained in place).")
    again = net0.copy()
    call_reader(sgd_train, "sgd_train", again, X, Y, *settings.values())
    if not _same_parameters(mine.parameters, again.parameters):
        return Feedback(False, "two runs with the same seed end with different weights: the "
                               "shuffle is not seeded. Use `rng = np.random.default_rng(seed)` "
                               "and `rng.permutation(n)`, not np.random.permutation or "
                               "default_rng() without the seed.")
    if _same_parameters(mine.parameters, net0.parameters):
        return Feedback(False, "the network's weights did not change. Update them in place, "
                               "`W -= lr * dW` on the arrays of `net.parameters`: "
                               "`W = W - lr * dW` only renames a new array.")
    if not _same_parameters(mine.parameters, reference_net.parameters):
        for flags, hint in _LOOP_SLIPS:
            variant = net0.copy()
            with np.errstate(all="ignore"):
                _loop_variant(variant, X, Y, **settings, **flags)
            if _same_parameters(mine.parameters, variant.parameters):
                return Feedback(False, hint)
        return Feedback(False, "after 3 epochs your network's weights differ from those "
                               "`train` reaches from the same start with the same seed. One "
                               "permutation per epoch from the seeded rng, batches cut from it "
                               "in order, and one step `W -= lr * dW`, `b -= lr * db` per batch.")
    try:
        got = [float(v) for v in losses]
    except (TypeError, ValueError):
        return Feedback(False, f"the weights match `train`'s. Now return the epochs' mean "
                               f"losses as a list of numbers, one per epoch; got "
                               f"{type(losses).__name__}.")
    expected = history.loss
    if len(got) != len(expected):
        return Feedback(False, f"the weights match `train`'s, but the list of losses has "
                               f"{len(got)} entries for {len(expected)} epochs: append one "
                               f"mean loss per epoch.")
    if np.allclose(got, expected, rtol=1e-9):
        return Feedback(True, f"your loop ends with the same weights as `nn_helpers.train` "
                              f"(same start, seed {settings['seed']}) and reports the same "
                              f"mean loss for each of its {len(got)} epochs.")
    for loss, hint in _LOSS_SLIPS:
        variant = _loop_variant(net0.copy(), X, Y, **settings, loss=loss)
        if np.allclose(got, variant, rtol=1e-9):
            return Feedback(False, "the weights match `train`'s, but " + hint)
    return Feedback(False, f"the weights match `train`'s, but the losses do not: "
                           f"{[round(v, 5) for v in got]} instead of "
                           f"{[round(v, 5) for v in expected]}. Each epoch's loss is the mean "
                           f"of the batch costs weighted by batch size.")


# ---------------------------------------------------------- 5. early stopping
def _call_with_sets(fn, name, *args):
    """call_reader for functions that take (X, y) pairs: the same verdicts, the sets
    described by name rather than by shape."""
    if fn is None or fn is Ellipsis:
        return None, not_attempted(name)
    if not callable(fn):
        return None, Feedback(False, f"`{name}` should be a function; got {type(fn).__name__}.")
    try:
        result = fn(*args)
    except NotImplementedError:
        return None, not_attempted(name)
    except Exception as error:  # the reader's code failed: say how, do not crash
        return None, Feedback(False, f"`{name}` raised {type(error).__name__}: {error}")
    if result is None:
        return None, not_attempted(name)
    return result, None


_STOP_SETTINGS = dict(batch_size=10, lr=0.05, seed=0)


def _stopping_case(which):
    rng = np.random.default_rng(61 + which)
    X = rng.normal(size=(50, 4))
    y = np.sin(X @ np.array([1.0, -1.0, 0.5, 0.0])) + 0.4 * rng.normal(size=50)
    net = Network([4, 32, 1], hidden="tanh", output="identity", loss="mse", seed=which)
    return net, (X[:20], y[:20]), (X[20:], y[20:])


def _stopping_reference(losses, patience):
    """(best epoch counting from 1, the epoch training stops after)."""
    best, best_loss = 0, np.inf
    for epoch, loss in enumerate(losses, 1):
        if loss < best_loss:
            best, best_loss = epoch, loss
        elif epoch - best >= patience:
            return best, epoch
    return best, len(losses)


def check_early_stopping(fit_early_stopping) -> Feedback:
    """``fit_early_stopping(net, train_set, val_set, patience, max_epochs)``: train until the
    validation loss has not improved for ``patience`` epochs; return (best epoch counting from
    1, a copy of the parameters at that epoch)."""
    if fit_early_stopping is None or fit_early_stopping is Ellipsis:
        return not_attempted("fit_early_stopping")
    for which, (patience, max_epochs) in enumerate([(5, 150), (3, 150)]):
        net0, train_set, val_set = _stopping_case(which)
        full = net0.copy()
        history = _train(full, *train_set, epochs=max_epochs, val=val_set, progress=False,
                         **_STOP_SETTINGS)
        best, stop = _stopping_reference(history.val_loss, patience)
        mine = net0.copy()
        got, problem = _call_with_sets(fit_early_stopping, "fit_early_stopping", mine,
                                       train_set, val_set, patience, max_epochs)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Feedback(False, f"`fit_early_stopping` should return two things, (best "
                                   f"epoch, best parameters); got {type(got).__name__} "
                                   f"{got!r:.60}.")
        epoch, parameters = got
        if parameters is None:
            return not_attempted("fit_early_stopping")
        ran = getattr(getattr(mine, "history", None), "epochs", None)
        where = f"(patience {patience}: validation loss lowest at epoch {best})"
        if ran is None:
            return Feedback(False, "the network was never trained: keep the call "
                                   "`train(net, *train_set, ..., callback=stop)` of the "
                                   "template, and write the rule inside `stop`.")
        if ran == max_epochs and stop < max_epochs:
            return Feedback(False, f"training ran all {max_epochs} epochs: the callback must "
                                   f"return True once the validation loss has not improved "
                                   f"for `patience` epochs {where}.")
        if ran != stop:
            off = f"after epoch {ran}"
            for count, slip in [
                    (_stopping_reference(history.val_loss, patience + 1)[1],
                     "one epoch too late: stop as soon as epoch - best epoch REACHES patience "
                     "(>=, not >)"),
                    (_stopping_reference(history.val_loss, patience - 1)[1],
                     "one epoch too early: stop when epoch - best epoch reaches patience, "
                     "counting from the best epoch"),
                    (_stopping_reference(history.val_loss, 1)[1],
                     "at the first epoch without improvement: wait `patience` epochs"),
                    (_stopping_reference(history.loss, patience)[1],
                     "by the TRAINING loss: watch history.val_loss")]:
                if ran == count:
                    off = slip
                    break
            return Feedback(False, f"training stopped {off}. It should stop after epoch "
                                   f"{stop} {where}.")
        if isinstance(epoch, bool) or not isinstance(epoch, numbers.Integral):
            return Feedback(False, f"the best epoch should be a whole number such as {best}; "
                                   f"got {type(epoch).__name__} {epoch!r:.40}.")
        if epoch == best - 1:
            return Feedback(False, f"best epoch {epoch}: the callback's `epoch` counts from 0, "
                                   f"the answer from 1 (epoch + 1), as history lists do.")
        if epoch == stop and best != stop:
            return Feedback(False, f"best epoch {epoch} is the LAST epoch run; the lowest "
                                   f"validation loss came at epoch {best}.")
        if epoch != best:
            return Feedback(False, f"best epoch {epoch}, but the validation loss was lowest at "
                                   f"epoch {best} (patience {patience}).")
        if _same_parameters(parameters, mine.parameters) and best != stop:
            return Feedback(False, "the parameters you returned are the network's FINAL "
                                   "ones: you kept the arrays themselves, which training "
                                   "goes on changing in place. Keep copies: "
                                   "`[(W.copy(), b.copy()) for W, b in net.parameters]`.")
        at_best = net0.copy()
        _train(at_best, *train_set, epochs=best, val=val_set, progress=False, **_STOP_SETTINGS)
        if not _same_parameters(parameters, at_best.parameters):
            return Feedback(False, f"the parameters are not those of epoch {best}. Copy "
                                   f"`[(W.copy(), b.copy()) for W, b in net.parameters]` in the "
                                   f"callback, whenever the validation loss improves.")
    return Feedback(True, "`fit_early_stopping` stops after `patience` epochs without "
                          "improvement and returns the best epoch and a copy of its weights, "
                          "on 2 training runs.")


# ---------------------------------------- 6. choosing settings, test set unseen
class _Watched:
    """An array that notes every use: the test set handed to the reader's function."""

    def __init__(self, data, log, name):
        self._data, self._log, self._name = data, log, name

    def _note(self):
        self._log.append(self._name)

    def __array__(self, dtype=None, copy=None):
        self._note()
        return self._data if dtype is None else self._data.astype(dtype)

    def __len__(self):
        self._note()
        return len(self._data)

    def __getitem__(self, key):
        self._note()
        return self._data[key]

    def __iter__(self):
        self._note()
        return iter(self._data)

    def __getattr__(self, attribute):   # .shape, .T, numpy's __array_interface__, ...
        self._note()
        return getattr(self._data, attribute)


_CHOOSE_LRS = (0.01, 0.03, 0.1)
_CHOOSE_EPOCHS = 60
_CHOOSE_SETTINGS = dict(batch_size=8, seed=0)
_CHOOSE_SEED = 7     # chosen so that validation, test, training loss and the last epoch
                     # each point to a different setting: every slip shows


def _choose_data():
    rng = np.random.default_rng(_CHOOSE_SEED)
    X = rng.normal(size=(84, 3))
    y = np.sin(X @ np.array([1.5, -1.0, 0.5])) + 0.5 * rng.normal(size=84)
    parts = (X[:24], y[:24]), (X[24:54], y[24:54]), (X[54:], y[54:])

    def make_net():
        return Network([3, 32, 1], hidden="tanh", output="identity", loss="mse", seed=0)

    return make_net, parts


def _choose_table(make_net, train_set, val_set, test_set):
    """Per learning rate: the loss per epoch on the training batches, validation and test."""
    table = {}
    for lr in _CHOOSE_LRS:
        test_losses = []
        net = make_net()

        def on_test(epoch, history, net=net, test_losses=test_losses):
            test_losses.append(net.cost(*test_set))

        history = _train(net, *train_set, epochs=_CHOOSE_EPOCHS, lr=lr, val=val_set,
                         progress=False, callback=on_test, **_CHOOSE_SETTINGS)
        table[lr] = {"train": history.loss, "val": history.val_loss, "test": test_losses}
    return table


def _choose_by(table, which, last=False):
    scores = {(lr, epoch): losses[which][epoch - 1] for lr, losses in table.items()
              for epoch in range(1, _CHOOSE_EPOCHS + 1) if not last or epoch == _CHOOSE_EPOCHS}
    return min(scores, key=scores.get)



def check_choose_settings(choose_lr_and_epochs) -> Feedback:
    """``choose_lr_and_epochs(make_net, train_set, val_set, test_set, learning_rates,
    max_epochs)``: the (learning rate, number of epochs) with the lowest validation loss,
    chosen without touching ``test_set``."""
    if choose_lr_and_epochs is None or choose_lr_and_epochs is Ellipsis:
        return not_attempted("choose_lr_and_epochs")
    make_net, (train_set, val_set, test_set) = _choose_data()
    log = []
    watched = (_Watched(test_set[0], log, "test_set[0], its inputs"),
               _Watched(test_set[1], log, "test_set[1], its targets"))
    got, problem = _call_with_sets(choose_lr_and_epochs, "choose_lr_and_epochs", make_net,
                                   train_set, val_set, watched, list(_CHOOSE_LRS),
                                   _CHOOSE_EPOCHS)
    if log:
        return Feedback(False, f"your function used the test set ({log[0]}). The test set "
                               f"must play no part in any choice, or its error no longer "
                               f"says how the model does on data it has never seen: choose "
                               f"on val_set only, and leave test_set for the one final report.")
    if problem is not None:
        return problem
    table = _choose_table(make_net, train_set, val_set, test_set)
    expected = _choose_by(table, "val")
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return Feedback(False, f"return two numbers, (learning rate, number of epochs) such "
                               f"as (0.03, 12); got {type(got).__name__} {got!r:.60}.")
    lr, epochs = got
    if (lr, epochs) == expected[::-1]:
        return Feedback(False, "the two numbers are swapped: return (learning rate, epochs).")
    if lr not in _CHOOSE_LRS:
        return Feedback(False, f"the learning rate {lr!r:.30} is not one of the rates offered, "
                               f"{list(_CHOOSE_LRS)}.")
    if isinstance(epochs, bool) or not isinstance(epochs, numbers.Integral):
        return Feedback(False, f"the number of epochs should be a whole number; got "
                               f"{type(epochs).__name__} {epochs!r:.30}.")
    if (lr, epochs) == expected:
        return Feedback(True, f"learning rate {lr} for {epochs} epochs has the lowest "
                              f"validation loss, and the test set was never touched.")
    if (lr, epochs + 1) == expected:
        return Feedback(False, f"{epochs} epochs is one too few: `np.argmin` counts from 0, "
                               f"the number of epochs from 1 (add 1).")
    for which, last, hint in [
            ("test", False, "that is the setting with the lowest TEST loss: the test set "
                            "decided. Choose on val_set only."),
            ("train", False, "that is the setting with the lowest TRAINING loss, which keeps "
                             "falling the longer and faster you train. Use the validation "
                             "loss (history.val_loss)."),
            ("val", True, f"that rate has the lowest validation loss after all "
                          f"{_CHOOSE_EPOCHS} epochs, but the number of epochs is a choice "
                          f"too: the validation loss is lowest earlier. Take the minimum over "
                          f"every (rate, epoch) pair.")]:
        if (lr, epochs) == _choose_by(table, which, last):
            return Feedback(False, f"({lr}, {epochs}): {hint}")
    return Feedback(False, f"({lr}, {epochs}) does not have the lowest validation loss. Train "
                           f"one fresh network per rate for max_epochs epochs with val=val_set, "
                           f"and take the (rate, epoch) pair with the smallest "
                           f"history.val_loss.")

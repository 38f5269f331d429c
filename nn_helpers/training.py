"""The training loop: epochs of mini-batches, each batch one step of an optimizer.

# n: training examples, d: input features, k: outputs, m: batch size (the last may be smaller).

One epoch = shuffle the examples once, cut them into batches of m rows, and for each batch:
forward, cost, backward (BP1-BP4, ``Network.cost_and_gradients``), then one optimizer step
(``nn_helpers.optimizers``: SGD, Adam, AdamW) at the learning rate the schedule gives for that
step. The loop owns the arrays every step writes into (``Buffers``), so a step allocates
nothing; validation after each epoch is one forward pass, whose outputs give both the cost
and the accuracy.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np

from .checks import as_inputs, as_targets, check_positive, warn_about_data
from .guards import (
    TrainingDiverged,
    TrainingInterrupted,
    blas_threads,
    diverged_error,
    finish_the_step_on_ctrl_c,
    interrupted_error,
)
from .network import classes
from .optimizers import SGD, Optimizer, make_optimizer, make_schedule

__all__ = ["SGD", "Buffers", "History", "Optimizer", "TrainingDiverged", "TrainingInterrupted",
           "accuracy", "run_epoch", "train"]


@dataclass
class History:
    """Per-epoch record of a training run.

    ``loss`` is the mean of the mini-batch costs seen during the epoch (the weights
    move while it is measured); ``val_loss`` and ``val_accuracy`` are measured on
    the validation set after the epoch (accuracy only for classifiers); ``lr`` is the
    learning rate of the epoch's last step.
    """

    loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    lr: list = field(default_factory=list)

    @property
    def epochs(self):
        return len(self.loss)


def train(net, X, Y, epochs=1, batch_size=32, lr=None, optimizer="sgd", momentum=None,
          weight_decay=None, val=None, seed=0, progress=True, callback=None,
          schedule=None, threads=None) -> History:
    """Train ``net`` in place with mini-batches and return its per-epoch History.

    X: (n, d) inputs, Y: (n, k) targets (one-hot rows for classes).  ``optimizer`` is "sgd"
    (lr 0.1 unless given), "adam" or "adamw" (lr 0.001), with ``lr``, ``momentum`` (SGD) and
    ``weight_decay`` given here; or an optimizer object such as ``Adam(lr=3e-4)`` with its
    settings (passing it to train again continues its state).  ``schedule``: None (constant),
    "cosine", or a Schedule such as ``Cosine(warmup=1)``.  ``val=(X_val, Y_val)`` adds a
    validation loss (and accuracy) per epoch.  The order of the examples in each epoch and
    the dropout masks come from ``seed``, so a run is reproducible.
    ``callback(epoch, history)`` is called after each epoch; it returns True to stop
    training or False/None to go on (anything else is an error).
    ``threads``: BLAS threads for the products (None: one, so a seeded run gives the same
    numbers on every machine; see ``guards.blas_threads``). More threads change the last bits.

    Whatever stops a run early (Ctrl-C, which first lets the current step finish; an error
    in the callback; divergence) the network is left consistent and ``net.history`` holds
    the finished epochs (so does the error's ``.history``).
    """
    given = X, None if val is None else val[0]
    X, Y = _check_data(net, X, Y, "X", "Y")
    if threads is not None:
        threads = check_positive("threads", threads, integer=True)
    epochs = check_positive("epochs", epochs, integer=True)
    batch_size = check_positive("batch_size", batch_size, integer=True)
    if batch_size > len(X):
        raise ValueError(f"batch_size={batch_size} is larger than the {len(X)} training "
                         f"examples; use batch_size <= {len(X)}.")
    optimizer = make_optimizer(optimizer, lr, momentum, weight_decay)
    schedule = make_schedule(schedule)
    if val is not None:
        val = _check_data(net, *val, "val[0] (X_val)", "val[1] (Y_val)")
    per_epoch = -(-len(X) // batch_size)
    factors = schedule.factors(epochs * per_epoch, per_epoch)
    optimizer.check_decay(optimizer.lr * max(factors or [1.0]))
    optimizer.bind(net)          # after every check: a refused call changes nothing
    warn_about_data(given[0], X, Y, net.output)
    if val is not None:
        warn_about_data(given[1], *val, net.output, "val[0] (X_val)", "val[1] (Y_val)")

    rng = np.random.default_rng(seed)     # the shuffles
    dropout_rng = rng.spawn(1)[0] if net.has_dropout else None   # masks: their own stream
    history = net.history = History()     # kept on the network, even if training stops
    bar = _progress_bar(epochs) if progress else None
    # A diverging run overflows before its cost turns inf; the cost check below reports it
    # with a clear message, so NumPy's overflow warnings would only add noise.
    with np.errstate(over="ignore", invalid="ignore"), \
            blas_threads(threads), finish_the_step_on_ctrl_c() as ctrl_c:
        buffers = Buffers(net, batch_size)
        try:
            for epoch in range(epochs):
                start = time.perf_counter()
                try:
                    loss = run_epoch(net, X, Y, batch_size, optimizer, rng, buffers,
                                     factors and factors[epoch * per_epoch:
                                                         (epoch + 1) * per_epoch],
                                     dropout_rng, ctrl_c)
                except TrainingDiverged as error:
                    raise diverged_error(epoch, error.batch, error.cost, optimizer, net, X,
                                         history) from None
                except TrainingInterrupted as error:
                    raise interrupted_error(epoch, error.batch, per_epoch, history) from None
                if not _finite_parameters(net):   # the epoch's last step, which no cost saw
                    raise diverged_error(epoch, per_epoch - 1, None, optimizer, net, X,
                                         history)
                history.loss.append(loss)
                history.lr.append(optimizer.lr * (factors[(epoch + 1) * per_epoch - 1]
                                                  if factors else 1.0))
                history.seconds.append(time.perf_counter() - start)
                if val is not None:
                    _record_validation(net, *val, history)
                if bar is not None:
                    _show_progress(bar, history)
                if callback is not None and _wants_to_stop(callback, epoch, history):
                    break
        finally:
            if bar is not None:
                bar.close()
    return history


def _wants_to_stop(callback, epoch, history):
    """The callback's answer: True stops, False or None goes on. An error inside it keeps
    the finished epochs on the error (``.history``) and on the network."""
    try:
        answer = callback(epoch, history)
    except Exception as error:
        error.history = history
        if hasattr(error, "add_note"):   # Python 3.11+
            error.add_note(f"(raised by train's callback after epoch {epoch + 1}; the "
                           f"{history.epochs} finished epoch(s) are in net.history)")
        raise
    if answer is None or isinstance(answer, (bool, np.bool_)):
        return bool(answer)
    raise TypeError(f"callback must return True (stop training) or False/None (go on); "
                    f"after epoch {epoch + 1} it returned {answer!r}. The "
                    f"{history.epochs} finished epoch(s) are in net.history.")


def run_epoch(net, X, Y, batch_size, optimizer, rng, buffers=None, factors=None,
              dropout_rng=None, ctrl_c=None) -> float:
    """One epoch on checked arrays X (n, d), Y (n, k): shuffle with ``rng``, then one
    optimizer step per batch, at ``optimizer.lr`` times ``factors[i]`` for batch i (the
    schedule; None: 1). ``dropout_rng`` switches dropout on. Returns the mean of the batch
    costs; raises TrainingDiverged (with ``.batch`` and ``.cost``) when one is not finite,
    before that batch's step, and TrainingInterrupted (with ``.batch``) after the step in
    which ``ctrl_c.pressed`` became true. ``train`` and the playground both run here."""
    buffers = buffers or Buffers(net, batch_size)
    order = rng.permutation(len(X))   # this epoch's shuffle
    total = 0.0
    for batch, first in enumerate(range(0, len(X), batch_size)):
        rows = order[first:first + batch_size]
        b = buffers.rows(len(rows))       # the last batch may be smaller
        xb = X.take(rows, axis=0, out=b.X, mode="clip")   # gather the batch into
        yb = Y.take(rows, axis=0, out=b.Y, mode="clip")   # reused arrays, no copy of X
        cost, grads = net.cost_and_gradients(xb, yb, dropout_rng, b, checked=True)
        if not math.isfinite(cost):
            error = TrainingDiverged(f"the cost became {cost} in batch {batch + 1}", None)
            error.batch, error.cost = batch, cost
            raise error
        optimizer.step(net, grads, None if factors is None else optimizer.lr * factors[batch])
        total += cost * len(rows)
        if ctrl_c is not None and ctrl_c.pressed:
            error = TrainingInterrupted("Ctrl-C", None)
            error.batch = batch
            raise error
    return total / len(X)


def _finite_parameters(net):
    return all(np.isfinite(W).all() and np.isfinite(b).all() for W, b in net.parameters)


class Buffers:
    """Arrays the training loop reuses on every step, allocated once per ``train`` call.

    Allocating a fresh dW (784 x 100 floats: 0.3-0.6 MB) every step costs page faults
    and cache misses; writing into the same arrays with ``out=`` avoids both. ``rows(m)``
    gives views of the first m rows, for the last, smaller batch of an epoch. The network
    reads ``Z``, ``A`` (forward) and ``layer(i)`` (backward) from it.
    """

    def __init__(self, net, batch_size):
        m, dtype = batch_size, net.dtype
        self.X = np.empty((m, net.sizes[0]), dtype)                   # the batch's inputs
        self.Y = np.empty((m, net.sizes[-1]), dtype)                  # and targets
        self.Z = [np.empty((m, n), dtype) for n in net.sizes[1:]]     # Z[i]: layer i+1
        self.A = [self.X] + [np.empty_like(Z) for Z in self.Z]        # A[0] = X
        self.back = [np.empty_like(Z) for Z in self.Z]                # delta @ W.T (BP2)
        self.scratch = [np.empty_like(Z) for Z in self.Z]             # f'(Z)
        self.grads = [(np.empty_like(W), np.empty_like(b))
                      for W, b in zip(net.weights, net.biases)]
        self._views = {m: self}

    def rows(self, m) -> Buffers:
        """The same buffers cut to batches of m rows (views, no copies)."""
        if m not in self._views:
            view = object.__new__(Buffers)
            view.X, view.Y = self.X[:m], self.Y[:m]
            view.Z = [Z[:m] for Z in self.Z]
            view.A = [view.X] + [A[:m] for A in self.A[1:]]
            view.back = [B[:m] for B in self.back]
            view.scratch = [S[:m] for S in self.scratch]
            view.grads = self.grads
            view._views = self._views
            self._views[m] = view
        return self._views[m]

    def layer(self, i):
        """(dW, db, room for delta @ W.T, room for f'(Z)) of weights[i], for backprop.
        The last two belong to the layer below (index i - 1), where BP2 produces them."""
        dW, db = self.grads[i]
        if i == 0:
            return dW, db, None, None
        return dW, db, self.back[i - 1], self.scratch[i - 1]


def accuracy(net, X, Y) -> float:
    """Fraction of examples whose predicted class matches Y (one-hot rows or labels)."""
    return float(np.mean(net.classify(X) == _labels(Y)))


def _labels(Y):
    Y = np.asarray(Y)
    return Y.argmax(axis=1) if Y.ndim == 2 and Y.shape[1] > 1 else Y.reshape(-1)


def is_classifier(net) -> bool:
    return net.output.name in ("softmax", "sigmoid") and net.loss.name != "mse"


def _check_data(net, X, Y, x_name, y_name):
    X = as_inputs(X, net.sizes[0], net.dtype, name=x_name)
    Y = as_targets(Y, len(X), net.sizes[-1], net.dtype, loss=net.loss.name,
                   output=net.output.name, name=y_name)
    return X, Y


def _record_validation(net, X_val, Y_val, history):
    """Cost and accuracy on the validation set, both from one forward pass."""
    cache = net.forward(X_val, checked=True)
    A = cache.A[-1]
    history.val_loss.append(net.loss.cost(A, Y_val, cache.Z[-1]))
    if is_classifier(net):
        history.val_accuracy.append(float(np.mean(classes(A) == _labels(Y_val))))


def _progress_bar(epochs):
    from tqdm.auto import tqdm  # imported here so `import nn_helpers` stays light

    return tqdm(total=epochs, desc="epochs", unit="epoch")


def _show_progress(bar, history):
    info = {"loss": f"{history.loss[-1]:.4f}"}
    if history.val_accuracy:
        info["val_acc"] = f"{history.val_accuracy[-1]:.4f}"
    bar.set_postfix(info, refresh=False)
    bar.update()

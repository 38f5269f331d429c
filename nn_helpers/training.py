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

import contextlib
import math
import time
from dataclasses import dataclass, field

import numpy as np

from .checks import as_inputs, as_targets, check_positive
from .network import classes
from .optimizers import SGD, Optimizer, make_optimizer, make_schedule

__all__ = ["SGD", "Buffers", "History", "Optimizer", "TrainingDiverged", "accuracy",
           "run_epoch", "train"]


class TrainingDiverged(FloatingPointError):
    """The cost became NaN or inf. ``history`` holds the epochs finished before it."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


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
    ``callback(epoch, history)`` is called after each epoch; return True to stop early.
    ``threads``: BLAS threads for the products (None: one for the small products of these
    networks, see ``_blas_threads``). The result depends on it, in the last bits.
    """
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
    optimizer.bind(net)

    rng = np.random.default_rng(seed)     # the shuffles
    dropout_rng = rng.spawn(1)[0] if net.has_dropout else None   # masks: their own stream
    per_epoch = -(-len(X) // batch_size)
    factors = _schedule_factors(schedule, epochs * per_epoch, per_epoch)
    history = History()
    bar = _progress_bar(epochs) if progress else None
    # A diverging run overflows before its cost turns inf; the cost check below reports it
    # with a clear message, so NumPy's overflow warnings would only add noise.
    with np.errstate(over="ignore", invalid="ignore"), _blas_threads(net, batch_size, threads):
        buffers = Buffers(net, batch_size)
        for epoch in range(epochs):
            start = time.perf_counter()
            try:
                loss = run_epoch(net, X, Y, batch_size, optimizer, rng, buffers,
                                 factors and factors[epoch * per_epoch:], dropout_rng)
            except TrainingDiverged as error:
                raise _diverged(epoch, error.batch, error.cost, optimizer, net, X,
                                history) from None
            history.loss.append(loss)
            history.lr.append(optimizer.lr * (factors[(epoch + 1) * per_epoch - 1]
                                              if factors else 1.0))
            history.seconds.append(time.perf_counter() - start)
            if val is not None:
                _record_validation(net, *val, history)
            if bar is not None:
                _show_progress(bar, history)
            if callback is not None and callback(epoch, history):
                break
    if bar is not None:
        bar.close()
    return history


def run_epoch(net, X, Y, batch_size, optimizer, rng, buffers=None, factors=None,
              dropout_rng=None) -> float:
    """One epoch on checked arrays X (n, d), Y (n, k): shuffle with ``rng``, then one
    optimizer step per batch, at ``optimizer.lr`` times ``factors[i]`` for batch i (the
    schedule; None: 1). ``dropout_rng`` switches dropout on. Returns the mean of the batch
    costs; raises TrainingDiverged (with ``.batch`` and ``.cost``) when one is not finite,
    before that batch's step. ``train`` and the playground both run their epochs here."""
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
    return total / len(X)


def _schedule_factors(schedule, total, per_epoch):
    """The schedule's factor for every step of the run, computed once (None: all 1)."""
    factors = [schedule.factor(t, total, per_epoch) for t in range(total)]
    return None if all(f == 1.0 for f in factors) else factors


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


# Inputs larger than this in absolute value are named in the message: pixels left at 0-255 or
# raw measurements, rather than values scaled to about [0, 1] or standardised.
LARGE_INPUT = 10.0


def _diverged(epoch, batch, cost, optimizer, net, X, history):
    """The TrainingDiverged error, with what to try. Every number in it is measured here;
    the advice says what to try and why, and promises nothing the package has not checked."""
    lr = optimizer.lr
    parts = [
        f"Training stopped: the cost became {cost} in epoch {epoch + 1}, batch {batch + 1}, "
        f"with lr={lr:g}.",
        f"Suspect first a learning rate too large for this network and data: each step "
        f"overshoots and lands where the gradient is larger still. Divide it by 10 "
        f"(lr={lr / 10:g}) and train a fresh network; if it diverges again, or the cost does "
        f"not fall, divide by 10 again, and repeat. One division is not always enough.",
    ]
    largest_input = float(np.max(np.abs(X)))
    if largest_input > LARGE_INPUT:
        parts.append(
            f"The inputs reach {largest_input:g} in absolute value: large inputs make large "
            f"gradients at any learning rate, so scale them first (pixels to [0, 1], or each "
            f"feature standardised with the training set's mean and standard deviation).")
    # The decay term alone moves W by -lr * weight_decay * W per step; SGD with momentum m
    # on that term grows without bound once lr * weight_decay > 2 * (1 + m).
    momentum = getattr(optimizer, "momentum", 0.0)
    decay_limit = 2 * (1 + momentum)
    if isinstance(optimizer, SGD) and lr * optimizer.weight_decay > decay_limit:
        parts.append(
            f"lr * weight_decay = {lr * optimizer.weight_decay:g} is above {decay_limit:g} "
            f"(2 * (1 + momentum)): at that size the weight-decay term alone makes the weights "
            f"grow without bound, so lower lr or weight_decay.")
    largest_weight = max(float(np.max(np.abs(W))) for W in net.weights)
    parts.append(
        f"The network keeps the parameters it had when the cost was measured (largest "
        f"|weight| {largest_weight:.3g}), so start again from a fresh network. This error's "
        f".history holds the {history.epochs} epoch(s) finished before it.")
    return TrainingDiverged(" ".join(parts), history)


def _progress_bar(epochs):
    from tqdm.auto import tqdm  # imported here so `import nn_helpers` stays light

    return tqdm(total=epochs, desc="epochs", unit="epoch")


def _show_progress(bar, history):
    info = {"loss": f"{history.loss[-1]:.4f}"}
    if history.val_accuracy:
        info["val_acc"] = f"{history.val_accuracy[-1]:.4f}"
    bar.set_postfix(info, refresh=False)
    bar.update()


# ---------------------------------------------------------------- BLAS threads
# Matrix products of this size (784 x 100 weights, batches of tens to hundreds of rows)
# take well under a millisecond. Splitting them across BLAS threads gains little and,
# when the other cores are busy (a shared Binder or lab machine), each product waits for
# a descheduled thread: we measured epochs 3-15x slower with two threads than with one
# on a busy 2-core machine (benchmarks/README.md). So training products below this many
# multiply-adds per step run on one thread; the previous setting is restored afterwards.
# Idle cores do help large batches on a quiet machine, but the thread count changes how
# OpenBLAS splits a product, and with it the last bits of the result: we measured other
# weights after 20 steps with 2 threads than with 1. A seeded run must give the same
# numbers on a busy machine and a quiet one, so using more threads is the caller's choice
# (``threads=2``), never a guess from the machine's load.
SINGLE_THREAD_BELOW = 2**26   # batch_size * n_in * n_out of the largest layer


def _blas_threads(net, batch_size, threads=None):
    """A context manager: ``threads`` BLAS threads, or one when every product is small."""
    from threadpoolctl import threadpool_limits  # imported here: only training needs it

    if threads is not None:
        return threadpool_limits(limits=threads, user_api="blas")
    largest = max(n_in * n_out for n_in, n_out in zip(net.sizes[:-1], net.sizes[1:]))
    if batch_size * largest < SINGLE_THREAD_BELOW:
        return threadpool_limits(limits=1, user_api="blas")
    return contextlib.nullcontext()

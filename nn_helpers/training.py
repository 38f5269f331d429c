"""Mini-batch stochastic gradient descent: the training loop.

# n: training examples, d: input features, k: outputs, m: batch size (the last may be smaller).

One epoch = shuffle the examples once, cut them into batches of m rows, and for
each batch: forward, backward (BP1-BP4), then move every parameter a small step
against its gradient:
    plain SGD      W <- W - lr * (dW + weight_decay * W)
    with momentum  v <- momentum * v - lr * (dW + weight_decay * W);   W <- W + v
Weight decay (L2) applies to weights only, not to biases.
"""

from __future__ import annotations

import contextlib
import math
import time
from dataclasses import dataclass, field

import numpy as np

from .checks import as_inputs, as_targets, check_fraction, check_positive
from .network import Workspace

OPTIMIZERS = ("sgd",)


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
    the validation set after the epoch (accuracy only for classifiers).
    """

    loss: list = field(default_factory=list)
    val_loss: list = field(default_factory=list)
    val_accuracy: list = field(default_factory=list)
    seconds: list = field(default_factory=list)

    @property
    def epochs(self):
        return len(self.loss)


class SGD:
    """Stochastic gradient descent with optional momentum and L2 weight decay."""

    def __init__(self, net, lr, momentum=0.0, weight_decay=0.0):
        self.lr = check_positive("lr", lr)
        self.momentum = check_fraction("momentum", momentum)
        self.weight_decay = check_fraction("weight_decay", weight_decay, upper_open=False)
        self.velocity = [(np.zeros_like(W), np.zeros_like(b)) for W, b in net.parameters]
        # room for lr * (dW + weight_decay * W), reused every step (used only with weight decay)
        self._room = [(np.empty_like(W), np.empty_like(b)) for W, b in net.parameters]

    def step(self, net, grads):
        """Update the network's parameters in place from [(dW, db), ...].

        The gradient arrays serve as scratch space: without weight decay the step is
        written over them, so pass copies if you still need the gradients. (A separate
        buffer as large as the weights would push the weights out of the CPU cache on
        every step; we measured the epoch about 5% slower with one.)"""
        for (W, b), (dW, db), (vW, vb), (sW, sb) in zip(net.parameters, grads, self.velocity,
                                                        self._room):
            self._update(W, dW, vW, sW, self.weight_decay)   # weight decay: weights only
            self._update(b, db, vb, sb, 0.0)

    def _update(self, P, dP, v, room, decay):
        """P <- P - lr (dP + decay P), or through the velocity v with momentum."""
        if decay:
            step = np.multiply(P, decay, out=room)
            step += dP
            step *= self.lr                              # lr * (dP + decay * P)
        else:
            step = np.multiply(dP, self.lr, out=dP)      # lr * dP, in the gradient's place
        if self.momentum:
            v *= self.momentum
            v -= step                            # v <- momentum v - lr (dP + decay P)
            P += v
        else:
            P -= step


def train(net, X, Y, epochs=1, batch_size=32, lr=0.1, optimizer="sgd", momentum=0.0,
          weight_decay=0.0, val=None, seed=0, progress=True, callback=None) -> History:
    """Train ``net`` in place with mini-batch SGD and return its per-epoch History.

    X: (n, d) inputs, Y: (n, k) targets (one-hot rows for classes).  ``val=(X_val, Y_val)``
    adds a validation loss (and accuracy) per epoch.  The order of the examples in each
    epoch comes from ``np.random.default_rng(seed)``, so a run is reproducible.
    ``callback(epoch, history)`` is called after each epoch; return True to stop early.
    """
    X, Y = _check_data(net, X, Y, "X", "Y")
    epochs = check_positive("epochs", epochs, integer=True)
    batch_size = check_positive("batch_size", batch_size, integer=True)
    if batch_size > len(X):
        raise ValueError(f"batch_size={batch_size} is larger than the {len(X)} training "
                         f"examples; use batch_size <= {len(X)}.")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer={optimizer!r} is not known; choose one of {list(OPTIMIZERS)}.")
    sgd = SGD(net, lr, momentum, weight_decay)
    if val is not None:
        val = _check_data(net, *val, "val[0] (X_val)", "val[1] (Y_val)")

    rng = np.random.default_rng(seed)
    history = History()
    bar = _progress_bar(epochs) if progress else None
    # A diverging run overflows before its cost turns inf; the cost check below reports it
    # with a clear message, so NumPy's overflow warnings would only add noise.
    with np.errstate(over="ignore", invalid="ignore"), _few_blas_threads(net, batch_size):
        _run_epochs(net, X, Y, epochs, batch_size, sgd, val, rng, history, bar, callback)
    if bar is not None:
        bar.close()
    return history


def _run_epochs(net, X, Y, epochs, batch_size, sgd, val, rng, history, bar, callback):
    work = Workspace(net, batch_size)
    for epoch in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(len(X))   # this epoch's shuffle
        total = 0.0
        for first in range(0, len(X), batch_size):
            rows = order[first:first + batch_size]
            w = work.rows(len(rows))      # the last batch may be smaller
            xb = np.take(X, rows, axis=0, out=w.X, mode="clip")  # gather the batch into
            yb = np.take(Y, rows, axis=0, out=w.Y, mode="clip")  # reused arrays, no copy of X
            cache = net._forward(xb, w)
            cost = net._cost(cache, yb)
            if not math.isfinite(cost):
                raise _diverged(epoch, first // batch_size, cost, sgd, net, X, history)
            sgd.step(net, net._backward(cache, yb, w))
            total += cost * len(rows)
        history.loss.append(total / len(X))
        history.seconds.append(time.perf_counter() - start)
        if val is not None:
            _record_validation(net, *val, history)
        if bar is not None:
            _show_progress(bar, history)
        if callback is not None and callback(epoch, history):
            break


def accuracy(net, X, Y) -> float:
    """Fraction of examples whose predicted class matches Y (one-hot rows or labels)."""
    Y = np.asarray(Y)
    labels = Y.argmax(axis=1) if Y.ndim == 2 and Y.shape[1] > 1 else Y.reshape(-1)
    return float(np.mean(net.classify(X) == labels))


def is_classifier(net) -> bool:
    return net.output.name in ("softmax", "sigmoid") and net.loss.name != "mse"


def _check_data(net, X, Y, x_name, y_name):
    X = as_inputs(X, net.sizes[0], net.dtype, name=x_name)
    Y = as_targets(Y, len(X), net.sizes[-1], net.dtype, loss=net.loss.name,
                   output=net.output.name, name=y_name)
    return X, Y


def _record_validation(net, X_val, Y_val, history):
    cache = net._forward(X_val)
    history.val_loss.append(net._cost(cache, Y_val))
    if is_classifier(net):
        history.val_accuracy.append(accuracy(net, X_val, Y_val))


# Inputs larger than this in absolute value are named in the message: pixels left at 0-255 or
# raw measurements, rather than values scaled to about [0, 1] or standardised.
LARGE_INPUT = 10.0


def _diverged(epoch, batch, cost, sgd, net, X, history):
    """The TrainingDiverged error, with what to try. Every number in it is measured here;
    the advice says what to try and why, and promises nothing the package has not checked."""
    lr = sgd.lr
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
    decay_limit = 2 * (1 + sgd.momentum)
    if lr * sgd.weight_decay > decay_limit:
        parts.append(
            f"lr * weight_decay = {lr * sgd.weight_decay:g} is above {decay_limit:g} "
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
SINGLE_THREAD_BELOW = 2**26   # batch_size * n_in * n_out of the largest layer


def _few_blas_threads(net, batch_size):
    """A context manager: one BLAS thread when every product per step is small."""
    from threadpoolctl import threadpool_limits  # imported here: only training needs it

    largest = max(n_in * n_out for n_in, n_out in zip(net.sizes[:-1], net.sizes[1:]))
    if batch_size * largest < SINGLE_THREAD_BELOW:
        return threadpool_limits(limits=1, user_api="blas")
    return contextlib.nullcontext()

"""The training loop's guards: a clear stop when the cost diverges or the reader presses
Ctrl-C, and one BLAS thread for the small products of these networks.

# n: training examples, d: input features.  X: (n, d).

Whatever stops training, the network is left consistent (every parameter from the same,
completed step) and the epochs finished so far are kept: in the exception's ``.history``
and in ``net.history``.
"""

from __future__ import annotations

import contextlib
import signal
import threading

import numpy as np

from .checks import LARGE_INPUT


class TrainingDiverged(FloatingPointError):
    """The cost became NaN or inf. ``history`` holds the epochs finished before it."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C (or the notebook's stop button) during ``train``: raised after the step in
    progress has finished. ``history`` holds the epochs finished before it."""

    def __init__(self, message, history):
        super().__init__(message)
        self.history = history


# ------------------------------------------------------------------------- Ctrl-C
class _CtrlC:
    """Set by the first Ctrl-C; the loop looks at ``pressed`` after every step."""

    pressed = False


@contextlib.contextmanager
def finish_the_step_on_ctrl_c():
    """While training: the first Ctrl-C lets the current step finish (an update stopped
    half way would leave some layers a step ahead of the others), the second stops at once.
    Signals reach only the main thread, so elsewhere nothing changes; nor where Ctrl-C is
    ignored (a background job), which must stay so."""
    ctrl_c = _CtrlC()
    previous = signal.getsignal(signal.SIGINT)
    if (threading.current_thread() is not threading.main_thread()
            or previous in (None, signal.SIG_IGN)):
        yield ctrl_c
        return

    def on_ctrl_c(signum, frame):
        if ctrl_c.pressed:
            raise KeyboardInterrupt
        ctrl_c.pressed = True

    signal.signal(signal.SIGINT, on_ctrl_c)
    try:
        yield ctrl_c
    finally:
        signal.signal(signal.SIGINT, previous)


def interrupted_error(epoch, batch, per_epoch, history):
    return TrainingInterrupted(
        f"Training interrupted in epoch {epoch + 1}, after batch {batch + 1} of {per_epoch}. "
        f"The network keeps the weights of that last finished step, and the "
        f"{history.epochs} finished epoch(s) are in net.history (and this error's .history).",
        history)


# --------------------------------------------------------------------- divergence
def diverged_error(epoch, batch, cost, optimizer, net, X, history):
    """The TrainingDiverged error, with what to try. Every number in it is measured here;
    the advice says what to try and why, and promises nothing the package has not checked."""
    lr = optimizer.lr
    what = (f"the cost became {cost}" if cost is not None else
            "the parameters became inf or NaN in the last step")
    parts = [
        f"Training stopped: {what} in epoch {epoch + 1}, batch {batch + 1}, with lr={lr:g}.",
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
    largest_weight = max(float(np.max(np.abs(W))) for W in net.weights)
    parts.append(
        f"The network keeps the parameters it had when the cost was measured (largest "
        f"|weight| {largest_weight:.3g}), so start again from a fresh network. This error's "
        f".history holds the {history.epochs} epoch(s) finished before it.")
    return TrainingDiverged(" ".join(parts), history)


# ---------------------------------------------------------------- BLAS threads
# Matrix products of these networks' size (784 x 100 weights, batches of tens to hundreds
# of rows) take well under a millisecond. Splitting them across BLAS threads gains little
# and, when the other cores are busy (a shared Binder or lab machine), each product waits
# for a descheduled thread: we measured epochs 3-15x slower with two threads than with one
# on a busy 2-core machine (benchmarks/README.md), and a 784 x 1024 layer 5-10x slower.
# The thread count also changes how OpenBLAS splits a product, and with it the last bits
# of the result (other weights after 20 steps with 2 threads than with 1). A seeded run
# must give the same numbers on every machine, busy or quiet, so training runs on one BLAS
# thread unless the caller asks for more (``threads=2``); the previous setting is restored
# afterwards.


def blas_threads(threads=None):
    """A context manager: ``threads`` BLAS threads (default 1) for the training products."""
    from threadpoolctl import threadpool_limits  # imported here: only training needs it

    return threadpool_limits(limits=1 if threads is None else threads, user_api="blas")

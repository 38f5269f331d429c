"""Checks for notebook 08 (better training: cross-entropy, momentum, weight decay, validation).

# n: batch size, k: classes; A, Y: (n, k).  W, dW, v: (p, h) one layer's weights, gradient,
# velocity.

Each check draws its own inputs with unequal sizes (n != k, p != h), so shape slips show,
and names the usual mistakes: a missing 1/n, a flipped sign, the sigma'(z) factor that
cross-entropy removes, weight decay forgotten or put on the wrong side, an off-by-one epoch.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import softmax
from .ch04 import call_reader, diagnose
from .feedback import Feedback

__all__ = ["check_softmax_output_error", "check_velocity_update", "check_best_epoch", "softmax"]


# ------------------------------------------------ 1. BP1 for softmax + cross-entropy
def check_softmax_output_error(output_error) -> Feedback:
    """Check output_error(A, Y) -> delta[L] = (A - Y)/n for softmax outputs with cross-entropy."""
    name = "output_error"
    rng = np.random.default_rng(8)
    for n, k in ((6, 4), (3, 10)):
        A = softmax(rng.standard_normal((n, k)))
        Y = np.eye(k)[rng.integers(0, k, n)]
        got, problem = call_reader(output_error, name, A, Y)
        if problem is not None:
            return problem
        expected = (A - Y) / n
        verdict = diagnose(got, expected, f"`{name}` (batch of n = {n})", [
            (A - Y, f"it is n = {n} times too big: the cost is the mean over the batch, so "
                    f"the output error carries a 1/n."),
            (-expected, "the sign is flipped: the error is (A - Y)/n, output minus target."),
            (expected * A * (1 - A), "you multiplied by a sigma'-like factor A(1 - A). With "
                                     "softmax and cross-entropy that factor cancels: the "
                                     "error is simply (A - Y)/n."),
            (-Y / A / n, "that is dC/dA, the start of BP1; the output error is dC/dZ, which "
                         "for softmax + cross-entropy simplifies to (A - Y)/n."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` gives (A - Y)/n: no sigma'(z) factor to slow learning.")


# ------------------------------------------------ 2. momentum with weight decay
def velocity_reference(v, dW, W, lr, momentum, weight_decay):
    """v' = momentum * v - lr * (dW + weight_decay * W)."""
    return momentum * v - lr * (dW + weight_decay * W)


def check_velocity_update(velocity_update) -> Feedback:
    """Check velocity_update(v, dW, W, lr, momentum, weight_decay) -> the new velocity v'."""
    name = "velocity_update"
    rng = np.random.default_rng(9)
    p, h = 5, 3
    v, dW, W = (rng.standard_normal((p, h)) for _ in range(3))
    lr, momentum, weight_decay = 0.1, 0.9, 0.01
    got, problem = call_reader(velocity_update, name, v, dW, W, lr, momentum, weight_decay)
    if problem is not None:
        return problem
    expected = velocity_reference(v, dW, W, lr, momentum, weight_decay)
    verdict = diagnose(got, expected, f"`{name}`", [
        (momentum * v - lr * dW, "weight decay is missing: the L2 penalty adds "
                                 "weight_decay * W to the gradient dW."),
        (momentum * v - lr * dW + lr * weight_decay * W,
         "weight decay has the wrong sign: it must pull W towards 0, so it is added to dW "
         "(and then subtracted with the rest of the step)."),
        (momentum * v + lr * (dW + weight_decay * W),
         "the step points uphill: the velocity moves against the gradient, -lr * (...)."),
        (v - lr * (dW + weight_decay * W), "the old velocity is not damped: multiply v by "
                                           "momentum (0.9 here) before adding the new step."),
        (momentum * (v - lr * (dW + weight_decay * W)),
         "momentum multiplies only the old velocity v, not the new gradient step."),
        (-lr * (dW + weight_decay * W), "the old velocity v is missing: momentum remembers "
                                        "the previous steps through momentum * v."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` gives v' = momentum * v - lr * (dW + weight_decay * W).")


# ------------------------------------------------ 3. choosing the epoch on validation data
def check_best_epoch(best_epoch) -> Feedback:
    """Check best_epoch(val_accuracy) -> the epoch number (counted from 1) with the highest
    validation accuracy (the first one on a tie)."""
    name = "best_epoch"
    cases = [[0.91, 0.95, 0.97, 0.96, 0.965], [0.80, 0.85, 0.85, 0.84], [0.99, 0.98, 0.97]]
    training_like = [0.5, 0.6, 0.7, 0.8, 0.9]   # rising to the end, like a training curve
    for val_accuracy in cases + [training_like]:
        got, problem = call_reader(best_epoch, name, list(val_accuracy))
        if problem is not None:
            return problem
        expected = int(np.argmax(val_accuracy)) + 1
        if isinstance(got, bool) or not isinstance(got, numbers.Real):
            return Feedback(False, f"`{name}` should return one whole number (an epoch); got "
                                   f"{got!r}.")
        if float(got) != int(got):
            return Feedback(False, f"`{name}` returned {got!r}, which looks like an accuracy: "
                                   f"return the epoch instead (for {val_accuracy} it is "
                                   f"epoch {expected}).")
        got = int(got)
        if got == expected:
            continue
        if got == expected - 1:
            return Feedback(False, f"for {val_accuracy} you returned {got}, the position in "
                                   f"the list counted from 0; epochs are counted from 1: "
                                   f"add 1 to the index.")
        if got == len(val_accuracy):
            return Feedback(False, f"for {val_accuracy} you returned the last epoch; pick the "
                                   f"epoch where the validation accuracy is highest.")
        return Feedback(False, f"for {val_accuracy} you returned {got}; the highest validation "
                               f"accuracy is at epoch {expected}.")
    return Feedback(True, f"`{name}` picks the epoch with the highest validation accuracy.")

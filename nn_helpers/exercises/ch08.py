"""Checks for notebook 08 (better training: cross-entropy, momentum, Adam, weight decay,
validation).

# n: batch size, k: classes; A, Y: (n, k).  W, dW, v: (p, h) one layer's weights, gradient,
# velocity.  P, g, m, s: (p, h) a parameter array, its gradient and Adam's two averages.

Each check draws its own inputs with unequal sizes (n != k, p != h), so shape slips show,
and names the usual mistakes: a missing 1/n, a flipped sign, the sigma'(z) factor that
cross-entropy removes, weight decay forgotten or put on the wrong side, Adam's bias
correction left out or counted from t = 0, an off-by-one epoch.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import softmax
from .ch04 import call_reader, diagnose, matches
from .feedback import Feedback, compare_arrays

__all__ = ["check_softmax_output_error", "check_velocity_update", "check_adam_step",
           "check_first_step_size", "check_best_epoch", "softmax"]


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


# ------------------------------------------------ 3. one Adam step, with bias correction
def adam_reference(P, g, m, s, t, lr, beta1, beta2, eps):
    """One Adam step at step t (t = 1 for the first): (new P, new m, new s)."""
    m = beta1 * m + (1 - beta1) * g
    s = beta2 * s + (1 - beta2) * g**2
    m_hat, s_hat = m / (1 - beta1**t), s / (1 - beta2**t)
    return P - lr * m_hat / (np.sqrt(s_hat) + eps), m, s


def _adam_mistakes(P, g, m0, s0, t, lr, beta1, beta2, eps):
    """What the usual slips give for the new P, each with its explanation."""
    m = beta1 * m0 + (1 - beta1) * g
    s = beta2 * s0 + (1 - beta2) * g**2
    m_hat, s_hat = m / (1 - beta1**t), s / (1 - beta2**t)
    mistakes = [
        (P - lr * m / (np.sqrt(s) + eps),
         "the bias correction is missing: divide m by (1 - beta1**t) and s by (1 - beta2**t) "
         "before the step. Both averages start at 0, so early on they are too small."),
        (P - lr * m_hat / (np.sqrt(s) + eps),
         "only m is corrected: s starts at 0 too, so it needs s / (1 - beta2**t) as well."),
        (P - lr * m / (np.sqrt(s_hat) + eps),
         "only s is corrected: m starts at 0 too, so it needs m / (1 - beta1**t) as well."),
        (P + lr * m_hat / (np.sqrt(s_hat) + eps),
         "the step goes uphill: subtract lr * m_hat / (sqrt(s_hat) + eps) from P."),
        (P - lr * m_hat / (s_hat + eps),
         "the step divides by s_hat, the average of the SQUARED gradients; divide by its "
         "square root, sqrt(s_hat), which has the size of a gradient."),
        (P - lr * m_hat / np.sqrt(s_hat + eps),
         "eps sits inside the square root; the rule adds it after: sqrt(s_hat) + eps."),
    ]
    if t > 1:   # counting the steps from 0: 1 - beta**(t - 1)
        mistakes.append((P - lr * (m / (1 - beta1**(t - 1))) /
                         (np.sqrt(s / (1 - beta2**(t - 1))) + eps),
                         f"the correction uses beta**(t - 1): t counts the steps from 1, so "
                         f"at step t = {t} divide by 1 - beta**{t}."))
    swapped_m = beta1 * m0 + (1 - beta1) * g**2
    swapped_s = beta2 * s0 + (1 - beta2) * g
    with np.errstate(invalid="ignore"):
        mistakes.append((P - lr * (swapped_m / (1 - beta1**t)) /
                         (np.sqrt(swapped_s / (1 - beta2**t)) + eps),
                         "m and s are swapped: m averages the gradients g (with beta1), s "
                         "averages their squares g**2 (with beta2)."))
    no_factor_m, no_factor_s = beta1 * m0 + g, beta2 * s0 + g**2
    mistakes.append((P - lr * (no_factor_m / (1 - beta1**t)) /
                     (np.sqrt(no_factor_s / (1 - beta2**t)) + eps),
                     "the averages miss their (1 - beta) factors: m <- beta1 m + (1 - beta1) g "
                     "and s <- beta2 s + (1 - beta2) g**2."))
    return mistakes


def _nonfinite_reason(got, args):
    """Why an Adam step came out NaN or inf, judged from the m and s it returned."""
    P, g, m0, s0, t, lr, beta1, beta2, eps = args
    m, s = beta1 * m0 + (1 - beta1) * g, beta2 * s0 + (1 - beta2) * g**2
    if matches(got[1], beta1 * m0 + (1 - beta1) * g**2) or matches(got[2], beta2 * s0 +
                                                                   (1 - beta2) * g):
        return ("m and s are swapped, so the square root is taken of a negative average. m "
                "averages the gradients g (with beta1), s their squares g**2 (with beta2).")
    if matches(got[1], m) and matches(got[2], s) and t == 1:
        return ("your m and s are right, so look at the correction. At the first step t = 1 "
                "it divides by 1 - beta**1; using t - 1 (counting from 0) divides by "
                "1 - beta**0 = 0.")
    return "a division by zero (is 1 - beta**t zero?) or the square root of a negative number?"


def _adam_cases():
    rng = np.random.default_rng(80)
    p, h = 4, 3
    first = (rng.standard_normal((p, h)), 0.5 * rng.standard_normal((p, h)),
             np.zeros((p, h)), np.zeros((p, h)), 1, 0.01, 0.9, 0.999, 1e-8)
    later = (rng.standard_normal((p, h)), rng.standard_normal((p, h)),
             0.1 * rng.standard_normal((p, h)), 0.05 * rng.random((p, h)) + 0.01,
             4, 0.003, 0.8, 0.99, 1e-8)
    # small gradients and a large eps, so that where eps sits shows
    small = (rng.standard_normal((p, h)), 1e-3 * rng.standard_normal((p, h)),
             np.zeros((p, h)), np.zeros((p, h)), 2, 0.01, 0.9, 0.999, 1e-3)
    return [first, later, small]


def check_adam_step(adam_step) -> Feedback:
    """Check adam_step(P, g, m, s, t, lr, beta1, beta2, eps) -> (new P, new m, new s)."""
    name = "adam_step"
    for args in _adam_cases():
        P, g, m, s, t = args[:5]
        got, problem = call_reader(adam_step, name, *args)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            what = (f"one array of shape {np.shape(got)}" if isinstance(got, np.ndarray)
                    else f"{type(got).__name__}" + (f" of length {len(got)}"
                                                    if hasattr(got, "__len__") else ""))
            return Feedback(False, f"`{name}` should return three arrays, the new parameters "
                                   f"and the two new running averages (`return P, m, s`); "
                                   f"got {what}.")
        new_P, new_m, new_s = adam_reference(*args)
        at = f"at step t = {t}"
        if t == 1 and matches(got[0], P) and not matches(new_P, P):
            return Feedback(False, f"`{name}` returned P unchanged {at}: the step must be "
                                   f"subtracted from P (return the new array).")
        try:
            finite = np.all(np.isfinite(np.asarray(got[0], dtype=float)))
        except (TypeError, ValueError):
            finite = True   # compare_arrays names the type
        if not finite:
            return Feedback(False, f"the new P contains NaN or inf {at}: "
                                   + _nonfinite_reason(got, args))
        verdict = diagnose(got[0], new_P, f"the new P {at}", _adam_mistakes(*args))
        if not verdict:
            return verdict
        m_hat, s_hat = new_m / (1 - args[6]**t), new_s / (1 - args[7]**t)
        for label, value, expected, corrected in (("m", got[1], new_m, m_hat),
                                                  ("s", got[2], new_s, s_hat)):
            if matches(value, corrected) and not matches(corrected, expected):
                return Feedback(False, f"the new P is right, but you returned the corrected "
                                       f"{label}_hat as {label}. Keep the running average "
                                       f"{label} itself: the correction 1 - beta**t changes "
                                       f"with t, so it is applied afresh at every step.")
            verdict = compare_arrays(value, expected, f"the new {label} {at}")
            if not verdict:
                return verdict
    return Feedback(True, f"`{name}` matches Adam with bias correction at steps 1, 2 and 4.")


def check_adam_agrees_with_nn_helpers(adam_step, steps=5) -> Feedback:
    """Run ``adam_step`` for a few steps beside ``nn_helpers.Adam`` and compare the weights
    (used by the tests to tie the exercise's reference to the package)."""
    from ..network import Network
    from ..optimizers import Adam

    rng = np.random.default_rng(81)
    net = Network([3, 2], output="identity", loss="mse", init="xavier", seed=0)
    optimizer = Adam(lr=0.01)
    P = net.weights[0].copy()
    m, s = np.zeros_like(P), np.zeros_like(P)
    for t in range(1, steps + 1):
        g = rng.standard_normal(P.shape)
        optimizer.step(net, [(g.copy(), np.zeros(2))])
        P, m, s = adam_step(P, g, m, s, t, 0.01, 0.9, 0.999, 1e-8)
    return compare_arrays(P, net.weights[0], f"the weights after {steps} steps", rtol=1e-9)


# ------------------------------------------------ 4. derive: Adam's first step without correction
def first_step_reference(lr, beta1, beta2):
    """|first step| without bias correction: lr (1 - beta1) |g| / sqrt((1 - beta2) g^2)."""
    return lr * (1 - beta1) / np.sqrt(1 - beta2)


def check_first_step_size(first_step_size) -> Feedback:
    """Check first_step_size(lr, beta1, beta2) -> the size of Adam's first step for one
    weight when the bias correction is left out (eps negligible next to |g|)."""
    name = "first_step_size"
    cases = [(0.001, 0.9, 0.999), (0.01, 0.8, 0.99), (0.002, 0.5, 0.9)]
    for lr, beta1, beta2 in cases:
        got, problem = call_reader(first_step_size, name, lr, beta1, beta2)
        if problem is not None:
            return problem
        try:
            got = float(np.asarray(got, dtype=float).reshape(()))
        except (TypeError, ValueError):
            return Feedback(False, f"`{name}` should return one number (a step size), got "
                                   f"{type(got).__name__}.")
        expected = first_step_reference(lr, beta1, beta2)
        if np.isclose(got, expected, rtol=1e-6):
            continue
        where = f"for lr={lr}, beta1={beta1}, beta2={beta2} you returned {got:.6g}"
        known = [
            (lr, "that is the first step WITH the bias correction (m_hat = g, s_hat = g**2, "
                 "so the step is lr). Leave the correction out: m_1 = (1 - beta1) g and "
                 "s_1 = (1 - beta2) g**2."),
            (-expected, "that is minus the answer: the question asks for the size, |step|."),
            (lr * (1 - beta1) / (1 - beta2), "the square root is missing: the step divides "
                                             "by sqrt(s_1) = sqrt(1 - beta2) |g|."),
            (lr * (1 - beta1), "only m's shrinking is counted: s_1 = (1 - beta2) g**2 is too "
                               "small as well, and the step divides by its square root."),
            (lr / np.sqrt(1 - beta2), "only s's shrinking is counted: m_1 = (1 - beta1) g is "
                                      "too small as well."),
            (lr * np.sqrt(1 - beta2) / (1 - beta1), "the fraction is upside down: m_1 is on "
                                                    "top, sqrt(s_1) below."),
            (lr * (1 - beta1) * np.sqrt(1 - beta2), "sqrt(1 - beta2) comes from the "
                                                    "denominator sqrt(s_1): divide by it."),
        ]
        if (lr, beta1, beta2) != cases[0] and np.isclose(got, first_step_reference(*cases[0])):
            return Feedback(False, f"{where}, the value for lr=0.001, beta1=0.9, beta2=0.999. "
                                   f"Compute the size from the arguments lr, beta1 and beta2.")
        for wrong, explanation in known:
            if np.isclose(got, wrong, rtol=1e-6):
                return Feedback(False, f"{where}: {explanation}")
        return Feedback(False, f"{where}, but the first step without correction is "
                               f"{expected:.6g}. Write m_1 and s_1 from m_0 = s_0 = 0, then "
                               f"the step lr m_1 / sqrt(s_1): |g| cancels.")
    lr, beta1, beta2 = cases[0]
    ratio = first_step_reference(lr, beta1, beta2) / lr
    return Feedback(True, f"`{name}` gives lr (1 - beta1) / sqrt(1 - beta2), whatever g: with "
                          f"the defaults beta1 = {beta1}, beta2 = {beta2} that is {ratio:.2f} "
                          f"lr, a first step {ratio:.1f} times larger than the corrected one.")


# ------------------------------------------------ 5. choosing the epoch on validation data
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
        if (isinstance(got, bool) or not isinstance(got, numbers.Real)
                or not np.isfinite(got)):
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

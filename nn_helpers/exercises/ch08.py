"""Checks for notebook 08 (better training: cross-entropy, momentum, Adam, weight decay,
validation).

# n: batch size, k: classes; A, Y: (n, k).  W, dW, v: (p, h) one layer's weights, gradient,
# velocity.  P, g, m, s: (p, h) a parameter array, its gradient and Adam's two averages.

Each check draws its own inputs with unequal sizes (n != k, p != h), so shape slips show,
and names the usual mistakes: a missing 1/n, a flipped sign, the sigma'(z) factor that
cross-entropy removes, a label used as a number instead of a column, momentum's lr applied
twice or not at all (the PyTorch form v = mu v + g is recognised as correct), Adam's bias
correction left out or counted from t = 0, a setting chosen with the test set.
The momentum and Adam checks run the reader's step beside nn_helpers' own optimizer.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import softmax
from .ch04 import call_reader, diagnose, matches
from .feedback import Feedback, compare_arrays

__all__ = ["check_softmax_output_error", "check_momentum_step", "check_adam_step",
           "check_first_step_size", "check_choose_setting", "softmax"]


# ------------------------------------------------ 1. BP1 for softmax + cross-entropy, from labels
def output_error_reference(A, labels):
    """delta[L] = (A - Y)/n with Y the one-hot form of the integer labels."""
    n = A.shape[0]
    delta = A.copy()
    delta[np.arange(n), labels] -= 1.0
    return delta / n


def check_softmax_output_error(output_error) -> Feedback:
    """Check output_error(A, labels) -> delta[L] = (A - Y)/n for softmax outputs A (n, k) and
    integer labels (n,), Y being the one-hot targets the labels stand for."""
    name = "output_error"
    rng = np.random.default_rng(8)
    for n, k in ((6, 4), (3, 10)):
        A = softmax(rng.standard_normal((n, k)))
        labels = rng.integers(0, k, n)
        labels[0] = k - 1                       # a label in the last column, as 1-based slips show
        got, problem = call_reader(output_error, name, A, labels)
        if problem is not None:
            if "out of bounds" in problem.message or "index" in problem.message.lower():
                return Feedback(False, problem.message + " The labels count from 0 (0, ..., "
                                       "k - 1): use them as column numbers as they are.")
            return problem
        Y = np.eye(k)[labels]
        expected = (A - Y) / n
        shifted = np.eye(k)[(labels + 1) % k]
        verdict = diagnose(got, expected, f"`{name}` (batch of n = {n})", [
            (A - Y, f"it is n = {n} times too big: the cost is the mean over the batch, so "
                    f"the output error carries a 1/n."),
            (-expected, "the sign is flipped: the error is output minus target, (A - Y)/n."),
            (expected * A * (1 - A), "you multiplied by a sigma'-like factor A(1 - A). With "
                                     "softmax and cross-entropy that factor cancels."),
            ((A - labels[:, None]) / n, "you subtracted the label number from every output. "
                                        "The target is one-hot: subtract 1 only in the column "
                                        "of the right class, e.g. Y = np.eye(k)[labels]."),
            ((A - shifted) / n, "the 1 sits one column too far right: the labels count from "
                                "0, so label j is column j."),
            (A / n, "the target is missing: subtract 1 in the column of each example's class."),
            ((A - Y) / k, f"that divides by the number of classes k = {k}; the mean is over "
                          f"the n = {n} examples, A.shape[0]."),
        ])
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` gives (A - Y)/n from the labels: no sigma'(z) factor, and "
                          f"no one-hot matrix needed.")


# ------------------------------------------------ 2. one step of SGD with momentum
MOMENTUM_STEPS = 5


def _momentum_case():
    rng = np.random.default_rng(9)
    W0 = rng.standard_normal((4, 3))
    grads = [rng.standard_normal((4, 3)) for _ in range(MOMENTUM_STEPS)]
    return W0, grads, 0.05, 0.9      # lr != 1 - mu, so lr twice and an average differ


def _library_path(W0, grads, lr, mu):
    """The weights after each step of nn_helpers' SGD(lr, momentum=mu) on the same gradients."""
    from ..network import Network
    from ..optimizers import SGD

    holder = Network([4, 3], output="identity", loss="mse", dtype="float64")
    holder.weights[0][:] = W0
    optimizer = SGD(lr=lr, momentum=mu)
    path = []
    for g in grads:
        optimizer.step(holder, [(g.copy(), np.zeros(3))])
        path.append(holder.weights[0].copy())
    return path


def _rule_path(rule, W0, grads, lr, mu):
    """(weights, velocity) after each step of ``rule(W, g, v) -> (W, v)`` from v = 0."""
    W, v, path = W0.copy(), np.zeros_like(W0), []
    for g in grads:
        W, v = rule(W, g, v)
        path.append((W, v))
    return path


def _momentum_mistakes(lr, mu):
    return [
        (lambda W, g, v: (W - (mu * v + g), mu * v + g),
         "the velocity sums raw gradients (v = mu v + g, the PyTorch form), so the step must "
         f"scale it: W - lr * v. Without lr the steps are 1/lr = {1 / lr:g} times too long."),
        (lambda W, g, v: (W - lr * (mu * v + lr * g), mu * v + lr * g),
         "lr is applied twice: either v = mu v - lr g and W + v, or v = mu v + g and "
         "W - lr v, not both."),
        (lambda W, g, v: (W - (mu * v - lr * g), mu * v - lr * g),
         "the step goes uphill. With v = mu v - lr g the velocity points downhill: step "
         "W + v. With v = mu v + g it points uphill: step W - lr v."),
        (lambda W, g, v: (W + v, mu * v - lr * g),
         "W moved with the OLD velocity: update v first, then step with the new one."),
        (lambda W, g, v: (W - lr * g, mu * v - lr * g),
         "the velocity is computed but not used: W moves by the new gradient only, which is "
         "plain descent. Step with the velocity, W + v."),
        (lambda W, g, v: (W + (v - lr * g), v - lr * g),
         "the old velocity is not damped: multiply v by mu before adding the new step, "
         "otherwise every old step keeps its full size for ever."),
        (lambda W, g, v: (W - lr * (v + g), v + g),
         "the old velocity is not damped: multiply v by mu before adding the new gradient."),
        (lambda W, g, v: (W + mu * (v - lr * g), mu * (v - lr * g)),
         "mu multiplies only the old velocity, not the new gradient step: v = mu v - lr g."),
        (lambda W, g, v: (W - lr * (mu * v + (1 - mu) * g), mu * v + (1 - mu) * g),
         "that is an average with weights mu and 1 - mu, Adam's m. Momentum adds the whole "
         "gradient: v = mu v + g (or v = mu v - lr g)."),
    ]


def _momentum_form(path, W0, grads, lr, mu):
    """Name the velocity the reader keeps, when the weights are right."""
    classic = _rule_path(lambda W, g, v: (W + mu * v - lr * g, mu * v - lr * g), W0, grads,
                         lr, mu)
    velocities = [v for _, v in path]
    if all(matches(v, c) for v, (_, c) in zip(velocities, classic)):
        return ("the classic form: v = mu v - lr g is the step itself, W + v. nn_helpers and "
                "PyTorch keep v = mu v + g instead (the sum of the gradients) and multiply by "
                "lr when they step, W - lr v; your v is theirs times -lr.")
    if all(matches(v, -c / lr) for v, (_, c) in zip(velocities, classic)):
        return ("the PyTorch form, as nn_helpers writes it: v = mu v + g sums the gradients "
                "and W - lr v scales them when stepping. It is correct and walks the same "
                "path as the classic v = mu v - lr g, W + v: your v is the classic one "
                "divided by -lr. The two part ways only when lr changes during training (a "
                "schedule): in your form the new lr also rescales all the old gradients in v, "
                "while in the classic form each past step keeps the lr it was taken with.")
    if all(matches(v, -c) for v, (_, c) in zip(velocities, classic)):
        return ("v = mu v + lr g with W - v: the classic velocity with its sign flipped, "
                "correct as well.")
    return "a velocity of your own design; the weights agree with the library at every step."


def check_momentum_step(momentum_step) -> Feedback:
    """Check momentum_step(W, dW, v, lr, mu) -> (new W, new v) over several steps from v = 0
    against nn_helpers' SGD(lr, momentum=mu) on the same gradients."""
    name = "momentum_step"
    W0, grads, lr, mu = _momentum_case()
    expected = _library_path(W0, grads, lr, mu)
    W, v, path = W0.copy(), np.zeros_like(W0), []
    for t, g in enumerate(grads, 1):
        got, problem = call_reader(momentum_step, name, W, g, v, lr, mu)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            what = (f"one array of shape {np.shape(got)}" if isinstance(got, np.ndarray)
                    else type(got).__name__)
            return Feedback(False, f"`{name}` should return two arrays, the new weights and "
                                   f"the new velocity (`return W, v`): the velocity is what "
                                   f"the next step remembers. Got {what}.")
        W, v = got
        path.append((W, v))
        if t == 1 and matches(W, W0):
            return Feedback(False, "after step 1 the weights have not moved: did W move with "
                                   "the old velocity (0 at the start)? Update v first, then "
                                   "step. (Return the new W; changing W in place does not "
                                   "reach the check.)")
        if matches(W, expected[t - 1]):
            continue
        for rule, explanation in _momentum_mistakes(lr, mu):
            wrong = _rule_path(rule, W0, grads[:t], lr, mu)
            if matches(W, wrong[-1][0]):
                return Feedback(False, f"at step {t} the weights differ from nn_helpers' "
                                       f"SGD(lr={lr}, momentum={mu}): {explanation}")
        verdict = compare_arrays(W, expected[t - 1], f"the weights after step {t}")
        return Feedback(False, verdict.message + f" (nn_helpers' SGD(lr={lr}, momentum={mu}) "
                                                 f"on the same gradients.)")
    return Feedback(True, f"`{name}` walks the same {MOMENTUM_STEPS} steps as nn_helpers' "
                          f"SGD(lr={lr}, momentum={mu}). You wrote "
                          + _momentum_form(path, W0, grads, lr, mu))


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
    library = check_adam_agrees_with_nn_helpers(adam_step)
    if not library:
        return Feedback(False, f"`{name}` is right on single steps but drifts from "
                               f"nn_helpers.Adam over 5 steps: {library.message} Does it keep "
                               f"m and s (not m_hat, s_hat) from one step to the next?")
    return Feedback(True, f"`{name}` matches Adam with bias correction at steps 1, 2 and 4, "
                          f"and walks the same 5 steps as nn_helpers.Adam(lr=0.01).")


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
        got, problem = call_reader(adam_step, "adam_step", P, g, m, s, t, 0.01, 0.9, 0.999,
                                   1e-8)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            return Feedback(False, "`adam_step` should return three arrays: `return P, m, s`.")
        P, m, s = got
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


# ------------------------------------------------ 5. choosing a setting on validation data
def _choice_cases():
    """Sweeps where each shortcut picks another setting than the mean validation accuracy."""
    learning_rates = {
        0.01: {"val": [0.950, 0.950, 0.950], "test": [0.960, 0.960, 0.960]},
        0.03: {"val": [0.948, 0.965, 0.949], "test": [0.950, 0.950, 0.950]},
        0.1: {"val": [0.956, 0.955, 0.957], "test": [0.955, 0.955, 0.955]},
        0.3: {"val": [0.940, 0.941, 0.939], "test": [0.945, 0.945, 0.945]}}
    optimizers = {
        "sgd": {"val": [0.90, 0.90, 0.90], "test": [0.95, 0.95, 0.95]},
        "adam": {"val": [0.93, 0.93, 0.93], "test": [0.90, 0.90, 0.90]},
        "adamw": {"val": [0.89, 0.95, 0.92], "test": [0.935, 0.935, 0.935]}}
    dropout = {
        0.0: {"val": [0.97, 0.90, 0.91], "test": [0.90, 0.90, 0.90]},
        0.1: {"val": [0.929, 0.929, 0.929], "test": [0.905, 0.905, 0.905]},
        0.2: {"val": [0.935, 0.925, 0.93], "test": [0.92, 0.92, 0.92]},
        0.4: {"val": [0.90, 0.91, 0.96], "test": [0.91, 0.91, 0.91]}}
    return [(learning_rates, 0.1), (optimizers, "adam"), (dropout, 0.2)]


def check_choose_setting(choose_setting) -> Feedback:
    """Check choose_setting(runs) -> the setting with the highest mean validation accuracy,
    where runs = {setting: {"val": [accuracy per seed], "test": [accuracy per seed]}}."""
    name = "choose_setting"
    for runs, expected in _choice_cases():
        copy = {key: {part: list(values) for part, values in run.items()}
                for key, run in runs.items()}
        got, problem = call_reader(choose_setting, name, copy)
        if problem is not None:
            return problem
        try:
            known = got in runs
        except TypeError:              # an unhashable answer (a list, an array)
            known = False
        if known and got == expected:
            continue
        shortcuts = [
            (lambda r: np.mean(r["test"]),
             "you chose by the TEST accuracy. The test set has then taken part in a choice, "
             "so its number is no longer an honest forecast for new data. Choose with "
             "r[\"val\"] only, and look at the test set once, at the very end."),
            (lambda r: np.mean(r["val"]) + np.mean(r["test"]),
             "you mixed the test accuracy into the choice. Even partly, that makes the final "
             "test number optimistic: choose with the validation accuracy alone."),
            (lambda r: r["val"][0],
             "you looked at the first seed only; use the mean over all seeds."),
            (lambda r: r["val"][-1],
             "you looked at the last seed only; use the mean over all seeds."),
            (lambda r: max(r["val"]),
             "you chose the setting with the best single seed, one lucky run. Compare the "
             "mean over the seeds."),
            (lambda r: -np.mean(r["val"]),
             "that setting has the LOWEST mean validation accuracy; take the highest."),
            (lambda r: min(r["val"]),
             "you chose the setting whose worst seed is best. A cautious rule, but the "
             "protocol compares the mean over the seeds."),
        ]
        for score, explanation in shortcuts:
            if known and got == max(runs, key=lambda key: score(runs[key])):
                return Feedback(False, f"for the sweep over {list(runs)} you chose {got!r}: "
                                       f"{explanation}")
        if not known:
            values = [v for run in runs.values() for part in run.values() for v in part]
            values += [np.mean(part) for run in runs.values() for part in run.values()]
            if isinstance(got, numbers.Real) and any(np.isclose(got, v) for v in values):
                return Feedback(False, f"`{name}` returned {got!r}, an accuracy; return the "
                                       f"setting itself (a key of `runs`, e.g. "
                                       f"{list(runs)[0]!r}).")
            return Feedback(False, f"`{name}` should return one of the settings, a key of "
                                   f"`runs` ({list(runs)}); got {got!r}.")
        return Feedback(False, f"for the sweep over {list(runs)} you chose {got!r}; the "
                               f"highest mean validation accuracy is elsewhere.")
    return Feedback(True, f"`{name}` picks the setting with the best mean validation accuracy "
                          f"and never looks at the test numbers.")

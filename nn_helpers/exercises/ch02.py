"""Checks for the "Your turn" exercises of notebook 02 (activations).

# n: batch size, d: inputs, h: hidden units, k: outputs.

Each check calls the reader's function on inputs it makes itself, compares with a
reference, and when the answer is wrong names the usual slip when it recognises it.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime, softmax
from ..descent import collapse_linear_layers, numerical_derivative
from .feedback import Feedback, call_reader, check_function, compare_arrays

__all__ = ["check_collapse", "check_collapse3", "check_leaky_relu_prime", "check_sigmoid_prime",
           "check_softmax"]

_SCALAR_ONLY = ("converted to Python scalars", "only length-1 arrays", "must be real number")
_AMBIGUOUS = "truth value of an array"


def _call(fn, name, *args):
    """``call_reader`` with the two classic array slips explained: a function from ``math``
    applied to an array, and ``if z > 0:`` on an array."""
    got, problem = call_reader(fn, name, *args)
    if problem is None or "raised" not in problem.message:
        return got, problem
    if any(words in problem.message for words in _SCALAR_ONLY):
        return None, Feedback(False, f"`{name}` was given an array, and a function that works on "
                                     f"ONE number at a time (such as `math.exp`) cannot take it. "
                                     f"Use NumPy's version, which works on every entry at "
                                     f"once: `np.exp(-z)` instead of `math.exp(-z)`.")
    if _AMBIGUOUS in problem.message:
        return None, Feedback(False, f"`{name}` was given an array, and `if z > 0:` asks one "
                                     f"question about many numbers at once, which Python cannot "
                                     f"answer. Decide entry by entry with NumPy: "
                                     f"`np.where(z > 0, value_if_yes, value_if_no)`.")
    return got, problem


def _recognise(got, mistakes):
    """The message of the first known mistake that ``got`` reproduces, else None."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    for wrong, message in mistakes:
        if got.shape == np.shape(wrong) and np.allclose(got, wrong, rtol=1e-6, atol=1e-9):
            return message
    return None


def check_sigmoid_prime(fn) -> Feedback:
    """Exercise 1: the derivative of the sigmoid, sigma'(z) = sigma(z) (1 - sigma(z))."""
    z = np.linspace(-4, 4, 9)
    got, problem = _call(fn, "sigmoid_prime", z)
    if problem is not None:
        return problem
    hint = _recognise(got, [
        (sigmoid(z), "this is sigma(z) itself, not its slope. The slope is "
                     "sigma(z) * (1 - sigma(z))."),
        (z * (1 - z), "you used z * (1 - z): the formula needs sigma(z) in both places, "
                      "s = sigmoid(z); return s * (1 - s)."),
        (sigmoid(z) * (1 + sigmoid(z)), "a sign slip: it is (1 - sigma(z)), not (1 + sigma(z))."),
    ])
    if hint:
        return Feedback(False, hint)
    return check_function(fn, sigmoid_prime, [(z,), (np.array([[0.0, 10.0], [-10.0, 2.5]]),)],
                          "sigmoid_prime")


def _collapse_reference(W1, b1, W2, b2):
    """W = W1 @ W2 and b = b1 @ W2 + b2 (nn_helpers.descent.collapse_linear_layers)."""
    return collapse_linear_layers(W1, b1, W2, b2)


def check_collapse(fn) -> Feedback:
    """Exercise 2: two linear layers as one, fn(W1, b1, W2, b2) -> (W, b)."""
    rng = np.random.default_rng(2)
    W1, b1 = rng.normal(size=(3, 4)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(4, 2)), rng.normal(size=2)
    got, problem = call_reader(fn, "collapse", W1, b1, W2, b2)
    if problem is not None:
        return _bias_sum_hint(fn, problem, (W1, b1, W2, b2),
                              lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2))
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return Feedback(False, "`collapse` should return two things, the pair (W, b): "
                               "end with `return W, b`.")
    W_expected, b_expected = _collapse_reference(W1, b1, W2, b2)
    W, b = got
    if W is not None and np.shape(W) == (2, 3):
        return Feedback(False, "W has shape (2, 3) but should be (3, 2) (inputs x outputs): "
                               "with one example per row the product is W1 @ W2, "
                               "not W2 @ W1 (and not (W1 @ W2).T).")
    verdict = compare_arrays(W, W_expected, "W")
    if not verdict:
        return verdict
    hint = _recognise(b, [
        (b2, "b is just b2: the first layer's bias b1 also passes through W2, "
             "so the combined bias is b1 @ W2 + b2."),
        (b1 @ W2, "b is missing b2: the combined bias is b1 @ W2 + b2."),
    ])
    if hint:
        return Feedback(False, hint)
    verdict = compare_arrays(b, b_expected, "b")
    if not verdict:
        return verdict
    return Feedback(True, "W = W1 @ W2 and b = b1 @ W2 + b2: two linear layers are one.")


def _bias_sum_hint(fn, problem, args, adds_biases):
    """When ``fn`` failed exactly as "add the biases" fails, say why adding them is wrong."""
    try:
        adds_biases(*args)
    except Exception as error:  # the error the sum of the biases raises
        expected = f"{type(error).__name__}: {error}"
        if expected in problem.message:
            sizes = " and ".join(str(np.shape(a)) for a in args[1::2])
            return Feedback(False, f"it looks as if you added the biases: they have shapes "
                                   f"{sizes}, one per layer's neurons, so NumPy cannot add "
                                   f"them. And even with equal sizes it would be wrong: an "
                                   f"earlier layer's bias is part of that layer's output, so it "
                                   f"is multiplied by every LATER weight matrix on its way "
                                   f"through (b1 @ W2 + b2 for two layers).")
    return problem


def check_softmax(fn) -> Feedback:
    """Exercise 3: softmax of each row of Z (n, k), safe for large numbers."""
    Z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 0.5]])
    got, problem = _call(fn, "softmax_rows", Z)
    if problem is not None:
        return problem
    columns = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
    everything = np.exp(Z) / np.exp(Z).sum()
    hint = _recognise(got, [
        (columns, "each COLUMN sums to 1, but each ROW (one example) should: "
                  "sum with axis=1, keepdims=True."),
        (everything, "the whole table sums to 1, but each row should: "
                     "sum with axis=1, keepdims=True."),
        (np.exp(Z), "you have e^z but did not divide by the row's sum."),
    ])
    if hint:
        return Feedback(False, hint)
    verdict = compare_arrays(got, softmax(Z), "softmax(Z)")
    if not verdict:
        return verdict
    big = np.array([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0]])
    got, problem = _call(fn, "softmax_rows", big)
    if problem is not None:
        return problem
    with np.errstate(all="ignore"):
        finite = np.all(np.isfinite(np.asarray(got, dtype=float)))
    if not finite:
        return Feedback(False, "right for small numbers, but e^1000 overflows to inf and "
                               "gives NaN: subtract each row's maximum first, "
                               "Z - Z.max(axis=1, keepdims=True) (it cancels out).")
    return compare_arrays(got, softmax(big), "softmax(Z) for large Z")


def _collapse3_reference(W1, b1, W2, b2, W3, b3):
    """Three linear layers as one: W = W1 @ W2 @ W3, b = (b1 @ W2 + b2) @ W3 + b3."""
    W12, b12 = collapse_linear_layers(W1, b1, W2, b2)
    return collapse_linear_layers(W12, b12, W3, b3)


def check_collapse3(fn) -> Feedback:
    """Three linear layers as one: fn(W1, b1, W2, b2, W3, b3) -> (W, b)."""
    rng = np.random.default_rng(3)
    W1, b1 = rng.normal(size=(3, 4)), rng.normal(size=4)    # 3 -> 4
    W2, b2 = rng.normal(size=(4, 5)), rng.normal(size=5)    # 4 -> 5
    W3, b3 = rng.normal(size=(5, 2)), rng.normal(size=2)    # 5 -> 2
    args = (W1, b1, W2, b2, W3, b3)
    got, problem = _call(fn, "collapse3", *args)
    if problem is not None:
        problem = _bias_sum_hint(fn, problem, args,
                                 lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 + b2 + b3))
        if "raised" not in problem.message:
            return problem
        for mistake, hint in [
            (lambda W1, b1, W2, b2, W3, b3: (W3 @ W2 @ W1, b3),
             "the weights are multiplied in the wrong order. With one example per row the "
             "data meets W1 first: X @ W1 @ W2 @ W3, so W = W1 @ W2 @ W3."),
            (lambda W1, b1, W2, b2, W3, b3: (W1 @ W2 @ W3, b1 @ W2 + b2 @ W3 + b3),
             "b1 @ W2 has the size of layer 2's output (5 numbers), and it must still pass "
             "through W3 like b2 does: (b1 @ W2 + b2) @ W3 + b3."),
        ]:
            try:
                mistake(*args)
            except Exception as error:
                if f"{type(error).__name__}: {error}" in problem.message:
                    return Feedback(False, hint)
        return Feedback(False, problem.message.split(" (called with")[0] + ". The sizes: W1 "
                               "(3, 4), W2 (4, 5), W3 (5, 2); b1 (4,), b2 (5,), b3 (2,). In "
                               "`A @ B` the columns of A must match the rows of B, and a bias "
                               "can only be added to a vector of its own size.")
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return Feedback(False, "`collapse3` should return two things, the pair (W, b): "
                               "end with `return W, b`.")
    W, b = got
    W_expected, b_expected = _collapse3_reference(*args)
    if W is not None and np.shape(W) == (2, 3):
        return Feedback(False, "W has shape (2, 3) but should be (3, 2) (inputs x outputs): "
                               "with one example per row the data meets W1 first, so the "
                               "product is W1 @ W2 @ W3, in that order.")
    hint = _recognise(W, [
        (W1 @ W2, "W is W1 @ W2: the third layer's weights W3 are missing."),
    ])
    if hint:
        return Feedback(False, hint)
    verdict = compare_arrays(W, W_expected, "W")
    if not verdict:
        return verdict
    hint = _recognise(b, [
        (b3, "b is just b3: b1 and b2 also reach the output, each through the weights of "
             "every layer after it."),
        (b1 @ W2 @ W3 + b3, "b2 is missing: it passes through W3 on its way out, "
                            "so b2 @ W3 belongs in the sum."),
        (b2 @ W3 + b3, "b1 is missing: it passes through W2 and then W3, "
                       "so b1 @ W2 @ W3 belongs in the sum."),
        ((b1 @ W2 + b2) @ W3, "b3 is missing: the last layer adds its own bias at the end."),
    ])
    if hint:
        return Feedback(False, hint)
    verdict = compare_arrays(b, b_expected, "b")
    if not verdict:
        return verdict
    return Feedback(True, "W = W1 @ W2 @ W3 and b = (b1 @ W2 + b2) @ W3 + b3: three linear "
                          "layers are one, and so are a hundred.")


def leaky_relu(z):
    """Leaky ReLU with slope 0.1 on the left: z for z > 0, else 0.1 z."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.1 * z)


def _leaky_relu_prime(z):
    return np.where(np.asarray(z, dtype=float) > 0, 1.0, 0.1)


def check_leaky_relu_prime(fn) -> Feedback:
    """The slope of leaky ReLU, f(z) = z for z > 0 and 0.1 z otherwise: 1 on the right,
    0.1 on the left (at the corner z = 0 either is accepted; the check avoids it)."""
    z = np.array([-3.0, -1.2, -0.4, 0.3, 1.5, 4.0])
    got, problem = _call(fn, "leaky_relu_prime", z)
    if problem is not None:
        return problem
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"`leaky_relu_prime` should return an array of numbers, one "
                               f"slope per entry of z; got {type(got).__name__}.")
    if values.shape != z.shape:
        return Feedback(False, f"`leaky_relu_prime` returned shape {values.shape} for an input "
                               f"of shape {z.shape}: give one slope per entry of z "
                               f"(np.where(z > 0, ..., ...) keeps the shape).")
    hint = _recognise(values, [
        ((z > 0).astype(float), "that is plain ReLU's slope, 0 on the left. Leaky ReLU does "
                                "not go flat on the left: it is the line 0.1 z there, whose "
                                "slope is 0.1."),
        (leaky_relu(z), "that is leaky ReLU itself, not its slope. On each straight piece the "
                        "slope is one number: how much the output rises per step of z."),
        (np.where(z > 0, 1.0, 0.1 * z), "on the left you returned 0.1 z, the VALUE of the piece. "
                                        "The slope of the line 0.1 z is the same everywhere: "
                                        "0.1."),
        (np.where(z > 0, z, 0.1), "on the right you returned z, the value. The line z rises by "
                                  "1 per step: its slope is 1."),
        (np.where(z > 0, 0.1, 1.0), "the two pieces are swapped: slope 1 where z > 0, 0.1 "
                                    "where z < 0."),
        (np.ones_like(z), "slope 1 is right only on the right side (z > 0)."),
    ])
    if hint:
        return Feedback(False, hint)
    verdict = compare_arrays(values, _leaky_relu_prime(z), "the slopes")
    if not verdict:
        return verdict
    gap = float(np.max(np.abs(values - numerical_derivative(leaky_relu, z))))
    return Feedback(True, f"slope 1 where z > 0 and 0.1 where z < 0: two straight pieces, two "
                          f"slopes. The nudge agrees: at the {z.size} test points your slopes "
                          f"and the numerical derivative differ by at most {gap:.0e}.")

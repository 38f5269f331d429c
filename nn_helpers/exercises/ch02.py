"""Checks for the "Your turn" exercises of notebook 02 (activations).

# n: batch size, d: inputs, h: hidden units, k: outputs.

Each check calls the reader's function on inputs it makes itself, compares with a
reference, and when the answer is wrong names the usual slip when it recognises it.
"""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime, softmax
from ..descent import collapse_linear_layers
from .feedback import Feedback, call_reader, check_function, compare_arrays

__all__ = ["check_collapse", "check_sigmoid_prime", "check_softmax"]


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
    got, problem = call_reader(fn, "sigmoid_prime", z)
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
        return problem
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


def check_softmax(fn) -> Feedback:
    """Exercise 3: softmax of each row of Z (n, k), safe for large numbers."""
    Z = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 0.5]])
    got, problem = call_reader(fn, "softmax", Z)
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
    got, problem = call_reader(fn, "softmax", big)
    if problem is not None:
        return problem
    with np.errstate(all="ignore"):
        finite = np.all(np.isfinite(np.asarray(got, dtype=float)))
    if not finite:
        return Feedback(False, "right for small numbers, but e^1000 overflows to inf and "
                               "gives NaN: subtract each row's maximum first, "
                               "Z - Z.max(axis=1, keepdims=True) (it cancels out).")
    return compare_arrays(got, softmax(big), "softmax(Z) for large Z")

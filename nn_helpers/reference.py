"""A slow, one-example-at-a-time reference for mini-batch SGD (sigmoid + quadratic cost).

# m: batch size, d: input features, n_l: units of layer l, k: outputs.  x: (d,), y: (k,).

This is the "textbook" way to write the training step: walk through the batch one
example at a time, backpropagate that single example, and add its gradient to running
totals ``nabla_w`` and ``nabla_b``; after the last example, step every parameter by
``lr / m`` times its total. It uses this project's layout, W[l] of shape
(n_{l-1}, n_l) and b[l] of shape (n_l,), so for one example (a 1-D vector)

    z[l] = a[l-1] @ W[l] + b[l]                   (z_j = sum_i a_i w_ij + b_j)
    delta[L] = (a[L] - y) * sigma'(z[L])           BP1 for C_x = ||a - y||^2 / 2
    delta[l] = (W[l+1] @ delta[l+1]) * sigma'(z[l])  BP2
    dC_x/db[l] = delta[l],  dC_x/dW[l] = outer(a[l-1], delta[l])   BP3, BP4

The batch cost C = (1/2m) sum_x ||a - y||^2 is the mean of the C_x, so its gradient is
the mean of the per-example gradients: sum them, then divide by m. The vectorized core
(``nn_helpers.Network`` + ``nn_helpers.train``) computes the same numbers with one
matrix product per layer instead of a Python loop; tests/test_reference.py checks they
agree to 1e-12 in float64, and notebook 07 times the difference.
"""

from __future__ import annotations

import numpy as np

from .activations import sigmoid
from .checks import as_inputs, as_targets, check_positive


def sigmoid_prime(z):
    """sigma'(z) = sigma(z) (1 - sigma(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def backprop_one_example(weights, biases, x, y):
    """Gradients of C_x = ||a - y||^2 / 2 for ONE example x (d,) with target y (k,).

    Returns (nabla_w, nabla_b): lists shaped like ``weights`` and ``biases``.
    """
    # forward, remembering every z and every activation
    activation = x
    activations, zs = [x], []
    for W, b in zip(weights, biases):
        z = activation @ W + b
        activation = sigmoid(z)
        zs.append(z)
        activations.append(activation)

    nabla_w = [None] * len(weights)
    nabla_b = [None] * len(biases)
    delta = (activations[-1] - y) * sigmoid_prime(zs[-1])            # BP1
    for i in reversed(range(len(weights))):
        nabla_b[i] = delta                                           # BP3
        nabla_w[i] = np.outer(activations[i], delta)                 # BP4
        if i > 0:
            delta = (weights[i] @ delta) * sigmoid_prime(zs[i - 1])  # BP2
    return nabla_w, nabla_b


def sgd_step_per_example(weights, biases, X_batch, Y_batch, lr):
    """One SGD step on a mini-batch, one example at a time; updates the lists IN PLACE.

    weights[i]: (n_i, n_{i+1}), biases[i]: (n_{i+1},), X_batch: (m, d), Y_batch: (m, k).
    W <- W - (lr / m) * sum over the batch of dC_x/dW   (and the same for b).
    """
    X_batch, Y_batch = np.asarray(X_batch), np.asarray(Y_batch)
    if X_batch.ndim != 2 or Y_batch.ndim != 2 or len(X_batch) != len(Y_batch):
        raise ValueError(f"X_batch and Y_batch must be 2-D with one example per row and the "
                         f"same number of rows; got shapes {X_batch.shape} and {Y_batch.shape}.")
    nabla_w = [np.zeros_like(W) for W in weights]
    nabla_b = [np.zeros_like(b) for b in biases]
    for x, y in zip(X_batch, Y_batch):           # each x is a 1-D vector: one example
        delta_w, delta_b = backprop_one_example(weights, biases, x, y)
        for i in range(len(weights)):
            nabla_w[i] += delta_w[i]
            nabla_b[i] += delta_b[i]
    m = len(X_batch)
    for i in range(len(weights)):
        weights[i] -= (lr / m) * nabla_w[i]      # in place: the caller's arrays change
        biases[i] -= (lr / m) * nabla_b[i]


def train_per_example(net, X, Y, epochs=1, batch_size=10, lr=3.0, seed=0):
    """Train ``net`` in place like ``nn_helpers.train`` does, but with the per-example step.

    The shuffling is exactly ``train``'s: ``rng = np.random.default_rng(seed)``, one
    ``rng.permutation(n)`` per epoch, then consecutive batches (the last may be smaller).
    So with the same seed both functions give the same weights, up to rounding.
    Only the textbook network qualifies: sigmoid hidden and output layers, quadratic cost.
    Returns ``net``.
    """
    all_sigmoid = all(a.name == "sigmoid" for a in net.activations)
    if not (all_sigmoid and net.loss.name == "quadratic" and not net.has_dropout):
        raise ValueError(f"train_per_example implements the textbook network only: "
                         f"hidden='sigmoid', output='sigmoid', loss='quadratic'; got {net!r}.")
    X = as_inputs(X, net.sizes[0], net.dtype)
    Y = as_targets(Y, len(X), net.sizes[-1], net.dtype, loss=net.loss.name,
                   output=net.output.name)
    epochs = check_positive("epochs", epochs, integer=True)
    batch_size = check_positive("batch_size", batch_size, integer=True)
    lr = check_positive("lr", lr)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        Xs, Ys = X[order], Y[order]
        for first in range(0, len(X), batch_size):
            sgd_step_per_example(net.weights, net.biases, Xs[first:first + batch_size],
                                 Ys[first:first + batch_size], lr)
    return net

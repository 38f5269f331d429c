"""A fully connected network: forward pass and backpropagation (BP1-BP4) in batch form.

# n: batch size, d = sizes[0]: input features, n_l = sizes[l]: units of layer l, k: outputs.

Layer l (l = 1..L) maps A[l-1] (n, n_{l-1}) to
    Z[l] = A[l-1] @ W[l] + b[l]      W[l]: (n_{l-1}, n_l), b[l]: (n_l,)  (broadcast over rows)
    A[l] = f(Z[l])                   with A[0] = X.
In code the lists are 0-based: ``weights[i]`` and ``biases[i]`` are W[i+1] and b[i+1],
``cache.Z[i]`` is Z[i+1], and ``cache.A[i]`` is A[i] (so ``cache.A[0]`` is X).

Backpropagation, with delta[l] = dC/dZ[l] of shape (n, n_l):
    BP1  delta[L] = dC/dA[L] * f'(Z[L])
    BP2  delta[l] = (delta[l+1] @ W[l+1].T) * f'(Z[l])
    BP3  dC/db[l] = delta[l].sum(axis=0)
    BP4  dC/dW[l] = A[l-1].T @ delta[l]
The cost is a mean over the batch, so the 1/n sits in dC/dA[L] and BP3/BP4 are plain sums.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .checks import as_inputs, as_targets, check_sizes
from .losses import get_loss

INITS = ("normal", "xavier", "he")
DTYPES = ("float32", "float64")


@dataclass
class Cache:
    """What the forward pass remembers for the backward pass."""

    Z: list  # Z[i]: weighted input of layer i+1, (n, n_{i+1})
    A: list  # A[0] = X, A[i]: output of layer i, (n, n_i)


class Network:
    """A stack of fully connected layers with one activation for the hidden layers.

    >>> net = Network([2, 3, 1], hidden="tanh", output="sigmoid", loss="quadratic", seed=0)
    >>> [W.shape for W in net.weights]
    [(2, 3), (3, 1)]
    """

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", loss="quadratic",
                 init="normal", seed=0, dtype="float64"):
        self.sizes = check_sizes(sizes)
        self.hidden = get_activation(hidden, argument="hidden")
        self.output = get_activation(output, argument="output")
        self.loss = get_loss(loss, self.output.name)
        self.dtype = _check_dtype(dtype)
        _check_pairing(self.hidden, self.output, self.loss, self.sizes[-1])
        if init not in INITS:
            raise ValueError(f"init={init!r} is not a known initialisation; choose one of "
                             f"{list(INITS)}.")
        self.init = init
        self.seed = seed
        self.weights, self.biases = initial_parameters(self.sizes, init, seed, self.dtype)

    # ----------------------------------------------------------------- forward
    def forward(self, X) -> Cache:
        """Run the network on a batch and keep every Z and A for backpropagation."""
        return self._forward(as_inputs(X, self.sizes[0], self.dtype))

    def _forward(self, X, work=None) -> Cache:
        """The forward pass; ``work`` (a Workspace, training only) supplies the arrays
        to write Z and A into, so no step allocates new ones."""
        Zs, As = [], [X]
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            Z = np.matmul(As[-1], W, out=None if work is None else work.Z[i])
            Z += b                                                 # Z = A[l-1] @ W[l] + b[l]
            f = self.output if i == last else self.hidden
            Zs.append(Z)
            As.append(f.f(Z, out=None if work is None else work.A[i + 1]))
        return Cache(Zs, As)

    def predict(self, X):
        """The output activations A[L], shape (n, k)."""
        return self.forward(X).A[-1]

    def classify(self, X):
        """Predicted class of each example, shape (n,): the most active output unit
        (for one sigmoid output: 1 when the output is at least 0.5)."""
        A = self.predict(X)
        if A.shape[1] == 1:
            return (A[:, 0] >= 0.5).astype(np.int64)
        return A.argmax(axis=1)

    # ---------------------------------------------------------------- the cost
    def cost(self, X, Y) -> float:
        """The mean cost over the batch (the quantity backpropagation differentiates)."""
        cache = self.forward(X)
        return self._cost(cache, self._targets(Y, cache))

    def _cost(self, cache, Y) -> float:
        return self.loss.cost(cache.A[-1], Y, cache.Z[-1])

    def _targets(self, Y, cache):
        return as_targets(Y, cache.A[0].shape[0], self.sizes[-1], self.dtype,
                          loss=self.loss.name, output=self.output.name)

    # ---------------------------------------------------------------- backward
    def backward(self, cache: Cache, Y):
        """Gradients of the cost for every layer: a list of (dW, db), same shapes as (W, b)."""
        return self._backward(cache, self._targets(Y, cache))

    def _backward(self, cache: Cache, Y, work=None):
        """BP1-BP4; ``work`` (a Workspace, training only) supplies dW, db and delta arrays
        to write into. Without it every array is new (what ``backward`` returns is yours)."""
        delta = self.output_error(cache, Y)                        # BP1
        grads = []
        for i in reversed(range(len(self.weights))):
            dW, db, back, scratch = (None,) * 4 if work is None else work.layer(i)
            dW = np.matmul(cache.A[i].T, delta, out=dW)            # BP4: A[l-1].T @ delta[l]
            db = delta.sum(axis=0, out=db)                         # BP3: sum over the batch
            grads.append((dW, db))
            if i > 0:                                              # BP2 (no delta for X):
                back = np.matmul(delta, self.weights[i].T, out=back)   # delta[l] @ W[l].T
                delta = self.hidden.backward(back, cache.Z[i - 1], cache.A[i],
                                             out=back, scratch=scratch)  # * f'(Z[l-1])
        return grads[::-1]

    def output_error(self, cache: Cache, Y):
        """BP1: delta[L] = dC/dA[L] * f'(Z[L]).

        For cross-entropy with a softmax (or sigmoid) output the product simplifies
        to (A - Y)/n; we use that form because it never divides by a tiny a(1 - a).
        """
        A, Z = cache.A[-1], cache.Z[-1]
        if self.output.name in self.loss.simplifies_with:
            return (A - Y) / A.shape[0]
        return self.output.backward(self.loss.grad(A, Y), Z, A)

    def gradients(self, X, Y):
        """Forward then backward on one batch: [(dW, db), ...] per layer."""
        cache = self.forward(X)
        return self._backward(cache, self._targets(Y, cache))

    # ------------------------------------------------------------------ extras
    @property
    def parameters(self):
        """[(W, b), ...] per layer: the arrays themselves, not copies."""
        return list(zip(self.weights, self.biases))

    def copy(self) -> Network:
        """An independent copy (same architecture, parameters copied)."""
        clone = object.__new__(type(self))  # keep subclasses (e.g. a buggy one in a test)
        clone.__dict__.update(self.__dict__)
        clone.weights = [W.copy() for W in self.weights]
        clone.biases = [b.copy() for b in self.biases]
        return clone

    def astype(self, dtype) -> Network:
        """A copy whose parameters (and all arithmetic) use ``dtype``."""
        clone = self.copy()
        clone.dtype = _check_dtype(dtype)
        clone.weights = [W.astype(clone.dtype) for W in self.weights]
        clone.biases = [b.astype(clone.dtype) for b in self.biases]
        return clone

    def __repr__(self):
        return (f"Network({self.sizes}, hidden={self.hidden.name!r}, "
                f"output={self.output.name!r}, loss={self.loss.name!r}, init={self.init!r}, "
                f"seed={self.seed!r}, dtype={self.dtype.name!r})")


class Workspace:
    """Arrays the training loop reuses on every step, allocated once per ``train`` call.

    Allocating a fresh dW (784 x 100 floats: 0.3-0.6 MB) every step costs page faults
    and cache misses; writing into the same arrays with ``out=`` avoids both. ``rows(m)``
    gives views of the first m rows, for the last, smaller batch of an epoch.
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

    def rows(self, m) -> Workspace:
        """The same workspace cut to batches of m rows (views, no copies)."""
        if m not in self._views:
            view = object.__new__(Workspace)
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
        """(dW, db, room for delta @ W.T, room for f'(Z)) of weights[i], for _backward.
        The last two belong to the layer below (index i - 1), where BP2 produces them."""
        dW, db = self.grads[i]
        if i == 0:
            return dW, db, None, None
        return dW, db, self.back[i - 1], self.scratch[i - 1]


def initial_parameters(sizes, init="normal", seed=0, dtype="float64"):
    """Random starting weights and biases, layer by layer from one seeded generator.

    * ``normal``: every weight and bias from N(0, 1), as in Nielsen's book. Simple, but
      with many inputs a unit's z gets a large spread and sigmoids start saturated.
    * ``xavier``: W ~ N(0, 2 / (n_in + n_out)), biases 0: keeps the variance of z near 1
      for tanh/sigmoid.
    * ``he``: W ~ N(0, 2 / n_in), biases 0: the factor 2 makes up for ReLU zeroing
      half of its inputs.
    """
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        if init == "normal":
            W = rng.standard_normal((n_in, n_out))
            b = rng.standard_normal(n_out)
        else:
            scale = np.sqrt(2.0 / (n_in + n_out)) if init == "xavier" else np.sqrt(2.0 / n_in)
            W = scale * rng.standard_normal((n_in, n_out))
            b = np.zeros(n_out)
        weights.append(W.astype(dtype))
        biases.append(b.astype(dtype))
    return weights, biases


def _check_dtype(dtype):
    dtype = np.dtype(dtype)
    if dtype.name not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)}; got {dtype.name!r}.")
    return dtype


def _check_pairing(hidden, output, loss, k):
    """Reject layer/loss combinations that cannot work, with the reason."""
    if not hidden.elementwise:
        raise ValueError("hidden='softmax' is not supported: softmax makes a layer's units "
                         "compete to sum to 1, which suits only the output layer. Use 'relu', "
                         "'tanh' or 'sigmoid' for hidden layers.")
    if output.name == "softmax" and k < 2:
        raise ValueError("output='softmax' needs at least 2 output units: with one unit it "
                         "always outputs 1. Use output='sigmoid' for a yes/no answer.")
    if output.name == "softmax" and loss.name in ("quadratic", "mse"):
        raise ValueError(
            f"output='softmax' with loss={loss.name!r} is not allowed: the pair is "
            "differentiable, but when the network is confidently wrong the gradient nearly "
            "vanishes (the softmax Jacobian multiplies a small error), so learning stalls. "
            "Use loss='cross_entropy', whose output error is simply (A - Y)/n.")
    if loss.name in ("cross_entropy", "binary_cross_entropy") and output.name not in (
            "softmax", "sigmoid"):
        raise ValueError(
            f"loss='cross_entropy' needs outputs that are probabilities: output='softmax' "
            f"(one class per example) or 'sigmoid' (independent yes/no outputs); got "
            f"output={output.name!r}. For regression use loss='mse' or 'quadratic'.")

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

Dropout (training only) multiplies a hidden layer's output by a random mask M[l] that keeps
each unit with probability 1 - p and scales the kept ones by 1 / (1 - p), so the expected
output is unchanged and nothing needs rescaling at test time. The next layer sees A[l] * M[l];
backpropagation passes the error through the same mask: BP2 becomes
    delta[l] = (delta[l+1] @ W[l+1].T) * M[l] * f'(Z[l]).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import ACTIVATIONS, get_activation
from .checks import as_inputs, as_targets
from .layers import (
    DTYPES,
    INITS,
    Layer,
    check_dtype,
    check_pairing,
    dropout_mask,
    initial_parameters,
    resolve_layers,
)
from .losses import get_loss

__all__ = ["DTYPES", "INITS", "Cache", "Layer", "Network", "classes", "initial_parameters"]


@dataclass
class Cache:
    """What the forward pass remembers for the backward pass."""

    Z: list  # Z[i]: weighted input of layer i+1, (n, n_{i+1})
    A: list  # A[0] = X, A[i]: output of layer i (after dropout, if any), (n, n_i)
    masks: list = field(default_factory=list)  # dropout mask of layer i+1, or None


class Network:
    """A stack of fully connected layers.

    ``sizes`` lists the input width, then each layer: a number of units (which uses
    ``hidden``, or ``output`` for the last layer, and ``dropout``) or a ``Layer`` with its
    own settings.

    >>> net = Network([2, 3, 1], hidden="tanh", output="sigmoid", loss="quadratic", seed=0)
    >>> [W.shape for W in net.weights]
    [(2, 3), (3, 1)]
    """

    def __init__(self, sizes, hidden="sigmoid", output="sigmoid", loss="quadratic",
                 init="normal", seed=0, dtype="float64", dropout=0.0):
        self._default_hidden = get_activation(hidden, argument="hidden")
        resolved = resolve_layers(sizes, hidden, output, dropout)
        self.layers = [layer for layer, _ in resolved]
        self.sizes = [int(sizes[0])] + [layer.units for layer in self.layers]
        self.activations = [get_activation(layer.activation, argument=argument)
                            for layer, argument in resolved]
        self.loss = get_loss(loss, self.output.name)
        self.dtype = check_dtype(dtype)
        check_pairing(self.activations, self.loss, self.sizes[-1])
        if init not in INITS:
            raise ValueError(f"init={init!r} is not a known initialisation; choose one of "
                             f"{list(INITS)}.")
        self.init = init
        self.seed = seed
        inits = [a.init for a in self.activations] if init == "auto" else init
        self.weights, self.biases = initial_parameters(self.sizes, inits, seed, self.dtype)
        self._dropout = [layer.dropout for layer in self.layers]

    @property
    def has_dropout(self) -> bool:
        """True when some layer switches units off during training."""
        return any(self._dropout)

    @property
    def output(self):
        """The output layer's activation."""
        return self.activations[-1]

    @property
    def hidden(self):
        """The hidden layers' activation when they share one (``hidden=`` when there are
        none); None when the layers use different ones (see ``activations``)."""
        hidden = {a.name for a in self.activations[:-1]} or {self._default_hidden.name}
        return ACTIVATIONS[hidden.pop()] if len(hidden) == 1 else None

    # ----------------------------------------------------------------- forward
    def forward(self, X, rng=None, checked=False) -> Cache:
        """Run the network on a batch and keep every Z and A for backpropagation.

        With ``rng`` (a ``np.random.Generator``) the layers' dropout is switched on, as in
        training; without it every unit takes part (predictions, validation).
        ``checked=True``: X is already a checked array of the network's dtype (the training
        loop checks its data once)."""
        if not checked:
            X = as_inputs(X, self.sizes[0], self.dtype)
        return self._forward(X, rng=rng)

    def _forward(self, X, buffers=None, rng=None) -> Cache:
        """The forward pass on checked inputs. ``buffers`` (training only, see
        ``nn_helpers.training.Buffers``) supplies the arrays to write Z and A into."""
        Zs, As, masks = [], [X], []
        for i, (W, b, f) in enumerate(zip(self.weights, self.biases, self.activations)):
            Z = np.matmul(As[-1], W, out=None if buffers is None else buffers.Z[i])
            Z += b                                                 # Z = A[l-1] @ W[l] + b[l]
            if buffers is None:
                A = f.f(Z)
            else:                     # the training loop, which silences overflow warnings
                A = f.f_in_training(Z, out=buffers.A[i + 1])
            mask = None
            if rng is not None and self._dropout[i]:
                mask = dropout_mask(rng, A.shape, self._dropout[i], A.dtype)
                A *= mask
            Zs.append(Z)
            As.append(A)
            masks.append(mask)
        return Cache(Zs, As, masks)

    def predict(self, X):
        """The output activations A[L], shape (n, k)."""
        return self.forward(X).A[-1]

    def classify(self, X):
        """Predicted class of each example, shape (n,): the most active output unit
        (for one sigmoid output: 1 when the output is at least 0.5)."""
        return classes(self.predict(X))

    # ---------------------------------------------------------------- the cost
    def cost(self, X, Y, rng=None) -> float:
        """The mean cost over the batch (the quantity backpropagation differentiates)."""
        cache = self.forward(X, rng)
        return self.loss.cost(cache.A[-1], self._targets(Y, cache), cache.Z[-1])

    def _targets(self, Y, cache):
        return as_targets(Y, cache.A[0].shape[0], self.sizes[-1], self.dtype,
                          loss=self.loss.name, output=self.output.name)

    # ---------------------------------------------------------------- backward
    def cost_and_gradients(self, X, Y, rng=None, buffers=None, checked=False):
        """The one way to the gradients: forward, cost, then BP1-BP4 on one batch.

        Returns ``(cost, [(dW, db), ...])``. ``rng`` switches dropout on. The training loop
        passes ``buffers`` (arrays to write into, reused every step) and ``checked=True``
        (it has checked the whole data set once); every other caller gets new arrays and
        its X and Y checked."""
        if not checked:
            X = as_inputs(X, self.sizes[0], self.dtype)
        cache = self._forward(X, buffers, rng)
        if not checked:
            Y = self._targets(Y, cache)
        cost = self.loss.cost(cache.A[-1], Y, cache.Z[-1])
        return cost, self.backprop(cache, Y, buffers)

    def gradients(self, X, Y):
        """Forward then backward on one batch: [(dW, db), ...] per layer."""
        return self.cost_and_gradients(X, Y)[1]

    def backward(self, cache: Cache, Y):
        """Gradients of the cost for every layer: a list of (dW, db), same shapes as (W, b)."""
        return self.backprop(cache, self._targets(Y, cache))

    def backprop(self, cache: Cache, Y, buffers=None):
        """BP1-BP4 for checked targets Y. Without ``buffers`` every array is new (what this
        returns is yours); with them dW, db and delta are written into the buffers' arrays."""
        delta = self.output_error(cache, Y)                        # BP1
        grads = []
        for i in reversed(range(len(self.weights))):
            dW, db, back, scratch = (None,) * 4 if buffers is None else buffers.layer(i)
            dW = np.matmul(cache.A[i].T, delta, out=dW)            # BP4: A[l-1].T @ delta[l]
            db = np.add.reduce(delta, axis=0, out=db)              # BP3: sum over the batch
            grads.append((dW, db))
            if i > 0:                                              # BP2 (no delta for X):
                back = np.matmul(delta, self.weights[i].T, out=back)   # delta[l] @ W[l].T
                delta = self._hidden_error(i - 1, back, cache, scratch)  # * f'(Z[l])
        return grads[::-1]

    def _hidden_error(self, i, back, cache, scratch):
        """delta of layer i+1 from back = delta[next] @ W[next].T: times its dropout mask
        (if any) and f'(Z). After dropout A is no longer f(Z), so f' is computed from Z."""
        mask = cache.masks[i] if cache.masks else None
        if mask is None:
            return self.activations[i].backward(back, cache.Z[i], cache.A[i + 1], out=back,
                                                scratch=scratch)
        back *= mask
        return self.activations[i].backward(back, cache.Z[i], None, out=back)

    def output_error(self, cache: Cache, Y):
        """BP1: delta[L] = dC/dA[L] * f'(Z[L]).

        For cross-entropy with a softmax (or sigmoid) output the product simplifies
        to (A - Y)/n; we use that form because it never divides by a tiny a(1 - a).
        """
        return self.loss.output_error(cache.A[-1], Y, cache.Z[-1], self.output)

    # ------------------------------------------------------------------ extras
    @property
    def parameters(self):
        """[(W, b), ...] per layer: the arrays themselves, not copies."""
        return list(zip(self.weights, self.biases))

    def save(self, path, optimizer=None):
        """Write the network (and ``optimizer``'s state, to resume training) to a .npz file;
        see ``nn_helpers.saving``. Returns the path written."""
        from .saving import save

        return save(self, path, optimizer)

    @classmethod
    def load(cls, path) -> Network:
        """The network saved in ``path`` by ``save``, bit for bit."""
        from .saving import load

        return load(path)

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
        clone.dtype = check_dtype(dtype)
        clone.weights = [W.astype(clone.dtype) for W in self.weights]
        clone.biases = [b.astype(clone.dtype) for b in self.biases]
        return clone

    def __repr__(self):
        options = (f"loss={self.loss.name!r}, init={self.init!r}, seed={self.seed!r}, "
                   f"dtype={self.dtype.name!r}")
        hidden, rates = self.hidden, set(self._dropout[:-1])
        if hidden is not None and len(rates) <= 1:
            dropout = f", dropout={rates.pop()!r}" if rates and max(rates) else ""
            return (f"Network({self.sizes}, hidden={hidden.name!r}, "
                    f"output={self.output.name!r}, {options}{dropout})")
        layers = ", ".join(f"Layer({layer.units}, {layer.activation!r}"
                           + (f", dropout={layer.dropout!r})" if layer.dropout else ")")
                           for layer in self.layers)
        return f"Network([{self.sizes[0]}, {layers}], {options})"


def classes(A):
    """The predicted class of each row of outputs A (n, k): the most active unit, or for a
    single sigmoid output, 1 when it is at least 0.5."""
    if A.shape[1] == 1:
        return (A[:, 0] >= 0.5).astype(np.int64)
    return A.argmax(axis=1)

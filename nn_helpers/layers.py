"""What a layer is, how the short form [784, 100, 10] becomes layers, and how they start.

# n_in, n_out: units entering and leaving a layer.  W: (n_in, n_out), b: (n_out,).

A network (``nn_helpers.network``) is a list of these layers. Each has its own number of
units, activation and dropout rate; its weights start random, at a scale chosen so that the
signal neither explodes nor fades on its way through (see ``initial_parameters``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .checks import check_fraction, check_sizes

INITS = ("normal", "xavier", "he", "auto")
DTYPES = ("float32", "float64")


@dataclass(frozen=True)
class Layer:
    """One fully connected layer: its number of units, its activation and its dropout rate.

    ``activation=None`` takes the network's ``hidden`` (or, for the last layer, ``output``)
    activation; ``dropout`` is the probability of switching each unit off during training.

    >>> from nn_helpers import Network
    >>> Network([784, Layer(100, "relu", dropout=0.2), Layer(10, "softmax")],
    ...         loss="cross_entropy").sizes
    [784, 100, 10]
    """

    units: int
    activation: str | None = None
    dropout: float = 0.0


def dropout_mask(rng, shape, p, dtype):
    """Keep each unit with probability 1 - p, scaled by 1 / (1 - p) so E[mask] = 1."""
    return (rng.random(shape, dtype=np.float32) >= p).astype(dtype) / dtype.type(1.0 - p)


def resolve_layers(sizes, hidden, output, dropout):
    """Resolve the short form: each whole number in sizes[1:] becomes a Layer. Returns
    (layer, the argument its activation came from) pairs, for error messages."""
    if not isinstance(sizes, (list, tuple)):
        check_sizes(sizes)               # the error for a non-list
    sizes = list(sizes)
    dropout = check_fraction("dropout", dropout, typical=0.2)
    check_sizes([layer.units if isinstance(layer, Layer) else layer for layer in sizes])
    if isinstance(sizes[0], Layer):
        raise ValueError("sizes[0] is the number of inputs, a whole number, not a Layer.")
    layers = []
    last = len(sizes) - 1
    for i, entry in enumerate(sizes[1:], start=1):
        default, argument = (output, "output") if i == last else (hidden, "hidden")
        if not isinstance(entry, Layer):
            entry = Layer(int(entry), default, dropout if i < last else 0.0)
        elif entry.activation is None:
            entry = Layer(entry.units, default, entry.dropout)
        else:
            argument = f"sizes[{i}].activation"
        rate = check_fraction(f"sizes[{i}].dropout", entry.dropout, typical=0.2)
        if i == last and rate:
            raise ValueError(f"sizes[{i}] is the output layer; dropout={rate!r} there would "
                             f"switch answers off. Use dropout on hidden layers only.")
        layers.append((Layer(int(entry.units), entry.activation, rate), argument))
    return layers


def initial_parameters(sizes, init="normal", seed=0, dtype="float64"):
    """Random starting weights and biases, layer by layer from one seeded generator.

    * ``normal``: every weight and bias from N(0, 1), as in Nielsen's book. Simple, but
      with many inputs a unit's z gets a large spread and sigmoids start saturated.
    * ``xavier``: W ~ N(0, 2 / (n_in + n_out)), biases 0: keeps the variance of z near 1
      for tanh/sigmoid.
    * ``he``: W ~ N(0, 2 / n_in), biases 0: the factor 2 makes up for ReLU zeroing
      half of its inputs.
    ``init`` may also be a list with one of these per layer.
    """
    rng = np.random.default_rng(seed)
    inits = [init] * (len(sizes) - 1) if isinstance(init, str) else list(init)
    weights, biases = [], []
    for n_in, n_out, kind in zip(sizes[:-1], sizes[1:], inits):
        if kind == "normal":
            W = rng.standard_normal((n_in, n_out))
            b = rng.standard_normal(n_out)
        else:
            scale = np.sqrt(2.0 / (n_in + n_out)) if kind == "xavier" else np.sqrt(2.0 / n_in)
            W = scale * rng.standard_normal((n_in, n_out))
            b = np.zeros(n_out)
        weights.append(W.astype(dtype))
        biases.append(b.astype(dtype))
    return weights, biases


def check_dtype(dtype):
    dtype = np.dtype(dtype)
    if dtype.name not in DTYPES:
        raise ValueError(f"dtype must be one of {list(DTYPES)}; got {dtype.name!r}.")
    return dtype


def check_pairing(activations, loss, k):
    """Reject layer/loss combinations that cannot work, with the reason."""
    for i, f in enumerate(activations[:-1], start=1):
        if not f.elementwise:
            raise ValueError(f"hidden={f.name!r} (layer {i}) is not supported: {f.name} makes a "
                             "layer's units compete to sum to 1, which suits only the output "
                             "layer. Use 'relu', 'tanh' or 'sigmoid' for hidden layers.")
    output = activations[-1]
    if not output.elementwise and k < 2:
        raise ValueError(f"output={output.name!r} needs at least 2 output units: with one unit "
                         "it always outputs 1. Use output='sigmoid' for a yes/no answer.")
    loss.check_output(output.name)

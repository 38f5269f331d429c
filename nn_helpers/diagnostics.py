"""Looking inside a network: activation histograms, dead ReLUs, saturated sigmoids, learning curves.

# n: batch size, h: units in a hidden layer.  A: (n, h) activations of one layer.

Two failure modes are easy to see once you look at a hidden layer's activations:
* saturation: a sigmoid (or tanh) unit whose |z| is large outputs almost exactly 0 or 1 (or -1),
  where its slope f'(z) is nearly 0, so BP2 multiplies the error by almost nothing and the
  layers below stop learning;
* dead ReLUs: a ReLU unit whose z is negative for every input outputs 0 and has slope 0
  everywhere, so no gradient ever reaches its weights again.
The numbers come from pure functions (tested); ``plot_*`` only draw them (matplotlib is
imported inside those functions, so ``import nn_helpers.diagnostics`` stays light).
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS, get_activation

# An activation counts as saturated when its slope is under 1% of the function's largest slope:
# sigmoid'(z) < 0.01 * 0.25  <=>  a < ~0.01 or a > ~0.99;  tanh'(z) < 0.01  <=>  |a| > ~0.995.
SATURATION = 0.01


def hidden_activations(net, X):
    """The hidden layers' activations A[1] .. A[L-1] on the batch X: a list of (n, h) arrays."""
    return net.forward(X).A[1:-1]


def dead_fraction(A):
    """Fraction of units that output 0 (or less) for every example in the batch: a dead ReLU
    gets no gradient from any of these examples."""
    A = _as_batch(A)
    return float(np.mean(np.all(A <= 0, axis=0)))


def saturated_fraction(A, activation):
    """Fraction of the activations in A (n, h) where the slope f'(z) is under 1% of its maximum.

    The slope comes from the output a, as backpropagation computes it: for ``sigmoid``
    f'(z) = a (1 - a), for ``tanh`` 1 - a^2; for ``relu`` the slope is 0 wherever a = 0, so this
    is the fraction of zeros. An activation whose slope never falls (identity) gives 0.
    """
    names = [n for n, a in ACTIVATIONS.items() if a.prime_from_output is not None]
    if activation not in names:
        raise ValueError(f"activation must be one of {names}; got {activation!r}.")
    act = ACTIVATIONS[activation]
    A = _as_batch(A).astype(np.float64)
    slope = act.prime_from_output(A) / act.peak_slope
    return float(np.mean(slope < SATURATION))


def activation_report(net, X):
    """One dict per hidden layer: {"layer", "activation", "mean", "std", "saturated", "dead"}.

    "saturated" is measured for activations that saturate (sigmoid, tanh) and "dead" for those
    whose units can die (ReLU); the other entry is 0."""
    rows = []
    for layer, (A, act) in enumerate(zip(hidden_activations(net, X), net.activations),
                                     start=1):
        rows.append({"layer": layer, "activation": act.name, "mean": float(A.mean()),
                     "std": float(A.std()),
                     "saturated": saturated_fraction(A, act.name) if act.saturates else 0.0,
                     "dead": dead_fraction(A) if act.can_die else 0.0})
    return rows


def histogram_data(A, bins=30, value_range=None):
    """Counts and bin edges of all the values in A, as fractions of the entries (they sum to 1)."""
    values = np.asarray(A, dtype=np.float64).ravel()
    if values.size == 0:
        raise ValueError("A is empty: there are no activations to histogram.")
    counts, edges = np.histogram(values, bins=bins, range=value_range)
    return counts / values.size, edges


def _as_batch(A):
    A = np.asarray(A)
    if A.ndim != 2 or A.shape[0] == 0:
        raise ValueError(f"A must be a 2-D batch of activations, shape (n, h) with n >= 1; "
                         f"got shape {A.shape}.")
    return A


def plot_activation_histograms(net, X, axes=None, title=None, bins=30):
    """One histogram per hidden layer, titled with its saturated (or dead) fraction."""
    import matplotlib.pyplot as plt

    from .plots import COLORS

    activations = hidden_activations(net, X)
    report = activation_report(net, X)
    if axes is None:
        _, axes = plt.subplots(1, len(activations), figsize=(4.5 * len(activations), 3.6),
                               squeeze=False)
        axes = axes[0]
    for ax, A, row in zip(np.ravel(axes), activations, report):
        act = get_activation(row["activation"])
        value_range = act.range if act.saturates else None   # bounded: show the whole range
        fractions, edges = histogram_data(A, bins, value_range)
        ax.bar(edges[:-1], fractions, width=np.diff(edges), align="edge", color=COLORS[0],
               edgecolor="white")
        label = (f"dead units {row['dead']:.0%}" if act.can_die
                 else f"saturated {row['saturated']:.0%}")
        ax.set(xlabel=f"activation a ({row['activation']})", ylabel="fraction of values",
               title=f"hidden layer {row['layer']}: {label}")
    if title:
        plt.gcf().suptitle(title)
    return axes


def plot_learning_curves(history, axes=None, title=None):
    """Cost per epoch (training and validation) and, when recorded, validation accuracy."""
    import matplotlib.pyplot as plt

    from .plots import COLORS

    panels = 2 if history.val_accuracy else 1
    if axes is None:
        _, axes = plt.subplots(1, panels, figsize=(6 * panels, 4), squeeze=False)
        axes = axes[0]
    axes = np.ravel(axes)
    epochs = np.arange(1, history.epochs + 1)
    axes[0].plot(epochs, history.loss, color=COLORS[0], marker="o", label="training")
    if history.val_loss:
        axes[0].plot(epochs, history.val_loss, color=COLORS[1], marker="s", label="validation")
    axes[0].set(xlabel="epoch", ylabel="cost", title="cost per epoch")
    axes[0].legend()
    if panels == 2:
        acc = 100 * np.asarray(history.val_accuracy)
        axes[1].plot(epochs, acc, color=COLORS[2], marker="s", label="validation")
        best = int(np.argmax(acc))
        axes[1].axvline(best + 1, color=COLORS[5], linestyle="--", label=f"best: epoch {best + 1}")
        axes[1].set(xlabel="epoch", ylabel="accuracy (%)", title="validation accuracy")
        axes[1].legend()
    if title:
        plt.gcf().suptitle(title)
    return axes

"""Plots shared by the notebooks: decision boundaries and learning curves.

# n: examples, g: grid points per axis.  X: (n, 2) for the 2-D pictures.

The arithmetic behind each picture is a pure function (``decision_values``) that
the tests check; the drawing functions only hand its result to matplotlib.
Colours come from the colour-blind-safe Okabe-Ito palette.
"""

from __future__ import annotations

import numpy as np

# Okabe & Ito (2008): distinguishable with the common colour-vision deficiencies.
COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def grid_around(X, resolution=100, margin=0.25):
    """A (g, g) mesh covering the points of X (n, 2) with a margin: (xx, yy)."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = margin * (hi - lo + 1e-12)
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], resolution)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], resolution)
    return np.meshgrid(xs, ys)


def decision_values(predict, xx, yy):
    """The classifier's score for class 1 at every grid point, shape (g, g).

    ``predict`` maps (m, 2) inputs to (m, k) outputs; with one output that output is
    the score, with k > 1 outputs the score is the probability of class 1.
    """
    points = np.column_stack([xx.ravel(), yy.ravel()])
    A = np.asarray(predict(points))
    score = A[:, 0] if A.shape[1] == 1 else A[:, 1]
    return score.reshape(xx.shape)


def plot_decision_boundary(net, X, y, ax=None, resolution=150, title=None):
    """Shade where the network says class 1 and draw the points coloured by label."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    ax = ax or plt.gca()
    xx, yy = grid_around(X, resolution)
    scores = decision_values(net.predict, xx, yy)
    cmap = LinearSegmentedColormap.from_list("two_classes", [COLORS[0], "white", COLORS[1]])
    ax.contourf(xx, yy, scores, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.6)
    ax.contour(xx, yy, scores, levels=[0.5], colors="black", linewidths=1.5)
    for label, marker in ((0, "o"), (1, "s")):
        pts = X[np.asarray(y).reshape(-1) == label]
        ax.scatter(pts[:, 0], pts[:, 1], c=COLORS[label], marker=marker, edgecolors="black",
                   s=40, label=f"class {label}")
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title or "decision boundary (black: output 0.5)")
    ax.legend(loc="best")
    return ax


def plot_history(history, ax=None, title="learning curves"):
    """Training (and validation) loss per epoch."""
    import matplotlib.pyplot as plt

    ax = ax or plt.gca()
    epochs = np.arange(1, history.epochs + 1)
    ax.plot(epochs, history.loss, color=COLORS[0], marker="o", label="training loss")
    if history.val_loss:
        ax.plot(epochs, history.val_loss, color=COLORS[1], marker="s", label="validation loss")
    ax.set(xlabel="epoch", ylabel="cost", title=title)
    ax.legend()
    return ax

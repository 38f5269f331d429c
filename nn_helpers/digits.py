"""Pictures for the MNIST notebook: digit grids, the confusion matrix, mistakes, weights.

# n: images, p = 784 pixels (28 x 28), k = 10 classes, h: hidden units.  X: (n, p).

The arithmetic sits in pure functions that the tests check (``tile_images``,
``confusion_matrix``, ``most_confident_mistakes``, ``weights_as_images``); the
``show_*``/``plot_*`` functions only hand their results to matplotlib, which is
imported inside them so that ``import nn_helpers.digits`` stays light.
"""

from __future__ import annotations

import math

import numpy as np

SIDE = 28  # MNIST images are 28 x 28 pixels


# ------------------------------------------------------------------ pure functions
def as_images(X, side=SIDE):
    """Rows of pixels (n, side*side) -> stack of images (n, side, side). One row is
    accepted too. Raises ValueError when a row does not hold side*side pixels."""
    X = np.asarray(X)
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim == 3 and X.shape[1:] == (side, side):
        return X
    if X.ndim != 2 or X.shape[1] != side * side:
        raise ValueError(f"X must hold one {side}x{side} image per row, shape (n, {side * side}); "
                         f"got shape {X.shape}.")
    return X.reshape(len(X), side, side)


def tile_images(images, ncols, pad=1, fill=np.nan):
    """Lay a stack of images (n, r, c) out as one big picture, ``ncols`` per row.

    Images are separated by ``pad`` pixels of ``fill`` (NaN draws as blank); the last
    row is filled up with blanks. Returns shape (rows*(r+pad)-pad, ncols*(c+pad)-pad).
    """
    images = np.asarray(images, dtype=float)
    if images.ndim != 3 or len(images) == 0:
        raise ValueError(f"images must be a non-empty stack of shape (n, rows, cols); "
                         f"got shape {images.shape}.")
    if not isinstance(ncols, (int, np.integer)) or ncols < 1:
        raise ValueError(f"ncols must be a whole number >= 1; got {ncols!r}.")
    n, r, c = images.shape
    ncols = min(int(ncols), n)
    nrows = math.ceil(n / ncols)
    big = np.full((nrows * (r + pad) - pad, ncols * (c + pad) - pad), fill, dtype=float)
    for i, image in enumerate(images):
        top, left = (i // ncols) * (r + pad), (i % ncols) * (c + pad)
        big[top:top + r, left:left + c] = image
    return big


def _labels(y, name):
    y = np.asarray(y)
    if y.ndim == 2 and y.shape[1] > 1:     # one-hot rows or network outputs
        y = y.argmax(axis=1)
    if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"{name} must be integer class labels of shape (n,) (or one-hot rows); "
                         f"got dtype {y.dtype} and shape {y.shape}.")
    return y


def confusion_matrix(y_true, y_pred, num_classes=10):
    """Counts C (k, k): C[i, j] = how many examples of true class i were predicted as j.

    Row i sums to the number of examples of class i; the diagonal holds the correct
    answers, so accuracy = trace(C) / C.sum(). Labels or one-hot rows are accepted.
    """
    y_true, y_pred = _labels(y_true, "y_true"), _labels(y_pred, "y_pred")
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true and y_pred need one label per example each; got shapes "
                         f"{y_true.shape} and {y_pred.shape}.")
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.size and (y.min() < 0 or y.max() >= num_classes):
            raise ValueError(f"{name} holds labels from {y.min()} to {y.max()}, outside "
                             f"0..{num_classes - 1} (num_classes={num_classes}).")
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def per_class_recall(counts):
    """For each true class, the fraction recognised correctly: diag(C) / row sums (NaN
    for a class with no examples)."""
    counts = np.asarray(counts)
    totals = counts.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(counts) / totals, np.nan)


def most_confident_mistakes(outputs, y_true, count=12):
    """Indices of the wrongly classified examples the network was most sure about.

    outputs: (n, k) network outputs; the prediction is the argmax and its confidence
    is that output's value. Returns at most ``count`` indices, most confident first
    (ties keep the original order, so the result is reproducible).
    """
    outputs = np.asarray(outputs)
    if outputs.ndim != 2:
        raise ValueError(f"outputs must be 2-D, shape (n, k); got shape {outputs.shape}.")
    y_true = _labels(y_true, "y_true")
    if len(y_true) != len(outputs):
        raise ValueError(f"outputs and y_true must have the same number of rows; got "
                         f"{len(outputs)} and {len(y_true)}.")
    predicted = outputs.argmax(axis=1)
    confidence = outputs[np.arange(len(outputs)), predicted]
    wrong = np.flatnonzero(predicted != y_true)
    order = np.argsort(-confidence[wrong], kind="stable")
    return wrong[order][:count]


def weights_as_images(W, side=SIDE):
    """First-layer weights W (p, h) -> h images (h, side, side): column j is what hidden
    unit j adds up, one weight per pixel."""
    W = np.asarray(W)
    if W.ndim != 2 or W.shape[0] != side * side:
        raise ValueError(f"W must be the first layer's weights, shape ({side * side}, h) with "
                         f"one row per pixel; got shape {W.shape}.")
    return W.T.reshape(W.shape[1], side, side)


def closest_images(x, X, count=5):
    """Indices of the ``count`` rows of X nearest to the image x (one row of pixels), nearest
    first, by the straight-line (Euclidean) distance between their pixels. Uses
    ||X_i - x||^2 = ||X_i||^2 - 2 X_i . x + ||x||^2, one matrix-vector product for all rows."""
    x = np.asarray(x, dtype=float).reshape(-1)
    X = np.asarray(X)
    if X.ndim != 2 or X.shape[1] != x.size:
        raise ValueError(f"X must hold one image per row with {x.size} pixels like x; got "
                         f"shape {X.shape}.")
    squared = (X.astype(float) ** 2).sum(axis=1) - 2 * (X @ x) + x @ x
    return np.argsort(squared, kind="stable")[:count]


def train_small_digit_network(X_train, y_train, epochs=3, seed=0):
    """A ReLU + softmax network (784 -> 100 -> 10, AdamW) trained on MNIST in a few seconds:
    notebook 12's stand-in when no network saved by notebook 07 or 08 is found."""
    from .data import one_hot
    from .network import Network
    from .training import train

    net = Network([784, 100, 10], hidden="relu", output="softmax", loss="cross_entropy",
                  init="auto", seed=seed, dtype="float32")
    train(net, X_train, one_hot(y_train, 10, dtype="float32"), epochs=epochs, batch_size=32,
          optimizer="adamw", lr=1e-3, seed=seed, progress=False)
    return net


# ------------------------------------------------------------------------ pictures
def _grid_figure(n, ncols, cell=1.0):
    import matplotlib.pyplot as plt

    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(cell * ncols, cell * nrows * 1.25),
                             squeeze=False)
    for ax in axes.flat:
        ax.set_axis_off()
    return fig, axes.flat


def show_digits(X, labels=None, predictions=None, ncols=10, title=None, cell=1.1):
    """A grid of digits, each titled with its label (and the prediction, red when wrong)."""
    images = as_images(X)
    fig, axes = _grid_figure(len(images), ncols, cell)
    for i, (ax, image) in enumerate(zip(axes, images)):
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
        text, color = "", "black"
        if labels is not None:
            text = f"{labels[i]}"
        if predictions is not None:
            text = f"{labels[i]}→{predictions[i]}" if labels is not None else f"{predictions[i]}"
            if labels is not None and labels[i] != predictions[i]:
                color = "#D55E00"
        if text:
            ax.set_title(text, fontsize=14, color=color)
    if title:
        fig.suptitle(title, fontsize=16)
    fig.tight_layout()
    return fig


def plot_confusion_matrix(counts, ax=None, title="confusion matrix (test set)"):
    """Heat map of a confusion matrix with the count written in every cell."""
    import matplotlib.pyplot as plt

    counts = np.asarray(counts)
    k = len(counts)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 7))
    # a logarithmic colour scale, so the few mistakes stand out next to the big diagonal
    shown = np.log10(1 + counts)
    image = ax.imshow(shown, cmap="Blues")
    for i in range(k):
        for j in range(k):
            dark = shown[i, j] > 0.6 * shown.max()
            ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=10,
                    color="white" if dark else "black")
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xlabel("predicted digit", fontsize=14)
    ax.set_ylabel("true digit", fontsize=14)
    ax.set_title(title, fontsize=15)
    cbar = ax.figure.colorbar(image, ax=ax, fraction=0.046)
    cbar.set_label("log10(1 + count)", fontsize=12)
    return ax


def show_mistakes(X, outputs, y_true, count=12, ncols=6):
    """The most confident mistakes as images, titled 'true→predicted (confidence)'."""
    indices = most_confident_mistakes(outputs, y_true, count)
    outputs = np.asarray(outputs)
    images = as_images(np.asarray(X)[indices])
    fig, axes = _grid_figure(len(images), ncols, cell=1.8)
    for ax, i, image in zip(axes, indices, images):
        guess = int(outputs[i].argmax())
        ax.imshow(image, cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{int(np.asarray(y_true)[i])}→{guess} ({outputs[i, guess]:.2f})",
                     fontsize=13, color="#D55E00")
    fig.suptitle("most confident mistakes: true→predicted (output of the predicted unit)",
                 fontsize=14)
    fig.tight_layout()
    return fig


def show_weights(W, count=30, ncols=10):
    """The first ``count`` hidden units' incoming weights as 28 x 28 pictures.

    Blue: the pixel pushes the unit up, orange: pushes it down (a diverging scale
    centred on 0, the same for every picture).
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap

    images = weights_as_images(W)[:count]
    # the colour scale ends at the 99.5th percentile, so one extreme weight cannot wash out
    # every picture (the few larger weights just show at full colour)
    limit = float(np.percentile(np.abs(images), 99.5)) or 1.0
    cmap = LinearSegmentedColormap.from_list("weights", ["#E69F00", "white", "#0072B2"])
    fig, axes = _grid_figure(len(images), ncols, cell=1.2)
    for j, (ax, image) in enumerate(zip(axes, images)):
        shown = ax.imshow(image, cmap=cmap, vmin=-limit, vmax=limit)
        ax.set_title(f"unit {j}", fontsize=10)
    fig.colorbar(shown, ax=list(fig.axes), fraction=0.02, label="weight")
    fig.suptitle("first-layer weights: one picture per hidden unit", fontsize=15)
    plt.subplots_adjust(right=0.88)
    return fig

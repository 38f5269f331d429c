# n: examples, d: features, k: classes; X (n, d), labels (n,), Y (n, k)
"""Preparing data for a network: one-hot labels, a shuffled train/validation split, and
standardisation with the training set's statistics.
"""

from __future__ import annotations

import numpy as np

__all__ = ["one_hot", "train_val_split"]


def _looks_one_hot(a: np.ndarray) -> bool:
    """True if every row of a 2-D array has one 1 and the rest 0s."""
    with np.errstate(invalid="ignore"):
        return bool(np.isin(a, (0, 1)).all() and (a.sum(axis=1) == 1).all())


def one_hot(labels, num_classes=None, dtype="float64"):
    """Turn integer class labels (n,) into one-hot rows (n, k): row i has a 1 in column labels[i].

    ``num_classes`` (k) defaults to ``labels.max() + 1``; pass it explicitly when a batch
    may not contain the highest class. Booleans count as 0/1, and floats are accepted only if
    they are whole numbers (e.g. 3.0). Undo with ``Y.argmax(axis=1)``.
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        hint = "pass a 1-D array of integer class labels, one per example"
        if labels.ndim == 2 and labels.shape[1] == 1:
            hint = "it is a column; flatten it with labels.ravel()"
        elif labels.ndim == 2 and labels.size and _looks_one_hot(labels):
            hint = "looks like one-hot rows already; pass integer labels, e.g. Y.argmax(axis=1)"
        raise ValueError(f"labels must be 1-D with shape (n,), got shape {labels.shape}: {hint}")
    if labels.size == 0:
        raise ValueError("labels is empty: expected at least one label, got an array of shape (0,)")

    if labels.dtype == bool or np.issubdtype(labels.dtype, np.integer):
        labels = labels.astype(np.int64)
    elif np.issubdtype(labels.dtype, np.floating):
        whole = np.isfinite(labels) & (labels == np.round(labels))
        if not whole.all():
            i = int(np.argmin(whole))
            raise ValueError(
                f"labels must be whole numbers (class indices), got {labels[i]!r} at index {i}"
            )
        labels = labels.astype(np.int64)
    else:
        raise TypeError(f"labels must be integers (class indices), got dtype {labels.dtype}")

    if num_classes is None:
        num_classes = int(labels.max()) + 1
    elif isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise TypeError(f"num_classes must be an int, got {num_classes!r}")
    elif num_classes < 1:
        raise ValueError(f"num_classes must be at least 1, got {num_classes}")

    bad = (labels < 0) | (labels >= num_classes)
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"labels[{i}] = {labels[i]} is out of range: with num_classes={num_classes} "
            f"valid labels are 0..{num_classes - 1}"
        )

    n = labels.shape[0]
    Y = np.zeros((n, num_classes), dtype=dtype)
    Y[np.arange(n), labels] = 1  # row i gets its 1 in column labels[i]
    return Y


def _take_rows(a, rows: np.ndarray):
    """Rows of a NumPy array or, keeping its type and index, of a pandas DataFrame/Series."""
    return a.iloc[rows] if hasattr(a, "iloc") else a[rows]


def train_val_split(X, y, val_fraction=0.1, seed=0):
    """Shuffle the rows and hold out ``val_fraction`` of them: ``X_train, X_val, y_train, y_val``.

    The same ``seed`` gives the same split. Rows of ``X`` stay paired with rows of ``y``
    (which may be labels (n,) or one-hot rows (n, k)). pandas objects stay pandas objects.
    """
    if isinstance(val_fraction, bool) or not isinstance(val_fraction, (int, float, np.floating)):
        raise TypeError(f"val_fraction must be a number in (0, 1), got {val_fraction!r}")
    if not 0 < val_fraction < 1:
        raise ValueError(f"val_fraction must be strictly between 0 and 1, got {val_fraction}")
    if not hasattr(X, "iloc"):
        X = np.asarray(X)
    if not hasattr(y, "iloc"):
        y = np.asarray(y)
    if np.ndim(X) == 0 or np.ndim(y) == 0:
        raise ValueError("X and y must have one row per example, got a scalar")
    n = len(X)
    if len(y) != n:
        raise ValueError(f"X and y must have the same number of rows, got {n} and {len(y)}")

    n_val = round(n * float(val_fraction))
    if not 0 < n_val < n:
        raise ValueError(
            f"val_fraction={val_fraction} of {n} rows leaves {n_val} for validation and "
            f"{n - n_val} for training; both need at least one row"
        )
    order = np.random.default_rng(seed).permutation(n)
    val, train = order[:n_val], order[n_val:]
    return _take_rows(X, train), _take_rows(X, val), _take_rows(y, train), _take_rows(y, val)

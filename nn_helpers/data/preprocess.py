# n: examples, d: features, k: classes; X (n, d), labels (n,), Y (n, k)
"""Preparing data for a network: one-hot labels, a shuffled train/validation split, and
standardisation with the training set's statistics.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = ["one_hot", "standardize", "train_val_split"]


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


def standardize(X_train, *others, eps=0.0):
    """Centre and scale every feature with the TRAINING set's statistics.

    For each feature (column) j, measured on ``X_train`` (m rows) only::

        mu_j    = (1/m) sum_i X_train[i, j]
        sigma_j = sqrt((1/m) sum_i (X_train[i, j] - mu_j)^2)      (ddof=0, NumPy's default)
        X'[i, j] = (X[i, j] - mu_j) / (sigma_j + eps)

    and the SAME mu and sigma are applied to ``X_train`` and to every array in ``others``
    (validation, test, a new example): those sets stay unseen while the statistics are
    measured, and all of them land on one scale. The scaled ``X_train`` has mean 0 and
    standard deviation 1 in every column (with ``eps=0``).

    Shapes: ``X_train`` (m, d) or (m,) for a single feature; each of ``others`` (n, d) or one
    example (d,), resp. (n,). Everything is computed in float64.

    ``eps=0.0`` divides by the standard deviation exactly and refuses a feature whose
    training values are all equal (sigma = 0 would divide by zero). A small ``eps`` such
    as 1e-8 divides by sigma + eps instead, which keeps such a feature finite.

    Returns the scaled ``X_train`` alone when no ``others`` are given, else the tuple
    ``(X_train', *others')`` in the order given (like ``np.atleast_1d``)::

        x = standardize(alcohol)                                      # one feature
        X_train, X_val, X_test = standardize(X_train, X_val, X_test)   # three sets, one scale
    """
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real):
        raise TypeError(f"eps must be a number such as 0.0 or 1e-8, got {eps!r}")
    if not 0 <= eps < np.inf:
        raise ValueError(f"eps must be finite and >= 0 (e.g. 0.0 or 1e-8), got {eps}")
    X_train = np.asarray(X_train, dtype=float)
    if X_train.ndim == 0 or len(X_train) == 0:
        raise ValueError(f"X_train must hold at least one example (one per row), got shape "
                         f"{X_train.shape}")
    arrays = [np.asarray(X, dtype=float) for X in others]
    _check_features(X_train, arrays)
    mean = X_train.mean(axis=0)
    spread = X_train.std(axis=0)
    if eps == 0 and np.any(spread == 0):
        raise ValueError(_zero_spread_message(spread))
    scale = spread + eps
    scaled = [(X - mean) / scale for X in (X_train, *arrays)]
    return scaled[0] if not arrays else tuple(scaled)


def _check_features(X_train, arrays):
    """Each array is (n, *features) or a single example (*features), as X_train's rows are."""
    features = X_train.shape[1:]
    for i, X in enumerate(arrays):
        if X.shape == features or X.shape[1:] == features:
            continue
        want = f"(n, {', '.join(map(str, features))})" if features else "(n,)"
        raise ValueError(f"others[{i}] (argument {i + 2}) has shape {X.shape}, but X_train has "
                         f"shape {X_train.shape}: every array must have X_train's features, "
                         f"shape {want}, or be one example of them")


def _zero_spread_message(spread):
    if spread.ndim == 0:
        return ("X_train's values are all equal (standard deviation 0), so they cannot be "
                "standardised: dividing by 0 gives inf and NaN. Use a feature that varies, or "
                "pass eps (e.g. eps=1e-8) to divide by std + eps.")
    columns = np.flatnonzero(spread == 0).tolist()
    return (f"X_train column(s) {columns} have standard deviation 0 (all their values are "
            f"equal), so they cannot be standardised: dividing by 0 gives inf and NaN. Drop "
            f"them (they carry no information for the network), or pass eps (e.g. eps=1e-8) "
            f"to divide by std + eps.")

# n: examples, d: features, k: classes
"""Data for the notebooks: MNIST, Wine Quality, one-hot labels, splits and toy 2-D sets.

Where the files come from
-------------------------
Every data file is listed once, in ``FILES``, with its SHA-256 hash and the public mirrors
that serve it. A file is found in one of two places:

* If the environment variable ``NN_HELPERS_DATA`` names a folder, the file is read from
  ``$NN_HELPERS_DATA/mnist/<file>`` or ``$NN_HELPERS_DATA/wine/<file>`` and nothing is
  ever downloaded. CI and the tests point it at ``shared/data``.
* Otherwise the file is downloaded once (mirrors tried in order) into the cache folder
  ``pooch.os_cache("nn_helpers")`` and read from there afterwards.

Either way the file's SHA-256 is checked before it is used; a file with the wrong hash is
never parsed. The formats are read directly (IDX for MNIST, CSV for wine): no pickle.

pandas and pooch are imported inside the functions that need them, so that
``import nn_helpers`` stays quick.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import zlib
from pathlib import Path

import numpy as np

__all__ = [
    "DATASETS",
    "FILES",
    "DataUnavailableError",
    "data_path",
    "load_mnist",
    "load_wine_quality",
    "make_circles",
    "make_moons",
    "make_spirals",
    "make_xor",
    "one_hot",
    "read_idx",
    "require_data",
    "train_val_split",
]

ENV_VAR = "NN_HELPERS_DATA"

_MNIST_MIRRORS = [
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "http://yann.lecun.com/exdb/mnist/",
]
_WINE_URL = "https://archive.ics.uci.edu/ml/machine-learning-databases/wine-quality/"


def _mnist(name: str, sha256: str) -> tuple[str, str, list[str]]:
    return sha256, "mnist", [mirror + name for mirror in _MNIST_MIRRORS]


# The one table of data files: file name -> (SHA-256, subfolder, download URLs in order).
FILES: dict[str, tuple[str, str, list[str]]] = {
    "train-images-idx3-ubyte.gz": _mnist(
        "train-images-idx3-ubyte.gz",
        "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    ),
    "train-labels-idx1-ubyte.gz": _mnist(
        "train-labels-idx1-ubyte.gz",
        "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    ),
    "t10k-images-idx3-ubyte.gz": _mnist(
        "t10k-images-idx3-ubyte.gz",
        "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    ),
    "t10k-labels-idx1-ubyte.gz": _mnist(
        "t10k-labels-idx1-ubyte.gz",
        "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    ),
    "winequality-red.csv": (
        "4a402cf041b025d4566d954c3b9ba8635a3a8a01e039005d97d6a710278cf05e",
        "wine",
        [_WINE_URL + "winequality-red.csv"],
    ),
    "winequality-white.csv": (
        "76c3f809815c17c07212622f776311faeb31e87610d52c26d87d6e361b169836",
        "wine",
        [_WINE_URL + "winequality-white.csv"],
    ),
}

_HOW_TO_USE_A_FOLDER = (
    f"download the file yourself (any URL above), put it in a folder laid out as "
    f"mnist/<file> and wine/<file>, and set {ENV_VAR} to that folder, e.g. "
    f"`export {ENV_VAR}=/path/to/data` in a shell or "
    f"`os.environ['{ENV_VAR}'] = '/path/to/data'` in Python"
)


class DataUnavailableError(FileNotFoundError):
    """A data file is neither on disk (with the right hash) nor downloadable.

    ``reason`` says in a few words what went wrong for one file (for ``require_data``'s
    summary); ``files`` names every file the error is about.
    """

    def __init__(self, message: str, reason: str = "not available", files: tuple[str, ...] = ()):
        super().__init__(message)
        self.reason = reason
        self.files = files


# ---------------------------------------------------------------------------------------
# Finding and checking files
# ---------------------------------------------------------------------------------------


def _sha256(path: Path, chunk_size: int = 1 << 20) -> str:
    """SHA-256 of a file, read in 1 MiB chunks so a large file is never held twice."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def _check_hash(path: Path, name: str) -> None:
    """Raise ValueError unless ``path`` has the SHA-256 that ``FILES`` lists for ``name``."""
    expected = FILES[name][0]
    actual = _sha256(path)
    if actual != expected:
        raise ValueError(
            f"{path} has the wrong SHA-256, so it was NOT used.\n"
            f"  expected: {expected}\n"
            f"  actual:   {actual}\n"
            f"The file is damaged, truncated or a different version. Delete it and download "
            f"it again from {FILES[name][2][0]} (or copy it from the project's shared/data folder)."
        )


def _cache_dir() -> Path:
    """Folder where downloaded files are kept between sessions (a function so tests can move it)."""
    import pooch

    return Path(pooch.os_cache("nn_helpers"))


def _from_folder(root: Path, name: str) -> Path:
    """The verified copy of ``name`` in the ``NN_HELPERS_DATA`` folder; never downloads."""
    folder = root / FILES[name][1]
    path = folder / name
    if not path.is_file():
        raise DataUnavailableError(
            f"Data file {name!r} was not found in {folder} "
            f"(the folder {ENV_VAR}={str(root)!r} points at; nothing is downloaded while "
            f"{ENV_VAR} is set).\n"
            f"To fix: copy {name} into {folder}, e.g. from {FILES[name][2][0]}, or point "
            f"{ENV_VAR} at a folder laid out as mnist/<file> and wine/<file>, or unset "
            f"{ENV_VAR} to download into the cache instead.",
            reason="not found",
        )
    _check_hash(path, name)
    return path


def _download(name: str, network: bool = True) -> Path:
    """The verified copy of ``name`` in the cache, downloaded from the first mirror that works.

    With ``network=False`` only the cache is looked at.
    """
    import pooch

    sha256, _, urls = FILES[name]
    cache = _cache_dir()
    cached = cache / name
    note = f"no copy of {name} in the cache folder {cache}"
    if cached.is_file():
        try:
            _check_hash(cached, name)
            return cached  # already downloaded and intact: no network needed
        except ValueError as err:
            note = f"the cached copy was rejected: {err}"
    if not network:
        raise DataUnavailableError(
            f"{name} is not in the cache folder {cache} ({note}), and no download was tried.",
            reason="not in the download cache (no download tried after an earlier one failed)",
        )

    failures = []
    for url in urls:
        try:
            path = Path(pooch.retrieve(url, known_hash=f"sha256:{sha256}", fname=name, path=cache))
            _check_hash(path, name)  # pooch checks too; we do not rely on it alone
            return path
        except (OSError, ValueError) as err:  # network/HTTP errors are OSErrors, bad hash a
            failures.append((url, err))  # ValueError: note what went wrong, try the next mirror

    tried = "\n".join(f"  {url}\n    -> {type(err).__name__}: {err}" for url, err in failures)
    kinds = sorted({type(err).__name__ for _, err in failures})
    raise DataUnavailableError(
        f"Could not get data file {name!r}.\n"
        f"Tried these URLs, in order:\n{tried}\n"
        f"Looked in: the cache folder {cache} ({note}); {ENV_VAR} is not set.\n"
        f"To fix: connect to the internet and run again, or {_HOW_TO_USE_A_FOLDER}.",
        reason=f"not in the download cache, and all {len(urls)} mirrors failed "
        f"({', '.join(kinds)})",
    )


def data_path(name: str) -> Path:
    """Path to a verified local copy of the data file ``name`` (a key of ``FILES``).

    Reads from the ``NN_HELPERS_DATA`` folder when that variable is set, otherwise from the
    download cache (downloading if needed). The SHA-256 is checked on every call.
    """
    if name not in FILES:
        raise ValueError(f"name must be one of {sorted(FILES)}, got {name!r}")
    root = _data_folder()
    return _from_folder(root, name) if root else _download(name)


def _data_folder() -> Path | None:
    """The folder ``NN_HELPERS_DATA`` names, or None when it is not set."""
    root = os.environ.get(ENV_VAR, "").strip()
    return Path(root).expanduser() if root else None


DATASETS = {"mnist": "MNIST handwritten digits", "wine": "UCI Wine Quality"}


def require_data(*datasets: str) -> None:
    """Check, once, that every file of ``datasets`` is available; raise one error if not.

    ``datasets`` are names from ``DATASETS`` ("mnist", "wine"); none means all of them. Each
    file is found and its SHA-256 checked exactly as the loaders do it (downloading what is
    missing when ``NN_HELPERS_DATA`` is not set). Instead of stopping at the first missing
    file, the one ``DataUnavailableError`` lists every file that is not available, where it
    looked and how to fix it. After one failed download the rest are looked for in the cache
    only, so a machine without internet is not made to wait for every mirror of every file.
    """
    unknown = [name for name in datasets if name not in DATASETS]
    if unknown:
        raise ValueError(f"datasets must be among {sorted(DATASETS)}, got {unknown}")
    wanted = datasets or tuple(DATASETS)
    names = [name for name, (_, folder, _) in FILES.items() if folder in wanted]
    folder = _data_folder()
    problems: dict[str, str] = {}
    for name in names:
        try:
            if folder:
                _from_folder(folder, name)
            else:
                _download(name, network=not problems)
        except DataUnavailableError as err:
            problems[name] = err.reason
        except ValueError:  # the hash check: a damaged or different file is never used
            problems[name] = "wrong SHA-256 (damaged, truncated or another version), not used"
    if problems:
        raise DataUnavailableError(
            _missing_data_message(problems, len(names), folder), files=tuple(problems)
        )


def _missing_data_message(problems: dict[str, str], total: int, folder: Path | None) -> str:
    listing = "\n".join(f"  {FILES[name][1]}/{name}: {why}" for name, why in problems.items())
    layout = "laid out as mnist/<file> and wine/<file>"
    if folder:
        where = f"{folder}, the folder {ENV_VAR} names (nothing is downloaded while it is set)"
        fix = (f"copy the files listed into {folder}, {layout}; or point {ENV_VAR} at a "
               f"folder that holds them; or unset {ENV_VAR} to download them (needs internet)")
    else:
        where = f"the download cache {_cache_dir()}, then the public mirrors ({ENV_VAR} is not set)"
        fix = (f"connect to the internet and run again; or download the files elsewhere, put "
               f"them in a folder {layout}, and set {ENV_VAR} to that folder")
    return (
        f"{len(problems)} of the {total} data files needed are not available:\n{listing}\n"
        f"Looked in: {where}.\n"
        f"To fix: {fix}. The download addresses and SHA-256 of every file are listed in "
        f"nn_helpers/data.py (FILES)."
    )


# ---------------------------------------------------------------------------------------
# MNIST
# ---------------------------------------------------------------------------------------

_IDX_IMAGES = 0x00000803  # unsigned bytes, 3 dimensions (count, rows, cols)
_IDX_LABELS = 0x00000801  # unsigned bytes, 1 dimension (count)


def read_idx(path: str | os.PathLike, expected_magic: int | None = None) -> np.ndarray:
    """Read a gzipped IDX file (the MNIST format) into a read-only uint8 array.

    An IDX file is a big-endian header followed by raw bytes. The header is a 4-byte magic
    number ``0x0000TTDD`` (TT = 0x08 for unsigned bytes, DD = number of dimensions), then one
    4-byte size per dimension. For MNIST images the magic number is 0x803 and the sizes are
    (count, 28, 28); for labels it is 0x801 and the size is (count,).

    Raises ValueError if the file is not gzip, not IDX, or its size disagrees with its header.
    """
    path = Path(path)
    try:
        raw = gzip.decompress(path.read_bytes())  # one call: much faster than reading a stream
    except (OSError, EOFError, zlib.error) as err:
        raise ValueError(f"{path} is not a gzip-compressed IDX file ({err})") from err

    magic = int.from_bytes(raw[:4], "big")
    ndim = magic & 0xFF
    if len(raw) < 4 or magic >> 8 != 0x08 or not 1 <= ndim <= 4:
        raise ValueError(
            f"{path} is not an IDX file of unsigned bytes: its magic number is {magic:#010x}, "
            f"expected 0x00000801 (labels) or 0x00000803 (images)"
        )
    if expected_magic is not None and magic != expected_magic:
        raise ValueError(
            f"{path} has IDX magic number {magic:#010x}, expected {expected_magic:#010x}"
        )

    header = 4 + 4 * ndim
    if len(raw) < header:
        raise ValueError(f"{path} ends inside its IDX header ({len(raw)} bytes)")
    shape = tuple(int(s) for s in np.frombuffer(raw, dtype=">u4", count=ndim, offset=4))
    if len(raw) - header != int(np.prod(shape)):
        raise ValueError(
            f"{path}: the IDX header promises shape {shape} = {int(np.prod(shape))} bytes of "
            f"data, but the file holds {len(raw) - header}"
        )
    # frombuffer shares memory with the immutable bytes object, so the array is read-only.
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


@functools.lru_cache(maxsize=8)
def _read_idx_cached(path: str, sha256: str, expected_magic: int) -> np.ndarray:
    """``read_idx`` memoised per process. The hash is part of the key, so callers must pass
    the hash they have just verified; the cached arrays are read-only and never handed out."""
    return read_idx(path, expected_magic)


def _mnist_split(images_name: str, labels_name: str, dtype: np.dtype):
    """Load one split: images (n, 784) scaled to [0, 1] in ``dtype``, labels (n,) int64."""
    images_path, labels_path = data_path(images_name), data_path(labels_name)
    images = _read_idx_cached(str(images_path), FILES[images_name][0], _IDX_IMAGES)
    labels = _read_idx_cached(str(labels_path), FILES[labels_name][0], _IDX_LABELS)
    n, rows, cols = images.shape
    if (rows, cols) != (28, 28) or labels.shape != (n,):
        raise ValueError(
            f"MNIST files disagree: {images_path} holds images of shape {images.shape}, "
            f"{labels_path} holds labels of shape {labels.shape}"
        )
    X = images.reshape(n, rows * cols).astype(dtype)  # astype copies: the cache stays untouched
    X /= 255  # in place, to avoid a second large temporary
    return X, labels.astype(np.int64)


def load_mnist(dtype="float32"):
    """The MNIST digits as ``X_train, y_train, X_test, y_test``.

    Returns
    -------
    X_train : (60000, 784) array of ``dtype``, pixels scaled to [0, 1], one image per row
    y_train : (60000,) int64 digits 0..9
    X_test  : (10000, 784) array of ``dtype``
    y_test  : (10000,) int64

    The raw files are parsed once per process and kept in memory, so a second call takes a
    fraction of a second. Each call returns fresh, writable arrays: changing them in place
    cannot affect later calls.
    """
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(
            f"dtype must be a floating-point type such as 'float32' or 'float64', got {dtype}"
        )
    X_train, y_train = _mnist_split(
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", dtype
    )
    X_test, y_test = _mnist_split("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", dtype)
    return X_train, y_train, X_test, y_test


# ---------------------------------------------------------------------------------------
# Wine Quality
# ---------------------------------------------------------------------------------------

_WINE_FILES = {"red": "winequality-red.csv", "white": "winequality-white.csv"}


def load_wine_quality(color="red"):
    """The UCI Wine Quality table for ``color`` ("red": 1599 rows, "white": 4898 rows).

    Returns a pandas DataFrame with the CSV's 12 columns: 11 physicochemical measurements
    ("fixed acidity", ..., "alcohol") and the integer score "quality" (3..8 red, 3..9 white).
    """
    if color not in _WINE_FILES:
        raise ValueError(f"color must be one of {sorted(_WINE_FILES)}, got {color!r}")
    import pandas as pd

    return pd.read_csv(data_path(_WINE_FILES[color]), sep=";")


# ---------------------------------------------------------------------------------------
# Labels and splits
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Toy 2-D data sets: X (n, 2) float64, y (n,) int64, classes 0 and 1 as balanced as n allows
# ---------------------------------------------------------------------------------------


def _check_toy_args(n, noise) -> None:
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"n must be an int, got {n!r}")
    if n < 2:
        raise ValueError(f"n must be at least 2 (one point per class), got {n}")
    if not noise >= 0:  # also rejects NaN
        raise ValueError(f"noise must be >= 0, got {noise}")


def _finish(parts, noise, rng, shuffle=True):
    """Stack per-class point arrays, add Gaussian noise, label them 0, 1, ... and shuffle."""
    X = np.concatenate(parts)
    y = np.concatenate([np.full(len(p), c, dtype=np.int64) for c, p in enumerate(parts)])
    X = X + noise * rng.standard_normal(X.shape)
    if shuffle:  # so that any slice X[:m] holds both classes
        order = rng.permutation(len(X))
        X, y = X[order], y[order]
    return X, y


def make_xor(n=4, noise=0.0, seed=0):
    """The XOR problem: points near the corners of the unit square, label = x1 XOR x2.

    With the defaults (n=4, noise=0) this is exactly the truth table
    ``X = [[0, 0], [0, 1], [1, 0], [1, 1]]``, ``y = [0, 1, 1, 0]``. Larger ``n`` cycles
    through the four corners in that order and adds Gaussian noise of standard deviation
    ``noise`` around each, giving four clouds that no straight line can separate.
    """
    _check_toy_args(n, noise)
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    which = np.arange(n) % 4  # truth-table order, so any 4 consecutive rows are balanced
    X = corners[which] + noise * np.random.default_rng(seed).standard_normal((n, 2))
    y = (corners[which, 0] != corners[which, 1]).astype(np.int64)
    return X, y


def make_spirals(n=400, noise=0.05, seed=0, turns=1.5):
    """Two interleaved spirals, one per class, each winding ``turns`` times around the origin.

    The second arm is the first rotated by half a turn. Radii grow from 0.1 to 1, so arms
    ``turns`` revolutions long lie about ``0.45 / turns`` apart: keep ``noise`` well below that.
    """
    _check_toy_args(n, noise)
    if not turns > 0:
        raise ValueError(f"turns must be > 0, got {turns}")
    rng = np.random.default_rng(seed)
    parts = []
    for c, m in enumerate((n - n // 2, n // 2)):
        t = np.linspace(0, 1, m)
        radius = 0.1 + 0.9 * t  # start off the origin so the two arms never touch
        angle = 2 * np.pi * turns * t + np.pi * c
        parts.append(radius[:, None] * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _finish(parts, noise, rng)


def make_moons(n=200, noise=0.1, seed=0):
    """Two interlocking half circles of radius 1: class 0 arches up, class 1 arches down,
    shifted right by 1 and down by 0.5 so that each moon reaches into the other's hollow."""
    _check_toy_args(n, noise)
    rng = np.random.default_rng(seed)
    upper = np.linspace(0, np.pi, n - n // 2)
    lower = np.linspace(0, np.pi, n // 2)
    parts = [
        np.column_stack([np.cos(upper), np.sin(upper)]),
        np.column_stack([1 - np.cos(lower), 0.5 - np.sin(lower)]),
    ]
    return _finish(parts, noise, rng)


def make_circles(n=200, noise=0.05, seed=0, factor=0.5):
    """Two concentric circles: class 0 on radius 1, class 1 on radius ``factor`` (< 1).
    No straight line separates them; a hidden layer (or the feature x1**2 + x2**2) does."""
    _check_toy_args(n, noise)
    if not 0 < factor < 1:
        raise ValueError(f"factor (inner radius / outer radius) must be in (0, 1), got {factor}")
    rng = np.random.default_rng(seed)
    parts = []
    for radius, m in ((1.0, n - n // 2), (factor, n // 2)):
        angle = np.linspace(0, 2 * np.pi, m, endpoint=False)
        parts.append(radius * np.column_stack([np.cos(angle), np.sin(angle)]))
    return _finish(parts, noise, rng)

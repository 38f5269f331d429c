# n: images (60000 train, 10000 test), p = 784 pixels (28 x 28, row by row), digits 0..9
"""MNIST: the IDX file format and ``load_mnist``.

The four gzipped IDX files are found and their SHA-256 checked by ``files.data_path``; this
module parses them directly (no pickle), scales the pixels to [0, 1] and keeps the parsed
bytes in memory, so a second ``load_mnist()`` takes a fraction of a second.
"""

from __future__ import annotations

import functools
import gzip
import os
import zlib
from pathlib import Path

import numpy as np

from .files import FILES, data_path

__all__ = ["load_mnist", "read_idx"]

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

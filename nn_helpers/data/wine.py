# n: wines (1599 red, 4898 white), 12 columns: 11 measurements and the score "quality"
"""UCI Wine Quality: ``load_wine_quality`` reads the semicolon-separated CSV into a DataFrame.

The file is found and its SHA-256 checked by ``files.data_path``. pandas is imported inside
the function, so that ``import nn_helpers`` stays quick.
"""

from __future__ import annotations

from .files import data_path

__all__ = ["load_wine_quality"]

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

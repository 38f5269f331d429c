# n: examples, d: features, k: classes
"""Data for the notebooks: MNIST, Wine Quality, toy 2-D sets, and preparing data for a network.

One concern per module; every public name is re-exported here, so
``from nn_helpers.data import load_mnist, one_hot`` is all a notebook needs.

* ``files``      the table of data files (``FILES``, ``DATASETS``), the ``NN_HELPERS_DATA``
                 folder or the download cache, downloads, SHA-256 checks, ``require_data``
                 and ``DataUnavailableError``
* ``mnist``      the IDX format (``read_idx``) and ``load_mnist``
* ``wine``       ``load_wine_quality``
* ``toy``        ``make_xor``, ``make_spirals``, ``make_moons``, ``make_circles``
* ``preprocess`` ``one_hot``, ``train_val_split``, ``standardize`` (with the training set's
                 statistics only)

A test that replaces a private helper patches it in the module that defines it, e.g.
``monkeypatch.setattr(nn_helpers.data.files, "_cache_dir", ...)``: a name re-exported here is a
second reference, and replacing it would not change what the loaders call. For that reason
``_cache_dir`` is deliberately not re-exported (patching it here fails loudly instead of
silently doing nothing). The private names below are re-exported for code that only reads them
(``conftest.py`` reads the folder through ``_data_folder``).
"""

# ``name as name`` marks a re-export; the private ones are read-only (see the docstring).
from .files import DATASETS, FILES, DataUnavailableError, data_path, require_data
from .files import ENV_VAR as ENV_VAR
from .files import _data_folder as _data_folder  # conftest.py: the NN_HELPERS_DATA folder
from .files import _sha256 as _sha256  # tests/test_data.py
from .mnist import _read_idx_cached as _read_idx_cached  # tests/test_data.py: its cache_info
from .mnist import load_mnist, read_idx
from .preprocess import one_hot, standardize, train_val_split
from .toy import make_circles, make_moons, make_spirals, make_xor
from .wine import load_wine_quality

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
    "standardize",
    "train_val_split",
]

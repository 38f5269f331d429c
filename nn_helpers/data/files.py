# no arrays here: file names, folders, SHA-256 hashes and URLs (the loaders return the arrays)
"""Where the data files come from: the table of files, the folder or cache, downloads, hashes.

Every data file is listed once, in ``FILES``, with its SHA-256 hash and the public mirrors
that serve it. A file is found in one of two places:

* If the environment variable ``NN_HELPERS_DATA`` names a folder, the file is read from
  ``$NN_HELPERS_DATA/mnist/<file>`` or ``$NN_HELPERS_DATA/wine/<file>`` and nothing is
  ever downloaded. CI and the tests point it at ``shared/data``.
* Otherwise the file is downloaded once (mirrors tried in order) into the cache folder
  ``pooch.os_cache("nn_helpers")`` and read from there afterwards.

Either way the file's SHA-256 is checked before it is used; a file with the wrong hash is
never parsed (the parsers are in ``mnist.py`` and ``wine.py``). ``require_data`` checks a
whole data set at once and reports every missing file in one ``DataUnavailableError``.

pooch is imported inside the functions that need it, so that ``import nn_helpers`` stays
quick. Tests that move the cache patch ``_cache_dir`` here, in ``nn_helpers.data.files``.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

__all__ = ["DATASETS", "ENV_VAR", "FILES", "DataUnavailableError", "data_path", "require_data"]

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
        f"nn_helpers/data/files.py (FILES)."
    )

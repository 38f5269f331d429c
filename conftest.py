"""Root pytest set-up: what each test and notebook needs, found once, before anything runs.

* Data sets. A test needs them when it asks for the ``data_dir`` fixture or carries
  ``@pytest.mark.needs_data("mnist", ...)``; a notebook (and a browser test parametrised by
  ``notebook``) when its code calls a loader. They are looked for once, with
  ``nn_helpers.data.require_data``. When some are missing, the tests that need them are skipped
  and the one message (which files, where it looked, how to fix it) is printed once at the end;
  with ``CI`` set, the run stops at the start with that message instead, so CI cannot pass by
  skipping.
* Optional packages: a notebook executed with an extra installed is skipped without it, with the
  command that installs it.
"""

import functools
import importlib.util
import json
import os
from pathlib import Path

import pytest

from nn_helpers.data import (
    DATASETS,
    FILES,
    DataUnavailableError,
    _data_folder,  # the NN_HELPERS_DATA folder, read as the loaders do
    data_path,
    require_data,
)

NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"
# Notebooks whose committed outputs need an optional extra, and how to get it (in a terminal,
# in this folder, with the project's environment active).
NEEDS = {"10_pytorch_bridge.ipynb": ("torch", 'python -m pip install -e ".[torch]"')}
# A notebook that calls one of these loaders needs that data set.
LOADERS = {"load_mnist(": "mnist", "load_wine_quality(": "wine"}
MISSING_DATA = pytest.StashKey[tuple]()  # (message, number of tests skipped)


@functools.lru_cache(maxsize=None)
def datasets_loaded_by(notebook: Path) -> frozenset:
    """The data sets a notebook's code cells load."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return frozenset(name for call, name in LOADERS.items() if call in code)


def datasets_needed(item) -> frozenset:
    marker = item.get_closest_marker("needs_data")
    if marker:
        return frozenset(marker.args or DATASETS)
    if "data_dir" in getattr(item, "fixturenames", ()):
        return frozenset(DATASETS)
    if item.path.suffix == ".ipynb":
        return datasets_loaded_by(item.path)
    notebook = getattr(item, "callspec", None) and item.callspec.params.get("notebook")
    return datasets_loaded_by(NOTEBOOKS / notebook) if notebook else frozenset()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "needs_data(*datasets): skipped (failing in CI) unless these data sets "
                   f"{sorted(DATASETS)} are available; none named means all")


def pytest_collection_modifyitems(config, items):
    skip_without_extras(items)
    needs = {item: datasets_needed(item) for item in items}
    wanted = frozenset().union(*needs.values())
    if not wanted:
        return
    try:
        require_data(*sorted(wanted))
        return
    except DataUnavailableError as err:
        message, missing_files = str(err), err.files
    if os.environ.get("CI"):
        pytest.exit(f"the data sets are missing, and CI is set, so this run fails:\n{message}",
                    returncode=pytest.ExitCode.TESTS_FAILED)
    unavailable = {FILES[name][1] for name in missing_files}
    skipped = [item for item, sets in needs.items() if sets & unavailable]
    reason = f"needs the {', '.join(sorted(unavailable))} data, which is not available"
    for item in skipped:
        item.add_marker(pytest.mark.skip(reason=reason))
    config.stash[MISSING_DATA] = (message, len(skipped))


def skip_without_extras(items):
    for item in items:
        module, install = NEEDS.get(item.path.name, (None, None))
        if module and importlib.util.find_spec(module) is None:
            item.add_marker(pytest.mark.skip(
                reason=f"{item.path.name} was executed with {module} installed; "
                       f"without it its outputs differ. Install it with: {install}"))


def pytest_terminal_summary(terminalreporter, config):
    if MISSING_DATA in config.stash:
        message, skipped = config.stash[MISSING_DATA]
        terminalreporter.section("data sets not available", yellow=True)
        terminalreporter.write_line(
            f"{skipped} tests and notebook cells that need them were skipped.\n{message}")


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory) -> Path:
    """A folder of every verified data file, laid out as mnist/<file> and wine/<file>: the
    NN_HELPERS_DATA folder when it is set, else links into the download cache."""
    folder = _data_folder()
    if folder:
        return folder
    root = tmp_path_factory.mktemp("data")
    for name, (_, folder, _) in FILES.items():
        (root / folder).mkdir(exist_ok=True)
        (root / folder / name).symlink_to(data_path(name))
    return root

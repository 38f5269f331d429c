"""Root pytest set-up for the notebooks (nbval collects them from notebooks/)."""

import importlib.util

import pytest

# Notebooks whose committed outputs need an optional extra, and how to get it.
NEEDS = {"10_pytorch_bridge.ipynb": ("torch", 'pip install -e ".[torch]"')}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module, install = NEEDS.get(item.path.name, (None, None))
        if module and importlib.util.find_spec(module) is None:
            item.add_marker(pytest.mark.skip(
                reason=f"{item.path.name} was executed with {module} installed; "
                       f"without it its outputs differ. Install it with: {install}"))

"""The static website's staging (site/stage.py), without building it: links, navigation, widgets.

Building and opening every page in Chromium is `make site-check` (CI runs it after the tests).
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("stage", ROOT / "site" / "stage.py")
stage = importlib.util.module_from_spec(spec)
spec.loader.exec_module(stage)
REPOSITORY = stage.REPOSITORY        # read from pyproject.toml's [project.urls]


def test_the_binder_badge_launches_the_repository_named_in_pyproject():
    owner_and_name = REPOSITORY.removeprefix("https://github.com/")
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/([^/]+/[^/]+)/", readme)
    assert badge, "the README has no Binder badge"
    assert badge.group(1) == owner_and_name, (
        f"the Binder badge launches {badge.group(1)}, but pyproject.toml names {REPOSITORY}")


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    dest = tmp_path_factory.mktemp("site-src")
    stage.stage(dest)
    return dest


def test_the_home_page_lists_every_chapter_and_the_glossary(staged):
    index = (staged / "index.md").read_text()
    chapters = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    toc = index[index.index("```{toctree}"):]
    assert [f"notebooks/{c}" for c in chapters] + ["notebooks/glossary"] == [
        line for line in toc.splitlines() if line.startswith("notebooks/")]
    assert "binder-badge.svg" in index and stage.BADGE not in index
    assert (staged / "binder-badge.svg").exists()


def test_links_stay_on_the_site_or_go_to_the_repository(staged):
    index = (staged / "index.md").read_text()
    assert "](notebooks/00_start_here.ipynb)" in index                 # a page of the site
    assert f"]({REPOSITORY}/blob/HEAD/nn_helpers/network.py)" in index   # a file that is not
    cells = json.loads((staged / "notebooks" / "01_neuron_affine.ipynb").read_text())["cells"]
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "](../index.md)" in text and "../README.md" not in text      # back to the home page


def test_retarget_keeps_anchors_and_external_links():
    on_site = {Path("README.md"), Path("notebooks/05_backpropagation.ipynb")}
    md = ("[a](05_backpropagation.ipynb#the-four-equations) [b](../tools/reading_time.py) "
          "[c](https://example.org/x.py) [d](#summary) [e](../README.md#chapters)")
    out = stage.retarget(md, Path("notebooks"), on_site)
    assert "[a](05_backpropagation.ipynb#the-four-equations)" in out
    assert f"[b]({REPOSITORY}/blob/HEAD/tools/reading_time.py)" in out
    assert "[c](https://example.org/x.py)" in out and "[d](#summary)" in out
    assert "[e](../index.md#chapters)" in out


def test_widgets_the_site_cannot_draw_are_left_out():
    nb = {"metadata": {"widgets": {"application/vnd.jupyter.widget-state+json": {"state": {
        "a": {"model_module": "@jupyter-widgets/controls"},
        "b": {"model_module": "jupyter-matplotlib"},
        "c": {"model_module": "anywidget"}}}}}}
    stage.drop_undrawable_widgets(nb)
    assert sorted(nb["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]
                  ["state"]) == ["a", "b"]

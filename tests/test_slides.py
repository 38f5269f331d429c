"""Slides for a classroom (tools/slides.py): the rule that cuts a notebook into a talk, and
every committed notebook cut by it, so an edited notebook cannot leave its slides behind.
"""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("slides", ROOT / "tools" / "slides.py")
slides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slides)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTION = ("<details>\n<summary>Solution (click to reveal)</summary>\n\n"
            "```python\nx = 1\n```\n</details>")


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(text="x = 1"):
    return {"cell_type": "code", "metadata": {}, "source": text, "outputs": [],
            "execution_count": None}


def types(*cells):
    return slides.slide_types(list(cells))


# ------------------------------------------------------------------------------- the rule

def test_the_title_and_each_section_start_a_slide():
    assert types(md("# 01 · Title\n\nThe promise."), code(), md("## 1. A section\n\nText."),
                 code()) == ["slide", "-", "slide", "-"]


def test_the_first_cell_starts_the_talk_whatever_it_holds():
    assert types(code(), md("Some words.")) == ["slide", "subslide"]


def test_a_third_level_heading_starts_a_subslide():
    assert types(md("# T"), md("## S"), md("### The math\n\n$$z = wx + b$$"), code()) == [
        "slide", "slide", "subslide", "-"]


def test_a_heading_inside_the_cell_counts_not_only_on_its_first_line():
    assert types(md("# T"), md("Closing words.\n\n## 2. Next section")) == ["slide", "slide"]
    assert types(md("# T"), md("Words.\n\n### Your turn 1")) == ["slide", "subslide"]


def test_the_highest_heading_of_a_cell_decides():
    assert types(md("# T"), md("### Sub\n\ntext\n\n## Section")) == ["slide", "slide"]


def test_prose_after_code_starts_a_subslide_and_prose_after_prose_stays():
    assert types(md("# T"), md("Explain."), code(), md("What the output shows."),
                 md("More of it."), code(), code()) == [
        "slide", "-", "-", "subslide", "-", "-", "-"]


def test_a_solution_is_a_speaker_note():
    assert types(md("# T"), md("### Your turn 1\n\nDo it."), code(), md(SOLUTION)) == [
        "slide", "subslide", "-", "notes"]
    answer = ("<details>\n<summary>A model answer (click to reveal)</summary>\n\n"
              "Because.\n</details>")
    assert types(md("# T"), md(answer)) == ["slide", "notes"]


def test_a_note_does_not_hide_that_code_came_before():
    """Prose after [code, solution] still follows code: it starts a subslide."""
    assert types(md("# T"), code(), md(SOLUTION), md("Next idea.")) == [
        "slide", "-", "notes", "subslide"]


def test_a_hint_stays_on_the_slide_and_text_after_a_solution_is_shown():
    hint = "<details>\n<summary>Hint</summary>\n\nTry `x.sum()`.\n</details>"
    assert types(md("# T"), md("Words."), md(hint)) == ["slide", "-", "-"]
    assert types(md("# T"), md("Words."), md(SOLUTION + "\n\n### Your turn 2\n\nAgain.")) == [
        "slide", "-", "subslide"]


def test_comments_in_fenced_code_and_folded_blocks_are_not_headings():
    fenced = "Words.\n\n```python\n# a comment, not a heading\nx = 1\n```"
    folded = "Words.\n\n<details>\n<summary>Hint</summary>\n\n## not shown open\n</details>"
    assert types(md("# T"), md(fenced), md(folded)) == ["slide", "-", "-"]


def test_deeper_headings_do_not_cut():
    assert types(md("# T"), md("#### A small heading\n\ntext")) == ["slide", "-"]


def test_with_slides_sets_only_slide_metadata():
    nb = {"cells": [md("# T"), dict(code(), metadata={"tags": ["x"], "execution": {"a": 1}})],
          "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    before = json.loads(json.dumps(nb))
    out = slides.with_slides(nb)
    assert nb == before, "with_slides changed its argument"
    assert out["cells"][1]["metadata"] == {"tags": ["x"], "execution": {"a": 1},
                                           "slideshow": {"slide_type": "-"}}
    assert out["cells"][1]["source"] == nb["cells"][1]["source"]
    assert out["metadata"] == {"kernelspec": {"name": "python3"}, "rise": slides.RISE}
    assert slides.with_slides(out) == out, "applying the rule twice changes something"


def test_write_is_idempotent_and_check_reports_a_drift(tmp_path):
    nb = {"cells": [md("# T"), code(), md("Words.")], "metadata": {}, "nbformat": 4,
          "nbformat_minor": 5}
    path = tmp_path / "00_x.ipynb"
    path.write_text(slides.dumps(nb), encoding="utf-8")
    tool = [sys.executable, str(ROOT / "tools" / "slides.py")]
    drift = subprocess.run(tool + ["--check", str(path)], capture_output=True, text=True)
    assert drift.returncode == 1 and "--write" in drift.stdout and str(path) in drift.stdout
    assert slides.write(path) is True
    once = path.read_text(encoding="utf-8")
    assert slides.write(path) is False and path.read_text(encoding="utf-8") == once
    assert subprocess.run(tool + ["--check", str(path)]).returncode == 0


# ------------------------------------------------------------------- the committed notebooks

@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_notebook_is_cut_by_the_rule(path):
    """Fails when a notebook's slide metadata drifted (a cell added, a heading changed)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    expected = slides.slide_types(nb["cells"])
    found = [c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in nb["cells"]]
    wrong = [f"cell {i} ({slides.source(c)[:40]!r}): {got} instead of {want}"
             for i, (c, got, want) in enumerate(zip(nb["cells"], found, expected)) if got != want]
    assert not wrong, (f"{path.name}: slide metadata differs from the rule; run  python "
                       f"tools/slides.py --write {path.relative_to(ROOT)}\n" + "\n".join(wrong))
    assert nb["metadata"].get("rise") == slides.RISE, f"{path.name}: RISE settings differ"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_talk_opens_each_section_on_a_new_slide(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    kinds = slides.slide_types(nb["cells"])
    assert kinds.count("slide") >= 3, f"{path.name}: only {kinds.count('slide')} slides"
    for cell, kind in zip(nb["cells"], kinds):
        if cell["cell_type"] == "markdown" and slides.source(cell).startswith("## "):
            assert kind == "slide", f"{path.name}: {slides.source(cell)[:40]!r} is {kind}"

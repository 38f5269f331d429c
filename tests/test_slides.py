"""Slides for a classroom (tools/slides.py): the rule that cuts a notebook into a talk, and
every committed notebook cut by it, so an edited notebook cannot leave its slides behind.

The browser test (marked ``browser``, like tests/test_browser.py: skipped without Chromium,
failed when CI is set) presents notebook 01 with RISE in JupyterLab, offline, and runs two of
its code cells inside the slides: one on the title slide, one that draws a figure on the next.
"""

import importlib.util
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lab_support import require_browser, running_jupyterlab

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("slides", ROOT / "tools" / "slides.py")
slides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(slides)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


decks = _load("site_slides", ROOT / "site" / "slides.py")        # the static decks
stage = _load("site_stage", ROOT / "site" / "stage.py")
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


# ------------------------------------------------------------ the static decks of the site

def test_a_deck_shows_an_apps_picture_and_leaves_out_what_it_cannot_draw():
    app = {"output_type": "display_data", "metadata": {}, "data": {
        decks.WIDGET: {"model_id": "a"}, "image/png": "iVBOR", "text/plain": "App"}}
    bar = {"output_type": "display_data", "metadata": {},
           "data": {decks.WIDGET: {"model_id": "b"}, "text/plain": "epochs: 0%"}}
    text = {"output_type": "stream", "name": "stdout", "text": "shape (4, 2)\n"}
    kept = decks.pictures_not_widgets([app, bar, text])
    assert kept == [dict(app, data={"image/png": "iVBOR", "text/plain": "App"}), text]


def test_links_in_a_deck_go_to_the_sites_pages_or_to_github():
    md = ("[a](05_backpropagation.ipynb#the-four-equations) [b](glossary.md) "
          "[c](../README.md#chapters) [d](../tools/slides.py) [e](https://example.org)")
    out = decks.site_links(md)
    assert "[a](../notebooks/05_backpropagation.html#the-four-equations)" in out
    assert "[b](../notebooks/glossary.html)" in out and "[c](../index.html#chapters)" in out
    assert f"[d]({stage.REPOSITORY}/blob/HEAD/tools/slides.py)" in out
    assert "[e](https://example.org)" in out


def test_deck_notebook_leaves_the_original_alone_and_drops_the_widget_state():
    nb = json.loads((ROOT / "notebooks" / "01_neuron_affine.ipynb").read_text(encoding="utf-8"))
    before = json.dumps(nb)
    deck = decks.deck_notebook(nb)
    assert json.dumps(nb) == before
    assert "widgets" not in deck["metadata"]
    outputs = [o for c in deck["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if decks.WIDGET in o.get("data", {})]
    assert sum("image/png" in o.get("data", {}) for o in outputs) == sum(
        "image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", []))


def test_the_deck_template_loads_nothing_from_another_host():
    pytest.importorskip("nbconvert")
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\n$$z = w x + b$$", metadata={
            "slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell("1 + 1", outputs=[nbformat.v4.new_output(
            "execute_result", {"text/plain": "2"}, execution_count=1)])])
    html, _ = decks.exporter().from_notebook_node(nb, resources={"metadata": {"name": "t"}})
    elsewhere = re.findall(r'(?:src|href)="(https?://[^"]+)"|import \w+ from \'(https?://[^\']+)',
                           html)
    assert not elsewhere, f"the deck would load {elsewhere}"
    for local in ("../_static/npm/reveal.js/dist/reveal.js", "../_static/npm/requirejs/require.js",
                  "../_static/npm/mathjax/tex-mml-chtml.js"):
        assert local in html
    assert "MathJax.Hub" not in html, "MathJax 2 code left in a page that loads MathJax 3"


def test_each_chapter_page_links_to_its_deck_and_the_slides_page_lists_them_all(tmp_path):
    stage.stage(tmp_path)
    for path in NOTEBOOKS:
        cells = json.loads((tmp_path / "notebooks" / path.name).read_text())["cells"]
        assert f'href="../slides/{path.stem}.html"' in "".join(cells[0]["source"]), path.name
    page = (tmp_path / "slides.md").read_text()
    assert [f"slides/{p.stem}.html" for p in NOTEBOOKS] == re.findall(r'href="([^"]+)"', page)
    assert "Alt+R" in page
    assert "\nslides\n" in (tmp_path / "index.md").read_text()       # in the navigation


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


# -------------------------------------------------------- live: RISE in JupyterLab, offline

SHOTS = Path(__file__).resolve().parent / "screenshots"
TALK = "01_neuron_affine.ipynb"


def _unrun_copy(source: Path, dest: Path) -> None:
    """The notebook with no outputs or counts, so only a run in the slides can produce them."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    dest.write_text(json.dumps(nb), encoding="utf-8")


@pytest.fixture
def rise_lab(tmp_path):
    """JupyterLab on 127.0.0.1 serving an un-run copy of notebook 01; yields its URL."""
    require_browser("the RISE test", [] if importlib.util.find_spec("jupyterlab_rise") else
                    ["jupyterlab-rise (pip install -e .)"])
    root = tmp_path / "root"
    root.mkdir()
    _unrun_copy(ROOT / "notebooks" / TALK, root / TALK)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with running_jupyterlab(root, tmp_path, port, tmp_path / "jupyterlab.log") as url:
        yield url


def _run_cell(page, frame, text, timeout=60):
    """Click into the code cell of the slides that holds ``text`` and press Shift+Enter, as a
    presenter does; wait for its execution count and return the cell."""
    cell = frame.locator(".jp-CodeCell").filter(has_text=text).first
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")          # RISE: run the cell, go on to the next one
    prompt, deadline = cell.locator(".jp-InputPrompt"), time.monotonic() + timeout
    while not prompt.inner_text().strip().rstrip(":").strip("[]").isdigit():
        if time.monotonic() > deadline:
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "rise_cell_did_not_run.png"))
            pytest.fail(f"the cell did not run in {timeout} s; its prompt says "
                        f"{prompt.inner_text()!r} (tests/screenshots/rise_cell_did_not_run.png)")
        time.sleep(0.2)
    return cell


@pytest.mark.browser
def test_rise_presents_a_notebook_and_runs_its_code_in_the_slides(rise_lab, chromium):
    start = time.monotonic()
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    elsewhere = []

    def only_local(route):
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    page.goto(f"{rise_lab}/lab/workspaces/rise/tree/{TALK}?reset")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=60_000)
    # the notebook toolbar's RISE button (Alt+R) opens the slideshow beside the notebook
    page.locator(".jp-NotebookPanel-toolbar [title*='Reveal Slideshow']").first.click()
    frame = page.frame_locator("iframe[src*='/rise/']")
    slide = frame.locator(".reveal .slides section.present")
    slide.first.wait_for(timeout=60_000)
    title = slide.first.inner_text().lower()
    assert "01 · the neuron" in title and "1. one neuron" not in title, "no title slide"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "rise_01_title_slide.png"))

    # the title slide's code (the imports) runs, and the talk moves on to section 1
    imports = _run_cell(page, frame, "%matplotlib inline")
    assert imports.locator(".jp-InputPrompt").inner_text().strip() == "[1]:"
    frame.locator("section.present h2").first.wait_for(timeout=10_000)
    second = slide.first.inner_text().lower()
    assert "1. one neuron" in second and "01 · the neuron" not in second, "no 2nd slide"
    # its drawing cell draws the neuron into the slide (the copy had no output at all)
    drawing = _run_cell(page, frame, 'inputs = ["moisture')
    assert drawing.locator(".jp-InputPrompt").inner_text().strip() == "[2]:"
    drawing.locator(".jp-OutputArea-output img").first.wait_for(timeout=30_000)
    frame.locator(".reveal .controls .navigate-up").first.click()   # back to the figure
    page.wait_for_timeout(1000)
    drawing.locator(".jp-OutputArea-output img").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "rise_01_figure_slide.png"))
    context.close()
    assert not elsewhere, f"the slides asked another host for {elsewhere}"
    print(f"[timing] RISE: lab opened, slides shown, two cells run in "
          f"{time.monotonic() - start:.1f} s")

"""Static slide decks for the website: each notebook a reveal.js talk, from its committed outputs.

    python site/slides.py SITE_HTML_DIR        (make site runs it after Sphinx)

Writes SITE_HTML_DIR/slides/NN_name.html for every numbered notebook, cut into slides by the
notebook's own slide metadata (tools/slides.py sets it; RISE reads the same metadata live in
JupyterLab). Nothing is executed. The decks load nothing from another host: reveal.js,
require.js and MathJax are the site's own copies in _static/npm (site/conf.py copies them from
npm), and the template (site/slides_template) leaves out what nbconvert would take from a CDN
(jQuery, Mermaid, the widget manager). A widget has no kernel here, so an app's output shows
the PNG of its saved state, and a widget with no picture (a progress bar, a plain slider) is
left out. Links to other chapters go to their pages on the site, links to other files of the
repository to GitHub (site/stage.py's rule). The solutions are speaker notes, not shown.
"""

from __future__ import annotations

import copy
import json
import re
import sys
import time
from pathlib import Path

SITE = Path(__file__).resolve().parent
REPO = SITE.parent
sys.path.insert(0, str(SITE))
from stage import retarget  # noqa: E402  (one rule for links, site and decks)

WIDGET = "application/vnd.jupyter.widget-view+json"
STATIC = "../_static/npm"                       # seen from SITE_HTML_DIR/slides/
ON_SITE_PAGE = re.compile(r"\]\((?!https?:|#|mailto:)([^)#\s]+)\.(?:ipynb|md)(#[^)\s]*)?\)")


def notebooks() -> list[Path]:
    """Every numbered notebook, one deck each."""
    return sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def pictures_not_widgets(outputs: list[dict]) -> list[dict]:
    """Outputs as a deck can show them: a widget's saved PNG, or nothing when it has none."""
    kept = []
    for output in outputs:
        data = output.get("data", {})
        if WIDGET in data:
            if "image/png" not in data:
                continue                  # a live control or progress bar: nothing to show
            output = dict(output, data={k: v for k, v in data.items() if k != WIDGET})
        kept.append(output)
    return kept


def site_links(markdown: str) -> str:
    """Links as they work from a deck: chapters and the glossary to their site pages."""
    on_site = {REPO / "README.md", *notebooks(), REPO / "notebooks" / "glossary.md"}
    text = retarget(markdown, Path("notebooks"), {p.relative_to(REPO) for p in on_site})
    text = text.replace("](../index.md", "](../index.html")
    return ON_SITE_PAGE.sub(lambda m: f"](../notebooks/{m.group(1)}.html{m.group(2) or ''})",
                            text)


def deck_notebook(nb: dict) -> dict:
    """A copy of the notebook prepared for a static deck (the original is not changed)."""
    nb = copy.deepcopy(nb)
    nb["metadata"].pop("widgets", None)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = pictures_not_widgets(cell.get("outputs", []))
        elif cell["cell_type"] == "markdown":
            cell["source"] = site_links("".join(cell["source"]))
    return nb


def exporter():
    """nbconvert's reveal.js exporter, pointed at the site's own copies of everything."""
    import nbformat  # noqa: F401  (nbconvert needs it; imported here to fail early and clearly)
    from nbconvert import SlidesExporter

    return SlidesExporter(
        extra_template_basedirs=[str(SITE)], template_name="slides_template",
        reveal_url_prefix=f"{STATIC}/reveal.js", reveal_theme="white",
        reveal_transition="none", reveal_scroll=True,
        require_js_url=f"{STATIC}/requirejs/require.js",
        mathjax_url=f"{STATIC}/mathjax/tex-mml-chtml.js")


def build(html_dir: Path) -> list[Path]:
    """Write every deck into html_dir/slides/; returns the decks written."""
    import nbformat

    for needed in ("reveal.js/dist/reveal.js", "requirejs/require.js", "mathjax/tex-mml-chtml.js"):
        if not (html_dir / "_static" / "npm" / needed).exists():
            raise SystemExit(f"{html_dir}/_static/npm/{needed} is missing: build the site first "
                             "(make site runs Sphinx, which copies it, then this script)")
    out = html_dir / "slides"
    out.mkdir(parents=True, exist_ok=True)
    slides, written = exporter(), []
    for path in notebooks():
        nb = deck_notebook(json.loads(path.read_text(encoding="utf-8")))
        body, _ = slides.from_notebook_node(nbformat.reads(json.dumps(nb), as_version=4),
                                            resources={"metadata": {"name": path.stem}})
        target = out / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    return written


if __name__ == "__main__":
    start = time.monotonic()
    decks = build(Path(sys.argv[1]))
    print(f"{len(decks)} slide decks in {decks[0].parent} ({time.monotonic() - start:.1f} s)")

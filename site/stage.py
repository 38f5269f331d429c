"""Stage the site's sources: the README (home page), the notebooks and the glossary, as in the repo.

    python site/stage.py DEST

Copies, never edits the originals. Two changes are made to the copies, both about links:
- the README becomes the home page, index.md (links to it follow), with a hidden table of
  contents (the site's chapter navigation) listing every numbered notebook and the glossary;
- a link to a file of the repository that is not on the site (a module, a tool) is pointed at
  that file in the repository on GitHub, so it does not break;
- the Binder badge's picture, which the README loads from mybinder.org, is a local copy
  (site/binder-badge.svg), because a page of the site loads nothing from another host.
Each chapter page also opens with a link to its slide deck (site/slides.py writes the decks),
and a Slides page lists every deck and says how to present the notebooks live (RISE).
And the saved state of widgets the site cannot draw (the drawing pad of notebook 12 is an
anywidget, whose code comes from the kernel) is left out, so no page asks for missing code:
the site shows every app's saved picture instead (site/conf.py).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# the one place the address is written is pyproject.toml's [project.urls] (tomllib needs 3.11)
REPOSITORY = re.search(r'^Repository = "([^"]+)"', (REPO / "pyproject.toml").read_text(),
                       re.M).group(1)
BADGE = "https://mybinder.org/badge_logo.svg"
DRAWABLE = ("@jupyter-widgets/", "jupyter-matplotlib")   # widget modules the site serves
LINK = re.compile(r"\]\((?!https?:|#|mailto:)([^)#\s]+)(#[^)\s]*)?\)")


def pages() -> list[Path]:
    """Every file the site shows, relative to the repository root."""
    notebooks = sorted(p.relative_to(REPO) for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    return [Path("README.md"), *notebooks, Path("notebooks/glossary.md")]


def retarget(markdown: str, folder: Path, on_site: set[Path]) -> str:
    """Links to repository files that are not on the site point at GitHub instead."""
    def fix(match):
        target, anchor = match.group(1), match.group(2) or ""
        resolved = (REPO / folder / target).resolve().relative_to(REPO)
        if resolved == Path("README.md"):               # the home page
            return f"]({Path(*['..'] * len(folder.parts), 'index.md').as_posix()}{anchor})"
        if resolved in on_site:
            return match.group(0)
        kind = "tree" if (REPO / resolved).is_dir() else "blob"
        return f"]({REPOSITORY}/{kind}/HEAD/{resolved.as_posix()}{anchor})"
    return LINK.sub(fix, markdown)


def drop_undrawable_widgets(nb: dict) -> None:
    state = nb.get("metadata", {}).get("widgets", {}).get(
        "application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model_id in [k for k, m in state.items() if not m["model_module"].startswith(DRAWABLE)]:
        del state[model_id]


def toctree(notebooks: list[Path]) -> str:
    entries = "\n".join(p.with_suffix("").as_posix() for p in notebooks)
    return (f"\n\n```{{toctree}}\n:hidden:\n:caption: Chapters\n\n"
            f"{entries}\nnotebooks/glossary\nslides\n```\n")


def title(nb: dict) -> str:
    """A notebook's title: its first heading, without the #."""
    first = "".join(nb["cells"][0]["source"]).lstrip()
    return first.split("\n", 1)[0].lstrip("# ").strip()


def slides_link(page: Path) -> dict:
    """The cell that opens a chapter page with a link to the chapter's slide deck."""
    href = f"../slides/{page.stem}.html"
    return {"cell_type": "markdown", "id": "slides-link", "metadata": {},
            "source": f'<p class="slides-link">Teaching this chapter? '
                      f'<a href="{href}">Open it as slides</a> (reveal.js, offline; '
                      f'<a href="../slides.html">how to present it live</a>).</p>'}


def slides_page(notebooks: list[Path]) -> str:
    """The Slides page: every deck, and how to present the notebooks live."""
    items = "\n".join(
        f'<li><a href="slides/{p.stem}.html">'
        f'{title(json.loads((REPO / p).read_text(encoding="utf-8")))}</a></li>'
        for p in notebooks)
    return ("# Slides\n\nEach notebook is also a talk, cut into slides by one rule "
            "(`tools/slides.py`): a section is a slide; a subsection, or an explanation "
            "after code, goes below it; the exercises' solutions are left out of the slides, as "
            "speaker notes (they stay, folded, on each chapter's page).\n\n"
            "**Live, with code that runs:** in JupyterLab (`make lab`), open a notebook and "
            "press the slideshow button of the notebook's toolbar, or Alt+R (RISE). "
            "Shift+Enter runs the code cell on a slide and moves on. The apps show their "
            "picture there but not their sliders (jupyterlab-rise 0.43 with ipywidgets 8): "
            "for those sections, go back to the notebook.\n\n"
            "**Offline, to read or project without Python:** the decks below, from the "
            "committed outputs (arrow keys or space to move).\n\n"
            f"<ul class=\"slide-decks\">\n{items}\n</ul>\n")


def stage(dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    on_site = set(pages())
    for page in pages():
        target = dest / ("index.md" if page == Path("README.md") else page)
        target.parent.mkdir(parents=True, exist_ok=True)
        if page.suffix == ".ipynb":
            nb = json.loads((REPO / page).read_text(encoding="utf-8"))
            for cell in nb["cells"]:
                if cell["cell_type"] == "markdown":
                    cell["source"] = retarget("".join(cell["source"]), page.parent, on_site)
            drop_undrawable_widgets(nb)
            nb["cells"].insert(0, slides_link(page))
            target.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
        else:
            text = retarget((REPO / page).read_text(encoding="utf-8"), page.parent, on_site)
            if page == Path("README.md"):
                text = text.replace(BADGE, "binder-badge.svg")
                text += toctree([p for p in pages() if p.suffix == ".ipynb"])
                shutil.copy(REPO / "site" / "binder-badge.svg", dest / "binder-badge.svg")
                chapters = [p for p in pages() if p.suffix == ".ipynb"]
                (dest / "slides.md").write_text(slides_page(chapters), encoding="utf-8")
            target.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    stage(Path(sys.argv[1]))

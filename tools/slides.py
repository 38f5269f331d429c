"""Slides for a classroom: each notebook a talk, cut into slides by one rule from its structure.

    python tools/slides.py --write [NOTEBOOK ...]   set every cell's slide type (in place)
    python tools/slides.py --check [NOTEBOOK ...]   exit 1, listing notebooks that drifted

Without NOTEBOOK, every numbered notebook in notebooks/. The rule (``slide_type``) is the same
for every notebook, so a notebook edited later is cut the same way (tests/test_slides.py fails
until ``--write`` is run again):

- the title cell, and a markdown cell with a ``#`` or ``##`` heading, start a slide;
- a markdown cell with a ``###`` heading starts a subslide (below, in the same section);
- a markdown cell that follows a code cell starts a subslide too: an explanation, its code and
  the code's output make one step of the talk, small enough for a projector;
- a cell that holds nothing but an exercise's solution or model answer (what the student
  edition removes, tools/student_edition.py) is a speaker note: left out of the slides (the
  notebook and the site's chapter page keep it, folded);
- every other cell (code, more prose, a hint) stays on the slide before it ("-").
Headings inside fenced code or inside a folded ``<details>`` block do not count.

Only the cells' ``slideshow`` metadata and the notebook's ``rise`` metadata (the settings
JupyterLab's RISE extension reads: scroll long slides, start at the first slide) are written;
sources, outputs and every other key are left as they are, byte for byte.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "student_edition", Path(__file__).with_name("student_edition.py"))
_edition = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_edition)

# RISE (jupyterlab-rise) merges the notebook's "rise" metadata over its own settings. Its default
# theme ("simple") loads fonts from Google; "white" uses the fonts reveal.js ships itself.
RISE = {"scroll": True, "start_slideshow_at": "beginning", "theme": "white"}
FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M)
DETAILS = re.compile(r"<details>.*?</details>", re.S | re.I)
HEADING = re.compile(r"^(#{1,6})\s+\S", re.M)


def source(cell: dict) -> str:
    """A cell's source as one string (nbformat stores it as a list of lines or a string)."""
    text = cell.get("source", "")
    return text if isinstance(text, str) else "".join(text)


def shown_text(markdown: str) -> str:
    """The markdown a slide shows open: without solutions, fenced code or folded blocks."""
    text = _edition.without_solutions(markdown)
    return DETAILS.sub("", FENCE.sub("", text))


def heading_level(markdown: str) -> int | None:
    """The level of the highest heading shown open in the cell (1 for ``#``), or None."""
    levels = [len(m.group(1)) for m in HEADING.finditer(shown_text(markdown))]
    return min(levels, default=None)


def is_answer_only(markdown: str) -> bool:
    """True when the cell holds nothing but solutions or model answers."""
    return bool(markdown.strip()) and not _edition.without_solutions(markdown).strip()


def slide_types(cells: list[dict]) -> list[str]:
    """The slide type of every cell, in order: "slide", "subslide", "notes" or "-"."""
    types, previous = [], None          # previous: the type of the last cell shown in the talk
    for index, cell in enumerate(cells):
        kind = cell["cell_type"]
        text = source(cell)
        if index == 0:
            chosen = "slide"
        elif kind != "markdown":
            chosen = "-"
        elif is_answer_only(text):
            chosen = "notes"
        else:
            level = heading_level(text)
            if level is not None and level <= 2:
                chosen = "slide"
            elif level == 3 or previous == "code":
                chosen = "subslide"
            else:
                chosen = "-"
        types.append(chosen)
        if chosen != "notes":
            previous = kind
    return types


def with_slides(nb: dict) -> dict:
    """A copy of the notebook with the rule's slide metadata; nothing else changes."""
    cells = []
    for cell, kind in zip(nb["cells"], slide_types(nb["cells"])):
        metadata = dict(cell.get("metadata", {}), slideshow={"slide_type": kind})
        cells.append(dict(cell, metadata=metadata))
    metadata = dict(nb.get("metadata", {}), rise=dict(RISE))
    return dict(nb, cells=cells, metadata=metadata)


def notebooks() -> list[Path]:
    """Every numbered notebook of the series."""
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def dumps(nb: dict) -> str:
    """A notebook as nbformat writes it (so an unchanged notebook stays byte for byte)."""
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def drifted(path: Path) -> bool:
    """True when the notebook's slide metadata differs from what the rule gives."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    return with_slides(nb) != nb


def write(path: Path) -> bool:
    """Set the rule's slide metadata in place; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    new = dumps(with_slides(json.loads(text)))
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def summary(path: Path) -> str:
    """How the rule cuts a notebook: slides, subslides and speaker notes."""
    types = slide_types(json.loads(path.read_text(encoding="utf-8"))["cells"])
    return (f"{path.name}: {types.count('slide')} slides, {types.count('subslide')} subslides, "
            f"{types.count('notes')} notes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="set the slide metadata in place")
    action.add_argument("--check", action="store_true",
                        help="exit 1 if any notebook's slide metadata differs from the rule")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all numbered)")
    args = parser.parse_args(argv)
    paths = args.paths or notebooks()
    if args.check:
        stale = [p for p in paths if drifted(p)]
        for path in stale:
            print(f"{path}: slide metadata differs from the rule; "
                  f"run  python tools/slides.py --write {path}")
        return 1 if stale else 0
    for path in paths:
        changed = write(path)
        print(summary(path) + (" (updated)" if changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

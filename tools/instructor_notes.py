"""Start an instructor note: print the plan table of a notebook with every section linked.

    python tools/instructor_notes.py 06        (the notebook whose name starts with 06_)

Each ``##`` section and each "Your turn" gets a row, linked by the anchor GitHub and the
site's MyST give its heading (a heading with LaTeX math is left unlinked: renderers disagree on
its anchor). Fill in the minutes (they must sum to 50) and how each part is taught;
tests/test_instructor_notes.py checks the finished note against the notebook.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = re.compile(r"^(#{2,3})\s+(.*?)\s*$", re.M)
FENCED = re.compile(r"```.*?```", re.S)


def slug(heading: str) -> str:
    """The anchor GitHub and MyST (myst_heading_anchors) give a heading."""
    text = re.sub(r"[`$*]", "", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def plan_rows(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    rows = ["| section | min | how |", "|---|---:|---|"]
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        for level, text in HEADING.findall(FENCED.sub("", "".join(cell["source"]))):
            if level == "###" and not text.startswith(("Your turn", "Optional Your turn")):
                continue
            label = text if "$" in text else f"[{text}](../notebooks/{path.name}#{slug(text)})"
            rows.append(f"| {label} | 0 | |")
    rows.append("| **total** | **50** | |")
    return rows


def main(argv: list[str]) -> None:
    for number in argv or ["00"]:
        path = next((ROOT / "notebooks").glob(f"{number}_*.ipynb"))
        print("\n".join(plan_rows(path)))


if __name__ == "__main__":
    main(sys.argv[1:])

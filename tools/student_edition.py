"""The student edition: the same notebooks without the exercises' solutions, for a classroom.

    python tools/student_edition.py DEST        (make student: DEST = student/)

Each numbered notebook is copied with every solution removed: a markdown cell's
``<details>`` block whose summary says "Solution" or "answer" (a model answer, a
predict-first answer) is cut out, and a cell left empty is dropped. Hints
(``<details><summary>Hint``) and the checks stay, so a student is still told what is wrong.
Code cells are copied unchanged, outputs included: the committed outputs are those of
unanswered exercises, so every check shows "Not yet" and a hint (tests/test_student_edition.py
checks this, and that nothing but solutions was removed).
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = re.compile(
    r"<details>\s*<summary>[^<]*(?:solution|answer)[^<]*</summary>.*?</details>\s*",
    re.S | re.I)


def without_solutions(markdown: str) -> str:
    return SOLUTION.sub("", markdown)


def student_notebook(nb: dict) -> dict:
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            text = without_solutions("".join(cell["source"]))
            if not text.strip():
                continue
            lines = text.split("\n")
            cell = dict(cell, source=[line + "\n" for line in lines[:-1]] + [lines[-1]])
        cells.append(cell)
    return dict(nb, cells=cells)


def build(dest: Path) -> list[Path]:
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "notebooks").mkdir(parents=True)
    written = []
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        target = dest / "notebooks" / path.name
        target.write_text(json.dumps(student_notebook(nb), indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        written.append(target)
    shutil.copy(ROOT / "notebooks" / "glossary.md", dest / "notebooks" / "glossary.md")
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "student")):
        print(path.relative_to(path.parents[1]))

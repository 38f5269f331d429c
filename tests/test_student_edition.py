"""The student edition (tools/student_edition.py): solutions gone, everything else kept, and
every check of an unanswered exercise says "Not yet" with a hint instead of raising.

The edition's code cells are the originals, unchanged, so nbval running the originals top to
bottom is also the run of the student edition; what is checked here is what differs.
"""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("student_edition",
                                              ROOT / "tools" / "student_edition.py")
edition = importlib.util.module_from_spec(spec)
spec.loader.exec_module(edition)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHECK_CALL = re.compile(r"^(check_\w+|report_test)\(", re.M)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    dest = tmp_path_factory.mktemp("student")
    edition.build(dest)
    return dest / "notebooks"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_solution_is_left_and_nothing_else_is_gone(built, path):
    original, student = load(path), load(built / path.name)
    markdown = "\n".join("".join(c["source"]) for c in student["cells"]
                         if c["cell_type"] == "markdown")
    assert "```python" not in markdown, "a solution's code is still in the student edition"
    assert not re.search(r"<summary>[^<]*(solution|answer)", markdown, re.I)
    code = [c for c in original["cells"] if c["cell_type"] == "code"]
    assert code == [c for c in student["cells"] if c["cell_type"] == "code"]
    if "<summary>Hint" in "".join("".join(c["source"]) for c in original["cells"]):
        assert "<summary>Hint" in markdown, "hints must stay"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_every_unanswered_check_says_not_yet_with_a_reason(path):
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code" or not CHECK_CALL.search("".join(cell["source"])):
            continue
        outputs = cell.get("outputs", [])
        assert not [o for o in outputs if o.get("output_type") == "error"], (
            f"{path.name} cell {i}: the check raised")
        text = "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get(
            "text/plain", "")) for o in outputs)
        assert "Not yet." in text, f"{path.name} cell {i}: the check does not say 'Not yet'"
        reason = text.split("Not yet.", 1)[1].strip()
        assert len(reason) > 20, f"{path.name} cell {i}: 'Not yet' without a reason or hint"


def test_solutions_are_removed_but_their_surroundings_kept():
    md = ("Some text.\n\n<details>\n<summary>Solution (click to reveal)</summary>\n\n```python\n"
          "x = 1\ncheck(x)\n```\n</details>\n\n<details>\n<summary>Hint</summary>\n\nLook "
          "here.\n</details>\n\nMore text.")
    out = edition.without_solutions(md)
    assert "x = 1" not in out and "Some text." in out and "More text." in out
    assert "<summary>Hint</summary>" in out
    assert "model" not in edition.without_solutions(
        "<details><summary>A model answer (click to reveal)</summary>It is so.</details>")

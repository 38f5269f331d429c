"""The instructor notes (instructor/NN_name.md) cannot drift from the notebooks and the checks.

Each note is plain Markdown with a few recognisable forms, and each form is checked here:

* "## The 50-minute plan": a table whose first column names sections of the notebook by their
  heading text (optionally linked as ``[heading](../notebooks/NN_name.ipynb#slug)``, the slug
  as GitHub and the site's MyST make it) and whose second column is minutes. The minutes sum to
  50, every heading named exists, and every ``##`` section of the notebook has a row.
* ``cell `first words` ``: a code cell of the notebook has a line starting with those words.
  ``cell `...` prints `text` `` (or "... sets it from code and prints ..."): every code span
  from there to the end of the sentence occurs verbatim in that cell's committed outputs.
* Numbers in the prose (a percentage or a decimal, as tests/test_claims.py reads them) must be
  printed by the notebook's outputs, with tests/test_claims.py's rounding rule.
* "## Misconceptions the checks detect": each ```python block is a wrong answer a learner
  might give; its last line calls the chapter's check. The block is run, the check must say
  "Not yet", and every following line "> check says: ..." must occur in its message.

Nothing here executes a notebook; the checks run on their own small inputs (a few seconds).
The ``*_can_fail`` tests break a real note (or notebook) on purpose and expect a complaint.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from test_claims import CLAIM, is_supported, printed_numbers

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("instructor_notes",
                                               ROOT / "tools" / "instructor_notes.py")
instructor_notes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(instructor_notes)
NOTEBOOK_DIR = ROOT / "notebooks"
NOTES_DIR = ROOT / "instructor"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
LESSON_MINUTES = 50

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$", re.M)
SECTION = re.compile(r"^## (.+)$", re.M)
LINK = re.compile(r"^\[(.*)\]\(([^)#]*)(?:#([^)]*))?\)$")
# "cell `x = 1` prints `...`", also "cell `x = 1` sets it from code and prints `...`"
CELL_REF = re.compile(r"\b[Cc]ell\s+`([^`]+)`(\s+(?:[a-z][a-z,\s]{0,40}\s)?prints\s+)?")
SPAN = re.compile(r"`([^`]+)`")
FENCED = re.compile(r"```.*?```", re.S)
PYTHON_BLOCK = re.compile(r"```python\n(.*?)```((?:\s*\n> check says: [^\n]*)+)", re.S)
SAYS = re.compile(r"^> check says: (.*)$", re.M)


# --- reading notebooks and notes -------------------------------------------------------------

def load_notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def note_path(notebook: Path) -> Path:
    return NOTES_DIR / (notebook.stem + ".md")


def headings(notebook: dict, levels=range(1, 7)) -> list[str]:
    """The text of every markdown heading of the notebook (outside code fences)."""
    found = []
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            text = FENCED.sub("", "".join(cell["source"]))
            found += [m.group(2) for m in HEADING.finditer(text) if len(m.group(1)) in levels]
    return found


slug = instructor_notes.slug   # the anchor GitHub and MyST give a heading, as the tool writes it


def section(note: str, title: str) -> str:
    """The text of the note's ``## title`` section (up to the next ``##``)."""
    match = re.search(rf"^## {re.escape(title)}\s*$", note, re.M)
    assert match, f"the note has no '## {title}' section"
    rest = note[match.end():]
    end = SECTION.search(rest)
    return rest[:end.start()] if end else rest


def plan_rows(note: str) -> list[tuple[str, int | None, str]]:
    """(first column, minutes or None for the total row, the rest) of the plan's table."""
    rows = []
    for line in section(note, "The 50-minute plan").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) < 2 or set(cells[1]) <= set("-: "):
            continue
        if cells[1] in ("min", "minutes"):
            continue
        if cells[0].strip("*").lower() == "total":
            rows.append(("total", None, cells[1].strip("*")))
        else:
            rows.append((cells[0], int(cells[1]), " | ".join(cells[2:])))
    return rows


def code_cells(notebook: dict) -> list[dict]:
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def output_text(cell: dict) -> str:
    texts = []
    for output in cell.get("outputs", []):
        texts.append("".join(output.get("text", "")))
        texts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "\n".join(texts)


# --- the problems of one note ----------------------------------------------------------------

def plan_problems(note: str, notebook: dict, name: str) -> list[str]:
    problems = []
    rows = plan_rows(note)
    known = headings(notebook)
    minutes = sum(m for _, m, _ in rows if m is not None)
    if minutes != LESSON_MINUTES:
        problems.append(f"the plan's minutes sum to {minutes}, not {LESSON_MINUTES}")
    totals = [rest for label, m, rest in rows if m is None]
    if totals != [str(LESSON_MINUTES)]:
        problems.append(f"the plan needs one total row saying {LESSON_MINUTES}; found {totals}")
    named = set()
    for label, _, _ in rows:
        if label == "total":
            continue
        link = LINK.match(label)
        text = link.group(1) if link else label
        named.add(text)
        if text not in known:
            problems.append(f"the plan names a section {text!r} that {name} does not have")
        if link:
            if link.group(2) != f"../notebooks/{name}":
                problems.append(f"{text!r} links to {link.group(2)!r}, not ../notebooks/{name}")
            if link.group(3) is not None and link.group(3) != slug(text):
                problems.append(f"{text!r} links to #{link.group(3)}; its anchor is #{slug(text)}")
    for heading in headings(notebook, levels=(2,)):
        if heading not in named:
            problems.append(f"the plan has no row for the section {heading!r}")
    return problems


def printed_quotes(text: str) -> list[str]:
    """The code spans of what a cell "prints": every span up to the end of the sentence (a
    full stop outside a span), the end of the paragraph, or the next cell named."""
    quotes, position = [], 0
    while position < len(text):
        span = SPAN.match(text, position)
        if span:
            quotes.append(span.group(1))
            position = span.end()
            continue
        if (CELL_REF.match(text, position) or text.startswith("\n\n", position)
                or (text[position] == "." and text[position + 1:position + 2] in ("", " ", "\n"))):
            break
        position += 1
    return quotes


def cell_references(note: str):
    """(line start, [quoted outputs]) for every cell a note names."""
    text = FENCED.sub("", note)
    for match in CELL_REF.finditer(text):
        yield match.group(1), printed_quotes(text[match.end():]) if match.group(2) else []


def cell_problems(note: str, notebook: dict) -> list[str]:
    problems = []
    cells = code_cells(notebook)
    for start, printed in cell_references(note):
        matching = [c for c in cells
                    if any(line.strip().startswith(start)
                           for line in "".join(c["source"]).splitlines())]
        if not matching:
            problems.append(f"no code cell has a line starting {start!r}")
        for quote in printed:
            if matching and not any(quote in output_text(c) for c in matching):
                problems.append(f"no cell with a line starting {start!r} prints {quote!r}")
    return problems


def note_prose(note: str) -> str:
    """The note without code, math, link targets and quoted check messages."""
    text = FENCED.sub(" ", note)
    text = SAYS.sub(" ", text)
    text = re.sub(r"\$\$.*?\$\$|\$[^$\n]+\$", " ", text, flags=re.S)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def number_problems(note: str, notebook: dict) -> list[str]:
    printed = printed_numbers(notebook)
    prose = note_prose(note)
    return [f"{m.group(1)!r} is not printed by the notebook: "
            f"...{prose[max(0, m.start() - 60):m.end() + 20]!r}"
            for m in CLAIM.finditer(prose) if not is_supported(m.group(1), printed)]


def _normal(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def run_wrong_answer(block: str, chapter: str):
    """Run a note's wrong-answer block and return the Feedback its last line evaluates to."""
    namespace = {"np": np}
    exec(f"from nn_helpers.exercises.{chapter} import *", namespace)  # noqa: S102
    lines = block.rstrip().splitlines()
    with warnings.catch_warnings(), np.errstate(all="ignore"):   # a wrong answer may overflow
        warnings.simplefilter("ignore")
        exec("\n".join(lines[:-1]), namespace)  # noqa: S102
        return eval(lines[-1], namespace)  # noqa: S307


def hint_problems(note: str, chapter: str) -> list[str]:
    problems = []
    blocks = PYTHON_BLOCK.findall(section(note, "Misconceptions the checks detect"))
    if not blocks:
        problems.append("the misconceptions section has no wrong-answer block")
    for block, says in blocks:
        verdict = run_wrong_answer(block, chapter)
        if "needs PyTorch, which is not installed" in verdict.message:
            continue   # notebook 10's optional extra: its checks say so instead of checking
        if verdict.ok:
            problems.append(f"the check accepts the 'wrong' answer:\n{block}")
            continue
        for quote in SAYS.findall(says):
            if _normal(quote) not in _normal(verdict.message):
                problems.append(f"the check does not say {quote!r}; it says "
                                f"{verdict.message!r}\n(for:\n{block})")
    return problems


def every_problem(note: str, notebook: dict, name: str) -> list[str]:
    return (plan_problems(note, notebook, name) + cell_problems(note, notebook)
            + number_problems(note, notebook) + hint_problems(note, "ch" + name[:2]))


# --- the tests -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def notebooks():
    return {path.name: load_notebook(path) for path in NOTEBOOKS}


def test_every_notebook_has_a_note_and_the_index_links_it():
    index = (NOTES_DIR / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert note_path(path).exists(), f"no instructor note for {path.name}"
        assert f"]({path.stem}.md)" in index, f"instructor/README.md does not link {path.stem}.md"
        assert f"](../notebooks/{path.name})" in index, f"the index does not link {path.name}"
    stray = {p.stem for p in NOTES_DIR.glob("[0-9][0-9]_*.md")} - {p.stem for p in NOTEBOOKS}
    assert not stray, f"notes for notebooks that do not exist: {stray}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_the_plan_takes_50_minutes_and_names_real_sections(path, notebooks):
    note = note_path(path).read_text(encoding="utf-8")
    problems = plan_problems(note, notebooks[path.name], path.name)
    assert not problems, f"{note_path(path).name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_cell_named_exists_and_prints_what_the_note_says(path, notebooks):
    note = note_path(path).read_text(encoding="utf-8")
    assert CELL_REF.search(section(note, "Cells to run live")), "no cell named to run live"
    problems = cell_problems(note, notebooks[path.name])
    assert not problems, f"{note_path(path).name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_number_in_the_note_is_printed_by_the_notebook(path, notebooks):
    note = note_path(path).read_text(encoding="utf-8")
    problems = number_problems(note, notebooks[path.name])
    assert not problems, f"{note_path(path).name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_every_quoted_hint_is_what_the_check_says_to_that_wrong_answer(path):
    importlib.import_module(f"nn_helpers.exercises.ch{path.name[:2]}")
    note = note_path(path).read_text(encoding="utf-8")
    problems = hint_problems(note, "ch" + path.name[:2])
    assert not problems, f"{note_path(path).name}:\n" + "\n".join(problems)


# --- the guards can fail: break a note or a notebook on purpose ------------------------------

@pytest.fixture(scope="module")
def sample(notebooks):
    name = "03_loss_gradient_descent.ipynb"
    return (NOTES_DIR / "03_loss_gradient_descent.md").read_text(encoding="utf-8"), \
        notebooks[name], name


def test_the_guards_pass_the_sample_as_it_is(sample):
    assert not every_problem(*sample)


def test_a_changed_minute_is_caught(sample):
    note, notebook, name = sample
    rows = plan_rows(note)
    label, minutes, _ = next(r for r in rows if r[1])
    line = next(x for x in note.splitlines() if x.startswith(f"| {label} |"))
    broken = note.replace(line, line.replace(f"| {minutes} |", f"| {minutes + 1} |", 1))
    assert any("sum to" in p for p in plan_problems(broken, notebook, name))


def test_a_renamed_section_is_caught(sample):
    note, notebook, name = sample
    renamed = copy.deepcopy(notebook)
    for cell in renamed["cells"]:
        cell["source"] = ["".join(cell["source"]).replace("## 3. The loss landscape",
                                                         "## 3. The landscape")]
    problems = plan_problems(note, renamed, name)
    assert any("does not have" in p for p in problems)
    assert any("no row for the section '3. The landscape'" in p for p in problems)


def test_a_wrong_anchor_is_caught(sample):
    note, notebook, name = sample
    broken = note.replace("#3-the-loss-landscape)", "#3-the-loss)")
    assert broken != note
    assert any("anchor" in p for p in plan_problems(broken, notebook, name))


def test_a_changed_hint_quote_is_caught(sample):
    note, _, _ = sample
    quote = SAYS.search(section(note, "Misconceptions the checks detect")).group(1)
    broken = note.replace(f"> check says: {quote}", f"> check says: {quote} (and more)", 1)
    assert any("does not say" in p for p in hint_problems(broken, "ch03"))


def test_a_right_answer_posing_as_wrong_is_caught():
    note = ("## Misconceptions the checks detect\n```python\n"
            "check_mse(lambda w, b, x, y: np.mean((w * x + b - y) ** 2))\n```\n"
            "> check says: summed\n")
    assert any("accepts" in p for p in hint_problems(note, "ch03"))


def test_an_unprinted_number_is_caught(sample):
    note, notebook, _ = sample
    assert not number_problems(note, notebook)
    assert number_problems(note + "\nThe loss falls to 0.123456 here.\n", notebook)


def test_a_wrong_cell_or_output_is_caught(sample):
    note, notebook, _ = sample
    assert cell_problems("cell `no such line in any cell`", notebook)
    start, printed = next((s, p) for s, p in cell_references(note) if len(p) > 1)
    for i in range(len(printed)):      # every quote of a "prints" is checked, not only the first
        changed = printed[:i] + [printed[i] + "999"] + printed[i + 1:]
        wrong = f"cell `{start}` prints " + " and ".join(f"`{q}`" for q in changed) + "."
        assert any("prints" in p for p in cell_problems(wrong, notebook))
    wrapped = f"cell\n   `{start}`\n   prints `{printed[0]}999`"
    assert any("prints" in p for p in cell_problems(wrapped, notebook))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])
def test_the_tool_starts_a_plan_whose_links_the_guard_accepts(path, notebooks):
    """tools/instructor_notes.py prints a row for every section, linked by the right anchor."""
    rows = instructor_notes.plan_rows(path)
    rows[2] = rows[2].replace("| 0 |", "| 50 |", 1)     # the first section takes the lesson
    note = "## The 50-minute plan\n" + "\n".join(rows) + "\n"
    assert not plan_problems(note, notebooks[path.name], path.name)

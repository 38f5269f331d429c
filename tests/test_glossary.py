"""The glossary (notebooks/glossary.md) holds every symbol and word the notebooks use.

Fast, no kernel: the notebooks are read as JSON and only their markdown cells are looked at.

- (a) Every LaTeX command in a notebook's math ($...$ and $$...$$) is in a symbol table of the
  glossary, except the pure layout commands in LAYOUT (each with its reason). A symbol is not
  used before the notebook that the glossary says introduces it.
- (b) Each word in TERMS has a row in the glossary's word table; no notebook uses it before the
  notebook where the glossary says it is introduced, and that notebook does use it.
- (c) Every numbered notebook links to glossary.md, in its header and in its closing navigation.
- (d) Every link in the glossary points to a file that exists.
- (e) The one notation: no layer written as a power (w^l, a^{l-1}), no capital Delta used as an
  error, transposes written W^{\\mathsf T}.

"Introduced in" is the FIRST link in the glossary row's last column. A sentence (or table row)
that itself names the introducing notebook ("notebook 08 explains why", a link to
08_better_training.ipynb) is a forward pointer, not a use, and is allowed. Everything else that
is allowed early is listed, with its reason, in EARLY_USE_EXCEPTIONS.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

NB_DIR = Path(__file__).resolve().parents[1] / "notebooks"
GLOSSARY = NB_DIR / "glossary.md"
NOTEBOOKS = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))

SYMBOL_SECTIONS = ("Latin letters", "Greek letters", "Operators and marks")
WORD_SECTION = "Words, A to Z"

# LaTeX commands that only arrange or space the math and carry no meaning of their own.
LAYOUT: dict[str, str] = {
    ",": "a thin space",
    ";": "a medium space",
    "!": "a negative thin space (pulls a bracket closer)",
    " ": "a plain space",
    "quad": "a wide space between two formulas",
    "qquad": "a wider space between two formulas",
    "left": "sizes the bracket that follows to its contents",
    "right": "sizes the bracket that follows to its contents",
    "big": "a bigger bracket",
    "Big": "a bigger bracket",
    "bigl": "a bigger left bracket",
    "bigr": "a bigger right bracket",
    "text": "plain words inside a formula",
    "mathrm": "upright letters for a name (relu, softmax)",
    "operatorname": "upright letters for a name (relu, Var)",
    "texttt": "code font inside a formula",
    "frac": "a fraction bar; the glossary's 'a over b' row explains it",
    "dfrac": "a fraction bar, drawn larger",
    "tfrac": "a fraction bar, drawn smaller",
    "displaystyle": "draws the formula at full size inside a line of text",
    "\\": "a line break inside a long formula",
    "begin": "starts a block (a matrix, aligned lines); its contents are what is read",
    "end": "ends such a block",
}

# glossary word (as written in bold in the word table) -> how it is spelled in the notebooks
TERMS: dict[str, str] = {
    "epoch": r"\bepochs?\b",
    "mini-batch": r"\bmini[- ]?batch(es)?\b",
    "batch size": r"\bbatch[ _]size",
    "regression": r"\bregression\b",
    "classification": r"\bclassification\b",
    "test set": r"\btest (set|images|digits|data)\b",
    "validation set": r"\bvalidation\b",
    "perceptron": r"\bperceptrons?\b",
    "XOR": r"\bXOR\b",
    "backpropagation": r"\bbackprop(agation|agate)?\b",
    "transpose": r"\btranspose[sd]?\b",
    "element-wise product": r"\belement[- ]wise\b|\bHadamard\b",
    "partial derivative": r"\bpartial derivatives?\b",
    "power rule": r"\bpower rule\b",
    "gradient": r"\bgradients?\b",
    "gradient descent": r"\bgradient descent\b",
    "learning rate": r"\blearning[ -]rates?\b",
    "chain rule": r"\bchain rule\b",
    "Jacobian": r"\bJacobians?\b",
    "vector-Jacobian product (VJP)": r"\bvector-Jacobian\b|\bVJP\b",
    "indicator": r"\bindicator\b",
    "softmax": r"\bsoftmax\b",
    "sigmoid": r"\bsigmoids?\b",
    "ReLU": r"\bReLUs?\b",
    "cross-entropy": r"\bcross[-_ ]entropy\b",
    "overfitting": r"\boverfit(ting|s)?\b",
    "SGD": r"\bSGD\b|\bstochastic gradient\b",
    "momentum": r"\bmomentum\b",
    "Adam": r"\bAdamW?\b",
    "weight decay": r"\bweight[ _]decay\b",
    "dropout": r"\bdropout\b",
    "He initialisation": r"(?-i:\bHe\b) (initiali[sz]ation|init|scale)|init=\"he\"",
    "Xavier initialisation": r"\bxavier\b",
    "one-hot": r"\bone[-_ ]hot\b",
    "saturated": r"\bsaturat(ed|es|ion|ing)\b",
    "confusion matrix": r"\bconfusion matri(x|ces)\b",
    "autograd": r"\bautograd\b",
    "logits": r"\blogits?\b",
    "computational graph": r"\bcomputational graphs?\b",
}

# (notebook prefix, glossary word or \\command or "*" for all, text that must occur in the
# markdown cell): why that early use is fine. Keep this list short; each entry was reviewed.
EARLY_USE_EXCEPTIONS: dict[tuple[str, str, str], str] = {
    ("00", "*", "The chapter map"): "the chapter map in 00 names the topics of every later chapter",
    ("00", "*", "A learning path"): "00's reading-path table pairs each later chapter (its first "
                                    "column) with a video that teaches that chapter's topics",
}


# ---------------------------------------------------------------- reading the files

@functools.cache
def markdown_cells(path: Path) -> list[tuple[int, str]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [(i, "".join(c["source"])) for i, c in enumerate(nb["cells"])
            if c["cell_type"] == "markdown"]


def without_code(text: str) -> str:
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    return re.sub(r"`[^`\n]*`", " ", text)


def math_spans(text: str) -> list[str]:
    text = without_code(text)
    return [m.group(1) or m.group(2)
            for m in re.finditer(r"\$\$(.+?)\$\$|\$(.+?)\$", text, flags=re.S)]


def latex_commands(math: str) -> set[str]:
    return set(re.findall(r"\\([A-Za-z]+|[^A-Za-z])", math))


def units(text: str) -> list[str]:
    """Table rows, list items and sentences of a markdown text (where a pointer counts)."""
    out, para = [], []
    for line in text.split("\n") + [""]:
        starts_item = re.match(r"\s*(\||[-*] |\d+\. |#)", line)
        if not line.strip() or starts_item:
            if para:
                out += re.split(r"(?<=[.!?])\s+(?=[A-Z(*$\[`])", " ".join(para))
            para = []
        if starts_item and line.strip().startswith("|"):
            out.append(line)
        elif line.strip():
            para.append(line.strip())
    return out


def pointed_notebooks(unit: str) -> set[str]:
    """Notebook numbers a sentence points to: '(chapter 05)', 'notebooks 03 to 06', links."""
    found = set(re.findall(r"\((\d\d)_\w+\.ipynb", unit))
    pointer = r"(?i)\b(?:notebooks?|chapters?)\s+(\d\d(?:\s*(?:,|and|or|to|-|–)\s*\d\d)*)"
    for group in re.findall(pointer, unit):
        found |= set(re.findall(r"\d\d", group))
    return found


def glossary_rows(section: str) -> list[list[str]]:
    text = GLOSSARY.read_text(encoding="utf-8")
    body = re.split(r"^## ", text, flags=re.M)
    part = next((b for b in body if b.startswith(section)), None)
    assert part is not None, f"glossary.md has no section '## {section}'"
    rows = []
    for line in part.split("\n"):
        if line.startswith("|") and not re.match(r"\|\s*-", line):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append(cells)
    return rows[1:]                       # without the header row


def intro_of(cell: str) -> str | None:
    m = re.search(r"\]\((\d\d)_\w+\.ipynb", cell)
    return m.group(1) if m else None


@functools.cache
def symbol_intros() -> dict[str, str]:
    """LaTeX command -> number of the earliest notebook the glossary says introduces it."""
    intro: dict[str, str] = {}
    for section in SYMBOL_SECTIONS:
        for row in glossary_rows(section):
            where = intro_of(row[-1])
            assert where, f"glossary row {row[0]!r} ({section}): its last column needs a link " \
                          "to the notebook that introduces it, e.g. [01 §4](01_neuron_affine.ipynb)"
            for span in math_spans(row[0]):
                for cmd in latex_commands(span) - set(LAYOUT):
                    intro[cmd] = min(intro.get(cmd, "99"), where)
    return intro


@functools.cache
def word_intros() -> dict[str, str]:
    intro = {}
    for row in glossary_rows(WORD_SECTION):
        where = intro_of(row[-1])
        assert where, f"glossary word row {row[0]!r}: its last column needs a link to the " \
                      "notebook that introduces it"
        for word in re.findall(r"\*\*(.+?)\*\*", row[0]):
            intro[word] = where
    return intro


def allowed_early(nb: str, key: str, unit: str, intro: str, cell: str) -> bool:
    if intro in pointed_notebooks(unit):
        return True
    return any(n == nb and k in ("*", key) and snippet in cell
               for (n, k, snippet) in EARLY_USE_EXCEPTIONS)


# ---------------------------------------------------------------- (a) symbols

EACH_NOTEBOOK = pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name[:2])


@EACH_NOTEBOOK
def test_every_latex_command_is_in_the_glossary(path):
    known = set(symbol_intros())
    missing = []
    for i, text in markdown_cells(path):
        for span in math_spans(text):
            for cmd in sorted(latex_commands(span) - known - set(LAYOUT)):
                missing.append(f"cell {i}: \\{cmd} in ${span.strip()[:60]}$")
    assert not missing, (
        f"{path.name} uses LaTeX commands that have no row in a symbol table of "
        "notebooks/glossary.md. Add a row (symbol | say it | what it means | in code | shape | "
        "introduced) to 'Latin letters', 'Greek letters' or 'Operators and marks'; or, if the "
        "command is pure layout, add it to LAYOUT in tests/test_glossary.py with the reason:\n  "
        + "\n  ".join(dict.fromkeys(missing)))


@EACH_NOTEBOOK
def test_no_symbol_before_the_notebook_that_introduces_it(path):
    intro = symbol_intros()
    nb = path.name[:2]
    early = []
    for i, text in markdown_cells(path):
        for unit in units(without_code(text)):
            for span in math_spans(unit):
                for cmd in sorted(latex_commands(span) & set(intro)):
                    if nb < intro[cmd] and not allowed_early(nb, "\\" + cmd, unit,
                                                             intro[cmd], text):
                        early.append(f"cell {i}: \\{cmd} (glossary: introduced in "
                                     f"{intro[cmd]}) in: {unit.strip()[:90]}")
    assert not early, (
        f"{path.name} uses symbols before the notebook that introduces them (the first link in "
        "their glossary row). Explain the symbol in words where it is first used and move the "
        "glossary's 'introduced' link there, or write the sentence without it, or point to the "
        "notebook that explains it ('(notebook 05)'):\n  " + "\n  ".join(dict.fromkeys(early)))


# ---------------------------------------------------------------- (b) words

def test_every_listed_word_has_a_glossary_row():
    intro = word_intros()
    missing = [w for w in TERMS if w not in intro]
    assert not missing, (
        "Add a row for each of these words to the 'Words, A to Z' table of notebooks/glossary.md, "
        "with the word in bold in the first column and a link to the notebook that introduces it "
        f"in the last: {missing}")


@EACH_NOTEBOOK
def test_no_word_before_the_notebook_that_introduces_it(path):
    intro = word_intros()
    nb = path.name[:2]
    early = []
    for i, text in markdown_cells(path):
        for unit in units(text):
            for word, pattern in TERMS.items():
                where = intro.get(word)
                if where and nb < where and re.search(pattern, unit, flags=re.I) \
                        and not allowed_early(nb, word, unit, where, text):
                    early.append(f"cell {i}: '{word}' (glossary: introduced in {where}) "
                                 f"in: {unit.strip()[:90]}")
    assert not early, (
        f"{path.name} uses words before the notebook where the glossary says they are "
        "introduced. Introduce the word (plain words, before its use) in this notebook and move "
        "the glossary's link here; or rephrase without it; or point to the notebook that teaches "
        "it ('notebook 08 explains'); or, if the use is reviewed and fine, add it to "
        "EARLY_USE_EXCEPTIONS in tests/test_glossary.py with the reason:\n  "
        + "\n  ".join(early))


@EACH_NOTEBOOK
def test_each_word_is_used_where_the_glossary_says_it_is_introduced(path):
    nb = path.name[:2]
    cells = markdown_cells(path)
    absent = []
    for word, pattern in TERMS.items():
        if word_intros().get(word) != nb:
            continue
        # a cell excused in EARLY_USE_EXCEPTIONS (the chapter map) names words, does not teach them
        excused = [snippet for (n, k, snippet) in EARLY_USE_EXCEPTIONS
                   if n == nb and k in ("*", word)]
        if not any(re.search(pattern, text, flags=re.I)
                   and not any(snippet in text for snippet in excused) for _, text in cells):
            absent.append(word)
    assert not absent, (
        f"The glossary says {path.name} introduces {absent}, but its markdown never uses them "
        "(outside its excused cells). Introduce each word there, or correct the first link of "
        "its row in notebooks/glossary.md")


# ---------------------------------------------------------------- (c) links to the glossary

@EACH_NOTEBOOK
def test_notebook_links_to_the_glossary(path):
    cells = markdown_cells(path)
    header, last = cells[0][1], cells[-1][1]
    assert "](glossary.md)" in header, (
        f"{path.name}: add [glossary](glossary.md) to the header cell (cell {cells[0][0]}), "
        "next to the prerequisites")
    assert "](glossary.md)" in last, (
        f"{path.name}: add [glossary](glossary.md) to the navigation line at the end "
        f"(cell {cells[-1][0]}), e.g. '[Contents](../README.md) · [Glossary](glossary.md) · ...'")


# ---------------------------------------------------------------- (d) the glossary's links

def test_every_glossary_link_points_to_an_existing_file():
    text = GLOSSARY.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    broken = [t for t in targets
              if not t.startswith(("http://", "https://", "#"))
              and not (NB_DIR / t.split("#")[0]).exists()]
    assert targets and not broken, (
        f"notebooks/glossary.md links to files that do not exist (paths are relative to "
        f"notebooks/): {broken}. Fix each link to name an existing notebook, e.g. "
        "[01 §4](01_neuron_affine.ipynb)")


# ---------------------------------------------------------------- (e) the one notation

BANNED: dict[str, str] = {
    r"\^\s*(?:\{\s*)?[lL](?:\s*[+-]\s*1)?(?:\s*\})?(?![A-Za-z])":
        "a layer written as a power (w^l, a^{l-1}, \\delta^L): write the label in brackets, "
        "w^{[l]}_{kj}, a^{[l-1]}, \\delta^{[L]}",
    r"\\Delta\s*[\^_]":
        "a capital \\Delta with a layer or index is an error matrix: the error is the small "
        "\\delta^{[l]}; \\Delta x only means a nudge of x",
    r"\\top\b|\^\s*\{?\s*T\s*\}?(?![A-Za-z])":
        "a transpose: write W^{\\mathsf T}",
    r"(?<![A-Za-z\\])[WZA]_\{?\d":
        "a layer number as a subscript of a batch matrix (W_1): write W^{[1]}",
}


@EACH_NOTEBOOK
def test_one_notation(path):
    wrong = []
    for i, text in markdown_cells(path):
        for span in math_spans(text):
            for pattern, fix in BANNED.items():
                m = re.search(pattern, span)
                if m:
                    wrong.append(f"cell {i}: '{m.group(0)}' in ${span.strip()[:60]}$: {fix}")
    assert not wrong, (f"{path.name} breaks the series' one notation (notebooks/glossary.md, "
                       "'The one notation'):\n  " + "\n  ".join(wrong))

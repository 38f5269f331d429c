"""Each notebook states an honest reading time: its header's "**Time:**" line (and the README's
chapter table) agree, within a tolerance, with the estimate that tools/reading_time.py computes
from the notebook's content. Every mismatch is reported in one message."""

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("reading_time", ROOT / "tools" / "reading_time.py")
reading_time = importlib.util.module_from_spec(_spec)
sys.modules["reading_time"] = reading_time        # dataclasses look their module up there
_spec.loader.exec_module(reading_time)

README_ROW = re.compile(r"^\|\s*(\d\d)\s*\|\s*\[[^\]]*\]\([^)]*\)\s*\|.*\|\s*(\d+) min\s*\|\s*$",
                        re.M)


def _notebook(path, cells):
    nb = {"cells": [{"cell_type": kind, "source": text, "metadata": {}} for kind, text in cells],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_the_formula_on_a_small_notebook(tmp_path):
    words = " ".join(["word"] * 500)
    _notebook(tmp_path / "00_tiny.ipynb", [
        ("markdown", "# Title\n\n**Time:** about 25 minutes.\n"),           # 5 words
        ("markdown", words),                                               # 500 words
        ("markdown", "### Your turn 1: [a link](https://example.org) | --- |"),  # 5 words
        ("markdown", "<details>\n<summary>Solution</summary>\n\n" + words + "\n</details>"),
        ("code", "x = 1\n\n# a comment counts: it is read\ny = 2\n"),     # 3 lines
        ("markdown", "## Your turn 2\n<b>bold</b>"),                       # 4 words
    ])
    readme = tmp_path / "README.md"
    readme.write_text("Run time of each notebook\n\n| notebook | s |\n|---|---:|\n"
                      "| 00 | 61.0 |\n\n")
    [e] = reading_time.estimates(tmp_path, readme)
    assert (e.words, e.code_lines, e.exercises, e.run_seconds) == (514, 3, 2, 61.0)
    # 514/100 + 3/20 + 2*5 + ceil(61/60) = 5.14 + 0.15 + 10 + 2
    assert e.exact == pytest.approx(17.29)
    assert e.minutes == 15 and e.stated == 25


@pytest.mark.parametrize("header,minutes", [
    ("**Time:** about 20 minutes.", 20),
    ("**Time to read:** about 40 minutes (running the cells takes a minute or two", 40),
    ("**Time to read:** about an hour. The cells train dozens of networks", 60),
    ("**Time:** about an hour and a half.", 90),
    ("**Time:** 2 hours.", 120),
    ("**Time:** 20 minutes of reading, then as long as you like to play.", 20),
    ("**Prerequisites:** none.", None),
    ("**Time:** a while.", None),
])
def test_the_header_time_line_is_read(header, minutes):
    assert reading_time.stated_minutes("# T\n\n" + header) == minutes


def test_the_tolerance():
    assert reading_time.tolerance(20) == 10
    assert reading_time.tolerance(100) == 25


def test_the_run_time_table_covers_every_notebook():
    notebooks = sorted(p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(reading_time.run_seconds()) == notebooks


def test_every_stated_time_is_close_to_its_estimate():
    readme_times = dict(README_ROW.findall((ROOT / "README.md").read_text(encoding="utf-8")))
    problems = []
    for e in reading_time.estimates():
        allowed = reading_time.tolerance(e.minutes)
        where = f"{e.notebook}: estimate {e.minutes} min (exact {e.exact:.1f})"
        if e.stated is None:
            problems.append(f"{where}, but its header has no '**Time:** about N minutes' line")
        elif abs(e.stated - e.minutes) > allowed:
            problems.append(f"{where}, but its header says {e.stated} min "
                            f"(allowed: +-{allowed:g} min); set it to about {e.minutes}")
        number = e.notebook[:2]
        if number not in readme_times:
            problems.append(f"{where}, but the README's chapter table gives no 'N min' "
                            f"for {number}")
        elif abs(int(readme_times[number]) - e.minutes) > allowed:
            problems.append(f"{where}, but the README's chapter table says "
                            f"{readme_times[number]} min; set it to {e.minutes}")
    assert not problems, ("reading times to fix (python tools/reading_time.py prints the "
                          "estimates):\n  " + "\n  ".join(problems))

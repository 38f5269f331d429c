"""Honest reading times: an estimate for every notebook, computed from its content.

The formula (minutes), for a reader who is new to the math and runs every cell:

    prose words / 100          markdown outside <details> blocks, read slowly (math-dense text;
                               a formula or a table entry counts by its words and symbols)
  + code lines / 20            non-blank lines of the code cells, read before running them
  + 5 per "Your turn"          each exercise: think, write, run the check, read the solution
  + nbval run time, rounded up to whole minutes (measured, from the README's run-time table)

and the total is rounded to the nearest 5 minutes. A notebook's header states its time on a
line "**Time:** about N minutes" (or "**Time to read:**"); tests/test_reading_time.py checks
that it is within TOLERANCE of the estimate. Run this file to print the table:

    python tools/reading_time.py
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
README = ROOT / "README.md"

WORDS_PER_MINUTE = 100
CODE_LINES_PER_MINUTE = 20
MINUTES_PER_EXERCISE = 5
ROUND_TO = 5


def tolerance(estimate: float) -> float:
    """How far a stated time may be from the estimate: 25 %, but at least 10 minutes."""
    return max(0.25 * estimate, 10.0)


DETAILS = re.compile(r"<details>.*?</details>", re.S)
TAG = re.compile(r"<[^>]+>")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
WORD = re.compile(r"\S*[A-Za-z0-9]\S*")         # a token with at least one letter or digit
EXERCISE = re.compile(r"^#+\s*Your turn\b", re.M)
TIME_LINE = re.compile(r"\*\*Time(?: to read)?:\*\*\s*(.*)")
RUN_ROW = re.compile(r"\|\s*(\d\d)\s*\|\s*(\d+(?:\.\d+)?)\s*(?=\|)")


@dataclass
class Estimate:
    notebook: str
    words: int
    code_lines: int
    exercises: int
    run_seconds: float
    minutes: int          # the rounded estimate
    stated: int | None    # the header's "**Time:**", in minutes (None: no such line)

    @property
    def exact(self) -> float:
        return (self.words / WORDS_PER_MINUTE + self.code_lines / CODE_LINES_PER_MINUTE
                + MINUTES_PER_EXERCISE * self.exercises + math.ceil(self.run_seconds / 60))


def prose_words(markdown: str) -> int:
    text = DETAILS.sub(" ", markdown)
    text = LINK_TARGET.sub("]", TAG.sub(" ", text))
    return len(WORD.findall(text))


def code_lines(source: str) -> int:
    return sum(1 for line in source.splitlines() if line.strip())


def stated_minutes(header: str) -> int | None:
    """Minutes from the header's time line: "about 40 minutes", "about an hour"..."""
    match = TIME_LINE.search(header)
    if not match:
        return None
    words = match.group(1)
    number = re.search(r"(\d+)\s*(minutes?|hours?)", words)
    if number:
        return int(number.group(1)) * (60 if number.group(2).startswith("hour") else 1)
    if re.search(r"\ban hour and a half\b", words):
        return 90
    if re.search(r"\ban hour\b", words):
        return 60
    return None


def run_seconds(readme: Path = README) -> dict[str, float]:
    """The README's table of nbval run times, notebook number -> seconds."""
    text = readme.read_text(encoding="utf-8")
    start = text.index("Run time of each notebook")
    table = text[start:text.index("\n\n", text.index("| notebook", start))]
    return {number: float(seconds) for number, seconds in RUN_ROW.findall(table)}


def estimate(path: Path, seconds: float) -> Estimate:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    result = Estimate(
        notebook=path.name,
        words=sum(map(prose_words, markdown)),
        code_lines=sum(map(code_lines, code)),
        exercises=sum(len(EXERCISE.findall(m)) for m in markdown),
        run_seconds=seconds,
        minutes=0,
        stated=stated_minutes(markdown[0]) if markdown else None,
    )
    result.minutes = max(ROUND_TO, ROUND_TO * round(result.exact / ROUND_TO))
    return result


def estimates(notebooks: Path = NOTEBOOKS, readme: Path = README) -> list[Estimate]:
    seconds = run_seconds(readme)
    return [estimate(path, seconds[path.name[:2]])
            for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb"))]


def main():
    print(f"{'notebook':34} {'words':>6} {'code':>5} {'turns':>5} {'run s':>6} "
          f"{'exact':>6} {'estimate':>8} {'stated':>6}")
    for e in estimates():
        print(f"{e.notebook:34} {e.words:6d} {e.code_lines:5d} {e.exercises:5d} "
              f"{e.run_seconds:6.1f} {e.exact:6.1f} {e.minutes:8d} {e.stated or '-':>6}")


if __name__ == "__main__":
    main()

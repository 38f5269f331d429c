"""Every solution revealed in a notebook passes its own automatic check.

Convention (see nn_helpers/exercises): a solution is a markdown cell holding
``<details>`` with one ```python block. The block is self-contained given
``import numpy as np`` and ``from nn_helpers.exercises.chNN import *`` (NN from the
notebook's number), and its last line is the check call, which returns a Feedback.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from nn_helpers.exercises import Feedback

NOTEBOOKS = sorted((Path(__file__).parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.S)


def solutions():
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        blocks = [code for cell in cells if cell["cell_type"] == "markdown"
                  for code in SOLUTION.findall("".join(cell["source"]))]
        for i, code in enumerate(blocks, 1):
            yield pytest.param(path, code, id=f"{path.stem}-solution{i}")


def test_every_exercise_notebook_has_solutions():
    for path in NOTEBOOKS:
        if path.stem[:2] != "11":  # the playground is an appendix without exercises
            assert any(p.values[0] == path for p in solutions()), f"{path.name} has no solution"


@pytest.mark.parametrize("path,code", list(solutions()))
def test_solution_passes_its_check(path, code):
    namespace = {"np": np}
    exec(f"from nn_helpers.exercises.ch{path.stem[:2]} import *", namespace)
    *body, last = code.strip().splitlines()
    exec("\n".join(body), namespace)
    verdict = eval(last, namespace)
    assert isinstance(verdict, Feedback), f"the last line of the solution must be a check: {last}"
    assert verdict.ok, verdict.message

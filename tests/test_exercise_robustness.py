"""Every exercise check answers any answer with a verdict: never a traceback from inside
the check, whatever a reader hands it (a wrong type, NaN, a function that raises...).

Property-based: Hypothesis draws the answers; each check is called with the answer
itself and with a function that returns it, for every argument the check takes.
"""

import importlib
import inspect
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nn_helpers.exercises.feedback import Feedback

EXERCISES = Path(__file__).resolve().parents[1] / "nn_helpers" / "exercises"
CHAPTERS = [f"nn_helpers.exercises.{p.stem}" for p in sorted(EXERCISES.glob("ch[0-9][0-9].py"))]
CHECKS = [(name, getattr(module, name))
          for module in map(importlib.import_module, CHAPTERS)
          for name in getattr(module, "__all__", []) if name.startswith("check_")]


def _raises(*args, **kwargs):
    raise ValueError("the reader's function failed")


answers = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
    st.text(max_size=5), st.just([1, 2]), st.just((3, 4)), st.just({"a": 1}),
    st.just(np.zeros((2, 3))), st.just(np.array([np.nan, np.inf])), st.just(np.ones(0)),
    st.just(np.array(["a", "b"])), st.just(np.eye(3, dtype=int)),
)
readers = st.one_of(answers, answers.map(lambda a: (lambda *args, **kwargs: a)),
                    st.just(_raises), st.just(lambda: 1))    # also: takes no arguments


@pytest.mark.parametrize("name,check", CHECKS, ids=[name for name, _ in CHECKS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_answer_gets_a_verdict_not_a_traceback(name, check, data):
    required = [p for p in inspect.signature(check).parameters.values()
                if p.default is inspect.Parameter.empty]
    arguments = [data.draw(readers) for _ in required]
    with np.errstate(all="ignore"):
        verdict = check(*arguments)
    assert isinstance(verdict, Feedback), f"{name} returned {verdict!r}"
    assert isinstance(verdict.message, str) and len(verdict.message) > 10


def test_the_walk_finds_the_checks_of_every_chapter():
    assert len(CHECKS) >= 35
    assert {name.split(".")[-1] for name in CHAPTERS} == {
        module.__name__.split(".")[-1] for module in
        {inspect.getmodule(check) for _, check in CHECKS}}

"""Automatic checks for the notebooks' "Your turn" exercises.

# n: batch size, d: inputs, k: outputs (as everywhere in the series).

``feedback`` holds what every check shares (``Feedback``, ``call_reader``, ``compare_arrays``,
...), re-exported here; the checks of each notebook live in ``nn_helpers.exercises.chNN``.
A check never raises: it returns a ``Feedback`` that says what is right or, when the answer is
wrong, why.

Solutions sit in the notebooks inside a collapsed ``<details>`` block; the test
suite runs every one of them through its check (tests/test_exercise_solutions.py).
"""

from .feedback import Feedback, call_reader, check_function, compare_arrays, not_attempted

__all__ = ["Feedback", "call_reader", "check_function", "compare_arrays", "not_attempted"]

"""The shared feedback of the exercise checks: ``Feedback`` and the helpers that build it.

# n: batch size, d: inputs, k: outputs (as everywhere in the series).

A check never raises: it returns a ``Feedback`` that prints as a short verdict,
and when the answer is wrong it tries to say *why*: a wrong shape, a missing
transpose, a flipped sign, a stray constant factor (a forgotten 2 or 1/n).
The chapter modules ``nn_helpers.exercises.chNN`` are built from these helpers.
"""

from __future__ import annotations

import numpy as np

__all__ = ["Feedback", "call_reader", "check_function", "compare_arrays", "not_attempted"]


class Feedback:
    """The verdict of a check: ``ok`` and a message for the reader."""

    def __init__(self, ok, message):
        self.ok = bool(ok)
        self.message = message

    def __bool__(self):
        return self.ok

    def __repr__(self):
        return ("✅ Correct! " if self.ok else "❌ Not yet. ") + self.message


def not_attempted(name):
    return Feedback(False, f"`{name}` is still the placeholder: replace it with your answer "
                           f"and run the cell again.")


def compare_arrays(got, expected, name="your answer", rtol=1e-6, atol=1e-8) -> Feedback:
    """Compare an array answer with the expected one and diagnose the usual mistakes."""
    if got is None or got is Ellipsis:
        return not_attempted(name)
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{name} should be an array of numbers; got {type(got).__name__}.")
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        return Feedback(False, _shape_hint(name, got, expected))
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return Feedback(True, f"{name} matches (shape {expected.shape}).")
    if not np.all(np.isfinite(got)):
        return Feedback(False, f"{name} contains NaN or inf.")
    if np.allclose(got, -expected, rtol=rtol, atol=atol):
        return Feedback(False, f"{name} has the right size but the opposite sign: check the "
                               f"direction of a subtraction (a - y, not y - a) or a minus sign.")
    ratio = _constant_ratio(got, expected)
    if ratio is not None:
        return Feedback(False, _ratio_message(name, ratio))
    worst = np.unravel_index(np.argmax(np.abs(got - expected)), expected.shape)
    return Feedback(False, f"{name} has the right shape {expected.shape} but different values; "
                           f"the largest difference is at index {tuple(int(i) for i in worst)}: "
                           f"{got[worst]:.6g} instead of {expected[worst]:.6g}.")


def call_reader(fn, name, *args, mention_return=False):
    """Call the reader's ``fn`` on copies of ``args`` (so it cannot change the test inputs).

    Returns ``(result, None)``, or ``(None, Feedback)`` when ``fn`` is the placeholder (None,
    ``...``, a body that raises NotImplementedError or returns None), is not a function, or
    raises; a shape error from ``@`` comes with a hint about transposes. With
    ``mention_return`` a None result also suggests a forgotten ``return``.
    """
    if fn is None or fn is Ellipsis:
        return None, not_attempted(name)
    if not callable(fn):
        return None, Feedback(False, f"`{name}` should be a function; got {type(fn).__name__}.")
    try:
        result = fn(*[np.copy(a) if isinstance(a, np.ndarray) else a for a in args])
    except NotImplementedError:
        return None, not_attempted(name)
    except Exception as error:  # the reader's code failed: say how, do not crash
        return None, Feedback(False, f"`{name}` raised {type(error).__name__}: {error} "
                                     f"(called with {_describe(args)}).{_matmul_hint(error)}")
    if result is None and mention_return:
        return None, Feedback(False, f"`{name}` returned None: it is still the placeholder, "
                                     f"or a `return` is missing.")
    if result is None:  # a body that still ends in `pass` or `return None`
        return None, not_attempted(name)
    return result, None


def check_function(fn, reference, cases, name) -> Feedback:
    """Call the reader's ``fn`` and the ``reference`` on each tuple of arguments in
    ``cases`` and compare the results with ``compare_arrays``."""
    for args in cases:
        got, problem = call_reader(fn, name, *args)
        if problem is not None:
            return problem
        verdict = compare_arrays(got, reference(*args), f"the result of `{name}`")
        if not verdict:
            return verdict
    return Feedback(True, f"`{name}` agrees with the reference on {len(cases)} test cases.")


def _describe(args):
    """The arguments of a call as a reader can check them: arrays by shape, numbers by value."""
    return ", ".join(f"an array of shape {np.shape(a)}" if np.ndim(a) else str(a) for a in args)


def _matmul_hint(error):
    if isinstance(error, ValueError) and "matmul" in str(error):
        return (" The shapes do not line up for `@`: the inner sizes must match. "
                "Is a transpose `.T` missing (or one too many)?")
    return ""


def _shape_hint(name, got, expected):
    message = f"{name} has shape {got.shape} but should have shape {expected.shape}"
    if got.shape == expected.shape[::-1]:
        return message + ": a missing (or extra) transpose `.T`?"
    if got.size == expected.size:
        return message + ": same number of entries, so check the reshape or the axis order."
    if got.ndim == expected.ndim + 1 or got.ndim + 1 == expected.ndim:
        return message + ": a sum or mean over the wrong axis, or a missing axis?"
    return message + "."


def _ratio_message(name, ratio):
    """Say what a constant factor is: near 1 it is a small percentage, not "1 times"."""
    if abs(ratio - 1) < 0.05:
        size = "larger" if ratio > 1 else "smaller"
        return (f"{name} is off by a constant factor close to 1: every entry is "
                f"{100 * abs(ratio - 1):.2g}% {size} than the right one "
                f"(factor {ratio:.6g}). Nearly right: a count off by one (n + 1 or n - 1 "
                f"instead of n), a small constant added to a denominator, or a rounded "
                f"constant?")
    return (f"{name} is off by a constant factor: it is {ratio:.4g} times the right answer. "
            f"A missing or extra 2, 1/2 or 1/n?")


def _constant_ratio(got, expected):
    nonzero = np.abs(expected) > 1e-12
    # Any wrong single number is "some multiple" of the right one: only a factor shared
    # by several entries says something.
    if nonzero.sum() < 2 or np.any(np.abs(got[~nonzero]) > 1e-12):
        return None
    ratios = got[nonzero] / expected[nonzero]
    if np.allclose(ratios, ratios.flat[0], rtol=1e-6) and not np.isclose(ratios.flat[0], 1.0):
        return float(ratios.flat[0])
    return None

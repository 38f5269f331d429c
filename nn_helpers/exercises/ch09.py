"""Checks for notebook 09 (debugging a network).

# n: batch size, h: units of a hidden layer, q: units of the next layer, d: input features.
# delta_next: (n, q), W_next: (h, q), Z: (n, h), A: (n, h).

The checks use unequal sizes (n, h, q all different) so that a missing transpose fails
loudly, and name the bugs this chapter is about: a forgotten f'(z), a transpose in the wrong
place, counting dead entries instead of dead units. The bug hunt's checks grade a name for
each planted bug (a wrong name is told which evidence rules it out) and a repair (the case is
trained again with it and must learn); the cases live in nn_helpers.bughunt.
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import gradient_check
from ..activations import relu, sigmoid, sigmoid_prime
from ..bughunt import BUGS, HINTS, LEARNS, judge_fix, judge_name, run_case
from ..diagnostics import activation_report
from .ch04 import call_reader, diagnose
from .feedback import Feedback, not_attempted

__all__ = ["BUGS", "activation_report", "check_bug_name", "check_case", "check_dead_fraction",
           "check_fix", "check_hidden_delta", "gradient_check", "hint", "run_case", "show_bugs",
           "sigmoid", "sigmoid_prime"]


# ------------------------------------------------ 1. repair the buggy backward pass (BP2)
def check_hidden_delta(hidden_delta) -> Feedback:
    """Check hidden_delta(delta_next, W_next, Z) -> (delta_next @ W_next.T) * sigma'(Z)."""
    name = "hidden_delta"
    rng = np.random.default_rng(10)
    n, h, q = 5, 4, 3
    delta_next = rng.standard_normal((n, q))
    W_next = rng.standard_normal((h, q))
    Z = rng.standard_normal((n, h))
    got, problem = call_reader(hidden_delta, name, delta_next, W_next, Z)
    if problem is not None:
        return problem
    back = delta_next @ W_next.T
    expected = back * sigmoid_prime(Z)
    verdict = diagnose(got, expected, f"`{name}`", [
        (back, "the factor sigma'(Z) is missing: BP2 multiplies the error sent back through "
               "the weights by the slope of this layer's activation, element by element."),
        (back * sigmoid(Z), "you multiplied by sigma(Z); BP2 needs its slope sigma'(Z) = "
                            "sigma(Z) * (1 - sigma(Z))."),
        (back * sigmoid_prime(sigmoid(Z)), "you used sigma'(A) = sigma'(sigma(Z)); the slope "
                                           "is taken at the weighted input Z."),
    ])
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` is BP2: (delta_next @ W_next.T) * sigma'(Z). The "
                          f"gradient check would now pass.")


# ------------------------------------------------ 2. dead ReLU units
def dead_fraction_reference(A):
    """Fraction of units (columns) that are 0 for every example (row)."""
    return float(np.mean(np.all(A <= 0, axis=0)))


def check_dead_fraction(dead_fraction) -> Feedback:
    """Check dead_fraction(A) -> fraction of the h units that output 0 for all n examples."""
    name = "dead_fraction"
    rng = np.random.default_rng(11)
    n, h = 8, 10
    Z = rng.standard_normal((n, h)) + 0.3
    Z[:, [1, 4, 7, 8]] = -np.abs(Z[:, [1, 4, 7, 8]]) - 0.1   # four dead units
    A = relu(Z)
    got, problem = call_reader(dead_fraction, name, A)
    if problem is not None:
        return problem
    expected = dead_fraction_reference(A)
    if np.ndim(got) != 0:
        return Feedback(False, f"`{name}` should return one number (a fraction of the units); "
                               f"got an array of shape {np.shape(got)}. Did you forget the "
                               f"final mean?")
    known = [
        (float(np.mean(A == 0)), "that is the fraction of zero entries. A unit is dead "
                                 "only when its column is 0 for every example: use "
                                 "np.all(A <= 0, axis=0), then the mean over units."),
        (float(np.mean(np.all(A <= 0, axis=1))), "you looked along rows (axis=1), i.e. "
                                                 "examples where every unit is 0. A unit is "
                                                 "a column: use axis=0."),
        (float(np.sum(np.all(A <= 0, axis=0))), "that is the number of dead units; divide by "
                                                "the number of units to get a fraction."),
        (1 - expected, "that is the fraction of units that are alive."),
    ]
    verdict = diagnose(got, expected, f"`{name}`", known)
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` finds {expected:.0%} dead units: 4 of the {h}.")


# ------------------------------------------------ 3-7. the graded bug hunt
def show_bugs():
    """Print the names to choose from (the keys of BUGS), one a line, and what a repaired
    case must reach."""
    for key, description in BUGS.items():
        print(f"{key!r:>21}: {description}")
    print(f"\nA repaired case must get at least {LEARNS:.0%} of new data right "
          f"(guessing gets 1 in 3; in case 5, 1 in 8).")


def hint(case, level=1):
    """The hint ladder of a bug-hunt case: 1 where to look, 2 what to compare, 3 the bug."""
    if _case_number(case) is not None:
        return f"there are cases 1 to {len(HINTS)}; got {case!r}."
    if level not in (1, 2, 3):
        return "the hints of a case are levels 1 (where to look), 2 (what to compare), 3 (the bug)."
    return f"Case {case}, hint {level} of 3: {HINTS[case][level - 1]}"


def _case_number(case):
    """None for a case number 1-5, else the Feedback that says so (never an error)."""
    if isinstance(case, bool) or not isinstance(case, numbers.Integral) or case not in HINTS:
        return Feedback(False, f"there are cases 1 to {len(HINTS)}; got {case!r}.")
    return None


def check_bug_name(case, name) -> Feedback:
    """Check the name (a key of BUGS) given for the bug planted in bug-hunt case ``case``."""
    problem = _case_number(case)
    if problem is not None:
        return problem
    if name is None or name is Ellipsis:
        return not_attempted(f"bug_{case}")
    ok, message = judge_name(case, name)
    if ok:
        return Feedback(True, message[0].upper() + message[1:] + " Now repair it.")
    return Feedback(False, message[0].upper() + message[1:] + f" (More: hint({case}, 2).)")


def check_fix(case, fix) -> Feedback:
    """Train bug-hunt case ``case`` with ``fix`` in place of its buggy part and check that it
    learns (see nn_helpers.bughunt.run_case for what each case's fix is)."""
    problem = _case_number(case)
    if problem is not None:
        return problem
    if fix is None or fix is Ellipsis:
        return not_attempted(f"fix_{case}")
    ok, message, _ = judge_fix(case, fix)
    text = message[0].upper() + message[1:]
    return Feedback(ok, text if ok else text + f" (Stuck? hint({case}, 1), 2 and 3.)")


def check_case(case, name, fix) -> Feedback:
    """Both checks of one case: the bug's name, then the repair."""
    named = check_bug_name(case, name)
    if not named:
        return named
    fixed = check_fix(case, fix)
    if not fixed:
        return fixed
    return Feedback(True, f"{named.message} {fixed.message}")

"""Checks for notebook 12 (your own handwriting).

# an image: (rows, columns) of grey levels in [0, 1]; a box: (height, width) in pixels.

Each check builds its own test images, runs the reader's function on copies and returns a
Feedback that names the usual slips (rows and columns swapped, ink counted without its grey
level, a shape stretched instead of kept).
"""

from __future__ import annotations

import numpy as np

from ..handwriting import centre_of_mass
from ..handwriting import scaled_size as reference_size
from .feedback import Feedback, call_reader

__all__ = ["check_balance_point", "check_scaled_size"]


# ------------------------------------------------------- 1. the centre of mass
def _centre_cases():
    rng = np.random.default_rng(120)
    lopsided = np.zeros((28, 28))
    lopsided[3:9, 18:26] = 1.0              # top right, wider than tall
    lopsided[20, 2] = 0.25                  # a faint dot far away: its weight matters
    grey = np.clip(rng.random((28, 20)) - 0.6, 0, None)   # not square, grey levels vary
    return [lopsided, grey]


def _as_pair(got, name):
    """The reader's answer as two floats, or a Feedback saying what it should look like."""
    try:
        pair = tuple(float(v) for v in got)
    except (TypeError, ValueError):
        return None, Feedback(False, f"`{name}` should return two numbers, (row, column); got "
                                     f"{type(got).__name__} {got!r}.")
    if len(pair) != 2:
        return None, Feedback(False, f"`{name}` should return two numbers, (row, column); got "
                                     f"{len(pair)} of them.")
    return pair, None


def check_balance_point(balance_point) -> Feedback:
    """``balance_point(image)`` -> (row, column): the grey-level-weighted average position."""
    for image in _centre_cases():
        got, problem = call_reader(balance_point, "balance_point", image, mention_return=True)
        if problem is not None:
            return problem
        pair, problem = _as_pair(got, "balance_point")
        if problem is not None:
            return problem
        expected = centre_of_mass(image)
        if np.allclose(pair, expected):
            continue
        if np.allclose(pair, expected[::-1]):
            return Feedback(False, "row and column are swapped: return (row, column). The row "
                                   "index counts down the image (axis 0), the column across.")
        inked = image > 0
        rows, cols = np.indices(image.shape)
        if np.allclose(pair, (rows[inked].mean(), cols[inked].mean())):
            return Feedback(False, "every inked pixel counts the same in your average. Weight "
                                   "each position by the pixel's grey level: a faint pixel "
                                   "should pull less than a black one.")
        if np.allclose(pair, ((rows * image).sum(), (cols * image).sum())):
            return Feedback(False, "you added up position x grey level but did not divide by "
                                   "the total ink (image.sum()): an average divides by the "
                                   "total weight.")
        return Feedback(False, f"for a test image of shape {image.shape} you returned "
                               f"({pair[0]:.3f}, {pair[1]:.3f}); the centre of mass is "
                               f"({expected[0]:.3f}, {expected[1]:.3f}).")
    return Feedback(True, "`balance_point` finds the ink's balance point, weighted by grey "
                          "level.")


# ------------------------------------------------------- 2. fit the ink in a 20-pixel box
def check_scaled_size(scaled_size) -> Feedback:
    """``scaled_size(height, width, box)`` -> (new_height, new_width): whole pixels, the
    longer side equal to ``box``, the shape kept (at least one pixel on each side)."""
    cases = [(160, 40, 20), (50, 200, 20), (90, 90, 20), (7, 3, 20), (300, 2, 20), (33, 21, 10)]
    for height, width, box in cases:
        got, problem = call_reader(scaled_size, "scaled_size", height, width, box,
                                   mention_return=True)
        if problem is not None:
            return problem
        pair, problem = _as_pair(got, "scaled_size")
        if problem is not None:
            return problem
        expected = reference_size(height, width, box)
        if pair == expected and all(isinstance(v, (int, np.integer)) for v in got):
            continue
        if pair == expected:
            return Feedback(False, f"right sizes, but as {type(got[0]).__name__}s: a picture "
                                   f"has whole pixels, so return ints (round(...) gives one).")
        raw = (height * box / max(height, width), width * box / max(height, width))
        if np.allclose(pair, raw):
            return Feedback(False, f"for a {height} x {width} ink box you returned "
                                   f"({pair[0]:g}, {pair[1]:g}): round each side to whole pixels.")
        if pair == (box, box) and height != width:
            return Feedback(False, f"a {height} x {width} ink box became {box} x {box}: that "
                                   f"stretches the digit. Scale both sides by the SAME factor, "
                                   f"chosen so that the longer side becomes {box}.")
        if max(pair) > box:
            return Feedback(False, f"a {height} x {width} ink box became {pair[0]:g} x "
                                   f"{pair[1]:g}, larger than the {box}-pixel box: the factor "
                                   f"should come from the LONGER side (max), not the shorter.")
        if min(pair) < 1:
            return Feedback(False, f"a {height} x {width} ink box became {pair[0]:g} x "
                                   f"{pair[1]:g}: a side of 0 pixels would lose the stroke; "
                                   f"keep at least 1 pixel on each side.")
        return Feedback(False, f"for a {height} x {width} ink box and a {box}-pixel box you "
                               f"returned {pair}; expected {expected}.")
    return Feedback(True, f"`scaled_size` keeps the shape and fills the box on {len(cases)} "
                          f"test cases.")

"""Notebook 12's checks accept right answers and explain typical wrong ones."""

import numpy as np

from nn_helpers.exercises.ch12 import check_balance_point, check_scaled_size


def _right_centre(image):
    rows, cols = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


def test_balance_point():
    assert check_balance_point(_right_centre)
    assert check_balance_point(lambda im: np.array(_right_centre(im)))   # an array is fine
    assert "placeholder" in check_balance_point(None).message
    none = check_balance_point(lambda im: None).message
    assert "`balance_point` returned None" in none
    swapped = check_balance_point(lambda im: _right_centre(im)[::-1])
    assert not swapped and "swapped" in swapped.message

    def unweighted(im):
        rows, cols = np.nonzero(im)
        return rows.mean(), cols.mean()

    flat = check_balance_point(unweighted)
    assert not flat and "grey level" in flat.message
    undivided = check_balance_point(
        lambda im: ((np.indices(im.shape)[0] * im).sum(), (np.indices(im.shape)[1] * im).sum()))
    assert not undivided and "divide" in undivided.message
    one_number = check_balance_point(lambda im: 3.0)
    assert not one_number and "two numbers" in one_number.message
    three = check_balance_point(lambda im: (1, 2, 3))
    assert not three and "got 3 of them" in three.message
    broken = check_balance_point(lambda im: im.nope)
    assert not broken and "raised AttributeError" in broken.message


def _right_size(height, width, box):
    scale = box / max(height, width)
    return max(1, round(height * scale)), max(1, round(width * scale))


def test_scaled_size():
    assert check_scaled_size(_right_size)
    assert "placeholder" in check_scaled_size(None).message
    assert "`scaled_size` returned None" in check_scaled_size(lambda h, w, box: None).message
    stretched = check_scaled_size(lambda h, w, box: (box, box))
    assert not stretched and "stretches" in stretched.message
    unrounded = check_scaled_size(lambda h, w, box: (h * box / max(h, w), w * box / max(h, w)))
    assert not unrounded and "round" in unrounded.message
    floats = check_scaled_size(lambda h, w, box: tuple(float(v) for v in _right_size(h, w, box)))
    assert not floats and "ints" in floats.message
    shorter = check_scaled_size(lambda h, w, box: (round(h * box / min(h, w)),
                                                   round(w * box / min(h, w))))
    assert not shorter and "LONGER" in shorter.message
    no_floor = check_scaled_size(lambda h, w, box: (round(h * box / max(h, w)),
                                                    round(w * box / max(h, w))))
    assert not no_floor and "at least 1 pixel" in no_floor.message
    one_number = check_scaled_size(lambda h, w, box: 20)
    assert not one_number and "two numbers" in one_number.message

"""The preprocessing that turns a drawing into an MNIST-style input, tested on real MNIST digits."""

import numpy as np
import pytest

from nn_helpers.data import load_mnist
from nn_helpers.handwriting import (
    CENTRE,
    area_weights,
    centre_of_mass,
    check_drawing,
    fit_in_box,
    mnist_style,
    resize,
)


@pytest.fixture(scope="module")
def digits():
    _, _, X_test, _ = load_mnist()
    return X_test[:200].reshape(-1, 28, 28).astype(float)


def test_mnist_digits_have_their_centre_of_mass_where_we_put_it(digits):
    centres = np.array([centre_of_mass(image) for image in digits])
    assert np.allclose(centres.mean(axis=0), CENTRE, atol=0.1)


def test_a_digit_enlarged_and_moved_comes_back_exactly(digits):
    # drawn ten times larger somewhere on a bigger canvas: the steps undo both
    for image in digits:
        canvas = np.zeros((400, 400))
        canvas[30:310, 90:370] = np.kron(image, np.ones((10, 10)))
        assert np.allclose(mnist_style(canvas).reshape(28, 28), image, atol=1e-12)


def test_a_small_off_centre_digit_is_recognisably_itself_again(digits):
    # half size, in the top-right corner: far from the original before, close after
    before, after, found_before, found_after = [], [], 0, 0
    for k, image in enumerate(digits):
        moved = np.zeros((28, 28))
        moved[:14, 14:] = resize(image, (14, 14))
        fixed = mnist_style(moved).reshape(28, 28)
        before.append(np.abs(moved - image).mean())
        after.append(np.abs(fixed - image).mean())
        found_before += np.abs(digits - moved).sum(axis=(1, 2)).argmin() == k
        found_after += np.abs(digits - fixed).sum(axis=(1, 2)).argmin() == k
    assert np.mean(after) < 0.5 * np.mean(before)
    # its nearest neighbour among the 200 originals is itself (halving blurs a few: 179 of 200)
    assert found_before < 0.1 * len(digits) and found_after >= 0.85 * len(digits)


def test_the_result_is_an_mnist_row_with_its_ink_centred():
    drawing = np.zeros((280, 280))
    drawing[40:200, 100:130] = 1.0              # a thick "1", off centre
    row = mnist_style(drawing)
    assert row.shape == (1, 784) and row.min() >= 0 and row.max() <= 1
    image = row.reshape(28, 28)
    assert np.allclose(centre_of_mass(image), CENTRE, atol=0.5)
    rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    assert rows[-1] - rows[0] + 1 == 20          # the longer side fills the 20-pixel box
    assert cols[-1] - cols[0] + 1 < 20           # and the shape is kept, not stretched


def test_area_weights_average_without_losing_ink():
    R = area_weights(7, 3)
    assert R.shape == (3, 7)
    assert np.allclose(R.sum(axis=1), 1.0)
    image = np.random.default_rng(0).random((28, 21))
    small = resize(image, (7, 6))
    assert np.isclose(small.mean(), image.mean())


def test_fit_in_box_keeps_the_aspect_ratio():
    wide = np.zeros((50, 100))
    wide[10:20, 5:85] = 1.0                     # 10 high, 80 wide
    assert fit_in_box(wide).shape == (2, 20)    # 80 -> 20, so 10 -> 2.5, rounded to 2


@pytest.mark.parametrize("bad, message", [
    (np.zeros((28, 28)), "empty"),
    (np.full((28, 28), 255.0), "Divide by 255"),
    (np.full((28, 28), -0.5), r"\[0, 1\]"),
    (np.zeros(784), "reshape"),
    (np.array([[np.nan, 1.0]]), "NaN"),
])
def test_bad_drawings_are_refused_with_the_fix(bad, message):
    with pytest.raises(ValueError, match=message):
        check_drawing(bad)


def test_text_is_not_a_drawing():
    with pytest.raises(TypeError, match="numbers"):
        check_drawing(np.array([["a", "b"]]))

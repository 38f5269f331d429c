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


# ------------------------------------------------------------------ strokes -> pixels
def full_grid_reference(strokes, size=280, brush=22.0):
    # the same ink computed on every pixel, with no bounding-box window
    from nn_helpers.handwriting import distance_to_segment
    px, py = np.meshgrid(np.arange(size) + 0.5, np.arange(size) + 0.5)
    image = np.zeros((size, size))
    for stroke in strokes:
        points = np.asarray(stroke, dtype=float)
        for start, end in zip(points, points[1:]):
            image = np.maximum(image, np.clip(brush / 2 + 0.5 - distance_to_segment(
                px, py, start, end), 0, 1))
    return image


def test_rasterize_draws_a_line_of_the_brush_width_where_the_pen_went():
    from nn_helpers.handwriting import rasterize
    image = rasterize([[[100, 40], [100, 240]]], brush=20)
    row = image[140]
    assert np.isclose(row.sum(), 20)                 # as much ink across as the brush is wide
    assert np.isclose(np.average(np.arange(280) + 0.5, weights=row), 100)
    assert image[:25].sum() == 0 and image[260:].sum() == 0


def test_rasterize_windows_give_the_full_grid_answer():
    from nn_helpers.handwriting import rasterize
    t = np.linspace(0, 2 * np.pi, 40)
    strokes = [np.c_[140 + 70 * np.cos(t), 140 + 95 * np.sin(t)].tolist(),
               [[0, 0], [30, 5]], [[279, 200], [280, 280]]]
    assert np.allclose(rasterize(strokes), full_grid_reference(strokes))


def test_a_single_tap_leaves_a_dot():
    from nn_helpers.handwriting import rasterize
    image = rasterize([[[50, 60]]], brush=10)
    assert image[60, 50] == 1 and 60 < image.sum() < 120   # a disc of radius 5: ~78 px


@pytest.mark.parametrize("strokes, error, message", [
    (np.zeros((1, 2, 2)), TypeError, "list of strokes"),
    ([[]], ValueError, "stroke 0 must be a non-empty"),
    ([[[1, 2, 3]]], ValueError, r"\[x, y\] points"),
    ([[[10, 10]], [[300, 10]]], ValueError, "stroke 1 has a point outside"),
])
def test_bad_strokes_are_refused(strokes, error, message):
    from nn_helpers.handwriting import rasterize
    with pytest.raises(error, match=message):
        rasterize(strokes)


# ------------------------------------------------------------------ the DigitReader app
ONE = [[[140, 40], [140, 240]]]


@pytest.fixture(scope="module")
def small_net():
    from nn_helpers import Network, train
    from nn_helpers.data import one_hot
    X, y, _, _ = load_mnist()
    net = Network([784, 30, 10], hidden="relu", output="softmax", loss="cross_entropy",
                  init="auto", seed=0, dtype="float32")
    train(net, X[:20000], one_hot(y[:20000], 10, dtype="float32"), epochs=2, batch_size=32,
          lr=0.1, seed=0, progress=False)
    return net


def test_the_reader_shows_what_the_network_gets_and_its_belief(small_net):
    from nn_helpers.apps.drawing import DigitReader
    from nn_helpers.handwriting import rasterize
    reader = DigitReader(small_net, ONE)
    x = mnist_style(rasterize(ONE))
    assert np.array_equal(reader.input_image.get_array(), x.reshape(28, 28))
    p = reader.probabilities
    assert np.isclose(p.sum(), 1) and p.argmax() == 1       # a clear "1" reads as 1
    assert [bar.get_height() for bar in reader.bars] == pytest.approx(list(p))
    assert "reads a 1" in reader.readout_text
    assert reader.pad.strokes == ONE


def test_the_reader_follows_the_pad_and_clears(small_net):
    from nn_helpers.apps.drawing import DigitReader
    reader = DigitReader(small_net)
    assert "Draw a digit" in reader.readout_text and reader.probabilities.sum() == 0
    reader.pad.strokes = [[[80, 50], [200, 50], [120, 240]]]   # as the browser sends a stroke
    assert reader.probabilities.sum() == pytest.approx(1)
    assert reader.input_image.get_array().sum() > 0
    reader.controls["clear"].click()
    assert reader.pad.strokes == [] and reader.input_image.get_array().sum() == 0
    assert "Draw a digit" in reader.readout_text


def test_the_reader_refuses_bad_input_before_changing_anything(small_net):
    from nn_helpers import Network
    from nn_helpers.apps.drawing import DigitReader
    with pytest.raises(ValueError, match="10 outputs"):
        DigitReader(Network([784, 5, 3]))
    reader = DigitReader(small_net, ONE)
    with pytest.raises(ValueError, match="outside"):
        reader.draw([[[10, 10], [400, 10]]])
    assert reader.pad.strokes == ONE and "reads a 1" in reader.readout_text


def test_sigmoid_outputs_are_shown_as_shares_of_belief():
    # 07's network has ten sigmoid outputs, which need not add up to 1
    from nn_helpers import Network
    from nn_helpers.apps.drawing import DigitReader
    net = Network([784, 10, 10], hidden="sigmoid", output="sigmoid", seed=0)
    reader = DigitReader(net, ONE)
    from nn_helpers.handwriting import rasterize
    raw = net.predict(mnist_style(rasterize(ONE)))[0]
    assert not np.isclose(raw.sum(), 1)
    assert np.allclose(reader.probabilities, raw / raw.sum())


# ------------------------------------------------------------------ distortions (notebook 12)
def test_shift_moves_pixels_and_drops_what_leaves():
    from nn_helpers.handwriting import shift
    image = np.arange(16.0).reshape(4, 4)
    moved = shift(image, 1, -2)
    assert np.array_equal(moved[1:, :2], image[:3, 2:])
    assert moved[0].sum() == 0 and moved[:, 2:].sum() == 0
    assert np.array_equal(shift(image, 0, 0), image)


def test_thicker_and_thinner_grow_and_shrink_a_stroke():
    from nn_helpers.handwriting import thicker, thinner
    image = np.zeros((28, 28))
    image[5:20, 10:13] = 1.0                       # a bar 3 pixels wide
    assert thicker(image)[12].sum() == 5 and thinner(image)[12].sum() == 1
    assert np.array_equal(thinner(thicker(image))[8:17], image[8:17])


def test_rotate_turns_about_the_centre_anticlockwise(digits):
    from nn_helpers.handwriting import rotate
    image = digits[0]
    assert np.allclose(rotate(image, 0), image)
    assert np.allclose(rotate(image, 90), np.rot90(image), atol=1e-9)   # np.rot90: anticlockwise
    assert np.allclose(rotate(rotate(image, 90), -90), image, atol=1e-9)
    turned = rotate(image, 30)
    assert abs(turned.sum() - image.sum()) < 0.05 * image.sum()         # ink is kept


def test_closest_images_finds_the_nearest_rows_first(digits):
    from nn_helpers.digits import closest_images
    X = digits.reshape(len(digits), -1)
    x = X[17] + 0.01
    nearest = closest_images(x, X, count=3)
    brute = np.argsort(((X - x) ** 2).sum(axis=1))[:3]
    assert nearest[0] == 17 and np.array_equal(nearest, brute)
    with pytest.raises(ValueError, match="784 pixels"):
        closest_images(x, X[:, :100])


def test_the_stand_in_network_learns_digits():
    from nn_helpers.digits import train_small_digit_network
    X, y, X_test, y_test = load_mnist()
    net = train_small_digit_network(X[:6000], y[:6000], epochs=1)
    assert (net.predict(X_test[:1000]).argmax(axis=1) == y_test[:1000]).mean() > 0.85


def test_rotate_brings_in_paper_from_outside():
    from nn_helpers.handwriting import rotate
    assert rotate(np.ones((28, 28)), 45)[0, 0] == 0           # far outside: paper
    slightly = rotate(np.ones((28, 28)), 2)                    # corner comes from 0.7 px out
    assert 0 < slightly[0, 0] < 1 and slightly[14, 14] == pytest.approx(1)


def test_tilt_strokes_turns_the_drawing_anticlockwise_on_screen():
    from nn_helpers.handwriting import rasterize, rotate, tilt_strokes
    stroke = [[[140, 40], [140, 140]]]               # from the top down to the centre
    tilted = tilt_strokes(stroke, 90)
    assert np.allclose(tilted, [[[40, 140], [140, 140]]])   # now from the left edge
    image = rasterize(stroke)
    assert np.abs(rasterize(tilted) - rotate(image, 90)).mean() < 0.01
    assert np.allclose(tilt_strokes(tilt_strokes(stroke, 35), -35), stroke)


def test_every_example_digit_is_a_valid_drawing():
    from nn_helpers.handwriting import EXAMPLE_STROKES, rasterize
    assert sorted(EXAMPLE_STROKES) == list("01234579")
    for strokes in EXAMPLE_STROKES.values():
        assert mnist_style(rasterize(strokes)).sum() > 20

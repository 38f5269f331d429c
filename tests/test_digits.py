"""The MNIST picture helpers: the pure functions behind the figures, and the figures."""

import matplotlib
import numpy as np
import pytest

from nn_helpers import digits

matplotlib.use("Agg")


def test_confusion_matrix_counts_rows_true_columns_predicted():
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    counts = digits.confusion_matrix(y_true, y_pred, num_classes=3)
    np.testing.assert_array_equal(counts, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert counts.sum() == len(y_true)
    assert np.trace(counts) == 4  # the correct answers


def test_confusion_matrix_accepts_one_hot_and_outputs():
    y_true = np.array([2, 0, 1])
    outputs = np.array([[0.1, 0.2, 0.7], [0.9, 0.0, 0.1], [0.6, 0.3, 0.1]])
    counts = digits.confusion_matrix(np.eye(3)[y_true], outputs, num_classes=3)
    np.testing.assert_array_equal(counts, [[1, 0, 0], [1, 0, 0], [0, 0, 1]])


@pytest.mark.parametrize("y_true,y_pred,match", [
    (np.array([0, 1]), np.array([0]), "one label per example"),
    (np.array([0, 10]), np.array([0, 1]), "outside 0..9"),
    (np.array([0.5, 1.0]), np.array([0, 1]), "integer class labels"),
])
def test_confusion_matrix_rejects_bad_labels(y_true, y_pred, match):
    with pytest.raises(ValueError, match=match):
        digits.confusion_matrix(y_true, y_pred)


def test_per_class_recall():
    counts = np.array([[3, 1], [0, 0]])
    recall = digits.per_class_recall(counts)
    assert recall[0] == 0.75 and np.isnan(recall[1])


def test_most_confident_mistakes_orders_by_confidence_and_skips_correct_ones():
    outputs = np.array([[0.9, 0.1],    # correct (label 0)
                        [0.2, 0.6],    # wrong, confidence 0.6
                        [0.95, 0.05],  # wrong, confidence 0.95
                        [0.3, 0.7],    # wrong, confidence 0.7
                        [0.1, 0.99]])  # correct (label 1)
    y = np.array([0, 0, 1, 0, 1])
    np.testing.assert_array_equal(digits.most_confident_mistakes(outputs, y), [2, 3, 1])
    np.testing.assert_array_equal(digits.most_confident_mistakes(outputs, y, count=1), [2])
    assert len(digits.most_confident_mistakes(outputs, np.array([0, 1, 0, 1, 1]))) == 0


def test_tile_images_places_each_image_and_pads_with_blanks():
    images = np.arange(5 * 2 * 3, dtype=float).reshape(5, 2, 3)
    big = digits.tile_images(images, ncols=2, pad=1)
    assert big.shape == (3 * 3 - 1, 2 * 4 - 1)
    np.testing.assert_array_equal(big[0:2, 0:3], images[0])
    np.testing.assert_array_equal(big[0:2, 4:7], images[1])
    np.testing.assert_array_equal(big[6:8, 0:3], images[4])
    assert np.isnan(big[6:8, 4:7]).all()  # the empty slot in the last row
    assert np.isnan(big[2, :]).all()      # the padding row


def test_weights_as_images_takes_columns():
    W = np.zeros((784, 3))
    W[28 * 5 + 7, 1] = 1.0  # hidden unit 1 looks at pixel (row 5, column 7)
    images = digits.weights_as_images(W)
    assert images.shape == (3, 28, 28)
    assert images[1, 5, 7] == 1.0 and images.sum() == 1.0


@pytest.mark.parametrize("fn,arg", [(digits.weights_as_images, np.zeros((3, 784))),
                                    (digits.as_images, np.zeros((2, 100)))])
def test_wrong_shapes_are_explained(fn, arg):
    with pytest.raises(ValueError, match="784"):
        fn(arg)


def test_figures_draw():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    X = rng.random((12, 784))
    y = rng.integers(0, 10, 12)
    outputs = rng.random((12, 10))
    fig = digits.show_digits(X, labels=y, predictions=outputs.argmax(axis=1), ncols=6)
    assert len([ax for ax in fig.axes if ax.images]) == 12
    ax = digits.plot_confusion_matrix(digits.confusion_matrix(y, outputs))
    assert ax.get_xlabel() == "predicted digit"
    fig = digits.show_mistakes(X, outputs, y, count=4)
    assert len([ax for ax in fig.axes if ax.images]) == 4
    fig = digits.show_weights(rng.normal(size=(784, 20)), count=20)
    assert len([ax for ax in fig.axes if ax.images]) == 20
    plt.close("all")

"""nn_helpers.diagnostics: dead ReLUs, saturated sigmoids, histogram data, the plots."""

import numpy as np
import pytest

from nn_helpers import History, Network
from nn_helpers.diagnostics import (
    activation_report,
    dead_fraction,
    hidden_activations,
    histogram_data,
    plot_activation_histograms,
    plot_learning_curves,
    saturated_fraction,
)


def test_dead_fraction_counts_units_that_are_zero_for_every_example():
    A = np.array([[0.0, 1.0, 0.0, 0.0],
                  [0.0, 0.0, 2.0, 0.0],
                  [0.0, 3.0, 0.0, 0.0]])
    assert dead_fraction(A) == 0.5          # columns 0 and 3


def test_saturated_fraction_per_activation():
    sig = np.array([[0.001, 0.5, 0.999, 0.2]])
    assert saturated_fraction(sig, "sigmoid") == 0.5
    tanh = np.array([[0.9999, -0.9999, 0.0, 0.5]])
    assert saturated_fraction(tanh, "tanh") == 0.5
    relu = np.array([[0.0, 1.0, 0.0, 3.0]])
    assert saturated_fraction(relu, "relu") == 0.5
    with pytest.raises(ValueError, match="activation"):
        saturated_fraction(sig, "softmax")
    with pytest.raises(ValueError, match="2-D"):
        dead_fraction(np.zeros(3))


def test_normal_init_with_784_inputs_saturates_but_xavier_does_not():
    X = np.random.default_rng(0).uniform(0, 1, (64, 784))
    saturated = activation_report(Network([784, 30, 10], init="normal"), X)[0]["saturated"]
    healthy = activation_report(Network([784, 30, 10], init="xavier"), X)[0]["saturated"]
    assert saturated > 0.5 and healthy < 0.05


def test_large_negative_biases_kill_relus():
    net = Network([5, 20, 20, 3], hidden="relu", output="softmax", loss="cross_entropy",
                  init="he", seed=0)
    X = np.random.default_rng(1).standard_normal((50, 5))
    assert activation_report(net, X)[0]["dead"] < 0.3
    net.biases[0][:] = -100.0
    report = activation_report(net, X)
    assert report[0]["dead"] == 1.0 and report[1]["dead"] == 1.0   # nothing flows past layer 1
    assert [r["layer"] for r in report] == [1, 2]


def test_histogram_fractions_sum_to_one():
    A = np.random.default_rng(0).uniform(0, 1, (40, 7))
    fractions, edges = histogram_data(A, bins=10, value_range=(0, 1))
    assert fractions.shape == (10,) and edges.shape == (11,)
    assert fractions.sum() == pytest.approx(1.0)
    with pytest.raises(ValueError, match="empty"):
        histogram_data(np.zeros((0, 3)))


def test_hidden_activations_skip_input_and_output():
    net = Network([3, 4, 5, 2], hidden="tanh", seed=0)
    shapes = [A.shape for A in hidden_activations(net, np.ones((6, 3)))]
    assert shapes == [(6, 4), (6, 5)]


def test_plots_draw_one_panel_per_layer_and_mark_the_best_epoch():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    net = Network([3, 4, 5, 2], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    axes = plot_activation_histograms(net, np.ones((6, 3)))
    assert len(axes) == 2 and "dead units" in axes[0].get_title()
    history = History(loss=[1.0, 0.5, 0.4], val_loss=[1.1, 0.6, 0.7],
                      val_accuracy=[0.5, 0.9, 0.8])
    axes = plot_learning_curves(history)
    assert len(axes) == 2 and "epoch 2" in axes[1].get_legend().get_texts()[1].get_text()
    plt.close("all")

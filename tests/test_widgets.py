"""The apps of notebooks 02 and 03, built headlessly: set a control from code and check
that the readout and the figure's data follow."""

import numpy as np
import pytest

widgets = pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")

from nn_helpers.descent import gradient_descent, standardize  # noqa: E402
from nn_helpers.widgets import (  # noqa: E402
    READOUT_CLASS,
    activation_explorer,
    learning_rate_explorer,
)


@pytest.fixture
def xy():
    rng = np.random.default_rng(3)
    x = standardize(rng.normal(10, 1, 100))
    return x, 0.4 * x + 5.6 + 0.7 * rng.standard_normal(100)


def test_activation_explorer_layout():
    app = activation_explorer()
    assert isinstance(app, widgets.VBox)
    assert set(app.controls) == {"activation", "weight w", "bias b"}
    assert READOUT_CLASS in app.readout._dom_classes
    assert app.canvas in app.children and isinstance(app.canvas, widgets.DOMWidget)
    assert "sigmoid" in repr(app) and "0.5000" in app.readout_text


def test_activation_explorer_follows_its_controls():
    app = activation_explorer()
    before_text, before_y = app.readout_text, app.line.get_ydata().copy()
    app.controls["bias b"].value = 2.0
    assert app.readout_text != before_text and "b = 2.0" in app.readout_text
    assert not np.allclose(app.line.get_ydata(), before_y)
    np.testing.assert_allclose(app.line.get_ydata(), 1 / (1 + np.exp(-(app.x + 2))))

    app.controls["activation"].value = "relu"
    app.controls["weight w"].value = -1.5
    np.testing.assert_allclose(app.line.get_ydata(), np.maximum(-1.5 * app.x + 2, 0))
    assert app.readout_text.startswith("relu") and "x = 1.33" in app.readout_text
    assert "relu" in app.ax.get_title()


def test_activation_explorer_zero_weight_is_a_flat_line():
    app = activation_explorer("tanh", w=0.0, b=1.0)
    assert np.allclose(app.line.get_ydata(), np.tanh(1.0))
    assert "flat line" in app.readout_text


def test_learning_rate_explorer_layout(xy):
    app = learning_rate_explorer(*xy)
    assert set(app.controls) == {"learning rate", "steps"}
    assert isinstance(app.controls["learning rate"], widgets.SelectionSlider)
    assert READOUT_CLASS in app.readout._dom_classes
    assert len(app.figure.axes) == 2 and "lr = 0.1," in app.readout_text


def test_learning_rate_explorer_reruns_descent(xy):
    app = learning_rate_explorer(*xy)
    w_before = app.path_line.get_xdata().copy()
    text_before = app.readout_text
    app.controls["learning rate"].value = 0.95
    expected = gradient_descent(*xy, lr=0.95, steps=30, start=(-2.0, 3.0))
    assert app.readout_text != text_before and "lr = 0.95," in app.readout_text
    np.testing.assert_allclose(app.path_line.get_xdata(), expected.w)
    np.testing.assert_allclose(app.path_line.get_ydata(), expected.b)
    np.testing.assert_allclose(app.loss_line.get_ydata(), expected.loss)
    assert not np.allclose(app.path_line.get_xdata(), w_before)
    assert f"{expected.final_loss:.4f}" in app.readout_text


def test_learning_rate_explorer_reports_divergence_and_steps(xy):
    app = learning_rate_explorer(*xy)
    app.controls["learning rate"].value = 1.1
    assert "diverges" in app.readout_text
    app.controls["learning rate"].value = 0.1
    app.controls["steps"].value = 5
    assert len(app.loss_line.get_xdata()) == 6 and "5 steps" in app.readout_text
    assert "diverges" not in app.readout_text


def test_bad_activation_is_named():
    with pytest.raises(ValueError, match="activation='softmax'"):
        activation_explorer("softmax")


def test_sliders_hold_exactly_what_the_picture_uses(xy):
    """One truth: every stop of the learning-rate slider is shown by its own label, and a
    value a slider cannot show is refused before anything changes (the browser would move it
    to the nearest step while the picture kept the value given)."""
    app = learning_rate_explorer(*xy)
    slider = app.controls["learning rate"]
    assert all(label == format(rate, "g") for label, rate in slider.options)
    assert 0.95 in dict(slider.options).values()
    with pytest.raises(ValueError, match="lr=0.94 is not on the learning-rate slider"):
        learning_rate_explorer(*xy, lr=0.94)
    explorer = activation_explorer()
    before = explorer.readout_text
    with pytest.raises(ValueError, match=r"weight w=1.23 .* Choose 1.2 or 1.3"):
        explorer.controls["weight w"].value = 1.23
    assert explorer.controls["weight w"].value == 1.0 and explorer.readout_text == before
    with pytest.raises(ValueError, match="steps=101 is not a value its slider can show"):
        app.controls["steps"].value = 101


def test_data_on_one_exact_line_is_refused_with_the_reason():
    """Its lowest loss is 0, which a log scale cannot show and no loss can be measured
    against (it raised ZeroDivisionError)."""
    x = np.linspace(-1, 1, 10)
    with pytest.raises(ValueError, match="exactly on one line"):
        learning_rate_explorer(x, 2 * x + 1)


def test_building_an_app_keeps_the_matplotlib_backend():
    """Importing ipympl switches matplotlib's backend; the apps must put it back, or every
    later plt.show() in the notebook would turn into an interactive canvas. A fresh
    interpreter, because ipympl only switches on its first import."""
    import subprocess
    import sys

    script = ("import matplotlib; matplotlib.use('svg'); import matplotlib.pyplot as plt\n"
              "from nn_helpers.widgets import activation_explorer\n"
              "activation_explorer()\n"
              "print(matplotlib.get_backend(), type(plt.figure().canvas).__module__)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["svg", "matplotlib.backends.backend_svg"], result.stdout

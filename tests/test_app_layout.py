"""Every widget app fits and reads (issue 15): its figure fits the notebook's content area at
1024 px, no text in it is smaller than MIN_TEXT_PX, every button has a text label, the
control rows wrap, and ``data_boxes`` (what the browser test compares) names the axes that
show data, inside the figure. The browser test checks the same on the page."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytest.importorskip("ipympl")

import ipywidgets as widgets  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from nn_helpers.apps import (  # noqa: E402
    App,
    DigitReader,
    Playground,
    activation_explorer,
    backprop_stepper,
    chain_explorer,
    learning_rate_explorer,
    line_explorer,
)
from nn_helpers.apps.base import DPI, MAX_FIGURE_PX, MIN_TEXT_PX  # noqa: E402


def _digit_reader():
    from nn_helpers import Network

    net = Network([784, 10], output="softmax", loss="cross_entropy", seed=0)
    return DigitReader(net, [[[140, 40], [140, 240]]])


def _traced(pg):
    pg.trace_button.click()
    return pg


APPS = {
    "line_explorer": line_explorer,
    "activation_explorer": activation_explorer,
    "learning_rate_explorer": lambda: learning_rate_explorer(
        np.linspace(0, 1, 20), np.linspace(1, 3, 20) + np.random.default_rng(0).normal(0, .2, 20)),
    "chain_explorer": chain_explorer,
    "backprop_stepper": lambda: backprop_stepper(step=18),
    "playground": lambda: Playground(dataset="circles", hidden=(4, 4, 4, 4)),
    # the largest diagram (every feature, four layers of eight units), traced: every node's
    # numbers written, at the smallest size the figures allow
    "playground_largest_traced": lambda: _traced(Playground(
        dataset="spirals", features=("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin x1", "sin x2"),
        hidden=(8, 8, 8, 8))),
    "playground_regression_no_hidden_layer": lambda: Playground(dataset="bumps", hidden=()),
    "digit_reader": _digit_reader,
}


@pytest.fixture(params=list(APPS))
def app(request):
    app = APPS[request.param]()
    yield app
    app.close()


def _all_widgets(widget):
    stack = [widget]
    while stack:
        w = stack.pop()
        yield w
        stack.extend(getattr(w, "children", ()))


def test_the_figure_fits_the_content_area(app):
    width_px = app.figure.get_figwidth() * app.figure.dpi
    assert app.figure.dpi == DPI
    assert width_px <= MAX_FIGURE_PX, f"{type(app).__name__} is {width_px:.0f} px wide"


def test_no_text_in_the_figure_is_smaller_than_the_minimum(app):
    app.figure.draw_without_rendering()
    hidden = set()                 # the ticks and labels of an axes drawn without its frame
    for ax in app.figure.axes:
        if not ax.axison:
            hidden.update(ax.get_xticklabels(which="both") + ax.get_yticklabels(which="both"))
            hidden.update([ax.xaxis.label, ax.yaxis.label, ax.xaxis.offsetText,
                           ax.yaxis.offsetText])
    small = [(t.get_text()[:30], round(t.get_fontsize() * DPI / 72, 1))
             for t in app.figure.findobj(Text)
             if t.get_visible() and t.get_text().strip() and t not in hidden
             and t.get_fontsize() * DPI / 72 < MIN_TEXT_PX - 0.01]
    assert not small, f"{type(app).__name__}: text under {MIN_TEXT_PX} px: {small}"


def test_every_button_has_a_text_label_and_rows_wrap(app):
    for w in _all_widgets(app):
        if isinstance(w, (widgets.Button, widgets.ToggleButton)):
            assert w.description.strip(), f"a button without a label (icon {w.icon!r})"
        if isinstance(w, widgets.Play):           # its own buttons are bare icons
            assert w.layout.display == "none", "a Play widget is shown: its buttons have no text"
        if isinstance(w, widgets.HBox) and len(w.children) > 2:
            assert w.layout.flex_flow == "row wrap", f"a row that does not wrap: {w.children}"


def test_data_boxes_name_the_data_axes_inside_the_figure(app):
    app.figure.draw_without_rendering()
    boxes = json.loads(App.describe(app.serial))
    width, height = boxes["figure"]
    assert boxes["axes"], "no data axes"
    for axes in boxes["axes"]:
        x0, y0, x1, y1 = axes["box"]
        assert 0 <= x0 < x1 <= width + 1 and 0 <= y0 < y1 <= height + 1, axes
        assert (x1 - x0) * (y1 - y0) > 80 * 80, f"{axes['name']}: a tiny data area {axes}"
    assert f"nn-app-{app.serial}" in app._dom_classes and "nn-app" in app._dom_classes


def test_the_layout_is_frozen_after_the_first_draw():
    """A changing title or tick label must not move the axes (the picture would jump, and
    the browser test compares the pixels inside them)."""
    app = activation_explorer()
    before = json.loads(App.describe(app.serial))["axes"][0]["box"]
    app.controls["activation"].value = "relu"
    app.controls["weight w"].value = 5.0
    app.figure.draw_without_rendering()
    assert json.loads(App.describe(app.serial))["axes"][0]["box"] == before
    app.close()


def test_the_play_toggle_starts_and_pauses_play():
    pg = Playground(dataset="xor")
    pg.play_button.value = True
    assert pg.play.playing and pg.play_button.description == "Pause"
    pg.play.playing = False                      # e.g. training diverged
    assert not pg.play_button.value and pg.play_button.description == "Play"
    pg.close()

"""The backprop stepper of notebook 05: it walks the trace of nn_helpers.worked, its picture
and readout follow the step, and values it cannot show are refused with the reason."""

import base64
import re

import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")

from matplotlib.figure import Figure  # noqa: E402

from nn_helpers.apps import BackpropStepper, backprop_stepper  # noqa: E402
from nn_helpers.apps.backprop_stepper import HOT_COLOR, USED_WIDTH, draw_worked  # noqa: E402
from nn_helpers.worked import tiny_network, trace  # noqa: E402


def texts(ax):
    return [t.get_text() for t in ax.texts]


def test_the_readout_shows_the_current_step_with_its_numbers():
    app = backprop_stepper()
    steps = trace(tiny_network())
    assert app.readout_text.startswith("step 0 · forward")
    bp2 = next(i for i, s in enumerate(steps) if s.symbol == "δ[1]_1")
    app.set_step(bp2)
    assert app.readout_text == ("step 12 · BP2 · δ[1]_1 = w[2]_10 δ[2]_0 σ'(z[1]_1) "
                                "= (-0.5) × (-0.0938) × 0.2350 = 0.0110")
    panel = " ".join(texts(app.text_ax))
    assert "BP1  δ[2]_0 = (a[2]_0 - y) σ'(z[2]_0) = (0.6068 - 1) × 0.2386 = -0.0938" in panel
    assert "BP2  δ[1]_1 = w[2]_10" in panel
    assert "BP3  dC/db[2]_0" in panel and "BP4  dC/dw[2]_10" in panel


def test_equations_not_reached_yet_say_so():
    app = backprop_stepper(step=7)              # BP1, the first backward step
    panel = texts(app.text_ax)
    assert any(t.startswith("BP1  δ[2]_0") for t in panel)
    assert {"BP2  (not used yet)", "BP3  (not used yet)", "BP4  (not used yet)"} <= set(panel)


def test_next_and_back_move_one_step_and_stop_at_the_ends():
    app = backprop_stepper()
    assert app.back_button.disabled and not app.next_button.disabled
    app.next_button.click()
    app.next_button.click()
    assert app.controls["step"].value == 2
    app.back_button.click()
    assert app.controls["step"].value == 1
    app.set_step(18)
    assert app.next_button.disabled
    app.next()
    assert app.controls["step"].value == 18


def test_the_picture_follows_the_step_and_numbers_appear_as_they_are_computed():
    app = backprop_stepper(step=6)               # the forward pass is done, nothing backward
    graph = texts(app.graph_ax)
    assert "a[2]_0 = 0.6068" in graph and not any(t.startswith("δ") for t in graph)
    assert not any("dC/dw" in t for t in graph)
    before = base64.b64decode(app._repr_mimebundle_()["image/png"])
    app.set_step(18)
    graph = texts(app.graph_ax)
    assert sum("dC/dw" in t for t in graph) == 6 and "δ[1]_1 = 0.0110" in graph
    after = base64.b64decode(app._repr_mimebundle_()["image/png"])
    assert after != before


def test_the_current_edge_is_highlighted():
    app = backprop_stepper(step=18)              # dC/dw[1]_11: the edge from x_1 to h_1
    thick = [line for line in app.graph_ax.lines if line.get_linewidth() == 5]
    assert len(thick) == 1 and thick[0].get_color() == HOT_COLOR
    assert list(thick[0].get_xdata()) == [0.0, 3.0] and list(thick[0].get_ydata()) == [-1.0, -1.0]


def test_the_arrow_a_share_comes_back_on_is_marked():
    app = backprop_stepper(step=12)              # BP2 for h_1: the share from the output
    dashed = [line for line in app.graph_ax.lines if line.get_linestyle() == "--"
              and line.get_color() == HOT_COLOR]
    assert len(dashed) == 1 and dashed[0].get_linewidth() == USED_WIDTH
    assert list(dashed[0].get_xdata()) == [3.0, 6.0] and list(dashed[0].get_ydata()) == [-1.0, 0.0]


def test_switching_to_relu_shows_the_unit_that_is_off():
    app = backprop_stepper(step=12)
    app.controls["hidden"].value = "relu"
    assert app.readout_text.endswith("relu'(z[1]_1) = (-0.5) × (-0.0887) × 0 = 0")
    app.set_step(18)
    assert "dC/dw = 0" in " ".join(texts(app.graph_ax))
    assert not re.search(r"-0(?![.\d])", " ".join(texts(app.graph_ax)))  # no "-0" shown


def test_draw_worked_shows_only_the_steps_it_is_given():
    net = tiny_network()
    steps = trace(net)
    ax = Figure().add_subplot()
    draw_worked(ax, net, [s for s in steps if s.phase != "backward"])
    assert not any("dC/d" in t or t.startswith("δ") for t in texts(ax))
    draw_worked(ax, net, [s for s in steps if s.phase == "backward"])
    shown = texts(ax)
    assert not any(t.startswith("z[") for t in shown)       # the forward numbers left out
    assert "dC/dw = -0.0584" in " ".join(shown)              # dC/dw[2]_00


@pytest.mark.parametrize("make,words", [
    (lambda: BackpropStepper(step=19), r"step=19 is outside what its slider can show \(0 to 18\)"),
    (lambda: BackpropStepper(hidden="softmax"), "choose one of"),
    (lambda: backprop_stepper().set_step(-1), "step=-1 is outside"),
])
def test_values_the_stepper_cannot_show_are_refused(make, words):
    with pytest.raises(ValueError, match=words):
        make()

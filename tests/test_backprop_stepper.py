"""The backprop stepper of notebook 05: it walks the trace of nn_helpers.worked, its picture
and readout follow the step, and values it cannot show are refused with the reason."""

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")

from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from nn_helpers.apps import BackpropStepper, backprop_stepper  # noqa: E402
from nn_helpers.apps.backprop_stepper import (  # noqa: E402
    HOT_COLOR,
    POSITIONS,
    USED_WIDTH,
    draw_worked,
)
from nn_helpers.apps.base import MAX_FIGURE_PX, MIN_TEXT_PX  # noqa: E402
from nn_helpers.worked import HIDDEN, nudge_table, tiny_network, trace  # noqa: E402


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
    (x0, y0), (x1, y1) = POSITIONS["x1"], POSITIONS["h1"]
    assert list(thick[0].get_xdata()) == [x0, x1] and list(thick[0].get_ydata()) == [y0, y1]


def test_the_arrow_a_share_comes_back_on_is_marked():
    app = backprop_stepper(step=12)              # BP2 for h_1: the share from the output
    dashed = [line for line in app.graph_ax.lines if line.get_linestyle() == "--"
              and line.get_color() == HOT_COLOR]
    assert len(dashed) == 1 and dashed[0].get_linewidth() == USED_WIDTH
    (x0, y0), (x1, y1) = POSITIONS["h1"], POSITIONS["out"]
    assert list(dashed[0].get_xdata()) == [x0, x1] and list(dashed[0].get_ydata()) == [y0, y1]


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


# ------------------------------------------------------------- the diagram reads cleanly
# Every number stands next to its node or edge, so a label drawn over another label or over
# a node circle garbles exactly what the step is about. These tests measure what is drawn:
# each text's box (grown to its white background box, if it has one) in pixels, and each
# node's circle (marker size and edge width), at every step, for every hidden activation.
NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05_backpropagation.ipynb"
TOUCH_PX = 1.5      # boxes come from font metrics (with room for accents): a touch is no overlap


def _texts(figure):
    """The visible texts of ``figure``: those of its axes, their titles, its own."""
    texts = list(figure.texts)
    for ax in figure.axes:
        texts += ax.texts + [ax.title, ax._left_title, ax._right_title]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def _box(text, renderer):
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([box, patch.get_window_extent(renderer)]) if patch else box


def _circles(figure):
    """(centre x, centre y, radius) in pixels of every node circle (one-point scatters)."""
    circles = []
    for ax in figure.axes:
        for collection in ax.collections:
            if not isinstance(collection, PathCollection):
                continue
            size, width = collection.get_sizes()[0], collection.get_linewidths()[0]
            radius = (np.sqrt(size) + width) / 2 * figure.dpi / 72     # points to pixels
            for x, y in ax.transData.transform(collection.get_offsets()):
                circles.append((x, y, radius))
    return circles


def _short(text):
    return repr(text.get_text().replace("\n", " / "))


def layout_problems(figure):
    """What a reader would see garbled: two texts on each other, a text on a node circle
    (other than the node's name, inside it), a text (partly) outside the figure."""
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    texts = _texts(figure)
    boxes = [_box(t, renderer) for t in texts]
    problems = []
    for i, (a, box_a) in enumerate(zip(texts, boxes)):
        for b, box_b in zip(texts[i + 1:], boxes[i + 1:]):
            wide = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            tall = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            if wide > TOUCH_PX and tall > TOUCH_PX:
                problems.append(f"{_short(a)} on {_short(b)} ({wide:.0f} x {tall:.0f} px)")
        for x, y, radius in _circles(figure):
            anchor = a.get_transform().transform(a.get_position())
            if np.hypot(*(anchor - (x, y))) < 1:          # the node's own name
                continue
            nearest = (np.clip(x, box_a.x0, box_a.x1), np.clip(y, box_a.y0, box_a.y1))
            if np.hypot(nearest[0] - x, nearest[1] - y) < radius - TOUCH_PX:
                problems.append(f"{_short(a)} on the node at ({x:.0f}, {y:.0f}) px")
        inside = figure.bbox.padded(TOUCH_PX)
        if not (inside.x0 <= box_a.x0 and box_a.x1 <= inside.x1
                and inside.y0 <= box_a.y0 and box_a.y1 <= inside.y1):
            problems.append(f"{_short(a)} outside the figure")
    return problems


@pytest.mark.parametrize("hidden", list(HIDDEN))
def test_no_label_of_the_stepper_covers_another_or_a_node_at_any_step(hidden):
    app = backprop_stepper(hidden=hidden)
    problems = {}
    for index in range(len(app.steps)):
        app.set_step(index)
        problems[index] = layout_problems(app.figure)
    app.close()
    problems = {index: found for index, found in problems.items() if found}
    assert not problems, f"hidden f = {hidden}: " + "; ".join(
        f"step {index}: {', '.join(found)}" for index, found in problems.items())


def test_the_notebooks_static_diagrams_read_cleanly(monkeypatch):
    """The notebook's own cells that call draw_worked, run with the names its earlier cells
    define: no overlaps, and no text under MIN_TEXT_PX (the figures are at most
    MAX_FIGURE_PX wide, so a browser shows them at their size, not scaled down)."""
    import matplotlib
    import matplotlib.pyplot as plt

    cells = ["".join(cell["source"]) for cell in json.loads(NOTEBOOK.read_text())["cells"]
             if cell["cell_type"] == "code" and "draw_worked(" in "".join(cell["source"])]
    assert len(cells) == 2, "the notebook's figures drawn with draw_worked have changed"
    shown = []
    monkeypatch.setattr(plt, "show", lambda: shown.append(plt.gcf()))
    net, relu_net = tiny_network(), tiny_network("relu")
    names = {"plt": plt, "draw_worked": draw_worked, "nudge_table": nudge_table,
             "net": net, "steps": trace(net), "relu_net": relu_net, "relu_steps": trace(relu_net)}
    with matplotlib.rc_context({"font.size": 14, "figure.dpi": 100}):   # the notebook's
        for cell in cells:
            exec(cell, names)                    # noqa: S102 - the notebook's own code
    assert len(shown) == 2
    for figure in shown:
        width = figure.get_figwidth() * figure.dpi
        small = [t.get_text() for t in _texts(figure)
                 if t.get_fontsize() * figure.dpi / 72 < MIN_TEXT_PX - 0.01]
        problems = layout_problems(figure)
        plt.close(figure)
        assert not problems, "; ".join(problems)
        assert width <= MAX_FIGURE_PX, f"a figure {width:.0f} px wide"
        assert not small, f"text under {MIN_TEXT_PX} px: {small}"

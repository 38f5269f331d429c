"""Notebook 04's chain explorer: the pure ``nn_helpers.chain.nudge_chain`` and its app."""

import base64
import math

import pytest

from nn_helpers.chain import chain_forward, local_slopes, nudge_chain
from nn_helpers.graph import add, backward, mul, square, sub, variable
from nn_helpers.graph import sigmoid as sigmoid_node

POINT = dict(x=1.5, w=0.8, b=-0.2, y=1.0)


def graph_gradients(x, w, b, y):
    """dC/dx, dC/dw, dC/db from the scalar graph of nn_helpers.graph (an independent route)."""
    nodes = {"x": variable(x), "w": variable(w), "b": variable(b)}
    z = add(mul(nodes["w"], nodes["x"]), nodes["b"])
    cost = mul(0.5, square(sub(sigmoid_node(z), y)))
    backward(cost)
    return {name: node.grad for name, node in nodes.items()}


def test_forward_values_are_the_neuron_of_notebook_04():
    values = chain_forward(**POINT)
    assert values["z"] == pytest.approx(1.0)
    assert values["a"] == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert values["C"] == pytest.approx(0.5 * (values["a"] - 1.0) ** 2)


@pytest.mark.parametrize("point", [POINT, dict(x=-0.7, w=2.0, b=0.5, y=0.0),
                                   dict(x=3.0, w=-1.2, b=0.1, y=1.0)])
@pytest.mark.parametrize("which", ["x", "w", "b"])
def test_the_product_of_local_slopes_is_the_gradient(point, which):
    result = nudge_chain(**point, which=which, nudge=0.1)
    assert result.product == pytest.approx(graph_gradients(**point)[which], rel=1e-12)


@pytest.mark.parametrize("which", ["x", "w", "b"])
def test_the_first_local_slope_is_the_slope_of_z_towards_the_input(which):
    slopes = local_slopes(**POINT, which=which)
    assert slopes[0] == {"x": POINT["w"], "w": POINT["x"], "b": 1.0}[which]
    a = chain_forward(**POINT)["a"]
    assert slopes[1:] == pytest.approx((a * (1 - a), a - POINT["y"]))


def test_before_and_after_are_the_forward_pass_at_both_points():
    result = nudge_chain(**POINT, which="w", nudge=0.25)
    moved = dict(POINT, w=POINT["w"] + 0.25)
    assert result.names == ("w", "z", "a", "C")
    assert result.before == pytest.approx((0.8, *chain_forward(**POINT).values()))
    assert result.after == pytest.approx((1.05, *chain_forward(**moved).values()))
    assert result.changes[0] == pytest.approx(0.25) and result.ratios[0] == pytest.approx(1.0)
    assert result.measured == pytest.approx(result.changes[-1] / 0.25)


def test_measured_ratios_approach_the_running_products_as_the_nudge_shrinks():
    gaps = []
    for nudge in (0.1, 0.01, 0.001):
        result = nudge_chain(**POINT, which="x", nudge=nudge)
        # z is linear in x: its ratio is exact for any nudge
        assert result.ratios[1] == pytest.approx(result.running_products[1], rel=1e-9)
        gaps.append(abs(result.gap))
    # a one-sided nudge: the gap shrinks about in proportion to the nudge (10x per step)
    assert gaps[0] > gaps[1] > gaps[2]
    assert 5 < gaps[0] / gaps[1] < 20 and 5 < gaps[1] / gaps[2] < 20
    assert gaps[0] > 1e-3   # a big nudge really does disagree: the gap is not hidden


def test_a_negative_nudge_works_and_a_zero_nudge_is_refused():
    result = nudge_chain(**POINT, which="b", nudge=-1e-4)
    assert result.measured == pytest.approx(result.product, rel=1e-3)
    with pytest.raises(ValueError, match="must not be 0"):
        nudge_chain(**POINT, which="b", nudge=0)


@pytest.mark.parametrize("kwargs,words", [
    (dict(which="y"), r"which='y'.*\['x', 'w', 'b'\]"),
    (dict(which="z"), r"which='z'"),
    (dict(nudge="0.1"), "nudge must be one number"),
    (dict(nudge=float("nan")), "finite"),
    (dict(x=[1.0, 2.0]), "x must be one number"),
])
def test_bad_arguments_get_a_clear_message(kwargs, words):
    with pytest.raises(ValueError, match=words):
        nudge_chain(**kwargs)


def test_a_large_input_does_not_overflow():
    result = nudge_chain(x=1.0, w=-800.0, b=0.0, y=0.0, which="b", nudge=0.01)
    assert all(math.isfinite(v) for v in (*result.before, *result.after))


# ------------------------------------------------------------------------------ the app
widgets = pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")


@pytest.fixture
def app():
    from nn_helpers.apps import chain_explorer

    made = chain_explorer(which="x", nudge=0.1)
    yield made
    made.close()


def test_the_readout_states_the_pure_functions_numbers(app):
    result = nudge_chain(**POINT, which="x", nudge=0.1)
    text = app.readout_text
    assert text.startswith("nudge x by 0.1 ")
    assert f"{result.measured:.6f}".replace("-", "−") in text
    assert f"{result.product:.6f}".replace("-", "−") in text
    assert "0.8000 × 0.1966 × (−0.2689)" in text


def test_setting_the_controls_from_code_updates_readout_bars_and_boxes(app):
    before = [bar.get_height() for bar in app.bars]
    app.controls["nudge"].value = "b"
    app.controls["nudge size"].value = 0.001
    result = nudge_chain(**POINT, which="b", nudge=0.001)
    assert app.result == result
    assert app.readout_text.startswith("nudge b by 0.001 ")
    heights = [bar.get_height() for bar in app.bars]
    assert heights == pytest.approx(result.ratios[1:]) and heights != pytest.approx(before)
    assert [bar.get_height() for bar in app.products] == pytest.approx(
        result.running_products[1:])
    assert app.boxes[0].get_text().startswith("b\n−0.2000 → −0.1990")
    assert app.slope_labels[0].get_text().endswith("1.000")
    assert "Δz / Δb" in [t.get_text() for t in app.bar_ax.get_xticklabels()]


def test_the_saved_output_has_a_picture_that_follows_the_state(app):
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"].startswith("ChainExplorer(nudge x by 0.1 ")
    first = base64.b64decode(bundle["image/png"])
    assert first.startswith(b"\x89PNG")
    app.controls["nudge"].value = "w"
    assert base64.b64decode(app.picture()) != first


@pytest.mark.parametrize("kwargs,words", [
    (dict(nudge=5.0), r"nudge=5.0 is outside what its slider can show \(0.001 to 1\)"),
    (dict(nudge=0.0), r"nudge=0.0 is outside"),
    (dict(which="a"), r"which='a'"),
    (dict(x="big"), "x must be one number"),
])
def test_values_the_controls_cannot_show_are_refused(kwargs, words):
    from nn_helpers.apps import ChainExplorer

    with pytest.raises(ValueError, match=words):
        ChainExplorer(**kwargs)

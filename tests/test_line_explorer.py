"""Notebook 01's line explorer: the pure functions of nn_helpers.neuron_line (which side of
the line each point falls on, the line's end points and equation) and the app that draws them."""

import base64

import numpy as np
import pytest

from nn_helpers.neuron_line import (
    boundary_equation,
    boundary_segment,
    split_by_line,
    weather_days,
    yes_region,
)

BOX = ((0.0, 100.0), (0.0, 35.0))


# ---------------------------------------------------------------------------------------
# the pure functions
# ---------------------------------------------------------------------------------------


def test_sides_follow_the_sign_of_the_score():
    X = np.array([[1.0, 1.0], [3.0, 0.0], [0.0, 3.0], [2.0, 2.0]])
    split = split_by_line(X, (1.0, -1.0), 0.0)         # z = x1 - x2
    assert np.allclose(split.z, [0.0, 3.0, -3.0, 0.0])
    assert split.says_yes.tolist() == [False, True, False, False]   # z = 0 says no
    assert split.n_correct == 4 and split.wrong.size == 0              # no labels: all count


def test_labels_are_compared_with_the_side():
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [2.0, 0.0]])
    split = split_by_line(X, (1.0, 0.0), 0.0, y=[1, 1, 0])
    assert split.correct.tolist() == [True, False, False]
    assert split.n_correct == 1 and split.wrong.tolist() == [1, 2]


def test_the_weather_days_need_a_line_moved_from_section_one():
    X, y = weather_days()
    assert X.shape == (16, 2) and y.shape == (16,) and set(y.tolist()) == {0, 1}
    section_one = split_by_line(X, (0.05, -0.1), -2.0, y)
    assert section_one.n_correct == 15
    assert X[section_one.wrong].tolist() == [[66.0, 15.0]]
    assert split_by_line(X, (0.05, -0.1), -1.5, y).n_correct == 16   # a separating line exists
    assert split_by_line(X, (-0.05, 0.1), 1.5, y).n_correct == 0     # all signs flipped


def test_a_tilted_line_is_cut_at_the_edges_of_the_window():
    # z = 0.05 x1 - 0.1 x2 - 2  <=>  x2 = 0.5 x1 - 20: from (40, 0) to (100, 30)
    segment = boundary_segment((0.05, -0.1), -2.0, BOX)
    assert sorted(segment) == [pytest.approx((40.0, 0.0)), pytest.approx((100.0, 30.0))]
    for x1, x2 in segment:
        assert 0.05 * x1 - 0.1 * x2 - 2.0 == pytest.approx(0.0, abs=1e-12)


def test_vertical_horizontal_corner_and_missing_lines():
    assert sorted(boundary_segment((1.0, 0.0), -40.0, BOX)) == [(40.0, 0.0), (40.0, 35.0)]
    assert sorted(boundary_segment((0.0, 1.0), -20.0, BOX)) == [(0.0, 20.0), (100.0, 20.0)]
    # through two opposite corners: found twice each, kept once
    diagonal = boundary_segment((35.0, -100.0), 0.0, BOX)
    assert sorted(diagonal) == [pytest.approx((0.0, 0.0)), pytest.approx((100.0, 35.0))]
    assert boundary_segment((1.0, 0.0), -200.0, BOX) is None        # outside the window
    assert boundary_segment((0.0, 0.0), 1.0, BOX) is None           # no line at all
    assert boundary_segment((1.0, 1.0), 0.0, BOX) is None           # touches one corner only


@pytest.mark.parametrize("w,b,text", [
    ((0.05, -0.1), -2.0, "x2 = 0.5 × x1 - 20 (yes below the line)"),
    ((0.05, 0.1), -2.0, "x2 = -0.5 × x1 + 20 (yes above the line)"),
    ((0.0, 0.1), -2.0, "x2 = 20 (yes above the line)"),
    ((1.0, -1.0), 0.0, "x2 = 1 × x1 (yes below the line)"),
    ((0.05, 0.0), -3.2, "x1 = 64 (yes to the right of the line)"),
    ((-0.05, 0.0), 3.2, "x1 = 64 (yes to the left of the line)"),
    ((0.0, 0.0), 1.0, "no line: both weights are 0, so z = b = 1 and every point says yes"),
    ((0.0, 0.0), -1.0, "every point says no"),
])
def test_the_equation_says_where_the_line_is_and_which_side_says_yes(w, b, text):
    assert text in boundary_equation(w, b)


def test_the_yes_region_agrees_with_the_scores_on_the_grid():
    region = yes_region((0.05, -0.1), -2.0, BOX, size=11)        # x1 = 0, 10, ..., 100
    assert region.shape == (11, 11)
    x1 = np.linspace(0, 100, 11)
    x2 = np.linspace(0, 35, 11)
    for r in range(11):
        for c in range(11):
            assert region[r, c] == (0.05 * x1[c] - 0.1 * x2[r] - 2.0 > 0)


@pytest.mark.parametrize("call,words", [
    (lambda: split_by_line(np.zeros((3, 3)), (1, 1), 0), r"two columns .*\(3, 3\)"),
    (lambda: split_by_line(np.zeros((3, 2)), (1, 1, 1), 0), r"two weights.*\(3,\)"),
    (lambda: split_by_line(np.zeros((3, 2)), (1, 1), 0, y=[1, 0]), r"one label per example"),
])
def test_wrong_shapes_are_refused_with_the_shape_expected(call, words):
    with pytest.raises(ValueError, match=words):
        call()


# ---------------------------------------------------------------------------------------
# the app
# ---------------------------------------------------------------------------------------

widgets = pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")


@pytest.fixture
def app():
    from nn_helpers.apps import line_explorer

    explorer = line_explorer()
    yield explorer
    explorer.close()


def _colors(app):
    return [tuple(np.round(c, 3)) for _, dots in app.groups for c in dots.get_facecolor()]


def test_setting_the_sliders_moves_the_line_recolours_the_points_and_updates_the_readout(app):
    assert "moisture = 64" in app.readout_text and "12 of 16" in app.readout_text
    before_line = np.array(app.boundary.get_data())
    before_colors, before_shade = _colors(app), app.shade.get_array().copy()
    app.controls["weight w2"].value = -0.1
    app.controls["bias b"].value = -2.0
    assert app.readout_text == ("w1 = 0.05, w2 = -0.10, b = -2.0 · line: temperature = 0.5 × "
                                "moisture - 20 (yes below the line) · 15 of 16 points on "
                                "their correct side")
    line = np.array(app.boundary.get_data())
    assert not np.allclose(line, before_line)
    for x1, x2 in line.T:                                  # the drawn line is z = 0
        assert 0.05 * x1 - 0.1 * x2 - 2.0 == pytest.approx(0.0, abs=1e-9)
    assert _colors(app) != before_colors
    assert not np.array_equal(app.shade.get_array(), before_shade)
    assert app.wrong_rings.get_offsets().tolist() == [[66.0, 15.0]]
    assert "0.05" in app.ax.get_title() and "2.0" in app.ax.get_title()


def test_each_point_is_coloured_by_the_side_the_pure_function_gives(app):
    from matplotlib.colors import to_rgba

    from nn_helpers.apps.line_explorer import NO_COLOR, YES_COLOR

    app.controls["bias b"].value = -4.0                    # moisture = 80
    expected = split_by_line(app.X, app.w, app.b, app.y, app.window)
    for index, dots in app.groups:
        for i, color in zip(index, dots.get_facecolor()):
            want = YES_COLOR if expected.says_yes[i] else NO_COLOR
            assert np.allclose(color, to_rgba(want))


def test_no_line_when_both_weights_are_zero(app):
    app.controls["weight w1"].value = 0.0
    assert len(app.boundary.get_data()[0]) == 0
    assert "no line" in app.readout_text


def test_the_static_picture_follows_the_state(app):
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"].startswith("LineExplorer(w1 = 0.05")
    before = base64.b64decode(bundle["image/png"])
    app.controls["bias b"].value = -1.5
    after = app.snapshot().data
    assert after.startswith(b"\x89PNG") and after != before


def test_other_points_without_labels(app):
    from nn_helpers.apps import line_explorer

    other = line_explorer(np.array([[1.0, 2.0], [3.0, 4.0]]), None, w=(0.1, 0.1), b=-0.5,
                          feature_names=("a", "b"), window=((0, 5), (0, 5)))
    assert "points on their correct side" not in other.readout_text
    assert "b = -0.5" in other.readout_text
    other.close()


@pytest.mark.parametrize("kwargs,words", [
    (dict(w=(0.5, 0.0)), r"w1=0.5 is outside"),
    (dict(w=(0.0, -0.3)), r"w2=-0.3 is outside"),
    (dict(b=7.0), r"b=7.0 is outside what its slider can show \(-5 to 5\)"),
])
def test_values_the_sliders_cannot_show_are_refused(kwargs, words):
    from nn_helpers.apps import line_explorer

    with pytest.raises(ValueError, match=words):
        line_explorer(**kwargs)


def test_the_saved_notebook_shows_pictures_of_both_states():
    """A reader on a static page (GitHub) sees the app's first state and the state code set."""
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "notebooks" / "01_neuron_affine.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    shown = [cell for cell in cells if cell["cell_type"] == "code"
             and ("line_explorer()" in "".join(cell["source"])
                  or "app.snapshot()" in "".join(cell["source"]))]
    assert len(shown) == 2
    for cell in shown:
        pictures = [o for o in cell["outputs"] if "image/png" in o.get("data", {})]
        assert pictures, "".join(cell["source"])
        assert base64.b64decode(pictures[0]["data"]["image/png"]).startswith(b"\x89PNG")
    first = "".join("".join(o["data"]["text/plain"]) for o in shown[0]["outputs"] if "data" in o)
    second = "".join("".join(o.get("text", "")) for o in shown[1]["outputs"])
    assert "12 of 16" in first and "15 of 16" in second

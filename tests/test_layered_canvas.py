"""The apps' two-layer drawing (``App.moving``, the layered canvas of nn_helpers.apps.base).

With a browser view open, a control change redraws only the moving artists over a kept copy
of the still layer. These tests hold it to what a full drawing gives: the same picture (up to
a few pixels where a moving artist now lies over a grid line), never a stale one, and a full
drawing whenever something in the still layer changed.
"""

import numpy as np
import pytest

pytest.importorskip("ipympl")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from nn_helpers.apps import (  # noqa: E402
    Playground,
    activation_explorer,
    chain_explorer,
    learning_rate_explorer,
    line_explorer,
)

TOLERATED = 0.005   # share of pixels that may differ from a full drawing (z-order only)


def _wine_like():
    rng = np.random.default_rng(0)
    x = rng.normal(size=30)
    return x, 2 * x + 1 + 0.3 * rng.normal(size=30)


APPS = {
    "02 weight": (activation_explorer, "weight w", 2.0),
    "01 w1": (line_explorer, "weight w1", 0.1),
    "04 nudge size": (chain_explorer, "nudge size", 10 ** -0.5),
    "03 learning rate": (lambda: learning_rate_explorer(*_wine_like()), "learning rate", 0.3),
}


def _as_if_shown(app):
    """What ipympl does when a browser view says hello: from now on redraw() draws."""
    app.canvas.syncing_data_url = False
    app.canvas.draw()
    full_draws = []
    draw = app.canvas.draw
    app.canvas.draw = lambda: (full_draws.append(1), draw())
    return full_draws


def _pixels(app):
    return np.asarray(app.canvas.get_renderer().buffer_rgba()).astype(int)


def _full_drawing(app):
    """The figure drawn in one pass, every artist in its z-order (as savefig draws it)."""
    for artist in app.figure.findobj(lambda a: a.get_animated()):
        artist.set_animated(False)
    FigureCanvasAgg.draw(app.canvas)
    return _pixels(app)


def _share_differing(a, b):
    return float(np.mean(np.abs(a - b).sum(axis=2) > 24))


@pytest.mark.parametrize("name", APPS)
def test_a_control_redraws_only_the_moving_layer_and_the_picture_is_right(name):
    make, control, value = APPS[name]
    app = make()
    full_draws = _as_if_shown(app)
    before = _pixels(app)
    app.controls[control].value = value
    layered = _pixels(app)
    assert full_draws == [], f"{name}: a control change drew the whole figure again"
    assert _share_differing(layered, before) > 0.001, f"{name}: the picture did not change"
    differing = _share_differing(layered, _full_drawing(app))
    assert differing < TOLERATED, (f"{name}: {differing:.2%} of the pixels differ from a full "
                                   f"drawing of the same state")


def test_a_playground_step_redraws_only_what_training_moves():
    pg = Playground()
    full_draws = _as_if_shown(pg)
    for _ in range(12):            # past the loss axis's first jump (10 -> 20 epochs)
        pg.step_button.click()
    full_draws.clear()
    before = _pixels(pg)
    pg.step_button.click()
    layered = _pixels(pg)
    assert full_draws == [], "a training step drew the whole figure again"
    assert _share_differing(layered, before) > 0.001
    differing = _share_differing(layered, _full_drawing(pg))
    assert differing < TOLERATED, f"{differing:.2%} of the pixels differ from a full drawing"


def test_a_change_to_the_still_layer_draws_everything_again():
    app = activation_explorer()
    full_draws = _as_if_shown(app)
    app.ax.set_xlabel("a changed label")          # a still artist
    app.controls["weight w"].value = 2.0
    assert full_draws == [1]
    differing = _share_differing(_pixels(app), _full_drawing(app))
    assert differing < TOLERATED


def test_before_a_browser_view_exists_nothing_is_drawn():
    """nbval, or a cell that changes an app before its view is shown: the browser asks for
    the picture when it shows the canvas, so redraw() must not spend time drawing."""
    app = activation_explorer()
    drawn = []
    app.canvas.draw = lambda: drawn.append(1)
    app.canvas.draw_moving = lambda: drawn.append(1)
    app.controls["weight w"].value = 2.0
    assert drawn == []

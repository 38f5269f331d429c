"""Tests for nn_helpers.playground: the pure model trains and is reproducible; the widget
builds headlessly and its controls really drive the model and the pictures."""

import time

import numpy as np
import pytest

from nn_helpers.playground import (
    PlaygroundModel,
    PlaygroundSettings,
    TrainingDiverged,
    hidden_mosaic,
)

SPIRALS = dict(dataset="spirals", noise=0.05, n_points=400, hidden=(16, 16, 16),
               activation="relu")


@pytest.mark.parametrize("dataset", ["xor", "circles"])
def test_default_settings_reach_100_percent_quickly(dataset):
    model = PlaygroundModel(dataset=dataset)
    start = time.perf_counter()
    epochs = model.train_until(accuracy=1.0, max_epochs=300)
    seconds = time.perf_counter() - start
    assert epochs > 0, f"{dataset}: {model.summary()}"
    assert model.train_accuracy == 1.0
    assert model.test_accuracy >= 0.95
    assert seconds < 10, f"{dataset} took {seconds:.1f} s (a few seconds expected)"


def test_spirals_need_and_get_a_larger_network():
    small = PlaygroundModel(dataset="spirals", noise=0.05, n_points=400, hidden=(2,))
    small.step(200)
    assert small.train_accuracy < 0.8          # one layer of two units cannot wind a spiral
    big = PlaygroundModel(**SPIRALS)
    assert big.train_until(accuracy=1.0, max_epochs=600) > 0, big.summary()
    assert big.test_accuracy >= 0.9


def test_same_seed_same_run_and_another_seed_another_run():
    a = PlaygroundModel(dataset="moons", seed=3).step(7)
    b = PlaygroundModel(dataset="moons", seed=3).step(7)
    c = PlaygroundModel(dataset="moons", seed=4).step(7)
    assert a.history == b.history
    np.testing.assert_array_equal(a.decision_grid()[2], b.decision_grid()[2])
    assert a.history.train_loss != c.history.train_loss
    assert not np.array_equal(a.X, c.X)


def test_steps_add_up_whatever_their_grouping():
    """Play trains in chunks: 3 + 4 epochs must equal 7 epochs at once."""
    a = PlaygroundModel(seed=1).step(3).step(4)
    b = PlaygroundModel(seed=1).step(7)
    assert a.history == b.history and a.epoch == 7


def test_reset_returns_to_the_same_start():
    model = PlaygroundModel(dataset="circles", seed=2)
    start = model.decision_grid()[2].copy()
    model.step(5)
    assert not np.array_equal(model.decision_grid()[2], start)
    model.reset()
    np.testing.assert_array_equal(model.decision_grid()[2], start)
    assert model.history.epoch == [0]


def test_share_string_rebuilds_the_experiment():
    model = PlaygroundModel(dataset="moons", noise=0.2, hidden=(5, 3), lr=0.3, seed=9)
    clone = eval(model.share(), {"PlaygroundModel": PlaygroundModel})
    assert clone.settings == model.settings
    assert clone.step(3).history == model.step(3).history


def test_training_settings_change_without_reset():
    model = PlaygroundModel(seed=0).step(2)
    model.set_training(lr=0.3, l2=0.01, batch_size=5)
    assert model.epoch == 2 and model.sgd.lr == 0.3 and model.sgd.weight_decay == 0.01
    model.step(1)
    assert model.epoch == 3


def test_decision_grid_and_hidden_grids_shapes():
    model = PlaygroundModel(hidden=(3, 5))
    xx, yy, P = model.decision_grid()
    assert xx.shape == yy.shape == P.shape == (60, 60)
    assert np.all((P >= 0) & (P <= 1))
    # the grid covers every data point
    assert xx.min() < model.X[:, 0].min() and xx.max() > model.X[:, 0].max()
    grids = model.hidden_grids(resolution=10)
    assert [g.shape for g in grids] == [(3, 10, 10), (5, 10, 10)]
    if model.settings.activation == "tanh":
        assert all(np.all(np.abs(g) <= 1) for g in grids)


def test_hidden_mosaic_layout():
    grids = [np.arange(8.0).reshape(2, 2, 2) + 1, -np.ones((3, 2, 2))]
    mosaic = hidden_mosaic(grids, gap=1)
    assert mosaic.shape == (2 * 3 - 1, 3 * 3 - 1)
    np.testing.assert_array_equal(mosaic[0:2, 0:2], np.array([[3, 4], [1, 2]]) / 4)  # flipped
    assert np.isnan(mosaic[2]).all()                       # the gap between layers
    assert np.isnan(mosaic[0:2, 6:8]).all()                # layer 1 has only two units
    np.testing.assert_array_equal(mosaic[3:5, 6:8], -1)


def test_too_large_learning_rate_reports_divergence():
    model = PlaygroundModel(dataset="circles", lr=1e6, hidden=(8,), activation="relu")
    with pytest.raises(TrainingDiverged, match="too large"), np.errstate(all="ignore"):
        model.step(50)


@pytest.mark.parametrize("bad, message", [
    (dict(dataset="iris"), "dataset must be one of"),
    (dict(hidden=()), "hidden must list"),
    (dict(hidden=(4, 0)), "hidden must list"),
    (dict(lr=0), "lr must be"),
    (dict(l2=-1), "l2 must be"),
    (dict(activation="softmax"), "activation must be one of"),
    (dict(batch_size=0), "batch_size must be"),
    (dict(seed=-1), "seed must be"),
])
def test_bad_settings_are_rejected_with_the_argument_named(bad, message):
    with pytest.raises(ValueError, match=message):
        PlaygroundSettings(**bad)


def test_batch_larger_than_training_set_is_rejected():
    with pytest.raises(ValueError, match="batch_size=500"):
        PlaygroundModel(n_points=100, batch_size=500)


# ------------------------------------------------------------------------- the widget
@pytest.fixture
def playground():
    pytest.importorskip("ipympl")
    from nn_helpers.playground import Playground

    pg = Playground(dataset="xor")
    yield pg
    pg.close()


def test_widget_builds_headlessly(playground):
    pg = playground
    assert "epoch 0:" in pg.status.value
    bundle = pg._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Playground: PlaygroundModel(dataset='xor'")
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_step_button_trains_and_moves_the_pictures(playground):
    pg = playground
    boundary = pg.boundary_image.get_array().copy()
    units = pg.units_image.get_array().copy()
    pg.step_button.click()
    assert pg.model.history.epoch == [0, 1]
    assert "epoch 1:" in pg.status.value
    assert not np.allclose(pg.boundary_image.get_array(), boundary)
    assert not np.allclose(pg.units_image.get_array(), units, equal_nan=True)
    np.testing.assert_array_equal(pg.train_line.get_xdata(), [0, 1])


def test_play_ticks_train_and_stop_button_rewind_is_ignored(playground):
    pg = playground
    pg.play.value += 1                       # what the browser's timer does
    after_one_tick = pg.model.epoch
    assert 1 <= after_one_tick <= 5
    pg.play.value = 0                        # the Play widget's stop button
    assert pg.model.epoch == after_one_tick
    pg._last_tick_end = 0.0
    pg.play.value += 1
    assert pg.model.epoch > after_one_tick


def test_changing_the_data_set_resets_and_redraws(playground):
    pg = playground
    pg.step_button.click()
    before = pg.boundary_image.get_array().copy()
    pg.controls["dataset"].value = "circles"
    assert pg.model.settings.dataset == "circles" and pg.model.epoch == 0
    assert not np.allclose(pg.boundary_image.get_array(), before)
    pg.controls["layers"].value = 3
    pg.controls["units"].value = 2
    assert pg.model.settings.hidden == (2, 2, 2)
    assert pg.units_image.get_array().shape == (3 * 26 - 2, 2 * 26 - 2)


def test_learning_rate_menu_changes_training_without_reset(playground):
    pg = playground
    pg.step_button.click()
    pg.controls["lr"].value = 0.3
    assert pg.model.sgd.lr == 0.3 and pg.model.epoch == 1
    assert "lr=0.3" in pg.share_box.value


def test_reset_button_restores_the_start(playground):
    pg = playground
    start = pg.boundary_image.get_array().copy()
    pg.step_button.click()
    pg.reset_button.click()
    np.testing.assert_array_equal(pg.boundary_image.get_array(), start)


def test_a_failing_callback_shows_an_error(playground, monkeypatch):
    pg = playground
    monkeypatch.setattr(pg.model, "reset", lambda **kw: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        pg.controls["seed"].value = 5
    assert "ZeroDivisionError" in pg.status.value


@pytest.mark.parametrize("settings,words", [
    (dict(hidden=(20,)), r"20 units in a layer \(the slider goes from 1 to 16\)"),
    (dict(hidden=(4, 4, 4, 4, 4)), r"5 layers \(the slider goes from 1 to 4\)"),
    (dict(hidden=(3, 5)), r"different widths"),
    (dict(noise=0.9), r"noise=0.9 \(the slider goes from 0.0 to 0.5\)"),
])
def test_settings_the_controls_cannot_show_are_refused_not_clamped(settings, words):
    from nn_helpers.playground import Playground

    with pytest.raises(ValueError, match=words + r".*PlaygroundModel"):
        Playground(PlaygroundSettings(**settings))
    assert PlaygroundModel(PlaygroundSettings(**settings)).settings.hidden   # the model takes them

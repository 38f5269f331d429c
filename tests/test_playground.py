"""Tests for nn_helpers.playground: the pure model trains and is reproducible; the widget
builds headlessly and its controls really drive the model and the pictures."""

import time

import numpy as np
import pytest

from nn_helpers.playground import (
    FEATURES,
    PlaygroundModel,
    PlaygroundSettings,
    TrainingDiverged,
)
from nn_helpers.plots import grid_around

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
    model.set_training(lr=0.3, regularization="l2", reg_rate=0.01, batch_size=5)
    assert model.epoch == 2 and model.sgd.lr == 0.3 and model.sgd.weight_decay == 0.01
    model.set_training(regularization="l1")
    assert model.sgd.weight_decay == 0 and model.sgd.l1 == 0.01
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


def test_too_large_learning_rate_reports_divergence():
    model = PlaygroundModel(dataset="circles", lr=1e6, hidden=(8,), activation="relu")
    with pytest.raises(TrainingDiverged, match="too large"), np.errstate(all="ignore"):
        model.step(50)


@pytest.mark.parametrize("bad, message", [
    (dict(dataset="iris"), "dataset must be one of"),
    (dict(hidden=(4, 0)), "hidden must list"),
    (dict(hidden=(4, 2.5)), "hidden must list"),
    (dict(hidden=4), "hidden must list"),
    (dict(lr=0), "lr must be"),
    (dict(reg_rate=-1), "reg_rate must be"),
    (dict(regularization="l3"), "regularization must be one of"),
    (dict(features=()), "features must list"),
    (dict(features=("x1", "x3")), "features must list"),
    (dict(features=("x1", "x1")), "features must list"),
    (dict(test_fraction=1.0), "test_fraction"),
    (dict(test_fraction="half"), "test_fraction"),
    (dict(activation="softmax"), "activation must be one of"),
    (dict(batch_size=0), "batch_size must be"),
    (dict(seed=-1), "seed must be"),
])
def test_bad_settings_are_rejected_with_the_argument_named(bad, message):
    with pytest.raises(ValueError, match=message):
        PlaygroundSettings(**bad)


@pytest.mark.parametrize("settings", [dict(n_points=1, batch_size=1),
                                      dict(n_points=3, batch_size=1, test_fraction=0.9)])
def test_too_few_points_for_a_split_are_refused_naming_the_settings(settings):
    with pytest.raises(ValueError, match=f"n_points={settings['n_points']}, test_fraction"):
        PlaygroundModel(**settings)


def test_batch_larger_than_training_set_is_rejected():
    with pytest.raises(ValueError, match="batch_size=500"):
        PlaygroundModel(n_points=100, batch_size=500)


# --------------------------------------------------------------- features, layers, penalty
def test_good_features_replace_the_hidden_layer():
    """Circles: x1², x2² with no hidden layer separate them; x1, x2 alone cannot. XOR:
    x1·x2 is the feature that does it."""
    plain = PlaygroundModel(dataset="circles", hidden=()).step(100)
    squares = PlaygroundModel(dataset="circles", hidden=(), features=("x1^2", "x2^2")).step(100)
    assert [W.shape for W in squares.net.weights] == [(2, 1)]     # a single neuron
    assert plain.train_accuracy < 0.7 and squares.train_accuracy > 0.95
    product = PlaygroundModel(dataset="xor", hidden=(), features=("x1", "x2", "x1*x2"))
    assert product.step(100).train_accuracy == 1.0


def test_features_are_computed_from_the_standardized_points_in_registry_order():
    model = PlaygroundModel(features=("sin x2", "x1^2", "x1"))
    assert model.settings.features == ("x1", "x1^2", "sin x2")   # one spelling, one order
    S = (model.X_train - model.mean) / model.std
    np.testing.assert_allclose(model.features_of(model.X_train),
                               np.column_stack([S[:, 0], S[:, 0] ** 2, np.sin(S[:, 1])]))
    assert set(FEATURES) == {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin x1", "sin x2"}


def test_a_different_width_per_layer_and_the_linear_activation():
    model = PlaygroundModel(hidden=(5, 3, 2), activation="linear")
    assert model.settings.activation == "identity"       # "linear" is its everyday name
    assert [W.shape for W in model.net.weights] == [(2, 5), (5, 3), (3, 2), (2, 1)]
    # linear layers compose to one linear map: XOR stays out of reach
    assert model.step(100).train_accuracy < 0.8


def test_l1_sets_weights_to_exactly_zero_and_l2_only_shrinks_them():
    base = dict(dataset="circles", hidden=(8,), seed=0)
    l1 = PlaygroundModel(**base, regularization="l1", reg_rate=0.01).step(100)
    l2 = PlaygroundModel(**base, regularization="l2", reg_rate=0.01).step(100)
    none = PlaygroundModel(**base).step(100)
    assert l1.zero_weights() >= 5 and l2.zero_weights() == 0 == none.zero_weights()
    size = [sum(float(np.square(W).sum()) for W in m.net.weights) for m in (none, l2)]
    assert size[1] < size[0]
    # the penalty that is reported, and the summary says the losses leave it out
    W = l1.net.weights
    assert l1.penalty() == pytest.approx(0.01 * sum(np.abs(w).sum() for w in W))
    assert l2.penalty() == pytest.approx(0.005 * sum(np.square(w).sum() for w in l2.net.weights))
    assert "without the L1 penalty" in l1.summary() and "penalty" not in none.summary()


def test_the_l1_step_is_a_subgradient_step_that_stops_at_zero():
    model = PlaygroundModel(hidden=(3,), regularization="l1", reg_rate=0.5, lr=0.1)
    before = [W.copy() for W in model.net.weights]
    zero = [(np.zeros_like(W), np.zeros_like(b)) for W, b in model.net.parameters]
    model.sgd.step(model.net, zero)                     # no data gradient: the penalty alone
    for W0, W1 in zip(before, model.net.weights):
        stepped = W0 - 0.1 * 0.5 * np.sign(W0)
        np.testing.assert_allclose(W1, np.where(np.sign(stepped) == np.sign(W0), stepped, 0))


@pytest.mark.parametrize("dataset", ["plane", "bumps"])
def test_regression_sets_learn_with_mse_and_no_accuracy(dataset):
    model = PlaygroundModel(dataset=dataset, noise=0.0)
    assert model.settings.problem == "regression" and model.regression
    assert model.y.min() >= -1 and model.y.max() <= 1 and len(np.unique(model.y)) > 50
    assert model.net.output.name == "identity" and model.net.loss.name == "mse"
    start = model.history.test_loss[0]
    model.step(150)
    assert model.history.test_loss[-1] < 0.25 * start
    assert model.test_accuracy is None and "test MSE" in model.summary()
    F = model.features_of(model.X_test)
    mse = float(np.mean((model.net.predict(F)[:, 0] - model.y_test) ** 2))
    assert model.history.test_loss[-1] == pytest.approx(mse)
    with pytest.raises(ValueError, match="regression"):
        model.train_until(0.9)


def test_discretized_output():
    model = PlaygroundModel(dataset="circles").step(5)
    P = model.decision_grid()[2]
    np.testing.assert_array_equal(model.decision_grid(discretize=True)[2], P >= 0.5)
    reg = PlaygroundModel(dataset="bumps").step(5)
    D = reg.decision_grid(discretize=True)[2]
    assert set(np.unique(D)) <= {-1, -0.5, 0, 0.5, 1}


def test_test_fraction_sets_the_split():
    model = PlaygroundModel(n_points=200, test_fraction=0.3)
    assert (len(model.X_train), len(model.X_test)) == (140, 60)


def test_new_seed_moves_to_the_next_seed_and_reset_keeps_it():
    model = PlaygroundModel(dataset="moons", seed=4)
    start = [W.copy() for W in model.net.weights]
    model.step(3).reset()
    assert all(np.array_equal(a, b) for a, b in zip(start, model.net.weights))
    model.new_seed()
    assert model.settings.seed == 5 and model.epoch == 0
    assert not np.array_equal(start[0], model.net.weights[0])


def test_a_refused_setting_changes_nothing():
    model = PlaygroundModel(dataset="xor", n_points=40).step(2)
    with pytest.raises(ValueError, match="batch_size=30"):
        model.reset(batch_size=30, dataset="circles")
    assert model.settings.dataset == "xor" and model.epoch == 2


def test_trace_example_is_the_networks_own_forward_and_backward_pass():
    model = PlaygroundModel(dataset="circles", features=("x1", "x2", "x1^2"),
                            hidden=(4, 3)).step(3)
    t = model.trace_example(7)
    F = model.features_of(model.X_train[7:8])
    cache = model.net.forward(F)
    grads = model.net.backward(cache, [[model.y_train[7]]])
    np.testing.assert_array_equal(t.a[0], F[0])
    assert list(t.features) == ["x1", "x2", "x1^2"]
    for l, (dW, db) in enumerate(grads):
        np.testing.assert_array_equal(t.dW[l], dW)
        np.testing.assert_array_equal(t.delta[l], db)
        np.testing.assert_allclose(t.dW[l], np.outer(t.a[l], t.delta[l]))     # BP4
        np.testing.assert_array_equal(t.z[l], cache.Z[l][0])
    assert [len(a) for a in t.a] == [3, 4, 3, 1]
    # the cost of the example, and its derivative by finite differences for one weight
    p = float(t.a[-1][0])
    y = t.y
    assert t.cost == pytest.approx(-(y * np.log(p) + (1 - y) * np.log(1 - p)))
    W = model.net.weights[0]
    eps, old = 1e-6, W[1, 2]
    W[1, 2] = old + eps
    up = model.net.cost(F, [[y]])
    W[1, 2] = old - eps
    down = model.net.cost(F, [[y]])
    W[1, 2] = old
    assert (up - down) / (2 * eps) == pytest.approx(t.dW[0][1, 2], rel=1e-5)
    with pytest.raises(ValueError, match="row of a training example, 0 to 99"):
        model.trace_example(100)


def test_node_grids_cover_every_layer_features_to_output():
    model = PlaygroundModel(features=("x1", "x2", "sin x1"), hidden=(3, 5))
    grids = model.node_grids(resolution=8)
    assert [g.shape for g in grids] == [(3, 8, 8), (3, 8, 8), (5, 8, 8), (1, 8, 8)]
    xx, yy = grid_around(model.X, resolution=8)
    np.testing.assert_allclose(grids[-1][0], model.predict(
        np.column_stack([xx.ravel(), yy.ravel()]))[:, 0].reshape(8, 8))
    np.testing.assert_allclose(grids[0][0], (xx - model.mean[0]) / model.std[0])


def test_from_code_round_trips_share():
    model = PlaygroundModel(dataset="bumps", features=("x1", "x1*x2"), hidden=(3, 1),
                            activation="relu", regularization="l1", reg_rate=0.003,
                            test_fraction=0.3, seed=12)
    clone = PlaygroundModel.from_code(model.share())
    assert clone.settings == model.settings
    assert clone.step(3).history == model.step(3).history
    assert PlaygroundModel.from_code("Playground(dataset='circles')").settings.dataset == "circles"


@pytest.mark.parametrize("code, message", [
    ("PlaygroundModel(dataset='xor'", "could not read the code"),
    ("print('hi')", "one call of PlaygroundModel"),
    ("PlaygroundModel('xor')", "name every setting"),
    ("PlaygroundModel(**{'seed': 1})", "no \\*\\*"),
    ("PlaygroundModel(colour='red')", "'colour' is not a setting"),
    ("PlaygroundModel(seed=1, seed=2)", "given twice"),
    ("PlaygroundModel(seed=__import__('os').getpid())", "plain value"),
    ("PlaygroundModel(hidden=(4, 0))", "hidden must list"),
])
def test_from_code_never_runs_code_and_says_what_is_wrong(code, message):
    with pytest.raises((ValueError, SyntaxError), match=message):
        PlaygroundModel.from_code(code)
    with pytest.raises(TypeError, match="as a string"):
        PlaygroundModel.from_code(None)


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
    diagram = pg.diagram_image.get_array().copy()
    widths = pg.edges.get_linewidths().copy()
    artists = (pg.diagram_image, pg.edges, len(pg.ax_diagram.get_children()))
    pg.step_button.click()
    assert pg.model.history.epoch == [0, 1]
    assert "epoch 1:" in pg.status.value
    assert not np.allclose(pg.boundary_image.get_array(), boundary)
    assert not np.allclose(pg.diagram_image.get_array(), diagram, equal_nan=True)
    assert not np.allclose(pg.edges.get_linewidths(), widths)
    # a training step moves the data of the artists, it never re-creates them
    assert (pg.diagram_image, pg.edges, len(pg.ax_diagram.get_children())) == artists
    np.testing.assert_array_equal(pg.train_line.get_xdata(), [0, 1])


def test_the_diagram_shows_every_node_and_every_weight(playground):
    from nn_helpers.apps.playground import TILE, TWO_CLASSES, edge_widths

    pg = playground
    m = pg.model
    image = pg.diagram_values
    np.testing.assert_array_equal(pg.diagram_image.get_array(),        # what is drawn
                                  TWO_CLASSES((image + 1) / 2, bytes=True))
    assert (pg.diagram_image.get_array()[np.isnan(image)][:, 3] == 0).all()   # transparent
    grids = m.node_grids(TILE)
    for layer, (units, xy) in enumerate(zip(grids, pg._node_xy)):
        for tile, (x, y) in zip(units, xy):
            x0, y0 = int(x) - TILE // 2, int(y) - TILE // 2
            shown = image[y0:y0 + TILE, x0:x0 + TILE][::-1]
            want = 2 * tile - 1 if layer == len(grids) - 1 else tile / np.abs(tile).max()
            np.testing.assert_allclose(shown, want)
    weights = np.concatenate([W.ravel() for W in m.net.weights])
    assert len(pg.edges.get_segments()) == len(weights) == 2 * 6 + 6 * 6 + 6
    np.testing.assert_allclose(pg.edges.get_linewidths(), edge_widths(weights))
    orange = np.array([230, 159, 0]) / 255
    colours = pg.edges.get_colors()[:, :3]
    np.testing.assert_allclose(colours[weights >= 0], np.tile(orange, ((weights >= 0).sum(), 1)))
    assert not np.allclose(colours[weights < 0], orange)
    # W[0][k, j] joins feature k to unit j of layer 1
    start, end = pg.edges.get_segments()[1]          # k = 0, j = 1
    assert start[1] == pg._node_xy[0][0, 1] and end[1] == pg._node_xy[1][1, 1]


def test_feature_toggles_layer_buttons_and_unit_boxes_rebuild_the_network(playground):
    pg = playground
    pg.controls["feature x1^2"].value = True
    assert pg.model.settings.features == ("x1", "x2", "x1^2")
    assert pg.model.net.weights[0].shape == (3, 6)
    pg.remove_layer_button.click()
    pg.remove_layer_button.click()
    assert pg.model.settings.hidden == () and len(pg.model.net.weights) == 1
    assert len(pg.edges.get_segments()) == 3
    pg.remove_layer_button.click()      # a button's handler logs its error, shown here:
    assert "0 to 4 hidden layers" in pg.status.value
    pg.add_layer_button.click()
    pg.controls["units 1"].value = 3
    pg.add_layer_button.click()
    pg.controls["units 2"].value = 2
    assert pg.model.settings.hidden == (3, 2)
    assert pg.controls["units 3"].layout.display == "none"
    for name in ("x1", "x2", "x1^2"):
        pg.controls[f"feature {name}"].value = False if name != "x1^2" else True
    with pytest.raises(ValueError, match="at least one input feature"):
        pg.controls["feature x1^2"].value = False
    assert pg.controls["feature x1^2"].value and pg.model.settings.features == ("x1^2",)


def test_activation_regularization_and_problem_menus(playground):
    pg = playground
    pg.controls["activation"].value = "identity"
    assert dict(pg.controls["activation"].options)["linear"] == "identity"
    assert pg.model.net.hidden.name == "identity"
    pg.controls["regularization"].value = "l1"
    pg.controls["reg_rate"].value = 0.01
    assert pg.model.sgd.l1 == 0.01 and "reg_rate=0.01" in pg.share_box.value
    assert "L1 penalty" in pg.status.value
    pg.controls["dataset"].value = "plane"
    assert pg.model.regression and "test MSE" in pg.status.value
    assert pg.ax_loss.get_ylabel() == "MSE"
    assert pg.boundary_image.get_clim() == (-1, 1)


def test_test_ratio_show_test_points_and_discretize(playground):
    pg = playground
    pg.controls["test %"].value = 30
    assert pg.model.settings.test_fraction == 0.3 and len(pg.model.X_test) == 60
    assert all(p.get_visible() for p in pg.test_points)
    pg.controls["show test points"].value = False
    assert not any(p.get_visible() for p in pg.test_points)
    assert pg.status.value.endswith("test points hidden</span>")     # the readout says so
    pg.step_button.click()
    pg.controls["discretize output"].value = True
    np.testing.assert_array_equal(np.unique(pg.boundary_image.get_array()), [0, 1])
    assert "output discretized" in pg.status.value


def test_trace_button_writes_the_examples_numbers_on_the_diagram(playground):
    pg = playground
    pg.step_button.click()
    pg.trace_button.click()
    t = pg.model.trace_example(0)
    texts = [text.get_text() for text in pg._trace_texts]
    assert len(texts) == 2 + 6 + 6 + 1
    assert texts[0] == f"{t.a[0][0]:.2f}"                   # a feature: its value
    assert texts[-1] == f"{t.a[-1][0]:.2f}\nδ {t.delta[-1][0]:.3f}"   # the output: a and delta
    assert "training example 0" in pg.status.value and f"cost {t.cost:.4f}" in pg.status.value
    np.testing.assert_array_equal(pg.trace_marker.get_xdata(), [t.x[0]])
    pg.trace_button.click()
    assert "training example 1" in pg.status.value
    pg.step_button.click()                                  # the weights moved: trace gone
    assert pg._trace_texts == [] and len(pg.trace_marker.get_xdata()) == 0


def test_new_seed_and_load_code_set_the_controls_to_match(playground):
    pg = playground
    pg.new_seed()
    assert pg.model.settings.seed == 1 and pg.controls["seed"].value == 1
    code = ("PlaygroundModel(dataset='circles', features=('x1^2', 'x2^2'), hidden=(3,), "
            "activation='relu', lr=0.03, regularization='l2', reg_rate=0.001, "
            "test_fraction=0.2, noise=0.15, seed=7)")
    pg.code_box.value = code
    pg.load_button.click()
    s = pg.model.settings
    assert s == PlaygroundModel.from_code(code).settings
    c = pg.controls
    assert (c["dataset"].value, c["noise"].value, c["test %"].value, c["seed"].value,
            c["lr"].value, c["regularization"].value, c["reg_rate"].value,
            c["units 1"].value, c["units 2"].layout.display) == (
        "circles", 0.15, 20, 7, 0.03, "l2", 0.001, 3, "none")
    assert [c[f"feature {f}"].value for f in FEATURES] == [False, False, True, True,
                                                           False, False, False]
    assert pg.model.epoch == 0 and "dataset='circles'" in pg.share_box.value
    pg.code_box.value = "PlaygroundModel(seed=os.getpid())"
    pg.load_button.click()              # a button's handler logs its error, shown here:
    assert "plain value" in pg.status.value and pg.model.settings == s


def test_playground_from_code():
    pytest.importorskip("ipympl")
    from nn_helpers.playground import Playground

    pg = Playground.from_code("Playground(dataset='moons', hidden=(2, 5))")
    assert pg.model.settings.hidden == (2, 5)
    assert [c.value for c in (pg.controls["units 1"], pg.controls["units 2"])] == [2, 5]
    pg.close()


def test_play_ticks_train_and_stop_button_rewind_is_ignored(playground):
    pg = playground
    pg.play.value += 1                       # what the browser's timer does
    after_one_tick = pg.model.epoch
    assert 1 <= after_one_tick <= 5
    pg.play.value = 0                        # the Play widget's stop button
    assert pg.model.epoch == after_one_tick
    pg.play.value += 1
    assert pg.model.epoch > after_one_tick


def test_changing_the_data_set_resets_and_redraws(playground):
    pg = playground
    pg.step_button.click()
    before = pg.boundary_image.get_array().copy()
    pg.controls["dataset"].value = "circles"
    assert pg.model.settings.dataset == "circles" and pg.model.epoch == 0
    assert not np.allclose(pg.boundary_image.get_array(), before)


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
    (dict(hidden=(20,)), r"20 units in a layer \(each layer's box takes 1 to 8\)"),
    (dict(hidden=(4, 4, 4, 4, 4)), r"5 layers \(the playground shows 0 to 4\)"),
    (dict(noise=0.9), r"noise=0.9 \(the slider goes from 0.0 to 0.5"),
    (dict(noise=0.123), r"noise=0.123 .*two decimals"),
    (dict(test_fraction=0.25), r"test_fraction=0.25 \(the slider takes 0.1 to 0.9"),
])
def test_settings_the_controls_cannot_show_are_refused_not_clamped(settings, words):
    from nn_helpers.playground import Playground

    with pytest.raises(ValueError, match=words + r".*PlaygroundModel"):
        Playground(PlaygroundSettings(**settings))
    assert PlaygroundModel(PlaygroundSettings(**settings)).settings.hidden is not None


def test_data_boxes_split_the_diagram_into_its_nodes_and_its_edges(playground):
    """What the browser test compares: "diagram nodes" leaves out the strips between the
    columns (lines only), "diagram edges" leaves out every node picture."""
    pg = playground
    pg.figure.draw_without_rendering()
    axes = {a["name"]: a for a in pg.data_boxes()["axes"]}
    assert set(axes) == {"boundary", "loss", "diagram", "diagram nodes", "diagram edges"}
    assert len(axes["diagram nodes"]["masks"]) == 3 + 1        # 3 gaps + right of the output
    assert len(axes["diagram edges"]["masks"]) == 2 + 6 + 6 + 1  # one per node
    x0, y0, x1, y1 = axes["diagram"]["box"]
    for mx0, my0, mx1, my1 in axes["diagram edges"]["masks"]:
        assert x0 - 1 <= mx0 < mx1 <= x1 + 1 and y0 - 1 <= my0 < my1 <= y1 + 1
        assert 20 < mx1 - mx0 < 40 and abs((mx1 - mx0) - (my1 - my0)) < 1   # square tiles
    pg.trace_button.click()
    pg.figure.draw_without_rendering()
    axes = {a["name"]: a for a in pg.data_boxes()["axes"]}
    assert len(axes["diagram edges"]["masks"]) == 2 * 15     # and every traced number

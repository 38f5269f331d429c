"""nn_helpers.descent: the pure functions behind notebooks 02 and 03."""

import numpy as np
import pytest

from nn_helpers.activations import sigmoid, softmax
from nn_helpers.descent import (
    collapse_linear_layers,
    derivative_error,
    gradient_descent,
    least_squares,
    loss_surface,
    mse,
    mse_gradient,
    neuron_curve,
    numerical_derivative,
    numerical_gradient,
    numerical_jacobian,
    softmax_jacobian,
    standardize,
    surface_window,
)


@pytest.fixture
def line_data():
    """Noisy points around y = 0.5 x + 2, with x standardised."""
    rng = np.random.default_rng(0)
    x = standardize(rng.normal(3.0, 2.0, 200))
    return x, 0.5 * x + 2 + 0.3 * rng.standard_normal(200)


def test_neuron_curve_is_f_of_w_x_plus_b():
    x = np.linspace(-3, 3, 7)
    np.testing.assert_allclose(neuron_curve("sigmoid", 2.0, -1.0, x), sigmoid(2 * x - 1))
    np.testing.assert_allclose(neuron_curve("relu", -1.0, 0.5, x), np.maximum(0.5 - x, 0))
    with pytest.raises(ValueError, match="softmax"):
        neuron_curve("softmax", 1.0, 0.0, x)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "identity", "relu"])
def test_activation_derivatives_match_central_differences(name):
    z = np.linspace(-4, 4, 81) + 0.0125  # keep off ReLU's kink at 0
    assert derivative_error(name, z) < 1e-8


def test_numerical_derivative_sees_a_wrong_derivative():
    z = np.linspace(-2, 2, 9)
    wrong = sigmoid(z)  # a classic slip: sigma instead of sigma'
    assert np.max(np.abs(wrong - numerical_derivative(sigmoid, z))) > 0.1


def test_softmax_jacobian_matches_numerical_jacobian():
    z = np.array([0.5, -1.0, 2.0, 0.0])
    numeric = numerical_jacobian(lambda v: softmax(v[None, :])[0], z)
    np.testing.assert_allclose(softmax_jacobian(z), numeric, atol=1e-9)
    np.testing.assert_allclose(softmax_jacobian(z).sum(axis=0), 0, atol=1e-12)  # sum stays 1


def test_two_linear_layers_collapse_to_one():
    rng = np.random.default_rng(1)
    X, W1, b1 = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=4)
    W2, b2 = rng.normal(size=(4, 2)), rng.normal(size=2)
    W, b = collapse_linear_layers(W1, b1, W2, b2)
    assert W.shape == (3, 2) and b.shape == (2,)
    np.testing.assert_allclose((X @ W1 + b1) @ W2 + b2, X @ W + b)


def test_mse_and_its_gradient(line_data):
    x, y = line_data
    assert mse(0.5, 2.0, x, y) == pytest.approx(np.mean((0.5 * x + 2 - y) ** 2))
    for w, b in [(0.0, 0.0), (-2.0, 3.0), (1.3, -0.7)]:
        analytic = mse_gradient(w, b, x, y)
        numeric = numerical_gradient(lambda w_, b_: mse(w_, b_, x, y), w, b)
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


def test_gradient_is_zero_at_the_least_squares_solution(line_data):
    x, y = line_data
    w, b = least_squares(x, y)
    assert w == pytest.approx(0.5, abs=0.05) and b == pytest.approx(2.0, abs=0.05)
    np.testing.assert_allclose(mse_gradient(w, b, x, y), 0, atol=1e-10)


def test_loss_surface_matches_direct_evaluation(line_data):
    x, y = line_data
    ws, bs = np.linspace(-1, 2, 7), np.linspace(0, 4, 5)
    surface = loss_surface(x, y, ws, bs)
    assert surface.shape == (5, 7)  # rows are b, columns are w
    direct = np.array([[mse(w, b, x, y) for w in ws] for b in bs])
    np.testing.assert_allclose(surface, direct, rtol=1e-10, atol=1e-12)


def test_surface_window_contains_start_and_minimum(line_data):
    x, y = line_data
    ws, bs = surface_window(x, y, start=(-2.0, 3.0), resolution=11)
    w_best, b_best = least_squares(x, y)
    assert ws[0] < -2.0 < ws[-1] and bs[0] < 3.0 < bs[-1]
    assert ws[5] == pytest.approx(w_best) and bs[5] == pytest.approx(b_best)


def test_good_learning_rate_reaches_least_squares(line_data):
    x, y = line_data
    path = gradient_descent(x, y, lr=0.1, steps=200, start=(-2.0, 3.0))
    assert path.w.shape == path.b.shape == path.loss.shape == (201,)
    assert (path.w[0], path.b[0]) == (-2.0, 3.0)
    np.testing.assert_allclose((path.w[-1], path.b[-1]), least_squares(x, y), atol=1e-8)
    assert np.all(np.diff(path.loss) <= 1e-15) and not path.diverged


def test_each_step_follows_the_update_rule(line_data):
    x, y = line_data
    path = gradient_descent(x, y, lr=0.05, steps=3, start=(1.0, 1.0))
    for i in range(3):
        dw, db = mse_gradient(path.w[i], path.b[i], x, y)
        assert path.w[i + 1] == pytest.approx(path.w[i] - 0.05 * dw)
        assert path.b[i + 1] == pytest.approx(path.b[i] - 0.05 * db)


def test_learning_rate_regimes(line_data):
    """For standardised x the MSE's curvature is 2 in every direction: lr < 0.5 creeps,
    0.5 < lr < 1 overshoots but converges, lr > 1 diverges."""
    x, y = line_data
    small, good, large, huge = (gradient_descent(x, y, lr, steps=30)
                                for lr in (0.01, 0.1, 0.95, 1.05))
    best = mse(*least_squares(x, y), x, y)
    assert good.final_loss == pytest.approx(best, rel=1e-3)
    assert small.final_loss > 2 * best and not small.diverged
    assert best < large.final_loss < small.final_loss and not large.diverged
    assert np.any(np.diff(np.sign(large.w - least_squares(x, y)[0])) != 0)  # zig-zags
    assert huge.diverged and huge.final_loss > huge.loss[0]


def test_divergence_stops_before_overflow(line_data):
    x, y = line_data
    path = gradient_descent(x, y, lr=5.0, steps=500)
    assert path.steps < 500 and np.all(np.isfinite(path.loss)) and path.diverged


@pytest.mark.parametrize("kwargs,match", [
    (dict(lr=0.0), "lr must be"), (dict(lr=float("nan")), "lr must be"),
    (dict(lr=0.1, steps=-1), "steps must be"), (dict(lr=0.1, steps=2.5), "steps must be"),
])
def test_bad_arguments_are_named(line_data, kwargs, match):
    with pytest.raises(ValueError, match=match):
        gradient_descent(*line_data, **kwargs)


def test_mismatched_data_is_rejected():
    with pytest.raises(ValueError, match="same number"):
        mse(1.0, 0.0, np.arange(3), np.arange(4))
    with pytest.raises(ValueError, match="cannot be standardised"):
        standardize(np.ones(5))

"""Tests of the nn_helpers core: activations, losses, backpropagation, training, errors."""

import os
import re
import signal
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nn_helpers import (
    SGD,
    Network,
    StepDecay,
    TrainingDiverged,
    TrainingInterrupted,
    accuracy,
    gradient_check,
    numerical_gradients,
    train,
)
from nn_helpers import activations as act
from nn_helpers.checks import DataWarning
from nn_helpers.data import make_xor, one_hot
from nn_helpers.gradcheck import GradientCheckWarning
from nn_helpers.losses import LOSSES

HIDDEN = ["sigmoid", "tanh", "relu", "identity"]
# (output, loss, outputs): every pairing the network accepts.
PAIRINGS = [
    ("sigmoid", "quadratic", 3), ("sigmoid", "mse", 3), ("sigmoid", "cross_entropy", 3),
    ("softmax", "cross_entropy", 3), ("identity", "quadratic", 2), ("identity", "mse", 1),
    ("tanh", "quadratic", 2), ("relu", "mse", 2),
]


def central_difference(f, Z, eps=1e-6):
    return (f(Z + eps) - f(Z - eps)) / (2 * eps)


def random_targets(output, k, n, rng):
    if output == "softmax":
        return one_hot(rng.integers(0, k, n), k)
    if output == "sigmoid":
        return rng.integers(0, 2, (n, k)).astype(float)
    return rng.standard_normal((n, k))


def net_with_random_biases(sizes, hidden, output, loss, seed=0):
    """Non-zero biases keep every ReLU input away from its kink at 0."""
    net = Network(sizes, hidden=hidden, output=output, loss=loss, init="xavier", seed=seed)
    rng = np.random.default_rng(seed + 100)
    for b in net.biases:
        b[:] = rng.normal(0, 0.5, b.shape)
    return net


# ------------------------------------------------------------------ activations
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivative_matches_central_differences(name):
    f = act.ACTIVATIONS[name]
    Z = np.linspace(-4, 4, 41) + 0.013  # avoid relu's kink at exactly 0
    np.testing.assert_allclose(f.prime(Z), central_difference(f.f, Z), atol=1e-8)


def test_softmax_backward_matches_central_differences():
    rng = np.random.default_rng(0)
    Z, G = rng.standard_normal((4, 5)), rng.standard_normal((4, 5))
    numeric = np.zeros_like(Z)
    for idx in np.ndindex(Z.shape):
        dZ = np.zeros_like(Z)
        dZ[idx] = 1e-6
        numeric[idx] = np.sum(G * (act.softmax(Z + dZ) - act.softmax(Z - dZ))) / 2e-6
    np.testing.assert_allclose(act.softmax_backward(G, act.softmax(Z)), numeric, atol=1e-8)


def test_activations_are_stable_for_large_inputs():
    Z = np.array([[-1e4, -800.0, 0.0, 800.0, 1e4]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # underflow to 0 is fine
        s = act.sigmoid(Z)
        p = act.softmax(Z)
        lp = act.log_softmax(Z)
    assert np.all(np.isfinite(s)) and s[0, 0] == 0 and s[0, -1] == 1
    assert np.isclose(p.sum(), 1) and np.all(np.isfinite(lp))


def test_softmax_rows_sum_to_one():
    Z = np.random.default_rng(1).standard_normal((6, 4)) * 30
    np.testing.assert_allclose(act.softmax(Z).sum(axis=1), 1.0)


# ------------------------------------------------------------------------ losses
@pytest.mark.parametrize("name", ["quadratic", "mse", "cross_entropy", "binary_cross_entropy"])
def test_loss_gradient_matches_central_differences(name):
    rng = np.random.default_rng(2)
    loss = LOSSES[name]
    if name == "cross_entropy":
        A, Y = act.softmax(rng.standard_normal((5, 3))), one_hot(rng.integers(0, 3, 5), 3)
    else:
        A, Y = act.sigmoid(rng.standard_normal((5, 3))), rng.integers(0, 2, (5, 3)).astype(float)
    numeric = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        dA = np.zeros_like(A)
        dA[idx] = 1e-7
        numeric[idx] = (loss.cost(A + dA, Y) - loss.cost(A - dA, Y)) / 2e-7
    np.testing.assert_allclose(loss.grad(A, Y), numeric, rtol=1e-5, atol=1e-9)


def test_quadratic_cost_has_the_half_and_mse_does_not():
    A, Y = np.array([[1.0, 3.0]]), np.array([[0.0, 0.0]])
    assert LOSSES["quadratic"].cost(A, Y) == 5.0  # (1 + 9) / 2
    assert LOSSES["mse"].cost(A, Y) == 5.0        # (1 + 9) / 2 entries


def test_cross_entropy_from_z_stays_finite_when_outputs_saturate():
    Z = np.array([[1000.0, -1000.0]])
    Y = np.array([[0.0, 1.0]])
    cost = LOSSES["cross_entropy"].cost(act.softmax(Z), Y, Z)
    assert np.isclose(cost, 2000.0)
    bce = LOSSES["binary_cross_entropy"].cost(act.sigmoid(Z), Y, Z)
    assert np.isclose(bce, 2000.0)


# ------------------------------------------------------------- backpropagation
@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("output,loss,k", PAIRINGS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_backprop_matches_gradient_check(hidden, output, loss, k, depth):
    rng = np.random.default_rng(depth)
    net = net_with_random_biases([4] + [5] * depth + [k], hidden, output, loss)
    X = rng.standard_normal((6, 4))
    error = gradient_check(net, X, random_targets(output, k, 6, rng))
    assert error < 1e-7, repr(error)


def test_gradient_check_catches_a_wrong_backward_pass():
    class MissingOneOverN(Network):
        def output_error(self, cache, Y):
            return super().output_error(cache, Y) * len(Y)

    rng = np.random.default_rng(0)
    net = MissingOneOverN([3, 4, 2], seed=0)
    error = gradient_check(net, rng.standard_normal((5, 3)), rng.random((5, 2)))
    assert error > 0.1
    assert len(error.per_layer) == 2 and "layer 2" in repr(error)


@settings(max_examples=25, deadline=None)
@given(sizes=st.lists(st.integers(1, 6), min_size=2, max_size=4),
       n=st.integers(1, 7), seed=st.integers(0, 2**16))
def test_shapes_and_gradients_for_random_architectures(sizes, n, seed):
    rng = np.random.default_rng(seed)
    net = net_with_random_biases(sizes, "tanh", "sigmoid", "quadratic", seed=seed)
    X, Y = rng.standard_normal((n, sizes[0])), rng.random((n, sizes[-1]))
    cache = net.forward(X)
    assert [A.shape for A in cache.A] == [(n, s) for s in sizes]
    grads = net.backward(cache, Y)
    assert [(dW.shape, db.shape) for dW, db in grads] == [
        (W.shape, b.shape) for W, b in net.parameters]
    numeric = numerical_gradients(net, X, Y)
    for (dW, db), (nW, nb) in zip(grads, numeric):
        np.testing.assert_allclose(dW, nW, atol=1e-9)
        np.testing.assert_allclose(db, nb, atol=1e-9)
    # A relative error means something only where the gradient is well above the
    # ~1e-11 rounding floor of central differences (a deep saturated chain can be 1e-7).
    if all(np.linalg.norm(g) > 1e-4 for pair in grads for g in pair):
        assert gradient_check(net, X, Y) < 1e-7


def test_float32_network_computes_in_float32():
    net = Network([3, 4, 2], dtype="float32")
    X = np.ones((2, 3))  # float64 input is converted once
    cache = net.forward(X)
    assert all(a.dtype == np.float32 for a in cache.A)
    assert all(dW.dtype == np.float32 for dW, _ in net.backward(cache, np.zeros((2, 2))))


@pytest.mark.parametrize("init,expected_std", [("xavier", np.sqrt(2 / 1100)),
                                               ("he", np.sqrt(2 / 1000))])
def test_initialisation_scales(init, expected_std):
    net = Network([1000, 100, 10], init=init, seed=0)
    assert np.isclose(net.weights[0].std(), expected_std, rtol=0.02)
    assert not net.biases[0].any()


# --------------------------------------------------------------------- training
def test_training_reduces_the_loss_and_solves_xor():
    X, y = make_xor()
    net = Network([2, 4, 1], hidden="tanh", output="sigmoid", loss="cross_entropy",
                  init="xavier", seed=0)
    history = train(net, X, y, epochs=1000, batch_size=4, lr=0.5, progress=False)
    assert history.loss[-1] < history.loss[0] / 10
    assert accuracy(net, X, y) == 1.0


def test_minibatches_include_the_last_smaller_batch():
    """One epoch of batch 4 on 10 examples equals three manual steps of 4, 4 and 2."""
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((10, 3)), rng.random((10, 2))
    net, manual = Network([3, 4, 2], seed=1), Network([3, 4, 2], seed=1)
    train(net, X, Y, epochs=1, batch_size=4, lr=0.5, seed=7, progress=False)
    order = np.random.default_rng(7).permutation(10)
    for batch in (order[:4], order[4:8], order[8:]):
        for (W, b), (dW, db) in zip(manual.parameters, manual.gradients(X[batch], Y[batch])):
            W -= 0.5 * dW
            b -= 0.5 * db
    for W1, W2 in zip(net.weights + net.biases, manual.weights + manual.biases):
        np.testing.assert_allclose(W1, W2, rtol=1e-12)


def test_momentum_and_weight_decay_follow_their_update_rules():
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((4, 3)), rng.random((4, 2))
    net, manual = Network([3, 2], seed=0), Network([3, 2], seed=0)
    train(net, X, Y, epochs=2, batch_size=4, lr=0.1, momentum=0.9, weight_decay=0.01,
          progress=False)
    (W, b), v = manual.parameters[0], [0.0, 0.0]
    for _ in range(2):
        dW, db = manual.gradients(X, Y)[0]
        v = [0.9 * v[0] - 0.1 * (dW + 0.01 * W), 0.9 * v[1] - 0.1 * db]
        W += v[0]
        b += v[1]
    np.testing.assert_allclose(net.weights[0], W, rtol=1e-12)
    np.testing.assert_allclose(net.biases[0], b, rtol=1e-12)


def test_same_seed_gives_identical_weights():
    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((50, 4)), rng.random((50, 2))

    def run():
        net = Network([4, 8, 2], hidden="relu", init="he", seed=5, dtype="float32")
        train(net, X, Y, epochs=3, batch_size=7, lr=0.3, momentum=0.5, seed=11, progress=False)
        return net.weights + net.biases

    for a, b in zip(run(), run()):
        assert np.array_equal(a, b)


def test_history_records_validation_loss_and_accuracy():
    X, y = make_xor()
    net = Network([2, 3, 2], hidden="tanh", output="softmax", loss="cross_entropy", seed=0)
    h = train(net, X, one_hot(y, 2), epochs=3, batch_size=2, lr=0.1, val=(X, one_hot(y, 2)),
              progress=False)
    assert len(h.loss) == len(h.val_loss) == len(h.val_accuracy) == 3 == h.epochs
    assert all(0 <= a <= 1 for a in h.val_accuracy)


def test_callback_can_stop_training_early():
    X, y = make_xor()
    h = train(Network([2, 2, 1]), X, y, epochs=50, batch_size=4, lr=0.1, progress=False,
              callback=lambda epoch, history: epoch == 4)
    assert h.epochs == 5


def diverging_run(input_scale=1.0, lr=10.0, **options):
    """Train a regression network until it diverges; (message, net, history, X)."""
    rng = np.random.default_rng(0)
    X = rng.standard_normal((64, 3)) * input_scale
    Y = rng.standard_normal((64, 1)) * 100
    net = Network([3, 16, 1], hidden="relu", output="identity", loss="mse", init="he")
    with pytest.raises(TrainingDiverged) as info, warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)   # large inputs are the point here
        train(net, X, Y, epochs=50, batch_size=8, lr=lr, progress=False, **options)
    return str(info.value), net, info.value.history, X


def test_divergence_stops_with_a_message_and_keeps_finite_parameters():
    message, net, history, _ = diverging_run(input_scale=100)
    assert re.search(r"epoch \d+, batch \d+, with lr=10\.", message)
    assert all(np.isfinite(p).all() for p in net.weights + net.biases)
    assert isinstance(history.loss, list)


def test_divergence_message_says_what_to_try_and_promises_nothing():
    message, net, history, _ = diverging_run()
    # what to try, and that it may take more than one try: not "lr/10 will work"
    assert "Divide it by 10 (lr=1) and train a fresh network" in message
    assert "divide by 10 again, and repeat. One division is not always enough." in message
    assert "try lr=" not in message and "probably too large" not in message   # the old promise
    # the inputs are standardised and there is no weight decay: neither is blamed
    assert "inputs reach" not in message and "weight_decay" not in message
    # every number it quotes is measured on this network and this history
    largest = max(float(np.max(np.abs(W))) for W in net.weights)
    assert f"(largest |weight| {largest:.3g})" in message
    assert f".history holds the {history.epochs} epoch(s) finished before it." in message


def test_divergence_message_names_large_inputs_with_their_size():
    message, _, _, X = diverging_run(input_scale=100)
    assert f"The inputs reach {np.abs(X).max():g} in absolute value" in message
    assert "scale them first" in message


def test_a_weight_decay_that_alone_diverges_is_refused_before_training():
    X, y = make_xor()
    net = Network([2, 3, 1], seed=0)
    before = [W.copy() for W in net.weights]
    with pytest.raises(ValueError, match=r"lr \* weight_decay = 3 is above 2 \(2 \* \(1 \+ "
                                         r"momentum\)\).*whatever the data"):
        train(net, X, y, epochs=5, batch_size=4, lr=3.0, weight_decay=1.0, progress=False)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))
    train(net, X, y, epochs=5, batch_size=4, lr=3.0, weight_decay=1.0, momentum=0.5,
          progress=False)                        # 3 < 2 * (1 + 0.5): allowed
    with pytest.raises(ValueError, match=r"lr \* weight_decay = 1.5: AdamW"):
        train(net, X, y, epochs=5, batch_size=4, optimizer="adamw", lr=3.0, weight_decay=0.5,
              progress=False)
    with pytest.raises(ValueError, match=r"lr \* weight_decay = 2.25 is above 2"):
        train(net, X, y, epochs=2, batch_size=4, optimizer=SGD(lr=0.5, weight_decay=1.5),
              schedule=StepDecay(every=1, gamma=3.0), progress=False)   # lr grows to 0.5 * 3


@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
def test_weight_decay_alone_grows_the_weights_just_above_the_limit_the_message_quotes(momentum):
    """The message's 2 * (1 + momentum): with zero gradients only the decay term moves W."""
    limit = 2 * (1 + momentum)
    for factor, grows in ((0.95, False), (1.05, True)):
        net = Network([2, 3, 1], seed=0)
        start = float(np.max(np.abs(net.weights[0])))
        sgd = SGD(net, lr=1.0, momentum=momentum, weight_decay=factor * limit)
        for _ in range(500):
            sgd.step(net, [(np.zeros_like(W), np.zeros_like(b)) for W, b in net.parameters])
        assert (float(np.max(np.abs(net.weights[0]))) > start) == grows, (factor, momentum)


# ------------------------------------------------------------------- bad input
def xor_net(**kw):
    return Network([2, 3, 2], hidden="tanh", output="softmax", loss="cross_entropy", **kw)


X4, y4 = make_xor()
Y4 = one_hot(y4, 2)


@pytest.mark.parametrize("call,error,pattern", [
    (lambda: train(xor_net(), X4, Y4[:3], progress=False), ValueError, r"X has 4 rows, Y has 3"),
    (lambda: train(xor_net(), np.ones((4, 3)), Y4, progress=False), ValueError,
     r"3 columns.*input layer has 2 units"),
    (lambda: train(xor_net(), X4, np.ones((4, 3)) / 3, progress=False), ValueError,
     r"Y has 3 columns.*output layer has 2"),
    (lambda: train(xor_net(), np.where(X4 == 1, np.nan, X4), Y4, progress=False), ValueError,
     r"X contains NaN or inf"),
    (lambda: train(xor_net(), X4, np.where(Y4 == 1, np.inf, Y4), progress=False), ValueError,
     r"Y contains NaN or inf"),
    (lambda: train(xor_net(), np.ones((0, 2)), np.ones((0, 2)), progress=False), ValueError,
     r"X is empty"),
    (lambda: train(xor_net(), X4, y4, progress=False), ValueError,
     r"integer class labels.*one_hot\(Y, 2\)"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, val=(X4, y4), progress=False), ValueError,
     r"val\[1\] \(Y_val\) looks like integer class labels.*one_hot\(Y_val, 2\)"),
    (lambda: train(xor_net(), X4, np.array([[0, 3], [1, 0], [0, 1], [1, 0]]), progress=False),
     ValueError, r"probabilities in \[0, 1\].*one_hot"),
    (lambda: one_hot(Y4, 2), ValueError, r"one-hot"),
    (lambda: one_hot(np.array([0, 1, 5]), 3), ValueError, r"5"),
    (lambda: Network([2, 1], hidden="swish"), ValueError, r"hidden='swish'.*'relu'"),
    (lambda: Network([2, 1], loss="hinge"), ValueError, r"loss='hinge'.*'mse'"),
    (lambda: Network([2, 1], init="zeros"), ValueError, r"init='zeros'.*'he'"),
    (lambda: Network([784]), ValueError, r"at least two layers"),
    (lambda: Network([2, 0, 1]), ValueError, r"sizes\[1\].*positive"),
    (lambda: Network([2, 3, 2], output="softmax", loss="quadratic"), ValueError,
     r"softmax.*quadratic.*not allowed.*cross_entropy"),
    (lambda: Network([2, 1], output="identity", loss="cross_entropy"), ValueError,
     r"probabilities"),
    (lambda: Network([2, 1], dtype="int32"), ValueError, r"dtype"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, lr=0, progress=False), ValueError,
     r"lr must be .* > 0"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, lr=float("nan"), progress=False), ValueError,
     r"lr must be a finite"),
    (lambda: train(xor_net(), X4, Y4, batch_size=0, progress=False), ValueError, r"batch_size"),
    (lambda: train(xor_net(), X4, Y4, batch_size=5, progress=False), ValueError,
     r"batch_size=5 is larger than the 4"),
    (lambda: train(xor_net(), X4, Y4, epochs=0, progress=False), ValueError, r"epochs"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, momentum=1.0, progress=False), ValueError,
     r"momentum"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, optimizer="rmsprop", progress=False),
     ValueError, r"optimizer='rmsprop'.*'sgd', 'adam', 'adamw'"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, optimizer="adam", momentum=0.9,
                   progress=False), ValueError, r"momentum is a setting of SGD.*betas"),
    (lambda: train(xor_net(), X4, Y4, batch_size=4, optimizer=SGD(lr=0.1), lr=0.5,
                   progress=False), ValueError, r"already has its settings; set lr on it"),
    (lambda: xor_net().forward(X4[0]), ValueError, r"reshape\(1, -1\)"),
    (lambda: Network([784, 10]).forward(np.zeros((5, 28, 28))), ValueError,
     r"still a \(28, 28\) grid.*X.reshape\(len\(X\), -1\)"),
])
def test_bad_input_gets_a_clear_error(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


def test_failed_validation_leaves_the_network_untouched():
    net = xor_net()
    before = [p.copy() for p in net.weights + net.biases]
    with pytest.raises(ValueError):
        train(net, X4, Y4, val=(X4, Y4[:2]), progress=False)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights + net.biases))


def test_import_stays_light():
    code = ("import sys, nn_helpers; heavy = {'matplotlib', 'pandas', 'ipywidgets', 'torch'}"
            " & set(sys.modules); print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------ interrupted training
def _ctrl_c_after(epochs_done):
    """A callback that presses Ctrl-C (sends SIGINT to this process) after an epoch."""
    def callback(epoch, history):
        if epoch + 1 == epochs_done:
            os.kill(os.getpid(), signal.SIGINT)
    return callback


def test_ctrl_c_finishes_the_step_then_stops_with_the_history_kept():
    X, y = make_xor(n=40, noise=0.1)
    net = Network([2, 4, 1], hidden="tanh", output="sigmoid", loss="cross_entropy")
    sgd = SGD(lr=0.5)
    # as in a terminal or a notebook (a background job, as CI may be, ignores Ctrl-C)
    outside = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(TrainingInterrupted) as info:
            train(net, X, y, epochs=50, batch_size=4, optimizer=sgd, progress=False,
                  callback=_ctrl_c_after(2))
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler   # restored
    finally:
        signal.signal(signal.SIGINT, outside)
    assert isinstance(info.value, KeyboardInterrupt)        # stops a script as Ctrl-C does
    assert info.value.history is net.history and net.history.epochs == 2
    assert sgd.steps == 2 * 10 + 1                          # the step in progress finished
    assert "epoch 3, after batch 1 of 10" in str(info.value)


def test_where_ctrl_c_is_ignored_training_leaves_it_ignored():
    X, y = make_xor()
    outside = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        h = train(Network([2, 2, 1]), X, y, epochs=3, batch_size=4, progress=False,
                  callback=_ctrl_c_after(1))
        assert h.epochs == 3 and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, outside)


def test_an_error_in_the_callback_keeps_the_finished_epochs():
    X, y = make_xor()

    def broken(epoch, history):
        if epoch == 2:
            raise RuntimeError("my callback is broken")

    net = Network([2, 2, 1])
    with pytest.raises(RuntimeError, match="my callback is broken") as info:
        train(net, X, y, epochs=10, batch_size=4, progress=False, callback=broken)
    assert info.value.history is net.history and net.history.epochs == 3


def test_a_callback_must_answer_true_false_or_none():
    X, y = make_xor()
    with pytest.raises(TypeError, match=r"callback must return True.*returned 0.5"):
        train(Network([2, 2, 1]), X, y, epochs=5, batch_size=4, progress=False,
              callback=lambda epoch, history: 0.5)
    h = train(Network([2, 2, 1]), X, y, epochs=5, batch_size=4, progress=False,
              callback=lambda epoch, history: np.bool_(epoch == 1))
    assert h.epochs == 2


# ------------------------------------------------------------------- warnings
def _warnings_of(X, Y, **network):
    net = Network([X.shape[1], 4, Y.shape[1]], **network)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train(net, X, Y, epochs=1, batch_size=len(X), progress=False)
    return [str(w.message) for w in caught if issubclass(w.category, DataWarning)]


def test_unscaled_pixels_get_one_warning_that_says_divide_by_255():
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (20, 6)).astype(np.uint8)
    messages = _warnings_of(pixels, one_hot(rng.integers(0, 2, 20), 2), hidden="relu",
                            output="softmax", loss="cross_entropy")
    assert len(messages) == 1 and "whole numbers up to 255 (dtype uint8)" in messages[0]
    assert "/ 255.0" in messages[0]
    assert _warnings_of(pixels / 255.0, one_hot(rng.integers(0, 2, 20), 2), hidden="relu",
                        output="softmax", loss="cross_entropy") == []


def test_raw_measurements_and_unreachable_targets_are_named():
    rng = np.random.default_rng(0)
    raw = rng.normal(100, 50, (20, 3))                       # e.g. total sulfur dioxide
    scores = rng.integers(3, 9, (20, 1)).astype(float)       # wine scores 3..8
    messages = _warnings_of(raw, scores)                     # default sigmoid output
    assert len(messages) == 2
    assert "X's column" in messages[0] and "standardize" in messages[0]
    assert "Y goes from 3 to 8" in messages[1] and "output='sigmoid'" in messages[1]
    assert "output='identity'" in messages[1]
    assert _warnings_of(raw / 100, scores, output="identity", loss="mse") == []


def test_standardised_data_with_outliers_is_not_blamed():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 3))
    X[0, 1] = 14.0                                 # one outlier, 14 standard deviations out
    assert _warnings_of(X, rng.standard_normal((200, 1)), output="identity", loss="mse") == []


def test_validation_data_is_checked_by_name_too():
    X, y = make_xor()
    with pytest.warns(DataWarning, match=r"val\[0\] \(X_val\)'s column \d has a typical"):
        train(Network([2, 2, 1]), X, y, epochs=1, batch_size=4, progress=False,
              val=(X * 50, y))


# ------------------------------------------------------------------ gradient check
def test_a_large_network_is_checked_on_a_sample_and_says_so():
    rng = np.random.default_rng(0)
    net = Network([200, 60, 10], hidden="tanh", output="softmax", loss="cross_entropy",
                  init="xavier", seed=0)
    X, Y = rng.standard_normal((4, 200)), one_hot(rng.integers(0, 10, 4), 10)
    with pytest.warns(GradientCheckWarning, match=r"sample of 160 of the network's 12,670"):
        check = gradient_check(net, X, Y)
    assert check < 1e-7 and (check.checked, check.total) == (160, 12670)
    assert "a random sample: 160 of 12,670 entries" in repr(check)

    class ForgotMean(Network):
        def output_error(self, cache, Y):
            return cache.A[-1] - Y                       # BUG: no 1/n
    wrong = ForgotMean([200, 60, 10], hidden="tanh", output="softmax", loss="cross_entropy",
                       init="xavier", seed=0)
    with pytest.warns(GradientCheckWarning):
        assert gradient_check(wrong, X, Y) > 0.5         # the sample still catches it


def test_every_entry_is_checked_when_asked_and_small_networks_always():
    rng = np.random.default_rng(1)
    net = Network([3, 4, 2], hidden="tanh", output="softmax", loss="cross_entropy", seed=0)
    X, Y = rng.standard_normal((5, 3)), one_hot(rng.integers(0, 2, 5), 2)
    with warnings.catch_warnings():
        warnings.simplefilter("error", GradientCheckWarning)
        check = gradient_check(net, X, Y)
    assert check.checked == check.total == 26
    assert gradient_check(net, X, Y, sample=None).checked == 26
    with pytest.raises(ValueError, match="sample must be"):
        gradient_check(net, X, Y, sample=0)


def test_a_point_at_relus_kink_is_named():
    net = Network([2, 3, 1], hidden="relu", output="identity", loss="mse", init="he")
    X = np.array([[0.0, 0.0], [1.0, -0.5]])     # the zero row gives z = b = 0 exactly
    with pytest.warns(GradientCheckWarning, match=r"layer 1 \(relu\): 3 weighted input"):
        gradient_check(net, X, np.array([[0.3], [0.1]]))


def test_parameters_that_overflow_in_the_last_step_are_not_returned_as_a_success():
    """The cost is measured before each step, so the epoch's last step is checked apart."""
    X, y = make_xor()
    net = Network([2, 3, 1], output="identity", loss="mse", seed=0)
    with pytest.raises(TrainingDiverged, match="parameters became inf or NaN in the last step"):
        train(net, X, y * 1e100, epochs=1, batch_size=4, lr=1e250, progress=False)

"""The registries are the single source of truth: walk every registered activation and loss
through every module that uses them, so adding one is one edit (and a test says what's missing).
"""

import math

import numpy as np
import pytest

from nn_helpers import Layer, Network, diagnostics, gradient_check, graph, train
from nn_helpers import torch_bridge as tb
from nn_helpers.activations import ACTIVATIONS, elementwise_names
from nn_helpers.descent import derivative_error, neuron_curve
from nn_helpers.gradcheck import _central_differences, relative_error
from nn_helpers.losses import LOSSES
from nn_helpers.playground import PlaygroundModel

HIDDEN = elementwise_names()
OUTPUTS = list(ACTIVATIONS)
COMBINATIONS = [(h, o, loss) for h in HIDDEN for o in OUTPUTS for loss in LOSSES]


def _build(hidden, output, loss, dtype="float64", seed=0):
    return Network([4, 5, 3, 3], hidden=hidden, output=output, loss=loss, init="xavier",
                   seed=seed, dtype=dtype)


def _accepted(hidden, output, loss):
    try:
        _build(hidden, output, loss)
    except ValueError:
        return False
    return True


def _targets(net, n, rng):
    k = net.sizes[-1]
    lo, hi = net.output.range
    if not net.output.elementwise:                    # rows that sum to 1
        return np.eye(k)[rng.integers(0, k, n)]
    if net.loss.probabilities or math.isfinite(hi):
        return rng.uniform(max(lo, 0.0), min(hi, 1.0), (n, k))
    return rng.standard_normal((n, k))


ACCEPTED = [c for c in COMBINATIONS if _accepted(*c)]
REFUSED = [c for c in COMBINATIONS if not _accepted(*c)]


def test_the_walk_covers_both_kinds():
    assert len(ACCEPTED) >= 20 and len(REFUSED) >= 8


@pytest.mark.parametrize("hidden,output,loss", ACCEPTED)
def test_every_accepted_combination_computes_the_gradient_of_its_cost(hidden, output, loss):
    rng = np.random.default_rng(1)
    net = _build(hidden, output, loss)
    for b in net.biases:     # as after some training: no unit sits exactly at ReLU's kink z = 0
        b += rng.uniform(0.05, 0.3, b.shape)
    X = rng.standard_normal((6, 4))
    check = gradient_check(net, X, _targets(net, 6, rng))
    assert check < 1e-6, check.per_layer


@pytest.mark.parametrize("hidden,output,loss", ACCEPTED)
def test_every_accepted_combination_in_float32_matches_float64_to_its_precision(hidden, output,
                                                                                 loss):
    rng = np.random.default_rng(3)
    net32 = _build(hidden, output, loss, dtype="float32")
    for b in net32.biases:
        b += rng.uniform(0.05, 0.3, b.shape).astype(np.float32)
    net64 = net32.astype("float64")
    X = rng.standard_normal((6, 4))
    Y = _targets(net64, 6, rng)
    cost32, grads32 = net32.cost_and_gradients(X, Y)
    cost64, grads64 = net64.cost_and_gradients(X, Y)
    assert grads32[0][0].dtype == np.float32
    assert cost32 == pytest.approx(cost64, rel=1e-5, abs=1e-6)
    for (dW32, db32), (dW64, db64) in zip(grads32, grads64):
        assert relative_error(dW32, dW64) < 1e-4 and relative_error(db32, db64) < 1e-4


@pytest.mark.parametrize("hidden,output,loss", REFUSED)
def test_every_refused_combination_says_why(hidden, output, loss):
    with pytest.raises(ValueError) as error:
        _build(hidden, output, loss)
    message = str(error.value)
    assert output in message or hidden in message
    assert "Use" in message or "use" in message           # and what to do instead


@pytest.mark.skipif(not tb.have_torch(), reason="PyTorch is not installed")
@pytest.mark.parametrize("hidden,output,loss", ACCEPTED)
def test_every_accepted_combination_has_a_torch_twin(hidden, output, loss):
    rng = np.random.default_rng(2)
    net = _build(hidden, output, loss)
    X = rng.standard_normal((6, 4))
    differences = tb.compare_with_torch(net, X, _targets(net, 6, rng))
    assert max(differences.values()) < 1e-10, differences
    back = tb.from_torch(tb.to_torch(net), loss=loss)
    assert [a.name for a in back.activations] == [a.name for a in net.activations]


@pytest.mark.parametrize("name", HIDDEN)
def test_every_elementwise_activation_has_consistent_twins(name):
    act = ACTIVATIONS[name]
    z = np.linspace(-4, 4, 17) + 0.05                  # away from ReLU's kink at 0
    for value in z:
        node = graph.activation(name, graph.variable(float(value)))
        assert node.value == pytest.approx(float(act.f(np.array([value]))[0]), abs=1e-12)
        assert node.local_grads[0] == pytest.approx(float(act.prime(np.array([value]))[0]),
                                                    abs=1e-12)
    assert derivative_error(name, z) < 1e-8            # f' is the derivative of f
    A = act.f(z)
    assert np.allclose(act.prime_from_output(A), act.prime(z))
    lo, hi = act.range
    assert np.all((A >= lo) & (A <= hi))
    assert np.max(act.prime(np.linspace(-6, 6, 1201))) == pytest.approx(act.peak_slope, rel=1e-3)
    assert np.allclose(neuron_curve(name, 2.0, -1.0, z), act.f(2.0 * z - 1.0))
    assert graph.OPS[name] == act.symbol
    assert act.init in ("xavier", "he")


@pytest.mark.parametrize("name", HIDDEN)
def test_every_elementwise_activation_works_in_diagnostics_and_the_playground(name):
    net = Network([3, Layer(4, name), 2], output="softmax", loss="cross_entropy")
    report = diagnostics.activation_report(net, np.random.default_rng(0).standard_normal((8, 3)))
    assert report[0]["activation"] == name
    model = PlaygroundModel(dataset="xor", activation=name, hidden=(3,), seed=0).step(2)
    assert model.epoch == 2 and model.net.hidden.name == name


def test_layers_may_each_have_their_own_activation():
    net = Network([4, Layer(5, "relu"), Layer(3, "tanh"), 3], output="softmax",
                  loss="cross_entropy", init="auto", seed=0)
    assert [a.name for a in net.activations] == ["relu", "tanh", "softmax"]
    assert net.hidden is None
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((6, 4)), np.eye(3)[rng.integers(0, 3, 6)]
    assert gradient_check(net, X, Y) < 1e-6
    assert "Layer(5, 'relu')" in repr(net)


def test_the_short_form_is_a_list_of_layers():
    short = Network([4, 6, 2], hidden="tanh", output="softmax", loss="cross_entropy", seed=3)
    long = Network([4, Layer(6, "tanh"), Layer(2, "softmax")], loss="cross_entropy", seed=3)
    assert short.layers == long.layers
    for W1, W2 in zip(short.weights, long.weights):
        np.testing.assert_array_equal(W1, W2)
    assert repr(short).startswith("Network([4, 6, 2], hidden='tanh', output='softmax'")


# ------------------------------------------------------------------------------ dropout
def _dropout_net():
    return Network([4, Layer(8, "tanh", dropout=0.5), Layer(6, "relu", dropout=0.25), 3],
                   output="softmax", loss="cross_entropy", init="auto", seed=0)


def test_dropout_gradient_matches_central_differences_with_a_fixed_mask():
    net = _dropout_net()
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((10, 4)), np.eye(3)[rng.integers(0, 3, 10)]

    def cost():                                        # the same masks on every call
        return net.cost(X, Y, rng=np.random.default_rng(7))

    cost_value, grads = net.cost_and_gradients(X, Y, rng=np.random.default_rng(7))
    assert cost_value == cost()
    for (W, b), (dW, db) in zip(net.parameters, grads):
        for P, dP in ((W, dW), (b, db)):
            numeric = _central_differences(P, cost, 1e-6)
            np.testing.assert_allclose(dP, numeric, rtol=1e-6, atol=1e-9)
    masks = net.forward(X, rng=np.random.default_rng(7)).masks
    assert 0 < np.mean(masks[0] == 0) < 1 and masks[-1] is None
    assert set(np.unique(masks[0])) == {0.0, 2.0}      # kept units scaled by 1 / (1 - p)


def test_dropout_is_off_for_predictions_and_on_in_training():
    net = _dropout_net()
    X = np.random.default_rng(1).standard_normal((50, 4))
    np.testing.assert_array_equal(net.predict(X), net.predict(X))
    assert not np.allclose(net.forward(X, rng=np.random.default_rng(0)).A[-1], net.predict(X))
    Y = np.eye(3)[np.arange(50) % 3]
    before = net.copy()
    a = train(net, X, Y, epochs=2, batch_size=10, lr=0.1, seed=5, progress=False)
    b = train(before, X, Y, epochs=2, batch_size=10, lr=0.1, seed=5, progress=False)
    assert a.loss == b.loss                            # the masks come from the seed


def test_dropout_is_refused_where_it_cannot_be_right():
    with pytest.raises(ValueError, match="output layer.*hidden layers only"):
        Network([4, 3, Layer(2, "softmax", dropout=0.5)], loss="cross_entropy")
    with pytest.raises(ValueError, match=r"dropout must be below 1 \(0.2"):
        Network([4, 3, 2], dropout=1.0)

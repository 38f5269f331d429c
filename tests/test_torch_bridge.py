"""nn_helpers.torch_bridge: the same network in NumPy and in PyTorch agrees to 1e-10 in float64."""

import sys

import numpy as np
import pytest

from nn_helpers import Network
from nn_helpers import torch_bridge as tb
from nn_helpers.data import one_hot


def test_missing_torch_gives_install_command(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)   # makes `import torch` raise ImportError
    with pytest.raises(ImportError) as info:
        tb.require_torch()
    message = str(info.value)
    assert "%pip install torch\n" in message and 'python -m pip install -e ".[torch]"' in message
    assert "restart the kernel" in message
    with pytest.raises(ImportError, match="%pip install torch"):
        tb.to_torch(Network([2, 1]))


def test_importing_nn_helpers_does_not_import_torch():
    import subprocess

    code = "import nn_helpers, nn_helpers.torch_bridge, sys; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


try:
    import torch
except ImportError:          # the optional extra is missing: the tests below skip, saying why
    torch = None
needs_torch = pytest.mark.skipif(torch is None, reason='PyTorch not installed: '
                                 'python -m pip install -e ".[torch]"')

CASES = [  # (hidden, output, loss)
    ("sigmoid", "sigmoid", "quadratic"),
    ("relu", "sigmoid", "quadratic"),
    ("tanh", "sigmoid", "quadratic"),
    ("sigmoid", "softmax", "cross_entropy"),
    ("relu", "softmax", "cross_entropy"),
    ("tanh", "softmax", "cross_entropy"),
    ("tanh", "identity", "mse"),
    ("relu", "sigmoid", "cross_entropy"),   # binary cross-entropy per unit
]


def _data(n=7, d=5, k=3, seed=1):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    Y = one_hot(rng.integers(0, k, n), k)
    return X, Y


@needs_torch
@pytest.mark.parametrize("hidden,output,loss", CASES)
def test_forward_and_gradients_match_to_1e_10(hidden, output, loss):
    net = Network([5, 6, 4, 3], hidden=hidden, output=output, loss=loss, init="normal", seed=3)
    X, Y = _data()
    diff = tb.compare_with_torch(net, X, Y)
    assert diff["output"] < 1e-10
    assert diff["cost"] < 1e-10
    assert diff["gradients"] < 1e-10


@needs_torch
def test_weights_are_transposed_copies():
    net = Network([4, 3, 2], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    model = tb.to_torch(net)
    assert tuple(model[0].weight.shape) == (3, 4) and net.weights[0].shape == (4, 3)
    np.testing.assert_array_equal(model[0].weight.detach().numpy(), net.weights[0].T)
    assert model[0].weight.dtype == torch.float64
    with torch.no_grad():          # a copy: changing torch leaves the Network alone
        model[0].weight.zero_()
    assert np.abs(net.weights[0]).sum() > 0
    assert [type(m).__name__ for m in model] == ["Linear", "ReLU", "Linear", "Softmax"]


@needs_torch
def test_round_trip_restores_the_network():
    net = Network([5, 4, 4, 3], hidden="tanh", output="softmax", loss="cross_entropy", seed=2)
    back = tb.from_torch(tb.to_torch(net), loss="cross_entropy")
    assert back.sizes == net.sizes and back.hidden.name == "tanh" and back.output.name == "softmax"
    for W, W2 in zip(net.weights + net.biases, back.weights + back.biases):
        np.testing.assert_array_equal(W, W2)
    X, _ = _data()
    np.testing.assert_allclose(back.predict(X), net.predict(X), rtol=0, atol=1e-14)


@needs_torch
def test_gradients_come_back_in_nn_helpers_layout():
    net = Network([5, 6, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    X, Y = _data()
    grads = tb.torch_gradients(tb.to_torch(net), X, Y, "cross_entropy")
    assert [dW.shape for dW, _ in grads] == [(5, 6), (6, 3)]
    assert [db.shape for _, db in grads] == [(6,), (3,)]


@needs_torch
def test_a_logits_model_comes_back_with_the_named_output():
    net = Network([5, 4, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    logits_model = tb.to_torch(net)[:-1]               # as used with F.cross_entropy
    back = tb.from_torch(logits_model, loss="cross_entropy", output="softmax")
    X, _ = _data()
    np.testing.assert_allclose(back.predict(X), net.predict(X), rtol=0, atol=1e-14)


@needs_torch
def test_training_in_torch_then_copying_back_keeps_the_function():
    net = Network([5, 8, 3], hidden="relu", output="softmax", loss="cross_entropy", seed=0)
    model = tb.to_torch(net)
    X, Y = _data(n=20)
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(5):
        opt.zero_grad()
        tb.torch_cost(model, X, Y, "cross_entropy").backward()
        opt.step()
    trained = tb.from_torch(model, loss="cross_entropy")
    assert trained.cost(X, Y) < net.cost(X, Y)
    with torch.no_grad():
        expected = model(torch.as_tensor(X)).numpy()
    np.testing.assert_allclose(trained.predict(X), expected, rtol=0, atol=1e-12)


@needs_torch
def test_a_model_with_a_different_activation_in_each_layer_round_trips():
    mixed = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 4),
                                torch.nn.Tanh(), torch.nn.Linear(4, 2), torch.nn.Sigmoid())
    net = tb.from_torch(mixed, dtype="float64")
    assert [a.name for a in net.activations] == ["relu", "tanh", "sigmoid"]
    assert net.hidden is None                      # no single hidden activation
    X = np.random.default_rng(0).standard_normal((5, 3))
    with torch.no_grad():
        expected = mixed.double()(torch.from_numpy(X)).numpy()
    np.testing.assert_allclose(net.predict(X), expected, rtol=0, atol=1e-12)
    assert [type(m).__name__ for m in tb.to_torch(net)][1::2] == ["ReLU", "Tanh", "Sigmoid"]


@needs_torch
def test_bad_models_are_rejected_with_reasons():
    bad = torch.nn.Sequential(torch.nn.ReLU(), torch.nn.Linear(3, 2))
    with pytest.raises(ValueError, match="alternate Linear"):
        tb.from_torch(bad)
    logits_only = torch.nn.Sequential(torch.nn.Linear(3, 2))
    with pytest.raises(ValueError, match="output="):
        tb.from_torch(logits_only, loss="cross_entropy")
    with pytest.raises(ValueError, match="output"):
        tb.from_torch(tb.to_torch(Network([3, 2])), output="softmax")
    wrong_dim = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.Softmax(dim=0))
    with pytest.raises(ValueError, match="dim=1"):
        tb.from_torch(wrong_dim, loss="cross_entropy")
    with pytest.raises(ValueError, match="dtype"):
        tb.to_torch(Network([2, 1]), dtype="float16")
    with pytest.raises(TypeError, match="needs an nn_helpers Network; got str"):
        tb.to_torch("net")
    with pytest.raises(TypeError, match="must be a torch.nn.Sequential"):
        tb.from_torch(torch.nn.Linear(3, 2))


@needs_torch
def test_a_wrong_backward_is_caught_by_the_comparison():
    """The comparison can fail: drop f'(Z) in BP2 and the gradients no longer match."""
    class NoPrime(Network):
        def backprop(self, cache, Y, buffers=None):
            delta = self.output_error(cache, Y)
            grads = []
            for i in reversed(range(len(self.weights))):
                grads.append((cache.A[i].T @ delta, delta.sum(axis=0)))
                if i > 0:
                    delta = delta @ self.weights[i].T          # f'(Z) forgotten
            return grads[::-1]

    net = NoPrime([5, 6, 3], hidden="sigmoid", output="softmax", loss="cross_entropy", seed=0)
    X, Y = _data()
    assert tb.compare_with_torch(net, X, Y)["gradients"] > 1e-3

"""A bridge to PyTorch: the same network as an ``nn_helpers.Network`` and a ``torch.nn.Sequential``.

# n: batch size, d: inputs, k: outputs; n_in/n_out: a layer's input and output units.

The one difference that matters is the weight layout. nn_helpers stores one example per
row and computes Z = A @ W + b with W of shape (n_in, n_out). ``torch.nn.Linear`` computes
Z = A @ weight.T + bias and stores ``weight`` with shape (n_out, n_in): the transpose. So
copying a network across means ``weight = W.T`` one way and ``W = weight.T`` the other.

PyTorch is optional: it is imported inside the functions, never by ``import nn_helpers``,
and a missing install gives an ImportError with ``INSTALL_HINT``, the commands that get it.
Everything runs in float64 by default, so the two implementations can agree to about 1e-12
rather than float32's 1e-6.
"""

from __future__ import annotations

import importlib.util

import numpy as np

from .activations import ACTIVATIONS
from .losses import get_loss

# Each command works pasted as it is: %pip installs into the kernel's own Python.
INSTALL_HINT = (
    "PyTorch is not installed, and nn_helpers.torch_bridge needs it. To install it, run this "
    "in a notebook cell, then restart the kernel (Kernel > Restart Kernel):\n"
    "    %pip install torch\n"
    "On Linux without a GPU, this CPU-only build is far smaller to download:\n"
    "    %pip install torch --index-url https://download.pytorch.org/whl/cpu\n"
    "In a terminal instead, in the project folder with its environment active:\n"
    '    python -m pip install -e ".[torch]"'
)

# torch.nn module name -> the nn_helpers activation that computes the same function
_FROM_TORCH = {a.torch: name for name, a in ACTIVATIONS.items()}


def have_torch() -> bool:
    """True when PyTorch can be imported (without importing it)."""
    try:
        return importlib.util.find_spec("torch") is not None
    except (ImportError, ValueError):
        return False


def require_torch():
    """Import and return the ``torch`` module, or raise an ImportError saying how to install it."""
    try:
        import torch
    except ImportError as error:
        raise ImportError(INSTALL_HINT) from error
    return torch


def _torch_dtype(torch, dtype):
    options = {"float64": torch.float64, "float32": torch.float32}
    if str(dtype) not in options:
        raise ValueError(f"dtype must be 'float64' or 'float32'; got {dtype!r}.")
    return options[str(dtype)]


def _activation_module(torch, name):
    module = getattr(torch.nn, ACTIVATIONS[name].torch)
    if ACTIVATIONS[name].elementwise:
        return module()
    return module(dim=1)   # softmax: one example per row, so normalise across each row


def to_torch(net, dtype="float64"):
    """A ``torch.nn.Sequential`` computing exactly ``net.predict``: Linear, activation, Linear, ...

    Each ``Linear.weight`` is a copy of ``W.T`` (shape (n_out, n_in)) and ``Linear.bias`` a copy
    of ``b``. The last module is the output activation (``Softmax(dim=1)`` for softmax), so
    ``model(X)`` gives the probabilities; ``model[:-1](X)`` gives the output layer's Z (logits).
    Dropout is not carried over: the model computes what ``net.predict`` does (no dropout).
    """
    from .network import Network

    if not isinstance(net, Network):
        raise TypeError(f"to_torch needs an nn_helpers Network; got {type(net).__name__}.")
    torch = require_torch()
    tdtype = _torch_dtype(torch, dtype)
    modules = []
    for W, b, activation in zip(net.weights, net.biases, net.activations):
        n_in, n_out = W.shape
        linear = torch.nn.Linear(n_in, n_out, dtype=tdtype)
        with torch.no_grad():
            linear.weight.copy_(torch.as_tensor(np.ascontiguousarray(W.T), dtype=tdtype))
            linear.bias.copy_(torch.as_tensor(b, dtype=tdtype))
        modules += [linear, _activation_module(torch, activation.name)]
    return torch.nn.Sequential(*modules)


def _layers(model):
    """[(linear, activation name), ...] for a Sequential of alternating Linear and activation.

    A model may end with its last Linear layer (it outputs logits, as models trained with
    ``F.cross_entropy`` do); that layer's activation name is then None.
    """
    torch = require_torch()
    if not isinstance(model, torch.nn.Sequential):
        raise TypeError(f"model must be a torch.nn.Sequential of Linear and activation modules "
                        f"(as to_torch makes); got {type(model).__name__}.")
    modules = list(model)
    if not modules:
        raise ValueError("model is empty; expected Linear, activation, Linear, ... modules.")
    layers = []
    for i in range(0, len(modules), 2):
        linear = modules[i]
        if not isinstance(linear, torch.nn.Linear) or linear.bias is None:
            raise ValueError(f"model must alternate Linear and activation modules (Linear, "
                             f"ReLU, Linear, Softmax, ...): model[{i}] should be "
                             f"torch.nn.Linear with a bias; got {linear!r}.")
        if i + 1 == len(modules):
            layers.append((linear, None))
            break
        act = modules[i + 1]
        kind = type(act).__name__
        if kind not in _FROM_TORCH:
            raise ValueError(f"model[{i + 1}] must be one of {sorted(_FROM_TORCH)}; got {act!r}.")
        if kind == "Softmax" and act.dim not in (1, -1):
            raise ValueError(f"model[{i + 1}] is Softmax(dim={act.dim}); with one example per row "
                             f"the softmax must run over dim=1.")
        layers.append((linear, _FROM_TORCH[kind]))
    return layers


def from_torch(model, loss="quadratic", dtype="float64", output=None):
    """The ``Network`` computing the same function as ``model`` (the inverse of ``to_torch``).

    The sizes and each layer's activation are read from the Sequential; a torch model does not
    carry its loss, so name it with ``loss``. ``W = weight.T``.
    A model that ends with its last Linear layer (logits, e.g. one trained with
    ``F.cross_entropy``) needs ``output``, the activation to put on top ("softmax" there).
    """
    from .network import Layer, Network

    layers = _layers(model)
    if any(name is None for _, name in layers[:-1]):
        raise ValueError("model has two Linear layers in a row; put an activation between them.")
    last = layers[-1][1]
    if last is None and output is None:
        raise ValueError("model ends with a Linear layer (logits): say which output activation "
                         "goes on top, e.g. from_torch(model, loss='cross_entropy', "
                         "output='softmax').")
    if last is not None and output not in (None, last):
        raise ValueError(f"model's output activation is {last!r} but output={output!r}.")
    sizes = [layers[0][0].in_features] + [Layer(linear.out_features, name)
                                          for linear, name in layers[:-1]]
    sizes.append(layers[-1][0].out_features)
    net = Network(sizes, output=last or output, loss=loss, dtype=dtype)
    for i, (linear, _) in enumerate(layers):
        net.weights[i] = linear.weight.detach().cpu().numpy().T.astype(net.dtype)  # (n_in, n_out)
        net.biases[i] = linear.bias.detach().cpu().numpy().astype(net.dtype)
    return net


def torch_cost(model, X, Y, loss):
    """The cost of ``model`` on (X, Y) as a torch scalar, defined exactly as in nn_helpers.

    ``loss`` is a loss name or a Network (whose loss is used). quadratic: (1/2n) sum ||a - y||^2;
    mse: mean of (a - y)^2; cross_entropy with softmax: -(1/n) sum y log softmax(z), computed
    from the logits z; with a sigmoid output the per-unit (binary) form, also from z.
    """
    torch = require_torch()
    dtype = model[0].weight.dtype
    X = torch.as_tensor(np.asarray(X), dtype=dtype)
    Y = torch.as_tensor(np.asarray(Y), dtype=dtype)
    Z = model[:-1](X)          # the output layer's weighted input (logits)
    A = model[-1](Z)
    module = type(model[-1]).__name__
    output = _FROM_TORCH.get(module)
    name = loss.loss.name if hasattr(loss, "loss") else loss
    cost = get_loss(name, output)
    try:
        cost.check_output(output)
    except ValueError as error:
        raise ValueError(f"loss={name!r} with a {module} output has no torch twin: "
                         f"{error}") from None
    return cost.torch(torch, Z, A, Y)


def torch_gradients(model, X, Y, loss):
    """Gradients from ``torch.autograd`` in nn_helpers' layout: [(dW, db), ...] as NumPy arrays,
    with dW = weight.grad.T of shape (n_in, n_out)."""
    model.zero_grad()
    torch_cost(model, X, Y, loss).backward()
    return [(linear.weight.grad.detach().cpu().numpy().T.copy(),
             linear.bias.grad.detach().cpu().numpy().copy()) for linear, _ in _layers(model)]


def compare_with_torch(net, X, Y):
    """Largest absolute differences between ``net`` (as float64) and its torch twin on (X, Y).

    Returns {"output": ..., "cost": ..., "gradients": ...}: the outputs A[L], the cost, and the
    worst entry over every dW and db. Both sides run in float64.
    """
    torch = require_torch()
    net64 = net.astype("float64")
    model = to_torch(net64, "float64")
    X64 = np.asarray(X, dtype=np.float64)
    with torch.no_grad():
        A_torch = model(torch.as_tensor(X64)).numpy()
    ours = net64.gradients(X64, Y)
    theirs = torch_gradients(model, X64, np.asarray(Y, dtype=np.float64), net64)
    grad_diff = max(float(np.max(np.abs(a - b))) for pair_ours, pair_theirs in zip(ours, theirs)
                    for a, b in zip(pair_ours, pair_theirs))
    with torch.no_grad():
        cost_torch = torch_cost(model, X64, np.asarray(Y, dtype=np.float64), net64).item()
    return {"output": float(np.max(np.abs(net64.predict(X64) - A_torch))),
            "cost": abs(net64.cost(X64, Y) - cost_torch),
            "gradients": grad_diff}

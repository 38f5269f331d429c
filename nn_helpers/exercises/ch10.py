"""Checks for notebook 10 (from scratch to PyTorch).

# n: batch size, p: a layer's inputs (n_in), h: its outputs (n_out), k: classes.
# X: (n, p); W: (p, h) in nn_helpers' layout; weight: (h, p) in torch.nn.Linear's layout.

The checks of the conversion from a PyTorch model need PyTorch (without it they say so);
the others need only NumPy: a convolution's shapes, predicted, and cross-entropy from logits.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..activations import log_softmax, softmax
from ..losses import cross_entropy as _cross_entropy  # the checks' argument is the reader's
from .ch04 import call_reader, diagnose
from .feedback import Feedback

__all__ = ["check_our_weights", "check_conv_prediction", "check_cross_entropy_from_logits",
           "log_softmax", "softmax"]


# ------------------------------------------------ 1. a PyTorch model -> our layout
def _torch_model():
    """A small float64 model 6 -> 5 tanh -> 3 with unequal sizes, so a missed transpose shows."""
    import torch

    torch.manual_seed(10)
    return torch.nn.Sequential(torch.nn.Linear(6, 5), torch.nn.Tanh(),
                               torch.nn.Linear(5, 3)).double()


def check_our_weights(our_weights) -> Feedback:
    """Check our_weights(model) -> (weights, biases): lists of NumPy arrays in this series'
    layout, which make Network([6, 5, 3], hidden="tanh", output="identity") compute what the
    PyTorch model computes, to 1e-10 in float64."""
    name = "our_weights"
    try:
        import torch
    except ImportError:
        return Feedback(False, "this exercise needs PyTorch, which is not installed here; "
                               "pip install -e '.[torch]' adds it.")
    from ..network import Network

    model = _torch_model()
    got, problem = call_reader(our_weights, name, model)
    if problem is not None:
        if "no attribute 'weight'" in problem.message:
            return Feedback(False, problem.message + " Only the Linear layers (model[0] and "
                                   "model[2]) hold weights; the Tanh between them has none: "
                                   "skip it.")
        return problem
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return Feedback(False, f"`{name}` should return two lists, `return weights, biases`; "
                               f"got {type(got).__name__}.")
    weights, biases = got
    if not isinstance(weights, (list, tuple)) or not isinstance(biases, (list, tuple)):
        return Feedback(False, "`weights` and `biases` should each be a list with one array "
                               "per layer: `return weights, biases`, two lists.")
    if len(weights) != 2 or len(biases) != 2:
        return Feedback(False, f"the model has 2 Linear layers, so 2 weight matrices and 2 "
                               f"bias vectors; got {len(weights)} and {len(biases)}.")
    arrays = []
    for label, value in [("weights", w) for w in weights] + [("biases", b) for b in biases]:
        if isinstance(value, torch.Tensor):
            return Feedback(False, f"the {label} are PyTorch tensors; turn each into a NumPy "
                                   f"array with `.detach().numpy()` (detach: the weights "
                                   f"record gradients).")
        try:
            arrays.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            return Feedback(False, f"the {label} should be NumPy arrays; got "
                                   f"{type(value).__name__}.")
    expected = [model[0].weight.detach().numpy().T, model[2].weight.detach().numpy().T,
                model[0].bias.detach().numpy(), model[2].bias.detach().numpy()]
    labels = ["W[1]", "W[2]", "b[1]", "b[2]"]
    for label, value, right in zip(labels, arrays, expected):
        if value.shape != right.shape:
            hint = (": PyTorch stores (n_out, n_in), this series (n_in, n_out). A transpose "
                    ".T is missing." if value.shape == right.shape[::-1] else ".")
            return Feedback(False, f"{label} has shape {value.shape} but Network([6, 5, 3]) "
                                   f"needs {right.shape}{hint}")
    for label, value, torch_weight in zip(labels, arrays, (model[0].weight, model[2].weight)):
        scrambled = torch_weight.detach().numpy().reshape(value.shape)
        if np.allclose(value, scrambled) and not np.allclose(scrambled, torch_weight.T.detach()
                                                              .numpy()):
            return Feedback(False, f"{label} is the PyTorch weight reshaped; reshape keeps the "
                                   f"numbers in reading order and scrambles rows and columns. "
                                   f"The layout change is a transpose, .T.")
    net = Network([6, 5, 3], hidden="tanh", output="identity", loss="mse", dtype="float64")
    for layer, W in enumerate(arrays[:2]):
        net.weights[layer][:] = W
    for layer, b in enumerate(arrays[2:]):
        net.biases[layer][:] = b
    X = np.random.default_rng(10).standard_normal((7, 6))
    with torch.no_grad():
        theirs = model(torch.from_numpy(X)).numpy()
    gap = float(np.abs(net.predict(X) - theirs).max())
    if gap >= 1e-10:
        return Feedback(False, f"the shapes fit, but the outputs differ from the model's by up "
                               f"to {gap:.3g}: is each layer's weight paired with its own "
                               f"bias, in order?")
    return Feedback(True, f"`{name}` gives weights and biases with which our Network computes "
                          f"what the PyTorch model computes: largest difference {gap:.0e}, "
                          f"below 1e-10.")


# ------------------------------------------------ 2. predict: a convolution's shapes
def check_conv_prediction(output_shape, n_parameters) -> Feedback:
    """Check the predicted output shape of Conv2d(1, 16, kernel_size=5) on a batch of 5
    images 28 x 28 (shape (5, 1, 28, 28)) and its number of weights and biases."""
    if output_shape is None or n_parameters is None:
        return Feedback(False, "write both predictions first: `output_shape` and "
                               "`n_parameters` are still None.")
    try:
        shape = tuple(int(x) for x in output_shape)
    except (TypeError, ValueError, OverflowError):
        return Feedback(False, f"`output_shape` should be a tuple of four whole numbers "
                               f"(batch, channels, height, width); got {output_shape!r}.")
    if len(shape) != 4:
        return Feedback(False, f"`output_shape` has {len(shape)} numbers; a batch of images "
                               f"has four: (batch, channels, height, width).")
    right_shape, right_count = (5, 16, 24, 24), 16 * 5 * 5 + 16
    problems = []
    if shape != right_shape:
        if shape[2:] == (28, 28):
            problems.append("a 5 x 5 filter fits in fewer places than there are pixels: "
                            "its centre cannot sit on the outer 2 pixels of each side")
        elif shape[2:] == (23, 23):
            problems.append("the filter fits at 28 - 5 + 1 positions in each direction: "
                            "one more than 28 - 5")
        elif shape[2:] == (26, 26):
            problems.append("26 x 26 is for a 3 x 3 filter (the example above); this one "
                            "is 5 x 5")
        elif shape[1] != 16:
            problems.append("each of the 16 filters makes its own output channel")
        elif shape[0] != 5:
            problems.append("the batch size does not change: 5 images in, 5 out")
        else:
            problems.append(f"the output shape is not {shape}")
    if not isinstance(n_parameters, numbers.Real) or isinstance(n_parameters, bool):
        problems.append(f"`n_parameters` should be one whole number; got "
                        f"{type(n_parameters).__name__}")
    elif n_parameters != right_count:
        if n_parameters == 16 * 25:
            problems.append("the count misses the biases: one per filter")
        elif n_parameters == 25 + 1:
            problems.append("the count is for one filter; there are 16")
        elif n_parameters == 16 * 24 * 24:
            problems.append("that counts output values, not weights: a filter's 25 weights "
                            "are shared by every position")
        else:
            problems.append("the count is not right: each filter has 5 x 5 weights (one input "
                            "channel) and one bias")
    if problems:
        return Feedback(False, "; ".join(problems) + ".")
    return Feedback(True, f"Conv2d(1, 16, kernel_size=5) turns (5, 1, 28, 28) into "
                          f"{right_shape} with {right_count} weights and biases: a dense layer "
                          f"to 16 units would need 784 * 16 + 16 = {784 * 16 + 16:,}.")


# ------------------------------------------------ 3. cross-entropy from logits
def check_cross_entropy_from_logits(cross_entropy) -> Feedback:
    """Check cross_entropy(Z, Y) -> -(1/n) sum y log softmax(z), from the logits Z (n, k)."""
    name = "cross_entropy"
    rng = np.random.default_rng(15)
    n, k = 6, 4
    Z = 3 * rng.standard_normal((n, k))
    Z[0] = [800.0, -5.0, 0.0, 1.0]         # exp(800) overflows: only log-softmax survives
    Y = np.eye(k)[rng.integers(0, k, n)]
    Y[0] = [0.0, 0.0, 1.0, 0.0]
    got, problem = call_reader(cross_entropy, name, Z, Y)
    if problem is not None:
        return problem
    if np.ndim(got) != 0:
        return Feedback(False, f"`{name}` should return one number (the mean cost of the "
                               f"batch); got an array of shape {np.shape(got)}. Sum over "
                               f"classes and average over examples.")
    expected = _cross_entropy(softmax(Z), Y, Z)   # -(1/n) sum y log softmax(z), from Z
    verdict = diagnose(got, expected, f"`{name}(Z, Y)`", [
        (-float(np.sum(Y * np.log(np.abs(Z) + 1e-300))) / n,
         "you took log(Z); the logits must go through softmax first: log softmax(Z)."),
        (expected * n, f"that is the sum over the batch; the cost is the mean: divide by "
                       f"n = {n}."),
        (-expected, "the sign is flipped: the cost is minus the mean log-probability of the "
                    "right class."),
        (-float(np.sum(Y * log_softmax(Z))) / (n * k),
         "you averaged over all n*k entries; sum over the classes, average over the n examples."),
    ])
    if not verdict and isinstance(got, numbers.Real) and not np.isfinite(got):
        return Feedback(False, f"`{name}` gave {got} on a row with a logit of 800: np.exp(800) "
                               f"overflows. Use log_softmax(Z) (it subtracts the row maximum "
                               f"first), not np.log(softmax(Z)) built from np.exp.")
    if not verdict:
        return verdict
    return Feedback(True, f"`{name}` matches torch's cross-entropy from logits, even for a "
                          f"logit of 800.")

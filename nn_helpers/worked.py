# One example: x (2,), y (1,).  W1 (2, 2), b1 (2,), W2 (2, 1), b2 (1,).  k: input, j: neuron.
"""The tiny worked network of notebook 05: 2 inputs, 2 hidden neurons, 1 output neuron.

    net = tiny_network()                  # sigmoid hidden layer; tiny_network("relu")
    for step in trace(net):               # forward, cost, then BP1-BP4, one number per step
        print(step.equation, step.formula, step.numbers, step.value)
    check = nudge_table(net)              # every backward number next to its nudged twin

Everything is one example, one number at a time, written with the series' notation in plain
text: ``w[1]_10`` is the weight W[1][1, 0] from input 1 to hidden neuron 0 (row = where the
arrow starts, column = where it ends), ``z[1]_0`` and ``a[1]_0`` are hidden neuron 0's
weighted input and output, ``δ[1]_0 = dC/dz[1]_0`` its error. The output neuron is a sigmoid;
the cost is the quadratic cost of one example, C = (a[2]_0 - y)^2 / 2.

This module is NumPy only (no widgets, no plots): notebook 05 and the backprop stepper
(``nn_helpers.apps.backprop_stepper``) draw what it computes, and tests/test_worked.py checks
every number against ``Network.backward`` and against nudging.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import relu, relu_prime, sigmoid, sigmoid_prime, tanh, tanh_prime

__all__ = ["HIDDEN", "Step", "TinyNetwork", "as_network", "backward", "cost", "forward",
           "nudge_table", "stepper_view", "tiny_network", "trace"]

# hidden activation -> (f, f', how the trace writes f, how it writes f' in words)
HIDDEN = {
    "sigmoid": (sigmoid, sigmoid_prime, "σ"),
    "relu": (relu, relu_prime, "relu"),
    "tanh": (tanh, tanh_prime, "tanh"),
}

EQUATIONS = ("BP1", "BP2", "BP3", "BP4")


@dataclass(frozen=True)
class TinyNetwork:
    """A 2-2-1 network and one example (x, y). ``hidden``: the hidden layer's activation;
    the output neuron is always a sigmoid."""

    W1: np.ndarray   # (2, 2): W1[k, j] = w[1]_kj, from input k to hidden neuron j
    b1: np.ndarray   # (2,)
    W2: np.ndarray   # (2, 1): W2[k, 0] = w[2]_k0, from hidden neuron k to the output
    b2: np.ndarray   # (1,)
    x: np.ndarray    # (2,)
    y: float
    hidden: str = "sigmoid"


def tiny_network(hidden="sigmoid", x=(1.0, 0.5), y=1.0) -> TinyNetwork:
    """The hand-picked network of notebook 05 (round weights), with input ``x`` and target ``y``.

    With the default input, hidden neuron 0 gets z = 0.5 and hidden neuron 1 gets z = -0.5,
    so with ``hidden="relu"`` neuron 1 is off (outputs 0) and passes no error back.
    """
    if hidden not in HIDDEN:
        raise ValueError(f"hidden={hidden!r}: choose one of {list(HIDDEN)}.")
    x = np.asarray(x, dtype=float)
    if x.shape != (2,):
        raise ValueError(f"x should hold the 2 inputs, shape (2,); got shape {x.shape}.")
    return TinyNetwork(W1=np.array([[0.5, -0.5], [1.0, 0.5]]), b1=np.array([-0.5, -0.25]),
                       W2=np.array([[1.0], [-0.5]]), b2=np.array([0.0]),
                       x=x, y=float(y), hidden=hidden)


# ------------------------------------------------------------------ the numbers
def cost(net, W1=None, b1=None, W2=None, b2=None, dz1=(0.0, 0.0), dz2=(0.0,)):
    """The cost C = (a[2]_0 - y)^2 / 2 of the example, with any parameter replaced and
    ``dz1``/``dz2`` added to the weighted inputs (that is how a z is nudged)."""
    f = HIDDEN[net.hidden][0]
    W1 = net.W1 if W1 is None else W1
    b1 = net.b1 if b1 is None else b1
    W2 = net.W2 if W2 is None else W2
    b2 = net.b2 if b2 is None else b2
    a1 = f(net.x @ W1 + b1 + np.asarray(dz1))
    a2 = sigmoid(a1 @ W2 + b2 + np.asarray(dz2))
    return float(0.5 * (a2[0] - net.y) ** 2)


def forward(net) -> dict:
    """Every forward number: z1, a1 (2,), z2, a2 (1,) and the cost C."""
    f = HIDDEN[net.hidden][0]
    z1 = net.x @ net.W1 + net.b1
    a1 = f(z1)
    z2 = a1 @ net.W2 + net.b2
    a2 = sigmoid(z2)
    return {"z1": z1, "a1": a1, "z2": z2, "a2": a2, "C": float(0.5 * (a2[0] - net.y) ** 2)}


def backward(net) -> dict:
    """BP1-BP4 one neuron at a time: delta2 (1,), delta1 (2,), dW2 (2, 1), db2 (1,),
    dW1 (2, 2), db1 (2,)."""
    f_prime = HIDDEN[net.hidden][1]
    v = forward(net)
    delta2 = np.array([(v["a2"][0] - net.y) * sigmoid_prime(v["z2"][0])])          # BP1
    delta1 = np.array([net.W2[j, 0] * delta2[0] * f_prime(v["z1"][j])                # BP2
                       for j in range(2)])
    dW2 = np.array([[v["a1"][k] * delta2[0]] for k in range(2)])                    # BP4
    dW1 = np.array([[net.x[k] * delta1[j] for j in range(2)] for k in range(2)])    # BP4
    return {"delta2": delta2, "delta1": delta1, "dW2": dW2, "db2": delta2.copy(),   # BP3
            "dW1": dW1, "db1": delta1.copy()}


# -------------------------------------------------------------------- the trace
@dataclass(frozen=True)
class Step:
    """One step of the worked pass: ``formula`` with symbols, ``numbers`` with the values
    substituted, the result ``value``; ``target`` says what the step computes, for a
    diagram: ("node", name), ("edge", layer, k, j) or ("bias", layer, j)."""

    phase: str       # "forward", "cost" or "backward"
    equation: str    # "forward", "cost", "BP1", "BP2", "BP3" or "BP4"
    symbol: str      # what is computed, e.g. "δ[1]_0"
    formula: str     # e.g. "δ[1]_0 = w[2]_00 δ[2]_0 σ'(z[1]_0)"
    numbers: str     # e.g. "= 1 × (-0.0938) × 0.2350" ("" when there is nothing to put in)
    value: float
    target: tuple
    uses: tuple = ()     # the targets whose numbers this step takes (for a diagram)

    def __str__(self):
        numbers = f" {self.numbers}" if self.numbers else ""
        return f"{self.equation:<7} {self.formula}{numbers} = {_n(self.value, paren=False)}"


def _n(value, digits=4, paren=True):
    """A number as the trace prints it: 4 decimals (fewer for round numbers), negative
    numbers in parentheses so that '× (-0.5)' reads right."""
    value = float(value)
    text = f"{value:.{digits}f}"
    if round(value, 2) == value:            # a round number (a weight, an input): 0.5, 1, -0.25
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "-0.0000"):
        text = "0" if text == "-0" else "0.0000"
    return f"({text})" if paren and text.startswith("-") else text


def _slope_words(name, z_symbol, z, slope):
    """f'(z) written out with numbers: σ'(z) = a (1 - a); relu'(z) = 1 or 0; tanh' = 1 - a^2."""
    if name == "sigmoid":
        a = sigmoid(z)
        return f"σ'({z_symbol}) = {_n(a)} × (1 - {_n(a)})"
    if name == "relu":
        side = "> 0" if slope else "< 0" if z < 0 else "= 0"
        z_text = _n(z, paren=False)
        return f"relu'({z_symbol}) = {1 if slope else 0}, as {z_symbol} = {z_text} {side}"
    a = np.tanh(z)
    return f"tanh'({z_symbol}) = 1 - {_n(a)}^2"


def trace(net) -> list[Step]:
    """The worked forward and backward pass, one number per step, in the order a person
    computes them: forward through the hidden layer, the output, the cost; then BP1 and
    BP3/BP4 for the output layer, BP2 for each hidden neuron, BP3/BP4 for the hidden layer."""
    f_sym = HIDDEN[net.hidden][2]
    v, g = forward(net), backward(net)
    x, W1, b1, W2, b2 = net.x, net.W1, net.b1, net.W2, net.b2
    f_prime = HIDDEN[net.hidden][1]
    steps = []
    add = steps.append
    for j in range(2):
        add(Step("forward", "forward", f"z[1]_{j}",
                 f"z[1]_{j} = w[1]_0{j} x_0 + w[1]_1{j} x_1 + b[1]_{j}",
                 f"= {_n(W1[0, j])} × {_n(x[0])} + {_n(W1[1, j])} × {_n(x[1])} + {_n(b1[j])}",
                 float(v["z1"][j]), ("node", f"h{j}"),
                 (("edge", 1, 0, j), ("edge", 1, 1, j), ("node", "x0"), ("node", "x1"))))
        add(Step("forward", "forward", f"a[1]_{j}", f"a[1]_{j} = {f_sym}(z[1]_{j})",
                 f"= {f_sym}({_n(v['z1'][j], paren=False)})", float(v["a1"][j]),
                 ("node", f"h{j}"), (("node", f"h{j}"),)))
    add(Step("forward", "forward", "z[2]_0",
             "z[2]_0 = w[2]_00 a[1]_0 + w[2]_10 a[1]_1 + b[2]_0",
             f"= {_n(W2[0, 0])} × {_n(v['a1'][0])} + {_n(W2[1, 0])} × {_n(v['a1'][1])} + "
             f"{_n(b2[0])}", float(v["z2"][0]), ("node", "out"),
             (("edge", 2, 0, 0), ("edge", 2, 1, 0), ("node", "h0"), ("node", "h1"))))
    add(Step("forward", "forward", "a[2]_0", "a[2]_0 = σ(z[2]_0)",
             f"= σ({_n(v['z2'][0], paren=False)})",
             float(v["a2"][0]), ("node", "out"), (("node", "out"),)))
    add(Step("cost", "cost", "C", "C = (a[2]_0 - y)^2 / 2",
             f"= ({_n(v['a2'][0])} - {_n(net.y)})^2 / 2", v["C"], ("node", "C"),
             (("node", "out"),)))
    # backward: the output layer
    a2, z2 = v["a2"][0], v["z2"][0]
    add(Step("backward", "BP1", "δ[2]_0", "δ[2]_0 = (a[2]_0 - y) σ'(z[2]_0)",
             f"= ({_n(a2)} - {_n(net.y)}) × {_n(sigmoid_prime(z2))}   "
             f"[{_slope_words('sigmoid', 'z[2]_0', z2, None)}]",
             float(g["delta2"][0]), ("node", "out"), (("node", "out"), ("node", "C"))))
    add(Step("backward", "BP3", "dC/db[2]_0", "dC/db[2]_0 = δ[2]_0",
             "", float(g["db2"][0]), ("bias", 2, 0), (("node", "out"),)))
    for k in range(2):
        add(Step("backward", "BP4", f"dC/dw[2]_{k}0", f"dC/dw[2]_{k}0 = a[1]_{k} δ[2]_0",
                 f"= {_n(v['a1'][k])} × {_n(g['delta2'][0])}", float(g["dW2"][k, 0]),
                 ("edge", 2, k, 0), (("node", f"h{k}"), ("node", "out"))))
    # backward: BP2, one hidden neuron at a time
    for j in range(2):
        slope = float(f_prime(v["z1"][j]))
        add(Step("backward", "BP2", f"δ[1]_{j}",
                 f"δ[1]_{j} = w[2]_{j}0 δ[2]_0 {f_sym}'(z[1]_{j})",
                 f"= {_n(W2[j, 0])} × {_n(g['delta2'][0])} × {_n(slope)}   "
                 f"[{_slope_words(net.hidden, f'z[1]_{j}', float(v['z1'][j]), slope)}]",
                 float(g["delta1"][j]), ("node", f"h{j}"), (("edge", 2, j, 0), ("node", "out"))))
    for j in range(2):
        add(Step("backward", "BP3", f"dC/db[1]_{j}", f"dC/db[1]_{j} = δ[1]_{j}",
                 "", float(g["db1"][j]), ("bias", 1, j), (("node", f"h{j}"),)))
        for k in range(2):
            add(Step("backward", "BP4", f"dC/dw[1]_{k}{j}", f"dC/dw[1]_{k}{j} = x_{k} δ[1]_{j}",
                     f"= {_n(x[k])} × {_n(g['delta1'][j])}", float(g["dW1"][k, j]),
                     ("edge", 1, k, j), (("node", f"x{k}"), ("node", f"h{j}"))))
    return steps


# ----------------------------------------------------------------- the referee
def nudge_table(net, eps=1e-6) -> list[tuple[str, float, float]]:
    """(symbol, backprop value, nudged value) for every backward number of ``trace``.

    Nudged = (C(q + eps) - C(q - eps)) / (2 eps), nudging only the quantity q and holding the
    rest: a weight or bias for BP3/BP4, a weighted input z for BP1 and BP2 (an error δ is
    dC/dz, so it is measured by nudging z and running the rest of the network from there)."""
    rows = []
    for step in trace(net):
        if step.phase != "backward":
            continue
        rows.append((step.symbol, step.value, _nudged(net, step, eps)))
    return rows


def _nudged(net, step, eps):
    def slope(**changed):
        up = cost(net, **{name: make(+eps) for name, make in changed.items()})
        down = cost(net, **{name: make(-eps) for name, make in changed.items()})
        return (up - down) / (2 * eps)

    def shifted(array, index):
        def make(h):
            out = np.array(array, dtype=float)
            out[index] += h
            return out
        return make

    kind = step.target[0]
    if kind == "node":           # an error δ: nudge the weighted input z
        if step.target[1] == "out":
            return slope(dz2=shifted(np.zeros(1), 0))
        j = int(step.target[1][1])
        return slope(dz1=shifted(np.zeros(2), j))
    if kind == "bias":
        _, layer, j = step.target
        return slope(**{f"b{layer}": shifted(getattr(net, f"b{layer}"), j)})
    _, layer, k, j = step.target
    return slope(**{f"W{layer}": shifted(getattr(net, f"W{layer}"), (k, j))})


def as_network(net):
    """The same network as an ``nn_helpers.Network`` (quadratic cost, sigmoid output), and the
    example as a batch of one row: (network, X (1, 2), Y (1, 1))."""
    from .network import Network

    network = Network([2, 2, 1], hidden=net.hidden, output="sigmoid", loss="quadratic")
    network.weights[0][...] = net.W1
    network.biases[0][...] = net.b1
    network.weights[1][...] = net.W2
    network.biases[1][...] = net.b2
    return network, net.x[None, :], np.array([[net.y]])


# ----------------------------------------------------------- what a stepper shows
@dataclass(frozen=True)
class StepperView:
    """What is known after step ``index``: the current step, the values computed so far
    (target -> list of (symbol, value)), and for each of BP1-BP4 its latest use so far."""

    index: int
    current: Step
    known: dict
    latest: dict     # "BP1".."BP4" -> Step or None (not used yet)


def stepper_view(steps, index) -> StepperView:
    """The state of a step-by-step walk through ``steps`` (from ``trace``) at ``index``."""
    if not 0 <= index < len(steps):
        raise ValueError(f"step {index} does not exist: the walk has steps 0 to "
                         f"{len(steps) - 1}.")
    known = {}
    latest = dict.fromkeys(EQUATIONS)
    for step in steps[:index + 1]:
        known.setdefault(step.target, []).append((step.symbol, step.value))
        if step.equation in latest:
            latest[step.equation] = step
    return StepperView(index, steps[index], known, latest)

"""A tiny computational graph of scalars: values flow forward, gradients flow backward.

# every value here is one number (a scalar); the graph is for seeing the chain rule, not for speed.

Each ``Node`` is one small operation (``+``, ``*``, ``sigma``, ...) whose value is computed as
soon as it is created (the forward pass). Each node also remembers its *local* derivatives,
d(node)/d(input), for each of its inputs. ``backward(output)`` then walks the graph from the
output back to the inputs and applies the chain rule at every node:

    grad(input) += grad(node) * d(node)/d(input)

The ``+=`` matters: a value used twice (say ``x`` in ``x*y + x``) collects a contribution
along every path to the output, which is the "sum over paths" form of the chain rule.

    >>> w, x, b = variable(2.0, "w"), variable(3.0, "x"), variable(1.0, "b")
    >>> z = add(mul(w, x), b, name="z")
    >>> z.value
    7.0
    >>> _ = backward(z)
    >>> w.grad, x.grad, b.grad
    (3.0, 2.0, 1.0)

``draw_graph`` draws the graph with every value and gradient written on it (matplotlib is
imported only inside it, so ``import nn_helpers`` stays light).
"""

from __future__ import annotations

import math
from numbers import Real

from .activations import ACTIVATIONS

OPS = {  # op name -> how the drawing labels it
    "input": "input",
    "const": "constant",
    "add": "+",
    "sub": "−",
    "mul": "×",
    "square": "(·)²",
    # every activation with a one-number twin, labelled as the registry writes it
    **{name: a.symbol for name, a in ACTIVATIONS.items() if a.scalar is not None},
}


class Node:
    """One number in the graph: its value, the nodes it came from, and its gradient.

    ``parents`` are the inputs of the operation; ``local_grads[i]`` is the local derivative
    d(self)/d(parents[i]) at the current values. ``grad`` is dC/d(self) for the output C of
    the last ``backward`` call (0 before it).
    """

    def __init__(self, value, op="input", parents=(), local_grads=(), name=None):
        if op not in OPS:
            raise ValueError(f"op={op!r} is not a known operation; choose one of {list(OPS)}.")
        self.value = _check_number(value, "value")
        self.op = op
        self.parents = tuple(parents)
        self.local_grads = tuple(float(g) for g in local_grads)
        if len(self.parents) != len(self.local_grads):
            raise ValueError(f"a node needs one local derivative per parent; got "
                             f"{len(self.parents)} parents and {len(self.local_grads)} "
                             f"derivatives.")
        self.name = name
        self.grad = 0.0

    @property
    def label(self):
        """The node's name, or a short description of it when it has none."""
        if self.name is not None:
            return self.name
        if self.op == "const":
            return f"{self.value:g}"
        return OPS[self.op]

    # Operators so that graphs read like the math: z = w * x + b.
    def __add__(self, other):
        return add(self, other)

    def __radd__(self, other):
        return add(other, self)

    def __sub__(self, other):
        return sub(self, other)

    def __rsub__(self, other):
        return sub(other, self)

    def __mul__(self, other):
        return mul(self, other)

    def __rmul__(self, other):
        return mul(other, self)

    def __repr__(self):
        return f"Node({self.label!r}, op={self.op!r}, value={self.value:.6g}, grad={self.grad:.6g})"


def _check_number(value, argument):
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{argument} must be a real number (one scalar); got "
                         f"{type(value).__name__} {value!r}.")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{argument} must be finite; got {value}.")
    return value


def _as_node(a):
    """Numbers become constant nodes so that ``0.5 * node`` just works."""
    if isinstance(a, Node):
        return a
    return Node(_check_number(a, "operand"), op="const")


# ------------------------------------------------------------------ operations
def variable(value, name=None):
    """An input of the graph (a leaf): something we may want the gradient for."""
    return Node(value, op="input", name=name)


def constant(value, name=None):
    """A fixed number in the graph, drawn as a constant."""
    return Node(value, op="const", name=name)


def add(a, b, name=None):
    """a + b.  Local derivatives: d/da = 1, d/db = 1."""
    a, b = _as_node(a), _as_node(b)
    return Node(a.value + b.value, "add", (a, b), (1.0, 1.0), name)


def sub(a, b, name=None):
    """a - b.  Local derivatives: d/da = 1, d/db = -1."""
    a, b = _as_node(a), _as_node(b)
    return Node(a.value - b.value, "sub", (a, b), (1.0, -1.0), name)


def mul(a, b, name=None):
    """a * b.  Local derivatives: d/da = b, d/db = a (each factor's slope is the other)."""
    a, b = _as_node(a), _as_node(b)
    return Node(a.value * b.value, "mul", (a, b), (b.value, a.value), name)


def square(a, name=None):
    """a².  Local derivative: 2a."""
    a = _as_node(a)
    return Node(a.value ** 2, "square", (a,), (2.0 * a.value,), name)


def activation(kind, a, name=None):
    """f(a) for a registered activation ``kind``.  Local derivative: f'(a).

    The value and slope come from the activation's scalar twin in ``nn_helpers.activations``,
    so the graph, the network and the notebooks all use the same definition."""
    if kind not in ACTIVATIONS or ACTIVATIONS[kind].scalar is None:
        names = [n for n, act in ACTIVATIONS.items() if act.scalar is not None]
        raise ValueError(f"{kind!r} is not an activation of one number; choose one of {names}.")
    a = _as_node(a)
    value, slope = ACTIVATIONS[kind].scalar(a.value)
    return Node(value, kind, (a,), (slope,), name)


def sigmoid(a, name=None):
    """σ(a) = 1 / (1 + e^(-a)).  Local derivative: σ(a)(1 - σ(a))."""
    return activation("sigmoid", a, name)


def tanh(a, name=None):
    """tanh(a).  Local derivative: 1 - tanh(a)²."""
    return activation("tanh", a, name)


def relu(a, name=None):
    """max(0, a).  Local derivative: 1 for a > 0, else 0."""
    return activation("relu", a, name)


# ------------------------------------------------------------------- backward
def topological_order(output):
    """Every node the output depends on, each once, inputs before the nodes that use them."""
    if not isinstance(output, Node):
        raise ValueError(f"output must be a Node; got {type(output).__name__}.")
    order, seen = [], set()
    stack = [(output, False)]
    while stack:  # iterative depth-first search, so deep graphs do not hit the recursion limit
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in reversed(node.parents) if id(p) not in seen)
    return order


def backward(output):
    """Fill in ``grad`` = d(output)/d(node) for every node; returns the nodes in forward order.

    Walks the nodes from the output back to the inputs. Each node passes its gradient to
    its parents, multiplied by the local derivative (the chain rule); contributions from
    different paths add up.
    """
    order = topological_order(output)
    for node in order:
        node.grad = 0.0
    output.grad = 1.0
    for node in reversed(order):
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad += node.grad * local
    return order


def central_difference(f, x, eps=1e-6):
    """The slope of f at x measured by nudging: (f(x + eps) - f(x - eps)) / (2 eps).

    The error of this estimate shrinks like eps², much faster than the one-sided
    (f(x + eps) - f(x)) / eps whose error shrinks only like eps.
    """
    x = _check_number(x, "x")
    if not eps > 0:
        raise ValueError(f"eps must be a small positive number; got {eps!r}.")
    return (f(x + eps) - f(x - eps)) / (2.0 * eps)


# --------------------------------------------------------------------- drawing
def graph_layout(output):
    """Positions {node: (x, y)} for drawing: inputs on the left, the output on the right.

    x is a node's depth: 0 for inputs that feed the first operation, and for a computed node
    one more than its deepest parent. An input or constant sits one column left of the first
    node that uses it, so side inputs (a bias, a target) appear next to where they enter.
    In a column the computed nodes sit around y = 0 (so a chain of operations is a straight
    line) and the side inputs sit below them.
    """
    order = topological_order(output)
    depth = {}
    for node in order:  # parents come first, so their depth is known
        if node.parents:
            depth[id(node)] = 1 + max(depth[id(p)] for p in node.parents)
        else:
            depth[id(node)] = 0
    users = {id(node): [] for node in order}
    for node in order:
        for p in node.parents:
            users[id(p)].append(node)
    for node in order:
        if not node.parents and users[id(node)]:
            depth[id(node)] = min(depth[id(u)] for u in users[id(node)]) - 1
    columns = {}
    for node in order:
        columns.setdefault(depth[id(node)], []).append(node)
    positions = {}
    for x, nodes in columns.items():
        computed = [n for n in nodes if n.parents]
        leaves = [n for n in nodes if not n.parents]
        if not computed:  # a column of inputs only: centre them
            computed, leaves = leaves, []
        for i, node in enumerate(computed):  # the main line of computation around y = 0
            positions[node] = (float(x), (len(computed) - 1) / 2.0 - i)
        low = min(positions[n][1] for n in computed)
        for i, node in enumerate(leaves):  # side inputs (a bias, a target) just below it
            positions[node] = (float(x), low - 1.0 - i)
    return positions


def expression(node):
    """How a node was computed, in the usual notation: "w × x", "σ(z)", "e²", "0.5"."""
    names = [p.label for p in node.parents]
    if node.op in ("input", "const"):
        return node.label
    if node.op == "square":
        return f"({names[0]})²" if len(names[0]) > 1 and not names[0].isalnum() else f"{names[0]}²"
    if node.op in ACTIVATIONS:
        return f"{OPS[node.op]}({names[0]})"
    return f" {OPS[node.op]} ".join(names)


def node_text(node, digits=3, show_grad=True):
    """The text written in a node's box: what it computes, its value and (optionally) its
    gradient. Constants have no gradient worth showing."""
    first = node.label if node.op in ("input", "const") else (
        f"{node.name} = {expression(node)}" if node.name else expression(node))
    lines = [first, f"value {node.value:.{digits}f}"]
    if show_grad and node.op != "const":
        lines.append(f"grad  {node.grad:.{digits}f}")
    return "\n".join(lines)


def draw_graph(output, ax=None, show_grad=True, digits=3, title=None, fontsize=12):
    """Draw the graph that computes ``output``: boxes for nodes, arrows for the forward pass.

    Each box shows the node's value (forward pass) and, if ``show_grad``, its gradient
    d(output)/d(node) from the last ``backward`` call (backward pass).
    """
    import matplotlib.pyplot as plt

    from .plots import COLORS

    positions = graph_layout(output)
    ax = ax or plt.gca()
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    face = {"input": COLORS[4], "const": "0.9"}
    boxes = {}
    for node, (x, y) in positions.items():
        boxes[node] = ax.text(x, y, node_text(node, digits, show_grad), ha="center",
                              va="center", fontsize=fontsize, family="monospace", zorder=3,
                              bbox=dict(boxstyle="round,pad=0.4", fc=face.get(node.op, "white"),
                                        ec=COLORS[0], lw=1.5))
    for node in positions:
        for parent in node.parents:  # drawn after the boxes, so it can be clipped at their edges
            ax.annotate("", xy=positions[node], xytext=positions[parent], zorder=4,
                        arrowprops=dict(arrowstyle="-|>", color="0.3", lw=1.5, mutation_scale=20,
                                        patchA=boxes[parent].get_bbox_patch(),
                                        patchB=boxes[node].get_bbox_patch()))
    ax.set_xlim(min(xs) - 0.6, max(xs) + 0.6)
    ax.set_ylim(min(ys) - 0.8, max(ys) + 0.8)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=fontsize + 2)
    return ax

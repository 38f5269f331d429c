"""The tiny computational graph of notebook 04: forward values, backward gradients, layout."""

import math

import matplotlib
import pytest

from nn_helpers import graph
from nn_helpers.graph import (
    add,
    backward,
    central_difference,
    constant,
    graph_layout,
    mul,
    node_text,
    relu,
    sigmoid,
    square,
    sub,
    tanh,
    topological_order,
    variable,
)

matplotlib.use("Agg")


def neuron_cost(w_value, x_value=1.5, b_value=-0.2, y_value=1.0):
    """C = 1/2 (sigma(w x + b) - y)^2 as a graph; returns (C, the input nodes)."""
    w, x, b, y = (variable(v, n) for v, n in ((w_value, "w"), (x_value, "x"),
                                                  (b_value, "b"), (y_value, "y")))
    z = add(mul(w, x), b, name="z")
    C = mul(0.5, square(sub(sigmoid(z, name="a"), y, name="e")), name="C")
    return C, dict(w=w, x=x, b=b, y=y, z=z)


def test_forward_values_follow_the_math():
    C, nodes = neuron_cost(0.8)
    a = 1 / (1 + math.exp(-(0.8 * 1.5 - 0.2)))
    assert nodes["z"].value == pytest.approx(1.0)
    assert C.value == pytest.approx(0.5 * (a - 1.0) ** 2)


def test_backward_matches_the_chain_rule_by_hand():
    C, nodes = neuron_cost(0.8)
    backward(C)
    a = 1 / (1 + math.exp(-1.0))
    delta = (a - 1.0) * a * (1 - a)
    assert nodes["w"].grad == pytest.approx(delta * 1.5)
    assert nodes["b"].grad == pytest.approx(delta)
    assert nodes["x"].grad == pytest.approx(delta * 0.8)
    assert nodes["y"].grad == pytest.approx(-(a - 1.0))
    assert C.grad == 1.0


@pytest.mark.parametrize("w0", [-2.0, 0.3, 1.7])
def test_backward_matches_central_differences(w0):
    C, nodes = neuron_cost(w0)
    backward(C)
    slope = central_difference(lambda w: neuron_cost(w)[0].value, w0)
    assert nodes["w"].grad == pytest.approx(slope, rel=1e-6)


def test_a_value_used_twice_collects_both_paths():
    x, y = variable(3.0, "x"), variable(-2.0, "y")
    f = x * y + x            # df/dx = y + 1
    backward(f)
    assert x.grad == pytest.approx(-1.0)
    assert y.grad == pytest.approx(3.0)


def test_backward_resets_old_gradients():
    x = variable(2.0, "x")
    f = square(x)
    backward(f)
    backward(f)
    assert x.grad == pytest.approx(4.0)


@pytest.mark.parametrize("op,value,slope", [
    (sigmoid, 0.0, 0.25), (tanh, 0.0, 1.0), (relu, 2.0, 1.0), (relu, -2.0, 0.0),
    (square, 3.0, 6.0)])
def test_local_derivatives_of_unary_ops(op, value, slope):
    x = variable(value)
    backward(op(x))
    assert x.grad == pytest.approx(slope)


def test_sigmoid_is_stable_for_large_inputs():
    assert sigmoid(variable(-1000.0)).value == pytest.approx(0.0)
    assert sigmoid(variable(1000.0)).value == pytest.approx(1.0)


def test_operators_and_numbers_make_constant_nodes():
    x = variable(2.0, "x")
    f = 1 - 3 * x
    assert f.value == pytest.approx(-5.0)
    backward(f)
    assert x.grad == pytest.approx(-3.0)
    assert any(n.op == "const" for n in topological_order(f))


def test_topological_order_lists_each_node_once_inputs_first():
    x = variable(1.0, "x")
    h = square(x)
    f = h * h + x
    order = topological_order(f)
    assert len(order) == len({id(n) for n in order}) == 4
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        assert all(position[id(p)] < position[id(node)] for p in node.parents)
    assert order[-1] is f


def test_layout_puts_parents_left_of_children_and_never_two_nodes_in_one_place():
    C, nodes = neuron_cost(0.8)
    positions = graph_layout(C)
    assert len(positions) == len(topological_order(C))
    assert len(set(positions.values())) == len(positions)
    for node, (x, _) in positions.items():
        assert all(positions[p][0] < x for p in node.parents)
    # a side input sits one column left of the node that uses it, below the main line
    assert positions[nodes["b"]][0] == positions[nodes["z"]][0] - 1
    assert positions[nodes["b"]][1] < 0
    # the chain z -> a -> e -> ... -> C is a straight line
    assert positions[C][1] == positions[nodes["z"]][1] == 0.0


def test_node_text_shows_expression_value_and_gradient():
    a, b = variable(2.0, "a"), variable(0.5, "b")
    p = mul(a, b, name="p")
    backward(p)
    assert node_text(p, digits=2).splitlines() == ["p = a × b", "value 1.00", "grad  1.00"]
    assert node_text(a, digits=2).splitlines() == ["a", "value 2.00", "grad  0.50"]
    assert "grad" not in node_text(constant(0.5))
    assert "grad" not in node_text(p, show_grad=False)
    assert graph.expression(sigmoid(a)) == "σ(a)"
    assert graph.expression(square(a)) == "a²"


def test_draw_graph_draws_one_box_per_node():
    import matplotlib.pyplot as plt

    C, _ = neuron_cost(0.8)
    backward(C)
    fig, ax = plt.subplots()
    graph.draw_graph(C, ax=ax, title="neuron")
    texts = [t.get_text() for t in ax.texts]
    assert sum(1 for t in texts if t.startswith("value") or "\nvalue" in t) == \
        len(topological_order(C))
    assert ax.get_title() == "neuron"
    plt.close(fig)


def test_central_difference_is_accurate_to_second_order():
    assert central_difference(math.sin, 0.3) == pytest.approx(math.cos(0.3), rel=1e-9)


@pytest.mark.parametrize("bad,match", [("3", "real number"), (float("nan"), "finite"),
                                       ([1.0], "real number"), (True, "real number")])
def test_bad_values_are_rejected_with_a_clear_message(bad, match):
    with pytest.raises(ValueError, match=match):
        variable(bad)


def test_other_bad_input_is_rejected():
    with pytest.raises(ValueError, match="output must be a Node"):
        backward(3.0)
    with pytest.raises(ValueError, match="eps must be"):
        central_difference(math.sin, 0.0, eps=0)
    with pytest.raises(ValueError, match="op='pow'"):
        graph.Node(1.0, op="pow")
    with pytest.raises(ValueError, match="one local derivative per parent"):
        graph.Node(1.0, op="add", parents=(variable(1.0),), local_grads=())

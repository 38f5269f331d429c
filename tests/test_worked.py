"""The tiny worked network of notebook 05: every number of its trace is what Network.backward
computes and what nudging measures, and the trace says what it computes."""

import numpy as np
import pytest

from nn_helpers.worked import (
    as_network,
    backward,
    cost,
    forward,
    nudge_table,
    stepper_view,
    tiny_network,
    trace,
)

HIDDEN = ["sigmoid", "relu", "tanh"]


@pytest.mark.parametrize("hidden", HIDDEN)
def test_forward_and_cost_match_the_network(hidden):
    net = tiny_network(hidden)
    network, X, Y = as_network(net)
    cache = network.forward(X)
    values = forward(net)
    np.testing.assert_allclose(values["z1"], cache.Z[0][0])
    np.testing.assert_allclose(values["a2"], cache.A[2][0])
    assert values["C"] == pytest.approx(network.cost(X, Y), rel=1e-12)
    assert cost(net) == pytest.approx(values["C"], rel=1e-12)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize("x,y", [((1.0, 0.5), 1.0), ((-0.3, 2.0), 0.0), ((0.7, -1.2), 0.4)])
def test_backward_matches_network_backward(hidden, x, y):
    net = tiny_network(hidden, x=x, y=y)
    network, X, Y = as_network(net)
    (dW1, db1), (dW2, db2) = network.backward(network.forward(X), Y)
    grads = backward(net)
    for name, theirs in (("dW1", dW1), ("db1", db1), ("dW2", dW2), ("db2", db2)):
        np.testing.assert_allclose(grads[name], theirs, rtol=1e-12, atol=1e-15, err_msg=name)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_every_backward_number_agrees_with_nudging(hidden):
    rows = nudge_table(tiny_network(hidden, x=(0.8, -0.4), y=0.2))
    assert len(rows) == 12          # δ[2], dC/db[2], 2 dC/dw[2], 2 δ[1], 2 dC/db[1], 4 dC/dw[1]
    for symbol, backprop, nudged in rows:
        assert backprop == pytest.approx(nudged, rel=1e-6, abs=1e-10), symbol


def test_the_nudge_is_a_real_referee():
    """A trace with a wrong number must disagree with its nudged twin: the nudges do not
    read the backprop values."""
    net = tiny_network()
    rows = {symbol: nudged for symbol, _, nudged in nudge_table(net)}
    g = backward(net)
    assert rows["δ[1]_1"] == pytest.approx(g["delta1"][1], rel=1e-6)
    assert rows["δ[1]_1"] != pytest.approx(-g["delta1"][1], rel=1e-3)
    assert rows["dC/dw[1]_10"] == pytest.approx(net.x[1] * g["delta1"][0], rel=1e-6)
    assert rows["dC/dw[1]_10"] != pytest.approx(net.x[0] * g["delta1"][0], rel=1e-3)


def test_the_trace_substitutes_the_numbers_and_gets_the_value():
    steps = trace(tiny_network())
    assert [s.equation for s in steps] == (
        ["forward"] * 6 + ["cost", "BP1", "BP3", "BP4", "BP4", "BP2", "BP2"]
        + ["BP3", "BP4", "BP4"] * 2)
    first = steps[0]
    assert first.formula == "z[1]_0 = w[1]_00 x_0 + w[1]_10 x_1 + b[1]_0"
    assert first.numbers == "= 0.5 × 1 + 1 × 0.5 + (-0.5)"
    assert first.value == pytest.approx(0.5)
    bp2 = next(s for s in steps if s.symbol == "δ[1]_1")
    assert bp2.formula == "δ[1]_1 = w[2]_10 δ[2]_0 σ'(z[1]_1)"
    assert bp2.numbers.startswith("= (-0.5) × (-0.0938) × 0.2350")
    assert bp2.target == ("node", "h1")
    assert str(bp2).endswith("= 0.0110")
    # each written formula, evaluated with its own numbers, gives the step's value
    for step in steps:
        if step.equation in ("BP1", "BP2", "BP4", "forward") and "×" in step.numbers:
            expression = step.numbers.split("[")[0].lstrip("= ").replace("×", "*")
            assert eval(expression) == pytest.approx(step.value, abs=6e-4), step  # noqa: S307


def test_relu_switches_hidden_neuron_1_off_and_it_passes_no_error_back():
    net = tiny_network("relu")
    values, g = forward(net), backward(net)
    assert values["z1"][1] < 0 and values["a1"][1] == 0
    assert g["delta1"][1] == 0 and np.all(g["dW1"][:, 1] == 0) and g["db1"][1] == 0
    assert g["dW2"][1, 0] == 0                        # its output is 0: nothing to learn on it
    assert g["delta1"][0] != 0 and np.all(g["dW1"][:, 0] != 0)
    words = next(s for s in trace(net) if s.symbol == "δ[1]_1").numbers
    assert "relu'(z[1]_1) = 0" in words and "< 0" in words


def test_stepper_view_collects_what_is_known_so_far():
    steps = trace(tiny_network())
    view = stepper_view(steps, 0)
    assert view.current is steps[0] and set(view.latest.values()) == {None}
    assert view.known == {("node", "h0"): [("z[1]_0", 0.5)]}
    bp2 = [i for i, s in enumerate(steps) if s.equation == "BP2"]
    view = stepper_view(steps, bp2[0])
    assert view.latest["BP2"].symbol == "δ[1]_0" and view.latest["BP1"].symbol == "δ[2]_0"
    assert view.latest["BP4"].symbol == "dC/dw[2]_10"
    assert [s for s, _ in view.known[("node", "h0")]] == ["z[1]_0", "a[1]_0", "δ[1]_0"]
    last = stepper_view(steps, len(steps) - 1)
    assert len(last.known[("edge", 1, 1, 1)]) == 1
    with pytest.raises(ValueError, match="steps 0 to 18"):
        stepper_view(steps, 19)


def test_bad_settings_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="choose one of"):
        tiny_network("softmax")
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        tiny_network(x=(1.0, 2.0, 3.0))


@pytest.mark.parametrize("hidden", HIDDEN)
def test_each_step_uses_only_numbers_already_known(hidden):
    """A step's ``uses`` (what a diagram marks as its sources) are parameters, inputs, or
    neurons that an earlier step has computed; BP2 takes the arrow and the neuron after it."""
    steps = trace(tiny_network(hidden))
    for i, step in enumerate(steps):
        assert step.uses, step
        for used in step.uses:
            if used[0] == "edge" or used in (("node", "x0"), ("node", "x1")):
                continue
            assert any(s.target == used for s in steps[:i]), (step, used)
    bp2 = [s for s in steps if s.equation == "BP2"]
    assert [s.uses for s in bp2] == [(("edge", 2, 0, 0), ("node", "out")),
                                     (("edge", 2, 1, 0), ("node", "out"))]

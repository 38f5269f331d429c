"""Property-based tests: random architectures, combinations and malformed inputs.

Whatever Hypothesis builds, no call may end in a bare NumPy or Python exception (only the
documented ValueError / TypeError / TrainingDiverged), and no accepted call may return a
non-finite number without saying so.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nn_helpers import Layer, Network, TrainingDiverged, train
from nn_helpers.activations import ACTIVATIONS, elementwise_names
from nn_helpers.checks import DataWarning
from nn_helpers.losses import LOSSES

EXPECTED = (ValueError, TypeError)
FAST = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def networks(draw):
    """Any combination the constructor accepts (refused ones are skipped by the caller)."""
    d = draw(st.integers(1, 6))
    hidden = draw(st.lists(st.tuples(st.integers(1, 7), st.sampled_from(elementwise_names()),
                                     st.sampled_from([0.0, 0.0, 0.3, 0.6])), max_size=3))
    output = draw(st.sampled_from(list(ACTIVATIONS)))
    k = draw(st.integers(1, 4))
    loss = draw(st.sampled_from(list(LOSSES)))
    dtype = draw(st.sampled_from(["float32", "float64"]))
    init = draw(st.sampled_from(["normal", "xavier", "he", "auto"]))
    sizes = [d, *[Layer(units, act, p) for units, act, p in hidden], Layer(k, output)]
    return dict(sizes=sizes, loss=loss, dtype=dtype, init=init, seed=draw(st.integers(0, 99)))


def _build(spec):
    try:
        return Network(spec["sizes"], loss=spec["loss"], init=spec["init"], seed=spec["seed"],
                       dtype=spec["dtype"])
    except EXPECTED:
        return None                                  # refused with a reason: fine


def _targets(net, n, rng):
    k, (lo, hi) = net.sizes[-1], net.output.range
    if not net.output.elementwise:
        return np.eye(k)[rng.integers(0, k, n)]
    return rng.uniform(max(lo, 0.0), min(hi, 1.0), (n, k))


@FAST
@given(networks(), st.integers(1, 9), st.integers(0, 2**31))
def test_accepted_networks_compute_finite_costs_and_gradients(spec, n, seed):
    net = _build(spec)
    if net is None:
        return
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, net.sizes[0]))
    Y = _targets(net, n, rng)
    cost, grads = net.cost_and_gradients(X, Y, rng=rng)
    assert np.isfinite(cost)
    assert all(np.isfinite(dW).all() and np.isfinite(db).all() for dW, db in grads)
    assert [(dW.shape, db.shape) for dW, db in grads] == [(W.shape, b.shape)
                                                         for W, b in net.parameters]
    assert net.predict(X).dtype == net.dtype


@FAST
@given(networks(), st.integers(0, 2**31), st.sampled_from([1e-3, 0.1, 10.0, 1e4]))
def test_training_ends_finite_or_with_the_divergence_error(spec, seed, lr):
    net = _build(spec)
    if net is None:
        return
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((12, net.sizes[0]))
    Y = _targets(net, 12, rng)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            history = train(net, X, Y, epochs=2, batch_size=4, lr=lr, progress=False)
    except TrainingDiverged as error:
        assert net.history is error.history
        return
    assert np.isfinite(history.loss).all()
    assert all(np.isfinite(W).all() for W in net.weights)


malformed = st.one_of(
    st.just(np.zeros((0, 3))),
    st.just(np.zeros((3,))),
    st.just(np.zeros((2, 3, 4))),
    st.just(np.array([["a", "b", "c"]])),
    st.just(np.array([[1 + 2j, 0, 0]])),
    st.just(np.array([[True, False, True]])),
    st.just(np.array([[np.nan, 0.0, 1.0]])),
    st.just(np.array([[np.inf, 0.0, 1.0]])),
    st.just(np.array([[None, 1, 2]], dtype=object)),
    st.just([[1.0, 2.0], [3.0]]),                    # ragged
    st.just("not an array"),
    st.just(None),
    st.integers(0, 5).map(lambda w: np.ones((4, w))),
    st.integers(0, 5).map(lambda n: np.ones((n, 3))),
)


@FAST
@given(malformed, malformed)
def test_malformed_inputs_get_a_clear_error_never_a_bare_one(X, Y):
    net = Network([3, 4, 2], hidden="tanh", output="softmax", loss="cross_entropy")
    before = [W.copy() for W in net.weights]
    for call in (lambda: net.forward(X), lambda: net.cost(X, Y),
                 lambda: train(net, X, Y, epochs=1, batch_size=1, progress=False)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DataWarning)
                call()
        except EXPECTED as error:
            assert len(str(error)) > 20                 # a sentence, not a bare code
        except Exception as error:                      # noqa: BLE001 - that is the point
            pytest.fail(f"{type(error).__name__} from {X!r:.60}: {error}")
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights))


@FAST
@given(networks())
def test_save_and_load_round_trip_any_accepted_network(tmp_path_factory, spec):
    net = _build(spec)
    if net is None:
        return
    path = net.save(tmp_path_factory.mktemp("nets") / "net.npz")
    back = Network.load(path)
    assert repr(back) == repr(net)
    assert all(np.array_equal(a, b) and a.dtype == b.dtype
               for a, b in zip(net.weights + net.biases, back.weights + back.biases))


anything = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=True),
                     st.text(max_size=3), st.just([0, 1, 2]), st.just(np.arange(6).reshape(2, 3)),
                     st.just(np.array([0.5, 1.0])), st.just(np.array([], dtype=int)),
                     st.just(np.array([[np.nan, 1.0], [2.0, 3.0]])))


@FAST
@given(anything, anything, anything)
def test_data_helpers_refuse_bad_arguments_clearly(a, b, c):
    """one_hot, train_val_split, standardize and the toy sets: a result or a clear error."""
    from nn_helpers.data import (
        make_circles,
        make_moons,
        make_spirals,
        make_xor,
        one_hot,
        standardize,
        train_val_split,
    )

    calls = [lambda: one_hot(a, b), lambda: train_val_split(a, b, val_fraction=c),
             lambda: standardize(a, b), lambda: make_moons(n=a, noise=b, seed=0),
             lambda: make_circles(n=a, noise=b), lambda: make_spirals(n=a, noise=b),
             lambda: make_xor(n=a, noise=b)]
    for call in calls:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                call()
        except EXPECTED as error:
            assert len(str(error)) > 20
        except Exception as error:                      # noqa: BLE001 - that is the point
            pytest.fail(f"{type(error).__name__}: {error}")

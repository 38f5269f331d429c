"""The per-example ("textbook") SGD step equals the vectorized core's step."""

import numpy as np
import pytest

from nn_helpers import SGD, Network, train
from nn_helpers.reference import backprop_one_example, sgd_step_per_example, train_per_example


def _data(n=23, d=6, k=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, d)), rng.random((n, k))


def _max_difference(a, b):
    return max(float(np.abs(x - y).max())
               for x, y in zip(a.weights + a.biases, b.weights + b.biases))


@pytest.mark.parametrize("batch", [1, 5, 23])
def test_one_step_equals_vectorized_step(batch):
    X, Y = _data()
    vectorized = Network([6, 5, 4, 3], seed=1)
    looped = vectorized.copy()
    SGD(vectorized, lr=3.0).step(vectorized, vectorized.gradients(X[:batch], Y[:batch]))
    sgd_step_per_example(looped.weights, looped.biases, X[:batch], Y[:batch], 3.0)
    assert _max_difference(vectorized, looped) < 1e-12
    # and the step did something: both moved away from the start
    assert _max_difference(vectorized, Network([6, 5, 4, 3], seed=1)) > 1e-3


def test_per_example_gradient_is_the_batch_gradient_of_one_row():
    X, Y = _data()
    net = Network([6, 4, 3], seed=2)
    nabla_w, nabla_b = backprop_one_example(net.weights, net.biases, X[3], Y[3])
    for (dW, db), gw, gb in zip(net.gradients(X[3:4], Y[3:4]), nabla_w, nabla_b):
        np.testing.assert_allclose(gw, dW, atol=1e-14)
        np.testing.assert_allclose(gb, db, atol=1e-14)


@pytest.mark.parametrize("batch_size", [4, 10])  # 23 = 5*4 + 3 and 2*10 + 3: a smaller last batch
def test_training_runs_give_the_same_weights(batch_size):
    X, Y = _data()
    vectorized = Network([6, 5, 3], seed=3)
    looped = vectorized.copy()
    train(vectorized, X, Y, epochs=3, batch_size=batch_size, lr=3.0, seed=11, progress=False)
    returned = train_per_example(looped, X, Y, epochs=3, batch_size=batch_size, lr=3.0, seed=11)
    assert returned is looped
    assert _max_difference(vectorized, looped) < 1e-12


def test_a_different_shuffle_gives_different_weights():
    """Guards the test above: it would pass vacuously if the order did not matter."""
    X, Y = _data()
    a, b = Network([6, 5, 3], seed=3), Network([6, 5, 3], seed=3)
    train(a, X, Y, epochs=2, batch_size=4, lr=3.0, seed=11, progress=False)
    train_per_example(b, X, Y, epochs=2, batch_size=4, lr=3.0, seed=12)
    assert _max_difference(a, b) > 1e-6


def test_step_updates_the_callers_arrays_in_place():
    X, Y = _data()
    net = Network([6, 3], seed=4)
    W, b = net.weights[0], net.biases[0]
    before = W.copy()
    sgd_step_per_example(net.weights, net.biases, X, Y, 0.5)
    assert net.weights[0] is W and net.biases[0] is b
    assert not np.allclose(W, before)


def test_float32_stays_float32_and_close():
    X, Y = _data()
    a = Network([6, 5, 3], seed=5, dtype="float32")
    b = a.copy()
    train(a, X, Y, epochs=1, batch_size=4, lr=3.0, seed=0, progress=False)
    train_per_example(b, X, Y, epochs=1, batch_size=4, lr=3.0, seed=0)
    assert all(W.dtype == np.float32 for W in b.weights + b.biases)
    assert _max_difference(a, b) < 1e-5


@pytest.mark.parametrize("kwargs", [dict(hidden="relu"), dict(loss="cross_entropy"),
                                    dict(output="softmax", loss="cross_entropy")])
def test_rejects_networks_other_than_the_textbooks(kwargs):
    net = Network([6, 5, 3], **kwargs)
    X, Y = _data()
    with pytest.raises(ValueError, match="textbook network"):
        train_per_example(net, X, Y / Y.sum(axis=1, keepdims=True))


def test_bad_batch_shapes_are_reported():
    net = Network([6, 3])
    X, Y = _data()
    with pytest.raises(ValueError, match="same number of rows"):
        sgd_step_per_example(net.weights, net.biases, X, Y[:-1], 1.0)
    with pytest.raises(ValueError, match="batch_size"):
        train_per_example(net, X, Y, batch_size=0)

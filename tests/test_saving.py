"""Save and load: a bit-exact round trip, training that resumes, and clear errors."""

import zipfile

import numpy as np
import pytest

from nn_helpers import Adam, Layer, Network, train
from nn_helpers.data import make_moons
from nn_helpers.saving import _umask, load_optimizer


def _trained(tmp_path, optimizer=None):
    X, y = make_moons(n=80, seed=0)
    net = Network([2, Layer(6, "relu", dropout=0.2), Layer(5, "tanh"), 1], output="sigmoid",
                  loss="cross_entropy", init="auto", seed=3, dtype="float32")
    train(net, X, y, epochs=3, batch_size=8, optimizer=optimizer or Adam(lr=0.01),
          progress=False)
    return net, X, y


def test_a_round_trip_is_bit_exact(tmp_path):
    net, X, _ = _trained(tmp_path)
    path = net.save(tmp_path / "net.npz")
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()   # an ordinary file, not private
    back = Network.load(path)
    assert repr(back) == repr(net) and back.dtype == np.float32
    for a, b in zip(net.weights + net.biases, back.weights + back.biases):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    np.testing.assert_array_equal(back.predict(X), net.predict(X))


def test_training_resumes_where_it_stopped(tmp_path):
    """3 epochs, save, load, 3 more = 6 epochs in one go (same optimizer state)."""
    X, y = make_moons(n=80, seed=0)

    def fresh():
        return Network([2, 6, 1], hidden="tanh", output="sigmoid", loss="cross_entropy",
                       init="xavier", seed=1)

    straight, adam = fresh(), Adam(lr=0.01)
    train(straight, X, y, epochs=3, batch_size=80, optimizer=adam, progress=False)
    train(straight, X, y, epochs=3, batch_size=80, optimizer=adam, progress=False)
    first, adam1 = fresh(), Adam(lr=0.01)
    train(first, X, y, epochs=3, batch_size=80, optimizer=adam1, progress=False)
    path = first.save(tmp_path / "half.npz", optimizer=adam1)
    resumed = Network.load(path)
    adam2 = load_optimizer(path, resumed)
    assert adam2.steps == 3 and adam2.betas == adam1.betas
    train(resumed, X, y, epochs=3, batch_size=80, optimizer=adam2, progress=False)
    for a, b in zip(straight.weights, resumed.weights):
        np.testing.assert_array_equal(a, b)


def test_bad_files_get_clear_errors(tmp_path):
    net, _, _ = _trained(tmp_path)
    good = net.save(tmp_path / "good.npz")
    data = good.read_bytes()
    (tmp_path / "cut.npz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="not a complete .npz file"):
        Network.load(tmp_path / "cut.npz")
    np.savez(tmp_path / "foreign.npz", weights=np.ones(3))
    with pytest.raises(ValueError, match="not written by Network.save"):
        Network.load(tmp_path / "foreign.npz")
    np.savez(tmp_path / "pickled.npz", architecture=np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="pickled Python objects"):
        Network.load(tmp_path / "pickled.npz")
    with np.load(good) as archive:
        arrays = {name: archive[name] for name in archive.files}
    arrays["W1"] = arrays["W1"][:, :2]
    np.savez(tmp_path / "mismatch.npz", **arrays)
    with pytest.raises(ValueError, match="W1 has shape"):
        Network.load(tmp_path / "mismatch.npz")
    arrays = dict(arrays, architecture=np.array(str(arrays["architecture"]).replace(
        '"version": 1', '"version": 9')))
    np.savez(tmp_path / "newer.npz", **arrays)
    with pytest.raises(ValueError, match="newer nn_helpers"):
        Network.load(tmp_path / "newer.npz")
    with pytest.raises(ValueError, match="holds no optimizer"):
        load_optimizer(good, net)
    with pytest.raises(FileNotFoundError, match="no file at"):
        Network.load(tmp_path / "missing.npz")
    with pytest.raises(ValueError, match=r"must end in .npz.*net.npz"):
        net.save(tmp_path / "net.model")
    assert zipfile.is_zipfile(good)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["good.npz", "cut.npz", "foreign.npz", "pickled.npz", "mismatch.npz", "newer.npz"])

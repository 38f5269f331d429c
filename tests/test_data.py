"""Tests for nn_helpers.data. They never touch the network: data files come from the
``data_dir`` fixture (the root conftest.py: the NN_HELPERS_DATA folder, or the download cache),
and pooch.retrieve is replaced by stand-ins wherever a download could happen."""

import ast
import gzip
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pooch
import pytest

from nn_helpers import data as D
from nn_helpers.data import files as data_files
from nn_helpers.data import (
    load_mnist,
    load_wine_quality,
    make_circles,
    make_moons,
    make_spirals,
    make_xor,
    one_hot,
    read_idx,
    standardize,
    train_val_split,
)

MNIST_FILES = [
    "train-images-idx3-ubyte.gz",
    "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
]
# Label counts for digits 0..9 (the publisher's counts).
TRAIN_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
TEST_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
WINE_COLUMNS = [
    "fixed acidity", "volatile acidity", "citric acid", "residual sugar", "chlorides",
    "free sulfur dioxide", "total sulfur dioxide", "density", "pH", "sulphates", "alcohol",
    "quality",
]  # fmt: skip


# --------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------


def _no_download(*args, **kwargs):
    pytest.fail(f"pooch.retrieve was called although NN_HELPERS_DATA is set: {args} {kwargs}")


@pytest.fixture
def shared_data(monkeypatch, data_dir):
    """NN_HELPERS_DATA points at the data folder, and any download attempt fails the test."""
    monkeypatch.setenv("NN_HELPERS_DATA", str(data_dir))
    monkeypatch.setattr(pooch, "retrieve", _no_download)
    return data_dir


@pytest.fixture(scope="session")
def mnist(data_dir):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NN_HELPERS_DATA", str(data_dir))
        mp.setattr(pooch, "retrieve", _no_download)
        return load_mnist()


@pytest.fixture
def offline_cache(monkeypatch, tmp_path):
    """No NN_HELPERS_DATA and an empty download cache in tmp_path: the download path."""
    monkeypatch.delenv("NN_HELPERS_DATA", raising=False)
    cache = tmp_path / "cache"
    # patched where it is defined and called: nn_helpers.data only re-exports public names
    monkeypatch.setattr(data_files, "_cache_dir", lambda: cache)
    return cache


def _copy_layout(src: Path, dst: Path, names) -> Path:
    """Copy data files into dst laid out as mnist/<file> and wine/<file>."""
    for name in names:
        sub = D.FILES[name][1]
        (dst / sub).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / sub / name, dst / sub / name)
    return dst


# --------------------------------------------------------------------------------------
# MNIST
# --------------------------------------------------------------------------------------


def test_mnist_shapes_dtypes_and_range(mnist):
    X_train, y_train, X_test, y_test = mnist
    assert X_train.shape == (60000, 784) and X_test.shape == (10000, 784)
    assert y_train.shape == (60000,) and y_test.shape == (10000,)
    assert X_train.dtype == np.float32 and X_test.dtype == np.float32
    assert y_train.dtype == np.int64 and y_test.dtype == np.int64
    for X in (X_train, X_test):
        assert X.min() == 0.0 and X.max() == 1.0


def test_mnist_label_counts_match_the_readme(mnist):
    _, y_train, _, y_test = mnist
    assert np.bincount(y_train, minlength=10).tolist() == TRAIN_COUNTS
    assert np.bincount(y_test, minlength=10).tolist() == TEST_COUNTS


def test_mnist_pixels_are_bytes_over_255(mnist):
    X_train = mnist[0]
    assert np.allclose(X_train * 255, np.round(X_train * 255), atol=1e-4)
    # the first training image is a 5, with ink roughly in the middle of the 28 x 28 frame
    assert mnist[1][0] == 5
    image = X_train[0].reshape(28, 28)
    assert image[:4].sum() == 0 and image[10:18, 10:18].sum() > 10


def test_mnist_float64_and_bad_dtype(shared_data, mnist):
    X_train, _, X_test, _ = load_mnist(dtype="float64")
    assert X_train.dtype == np.float64 and X_test.dtype == np.float64
    np.testing.assert_allclose(X_train[:100], mnist[0][:100], atol=1e-7)
    with pytest.raises(ValueError, match="dtype must be a floating-point type.*int32"):
        load_mnist(dtype="int32")


def test_mnist_in_memory_cache_cannot_be_corrupted(shared_data, mnist):
    first = load_mnist()
    hits = D._read_idx_cached.cache_info().hits
    for array in first:
        array[:] = 7  # the caller owns its arrays and may change them ...
    second = load_mnist()
    assert D._read_idx_cached.cache_info().hits >= hits + 4  # parsed once, reused
    for fresh, original in zip(second, mnist, strict=True):  # ... without touching the cache
        np.testing.assert_array_equal(fresh, original)


def test_read_idx_header(shared_data):
    labels = read_idx(shared_data / "mnist" / "t10k-labels-idx1-ubyte.gz", 0x801)
    assert labels.shape == (10000,) and labels.dtype == np.uint8
    assert not labels.flags.writeable


def test_read_idx_rejects_files_that_are_not_idx(tmp_path):
    not_gzip = tmp_path / "a.gz"
    not_gzip.write_bytes(b"hello")
    with pytest.raises(ValueError, match="not a gzip-compressed IDX file"):
        read_idx(not_gzip)

    not_idx = tmp_path / "b.gz"
    not_idx.write_bytes(gzip.compress(b"fixed acidity;quality\n7.4;5\n"))
    with pytest.raises(ValueError, match="not an IDX file.*0x00000803"):
        read_idx(not_idx)

    short = tmp_path / "c.gz"  # header promises 3 labels, the file holds 2
    short.write_bytes(gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 3, 4, 2])))
    with pytest.raises(ValueError, match=r"promises shape \(3,\).*holds 2"):
        read_idx(short)

    labels = tmp_path / "d.gz"
    labels.write_bytes(gzip.compress(bytes([0, 0, 8, 1, 0, 0, 0, 2, 4, 2])))
    assert read_idx(labels).tolist() == [4, 2]
    with pytest.raises(ValueError, match="expected 0x00000803"):
        read_idx(labels, expected_magic=0x803)


# --------------------------------------------------------------------------------------
# Wine Quality
# --------------------------------------------------------------------------------------


def test_wine_red(shared_data):
    df = load_wine_quality()
    assert isinstance(df, pd.DataFrame)
    assert df.shape == (1599, 12)
    assert list(df.columns) == WINE_COLUMNS
    assert df["quality"].min() == 3 and df["quality"].max() == 8
    assert not df.isna().any().any()


def test_wine_white(shared_data):
    df = load_wine_quality("white")
    assert df.shape == (4898, 12)
    assert list(df.columns) == WINE_COLUMNS
    assert df["quality"].between(3, 9).all()


def test_wine_unknown_color_lists_valid_ones(shared_data):
    with pytest.raises(ValueError, match=r"color must be one of \['red', 'white'\], got 'rose'"):
        load_wine_quality("rose")


# --------------------------------------------------------------------------------------
# Finding files: NN_HELPERS_DATA, hashes, downloads
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["t10k-labels-idx1-ubyte.gz", "winequality-red.csv"])
def test_a_file_with_one_byte_changed_is_not_used(monkeypatch, data_dir, tmp_path, name):
    root = _copy_layout(data_dir, tmp_path / "data", MNIST_FILES + ["winequality-red.csv"])
    bad = root / D.FILES[name][1] / name
    content = bytearray(bad.read_bytes())
    content[len(content) // 2] ^= 0xFF
    bad.write_bytes(bytes(content))
    monkeypatch.setenv("NN_HELPERS_DATA", str(root))
    monkeypatch.setattr(pooch, "retrieve", _no_download)

    load = load_mnist if name in MNIST_FILES else load_wine_quality
    with pytest.raises(ValueError) as info:
        load()
    message = str(info.value)
    assert str(bad) in message
    assert "NOT used" in message
    assert D.FILES[name][0] in message  # the expected hash
    assert D._sha256(bad) in message  # the actual hash
    assert "Delete it" in message


def test_a_missing_file_names_the_file_and_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("NN_HELPERS_DATA", str(tmp_path))
    monkeypatch.setattr(pooch, "retrieve", _no_download)  # and nothing is downloaded instead
    with pytest.raises(FileNotFoundError) as info:
        load_wine_quality("white")
    message = str(info.value)
    assert "winequality-white.csv" in message
    assert str(tmp_path / "wine") in message
    assert "NN_HELPERS_DATA" in message and "To fix" in message

    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte.gz"):
        load_mnist()


def test_nothing_is_downloaded_when_the_folder_is_set(shared_data):
    load_wine_quality("red")  # shared_data makes any pooch.retrieve call fail the test
    for name in D.FILES:
        assert D.data_path(name) == shared_data / D.FILES[name][1] / name


def test_unknown_file_name():
    with pytest.raises(ValueError, match="name must be one of"):
        D.data_path("cifar10.tar.gz")


def test_every_mirror_failing_gives_a_clear_error(monkeypatch, offline_cache):
    tried = []

    def unreachable(url, known_hash=None, fname=None, path=None, **kwargs):
        tried.append((url, known_hash, fname, Path(path)))
        raise ConnectionError(f"no route to host for {url}")

    monkeypatch.setattr(pooch, "retrieve", unreachable)
    with pytest.raises(FileNotFoundError) as info:
        load_mnist()

    name = "train-images-idx3-ubyte.gz"
    sha256, _, urls = D.FILES[name]
    assert [url for url, *_ in tried] == urls  # every mirror, in order
    assert urls[0].startswith("https://ossci-datasets.s3.amazonaws.com/")
    assert urls[1].startswith("https://storage.googleapis.com/cvdf-datasets/")
    assert urls[2].startswith("http://yann.lecun.com/")
    assert all(h == f"sha256:{sha256}" and f == name and p == offline_cache for _, h, f, p in tried)
    message = str(info.value)
    assert name in message
    for url in urls:
        assert url in message
    assert str(offline_cache) in message  # where it looked
    assert "NN_HELPERS_DATA" in message and "connect to the internet" in message
    assert "mnist/<file>" in message and "wine/<file>" in message


def test_download_path_fetches_then_reuses_the_cache(monkeypatch, data_dir, offline_cache):
    """A stand-in for pooch.retrieve 'downloads' by copying from the data folder."""
    calls = []

    def fake_retrieve(url, known_hash=None, fname=None, path=None, **kwargs):
        calls.append(url)
        if "s3.amazonaws" in url:
            raise ConnectionError("first mirror down")  # so the second mirror is used
        Path(path).mkdir(parents=True, exist_ok=True)
        target = Path(path) / fname
        shutil.copyfile(data_dir / D.FILES[fname][1] / fname, target)
        return str(target)

    monkeypatch.setattr(pooch, "retrieve", fake_retrieve)
    df = load_wine_quality("red")
    assert df.shape == (1599, 12) and calls == [D.FILES["winequality-red.csv"][2][0]]
    assert (offline_cache / "winequality-red.csv").is_file()

    y_test = D._read_idx_cached(
        str(D.data_path("t10k-labels-idx1-ubyte.gz")),
        D.FILES["t10k-labels-idx1-ubyte.gz"][0],
        0x801,
    )
    assert np.bincount(y_test).tolist() == TEST_COUNTS
    assert "cvdf-datasets" in calls[-1]

    monkeypatch.setattr(pooch, "retrieve", _no_download)  # a second call uses the cache only
    assert load_wine_quality("red").equals(df)


def test_a_damaged_cached_copy_is_not_used(monkeypatch, offline_cache):
    offline_cache.mkdir(parents=True)
    (offline_cache / "winequality-red.csv").write_text("not the real file\n")

    def unreachable(url, **kwargs):
        raise ConnectionError("offline")

    monkeypatch.setattr(pooch, "retrieve", unreachable)
    with pytest.raises(FileNotFoundError) as info:
        load_wine_quality("red")
    message = str(info.value)
    assert "cached copy was rejected" in message and "NOT used" in message
    assert D.FILES["winequality-red.csv"][2][0] in message


def test_require_data_lists_every_missing_file_once_and_downloads_only_once(
        monkeypatch, offline_cache):
    tried = []

    def unreachable(url, **kwargs):
        tried.append(url)
        raise ConnectionError("offline")

    monkeypatch.setattr(pooch, "retrieve", unreachable)
    with pytest.raises(D.DataUnavailableError) as info:
        D.require_data()
    message = str(info.value)
    assert set(info.value.files) == set(D.FILES)
    assert message.startswith(f"{len(D.FILES)} of the {len(D.FILES)} data files needed")
    for name, (_, folder, _) in D.FILES.items():
        assert message.count(f"{folder}/{name}:") == 1
    # one file's mirrors were tried; after that failure the others were looked for in the cache
    assert tried == D.FILES[next(iter(D.FILES))][2]
    assert "all 3 mirrors failed (ConnectionError)" in message
    assert str(offline_cache) in message and "To fix:" in message


def test_require_data_names_a_damaged_file_and_checks_only_what_was_asked(
        monkeypatch, data_dir, tmp_path):
    root = _copy_layout(data_dir, tmp_path / "data", ["winequality-red.csv"])
    (root / "wine" / "winequality-red.csv").write_text("not the real file\n")
    monkeypatch.setenv("NN_HELPERS_DATA", str(root))
    monkeypatch.setattr(pooch, "retrieve", _no_download)
    with pytest.raises(D.DataUnavailableError) as info:
        D.require_data("wine")
    message = str(info.value)
    assert info.value.files == ("winequality-red.csv", "winequality-white.csv")
    assert "wine/winequality-red.csv: wrong SHA-256" in message
    assert "wine/winequality-white.csv: not found" in message and "mnist/t" not in message
    assert str(root) in message
    with pytest.raises(ValueError, match=r"datasets must be among \['mnist', 'wine'\]"):
        D.require_data("cifar")


def test_require_data_passes_silently_when_everything_is_there(shared_data):
    assert D.require_data() is None


def test_pandas_and_pooch_are_imported_lazily():
    """`import nn_helpers` must stay light: no module of nn_helpers.data imports pandas or
    pooch at module level."""
    modules = sorted(Path(D.__file__).parent.glob("*.py"))
    assert {"__init__.py", "files.py", "mnist.py", "wine.py"} <= {m.name for m in modules}
    for module in modules:
        top_level = set()
        for node in ast.parse(module.read_text()).body:
            if isinstance(node, ast.Import):
                top_level |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                top_level.add(node.module.split(".")[0])
        assert not top_level & {"pandas", "pooch"}, module.name


def test_the_cache_folder_is_patched_where_the_loaders_look():
    """_cache_dir lives in nn_helpers.data.files; patching a copy in nn_helpers.data would not
    move the cache, so that copy must not exist (the patch then fails loudly)."""
    assert not hasattr(D, "_cache_dir")
    with pytest.MonkeyPatch.context() as mp, pytest.raises(AttributeError):
        mp.setattr(D, "_cache_dir", lambda: Path("/nowhere"))


# --------------------------------------------------------------------------------------
# one_hot
# --------------------------------------------------------------------------------------


def test_one_hot_round_trip():
    labels = np.array([3, 0, 9, 1, 1])
    Y = one_hot(labels, 10)
    assert Y.shape == (5, 10) and Y.dtype == np.float64
    assert (Y.sum(axis=1) == 1).all()
    np.testing.assert_array_equal(Y.argmax(axis=1), labels)
    assert one_hot([0, 2]).shape == (2, 3)  # k defaults to max + 1
    assert one_hot([1, 0], dtype="float32").dtype == np.float32
    np.testing.assert_array_equal(one_hot(np.array([True, False])), [[0, 1], [1, 0]])
    np.testing.assert_array_equal(one_hot(np.array([2.0, 0.0]), 3), [[0, 0, 1], [1, 0, 0]])


def test_one_hot_rejects_one_hot_rows():
    Y = one_hot([1, 0, 2])
    with pytest.raises(
        ValueError, match=r"labels must be 1-D.*\(3, 3\).*one-hot rows already"
    ) as e:
        one_hot(Y)
    assert "Y.argmax(axis=1)" in str(e.value)


def test_one_hot_rejects_other_shapes():
    with pytest.raises(ValueError, match=r"labels must be 1-D.*\(4, 1\).*ravel"):
        one_hot(np.zeros((4, 1), dtype=int))
    with pytest.raises(ValueError, match=r"labels must be 1-D.*shape \(\)"):
        one_hot(3)


def test_one_hot_rejects_non_integers():
    with pytest.raises(ValueError, match=r"labels must be whole numbers.*0.5.*index 1"):
        one_hot([1.0, 0.5])
    with pytest.raises(ValueError, match="labels must be whole numbers.*nan"):
        one_hot([1.0, np.nan])
    with pytest.raises(TypeError, match="labels must be integers.*got dtype <U"):
        one_hot(["cat", "dog"])


def test_one_hot_rejects_labels_out_of_range():
    with pytest.raises(
        ValueError, match=r"labels\[2\] = -1 is out of range.*valid labels are 0..9"
    ):
        one_hot([3, 4, -1], 10)
    with pytest.raises(ValueError, match=r"labels\[1\] = 10 .*num_classes=10.*0..9"):
        one_hot([3, 10], 10)


def test_one_hot_rejects_empty_and_bad_num_classes():
    with pytest.raises(ValueError, match="labels is empty"):
        one_hot([])
    with pytest.raises(TypeError, match="num_classes must be an int, got 2.5"):
        one_hot([0, 1], 2.5)
    with pytest.raises(ValueError, match="num_classes must be at least 1, got 0"):
        one_hot([0, 1], 0)


# --------------------------------------------------------------------------------------
# train_val_split
# --------------------------------------------------------------------------------------


def test_train_val_split_is_disjoint_paired_and_deterministic():
    X = np.arange(200).reshape(100, 2)  # row i is [2i, 2i+1], so rows identify themselves
    y = np.arange(100)
    X_train, X_val, y_train, y_val = train_val_split(X, y, val_fraction=0.2, seed=3)
    assert X_train.shape == (80, 2) and X_val.shape == (20, 2)
    assert y_train.shape == (80,) and y_val.shape == (20,)
    assert sorted(np.concatenate([y_train, y_val]).tolist()) == list(range(100))
    np.testing.assert_array_equal(X_train[:, 0], 2 * y_train)  # rows stay with their labels
    np.testing.assert_array_equal(X_val[:, 0], 2 * y_val)

    again = train_val_split(X, y, val_fraction=0.2, seed=3)
    for a, b in zip(again, (X_train, X_val, y_train, y_val), strict=True):
        np.testing.assert_array_equal(a, b)
    other = train_val_split(X, y, val_fraction=0.2, seed=4)
    assert not np.array_equal(other[3], y_val)
    assert not np.array_equal(y_train, np.sort(y_train))  # shuffled, not a plain slice


def test_train_val_split_keeps_pandas_and_one_hot():
    df = pd.DataFrame({"a": np.arange(10.0), "quality": np.arange(10) % 3})
    X_train, X_val, _, y_val = train_val_split(df[["a"]], df["quality"], val_fraction=0.3)
    assert isinstance(X_train, pd.DataFrame) and isinstance(y_val, pd.Series)
    assert len(X_val) == 3 and list(X_val.index) == list(y_val.index)
    _, _, Y_train, Y_val = train_val_split(np.zeros((10, 4)), one_hot(np.arange(10) % 3))
    assert Y_train.shape == (9, 3) and Y_val.shape == (1, 3)


def test_train_val_split_errors():
    X, y = np.zeros((10, 2)), np.zeros(10)
    for bad in (0, 1, 1.5, -0.1):
        with pytest.raises(
            ValueError, match=f"val_fraction must be strictly between 0 and 1, got {bad}"
        ):
            train_val_split(X, y, val_fraction=bad)
    with pytest.raises(TypeError, match="val_fraction must be a number"):
        train_val_split(X, y, val_fraction="0.1")
    with pytest.raises(ValueError, match="same number of rows, got 10 and 9"):
        train_val_split(X, y[:9])
    with pytest.raises(ValueError, match="leaves 0 for validation"):
        train_val_split(X, y, val_fraction=0.01)


# --------------------------------------------------------------------------------------
# standardize
# --------------------------------------------------------------------------------------


def _train_and_test():
    """Columns on very different scales, and a test set drawn from other distributions, so
    statistics from the wrong set, or one mean for the whole table, give other numbers."""
    rng = np.random.default_rng(5)
    X_train = rng.normal([10.0, -300.0, 0.5], [4.0, 20.0, 0.01], size=(50, 3))
    X_test = rng.normal([12.0, -250.0, 0.0], [3.0, 40.0, 0.1], size=(7, 3))
    return X_train, X_test


def test_standardize_uses_the_training_statistics_per_column():
    X_train, X_test = _train_and_test()
    train_copy, test_copy = X_train.copy(), X_test.copy()
    S_train, S_test = standardize(X_train, X_test)
    np.testing.assert_allclose(S_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(S_train.std(axis=0), 1)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    np.testing.assert_allclose(S_test, (X_test - mu) / sigma)
    # the test set's own statistics play no part: another test set leaves X_train's scaling
    assert np.array_equal(standardize(X_train, X_test * 3 + 1)[0], S_train)
    np.testing.assert_array_equal(X_train, train_copy)  # the inputs are not changed in place
    np.testing.assert_array_equal(X_test, test_copy)


def test_standardize_gives_the_numbers_of_the_helpers_it_replaces():
    """Bit for bit: descent.standardize (one feature), the references of the notebook 06
    and 09 checks, and notebook 06's split_and_scale."""
    X_train, X_test = _train_and_test()
    v = X_train[:, 1]
    assert isinstance(standardize(v), np.ndarray)
    np.testing.assert_array_equal(standardize(v), (v - v.mean()) / v.std())
    np.testing.assert_array_equal(standardize(list(range(7))), (np.arange(7) - 3) / 2)
    mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
    np.testing.assert_array_equal(standardize(X_train, X_test)[1], (X_test - mu) / sigma)
    np.testing.assert_array_equal(standardize(X_train, X_test, eps=1e-8)[1],
                                  (X_test - mu) / (sigma + 1e-8))
    X_val = X_test[:3] + 1
    got = standardize(X_train, X_val, X_test)
    assert isinstance(got, tuple) and len(got) == 3
    for scaled, X in zip(got, (X_train, X_val, X_test), strict=True):
        np.testing.assert_array_equal(scaled, (X - mu) / sigma)
    np.testing.assert_array_equal(standardize(X_train, X_test[0])[1], (X_test[0] - mu) / sigma)


def test_standardize_refuses_a_constant_feature_unless_eps_is_given():
    X_train, X_test = _train_and_test()
    X_train[:, 2] = 0.5
    with pytest.raises(ValueError, match=r"X_train column\(s\) \[2\] have standard deviation 0"
                                         r".*cannot be standardised.*Drop them.*eps=1e-8"):
        standardize(X_train, X_test)
    S_train, S_test = standardize(X_train, X_test, eps=1e-8)
    assert np.all(S_train[:, 2] == 0) and np.isfinite(S_test).all()
    with pytest.raises(ValueError, match=r"X_train's values are all equal.*cannot be standardised"):
        standardize(np.ones(5))


def test_standardize_argument_errors():
    X_train, X_test = _train_and_test()
    with pytest.raises(ValueError, match=r"others\[1\] \(argument 3\) has shape \(7, 2\), but "
                                         r"X_train has shape \(50, 3\).*shape \(n, 3\)"):
        standardize(X_train, X_test, X_test[:, :2])
    with pytest.raises(ValueError, match=r"others\[0\].*X_train has shape \(50,\).*\(n,\)"):
        standardize(X_train[:, 0], X_test)
    with pytest.raises(ValueError, match=r"X_train must hold at least one example.*\(0, 3\)"):
        standardize(np.zeros((0, 3)))
    with pytest.raises(ValueError, match=r"X_train must hold.*shape \(\)"):
        standardize(3.0)
    with pytest.raises(ValueError, match="eps must be finite and >= 0.*-1e-08"):
        standardize(X_train, eps=-1e-8)
    with pytest.raises(TypeError, match="eps must be a number.*'1e-8'"):
        standardize(X_train, eps="1e-8")


# --------------------------------------------------------------------------------------
# Toy 2-D data sets
# --------------------------------------------------------------------------------------

TOYS = [make_xor, make_spirals, make_moons, make_circles]


def test_xor_truth_table():
    X, y = make_xor()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    assert X.dtype == np.float64 and y.dtype == np.int64


def test_noisy_xor_clouds_keep_their_labels():
    X, y = make_xor(n=400, noise=0.1, seed=1)
    nearest_corner = (X > 0.5).astype(int)
    agree = (nearest_corner[:, 0] ^ nearest_corner[:, 1]) == y
    assert agree.mean() > 0.95
    assert not np.array_equal(X, make_xor(n=400, noise=0.0)[0])


@pytest.mark.parametrize("make", TOYS)
@pytest.mark.parametrize("n", [2, 7, 200])
def test_toy_shapes_dtypes_and_balance(make, n):
    X, y = make(n=n, noise=0.1, seed=0)
    assert X.shape == (n, 2) and X.dtype == np.float64
    assert y.shape == (n,) and y.dtype == np.int64
    counts = np.bincount(y, minlength=2)
    assert set(np.unique(y)) == {0, 1} and abs(counts[0] - counts[1]) <= 1
    assert np.isfinite(X).all()


@pytest.mark.parametrize("make", TOYS)
def test_toy_seed_determines_the_data(make):
    X1, y1 = make(n=100, noise=0.1, seed=5)
    X2, y2 = make(n=100, noise=0.1, seed=5)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, _ = make(n=100, noise=0.1, seed=6)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("make", TOYS)
def test_toy_argument_errors(make):
    with pytest.raises(ValueError, match=r"n must be at least 2 \(one point per class\), got 1"):
        make(n=1)
    with pytest.raises(TypeError, match="n must be an int"):
        make(n=10.0)
    with pytest.raises(ValueError, match="noise must be >= 0, got -0.1"):
        make(n=10, noise=-0.1)


def test_circles_and_moons_geometry():
    X, y = make_circles(n=100, noise=0.0, factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    with pytest.raises(ValueError, match="factor"):
        make_circles(factor=1.5)

    X, y = make_moons(n=100, noise=0.0)
    np.testing.assert_allclose(np.hypot(X[y == 0, 0], X[y == 0, 1]), 1.0)
    np.testing.assert_allclose(np.hypot(X[y == 1, 0] - 1, X[y == 1, 1] - 0.5), 1.0)


def test_spirals_interleave_and_turns_matter():
    X, y = make_spirals(n=400, noise=0.0, turns=1.5)
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.min() >= 0.1 - 1e-12 and radius.max() <= 1.0 + 1e-12
    # the second arm is the first rotated by half a turn
    arm0 = X[y == 0][np.argsort(radius[y == 0])]
    arm1 = X[y == 1][np.argsort(radius[y == 1])]
    np.testing.assert_allclose(arm1, -arm0, atol=1e-12)
    assert not np.allclose(make_spirals(n=400, noise=0.0, turns=2.5)[0], X)
    with pytest.raises(ValueError, match="turns must be > 0"):
        make_spirals(turns=0)

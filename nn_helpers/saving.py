"""Save a network (and its optimizer, to resume training) in one .npz file; load it back.

# one file: the architecture as JSON text, W0 b0 W1 b1 ... as arrays, and optionally the
# optimizer's settings (JSON) and state arrays ("optimizer.<layer>.<W|b>.<name>").

A .npz file is a zip of .npy arrays. Loading never unpickles (``allow_pickle=False``), so
a file from elsewhere cannot run code; the arrays come back with the same bits and dtype.
The file records a format version: a newer one is refused with a clear message rather
than misread.

    net.save("digits.npz", optimizer=adam)         # or nn_helpers.saving.save(net, ...)
    net = Network.load("digits.npz")
    adam = load_optimizer("digits.npz", net)       # train(net, ..., optimizer=adam) resumes
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

FORMAT = "nn_helpers.network"
VERSION = 1


def save(net, path, optimizer=None) -> Path:
    """Write ``net`` (and ``optimizer``'s state, if given) to ``path``, which must end in
    .npz. The file appears complete or not at all (written to a temporary file first)."""
    path = _npz_path(path)
    arrays = {"architecture": np.array(json.dumps(_architecture(net)))}
    for i, (W, b) in enumerate(net.parameters):
        arrays[f"W{i}"], arrays[f"b{i}"] = W, b
    if optimizer is not None:
        arrays.update(_optimizer_arrays(optimizer, net))
    handle, temporary = tempfile.mkstemp(suffix=".npz", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, **arrays)
        os.chmod(temporary, 0o666 & ~_umask())   # mkstemp makes it private; save does not
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    return path


def load(path):
    """The network saved in ``path``, with exactly the saved weights, biases and dtype."""
    from .network import Layer, Network

    path, contents = _read(path)
    spec = _spec(path, contents)
    layers = [Layer(layer["units"], layer["activation"], layer["dropout"])
              for layer in spec["layers"]]
    net = Network([spec["sizes"][0], *layers], loss=spec["loss"], init=spec["init"],
                  seed=spec["seed"], dtype=spec["dtype"])
    for i, (W, b) in enumerate(net.parameters):
        net.weights[i] = _array(path, contents, f"W{i}", W)
        net.biases[i] = _array(path, contents, f"b{i}", b)
    return net


def load_optimizer(path, net):
    """The optimizer saved with the network in ``path``, its state bound to ``net`` (the
    network loaded from the same file), so that training resumes where it stopped."""
    from .optimizers import OPTIMIZERS

    path, contents = _read(path)
    if "optimizer" not in contents:
        raise ValueError(f"{path} holds no optimizer: save it with net.save(path, "
                         f"optimizer=...) to resume training later.")
    spec = json.loads(str(contents["optimizer"]))
    classes = {cls.__name__: cls for cls in OPTIMIZERS.values()}
    settings = spec["settings"]
    if "betas" in settings:
        settings["betas"] = tuple(settings["betas"])
    optimizer = classes[spec["class"]](**settings).bind(net)
    for i, layer_state in enumerate(optimizer.state):
        for part, state in zip("Wb", layer_state):
            for name, array in state.items():
                state[name][...] = _array(path, contents, f"optimizer.{i}.{part}.{name}", array)
    optimizer.steps = int(spec["steps"])
    return optimizer


# ------------------------------------------------------------------------ helpers
def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _npz_path(path):
    path = Path(path)
    if path.suffix != ".npz":
        raise ValueError(f"path must end in .npz (the file is a NumPy .npz archive); got "
                         f"{str(path)!r}. Try {str(path.with_suffix('.npz'))!r}.")
    if not path.parent.is_dir():
        raise FileNotFoundError(f"the folder {str(path.parent)!r} does not exist; create it "
                                f"first (Path(...).mkdir(parents=True)).")
    return path


def _architecture(net):
    return {"format": FORMAT, "version": VERSION, "sizes": net.sizes,
            "layers": [{"units": layer.units, "activation": a.name, "dropout": layer.dropout}
                       for layer, a in zip(net.layers, net.activations)],
            "loss": net.loss.name, "init": net.init, "seed": net.seed,
            "dtype": net.dtype.name}


def _optimizer_arrays(optimizer, net):
    optimizer.bind(net)      # refuses an optimizer that holds another network's state
    arrays = {"optimizer": np.array(json.dumps({
        "class": type(optimizer).__name__, "settings": optimizer.settings(),
        "steps": optimizer.steps}))}
    for i, layer_state in enumerate(optimizer.state):
        for part, state in zip("Wb", layer_state):
            for name, array in state.items():
                arrays[f"optimizer.{i}.{part}.{name}"] = array
    return arrays


def _read(path):
    """Every array of the .npz file, read without unpickling; clear errors otherwise."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no file at {str(path)!r}; save one with net.save(path).")
    try:
        with np.load(path, allow_pickle=False) as archive:
            return path, {name: archive[name] for name in archive.files}
    except ValueError as error:
        if "allow_pickle" in str(error):
            raise ValueError(f"{path} holds pickled Python objects; they could run code, so "
                             f"they are never loaded. It was not written by Network.save.") \
                from None
        raise ValueError(f"{path} is not a readable .npz file: {error}") from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise ValueError(f"{path} is not a complete .npz file (truncated or damaged, or "
                         f"not an .npz at all): {error}") from None


def _spec(path, contents):
    if "architecture" not in contents:
        raise ValueError(f"{path} was not written by Network.save: it has no architecture "
                         f"(its arrays are {sorted(contents)[:6]}).")
    try:
        spec = json.loads(str(contents["architecture"]))
    except json.JSONDecodeError:
        raise ValueError(f"{path}: its architecture record is damaged.") from None
    if spec.get("format") != FORMAT:
        raise ValueError(f"{path} was not written by Network.save.")
    if spec.get("version", 0) > VERSION:
        raise ValueError(f"{path} was written by a newer nn_helpers (file format version "
                         f"{spec['version']}; this one reads up to {VERSION}). Update "
                         f"nn_helpers to load it.")
    return spec


def _array(path, contents, name, like):
    """The saved array ``name``, which must have the shape and dtype of ``like``."""
    if name not in contents:
        raise ValueError(f"{path} lacks the array {name!r}: the file is incomplete.")
    array = contents[name]
    if array.shape != like.shape or array.dtype != like.dtype:
        raise ValueError(f"{path}: {name} has shape {array.shape} and dtype {array.dtype}, "
                         f"but the architecture it records needs {like.shape} and "
                         f"{like.dtype}. The file does not match itself (edited or damaged).")
    return array

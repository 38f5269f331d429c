# n: examples, g: grid points per axis, h: hidden units of a layer, L: layers.  X: (n, 2), y: (n,)
"""A training playground for 2-D classification: the pure model, with no widgets.

``PlaygroundModel`` holds everything one experiment needs (the data split, the ``Network``,
the ``SGD`` optimizer and the history) and has no idea that widgets exist, so the tests can
train it headlessly. The widget app over it, ``Playground``, lives in
``nn_helpers.apps.playground``; ``from nn_helpers.playground import Playground`` still works.

One training step of the playground is one epoch of mini-batch SGD:

    for each batch (X_b, Y_b) of the shuffled training set:
        grads = net.gradients(X_b, Y_b)        # forward + backpropagation (BP1-BP4)
        W <- W - lr * (dW + l2 * W),  b <- b - lr * db    (nn_helpers.optimizers.SGD)

(the loop is ``nn_helpers.training.run_epoch``, the one that ``train`` runs too).

The network is ``[2, h_1, ..., h_L, 1]`` with a sigmoid output read as P(class 1) and the
binary cross-entropy cost. Inputs are standardized with the training set's mean and standard
deviation (so XOR, whose corners sit at 0 and 1, is centred like the circles); the pictures
are still drawn in the data's own coordinates.

Only NumPy is imported here; matplotlib, ipympl and ipywidgets load when ``Playground``
is imported.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from .activations import ACTIVATIONS as REGISTRY
from .activations import elementwise_names
from .data import make_circles, make_moons, make_spirals, make_xor, train_val_split
from .network import Network
from .optimizers import SGD
from .plots import decision_values, grid_around
from .training import Buffers, TrainingDiverged, run_epoch

DATASETS = {"xor": make_xor, "circles": make_circles, "moons": make_moons,
            "spirals": make_spirals}
ACTIVATIONS = tuple(elementwise_names())   # any activation a hidden layer can use
# The menus of the widget; the model accepts any positive lr and any l2 >= 0.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
L2_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1)
BATCH_SIZES = (1, 5, 10, 20, 50)


@dataclass(frozen=True)
class PlaygroundSettings:
    """Everything that defines an experiment. The same settings give the same run.

    ``repr(settings)`` is valid Python: paste it into a notebook to share a result.
    """

    dataset: str = "xor"
    noise: float = 0.1            # std of the Gaussian noise added to every point
    n_points: int = 200           # train + test
    test_fraction: float = 0.5
    hidden: tuple = (6, 6)        # units of each hidden layer
    activation: str = "tanh"      # of the hidden layers
    lr: float = 0.1
    batch_size: int = 10
    l2: float = 0.0               # weight decay on W (not on b)
    seed: int = 0                 # data noise, split, initial weights and batch order

    def __post_init__(self):
        _check_settings(self)


def _check_settings(s):
    if s.dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {sorted(DATASETS)}; got {s.dataset!r}.")
    if s.activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(ACTIVATIONS)}; got {s.activation!r}.")
    if not isinstance(s.noise, numbers.Real) or not s.noise >= 0:
        raise ValueError(f"noise must be a number >= 0; got {s.noise!r}.")
    if not 0 < s.test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1); got {s.test_fraction!r}.")
    hidden = tuple(s.hidden)
    if not hidden or any(not isinstance(h, numbers.Integral) or h < 1 for h in hidden):
        raise ValueError(f"hidden must list at least one layer of >= 1 units, e.g. (4, 4); "
                         f"got {s.hidden!r}.")
    object.__setattr__(s, "hidden", tuple(int(h) for h in hidden))
    if not isinstance(s.lr, numbers.Real) or not math.isfinite(s.lr) or s.lr <= 0:
        raise ValueError(f"lr must be a finite number > 0; got {s.lr!r}.")
    if not isinstance(s.l2, numbers.Real) or not math.isfinite(s.l2) or s.l2 < 0:
        raise ValueError(f"l2 must be a finite number >= 0; got {s.l2!r}.")
    for name in ("n_points", "batch_size"):
        value = getattr(s, name)
        if not isinstance(value, numbers.Integral) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1; got {value!r}.")
    if not isinstance(s.seed, numbers.Integral) or isinstance(s.seed, bool) or s.seed < 0:
        raise ValueError(f"seed must be a whole number >= 0; got {s.seed!r}.")


@dataclass
class PlaygroundHistory:
    """One entry per recorded epoch; entry 0 is the untrained network."""

    epoch: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)


class PlaygroundModel:
    """The state of one playground experiment, with no widgets attached.

    >>> model = PlaygroundModel(dataset="xor", seed=0)
    >>> model.step(5).epoch
    5
    """

    def __init__(self, settings: PlaygroundSettings | None = None, **overrides):
        settings = settings or PlaygroundSettings()
        self.settings = replace(settings, **overrides) if overrides else settings
        self.reset()

    # ------------------------------------------------------------------ set-up
    def reset(self, **overrides) -> PlaygroundModel:
        """New data, split and network from the settings (changed by ``overrides``)."""
        if overrides:
            self.settings = replace(self.settings, **overrides)
        s = self.settings
        make = DATASETS[s.dataset]
        # xor's default n is its 4-row truth table; every set gets the same n and noise here
        self.X, self.y = make(n=s.n_points, noise=s.noise, seed=s.seed)
        self.X_train, self.X_test, self.y_train, self.y_test = train_val_split(
            self.X, self.y, val_fraction=s.test_fraction, seed=s.seed)
        if s.batch_size > len(self.X_train):
            raise ValueError(f"batch_size={s.batch_size} is larger than the "
                             f"{len(self.X_train)} training points.")
        self.mean = self.X_train.mean(axis=0)
        self.std = self.X_train.std(axis=0) + 1e-12
        init = REGISTRY[s.activation].init   # he for ReLU, xavier for the others
        self.net = Network([2, *s.hidden, 1], hidden=s.activation, output="sigmoid",
                           loss="cross_entropy", init=init, seed=s.seed)
        self.sgd = SGD(self.net, s.lr, weight_decay=s.l2)
        self._rng = np.random.default_rng([s.seed, 1])  # batch order, independent of the data
        self.grid = grid_around(self.X, resolution=60)   # fixed per data set: stable pictures
        self.history = PlaygroundHistory()
        self.epoch = 0
        self._record()
        return self

    def set_training(self, lr=None, batch_size=None, l2=None) -> PlaygroundModel:
        """Change lr, batch size or L2 without resetting: they apply from the next step."""
        changes = {k: v for k, v in (("lr", lr), ("batch_size", batch_size), ("l2", l2))
                   if v is not None}
        self.settings = replace(self.settings, **changes)
        self.sgd.lr, self.sgd.weight_decay = float(self.settings.lr), float(self.settings.l2)
        return self

    # ---------------------------------------------------------------- training
    def step(self, n_epochs=1) -> PlaygroundModel:
        """Train for ``n_epochs`` epochs of mini-batch SGD, recording the history after each.

        Raises TrainingDiverged (and keeps the history so far) when the cost stops being
        finite, which a too-large learning rate does.
        """
        if not isinstance(n_epochs, numbers.Integral) or n_epochs < 0:
            raise ValueError(f"n_epochs must be a whole number >= 0; got {n_epochs!r}.")
        X, Y = self._inputs(self.X_train), self.y_train.reshape(-1, 1).astype(float)
        m = self.settings.batch_size
        buffers = Buffers(self.net, m)
        for _ in range(n_epochs):
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    run_epoch(self.net, X, Y, m, self.sgd, self._rng, buffers)
                diverged = None
            except TrainingDiverged as error:
                diverged = error.cost
            self.epoch += 1
            self._record()
            cost = self.history.train_loss[-1] if diverged is None else diverged
            if not math.isfinite(cost):
                raise TrainingDiverged(
                    f"The cost became {cost} in epoch {self.epoch}. The usual cause is a "
                    f"learning rate too large for this network and data (lr={self.settings.lr:g}:"
                    f" each step overshoots); try a smaller one and Reset.",
                    self.history)
        return self

    def train_until(self, accuracy=1.0, max_epochs=1000) -> int:
        """Step until the training accuracy reaches ``accuracy``; the epochs it took (or -1)."""
        while self.epoch < max_epochs:
            if self.history.train_accuracy[-1] >= accuracy:
                return self.epoch
            self.step(1)
        return self.epoch if self.history.train_accuracy[-1] >= accuracy else -1

    # ---------------------------------------------------------------- measures
    def predict(self, X):
        """P(class 1) for points (m, 2) in the data's coordinates: shape (m, 1)."""
        return self.net.predict(self._inputs(X))

    def accuracy(self, X, y) -> float:
        return float(np.mean((self.predict(X)[:, 0] >= 0.5) == (np.asarray(y) == 1)))

    def loss(self, X, y) -> float:
        with np.errstate(over="ignore", invalid="ignore"):
            return float(self.net.cost(self._inputs(X), np.asarray(y).reshape(-1, 1)))

    @property
    def train_accuracy(self) -> float:
        return self.history.train_accuracy[-1]

    @property
    def test_accuracy(self) -> float:
        return self.history.test_accuracy[-1]

    def decision_grid(self):
        """(xx, yy, P) on the data's fixed (g, g) grid; P = P(class 1), 0.5 on the boundary."""
        xx, yy = self.grid
        return xx, yy, decision_values(self.predict, xx, yy)

    def hidden_grids(self, resolution=24):
        """What every hidden unit computes over the plane: a list, one (h, r, r) array per
        hidden layer, entry [j] being unit j's output at each point of an (r, r) grid."""
        xx, yy = grid_around(self.X, resolution=resolution)
        points = np.column_stack([xx.ravel(), yy.ravel()])
        cache = self.net.forward(self._inputs(points))
        return [A.T.reshape(-1, resolution, resolution) for A in cache.A[1:-1]]

    def summary(self) -> str:
        """One line: epoch, losses and accuracies (rounded so that the line is stable)."""
        h = self.history
        return (f"epoch {self.epoch}: train loss {h.train_loss[-1]:.4f}, test loss "
                f"{h.test_loss[-1]:.4f}, train accuracy {h.train_accuracy[-1]:.2%}, "
                f"test accuracy {h.test_accuracy[-1]:.2%}")

    def share(self) -> str:
        """Python that rebuilds this experiment: ``PlaygroundModel(...)`` with every setting."""
        args = ", ".join(f"{k}={v!r}" for k, v in asdict(self.settings).items())
        return f"PlaygroundModel({args})"

    # ----------------------------------------------------------------- helpers
    def _inputs(self, X):
        return (np.asarray(X, dtype=float) - self.mean) / self.std

    def _record(self):
        h = self.history
        h.epoch.append(self.epoch)
        h.train_loss.append(self.loss(self.X_train, self.y_train))
        h.test_loss.append(self.loss(self.X_test, self.y_test))
        h.train_accuracy.append(self.accuracy(self.X_train, self.y_train))
        h.test_accuracy.append(self.accuracy(self.X_test, self.y_test))


def hidden_mosaic(grids, gap=2):
    """Tile the hidden units' pictures into one array: block row l holds layer l+1's units
    side by side, layer 1 at the top when drawn with ``imshow(..., origin="upper")``.

    ``grids`` is ``PlaygroundModel.hidden_grids()``: one (h, r, r) array per layer, row 0 of a
    tile at the lowest x2. Each tile is flipped so that x2 grows upwards on screen, divided by
    its largest |value| (so it lies in [-1, 1] whatever the activation), and tiles are
    separated by ``gap`` rows/columns of NaN (drawn blank). Shape of the result:
    (L * (r + gap) - gap, H * (r + gap) - gap) with H the widest layer.
    """
    r = grids[0].shape[-1]
    widest = max(len(g) for g in grids)
    cell = r + gap
    mosaic = np.full((len(grids) * cell - gap, widest * cell - gap), np.nan)
    for layer, units in enumerate(grids):
        for j, tile in enumerate(units):
            scale = np.max(np.abs(tile))
            mosaic[layer * cell:layer * cell + r, j * cell:j * cell + r] = (
                tile[::-1] / scale if scale > 0 else tile[::-1])
    return mosaic


def __getattr__(name):
    """``Playground`` (the widget app) is imported from ``nn_helpers.apps`` only when asked
    for, so that this module stays free of ipywidgets and matplotlib."""
    if name == "Playground":
        from .apps.playground import Playground

        return Playground
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

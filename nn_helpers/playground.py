# n: examples, d: input features, g: grid points per axis, h: units of a layer, L: layers.
# X: (n, 2) points, y: (n,) labels or targets, F: (n, d) features of the standardized points
"""A training playground for 2-D data: the pure model, with no widgets.

``PlaygroundModel`` holds everything one experiment needs (the data split, the ``Network``,
the optimizer and the history) and has no idea that widgets exist, so the tests can
train it headlessly. The widget app over it, ``Playground``, lives in
``nn_helpers.apps.playground``; ``from nn_helpers.playground import Playground`` still works.

What the network sees. The points are standardized with the training set's mean and
standard deviation (so XOR, whose corners sit at 0 and 1, is centred like the circles), then
turned into the chosen **features** (``FEATURES``: x1, x2, x1², x2², x1·x2, sin x1, sin x2 of
the standardized point). The network is ``[d, h_1, ..., h_L, 1]`` with d = the number of
features; ``hidden=()`` is a single neuron on the features. The pictures are drawn in the
data's own coordinates.

Two kinds of problem, decided by the data set:

* classification (xor, circles, moons, spirals): a sigmoid output read as P(class 1), the
  binary cross-entropy cost, and an accuracy;
* regression (plane, bumps: targets in [-1, 1]): an identity output and the mean squared
  error ``MSE = mean((a - y)^2)``.

One training step of the playground is one epoch of mini-batch SGD:

    for each batch (F_b, Y_b) of the shuffled training set:
        grads = net.gradients(F_b, Y_b)        # forward + backpropagation (BP1-BP4)
        L2:   W <- W - lr * (dW + rate * W)     (the gradient of the penalty rate/2 * sum W^2)
        L1:   W <- W - lr * dW, then W <- sign(W) * max(|W| - lr * rate, 0)
        b <- b - lr * db                        (no penalty on biases)

The L1 step is the subgradient step ``- lr * rate * sign(W)`` of the penalty
``rate * sum |W|``, except that a weight it would push across zero stops AT zero (the
"proximal" step): that is how L1 sets weights to exactly 0. The recorded losses are the data
cost only, without the penalty; ``penalty()`` gives the penalty.

Only NumPy is imported here; matplotlib, ipympl and ipywidgets load when ``Playground``
is imported.
"""

from __future__ import annotations

import ast
import math
import numbers
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Callable

import numpy as np

from .activations import ACTIVATIONS as REGISTRY
from .activations import elementwise_names
from .data import make_circles, make_moons, make_spirals, make_xor, train_val_split
from .network import Network
from .optimizers import SGD
from .plots import decision_values, grid_around
from .training import Buffers, TrainingDiverged, run_epoch


def make_plane(n=200, noise=0.0, seed=0):
    """Regression: points uniform in the square [-1, 1]^2, target y = (x1 + x2) / 2 (a tilted
    plane) plus Gaussian noise of std ``noise``, clipped to [-1, 1]."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))
    return X, _noisy_target((X[:, 0] + X[:, 1]) / 2, noise, rng)


def make_bumps(n=200, noise=0.0, seed=0):
    """Regression: points uniform in [-1, 1]^2, target = a positive Gaussian bump at
    (0.4, 0.4) minus one at (-0.4, -0.4), each exp(-r^2 / (2 * 0.35^2)), plus noise, in
    [-1, 1]."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(n, 2))

    def bump(centre):
        return np.exp(-np.sum((X - centre) ** 2, axis=1) / (2 * 0.35 ** 2))

    return X, _noisy_target(bump(0.4) - bump(-0.4), noise, rng)


def _noisy_target(y, noise, rng):
    return np.clip(y + noise * rng.standard_normal(len(y)), -1.0, 1.0)


CLASSIFICATION_SETS = {"xor": make_xor, "circles": make_circles, "moons": make_moons,
                       "spirals": make_spirals}
REGRESSION_SETS = {"plane": make_plane, "bumps": make_bumps}
DATASETS = {**CLASSIFICATION_SETS, **REGRESSION_SETS}


@dataclass(frozen=True)
class Feature:
    """One input feature: ``f`` maps standardized points S (n, 2) to one column (n,)."""

    name: str       # how settings and code spell it
    label: str      # how pictures and controls show it
    f: Callable


FEATURES = {feature.name: feature for feature in (
    Feature("x1", "x1", lambda S: S[:, 0]),
    Feature("x2", "x2", lambda S: S[:, 1]),
    Feature("x1^2", "x1²", lambda S: S[:, 0] ** 2),
    Feature("x2^2", "x2²", lambda S: S[:, 1] ** 2),
    Feature("x1*x2", "x1·x2", lambda S: S[:, 0] * S[:, 1]),
    Feature("sin x1", "sin x1", lambda S: np.sin(S[:, 0])),
    Feature("sin x2", "sin x2", lambda S: np.sin(S[:, 1])),
)}
ACTIVATIONS = tuple(elementwise_names())   # any activation a hidden layer can use
REGULARIZATIONS = ("none", "l1", "l2")
# The menus of the widget; the model accepts any positive lr and any rate >= 0.
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3)
BATCH_SIZES = (1, 5, 10, 20, 50)


@dataclass(frozen=True)
class PlaygroundSettings:
    """Everything that defines an experiment. The same settings give the same run.

    ``repr(settings)`` is valid Python: paste it into a notebook to share a result.
    """

    dataset: str = "xor"
    noise: float = 0.1            # std of the Gaussian noise (points; regression: targets)
    n_points: int = 200           # train + test
    test_fraction: float = 0.5
    features: tuple = ("x1", "x2")   # names from FEATURES, the network's inputs
    hidden: tuple = (6, 6)        # units of each hidden layer; () = no hidden layer
    activation: str = "tanh"      # of the hidden layers ("identity": linear)
    lr: float = 0.1
    batch_size: int = 10
    regularization: str = "none"  # "l1" or "l2" penalty on W (never on b)
    reg_rate: float = 0.0         # its strength (ignored when regularization="none")
    seed: int = 0                 # data noise, split, initial weights and batch order

    def __post_init__(self):
        _check_settings(self)

    @property
    def problem(self) -> str:
        """"regression" for the plane and bumps, else "classification"."""
        return "regression" if self.dataset in REGRESSION_SETS else "classification"


def _check_settings(s):
    """Refuse a bad setting with what was wrong and how to fix it (before anything runs)."""
    if s.dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {list(DATASETS)}; got {s.dataset!r}.")
    if s.activation == "linear":                      # its everyday name
        object.__setattr__(s, "activation", "identity")
    if s.activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {list(ACTIVATIONS)} ('identity' is the "
                         f"linear activation); got {s.activation!r}.")
    if not _is_number(s.noise) or not s.noise >= 0:
        raise ValueError(f"noise must be a number >= 0; got {s.noise!r}.")
    if not _is_number(s.test_fraction) or not 0 < s.test_fraction < 1:
        raise ValueError(f"test_fraction (the share of points held out for testing) must be "
                         f"a number strictly between 0 and 1, e.g. 0.5; got {s.test_fraction!r}.")
    features = (s.features,) if isinstance(s.features, str) else s.features
    if (not isinstance(features, (tuple, list)) or not features
            or any(f not in FEATURES for f in features) or len(set(features)) < len(features)):
        raise ValueError(f"features must list one or more different names from "
                         f"{list(FEATURES)}, e.g. ('x1', 'x2'); got {s.features!r}.")
    object.__setattr__(s, "features", tuple(f for f in FEATURES if f in features))
    hidden = s.hidden
    if (not isinstance(hidden, (tuple, list))
            or any(not _is_whole(h) or h < 1 for h in hidden)):
        raise ValueError(f"hidden must list the units of each hidden layer, each a whole "
                         f"number >= 1, e.g. (4, 2), or () for no hidden layer; got {hidden!r}.")
    object.__setattr__(s, "hidden", tuple(int(h) for h in hidden))
    if not _is_number(s.lr) or not math.isfinite(s.lr) or s.lr <= 0:
        raise ValueError(f"lr must be a finite number > 0; got {s.lr!r}.")
    if s.regularization not in REGULARIZATIONS:
        raise ValueError(f"regularization must be one of {list(REGULARIZATIONS)}; got "
                         f"{s.regularization!r}.")
    if not _is_number(s.reg_rate) or not math.isfinite(s.reg_rate) or s.reg_rate < 0:
        raise ValueError(f"reg_rate must be a finite number >= 0; got {s.reg_rate!r}.")
    for name in ("n_points", "batch_size"):
        value = getattr(s, name)
        if not _is_whole(value) or value < 1:
            raise ValueError(f"{name} must be a whole number >= 1; got {value!r}.")
    if not _is_whole(s.seed) or s.seed < 0:
        raise ValueError(f"seed must be a whole number >= 0; got {s.seed!r}.")


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


@dataclass
class PlaygroundHistory:
    """One entry per recorded epoch; entry 0 is the untrained network. Losses are the data
    cost without the penalty; accuracies are None for regression."""

    epoch: list = field(default_factory=list)
    train_loss: list = field(default_factory=list)
    test_loss: list = field(default_factory=list)
    train_accuracy: list = field(default_factory=list)
    test_accuracy: list = field(default_factory=list)


@dataclass
class Trace:
    """Every number of one example's forward and backward pass (layer 0 = the features).

    ``a[l]`` (n_l,) the outputs of layer l (a[0]: the features, a[L]: the network's answer),
    ``z[l]`` (n_l,) the weighted inputs of layer l+1 (``z[0]`` is layer 1's), ``delta[l]``
    (n_{l+1},) = dC/dz of layer l+1, ``dW[l]`` (n_l, n_{l+1}) and ``db[l]`` (n_{l+1},) the
    gradients of layer l+1, ``cost`` the example's cost (no penalty). With one example,
    BP3 says db = delta, and BP4 says dW = outer(a[l], delta[l]).
    """

    index: int
    x: np.ndarray           # the raw point (2,)
    y: float                # its label (classification) or target (regression)
    features: dict          # feature name -> value
    z: list
    a: list
    cost: float
    delta: list
    dW: list
    db: list


class _RegularizedSGD(SGD):
    """SGD with an L2 (weight decay) or L1 (proximal) penalty on the weights, not biases."""

    def __init__(self, net, lr, regularization, rate):
        super().__init__(net, lr, weight_decay=rate if regularization == "l2" else 0.0)
        self.l1 = rate if regularization == "l1" else 0.0

    def step(self, net, grads, lr=None):
        super().step(net, grads, lr)
        if self.l1:
            shrink = (self.lr if lr is None else lr) * self.l1
            for W in net.weights:      # W <- sign(W) * max(|W| - lr * rate, 0)
                np.copysign(np.maximum(np.abs(W) - shrink, 0.0), W, out=W)


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

    @classmethod
    def from_code(cls, text: str) -> PlaygroundModel:
        """The model that ``text`` (what ``share()`` printed) describes, read safely: only
        ``PlaygroundModel(name=value, ...)`` or ``Playground(...)`` with plain values."""
        return cls(**settings_from_code(text))

    # ------------------------------------------------------------------ set-up
    def reset(self, **overrides) -> PlaygroundModel:
        """New data, split and network from the settings (changed by ``overrides``). The same
        settings give the same data and the same first weights."""
        s = replace(self.settings, **overrides) if overrides else self.settings
        try:
            X, y = DATASETS[s.dataset](n=s.n_points, noise=s.noise, seed=s.seed)
            split = train_val_split(X, y, val_fraction=s.test_fraction, seed=s.seed)
        except ValueError as err:    # the data functions name their own arguments
            raise ValueError(f"n_points={s.n_points}, test_fraction={s.test_fraction} do not "
                             f"give a training and a test set ({err}); use more points.") from None
        if s.batch_size > len(split[0]):
            raise ValueError(f"batch_size={s.batch_size} is larger than the {len(split[0])} "
                             f"training points; choose a smaller batch or more points.")
        self.settings = s                 # checked: from here on nothing can fail
        self.X, self.y = X, y
        self.X_train, self.X_test, self.y_train, self.y_test = split
        self.mean = self.X_train.mean(axis=0)
        self.std = self.X_train.std(axis=0) + 1e-12
        init = REGISTRY[s.activation].init   # he for ReLU, xavier for the others
        if self.regression:
            output, loss = "identity", "mse"
        else:
            output, loss = "sigmoid", "cross_entropy"
        self.net = Network([len(s.features), *s.hidden, 1], hidden=s.activation,
                           output=output, loss=loss, init=init, seed=s.seed)
        self.sgd = _RegularizedSGD(self.net, s.lr, s.regularization, s.reg_rate)
        self._rng = np.random.default_rng([s.seed, 1])  # batch order, independent of the data
        self.grid = grid_around(self.X, resolution=60)   # fixed per data set: stable pictures
        self.history = PlaygroundHistory()
        self.epoch = 0
        self._record()
        return self

    def new_seed(self) -> PlaygroundModel:
        """Start over with the next seed: new noise, split, first weights and batch order."""
        return self.reset(seed=self.settings.seed + 1)

    def set_training(self, lr=None, batch_size=None, regularization=None,
                     reg_rate=None) -> PlaygroundModel:
        """Change lr, batch size or the penalty without resetting: they apply from the next
        step."""
        changes = {k: v for k, v in (("lr", lr), ("batch_size", batch_size),
                                     ("regularization", regularization),
                                     ("reg_rate", reg_rate)) if v is not None}
        s = replace(self.settings, **changes)
        if s.batch_size > len(self.X_train):
            raise ValueError(f"batch_size={s.batch_size} is larger than the "
                             f"{len(self.X_train)} training points.")
        self.settings = s
        self.sgd.lr = float(s.lr)
        self.sgd.weight_decay = float(s.reg_rate) if s.regularization == "l2" else 0.0
        self.sgd.l1 = float(s.reg_rate) if s.regularization == "l1" else 0.0
        return self

    @property
    def regression(self) -> bool:
        return self.settings.problem == "regression"

    # ---------------------------------------------------------------- training
    def step(self, n_epochs=1) -> PlaygroundModel:
        """Train for ``n_epochs`` epochs of mini-batch SGD, recording the history after each.

        Raises TrainingDiverged (and keeps the history so far) when the cost stops being
        finite, which a too-large learning rate does.
        """
        if not _is_whole(n_epochs) or n_epochs < 0:
            raise ValueError(f"n_epochs must be a whole number >= 0; got {n_epochs!r}.")
        F, Y = self.features_of(self.X_train), self._targets(self.y_train)
        m = self.settings.batch_size
        buffers = Buffers(self.net, m)
        for _ in range(n_epochs):
            try:
                with np.errstate(over="ignore", invalid="ignore"):
                    run_epoch(self.net, F, Y, m, self.sgd, self._rng, buffers)
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
        """Step until the training accuracy reaches ``accuracy``; the epochs it took (or -1).
        Classification only."""
        if self.regression:
            raise ValueError(f"train_until needs an accuracy, and {self.settings.dataset!r} is "
                             f"a regression data set (it has a loss, the MSE, but no accuracy); "
                             f"use step(n) and read history.test_loss.")
        while self.epoch < max_epochs:
            if self.history.train_accuracy[-1] >= accuracy:
                return self.epoch
            self.step(1)
        return self.epoch if self.history.train_accuracy[-1] >= accuracy else -1

    # ---------------------------------------------------------------- measures
    def features_of(self, X):
        """The network's inputs F (m, d) for points X (m, 2) in the data's coordinates: the
        chosen features of the standardized points S = (X - mean) / std."""
        S = (np.asarray(X, dtype=float) - self.mean) / self.std
        return np.column_stack([FEATURES[name].f(S) for name in self.settings.features])

    def predict(self, X):
        """The network's answer for points (m, 2): P(class 1), or the regression value;
        shape (m, 1)."""
        return self.net.predict(self.features_of(X))

    def accuracy(self, X, y) -> float | None:
        """Share of points classified right (None for regression)."""
        if self.regression:
            return None
        return float(np.mean((self.predict(X)[:, 0] >= 0.5) == (np.asarray(y) == 1)))

    def loss(self, X, y) -> float:
        """The data cost (cross-entropy, or MSE for regression), without the penalty."""
        with np.errstate(over="ignore", invalid="ignore"):
            return float(self.net.cost(self.features_of(X), self._targets(y)))

    def penalty(self) -> float:
        """The regularization term: rate * sum |W| (L1), rate/2 * sum W^2 (L2), or 0."""
        s = self.settings
        if s.regularization == "l1":
            return s.reg_rate * sum(float(np.abs(W).sum()) for W in self.net.weights)
        if s.regularization == "l2":
            return s.reg_rate / 2 * sum(float(np.square(W).sum()) for W in self.net.weights)
        return 0.0

    def zero_weights(self) -> int:
        """How many weights are exactly 0 (what L1 does)."""
        return sum(int(np.count_nonzero(W == 0)) for W in self.net.weights)

    @property
    def train_accuracy(self) -> float | None:
        return self.history.train_accuracy[-1]

    @property
    def test_accuracy(self) -> float | None:
        return self.history.test_accuracy[-1]

    def decision_grid(self, discretize=False):
        """(xx, yy, P) on the data's fixed (g, g) grid: P = P(class 1) (0.5 on the boundary),
        or the regression value. ``discretize``: the class (0 or 1), or the value rounded to
        the nearest of -1, -0.5, 0, 0.5, 1."""
        xx, yy = self.grid
        P = decision_values(self.predict, xx, yy)
        if discretize:
            P = np.round(2 * P) / 2 if self.regression else (P >= 0.5).astype(float)
        return xx, yy, P

    def node_grids(self, resolution=16):
        """What every node computes over the plane, layer by layer: a list of (n_l, r, r)
        arrays, entry [l][j] being unit j of layer l at each point of an (r, r) grid (row 0
        at the lowest x2). Layer 0 is the features, the last layer the output."""
        xx, yy = grid_around(self.X, resolution=resolution)
        points = np.column_stack([xx.ravel(), yy.ravel()])
        with np.errstate(over="ignore", invalid="ignore"):
            cache = self.net.forward(self.features_of(points))
        return [A.T.reshape(-1, resolution, resolution) for A in cache.A]

    def hidden_grids(self, resolution=24):
        """``node_grids`` of the hidden layers only."""
        return self.node_grids(resolution)[1:-1]

    def trace_example(self, i=0) -> Trace:
        """Every number of training example ``i``'s forward and backward pass, computed by the
        network's own ``forward`` and ``backward`` on a batch of that one example."""
        if not _is_whole(i) or not 0 <= i < len(self.X_train):
            raise ValueError(f"i must be the row of a training example, 0 to "
                             f"{len(self.X_train) - 1}; got {i!r}.")
        x = self.X_train[i]
        F = self.features_of(x[None])
        y = self._targets(self.y_train[i:i + 1])
        cache = self.net.forward(F)
        grads = self.net.backward(cache, y)
        return Trace(index=int(i), x=x.copy(), y=float(self.y_train[i]),
                     features=dict(zip(self.settings.features, F[0].tolist())),
                     z=[Z[0] for Z in cache.Z], a=[A[0] for A in cache.A],
                     cost=float(self.net.loss.cost(cache.A[-1], y, cache.Z[-1])),
                     delta=[db for _, db in grads],        # BP3 with one example: db = delta
                     dW=[dW for dW, _ in grads], db=[db for _, db in grads])

    def summary(self) -> str:
        """One line: epoch, losses (and accuracies), rounded so that the line is stable."""
        h, s = self.history, self.settings
        if self.regression:
            line = (f"epoch {self.epoch}: train MSE {h.train_loss[-1]:.4f}, "
                    f"test MSE {h.test_loss[-1]:.4f}")
        else:
            line = (f"epoch {self.epoch}: train loss {h.train_loss[-1]:.4f}, test loss "
                    f"{h.test_loss[-1]:.4f}, train accuracy {h.train_accuracy[-1]:.2%}, "
                    f"test accuracy {h.test_accuracy[-1]:.2%}")
        if s.regularization != "none" and s.reg_rate > 0:
            line += (f" (losses without the {s.regularization.upper()} penalty, "
                     f"{self.penalty():.4f})")
        return line

    def share(self) -> str:
        """Python that rebuilds this experiment: ``PlaygroundModel(...)`` with every setting
        (``PlaygroundModel.from_code`` reads it back)."""
        args = ", ".join(f"{k}={v!r}" for k, v in asdict(self.settings).items())
        return f"PlaygroundModel({args})"

    # ----------------------------------------------------------------- helpers
    def _targets(self, y):
        return np.asarray(y, dtype=float).reshape(-1, 1)

    def _record(self):
        h = self.history
        h.epoch.append(self.epoch)
        h.train_loss.append(self.loss(self.X_train, self.y_train))
        h.test_loss.append(self.loss(self.X_test, self.y_test))
        h.train_accuracy.append(self.accuracy(self.X_train, self.y_train))
        h.test_accuracy.append(self.accuracy(self.X_test, self.y_test))


SETTING_NAMES = tuple(f.name for f in fields(PlaygroundSettings))


def settings_from_code(text: str) -> dict:
    """The keyword arguments of ``PlaygroundModel(...)`` or ``Playground(...)`` in ``text``,
    read with ``ast.literal_eval`` (never run): only plain values (numbers, strings, tuples)
    are accepted, so pasted code cannot do anything but describe settings."""
    if not isinstance(text, str):
        raise TypeError(f"from_code needs the code as a string, e.g. "
                        f"\"PlaygroundModel(dataset='xor')\"; got {type(text).__name__}.")
    example = "paste the line share() printed, e.g. PlaygroundModel(dataset='circles', hidden=(4,))"
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise ValueError(f"could not read the code ({err.msg}): {example}.") from None
    call = tree.body
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
            and call.func.id in ("PlaygroundModel", "Playground")):
        raise ValueError(f"the code must be one call of PlaygroundModel(...) or "
                         f"Playground(...); {example}.")
    if call.args:
        raise ValueError(f"name every setting (dataset='xor', not 'xor'): {example}.")
    settings = {}
    for keyword in call.keywords:
        name = keyword.arg
        if name is None:
            raise ValueError(f"write each setting out (no **): {example}.")
        if name not in SETTING_NAMES:
            raise ValueError(f"{name!r} is not a setting of the playground; the settings are "
                             f"{', '.join(SETTING_NAMES)}.")
        if name in settings:
            raise ValueError(f"{name} is given twice.")
        try:
            settings[name] = ast.literal_eval(keyword.value)
        except (ValueError, TypeError, SyntaxError):
            raise ValueError(f"{name}= must be a plain value (a number, a string or a tuple), "
                             f"not code: {ast.unparse(keyword.value)!r}.") from None
    return settings


def __getattr__(name):
    """``Playground`` (the widget app) is imported from ``nn_helpers.apps`` only when asked
    for, so that this module stays free of ipywidgets and matplotlib."""
    if name == "Playground":
        from .apps.playground import Playground

        return Playground
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

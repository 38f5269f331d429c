# n: examples, g: grid points per axis, h: hidden units of a layer, L: layers.  X: (n, 2), y: (n,)
"""A training playground for 2-D classification: a pure model and a thin widget layer over it.

``PlaygroundModel`` holds everything one experiment needs (the data split, the ``Network``,
the ``SGD`` optimizer and the history) and has no idea that widgets exist, so the tests can
train it headlessly. ``Playground`` wires it to ipywidgets controls and ipympl figures.

One training step of the playground is one epoch of mini-batch SGD:

    for each batch (X_b, Y_b) of the shuffled training set:
        grads = net.gradients(X_b, Y_b)        # forward + backpropagation (BP1-BP4)
        W <- W - lr * (dW + l2 * W),  b <- b - lr * db      (nn_helpers.training.SGD)

The network is ``[2, h_1, ..., h_L, 1]`` with a sigmoid output read as P(class 1) and the
binary cross-entropy cost. Inputs are standardized with the training set's mean and standard
deviation (so XOR, whose corners sit at 0 and 1, is centred like the circles); the pictures
are still drawn in the data's own coordinates.

Only NumPy is imported at module level; matplotlib, ipympl and ipywidgets load when a
``Playground`` widget is built.
"""

from __future__ import annotations

import math
import numbers
import time
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
                    f"The cost became {cost} in epoch {self.epoch}: "
                    f"lr={self.settings.lr:g} is too large; try a smaller one and Reset.",
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


# ------------------------------------------------------------------------------------------
# The widget layer
# ------------------------------------------------------------------------------------------
# Design choices (deliberate):
# * Play is an ipywidgets ``Play`` widget, not an asyncio task. The browser's timer ticks its
#   value; each tick is one ordinary comm message whose handler trains for a short, bounded
#   time (TICK_SECONDS) and returns, so the kernel is never blocked and other cells and
#   controls keep working. Nothing keeps running when no browser is attached (nbval, a
#   closed tab), and a test drives it exactly as the browser does: ``play.value += 1``.
#   An asyncio task would have to be cancelled by hand and depends on how the kernel's event
#   loop interleaves messages. Ticks that queued up while the kernel was busy are dropped,
#   so a slow machine trains less often instead of falling behind.
# * Figures are ipympl canvases (a widget), not ``widgets.Output`` + inline PNGs. Each update
#   changes the data of existing artists and redraws one canvas in place: no flicker, no
#   re-sent output. Under nbval an ipympl cell stores a stable widget view (compared outputs
#   stay equal), whereas an Output widget's inner output always differs. The canvas is
#   attached to a bare Figure (``nn_helpers.widgets.figure_canvas``, no pyplot), so this works
#   whatever ``%matplotlib`` backend the notebook uses and leaves pyplot's figures alone.

EPOCHS_PER_TICK = 5      # epochs trained per Play tick (slow enough to watch it learn) ...
TICK_SECONDS = 0.15      # ... unless they take longer than this (a big network)
PLAY_INTERVAL_MS = 300   # how often the Play widget ticks


class Playground:
    """The interactive playground: controls + live pictures over a ``PlaygroundModel``.

    >>> pg = Playground(dataset="circles")          # doctest: +SKIP
    >>> pg                                            # displays it in a notebook
    Set controls from code too: ``pg.controls["dataset"].value = "xor"``;
    ``pg.step_button.click()``; ``pg.model`` is the model behind the pictures.
    """

    def __init__(self, settings: PlaygroundSettings | None = None, **overrides):
        self.model = PlaygroundModel(settings, **overrides)
        self._last_tick_end = 0.0
        self._build_controls()
        self._build_figure()
        self.widget = self._layout()
        self._redraw_all()

    # --------------------------------------------------------------- controls
    def _build_controls(self):
        import ipywidgets as w

        s = self.model.settings
        narrow = w.Layout(width="260px")
        style = {"description_width": "90px"}
        kw = {"layout": narrow, "style": style}
        self.controls = {
            "dataset": w.Dropdown(options=sorted(DATASETS), value=s.dataset,
                                  description="data set", **kw),
            "noise": w.FloatSlider(value=s.noise, min=0.0, max=0.5, step=0.05,
                                   description="noise", continuous_update=False,
                                   readout_format=".2f", **kw),
            "layers": w.IntSlider(value=len(s.hidden), min=1, max=4, description="hidden layers",
                                  continuous_update=False, **kw),
            "units": w.IntSlider(value=max(s.hidden), min=1, max=16, description="units/layer",
                                 continuous_update=False, **kw),
            "activation": w.Dropdown(options=list(ACTIVATIONS), value=s.activation,
                                     description="activation", **kw),
            "seed": w.BoundedIntText(value=s.seed, min=0, max=10**6, description="seed", **kw),
            "lr": w.Dropdown(options=_with(LEARNING_RATES, s.lr), value=s.lr,
                             description="learning rate", **kw),
            "batch_size": w.Dropdown(options=_with(BATCH_SIZES, s.batch_size),
                                     value=s.batch_size, description="batch size", **kw),
            "l2": w.Dropdown(options=_with(L2_RATES, s.l2), value=s.l2, description="L2", **kw),
        }
        # changing the data or the network starts a new experiment ...
        for name in ("dataset", "noise", "layers", "units", "activation", "seed"):
            self.controls[name].observe(self._guarded(self._on_setting), names="value")
        # ... while lr, batch size and L2 apply from the next step, as in a real run
        for name in ("lr", "batch_size", "l2"):
            self.controls[name].observe(self._guarded(self._on_training_setting), names="value")

        self.step_button = w.Button(description="Step", icon="step-forward",
                                    tooltip="train one epoch", layout=w.Layout(width="90px"))
        self.reset_button = w.Button(description="Reset", icon="refresh",
                                     tooltip="new weights (same seed: same start)",
                                     layout=w.Layout(width="90px"))
        self.play = w.Play(value=0, min=0, max=10**9, step=1, interval=PLAY_INTERVAL_MS,
                           show_repeat=False, description="Play/Pause",
                           tooltip="train continuously; pause to stop")
        self.step_button.on_click(self._guarded(lambda _: self._train(1)))
        self.reset_button.on_click(self._guarded(lambda _: self.reset()))
        self.play.observe(self._guarded(self._on_tick), names="value")
        self.status = w.HTML()
        self.share_box = w.HTML()

    def _layout(self):
        import ipywidgets as w

        c = self.controls
        column = w.Layout(margin="0 12px 0 0")
        data = w.VBox([w.HTML("<b>Data</b>"), c["dataset"], c["noise"], c["seed"]],
                      layout=column)
        network = w.VBox([w.HTML("<b>Network</b>"), c["layers"], c["units"], c["activation"]],
                         layout=column)
        training = w.VBox([w.HTML("<b>Training</b>"), c["lr"], c["batch_size"], c["l2"]],
                          layout=column)
        buttons = w.HBox([self.play, self.step_button, self.reset_button])
        box = w.VBox([w.HBox([data, network, training]), buttons, self.status, self.canvas,
                      self.share_box], layout=w.Layout(padding="4px"))
        box.add_class("nn-playground")                # a handle for the browser test
        return box

    # ----------------------------------------------------------------- figure
    def _build_figure(self):
        from .widgets import figure_canvas  # a bare Figure on an ipympl canvas; no pyplot

        fig, self.canvas = figure_canvas(figsize=(12, 4.2))
        # a fixed layout: constrained layout would re-run on every redraw and double its cost
        fig.set_layout_engine("none")
        fig.set_dpi(80)
        self.canvas.toolbar_visible = False
        self.canvas.footer_visible = False
        self.canvas.resizable = False
        self.figure = fig
        self.ax_boundary, self.ax_loss, self.ax_units = fig.subplots(
            1, 3, gridspec_kw={"width_ratios": [1, 1.1, 1.2], "left": 0.06, "right": 0.99,
                               "bottom": 0.13, "top": 0.88, "wspace": 0.28})

    def _redraw_all(self):
        """Re-create every artist (after a reset: new data, maybe a new architecture)."""
        from matplotlib.colors import LinearSegmentedColormap

        from .plots import COLORS

        m, ax = self.model, self.ax_boundary
        cmap = LinearSegmentedColormap.from_list("two_classes", [COLORS[0], "white", COLORS[1]])
        for a in (self.ax_boundary, self.ax_loss, self.ax_units):
            a.clear()
        xx, yy, P = m.decision_grid()
        extent = (xx.min(), xx.max(), yy.min(), yy.max())
        self.boundary_image = ax.imshow(P, origin="lower", extent=extent, cmap=cmap,
                                        vmin=0, vmax=1, aspect="auto", alpha=0.6,
                                        interpolation="bilinear")
        self._contour = None
        for label, marker in ((0, "o"), (1, "s")):
            tr, te = m.X_train[m.y_train == label], m.X_test[m.y_test == label]
            ax.scatter(tr[:, 0], tr[:, 1], c=COLORS[label], marker=marker, s=28,
                       edgecolors="black", linewidths=0.6, label=f"class {label} (train)")
            ax.scatter(te[:, 0], te[:, 1], facecolors="none", edgecolors=COLORS[label],
                       marker=marker, s=28, linewidths=1.2, label=f"class {label} (test)")
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title="P(class 1); black line: 0.5")
        ax.legend(loc="lower left", fontsize=8, framealpha=0.7)

        lax = self.ax_loss
        (self.train_line,) = lax.plot([], [], color=COLORS[0], lw=2, label="train")
        (self.test_line,) = lax.plot([], [], color=COLORS[1], lw=2, ls="--", label="test")
        lax.set(xlabel="epoch", ylabel="cross-entropy cost", title="loss")
        lax.legend(loc="upper right")
        lax.grid(alpha=0.3)

        uax = self.ax_units
        mosaic = hidden_mosaic(m.hidden_grids())
        self.units_image = uax.imshow(mosaic, cmap="PuOr_r", vmin=-1, vmax=1,
                                      interpolation="nearest", origin="upper")
        r = m.hidden_grids()[0].shape[-1]
        cell = r + 2
        uax.set_yticks([layer * cell + r / 2 for layer in range(len(m.settings.hidden))],
                       [f"layer {layer + 1}" for layer in range(len(m.settings.hidden))])
        uax.set_xticks([])
        uax.set_title("hidden units' outputs\n(each scaled to its max |output|)", fontsize=11)
        for text in (ax.title, lax.title, lax.xaxis.label, lax.yaxis.label, ax.xaxis.label,
                     ax.yaxis.label):
            text.set_fontsize(13)
        self._update()

    def _update(self):
        """Move the existing artists to the model's current state and redraw the canvas."""
        m = self.model
        xx, yy, P = m.decision_grid()
        self.boundary_image.set_data(P)
        if self._contour is not None:
            self._contour.remove()
        self._contour = self.ax_boundary.contour(xx, yy, P, levels=[0.5], colors="black",
                                                 linewidths=1.5) if P.min() < 0.5 < P.max() \
            else None
        h = m.history
        self.train_line.set_data(h.epoch, h.train_loss)
        self.test_line.set_data(h.epoch, h.test_loss)
        for line in (self.train_line, self.test_line):   # one point draws no line: mark it
            line.set_marker("o" if len(h.epoch) == 1 else "None")
        self.ax_loss.set_xlim(0, max(10, h.epoch[-1]))
        top = max(max(h.train_loss), max(h.test_loss))
        self.ax_loss.set_ylim(0, 1.05 * top if math.isfinite(top) else 1.0)
        self.units_image.set_data(hidden_mosaic(m.hidden_grids()))
        self.status.value = f"<span class='pg-status'>{m.summary()}</span>"
        self.share_box.value = ("<small>Reproduce or share this run: "
                                f"<code>{m.share()}</code></small>")
        self.canvas.draw_idle()

    # --------------------------------------------------------------- actions
    def reset(self):
        """Start over from the current settings (same seed: the same data and weights)."""
        self.model.reset()
        self._redraw_all()

    def _train(self, n_epochs, budget=None):
        """Train n_epochs epochs, or fewer (at least one) if they exceed ``budget`` seconds."""
        try:
            deadline = time.monotonic() + (budget if budget is not None else math.inf)
            self.model.step(1)
            for _ in range(n_epochs - 1):
                if time.monotonic() > deadline:
                    break
                self.model.step(1)
        except TrainingDiverged as err:
            self.play.playing = False
            self._update()
            self.status.value = f"<span class='pg-diverged' style='color:#D55E00'>{err}</span>"
            return
        self._update()

    def _on_tick(self, change):
        if change["new"] <= change["old"]:       # the Play widget's stop button rewinds it
            return
        if time.monotonic() - self._last_tick_end < 0.5 * PLAY_INTERVAL_MS / 1000:
            return                                # a tick that queued while we were busy
        self._train(EPOCHS_PER_TICK, budget=TICK_SECONDS)
        self._last_tick_end = time.monotonic()

    def _on_setting(self, change):
        c = self.controls
        hidden = (c["units"].value,) * c["layers"].value
        self.model.reset(dataset=c["dataset"].value, noise=float(c["noise"].value),
                         hidden=hidden, activation=c["activation"].value,
                         seed=int(c["seed"].value))
        self._redraw_all()

    def _on_training_setting(self, change):
        c = self.controls
        self.model.set_training(lr=c["lr"].value, batch_size=c["batch_size"].value,
                                l2=c["l2"].value)
        self.share_box.value = ("<small>Reproduce or share this run: "
                                f"<code>{self.model.share()}</code></small>")

    def _guarded(self, callback):
        """Run a widget callback; show an error in the status line instead of losing it
        (a kernel-side exception in a callback would otherwise only reach the log)."""
        def run(*args):
            try:
                callback(*args)
            except Exception as err:  # noqa: BLE001 - shown to the user, then re-raised
                self.play.playing = False
                self.status.value = (f"<span class='pg-error' style='color:#D55E00'>"
                                     f"Error: {type(err).__name__}: {err}</span>")
                raise
        return run

    # ---------------------------------------------------------------- display
    def close(self):
        """Close every widget of the playground (frees the kernel-side objects)."""
        self.play.playing = False
        for widget in (*self.controls.values(), self.step_button, self.reset_button, self.play,
                       self.status, self.share_box, self.canvas, self.widget):
            widget.close()

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"Playground: {self.model.share()}"  # short and stable (nbval)
        return bundle


def _with(options, value):
    """The menu ``options`` plus ``value`` if a caller chose a value outside it, sorted."""
    return tuple(sorted(set(options) | {value}))

# g: grid points per axis, r: tile size, d: features, h: units of a layer.  pictures: (g, g)
"""``Playground``: the widget app over a ``PlaygroundModel`` (controls + three live pictures).

    from nn_helpers.playground import Playground
    pg = Playground(dataset="circles")   # displays it in a notebook
    pg.controls["dataset"].value = "xor"; pg.step_button.click(); pg.model.summary()
    Playground.from_code("PlaygroundModel(dataset='xor', hidden=(3,))")   # from a shared line

The model (data, network, training, history) is ``nn_helpers.playground``, NumPy only and
tested headlessly; this module only wires it to controls and draws it.

The three pictures: the network's answer over the plane with the points, the loss curves,
and the NETWORK DIAGRAM: one column per layer (features, hidden layers, output), one small
picture per node showing that node's output over the same plane, and one line per weight
(width: |w|, colour: its sign, orange positive, blue negative).

Design choices (deliberate):
* Play is an ipywidgets ``Play`` widget, not an asyncio task. The browser's timer ticks its
  value; each tick is one ordinary comm message whose handler trains for a short, bounded
  time (TICK_SECONDS) and returns, so the kernel is never blocked and other cells and
  controls keep working. Nothing keeps running when no browser is attached (nbval, a
  closed tab), and a test drives it exactly as the browser does: ``play.value += 1``.
  Ticks cannot pile up: the browser's widget manager sends a widget's newest value only
  once the kernel is idle again, so a slow machine shows fewer frames a second instead of
  falling behind (the browser test checks that training stops at once on Pause).
* The figure is one ipympl canvas (see ``nn_helpers.apps.base``): each update changes the
  data of the existing artists and redraws in place; only a new architecture or data set
  re-creates them. For speed the diagram is ONE image (every node's tile placed in one
  array, NaN, drawn transparent, between them) and ONE LineCollection (every weight).
"""

from __future__ import annotations

import html
import math
import time

import ipywidgets as w
import numpy as np
from contourpy import contour_generator
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from ..playground import (
    ACTIVATIONS,
    BATCH_SIZES,
    CLASSIFICATION_SETS,
    DATASETS,
    FEATURES,
    LEARNING_RATES,
    REG_RATES,
    PlaygroundModel,
    PlaygroundSettings,
    TrainingDiverged,
    settings_from_code,
)
from ..plots import COLORS
from .base import (
    ALERT_COLOR,
    CONTROL_TEXT_PX,
    FONT_SIZE,
    SMALL_FONT,
    TICK_FONT,
    App,
    figure_canvas,
    rounded_out,
    set_limits,
    wrapping_row,
)

EPOCHS_PER_TICK = 1      # epochs trained per Play tick: one epoch, one new picture ...
TICK_SECONDS = 0.05      # ... (more epochs per tick only if they fit in this budget)
# how often the Play widget ticks: 14 a second. A tick costs the kernel about 40 ms on the
# default playground (benchmarks/app_redraw.py), so the picture can follow.
PLAY_INTERVAL_MS = 70

TILE = 16                # grid points per side of a node's picture (model.node_grids)
ROW_PITCH = 20           # diagram rows are this many image pixels apart (tile + gap)
MAX_ROWS = 8             # the tallest column: 8 units (7 features)
TWO_CLASSES = LinearSegmentedColormap.from_list(  # NaN (between the tiles): transparent
    "two_classes", [COLORS[0], "white", COLORS[1]]).with_extremes(bad=(0, 0, 0, 0))
ACTIVATION_MENU = [("linear" if a == "identity" else a, a) for a in ACTIVATIONS]
DATASET_MENU = [(name if name in CLASSIFICATION_SETS else f"{name} (regression)", name)
                for name in DATASETS]
REGULARIZATION_MENU = [("none", "none"), ("L1", "l1"), ("L2", "l2")]

# What the controls can show. A setting outside them would be clamped by the widget, and the
# picture would then show one experiment while the controls claim another.
NOISE_RANGE, LAYERS_RANGE, UNITS_RANGE, SEED_MAX = (0.0, 0.5), (0, 4), (1, 8), 10**6
TEST_PERCENTS = (10, 90, 10)    # the train:test slider: test share from 10% to 90%, by 10


class Playground(App):
    """The interactive playground: controls + live pictures over a ``PlaygroundModel``.

    >>> pg = Playground(dataset="circles")          # doctest: +SKIP
    >>> pg                                            # displays it in a notebook
    Set controls from code too: ``pg.controls["dataset"].value = "xor"``;
    ``pg.step_button.click()``; ``pg.model`` is the model behind the pictures.
    """

    ERROR_CLASS = "pg-error"
    text_is_data = ("diagram",)     # the traced example's numbers are the diagram's data

    def __init__(self, settings: PlaygroundSettings | None = None, **overrides):
        settings = settings or PlaygroundSettings()
        settings = PlaygroundSettings(**{**settings.__dict__, **overrides})
        check_fits_the_controls(settings)
        self.model = PlaygroundModel(settings)
        self._syncing = False          # True while the controls are set to match the model
        self._trace_index = None       # the traced training example, if any
        self._trace_texts = []
        controls = self._build_controls()
        super().__init__(controls, *self._build_figure(), layout=w.Layout(padding="4px"))
        self.status = self.readout    # the line that notebook 11 and the tests call status
        self.add_class("nn-playground")                # a handle for the browser test
        # changing the data or the network starts a new experiment ...
        self.on_change(self._on_setting, ["dataset", "noise", "test %", "seed", "activation",
                                          *self._feature_names(), *self._unit_names()])
        # ... while lr, batch size and the penalty apply from the next step, as in a real run
        self.on_change(self._on_training_setting,
                       ("lr", "batch_size", "regularization", "reg_rate"))
        self.on_change(self._update, ("show test points", "discretize output"))
        self.step_button.on_click(self.guarded(lambda _: self._train(1)))
        self.reset_button.on_click(self.guarded(lambda _: self.reset()))
        self.seed_button.on_click(self.guarded(lambda _: self.new_seed()))
        self.add_layer_button.on_click(self.guarded(lambda _: self._change_layers(+1)))
        self.remove_layer_button.on_click(self.guarded(lambda _: self._change_layers(-1)))
        self.trace_button.on_click(self.guarded(lambda _: self.trace_next()))
        self.load_button.on_click(self.guarded(lambda _: self.load_code(self.code_box.value)))
        self.play.observe(self.guarded(self._on_tick), names="value")
        self._redraw_all()

    @classmethod
    def from_code(cls, text: str) -> Playground:
        """The playground that ``text`` (a line ``share()`` printed) describes, read safely
        (``ast.literal_eval`` on each setting, never ``eval``)."""
        return cls(**settings_from_code(text))

    # --------------------------------------------------------------- controls
    @staticmethod
    def _feature_names():
        return [f"feature {name}" for name in FEATURES]

    @staticmethod
    def _unit_names():
        return [f"units {k + 1}" for k in range(LAYERS_RANGE[1])]

    def _build_controls(self):
        s = self.model.settings
        kw = {"layout": w.Layout(width="250px"), "style": {"description_width": "108px"}}
        controls = {
            "dataset": w.Dropdown(options=DATASET_MENU, value=s.dataset,
                                  description="data set", **kw),
            "noise": w.FloatSlider(value=s.noise, min=NOISE_RANGE[0], max=NOISE_RANGE[1],
                                   step=0.05, description="noise", continuous_update=False,
                                   readout_format=".2f", **kw),
            "test %": w.IntSlider(value=round(100 * s.test_fraction), min=TEST_PERCENTS[0],
                                  max=TEST_PERCENTS[1], step=TEST_PERCENTS[2],
                                  description="test points %", continuous_update=False, **kw),
            "seed": w.BoundedIntText(value=s.seed, min=0, max=SEED_MAX, description="seed",
                                     **kw),
            "activation": w.Dropdown(options=ACTIVATION_MENU, value=s.activation,
                                     description="activation", **kw),
            "lr": w.Dropdown(options=_with(LEARNING_RATES, s.lr), value=s.lr,
                             description="learning rate", **kw),
            "batch_size": w.Dropdown(options=_with(BATCH_SIZES, s.batch_size),
                                     value=s.batch_size, description="batch size", **kw),
            "regularization": w.Dropdown(options=REGULARIZATION_MENU, value=s.regularization,
                                         description="regularization", **kw),
            "reg_rate": w.Dropdown(options=_with(REG_RATES, s.reg_rate), value=s.reg_rate,
                                   description="reg. rate", **kw),
        }
        for name, feature in FEATURES.items():
            controls[f"feature {name}"] = w.ToggleButton(
                value=name in s.features, description=feature.label,
                tooltip=f"feed the network {feature.label}", layout=w.Layout(width="74px"))
        for k, name in enumerate(self._unit_names()):
            controls[name] = w.BoundedIntText(
                value=s.hidden[k] if k < len(s.hidden) else 4, min=UNITS_RANGE[0],
                max=UNITS_RANGE[1], description=f"layer {k + 1}", tooltip="units",
                layout=w.Layout(width="118px", display=None if k < len(s.hidden) else "none"),
                style={"description_width": "56px"})
        controls["show test points"] = w.Checkbox(value=True, description="show test points",
                                                  indent=False, layout=w.Layout(width="170px"))
        controls["discretize output"] = w.Checkbox(value=False, description="discretize output",
                                                   indent=False, layout=w.Layout(width="170px"))
        self._n_layers = len(s.hidden)

        def button(label, tooltip, width="96px"):
            return w.Button(description=label, tooltip=tooltip, layout=w.Layout(width=width))

        self.step_button = button("Step", "train one epoch", "70px")
        self.reset_button = button("Reset", "back to the same first weights (same seed)", "76px")
        self.seed_button = button("New seed", "the next seed: new noise, split and weights")
        self.trace_button = button("Trace example", "one training example's forward and "
                                   "backward pass, its numbers on the diagram", "140px")
        self.add_layer_button = button("+ layer", "add a hidden layer", "76px")
        self.remove_layer_button = button("− layer", "remove the last hidden layer", "76px")
        self.load_button = button("Load code", "rebuild the playground from the code")
        self.code_box = w.Text(placeholder="paste a PlaygroundModel(...) line here",
                               layout=w.Layout(width="440px"))
        # the Play widget ticks (its timer runs in the browser); it is not shown: its own
        # buttons are bare icons. A labelled toggle starts and pauses it instead.
        self.play = w.Play(value=0, min=0, max=10**9, step=1, interval=PLAY_INTERVAL_MS,
                           show_repeat=False, description="Play/Pause",
                           tooltip="train continuously; pause to stop",
                           layout=w.Layout(display="none"))
        self.play_button = w.ToggleButton(value=False, description="Play", icon="play",
                                          tooltip="train continuously; click again to pause",
                                          layout=w.Layout(width="90px"))
        self._play_link = w.link((self.play_button, "value"), (self.play, "playing"))
        self.play_button.observe(self._label_play, names="value")
        self.share_box = w.HTML()
        return controls

    def _layout(self):
        c = self.controls
        column = w.Layout(margin="0 12px 0 0")
        data = w.VBox([w.HTML("<b>Data</b>"), c["dataset"], c["noise"], c["test %"],
                       c["seed"], c["show test points"]], layout=column)
        training = w.VBox([w.HTML("<b>Training</b>"), c["lr"], c["batch_size"],
                           c["regularization"], c["reg_rate"], c["discretize output"]],
                          layout=column)
        features = wrapping_row([c[name] for name in self._feature_names()],
                                width="250px")
        units = wrapping_row([c[name] for name in self._unit_names()], width="250px")
        network = w.VBox([w.HTML("<b>Network</b>"), w.HTML("input features:"), features,
                          w.HTML("hidden layers (units each):"), units,
                          w.HBox([self.add_layer_button, self.remove_layer_button]),
                          c["activation"]], layout=column)
        buttons = wrapping_row([self.play_button, self.step_button, self.reset_button,
                                self.seed_button, self.trace_button, self.play])
        load = wrapping_row([self.code_box, self.load_button])
        return [wrapping_row([data, network, training]), buttons, self.readout, self.canvas,
                self.share_box, load]

    def _show_settings(self):
        """Set every control to what the model holds (without starting a new experiment)."""
        s, c = self.model.settings, self.controls
        self._syncing = True
        try:
            for name, value in (("dataset", s.dataset), ("noise", s.noise),
                                ("test %", round(100 * s.test_fraction)), ("seed", s.seed),
                                ("activation", s.activation), ("regularization",
                                                               s.regularization)):
                c[name].value = value
            for name, value in (("lr", s.lr), ("batch_size", s.batch_size),
                                ("reg_rate", s.reg_rate)):
                menu = {"lr": LEARNING_RATES, "batch_size": BATCH_SIZES,
                        "reg_rate": REG_RATES}[name]
                c[name].options = _with(menu, value)
                c[name].value = value
            for name in FEATURES:
                c[f"feature {name}"].value = name in s.features
            self._n_layers = len(s.hidden)
            for k, name in enumerate(self._unit_names()):
                if k < len(s.hidden):
                    c[name].value = s.hidden[k]
                c[name].layout.display = None if k < len(s.hidden) else "none"
        finally:
            self._syncing = False

    # ----------------------------------------------------------------- figure
    def _build_figure(self):
        fig, canvas = figure_canvas(figsize=(7.6, 7.2))   # 760 px: fits at 1024 px
        # a fixed layout: constrained layout would re-run on every redraw and double its cost
        fig.set_layout_engine("none")
        canvas.toolbar_visible = False
        canvas.footer_visible = False
        canvas.resizable = False
        axes = fig.subplot_mosaic([["boundary", "loss"], ["diagram", "diagram"]], gridspec_kw={
            "height_ratios": [1.25, 1], "left": 0.1, "right": 0.96, "bottom": 0.015,
            "top": 0.95, "wspace": 0.32, "hspace": 0.32})
        self.ax_boundary, self.ax_loss, self.ax_diagram = (axes[k] for k in
                                                           ("boundary", "loss", "diagram"))
        self.data_axes = axes
        # the diagram's image is as many pixels wide as its axes are, for its height: tiles
        # stay square whatever the architecture
        box = self.ax_diagram.get_position()
        ratio = (box.width * fig.get_figwidth()) / (box.height * fig.get_figheight())
        self._diagram_shape = (MAX_ROWS * ROW_PITCH, round(MAX_ROWS * ROW_PITCH * ratio))
        return fig, canvas

    def _label_play(self, change):
        self.play_button.description = "Pause" if change["new"] else "Play"
        self.play_button.icon = "pause" if change["new"] else "play"

    def _redraw_all(self):
        """Re-create every artist (after a reset: new data, maybe a new architecture)."""
        m, ax = self.model, self.ax_boundary
        for a in (self.ax_boundary, self.ax_loss, self.ax_diagram):
            a.clear()
        self._trace_texts, self._trace_index = [], None
        xx, yy, P = m.decision_grid()
        extent = (xx.min(), xx.max(), yy.min(), yy.max())
        low = -1 if m.regression else 0
        self.boundary_image = ax.imshow(P, origin="lower", extent=extent, cmap=TWO_CLASSES,
                                        vmin=low, vmax=1, aspect="auto", alpha=0.6,
                                        interpolation="bilinear")
        # the 0.5 line: one LineCollection whose segments change (contourpy, which matplotlib
        # itself uses), not a new contour set per step: adding artists redraws everything
        self.boundary_line = LineCollection([], colors="black", linewidths=1.5, zorder=3)
        ax.add_collection(self.boundary_line)
        self.test_points = []
        if m.regression:
            ax.scatter(m.X_train[:, 0], m.X_train[:, 1], c=m.y_train, cmap=TWO_CLASSES,
                       vmin=-1, vmax=1, s=28, edgecolors="black", linewidths=0.6,
                       label="train")
            self.test_points.append(ax.scatter(
                m.X_test[:, 0], m.X_test[:, 1], facecolors="none", s=28, linewidths=1.4,
                edgecolors=TWO_CLASSES((m.y_test + 1) / 2), label="test"))
            title, legend_title = "network's output (orange +1, blue -1)", "target"
        else:
            for label, marker in ((0, "o"), (1, "s")):
                tr, te = m.X_train[m.y_train == label], m.X_test[m.y_test == label]
                ax.scatter(tr[:, 0], tr[:, 1], c=COLORS[label], marker=marker, s=28,
                           edgecolors="black", linewidths=0.6, label=f"{label} train")
                self.test_points.append(ax.scatter(
                    te[:, 0], te[:, 1], facecolors="none", edgecolors=COLORS[label],
                    marker=marker, s=28, linewidths=1.2, label=f"{label} test"))
            title, legend_title = "P(class 1); black line: 0.5", "class"
        (self.trace_marker,) = ax.plot([], [], marker="*", ms=20, color="black",
                                       markerfacecolor=COLORS[2], ls="none")
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title=title)
        handles = None
        if m.regression:       # grey markers: a point's colour is its target, not its set
            handles = [Line2D([], [], ls="none", marker="o", color="grey", mec="black",
                              label="train"),
                       Line2D([], [], ls="none", marker="o", mfc="none", mec="grey",
                              mew=1.4, label="test")]
        ax.legend(handles=handles, loc="lower left", fontsize=SMALL_FONT, framealpha=0.7,
                  handletextpad=0.2, ncols=2, title=legend_title, title_fontsize=SMALL_FONT,
                  columnspacing=0.6, borderpad=0.2, labelspacing=0.15)

        lax = self.ax_loss
        (self.train_line,) = lax.plot([], [], color=COLORS[0], lw=2, label="train")
        (self.test_line,) = lax.plot([], [], color=COLORS[1], lw=2, ls="--", label="test")
        lax.set(xlabel="epoch", ylabel="MSE" if m.regression else "cross-entropy cost",
                title="loss")
        lax.legend(loc="upper right", fontsize=SMALL_FONT)
        lax.grid(alpha=0.3)
        lax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        self._build_diagram()
        # what a training step changes is drawn over a kept picture of the rest (App.moving),
        # with what lies on top of it in the picture: the points, the legends, the frame
        self.moving(self.boundary_image, self.boundary_line, self.trace_marker,
                    self.train_line, self.test_line, self.diagram_image, self.edges,
                    *ax.collections, ax.get_legend(), lax.get_legend(), *ax.spines.values())
        for text in (ax.title, lax.title, lax.xaxis.label, lax.yaxis.label, ax.xaxis.label,
                     ax.yaxis.label):
            text.set_fontsize(FONT_SIZE)
        for a in (self.ax_boundary, self.ax_loss, self.ax_diagram):
            a.tick_params(labelsize=TICK_FONT)
        for axis in (ax.xaxis, ax.yaxis, lax.yaxis):      # fewer labels: each costs a draw
            axis.set_major_locator(MaxNLocator(nbins=4))
        self._update()

    def _build_diagram(self):
        """The diagram's artists: one image for every node, one LineCollection for every
        weight, the layers' names on top and the features' names on the left."""
        dax, m = self.ax_diagram, self.model
        height, width = self._diagram_shape
        sizes = [len(m.settings.features), *m.settings.hidden, 1]
        self._node_xy = diagram_positions(sizes, height, width)   # per layer: (n_l, 2)
        self._starts, self._ends = edge_segments(self._node_xy)
        self.edges = LineCollection(np.zeros((0, 2, 2)), zorder=1, capstyle="round")
        dax.add_collection(self.edges)
        self.diagram_image = dax.imshow(np.zeros((height, width, 4), np.uint8),
                                        interpolation="nearest", origin="upper",
                                        extent=(0, width, height, 0), aspect="auto", zorder=2)
        dax.set_xlim(0, width)
        dax.set_ylim(height, 0)
        for spine in dax.spines.values():
            spine.set_visible(False)
        names = (["features"] + [f"layer {k + 1}" for k in range(len(m.settings.hidden))]
                 + ["output"])
        dax.xaxis.tick_top()
        dax.set_xticks([xy[0, 0] for xy in self._node_xy], names)
        dax.set_yticks(self._node_xy[0][:, 1], [FEATURES[f].label for f in m.settings.features])
        dax.tick_params(length=0)

    def _update(self):
        """Move the existing artists to the model's current state and redraw the canvas."""
        m, c = self.model, self.controls
        xx, yy, P = m.decision_grid(discretize=c["discretize output"].value)
        self.boundary_image.set_data(P)
        self.boundary_line.set_segments(
            [] if m.regression else contour_generator(x=xx, y=yy, z=P).lines(0.5))
        for points in self.test_points:
            if points.get_visible() != c["show test points"].value:
                points.set_visible(c["show test points"].value)
        h = m.history
        self.train_line.set_data(h.epoch, h.train_loss)
        self.test_line.set_data(h.epoch, h.test_loss)
        for line in (self.train_line, self.test_line):   # one point draws no line: mark it
            line.set_marker("o" if len(h.epoch) == 1 else "None")
        # the axes grow in round jumps (10, 20, 50, 100, ... epochs): most steps then redraw
        # the lines only, not the axes
        top = max(max(h.train_loss), max(h.test_loss))
        set_limits(self.ax_loss, x=(0, round_up_125(max(10, h.epoch[-1]))),
                   y=rounded_out(0, 1.05 * top) if math.isfinite(top) else (0, 1.0))
        self._update_diagram()
        self._clear_trace()
        self.readout.value = f"<span class='pg-status'>{html.escape(self._status())}</span>"
        self._show_share()
        self.redraw()

    def _status(self):
        """The model's summary, and what the picture leaves out or rounds."""
        notes = [("test points hidden", not self.controls["show test points"].value),
                 ("output discretized", self.controls["discretize output"].value)]
        return "; ".join([self.model.summary()] + [note for note, on in notes if on])

    def _update_diagram(self):
        m = self.model
        values = diagram_image(m.node_grids(TILE), self._node_xy, self._diagram_shape,
                               m.regression)
        # colours computed here, RGBA bytes: matplotlib then only resamples the image (no
        # normalisation or NaN masking per draw), several ms less per frame
        self.diagram_image.set_data(TWO_CLASSES((values + 1) / 2, bytes=True))
        self.diagram_values = values
        weights = np.concatenate([W.ravel() for W in m.net.weights])
        self.edges.set_segments(np.stack([self._starts, self._ends], axis=1))
        self.edges.set_linewidths(edge_widths(weights))
        self.edges.set_color(np.where(weights >= 0, COLORS[1], COLORS[0]))

    def _show_share(self):
        code = html.escape(self.model.share(), quote=False)
        self.share_box.value = (f"Reproduce or share this run: <code style='font-size:"
                                f"{CONTROL_TEXT_PX}px'>{code}</code>")

    # ------------------------------------------------------------------ trace
    def trace_next(self):
        """Trace the next training example (the first one the first time): its point is
        starred, each node of the diagram shows its output a and its error delta = dC/dz,
        and the readout gives the input, target, output and cost."""
        n = len(self.model.X_train)
        self._trace_index = 0 if self._trace_index is None else (self._trace_index + 1) % n
        self.show_trace(self._trace_index)

    def show_trace(self, i):
        """Write example ``i``'s forward and backward numbers on the diagram."""
        m = self.model
        t = m.trace_example(i)
        self._clear_trace()
        self._trace_index = i
        dax = self.ax_diagram
        for layer, xy in enumerate(self._node_xy):
            for j, (x, y) in enumerate(xy):
                text = f"{t.a[layer][j]:.2f}"
                if layer > 0:
                    text += f"\nδ {t.delta[layer - 1][j]:.3f}"
                self._trace_texts.append(dax.text(
                    x + TILE / 2 + 1, y, text, fontsize=SMALL_FONT, va="center", ha="left",
                    zorder=3, linespacing=0.95,
                    bbox={"facecolor": "white", "alpha": 0.75, "pad": 0.5, "lw": 0}))
        self.trace_marker.set_data([t.x[0]], [t.x[1]])
        answer = t.a[-1][0]
        target = f"target {t.y:.2f}" if m.regression else f"class {t.y:.0f}"
        self.readout.value = (
            f"<span class='pg-status'>trace of training example {i}: point ({t.x[0]:.2f}, "
            f"{t.x[1]:.2f}), {target}, output {answer:.3f}, cost {t.cost:.4f}. On the "
            f"diagram: each node's output, and δ = dC/dz (its error). "
            f"{html.escape(self._status())}</span>")
        self.redraw()
        return t

    def _clear_trace(self):
        for text in self._trace_texts:
            text.remove()
        self._trace_texts = []
        if len(self.trace_marker.get_xdata()):
            self.trace_marker.set_data([], [])

    # --------------------------------------------------------------- actions
    def reset(self):
        """Start over from the current settings (same seed: the same data and weights)."""
        self.model.reset()
        self._redraw_all()

    def new_seed(self):
        """Start over with the next seed (new noise, split, first weights and batch order)."""
        check_fits_the_controls(PlaygroundSettings(**{**self.model.settings.__dict__,
                                                      "seed": self.model.settings.seed + 1}))
        self.model.new_seed()
        self._show_settings()
        self._redraw_all()

    def load_code(self, text):
        """Rebuild the experiment from a shared line (see ``from_code``)."""
        settings = PlaygroundSettings(**settings_from_code(text))
        check_fits_the_controls(settings)
        self.model.settings = settings
        self.model.reset()
        self._show_settings()
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
            self.readout.value = (f"<span class='pg-diverged' style='color:{ALERT_COLOR}'>"
                                  f"{html.escape(str(err))}</span>")
            return
        self._update()

    def _on_tick(self, change):
        if change["new"] <= change["old"]:       # the Play widget's stop button rewinds it
            return
        self._train(EPOCHS_PER_TICK, budget=TICK_SECONDS)

    def _change_layers(self, delta):
        n = self._n_layers + delta
        if not LAYERS_RANGE[0] <= n <= LAYERS_RANGE[1]:
            raise ValueError(f"the playground has {LAYERS_RANGE[0]} to {LAYERS_RANGE[1]} hidden "
                             f"layers; it has {self._n_layers} now.")
        self._n_layers = n
        for k, name in enumerate(self._unit_names()):
            self.controls[name].layout.display = None if k < n else "none"
        self._on_setting()

    def _on_setting(self):
        if self._syncing:
            return
        c = self.controls
        hidden = tuple(c[name].value for name in self._unit_names()[:self._n_layers])
        features = tuple(name for name in FEATURES if c[f"feature {name}"].value)
        if not features:
            self._show_settings()         # the toggles show the features still in use
            raise ValueError("choose at least one input feature (the network needs an input); "
                             "the last one stays on.")
        self.model.reset(dataset=c["dataset"].value, noise=float(c["noise"].value),
                         test_fraction=c["test %"].value / 100, features=features,
                         hidden=hidden, activation=c["activation"].value,
                         seed=int(c["seed"].value))
        self._redraw_all()

    def _on_training_setting(self):
        if self._syncing:
            return
        c = self.controls
        self.model.set_training(lr=c["lr"].value, batch_size=c["batch_size"].value,
                                regularization=c["regularization"].value,
                                reg_rate=c["reg_rate"].value)
        self.readout.value = f"<span class='pg-status'>{html.escape(self._status())}</span>"
        self._show_share()

    def show_error(self, err):
        self.play.playing = False                 # an error stops Play, then shows as usual
        super().show_error(err)

    # ------------------------------------------------------------- for tests
    def data_boxes(self):
        """``App.data_boxes`` plus two views of the diagram, so that the browser test can tell
        a frozen part from a live one: "diagram nodes" (the diagram without the strips between
        its columns, where only weight lines and traced numbers are) and "diagram edges" (the
        diagram without the node pictures and the traced numbers)."""
        boxes = super().data_boxes()
        diagram = next(a for a in boxes["axes"] if a["name"] == "diagram")
        to_figure = self.ax_diagram.transData.transform
        height = self.figure.bbox.height
        x0, y0, x1, y1 = diagram["box"]

        def figure_box(left, top, right, bottom):       # image pixels -> figure pixels
            (a, b), (c, d) = to_figure([(left, top), (right, bottom)])
            return [round(min(a, c), 1), round(height - max(b, d), 1),
                    round(max(a, c), 1), round(height - min(b, d), 1)]

        half = TILE / 2
        tiles = [figure_box(x - half, y - half, x + half, y + half)
                 for xy in self._node_xy for x, y in xy]
        strips = [[figure_box(left[0, 0] + half, 0, right[0, 0] - half, 0)[0], y0,
                   figure_box(left[0, 0] + half, 0, right[0, 0] - half, 0)[2], y1]
                  for left, right in zip(self._node_xy, self._node_xy[1:])]
        output_right = figure_box(*(self._node_xy[-1][0] + half), *(self._node_xy[-1][0] + half))
        strips.append([output_right[0], y0, x1, y1])      # the output's traced numbers
        renderer = self.figure.canvas.get_renderer()
        texts = []
        for text in self._trace_texts:
            bb = text.get_window_extent(renderer)
            texts.append([round(bb.x0, 1), round(height - bb.y1, 1), round(bb.x1, 1),
                          round(height - bb.y0, 1)])
        boxes["axes"] += [
            {"name": "diagram nodes", "box": diagram["box"],
             "masks": diagram["masks"] + strips + texts},
            {"name": "diagram edges", "box": diagram["box"],
             "masks": diagram["masks"] + tiles + texts}]
        return boxes

    # ---------------------------------------------------------------- display
    def close(self):
        """Stop Play and close every widget of the playground (also of one whose settings
        were refused half way through building it)."""
        if hasattr(self, "play"):
            self.play.playing = False
        for extra in ("code_box", "load_button", "add_layer_button", "remove_layer_button",
                      "trace_button", "seed_button"):
            if hasattr(self, extra):
                getattr(self, extra).close()
        super().close()

    def __repr__(self):  # short and stable (nbval): the line that rebuilds this experiment
        return f"Playground: {self.model.share()}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)   # whole, not cut at 110 characters: it is Python
        return bundle


# ------------------------------------------------------------------ the diagram's geometry
def round_up_125(value):
    """The smallest of 1, 2, 5, 10, 20, 50, ... that is at least ``value`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= value)


def diagram_positions(sizes, height, width):
    """Centres (x, y) of every node in the diagram image, in image pixels from the top left:
    a list, one (n_l, 2) array per layer. Layer l's column sits at x = TILE/2 + l * pitch
    (the columns spread over the width); its nodes are ROW_PITCH apart, centred in height."""
    pitch = (width - TILE - 60) / max(len(sizes) - 1, 1)   # 60 px right of the output: room
    positions = []                                         # for its traced numbers
    for layer, n in enumerate(sizes):
        y = height / 2 + (np.arange(n) - (n - 1) / 2) * ROW_PITCH
        positions.append(np.column_stack([np.full(n, TILE / 2 + layer * pitch), y]).round())
    return positions


def edge_segments(positions):
    """Start and end points (E, 2) of every weight's line, in the order of
    ``np.concatenate([W.ravel() for W in weights])``: W[l][k, j] joins node k of layer l
    (its right edge) to node j of layer l+1 (its left edge)."""
    starts, ends = [], []
    for left, right in zip(positions, positions[1:]):
        k, j = np.meshgrid(np.arange(len(left)), np.arange(len(right)), indexing="ij")
        starts.append(left[k.ravel()] + [TILE / 2, 0])
        ends.append(right[j.ravel()] - [TILE / 2, 0])
    return np.concatenate(starts), np.concatenate(ends)


def edge_widths(weights):
    """Line width (points) of each weight: 0.4 + 2.5 |w|, at most 6 (so size shows)."""
    return np.minimum(0.4 + 2.5 * np.abs(weights), 6.0)


def diagram_image(grids, positions, shape, regression=False):
    """Every node's picture placed at its position in one (height, width) array, NaN
    elsewhere (drawn transparent). Tiles are flipped so x2 grows upwards on screen; a
    feature's or hidden unit's tile is divided by its largest |value| (so it lies in
    [-1, 1]); the output tile is 2P - 1 for a probability P, the value itself for regression
    (both in [-1, 1]: orange +1, blue -1)."""
    image = np.full(shape, np.nan)
    half = TILE // 2
    for layer, (units, xy) in enumerate(zip(grids, positions)):
        last = layer == len(grids) - 1
        for tile, (x, y) in zip(units, xy):
            if last:
                tile = np.clip(tile, -1, 1) if regression else 2 * tile - 1
            else:
                scale = np.max(np.abs(tile))
                tile = tile / scale if scale > 0 else tile
            x0, y0 = int(x) - half, int(y) - half
            image[y0:y0 + TILE, x0:x0 + TILE] = tile[::-1]
    return image


def check_fits_the_controls(s):
    """Refuse settings the controls cannot show (a slider would clamp them silently)."""
    problems = []
    if not NOISE_RANGE[0] <= s.noise <= NOISE_RANGE[1] or round(s.noise, 2) != s.noise:
        problems.append(f"noise={s.noise!r} (the slider goes from {NOISE_RANGE[0]} to "
                        f"{NOISE_RANGE[1]} and shows two decimals)")
    low, high, step = TEST_PERCENTS
    if round(100 * s.test_fraction) / 100 != s.test_fraction or not (
            low <= round(100 * s.test_fraction) <= high
            and round(100 * s.test_fraction) % step == 0):
        problems.append(f"test_fraction={s.test_fraction!r} (the slider takes {low / 100} to "
                        f"{high / 100} in steps of {step / 100})")
    if not LAYERS_RANGE[0] <= len(s.hidden) <= LAYERS_RANGE[1]:
        problems.append(f"hidden={s.hidden!r} has {len(s.hidden)} layers (the playground "
                        f"shows {LAYERS_RANGE[0]} to {LAYERS_RANGE[1]})")
    if s.hidden and not UNITS_RANGE[0] <= max(s.hidden) <= UNITS_RANGE[1]:
        problems.append(f"hidden={s.hidden!r} has {max(s.hidden)} units in a layer (each "
                        f"layer's box takes {UNITS_RANGE[0]} to {UNITS_RANGE[1]})")
    if s.seed > SEED_MAX:
        problems.append(f"seed={s.seed!r} (the box takes 0 to {SEED_MAX:,})")
    if problems:
        raise ValueError("the Playground's controls cannot show " + "; ".join(problems)
                         + ". Choose settings in those ranges, or use PlaygroundModel(...), "
                           "which takes any settings, without the widget.")


def _with(options, value):
    """The menu ``options`` plus ``value`` if a caller chose a value outside it, sorted."""
    return tuple(sorted(set(options) | {value}))

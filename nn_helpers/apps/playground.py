# g: grid points per axis, h: hidden units of a layer, L: layers.  pictures: (g, g) per axis
"""``Playground``: the widget app over a ``PlaygroundModel`` (controls + three live pictures).

    from nn_helpers.playground import Playground
    pg = Playground(dataset="circles")   # displays it in a notebook
    pg.controls["dataset"].value = "xor"; pg.step_button.click(); pg.model.summary()

The model (data, network, training, history) is ``nn_helpers.playground``, NumPy only and
tested headlessly; this module only wires it to controls and draws it.

Design choices (deliberate):
* Play is an ipywidgets ``Play`` widget, not an asyncio task. The browser's timer ticks its
  value; each tick is one ordinary comm message whose handler trains for a short, bounded
  time (TICK_SECONDS) and returns, so the kernel is never blocked and other cells and
  controls keep working. Nothing keeps running when no browser is attached (nbval, a
  closed tab), and a test drives it exactly as the browser does: ``play.value += 1``.
  An asyncio task would have to be cancelled by hand and depends on how the kernel's event
  loop interleaves messages. Ticks that queued up while the kernel was busy are dropped,
  so a slow machine trains less often instead of falling behind.
* The figure is one ipympl canvas (see ``nn_helpers.apps.base``): each update changes the
  data of the existing artists and redraws in place; a reset re-creates them.
"""

from __future__ import annotations

import html
import math
import time

import ipywidgets as w
from matplotlib.colors import LinearSegmentedColormap

from ..playground import (
    ACTIVATIONS,
    BATCH_SIZES,
    DATASETS,
    L2_RATES,
    LEARNING_RATES,
    PlaygroundModel,
    PlaygroundSettings,
    TrainingDiverged,
    hidden_mosaic,
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
    wrapping_row,
)

EPOCHS_PER_TICK = 5      # epochs trained per Play tick (slow enough to watch it learn) ...
TICK_SECONDS = 0.15      # ... unless they take longer than this (a big network)
PLAY_INTERVAL_MS = 300   # how often the Play widget ticks


class Playground(App):
    """The interactive playground: controls + live pictures over a ``PlaygroundModel``.

    >>> pg = Playground(dataset="circles")          # doctest: +SKIP
    >>> pg                                            # displays it in a notebook
    Set controls from code too: ``pg.controls["dataset"].value = "xor"``;
    ``pg.step_button.click()``; ``pg.model`` is the model behind the pictures.
    """

    ERROR_CLASS = "pg-error"

    def __init__(self, settings: PlaygroundSettings | None = None, **overrides):
        self.model = PlaygroundModel(settings, **overrides)
        _check_fits_the_controls(self.model.settings)
        self._last_tick_end = 0.0
        controls = self._build_controls()
        super().__init__(controls, *self._build_figure(), layout=w.Layout(padding="4px"))
        self.status = self.readout    # the line that notebook 11 and the tests call status
        self.add_class("nn-playground")                # a handle for the browser test
        # changing the data or the network starts a new experiment ...
        self.on_change(self._on_setting,
                       ("dataset", "noise", "layers", "units", "activation", "seed"))
        # ... while lr, batch size and L2 apply from the next step, as in a real run
        self.on_change(self._on_training_setting, ("lr", "batch_size", "l2"))
        self.step_button.on_click(self.guarded(lambda _: self._train(1)))
        self.reset_button.on_click(self.guarded(lambda _: self.reset()))
        self.play.observe(self.guarded(self._on_tick), names="value")
        self._redraw_all()

    # --------------------------------------------------------------- controls
    def _build_controls(self):
        s = self.model.settings
        kw = {"layout": w.Layout(width="250px"), "style": {"description_width": "108px"}}
        controls = {
            "dataset": w.Dropdown(options=sorted(DATASETS), value=s.dataset,
                                  description="data set", **kw),
            "noise": w.FloatSlider(value=s.noise, min=NOISE_RANGE[0], max=NOISE_RANGE[1],
                                   step=0.05,
                                   description="noise", continuous_update=False,
                                   readout_format=".2f", **kw),
            "layers": w.IntSlider(value=len(s.hidden), min=LAYERS_RANGE[0], max=LAYERS_RANGE[1],
                                  description="hidden layers",
                                  continuous_update=False, **kw),
            "units": w.IntSlider(value=max(s.hidden), min=UNITS_RANGE[0], max=UNITS_RANGE[1],
                                 description="units/layer",
                                 continuous_update=False, **kw),
            "activation": w.Dropdown(options=list(ACTIVATIONS), value=s.activation,
                                     description="activation", **kw),
            "seed": w.BoundedIntText(value=s.seed, min=0, max=SEED_MAX, description="seed",
                                     **kw),
            "lr": w.Dropdown(options=_with(LEARNING_RATES, s.lr), value=s.lr,
                             description="learning rate", **kw),
            "batch_size": w.Dropdown(options=_with(BATCH_SIZES, s.batch_size),
                                     value=s.batch_size, description="batch size", **kw),
            "l2": w.Dropdown(options=_with(L2_RATES, s.l2), value=s.l2, description="L2", **kw),
        }
        self.step_button = w.Button(description="Step", icon="step-forward",
                                    tooltip="train one epoch", layout=w.Layout(width="90px"))
        self.reset_button = w.Button(description="Reset", icon="refresh",
                                     tooltip="new weights (same seed: same start)",
                                     layout=w.Layout(width="90px"))
        # the Play widget ticks (its timer runs in the browser); it is not shown: its own
        # buttons are bare icons. A labelled toggle starts and pauses it instead.
        self.play = w.Play(value=0, min=0, max=10**9, step=1, interval=PLAY_INTERVAL_MS,
                           show_repeat=False, description="Play/Pause",
                           tooltip="train continuously; pause to stop",
                           layout=w.Layout(display="none"))
        self.play_button = w.ToggleButton(value=False, description="Play", icon="play",
                                          tooltip="train continuously; click again to pause",
                                          layout=w.Layout(width="110px"))
        self._play_link = w.link((self.play_button, "value"), (self.play, "playing"))
        self.play_button.observe(self._label_play, names="value")
        self.share_box = w.HTML()
        return controls

    def _layout(self):
        c = self.controls
        column = w.Layout(margin="0 12px 0 0")
        data = w.VBox([w.HTML("<b>Data</b>"), c["dataset"], c["noise"], c["seed"]],
                      layout=column)
        network = w.VBox([w.HTML("<b>Network</b>"), c["layers"], c["units"], c["activation"]],
                         layout=column)
        training = w.VBox([w.HTML("<b>Training</b>"), c["lr"], c["batch_size"], c["l2"]],
                          layout=column)
        buttons = wrapping_row([self.play_button, self.step_button, self.reset_button, self.play])
        return [wrapping_row([data, network, training]), buttons, self.readout, self.canvas,
                self.share_box]

    # ----------------------------------------------------------------- figure
    def _build_figure(self):
        fig, canvas = figure_canvas(figsize=(7.6, 6.6))   # 760 px: fits at 1024 px
        # a fixed layout: constrained layout would re-run on every redraw and double its cost
        fig.set_layout_engine("none")
        canvas.toolbar_visible = False
        canvas.footer_visible = False
        canvas.resizable = False
        # the surface and the loss side by side; the hidden units (a wide mosaic) below
        axes = fig.subplot_mosaic([["boundary", "loss"], ["units", "units"]], gridspec_kw={
            "height_ratios": [1.3, 1], "left": 0.1, "right": 0.98, "bottom": 0.03,
            "top": 0.94, "wspace": 0.32, "hspace": 0.3})
        self.ax_boundary, self.ax_loss, self.ax_units = (axes[k] for k in
                                                         ("boundary", "loss", "units"))
        self.data_axes = axes
        return fig, canvas

    def _label_play(self, change):
        self.play_button.description = "Pause" if change["new"] else "Play"
        self.play_button.icon = "pause" if change["new"] else "play"

    def _redraw_all(self):
        """Re-create every artist (after a reset: new data, maybe a new architecture)."""
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
                       edgecolors="black", linewidths=0.6, label=f"{label} train")
            ax.scatter(te[:, 0], te[:, 1], facecolors="none", edgecolors=COLORS[label],
                       marker=marker, s=28, linewidths=1.2, label=f"{label} test")
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title="P(class 1); black line: 0.5")
        ax.legend(loc="lower left", fontsize=SMALL_FONT, framealpha=0.7, handletextpad=0.2, ncols=2,
                  title="class", title_fontsize=SMALL_FONT, columnspacing=0.6,
                  borderpad=0.2, labelspacing=0.15)

        lax = self.ax_loss
        (self.train_line,) = lax.plot([], [], color=COLORS[0], lw=2, label="train")
        (self.test_line,) = lax.plot([], [], color=COLORS[1], lw=2, ls="--", label="test")
        lax.set(xlabel="epoch", ylabel="cross-entropy cost", title="loss")
        lax.legend(loc="upper right", fontsize=SMALL_FONT)
        lax.grid(alpha=0.3)

        uax = self.ax_units
        grids = m.hidden_grids()
        self.units_image = uax.imshow(hidden_mosaic(grids), cmap="PuOr_r", vmin=-1, vmax=1,
                                      interpolation="nearest", origin="upper")
        r = grids[0].shape[-1]
        cell = r + 2
        uax.set_yticks([layer * cell + r / 2 for layer in range(len(m.settings.hidden))],
                       [f"layer {layer + 1}" for layer in range(len(m.settings.hidden))])
        uax.set_xticks([])
        uax.set_title("hidden units' outputs (each scaled to its max |output|)",
                      fontsize=SMALL_FONT)
        for text in (ax.title, lax.title, lax.xaxis.label, lax.yaxis.label, ax.xaxis.label,
                     ax.yaxis.label):
            text.set_fontsize(FONT_SIZE)
        for a in (self.ax_boundary, self.ax_loss, self.ax_units):
            a.tick_params(labelsize=TICK_FONT)
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
        self.readout.value = f"<span class='pg-status'>{m.summary()}</span>"
        self._show_share()
        self.redraw()

    def _show_share(self):
        self.share_box.value = (f"Reproduce or share this run: <code style='font-size:"
                                f"{CONTROL_TEXT_PX}px'>{self.model.share()}</code>")

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
            self.readout.value = (f"<span class='pg-diverged' style='color:{ALERT_COLOR}'>"
                                  f"{html.escape(str(err))}</span>")
            return
        self._update()

    def _on_tick(self, change):
        if change["new"] <= change["old"]:       # the Play widget's stop button rewinds it
            return
        if time.monotonic() - self._last_tick_end < 0.5 * PLAY_INTERVAL_MS / 1000:
            return                                # a tick that queued while we were busy
        self._train(EPOCHS_PER_TICK, budget=TICK_SECONDS)
        self._last_tick_end = time.monotonic()

    def _on_setting(self):
        c = self.controls
        hidden = (c["units"].value,) * c["layers"].value
        self.model.reset(dataset=c["dataset"].value, noise=float(c["noise"].value),
                         hidden=hidden, activation=c["activation"].value,
                         seed=int(c["seed"].value))
        self._redraw_all()

    def _on_training_setting(self):
        c = self.controls
        self.model.set_training(lr=c["lr"].value, batch_size=c["batch_size"].value,
                                l2=c["l2"].value)
        self._show_share()

    def show_error(self, err):
        self.play.playing = False                 # an error stops Play, then shows as usual
        super().show_error(err)

    # ---------------------------------------------------------------- display
    def close(self):
        """Stop Play and close every widget of the playground (also of one whose settings
        were refused half way through building it)."""
        if hasattr(self, "play"):
            self.play.playing = False
        super().close()

    def __repr__(self):  # short and stable (nbval): the line that rebuilds this experiment
        return f"Playground: {self.model.share()}"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)   # whole, not cut at 110 characters: it is Python
        return bundle


# What the sliders can show. A setting outside them would be clamped by the widget, and the
# picture would then show one experiment while the sliders claim another.
NOISE_RANGE, LAYERS_RANGE, UNITS_RANGE, SEED_MAX = (0.0, 0.5), (1, 4), (1, 16), 10**6


def _check_fits_the_controls(s):
    problems = []
    if not NOISE_RANGE[0] <= s.noise <= NOISE_RANGE[1]:
        problems.append(f"noise={s.noise!r} (the slider goes from {NOISE_RANGE[0]} to "
                        f"{NOISE_RANGE[1]})")
    if not LAYERS_RANGE[0] <= len(s.hidden) <= LAYERS_RANGE[1]:
        problems.append(f"hidden={s.hidden!r} has {len(s.hidden)} layers (the slider goes "
                        f"from {LAYERS_RANGE[0]} to {LAYERS_RANGE[1]})")
    if len(set(s.hidden)) > 1:
        problems.append(f"hidden={s.hidden!r} has layers of different widths (one slider sets "
                        f"the width of every layer)")
    if not UNITS_RANGE[0] <= max(s.hidden) <= UNITS_RANGE[1]:
        problems.append(f"hidden={s.hidden!r} has {max(s.hidden)} units in a layer (the "
                        f"slider goes from {UNITS_RANGE[0]} to {UNITS_RANGE[1]})")
    if s.seed > SEED_MAX:
        problems.append(f"seed={s.seed!r} (the box takes 0 to {SEED_MAX:,})")
    if problems:
        raise ValueError("the Playground's controls cannot show " + "; ".join(problems)
                         + ". Choose settings in those ranges, or use PlaygroundModel(...), "
                           "which takes any settings, without the widget.")


def _with(options, value):
    """The menu ``options`` plus ``value`` if a caller chose a value outside it, sorted."""
    return tuple(sorted(set(options) | {value}))

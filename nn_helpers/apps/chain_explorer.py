# every value is one number: one example, one neuron (see nn_helpers/chain.py).
"""The chain explorer of notebook 04: nudge one input of a neuron's chain, watch every value move.

    from nn_helpers.apps import chain_explorer
    app = chain_explorer(which="x", nudge=0.1)     # x -> z = w x + b -> a = sigma(z) -> C
    app.controls["nudge size"].value = 0.001       # what a slider drag does

The numbers come from the pure ``nn_helpers.chain.nudge_chain`` (unit-tested); this module only
draws them: the chain as a row of boxes (each value before -> after the nudge, and its change),
the local slope on every arrow, and a bar chart of each measured change / nudge next to the
chain rule's product of the local slopes.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..chain import CHAIN_INPUTS, CHAIN_STEPS, DEFAULTS, FORMULAS, nudge_chain
from ..plots import COLORS
from .base import (
    FONT_SIZE,
    SMALL_FONT,
    TICK_FONT,
    App,
    ExactLogSlider,
    figure_canvas,
    require_in_range,
    rounded_out,
    set_limits,
)

SLOPE_NAMES = {"x": "w = ", "w": "x = ", "b": ""}   # the slope of z = w x + b towards each input
MIN_NUDGE, MAX_NUDGE = 0.001, 1.0


def _signed(value, digits=4):
    return f"{value:+.{digits}f}".replace("-", "−")


def _plain(value, digits=4):
    return f"{value:.{digits}f}".replace("-", "−")


class ChainExplorer(App):
    """Nudge x, w or b of the chain x -> z -> a -> C and compare the measured change of every
    value with the product of the local slopes (the chain rule)."""

    def __init__(self, which="x", nudge=0.1, x=DEFAULTS["x"], w=DEFAULTS["w"],
                 b=DEFAULTS["b"], y=DEFAULTS["y"]):
        if which not in CHAIN_INPUTS:
            raise ValueError(f"which={which!r}: choose one of {list(CHAIN_INPUTS)}.")
        require_in_range("nudge", nudge, MIN_NUDGE, MAX_NUDGE)
        self.point = {"x": x, "w": w, "b": b, "y": y}
        nudge_chain(**self.point, which=which, nudge=nudge)   # refuse a bad point up front
        controls = [
            widgets.Dropdown(options=list(CHAIN_INPUTS), value=which, description="nudge"),
            ExactLogSlider(value=nudge, base=10, min=np.log10(MIN_NUDGE),
                           max=np.log10(MAX_NUDGE), step=0.05,
                           description="nudge size", readout_format=".3g",
                           continuous_update=True, style={"description_width": "initial"},
                           layout=widgets.Layout(width="420px")),
        ]
        figure, canvas = figure_canvas((7.6, 5.6))   # 760 px
        self.chain_ax, self.bar_ax = figure.subplots(2, 1, height_ratios=[1.0, 1.25])
        self._draw_chain()
        self._draw_bars()
        # the chain's boxes: every value before -> after, written out (numbers are its data)
        self.data_axes = {"chain": self.chain_ax, "bars": self.bar_ax}
        self.text_is_data = {"chain"}
        super().__init__(controls, figure, canvas)
        self.bar_ax.set_title("", fontsize=FONT_SIZE)   # its text is set by update
        self.moving(*self.boxes, *self.slope_labels, self.chain_title, *self.bars,
                    *self.products, *self.bar_labels, self.bar_ax.title, self.bar_legend,
                    self.zero_line, *self.bar_ax.spines.values())
        self._tick_names = None
        self.on_change(self.update)
        self.update()

    # ---------------------------------------------------------------- drawing
    def _draw_chain(self):
        ax = self.chain_ax
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        self.box_x = (0.09, 0.36, 0.64, 0.91)
        box = dict(boxstyle="round,pad=0.4", facecolor="white", linewidth=1.5)
        self.boxes = [ax.text(bx, 0.42, "", ha="center", va="center", fontsize=TICK_FONT,
                              bbox=dict(box, edgecolor=COLORS[0] if i == 0 else "0.4"))
                      for i, bx in enumerate(self.box_x)]
        self.slope_labels = []
        for left, right in zip(self.box_x[:-1], self.box_x[1:]):
            ax.annotate("", xy=(right - 0.092, 0.42), xytext=(left + 0.08, 0.42), zorder=0,
                        arrowprops=dict(arrowstyle="-|>", lw=2, color="0.3"))
            self.slope_labels.append(ax.text((left + right) / 2, 0.85, "", ha="center",
                                             va="center", fontsize=SMALL_FONT,
                                             color=COLORS[5]))
        self.chain_title = ax.text(0.5, 1.12, "", ha="center", va="center",
                                   fontsize=FONT_SIZE, transform=ax.transAxes)

    def _draw_bars(self):
        ax = self.bar_ax
        positions = np.arange(len(CHAIN_STEPS))
        self.bars = ax.bar(positions - 0.18, np.zeros(len(CHAIN_STEPS)), width=0.36,
                           color=COLORS[0], label="measured: change / nudge")
        self.products = ax.bar(positions + 0.18, np.zeros(len(CHAIN_STEPS)), width=0.36,
                               color=COLORS[1], hatch="//", edgecolor="black",
                               label="chain rule: product of the slopes so far")
        self.bar_labels = [ax.text(p, 0, "", ha="center", fontsize=SMALL_FONT)
                           for p in np.concatenate([positions - 0.18, positions + 0.18])]
        self.zero_line = ax.axhline(0, color="0.4", lw=1)
        ax.set_xticks(positions)
        ax.set_ylabel("per unit of nudge", fontsize=FONT_SIZE)
        ax.tick_params(labelsize=TICK_FONT)
        ax.grid(axis="y", alpha=0.3)
        self.bar_legend = ax.legend(loc="upper right", fontsize=SMALL_FONT)

    # ----------------------------------------------------------------- update
    def update(self):
        which = self.controls["nudge"].value
        nudge = self.controls["nudge size"].value
        result = nudge_chain(**self.point, which=which, nudge=nudge)
        self.result = result
        names = result.names
        formulas = [which, *(FORMULAS[s] for s in CHAIN_STEPS)]
        for box, name, formula, before, after, change in zip(
                self.boxes, names, formulas, result.before, result.after, result.changes):
            box.set_text(f"{formula}\n{_plain(before)} → {_plain(after)}\n"
                         f"Δ{name} = {_signed(change, 5)}")
        slope_words = [f"local slope\n{SLOPE_NAMES[which]}{_plain(result.slopes[0], 3)}",
                       f"local slope\nσ′(z) = {_plain(result.slopes[1], 3)}",
                       f"local slope\na − y = {_plain(result.slopes[2], 3)}"]
        for label, words in zip(self.slope_labels, slope_words):
            label.set_text(words)
        self.chain_title.set_text(f"nudge {which} by {nudge:.3g} and follow the change")

        measured, predicted = result.ratios[1:], result.running_products[1:]
        for bar, value in zip(self.bars, measured):
            bar.set_height(value)
        for bar, value in zip(self.products, predicted):
            bar.set_height(value)
        for label, bar, value in zip(self.bar_labels, [*self.bars, *self.products],
                                     [*measured, *predicted]):
            label.set_position((bar.get_x() + bar.get_width() / 2, value))
            label.set_va("bottom" if value >= 0 else "top")
            label.set_text(_plain(value, 4))
        tick_names = [f"Δ{s} / Δ{which}" for s in CHAIN_STEPS]
        if tick_names != self._tick_names:
            self.bar_ax.set_xticklabels(tick_names)
            self._tick_names = tick_names
        top = max(max(measured), max(predicted), 0.0)
        bottom = min(min(measured), min(predicted), 0.0)
        pad = 0.25 * (top - bottom) + 0.05
        set_limits(self.bar_ax, y=rounded_out(bottom - pad, top + pad))
        self.bar_ax.title.set_text(f"measured ΔC / Δ{which} = {_plain(result.measured, 5)}, "
                                   f"product of slopes = {_plain(result.product, 5)}")
        slopes = " × ".join(f"({_plain(s, 4)})" if s < 0 else _plain(s, 4)
                            for s in result.slopes)
        self.readout.value = (f"<b>nudge {which} by {nudge:.3g}</b> &middot; C moves by "
                              f"{_signed(result.changes[-1], 6)} &middot; measured "
                              f"ΔC/Δ{which} = {_plain(result.measured, 6)} &middot; product of "
                              f"the local slopes {slopes} = {_plain(result.product, 6)} "
                              f"&middot; gap {_plain(result.gap, 6)}")
        self.redraw()


def chain_explorer(which="x", nudge=0.1, x=DEFAULTS["x"], w=DEFAULTS["w"], b=DEFAULTS["b"],
                   y=DEFAULTS["y"]):
    """The app of notebook 04: pick an input of the neuron's chain and a nudge size."""
    return ChainExplorer(which=which, nudge=nudge, x=x, w=w, b=b, y=y)

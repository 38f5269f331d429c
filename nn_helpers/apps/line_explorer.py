# n: examples.  X: (n, 2) two inputs per example, y: (n,) labels 0/1, w: (2,), b: a number.
"""The line explorer of notebook 01: move a two-input neuron's weights and bias, watch its line.

    from nn_helpers.apps import line_explorer
    app = line_explorer()                      # the weather days of notebook 01
    app.controls["bias b"].value = -2.0        # set from code, exactly like the mouse

A neuron with two inputs says "yes" where z = w1 x1 + w2 x2 + b > 0. The picture shades the
"yes" side and the "no" side of the line z = 0, colours every point by the side it falls on,
and draws its true label as the marker's shape, so a point whose colour and shape disagree
is on the wrong side. The arithmetic is ``nn_helpers.neuron_line`` (NumPy only, unit-tested);
this module only draws it.
"""

from __future__ import annotations

import base64

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from ..neuron_line import WEATHER_FEATURES, split_by_line, weather_days, yes_region
from ..plots import COLORS
from .base import (
    FONT_SIZE,
    SMALL_FONT,
    TICK_FONT,
    App,
    ExactFloatSlider,
    figure_canvas,
    require_in_range,
)

W_RANGE = (-0.2, 0.2)    # the weight sliders
B_RANGE = (-5.0, 5.0)    # the bias slider
NO_COLOR, YES_COLOR = COLORS[0], COLORS[1]   # blue: the neuron says no, orange: yes


class LineExplorer(App):
    """Sliders for w1, w2 and b of one neuron with two inputs; the line z = 0 and the points."""

    def __init__(self, X=None, y=None, w=(0.05, 0.0), b=-3.2, feature_names=WEATHER_FEATURES,
                 labels=("rain", "dry"), window=((0.0, 100.0), (0.0, 35.0))):
        if X is None:
            X, y = weather_days()
        self.X = np.asarray(X, dtype=float)
        self.y = None if y is None else np.asarray(y).astype(int)
        w1, w2 = (float(v) for v in w)
        require_in_range("w1", w1, *W_RANGE)
        require_in_range("w2", w2, *W_RANGE)
        require_in_range("b", float(b), *B_RANGE)
        self.window = window
        self.names = feature_names
        self.short = tuple(name.split(" (")[0] for name in feature_names)  # "moisture"
        self.labels = labels
        weight = dict(min=W_RANGE[0], max=W_RANGE[1], step=0.01, readout_format=".2f",
                      continuous_update=True, style={"description_width": "initial"})
        controls = [
            ExactFloatSlider(value=w1, description="weight w1", **weight),
            ExactFloatSlider(value=w2, description="weight w2", **weight),
            ExactFloatSlider(value=float(b), min=B_RANGE[0], max=B_RANGE[1], step=0.1,
                             readout_format=".1f", description="bias b",
                             continuous_update=True, style={"description_width": "initial"}),
        ]
        figure, canvas = figure_canvas((7.6, 5.0))   # 760 px
        ax = figure.add_subplot()
        (x_lo, x_hi), (y_lo, y_hi) = window
        self.shade = ax.imshow(np.zeros((2, 2)), origin="lower", aspect="auto", alpha=0.18,
                               extent=(x_lo, x_hi, y_lo, y_hi), vmin=0, vmax=1,
                               cmap=ListedColormap([NO_COLOR, YES_COLOR]),
                               interpolation="nearest")
        (self.boundary,) = ax.plot([], [], color="black", lw=2.5)
        # one scatter per true label: the marker shape is the truth, the colour the verdict
        self.groups = []
        labelled = self.y if self.y is not None else np.ones(len(self.X), dtype=int)
        for label, marker in ((1, "o"), (0, "s")):
            index = np.flatnonzero(labelled == label)
            if len(index):
                dots = ax.scatter(self.X[index, 0], self.X[index, 1], s=110, marker=marker,
                                  edgecolors="black", linewidths=1.2, zorder=3)
                self.groups.append((index, dots))
        self.wrong_rings = ax.scatter([], [], s=380, facecolors="none",
                                      edgecolors=COLORS[5], linewidths=2.5, zorder=4)
        ax.set_xlim(x_lo, x_hi)
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(f"$x_1$: {feature_names[0]}", fontsize=FONT_SIZE)
        ax.set_ylabel(f"$x_2$: {feature_names[1]}", fontsize=FONT_SIZE)
        ax.tick_params(labelsize=TICK_FONT)
        handles = [
            Line2D([], [], ls="none", marker="s", ms=12, mfc=YES_COLOR, alpha=0.6, mec="none",
                   label=f"neuron says {labels[0]} ($z > 0$)"),
            Line2D([], [], ls="none", marker="s", ms=12, mfc=NO_COLOR, alpha=0.6, mec="none",
                   label=f"neuron says {labels[1]} ($z \\leq 0$)"),
        ]
        if self.y is not None:
            handles += [
                Line2D([], [], ls="none", marker="o", ms=10, mfc="white", mec="black",
                       label=f"it was {labels[0]}"),
                Line2D([], [], ls="none", marker="s", ms=10, mfc="white", mec="black",
                       label=f"it was {labels[1]}"),
                Line2D([], [], ls="none", marker="o", ms=16, mfc="none", mec=COLORS[5],
                       mew=2.5, label="on the wrong side"),
            ]
        handles.append(Line2D([], [], color="black", lw=2.5, label="the line $z = 0$"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=SMALL_FONT, framealpha=0.9)
        self.ax = ax
        self.data_axes = {"plane": ax}
        super().__init__(controls, figure, canvas)
        # everything inside the plane moves with the sliders; the legend sits outside it
        ax.set_title("", fontsize=FONT_SIZE)     # its text is set by update
        self.moving(self.shade, self.boundary, *(dots for _, dots in self.groups),
                    self.wrong_rings, ax.title, *ax.spines.values())
        self.on_change(self.update)
        self.update()

    @property
    def w(self):
        return np.array([self.controls["weight w1"].value, self.controls["weight w2"].value])

    @property
    def b(self):
        return float(self.controls["bias b"].value)

    def update(self):
        w, b = self.w, self.b
        split = split_by_line(self.X, w, b, self.y, self.window, names=self.short)
        self.split = split
        self.shade.set_data(yes_region(w, b, self.window, size=200).astype(float))
        if split.segment is None:
            self.boundary.set_data([], [])
        else:
            (xa, ya), (xb, yb) = split.segment
            self.boundary.set_data([xa, xb], [ya, yb])
        for index, dots in self.groups:
            dots.set_facecolor([YES_COLOR if yes else NO_COLOR for yes in split.says_yes[index]])
        wrong = split.wrong
        self.wrong_rings.set_offsets(self.X[wrong] if len(wrong) else np.empty((0, 2)))
        sign = "+" if b >= 0 else "-"
        self.ax.title.set_text(f"$z = {w[0]:.2f}\\,x_1 {'+' if w[1] >= 0 else '-'} "
                               f"{abs(w[1]):.2f}\\,x_2 {sign} {abs(b):.1f}$")
        score = (f" &middot; <b>{split.n_correct} of {len(self.X)}</b> points on their "
                 f"correct side" if self.y is not None else "")
        self.readout.value = (f"w1 = {w[0]:.2f}, w2 = {w[1]:.2f}, b = {b:.1f} &middot; "
                              f"line: {split.equation}{score}")
        self.redraw()

    def snapshot(self):
        """The picture as it is now, as an image to display in a later cell (a reader of
        the saved notebook then sees the state that code set, not only the first one)."""
        from IPython.display import Image

        return Image(data=base64.b64decode(self.picture()), format="png")


def line_explorer(X=None, y=None, w=(0.05, 0.0), b=-3.2, **kwargs):
    """The app of notebook 01: sliders for w1, w2 and b over the points X (the weather days
    of ``nn_helpers.neuron_line.weather_days`` by default), coloured by the side they fall on."""
    return LineExplorer(X, y, w=w, b=b, **kwargs)

# n: examples, s: descent steps.  x, y: (n,) one number per example.
"""The explorers of notebooks 02 and 03, each an ``App`` over a pure function of ``descent``.

    from nn_helpers.widgets import activation_explorer, learning_rate_explorer
    activation_explorer()                 # pick f, move w and b, watch a = f(w x + b)
    learning_rate_explorer(x, y)          # move the learning rate, watch gradient descent

The curves come from ``nn_helpers.descent`` (NumPy only, unit-tested); this module only
draws them. It loads ipywidgets, matplotlib and ipympl, which ``import nn_helpers``
deliberately does not.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from ..descent import (
    NEURON_ACTIVATIONS,
    gradient_descent,
    least_squares,
    loss_surface,
    neuron_curve,
    surface_window,
)
from ..plots import COLORS
from .base import (
    FONT_SIZE,
    SMALL_FONT,
    TICK_FONT,
    App,
    ExactFloatSlider,
    ExactIntSlider,
    figure_canvas,
    require_in_range,
    set_limits,
)

# ---------------------------------------------------------------------------------------
# Notebook 02: one neuron, a = f(w x + b)
# ---------------------------------------------------------------------------------------

class ActivationExplorer(App):
    """Pick an activation f and move the weight w and bias b of one neuron."""

    def __init__(self, activation="sigmoid", w=1.0, b=0.0, x_range=(-6.0, 6.0)):
        if activation not in NEURON_ACTIVATIONS:
            raise ValueError(f"activation={activation!r}: choose one of "
                             f"{list(NEURON_ACTIVATIONS)}.")
        require_in_range("w", w, -5.0, 5.0)
        require_in_range("b", b, -5.0, 5.0)
        self.x = np.linspace(*x_range, 401)
        slider = dict(min=-5.0, max=5.0, step=0.1, readout_format=".1f",
                      continuous_update=True, style={"description_width": "initial"})
        controls = [
            widgets.Dropdown(options=list(NEURON_ACTIVATIONS), value=activation,
                             description="activation"),
            ExactFloatSlider(value=w, description="weight w", **slider),
            ExactFloatSlider(value=b, description="bias b", **slider),
        ]
        figure, canvas = figure_canvas((7.5, 4.2))   # 750 px
        ax = figure.add_subplot()
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        (self.reference_line,) = ax.plot(self.x, self.x, color=COLORS[7], ls="--", lw=1.2,
                                         label="same f with w = 1, b = 0")
        (self.line,) = ax.plot(self.x, self.x, color=COLORS[0], lw=3, label="a = f(w x + b)")
        ax.set_xlim(*x_range)
        ax.set_xlabel("input x", fontsize=FONT_SIZE)
        ax.set_ylabel("output a", fontsize=FONT_SIZE)
        ax.tick_params(labelsize=TICK_FONT)
        legend = ax.legend(loc="upper left", fontsize=TICK_FONT)
        ax.grid(alpha=0.3)
        self.ax = ax
        self.data_axes = {"curve": ax}
        super().__init__(controls, figure, canvas)
        # the curves and the title move; the legend too, to stay on top of the curves
        ax.set_title("", fontsize=FONT_SIZE)    # its text is set by update (set_title
        # would also touch the left and right titles, which are in the still layer)
        self.moving(self.line, self.reference_line, ax.title, legend)
        self.on_change(self.update)
        self.update()

    def update(self):
        name = self.controls["activation"].value
        w, b = self.controls["weight w"].value, self.controls["bias b"].value
        a = neuron_curve(name, w, b, self.x)
        self.line.set_ydata(a)
        self.reference_line.set_ydata(neuron_curve(name, 1.0, 0.0, self.x))
        low, high = min(a.min(), -1.1), max(a.max(), 1.1)
        if name in ("relu", "identity"):
            low, high = min(a.min(), -6.0), max(a.max(), 6.0)
        pad = 0.05 * (high - low)
        set_limits(self.ax, y=(low - pad, high + pad))
        self.ax.title.set_text(f"one neuron: a = {name}({w:.1f} x + {b:.1f})")
        at_zero = float(neuron_curve(name, w, b, 0.0))
        middle = f"x = {-b / w + 0.0:.2f}" if w != 0 else "nowhere (w = 0: a flat line)"
        self.readout.value = (f"<b>{name}</b>: w = {w:.1f}, b = {b:.1f} &middot; "
                              f"output at x = 0: {at_zero:.4f} &middot; "
                              f"w x + b = 0 at {middle}")
        self.redraw()


def activation_explorer(activation="sigmoid", w=1.0, b=0.0):
    """The app of notebook 02: an activation dropdown and sliders for w and b."""
    return ActivationExplorer(activation, w, b)


# ---------------------------------------------------------------------------------------
# Notebook 03: the learning rate and the loss surface of y_hat = w x + b
# ---------------------------------------------------------------------------------------

# the learning rates of the notebook 03 slider: 1, 1.5, 2, 3, 5 and 7 of each decade, and a
# finer grid near 1, where descent on standardized inputs starts to overshoot and diverge
LEARNING_RATES = tuple(sorted({round(m * 10.0 ** e, 6) for e in (-3, -2, -1)
                               for m in (1, 1.5, 2, 3, 5, 7)}
                              | {0.8, 0.9, 0.95, 1.0, 1.05, 1.1, 1.2}))


class LearningRateExplorer(App):
    """Gradient descent on the MSE of y_hat = w x + b, drawn on its loss surface."""

    def __init__(self, x, y, lr=0.1, steps=30, start=(-2.0, 3.0), max_lr=1.2):
        require_in_range("lr", lr, 0.001, max_lr)
        require_in_range("steps", steps, 1, 100)
        self.x, self.y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        self.start = (float(start[0]), float(start[1]))
        self.best = least_squares(self.x, self.y)
        self.best_loss = float(loss_surface(self.x, self.y, [self.best[0]], [self.best[1]])[0, 0])
        if not self.best_loss > 1e-12 * (np.mean(self.y ** 2) + 1e-300):   # 0 up to rounding
            raise ValueError("the points lie exactly on one line (the lowest loss is 0), and "
                             "the explorer measures each loss against the lowest one on a log "
                             "scale; give it data with some noise, e.g. y + 0.1 * "
                             "np.random.default_rng(0).normal(size=len(y)).")
        rates = [rate for rate in LEARNING_RATES if rate <= max_lr]
        if lr not in rates:
            raise ValueError(f"lr={lr!r} is not on the learning-rate slider; choose one of "
                             f"{', '.join(format(rate, 'g') for rate in rates)}.")
        controls = [
            # exact, round rates (a log slider would show 0.955 for 0.95)
            widgets.SelectionSlider(options=[(format(rate, "g"), rate) for rate in rates],
                                    value=lr, description="learning rate",
                                    continuous_update=True,
                                    style={"description_width": "initial"},
                                    layout=widgets.Layout(width="420px")),
            ExactIntSlider(value=steps, min=1, max=100, description="steps",
                           continuous_update=True),
        ]
        figure, canvas = figure_canvas((7.6, 3.8))  # 760 px: fits a JupyterLab column
        self.surface_ax, self.loss_ax = figure.subplots(1, 2)
        self._draw_surface()
        (self.path_line,) = self.surface_ax.plot([], [], color=COLORS[5], marker="o", ms=4,
                                                 lw=1.5, label="descent path")
        (self.loss_line,) = self.loss_ax.plot([], [], color=COLORS[5], marker="o", ms=3, lw=1.5,
                                              label="loss after each step")
        self.loss_ax.axhline(self.best_loss, color=COLORS[2], ls="--", lw=1.5,
                             label=f"smallest possible: {self.best_loss:.4f}")
        self.loss_ax.set_yscale("log")
        self.loss_ax.set_xlabel("step", fontsize=FONT_SIZE)
        self.loss_ax.set_ylabel("loss (MSE, log scale)", fontsize=FONT_SIZE)
        self.loss_ax.grid(alpha=0.3, which="both")
        legends = (self.loss_ax.legend(loc="upper right", fontsize=SMALL_FONT),
                   self.surface_ax.legend(loc="upper left", fontsize=SMALL_FONT))
        for ax in (self.surface_ax, self.loss_ax):
            ax.tick_params(labelsize=TICK_FONT)
        self.data_axes = {"loss surface": self.surface_ax, "loss curve": self.loss_ax}
        super().__init__(controls, figure, canvas)
        self.loss_ax.set_title("", fontsize=FONT_SIZE)    # its text is set by update
        self.moving(self.path_line, self.loss_line, self.loss_ax.title, *legends)
        self.on_change(self.update)
        self.update()

    def _draw_surface(self):
        ax = self.surface_ax
        w_values, b_values = surface_window(self.x, self.y, self.start)
        surface = loss_surface(self.x, self.y, w_values, b_values)
        # Quadratic bowls grow fast: log-spaced levels show the floor and the walls.
        levels = np.geomspace(self.best_loss * 1.02 + 1e-9, surface.max(), 14)
        ax.contourf(w_values, b_values, surface, levels=levels, cmap="viridis", alpha=0.75)
        ax.contour(w_values, b_values, surface, levels=levels, colors="white", linewidths=0.6)
        ax.plot(*self.best, marker="*", ms=18, color=COLORS[1], markeredgecolor="black",
                ls="none", label="lowest loss")
        ax.plot(*self.start, marker="s", ms=9, color="white", markeredgecolor="black",
                ls="none", label="start")
        ax.set_xlim(w_values[0], w_values[-1])
        ax.set_ylim(b_values[0], b_values[-1])
        ax.set_aspect("equal")
        ax.set_xlabel("weight w", fontsize=FONT_SIZE)
        ax.set_ylabel("bias b", fontsize=FONT_SIZE)
        ax.set_title("loss surface (darker = lower)", fontsize=FONT_SIZE)

    def update(self):
        lr = self.controls["learning rate"].value
        steps = self.controls["steps"].value
        path = gradient_descent(self.x, self.y, lr, steps, self.start)
        self.path = path
        self.path_line.set_data(path.w, path.b)
        self.loss_line.set_data(np.arange(len(path.loss)), path.loss)
        # the top of the log axis rounded up to a power of ten: it stays put while the
        # learning rate moves within one decade of the largest loss
        top = 10.0 ** np.ceil(np.log10(max(path.loss.max(), path.loss[0]) * 1.5))
        # and the step axis in whole tens, so that most moves of a slider redraw the path only
        right = 10 * np.ceil((steps + 0.5) / 10)
        set_limits(self.loss_ax, x=(-0.5, right), y=(self.best_loss * 0.8, top))
        verdict = ("diverges: the loss grows" if path.diverged
                   else f"{100 * (path.final_loss / self.best_loss - 1):.2f}% above the lowest")
        self.loss_ax.title.set_text(f"learning rate {lr:g}: {verdict}")
        self.readout.value = (f"<b>lr = {lr:g}</b>, {path.steps} steps &middot; "
                              f"final loss = {path.final_loss:.4f} ({verdict}) &middot; "
                              f"w = {path.w[-1]:.3f}, b = {path.b[-1]:.3f}")
        self.redraw()


def learning_rate_explorer(x, y, lr=0.1, steps=30, start=(-2.0, 3.0)):
    """The app of notebook 03: learning-rate and steps sliders over the loss surface."""
    return LearningRateExplorer(x, y, lr=lr, steps=steps, start=start)

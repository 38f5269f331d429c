# One example through the 2-2-1 network of nn_helpers.worked; steps: 19 (7 forward, 12 backward).
"""The backprop stepper of notebook 05: one example goes forward and backward through the tiny
2-2-1 network, one number per step, with the formula and the numbers substituted.

    from nn_helpers.apps import backprop_stepper
    app = backprop_stepper()          # Back / Next buttons, a step slider, the hidden activation
    app.set_step(12)                  # what a reader's click does, from code

Every number comes from ``nn_helpers.worked.trace`` (NumPy only, unit-tested against
``Network.backward`` and nudging); this module only draws it. ``draw_worked`` draws the
network with the numbers known so far on its nodes and edges; the notebook uses it for its
static figures too, so the pictures and the stepper can never disagree.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..plots import COLORS
from ..worked import HIDDEN, stepper_view, tiny_network, trace
from .base import (
    FONT_SIZE,
    SMALL_FONT,
    TICK_FONT,
    App,
    ExactIntSlider,
    figure_canvas,
    require_in_range,
    wrapping_row,
)

__all__ = ["BackpropStepper", "backprop_stepper", "draw_worked"]

# The diagram is laid out in data units of about 100 px (the stepper's diagram is about
# 750 x 440 px; DIAGRAM_LIMITS), so that its longest number blocks fit: at the last step
# each neuron has five lines of numbers and each arrow two.
DIAGRAM_LIMITS = (0.0, 7.5), (-2.2, 2.2)
# where each node sits: the hidden neurons far enough apart for the four labels of the
# first layer's arrows to stack between them, the inputs at the left edge
POSITIONS = {"x0": (0.45, 0.8), "x1": (0.45, -0.8), "h0": (3.2, 0.8), "h1": (3.2, -0.8),
             "out": (5.2, 0.0), "C": (6.9, 0.0)}
NODE_NAMES = {"x0": "x_0", "x1": "x_1", "h0": "h_0", "h1": "h_1", "out": "out", "C": "C"}
# where the numbers of each node go (offset from the node, alignment): above the top nodes,
# below the bottom ones, clear of the circle (radius about 0.29 with the thick highlight);
# the output's block starts at its left edge, so that it clears the arrow from h_0
NODE_TEXT = {"x0": ((0.0, 0.32), "center", "bottom"), "x1": ((0.0, -0.32), "center", "top"),
             "h0": ((0.0, 0.32), "center", "bottom"), "h1": ((0.0, -0.32), "center", "top"),
             "out": ((-0.2, 0.32), "left", "bottom"), "C": ((0.0, -0.32), "center", "top")}
# where along its arrow (0: start, 1: end) an arrow's label sits, on the arrow itself: the
# crossing arrows' labels near their start, where the two are apart (their labels then
# stack between the straight arrows' ones)
EDGE_LABEL_AT = {"straight": 0.5, "crossing": 0.3, "second": 0.5}
FORWARD_COLOR, BACKWARD_COLOR, HOT_COLOR = COLORS[0], COLORS[5], COLORS[1]
USED_WIDTH = 3.0   # the line width of what the current step takes its numbers from
LINE = 0.21  # the height of one line of numbers, in data units: 16 px text, 5 px apart


def _edge_ends(layer, k, j):
    start = f"x{k}" if layer == 1 else f"h{k}"
    end = f"h{j}" if layer == 1 else "out"
    return POSITIONS[start], POSITIONS[end]


def _fmt(value):
    value = float(value) + 0.0          # -0.0 becomes 0.0: a reader should not see "-0"
    return f"{value:.4f}".rstrip("0").rstrip(".") if round(value, 2) == value else f"{value:.4f}"


def draw_worked(ax, net, steps_done, highlight=None, uses=(), fontsize=TICK_FONT):
    """Draw the 2-2-1 network ``net`` on ``ax``: the weights on the edges, and every number
    computed by ``steps_done`` (steps of ``trace(net)``) next to its node or edge; the
    ``highlight`` target (a Step's ``target``) is drawn thick, in orange, and the targets in
    ``uses`` (where its numbers come from, a Step's ``uses``) half as thick, dashed.

    The layout is made for an axes of about 750 x 440 px (the stepper's) and the default
    ``fontsize``; tests/test_backprop_stepper.py checks that no text covers another or a node,
    in the stepper and in the notebook's figures."""
    ax.clear()
    _prepare_diagram(ax)
    _draw_diagram(ax, net, steps_done, highlight, uses, fontsize)
    return ax


def _prepare_diagram(ax):
    ax.set_axis_off()
    (left, right), (bottom, top) = DIAGRAM_LIMITS
    ax.set_xlim(left, right)
    ax.set_ylim(bottom, top)


def _draw_diagram(ax, net, steps_done, highlight, uses, fontsize):
    """Add the diagram's artists to ``ax`` (prepared by ``_prepare_diagram``); returns them,
    so that the stepper can remove them for the next step instead of clearing the axes
    (clearing rebuilds its ticks and costs more than the diagram)."""
    drawn = []
    known = {}
    for step in steps_done:
        known.setdefault(step.target, []).append(step)
    # edges: the weights, and dC/dw once BP4 has computed it
    for layer, W in ((1, net.W1), (2, net.W2)):
        for k in range(W.shape[0]):
            for j in range(W.shape[1]):
                (x0, y0), (x1, y1) = _edge_ends(layer, k, j)
                hot = highlight == ("edge", layer, k, j)
                used = ("edge", layer, k, j) in uses
                drawn += ax.plot([x0, x1], [y0, y1],
                                 color=HOT_COLOR if hot or used else "0.55",
                                 lw=5 if hot else USED_WIDTH if used else 1.6,
                                 ls="--" if used else "-", zorder=1)
                kind = "second" if layer == 2 else "crossing" if k != j else "straight"
                t = EDGE_LABEL_AT[kind]
                px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
                lines = [f"w[{layer}]_{k}{j} = {_fmt(W[k, j])}"]
                grads = known.get(("edge", layer, k, j), [])
                if grads:
                    lines.append(f"dC/dw = {_fmt(grads[-1].value)}")
                # on the arrow itself, its white box hiding the line under the numbers: beside
                # an arrow, a label would run into the number blocks of the nodes around it
                drawn.append(ax.text(
                    px, py, "\n".join(lines), ha="center", va="center",
                    fontsize=fontsize - 1, color=BACKWARD_COLOR if grads else "0.25", zorder=4,
                    bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.9)))
    (ox, oy), (cx, cy) = POSITIONS["out"], POSITIONS["C"]
    drawn += ax.plot([ox, cx], [oy, cy], color="0.55", lw=1.6, ls="--", zorder=1)
    # nodes: their name, then every number known about them
    inputs = {"x0": net.x[0], "x1": net.x[1]}
    biases = {"h0": (1, 0, net.b1[0]), "h1": (1, 1, net.b1[1]), "out": (2, 0, net.b2[0])}
    for name, (px, py) in POSITIONS.items():
        hot = highlight == ("node", name) or (name in biases and
                                             highlight == ("bias",) + biases[name][:2])
        face = {"x0": COLORS[4], "x1": COLORS[4], "C": "white"}.get(name, COLORS[2])
        used = ("node", name) in uses
        drawn.append(ax.scatter([px], [py], s=1300, color=face, zorder=3,
                                edgecolor=HOT_COLOR if hot or used else "black",
                                linewidth=5 if hot else USED_WIDTH if used else 1.2,
                                linestyle="--" if used and not hot else "-"))
        drawn.append(ax.text(px, py, NODE_NAMES[name], ha="center", va="center",
                             fontsize=fontsize, zorder=5, fontweight="bold"))
        lines = []
        if name in inputs:
            lines.append(f"{NODE_NAMES[name]} = {_fmt(inputs[name])}")
        if name in biases:
            layer, j, b = biases[name]
            lines.append(f"b[{layer}]_{j} = {_fmt(b)}")
        if name == "C":
            lines.append(f"target y = {_fmt(net.y)}")
        colors = ["0.25"] * len(lines)
        for step in known.get(("node", name), []):
            lines.append(f"{step.symbol} = {_fmt(step.value)}")
            colors.append(BACKWARD_COLOR if step.phase == "backward" else FORWARD_COLOR)
        if name in biases:
            for step in known.get(("bias",) + biases[name][:2], []):
                lines.append(f"dC/db = {_fmt(step.value)}")
                colors.append(BACKWARD_COLOR)
        (dx, dy), ha, va = NODE_TEXT[name]
        # one text per line (top line first), so that each line can have its colour
        count = len(lines)
        for i, (line, color) in enumerate(zip(lines, colors)):
            if va == "bottom":                     # the block sits above the node
                y = py + dy + LINE * (count - 1 - i)
            elif va == "top":                      # below the node
                y = py + dy - LINE * i
            else:                                  # beside it, centred
                y = py + LINE * ((count - 1) / 2 - i)
            drawn.append(ax.text(px + dx, y, line, ha=ha, va=va, fontsize=fontsize,
                                 color=color, zorder=4))
    _placed_by_hand(drawn)
    return drawn


def _placed_by_hand(artists):
    """Leave ``artists`` out of the figure's layout: the texts are placed to fit inside their
    axes; counted in, a text that sticks out where the axes start (before the layout moves
    them) makes the layout shrink the axes for good."""
    for artist in artists:
        artist.set_in_layout(False)


class BackpropStepper(App):
    """Walk one example forward and backward through the 2-2-1 network, one number a step."""

    def __init__(self, hidden="sigmoid", step=0, x=(1.0, 0.5), y=1.0):
        if hidden not in HIDDEN:
            raise ValueError(f"hidden={hidden!r}: choose one of {list(HIDDEN)}.")
        self.x, self.y = x, y
        self.steps = trace(tiny_network(hidden, x=x, y=y))
        require_in_range("step", step, 0, len(self.steps) - 1)
        self.back_button = widgets.Button(description="◀ Back", tooltip="one step back",
                                          layout=widgets.Layout(width="90px"))
        self.next_button = widgets.Button(description="Next ▶", tooltip="one step on",
                                          layout=widgets.Layout(width="90px"))
        controls = {
            "step": ExactIntSlider(value=step, min=0, max=len(self.steps) - 1,
                                   description="step", continuous_update=True),
            "hidden": widgets.Dropdown(options=list(HIDDEN), value=hidden,
                                       description="hidden f",
                                       layout=widgets.Layout(width="200px")),
        }
        figure, canvas = figure_canvas((7.6, 7.0))   # 760 x 700 px
        self.graph_ax, self.text_ax = figure.subplots(
            2, 1, gridspec_kw={"height_ratios": [2.05, 1]})
        self.data_axes = {"network": self.graph_ax}
        self.text_is_data = True     # the numbers on the diagram are what a step changes
        super().__init__(controls, figure, canvas)
        _prepare_diagram(self.graph_ax)
        self.text_ax.set_axis_off()
        self.text_ax.set_xlim(0, 1)
        self.text_ax.set_ylim(0, 1)
        # a fixed title position: matplotlib would otherwise measure the axes at every draw
        self.graph_ax.set_title("", fontsize=FONT_SIZE, y=1.0)
        self._drawn = []           # this step's artists, removed for the next one
        self.back_button.on_click(self.guarded(lambda _button: self.back()))
        self.next_button.on_click(self.guarded(lambda _button: self.next()))
        self.on_change(self.update, names=["step"])
        self.on_change(self._new_network, names=["hidden"])
        self.update()

    def _layout(self):
        row = wrapping_row([self.back_button, self.next_button, *self.controls.values()])
        return [row, self.readout, self.canvas]

    # ------------------------------------------------------------- moving
    def set_step(self, index):
        """Go to step ``index`` (0 to 18), as the slider would."""
        require_in_range("step", index, 0, len(self.steps) - 1)
        self.controls["step"].value = int(index)

    def next(self):
        self.set_step(min(self.controls["step"].value + 1, len(self.steps) - 1))

    def back(self):
        self.set_step(max(self.controls["step"].value - 1, 0))

    def _new_network(self):
        self.steps = trace(tiny_network(self.controls["hidden"].value, x=self.x, y=self.y))
        self.update()

    # ------------------------------------------------------------ drawing
    def update(self):
        index = self.controls["step"].value
        view = stepper_view(self.steps, index)
        step = view.current
        phase = {"forward": "forward pass", "cost": "the cost",
                 "backward": "backward pass"}[step.phase]
        for artist in self._drawn:
            artist.remove()
        net = tiny_network(self.controls["hidden"].value, self.x, self.y)
        self._drawn = _draw_diagram(self.graph_ax, net, self.steps[:index + 1],
                                    step.target, step.uses, TICK_FONT)
        self.graph_ax.title.set_text(f"step {index} of {len(self.steps) - 1}: {phase} "
                                     f"({step.equation}) · hidden f = "
                                     f"{self.controls['hidden'].value}")
        self._drawn += self._write_equations(view)
        self.back_button.disabled = index == 0
        self.next_button.disabled = index == len(self.steps) - 1
        numbers = step.numbers.split("   [")[0]
        self.readout.value = (f"<b>step {index} · {step.equation}</b> &middot; "
                              f"{step.formula} {numbers + ' ' if numbers else ''}"
                              f"= <b>{_fmt(step.value)}</b>")
        self.redraw()

    def _write_equations(self, view):
        ax = self.text_ax
        step = view.current
        numbers, _, note = step.numbers.partition("   [")
        # from the top: a heading, the step's formula (up to 3 lines), a heading, BP1-BP4
        drawn = [ax.text(0.0, 1.0, "this step:", fontsize=TICK_FONT, va="top", color="0.3")]
        drawn.append(ax.text(0.0, 0.89, f"{step.formula}\n     {numbers + ' ' if numbers else ''}"
                f"= {_fmt(step.value)}"
                + (f"\n     ({note.rstrip(']')})" if note else ""),
                fontsize=TICK_FONT, va="top", family="monospace", color=HOT_COLOR,
                fontweight="bold"))
        drawn.append(ax.text(0.0, 0.57, "BP1-BP4 with the numbers of their latest use:",
                             fontsize=TICK_FONT, va="top", color="0.3"))
        for i, name in enumerate(("BP1", "BP2", "BP3", "BP4")):
            used = view.latest[name]
            if used is None:
                line, color = f"{name}  (not used yet)", "0.55"
            else:
                numbers = used.numbers.split("   [")[0]
                line = (f"{name}  {used.formula} {numbers + ' ' if numbers else ''}= "
                        f"{_fmt(used.value)}")
                color = HOT_COLOR if used is step else BACKWARD_COLOR
            drawn.append(ax.text(0.0, 0.45 - 0.105 * i, line, fontsize=SMALL_FONT, va="top",
                                 family="monospace", color=color,
                                 fontweight="bold" if used is step else "normal"))
        _placed_by_hand(drawn)
        return drawn


def backprop_stepper(hidden="sigmoid", step=0):
    """The app of notebook 05: Back/Next buttons and a step slider over the worked pass."""
    return BackpropStepper(hidden=hidden, step=step)

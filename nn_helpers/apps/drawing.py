# strokes: lists of [x, y] points on a 280 x 280 pad; the network sees (1, 784); k = 10 digits
"""Notebook 12: draw a digit with the mouse (or a finger) and watch a trained network read it.

``DrawingPad`` is the one piece of this package written in JavaScript, because a browser canvas
is the only thing that can follow a pen without a round trip to the kernel for every point.
It is an ``anywidget`` (a maintained, dependency-light way to write a widget as one ES module,
no build step): the browser draws the strokes as the pen moves and, when the pen lifts, sends
the stroke's points to Python in the ``strokes`` trait. Python owns the truth: setting
``strokes`` from code (as the notebook does, since a headless kernel cannot draw) redraws the
pad, so what the browser shows and what the network reads are the same strokes.

``DigitReader`` is an ``App``: the pad, a Clear button, and one figure with three panels (the
drawing, the 28 x 28 input the network gets after ``nn_helpers.handwriting.mnist_style``, and
the network's ten probabilities), redrawn after every stroke.
"""

from __future__ import annotations

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

from ..handwriting import BRUSH, PAD, check_strokes, mnist_style, rasterize
from ..plots import COLORS
from .base import FONT_SIZE, TICK_FONT, App, figure_canvas, wrapping_row

_PAD_ESM = """
function render({ model, el }) {
  const size = model.get("size");
  const canvas = document.createElement("canvas");
  canvas.width = size; canvas.height = size;
  canvas.className = "nn-drawing-pad";
  canvas.style.cssText = "border:2px solid #555;border-radius:4px;touch-action:none;" +
                         "cursor:crosshair;background:white";
  el.appendChild(canvas);
  const ctx = canvas.getContext("2d");
  ctx.lineCap = "round"; ctx.lineJoin = "round";

  function paint(stroke) {
    ctx.lineWidth = model.get("brush");
    ctx.beginPath();
    ctx.moveTo(stroke[0][0], stroke[0][1]);
    for (const [x, y] of stroke) ctx.lineTo(x, y);
    if (stroke.length === 1) ctx.lineTo(stroke[0][0] + 0.01, stroke[0][1]);  // a dot
    ctx.stroke();
  }
  function repaint() {
    ctx.clearRect(0, 0, size, size);
    for (const stroke of model.get("strokes")) paint(stroke);
  }
  let current = null;
  const at = (e) => {
    const box = canvas.getBoundingClientRect();
    const clamp = (v) => Math.min(size, Math.max(0, v));
    return [clamp((e.clientX - box.left) * size / box.width),
            clamp((e.clientY - box.top) * size / box.height)];
  };
  canvas.addEventListener("pointerdown", (e) => {
    canvas.setPointerCapture(e.pointerId);
    current = [at(e)];
    paint(current);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!current) return;
    current.push(at(e));
    paint(current.slice(-2));
  });
  const finish = () => {
    if (!current) return;
    model.set("strokes", [...model.get("strokes"), current]);
    model.save_changes();
    current = null;
  };
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  model.on("change:strokes", repaint);
  repaint();
}
export default { render };
"""


class DrawingPad(anywidget.AnyWidget):
    """A square pad to draw on; ``strokes`` holds what was drawn, one list of [x, y] points
    per pen stroke (pixels from the top-left corner)."""

    _esm = _PAD_ESM
    strokes = traitlets.List([]).tag(sync=True)
    size = traitlets.Int(PAD).tag(sync=True)
    brush = traitlets.Float(BRUSH).tag(sync=True)


class DigitReader(App):
    """Draw a digit; see the 28 x 28 image the network gets and its ten probabilities."""

    def __init__(self, net, strokes=()):
        outputs = getattr(net, "sizes", [None])[-1]
        if not hasattr(net, "predict") or outputs != 10:
            raise ValueError("DigitReader needs a trained MNIST network: a Network whose last "
                             f"layer has 10 outputs (got {outputs!r}).")
        self.net = net
        self.pad = DrawingPad()
        clear = widgets.Button(description="Clear", icon="eraser", tooltip="wipe the pad")
        clear.on_click(self.guarded(lambda _button: self.clear()))
        figure, canvas = figure_canvas((7.6, 3.0))   # 760 px: fits a 1024-px screen
        self._build_figure(figure)
        super().__init__({"clear": clear}, figure, canvas)
        self.moving(self.drawing_image, self.input_image, *self.bars)
        self.pad.observe(self.guarded(lambda _change: self.update()), names="strokes")
        self.draw(list(strokes))

    def _layout(self):
        return [wrapping_row([self.pad, self.controls["clear"]]), self.readout, self.canvas]

    def _build_figure(self, figure):
        drawing_ax, input_ax, bars_ax = figure.subplots(1, 3, width_ratios=[1, 1, 1.6])
        self.drawing_image = drawing_ax.imshow(np.zeros((PAD, PAD)), cmap="gray_r",
                                               vmin=0, vmax=1)
        self.input_image = input_ax.imshow(np.zeros((28, 28)), cmap="gray_r", vmin=0, vmax=1)
        drawing_ax.set_title("your drawing", fontsize=FONT_SIZE)
        input_ax.set_title("what the network gets", fontsize=FONT_SIZE)
        for ax in (drawing_ax, input_ax):
            ax.set_xticks([]), ax.set_yticks([])
        self.bars = bars_ax.bar(range(10), np.zeros(10), color=COLORS[0])
        bars_ax.set(xticks=range(10), ylim=(0, 1))
        bars_ax.set_xlabel("digit", fontsize=FONT_SIZE)
        bars_ax.set_ylabel("probability", fontsize=FONT_SIZE)
        bars_ax.tick_params(labelsize=TICK_FONT)
        self.bars_ax = bars_ax
        self.data_axes = {"drawing": drawing_ax, "input": input_ax, "probabilities": bars_ax}

    # ------------------------------------------------------------------ actions
    def draw(self, strokes):
        """Replace the drawing by ``strokes`` (what a reader would draw), as from code."""
        strokes = [points.tolist() for points in check_strokes(strokes)]
        if strokes == self.pad.strokes:
            self.update()               # the same strokes fire no trait event: redraw anyway
        else:
            self.pad.strokes = strokes  # the observer redraws, once

    def clear(self):
        self.pad.strokes = []

    @property
    def probabilities(self):
        """The network's ten outputs for the current drawing, as probabilities (sum 1)."""
        return self._probabilities

    def update(self):
        strokes = self.pad.strokes
        self._probabilities = np.zeros(10)
        drawing = rasterize(strokes) if strokes else np.zeros((PAD, PAD))
        self.drawing_image.set_data(drawing)
        if strokes:
            x = mnist_style(drawing)
            self.input_image.set_data(x.reshape(28, 28))
            outputs = self.net.predict(x)[0]
            self._probabilities = outputs / outputs.sum()   # sigmoid outputs need not sum to 1
            guess = int(self._probabilities.argmax())
            self.readout.value = (f"The network reads a <b>{guess}</b> "
                                  f"({100 * self._probabilities[guess]:.0f}% of its belief).")
        else:
            self.input_image.set_data(np.zeros((28, 28)))
            self.readout.value = "Draw a digit on the pad (hold the mouse button down)."
        for bar, p in zip(self.bars, self._probabilities):
            bar.set_height(p)
            bar.set_color(COLORS[1] if strokes and p == self._probabilities.max() else COLORS[0])
        self.redraw()

# no arrays of their own: an app draws what the pure functions of nn_helpers compute
"""``App``: what every widget app shares (a figure on an ipympl canvas, controls that redraw it,
a readout line that also shows errors, a static picture in the saved output), and ``figure_canvas``.

Each app is a ``widgets.VBox`` subclass with ``.controls`` (a dict of its controls),
``.readout`` (an ``HTML`` widget with CSS class ``nn-readout``), ``.figure`` and ``.canvas``,
so tests and notebooks can set a control from code and read the result.

Why an ipympl canvas and not ``widgets.Output`` + a fresh inline figure per change?
The canvas is one widget that stays on the page: a slider move changes the data of the
existing artists and asks the canvas to redraw, so it is smooth (no flicker, no new image
per step) and the cell's saved output does not depend on the slider history, which is
what lets nbval compare it strictly (an Output widget's inner output always differs). We
build a bare ``matplotlib.figure.Figure`` and attach ipympl's canvas to it ourselves instead
of calling ``plt.figure()``: pyplot is never involved, so the figure is shown exactly once
(inside the app's layout), whatever ``%matplotlib`` mode the notebook is in, and it does not
leak into later ``plt.show()``.

A canvas needs a live kernel to draw, so a reader of the saved notebook (GitHub, a static
site) would see nothing. ``App._repr_mimebundle_`` therefore adds a PNG of the figure as it is
when the app is displayed, next to the widget view: JupyterLab shows the live widget, a static
renderer shows the picture (ipympl does the same for a bare canvas). nbval does not compare
PNGs, so this picture never makes a notebook test flaky.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
import json
import re
import warnings
import weakref

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.text import Text

READOUT_CLASS = "nn-readout"
APP_CLASS = "nn-app"       # every app's outer box; "nn-app-<serial>" names one app
ALERT_COLOR = "#D55E00"    # vermillion of the colour-blind safe palette (plots.COLORS)

# Designed for a classroom: a 1024 x 768 projector (or a 1280 x 800 laptop with JupyterLab's
# file browser open) read from the back of the room. Every figure is drawn at DPI dots per
# inch, at most MAX_FIGURE_PX wide (the notebook's content area is about 820 px at both
# sizes), and no text in a figure or a control is smaller than MIN_TEXT_PX CSS pixels.
DPI = 100
MAX_FIGURE_PX = 760
MIN_TEXT_PX = 14


def points(px):
    """Matplotlib font size (points) of text ``px`` pixels tall at the apps' DPI."""
    return round(px * 72 / DPI, 2)


FONT_SIZE = points(18)     # titles and axis labels (13 pt at 100 dpi)
TICK_FONT = points(16)     # tick labels, numbers in a diagram
SMALL_FONT = points(MIN_TEXT_PX + 0.5)   # legends and notes: the smallest text of a figure
CONTROL_TEXT_PX = 15       # every label, readout and button of the controls

# ipywidgets' labels are 13 px (its CSS variable); an app's controls get CONTROL_TEXT_PX.
_APP_CSS = f"""
.{APP_CLASS} {{ --jp-widgets-font-size: {CONTROL_TEXT_PX}px; font-size: {CONTROL_TEXT_PX}px; }}
.{APP_CLASS} .widget-label, .{APP_CLASS} .widget-readout, .{APP_CLASS} .widget-html,
.{APP_CLASS} .widget-html-content, .{APP_CLASS} button, .{APP_CLASS} select,
.{APP_CLASS} input, .{APP_CLASS} code {{ font-size: {CONTROL_TEXT_PX}px; }}
.{APP_CLASS} .widget-html-content {{ line-height: 1.4; }}
"""


class _AppStyle(anywidget.AnyWidget):
    """No view of its own: its stylesheet (``_css``) is loaded by the page as soon as the
    model exists, and styles every app's controls (the class ``nn-app``)."""

    _esm = "export default { render() {} };"
    _css = traitlets.Unicode(_APP_CSS).tag(sync=True)


_STYLE = []          # the one _AppStyle of this kernel, made with the first app
_APPS = weakref.WeakValueDictionary()   # serial -> live app (what the browser test asks about)
_SERIALS = itertools.count(1)


def _import_ipympl():
    """ipympl's canvas classes, without letting the import change the notebook's backend.

    ``import ipympl`` switches matplotlib to the ipympl backend when matplotlib is already
    loaded; every later ``plt.show()`` would then become an interactive widget instead of
    the inline picture the notebook asked for. We put the previous backend back.
    """
    import matplotlib

    previous = matplotlib.get_backend()
    from ipympl.backend_nbagg import Canvas, FigureManager

    if matplotlib.get_backend() != previous:
        matplotlib.use(previous)
    return Canvas, FigureManager


_LAYERED = []        # the layered canvas class, made once ipympl is imported


def _layered_canvas_class():
    """ipympl's canvas, drawing in two layers (see ``App.moving``).

    A full draw renders the still layer (every artist not marked animated: axes, ticks,
    labels, legends, the parts of the picture a control does not move), keeps a copy of it,
    then draws the moving artists on top. ``draw_moving()`` only puts the copy back and
    draws the moving artists again, which costs a fraction of a full draw: most of a
    figure's drawing time goes into text (tick labels, titles). Matplotlib marks the figure
    stale when a still artist changes (animated ones do not propagate), so a change to the
    still layer is never lost: it falls back to a full draw.
    """
    if _LAYERED:
        return _LAYERED[0]
    Canvas, _ = _import_ipympl()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class LayeredCanvas(Canvas):
        _still = None          # (copy of the still layer, the renderer size it was made at)

        def draw(self):
            self._png_is_old = True
            try:
                FigureCanvasAgg.draw(self)        # animated artists are left out
                renderer = self.get_renderer()
                self._still = (self.copy_from_bbox(self.figure.bbox),
                               (renderer.width, renderer.height))
                self._draw_moving_artists()
            finally:
                self.manager.refresh_all()        # send the picture to the browser

        def draw_moving(self):
            """Redraw only the moving artists over the kept still layer (or all of it)."""
            renderer = self.get_renderer()
            if (self._still is None or self.figure.stale
                    or self._still[1] != (renderer.width, renderer.height)):
                self.draw()
                return
            self.restore_region(self._still[0])
            self._draw_moving_artists()
            self.blit()                           # send the picture to the browser

        def _draw_moving_artists(self):
            moving = self.figure.findobj(lambda artist: artist.get_animated())
            for artist in sorted(moving, key=lambda artist: artist.get_zorder()):
                if artist.get_visible():
                    self.figure.draw_artist(artist)
            # drawing a legend re-places its parts, which marks the figure stale although
            # nothing in the still layer changed
            self.figure.stale = False

    _LAYERED.append(LayeredCanvas)
    return LayeredCanvas


def figure_canvas(figsize):
    """A matplotlib Figure whose canvas is an ipympl widget: (figure, canvas widget)."""
    _, FigureManager = _import_ipympl()
    Canvas = _layered_canvas_class()
    figure = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    with warnings.catch_warnings():
        # ipympl's Toolbar passes an argument traitlets calls deprecated; not ours to fix
        warnings.simplefilter("ignore", DeprecationWarning)
        canvas = Canvas(figure)
        FigureManager(canvas, 0)  # the manager answers the browser's resize/redraw requests
    canvas.header_visible = False  # no "Figure 0" title bar above the plot
    canvas.toolbar_visible = False  # its pan/zoom buttons are bare icons; no lesson needs them
    return figure, canvas


def wrapping_row(children, **layout):
    """An HBox whose children wrap onto the next line when the notebook is narrow."""
    return widgets.HBox(children, layout=widgets.Layout(flex_flow="row wrap", **layout))


def set_limits(ax, x=None, y=None):
    """Set an axes' x and/or y limits, only where they differ from its current ones: setting
    even the same limits marks the picture's still layer as changed (``App.moving``), which
    costs a full redraw instead of a redraw of the moving artists."""
    for limits, get, put in ((x, ax.get_xlim, ax.set_xlim), (y, ax.get_ylim, ax.set_ylim)):
        if limits is not None and tuple(map(float, limits)) != tuple(map(float, get())):
            put(*limits)


def rounded_out(low, high):
    """``(low, high)`` widened to the next multiples of a round step (a power of ten, or
    half of one for a span under twice that power): axis limits that stay put while the
    data move a little, so that a slider move redraws the data and not the axes."""
    span = max(high - low, 1e-12)
    step = 10.0 ** np.floor(np.log10(span))
    if span / step < 2:
        step /= 2
    return float(np.floor(low / step) * step), float(np.ceil(high / step) * step)


class _OnItsGrid:
    """What the apps' sliders share: they hold only values they can show.

    An ipywidgets slider clamps a value outside its range without a word, and the browser
    moves a value between two of its steps to the nearer one, while the kernel goes on
    computing with the value it was given: the picture and the slider would then disagree
    (03 once set lr = 0.95 and its slider showed 0.955). These sliders refuse such a value,
    naming the two nearest values they can show, before anything changes."""

    _linear = True                      # equal steps of value (False: of its logarithm)

    def _position(self, value):         # where value sits on the slider's own scale
        return value

    def _value_at(self, position):
        return position

    @traitlets.validate("value")
    def _validate_value(self, proposal):
        value = proposal["value"]
        steps = (self._position(value) - self.min) / self.step
        on_grid = abs(steps - round(steps)) < 1e-6
        if on_grid and self.min - 1e-9 <= self._position(value) <= self.max + 1e-9:
            return value
        below = self._value_at(max(self.min, min(self.max, self.min + np.floor(steps) * self.step)))
        above = self._value_at(max(self.min, min(self.max, self.min + np.ceil(steps) * self.step)))
        choices = f"{below:g}" if below == above else f"{below:g} or {above:g}"
        raise ValueError(
            f"{self.description}={value!r} is not a value its slider can show (it goes from "
            f"{self._value_at(self.min):g} to {self._value_at(self.max):g}"
            f"{' in steps of ' + format(self.step, 'g') if self._linear else ''}): it "
            f"would show another value than the picture uses. Choose {choices}.")


class ExactFloatSlider(_OnItsGrid, widgets.FloatSlider):
    """A FloatSlider that refuses a value between its steps or outside its range."""


class ExactIntSlider(_OnItsGrid, widgets.IntSlider):
    """An IntSlider that refuses a value outside its range (or between its steps)."""


class ExactLogSlider(_OnItsGrid, widgets.FloatLogSlider):
    """A FloatLogSlider that refuses a value whose exponent is between its steps."""

    _linear = False

    def _position(self, value):
        return np.log(value) / np.log(self.base) if value > 0 else -np.inf

    def _value_at(self, position):
        return float(self.base ** position)


def require_in_range(name, value, low, high):
    """A widget clamps a value outside its slider's range without a word, and the picture
    would then disagree with what the caller asked for: refuse it, naming the range."""
    if not low <= value <= high:
        raise ValueError(f"{name}={value!r} is outside what its slider can show ({low:g} to "
                         f"{high:g}); choose a value in that range.")
    return value


class App(widgets.VBox):
    """A widget app: ``controls`` (name -> control) that drive one ``figure`` drawn on
    an ipympl ``canvas``, and a ``readout`` line that says what the picture shows.

    The default layout is a row of the controls, the readout, then the canvas; an app with
    more to lay out overrides ``_layout()``. Wire controls with ``on_change``: every callback
    runs through ``guarded``, so an exception reaches the reader in the readout line instead
    of only the kernel's log.
    """

    ERROR_CLASS = "nn-error"   # CSS class of the error message in the readout
    # the axes that show data, by name (None: every axes whose frame is drawn); the browser
    # test compares the pixels inside them, minus their texts and legends, except in the axes
    # named in text_is_data (True: all), where the numbers written are the data
    data_axes = None
    text_is_data = False

    def __init__(self, controls, figure, canvas, **kwargs):
        # a dict, or a list keyed by each control's description
        self.controls = (dict(controls) if isinstance(controls, dict)
                         else {c.description: c for c in controls})
        self.figure, self.canvas = figure, canvas
        self._layout_frozen = False
        self.readout = widgets.HTML()
        self.readout.add_class(READOUT_CLASS)
        if not _STYLE:
            _STYLE.append(_AppStyle())
        super().__init__(self._layout(), **kwargs)
        self.serial = next(_SERIALS)
        _APPS[self.serial] = self
        self.add_class(APP_CLASS)
        self.add_class(f"{APP_CLASS}-{self.serial}")

    def _layout(self):
        """The children of the app's column."""
        return [wrapping_row(list(self.controls.values())), self.readout, self.canvas]

    # ------------------------------------------------------------------ wiring
    def on_change(self, callback, names=None):
        """Call ``callback()`` (guarded) whenever the value of a control changes: the controls
        called ``names``, or every control."""
        for name in self.controls if names is None else names:
            self.controls[name].observe(self.guarded(lambda _change: callback()), names="value")

    def guarded(self, callback):
        """``callback`` wrapped for a widget event: an exception is shown in the readout
        (``show_error``), then raised again for the log and for tests."""
        def run(*args):
            try:
                callback(*args)
            except Exception as err:  # noqa: BLE001 - shown to the user, then re-raised
                self.show_error(err)
                raise
        return run

    def show_error(self, err):
        self.readout.value = (f"<span class='{self.ERROR_CLASS}' style='color:{ALERT_COLOR}'>"
                              f"Error: {type(err).__name__}: {html.escape(str(err))}</span>")

    def moving(self, *artists):
        """Mark ``artists`` as the moving layer: the ones a control changes (a curve, a
        surface, a title that shows a value). ``redraw()`` then draws only them over a kept
        picture of everything else, as long as nothing else changed. Returns ``artists``."""
        for artist in artists:
            artist.set_animated(True)
        return artists

    def redraw(self):
        """Show the artists' new data in the browser.

        With a browser view open, the picture is drawn and sent at once (only the moving
        layer when nothing else changed, see ``moving``): one message instead of ipympl's
        two round trips ("please draw", then "here I am, draw"). The browser's widget
        manager sends a control's next value only when the kernel is idle again, so a fast
        drag cannot queue up draws. Without a view (nbval, a view not shown yet) the browser
        asks for the picture when it shows the canvas; nothing is drawn now.

        The first time, the constrained layout is computed once and then frozen: the axes
        stay where they are when a title or a tick label changes (the picture does not
        jump, a redraw costs one layout less, and the browser test can compare the pixels
        inside each axes)."""
        if not self._layout_frozen:
            self._layout_frozen = True
            if self.figure.get_layout_engine() is not None:
                self.figure.draw_without_rendering()
                self.figure.set_layout_engine("none")
        if self.canvas.syncing_data_url:      # ipympl: no browser view has said hello yet
            self.canvas.draw_idle()
        else:
            self.canvas.draw_moving()

    # ------------------------------------------------------------- for tests
    def _data_axes(self):
        if self.data_axes is not None:
            return dict(self.data_axes)
        return {f"axes {i}": ax for i, ax in enumerate(self.figure.axes) if ax.axison}

    def data_boxes(self):
        """Where the data are drawn, in figure pixels from the top left: for each data axes
        its plotting area ``box`` [x0, y0, x1, y1] and the ``masks`` to leave out of it
        (its legend and texts: they can change while the data stand still)."""
        figure = self.figure
        renderer = figure.canvas.get_renderer()
        height = figure.bbox.height

        def box(bb):
            return [round(bb.x0, 1), round(height - bb.y1, 1), round(bb.x1, 1),
                    round(height - bb.y0, 1)]

        axes = []
        for name, ax in self._data_axes().items():
            masks = []
            text_is_data = (name in self.text_is_data if isinstance(self.text_is_data,
                                                                    (set, tuple, list))
                            else bool(self.text_is_data))
            titles = [ax.title, ax._left_title, ax._right_title]   # may reach into the box
            for child in titles if text_is_data else ax.get_children():
                if not child.get_visible() or (child not in titles and text_is_data):
                    continue
                if isinstance(child, Legend) or (isinstance(child, Text)
                                                 and child.get_text()):
                    masks.append(box(child.get_window_extent(renderer)))
            axes.append({"name": name, "box": box(ax.bbox), "masks": masks})
        return {"figure": [figure.bbox.width, height], "axes": axes}

    @staticmethod
    def describe(serial):
        """``data_boxes()`` of the live app number ``serial`` as JSON (the browser test asks
        the notebook's kernel for it: the app's box carries the class nn-app-<serial>)."""
        return json.dumps(_APPS[int(serial)].data_boxes())

    # ----------------------------------------------------------------- display
    @property
    def readout_text(self):
        """The readout without its HTML tags, as a reader sees it."""
        return html.unescape(re.sub(r"<[^>]*>", "", self.readout.value))

    def picture(self):
        """The figure as it is now: PNG bytes, base64-encoded (the static picture)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi="figure")
        return base64.b64encode(buffer.getvalue()).decode("ascii")

    def close(self):
        """Close the app and every widget inside it (frees the kernel-side objects)."""
        stack = list(self.children)
        while stack:
            widget = stack.pop()
            stack.extend(getattr(widget, "children", ()))
            widget.close()
        super().close()

    def __repr__(self):  # short and stable: this is what nbval compares for the app's cell
        return f"{type(self).__name__}({self.readout_text})"

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)   # the widget view; text/plain = repr
        bundle["image/png"] = self.picture()           # what a reader without a kernel sees
        return bundle

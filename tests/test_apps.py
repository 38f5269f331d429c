"""The ``App`` base of nn_helpers.apps: wiring, error display, readout, static picture, close;
and the old import paths, which must keep giving the same objects."""

import base64
import subprocess
import sys

import pytest

widgets = pytest.importorskip("ipywidgets")
pytest.importorskip("ipympl")

from nn_helpers.apps.base import READOUT_CLASS, App, figure_canvas  # noqa: E402
from nn_helpers.apps.explorers import ActivationExplorer, LearningRateExplorer  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Counter(App):
    """The smallest app: one slider; update() writes its value to the readout and the plot."""

    def __init__(self, fail=False):
        self.fail, self.updates = fail, 0
        figure, canvas = figure_canvas((3, 2))
        self.ax = figure.add_subplot()
        (self.line,) = self.ax.plot([0, 1], [0, 0])
        controls = [widgets.IntSlider(value=1, description="n"),
                    widgets.IntSlider(value=1, description="unwired")]
        super().__init__(controls, figure, canvas)
        self.on_change(self.update, names=["n"])
        self.update()

    def update(self):
        if self.fail:
            raise RuntimeError("broken <update> & co")
        self.updates += 1
        n = self.controls["n"].value
        self.line.set_ydata([0, n])
        self.ax.set_ylim(0, 10)
        self.readout.value = f"<b>n = {n}</b> &middot; done"
        self.redraw()


def test_controls_are_keyed_by_description_and_laid_out():
    app = Counter()
    assert list(app.controls) == ["n", "unwired"]
    assert READOUT_CLASS in app.readout._dom_classes
    assert app.children == (app.children[0], app.readout, app.canvas)
    assert list(app.children[0].children) == list(app.controls.values())


def test_on_change_wires_only_the_named_controls():
    app = Counter()
    app.controls["n"].value = 4
    assert app.updates == 2 and app.readout_text == "n = 4 · done"
    app.controls["unwired"].value = 5
    assert app.updates == 2


def test_an_error_in_a_callback_is_shown_and_raised():
    app = Counter()
    app.fail = True
    with pytest.raises(RuntimeError, match="broken"):
        app.controls["n"].value = 3
    assert App.ERROR_CLASS in app.readout.value
    assert app.readout_text == "Error: RuntimeError: broken <update> & co"  # escaped, not lost


def test_display_bundle_has_the_widget_a_short_text_and_the_current_picture():
    app = Counter()
    bundle = app._repr_mimebundle_()
    assert bundle["text/plain"] == "Counter(n = 1 · done)"
    assert "application/vnd.jupyter.widget-view+json" in bundle
    before = base64.b64decode(bundle["image/png"])
    assert before.startswith(PNG_SIGNATURE)
    app.controls["n"].value = 9
    after = base64.b64decode(app._repr_mimebundle_()["image/png"])
    assert after.startswith(PNG_SIGNATURE) and after != before   # the picture follows the state


def test_close_closes_every_widget_inside():
    app = Counter()
    inside = [app.children[0], *app.controls.values(), app.readout, app.canvas]
    app.close()
    assert app.comm is None and all(w.comm is None for w in inside)


def test_old_import_paths_give_the_same_objects():
    from nn_helpers import apps, playground
    from nn_helpers import widgets as old

    assert old.activation_explorer is apps.activation_explorer
    assert old.learning_rate_explorer is apps.learning_rate_explorer
    assert old.figure_canvas is apps.figure_canvas and old.App is App
    assert playground.Playground is apps.Playground
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        playground.Nope  # noqa: B018


def test_the_pure_playground_model_loads_no_widgets():
    code = ("import sys; from nn_helpers.playground import PlaygroundModel\n"
            "PlaygroundModel().step(1)\n"
            "print(sorted({'ipywidgets', 'ipympl', 'matplotlib'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("make,words", [
    (lambda: ActivationExplorer(w=8.0), r"w=8.0 is outside what its slider can show \(-5 to 5\)"),
    (lambda: ActivationExplorer(b=-6), r"b=-6 is outside"),
    (lambda: LearningRateExplorer([0.0, 1.0], [1.0, 2.0], lr=2.0), r"lr=2.0 is outside.*1.2"),
    (lambda: LearningRateExplorer([0.0, 1.0], [1.0, 2.0], steps=500), r"steps=500 is outside"),
])
def test_values_the_sliders_cannot_show_are_refused_not_clamped(make, words):
    with pytest.raises(ValueError, match=words):
        make()

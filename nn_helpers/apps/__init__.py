"""Every widget app of the notebooks, on one ``App`` base (ipywidgets + an ipympl canvas).

    base.py        App: controls -> one figure on a canvas, readout, errors, static picture
    explorers.py   activation_explorer (notebook 02), learning_rate_explorer (notebook 03)
    playground.py  Playground (notebook 11), over the pure nn_helpers.playground.PlaygroundModel
    drawing.py     DigitReader and its DrawingPad (notebook 12): draw a digit, a network reads it

Importing this package loads ipywidgets, matplotlib and ipympl, which ``import nn_helpers``
deliberately does not. The old paths ``nn_helpers.widgets`` and ``nn_helpers.playground``
still give the same names.
"""

from .backprop_stepper import BackpropStepper, backprop_stepper  # noqa: F401 (notebook 05)
from .base import App, figure_canvas
from .drawing import DigitReader, DrawingPad
from .explorers import (
    ActivationExplorer,
    LearningRateExplorer,
    activation_explorer,
    learning_rate_explorer,
)
from .line_explorer import line_explorer as line_explorer  # notebook 01 (LineExplorer there)
from .playground import Playground

__all__ = ["ActivationExplorer", "App", "DigitReader", "DrawingPad", "LearningRateExplorer",
           "Playground",
           "activation_explorer", "figure_canvas", "learning_rate_explorer"]

"""Every widget app of the notebooks, on one ``App`` base (ipywidgets + an ipympl canvas).

    base.py              App: controls -> one figure on a canvas, readout, errors, static picture
    line_explorer.py     line_explorer (notebook 01): w1, w2, b move a neuron's yes/no line
    explorers.py         activation_explorer (notebook 02), learning_rate_explorer (notebook 03)
    chain_explorer.py    chain_explorer (notebook 04): a nudge travels along x -> z -> a -> C
    backprop_stepper.py  backprop_stepper (notebook 05): BP1-BP4 one number at a time
    playground.py        Playground (notebook 11), over the pure nn_helpers.playground model
    drawing.py           DigitReader and its DrawingPad (notebook 12): draw, a network reads

Importing this package loads ipywidgets, matplotlib and ipympl, which ``import nn_helpers``
deliberately does not. The old paths ``nn_helpers.widgets`` and ``nn_helpers.playground``
still give the same names.
"""

from .backprop_stepper import BackpropStepper, backprop_stepper
from .base import App, figure_canvas
from .chain_explorer import ChainExplorer, chain_explorer
from .drawing import DigitReader, DrawingPad
from .explorers import (
    ActivationExplorer,
    LearningRateExplorer,
    activation_explorer,
    learning_rate_explorer,
)
from .line_explorer import LineExplorer, line_explorer
from .playground import Playground

__all__ = ["ActivationExplorer", "App", "BackpropStepper", "ChainExplorer", "DigitReader",
           "DrawingPad", "LearningRateExplorer", "LineExplorer", "Playground",
           "activation_explorer", "backprop_stepper", "chain_explorer", "figure_canvas",
           "learning_rate_explorer", "line_explorer"]

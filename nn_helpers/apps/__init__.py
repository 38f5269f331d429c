"""Every widget app of the notebooks, on one ``App`` base (ipywidgets + an ipympl canvas).

    base.py        App: controls -> one figure on a canvas, readout, errors, static picture
    explorers.py   activation_explorer (notebook 02), learning_rate_explorer (notebook 03)

Importing this package loads ipywidgets, matplotlib and ipympl, which ``import nn_helpers``
deliberately does not. The old path ``nn_helpers.widgets`` still gives the same names.
"""

from .base import App, figure_canvas
from .explorers import (
    ActivationExplorer,
    LearningRateExplorer,
    activation_explorer,
    learning_rate_explorer,
)

__all__ = ["ActivationExplorer", "App", "LearningRateExplorer",
           "activation_explorer", "figure_canvas", "learning_rate_explorer"]

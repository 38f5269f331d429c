"""Every widget app of the notebooks, on one ``App`` base (ipywidgets + an ipympl canvas).

    base.py        App: controls -> one figure on a canvas, readout, errors, static picture
    explorers.py   activation_explorer (notebook 02), learning_rate_explorer (notebook 03)
    playground.py  Playground (notebook 11), over the pure nn_helpers.playground.PlaygroundModel

Importing this package loads ipywidgets, matplotlib and ipympl, which ``import nn_helpers``
deliberately does not. The old paths ``nn_helpers.widgets`` and ``nn_helpers.playground``
still give the same names.
"""

from .base import App, figure_canvas
from .chain_explorer import ChainExplorer as ChainExplorer
from .chain_explorer import chain_explorer as chain_explorer
from .explorers import (
    ActivationExplorer,
    LearningRateExplorer,
    activation_explorer,
    learning_rate_explorer,
)
from .playground import Playground

__all__ = ["ActivationExplorer", "App", "LearningRateExplorer", "Playground",
           "activation_explorer", "figure_canvas", "learning_rate_explorer"]

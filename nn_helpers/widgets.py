"""The explorers of notebooks 02 and 03: re-exported here; the code is in ``nn_helpers.apps``
(``apps/explorers.py``; the ``App`` base and ``figure_canvas`` in ``apps/base.py``)."""

from .apps.base import FONT_SIZE, READOUT_CLASS, App, figure_canvas
from .apps.explorers import (
    ActivationExplorer,
    LearningRateExplorer,
    activation_explorer,
    learning_rate_explorer,
)

__all__ = ["FONT_SIZE", "READOUT_CLASS", "ActivationExplorer", "App", "LearningRateExplorer",
           "activation_explorer", "figure_canvas", "learning_rate_explorer"]

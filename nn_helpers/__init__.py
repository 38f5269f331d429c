"""nn_helpers: the small, vectorized NumPy core of "Neural Networks from Scratch".

# n: batch size, d: input features, k: outputs.  X: (n, d), one example per row.

    from nn_helpers import Network, train, gradient_check
    net = Network([784, 30, 10], hidden="sigmoid", output="sigmoid", loss="quadratic")
    history = train(net, X, Y, epochs=5, batch_size=10, lr=3.0)

Only NumPy is imported here; plotting, widgets and data loading live in their own
modules (``nn_helpers.data``, ...) and load pandas or matplotlib only when used.
"""

from .activations import ACTIVATIONS, get_activation
from .gradcheck import GradientCheck, gradient_check, numerical_gradients, relative_error
from .losses import LOSSES, get_loss
from .network import Cache, Layer, Network, initial_parameters
from .optimizers import SGD, Adam, AdamW, Constant, Cosine, Optimizer, StepDecay
from .training import History, TrainingDiverged, TrainingInterrupted, accuracy, train

__all__ = [
    "ACTIVATIONS", "LOSSES", "SGD", "Adam", "AdamW", "Cache", "Constant", "Cosine",
    "GradientCheck", "History", "Layer", "Network", "Optimizer", "StepDecay",
    "TrainingDiverged", "TrainingInterrupted", "accuracy", "get_activation", "get_loss",
    "gradient_check", "initial_parameters", "numerical_gradients", "relative_error", "train",
]
__version__ = "0.1.0"

"""Nudge one input of a small chain and follow the nudge to the end (notebook 04's explorer).

# every value here is one number: one example, one neuron.

The chain is one neuron with the quadratic cost of one example:

    x, w, b  ->  z = w x + b  ->  a = sigma(z)  ->  C = (a - y)^2 / 2

``nudge_chain`` moves one input (x, w or b) by a nudge, recomputes every value after it, and
puts what was *measured* (the change of each value, divided by the nudge) next to what the
chain rule *predicts* (the product of the local slopes up to that value). For a small nudge
the two agree; for a big one they drift apart, because the local slopes are slopes at the
starting point only.

    >>> result = nudge_chain(which="x", nudge=1e-6)
    >>> round(result.measured, 4), round(result.product, 4)
    (-0.0423, -0.0423)

NumPy-free on purpose (plain floats), so the widget and its tests stay simple.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Real

__all__ = ["CHAIN_INPUTS", "CHAIN_STEPS", "ChainNudge", "chain_forward", "local_slopes",
           "nudge_chain"]

CHAIN_INPUTS = ("x", "w", "b")          # the inputs a reader may nudge
CHAIN_STEPS = ("z", "a", "C")           # the values after the input, in order
FORMULAS = {"z": "z = w x + b", "a": "a = σ(z)", "C": "C = (a − y)² / 2"}
DEFAULTS = {"x": 1.5, "w": 0.8, "b": -0.2, "y": 1.0}   # the neuron of notebook 04, section 3


def _number(value, name):
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ValueError(f"{name} must be one number; got {type(value).__name__} {value!r}.")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number; got {value}.")
    return value


def _sigmoid(z):
    # the two-sided form never overflows: exp of a negative number only
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def chain_forward(x, w, b, y):
    """The values of the chain: {"z": w x + b, "a": sigma(z), "C": (a - y)^2 / 2}."""
    x, w, b, y = (_number(v, n) for v, n in ((x, "x"), (w, "w"), (b, "b"), (y, "y")))
    z = w * x + b
    a = _sigmoid(z)
    return {"z": z, "a": a, "C": 0.5 * (a - y) ** 2}


def local_slopes(x, w, b, y, which="x"):
    """The slope of each link at the starting point, for a nudge of input ``which``:

    (dz/d(which), da/dz, dC/da) = (w, x or 1 for x, w or b;  sigma'(z) = a (1 - a);  a - y).
    """
    _check_which(which)
    values = chain_forward(x, w, b, y)
    first = {"x": float(w), "w": float(x), "b": 1.0}[which]
    a = values["a"]
    return (first, a * (1.0 - a), a - float(y))


def _check_which(which):
    if which not in CHAIN_INPUTS:
        raise ValueError(f"which={which!r}: the chain's inputs that can be nudged are "
                         f"{list(CHAIN_INPUTS)}.")


@dataclass(frozen=True)
class ChainNudge:
    """What one nudge did. Every tuple runs along the chain: (input, z, a, C)."""

    which: str                 # the nudged input: "x", "w" or "b"
    nudge: float               # how far it was moved
    before: tuple              # the values before the nudge
    after: tuple               # the values after it
    slopes: tuple              # local slopes (dz/d input, da/dz, dC/da), at the start

    @property
    def names(self):
        return (self.which, *CHAIN_STEPS)

    @property
    def changes(self):
        """How much each value moved (after - before); the first is the nudge itself."""
        return tuple(after - before for before, after in zip(self.before, self.after))

    @property
    def ratios(self):
        """Each value's change divided by the nudge (measured); the first is 1."""
        return tuple(change / self.nudge for change in self.changes)

    @property
    def running_products(self):
        """The chain rule's prediction of each ratio: 1, then the product of the slopes so far."""
        products = [1.0]
        for slope in self.slopes:
            products.append(products[-1] * slope)
        return tuple(products)

    @property
    def product(self):
        """The product of all the local slopes: the chain rule's dC/d(input)."""
        return self.running_products[-1]

    @property
    def measured(self):
        """The change of C divided by the nudge: the measured dC/d(input)."""
        return self.ratios[-1]

    @property
    def gap(self):
        """measured - product: shrinks with the nudge (about in proportion to it)."""
        return self.measured - self.product


def nudge_chain(x=DEFAULTS["x"], w=DEFAULTS["w"], b=DEFAULTS["b"], y=DEFAULTS["y"],
                which="x", nudge=0.1):
    """Nudge input ``which`` (x, w or b) by ``nudge`` and follow the change along the chain."""
    _check_which(which)
    nudge = _number(nudge, "nudge")
    if nudge == 0:
        raise ValueError("nudge must not be 0: a nudge of 0 moves nothing, and the measured "
                         "ratio change / nudge would divide by 0.")
    start = {"x": x, "w": w, "b": b, "y": y}
    moved = dict(start, **{which: _number(start[which], which) + nudge})
    before, after = chain_forward(**start), chain_forward(**moved)
    return ChainNudge(
        which=which, nudge=nudge,
        before=(float(start[which]), *(before[s] for s in CHAIN_STEPS)),
        after=(float(moved[which]), *(after[s] for s in CHAIN_STEPS)),
        slopes=local_slopes(x, w, b, y, which),
    )

"""Optimizers turn gradients into steps; schedules change the learning rate as training goes.

# P: one parameter array (a W or a b), g: its gradient dC/dP (same shape), t = 1, 2, ...: steps.

Each optimizer keeps, for every parameter array, the state its rule needs (created for the
network it is given, on its first step), and updates the parameters in place:

    SGD    g <- g + wd P;   v <- mu v + g;   P <- P - lr v      (nesterov: P <- P - lr (g + mu v))
    Adam   g <- g + wd P;   m <- b1 m + (1 - b1) g;   s <- b2 s + (1 - b2) g^2
           P <- P - lr m_hat / (sqrt(s_hat) + eps),   m_hat = m / (1 - b1^t), s_hat = s / (1 - b2^t)
    AdamW  P <- P (1 - lr wd), then Adam's step without wd in g ("decoupled" weight decay)

Weight decay (L2) applies to the weights only, never to the biases. Without momentum, SGD is
the plain step P <- P - lr (g + wd P). These are the rules of ``torch.optim`` (SGD with
dampening 0), and the tests check every one against it to 1e-10.

A schedule gives a factor for the learning rate at each step: lr_t = lr * factor(t). Each
can start with a linear warm-up, factor (t + 1) / w over the first w steps, which keeps the
first, large and unreliable gradients from throwing the weights far.
"""

from __future__ import annotations

import math

import numpy as np

from .checks import check_fraction, check_positive


class Optimizer:
    """The common part: a learning rate, weight decay, and per-parameter state.

    Subclasses say which state arrays they need (``state_names``) and how to update one
    parameter array (``_update``). ``step(net, grads, lr)`` may use the gradient arrays as
    scratch space: pass copies if you still need them afterwards.
    """

    state_names: tuple = ()
    default_lr = 0.1

    def __init__(self, net=None, lr=None, weight_decay=0.0):
        self.lr = check_positive("lr", self.default_lr if lr is None else lr)
        self.weight_decay = check_fraction("weight_decay", weight_decay, upper_open=False)
        self.steps = 0          # t: how many steps this optimizer has taken
        self._net = None
        if net is not None:
            self.bind(net)

    def bind(self, net):
        """Create the state for ``net``'s parameters (zeros), once; refuse another network."""
        if self._net is net:
            return self
        if self._net is not None:
            raise ValueError("this optimizer already holds the state (momentum, averages) of "
                             "another network; create a new optimizer for each network.")
        self._net = net
        self.state = [tuple({name: np.zeros_like(P) for name in self.state_names}
                            for P in (W, b)) for W, b in net.parameters]
        self._room = [(np.empty_like(W), np.empty_like(b)) for W, b in net.parameters]
        return self

    def step(self, net, grads, lr=None):
        """Update ``net``'s parameters in place from [(dW, db), ...]; ``lr`` overrides
        ``self.lr`` for this step (a schedule's value)."""
        self.bind(net)
        self.steps += 1
        lr = self.lr if lr is None else lr
        for (W, b), (dW, db), (sW, sb), (rW, rb) in zip(net.parameters, grads, self.state,
                                                        self._room):
            self._update(W, dW, sW, rW, lr, self.weight_decay)   # weight decay: weights only
            self._update(b, db, sb, rb, lr, 0.0)

    def _update(self, P, g, state, room, lr, decay):
        raise NotImplementedError

    def check_decay(self, lr):
        """Refuse a weight decay that, at learning rate ``lr``, alone makes training fail."""

    def settings(self) -> dict:
        """The hyperparameters, as keyword arguments that recreate this optimizer."""
        return {"lr": self.lr, "weight_decay": self.weight_decay}

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self.settings().items())
        return f"{type(self).__name__}({args})"


class SGD(Optimizer):
    """Stochastic gradient descent, with optional (Nesterov) momentum and L2 weight decay."""

    def __init__(self, net=None, lr=None, momentum=0.0, weight_decay=0.0, nesterov=False):
        super().__init__(None, lr, weight_decay)
        self.momentum = check_fraction("momentum", momentum)
        if nesterov and not self.momentum:
            raise ValueError("nesterov=True needs momentum > 0 (0.9 is a common choice).")
        self.nesterov = bool(nesterov)
        self.state_names = ("velocity",) if self.momentum else ()
        if net is not None:
            self.bind(net)

    def check_decay(self, lr):
        # The decay term alone moves W by -lr * wd * W per step. With momentum mu that
        # recursion is w' = (1 + mu - lr wd) w - mu w_prev, which grows without bound once
        # lr * wd > 2 (1 + mu) (tests/test_core.py checks the limit).
        limit = 2 * (1 + self.momentum)
        if lr * self.weight_decay > limit:
            raise ValueError(
                f"lr * weight_decay = {lr * self.weight_decay:g} is above {limit:g} "
                f"(2 * (1 + momentum)): at that size the weight-decay term alone makes the "
                f"weights grow without bound, whatever the data. Lower lr or weight_decay "
                f"(weight_decay is usually 1e-5 to 1e-3).")

    def step(self, net, grads, lr=None):
        if self.momentum or self.weight_decay:
            return super().step(net, grads, lr)
        self.bind(net)                                    # plain SGD: the shortest path,
        self.steps += 1                                   # P <- P - lr g, written over g
        lr = self.lr if lr is None else lr
        for P, g in zip(net.weights + net.biases, [dW for dW, _ in grads] +
                        [db for _, db in grads]):
            g *= lr
            P -= g

    def _update(self, P, g, state, room, lr, decay):
        if decay:
            g += np.multiply(P, decay, out=room)          # g + wd P
        if self.momentum:
            v = state["velocity"]
            if self.steps == 1:
                np.copyto(v, g)                           # torch starts v at the first g
            else:
                v *= self.momentum
                v += g                                    # v <- mu v + g
            if self.nesterov:
                g += np.multiply(v, self.momentum, out=room)   # look ahead: g + mu v
            else:
                g = v
        # lr * direction is written over g (never over the velocity): a separate buffer as
        # large as the weights pushes them out of the CPU cache (measured ~5% slower epochs)
        P -= np.multiply(g, lr, out=room if g is state.get("velocity") else g)

    def settings(self):
        return {"lr": self.lr, "momentum": self.momentum, "weight_decay": self.weight_decay,
                "nesterov": self.nesterov}


class Adam(Optimizer):
    """Adam: each parameter's step is scaled by a running estimate of its gradient's size.

    ``m`` averages the gradients (a momentum), ``s`` their squares; dividing by sqrt(s) makes
    the step about lr for every parameter, however large or small its gradients are. The
    averages start at 0, so early on they are too small: dividing by 1 - beta^t fixes that
    ("bias correction").

    For speed the state holds the averages without their (1 - beta) factors,
    M = m / (1 - b1) and S = s / (1 - b2), so that each update is M <- b1 M + g and
    S <- b2 S + g^2; the constant factors are applied once, to the step. That saves three
    passes over every weight array per step (Adam's cost is these element-wise passes).
    """

    state_names = ("m", "s")
    default_lr = 0.001
    decoupled = False   # AdamW: decay the weights directly instead of adding wd P to g

    def __init__(self, net=None, lr=None, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0):
        super().__init__(None, lr, weight_decay)
        beta1, beta2 = betas
        self.betas = (check_fraction("betas[0]", beta1), check_fraction("betas[1]", beta2,
                                                                        typical=0.999))
        self.eps = check_positive("eps", eps)
        if net is not None:
            self.bind(net)

    def _update(self, P, g, state, room, lr, decay):
        beta1, beta2 = self.betas
        if decay and self.decoupled:
            P *= 1.0 - lr * decay                         # AdamW: shrink the weights
        elif decay:
            g += np.multiply(P, decay, out=room)          # Adam: L2 through the gradient
        M, S = state["m"], state["s"]
        M *= beta1
        M += g                                            # M = m / (1 - b1)
        S *= beta2
        S += np.square(g, out=g)                          # S = s / (1 - b2)
        # sqrt(s_hat) = k2 sqrt(S) and m_hat = M (1 - b1) / (1 - b1^t), so the step
        # lr m_hat / (sqrt(s_hat) + eps) is lr (1 - b1) / ((1 - b1^t) k2) * M / (sqrt(S) + eps / k2)
        k2 = math.sqrt((1.0 - beta2) / (1.0 - beta2 ** self.steps))
        denominator = np.sqrt(S, out=room)
        denominator += self.eps / k2
        step = np.divide(M, denominator, out=room)
        step *= lr * (1.0 - beta1) / ((1.0 - beta1 ** self.steps) * k2)
        P -= step

    def settings(self):
        return {"lr": self.lr, "betas": self.betas, "eps": self.eps,
                "weight_decay": self.weight_decay}


class AdamW(Adam):
    """Adam with decoupled weight decay: the weights shrink by lr * wd each step, outside the
    averages, so decay is not scaled down for parameters with large gradients."""

    decoupled = True

    def check_decay(self, lr):
        if lr * self.weight_decay >= 1:
            raise ValueError(
                f"lr * weight_decay = {lr * self.weight_decay:g}: AdamW multiplies every weight "
                f"by 1 - lr * weight_decay each step, which at 1 or more wipes the weights out "
                f"(or flips their sign). Lower lr or weight_decay (AdamW's usual weight_decay "
                f"is 0.01 to 0.1 with lr around 1e-3).")


OPTIMIZERS = {"sgd": SGD, "adam": Adam, "adamw": AdamW}


def make_optimizer(optimizer, lr=None, momentum=None, weight_decay=None) -> Optimizer:
    """An optimizer from a name ("sgd", "adam", "adamw") and settings, or the object given.

    Settings go in one place: with an optimizer object, pass lr and the rest to it."""
    given = {k: v for k, v in (("lr", lr), ("momentum", momentum),
                               ("weight_decay", weight_decay)) if v is not None}
    if isinstance(optimizer, Optimizer):
        if given:
            raise ValueError(f"optimizer={optimizer!r} already has its settings; set "
                             f"{', '.join(given)} on it instead of passing them to train.")
        return optimizer
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer={optimizer!r} is not known; choose one of "
                         f"{list(OPTIMIZERS)} or pass an optimizer such as SGD(lr=0.1).")
    if "momentum" in given and optimizer != "sgd":
        raise ValueError(f"momentum is a setting of SGD; {optimizer} keeps its own running "
                         f"average, set by betas: pass optimizer={OPTIMIZERS[optimizer].__name__}"
                         f"(lr=..., betas=(0.9, 0.999)).")
    return OPTIMIZERS[optimizer](**given)


# --------------------------------------------------------------------------- schedules
class Schedule:
    """The learning rate's factor at step t (0, 1, ...) of a run of ``total`` steps.

    ``warmup`` (in epochs, may be a fraction) ramps the factor linearly up to the schedule's
    start; the schedule itself then runs over the remaining steps.
    """

    def __init__(self, warmup=0.0):
        self.warmup = check_fraction("warmup", warmup, upper_open=False)

    def factor(self, t, total, per_epoch):
        """``per_epoch``: steps in one epoch, to turn the epochs of the settings into steps."""
        w = round(self.warmup * per_epoch)
        if t < w:
            return (t + 1) / w
        return self._after_warmup(t - w, total - w, per_epoch)

    def _after_warmup(self, t, total, per_epoch):
        return 1.0

    def factors(self, total, per_epoch):
        """The factor of every step of a run of ``total`` steps (None: 1 for every step)."""
        return [self.factor(t, total, per_epoch) for t in range(total)]

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"


class Constant(Schedule):
    """The same learning rate throughout (after any warm-up)."""

    def factors(self, total, per_epoch):
        # without a warm-up every factor is 1: no list of a factor per step to build
        return super().factors(total, per_epoch) if round(self.warmup * per_epoch) else None


class StepDecay(Schedule):
    """Multiply the learning rate by ``gamma`` every ``every`` epochs."""

    def __init__(self, every, gamma=0.1, warmup=0.0):
        super().__init__(warmup)
        self.every = check_positive("every", every)
        self.gamma = check_positive("gamma", gamma)

    def _after_warmup(self, t, total, per_epoch):
        return self.gamma ** (t // max(1, round(self.every * per_epoch)))


class Cosine(Schedule):
    """Half a cosine from 1 down to ``final`` over the run: fast early, gentle at the end.
    factor(t) = final + (1 - final) (1 + cos(pi t / T)) / 2."""

    def __init__(self, final=0.0, warmup=0.0):
        super().__init__(warmup)
        self.final = check_fraction("final", final, upper_open=False)

    def _after_warmup(self, t, total, per_epoch):
        return self.final + (1.0 - self.final) * (1.0 + math.cos(math.pi * t / total)) / 2.0


SCHEDULES = {"constant": Constant, "cosine": Cosine}


def make_schedule(schedule) -> Schedule:
    """A schedule from None, a name ("constant", "cosine") or the Schedule given."""
    if schedule is None:
        return Constant()
    if isinstance(schedule, Schedule):
        return schedule
    if schedule not in SCHEDULES:
        raise ValueError(f"schedule={schedule!r} is not known; choose one of {list(SCHEDULES)} "
                         f"or pass a schedule such as Cosine(warmup=1) or StepDecay(every=5).")
    return SCHEDULES[schedule]()

"""The graded bug hunt of notebook 09: five small training runs, each with one planted bug.

# n: examples, d: input features, h: hidden units, k: classes.  X: (n, d), Y: (n, k) one-hot.

Every case is pure and seeded: ``run_case(number)`` builds its data and network and trains
them, with the bug in place, and returns a ``Run`` (the network, its data, the cost per epoch,
the first step of the first layer, the accuracies), the evidence a learner inspects with the
series' tools (``gradient_check``, ``activation_report``, ``net.predict``, the history).
``run_case(number, fix)`` trains the same case with the learner's repair in place of the
buggy part; ``judge_fix`` says whether that repaired run learns, and if not, why not.
``judge_name`` grades the learner's name for the bug (one of ``BUGS``) and answers a wrong
name with the evidence that rules it out; ``HINTS`` is each case's ladder of three hints.

The runs are tiny (a few hundred examples of 8 features, 8 hidden units, 40 epochs): each
takes a fraction of a second.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

import numpy as np

from .activations import softmax as _softmax
from .network import Network

__all__ = ["BUGS", "CASES", "HINTS", "Run", "hunt_data", "judge_fix", "judge_name",
           "run_case"]

# The names a learner chooses from: five are the planted bugs, the others are real bugs of
# this chapter that none of the cases has (so a guess has to be ruled out by evidence).
BUGS = {
    "dead_relu": "dead ReLU units: the hidden units output 0 for every example",
    "label_leak": "label leakage: an input column gives the answer away",
    "lr_too_large": "a learning rate that is too large: the steps overshoot",
    "missing_slope": "BP2 without the factor f'(Z)",
    "shuffled_apart": "inputs and labels shuffled separately",
    "softmax_axis": "softmax over the wrong axis",
    "too_few_epochs": "too few epochs: it just needs more training",
    "transposed_update": "a transposed weight update: W changed by dW.T instead of dW",
    "unscaled_inputs": "unscaled inputs: features in the hundreds, like raw pixels",
}

# case number -> the bug planted in it (the notebook never prints this table)
CASES = {1: "lr_too_large", 2: "label_leak", 3: "softmax_axis", 4: "dead_relu",
         5: "transposed_update"}

EPOCHS = 40
BATCH = 25
LEARNS = 0.8          # a repaired run must reach this validation accuracy (chance: 1/k)


# ------------------------------------------------------------------------ data
def hunt_data(classes=3, n=400, d=8, seed=0, spread=1.6):
    """Gaussian clouds, one per class, in d dimensions: (X_train, Y_train, X_val, Y_val),
    300 examples to train on and 100 to validate, one-hot targets (n, k). Features have a
    typical size of a few units (below 5), so nothing needs scaling."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((classes, d)) * spread
    labels = rng.integers(0, classes, n)
    X = centres[labels] + rng.standard_normal((n, d))
    Y = np.eye(classes)[labels]
    cut = 3 * n // 4
    return X[:cut], Y[:cut], X[cut:], Y[cut:]


# ------------------------------------------------------------------------ the runs
@dataclass
class Run:
    """One training run of a case: the evidence to inspect.

    ``net`` the trained network; ``X_train, Y_train, X_val, Y_val`` its data; ``loss`` the
    training cost per epoch (it stops early when the cost is no longer a finite number, and
    ``stopped`` says so); ``first_step`` the first layer's weights just before and just after
    the first step, with the gradient that step was given (``W_before``, ``W_after``, ``dW``,
    ``lr``); ``val_accuracy`` on the validation data (one batch), and ``new_accuracy`` on new data
    collected later (the same kind of examples, measured afresh, one at a time)."""

    case: int
    net: Network
    X_train: np.ndarray
    Y_train: np.ndarray
    X_val: np.ndarray
    Y_val: np.ndarray
    X_new: np.ndarray
    Y_new: np.ndarray
    loss: list = field(default_factory=list)
    stopped: str | None = None
    first_step: dict = field(default_factory=dict)

    @property
    def val_accuracy(self) -> float:
        return _accuracy(self.net, self.X_val, self.Y_val)

    @property
    def new_accuracy(self) -> float:
        """New examples arrive one at a time, so the network sees each one alone."""
        right = [_accuracy(self.net, x[None], y[None]) for x, y in zip(self.X_new, self.Y_new)]
        return float(np.mean(right))

    @property
    def learned(self) -> bool:
        """True when the run trained to the end, its cost fell, and the network gets at
        least LEARNS of new data right."""
        return (self.stopped is None and len(self.loss) > 1 and self.loss[-1] < self.loss[0]
                and self.new_accuracy >= LEARNS)

    def summary(self) -> str:
        cost = " ".join(f"{c:.3g}" for c in self.loss[:: max(1, len(self.loss) // 8)])
        end = f"stopped: {self.stopped}" if self.stopped else f"final cost {self.loss[-1]:.3g}"
        return (f"case {self.case}: cost every few epochs {cost} ({end}); validation "
                f"accuracy {100 * self.val_accuracy:.0f}%")


def _accuracy(net, X, Y):
    with np.errstate(all="ignore"):
        A = net.predict(X)
    if not np.all(np.isfinite(A)):
        return 0.0
    return float(np.mean(A.argmax(axis=1) == Y.argmax(axis=1)))


class _SoftmaxNet(Network):
    """A network whose output layer applies ``self.softmax_fn`` to Z[L] (the planted bug of
    case 3 is a softmax over axis 0). The cost is still measured from Z, row by row."""

    softmax_fn = None

    def _forward(self, X, buffers=None, rng=None):
        cache = super()._forward(X, buffers, rng)
        cache.A[-1] = np.asarray(self.softmax_fn(cache.Z[-1]), dtype=cache.Z[-1].dtype)
        return cache


def _buggy_softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def _sgd_update(W, dW, lr):
    return W - lr * dW


def _transposed_update(W, dW, lr):
    return W - lr * dW.T


def _loop(net, X, Y, lr, update=_sgd_update, epochs=EPOCHS, seed=0, momentum=0.0):
    """Mini-batch SGD written out (so case 5 can plant its bug in the update): returns the
    cost per epoch, the reason it stopped (or None), and the first layer's first step."""
    rng = np.random.default_rng(seed)
    velocity = [(np.zeros_like(W), np.zeros_like(b)) for W, b in net.parameters]
    losses, first = [], {}
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            order = rng.permutation(len(X))
            costs = []
            for start in range(0, len(X), BATCH):
                rows = order[start:start + BATCH]
                cost, grads = net.cost_and_gradients(X[rows], Y[rows])
                if not np.isfinite(cost):
                    losses.append(float(np.mean(costs)) if costs else float(cost))
                    return losses, f"the cost became {cost} in epoch {epoch + 1}", first
                costs.append(cost)
                for i, ((dW, db), (vW, vb)) in enumerate(zip(grads, velocity)):
                    vW *= momentum
                    vW += dW
                    vb *= momentum
                    vb += db
                    W = net.weights[i]
                    if not first and i == 0:
                        first = {"W_before": W.copy(), "dW": dW.copy(), "lr": lr}
                    net.weights[i] = np.asarray(update(W, vW, lr), dtype=W.dtype)
                    net.biases[i] = net.biases[i] - lr * vb
                    if i == 0 and "W_after" not in first:
                        first["W_after"] = net.weights[0].copy()
            losses.append(float(np.mean(costs)))
    return losses, None, first


def _run(case, net, data, new, lr, update=_sgd_update, momentum=0.0):
    X_train, Y_train, X_val, Y_val = data
    losses, stopped, first = _loop(net, X_train, Y_train, lr, update, momentum=momentum)
    return Run(case, net, X_train, Y_train, X_val, Y_val, *new, loss=losses, stopped=stopped,
               first_step=first)


def _new_data(classes=3, seed=0, spread=1.6):
    """New examples of the same clouds (the same centres, fresh noise)."""
    _, _, X, Y = hunt_data(classes, n=1600, seed=seed, spread=spread)
    return X[-200:], Y[-200:]


def _net(hidden, output="softmax", loss="cross_entropy", k=3, d=8, seed=0):
    init = "he" if hidden == "relu" else "xavier"
    return Network([d, 8, k], hidden=hidden, output=output, loss=loss, init=init, seed=seed)


# case 1: a learning rate that explodes (linear outputs, quadratic cost, as in 09 section 3)
LR_BUGGY = 2.0


def _case1(lr=LR_BUGGY):
    net = _net("tanh", output="identity", loss="quadratic")
    return _run(1, net, hunt_data(), _new_data(), lr, momentum=0.9)


# case 2: label leakage. Column 8 was filled in from the answer ("the class code the
# collector wrote down"); new data collected later has no such code (it reads 0).
LEAK = 8
SPREAD_LEAK = 1.5     # closer clouds: the honest columns alone give about 90%


def _leaky(X, Y, seed, known=True):
    rng = np.random.default_rng(seed)
    code = Y.argmax(axis=1) + 0.05 * rng.standard_normal(len(Y)) if known else np.zeros(len(Y))
    return np.column_stack([X, code])


def _case2(columns=None):
    X_train, Y_train, X_val, Y_val = hunt_data(seed=2, spread=SPREAD_LEAK)
    X_new, Y_new = _new_data(seed=2, spread=SPREAD_LEAK)
    data = (_leaky(X_train, Y_train, 1), Y_train, _leaky(X_val, Y_val, 2), Y_val)
    new = (_leaky(X_new, Y_new, 3, known=False), Y_new)
    if columns is not None:
        data = (data[0][:, columns], data[1], data[2][:, columns], data[3])
        new = (new[0][:, columns], new[1])
    net = _net("tanh", d=data[0].shape[1])
    return _run(2, net, data, new, lr=0.3, momentum=0.9)


# case 3: softmax over the wrong axis (each column sums to 1 instead of each row)
def _case3(softmax=_buggy_softmax):
    net = _net("tanh")
    net.__class__ = _SoftmaxNet      # the same network, with its output's softmax replaced
    net.softmax_fn = softmax         # an attribute of the instance: called as softmax(Z)
    return _run(3, net, hunt_data(seed=3), _new_data(seed=3), lr=0.3, momentum=0.9)


# case 4: dead ReLUs (every hidden bias started at -8, so z < 0 for every example)
BIAS_BUGGY = -8.0


def _case4(bias=BIAS_BUGGY):
    net = _net("relu")
    net.biases[0][:] = bias
    return _run(4, net, hunt_data(seed=4), _new_data(seed=4), lr=0.3, momentum=0.9)


# case 5: a transposed weight update. With 8 inputs, 8 hidden units and 8 classes every
# weight table is square, so W - lr * dW.T runs without an error.
def _case5(update=_transposed_update):
    net = Network([8, 8, 8], hidden="tanh", output="softmax", loss="cross_entropy",
                  init="xavier", seed=5)
    return _run(5, net, hunt_data(classes=8, seed=5, spread=2.5),
                _new_data(classes=8, seed=5, spread=2.5), lr=0.3, update=update, momentum=0.9)


_BUILDERS = {1: _case1, 2: _case2, 3: _case3, 4: _case4, 5: _case5}


def run_case(number, fix=None) -> Run:
    """Train case ``number`` (1-5) with its bug, or with ``fix`` in place of the buggy part:
    case 1 a learning rate, case 2 the list of input columns to keep, case 3 a softmax
    function of Z (n, k), case 4 the value the hidden biases start at, case 5 an update
    function (W, dW, lr) -> the new W. ``fix`` is not checked here: see ``judge_fix``."""
    if number not in _BUILDERS:
        raise ValueError(f"there are cases 1 to {len(_BUILDERS)}; got {number!r}")
    return _BUILDERS[number]() if fix is None else _BUILDERS[number](fix)


# ------------------------------------------------------------------------ grading
HINTS = {
    1: ("Look at the cost per epoch (run.loss) and at run.stopped: what happens to the cost, "
        "and how soon?",
        "Compare the size of the first layer's weights before the first step, "
        "np.abs(run.first_step['W_before']).max(), with their size just after it "
        "(run.first_step['W_after']) and at the end (run.net.weights[0]): how much does "
        "one step change them?",
        "The learning rate lr=2 is too large for this network: each step overshoots. Divide "
        "it by 10 until the cost falls."),
    2: ("Look at the validation accuracy (run.val_accuracy) and at the accuracy on new data "
        "(run.new_accuracy). Is the first one believable?",
        "Compare how strongly each input column is tied to the label: the correlation of "
        "run.X_train[:, j] with run.Y_train.argmax(axis=1), for every column j.",
        "Column 8 was filled in from the answer (label leakage): it is there in training "
        "and validation but not in new data. Keep only columns 0 to 7."),
    3: ("Look at the network's outputs: print run.net.predict(run.X_val[:5]) and add up "
        "each row.",
        "Compare the sums of the rows of the outputs (axis=1) with the sums of their columns "
        "(axis=0): which ones are 1?",
        "The softmax adds up over axis 0 (the examples) instead of axis 1 (the classes of one "
        "example): each row must sum to 1."),
    4: ("Look at the hidden layer: activation_report(run.net, run.X_val) from section 4.",
        "Compare the cost per epoch (run.loss) with the cost of a network that guesses, "
        "log 3 for 3 classes, and look at the hidden biases, run.net.biases[0].",
        "The hidden biases start at -8, so every hidden ReLU gets z < 0 for every example and "
        "outputs 0: they are dead and never get a gradient. Start the biases at 0."),
    5: ("Look at the gradient check (gradient_check(run.net, run.X_val[:5], run.Y_val[:5])) "
        "and at the cost per epoch: if the gradients are right, the bug is after them.",
        "Compare the first step, (run.first_step['W_before'] - run.first_step['W_after']) / "
        "run.first_step['lr'], with the gradient run.first_step['dW'] it was given, and with "
        "its transpose.",
        "The update subtracts lr * dW.T: the gradient turned on its side. Every table is "
        "square here, so nothing crashes. The step must be W - lr * dW."),
}

# (case, wrong name) -> the evidence that rules the wrong name out; a name without an entry
# for its case uses the entry for every case (None as the case), when there is one
_TANH = "the hidden units here are tanh, not ReLU: none can die."
_RIGHT_STEP = ("the update is right here: (run.first_step['W_before'] - "
               "run.first_step['W_after']) / run.first_step['lr'] equals run.first_step['dW'], "
               "not its transpose.")
_ROWS_SUM = "each row of run.net.predict(run.X_val[:5]) sums to 1, as it should."
_NOT_TOO_GOOD = ("a leaked label makes the validation accuracy look too good; here it is "
                 "poor (run.val_accuracy), so no column is giving the answer away.")
_RULED_OUT = {
    (None, "unscaled_inputs"): "the inputs are not the problem: every feature here has a "
                               "typical size between 1 and 5, nowhere near the 255 of raw "
                               "pixels (print np.sqrt(np.mean(run.X_train ** 2, axis=0))).",
    (None, "too_few_epochs"): "more epochs would not help: look at where the cost is going "
                              "in run.loss.",
    (None, "shuffled_apart"): "the training loop here shuffles inputs and labels with one "
                              "order.",
    (None, "transposed_update"): _RIGHT_STEP,
    (1, "dead_relu"): _TANH + " Look at what the cost does in run.loss, and at run.stopped.",
    (2, "dead_relu"): _TANH,
    (3, "dead_relu"): _TANH,
    (5, "dead_relu"): _TANH,
    (1, "missing_slope"): "a missing f'(Z) makes the gradient wrong but does not blow a run up "
                          "within a few epochs. Look at run.stopped and at how much the first "
                          "step changed the weights (run.first_step).",
    (2, "missing_slope"): "the gradient check finds no real disagreement here (errors about a "
                          "million times smaller than those of section 1's broken networks), "
                          "and the cost falls smoothly. Compare run.val_accuracy with "
                          "run.new_accuracy.",
    (3, "missing_slope"): "the gradient check does disagree here, but in the output layer too, "
                          "which BP2 does not touch. Look at the outputs themselves: "
                          "run.net.predict(run.X_val[:5]).",
    (4, "missing_slope"): "the gradient check passes in every layer here. Look inside the "
                          "hidden layer with activation_report.",
    (5, "missing_slope"): "the gradient check passes in every layer here: the gradients are "
                          "right. The bug is in what is done with them (run.first_step).",
    (2, "lr_too_large"): "the cost falls smoothly in run.loss, and the validation accuracy is "
                         "excellent. Compare it with run.new_accuracy.",
    (3, "lr_too_large"): "the cost stays finite and does not jump about. Look at the outputs: "
                         "do the rows of run.net.predict(run.X_val[:5]) sum to 1?",
    (4, "lr_too_large"): "the cost does not explode: it stays flat, at the guessing level. "
                         "Look inside the hidden layer with activation_report.",
    (5, "lr_too_large"): "the cost does not explode. The gradient check passes, so compare "
                         "the first step with the gradient it was given (run.first_step).",
    (4, "too_few_epochs"): "the cost has not moved at all in 40 epochs: more would not help. "
                           "Look inside the hidden layer with activation_report.",
    (1, "softmax_axis"): "this network has no softmax at all: its outputs are linear "
                         "(output='identity'). Look at run.loss and run.stopped.",
    (2, "softmax_axis"): _ROWS_SUM + " Compare run.val_accuracy with run.new_accuracy.",
    (4, "softmax_axis"): _ROWS_SUM + " Look inside the hidden layer with activation_report.",
    (5, "softmax_axis"): _ROWS_SUM + " Run the gradient check, then look at run.first_step.",
    (1, "label_leak"): _NOT_TOO_GOOD + " Look at run.loss and run.stopped.",
    (3, "label_leak"): "no input column is a copy of the label: even the one most tied to it "
                       "is far from a perfect match (print each column's correlation with "
                       "run.Y_train.argmax(axis=1)). The gap between run.val_accuracy and "
                       "run.new_accuracy comes from how the "
                       "network sees its examples: right in a batch of 100, wrong one at a "
                       "time. Do the rows of run.net.predict(run.X_val[:5]) sum to 1?",
    (4, "label_leak"): _NOT_TOO_GOOD + " Look inside the hidden layer with activation_report.",
    (5, "label_leak"): _NOT_TOO_GOOD + " Run the gradient check, then look at run.first_step.",
}


def _name_key(answer):
    """The key of BUGS that ``answer`` names (its key, or its description), or None."""
    if not isinstance(answer, str):
        return None
    text = answer.strip().lower()
    for key, description in BUGS.items():
        if text in (key, description.lower(), description.split(":")[0].lower()):
            return key
    return None


def judge_name(number, answer):
    """(right?, message) for the learner's name of case ``number``'s bug: a key of BUGS."""
    truth = CASES[number]
    key = _name_key(answer)
    if answer is None:
        return False, "placeholder"
    if key is None:
        return False, (f"{answer!r} is not one of the names. Choose a key of BUGS, e.g. "
                       f"'dead_relu' (print show_bugs() for the list).")
    if key == truth:
        return True, f"case {number} has {BUGS[truth]}."
    ruled_out = _RULED_OUT.get((number, key)) or _RULED_OUT[None, key]
    return False, f"not {key!r}: {ruled_out} First hint: {HINTS[number][0]}"


def judge_fix(number, fix):
    """(learned?, message, run) for case ``number`` trained with the learner's ``fix``."""
    problem = _refuse(number, fix)
    if problem:
        return False, problem, None
    try:
        run = run_case(number, fix)
    except Exception as error:  # the learner's function failed inside the run: say how
        return False, (f"training with your fix raised {type(error).__name__}: {error}"), None
    buggy = run_case(number)
    before = (f"(with the bug: validation accuracy {100 * buggy.val_accuracy:.0f}%, on new "
              f"data {100 * buggy.new_accuracy:.0f}%)")
    if run.learned:
        return True, (f"case {number} learns with your fix: cost {run.loss[0]:.3g} -> "
                      f"{run.loss[-1]:.3g}, validation accuracy {100 * run.val_accuracy:.0f}%, "
                      f"{100 * run.new_accuracy:.0f}% on new data {before}."), run
    return False, _why_not(number, fix, run) + f" {before}", run


def _refuse(number, fix):
    """A message when ``fix`` is not the kind of thing case ``number`` replaces."""
    if number in (1, 4):
        what = "a learning rate" if number == 1 else "the value the hidden biases start at"
        if isinstance(fix, bool) or not isinstance(fix, numbers.Real):
            return f"the fix of case {number} is a number ({what}); got {type(fix).__name__}."
        if not np.isfinite(fix):
            return f"the fix of case {number} must be a finite number; got {fix}."
        if number == 1 and fix <= 0:
            return "a learning rate must be a positive number."
    if number == 2:
        try:
            columns = [int(c) for c in fix]
        except (TypeError, ValueError):
            return ("the fix of case 2 is a list of the input columns to keep, e.g. "
                    "[0, 1, 2]; got " + type(fix).__name__ + ".")
        if not columns or any(c < 0 or c > LEAK for c in columns) or \
                any(c != f for c, f in zip(columns, fix)):
            return "the columns to keep are whole numbers from 0 to 8, at least one."
        if LEAK in columns:
            return ("column 8 is still in the list: it was filled in from the answer, so "
                    "the network reads the label from it and fails on new data, where it "
                    "is missing. Leave it out.")
    if number in (3, 5) and not callable(fix):
        what = "softmax(Z)" if number == 3 else "update(W, dW, lr)"
        return f"the fix of case {number} is a function {what}; got {type(fix).__name__}."
    if number == 3:
        return _softmax_problem(fix)
    if number == 5:
        return _update_problem(fix)
    return None


def _softmax_problem(softmax):
    Z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0], [2.0, 2.0, 2.0], [0.5, 0.0, 1.0]])
    big = np.array([[800.0, 0.0, 1.0], [0.0, 1.0, 2.0]])
    try:
        with np.errstate(all="ignore"):
            got = np.asarray(softmax(Z.copy()), dtype=float)
            big = np.asarray(softmax(big), dtype=float)
    except Exception as error:
        if isinstance(error, ValueError) and "broadcast" in str(error):
            return ("your softmax divides a table (n, k) by n row sums that lost their axis: "
                    "sum with keepdims=True, so the sums have shape (n, 1).")
        return f"your softmax raised {type(error).__name__}: {error} (called on Z of shape (4, 3))."
    want = _softmax(Z)
    if got.shape != want.shape:
        return (f"your softmax returned shape {got.shape} for Z of shape {Z.shape}: it must "
                f"keep the shape, one probability per class and example.")
    if np.allclose(got, _buggy_softmax(Z)):
        return ("each column of your softmax sums to 1: it still adds up over axis 0. "
                "Add up over the classes of one example, axis=1.")
    if np.allclose(got.sum(), 1.0) and not np.allclose(got, want):
        return "all the entries add up to 1 together: each ROW must, so sum with axis=1."
    if not np.allclose(got, want):
        return "your softmax gives other numbers than e^z / (sum of e^z over the row)."
    if not np.all(np.isfinite(big)):
        return ("your softmax is right for small z but gives NaN for z = 800: e^800 overflows. "
                "Subtract each row's maximum from Z first (it cancels out).")
    return None


def _update_problem(update):
    rng = np.random.default_rng(7)
    W, dW = rng.standard_normal((3, 3)), rng.standard_normal((3, 3))
    try:
        got = np.asarray(update(W.copy(), dW.copy(), 0.1), dtype=float)
    except Exception as error:
        return f"your update raised {type(error).__name__}: {error}."
    if got.shape != W.shape:
        return f"your update returned shape {got.shape}; the new W has W's shape {W.shape}."
    if np.allclose(got, W - 0.1 * dW.T):
        return "your update still subtracts dW.T: the gradient has W's layout, use dW as it is."
    if np.allclose(got, W + 0.1 * dW):
        return "your update adds the gradient: that walks uphill. Subtract lr * dW."
    if np.allclose(got, W - dW):
        return "your update forgot the learning rate: W - lr * dW."
    if not np.allclose(got, W - 0.1 * dW):
        return "your update should return W - lr * dW (the new weights)."
    return None


def _why_not(number, fix, run):
    if run.stopped:
        extra = " Divide the learning rate by 10 again." if number == 1 else ""
        return f"with your fix the run still blows up: {run.stopped}.{extra}"
    if number == 1 and run.loss[-1] > 0.5 * run.loss[0]:
        return (f"with lr={fix} the cost only creeps ({run.loss[0]:.3g} -> {run.loss[-1]:.3g} in "
                f"{EPOCHS} epochs): too small now. Try a value 10 times larger.")
    if number == 4:
        from .diagnostics import activation_report

        dead = activation_report(run.net, run.X_val)[0]["dead"]
        if dead > 0.25:
            return (f"with the biases starting at {fix}, {100 * dead:.0f}% of the hidden units "
                    f"are still dead. Start them at 0.")
    return (f"with your fix the network gets {100 * run.new_accuracy:.0f}% of new data right; "
            f"a repaired run reaches {100 * LEARNS:.0f}%. Use the hints.")

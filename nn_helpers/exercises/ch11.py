"""Checks for notebook 11 (the training playground): predict, then measure with the playground.

# h: hidden units of the one hidden layer; seeds 0-4; epochs counted from 1; features: a
# tuple of names from nn_helpers.playground.FEATURES (x1, x2, x1^2, x2^2, x1*x2, sin x1, sin x2).

Each exercise has two parts: a prediction (written down before anything runs) and a
measurement the reader makes with ``PlaygroundModel`` from code. The check first compares the
measurement with the playground's own result, naming the usual slips (the wrong data set, one
seed instead of five, a different epoch budget, the test accuracy instead of the training
accuracy), and then reads the prediction against it and says why the outcome is what it is.
A wrong prediction does not fail the check: it is what the exercise is for. A missing one does.
"""

from __future__ import annotations

import numbers
from functools import lru_cache

from ..playground import FEATURES, PlaygroundModel
from .ch04 import call_reader
from .feedback import Feedback

__all__ = ["check_smallest_width", "check_activation_race", "check_batch_size",
           "check_features", "FEATURES", "PlaygroundModel"]

SEEDS = (0, 1, 2, 3, 4)
ACTIVATIONS = ("tanh", "relu", "sigmoid")


def _is_whole(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _missing_prediction(*pairs):
    """A Feedback asking for the prediction, or None when every prediction is there."""
    missing = [name for name, value in pairs if value is None]
    if missing:
        names = ", ".join(f"`{m}`" for m in missing)
        verb = "is" if len(missing) == 1 else "are"
        return Feedback(False, f"write your prediction first: {names} "
                               f"{verb} still None. A guess is fine; the point is to commit to one "
                               f"before the playground answers.")
    return None


# ------------------------------------------------ 1. how small can the network be?
@lru_cache(maxsize=None)
def _reaches(dataset, h, seed, max_epochs=300):
    """Epochs until every training point is right (-1: not within max_epochs)."""
    return PlaygroundModel(dataset=dataset, hidden=(h,), seed=seed).train_until(
        accuracy=1.0, max_epochs=max_epochs)


def smallest_width_reference(dataset, seeds=SEEDS, max_epochs=300, largest=8):
    """Fewest units h of one tanh hidden layer such that at least one seed reaches 100%."""
    for h in range(1, largest + 1):
        if any(_reaches(dataset, h, seed, max_epochs) > 0 for seed in seeds):
            return h
    return None


def _width_reason(dataset, h):
    if dataset == "xor":
        return ("XOR's class 1 sits in two opposite corners: one straight cut cannot split "
                "them off, two cuts (a band between two parallel lines) can. Each tanh unit "
                f"draws one soft line, so {h} units.")
    return ("the circles' inner class must be fenced in on every side: one or two lines "
            "leave it open, three lines close it in a triangle, the smallest closed shape "
            f"made of straight cuts. So {h} units.")


def check_smallest_width(smallest_width, xor_units, circles_units) -> Feedback:
    """Check smallest_width(dataset) against the playground, then read the two predictions."""
    missing = _missing_prediction(("xor_units", xor_units), ("circles_units", circles_units))
    if missing is not None:
        return missing
    for name, value in (("xor_units", xor_units), ("circles_units", circles_units)):
        if not _is_whole(value) or value < 1:
            return Feedback(False, f"`{name}` should be a whole number of hidden units (1, 2, "
                                   f"...); got {value!r}.")
    notes = []
    for dataset, predicted in (("xor", xor_units), ("circles", circles_units)):
        expected = smallest_width_reference(dataset)
        got, problem = call_reader(smallest_width, "smallest_width", dataset)
        if problem is not None:
            return problem
        if isinstance(got, PlaygroundModel):
            return Feedback(False, "`smallest_width` returned a PlaygroundModel; return the "
                                   "number of hidden units h (an int), e.g. `return h`.")
        if not _is_whole(got):
            return Feedback(False, f"`smallest_width({dataset!r})` should return a whole "
                                   f"number of units; got {got!r}.")
        if got != expected:
            seed0 = smallest_width_reference(dataset, seeds=(0,))
            if got == seed0 and seed0 != expected:
                return Feedback(False, f"`smallest_width({dataset!r})` returned {got}, what "
                                       f"seed 0 alone needs. Try every seed 0-4 for each h: "
                                       f"a small network's success depends on its first "
                                       f"weights, and h counts as enough if one seed gets "
                                       f"there.")
            if got == expected - 1:
                return Feedback(False, f"`smallest_width({dataset!r})` returned {got}, one "
                                       f"less than the playground needs: is the h you return "
                                       f"the last one that failed instead of the first that "
                                       f"succeeded?")
            if got == expected + 1:
                return Feedback(False, f"`smallest_width({dataset!r})` returned {got}, one "
                                       f"more than needed: is h increased once more after "
                                       f"the first success (or counted from 0)?")
            return Feedback(False, f"`smallest_width({dataset!r})` returned {got}, but with "
                                   f"hidden=(h,), seeds 0-4 and train_until(accuracy=1.0, "
                                   f"max_epochs=300) the first h that works is another. "
                                   f"train_until returns -1 when it does not get there.")
        verdict = "right" if predicted == expected else f"not quite (you said {predicted})"
        notes.append(f"{dataset}: {expected} units, your prediction {verdict}: "
                     f"{_width_reason(dataset, expected)}")
    return Feedback(True, "`smallest_width` measures what the playground shows. "
                    + " ".join(notes))


# ------------------------------------------------ 2. which activation learns the circles?
@lru_cache(maxsize=None)
def _race_reference(dataset="circles", seeds=SEEDS, max_epochs=500):
    return {activation: [PlaygroundModel(dataset=dataset, activation=activation, seed=seed)
                         .train_until(accuracy=1.0, max_epochs=max_epochs) for seed in seeds]
            for activation in ACTIVATIONS}


def _wins(results):
    """How many seeds each activation reaches 100% first (ties go to neither)."""
    wins = dict.fromkeys(ACTIVATIONS, 0)
    for i in range(len(SEEDS)):
        times = {a: results[a][i] for a in ACTIVATIONS if results[a][i] > 0}
        if times:
            best = min(times.values())
            winners = [a for a, e in times.items() if e == best]
            if len(winners) == 1:
                wins[winners[0]] += 1
    return wins


def check_activation_race(results, fastest, never) -> Feedback:
    """Check results = {activation: [epochs to 100% for seeds 0-4]} on the circles, then
    read the predictions ``fastest`` and ``never`` (activation names)."""
    missing = _missing_prediction(("fastest", fastest), ("never", never))
    if missing is not None:
        return missing
    for name, value in (("fastest", fastest), ("never", never)):
        if not isinstance(value, str) or value not in ACTIVATIONS:
            return Feedback(False, f"`{name}` should be one of {list(ACTIVATIONS)} (a string); "
                                   f"got {value!r}.")
    if results is None or results is Ellipsis:
        return Feedback(False, "`results` is still the placeholder: fill it with the epochs "
                               "each activation needs, one list per activation.")
    if not isinstance(results, dict):
        return Feedback(False, f"`results` should be a dict {{activation: list of epochs}}; "
                               f"got {type(results).__name__}.")
    if set(results) != set(ACTIVATIONS):
        return Feedback(False, f"`results` should have the keys {list(ACTIVATIONS)}; it has "
                               f"{sorted(map(str, results))}.")
    reference = _race_reference()
    for activation in ACTIVATIONS:
        got = results[activation]
        try:
            got = [int(e) for e in got]
        except (TypeError, ValueError, OverflowError):
            return Feedback(False, f"`results[{activation!r}]` should be a list of epoch "
                                   f"counts (whole numbers); got {results[activation]!r}.")
        if len(got) != len(SEEDS):
            return Feedback(False, f"`results[{activation!r}]` has {len(got)} entries; give "
                                   f"one per seed 0, 1, 2, 3, 4.")
        if got == reference[activation]:
            continue
        if got == _race_reference(seeds=(1, 2, 3, 4, 5))[activation]:
            return Feedback(False, f"`results[{activation!r}]` matches seeds 1-5; the seeds "
                                   f"are 0-4 (`range(5)`).")
        if got == _race_reference(dataset="xor")[activation]:
            return Feedback(False, f"`results[{activation!r}]` is for XOR, the default data "
                                   f"set: pass dataset=\"circles\".")
        if got == _race_reference(max_epochs=1000)[activation]:
            return Feedback(False, f"`results[{activation!r}]` uses train_until's default "
                                   f"budget of 1000 epochs; the race is over 500: "
                                   f"train_until(accuracy=1.0, max_epochs=500).")
        return Feedback(False, f"`results[{activation!r}]` is {got}, not what the playground "
                               f"gives for PlaygroundModel(dataset=\"circles\", activation="
                               f"{activation!r}, seed=seed).train_until(accuracy=1.0, "
                               f"max_epochs=500). Are the other settings left at default?")
    wins = _wins(reference)
    winner = max(wins, key=wins.get)
    losers = [a for a in ACTIVATIONS if all(e < 0 for e in reference[a])]
    table = "; ".join(f"{a} first on {wins[a]} seed{'s' if wins[a] != 1 else ''}"
                      for a in ACTIVATIONS)
    fast_note = ("right" if fastest == winner else
                 f"not quite: you said {fastest}, but {winner} gets there first on more seeds")
    never_note = ("right" if never in losers else
                  f"not quite: you said {never}, but it is {' and '.join(losers)}")
    return Feedback(True, f"your results match the playground ({table}). Fastest: "
                          f"{fast_note}. Never within 500 epochs: {never_note}. The sigmoid's "
                          f"slope is at most 1/4 and BP2 multiplies the error by it on the way "
                          f"back, so its first layer hardly learns; relu's slope is 1 where it "
                          f"is active.")


# ------------------------------------------------ 3. batch size: smooth or fast?
def _rises(costs):
    return sum(later > earlier for earlier, later in zip(costs, costs[1:]))


@lru_cache(maxsize=None)
def _batch_reference(batch_size, epochs=30, seed=0, dataset="circles"):
    history = PlaygroundModel(dataset=dataset, batch_size=batch_size, seed=seed).step(
        epochs).history
    return _rises(history.train_loss), float(history.train_loss[-1])


def check_batch_size(measure_batch, smoother, lower_cost) -> Feedback:
    """Check measure_batch(batch_size) -> (epochs in which the training cost went up,
    training cost after 30 epochs) on the circles, then read the predictions ``smoother``
    and ``lower_cost`` (each 1 or 50)."""
    missing = _missing_prediction(("smoother", smoother), ("lower_cost", lower_cost))
    if missing is not None:
        return missing
    for name, value in (("smoother", smoother), ("lower_cost", lower_cost)):
        if not _is_whole(value) or value not in (1, 50):
            return Feedback(False, f"`{name}` should be a batch size, 1 or 50; got {value!r}.")
    measured = {}
    for batch_size in (1, 50):
        got, problem = call_reader(measure_batch, "measure_batch", batch_size)
        if problem is not None:
            return problem
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return Feedback(False, f"`measure_batch` should return two numbers, "
                                   f"`return rises, final_cost`; got {got!r}.")
        rises, final = got
        expected_rises, expected_final = _batch_reference(batch_size)
        if not all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in got):
            return Feedback(False, f"`measure_batch({batch_size})` should return a whole "
                                   f"number of epochs and a cost; got {got!r}.")
        if (abs(rises - expected_final) < 1e-9 and final == expected_rises
                and final != expected_final):
            return Feedback(False, "the two numbers are swapped: `return rises, "
                                   "final_cost`.")
        if not float(rises).is_integer():
            return Feedback(False, f"`measure_batch({batch_size})` returned {rises!r} as the "
                                   f"number of rises: count epochs, a whole number.")
        if not abs(final - expected_final) <= 1e-9 * max(1.0, abs(expected_final)):
            history = PlaygroundModel(dataset="circles", batch_size=batch_size).step(30).history
            if abs(final - history.test_loss[-1]) < 1e-12:
                return Feedback(False, f"`measure_batch({batch_size})` returned the test "
                                       f"cost; the question is about the training cost, "
                                       f"history.train_loss.")
            if abs(final - history.train_loss[0]) < 1e-12:
                return Feedback(False, f"`measure_batch({batch_size})` returned the cost "
                                       f"before training (history.train_loss[0]); take the "
                                       f"last one, [-1].")
            return Feedback(False, f"`measure_batch({batch_size})` returned a final cost of "
                                   f"{final:.4f}; PlaygroundModel(dataset=\"circles\", "
                                   f"batch_size={batch_size}).step(30) ends with another. "
                                   f"Thirty epochs, seed 0, the other settings at default?")
        if int(rises) != expected_rises:
            falls = len(PlaygroundModel(dataset="circles", batch_size=batch_size)
                        .step(30).history.train_loss) - 1 - expected_rises
            if int(rises) == falls:
                return Feedback(False, f"`measure_batch({batch_size})` counted the epochs in "
                                       f"which the cost went DOWN; count those in which it "
                                       f"went up (later > earlier).")
            return Feedback(False, f"`measure_batch({batch_size})` counted {int(rises)} rises; "
                                   f"compare each cost in history.train_loss with the one "
                                   f"just before it and count how often it is larger.")
        measured[batch_size] = (int(rises), final)
    smooth = min(measured, key=lambda b: measured[b][0])
    low = min(measured, key=lambda b: measured[b][1])
    notes = [f"batch {b}: cost went up in {measured[b][0]} of 30 epochs, ended at "
             f"{measured[b][1]:.3f}" for b in (1, 50)]
    return Feedback(True, f"your measurements match the playground ({'; '.join(notes)}). "
                          f"Smoother: batch {smooth}, your prediction "
                          f"{'right' if smoother == smooth else 'not quite'}. Lower cost after "
                          f"30 epochs: batch {low}, your prediction "
                          f"{'right' if lower_cost == low else 'not quite'}. An average over "
                          f"50 points is a calm but rare step (2 per epoch on 100 training "
                          f"points); batch 1 takes 100 noisy steps per epoch, so it goes "
                          f"further in the same epochs, zig-zagging.")


# ------------------------------------------------ 5. which features replace the hidden layer?
FEATURE_EPOCHS = 200
ENOUGH = 0.95          # "separates": at least this share of the training points right


@lru_cache(maxsize=None)
def _no_hidden(dataset, features, epochs=FEATURE_EPOCHS):
    """(train accuracy, test accuracy) of ONE neuron (hidden=()) on ``features``, seed 0."""
    model = PlaygroundModel(dataset=dataset, features=features, hidden=()).step(epochs)
    return model.train_accuracy, model.test_accuracy


def _feature_tuple(value):
    """The reader's feature list as a canonical tuple, or None when it is not one."""
    if isinstance(value, str):
        value = (value,)
    if not isinstance(value, (tuple, list, set)) or not value:
        return None
    if any(not isinstance(f, str) or f not in FEATURES for f in value):
        return None
    return tuple(f for f in FEATURES if f in value)


SMALLEST = {"circles": ("x1^2", "x2^2"), "xor": ("x1*x2",)}
_WHY = {
    "circles": "the circles are told apart by the distance from the centre, and x1² + x2² "
               "is that distance squared: with x1² and x2² as inputs one neuron's straight "
               "cut w1 x1² + w2 x2² + b = 0 is a circle (an ellipse) in the plane",
    "xor": "XOR's class is the sign of x1·x2 (on the standardized points, class 1 where x1 "
           "and x2 have opposite signs): one neuron that sees x1·x2 only has to check its "
           "sign",
}


def check_features(no_hidden_accuracy, circles_features, xor_features) -> Feedback:
    """Check no_hidden_accuracy(dataset, features) against the playground, then measure the
    two predicted feature sets with one neuron and say why they work or do not."""
    missing = _missing_prediction(("circles_features", circles_features),
                                  ("xor_features", xor_features))
    if missing is not None:
        return missing
    predictions = {}
    for name, dataset, value in (("circles_features", "circles", circles_features),
                                 ("xor_features", "xor", xor_features)):
        features = _feature_tuple(value)
        if features is None:
            return Feedback(False, f"`{name}` should list feature names from "
                                   f"{list(FEATURES)}, e.g. ('x1', 'x2'); got {value!r}.")
        predictions[dataset] = features
    cases = [("circles", ("x1", "x2")), ("circles", ("x1^2", "x2^2")), ("xor", ("x1*x2",))]
    for dataset, features in cases:
        train, test = _no_hidden(dataset, features)
        got, problem = call_reader(no_hidden_accuracy, "no_hidden_accuracy", dataset, features)
        if problem is not None:
            return problem
        if isinstance(got, PlaygroundModel):
            return Feedback(False, "`no_hidden_accuracy` returned a PlaygroundModel; return "
                                   "its training accuracy, `model.train_accuracy`.")
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return Feedback(False, f"`no_hidden_accuracy({dataset!r}, {features})` should "
                                   f"return one number, the training accuracy; got {got!r}.")
        if abs(got - train) < 1e-9:
            continue
        call = f"`no_hidden_accuracy({dataset!r}, {features})` returned {got:g}"
        if abs(got - 100 * train) < 1e-6:
            return Feedback(False, f"{call}: a percentage. Return the share, between 0 and 1 "
                                   f"({train:g}).")
        if abs(got - test) < 1e-9:
            return Feedback(False, f"{call}, the TEST accuracy; the question is how many "
                                   f"training points one neuron gets right: train_accuracy.")
        default = PlaygroundModel(dataset=dataset, features=features).step(FEATURE_EPOCHS)
        if abs(got - default.train_accuracy) < 1e-9:
            return Feedback(False, f"{call}, what the default network with two hidden layers "
                                   f"gets. Pass hidden=() for no hidden layer: one neuron on "
                                   f"the features.")
        return Feedback(False, f"{call}, but PlaygroundModel(dataset={dataset!r}, features="
                               f"{features}, hidden=()) trained for {FEATURE_EPOCHS} epochs "
                               f"(.step({FEATURE_EPOCHS})) gets {train:g} of the training "
                               f"points right.")
    notes = []
    for dataset, features in predictions.items():
        train, _ = _no_hidden(dataset, features)
        smallest = SMALLEST[dataset]
        shown = ", ".join(FEATURES[f].label for f in features)
        if train < ENOUGH:
            notes.append(f"{dataset}: with {shown} one neuron gets only {train:.0%} right, so "
                         f"not this set; {', '.join(FEATURES[f].label for f in smallest)} "
                         f"would do it: {_WHY[dataset]}.")
        elif features == smallest:
            notes.append(f"{dataset}: right, {shown} gives {train:.0%}: {_WHY[dataset]}.")
        else:
            notes.append(f"{dataset}: {shown} works ({train:.0%}), and fewer do too: "
                         f"{', '.join(FEATURES[f].label for f in smallest)} alone, because "
                         f"{_WHY[dataset]}.")
    return Feedback(True, "`no_hidden_accuracy` measures what the playground shows. "
                    + " ".join(notes) + " A good feature does the work of a hidden layer.")

"""Notebook 11's checks: the reader's playground measurements are compared with the playground's
own, each usual slip gets its hint, and the predictions are read (and required)."""

from functools import lru_cache

import pytest
from verdicts import fails_with

from nn_helpers.exercises.ch11 import (
    PlaygroundModel,
    check_activation_race,
    check_batch_size,
    check_features,
    check_smallest_width,
)


@lru_cache(maxsize=None)
def smallest_width(dataset, seeds=range(5), budget=300, off=0):
    for h in range(1, 9):
        if any(PlaygroundModel(dataset=dataset, hidden=(h,), seed=seed)
               .train_until(accuracy=1.0, max_epochs=budget) > 0 for seed in seeds):
            return h + off
    return None


def test_smallest_width_right_and_predictions_read():
    verdict = check_smallest_width(smallest_width, 2, 3)
    assert verdict.ok, verdict.message
    assert "xor: 2 units, your prediction right" in verdict.message
    verdict = check_smallest_width(smallest_width, 1, 2)
    assert verdict.ok and "not quite (you said 1)" in verdict.message
    assert "triangle" in verdict.message


def test_smallest_width_wrong_forms():
    fails_with(check_smallest_width(smallest_width, None, 3), "prediction", "xor_units")
    fails_with(check_smallest_width(smallest_width, 2.5, 3), "whole number")
    fails_with(check_smallest_width(None, 2, 3), "placeholder")
    fails_with(check_smallest_width(lambda d: smallest_width(d, seeds=(0,)), 2, 3),
               "seed 0 alone")
    fails_with(check_smallest_width(lambda d: smallest_width(d, off=-1), 2, 3), "one less")
    fails_with(check_smallest_width(lambda d: smallest_width(d, off=d == "circles"), 2, 3),
               "one more")
    fails_with(check_smallest_width(lambda d: PlaygroundModel(dataset=d), 2, 3),
               "returned a PlaygroundModel")
    fails_with(check_smallest_width(lambda d: 7, 2, 3), "train_until returns -1")


def race(dataset="circles", seeds=range(5), budget=500):
    return dict(_race(dataset, seeds, budget))


@lru_cache(maxsize=None)
def _race(dataset, seeds, budget):
    return {a: [PlaygroundModel(dataset=dataset, activation=a, seed=s)
                .train_until(accuracy=1.0, max_epochs=budget) for s in seeds]
            for a in ("tanh", "relu", "sigmoid")}


def test_activation_race():
    results = race()
    verdict = check_activation_race(results, "relu", "sigmoid")
    assert verdict.ok, verdict.message
    assert "Fastest: right" in verdict.message and "500 epochs: right" in verdict.message
    verdict = check_activation_race(results, "tanh", "relu")
    assert verdict.ok and "not quite: you said tanh" in verdict.message
    assert "it is sigmoid" in verdict.message


def test_activation_race_wrong_forms():
    results = race()
    fails_with(check_activation_race(results, None, "sigmoid"), "prediction", "fastest")
    fails_with(check_activation_race(results, "ReLU", "sigmoid"), "one of")
    fails_with(check_activation_race(None, "relu", "sigmoid"), "placeholder")
    fails_with(check_activation_race([1, 2], "relu", "sigmoid"), "dict")
    fails_with(check_activation_race({"tanh": []}, "relu", "sigmoid"), "keys")
    fails_with(check_activation_race(race(seeds=range(1, 6)), "relu", "sigmoid"), "seeds 1-5")
    fails_with(check_activation_race(race(dataset="xor"), "relu", "sigmoid"), "XOR")
    fails_with(check_activation_race(race(budget=1000), "relu", "sigmoid"), "1000")
    short = {a: e[:4] for a, e in results.items()}
    fails_with(check_activation_race(short, "relu", "sigmoid"), "one per seed")
    fails_with(check_activation_race({a: "x" for a in results}, "relu", "sigmoid"),
               "whole numbers")


def measure(batch_size, what="rises-final"):
    cost = PlaygroundModel(dataset="circles", batch_size=batch_size).step(30).history
    rises = sum(b > a for a, b in zip(cost.train_loss, cost.train_loss[1:]))
    falls = sum(b < a for a, b in zip(cost.train_loss, cost.train_loss[1:]))
    return {"rises-final": (rises, cost.train_loss[-1]),
            "swapped": (cost.train_loss[-1], rises),
            "test": (rises, cost.test_loss[-1]),
            "first": (rises, cost.train_loss[0]),
            "falls": (falls, cost.train_loss[-1]),
            "one": cost.train_loss[-1]}[what]


def test_batch_size():
    verdict = check_batch_size(measure, 50, 1)
    assert verdict.ok, verdict.message
    assert "Smoother: batch 50, your prediction right" in verdict.message
    verdict = check_batch_size(measure, 1, 50)
    assert verdict.ok and "not quite" in verdict.message


@pytest.mark.parametrize("what,words", [("swapped", "swapped"), ("test", "test cost"),
                                        ("first", "before training"), ("falls", "DOWN"),
                                        ("one", "two numbers")])
def test_batch_size_wrong_forms(what, words):
    fails_with(check_batch_size(lambda b: measure(b, what), 50, 1), words)


def test_batch_size_predictions_required():
    fails_with(check_batch_size(measure, None, 1), "prediction", "smoother")
    fails_with(check_batch_size(measure, 10, 1), "1 or 50")
    fails_with(check_batch_size(None, 50, 1), "placeholder")


def no_hidden_accuracy(dataset, features, hidden=(), which="train", epochs=200, scale=1):
    model = PlaygroundModel(dataset=dataset, features=features, hidden=hidden).step(epochs)
    return scale * (model.train_accuracy if which == "train" else model.test_accuracy)


def test_features_right_and_predictions_read():
    verdict = check_features(no_hidden_accuracy, ("x1^2", "x2^2"), ("x1*x2",))
    assert verdict.ok, verdict.message
    assert "circles: right, x1², x2² gives 98%" in verdict.message
    assert "xor: right, x1·x2 gives 100%" in verdict.message
    verdict = check_features(no_hidden_accuracy, ["x1", "x2"], ("x1", "x2", "x1*x2"))
    assert verdict.ok, verdict.message
    assert "circles: with x1, x2 one neuron gets only 49% right" in verdict.message
    assert "xor: x1, x2, x1·x2 works (100%), and fewer do too" in verdict.message
    assert check_features(no_hidden_accuracy, "x1^2", "x1*x2").ok     # one name as a string


def test_features_wrong_forms():
    right = (("x1^2", "x2^2"), ("x1*x2",))
    fails_with(check_features(no_hidden_accuracy, None, ("x1*x2",)), "prediction",
               "circles_features")
    fails_with(check_features(no_hidden_accuracy, ("x3",), ("x1*x2",)), "feature names")
    fails_with(check_features(no_hidden_accuracy, (), ("x1*x2",)), "feature names")
    fails_with(check_features(no_hidden_accuracy, 7, ("x1*x2",)), "feature names")
    fails_with(check_features(None, *right), "placeholder")
    fails_with(check_features(lambda d, f: no_hidden_accuracy(d, f, scale=100), *right),
               "percentage")
    fails_with(check_features(lambda d, f: no_hidden_accuracy(d, f, which="test"), *right),
               "TEST accuracy")
    fails_with(check_features(lambda d, f: no_hidden_accuracy(d, f, hidden=(6, 6)), *right),
               "hidden=()")
    fails_with(check_features(lambda d, f: no_hidden_accuracy(d, f, epochs=50), *right),
               ".step(200)")
    fails_with(check_features(lambda d, f: PlaygroundModel(dataset=d), *right),
               "returned a PlaygroundModel")
    fails_with(check_features(lambda d, f: "high", *right), "one number")
    fails_with(check_features(lambda d, f: 1 / 0, *right), "ZeroDivisionError")

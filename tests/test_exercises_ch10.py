"""Notebook 10's checks accept right answers and explain the typical wrong ones (NumPy only)."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import log_softmax, softmax
from nn_helpers.exercises.ch10 import (
    check_conv_prediction,
    check_cross_entropy_from_logits,
    check_our_weights,
)


def test_placeholders_are_not_attempted():
    for check in (check_our_weights, check_cross_entropy_from_logits):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message
    ok, message = verdict_of(lambda answer: check_conv_prediction(answer, None), None)
    assert not ok and "predictions" in message


def right_weights(model):
    layers = (model[0], model[2])
    return ([layer.weight.detach().numpy().T for layer in layers],
            [layer.bias.detach().numpy() for layer in layers])


def test_our_weights():
    pytest.importorskip("torch")
    assert verdict_of(check_our_weights, right_weights)[0]
    tuples = lambda m: tuple(tuple(x) for x in right_weights(m))   # noqa: E731
    assert verdict_of(check_our_weights, tuples)[0]


def _wrong_weight_forms():
    def no_transpose(m):
        return ([l.weight.detach().numpy() for l in (m[0], m[2])], right_weights(m)[1])

    def reshaped(m):
        return ([l.weight.detach().numpy().reshape(l.weight.shape[::-1]) for l in (m[0], m[2])],
                right_weights(m)[1])

    def tensors(m):
        return ([l.weight.T for l in (m[0], m[2])], [l.bias for l in (m[0], m[2])])

    def every_module(m):
        return ([l.weight.detach().numpy().T for l in m], [l.bias.detach().numpy() for l in m])

    def biases_swapped(m):
        weights, biases = right_weights(m)
        return weights, biases[::-1]

    def one_layer(m):
        weights, biases = right_weights(m)
        return weights[:1], biases[:1]

    def same_size_swap(m):   # a bias vector of the right size but the wrong values
        weights, biases = right_weights(m)
        return weights, [biases[0][::-1], biases[1]]

    return [(no_transpose, "transpose"), (reshaped, "reshape"), (tensors, ".detach().numpy()"),
            (every_module, "Tanh"), (biases_swapped, "shape"), (one_layer, "2 Linear layers"),
            (same_size_swap, "paired"), (lambda m: right_weights(m)[0], "two lists")]


@pytest.mark.parametrize("index", range(8))
def test_our_weights_explains_mistakes(index):
    pytest.importorskip("torch")
    wrong, words = _wrong_weight_forms()[index]
    ok, message = verdict_of(check_our_weights, wrong)
    assert not ok and words in message, message


def test_conv_prediction():
    assert check_conv_prediction((5, 16, 24, 24), 416).ok
    assert check_conv_prediction([5, 16, 24, 24], 416.0).ok


@pytest.mark.parametrize("shape,count,words", [
    ((5, 16, 28, 28), 416, "outer 2 pixels"),
    ((5, 16, 23, 23), 416, "28 - 5 + 1"),
    ((5, 16, 26, 26), 416, "3 x 3"),
    ((5, 1, 24, 24), 416, "16 filters"),
    ((1, 16, 24, 24), 416, "batch size"),
    ((16, 24, 24), 416, "four"),
    ("24x24", 416, "tuple of four"),
    ((5, 16, 24, 24), 400, "biases"),
    ((5, 16, 24, 24), 26, "one filter"),
    ((5, 16, 24, 24), 16 * 24 * 24, "output values"),
    ((5, 16, 24, 24), 417, "5 x 5 weights"),
])
def test_conv_prediction_explains_mistakes(shape, count, words):
    verdict = check_conv_prediction(shape, count)
    assert not verdict.ok and words in verdict.message, verdict.message


def test_cross_entropy_accepts_log_softmax():
    ok, message = verdict_of(check_cross_entropy_from_logits,
                             lambda Z, Y: -np.sum(Y * log_softmax(Z)) / len(Z))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda Z, Y: -np.sum(Y * log_softmax(Z)), "mean"),
    (lambda Z, Y: np.sum(Y * log_softmax(Z)) / len(Z), "sign is flipped"),
    (lambda Z, Y: -np.mean(Y * log_softmax(Z)), "n*k"),
    (lambda Z, Y: -np.sum(Y * np.log(np.abs(Z) + 1e-300)) / len(Z), "log(Z)"),
    (lambda Z, Y: -np.sum(Y * log_softmax(Z), axis=1) / len(Z), "one number"),
])
def test_cross_entropy_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_cross_entropy_from_logits, wrong)
    assert not ok and words in message, message


def test_cross_entropy_explains_overflow():
    def naive(Z, Y):
        with np.errstate(all="ignore"):
            E = np.exp(Z)
            return -np.sum(Y * np.log(E / E.sum(axis=1, keepdims=True))) / len(Z)
    ok, message = verdict_of(check_cross_entropy_from_logits, naive)
    assert not ok and "overflows" in message, message

    def log_of_softmax(Z, Y):
        with np.errstate(all="ignore"):
            return -np.sum(Y * np.log(softmax(Z))) / len(Z)
    ok, message = verdict_of(check_cross_entropy_from_logits, log_of_softmax)
    assert not ok and "log_softmax" in message, message

"""Notebook 10's checks accept right answers and explain the typical wrong ones (NumPy only)."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.activations import log_softmax, softmax
from nn_helpers.exercises.ch10 import (
    check_cross_entropy_from_logits,
    check_linear_torch_style,
    check_torch_weight,
)


def test_placeholders_are_not_attempted():
    for check in (check_torch_weight, check_linear_torch_style, check_cross_entropy_from_logits):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message


def test_torch_weight():
    assert verdict_of(check_torch_weight, lambda W: W.T)[0]
    assert verdict_of(check_torch_weight, lambda W: np.transpose(W).copy())[0]
    ok, message = verdict_of(check_torch_weight, lambda W: W)
    assert not ok and "transpose" in message, message
    ok, message = verdict_of(check_torch_weight, lambda W: W.reshape(W.shape[1], W.shape[0]))
    assert not ok and "reshape" in message, message


def test_linear_torch_style():
    ok, message = verdict_of(check_linear_torch_style, lambda X, w, b: X @ w.T + b)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda X, w, b: X @ w + b, "Is a transpose `.T` missing"),
    (lambda X, w, b: X @ w.T, "bias is missing"),
    (lambda X, w, b: X @ w.T - b, "wrong sign"),
    (lambda X, w, b: (w @ X.T).T, "bias is missing"),
])
def test_linear_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_linear_torch_style, wrong)
    assert not ok and words in message, message


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

"""Notebook 08's checks accept right answers and explain the typical wrong ones."""

import numpy as np
import pytest
from verdicts import verdict_of

from nn_helpers.exercises.ch08 import (
    check_best_epoch,
    check_softmax_output_error,
    check_velocity_update,
)


def test_placeholders_are_not_attempted():
    for check in (check_softmax_output_error, check_velocity_update, check_best_epoch):
        ok, message = verdict_of(check, None)
        assert not ok and "placeholder" in message
    def unfinished(*args):
        raise NotImplementedError
    assert "placeholder" in verdict_of(check_softmax_output_error, unfinished)[1]


def test_output_error_accepts_a_minus_y_over_n():
    ok, message = verdict_of(check_softmax_output_error, lambda A, Y: (A - Y) / len(A))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda A, Y: A - Y, "1/n"),
    (lambda A, Y: (Y - A) / len(A), "sign is flipped"),
    (lambda A, Y: (A - Y) / len(A) * A * (1 - A), "cancels"),
    (lambda A, Y: -Y / A / len(A), "dC/dA"),
    (lambda A, Y: (A - Y).T / len(A), "transpose"),
])
def test_output_error_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_softmax_output_error, wrong)
    assert not ok and words in message, message


def test_velocity_update_accepts_the_rule():
    ok, message = verdict_of(check_velocity_update,
                             lambda v, dW, W, lr, mu, wd: mu * v - lr * (dW + wd * W))
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda v, dW, W, lr, mu, wd: mu * v - lr * dW, "weight decay is missing"),
    (lambda v, dW, W, lr, mu, wd: mu * v - lr * (dW - wd * W), "wrong sign"),
    (lambda v, dW, W, lr, mu, wd: mu * v + lr * (dW + wd * W), "uphill"),
    (lambda v, dW, W, lr, mu, wd: v - lr * (dW + wd * W), "not damped"),
    (lambda v, dW, W, lr, mu, wd: mu * (v - lr * (dW + wd * W)), "only the old velocity"),
    (lambda v, dW, W, lr, mu, wd: -lr * (dW + wd * W), "old velocity v is missing"),
    (lambda v, dW, W, lr, mu, wd: None, "returned None"),
])
def test_velocity_update_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_velocity_update, wrong)
    assert not ok and words in message, message


def test_best_epoch_accepts_argmax_plus_one():
    ok, message = verdict_of(check_best_epoch, lambda acc: int(np.argmax(acc)) + 1)
    assert ok, message
    ok, message = verdict_of(check_best_epoch, lambda acc: acc.index(max(acc)) + 1)
    assert ok, message


@pytest.mark.parametrize("wrong,words", [
    (lambda acc: int(np.argmax(acc)), "counted from 0"),
    (lambda acc: max(acc), "looks like an accuracy"),
    (lambda acc: len(acc), "last epoch"),
    (lambda acc: int(np.argmin(acc)) + 1, "highest validation accuracy is at epoch"),
    (lambda acc: "3", "one whole number"),
])
def test_best_epoch_explains_mistakes(wrong, words):
    ok, message = verdict_of(check_best_epoch, wrong)
    assert not ok and words in message, message

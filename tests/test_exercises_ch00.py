"""The checks of notebook 00 accept right answers and explain typical wrong ones."""

import numpy as np
import pytest

from nn_helpers.exercises.ch00 import check_layer_shapes, check_learning_kinds, check_X_shape


@pytest.mark.parametrize("answer", [(30, 4), [30, 4], np.zeros((30, 4)).shape])
def test_X_shape_right_answers_pass(answer):
    assert check_X_shape(answer).ok


@pytest.mark.parametrize("answer,words", [
    ((4, 30), "one example per ROW"),
    ((4,), "ONE example"),
    ((30,), "AND a column"),
    (120, "number of entries"),
    ("30 x 4", "tuple of whole numbers"),
    ((30, 5), "(n, d) @ (d, k)"),
])
def test_X_shape_wrong_answers_fail_with_a_reason(answer, words):
    verdict = check_X_shape(answer)
    assert not verdict.ok
    assert words in verdict.message


def test_layer_shapes_right_answer_passes():
    assert check_layer_shapes((4, 2), (2,)).ok
    assert check_layer_shapes([4, 2], [2]).ok


@pytest.mark.parametrize("W_shape,b_shape,words", [
    ((2, 4), (2,), "PyTorch and Nielsen's book store the transpose"),
    ((4, 2), (4,), "one bias per NEURON"),
    ((4, 2), (2, 1), "why a column of shape (2, 1) is a trap"),
    ((4, 2), (4, 2), "that is the shape of W"),
    ((4, 2), None, "`b_shape` is still the placeholder"),
    (None, (2,), "`W_shape` is still the placeholder"),
])
def test_layer_shapes_wrong_answers_fail_with_a_reason(W_shape, b_shape, words):
    verdict = check_layer_shapes(W_shape, b_shape)
    assert not verdict.ok
    assert words in verdict.message


def test_learning_kinds_right_answer_passes():
    assert check_learning_kinds("supervised", "unsupervised", "reinforcement").ok
    assert check_learning_kinds(" Supervised", "UNSUPERVISED ", "Reinforcement").ok


@pytest.mark.parametrize("answers,words", [
    (("unsupervised", "unsupervised", "reinforcement"), "`kind_A` is not 'unsupervised'"),
    (("supervised", "supervised", "reinforcement"), "finds groups on its own"),
    (("supervised", "unsupervised", "supervised"), "gets a score afterwards"),
    (("supervised", "clustering", "reinforcement"), "should be one of the words"),
    ((None, "unsupervised", "reinforcement"), "placeholder"),
    (("supervised", "unsupervised", 3), "should be one of the words"),
])
def test_learning_kinds_wrong_answers_fail_with_a_reason(answers, words):
    verdict = check_learning_kinds(*answers)
    assert not verdict.ok
    assert words in verdict.message

"""The checks of notebook 00 accept right answers and explain typical wrong ones."""

import numpy as np
import pytest

from nn_helpers.exercises.ch00 import (
    check_layer_shapes,
    check_learning_kinds,
    check_mean_axis,
    check_reciprocal_slope,
    check_X_shape,
)


@pytest.mark.parametrize("answer", [(30, 4), [30, 4], np.zeros((30, 4)).shape])
def test_X_shape_right_answers_pass(answer):
    assert check_X_shape(answer).ok


@pytest.mark.parametrize("answer,words", [
    ((4, 30), "one example per ROW"),
    ((4,), "ONE example"),
    ((30,), "AND a column"),
    (120, "number of entries"),
    ("30 x 4", "it is in quotes"),
    ("(30, 4)", "without quotes"),
    (30, "single number 30, but a shape is a tuple"),
    (4, "(4,) for a flat list"),
    (30.0, "single number 30.0"),
    ((30.0, 4.0), "write 30, not 30.0"),
    ((30, "4"), "holds the text '4'"),
    (True, "yes/no value"),
    ((), "is empty"),
    ({30, 4}, "has no order"),
    (np.zeros((30, 4)), "a whole array (of shape (30, 4))"),
    ((30, 5), "(n, d) @ (d, n_1)"),
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
    ((4, 2), 2, "needs a comma: (2,)"),
    ((4, 2), 4, "single number 4"),
    (8, (2,), "`W_shape` is the single number 8"),
    ("(4, 2)", (2,), "in quotes"),
    (np.zeros((4, 2)), (2,), "a whole array"),
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


def test_mean_axis_right_answer_passes():
    assert check_mean_axis(0, (1, 4)).ok
    assert check_mean_axis(np.int64(0), [1, 4]).ok
    assert check_mean_axis((0,), (1, 4)).ok          # NumPy reads axis=(0,) as axis=0
    assert check_mean_axis(0, np.zeros((30, 4)).mean(axis=0, keepdims=True).shape).ok


@pytest.mark.parametrize("axis,shape,words", [
    (None, (1, 4), "`axis` is still the placeholder"),
    (0, None, "`shape` is still the placeholder"),
    (1, (1, 4), "axis=1 averages ACROSS each row"),
    (-1, (30, 1), "axis=1 averages ACROSS each row"),
    (2, (1, 4), "axis=2 does not exist"),
    ("0", (1, 4), "whole number 0 or 1 (no quotes)"),
    (0.0, (1, 4), "whole number 0 or 1"),
    ((0, 1), (1, 1), "a tuple of axes"),
    (0, (4,), "WITHOUT keepdims"),
    (0, (30, 1), "the shape for axis=1"),
    (0, (4, 1), "keeps the axes in their order"),
    (0, (30, 4), "the shape of X itself"),
    (0, (1, 30), "shrinks to 1"),
    (0, 4, "the plain number 4"),
    (0, 1, "single number 1, but a shape is a tuple"),
    (0, "(1, 4)", "in quotes"),
    (0, np.zeros((1, 4)), "a whole array"),
    (0, (2, 2), "(n, d) @ (d, n_1)"),
])
def test_mean_axis_wrong_answers_fail_with_a_reason(axis, shape, words):
    verdict = check_mean_axis(axis, shape)
    assert not verdict.ok
    assert words in verdict.message


def _math_pow_rule(x):
    import math
    return -math.pow(x, -2)           # a math function: fine, the check passes plain numbers


@pytest.mark.parametrize("rule", [lambda x: -1 / x ** 2, lambda x: -x ** -2.0, _math_pow_rule,
                                  lambda x: np.array(-1 / x ** 2), lambda x: -np.power(x, -2.0)])
def test_reciprocal_slope_right_rules_pass(rule):
    assert check_reciprocal_slope(rule).ok


def _returns_none(x):
    return None


def _no_return(x):
    -1 / x ** 2


@pytest.mark.parametrize("rule,words", [
    (None, "`slope_rule` is still the placeholder"),
    (_returns_none, "returned None"),
    (_no_return, "a `return` is missing"),
    (-0.25, "the slope at ONE point"),
    ("-1/x**2", "should be a function"),
    (lambda x: 1 / x ** 2, "the sign is not"),
    (lambda x: -1 / x, "shrinks faster than 1/x"),
    (lambda x: 1 / x, "shrinks faster than 1/x"),
    (lambda x: -1 / x ** 3, "divides by x**3"),
    (lambda x: -2 / x ** 3, "divides by x**3"),
    (lambda x: (1 / (x + 1e-6) - 1 / x) / 1e-6, "those look like nudged measurements"),
    (lambda x: 2 * x, "nudging 1/x there measures a slope of about"),
    (lambda x: 1 / 0, "raised ZeroDivisionError"),
    (lambda x: "slope", "should give one number"),
    (lambda x: np.array([1.0, 2.0]), "should give one number"),
    (lambda x: float("nan"), "NaN or inf"),
    (lambda: -1.0, "raised TypeError"),
])
def test_reciprocal_slope_wrong_rules_fail_with_a_reason(rule, words):
    verdict = check_reciprocal_slope(rule)
    assert not verdict.ok
    assert words in verdict.message

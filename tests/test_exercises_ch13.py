"""Notebook 13's project checks pass a careful project and name each quiet mistake."""

import numpy as np
import pandas as pd
import pytest

from nn_helpers.exercises.ch13 import (
    MEASUREMENTS,
    ProjectLog,
    check_baseline,
    check_choice,
    check_scaling,
    check_split,
    check_table,
    check_unique,
    load_both_wines,
    report_test,
)


@pytest.fixture(scope="module")
def wines():
    red, white = load_both_wines()
    return pd.concat([red.assign(red=1), white.assign(red=0)], ignore_index=True)


def test_table(wines):
    assert check_table(wines)
    assert "placeholder" in check_table(None).message
    assert "DataFrame" in check_table(wines.to_numpy()).message
    assert 'no column "red"' in check_table(wines.drop(columns="red")).message
    assert "pd.concat" in check_table(wines.iloc[:1599]).message
    assert "1599 wines are red" in check_table(wines.assign(red=1 - wines["red"])).message


def test_unique(wines):
    assert check_unique(wines.drop_duplicates(subset=MEASUREMENTS))
    assert "no row was removed" in check_unique(wines).message
    assert "EVERY column" in check_unique(wines.drop_duplicates()).message
    assert "DataFrame" in check_unique([1, 2]).message


def _split(n, seed=0, shuffle=True):
    order = np.random.default_rng(seed).permutation(n) if shuffle else np.arange(n)
    a, b = int(0.6 * n), int(0.8 * n)
    return order[:a], order[a:b], order[b:]


def test_split(wines):
    labels = wines.drop_duplicates(subset=MEASUREMENTS)["red"].to_numpy()
    n = len(labels)
    assert check_split(*_split(n), labels)
    sorted_split = check_split(*_split(n, shuffle=False), labels)
    assert not sorted_split and "shuffle the row numbers" in sorted_split.message
    train, val, test = _split(n)
    assert "two sets" in check_split(train, val, np.r_[test, train[:5]], labels).message
    assert "exactly one set" in check_split(train, val, test[:-10], labels).message
    assert "aim for 60%" in check_split(train[:-300], val, np.r_[test, train[-300:]],
                                        labels).message
    assert "integers" in check_split(train, val, "all the rest", labels).message
    assert "placeholder" in check_split(train, None, test, labels).message


def test_baseline():
    y_train = np.array([0] * 70 + [1] * 30)
    y_val = np.array([0] * 16 + [1] * 4)
    assert check_baseline(0.8, y_train, y_val)
    assert "percentage" in check_baseline(80, y_train, y_val).message
    assert "LESS common" in check_baseline(0.2, y_train, y_val).message
    assert "training rows" in check_baseline(0.7, y_train, y_val).message
    assert "80.0%" in check_baseline(0.5, y_train, y_val).message
    assert "one number" in check_baseline("high", y_train, y_val).message
    # the majority comes from the training rows, even where validation leans the other way
    mostly_red_val = np.array([0] * 4 + [1] * 16)
    assert check_baseline(0.2, y_train, mostly_red_val)
    assert not check_baseline(0.8, y_train, mostly_red_val)
    # a number that both slips give: the training rows are named (the likelier slip)
    both = np.array([0] * 3 + [1] * 7)      # validation majority-of-train share 0.3 = 1 - 0.7
    assert "training rows" in check_baseline(0.7, y_train, both).message
    # and the right number is right even when a wrong form happens to give it too
    same = np.array([0] * 7 + [1] * 3)      # 0.7 on validation, as on the training rows
    assert check_baseline(0.7, y_train, same)


def test_scaling():
    def right(X_train, X_other):
        mean, std = X_train.mean(axis=0), X_train.std(axis=0)
        return (X_train - mean) / std, (X_other - mean) / std

    def on_everything(X_train, X_other):
        both = np.vstack([X_train, X_other])
        mean, std = both.mean(axis=0), both.std(axis=0)
        return (X_train - mean) / std, (X_other - mean) / std

    def each_its_own(X_train, X_other):
        return tuple((X - X.mean(axis=0)) / X.std(axis=0) for X in (X_train, X_other))

    assert check_scaling(right)
    assert "leak" in check_scaling(on_everything).message
    assert "its own mean" in check_scaling(each_its_own).message
    assert "axis=0" in check_scaling(lambda a, b: (a - a.mean(), b - a.mean())).message
    assert "two arrays" in check_scaling(lambda a, b: 3.0).message
    assert "placeholder" in check_scaling(None).message


def test_choice():
    results = [(5, 0.99, 0.95), (50, 1.0, 0.94), (20, 0.995, 0.97)]
    assert check_choice(results, 20)
    assert "TRAINING" in check_choice(results, 50).message
    assert "97.0%" in check_choice(results, 5).message
    assert "at least two" in check_choice(results[:1], 5).message
    assert "triples" in check_choice([1, 2], 5).message


def test_the_test_set_opens_once_and_only_at_the_end():
    log = ProjectLog()
    X_test, y_test = np.zeros((4, 2)), np.array([1, 0, 1, 1])
    early = report_test(log, lambda X: np.ones(len(X)), X_test, y_test)
    assert not early and "baseline" in early.message and not log.test_scores
    for step, value in (("split", True), ("baseline", 0.6), ("scaling", True), ("choice", 1)):
        log.record(step, value)
    first = report_test(log, lambda X: np.ones(len(X)), X_test, y_test)
    assert first and "75.0%" in first.message
    again = report_test(log, lambda X: np.array([1, 0, 1, 1]), X_test, y_test)
    assert not again and "already opened (75.0%" in again.message
    late = check_choice([(1, 0.9, 0.8), (2, 0.9, 0.7)], 1, log)
    assert not late and "after the test set was opened" in late.message


def test_each_check_records_its_step_in_the_log(wines):
    log = ProjectLog()
    unique = wines.drop_duplicates(subset=MEASUREMENTS)
    labels = unique["red"].to_numpy()
    assert check_table(wines, log) and check_unique(unique, log)
    assert check_split(*_split(len(labels)), labels, log)
    assert check_baseline(0.8, np.array([0] * 7 + [1] * 3), np.array([0] * 8 + [1] * 2), log)
    assert list(log.passed) == ["table", "unique", "split", "baseline"]
    assert "steps passed: table, unique, split, baseline" in repr(log)


def test_quality_baseline():
    from nn_helpers.exercises.ch13 import check_quality_baseline
    q_train = np.array([5.0, 6, 6, 7, 5, 6])
    q_val = np.array([5.0, 7, 8])
    right = np.abs(q_val - q_train.mean()).mean()
    assert check_quality_baseline(right, q_train, q_val)
    assert "VALIDATION wines' own mean" in check_quality_baseline(
        np.abs(q_val - q_val.mean()).mean(), q_train, q_val).message
    assert "SQUARED" in check_quality_baseline(((q_val - q_train.mean()) ** 2).mean(),
                                               q_train, q_val).message
    assert "training wines;" in check_quality_baseline(np.abs(q_train - q_train.mean()).mean(),
                                                       q_train, q_val).message
    assert "on average on validation" in check_quality_baseline(0.1, q_train, q_val).message
    assert "placeholder" in check_quality_baseline(None, q_train, q_val).message

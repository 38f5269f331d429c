"""Checks for notebook 13 (your own project: red or white wine, and the quality of white wines).

# n: wines, d = 11 measurements; rows are split into train / validation / test index arrays.

A project goes wrong in quiet ways that leave a good-looking number: the same wine on both
sides of the split, a split of a table sorted by colour, scaling measured on every row, a
setting chosen on the test set, no baseline to compare with. Each check here looks for one of
those and says what happened. ``ProjectLog`` remembers which steps passed, so that
``report_test`` can refuse to open the test set before a baseline and a validation choice
exist, and say so when it is opened a second time.
"""

from __future__ import annotations

import numpy as np

from .feedback import Feedback, call_reader

__all__ = ["MEASUREMENTS", "ProjectLog", "check_baseline", "check_choice", "check_scaling",
           "check_quality_baseline", "check_split", "check_table", "check_unique",
           "load_both_wines", "report_test"]

MEASUREMENTS = ["fixed acidity", "volatile acidity", "citric acid", "residual sugar",
                "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH",
                "sulphates", "alcohol"]


def load_both_wines():
    """The red (1,599) and white (4,898) tables, in that order, as two DataFrames."""
    from ..data import load_wine_quality
    return load_wine_quality("red"), load_wine_quality("white")


def _expected_table():
    import pandas as pd
    red, white = load_both_wines()
    return pd.concat([red.assign(red=1), white.assign(red=0)], ignore_index=True)


class ProjectLog:
    """Which steps of the project have passed their check, and what the test set said."""

    def __init__(self):
        self.passed = {}         # step -> what it recorded (a number, a setting)
        self.test_scores = []    # every time the test set was opened

    def record(self, step, value=True):
        self.passed[step] = value

    def __repr__(self):
        steps = ", ".join(self.passed) or "none yet"
        return f"ProjectLog(steps passed: {steps}; test set opened {len(self.test_scores)} times)"


def _numbers(values, name):
    """The learner's ``values`` (a column they made) as a 1-D float array, or a Feedback that
    says what it should be."""
    try:
        array = np.asarray(values, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        array = None
    if array is None or values is None or array.size == 0 or not np.isfinite(array).all():
        return None, Feedback(False, f"`{name}` should be a column of numbers, one per wine "
                                     f"(e.g. y[train_rows]); got {type(values).__name__}.")
    return array, None


# ----------------------------------------------------------------- 1. one table, a label
def check_table(wines, log=None) -> Feedback:
    """Both tables in one, with a column "red" that is 1 for red wines and 0 for white."""
    if wines is None:
        return Feedback(False, "`wines` is still the placeholder: build the table and run the "
                               "cell again.")
    if not hasattr(wines, "columns"):
        return Feedback(False, f"`wines` should be a pandas DataFrame (pd.concat of the two "
                               f"tables); got {type(wines).__name__}.")
    expected = _expected_table()
    if "red" not in wines.columns:
        return Feedback(False, 'the table has no column "red": add it to each table before '
                               "joining them, e.g. red.assign(red=1) and white.assign(red=0).")
    if len(wines) != len(expected):
        return Feedback(False, f"the table has {len(wines)} rows; the red and white tables have "
                               f"{len(expected)} together. Join them with pd.concat([...]).")
    if int(wines["red"].sum()) != 1599:
        return Feedback(False, f'the column "red" adds up to {int(wines["red"].sum())}, but '
                               f"1599 wines are red: 1 for red, 0 for white.")
    if isinstance(log, ProjectLog):
        log.record("table")
    return Feedback(True, f"one table of {len(wines)} wines, 1599 of them red.")


# ----------------------------------------------------------------- 2. no wine twice
def check_unique(unique, log=None) -> Feedback:
    """The table with each set of measurements kept once."""
    if unique is None:
        return Feedback(False, "`unique` is still the placeholder: replace it and run "
                               "the cell again.")
    if not hasattr(unique, "duplicated"):
        return Feedback(False, f"`unique` should be a DataFrame; got {type(unique).__name__}.")
    expected = _expected_table()
    target = len(expected.drop_duplicates(subset=MEASUREMENTS))
    whole_rows = len(expected.drop_duplicates())
    if len(unique) == len(expected):
        return Feedback(False, "no row was removed. The table holds wines measured twice (the "
                               "same 11 numbers): find them with .duplicated().")
    if len(unique) == whole_rows and whole_rows != target:
        return Feedback(False, f"{len(unique)} rows: you removed rows that repeat EVERY column. "
                               f"A few wines have the same measurements but a different quality "
                               f"score; the network sees only the measurements, so keep each "
                               f"set of measurements once: drop_duplicates(subset=MEASUREMENTS).")
    if unique.duplicated(subset=MEASUREMENTS).any():
        return Feedback(False, "some measurements still appear twice.")
    if len(unique) != target:
        return Feedback(False, f"{len(unique)} rows; keeping each set of measurements once "
                               f"leaves {target}.")
    if isinstance(log, ProjectLog):
        log.record("unique", len(unique))
    return Feedback(True, f"{len(expected) - target} repeated wines removed; {target} remain.")


# ----------------------------------------------------------------- 3. three sets
def check_split(train_rows, val_rows, test_rows, labels, log=None) -> Feedback:
    """Row numbers of a shuffled split: about 60% / 20% / 20%, no row in two sets, none left
    out. ``labels`` is the table's "red" column, to see whether the colours were mixed."""
    if any(rows is None for rows in (train_rows, val_rows, test_rows)):
        return Feedback(False, "a set of row numbers is still the placeholder.")
    try:
        sets = [np.asarray(rows, dtype=int).reshape(-1) for rows in (train_rows, val_rows,
                                                                      test_rows)]
    except (TypeError, ValueError, OverflowError):
        return Feedback(False, "train_rows, val_rows and test_rows should be arrays of row "
                               "numbers (integers), e.g. slices of rng.permutation(n).")
    labels, problem = _numbers(labels, "y")
    if problem is not None:
        return problem
    n = len(labels)
    together = np.concatenate(sets)
    if len(np.unique(together)) != len(together):
        return Feedback(False, "some rows are in two sets (or twice in one): a wine in both the "
                               "training and the test set lets the network be tested on what "
                               "it learned. Cut ONE shuffled order into three pieces.")
    if not len(together) or together.min() < 0 or together.max() >= n or len(together) != n:
        return Feedback(False, f"the three sets hold {len(together)} row numbers; the table has "
                               f"{n} rows, and each should be in exactly one set.")
    shares = [len(s) / n for s in sets]
    if not all(abs(share - goal) < 0.02 for share, goal in zip(shares, (0.6, 0.2, 0.2))):
        return Feedback(False, "the sets hold " + ", ".join(f"{100 * s:.0f}%" for s in shares)
                               + " of the rows; aim for 60%, 20% and 20%.")
    red_share = [labels[s].mean() for s in sets]
    if max(red_share) - min(red_share) > 0.1:
        return Feedback(False, "the share of red wines differs a lot between the sets ("
                               + ", ".join(f"{100 * r:.0f}%" for r in red_share) + "). The "
                               "table lists all reds first: shuffle the row numbers "
                               "(rng.permutation) before cutting them.")
    if isinstance(log, ProjectLog):
        log.record("split")
    return Feedback(True, f"{len(sets[0])} / {len(sets[1])} / {len(sets[2])} rows, shuffled, "
                          f"no row in two sets.")


# ----------------------------------------------------------------- 4. the bar to beat
def check_baseline(baseline_accuracy, y_train, y_val, log=None) -> Feedback:
    """The accuracy on the validation rows of always answering the most common colour of the
    TRAINING rows."""
    if baseline_accuracy is None:
        return Feedback(False, "`baseline_accuracy` is still the placeholder.")
    y_train, problem = _numbers(y_train, "y[train_rows]")
    if problem is None:
        y_val, problem = _numbers(y_val, "y[val_rows]")
    if problem is not None:
        return problem
    majority = int(y_train.mean() >= 0.5)
    expected = float(np.mean(y_val == majority))
    try:
        got = float(baseline_accuracy)
    except (TypeError, ValueError):
        return Feedback(False, f"`baseline_accuracy` should be one number (a share between 0 "
                               f"and 1); got {type(baseline_accuracy).__name__}.")
    # the right answer first: a wrong form that happens to give the same number is right
    # anyway; then the training rows before the less common colour, the likelier slip
    if np.isclose(got, 100 * expected):
        return Feedback(False, f"{got:g} looks like a percentage: give the share, {expected:.4f}.")
    if np.isclose(got, float(np.mean(y_train == majority))) and not np.isclose(got, expected):
        return Feedback(False, "that is measured on the training rows; measure it on the "
                               "validation rows, where the network will be compared.")
    if np.isclose(got, 1 - expected) and not np.isclose(got, expected):
        return Feedback(False, "that is the accuracy of always answering the LESS common colour: "
                               "the baseline answers the most common one.")
    if not np.isclose(got, expected):
        return Feedback(False, f"always answering {'red' if majority else 'white'} (the most "
                               f"common colour in training) is right on {100 * expected:.1f}% "
                               f"of the validation wines; you have {100 * got:.1f}%.")
    if isinstance(log, ProjectLog):
        log.record("baseline", expected)
    return Feedback(True, f"the bar to beat: {100 * expected:.1f}% on validation, by always "
                          f"answering {'red' if majority else 'white'}.")


# ----------------------------------------------------------------- 5. scale on train only
def check_scaling(scale, log=None) -> Feedback:
    """``scale(X_train, X_other)`` -> (X_train scaled, X_other scaled), with the mean and the
    spread of each column measured on X_train only."""
    rng = np.random.default_rng(130)
    X_train = rng.normal(5.0, 2.0, size=(40, 3))
    X_other = rng.normal(9.0, 4.0, size=(15, 3))    # far from the training rows, on purpose
    got, problem = call_reader(scale, "scale", X_train, X_other, mention_return=True)
    if problem is not None:
        return problem
    try:
        train_s, other_s = (np.asarray(a, dtype=float) for a in got)
    except (TypeError, ValueError):
        return Feedback(False, "`scale` should return two arrays: (X_train scaled, X_other "
                               "scaled).")
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    if train_s.shape != X_train.shape or other_s.shape != X_other.shape:
        return Feedback(False, "the scaled arrays should keep their shapes.")
    both = np.vstack([X_train, X_other])
    if np.allclose(train_s, (X_train - both.mean(axis=0)) / both.std(axis=0)):
        return Feedback(False, "the mean and spread were measured on the training AND the other "
                               "rows together. That lets the validation and test wines shape "
                               "the network's inputs (a leak): measure them on X_train only.")
    if np.allclose(other_s, (X_other - X_other.mean(axis=0)) / X_other.std(axis=0)):
        return Feedback(False, "X_other was scaled with its own mean and spread; use the "
                               "training set's, so every set lands on the same scale.")
    if not (np.allclose(train_s, (X_train - mean) / std)
            and np.allclose(other_s, (X_other - mean) / std)):
        return Feedback(False, "subtract the training mean of each column and divide by the "
                               "training standard deviation (axis=0), for both arrays.")
    if isinstance(log, ProjectLog):
        log.record("scaling")
    return Feedback(True, "both sets scaled with the training set's mean and spread.")


# ----------------------------------------------------------------- 6. choose on validation
def check_choice(results, chosen, log=None) -> Feedback:
    """``results``: a list of (setting, train accuracy, validation accuracy); ``chosen``: the
    setting picked. It must be the one with the best VALIDATION accuracy."""
    if results is None or chosen is None:
        return Feedback(False, "`results` or `chosen` is still the placeholder.")
    try:
        rows = [(setting, float(train), float(val)) for setting, train, val in results]
    except (TypeError, ValueError):
        return Feedback(False, "`results` should be a list of (setting, train accuracy, "
                               "validation accuracy) triples.")
    if len(rows) < 2:
        return Feedback(False, "try at least two settings: a choice needs something to choose "
                               "from.")
    if isinstance(log, ProjectLog) and "test" in log.passed:
        return Feedback(False, "this choice was made after the test set was opened: its "
                               "result may have steered it. Re-run the notebook from the top "
                               "and open the test set only at the end.")
    best_val = max(rows, key=lambda row: row[2])
    best_train = max(rows, key=lambda row: row[1])
    if _same(chosen, best_val[0]):
        if isinstance(log, ProjectLog):
            log.record("choice", (chosen, best_val[2]))
        return Feedback(True, f"{chosen!r}: the best of {len(rows)} settings on validation "
                              f"({100 * best_val[2]:.1f}%).")
    if _same(chosen, best_train[0]):
        return Feedback(False, f"{chosen!r} is best on the TRAINING rows; a setting that fits "
                               f"the training rows best may only have memorised them. Choose "
                               f"by validation accuracy.")
    return Feedback(False, f"the best validation accuracy is {100 * best_val[2]:.1f}%, by "
                           f"{best_val[0]!r}; you chose {chosen!r}.")


def _same(a, b) -> bool:
    """a == b as one True/False, also for values (arrays, odd objects) where == is not."""
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - an answer that cannot be compared is not the same
        return False


# ----------------------------------------------------------------- 7. the test set, once
def report_test(log, predict, X_test, y_test) -> Feedback:
    """Open the test set: the accuracy of ``predict(X_test)`` (a 0/1 answer per row), allowed
    once the baseline and the validation choice have passed their checks."""
    if not isinstance(log, ProjectLog):
        return Feedback(False, "pass the notebook's `log` (a ProjectLog) as the first argument: "
                               "it remembers which steps passed.")
    missing = [step for step in ("split", "baseline", "scaling", "choice")
               if step not in log.passed]
    if missing:
        return Feedback(False, "the test set stays closed until these steps have passed their "
                               "checks: " + ", ".join(missing) + " (pass the same `log` to each "
                               "check). Otherwise there is nothing to compare with, or the test "
                               "set ends up making a choice.")
    if not callable(predict):
        return Feedback(False, f"`predict` should be a function X -> 0/1 answers; got "
                               f"{type(predict).__name__}.")
    y_test, problem = _numbers(y_test, "y[test_rows]")
    if problem is not None:
        return problem
    try:
        answers = np.asarray(predict(X_test), dtype=float).reshape(-1)
    except Exception as error:  # the learner's function failed: say how
        return Feedback(False, f"`predict` raised {type(error).__name__}: {error}")
    if answers.shape != y_test.shape:
        return Feedback(False, f"`predict` gave {answers.size} answers for {y_test.size} test "
                               f"wines: one 0/1 answer per row of X_test.")
    accuracy = float(np.mean(answers == y_test))
    log.test_scores.append(accuracy)
    log.record("test", accuracy)
    baseline = log.passed["baseline"]
    if len(log.test_scores) > 1:
        return Feedback(False, f"the test set was already opened ({100 * log.test_scores[0]:.1f}% "
                               f"the first time). Report that first number: trying again until "
                               f"the test number looks good makes it one more thing you fitted.")
    return Feedback(True, f"test accuracy {100 * accuracy:.1f}% (baseline on validation: "
                          f"{100 * baseline:.1f}%). This is the number to report.")


# ----------------------------------------------------------------- part B: a number, not a class
def check_quality_baseline(baseline_mae, q_train, q_val) -> Feedback:
    """The mean absolute error on the validation wines of always predicting the TRAINING
    wines' mean quality: the bar a quality network must beat."""
    if baseline_mae is None:
        return Feedback(False, "`baseline_mae` is still the placeholder.")
    try:
        got = float(baseline_mae)
    except (TypeError, ValueError):
        return Feedback(False, f"`baseline_mae` should be one number; got "
                               f"{type(baseline_mae).__name__}.")
    q_train, problem = _numbers(q_train, "q_train")
    if problem is None:
        q_val, problem = _numbers(q_val, "q_val")
    if problem is not None:
        return problem
    expected = float(np.abs(q_val - q_train.mean()).mean())
    if np.isclose(got, float(np.abs(q_val - q_val.mean()).mean())):
        return Feedback(False, "you predicted the VALIDATION wines' own mean: a baseline may only "
                               "use the training wines (the validation scores are the answers).")
    if np.isclose(got, float(((q_val - q_train.mean()) ** 2).mean())):
        return Feedback(False, "that is the mean SQUARED error; the mean absolute error averages "
                               "|prediction - score|, which reads in quality points.")
    if np.isclose(got, float(np.abs(q_train - q_train.mean()).mean())):
        return Feedback(False, "that is measured on the training wines; measure it on the "
                               "validation wines.")
    if not np.isclose(got, expected):
        return Feedback(False, f"always predicting the training mean ({q_train.mean():.2f}) is "
                               f"off by {expected:.3f} points on average on validation; you have "
                               f"{got:.3f}.")
    return Feedback(True, f"the bar to beat: {expected:.3f} quality points off on average, by "
                          f"always predicting {q_train.mean():.2f}.")

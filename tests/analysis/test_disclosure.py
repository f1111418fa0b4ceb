"""Disclosure control: primary and secondary suppression, and its core property."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from equality_progress.analysis.disclosure import (
    CONFIDENTIAL,
    primary_mask,
    protect_counts,
    secondary_mask,
)


def test_primary_suppresses_one_to_four_but_not_zero():
    t = pd.DataFrame({"a": [0, 1, 4, 5], "b": [10, 10, 10, 10]})
    assert primary_mask(t, 5)["a"].tolist() == [False, True, True, False]


def test_secondary_worked_example():
    # Row "x" has one small cell (3): with the row total published it could be worked out,
    # so the smallest other non-zero cell in the row (8) is withheld too; then column "b"
    # has one withheld cell, so its smallest other non-zero cell (20) follows, and so on
    # until every row and column holds zero or at least two withheld cells.
    t = pd.DataFrame({"a": [3, 40, 30], "b": [8, 20, 50], "c": [12, 60, 70]}, index=["x", "y", "z"])
    m = secondary_mask(t, primary_mask(t, 5))
    assert m.loc["x", "a"] and m.loc["x", "b"]
    for line in list(m.sum(axis=1)) + list(m.sum(axis=0)):
        assert line in (0, 2, 3)


def test_protect_counts_publishes_symbols_and_totals():
    t = pd.DataFrame({"a": [3, 40], "b": [8, 20]}, index=["x", "y"])
    out = protect_counts(t, 5)
    assert out.loc["x", "a"] == CONFIDENTIAL
    assert out.loc["Total", "Total"] == 71
    assert (out == CONFIDENTIAL).sum().sum() >= 4


@settings(max_examples=150, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(2, 6), st.integers(2, 6)), elements=st.integers(0, 40))
)
def test_no_suppressed_cell_is_recoverable_from_margins(values):
    """With row and column totals published, a line with exactly one withheld cell gives
    that cell away (total minus the others). After protection no line has exactly one."""
    t = pd.DataFrame(values)
    m = secondary_mask(t, primary_mask(t, 5)).to_numpy()
    assert not (m.sum(axis=1) == 1).any()
    assert not (m.sum(axis=0) == 1).any()
    small = (values > 0) & (values < 5)
    assert m[small].all()  # every small count is withheld

"""Disclosure control: the rules, and protection of linked tables checked by an
independent integer program (scipy's milp, not the module's own linear programs)."""

import itertools

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.optimize import Bounds, LinearConstraint, milp

from equality_progress.analysis.disclosure import (
    CONFIDENTIAL,
    counts_people,
    parts_shown,
    protect,
    protect_parts,
    share_allowed,
    side_is_safe,
    small,
    withheld_cells,
)
from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10, protection_width=5)


def test_small_counts_are_one_to_four_and_zero_is_not():
    assert [small(n, RULES) for n in (0, 1, 4, 5)] == [False, True, True, False]


def test_a_share_goes_with_its_count_and_its_complement():
    assert share_allowed(20, 100, RULES)
    assert not share_allowed(3, 100, RULES)  # count 3
    assert not share_allowed(97, 100, RULES)  # complement 3
    assert not share_allowed(5, 9, RULES)  # base below 10
    assert share_allowed(0, 40, RULES)  # nobody: a zero reveals no one


def test_only_counts_of_people_are_controlled():
    assert counts_people("workforce_share")
    assert not counts_people("reported_value")  # programmes, partnerships, suppliers
    assert counts_people("reported_value", "people")


def _table(t: pd.DataFrame):
    """A two-way table with row, column and grand totals as linked items."""
    atoms = pd.Series(
        [t.loc[i, j] for i in t.index for j in t.columns],
        index=[(i, j) for i in t.index for j in t.columns],
    )
    items = {(i, j): [(i, j)] for i in t.index for j in t.columns}
    items |= {(i, "T"): [(i, j) for j in t.columns] for i in t.index}
    items |= {("T", j): [(i, j) for i in t.index] for j in t.columns}
    items[("T", "T")] = list(atoms.index)
    return atoms, items


def _integer_range(atoms, items, published, key, withheld=None):
    """Independent bounds: integer programming over the published totals (and, given the
    ``withheld`` cells, each of them that is not zero at least 1)."""
    cols = list(atoms.index)
    a = np.array([[1.0 if c in items[k] else 0.0 for c in cols] for k in published])
    b = np.array([atoms[items[k]].sum() for k in published], dtype=float)
    target = np.array([1.0 if c in items[key] else 0.0 for c in cols])
    cons = [LinearConstraint(a, b, b)] if published else []
    # a withheld count that is not zero is known not to be: the tables print zeros
    nonzero = [k for k in items if k not in published and atoms[items[k]].sum() >= 1]
    nonzero = [k for k in nonzero if k in withheld] if withheld is not None else []
    if nonzero:
        ones = np.array([[1.0 if c in items[k] else 0.0 for c in cols] for k in nonzero])
        cons.append(LinearConstraint(ones, 1, np.inf))
    ends = []
    for sign in (1, -1):
        res = milp(
            sign * target, constraints=cons, integrality=np.ones(len(cols)), bounds=Bounds(0)
        )
        ends.append(np.inf if res.fun is None else sign * res.fun)  # feasible: unbounded
    return ends


def test_worked_example_the_small_cell_and_its_partners_are_withheld():
    # x,a = 3 is small; with every total published, withholding only its row partner
    # x,b (8) would leave column a: 3 = 73 - 40 - 30. A rectangle is needed.
    t = pd.DataFrame({"a": [3, 40, 30], "b": [8, 20, 50], "c": [12, 60, 70]}, index=list("xyz"))
    atoms, items = _table(t)
    p = protect(atoms, items, list(items), RULES)
    assert not p.published(("x", "a"))
    published = [k for k in items if p.published(k)]
    lo, hi = _integer_range(atoms, items, published, ("x", "a"))
    assert lo <= 3 <= hi and hi - lo >= 5
    assert p.cell(("x", "T")) == 23 and p.cell(("x", "a")) == CONFIDENTIAL


@settings(max_examples=25, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(2, 4), st.integers(2, 4)), elements=st.integers(0, 30))
)
def test_no_small_count_is_pinned_whatever_the_table(values):
    """For any table, every count of 1 to 4 is withheld and the published cells and totals
    leave it a range of at least 5 (or meeting no small count), by integer programming."""
    t = pd.DataFrame(values, index=[f"r{i}" for i in range(values.shape[0])])
    t.columns = [f"c{j}" for j in t.columns]
    atoms, items = _table(t)
    p = protect(atoms, items, list(items), RULES)
    published = [k for k in items if p.published(k)]
    withheld = [k for k in items if not p.published(k)]  # every item is a table cell here
    for k in items:
        value = atoms[items[k]].sum()
        if 1 <= value <= 4:
            assert not p.published(k)
        if not p.published(k):
            lo, hi = _integer_range(atoms, items, published, k, withheld)
            assert hi - lo >= 5 or hi < 1 or lo > 4, (k, lo, hi)


def test_a_withheld_count_is_known_not_to_be_zero():
    """Issue 28: tables print a zero as 0, so a withheld count is 1 or more. Of 20, cells 2
    and 3 withheld and 15 published leave 2 + 3 = 5: each 0 to 5 if a withheld cell could
    be zero (a range of 6, safe), but 1 to 4 once it cannot (unsafe): 15 must go too."""
    atoms = pd.Series([2, 3, 15], index=["a", "b", "c"], dtype=float)
    items = {"A": ["a"], "B": ["b"], "C": ["c"], "T": ["a", "b", "c"]}
    p = protect(atoms, items, ["A", "B", "C"], RULES, fixed=["T"])
    assert not p.published("A") and not p.published("B") and not p.published("C")
    lo, hi = _integer_range(atoms, items, ["T"], "A", ["A", "B", "C"])
    assert (lo, hi) == (1, 18)


def test_a_partition_of_a_known_total_never_leaves_a_lone_withheld_part():
    shown = protect_parts({"Sex: Female": 30, "Sex: Male": 3, "Age: 16-34": 33}, RULES)
    assert shown == {"Sex: Female": False, "Sex: Male": False, "Age: 16-34": True}


def test_respondents_who_did_not_answer_cannot_be_found_by_subtraction():
    """600 survey responses; 63 disabled and 534 not disabled, so 3 gave neither answer:
    600 - 63 - 534 = 3 if both groups were published. One group's count is withheld; an
    attacker then knows only that the 3 and the withheld group add up to a range of at
    least 5. With everyone answering (the old assumption), both are published."""
    parts = {"Disability: Disabled": 63, "Disability: Not disabled": 534}
    shown = protect_parts(parts, RULES, respondents=600)
    assert list(shown.values()).count(False) == 1
    assert all(protect_parts(parts, RULES, respondents=597).values())  # all answered
    assert all(protect_parts(parts, RULES).values())  # the number answering unknown
    # 10 who gave neither answer is not small: nothing more is withheld
    assert all(protect_parts(parts, RULES, respondents=607).values())
    with pytest.raises(ValueError, match="more than respondents"):
        protect_parts(parts, RULES, respondents=590)


def test_withheld_cells_are_counted_from_the_published_tables():
    a = pd.DataFrame({"x": [CONFIDENTIAL, 5], "y": ["7", CONFIDENTIAL]})
    assert withheld_cells([a, a.head(1)]) == 3


def test_every_combination_of_a_two_by_two_table_is_safe():
    """Exhaustive over small 2x2 tables: the protected table never pins a small count."""
    for values in itertools.product((0, 3, 7), (0, 3, 7), (0, 3, 7), (20,)):
        t = pd.DataFrame(np.array(values).reshape(2, 2), index=["r0", "r1"], columns=["a", "b"])
        atoms, items = _table(t)
        p = protect(atoms, items, list(items), RULES)
        published = [k for k in items if p.published(k)]
        for k in items:
            if not p.published(k):
                lo, hi = _integer_range(atoms, items, published, k)
                assert hi - lo >= 5 or hi < 1 or lo > 4, (values, k, lo, hi)


@pytest.mark.parametrize(
    ("base", "level", "safe"),
    [
        (55, 6.0, False),  # LCRCA 2022-23: "below 6%" is 1 to 3 of 55
        (100, 6.0, False),  # below: 1 to 5, a range of 4
        (117, 6.0, True),  # 6% of 117 is 7.02: below is 1 to 7, at or above 8 to 116
        (200, 6.0, True),  # below: 1 to 11
        (150, 1.0, False),  # below 1% of 150: exactly 1
        (300, 99.0, False),  # at or above 99%: 297 to 299, its complement 1 to 3
    ],
)
def test_whether_a_withheld_shares_side_of_a_level_may_be_said(base, level, safe):
    """Worked by hand: each side's range of a withheld count (1 to base - 1) must span at
    least 5 people."""
    assert side_is_safe(base, level, RULES) is safe


def test_parts_of_a_total_sefton_2023_24s_bonus_shares():
    """Issue 28's re-attack: Sefton 2023-24's ethnic groups' bonus shares printed 0.0% for
    groups with none and [c] for 1 to 4, under 'All ethnic minority groups 3.3%' (5 of 151),
    so its three [c] groups were 1 to 3 each. By hand: 3 groups of 1, 4 of 0, 2 recipients in
    groups too small to list; the zeros are withheld with the ones, each [c] then 0 to 5."""
    counts = [1, 1, 0, 0, 0, 1, 0]
    allowed = [False, False, True, True, True, False, True]  # rules 1 to 3: 0 is no one
    assert parts_shown(counts, allowed, 5, RULES) == [False] * 7
    assert parts_shown([0, 0], [True, True], 0, RULES) == [True, True]  # nothing withheld


def test_a_remainder_of_one_to_four_withholds_the_smallest_published_part():
    """Groups of 10 and 6 recipients published under a total of 20 leave 4 in groups too
    small to list: the 6 is withheld too (the two then share 10); with no total printed
    only the zero rule applies."""
    assert parts_shown([10, 6], [True, True], 20, RULES) == [True, False]
    assert parts_shown([10, 6], [True, True], 16, RULES) == [True, True]
    assert parts_shown([10, 3, 0], [True, False, True], None, RULES) == [True, False, False]
    # 20 less the published 10 and 7 would print the withheld 3: the 7 goes too
    assert parts_shown([10, 3, 7], [True, False, True], 20, RULES) == [True, False, False]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=1, max_size=6), st.integers(0, 6))
def test_no_withheld_part_is_read_as_one_to_four(counts, unlisted):
    """What a reader can work out, recomputed here: each withheld part lies in 0 to the
    total less the published parts; none may be 1 to 4 for sure (a published 0 beside a
    withheld part would make it at least 1), nor in a range from 0 narrower than 5 when it
    is truly 1 to 4."""
    allowed = [share_allowed(c, 40, RULES) for c in counts]
    total = sum(counts) + unlisted
    printed = None if small(total, RULES) else total  # the total's own share obeys rule 1
    shown = parts_shown(counts, allowed, printed, RULES)
    assert all(s <= a for s, a in zip(shown, allowed, strict=True))  # never shows more
    hidden = [c for c, s in zip(counts, shown, strict=True) if not s]
    if hidden:
        assert all(c != 0 for c, s in zip(counts, shown, strict=True) if s)
        if printed is not None:
            left = total - sum(c for c, s in zip(counts, shown, strict=True) if s)
            assert left == 0 or left >= RULES.min_count, (counts, unlisted, shown)


def test_a_hidden_figure_is_withheld_with_what_would_give_it_back():
    """``hide`` (the statutory chain's sex split): two groups of 20 and 30 of a published
    50. Hiding the 20 alone leaves it 50 - 30 = 20 for anyone; while the check says its
    range (here: narrower than 10) still gives a count away, the 30 is withheld too, and the
    20 is then anywhere from 1 to 49 (a withheld count is not 0: a table prints 0 as 0).
    Without the check, only the hidden figure goes."""
    atoms = pd.Series([20.0, 30.0], index=["a", "b"])
    items = {"A": ["a"], "B": ["b"], "T": ["a", "b"]}
    seen = []

    def narrow(ranges):
        seen.append(ranges["A"])
        lo, hi = ranges["A"]
        return hi - lo < 10

    p = protect(atoms, items, ["A", "B"], RULES, fixed=["T"], hide=["A"], hide_exposed=narrow)
    assert p.withheld == {"A", "B"}
    assert seen == [(20.0, 20.0), (1.0, 49.0)]
    alone = protect(atoms, items, ["A", "B"], RULES, fixed=["T"], hide=["A"])
    assert alone.withheld == {"A"}

"""The statutory chain (issue 28), on figures worked by hand.

Employer A: 100 men and 80 women on full pay (its pay quarters), 5.0% of its men receiving a
bonus, no size band (under 250); employer B: 50 men and 40 women on full pay, no bonus
share. In truth A has 101 men (1 not on full pay, 5 with a bonus) and B 52 men (2 not on
full pay); the women not on full pay are 20, all at B: 153 men, 140 women, 293 staff.

By hand: A's men receiving a bonus b, of r relevant men, print as 5.0%, so 4.95 <= 100 b / r
< 5.05: b = 5 gives r in {100, 101}, b = 6 gives r in {119, 120, 121}, b = 7 gives r from
139 up. Alone nothing bounds r (no band): A's men not on full pay are 0 or more. With the
293 staff, everyone's full-pay 270 leaves 23 not on full pay: r - 100 is 0, 1, 19, 20 or
21, a range of 0 to 21. With the 153 men, the men's 150 on full pay leave 3: r is 100 or
101, so A's men not on full pay are 0 to 1 and B's 153 - r - 50 = 2 to 3, and A's
recipients exactly 5; the 140 women leave 20 not on full pay to share between A and B (0 to
20 each).
"""

from __future__ import annotations

import math

import pandas as pd

from equality_progress.analysis.statutory_chain import (
    BONUS,
    OFF,
    EmployerFigures,
    chain_ranges,
    size_band,
    statutory_chain,
)
from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10, protection_width=5)
A = EmployerFigures("A", {"Male": 100, "Female": 80}, {"Male": 5.0, "Female": None}, None)
B = EmployerFigures("B", {"Male": 50, "Female": 40}, {"Male": None, "Female": None}, None)
MEN, WOMEN, STAFF = (153.0, 153.0), (140.0, 140.0), (293.0, 293.0)


def test_alone_the_figures_bound_the_recipients_from_below_only():
    alone = chain_ranges((A, B))
    assert alone[("A", "Male", OFF)] == (0.0, math.inf)
    assert alone[("A", "Male", BONUS)] == (5.0, math.inf)
    assert ("B", "Male", BONUS) not in alone  # no share printed: nothing to bound


def test_the_number_of_staff_leaves_a_range_of_0_to_21():
    assert chain_ranges((A, B), both=STAFF)[("A", "Male", OFF)] == (0.0, 21.0)


def test_each_sex_count_narrows_the_men_not_on_full_pay_to_0_to_1_and_2_to_3():
    ranges = chain_ranges((A, B), {"Male": MEN, "Female": WOMEN}, STAFF)
    assert ranges[("A", "Male", OFF)] == (0.0, 1.0)
    assert ranges[("B", "Male", OFF)] == (2.0, 3.0)
    assert ranges[("A", "Male", BONUS)] == (5.0, 5.0)
    assert ranges[("A", "Female", OFF)] == (0.0, 20.0)


def test_a_wide_enough_count_of_men_narrows_nothing():
    """153 to 172 men: 22 of them at most not on full pay, r - 100 up to 21 again."""
    ranges = chain_ranges((A, B), {"Male": (153.0, 172.0)}, STAFF)
    assert ranges[("A", "Male", OFF)] == (0.0, 21.0)
    assert ranges[("B", "Male", OFF)] == (0.0, 22.0)


def test_the_size_bands_are_the_government_services():
    assert [size_band(n) for n in (249, 250, 499, 500, 1004, 5000)] == [
        (0, 249), (250, 499), (250, 499), (500, 999), (1000, 4999), (5000, 19999),
    ]  # fmt: skip


def _staff(employer: str, sex: str, full: int, off: int, bonus: int) -> pd.DataFrame:
    n = full + off
    return pd.DataFrame(
        {
            "employer": employer,
            "sex": sex,
            "full_pay_relevant": [True] * full + [False] * off,
            "hourly_pay": [10.0 + i % 37 for i in range(n)],
            "bonus_pay": [100.0] * bonus + [0.0] * (n - bonus),
        }
    )


def test_a_workforce_file_gives_the_hand_worked_finding():
    """The same people as records: A's bonus share prints as 5.0% (5 of 101), its women's
    and B's as 0.0% (nothing); the split, not the number of staff, narrows the men."""
    wf = pd.concat(
        [
            _staff("A", "Male", 100, 1, 5),
            _staff("A", "Female", 80, 0, 0),
            _staff("B", "Male", 50, 2, 0),
            _staff("B", "Female", 40, 20, 0),
        ],
        ignore_index=True,
    )
    found = statutory_chain(wf, RULES)
    assert found.headcount == ()
    assert found.split == (("A", "Male", OFF), ("B", "Male", OFF))
    assert found.split_exposes({"Male": MEN, "Female": WOMEN}, RULES)
    assert not found.split_exposes({"Male": (153.0, 172.0), "Female": (121.0, 140.0)}, RULES)


def test_no_employer_figures_no_chain():
    wf = _staff("A", "Male", 30, 1, 0).drop(columns="employer")
    assert statutory_chain(wf, RULES).split == ()

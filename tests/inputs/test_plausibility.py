"""Plausibility across rows: pay in another unit and one grade written two ways, on small
tables worked by hand, and through the whole check of a workforce file."""

from __future__ import annotations

import pandas as pd

from equality_progress.inputs.plausibility import (
    check,
    one_spelling,
    pay_in_another_unit,
)
from equality_progress.inputs.tables import Table


def table(frame: pd.DataFrame, labels: dict[str, str] | None = None) -> Table:
    return Table(
        "data/x/2024-25/workforce.csv",
        list(frame.columns),
        [],
        list(range(2, len(frame) + 2)),
        labels=labels or {},
    )


def test_daily_rates_among_hourly_ones_are_named_with_their_rows() -> None:
    # grade A: 12 people at about 15.00 an hour; rows 5 and 9 hold daily rates (15 x 7.4)
    pay = [15.0, 15.2, 14.8, 111.0, 15.1, 15.0, 14.9, 111.6, 15.3, 15.0, 14.7, 15.2]
    frame = pd.DataFrame({"grade": ["A"] * 12, "hourly_pay": pay})
    problems = pay_in_another_unit(frame, table(frame, {"hourly_pay": "Hourly Rate"}))
    assert len(problems) == 1
    p = problems[0]
    # the median of grade A is 15.05 (the mean of the 6th and 7th of 12 sorted values)
    assert p.message.startswith(
        "hourly pay on 2 row(s) (rows 5, 9) is at least 3 times the median of its grade "
        "(row 5: 111.00 where A's median is 15.05)"
    )
    assert (p.row, p.column, p.value) == (5, "Hourly Rate", "111.00")
    assert "convert them to hourly pay" in p.message


def test_a_well_paid_grade_of_its_own_is_not_a_unit() -> None:
    # a chief executive at 95.00 is 6 times the staff median, but alone in a grade (so
    # judged against the whole file's median at twice the multiple: 8 x 15 = 120)
    frame = pd.DataFrame(
        {"grade": ["A"] * 8 + ["Chief Executive"], "hourly_pay": [15.0] * 8 + [95.0]}
    )
    assert pay_in_another_unit(frame, table(frame)) == []
    frame.loc[8, "hourly_pay"] = 760.0  # a daily rate of 95 an hour
    assert [p.row for p in pay_in_another_unit(frame, table(frame))] == [10]


def test_one_grade_written_two_ways_is_read_as_the_spelling_most_rows_use() -> None:
    """Issue 22: "GRADE 9 " beside "Grade 9" was a grade of its own in the published table;
    an error made the analyst map every grade (its trial). Now one grade, with a note."""
    frame = pd.DataFrame({"grade": ["Grade 9", "Grade 8", "GRADE 9 ", "Grade 9"]})
    fixed, notes = one_spelling(frame, table(frame))
    assert fixed["grade"].tolist() == ["Grade 9", "Grade 8", "Grade 9", "Grade 9"]
    assert [(p.row, p.value, p.rule) for p in notes] == [(4, "GRADE 9 ", "note")]
    assert notes[0].message == (
        "one grade is written 'Grade 9' (2 row(s), first row 2) and 'GRADE 9 ' (1 row(s), "
        "first row 4): read as 'Grade 9' throughout (to publish them as different grades, "
        "spell them differently in the export)"
    )
    plain = pd.DataFrame({"grade": ["A", "B"]})
    assert one_spelling(plain, table(plain)) == (plain, []) and check(plain, table(plain)) == []


def test_a_whole_grade_paid_by_the_day_is_named() -> None:
    """Issue 22's trial: every Chief Officer (44) on a daily rate passed, each beside its own
    grade's (daily) median, and the mean gender pay gap was published as 20.9%. A grade whose
    median is 5 times the file's is named: 30 staff at 15.00, 6 officers at 240.00 (a day of
    32.43 an hour); the file's median is 15.00, so 240 is 16 times it."""
    frame = pd.DataFrame(
        {"grade": ["A"] * 30 + ["Chief Officer"] * 6, "hourly_pay": [15.0] * 30 + [240.0] * 6}
    )
    (p,) = pay_in_another_unit(frame, table(frame))
    assert p.message.startswith(
        "hourly pay in grade Chief Officer (6 rows: 32, 33, 34, 35, 36 and 1 more) has a median "
        "of 240.00, at least 5 times the whole file's (15.00)"
    )
    assert (p.row, p.value, p.rule) == (32, "240.00", "pay unit")
    frame.loc[30:, "hourly_pay"] = 70.0  # officers at 70 an hour (4.7 times): well paid, no unit
    assert pay_in_another_unit(frame, table(frame)) == []


def test_unpaid_leave_is_zero_pay_and_full_pay_needs_a_rate() -> None:
    """Issue 22: staff on unpaid leave (0 an hour, not full-pay relevant) were refused by the
    contract's minimum of 5; they load now. A full-pay relevant employee under 5 an hour is
    still an error, naming the rows and both fixes."""
    frame = pd.DataFrame(
        {
            "grade": ["A"] * 6,
            "hourly_pay": [15.0, 15.2, 0.0, 14.8, 0.0, 15.1],
            "full_pay_relevant": [True, True, False, True, True, True],
        }
    )
    (p,) = check(frame, table(frame))
    assert (p.row, p.value) == (6, "0")
    assert p.message == (
        "is below 5 an hour for a full-pay relevant employee on 1 row(s) (rows 6); correct the "
        "rate, or, for staff on leave on reduced or no pay, mark them not full-pay relevant"
    )
    frame.loc[4, "full_pay_relevant"] = False
    assert check(frame, table(frame)) == []


def test_sessional_rates_at_under_four_times_are_named_too() -> None:
    """Issue 22's re-run: 30 rows of grades 1 and 2 at a half-day sessional rate (3.7 times
    the hourly one) passed a 4-times line and moved the median gender pay gap from 8.7% to
    8.1%. Within a grade, pay spans spinal points (about a fifth either side), so 3 times
    its median is a unit: 20 staff at 12.00, 6 at 44.40 (3.7 x 12) are named."""
    frame = pd.DataFrame({"grade": ["Grade 1"] * 26, "hourly_pay": [12.0] * 20 + [44.4] * 6})
    (p,) = pay_in_another_unit(frame, table(frame))
    assert p.message.startswith("hourly pay on 6 row(s) (rows 22, 23, 24, 25, 26 and 1 more)")
    frame.loc[20:, "hourly_pay"] = 14.5  # the top spinal points of the grade: no unit
    assert pay_in_another_unit(frame, table(frame)) == []

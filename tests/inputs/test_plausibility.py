"""Plausibility across rows: pay in another unit and one grade written two ways, on small
tables worked by hand, and through the whole check of a workforce file."""

from __future__ import annotations

import pandas as pd

from equality_progress.inputs.plausibility import (
    check,
    grades_written_two_ways,
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
        "hourly pay on 2 row(s) (rows 5, 9) is at least 4 times the median of its grade "
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


def test_one_grade_written_two_ways() -> None:
    frame = pd.DataFrame({"grade": ["Grade 9", "Grade 8", "GRADE 9 ", "Grade 9"]})
    problems = grades_written_two_ways(frame, table(frame))
    assert [(p.row, p.value) for p in problems] == [(4, "GRADE 9 ")]
    assert (
        "one grade is written 'Grade 9' (2 row(s), first row 2) and 'GRADE 9 ' (1 row(s), "
        "first row 4)" in problems[0].message
    )
    assert (
        check(pd.DataFrame({"grade": ["A", "B"]}), table(pd.DataFrame({"grade": ["A", "B"]}))) == []
    )

"""Plausibility checks across the rows of a table that has passed its contract: values each
allowed on its own that together show a wrong unit or a wrong spelling, which would publish
a plausible wrong figure (issue 22). Each is an error naming the file, the rows, what looks
wrong and the fix.

- **Pay in another unit.** Daily, weekly or annual rates among hourly ones: an hourly rate
  at least ``PAY_MULTIPLE`` times the median of its own grade (grades of at least
  ``MIN_GRADE_ROWS`` people; the whole file's median otherwise, at ``ALONE_MULTIPLE``). Pay
  within a grade is a narrow band (spinal points), so a rate several times its grade's
  median is a unit, not a person: a day is about 7.4 hours, a week about 37.
  A whole grade (of at least ``MIN_GRADE_ROWS``) whose median is ``GRADE_MULTIPLE`` times
  the file's is one paid in another unit (issue 22's trial: every Chief Officer on a daily
  rate published a mean gender pay gap of 20.9% instead of 7.9%).
- **Full pay below any hourly rate.** A full-pay relevant employee paid less than
  ``FULL_PAY_MINIMUM`` an hour; 0 is kept for staff on unpaid leave, who are not full-pay
  relevant and are left out of the pay gaps (the 2017 regulations).
- **One grade written two ways.** "GRADE 9" and "Grade 9" would be two rows of the
  published grade table: read as one, with a note (:func:`one_spelling`).
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from equality_progress.errors import NOTE, Problem
from equality_progress.inputs.tables import Table

PAY_MULTIPLE = 3.0  # issue 22's trial: 30 sessional rates at 3.7 times passed at 4
ALONE_MULTIPLE = 8.0  # a grade too small for a median of its own, against the file's
GRADE_MULTIPLE = 5.0  # a grade's median this many times the file's: about £90 an hour
FULL_PAY_MINIMUM = 5.0
MIN_GRADE_ROWS = 5
SHOWN_ROWS = 5


def _rows(numbers: list[int]) -> str:
    more = f" and {len(numbers) - SHOWN_ROWS} more" if len(numbers) > SHOWN_ROWS else ""
    return ", ".join(str(n) for n in numbers[:SHOWN_ROWS]) + more


def pay_in_another_unit(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Hourly pay that looks like daily, weekly or annual pay (see the module's doc)."""
    if "hourly_pay" not in frame or "grade" not in frame:
        return []
    pay = pd.to_numeric(frame["hourly_pay"], errors="coerce")
    pay = pay.where(pay > 0)  # unpaid leave: no rate to compare
    overall = pay.median()
    flagged: list[tuple[int, float, float, str]] = []
    whole: list[tuple[object, list[int], float]] = []
    for grade, idx in frame.groupby("grade", sort=False).groups.items():
        values = pay.loc[idx].dropna()
        own = len(values) >= MIN_GRADE_ROWS
        median = values.median() if own else overall
        limit = PAY_MULTIPLE * median if own else ALONE_MULTIPLE * overall
        if own and median >= GRADE_MULTIPLE * overall:  # the whole grade in another unit
            whole.append((grade, [table.row_numbers[int(i)] for i in values.index], median))
            continue
        for i, v in values.items():
            if v >= limit:
                flagged.append((table.row_numbers[int(i)], float(v), float(median), str(grade)))
    column = table.labels.get("hourly_pay", "hourly_pay")
    problems = [
        Problem(
            table.shown,
            f"hourly pay in grade {grade} ({len(rows)} rows: {_rows(rows)}) has a median of "
            f"{median:.2f}, at least {GRADE_MULTIPLE:g} times the whole file's ({overall:.2f}): "
            "the grade looks paid by the day, week or year; convert its rates to hourly pay "
            "(a day is about 7.4 hours, a week about 37)",
            row=rows[0],
            column=column,
            value=f"{median:.2f}",
            rule="pay unit",
        )
        for grade, rows, median in whole
    ]
    if not flagged:
        return problems
    flagged.sort()
    row, v, median, grade = flagged[0]
    return problems + [
        Problem(
            table.shown,
            f"hourly pay on {len(flagged)} row(s) (rows {_rows([f[0] for f in flagged])}) is at "
            f"least {PAY_MULTIPLE:g} times the median of its grade (row {row}: {v:.2f} where "
            f"{grade}'s median is {median:.2f}): these look like daily, weekly or annual "
            "rates; convert them to hourly pay (a day is about 7.4 hours, a week about 37)",
            row=row,
            column=column,
            value=f"{v:.2f}",
            rule="pay unit",
        )
    ]


def full_pay_minimum(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """A full-pay relevant employee paid under ``FULL_PAY_MINIMUM`` an hour (a blank or a
    slip; staff on unpaid leave are not full-pay relevant, and 0 is theirs)."""
    if "hourly_pay" not in frame or "full_pay_relevant" not in frame:
        return []
    pay = pd.to_numeric(frame["hourly_pay"], errors="coerce")
    low = [i for i, (v, full) in enumerate(zip(pay, frame["full_pay_relevant"], strict=True))
           if bool(full) and v < FULL_PAY_MINIMUM]  # fmt: skip
    if not low:
        return []
    rows = [table.row_numbers[i] for i in low]
    return [
        Problem(
            table.shown,
            f"is below {FULL_PAY_MINIMUM:g} an hour for a full-pay relevant employee on "
            f"{len(rows)} row(s) (rows {_rows(rows)}); correct the rate, or, for staff on "
            "leave on reduced or no pay, mark them not full-pay relevant",
            row=rows[0],
            column=table.labels.get("hourly_pay", "hourly_pay"),
            value=f"{pay.iloc[low[0]]:g}",
            rule="range",
        )
    ]


def one_spelling(frame: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, list[Problem]]:
    """Grades that differ only in case or spaces ("GRADE 9", "Grade 9 ") read as one, the
    spelling most rows use (issue 22: "GRADE 9" was a row of its own in the published grade
    table; its trial found that mapping it meant listing every grade), with a note naming
    each spelling, its rows and the one kept."""
    if "grade" not in frame:
        return frame, []
    first: dict[str, dict[str, int]] = defaultdict(dict)
    count: dict[str, int] = defaultdict(int)
    for i, g in enumerate(frame["grade"]):
        if isinstance(g, str):
            first[" ".join(g.split()).casefold()].setdefault(g, table.row_numbers[i])
            count[g] += 1
    rename, notes = {}, []
    for found in first.values():
        if len(found) < 2:
            continue
        names = sorted(found, key=found.get)
        kept = max(names, key=lambda n: (count[n], -found[n]))
        rare = min((n for n in names if n != kept), key=lambda n: (count[n], found[n]))
        ways = " and ".join(f"'{n}' ({count[n]} row(s), first row {found[n]})" for n in names)
        rename |= {n: kept for n in names if n != kept}
        notes.append(
            Problem(
                table.shown,
                f"one grade is written {ways}: read as '{kept}' throughout (to publish them "
                "as different grades, spell them differently in the export)",
                row=found[rare],
                column=table.labels.get("grade", "grade"),
                value=rare,
                rule=NOTE,
            )
        )
    if not rename:
        return frame, []
    return frame.assign(grade=frame["grade"].replace(rename)), notes


def check(frame: pd.DataFrame, table: Table) -> list[Problem]:
    """Every plausibility problem of one checked table."""
    return pay_in_another_unit(frame, table) + full_pay_minimum(frame, table)

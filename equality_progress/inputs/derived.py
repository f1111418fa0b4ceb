"""Columns an HR export does not hold, worked out from what it does (a mapping's
``derive:``): an age band from a date of birth at the snapshot, senior roles from their
grades, weekly hours from FTE and the standard week, or one stated value with its reason;
and the helpers a mapping shares with them (codes folded for matching, dates)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime

from pydantic import model_validator

from equality_progress.errors import Problem
from equality_progress.inputs.checking import NOTE, did_you_mean
from equality_progress.inputs.settings import Strict
from equality_progress.inputs.tables import Table

ISO = "%Y-%m-%d"


def human_date(fmt: str) -> str:
    """A strftime format in words (%d/%m/%Y: dd/mm/yyyy)."""
    for code, word in (("%d", "dd"), ("%m", "mm"), ("%Y", "yyyy"), ("%y", "yy"), ("%b", "Mon")):
        fmt = fmt.replace(code, word)
    return fmt


def fold(code: str) -> str:
    """A code as it is matched: trimmed, inner spaces single, case folded ("GRADE 11 ",
    "Grade  11" and "grade 11" are one code)."""
    return " ".join(str(code).split()).casefold()


def parse_date(text: str, fmt: str) -> date | None:
    for f in (ISO, fmt):
        try:
            return datetime.strptime(text, f).date()
        except ValueError:
            continue
    return None


def age_band(born: date, on: date) -> str | None:
    """The contract's five-year age band of someone born on ``born``, on ``on``."""
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if age < 16:
        return None
    if age >= 65:
        return "65+"
    if age < 20:
        return "16-19"
    low = age - age % 5
    return f"{low}-{low + 4}"


def date_problem(raw: Table, i: int, column: str, value: str, fmt: str) -> Problem:
    return Problem(
        raw.shown,
        f"is not a date written {human_date(fmt)} (the mapping's dates:)",
        row=raw.row_numbers[i],
        column=column,
        value=value,
        rule="date",
    )


class Derive(Strict):
    """One contract column the export does not hold, worked out from what it does."""

    age_band_from: str | None = None  # the export's date-of-birth heading
    senior_grades: list[str] | None = None  # senior_role is true for these grades
    fte_from: str | None = None  # weekly_hours: the export's FTE heading (1.0 full time) ...
    standard_week: float | None = None  # ... times the authority's standard week, in hours
    annual_from: str | None = None  # hourly_pay: the export's full-time annual salary heading
    value: str | float | bool | None = None  # the same value for every row ...
    reason: str | None = None  # ... and why (shown as a note)

    @model_validator(mode="after")
    def _one_rule(self) -> Derive:
        rules = [self.age_band_from, self.senior_grades, self.fte_from, self.annual_from]
        if sum(r is not None for r in [*rules, self.value]) != 1:
            raise ValueError(
                "give exactly one of age_band_from, senior_grades, fte_from, annual_from or value"
            )
        for rule in ("fte_from", "annual_from"):
            if getattr(self, rule) is not None and not (
                self.standard_week is not None and 20 <= self.standard_week <= 48
            ):
                raise ValueError(
                    f"{rule} needs standard_week: the hours of a full-time week (37, for example)"
                )
        if "TODO" in (self.senior_grades or []):
            raise ValueError("senior_grades: replace TODO with the grades of senior roles")
        if self.value is not None and not (self.reason or "").strip():
            raise ValueError("a stated value needs its reason:")
        return self


def _scaled(  # noqa: ANN001 (raw: Table; heading: the caller's column reader)
    raw,
    heading,
    target: str,
    source: str,
    ok: Callable[[float], bool],
    factor: float,
    wrong: str,
    note: str,
    problems: list[Problem],
) -> list[str] | None:
    """``target`` as each row's number under the export's ``source`` heading times
    ``factor``; a cell that is not a number or fails ``ok`` is an error (``wrong``, the
    first five rows named, then how many in all), and a note says how the column was made."""
    cells = heading(source, target)
    if cells is None:
        return None
    out, bad = [], []
    for i, c in enumerate(cells):
        try:
            v = float(str(c).replace(",", "").replace("£", "").strip())
        except ValueError:
            v = math.nan
        if not ok(v):  # NaN fails too
            bad.append(i)
            out.append("")
            continue
        out.append(f"{round(v * factor, 2):g}")
    for i in bad[:5]:
        problems.append(
            Problem(
                raw.shown,
                wrong + (f" ({len(bad)} rows in all)" if i == bad[0] and len(bad) > 5 else ""),
                row=raw.row_numbers[i],
                column=source,
                value=cells[i],
                rule="range",
            )
        )
    problems.append(Problem(raw.shown, note, rule=NOTE))
    return out


def _hours_from_fte(raw, name, rule, heading, problems) -> list[str] | None:  # noqa: ANN001
    """Weekly hours as FTE times the stated standard week (issue 22: many exports hold FTE,
    not hours); an FTE that is not a number, or is outside 0 to 1.5 (hours typed as FTE),
    is an error naming its rows."""
    if name != "weekly_hours":
        problems.append(Problem(raw.shown, f"fte_from works out weekly_hours, not {name}"))
        return None
    return _scaled(
        raw, heading, name, rule.fte_from, lambda v: 0 < v <= 1.5, rule.standard_week,
        "is not an FTE of more than 0 and at most 1.5 (1.0 is full time); hours belong under "
        "columns: weekly_hours",
        f"weekly_hours is not in the export: each row's {rule.fte_from!r} times a standard "
        f"week of {rule.standard_week:g} hours",
        problems,
    )  # fmt: skip


WEEKS_A_YEAR = 365 / 7  # 52.14: a year's pay to a week's (ACAS; ONS's ASHE)
ANNUAL_LEAST = 1000  # a full-time salary below this is hourly, weekly or monthly pay


def _hourly_from_annual(raw, name, rule, heading, problems) -> list[str] | None:  # noqa: ANN001
    """Hourly pay as a full-time equivalent annual salary over 52.14 weeks of the stated
    standard week (issue 22's trial: exports hold salaries, and 'above 300' was all it was
    told). The regulations' hourly rate is a period's ordinary pay over its hours (SI
    2017/353, Schedule 1): for a salary, the full-time salary over full-time hours is the
    same. 0 (unpaid leave) stays 0; a salary from 0 to 1,000 is an error naming its rows."""
    if name != "hourly_pay":
        problems.append(Problem(raw.shown, f"annual_from works out hourly_pay, not {name}"))
        return None
    return _scaled(
        raw, heading, name, rule.annual_from,
        lambda v: v == 0 or ANNUAL_LEAST <= v <= 1_000_000,
        1 / WEEKS_A_YEAR / rule.standard_week,
        f"is not a full-time annual salary (0, or {ANNUAL_LEAST:,} to 1,000,000); an hourly "
        "rate belongs under columns: hourly_pay",
        f"hourly_pay is not in the export: each row's {rule.annual_from!r} (a full-time "
        f"annual salary) over 52.14 weeks of {rule.standard_week:g} hours",
        problems,
    )  # fmt: skip


def derive_column(raw, name, rule, cols, snapshot, fmt, heading, problems) -> list[str] | None:  # noqa: ANN001
    n = len(raw.rows)
    if rule.value is not None:
        value = str(rule.value).lower() if isinstance(rule.value, bool) else str(rule.value)
        if isinstance(rule.value, float) and rule.value.is_integer():
            value = str(int(rule.value))
        problems.append(
            Problem(
                raw.shown,
                f"{name} is not in the export: every row is {value!r} ({rule.reason.strip()})",
                rule=NOTE,
            )
        )
        return [value] * n
    if rule.fte_from is not None:
        return _hours_from_fte(raw, name, rule, heading, problems)
    if rule.annual_from is not None:
        return _hourly_from_annual(raw, name, rule, heading, problems)
    if rule.senior_grades is not None:
        grades = cols.get("grade")
        if grades is None:
            return None
        found = {fold(g) for g in grades}
        for g in rule.senior_grades:
            if fold(g) not in found:  # an error: every senior role would be lost (issue 22)
                problems.append(
                    Problem(
                        raw.shown,
                        f"senior_grades names a grade found on no row of this file"
                        f"{did_you_mean(g, sorted(set(grades)))}; correct it in the mapping's "
                        "derive: senior_role: senior_grades: (grades match whatever their "
                        "case and spaces)",
                        value=g,
                        rule="senior grades",
                    )
                )
        senior = {fold(g) for g in rule.senior_grades}
        return ["true" if fold(g) in senior else "false" for g in grades]
    born = heading(rule.age_band_from, name)
    if born is None:
        return None
    out = []
    for i, c in enumerate(born):
        d = parse_date(c, fmt) if c else None
        band = age_band(d, snapshot) if d else None
        if d is None:
            problems.append(date_problem(raw, i, rule.age_band_from, c, fmt))
        elif band is None:
            problems.append(
                Problem(
                    raw.shown,
                    f"gives an age under 16 at {snapshot:%d %B %Y}; check the date of birth",
                    row=raw.row_numbers[i],
                    column=rule.age_band_from,
                    value=c,
                    rule="range",
                )
            )
        out.append(band or "")
    return out

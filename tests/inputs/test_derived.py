"""Columns an export does not hold, worked out from what it does (inputs/derived.py):
weekly hours from FTE and a stated standard week (issue 22), checked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from equality_progress.inputs.derived import Derive, derive_column, human_date
from equality_progress.inputs.tables import Table


def _derived(name: str, rule: Derive, heading: str, values: list[str]):
    """``name`` worked out by ``rule`` from a one-column export headed ``heading``."""
    raw = Table("staff.xlsx", ["Employee", heading], [[f"E{i}", v] for i, v in enumerate(values)])
    problems: list = []
    cells = derive_column(
        raw, name, rule, {}, date(2025, 3, 31), "%Y-%m-%d",
        lambda h, purpose: raw.column(h), problems,
    )  # fmt: skip
    return cells, problems


def _hours(fte: list[str], week: float = 37.0):
    return _derived("weekly_hours", Derive(fte_from="FTE", standard_week=week), "FTE", fte)


def test_weekly_hours_are_fte_times_the_standard_week():
    """1.0 x 37 = 37; 0.5 x 37 = 18.5; 0.8 x 36 = 28.8 (a 36-hour week)."""
    cells, problems = _hours(["1.0", "0.5", " 0.6 "])
    assert cells == ["37", "18.5", "22.2"]
    assert [p.rule for p in problems] == ["note"]
    assert "each row's 'FTE' times a standard week of 37 hours" in problems[0].message
    assert _hours(["0.8"], 36.0)[0] == ["28.8"]


def test_hours_typed_as_fte_are_an_error_naming_the_row():
    """37 under FTE is hours in the wrong column: an FTE is more than 0 and at most 1.5."""
    cells, problems = _hours(["1.0", "37", "", "full"])
    errors = [p for p in problems if p.rule == "range"]
    assert [(p.row, p.value) for p in errors] == [(3, "37"), (4, ""), (5, "full")]
    assert "hours belong under columns: weekly_hours" in errors[0].message
    assert cells == ["37", "", "", ""]


def test_fte_needs_its_standard_week():
    with pytest.raises(ValidationError, match="fte_from needs standard_week"):
        Derive(fte_from="FTE")
    with pytest.raises(ValidationError, match="exactly one of"):
        Derive(fte_from="FTE", standard_week=37, value=37, reason="x")


def test_a_date_format_in_words():
    assert human_date("%d/%m/%Y") == "dd/mm/yyyy"


def _hourly(salaries: list[str], week: float = 37.0):
    rule = Derive(annual_from="Salary", standard_week=week)
    return _derived("hourly_pay", rule, "Salary", salaries)


def test_hourly_pay_is_a_full_time_salary_over_52_weeks_of_the_standard_week():
    """Issue 22's trial: an export of salaries was told only 'above 300'. By hand:
    30,000 x 7 / 365 / 37 = 15.5498 -> 15.55; 45,000 -> 23.3247 -> 23.32; 0 (unpaid leave)
    stays 0; 30,000 over a 36-hour week -> 15.9817 -> 15.98."""
    cells, problems = _hourly(["30000", "£45,000", "0"])
    assert cells == ["15.55", "23.32", "0"]
    assert [p.rule for p in problems] == ["note"]
    assert "each row's 'Salary' (a full-time annual salary) over 52.14 weeks of 37" in (
        problems[0].message
    )
    assert _hourly(["30000"], 36.0)[0] == ["15.98"]


def test_an_hourly_or_weekly_rate_under_annual_from_is_an_error_naming_the_row():
    cells, problems = _hourly(["30000", "15.55", "", "n/a"])
    errors = [p for p in problems if p.rule == "range"]
    assert [(p.row, p.value) for p in errors] == [(3, "15.55"), (4, ""), (5, "n/a")]
    assert "an hourly rate belongs under columns: hourly_pay" in errors[0].message
    assert cells == ["15.55", "", "", ""]
    with pytest.raises(ValidationError, match="annual_from needs standard_week"):
        Derive(annual_from="Salary")


def test_an_annual_salary_given_as_hourly_pay_is_told_how_to_convert_it(tmp_path):
    """Issue 22's trial: 'above the largest plausible value, 300' named no fix."""
    from pathlib import Path

    from equality_progress.inputs.checking import read_checked
    from equality_progress.inputs.contracts import CONTRACTS

    root = Path(__file__).resolve().parents[2]
    lines = (root / "data/lcrca/2024-25/workforce.csv").read_text(encoding="utf-8").splitlines()
    head = lines[0].split(",")
    cells = lines[1].split(",")
    cells[head.index("hourly_pay")] = "32000"
    (tmp_path / "workforce.csv").write_text("\n".join([lines[0], ",".join(cells), *lines[2:]]))
    _, problems = read_checked(tmp_path / "workforce.csv", CONTRACTS["workforce"], "w")
    said = [p.message for p in problems if p.column == "hourly_pay" and p.rule == "range"]
    assert said == [
        "is above the largest plausible value, 300: an annual salary? Convert it to hourly "
        "pay, or have the mapping work it out: derive: hourly_pay: {annual_from: <its "
        "heading>, standard_week: 37}"
    ]

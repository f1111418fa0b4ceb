"""Columns an export does not hold, worked out from what it does (inputs/derived.py):
weekly hours from FTE and a stated standard week (issue 22), checked by hand."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from equality_progress.inputs.derived import Derive, derive_column, human_date
from equality_progress.inputs.tables import Table


def _hours(fte: list[str], week: float = 37.0):
    raw = Table("staff.xlsx", ["Employee", "FTE"], [[f"E{i}", v] for i, v in enumerate(fte)])
    rule = Derive(fte_from="FTE", standard_week=week)
    problems: list = []
    cells = derive_column(
        raw, "weekly_hours", rule, {}, date(2025, 3, 31), "%Y-%m-%d",
        lambda h, purpose: raw.column(h), problems,
    )  # fmt: skip
    return cells, problems


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

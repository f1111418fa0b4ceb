"""A workforce file's employers against the params' ``employers:`` (inputs/employers.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from equality_progress.inputs.employers import unknown_employers
from equality_progress.years import FinancialYear

YEAR = FinancialYear(2024)


def _found(employers: list[str], names: list[str]) -> list:
    authority = SimpleNamespace(id="newtown", employers=employers)
    yd = SimpleNamespace(year=YEAR, files={"workforce": "data/newtown/2024-25/workforce.csv"})
    wf = pd.DataFrame({"employer": names})
    return unknown_employers(authority, yd, lambda year, name: wf)


def test_an_employer_the_params_do_not_name_is_an_error_with_its_count():
    found = _found(["Newtown Council"], ["Newtown Council"] * 3 + ["Newtown Counci"] * 2)
    assert [(p.value, p.rule, p.column) for p in found] == [
        ("Newtown Counci", "unknown employer", "employer")
    ]
    assert found[0].message.startswith("employer on 2 row(s) is not one of the employers")
    assert "did you mean 'Newtown Council'?" in found[0].message


def test_nothing_is_checked_when_the_params_name_no_employer():
    assert _found([], ["Anyone"]) == []
    assert _found(["Newtown Council"], ["Newtown Council"]) == []

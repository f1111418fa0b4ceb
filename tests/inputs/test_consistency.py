"""Checks across files, against the catalogue: an id no indicator has, commentary for
nothing, a file the indicators need that is missing (unless declared absent, which becomes
a note), and a stated baseline the baseline year's data contradicts beyond rounding."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from equality_progress.analysis.change import Point
from equality_progress.inputs import consistency
from equality_progress.inputs.catalogue import Catalogue
from equality_progress.inputs.loading import YearData
from equality_progress.inputs.settings import Authority
from equality_progress.layout import PROJECT_ENV
from equality_progress.years import FinancialYear

ROOT = Path(__file__).resolve().parents[2]
BASE, NOW = FinancialYear(2023), FinancialYear(2024)
COMMON = {"objective": "employer", "statement": "We will.", "source": "Strategy p. 3"}
CATALOGUE = Catalogue.model_validate(
    {
        "authority": "newtown",
        "objectives": [{"id": "employer", "title": "Employer", "statement": "Be fair."}],
        "indicators": [
            {
                **COMMON,
                "id": "share-1",
                "title": "Ethnic minority staff",
                "kind": "direction",
                "unit": "percent",
                "evidence": "census",
                "baseline": {"value": 10.0, "year": "2023-24", "source": "HR"},
                "data": {
                    "measure": "workforce_share",
                    "characteristic": "ethnicity",
                    "groups": ["ethnic_minority"],
                },
            },
            {
                **COMMON,
                "id": "reported-1",
                "title": "Partnerships",
                "kind": "context",
                "direction": "none",
                "unit": "count",
                "evidence": "admin",
                "data": {"measure": "reported_value"},
            },
            {
                **COMMON,
                "id": "action-1",
                "title": "Publish a plan",
                "kind": "milestone",
                "unit": "status",
                "due": "2025-03-31",
                "data": {"measure": "action_status"},
            },
        ],
    }
)


def _authority(absent: dict | None = None) -> Authority:
    return Authority(
        id="newtown",
        display_name="Newtown Council",
        short_name="Newtown",
        strategy_title="Equality strategy",
        strategy_period="2023-2027",
        baseline_year="2023-24",
        reporting_years=["2024-25"],
        absent=absent or {},
    )


def test_an_id_in_measures_csv_that_no_reported_indicator_has(tmp_path):
    frame = pd.DataFrame({"indicator_id": ["reported-1", "reportd-1", "share-1"]})
    yd = YearData(NOW, {"reported": frame}, files={"reported": "data/newtown/measures.csv"})
    problems = consistency.unknown_ids(CATALOGUE, yd, lambda year, name: yd.frames.get(name))
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("data/newtown/measures.csv", 3, "indicator_id"),
        ("data/newtown/measures.csv", 4, "indicator_id"),
    ]
    assert problems[0].message == (
        "no indicator 'reportd-1' in the catalogue (did you mean 'reported-1'?); correct the "
        "id or add the indicator to the catalogue"
    )
    assert problems[1].message == (
        "indicator 'share-1' takes its figures from workforce data, not from this file; "
        "remove the row"
    )


def test_commentary_for_nothing_in_the_catalogue(tmp_path):
    yd = YearData(NOW, commentary={"objectives": {"employr": "x"}, "indicators": {"share-1": "ok"}})
    problems = consistency.commentary_ids(CATALOGUE, yd, tmp_path / "newtown" / "2024-25")
    assert [str(p) for p in problems] == [
        "newtown/2024-25/commentary.yaml: objectives: no objective 'employr' in the catalogue "
        "(did you mean 'employer'?); this commentary would appear nowhere (found 'employr')"
    ]


def test_a_needed_file_is_missing_unless_declared_absent(tmp_path):
    data = {BASE: YearData(BASE), NOW: YearData(NOW, files={"workforce": "w", "actions": "a"})}
    authority = _authority({"2023-24": {"measures.csv": "No returns were made in 2023-24"}})
    problems = consistency.needed_files(authority, CATALOGUE, data, NOW, tmp_path)
    assert [str(p) for p in problems] == [
        "newtown/2023-24/workforce.csv: is missing (no folder for 2023-24), and the trend and "
        "comparison with 2023-24 needs it (share-1); add it, or declare it absent in "
        "params/authorities/newtown.yaml with the reason: "
        'absent: {2023-24: {workforce.csv: "..."}}',
        "newtown/2024-25/measures.csv: is missing (no folder for 2024-25), and this year's "
        "report needs it (reported-1); add it, or declare it absent in "
        "params/authorities/newtown.yaml with the reason: "
        'absent: {2024-25: {measures.csv: "..."}}',
    ]  # actions.csv is needed for the report's year only
    assert data[BASE].notes == [
        "measures.csv for 2023-24 is absent: No returns were made in 2023-24"
    ]


def test_a_declared_absence_must_name_an_input_file(tmp_path):
    data = {NOW: YearData(NOW, files={"workforce": "w", "actions": "a", "reported": "r"})}
    authority = _authority({"2023-24": {"staff-survey.csv": "No survey in 2023-24"}})
    problems = consistency.needed_files(authority, CATALOGUE, data, NOW, tmp_path)
    assert [str(p) for p in problems] == [
        "params/authorities/newtown.yaml: absent: 2023-24: 'staff-survey.csv' is not an input "
        "file (did you mean 'staff_survey.csv'?)"
    ]


@pytest.mark.parametrize(("value", "places"), [(10.0, 0), (10.25, 2), (3, 0), (0.125, 3)])
def test_a_stated_figures_decimal_places(value, places):
    assert consistency._places(value) == places


@pytest.mark.parametrize(
    ("stated", "found", "denominator", "wrong"),
    [
        # stated to whole units: within half a unit is rounding (10.4), beyond is not
        (10.0, 10.4, 200, False),
        (10.0, 10.6, 200, True),
        # stated to 2 places, but of 40 people one person is 2.5 points: half of it, 1.25,
        # is the closest a count of people can come
        (10.25, 11.4, 40, False),
        (10.25, 11.6, 40, True),
    ],
)
def test_a_stated_baseline_beyond_rounding_is_an_error(
    stated, found, denominator, wrong, monkeypatch
):
    monkeypatch.setenv(PROJECT_ENV, str(ROOT))
    ind = CATALOGUE.indicators[0]
    base = ind.baseline.model_copy(update={"value": stated})
    catalogue = CATALOGUE.model_copy(
        update={"indicators": [ind.model_copy(update={"baseline": base})]}
    )
    frame = pd.DataFrame({"ethnicity": ["Indian"]})
    data = {BASE: YearData(BASE, files={"workforce": "data/newtown/2023-24/workforce.csv"})}

    def point(indicator, year_data, settings):  # noqa: ANN001, ANN202 (the analysis's stand-in)
        assert year_data.frame("workforce") is frame and indicator.id == "share-1"
        return Point(BASE, found, numerator=1, denominator=denominator)

    problems = consistency.baselines(catalogue, data, lambda year, name: frame, point)
    if not wrong:
        assert problems == []
        return
    assert [str(p) for p in problems] == [
        f"params/catalogues/newtown.yaml: indicator 'share-1': the stated baseline {stated:g} "
        f"(2023-24) disagrees with the 2023-24 data in data/newtown/2023-24/workforce.csv, "
        f"which gives {found:.2f}; correct the baseline or the data (found '{stated}')"
    ]

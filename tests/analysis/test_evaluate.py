"""Every indicator of a catalogue evaluated for one year: the series from the baseline to
the report year, the baseline the data gives (else the one stated), each kind judged, and
the open-data table, series, roll-up and warnings built from the results. Figures are
worked by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from equality_progress.analysis.evaluate import CSV_COLUMNS, evaluate
from equality_progress.inputs.catalogue import Catalogue
from equality_progress.inputs.loading import YearData
from equality_progress.inputs.settings import Settings
from equality_progress.years import FinancialYear

Y22, Y23, Y24 = FinancialYear(2022), FinancialYear(2023), FinancialYear(2024)
COMMON = {"objective": "employer", "statement": "We will.", "source": "Strategy p. 3"}
ADMIN = {**COMMON, "evidence": "admin", "data": {"measure": "reported_value"}}


def _indicator(ident: str, kind: str, unit: str = "count", **fields) -> dict:
    return {**ADMIN, "id": ident, "title": ident.title(), "kind": kind, "unit": unit, **fields}


CATALOGUE = Catalogue.model_validate(
    {
        "authority": "newtown",
        "objectives": [
            {"id": "employer", "title": "A fair employer", "statement": "Be fair."},
            {"id": "services", "title": "Fair services", "statement": "Serve all."},
        ],
        "indicators": [
            _indicator(
                "target-1",
                "target",
                baseline={"value": 10, "year": "2023-24", "source": "HR"},
                target={"value": 20, "year": "2026-27"},
            ),
            _indicator(
                "stated-1",
                "target",
                baseline={"value": 10, "year": "2023-24", "source": "Strategy"},
                target={"value": 20, "year": "2026-27"},
            ),
            # a baseline year with no figure stated: the data's own figure is the baseline
            _indicator("falling-1", "direction", baseline={"year": "2023-24", "source": "HR"}),
            _indicator("context-1", "context", direction="none"),
            _indicator("level-1", "threshold", unit="percent", threshold=50),
            {
                **COMMON,
                "id": "plan-1",
                "title": "Publish a plan",
                "statement": "We will publish a plan.",
                "kind": "milestone",
                "unit": "status",
                "due": "2025-03-31",
                "data": {"measure": "action_status"},
            },
            {
                **COMMON,
                "id": "review-1",
                "objective": "services",
                "title": "Review every year",
                "statement": "We will review the plan every year.",
                "kind": "recurring",
                "unit": "status",
                "data": {"measure": "action_status"},
            },
            {
                **COMMON,
                "id": "lgb-1",
                "title": "LGB+ staff",
                "kind": "context",
                "direction": "none",
                "unit": "percent",
                "evidence": "census",
                "data": {
                    "measure": "workforce_share",
                    "characteristic": "sexual_orientation",
                    "groups": ["lgb_plus"],
                },
                "choices": [{"field": "definition", "reason": "A named group, chosen"}],
            },
        ],
    }
)


def _reported(rows: dict[str, tuple]) -> pd.DataFrame:
    """indicator id -> (value, numerator, denominator)."""
    return pd.DataFrame(
        [
            {"indicator_id": k, "value": v, "numerator": n, "denominator": d, "source": "x"}
            for k, (v, n, d) in rows.items()
        ]
    )


DATA = {
    Y22: YearData(Y22, {"reported": _reported({"target-1": (4.0, None, None)})}),
    Y23: YearData(
        Y23,
        {
            "reported": _reported(
                {"target-1": (10.0, None, None), "falling-1": (10.0, None, None)}
            ),
        },
    ),
    Y24: YearData(
        Y24,
        {
            "reported": _reported(
                {
                    "target-1": (12.5, None, None),
                    "stated-1": (12.5, None, None),
                    "falling-1": (8.0, None, None),
                    "context-1": (7.0, None, None),
                    "level-1": (None, 30, 50),
                }
            ),
            "actions": pd.DataFrame(
                {
                    "indicator_id": ["plan-1", "review-1"],
                    "stage": ["complete", "in_progress"],
                    "evidence": ["Published in May", None],
                }
            ),
            "workforce": pd.DataFrame({"sex": ["Male"] * 12}),  # no sexual orientation column
        },
        commentary={"indicators": {"target-1": "On course.", "ghost-1": "Nobody."}},
    ),
}


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(CATALOGUE, DATA, Y24, Settings())


def _row(evaluation, ident: str) -> dict:
    table = evaluation.table.set_index("indicator_id")
    return table.loc[ident].to_dict()


def test_a_target_from_the_datas_own_baseline(evaluation):
    """10 in 2023-24 to 12.5 in 2024-25, 20 needed by 2026-27: it needs (20 - 10) / 3 =
    3.33 a year and has grown 2.5 (ratio 0.75, 0.60 to 0.95): some progress. 2022-23 is
    before the baseline and is left out."""
    row = _row(evaluation, "target-1")
    assert (row["baseline_year"], row["baseline"], row["value"]) == ("2023-24", 10.0, 12.5)
    assert (row["target_year"], row["target"], row["previous_value"]) == ("2026-27", 20.0, 10.0)
    assert (row["status"], row["trend"], row["evidence"]) == ("some_progress", "improving", "admin")
    assert pd.isna(row["ci_lower"]) and pd.isna(row["ci_upper"])
    assert "(75% of the pace needed)" in row["status_reason"]
    result = next(r for r in evaluation.results if r.indicator.id == "target-1")
    assert [p.year for p in result.series] == [Y23, Y24] and result.commentary == "On course."


def test_a_target_from_the_stated_baseline_when_that_year_has_no_data(evaluation):
    row = _row(evaluation, "stated-1")
    assert (row["baseline"], row["value"], row["status"]) == (10.0, 12.5, "some_progress")
    assert pd.isna(row["previous_value"])


def test_a_clear_change_the_wrong_way_is_off_track_and_warned_of(evaluation):
    row = _row(evaluation, "falling-1")  # 10 -> 8, an increase asked for
    assert (row["status"], row["trend"], row["value"]) == ("off_track", "worsening", 8.0)
    assert row["baseline"] == 10.0  # the baseline year's data
    assert evaluation.warnings == [
        "commentary names unknown indicator 'ghost-1'",
        "falling-1 is off track and has no analyst commentary",
    ]


def test_actions_are_judged_on_their_stage(evaluation):
    plan, review = _row(evaluation, "plan-1"), _row(evaluation, "review-1")
    assert (plan["value"], plan["status"], plan["target_year"]) == (
        "complete",
        "achieved",
        "2025-03-31",
    )
    assert (review["value"], review["status"]) == ("in_progress", "some_progress")
    result = next(r for r in evaluation.results if r.indicator.id == "plan-1")
    assert (result.stage, result.evidence) == ("complete", "Published in May")


def test_context_thresholds_and_what_is_not_collected(evaluation):
    assert _row(evaluation, "context-1")["status"] == "not_assessed"
    level = _row(evaluation, "level-1")  # 30 of 50 = 60%, at least 50% asked
    assert (level["value"], level["target"], level["status"]) == (60.0, 50.0, "achieved")
    missing = _row(evaluation, "lgb-1")
    assert (missing["status"], missing["status_reason"]) == (
        "not_available",
        "Not collected: this year's data has no sexual orientation column.",
    )


def test_the_table_has_the_open_data_columns_one_row_per_indicator(evaluation):
    table = evaluation.table
    assert list(table.columns) == CSV_COLUMNS
    assert list(table["indicator_id"]) == [i.id for i in CATALOGUE.indicators]
    assert set(table["authority"]) == {"newtown"} and set(table["year"]) == {"2024-25"}


def test_the_series_for_charts(evaluation):
    target = evaluation.series_of("target-1")
    assert target[["year", "series", "value"]].values.tolist() == [
        ["2023-24", "observed", 10.0],
        ["2024-25", "observed", 12.5],
        ["2023-24", "target path", 10.0],
        ["2026-27", "target path", 20.0],
    ]
    level = evaluation.series_of("level-1")
    assert level[["year", "series", "value"]].values.tolist() == [
        ["2024-25", "observed", 60.0],
        ["2024-25", "threshold", 50.0],
    ]
    assert evaluation.series_of("plan-1").empty  # actions have no figures
    assert list(evaluation.series_of("nothing").columns) == list(evaluation.series.columns)


def test_the_roll_up_names_each_objective_and_the_whole_strategy(evaluation):
    roll = evaluation.rollup(CATALOGUE).set_index("objective")
    assert roll.loc["employer", "title"] == "A fair employer"
    assert roll.loc["services", "title"] == "Fair services"
    assert roll.loc["All objectives", "title"] == "Whole strategy"
    # 8 indicators less context-1 (context, never counted); lgb-1 counts, as no data
    assert roll.loc["All objectives", "total"] == 7
    assert roll.loc["All objectives", "not_available"] == 1


def test_every_census_target_status_follows_from_the_published_figures(built):
    """Issue 24: the status of a target must follow from the baseline, figure and target
    that indicators.csv publishes. Re-derived here from the CSV alone, by the pace ratio
    (observed over required change a year, both straight lines) written out by hand (on
    track at 0.95 of the pace needed, some progress at 0.60; params/settings.yaml)."""
    import csv

    checked = 0
    for path in sorted(built.glob("*/*/indicators.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            if r["kind"] != "target" or r["evidence"] != "census":
                continue
            if r["status"] not in ("on_track", "some_progress", "off_track"):
                continue
            b, c, t = float(r["baseline"]), float(r["value"]), float(r["target"])
            elapsed = int(r["year"][:4]) - int(r["baseline_year"][:4])
            span = int(r["target_year"][:4]) - int(r["baseline_year"][:4])
            if not (0 < elapsed < span):
                continue
            ratio = ((c - b) / elapsed) / ((t - b) / span)
            expected = (
                "on_track" if ratio >= 0.95 else "some_progress" if ratio >= 0.60 else "off_track"
            )
            assert r["status"] == expected, (path, r["indicator_id"], b, c, t, ratio)
            checked += 1
    assert checked >= 6


def test_the_open_data_has_each_commitments_full_words_and_choices(built):
    """Issue 23: 95 titles in the CSVs were cut short and the full statement was in no
    column; the authority's recorded choices were in none either."""
    import csv

    from equality_progress.inputs.catalogue import load_catalogue

    for authority in ("lcrca", "sefton"):
        catalogue = {i.id: i for i in load_catalogue(authority).indicators}
        path = next(built.glob(f"{authority}/*/indicators.csv"))
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for r in rows:
            ind = catalogue[r["indicator_id"]]
            assert r["statement"] == ind.statement
            expected = "; ".join(f"{c.field}: {c.reason}" for c in ind.choices)
            assert r["choices"] == expected
    assert any(i.choices for i in load_catalogue("lcrca").indicators)


def test_a_survey_group_larger_than_its_staff_in_post_is_warned_of():
    """Issue 24's finite population correction needs the group's staff in post: when the
    survey has more respondents in a group than the workforce file has staff (28 LGB+
    respondents, the file cut to 20 LGB+ staff), the interval is left uncorrected and the
    analyst is told, naming the measure and both numbers."""
    from dataclasses import replace

    from equality_progress.report.assemble import validate

    _, catalogue, settings, year, checked = validate("lcrca", "2025-26")  # nothing evaluated
    yd = checked[year]
    wf = yd.frame("workforce")
    codes = ["Gay or lesbian", "Bisexual", "Other sexual orientation"]  # 42 LGB+ staff
    cut = wf.drop(wf.index[wf["sexual_orientation"].isin(codes)][20:])
    assert cut["sexual_orientation"].isin(codes).sum() == 20
    data = dict(checked) | {year: replace(yd, frames={**yd.frames, "workforce": cut})}
    ev = evaluate(catalogue, data, year, settings)
    said = [w for w in ev.warnings if "staff survey" in w]
    assert said == [
        "employer-edi-engagement-score: staff survey: 28 respondents gave 'Sexual orientation: "
        "LGB+' but the workforce file has 20 such staff in post; its interval has no finite "
        "population correction (check the survey's grouping and the snapshot)"
    ]
    from equality_progress.analysis.measures import year_groups

    ind = next(i for i in catalogue.indicators if i.id == "employer-edi-engagement-score")
    assert not [g.warning for g in year_groups(ind, yd, settings) if g.warning]  # as they are


def test_a_survey_groups_verdict_is_withheld_where_its_side_exposes_an_answer():
    """Issue 28: a survey group whose mean rule 6 withholds kept its verdict ("At or above
    6"), and 14 answers at or above 6 leave at most 4 who answered 4, 16 at most 4 who
    answered 3 (tests/analysis/test_survey_plan.py). Both means are withheld here (the
    headline gives either back from the other), so both verdicts are, whichever side they
    are on, and the level cannot be judged."""
    women = [3, 5, 6, 6, 6, 6] + [7] * 8  # 86 / 14: at or above 6
    men = [5, 5] + [6] * 6 + [7] * 8  # 102 / 16
    survey = pd.DataFrame({"edi_score": women + men, "sex": ["Female"] * 14 + ["Male"] * 16})
    catalogue = Catalogue.model_validate(
        {
            "authority": "newtown",
            "objectives": [{"id": "employer", "title": "A fair employer", "statement": "Be."}],
            "indicators": [
                {
                    **COMMON,
                    "id": "score-1",
                    "title": "Score",
                    "kind": "threshold",
                    "unit": "score",
                    "evidence": "survey",
                    "threshold": 6.0,
                    "data": {"measure": "survey_score", "group_by": ["sex"]},
                }
            ],
        }
    )
    data = {Y24: YearData(Y24, {"staff_survey": survey})}
    result = evaluate(catalogue, data, Y24, Settings()).results[0]
    groups = {g.group: g for g in result.groups}
    assert groups["Sex: Female"].value is None and not groups["Sex: Female"].verdict
    assert groups["Sex: Male"].value is None and not groups["Sex: Male"].verdict
    assert result.assessment.status == "not_available"
    assert "Female" not in result.assessment.reason

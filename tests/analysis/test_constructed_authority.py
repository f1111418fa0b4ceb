"""A constructed authority (tests/fixtures/constructed), built through the documented
catalogue and data files: every status and trend against a figure worked by hand or by an
independent library (statsmodels for the score intervals)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from equality_progress.layout import PROJECT_ENV
from equality_progress.report.assemble import Report, assemble

HERE = Path(__file__).resolve().parents[1] / "fixtures" / "constructed"
PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("constructed")
    shutil.copytree(HERE, out, dirs_exist_ok=True)
    shutil.copy(PROJECT / "params" / "settings.yaml", out / "params" / "settings.yaml")
    return out


def _table(root: Path, year: str) -> tuple[pd.DataFrame, Report]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(PROJECT_ENV, str(root))
        report = assemble("testtown", year)
    return report.table.set_index("indicator_id"), report


@pytest.fixture(scope="module")
def latest(root):
    return _table(root, "2024-25")


def _newcombe_clear(x_after, x_before, n=1500) -> bool:
    low, high = confint_proportions_2indep(
        x_after, n, x_before, n, method="newcomb", compare="diff"
    )
    return not (low <= 0 <= high)


# (status, trend) for 2024-25, each worked out in the comment beside it
EXPECTED = {
    # admin count 8 -> 12: exact, a clear increase; 12 -> 12 since last year: no change
    "admin-partnerships": ("on_track", "no_clear_change"),
    # annual: 20 -> 24 a clear increase, but 26 -> 24 since last year (two, more than one
    # supplier): some progress
    "admin-suppliers-annual": ("some_progress", "worsening"),
    # annual: 5 -> 9, and 7 -> 9 since last year; due 31 March 2025 has passed: achieved
    "admin-events-annual-due": ("achieved", "improving"),
    # 3.0% -> 4.0% in 2 years, 6.0% by 2026-27: required 2^(1/4) - 1 = 0.189207, observed
    # (4/3)^(1/2) - 1 = 0.154701, ratio 0.8176: some progress; 3.5% -> 4.0%: improving
    "census-share-target": ("some_progress", "improving"),
    # 10% -> 12%, on the straight path (10 + 4 x 2/4 = 12): required 1.4^(1/4) - 1 =
    # 0.087757, observed 1.2^(1/2) - 1 = 0.095445, ratio 1.0876: on track
    "census-share-on-path": ("on_track", "improving"),
    # 615 -> 690 of 1500: Newcombe +1.5 to +8.5 points, clear; 650 -> 690: -0.9 to +6.2
    "survey-share-clear": ("on_track", "no_clear_change"),
    # 615 -> 630: -2.5 to +4.5 points, not clear but the right way; 620 -> 630: not clear
    "survey-share-not-clear": ("some_progress", "no_clear_change"),
    # census 7.0% against at least 6%: achieved; 6.5% -> 7.0%: improving
    "threshold-census-met": ("achieved", "improving"),
    # census 5.5% < 6%: off track (no interval to hide behind); 5.9% -> 5.5%: worsening
    "threshold-census-below": ("off_track", "worsening"),
    # survey 58/1000 = 5.8%, Wilson 4.5% to 7.4% reaches 6%: some progress; 60 -> 58 of
    # 1000: Newcombe -2.3 to +1.9 points, no clear change
    "threshold-survey-unclear": ("some_progress", "no_clear_change"),
    # a context figure has a trend too (issue 25): 65.0% -> 66.0% turns on one person
    "context-share": ("not_assessed", "no_clear_change"),
    "m-complete": ("achieved", "improving"),  # in progress -> complete
    "m-in-progress-late": ("some_progress", "improving"),  # due September 2024, passed
    "m-in-progress-early": ("on_track", "improving"),  # due March 2026
    "m-not-started-early": ("not_started", "no_clear_change"),  # due March 2026
    "m-not-started-late": ("off_track", "no_clear_change"),  # due December 2024, passed
    "m-no-update": ("not_available", "not_available"),
}


def test_the_independent_figures_behind_the_expectations():
    assert _newcombe_clear(690, 615) and not _newcombe_clear(690, 650)
    assert not _newcombe_clear(630, 615) and not _newcombe_clear(630, 620)
    assert not _newcombe_clear(58, 60, n=1000)
    low, high = proportion_confint(58, 1000, method="wilson")
    assert low < 0.06 < high
    assert ((4 / 3) ** 0.5 - 1) / (2**0.25 - 1) == pytest.approx(0.8176, abs=1e-4)
    assert ((1.2) ** 0.5 - 1) / (1.4**0.25 - 1) == pytest.approx(1.0876, abs=1e-4)


@pytest.mark.parametrize("indicator", sorted(EXPECTED))
def test_status_and_trend(latest, indicator):
    table, _ = latest
    row = table.loc[indicator]
    assert (row["status"], row["trend"]) == EXPECTED[indicator], row["status_reason"]


def test_reasons_say_why(latest):
    t, _ = latest
    reason = t["status_reason"]
    assert reason["admin-partnerships"] == (
        "A clear increase from 8 in 2022-23 to 12. Since 2023-24 (12): no clear change."
    )
    # 26 -> 24 is a clear change the wrong way: a fall, said as such
    assert (
        "24, but a fall since last year (26); the strategy needs an annual increase"
        in (reason["admin-suppliers-annual"])
    )
    # 3.0% (2022-23) to 4.0% in two years against 6.0% by 2026-27: (4.0 - 3.0) / 2 = 0.5
    # a year against (6.0 - 3.0) / 4 = 0.75: 0.667
    assert "(67% of the pace needed): some progress" in reason["census-share-target"]
    assert "not yet statistically clear" in reason["survey-share-not-clear"]
    assert "-2.5 to +4.5 percentage points" in reason["survey-share-not-clear"]
    assert "1 of 1 group is below 6.0%" in reason["threshold-census-below"]
    assert "not clearly" in reason["threshold-survey-unclear"]


def test_intervals_only_for_survey_figures(latest):
    t, _ = latest
    survey = t[t["evidence"] == "survey"]
    assert survey["ci_lower"].notna().all() and survey["ci_upper"].notna().all()
    exact = t[t["evidence"].isin(["census", "admin"])]
    assert exact["ci_lower"].isna().all() and exact["ci_upper"].isna().all()
    assert t.loc[t["kind"] == "milestone", "evidence"].isna().all()
    # Wilson 95% for 690/1500 (statsmodels): 43.49% to 48.53%
    low, high = proportion_confint(690, 1500, method="wilson")
    assert t.loc["survey-share-clear", "ci_lower"] == pytest.approx(low * 100, abs=0.005)
    assert t.loc["survey-share-clear", "ci_upper"] == pytest.approx(high * 100, abs=0.005)


def test_totals_leave_context_out(latest):
    _, report = latest
    roll = report.evaluation.rollup(report.catalogue).set_index("objective")
    whole = roll.loc["All objectives"]
    assert whole["total"] == 16  # 17 indicators, one of them context
    assert (whole["achieved"], whole["on_track"], whole["some_progress"]) == (3, 4, 5)
    assert (whole["off_track"], whole["not_started"], whole["not_available"]) == (2, 1, 1)


def test_the_year_before(root):
    t, _ = _table(root, "2023-24")
    # 5 -> 7, annual, since last year (the baseline) 5 -> 7 too; not yet due: on track
    assert t.loc["admin-events-annual-due", "status"] == "on_track"
    # 3.0% -> 3.5% in one year: observed 0.5 / required (6.0 - 3.0) / 4 = 0.75: 0.667
    assert t.loc["census-share-target", "status"] == "some_progress"
    assert "(67% of the pace needed)" in t.loc["census-share-target", "status_reason"]
    # 10% -> 11%, on the path to 14% by 2026-27: observed 1.0 / required (14 - 10) / 4 = 1.0
    assert t.loc["census-share-on-path", "status"] == "on_track"
    assert t.loc["m-not-started-late", "status"] == "not_started"  # due December 2024

"""Progress methods against hand-worked examples, including the edges."""

from datetime import date

import pandas as pd
import pytest

from equality_progress.analysis.status import (
    GroupPoint,
    Point,
    assess_direction,
    assess_milestone,
    assess_target,
    assess_threshold,
    compare,
    rollup,
    series_trend,
)
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.inputs.years import FinancialYear as FY

S = ProgressSettings()
Y = FY.parse


def target(b, c, t, cur_year="2023-24", direction="increase", base_ci=None, cur_ci=None):
    base = Point(Y("2021-22"), b, *(base_ci or (None, None)))
    cur = None if c is None else Point(Y(cur_year), c, *(cur_ci or (None, None)))
    return assess_target(base, cur, t, Y("2025-26"), direction, "percent", S, "improving")


def test_target_on_track_worked_example():
    # required = (6.0/3.6)^(1/4) - 1 = 0.13622; observed = (4.8/3.6)^(1/2) - 1 = 0.15470
    # ratio = 1.1357 >= 0.95 -> on track
    a = target(3.6, 4.8, 6.0)
    assert a.status == "on_track"
    assert "ratio 1.14" in a.reason
    assert "Needs 0.6 points a year" in a.reason and "risen 0.6 a year" in a.reason


def test_target_some_progress_worked_example():
    # observed = (4.2/3.6)^(1/2) - 1 = 0.08012; ratio = 0.08012 / 0.13622 = 0.588 -> off track
    assert target(3.6, 4.2, 6.0).status == "off_track"
    # observed = (4.4/3.6)^(1/2) - 1 = 0.10554; ratio = 0.7748 -> some progress
    assert target(3.6, 4.4, 6.0).status == "some_progress"


def test_target_decreasing_is_good():
    # baseline 20 -> target 10 by 2025-26; 17 after two years.
    # required = 0.5^(1/4) - 1 = -0.15910; observed = 0.85^(1/2) - 1 = -0.07805; ratio 0.4906
    a = target(20, 17, 10, direction="decrease")
    assert a.status == "off_track" and "ratio 0.49" in a.reason and "fallen" in a.reason
    # 14 after two years: observed = 0.7^(1/2) - 1 = -0.16334; ratio 1.0267 -> on track
    assert target(20, 14, 10, direction="decrease").status == "on_track"


def test_target_zero_baseline_uses_linear_rates():
    # CAGR is undefined from zero: required 10/4 = 2.5 a year, observed 3/2 = 1.5; ratio 0.6
    assert target(0, 3, 10).status == "some_progress"
    assert target(0, 5.5, 10).status == "on_track"  # 2.75 a year: ratio 1.1


def test_target_met_is_achieved_and_met_at_baseline_then_lost():
    assert target(3.6, 6.1, 6.0).status == "achieved"
    lost = target(7.0, 5.5, 6.0)
    assert lost.status == "off_track" and "met at the baseline" in lost.reason
    assert target(7.0, 6.5, 6.0).status == "achieved"


def test_target_single_point_and_missing_year():
    only = target(3.6, 3.6, 6.0, cur_year="2021-22")
    assert only.status == "not_available" and "Only the baseline" in only.reason
    assert target(3.6, None, 6.0).status == "not_available"


def test_target_year_passed_without_meeting_it():
    a = target(3.6, 5.0, 6.0, cur_year="2025-26")
    assert a.status == "off_track" and "has been reached" in a.reason


def test_noise_is_not_progress():
    # On the CAGR ratio alone this is on track (ratio 1.14), but the intervals overlap.
    a = target(3.6, 4.8, 6.0, base_ci=(2.6, 5.0), cur_ci=(3.6, 6.3))
    assert a.status == "off_track"
    assert "margin of error" in a.reason


def test_compare_uses_intervals_then_tolerance():
    a = Point(Y("2021-22"), 10, 8, 12)
    assert compare(a, Point(Y("2022-23"), 13, 11, 15), "increase") == "no_clear_change"
    assert compare(a, Point(Y("2022-23"), 15, 13, 17), "increase") == "improving"
    assert compare(a, Point(Y("2022-23"), 15, 13, 17), "decrease") == "worsening"
    # no intervals: a change within the tolerance is no clear change
    assert (
        compare(Point(Y("2021-22"), 15.08), Point(Y("2022-23"), 14.6), "decrease", tolerance=1.0)
        == "no_clear_change"
    )
    assert (
        compare(Point(Y("2021-22"), 15.08), Point(Y("2022-23"), 13.5), "decrease", tolerance=1.0)
        == "improving"
    )


def direction(b, prev, c, annual=False, due=None, year="2023-24", **kw):
    base = Point(Y("2021-22"), b, *kw.get("b_ci", (None, None)))
    previous = None if prev is None else Point(Y(year).previous(), prev)
    cur = None if c is None else Point(Y(year), c, *kw.get("c_ci", (None, None)))
    return assess_direction(
        base,
        previous,
        cur,
        kw.get("dir", "increase"),
        "count",
        annual,
        due,
        Y(year),
        "improving",
        kw.get("tol"),
    )


def test_direction_statuses():
    assert direction(20, 28, 41).status == "on_track"
    annual_dip = direction(20, 45, 41, annual=True)
    assert annual_dip.status == "some_progress" and "annual increase" in annual_dip.reason
    assert direction(20, 28, 18).status == "off_track"
    assert direction(20, 21, 20).status == "off_track"  # no change
    assert direction(20, 28, 41, due=date(2024, 3, 31)).status == "achieved"


def test_direction_overlapping_intervals_is_off_track_not_progress():
    a = direction(3.1, None, 3.9, b_ci=(2.2, 4.4), c_ci=(2.9, 5.3))
    assert a.status == "off_track" and "No clear change" in a.reason
    assert "an increase" in a.reason


def test_direction_already_at_best_value():
    base = Point(Y("2021-22"), 0.0, 0.0, 0.1)
    cur = Point(Y("2023-24"), 0.0, 0.0, 0.1)
    a = assess_direction(
        base, None, cur, "decrease", "percent", False, None, Y("2023-24"), "no_clear_change"
    )
    assert a.status == "achieved"


def test_direction_only_baseline():
    assert direction(20, None, 20, year="2021-22").status == "not_available"


def test_threshold_every_group_must_be_clearly_above():
    met = GroupPoint("A", 6.4, 6.2, 6.6, 100)
    unclear = GroupPoint("B", 6.1, 5.8, 6.4, 30)
    below = GroupPoint("C", 5.2, 4.9, 5.5, 40)
    assert assess_threshold([met], 6.0, "score", "x").status == "achieved"
    a = assess_threshold([met, unclear], 6.0, "score", "x")
    assert a.status == "some_progress" and "1 of 2" in a.reason
    b = assess_threshold([met, unclear, below], 6.0, "score", "x")
    assert b.status == "off_track" and "(C)" in b.reason
    # lower limit exactly at the threshold counts as met (Fingertips: "at or above")
    assert (
        assess_threshold([GroupPoint("D", 6.3, 6.0, 6.6, 50)], 6.0, "score", "x").status
        == "achieved"
    )
    suppressed = GroupPoint("E", None, None, None, 4)
    assert assess_threshold([suppressed], 6.0, "score", "x").status == "not_available"


@pytest.mark.parametrize(
    ("stage", "due", "status"),
    [
        ("complete", date(2023, 3, 31), "achieved"),
        ("in_progress", date(2026, 3, 31), "on_track"),
        ("in_progress", date(2023, 3, 31), "some_progress"),
        ("not_started", date(2023, 3, 31), "off_track"),
        ("not_started", date(2026, 3, 31), "on_track"),
        (None, date(2026, 3, 31), "not_available"),
    ],
)
def test_milestones(stage, due, status):
    assert assess_milestone(stage, due, Y("2024-25")).status == status


def test_milestone_due_on_year_end_is_due_that_year():
    assert (
        assess_milestone("in_progress", date(2025, 3, 31), Y("2024-25")).status == "some_progress"
    )


def test_milestone_trend_and_unknown_stage():
    assert (
        assess_milestone("complete", date(2026, 3, 31), Y("2024-25"), "in_progress").trend
        == "improving"
    )
    with pytest.raises(ValueError, match="unknown stage"):
        assess_milestone("done", date(2026, 3, 31), Y("2024-25"))


def test_series_trend_uses_chi_square_with_five_points():
    years = ["2021-22", "2022-23", "2023-24", "2024-25", "2025-26"]
    rising = [
        Point(Y(y), k / 10, numerator=k, denominator=1000)
        for y, k in zip(years, [30, 45, 60, 75, 90], strict=True)
    ]
    assert series_trend(rising, "increase", S) == "improving"
    assert series_trend(rising, "decrease", S) == "worsening"
    flat = [Point(Y(y), 3.0, numerator=30, denominator=1000) for y in years]
    assert series_trend(flat, "increase", S) == "no_clear_change"
    assert series_trend(rising[:1], "increase", S) == "not_available"


def test_rollup_counts_per_objective_and_whole():
    table = pd.DataFrame(
        {
            "objective": ["a", "a", "b", "b", "b"],
            "status": ["achieved", "off_track", "on_track", "on_track", "not_available"],
        }
    )
    out = rollup(table).set_index("objective")
    assert out.loc["a", "achieved"] == 1 and out.loc["a", "off_track"] == 1
    assert out.loc["b", "on_track"] == 2 and out.loc["b", "total"] == 3
    assert out.loc["All objectives", "total"] == 5
    assert out.loc["All objectives", "some_progress"] == 0

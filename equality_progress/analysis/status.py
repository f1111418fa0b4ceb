"""Progress methods: one small function per indicator kind, each citing its source.

Every method returns an :class:`Assessment` with a status from one vocabulary
(``achieved``, ``on_track``, ``some_progress``, ``off_track``, ``not_available``), a
trend (``improving``, ``no_clear_change``, ``worsening``, ``not_available``) and one
plain-English sentence saying why. The rule that matters most: a change whose
confidence intervals overlap is *no clear change*, never progress.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from equality_progress.analysis.stats import chi_square_trend
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.inputs.years import FinancialYear

STATUSES = ("achieved", "on_track", "some_progress", "off_track", "not_available")
ACTION_STAGES = ("not_started", "in_progress", "complete")


@dataclass(frozen=True)
class Point:
    """One year's value, with its interval and counts where it is a proportion or count."""

    year: FinancialYear
    value: float | None
    lower: float | None = None
    upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def has_interval(self) -> bool:
        return self.lower is not None and self.upper is not None


@dataclass(frozen=True)
class GroupPoint:
    """One employee group's value against a threshold."""

    group: str
    value: float | None
    lower: float | None
    upper: float | None
    n: int


@dataclass(frozen=True)
class Assessment:
    status: str
    trend: str
    reason: str


def _fmt(v: float, unit: str) -> str:
    if unit == "percent":
        return f"{v:.1f}%"
    if unit == "count":
        return f"{v:,.0f}"
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _points(unit: str) -> str:
    return "points" if unit in ("percent", "score") else ""


def compare(before: Point, after: Point, direction: str, tolerance: float | None = None) -> str:
    """Trend between two points: overlapping intervals (or a change within the stated
    tolerance, for figures without an interval) are ``no_clear_change``.

    Source: PHE Fingertips comparison of confidence intervals (Public Health England,
    "Technical guide: confidence intervals", 2018).
    """
    if before.value is None or after.value is None:
        return "not_available"
    diff = after.value - before.value
    if before.has_interval and after.has_interval:
        if before.lower <= after.upper and after.lower <= before.upper:  # type: ignore[operator]
            return "no_clear_change"
    elif abs(diff) <= (tolerance or 0.0):
        return "no_clear_change"
    good = diff > 0 if direction == "increase" else diff < 0
    return "improving" if good else "worsening"


def series_trend(
    series: Sequence[Point],
    direction: str,
    settings: ProgressSettings,
    tolerance: float | None = None,
) -> str:
    """Trend over the series: with ``trend_min_points`` or more proportions, the Fingertips
    chi-square test for trend over the most recent points; otherwise latest vs previous."""
    known = [p for p in series if p.value is not None]
    if len(known) < 2:
        return "not_available"
    recent = known[-settings.trend_min_points :]
    if len(recent) >= settings.trend_min_points and all(
        p.numerator is not None and p.denominator for p in recent
    ):
        test = chi_square_trend(
            [p.numerator for p in recent],
            [p.denominator for p in recent],
            [p.year.start for p in recent],
        )
        if not test.significant(settings.trend_confidence):
            return "no_clear_change"
        good = test.slope > 0 if direction == "increase" else test.slope < 0
        return "improving" if good else "worsening"
    return compare(known[-2], known[-1], direction, tolerance)


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "increase" else value <= target


def assess_target(
    baseline: Point,
    current: Point | None,
    target: float,
    target_year: FinancialYear,
    direction: str,
    unit: str,
    settings: ProgressSettings,
    trend: str,
) -> Assessment:
    """Observed against required compound annual growth rate from baseline to target.

    Source: Open SDG / Statistics Canada "Sustainable Development Goals Data Hub"
    progress measure (ratio of observed to required CAGR; >= 0.95 on track, 0.60-0.95
    some progress, < 0.60 off track; target met = achieved). Where the baseline,
    target or current value is zero, growth is linear (same ratio of annual changes).
    """
    if current is None or current.value is None:
        return Assessment("not_available", "not_available", "No figure is available for this year.")
    if baseline.value is None:
        return Assessment("not_available", trend, "No baseline figure is available.")
    b, c = baseline.value, current.value
    if _meets(c, target, direction):
        return Assessment(
            "achieved", trend, f"The target of {_fmt(target, unit)} is met ({_fmt(c, unit)})."
        )
    elapsed = current.year - baseline.year
    span = target_year - baseline.year
    if elapsed <= 0:
        return Assessment(
            "not_available",
            "not_available",
            "Only the baseline year is available, so progress cannot be measured yet.",
        )
    if _meets(b, target, direction):
        return Assessment(
            "off_track",
            trend,
            f"The target of {_fmt(target, unit)} was met at the baseline but is not "
            f"met now ({_fmt(c, unit)}).",
        )
    if current.year >= target_year:
        return Assessment(
            "off_track",
            trend,
            f"The target year {target_year} has been reached and the target of "
            f"{_fmt(target, unit)} was not met ({_fmt(c, unit)}).",
        )
    need_lin = (target - b) / span
    has_lin = (c - b) / elapsed
    if b > 0 and c > 0 and target > 0:
        required = (target / b) ** (1 / span) - 1
        observed = (c / b) ** (1 / elapsed) - 1
    else:
        required, observed = need_lin, has_lin
    ratio = observed / required
    moved = "risen" if has_lin > 0 else "fallen"
    pts = _points(unit)
    reason = (
        f"Needs {abs(need_lin):.2g} {pts} a year to reach {_fmt(target, unit)} by "
        f"{target_year}; has {moved} {abs(has_lin):.2g} a year (ratio {ratio:.2f})."
    ).replace("  ", " ")
    clear = compare(baseline, current, direction)
    if ratio >= settings.some_progress_ratio and clear == "no_clear_change":
        return Assessment(
            "off_track",
            trend,
            reason[:-1] + ", but the change since the baseline is within the "
            "margin of error, so no progress can be claimed yet.",
        )
    if ratio >= settings.on_track_ratio:
        return Assessment("on_track", trend, reason)
    if ratio >= settings.some_progress_ratio:
        return Assessment("some_progress", trend, reason)
    return Assessment("off_track", trend, reason)


def assess_direction(
    baseline: Point,
    previous: Point | None,
    current: Point | None,
    direction: str,
    unit: str,
    annual: bool,
    due: date | None,
    report_year: FinancialYear,
    trend: str,
    tolerance: float | None = None,
) -> Assessment:
    """A required direction of travel ("a reduction", "an annual increase"): the change
    since the baseline and, for annual commitments, since last year, each judged by
    :func:`compare` so that noise is not called progress.

    Source: the commitment's own wording; PHE Fingertips interval comparison.
    """
    if current is None or current.value is None:
        return Assessment("not_available", "not_available", "No figure is available for this year.")
    if baseline.value is None or current.year <= baseline.year:
        return Assessment(
            "not_available",
            trend,
            "Only the baseline year is available, so a change cannot be measured yet.",
        )
    word = "increase" if direction == "increase" else "reduction"
    article = "an" if word == "increase" else "a"
    best = 100.0 if direction == "increase" else 0.0
    if unit == "percent" and current.value == best and baseline.value == best:
        return Assessment(
            "achieved",
            trend,
            f"At {_fmt(best, unit)}, the best possible value, since the baseline.",
        )
    since_base = compare(baseline, current, direction, tolerance)
    frm = f"from {_fmt(baseline.value, unit)} in {baseline.year} to {_fmt(current.value, unit)}"
    if since_base == "worsening":
        return Assessment(
            "off_track", trend, f"Moved the wrong way, {frm}; the strategy needs {article} {word}."
        )
    if since_base == "no_clear_change":
        return Assessment(
            "off_track",
            trend,
            f"No clear change {frm} (within the margin of "
            f"error); the strategy needs {article} {word}.",
        )
    if annual and previous is not None and previous.value is not None:
        since_last = compare(previous, current, direction, tolerance)
        if since_last != "improving":
            return Assessment(
                "some_progress",
                trend,
                f"Improved {frm}, but not clearly since last year "
                f"({_fmt(previous.value, unit)}); the strategy needs an annual {word}.",
            )
    done = due is not None and report_year.snapshot_date >= due
    return Assessment("achieved" if done else "on_track", trend, f"A clear {word} {frm}.")


def assess_threshold(
    groups: Sequence[GroupPoint],
    threshold: float,
    unit: str,
    trend: str,
) -> Assessment:
    """Each group against a threshold using its confidence interval, met only when every
    group is: lower limit at or above = met; upper limit below = not met; otherwise not
    clearly different.

    Source: PHE Fingertips benchmarking against a goal ("Technical guide: Fingertips
    comparisons", RAG against a target using confidence intervals).
    """
    known = [g for g in groups if g.value is not None and g.lower is not None]
    if not known:
        return Assessment(
            "not_available",
            "not_available",
            "No group has enough responses to compare with the threshold.",
        )
    met = [g for g in known if g.lower >= threshold]  # type: ignore[operator]
    below = [g for g in known if g.upper < threshold]  # type: ignore[operator]
    unclear = [g for g in known if g not in met and g not in below]
    t = _fmt(threshold, unit)
    if len(known) == 1:
        g = known[0]
        span = f"{_fmt(g.value, unit)}, interval {_fmt(g.lower, unit)} to {_fmt(g.upper, unit)}"
        if g in met:
            return Assessment("achieved", trend, f"Clearly at or above {t} ({span}).")
        if g in below:
            return Assessment("off_track", trend, f"Clearly below {t} ({span}).")
        return Assessment("some_progress", trend, f"Not clearly different from {t} ({span}).")
    if below:
        names = ", ".join(g.group for g in below[:3])
        return Assessment(
            "off_track",
            trend,
            f"{len(below)} of {len(known)} groups are clearly below {t} ({names}).",
        )
    if unclear:
        return Assessment(
            "some_progress",
            trend,
            f"{len(met)} of {len(known)} groups are clearly at or above {t}; "
            f"{len(unclear)} are not clearly different from it.",
        )
    return Assessment("achieved", trend, f"All {len(known)} groups are clearly at or above {t}.")


def assess_milestone(
    stage: str | None,
    due: date,
    report_year: FinancialYear,
    previous_stage: str | None = None,
) -> Assessment:
    """A dated action or milestone: complete / in progress / not started, judged against its
    due date and the end of the reporting year."""
    if stage is None:
        return Assessment("not_available", "not_available", "No update was recorded this year.")
    if stage not in ACTION_STAGES:
        raise ValueError(f"unknown stage '{stage}'; use one of {', '.join(ACTION_STAGES)}")
    trend = "not_available"
    if previous_stage in ACTION_STAGES:
        delta = ACTION_STAGES.index(stage) - ACTION_STAGES.index(previous_stage)
        trend = "improving" if delta > 0 else "worsening" if delta < 0 else "no_clear_change"
    year_end = report_year.snapshot_date
    due_text = due.strftime("%B %Y")
    if stage == "complete":
        return Assessment("achieved", trend, f"Complete (due {due_text}).")
    overdue = due <= year_end
    if stage == "in_progress":
        if overdue:
            return Assessment("some_progress", trend, f"In progress but overdue (due {due_text}).")
        return Assessment("on_track", trend, f"In progress; due {due_text}.")
    if overdue:
        return Assessment("off_track", trend, f"Not started and overdue (due {due_text}).")
    return Assessment("on_track", trend, f"Not started yet; not due until {due_text}.")


def rollup(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of indicators by status, per objective and for the whole strategy.

    Takes a frame with ``objective`` and ``status`` columns; returns one row per
    objective plus a final ``All objectives`` row, one column per status and ``total``.
    """
    counts = pd.crosstab(table["objective"], table["status"]).reindex(
        columns=STATUSES, fill_value=0
    )
    order = list(dict.fromkeys(table["objective"]))
    counts = counts.reindex(order).fillna(0).astype(int)
    counts.loc["All objectives"] = counts.sum()
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "objective"
    return counts.reset_index()

"""Levels to reach or keep ("a minimum of 6%", "at least 6/7 for all employee groups"):
each group against the level, and a single figure short of a level due by a date judged by
its pace until then (:func:`threshold_by_pace`). Statuses and trends are
:mod:`.status`'s words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import numpy as np
from scipy.special import stdtr

from equality_progress.analysis.bounded_means import printed_mean
from equality_progress.analysis.change import Point, Trend, fmt
from equality_progress.analysis.inference import holm, t_value
from equality_progress.analysis.status import (
    Assessment,
    GroupPoint,
    _meets,
    assess_target,
    with_trend,
)
from equality_progress.analysis.survey_sides import total_range
from equality_progress.inputs.settings import DisclosureSettings, ProgressSettings
from equality_progress.years import FinancialYear


def assess_threshold(
    groups: Sequence[GroupPoint],
    threshold: float,
    direction: str,
    unit: str,
    evidence: str,
    tr: Trend,
    confidence: float = 0.95,
    rules: DisclosureSettings | None = None,
) -> tuple[Assessment, list[GroupPoint]]:
    """A level to reach or keep, for every group: all at or beyond it is achieved. Census or
    admin: any group on the wrong side is off track. Survey: a group clearly on the wrong
    side is off track; one on the wrong side by its estimate but not clearly is some
    progress. "Clearly" is a one-sided t-test of each group's mean against the level at
    (1 - confidence) / 2, the groups tested as one family by Holm's step-down method
    (:func:`inference.holm`; issue 24: eleven groups each at 95% made a false alarm likely),
    each from its figures as printed (:func:`printed_p`), so that a verdict says nothing
    the table does not. A survey group's mean is quoted as its table prints it (rule 6 of
    ``rules``: fewer places, or withheld). Returns the groups with their verdicts."""
    side = "at or above" if direction != "decrease" else "at or below"
    wrong_side = "below" if direction != "decrease" else "above"
    sign = 1.0 if direction != "decrease" else -1.0
    tested = [g for g in groups if evidence == "survey" and g.value is not None]
    p_values = [printed_p(g, threshold, sign, rules, confidence) for g in tested]
    clear_by_test = dict(
        zip((g.group for g in tested), holm(p_values, (1 - confidence) / 2), strict=True)
    )
    judged: list[GroupPoint] = []
    for g in groups:
        value = g.value
        if value is None and g.withheld is not None and g.n and evidence != "survey":
            value = g.withheld / g.n * 100  # judged, not shown (evaluate checks it is safe)
        if value is None:
            judged.append(g)
            continue
        if _meets(value, threshold, direction):
            verdict = side.capitalize()
        elif evidence != "survey":
            verdict = wrong_side.capitalize()
        elif clear_by_test[g.group]:
            verdict = f"Clearly {wrong_side}"
        else:
            verdict = f"{wrong_side.capitalize()}, not clearly"
        judged.append(replace(g, verdict=verdict))
    known = [g for g in judged if g.verdict]
    t = fmt(threshold, unit)
    if not known:
        return with_trend("not_available", "No group has enough figures to compare with the "
                     "threshold.", tr), judged  # fmt: skip
    clearly = [g for g in known if g.verdict in (f"Clearly {wrong_side}", wrong_side.capitalize())]
    unclear = [g for g in known if g.verdict.endswith("not clearly")]
    names = ", ".join(
        f"{g.group} {_shown(g, unit, rules, confidence)}" for g in (clearly or unclear)[:3]
    )
    n = len(known)
    if clearly:
        how = "clearly " if evidence == "survey" else ""
        return with_trend(
            "off_track", f"{len(clearly)} of {n} {_groups(n)} {how}{wrong_side} {t} ({names}).", tr
        ), judged
    if unclear:
        hidden = [g for g in unclear if not interval_printed(g, rules, confidence)]
        whys = [f"allowing for the {len(tested)} groups tested together (Holm's method)"]
        if len(tested) == 1:
            whys = [] if hidden else ["the interval reaches it"]
        if hidden:
            whys.append(
                "a group whose interval is withheld is judged at the widest spread of "
                "answers its figures as printed allow"
            )
        why = "; ".join(whys)
        return with_trend(
            "some_progress",
            f"{len(unclear)} of {n} {_groups(n)} {wrong_side} {t} by the estimate, but not "
            f"clearly: {why} ({names}).",
            tr,
        ), judged
    only = f"{known[0].group} {_shown(known[0], unit, rules, confidence)}"
    text = f"All {n} groups are {side} {t}." if n > 1 else f"{side.capitalize()} {t} ({only})."
    return with_trend("achieved", text, tr), judged


def interval_printed(g: GroupPoint, rules: DisclosureSettings | None, confidence: float) -> bool:
    """Whether survey group ``g``'s table prints its interval (rule 6 of ``rules``)."""
    if g.value is None or g.lower is None or g.upper is None:
        return False
    shown = None if rules is None else g.published(rules, confidence)
    return shown is None or shown.interval


def printed_p(
    g: GroupPoint,
    threshold: float,
    sign: float,
    rules: DisclosureSettings | None,
    confidence: float,
) -> float:
    """The one-sided p that survey group ``g`` is on the right side of the level (small:
    clearly on the wrong side; ``sign`` -1 for a level not to pass), from its figures as
    the report prints them, so that its verdict and the status say nothing the table does
    not (issue 28: a test of the true figures beside a withheld interval bounded the
    spread of 14 answers at 6.07 enough to leave 1 to 4 who answered 7). With its interval:
    Student's t of the printed mean, its standard error the printed half-width over the
    t quantile (:func:`inference.t_value`; the interval's finite population correction is
    in its width). With its mean alone: the largest p of any whole answers on 1-7 whose
    mean prints so, each total at its widest spread (every answer 1 or 7 but one: a convex
    sum is largest at the ends, the whole-number case of Bhatia and Davis (2000), Amer.
    Math. Monthly 107:353) and no correction, so that "clearly" holds whatever the answers.
    Withheld: 1, never clear."""
    shown = None if rules is None else g.published(rules, confidence)
    if g.value is None or g.n < 2 or (shown is not None and shown.places is None):
        return 1.0
    if interval_printed(g, rules, confidence):
        mean, half = round(g.value, 2), (round(g.upper, 2) - round(g.lower, 2)) / 2
        se = half / t_value(confidence, g.n - 1)
        if se <= 0:  # one answer from everyone: on the wrong side, clear
            return 0.0 if sign * (mean - threshold) < 0 else 1.0
        return float(stdtr(g.n - 1, sign * (mean - threshold) / se))
    places = 2 if shown is None else shown.places
    lo, hi = total_range(g.n, g.value, places)  # type: ignore[arg-type]
    n = g.n
    totals = np.arange(max(n, int(np.ceil(lo - 1e-9))), min(7 * n, int(np.floor(hi + 1e-9))) + 1)
    if totals.size == 0:
        return 1.0
    sevens, extra = np.divmod(totals - n, 6)  # the widest: sevens, one answer between, ones
    squares = 49 * sevens + (1 + extra) ** 2 + (n - sevens - 1)
    sd = np.sqrt(np.maximum(squares - totals**2 / n, 0) / (n - 1))
    with np.errstate(divide="ignore", invalid="ignore"):  # no spread: t is infinite
        t = sign * (totals / n - threshold) / (sd / np.sqrt(n))
    t = np.where(np.isnan(t), 0.0, t)
    return float(np.max(stdtr(n - 1, t)))


WITHHELD = "[c]: withheld to protect individuals"


def _shown(g: GroupPoint, unit: str, rules: DisclosureSettings | None, confidence: float) -> str:
    """A group's figure as the report's table prints it (withheld: not why, issue 28): a
    survey mean to the places rule 6 allows (a reason quoting 6.27 beside a table's 6.3 or
    [c] would publish what the table withholds)."""
    if g.value is None:
        return WITHHELD
    shown = None if rules is None else g.published(rules, confidence)
    if shown is None:
        return fmt(g.value, unit)
    if shown.places is None:
        return WITHHELD
    # 6.3 where the table prints 6.3, and 5.90 where it prints 5.90 (helper-34: "5.9")
    return printed_mean(g.value, shown) or WITHHELD


def threshold_by_pace(
    a: Assessment,
    groups: Sequence[GroupPoint],
    baseline: Point,
    current: Point | None,
    threshold: float,
    due: date | None,
    report_year: FinancialYear,
    direction: str,
    unit: str,
    evidence: str,
    settings: ProgressSettings,
    tr: Trend,
) -> Assessment:
    """A level to reach by a date ("a minimum of 6% ... by 2026"), judged by the pace
    toward it until that date, as a target is (:func:`assess_target`), not against its end
    value every year (issue 24: programme targets met 56% -> 57.7% -> 66.7% -> 78.6% of 100%
    by 2026 were off track every year). Only for one group of exact figures that is on the
    wrong side, with a first-year figure to start from; a group of survey groups keeps its
    tests, and from the due date on the level itself decides."""
    known = [g for g in groups if g.value is not None]
    if (
        a.status != "off_track"
        or evidence == "survey"
        or len(known) != 1
        or due is None
        or report_year.snapshot_date >= due
        or current is None
        or current.value is None
        or baseline.value is None
        or current.year <= baseline.year
    ):
        return a
    due_year = FinancialYear(due.year - 1 if due.month <= 3 else due.year)
    paced = assess_target(
        baseline, current, threshold, due_year, direction, unit, evidence, settings, tr
    )
    side = "below" if direction != "decrease" else "above"
    head = f"{fmt(current.value, unit)} is {side} {fmt(threshold, unit)}, due by {due:%B %Y}. "
    return Assessment(paced.status, paced.trend, head + paced.reason)


def _groups(n: int) -> str:
    return "group is" if n == 1 else "groups are"

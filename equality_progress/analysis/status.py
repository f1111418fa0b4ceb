"""Status of each indicator by its kind, judged by the kind of evidence behind it.

Every change is judged by :func:`equality_progress.analysis.change.judge_change`, the one
rule shared by statuses, trends and sentences. Status is one of ``achieved``, ``on_track``,
``some_progress``, ``off_track``, ``not_started``, ``not_assessed`` (context figures, never
counted) and ``not_available``; trend is ``improving``, ``no_clear_change``, ``worsening``
or ``not_available``. Every reason sentence ends with the trend's own sentence, so the
trend word and the words cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from equality_progress.analysis.bounded_means import PublishedMean, publishable_mean
from equality_progress.analysis.change import (
    Change,
    Point,
    Trend,
    diff_unit,
    fmt,
    fmt_pair,
    judge_change,
)
from equality_progress.analysis.survey_plan import GroupPlan
from equality_progress.inputs.settings import DisclosureSettings, ProgressSettings
from equality_progress.vocabulary import ACTION_STAGES, COUNTED_STATUSES
from equality_progress.years import FinancialYear


@dataclass(frozen=True)
class GroupPoint:
    """One group's value against a threshold (interval only for survey figures)."""

    group: str
    value: float | None
    lower: float | None
    upper: float | None
    n: int
    verdict: str = ""
    # the staff in post a survey mean is of (its interval's finite population correction)
    population: int | None = None
    withheld: int | None = None  # as Point.withheld: a small count the table shows as [c]
    answers: tuple[int, ...] | None = None  # a survey group's count of each answer, 1 to 7
    # how rule 6 lets a survey group's mean be published, the characteristic's groups and
    # the headline taken together, worked out when first asked (survey_plan.GroupPlan)
    plan: GroupPlan | None = None

    @property
    def shown(self) -> PublishedMean | None:
        """How this group's mean is published (rule 6), or None where it is not planned."""
        return None if self.plan is None else self.plan.decisions[self.group]

    def published(self, rules: DisclosureSettings, confidence: float) -> PublishedMean | None:
        """How this survey group's mean is published (rule 6): its characteristic's plan,
        or, for a group made on its own, its own figures' rule; None for no survey mean."""
        if self.shown is not None:
            return self.shown
        if self.value is None or self.answers is None:
            return None
        return publishable_mean(
            self.n, self.value, self.lower, self.upper, rules, confidence, self.population,
            self.answers,
        )  # fmt: skip

    # the data disagree in a way the analyst should see (not published): e.g. more
    # respondents in a group than its staff in post, so no finite population correction
    warning: str | None = None


@dataclass(frozen=True)
class Assessment:
    status: str
    trend: str
    reason: str


def with_trend(status: str, reason: str, tr: Trend) -> Assessment:
    """The status's reason followed by the trend's sentence (its bracketed detail left out
    when the reason already gives it: last year was the baseline)."""
    sentence = tr.sentence
    if tr.detail and tr.detail in reason:
        sentence = sentence.replace(f" ({tr.detail})", "")
    return Assessment(status, tr.word, f"{reason} {sentence}".strip())


def _meets(value: float, target: float, direction: str) -> bool:
    return value >= target if direction == "increase" else value <= target


def growth_ratio(
    baseline: float, current: float, target: float, elapsed: int, span: int
) -> tuple[float, float, float]:
    """(observed, required, ratio): the pace toward a target, the ratio of the observed to
    the required change a year, both linear: (current - baseline) / elapsed over
    (target - baseline) / span.

    Source: the Open SDG / Statistics Canada "SDG progress measure" (Open SDG documentation,
    progress status), ratio thresholds 0.95 and 0.60 from ``params/settings.yaml``; its
    compound annual growth is not used (issue 24): it jumps where a figure reaches 0 (a pay
    gap 15.08 -> 12.0 scored 0.29 against a target of 0.1 and 0.82 against 0) and asks for
    the largest cuts first, where the strategies' targets are straight lines to a date.
    """
    required = (target - baseline) / span
    observed = (current - baseline) / elapsed
    return observed, required, observed / required


def _not_clear(change: Change, direction: str, frm: str) -> tuple[str, str]:
    """Survey evidence whose change since the baseline is not statistically clear, or an
    exact figure whose change is too small to call (no more than one person makes)."""
    moved = "moved the way the strategy asks" if change.right_way(direction) else (
        "moved the wrong way" if change.diff else "not moved"
    )  # fmt: skip
    status = "some_progress" if change.right_way(direction) else "off_track"
    if change.small:
        return status, f"The figure has {moved}, {frm}, but the change is {change.detail}."
    return status, (
        f"The estimate has {moved}, {frm}, but the change is not yet statistically clear "
        f"({change.detail})."
    )


def assess_target(
    baseline: Point,
    current: Point | None,
    target: float,
    target_year: FinancialYear,
    direction: str,
    unit: str,
    evidence: str,
    settings: ProgressSettings,
    tr: Trend,
) -> Assessment:
    """Achieved when the latest value meets the target; otherwise the pace ratio
    (:func:`growth_ratio`): >= 0.95 on track, 0.60 to 0.95 some progress, below off track.
    Target year reached unmet: off track. Survey evidence whose change since the baseline is
    not statistically clear: some progress if the estimate moved the required way at a pace
    that would be some progress, else off track; an interval never gives a better status
    than the estimate's own ratio."""
    if current is None or current.value is None:
        return with_trend("not_available", "No figure is available for this year.", tr)
    if baseline.value is None:
        return with_trend("not_available", "No baseline figure is available.", tr)
    b, c = baseline.value, current.value
    # by its target year a share is judged against the target itself: not where what the
    # undeclared leave open spans it (before then the pace of the measured share decides)
    open_ = cannot_tell(current, target, unit) if current.year >= target_year else None
    if open_:
        return with_trend("cannot_tell", open_, tr)
    if _meets(c, target, direction):
        return with_trend(
            "achieved", f"The target of {fmt(target, unit)} is met ({fmt(c, unit)}).", tr
        )
    elapsed, span = current.year - baseline.year, target_year - baseline.year
    if elapsed <= 0:
        return with_trend(
            "not_available",
            "Only the baseline year is available, so progress cannot be measured yet.",
            tr,
        )
    if _meets(b, target, direction):
        return with_trend(
            "off_track",
            f"The target of {fmt(target, unit)} was met at the baseline but is not met now "
            f"({fmt(c, unit)}).",
            tr,
        )
    if current.year >= target_year:
        return with_trend(
            "off_track",
            f"The target year {target_year} has been reached and the target of "
            f"{fmt(target, unit)} was not met ({fmt(c, unit)}).",
            tr,
        )
    shown_b, shown_c = fmt_pair(b, c, unit, baseline.places)
    frm = f"from {shown_b} in {baseline.year} to {shown_c}"
    observed, required, ratio = growth_ratio(b, c, target, elapsed, span)
    if evidence == "survey":
        change = judge_change(baseline, current, evidence, unit, 0.0, settings.confidence)
        if not change.clear:
            status, reason = _not_clear(change, direction, frm)
            if status == "some_progress" and ratio < settings.some_progress_ratio:
                # never better than its point estimate (issue 24: 40% -> 41% of 100, ratio
                # 0.12, was some progress as a survey, off track as a census)
                status = "off_track"
                reason = (
                    reason[:-1]
                    + "; even as estimated it is well short of the pace needed"
                    + f"{_of_pace(ratio)}."
                )
            return with_trend(status, reason, tr)

    def rate(v: float) -> str:
        verb = "grow" if v >= 0 else "fall"
        a = abs(v)  # two significant figures, never in e-notation (120, not 1.2e+02)
        shown = f"{a:.0f}" if a >= 10 else f"{a:.1f}" if a >= 1 else f"{a:.2g}"
        return f"{verb} {shown}{diff_unit(unit)} a year"

    # plain words where a councillor reads (issue 25: no "compound", no "ratio"); the
    # methodology says how the pace is worked out
    pace = (
        f"To reach {fmt(target, unit)} by {target_year} it needs to {rate(required)}; "
        f"{frm} it has {rate(observed).replace('grow ', 'grown ').replace('fall ', 'fallen ')}"
        f"{_of_pace(ratio)}"
    )
    if ratio >= settings.on_track_ratio:
        return with_trend("on_track", pace + ": on track.", tr)
    if ratio >= settings.some_progress_ratio:
        return with_trend("some_progress", pace + ": some progress, short of the pace needed.", tr)
    if ratio < 0:
        return with_trend("off_track", pace + ": moving away from the target.", tr)
    return with_trend("off_track", pace + ": well short of the pace needed.", tr)


def cannot_tell(current: Point, target: float, unit: str) -> str | None:
    """Why a share of all staff cannot be judged against its target, or None: counting
    everyone who did not declare in the group, or none of them (Manski's worst-case bounds
    for missing data: Manski 1989, J. Human Resources 24:343-360), puts it on both sides of
    the target, each by more than one person (100 / staff, the materiality of issue 24)."""
    k, n, u = current.numerator, current.denominator, current.undeclared
    if not u or k is None or not n or unit != "percent":
        return None
    low, high, one = k / n * 100, (k + u) / n * 100, 100 / n
    if not (low < target - one and high > target + one):
        return None
    return (
        f"Cannot tell: {u / n * 100:.1f}% did not declare. Counting all of them in the group "
        f"or none, the share would lie between {low:.1f}% and {high:.1f}%, either side of the "
        f"target of {fmt(target, unit)}."
    )


def _of_pace(ratio: float) -> str:
    """' (103% of the pace needed)': the pace ratio in words (none when negative:
    the reason then says it is moving away from the target)."""
    return f" ({ratio:.0%} of the pace needed)" if ratio >= 0 else ""


def assess_direction(
    baseline: Point,
    previous: Point | None,
    current: Point | None,
    direction: str,
    unit: str,
    evidence: str,
    annual: bool,
    due: date | None,
    report_year: FinancialYear,
    tr: Trend,
    settings: ProgressSettings,
    tolerance: float = 0.0,
) -> Assessment:
    """A required direction of travel ("a reduction", "an annual increase"): a clear change
    the required way since the baseline (:func:`judge_change`) is on track, achieved once
    the due date has passed; for an annual commitment it must also be a clear change the
    required way since the previous year, otherwise some progress; any other commitment
    clearly falling back since the previous year, before its due date, is some progress.
    No clear change, or a clear change the wrong way, is off track (survey evidence: see
    :func:`_not_clear`)."""
    if current is None or current.value is None:
        return with_trend("not_available", "No figure is available for this year.", tr)
    if baseline.value is None or current.year <= baseline.year:
        return with_trend(
            "not_available",
            "Only the baseline year is available, so a change cannot be measured yet.",
            tr,
        )
    word = "increase" if direction == "increase" else "reduction"
    article = "an" if word == "increase" else "a"
    best = 100.0 if direction == "increase" else 0.0
    if unit == "percent" and current.value == best and baseline.value == best:
        return with_trend(
            "achieved", f"At {fmt(best, unit)}, the best possible value, since the baseline.", tr
        )
    conf = settings.confidence
    since_base = judge_change(baseline, current, evidence, unit, tolerance, conf)
    shown_b, shown_c = fmt_pair(baseline.value, current.value, unit, baseline.places)  # type: ignore[arg-type]
    frm = f"from {shown_b} in {baseline.year} to {shown_c}"
    needs = f"the strategy needs {article} {word}"
    if not since_base.clear:
        if evidence == "survey" or since_base.small:
            return with_trend(*_not_clear(since_base, direction, frm), tr)
        detail = f" ({since_base.detail})" if since_base.detail else ""
        return with_trend("off_track", f"No clear change {frm}{detail}; {needs}.", tr)
    if not since_base.right_way(direction):
        return with_trend("off_track", f"A clear change the wrong way, {frm}; {needs}.", tr)
    if annual:
        if previous is None or previous.value is None:
            return with_trend(
                "some_progress",
                f"A clear {word} {frm}, but there is no figure for last year to show the "
                f"annual {word} the strategy needs.",
                tr,
            )
        since_last = judge_change(previous, current, evidence, unit, tolerance, conf)
        if since_last.word(direction) != "improving":
            return with_trend(
                "some_progress",
                f"A clear {word} {frm}, but {_last_year(since_last, direction)} "
                f"since last year ({fmt(previous.value, unit)}); the strategy needs an "
                f"annual {word}.",
                tr,
            )
    done = due is not None and report_year.snapshot_date >= due
    if not done and not annual and previous is not None and previous.value is not None:
        # on course since the baseline but clearly falling back this year is not on track
        # (issue 24: Sefton's training 67% -> 80.5% -> 79.0% was "on track")
        since_last = judge_change(previous, current, evidence, unit, tolerance, conf)
        if since_last.clear and not since_last.right_way(direction):
            return with_trend(
                "some_progress",
                f"A clear {word} {frm}, but {_last_year(since_last, direction)} since last "
                f"year ({fmt(previous.value, unit)}).",
                tr,
            )
    return with_trend("achieved" if done else "on_track", f"A clear {word} {frm}.", tr)


def _last_year(change: Change, direction: str) -> str:
    """What happened since last year, when it was not the annual change the strategy
    needs: a clear change the wrong way is a fall (or a rise), not "no clear increase"."""
    if change.clear:
        return "a fall" if direction == "increase" else "a rise"
    return f"no clear change ({change.detail})" if change.detail else "no clear change"


def stage_trend(stage: str, previous_stage: str | None) -> str:
    """An action's trend: its stage this year against last year's (later is improving).
    Raises ValueError for a stage that is not one of ``ACTION_STAGES``."""
    if stage not in ACTION_STAGES:
        raise ValueError(f"unknown stage '{stage}'; use one of {', '.join(ACTION_STAGES)}")
    if previous_stage not in ACTION_STAGES:
        return "not_available"
    delta = ACTION_STAGES.index(stage) - ACTION_STAGES.index(previous_stage)
    return "improving" if delta > 0 else "worsening" if delta < 0 else "no_clear_change"


def assess_milestone(
    stage: str | None,
    due: date,
    report_year: FinancialYear,
    previous_stage: str | None = None,
    starts: date | None = None,
) -> Assessment:
    """A dated action: complete is achieved; in progress is on track before its due date
    and some progress after; not started is not started before its due date and off track
    after, or before it when the strategy's own timeline had it start by the year's end
    (``starts``: a delivery-timeline bar; issue 23); no update is not available. The trend
    compares the stage with last year's."""
    if stage is None:
        return Assessment("not_available", "not_available", "No update was recorded this year.")
    trend_word = stage_trend(stage, previous_stage)
    due_text = due.strftime("%B %Y")
    if stage == "complete":
        return Assessment("achieved", trend_word, f"Complete (due {due_text}).")
    overdue = due <= report_year.snapshot_date
    if stage == "in_progress":
        if overdue:
            return Assessment(
                "some_progress", trend_word, f"In progress but overdue (due {due_text})."
            )
        return Assessment("on_track", trend_word, f"In progress; due {due_text}.")
    if overdue:
        return Assessment("off_track", trend_word, f"Not started and overdue (due {due_text}).")
    if starts is not None and starts <= report_year.snapshot_date:
        return Assessment(
            "off_track",
            trend_word,
            f"Not started, though the strategy's timeline has it start in "
            f"{starts.strftime('%B %Y')}; due {due_text}.",
        )
    return Assessment("not_started", trend_word, f"Not started yet; not due until {due_text}.")


def assess_context(current: Point | None, unit: str, tr: Trend) -> Assessment:
    """A figure the strategy reports with no commitment: shown, never judged or counted. Its
    trend (rising, falling, no clear change: :func:`~.change.trend` with no direction) says
    which way it moved since last year, so that it agrees with the drawn series (issue 25:
    "Trend: not available" beside a three-year chart that falls)."""
    figure = (
        f" This year: {fmt(current.value, unit)}."
        if current is not None and current.value is not None
        else " No figure is available for this year."
    )
    reason = (
        "Reported for context: the strategy sets no target or direction for this figure, so "
        "it is not assessed." + figure
    )
    if tr.word == "not_available":  # no figure last year: no trend sentence to add
        return Assessment("not_assessed", "not_available", reason)
    return with_trend("not_assessed", reason, tr)


def rollup(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of indicators by status, per objective and for the whole strategy; context
    figures (``not_assessed``) are left out of every count and total.

    Takes a frame with ``objective`` and ``status`` columns; returns one row per
    objective plus a final ``All objectives`` row, one column per counted status and
    ``total``.
    """
    counted = table[table["status"] != "not_assessed"]
    counts = pd.crosstab(counted["objective"], counted["status"]).reindex(
        columns=COUNTED_STATUSES, fill_value=0
    )
    order = list(dict.fromkeys(table["objective"]))
    counts = counts.reindex(order).fillna(0).astype(int)
    counts.loc["All objectives"] = counts.sum()
    counts["total"] = counts.sum(axis=1)
    counts.index.name = "objective"
    counts.columns.name = None
    return counts.reset_index()

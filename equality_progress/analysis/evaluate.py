"""Evaluate every indicator of a catalogue for one reporting year.

Takes the catalogue, the checked data of every year from the baseline to the report year
and the settings; returns plain DataFrames: the open-data table (``indicators.csv``),
trend series for charts, status roll-ups and warnings. No file I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import pandas as pd

from equality_progress.analysis import measures
from equality_progress.analysis.change import trend
from equality_progress.analysis.disclosure import side_is_safe
from equality_progress.analysis.levels import assess_threshold, threshold_by_pace
from equality_progress.analysis.recurring import assess_recurring
from equality_progress.analysis.status import (
    Assessment,
    GroupPoint,
    Point,
    assess_context,
    assess_direction,
    assess_milestone,
    assess_target,
    rollup,
    with_trend,
)
from equality_progress.analysis.survey_sides import side_shown
from equality_progress.inputs.catalogue import Catalogue, Indicator
from equality_progress.inputs.loading import YearData
from equality_progress.inputs.settings import Settings
from equality_progress.years import FinancialYear

CSV_COLUMNS = [
    "authority",
    "year",
    "objective",
    "indicator_id",
    "title",
    "statement",
    "kind",
    "unit",
    "direction",
    "evidence",
    "baseline_year",
    "baseline",
    "baseline_derived",
    "target_year",
    "target",
    "value",
    "ci_lower",
    "ci_upper",
    "previous_value",
    "trend",
    "status",
    "status_reason",
    "source",
    "choices",
]


@dataclass
class Result:
    indicator: Indicator
    assessment: Assessment
    series: list[Point] = field(default_factory=list)
    groups: list[GroupPoint] = field(default_factory=list)
    stage: str | None = None
    evidence: str = ""
    commentary: str = ""

    @property
    def current(self) -> Point | None:
        return self.series[-1] if self.series else None


def _verdict_safe(g: GroupPoint, ind: Indicator, settings: Settings) -> GroupPoint:
    """A survey group keeps its verdict against the level only where saying on which side
    it lies, beside its mean as printed, can narrow no answer's count whichever side it is
    (rule 6, :func:`.survey_sides.side_shown`: 14 answers at or above 6 leave at most 4
    who answered 4) and the whole survey's plan allows it (the side bounds the group's
    total, and with the headline the others'); else its mean and verdict are withheld, as
    a census share's status is where its side would narrow a count
    (``disclosure.side_is_safe``: a rule of the number of people and the level alone, so
    that withholding says nothing of the side)."""
    if g.value is None or g.answers is None or ind.threshold is None or g.shown is None:
        return g
    if side_shown(g.n, g.value, g.shown, ind.threshold, ind.direction, settings.disclosure):
        return g
    return replace(g, value=None, lower=None, upper=None)


def _baseline_point(ind: Indicator, series: list[Point], base_year: FinancialYear) -> Point:
    """The baseline a status is judged from: the figure the strategy states, as published
    (and as ``indicators.csv`` prints it), so that anyone can re-derive the status from the
    published numbers (issue 24: the CSV showed 3.6 while the status used the data's 3.579).
    A survey baseline keeps the baseline year's own estimate and interval, which its change
    is tested against (the stated figure is that estimate rounded; the inputs' check refuses
    one that is not). With no stated figure, the baseline year's data give it."""
    stated = ind.baseline.value if ind.baseline else None
    for p in series:
        if p.year == base_year and p.value is not None:
            if stated is not None and (ind.evidence or "census") != "survey":
                # the stated figure, with what one person does to the year's own figure
                return Point(base_year, stated, places=ind.baseline.places, one_person=p.one_person)
            return p
    return Point(base_year, stated, places=ind.baseline.places if ind.baseline else None)


def evaluate_indicator(
    ind: Indicator,
    data: dict[FinancialYear, YearData],
    report_year: FinancialYear,
    settings: Settings,
    commentary: dict[str, str],
) -> Result:
    note = commentary.get(ind.id, "")
    if ind.action:
        stage, evidence = measures.stage(ind, data.get(report_year))
        prev, _ = measures.stage(ind, data.get(report_year.previous()))
        if ind.kind == "recurring":
            a = assess_recurring(stage, prev)
        else:
            a = assess_milestone(stage, ind.due, report_year, prev, ind.starts)  # type: ignore[arg-type]
        return Result(ind, a, stage=stage, evidence=evidence, commentary=note)
    missing = measures.not_collected(ind, data.get(report_year))
    if missing:
        reason = f"Not collected: this year's data has no {missing.replace('_', ' ')} column."
        return Result(ind, Assessment("not_available", "not_available", reason), commentary=note)
    base_year = FinancialYear.parse(ind.baseline.year) if ind.baseline else min(data)
    series = []
    for year in sorted(data):
        if year < base_year or year > report_year:
            continue
        p = measures.point(ind, data[year], settings)
        if p is not None:
            series.append(p)
    current = next((p for p in series if p.year == report_year), None)
    previous = next((p for p in series if p.year == report_year.previous()), None)
    evidence = ind.evidence or "census"
    progress = settings.progress
    tr = trend(series, report_year, ind.direction, evidence, ind.unit, progress, ind.tolerance)
    if ind.kind == "context":
        return Result(ind, assess_context(current, ind.unit, tr), series=series, commentary=note)
    baseline = _baseline_point(ind, series, base_year)
    # a sex split the statutory chain withholds keeps its status, judged from the count
    chained = (
        current is not None
        and current.is_withheld
        and current.withheld is not None
        and measures.sex_split_withheld(ind, data[report_year], settings)
    )
    if chained:
        share = current.withheld / current.denominator * 100  # type: ignore[operator,union-attr]
        current = replace(current, value=share, numerator=current.withheld)  # type: ignore[arg-type]
    groups: list[GroupPoint] = []
    if ind.kind == "target":
        a = assess_target(
            baseline,
            current,
            ind.target.value,  # type: ignore[union-attr]
            FinancialYear.parse(ind.target.year),  # type: ignore[union-attr]
            ind.direction,
            ind.unit,
            evidence,
            progress,
            tr,
        )
    elif ind.kind == "threshold":
        yd = data.get(report_year)
        if (
            yd is not None
            and ind.data.measure == "survey_score"
            and yd.frame("staff_survey") is not None
        ):
            groups = measures.year_groups(ind, yd, settings)
            groups = [_verdict_safe(g, ind, settings) for g in groups]
        elif yd is not None:
            groups = measures.proportion_groups(ind, yd, settings)
        # a withheld share keeps its status only where saying it narrows no count
        unsafe = [
            g
            for g in groups
            if g.withheld is not None and not side_is_safe(g.n, ind.threshold, settings.disclosure)  # type: ignore[arg-type]
        ]
        groups = [replace(g, withheld=None) if g in unsafe else g for g in groups]
        a, groups = assess_threshold(
            groups,
            ind.threshold,  # type: ignore[arg-type]
            ind.direction,
            ind.unit,
            evidence,
            tr,
            progress.confidence,
            settings.disclosure,
        )
        if unsafe and a.status == "not_available":
            a = with_trend(
                "not_available",
                f"The figure is withheld to protect individuals (of {unsafe[0].n}), and so is its "
                f"status: saying whether it is above or below {ind.threshold:g}% would narrow "
                f"the count to fewer than {settings.disclosure.protection_width} people.",
                tr,
            )
        a = threshold_by_pace(
            a,
            groups,
            baseline,
            current,
            ind.threshold,  # type: ignore[arg-type]
            ind.due,
            report_year,
            ind.direction,
            ind.unit,
            evidence,
            progress,
            tr,
        )
    else:
        a = assess_direction(
            baseline,
            previous,
            current,
            ind.direction,
            ind.unit,
            evidence,
            ind.annual,
            ind.due,
            report_year,
            tr,
            progress,
            ind.tolerance,
        )
    if chained:
        a = with_trend(a.status, chain_reason(a.status), tr)
    return Result(ind, a, series=series, groups=groups, commentary=note)


def chain_reason(status: str) -> str:
    """Why a share of all staff by sex has a status but no figure (:mod:`.statutory_chain`),
    without the figure: its side of the baseline or target is all the status says."""
    return (
        "With the gender pay gap figures each employer must publish, this year's number of "
        "men and of women would narrow how many at one employer were not on full pay or "
        "received a bonus, so the figure is withheld to protect individuals; judged from it, "
        f"the status is {status.replace('_', ' ')}. There is no published figure this year, "
        "so no trend yet."
    )


@dataclass
class Evaluation:
    authority: str
    year: FinancialYear
    results: list[Result]
    warnings: list[str]

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per indicator, the columns of indicators.csv (empty where not applicable)."""
        rows = []
        for r in self.results:
            ind, cur = r.indicator, r.current
            current_now = cur if cur is not None and cur.year == self.year else None
            prev = next((p for p in r.series if p.year == self.year.previous()), None)
            base = ind.baseline
            baseline_value = (
                base.value
                if base and base.value is not None
                else next((p.value for p in r.series if base and p.year.label == base.year), None)
            )
            value: object = current_now.value if current_now else None
            if ind.action:
                value = r.stage
            rows.append(
                {
                    "authority": self.authority,
                    "year": self.year.label,
                    "objective": ind.objective,
                    "indicator_id": ind.id,
                    "title": ind.title,
                    "statement": ind.statement,
                    "kind": ind.kind,
                    "unit": ind.unit,
                    "direction": ind.direction,
                    "evidence": ind.evidence or None,
                    "baseline_year": base.year if base else None,
                    "baseline": _round(baseline_value),
                    # a baseline the strategy does not print: how it was worked out
                    "baseline_derived": base.derived.words(ind.unit)
                    if base is not None and base.derived is not None
                    else None,
                    "target_year": ind.target.year
                    if ind.target
                    else (ind.due.isoformat() if ind.due else None),
                    "target": ind.target.value if ind.target else ind.threshold,
                    "value": _round(value) if not isinstance(value, str) else value,
                    "ci_lower": _round(current_now.lower) if current_now else None,
                    "ci_upper": _round(current_now.upper) if current_now else None,
                    "previous_value": _round(prev.value) if prev else None,
                    "trend": r.assessment.trend,
                    "status": r.assessment.status,
                    "status_reason": r.assessment.reason,
                    "source": ind.source,
                    # what the strategy leaves open and the authority chose, with why
                    "choices": "; ".join(f"{c.field}: {c.reason}" for c in ind.choices) or None,
                }
            )
        return pd.DataFrame(rows, columns=CSV_COLUMNS)

    def rollup(self, catalogue: Catalogue) -> pd.DataFrame:
        table = self.table
        out = rollup(table)
        titles = {o.id: o.title for o in catalogue.objectives}
        out.insert(1, "title", out["objective"].map(titles).fillna("Whole strategy"))
        return out

    @cached_property
    def series(self) -> pd.DataFrame:
        """Long table of every quantitative indicator's points and target path, for charts."""
        rows = []
        for r in self.results:
            ind = r.indicator
            if ind.action:
                continue
            for p in r.series:
                rows.append(
                    {
                        "indicator_id": ind.id,
                        "year": p.year.label,
                        "series": "observed",
                        "value": p.value,
                        "lower": p.lower,
                        "upper": p.upper,
                    }
                )
            if ind.kind == "target" and ind.baseline and ind.baseline.value is not None:
                rows.append(
                    {
                        "indicator_id": ind.id,
                        "year": ind.baseline.year,
                        "series": "target path",
                        "value": ind.baseline.value,
                    }
                )
                rows.append(
                    {
                        "indicator_id": ind.id,
                        "year": ind.target.year,  # type: ignore
                        "series": "target path",
                        "value": ind.target.value,
                    }
                )  # type: ignore
            if ind.kind == "threshold":
                for p in r.series:
                    rows.append(
                        {
                            "indicator_id": ind.id,
                            "year": p.year.label,
                            "series": "threshold",
                            "value": ind.threshold,
                        }
                    )
        return pd.DataFrame(
            rows, columns=["indicator_id", "year", "series", "value", "lower", "upper"]
        )

    @cached_property
    def _series_by_indicator(self) -> dict[str, pd.DataFrame]:
        return dict(tuple(self.series.groupby("indicator_id", sort=False)))

    def series_of(self, indicator_id: str) -> pd.DataFrame:
        """The rows of :attr:`series` for one indicator (grouped once, not filtered each time)."""
        return self._series_by_indicator.get(indicator_id, self.series.iloc[0:0])


def _round(v: float | None, places: int = 2) -> float | None:
    return None if v is None or pd.isna(v) else round(float(v), places)


def evaluate(
    catalogue: Catalogue,
    data: dict[FinancialYear, YearData],
    report_year: FinancialYear,
    settings: Settings,
) -> Evaluation:
    """Assess every indicator; warn (not fail) for off-track indicators with no commentary."""
    commentary = data[report_year].commentary if report_year in data else {}
    notes = commentary.get("indicators", {})
    results = [
        evaluate_indicator(i, data, report_year, settings, notes) for i in catalogue.indicators
    ]
    known = {i.id for i in catalogue.indicators}
    warnings = [f"commentary names unknown indicator '{k}'" for k in notes if k not in known]
    for r in results:
        if r.assessment.status == "off_track" and not r.commentary:
            warnings.append(f"{r.indicator.id} is off track and has no analyst commentary")
        warnings += [f"{r.indicator.id}: {g.warning}" for g in r.groups if g.warning]
    return Evaluation(catalogue.authority, report_year, results, warnings)

"""Resolve each indicator's ``data:`` spec into yearly values from the checked inputs.

Pure functions: a YearData in, a Point (value and counts) out. Only survey figures carry an
interval, because only they have sampling error: proportions a 95% Wilson interval, means a
t interval on n - 1 degrees of freedom. Census and administrative figures count every member
of the population, so they are published without one. A figure about people that disclosure
control would withhold is not produced (:mod:`equality_progress.analysis.disclosure` decides).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import pandas as pd

from equality_progress.analysis.bounded_means import PublishedMean, headline_mean
from equality_progress.analysis.disclosure import base_allowed, counts_people, share_allowed
from equality_progress.analysis.inference import mean_interval, wilson_interval
from equality_progress.analysis.pay_gaps import gap_pct, median_gap_one_out, median_gender_pay_gap
from equality_progress.analysis.status import GroupPoint, Point
from equality_progress.analysis.statutory_chain import ChainFinding
from equality_progress.analysis.statutory_chain import statutory_chain as _chain
from equality_progress.analysis.survey_parts import GroupMean
from equality_progress.analysis.survey_plan import GroupPlan
from equality_progress.inputs.catalogue import DataSpec, Indicator
from equality_progress.inputs.contracts import (
    ANOTHER_GENDER,
    ETHNIC_MINORITY,
    LGB_PLUS,
    NAMED_GROUPS,
    RELIGION,
    UNDISCLOSED,
)
from equality_progress.inputs.loading import YearData
from equality_progress.inputs.settings import Settings

log = logging.getLogger(__name__)

GROUPINGS = {
    "ethnicity": {"White British": ("White British",), "Ethnic minority": ETHNIC_MINORITY},
    "sexual_orientation": {"Heterosexual": ("Heterosexual",), "LGB+": LGB_PLUS},
    "disability": {"Disabled": ("Disabled",), "Not disabled": ("Not disabled",)},
    "sex": {"Female": ("Female",), "Male": ("Male",), ANOTHER_GENDER: (ANOTHER_GENDER,)},
    # religion or belief: each Census category is a group of its own
    "religion": {c: (c,) for c in RELIGION if c not in UNDISCLOSED},
    "age_band": {
        "16-34": ("16-19", "20-24", "25-29", "30-34"),
        "35-49": ("35-39", "40-44", "45-49"),
        "50 and over": ("50-54", "55-59", "60-64", "65+"),
    },
}
# groups a table shows only when someone is in them (a row of zeros for every report that
# records no one so would say nothing the absence does not)
OPTIONAL_GROUPS = frozenset({ANOTHER_GENDER})


def groups_of(characteristic: str, present: pd.Series) -> dict[str, tuple[str, ...]]:
    """The published groups of a characteristic and their codes, leaving out an optional
    group no one in ``present`` (the column the table counts) belongs to."""
    return {
        g: cats
        for g, cats in GROUPINGS[characteristic].items()
        if g not in OPTIONAL_GROUPS or present.isin(cats).any()
    }


LABELS = {
    "ethnicity": "Ethnicity",
    "sexual_orientation": "Sexual orientation",
    "disability": "Disability",
    "sex": "Sex",
    "religion": "Religion or belief",
    "age_band": "Age",
}


def expand(groups: list[str]) -> tuple[str, ...]:
    """The codes a ``data.groups`` list stands for (named groups: contracts.NAMED_GROUPS)."""
    out: list[str] = []
    for g in groups:
        out += NAMED_GROUPS[g].codes if g in NAMED_GROUPS else (g,)
    return tuple(out)


def proportion_point(
    year,
    successes: int,
    n: int,
    settings: Settings,
    survey: bool = False,
    people: bool = True,
) -> Point:
    """A percentage (with its Wilson interval when it is a survey estimate); no value when it
    counts people and disclosure control withholds it (:func:`disclosure.share_allowed`)."""
    if people and not share_allowed(successes, n, settings.disclosure):
        # withheld, but its base is still what it is: a table that shows the base prints n,
        # not 0 (issue 28: "All senior appointments [c] [z] 0" for 55 appointments)
        return Point(year, None, denominator=n, withheld=successes)
    value = successes / n * 100
    if not survey:
        return Point(year, value, numerator=successes, denominator=n)
    ci = wilson_interval(successes, n, settings.progress.confidence)
    return Point(year, value, ci.lower * 100, ci.upper * 100, successes, n)


def mean_point(
    year, scores: pd.Series, settings: Settings, survey: bool = True, population: int | None = None
) -> Point:
    """A mean (with its t interval when it is a survey estimate, corrected for the finite
    population of ``population`` staff in post when known), its SD and n."""
    s = scores.astype(float)
    mean, sd, n = float(s.mean()), float(s.std(ddof=1)), len(s)
    if not survey:
        return Point(year, mean, sd=sd, n=n)
    ci = mean_interval(mean, sd, n, settings.progress.confidence, population)
    return Point(year, mean, ci.lower, ci.upper, sd=sd, n=n, population=population)


def publishable_headline(
    p: Point, scores: pd.Series, settings: Settings, shown: PublishedMean | None = None
) -> Point:
    """The all-respondents mean of 1-7 answers as it may be published (rule 6,
    :func:`.bounded_means.publishable_mean`, as for each group's mean): where its interval
    and number of answers would tell a reader that 1 to 4 people gave some answer, the
    figure loses its interval and with it its standard deviation (which a test of the
    change would publish too: Welch's p), and then itself (not a place first, as a group's
    mean does: the card, chart and open data print a headline to two places). Every part
    of the report (card, chart, open data, reasons, status) then uses only what is
    published, so a status follows from the figures a reader has. Hundreds of answers
    never come near it (the sample's 600); 30 often do. ``shown``: how the plan of the
    year's published groups lets it be printed (:attr:`.survey_plan.GroupPlan.headline_shown`),
    where the report prints them."""
    if shown is None:
        answers = tuple(int((scores == k).sum()) for k in range(1, 8))
        shown = headline_mean(
            p.n or 0, p.value, p.lower, p.upper, settings.disclosure,  # type: ignore[arg-type]
            settings.progress.confidence, p.population, answers,
        )  # fmt: skip
    if shown == PublishedMean(2, p.lower is not None):
        return p
    kept = shown.places == 2
    # no count in this line: the executed notebook, which is published, shows it
    log.warning(
        "staff survey %s: the all-respondents mean is %s (disclosure rule 6)",
        p.year, "published without its interval" if kept else "withheld",
    )  # fmt: skip
    if not kept:
        return Point(p.year, None, n=p.n, spread_withheld=True)
    return replace(p, lower=None, upper=None, sd=None, spread_withheld=True)


def _workforce(spec: DataSpec, data: YearData) -> pd.DataFrame | None:
    wf = data.frame("workforce")
    if wf is not None and spec.employer:
        wf = wf[wf["employer"] == spec.employer]
    return wf


def statutory_chain(data: YearData, settings: Settings) -> ChainFinding:
    """What the year's statutory figures give away with the report's headcount and sex
    split (:mod:`.statutory_chain`), made once per year: every report that prints the year
    withholds its sex split where that split alone would give a count away."""
    kept = data.derived.get("statutory_chain")
    if kept is None or kept[0] is not settings:
        wf = data.frame("workforce")
        found = ChainFinding() if wf is None else _chain(wf, settings.disclosure)
        kept = data.derived["statutory_chain"] = (settings, found)
    return kept[1]


def sex_split_withheld(ind: Indicator, data: YearData, settings: Settings) -> bool:
    """A share of all staff by sex in a year whose sex split the statutory chain withholds;
    not in the baseline year where the strategy itself published the figure."""
    spec = ind.data
    if spec.measure != "workforce_share" or spec.characteristic != "sex" or spec.employer:
        return False
    base = ind.baseline
    if base is not None and base.value is not None and str(data.year) == base.year:
        return False
    return bool(statutory_chain(data, settings).split)


def not_collected(ind: Indicator, data: YearData | None) -> str | None:
    """The characteristic this indicator needs when the year's data leaves it out (an
    optional column, "not collected"), else None."""
    char = ind.data.characteristic
    name = {"senior_appointments_share": "recruitment"}.get(ind.data.measure, "workforce")
    frame = None if data is None or char is None else data.frame(name)
    return char if frame is not None and char not in frame.columns else None


def point(ind: Indicator, data: YearData | None, settings: Settings) -> Point | None:
    """This indicator's value for one year, or None when the year has no such data."""
    if data is None or not_collected(ind, data):
        return None
    spec, year = ind.data, data.year
    survey = ind.evidence == "survey"
    if spec.measure in ("workforce_share", "workforce_nonresponse"):
        wf = _workforce(spec, data)
        if wf is None or not len(wf):
            return None
        col = wf[spec.characteristic]
        cats = UNDISCLOSED if spec.measure == "workforce_nonresponse" else expand(spec.groups)
        p = proportion_point(year, int(col.isin(cats).sum()), len(col), settings, survey)
        if p.value is not None and sex_split_withheld(ind, data, settings):
            return Point(year, None, denominator=p.denominator, withheld=p.numerator)
        if spec.measure == "workforce_share" and p.value is not None:
            p = replace(p, undeclared=int(col.isin(UNDISCLOSED).sum()))
        return p
    if spec.measure == "gender_pay_gap":
        wf = _workforce(spec, data)
        if wf is None:
            return None
        fpr = wf[wf["full_pay_relevant"]]
        fewest = min((fpr["sex"] == "Male").sum(), (fpr["sex"] == "Female").sum())
        if not base_allowed(int(fewest), settings.disclosure):
            return Point(year, None)
        if spec.statistic == "mean":  # the statement's own average, where it names one
            fpr = fpr.loc[:, ["sex", "hourly_pay"]]
            return Point(
                year,
                gap_pct(
                    fpr.loc[fpr["sex"] == "Male", "hourly_pay"],
                    fpr.loc[fpr["sex"] == "Female", "hourly_pay"],
                    "mean",
                ),
            )
        gap = median_gender_pay_gap(wf)
        loo = median_gap_one_out(wf)
        spread = max(abs(gap - loo[0]), abs(loo[1] - gap)) if loo and gap is not None else None
        return Point(year, gap, one_person=spread)
    if spec.measure == "senior_appointments_share":
        rec = data.frame("recruitment")
        if rec is None:
            return None
        appointed = rec[rec["senior_role"] & (rec["stage"] == "appointed")]
        hits = int(appointed[spec.characteristic].isin(expand(spec.groups)).sum())
        return proportion_point(year, hits, len(appointed), settings, survey)
    if spec.measure == "training_compliance":
        tr = data.frame("training")
        if tr is None:
            return None
        return proportion_point(year, int(tr["completed"].sum()), len(tr), settings, survey)
    if spec.measure == "survey_score":
        sv = data.frame("staff_survey")
        if sv is None or not base_allowed(len(sv), settings.disclosure):
            return None
        staff = _staff_in_post(len(sv), data.frame("workforce"))
        groups = year_groups(ind, data, settings)
        plan = groups[0].plan if groups else None
        return publishable_headline(
            mean_point(year, sv["edi_score"], settings, survey, staff),
            sv["edi_score"],
            settings,
            None if plan is None else plan.headline_shown,
        )
    if spec.measure == "reported_value":
        row = data.first_row("reported", ind.id)
        if row is None:
            return None
        if pd.notna(row["numerator"]) and pd.notna(row["denominator"]):
            people = counts_people(spec.measure, spec.counts)
            num, den = int(row["numerator"]), int(row["denominator"])
            return proportion_point(year, num, den, settings, survey, people)
        if pd.isna(row["value"]):
            return Point(year, None)
        return Point(year, float(row["value"]))
    raise ValueError(f"indicator '{ind.id}': measure '{spec.measure}' has no value function")


def year_groups(ind: Indicator, data: YearData, settings: Settings) -> list[GroupPoint]:
    """The year's survey groups a threshold on a survey score prints (:func:`survey_groups`,
    against its level), made once per year and indicator (the headline's point asks them
    how it may be printed, the evaluation for their verdicts); none for other indicators."""
    spec, survey = ind.data, data.frame("staff_survey")
    if ind.kind != "threshold" or spec.measure != "survey_score" or survey is None:
        return []
    key = ("survey_groups", ind.id)
    kept = data.derived.get(key)
    if kept is None or kept[0] is not settings:
        level = (ind.threshold, ind.direction)
        groups = survey_groups(survey, spec.group_by, settings, data.frame("workforce"), level)  # type: ignore[arg-type]
        kept = data.derived[key] = (settings, groups)
    return kept[1]


def survey_groups(
    survey: pd.DataFrame,
    group_by: list[str],
    settings: Settings,
    workforce: pd.DataFrame | None = None,
    level: tuple[float, str] | None = None,
) -> list[GroupPoint]:
    """Mean EDI score with its t interval for each employee group (no value from too few
    people), corrected for the finite population where the group's staff in post are
    known from ``workforce`` (and at least its respondents; issue 24: 46 of 54
    ethnic-minority staff answered). ``level``: the threshold and direction each group's
    verdict is against, which the plan of what is published takes in (its sides)."""
    out: list[GroupPoint] = []
    scores = survey["edi_score"]
    answers = tuple(int((scores == k).sum()) for k in range(1, 8))
    headline = _headline(scores, settings, workforce)
    chars: list[tuple[int, int]] = []  # where each characteristic's groups are in ``out``
    for char in (c for c in group_by if c in survey.columns):  # a column left out: not collected
        first = len(out)
        for label, cats in groups_of(char, survey[char]).items():
            s = survey.loc[survey[char].isin(cats), "edi_score"].astype(float)
            name = f"{LABELS[char]}: {label}"
            counts = tuple(int((s == k).sum()) for k in range(1, 8))
            if len(s) < 2 or not base_allowed(len(s), settings.disclosure):
                # its number of answers is printed: the plan knows its answers too
                out.append(GroupPoint(name, None, None, None, len(s), answers=counts))
                continue
            staff, warning = None, None
            if workforce is not None and char in workforce.columns:
                staff = int(workforce[char].isin(cats).sum())
                if staff < len(s):  # the survey and the staff records disagree: said, and
                    # the interval left uncorrected (the wider, cautious one)
                    warning = (
                        f"staff survey: {len(s)} respondents gave '{name}' but the workforce "
                        f"file has {staff} such staff in post; its interval has no finite "
                        "population correction (check the survey's grouping and the snapshot)"
                    )
                    staff = None
            sd, n = float(s.std(ddof=1)), len(s)
            ci = mean_interval(s.mean(), sd, n, settings.progress.confidence, staff)
            out.append(
                GroupPoint(
                    name,
                    float(s.mean()),
                    ci.lower,
                    ci.upper,
                    n,
                    population=staff,
                    warning=warning,
                    # how many gave each answer: rule 6 needs to know (bounded_means)
                    answers=counts,
                )
            )
        chars.append((first, len(out)))
    return _planned(out, chars, len(survey), headline, answers, settings, level)


def _staff_in_post(respondents: int, workforce: pd.DataFrame | None) -> int | None:
    """The staff a survey's respondents are of (its finite population correction), where
    the workforce file has at least as many."""
    if workforce is None or len(workforce) < respondents:
        return None
    return len(workforce)


def _headline(
    scores: pd.Series, settings: Settings, workforce: pd.DataFrame | None
) -> tuple[float, float | None, float | None, int | None] | None:
    """The all-respondents mean's figures as :func:`point` makes them (mean, interval,
    staff in post), or None where it is not published (too few answers)."""
    if not base_allowed(len(scores), settings.disclosure) or len(scores) < 2:
        return None
    staff = _staff_in_post(len(scores), workforce)
    p = mean_point(None, scores, settings, True, staff)  # no year: only the figures count
    return p.value, p.lower, p.upper, staff  # type: ignore[return-value]


def _planned(
    groups: list[GroupPoint],
    chars: list[tuple[int, int]],
    respondents: int,
    headline: tuple[float, float | None, float | None, int | None] | None,
    answers: tuple[int, ...],
    settings: Settings,
    level: tuple[float, str] | None = None,
) -> list[GroupPoint]:
    """A survey's groups (each characteristic's from ``groups[a:b]`` for ``(a, b)`` of
    ``chars``), sharing the plan of how rule 6 lets their means be published, taken
    together with the headline (:class:`.survey_plan.GroupPlan`)."""
    means = tuple(
        tuple(
            GroupMean(g.group, g.n, g.value, g.lower, g.upper, g.population, g.answers or ())
            for g in groups[a:b]
        )
        for a, b in chars
    )
    plan = GroupPlan(
        means, respondents, answers, headline, settings.disclosure, settings.progress.confidence,
        level,
    )  # fmt: skip
    return [replace(g, plan=plan) for g in groups]


def proportion_groups(ind: Indicator, data: YearData, settings: Settings) -> list[GroupPoint]:
    """A single-group threshold on a proportion (e.g. senior appointments), as one group."""
    p = point(ind, data, settings)
    if p is None:
        return []
    return [
        GroupPoint(
            "All senior appointments" if ind.data.measure == "senior_appointments_share" else "All",
            p.value,
            p.lower,
            p.upper,
            p.denominator or 0,
            withheld=p.withheld,
        )
    ]


def stage(ind: Indicator, data: YearData | None) -> tuple[str | None, str]:
    """(stage, evidence) of a milestone in one year, or (None, "") when not updated."""
    row = None if data is None else data.first_row("actions", ind.id)
    if row is None:
        return None, ""
    evidence = row["evidence"]
    return row["stage"], (str(evidence) if pd.notna(evidence) else "")

"""Rule 6 over a whole survey (analysis/survey_joint.py), against the attacker written apart
(tests/attack_joint.py) on issue 28's audit of a 60-answer survey."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from attack_joint import Figures, bound_survey, pins

from equality_progress.analysis import (
    bounded_means,
    measures,
    survey_joint,
    survey_parts,
    survey_plan,
)
from equality_progress.analysis.bounded_means import headline_mean
from equality_progress.analysis.inference import fpc, t_value
from equality_progress.inputs.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "lcrca" / "2025-26"
CHARS = ["sex", "ethnicity", "disability", "sexual_orientation", "age_band"]
# the audit's 60 answers (its project C: the sample's first 60 respondents, scores drawn
# from 3 to 7 with probabilities .05, .1, .25, .3, .3, numpy's seed 12345)
AUDIT_60 = "557655656757646765754556575446767777676566575555365465565566"
# helper-33's project J (150 answers): the interval ends read one by one pin two counts
AUDIT_150 = (
    "6555766564371777357564467647456557667575573777357516774574565676665577767656465777"
    "73677666477575467475454756646747464767655777735636756577755477675756"
)


def published(
    scores: str, level: float | None = None, rows: list[int] | None = None
) -> tuple[Figures, dict[str, list[tuple[str, Figures]]], dict]:
    """The survey figures a report on these answers prints (headline and groups, each as
    rule 6 lets it), and every part's true answer counts; with ``level``, each group's
    verdict against it as evaluate prints it (a group whose mean is withheld keeps its
    verdict's side where rule 6 allows). The answers are the sample's first respondents',
    or those of its ``rows``."""
    from types import SimpleNamespace

    from equality_progress.analysis import evaluate, levels
    from equality_progress.analysis.change import Trend

    settings = load_settings(ROOT)
    survey = pd.read_csv(SAMPLE / "staff_survey.csv")
    survey = survey.head(len(scores)) if rows is None else survey.iloc[rows].reset_index()
    survey["edi_score"] = [int(c) for c in scores]
    workforce = pd.read_csv(SAMPLE / "workforce.csv")
    against = None if level is None else (level, "increase")
    groups = measures.survey_groups(survey, CHARS, settings, workforce, against)
    if level is not None:
        ind = SimpleNamespace(threshold=level, direction="increase")
        groups = [evaluate._verdict_safe(g, ind, settings) for g in groups]  # type: ignore[arg-type]
        _, groups = levels.assess_threshold(
            groups, level, "increase", "score", "survey", Trend("", ""), 0.95, settings.disclosure
        )
    s = survey["edi_score"]
    answers = tuple(int((s == k).sum()) for k in range(1, 8))
    m, lower, upper, staff = measures._headline(s, settings, workforce)
    shown = groups[0].plan.headline_shown  # as the year's groups let it be printed
    ends = (f"{lower:.2f}", f"{upper:.2f}") if shown.interval else (None, None)
    head = Figures(len(s), f"{m:.2f}" if shown.places else None, *ends, staff)
    truth = {("All respondents", k + 1): c for k, c in enumerate(answers)}
    chars: dict[str, list[tuple[str, Figures]]] = {}
    for g in groups:
        char = g.group.partition(": ")[0]
        chars.setdefault(char, [])
        p = g.shown
        if p is None or not (g.verdict if level is not None else p.places is not None):
            if g.n >= 5 and g.answers:  # no figure, but its number of answers
                chars[char].append((g.group, Figures(g.n)))
                truth |= {(g.group, k + 1): c for k, c in enumerate(g.answers)}
            continue  # withheld, mean and verdict
        mean = None if p.places is None else f"{g.value:.{p.places}f}"
        ends = (f"{g.lower:.2f}", f"{g.upper:.2f}") if p.interval else (None, None)
        figures = Figures(g.n, mean, *ends, g.population, g.verdict or None, level)
        chars[char].append((g.group, figures))
        truth |= {(g.group, k + 1): c for k, c in enumerate(g.answers)}
    for char, gs in chars.items():
        rest = [answers[k] - sum(truth[(name, k + 1)] for name, _ in gs) for k in range(7)]
        truth |= {(f"{char}: the rest", k + 1): c for k, c in enumerate(rest)}
    return head, chars, truth


def test_the_audits_survey_gives_answers_away_planned_characteristic_by_characteristic(
    monkeypatch: pytest.MonkeyPatch,
):
    """Planned one characteristic at a time (each group's own figures, then the totals
    subtraction leaves: issue 28's plan before this one), the audit's survey prints figures
    that together pin counts of 1 to 4 people."""
    monkeypatch.setattr(survey_plan, "plan_survey", lambda chars, shown, *a: (shown, 0))
    head, chars, truth = published(AUDIT_60)
    assert pins(bound_survey(head, chars), truth)


def test_planned_as_one_survey_nothing_is_pinned():
    head, chars, truth = published(AUDIT_60)
    assert pins(bound_survey(head, chars), truth) == []


def test_printed_interval_ends_are_read_one_by_one(monkeypatch: pytest.MonkeyPatch):
    """Helper-33's 150 answers: each printed end is the exact mean less or plus the
    half-width, to two places, which bounds a sum of squares more closely than the width
    alone. Read by its width (rule 6 before), the plan published figures that pin the
    men's 1s and the 35-49s' 1s to 0 to 4 (1 true each); read end by end, nothing."""
    head, chars, truth = published(AUDIT_150)
    assert pins(bound_survey(head, chars, truth), truth) == []
    monkeypatch.setattr(bounded_means, "printed_bounds", _by_width)
    monkeypatch.setattr(survey_parts, "printed_bounds", _by_width)
    monkeypatch.setattr(survey_plan, "printed_bounds", _by_width)
    head, chars, truth = published(AUDIT_150)
    assert pins(bound_survey(head, chars, truth), truth)


def _by_width(n, mean, lower, upper, places, confidence, population):  # noqa: ANN001, ANN202
    """An interval read by its width alone (the half-width within 0.005 of half of it)."""
    half = 0.5 * 10**-places
    sums = range(math.ceil(n * (mean - half) - 1e-9), math.floor(n * (mean + half) + 1e-9) + 1)
    if lower is None or upper is None or n < 2:
        return sums, None
    t = t_value(confidence, n - 1) * math.sqrt(fpc(n, population))
    width = (upper - lower) / 2
    lo, hi = max(0.0, width - 0.005) * math.sqrt(n) / t, (width + 0.005) * math.sqrt(n) / t
    return sums, lambda total: ((n - 1) * lo**2 + total**2 / n, (n - 1) * hi**2 + total**2 / n)


def test_a_part_everyone_of_which_gave_one_answer_is_exposed():
    """The whole survey's programme reads a group disclosure as the group's own check does
    (bounded_means): 11 of 30 who all answered 6, printed with their interval, are
    exposed; printed by their mean alone, not."""
    rules = load_settings(ROOT).disclosure
    answers = (0, 0, 0, 2, 9, 12, 7)  # all 30: 11 sixes in the group, the rest 19
    whole = survey_parts.Part.unknown(30, answers)
    six = (0, 0, 0, 0, 0, 11, 0)
    rest = tuple(a - b for a, b in zip(answers, six, strict=True))
    with_interval = bounded_means.printed_bounds(11, 6.0, 6.0, 6.0, 2, 0.95, None)
    mean_alone = bounded_means.printed_bounds(11, 6.0, None, None, 2, 0.95, None)
    for (sums, squares), exposed in ((with_interval, True), (mean_alone, False)):
        group = survey_parts.Part(11, sums, squares, six)
        parts = [[group, survey_parts.Part.unknown(19, rest)]]
        assert (survey_joint.exposed_part(whole, parts, rules) == (0, 0)) is exposed


# helper-34's case (its seed 1012): 41 answers; the 35 White British print no mean but
# "Below, not clearly" 6.0, so their total is at most 209; with the headline's 5.80 (238)
# the 6 ethnic-minority staff (too few to publish) total at least 29, which leaves 0 to 3
# of them who answered 3 (1 true)
SIDES_41 = "35755555757755567556557777775555577775765"
# helper-34's seed 1133: 40 White British at no mean, "At or above" 6.0; the programme read
# the sexes' 1s and 2s as 0 but kept a most seen before it did, and let the 6 ethnic-minority
# staff's 7s through at 0 to 4 (2 true)
SIDES_46 = "5776656356676667667774655566666666677766776567"


def test_a_verdicts_side_beside_a_withheld_mean_is_in_the_survey_programme(
    monkeypatch: pytest.MonkeyPatch,
):
    """Planned without the verdicts' sides (the plan before helper-34's audit), the
    survey's figures and verdicts pin the ethnic-minority 3s; planned with them, nothing."""
    for scores in (SIDES_41, SIDES_46):
        head, chars, truth = published(scores, 6.0)
        assert pins(bound_survey(head, chars, truth), truth) == []
    plan = survey_joint.plan_survey
    monkeypatch.setattr(survey_plan, "plan_survey", lambda *a: plan(*a[:5], None, *a[6:]))
    head, chars, truth = published(SIDES_41, 6.0)
    sides = [name for gs in chars.values() for name, f in gs if f.mean is None]
    assert "Ethnicity: White British" in sides  # a verdict with no mean beside it
    assert "Ethnicity: Ethnic minority answer 3: 0 to 3 (1 true)" in pins(
        bound_survey(head, chars, truth), truth
    )


def test_a_group_that_prints_nothing_is_a_part_of_its_own(monkeypatch: pytest.MonkeyPatch):
    """helper-34's audit (its seed 1190): 48 answers, all 7. The sexes printed "7.0" (at
    most one of 25 and one of 23 not a 7), so of the 6 ethnic-minority staff, who print
    only their number, at least 4 answered 7. The plan took a characteristic whose groups
    print nothing as one rest of everyone; each group is now a part of its own."""
    head, chars, truth = published("7" * 48)
    assert pins(bound_survey(head, chars, truth), truth) == []


# helper-34's seed 1228: 27 answers of 4 to 6, the sample's respondents in these rows
HEADLINE_27 = "664664545546555656646665664"
ROWS_27 = [61, 72, 87, 112, 139, 177, 221, 227, 249, 324, 356, 360, 364, 421, 438, 454, 461]
ROWS_27 += [487, 500, 513, 536, 553, 558, 561, 587, 590, 594]


def test_the_headline_publishes_less_where_no_group_prints_anything_left(
    monkeypatch: pytest.MonkeyPatch,
):
    """Every group's figures withheld, the headline 5.26 with its interval (4.94 to 5.58)
    still fixed all 27 answers (6 fours, 8 fives, 13 sixes), and less the 3 disabled staff
    (whose number is printed) left the 24 others' fours at 3 to 6: a count of 3 or 4 that
    the plan could only log. It now withholds the headline's interval there."""
    head, chars, truth = published(HEADLINE_27, 6.0, ROWS_27)
    assert head.mean == "5.26" and head.lower is None  # its mean alone
    assert all(f.mean is None and f.verdict is None for gs in chars.values() for _, f in gs)
    assert pins(bound_survey(head, chars, truth), truth) == []
    monkeypatch.setattr(survey_plan.GroupPlan, "headline_shown", property(_own_check))
    head, chars, truth = published(HEADLINE_27, 6.0, ROWS_27)
    assert (head.lower, head.upper) == ("4.94", "5.58")
    assert "Disability: Not disabled answer 4: 3 to 6 (5 true)" in pins(
        bound_survey(head, chars, truth), truth
    )


def _own_check(plan: survey_plan.GroupPlan) -> bounded_means.PublishedMean:
    """The headline as its own check alone lets it be printed (the plan before)."""
    assert plan.headline is not None
    m, lower, upper, staff = plan.headline
    rules, confidence = plan.rules, plan.confidence
    return headline_mean(plan.respondents, m, lower, upper, rules, confidence, staff, plan.answers)

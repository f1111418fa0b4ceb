"""Rule 6 over a survey's groups taken together (issue 28): a characteristic's groups and
the all-respondents mean are one system, since the headline's total less the published
groups' totals is the total of everyone they leave out (:func:`plan_group_means`), and a
group's verdict against a level says on which side of it its total lies
(:func:`verdict_safe`). Each question is :mod:`.bounded_means`'s, asked of a total.
Pure: no I/O."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from equality_progress.analysis.bounded_means import (
    PublishedMean,
    headline_mean,
    printed_bounds,
    printed_end,
    publishable_mean,
    total_exposes,
)
from equality_progress.analysis.survey_joint import GroupMean, Part, plan_survey
from equality_progress.inputs.settings import DisclosureSettings


def plan_group_means(
    groups: Sequence[GroupMean],
    respondents: int,
    headline: float | None,
    answers: tuple[int, ...],
    rules: DisclosureSettings,
    confidence: float = 0.95,
) -> dict[str, PublishedMean]:
    """How each group's mean of one characteristic is published: each as rule 6 allows on
    its own (:func:`publishable_mean`), then, while the answers of everyone the published
    means leave out (the withheld groups, those too small to publish and those who did not
    say) are exposed by their total, the published mean of the smallest group withheld too.
    That total is the headline's (``respondents`` times ``headline``, the all-respondents
    mean as printed, None where withheld) less each published group's (its number of
    answers times its mean as printed), each within half a unit of its last place (issue
    28's audit of a 30-answer survey: 30 x 6.47 - 16 x 6.38 left the 14 women's 92, a mean
    of 6.57 that rule 6 had withheld). ``answers``: how many of all respondents gave each
    answer. A reader is taken to know every group's number of answers."""
    shown = {
        g.name: publishable_mean(
            g.n, g.mean, g.lower, g.upper, rules, confidence, g.population, g.answers
        )
        if g.mean is not None
        else PublishedMean(None, False)
        for g in groups
    }
    if headline is None:
        return shown
    while True:
        published = [g for g in groups if shown[g.name].places is not None]
        rest_n = respondents - sum(g.n for g in published)
        if rest_n <= 0 or not published:
            return shown
        lo, hi = total_range(respondents, headline, 2)
        for g in published:
            g_lo, g_hi = total_range(g.n, g.mean, shown[g.name].places)  # type: ignore[arg-type]
            lo, hi = lo - g_hi, hi - g_lo
        rest = tuple(a - sum(g.answers[i] for g in published) for i, a in enumerate(answers))
        if not total_exposes(rest_n, lo, hi, rules, rest):
            return shown
        smallest = min(published, key=lambda g: (g.n, g.name))
        shown[smallest.name] = PublishedMean(None, False)


@dataclass(frozen=True, eq=False)
class GroupPlan:
    """A survey's groups, characteristic by characteristic, with the headline they are
    published beside, planned when first asked: each characteristic on its own
    (:func:`plan_group_means`), then the whole survey as one programme
    (:func:`.survey_joint.plan_survey`). A report asks for this year's groups only, while
    last year's evaluation makes its groups too, for their statuses. ``headline``: the
    all-respondents mean with its interval and staff in post, or None where the report
    does not publish it."""

    characteristics: tuple[tuple[GroupMean, ...], ...]
    respondents: int
    answers: tuple[int, ...]
    headline: tuple[float, float | None, float | None, int | None] | None
    rules: DisclosureSettings
    confidence: float

    @functools.cached_property
    def decisions(self) -> dict[str, PublishedMean]:
        mean, whole = None, Part.unknown(self.respondents, self.answers)
        if self.headline is not None:
            m, lower, upper, staff = self.headline
            shown = headline_mean(
                self.respondents, m, lower, upper, self.rules, self.confidence, staff,
                self.answers,
            )  # fmt: skip
            if shown.places is not None:  # as the headline is printed, or not
                mean = m
                lower, upper = (lower, upper) if shown.interval else (None, None)
                sums, squares = printed_bounds(
                    self.respondents, round(m, 2), printed_end(lower), printed_end(upper), 2,
                    self.confidence, staff,
                )  # fmt: skip
                whole = Part(self.respondents, sums, squares, self.answers)
        each: dict[str, PublishedMean] = {}
        for groups in self.characteristics:
            each |= plan_group_means(
                groups, self.respondents, mean, self.answers, self.rules, self.confidence
            )
        return plan_survey(self.characteristics, each, whole, self.rules, self.confidence)


def side_totals(n: int, threshold: float, direction: str, meets: bool) -> tuple[int, int]:
    """The totals of ``n`` answers on 1-7 whose mean is on the side of ``threshold`` a
    verdict names: at or above it (``meets``, a level to reach), below it; at or below it
    (``meets``, a level not to pass, direction "decrease"), above it."""
    edge = threshold * n
    if direction != "decrease":
        first = math.ceil(edge - 1e-9)
        return (first, 7 * n) if meets else (n, first - 1)
    last = math.floor(edge + 1e-9)
    return (n, last) if meets else (last + 1, 7 * n)


def count_ranges(n: int, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """Each answer's least and most count over every ``n`` whole answers on 1-7 whose total
    lies between ``lo`` and ``hi`` (None if none does), in closed form: ``x`` people giving
    answer ``j`` leave ``n - x`` whose answers (the other six) can make any total from their
    least to their most, once there are two of them; one can make only its six values."""
    x = np.arange(n + 1)
    rest = n - x
    out = []
    for j in range(1, 8):
        others = [v for v in range(1, 8) if v != j]
        low, high = j * x + others[0] * rest, j * x + others[-1] * rest
        ok = (low <= hi) & (high >= lo)
        ok[n] = lo <= j * n <= hi
        if n >= 1:
            ok[n - 1] = any(lo <= j * (n - 1) + v <= hi for v in others)
        if not ok.any():
            return None
        out.append((int(x[ok].min()), int(x[ok].max())))
    return out


def verdict_safe(
    n: int,
    threshold: float,
    direction: str,
    printed: tuple[float, float] | None,
    rules: DisclosureSettings,
) -> bool:
    """Whether a group's verdict against a level may be published whichever side it names:
    the printed mean (its total within ``printed``; None where withheld) already says the
    side, or on each side every answer's count still spans ``protection_width``. The answer
    depends on the number of answers, the level and the printed mean only, so that a
    withheld verdict says nothing of its side (issue 28's re-audit: a verdict withheld only
    where "at or above" was exposing told a reader it was at or above)."""
    lo, hi = 0, 7 * n
    if printed is not None:
        lo, hi = math.ceil(printed[0] - 1e-9), math.floor(printed[1] + 1e-9)
    sides = [side_totals(n, threshold, direction, meets) for meets in (True, False)]
    cuts = [(max(lo, a), min(hi, b)) for a, b in sides]
    if printed is not None and any(a > b for a, b in cuts):
        return True  # every total the printed mean allows is on one side
    for a, b in cuts:
        ranges = count_ranges(n, a, b)
        if ranges is not None and any(
            most - least < rules.protection_width for least, most in ranges
        ):
            return False
    return True


def total_range(n: int, mean: float, places: int) -> tuple[float, float]:
    """The total of ``n`` answers whose mean prints as ``round(mean, places)``."""
    half = 0.5 * 10**-places
    shown = round(mean, places)
    return n * (shown - half), n * (shown + half)

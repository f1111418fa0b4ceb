"""Rule 6 of :mod:`.disclosure`: a mean on a bounded whole-number scale (a 1-7 survey
score), printed with its interval and number of answers, can fix how many gave each answer.
Integer programming (HiGHS via :func:`scipy.optimize.milp`) bounds each answer's count over
every distribution of whole answers the printed figures allow; the thresholds are the
disclosure rules' (``params/settings.yaml``), passed in. Pure: no I/O."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from equality_progress.analysis.inference import fpc, t_value
from equality_progress.inputs.settings import DisclosureSettings


def _answer_exposed(
    n: int,
    sums: range,
    q_bounds: Callable[[int], tuple[float, float]] | None,
    scale: Sequence[int],
    rules: DisclosureSettings,
) -> bool:
    """Whether some answer on ``scale`` was certainly given by 1 to ``min_count - 1`` of
    ``n`` people, within a range narrower than ``protection_width``, over every
    distribution of whole answers whose total is one of ``sums`` and (when ``q_bounds`` is
    given) whose sum of squares lies within ``q_bounds(total)``.

    One integer programme (HiGHS via :func:`scipy.optimize.milp`) holds every total at
    once, one binary variable choosing it, so that the bounds on the sum of squares, which
    depend on the total, stay linear. Each answer's least count is found first; an answer
    some solution leaves at 0 is cleared without a solve of its own; the most only for an
    answer still in question."""
    k = np.array(scale, dtype=float)
    totals = np.array(list(sums), dtype=float)
    m, t = len(k), len(totals)
    # variables: the counts of each answer, then one binary per total
    rows = [np.r_[np.ones(m), np.zeros(t)], np.r_[np.zeros(m), np.ones(t)], np.r_[k, -totals]]
    lo, hi = [n, 1, 0], [n, 1, 0]
    if q_bounds is not None:
        q = np.array([q_bounds(int(x)) for x in totals])
        rows += [np.r_[k * k, -q[:, 0]], np.r_[k * k, -q[:, 1]]]
        lo += [0, -np.inf]
        hi += [np.inf, 0]
    cons = LinearConstraint(np.array(rows), np.array(lo), np.array(hi))
    integ = np.ones(m + t)
    bounds = Bounds(np.zeros(m + t), np.r_[np.full(m, n), np.ones(t)])
    cleared: set[int] = set()  # answers some distribution leaves at 0

    def solve(sign: float, i: int) -> float | None:
        c = np.zeros(m + t)
        c[i] = sign
        res = milp(c, constraints=cons, integrality=integ, bounds=bounds)
        if res.status != 0:
            return None
        cleared.update(j for j in range(m) if round(res.x[j]) == 0)
        return sign * res.fun

    if solve(1.0, 0) is None:
        return False  # no distribution of whole answers prints as these figures
    for i in range(m):
        if i in cleared:
            continue
        least = round(solve(1.0, i))  # type: ignore[arg-type]
        if not 1 <= least < rules.min_count:
            continue
        if round(solve(-1.0, i)) - least < rules.protection_width:  # type: ignore[arg-type]
            return True
    return False


def mean_exposes(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    rules: DisclosureSettings,
    places: int = 2,
    scale: Sequence[int] = range(1, 8),
    confidence: float = 0.95,
    population: int | None = None,
) -> bool:
    """True when a mean of ``n`` whole answers on ``scale``, printed to ``places`` with its
    Student's t interval (or none), tells a reader that 1 to ``min_count - 1`` people
    certainly gave some answer, within a range narrower than ``protection_width`` (rule 6).
    Unlike a withheld cell, an answer's count may truly be 0, so a range from 0 ("at most 3
    people answered 1") names no one and is not an exposure. The printed figures are taken as
    rounded: the total of the answers lies within half a unit of the last place of
    ``n * mean``; the standard deviation within what the rounded interval ends allow (with
    the finite population correction the interval had, ``population`` staff in post being
    published too)."""
    half = 0.5 * 10**-places
    sums = range(math.ceil(n * (mean - half) - 1e-9), math.floor(n * (mean + half) + 1e-9) + 1)
    q_bounds = None
    if lower is not None and upper is not None and n > 1:
        t = t_value(confidence, n - 1) * math.sqrt(fpc(n, population))
        width = (upper - lower) / 2
        sd_lo = max(0.0, width - half) * math.sqrt(n) / t
        sd_hi = (width + half) * math.sqrt(n) / t

        def q_bounds(total: int) -> tuple[float, float]:
            return (n - 1) * sd_lo**2 + total**2 / n, (n - 1) * sd_hi**2 + total**2 / n

    return _answer_exposed(n, sums, q_bounds, list(scale), rules)


@dataclass(frozen=True)
class PublishedMean:
    """How a mean on a bounded scale is published: its places and whether its interval is."""

    places: int | None  # None: the mean is withheld
    interval: bool


def publishable_mean(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    rules: DisclosureSettings,
    confidence: float = 0.95,
    population: int | None = None,
) -> PublishedMean:
    """The most a mean of ``n`` 1-7 answers can show without exposing an answer's count
    (rule 6): two places with its interval; else two places alone; else one place; else
    nothing. Worked out once per set of figures (a report shows a group's mean twice)."""
    return _publishable(
        n, round(mean, 2), _r(lower), _r(upper), rules.min_count, rules.protection_width,
        confidence, population,
    )  # fmt: skip


@functools.lru_cache(maxsize=1024)
def _publishable(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    min_count: int,
    width: int,
    confidence: float,
    population: int | None = None,
) -> PublishedMean:
    rules = DisclosureSettings(min_count=min_count, protection_width=width)
    for places, interval in ((2, True), (2, False), (1, False)):
        lo, hi = (lower, upper) if interval else (None, None)
        shown = round(mean, places)
        if not mean_exposes(
            n, shown, lo, hi, rules, places, confidence=confidence, population=population
        ):
            return PublishedMean(places, interval)
    return PublishedMean(None, False)


def _r(v: float | None) -> float | None:
    return None if v is None else round(v, 2)

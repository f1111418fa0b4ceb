"""Rule 6 of :mod:`.disclosure`: a mean on a bounded whole-number scale (a 1-7 survey
score), printed with its interval and number of answers, can fix how many gave each answer.
Integer programming (HiGHS, :mod:`.programmes`) bounds each answer's count over
every distribution of whole answers the printed figures allow; the thresholds are the
disclosure rules' (``params/settings.yaml``), passed in. Pure: no I/O."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from equality_progress.analysis.inference import fpc, t_value
from equality_progress.analysis.programmes import OPTIMAL, QUIET, highs, program, solver
from equality_progress.inputs.settings import DisclosureSettings


class _Distributions:
    """Every distribution of ``n`` whole answers on ``scale`` whose total is one of ``sums``
    and (when ``q_bounds`` is given) whose sum of squares lies within ``q_bounds(total)``:
    one integer programme (HiGHS, :mod:`.programmes`) holding every total at once, one
    binary variable choosing it, so that the bounds on the sum of squares, which depend on
    the total, stay linear; and its linear relaxation. Only the objective changes between
    solves. ``seen`` holds each answer's least and most count over the distributions found
    so far (by the integer programme, or by rounding the relaxation's optimum)."""

    def __init__(
        self,
        n: int,
        sums: range,
        q_bounds: Callable[[int], tuple[float, float]] | None,
        scale: Sequence[int],
    ) -> None:
        self.n, self.sums, self.k = n, sums, np.array(scale, dtype=float)
        k, totals = self.k, np.array(list(sums), dtype=float)
        m, t = len(k), len(totals)
        # variables: the counts of each answer, then one binary per total
        rows = [np.r_[np.ones(m), np.zeros(t)], np.r_[np.zeros(m), np.ones(t)], np.r_[k, -totals]]
        lo, hi = [n, 1, 0], [n, 1, 0]
        if q_bounds is None and t:  # no sum of squares: the totals are one range, no binaries
            # (a side of a threshold is hundreds of totals)
            t, rows = 0, [np.ones(m), k]
            lo, hi = [n, sums.start], [n, sums.stop - 1]
        self.q = None if q_bounds is None else np.array([q_bounds(int(x)) for x in totals])
        if self.q is not None:
            rows += [np.r_[k * k, -self.q[:, 0]], np.r_[k * k, -self.q[:, 1]]]
            lo += [0, -np.inf]
            hi += [np.inf, 0]
        lower, upper = np.array(lo, dtype=float), np.array(hi, dtype=float)
        # the relaxation's sums of squares widened past any tolerance HiGHS's MIP allows, so
        # that its optimum bounds every distribution the integer programme could accept
        slack = np.r_[0, 0, 0, 0.5, 0.5][: len(lower)]
        most = np.full(m, float(n))
        lp = program(np.zeros(m + t), np.array(rows), lower - slack, upper + slack,
                     np.r_[most, np.ones(t)])  # fmt: skip
        self.relaxed = solver(lp, QUIET)
        lp.row_lower_, lp.row_upper_ = lower, upper
        lp.integrality_ = [highs.HighsVarType.kInteger] * (m + t)
        self.whole = solver(lp, QUIET)
        self.cols = np.arange(m + t, dtype=np.int32)
        self.most = most
        self.seen = np.array([[np.inf] * m, [-np.inf] * m])
        self.found = np.zeros((0, m))  # every allowed distribution found so far

    def fix_zero(self, zero: frozenset[int]) -> None:
        """Fix these answers' counts at 0 in both programmes (bounds only: the models are
        kept); what was found stays found where it has those zeros."""
        cols = np.array(sorted(zero), dtype=np.int32)
        nil = np.zeros(len(cols))
        for model in (self.relaxed, self.whole):
            model.changeColsBounds(len(cols), cols, nil, nil)
        self.most[cols] = 0
        keep, m = self.found[(self.found[:, cols] == 0).all(axis=1)], len(self.k)
        self.found, self.seen = np.zeros((0, m)), np.array([[np.inf] * m, [-np.inf] * m])
        self._found(keep)

    def allowed(self, xs: np.ndarray) -> np.ndarray:
        """Which rows of whole counts ``xs`` are distributions allowed (exactly)."""
        total = xs @ self.k
        ok = (xs.sum(axis=1) == self.n) & (total >= self.sums.start) & (total < self.sums.stop)
        ok &= (xs <= self.most).all(axis=1)
        if self.q is not None:
            q = self.q[np.clip(total - self.sums.start, 0, len(self.q) - 1).astype(int)]
            square = xs @ (self.k * self.k)
            ok &= (q[:, 0] <= square) & (square <= q[:, 1])
        return ok

    def _found(self, xs: np.ndarray) -> None:
        if len(xs):
            self.found = np.vstack([self.found, xs])
            self.seen[0] = np.minimum(self.seen[0], xs.min(axis=0))
            self.seen[1] = np.maximum(self.seen[1], xs.max(axis=0))

    def extreme(self, sign: float, i: int, enough: Callable[[int], bool]) -> int | None:
        """The least (sign 1) or most (-1) count of answer ``i``, None if no distribution
        is allowed; or the relaxation's bound on it (a floor or a ceiling) when ``enough``
        says that bound decides. The integer programme is solved only when no rounding of
        the relaxation's optimum is an allowed distribution attaining that bound."""
        cost = sign * np.eye(len(self.cols))[i]
        for model in (self.relaxed, self.whole):
            model.changeColsCost(len(self.cols), self.cols, cost)
            model.run()
            if model.getModelStatus() != OPTIMAL:
                if model is self.whole:
                    return None
                continue  # the integer programme decides
            value = sign * model.getInfo().objective_function_value
            x = np.asarray(model.getSolution().col_value)[: len(self.k)]
            if model is self.whole:
                self._found(np.round(x)[None])
                return round(value)
            edge = math.ceil(value - 1e-6) if sign > 0 else math.floor(value + 1e-6)
            xs = _roundings(x)
            xs = xs[self.allowed(xs)]
            self._found(xs)
            if (xs[:, i] == edge).any() or enough(edge):
                return edge
        return None


def _reaches(d: _Distributions, i: int, level: int) -> bool:
    """Whether some allowed distribution has at least ``level`` giving answer ``i``: a
    feasibility question, cheaper than its maximum (the integer programme stops at its first
    solution); the relaxation first (no solution: none), then its roundings."""
    if d.seen[1][i] >= level:
        return True
    if d.most[i] < level:
        return False
    col = np.array([i], dtype=np.int32)
    nil = np.zeros(len(d.cols))
    for model in (d.relaxed, d.whole):
        model.changeColsCost(len(d.cols), d.cols, nil)
        model.changeColsBounds(1, col, np.array([float(level)]), d.most[col])
        model.run()
        ok = model.getModelStatus() == OPTIMAL
        x = np.asarray(model.getSolution().col_value)[: len(d.k)] if ok else None
        model.changeColsBounds(1, col, np.zeros(1), d.most[col])
        if not ok:
            return False  # the relaxation has none: nor has the integer programme
        if model is d.whole:
            d._found(np.round(x)[None])
            return True
        xs = _roundings(x)
        xs = xs[d.allowed(xs) & (xs[:, i] >= level)]
        d._found(xs)
        if len(xs):
            return True  # a rounding of the relaxation's solution is one: no integer solve
    return False


def _roundings(x: np.ndarray) -> np.ndarray:
    """Every way of rounding each fractional count of ``x`` down or up (at most 2**8)."""
    base = np.round(x)
    frac = np.flatnonzero(np.abs(x - base) > 1e-9)[:8]
    base[frac] = np.floor(x[frac])
    ups = (np.arange(2 ** len(frac))[:, None] >> np.arange(len(frac))) & 1
    out = np.repeat(base[None], len(ups), axis=0)
    out[:, frac] += ups
    return out


def _answer_exposed(
    n: int,
    sums: range,
    q_bounds: Callable[[int], tuple[float, float]] | None,
    scale: Sequence[int],
    rules: DisclosureSettings,
    small_truth: frozenset[int] = frozenset(),
    everyone: int | None = None,
) -> bool:
    """Whether the figures show that everyone gave one answer (``everyone``: its index, where
    the truth is so; a group disclosure, :func:`_all_one_answer`), or whether some answer
    on ``scale`` was certainly given by 1 to ``min_count - 1`` of
    ``n`` people, within a range narrower than ``protection_width`` (or, for an answer whose
    true count is 1 to ``min_count - 1``, the indices ``small_truth``, within any range
    narrower than that, from 0 too: issue 28's attack read "0 to 3 answered 5" of a group
    whose 3 fives were true), over every
    distribution of whole answers whose total is one of ``sums`` and (when ``q_bounds`` is
    given) whose sum of squares lies within ``q_bounds(total)`` (:class:`_Distributions`).

    Every distribution found is one the figures allow, so an answer one of them leaves at 0
    needs no solve, nor the most of one whose distributions found already span
    ``protection_width``; nor the least of one whose relaxation already needs ``min_count``
    people."""
    d = _Distributions(n, sums, q_bounds, scale)
    if everyone is not None and _all_one_answer(d, everyone):
        return True
    zero: frozenset[int] = frozenset()
    while True:
        exposed, narrow = _one_pass(d, rules, small_truth, zero)
        if exposed:
            return True
        if narrow <= zero:
            return False
        zero |= narrow  # what a reader who knows this rule infers from its publication
        d.fix_zero(zero)


def _all_one_answer(d: _Distributions, i: int) -> bool:
    """Whether every distribution the figures allow has all ``n`` giving answer ``i``: a
    group disclosure ("6.00, 6.00 to 6.00, 11": every one of 11 disabled staff answered 6;
    issue 28's audit), which names no count of 1 to 4 but tells a reader each member's
    answer (attribute disclosure: FCSM Statistical Policy Working Paper 22, 2005, ch. 2;
    the GSS calls it group disclosure). The relaxation's floor decides where it is ``n``."""
    least = d.extreme(1.0, i, lambda v: v >= d.n)
    return least is not None and least >= d.n


def _one_pass(
    d: _Distributions,
    rules: DisclosureSettings,
    small_truth: frozenset[int],
    zero: frozenset[int],
) -> tuple[bool, frozenset[int]]:
    """Whether some answer is exposed (see :func:`_answer_exposed`); else the answers whose
    range from 0 is narrower than ``protection_width``. Those are truly 0 (had 1 to
    ``min_count - 1`` given them, the figure would be withheld), so a reader who knows the
    rule learns they are 0 from the figure's publication: the caller fixes them at 0 and
    looks again (issue 28's re-attack: LCRCA 2025-26's disabled group, 58 answers, its 4s
    0 to 1 and so 0, which left its 5s at 3 to 5, and 4 was true)."""
    first = d.extreme(1.0, 0, lambda _: False)
    if first is None:
        return False, frozenset()  # no distribution of whole answers prints as these figures
    narrow = set(zero)
    for i in range(len(d.k)):
        if i in zero:
            continue  # fixed at 0
        if d.seen[0][i] == 0:
            least = 0
        else:
            least = first if i == 0 else d.extreme(1.0, i, lambda v: v >= rules.min_count)
        assert least is not None  # some distribution is allowed: the first
        if least >= rules.min_count:
            continue
        if d.seen[1][i] - least >= rules.protection_width:
            continue
        if least == 0 and i not in small_truth:  # only whether it is narrow (then truly 0)
            if not _reaches(d, i, rules.protection_width):
                narrow.add(i)
            continue
        most = d.extreme(-1.0, i, lambda v: v - least < rules.protection_width)  # noqa: B023
        assert most is not None
        if most - least < rules.protection_width:
            return True, frozenset()
    return False, frozenset(narrow)


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
    truth: Sequence[int] | None = None,
) -> bool:
    """True when a mean of ``n`` whole answers on ``scale``, printed to ``places`` with its
    Student's t interval (or none), tells a reader that 1 to ``min_count - 1`` people
    certainly gave some answer, within a range narrower than ``protection_width`` (rule 6).
    An answer's count may truly be 0, so a range from 0 ("at most 3 people answered 1")
    names no one, unless ``truth`` (each answer's true count, in the order of ``scale``)
    says 1 to ``min_count - 1`` gave it: then a range from 0 narrower than
    ``protection_width`` pins them as rule 4 would a withheld count. Where ``truth`` says
    everyone gave one answer, also true when the figures show it (a group disclosure:
    "6.00, 6.00 to 6.00, 11"). The printed figures
    are taken as rounded: the total of the answers lies within half a unit of the last place of
    ``n * mean``; the standard deviation within what the rounded interval ends allow (with
    the finite population correction the interval had, ``population`` staff in post being
    published too)."""
    sums, q_bounds = printed_bounds(n, mean, lower, upper, places, confidence, population)
    small = frozenset(i for i, c in enumerate(truth or ()) if 1 <= c < rules.min_count)
    return _answer_exposed(n, sums, q_bounds, list(scale), rules, small, _everyone(n, truth))


def _everyone(n: int, truth: Sequence[int] | None) -> int | None:
    """The answer all ``n`` gave (its index), where the truth is so."""
    return next((i for i, c in enumerate(truth or ()) if c == n and n > 0), None)


def printed_bounds(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    places: int,
    confidence: float,
    population: int | None,
) -> tuple[range, Callable[[int], tuple[float, float]] | None]:
    """What a mean of ``n`` whole answers printed to ``places`` (and its Student's t
    interval, or none) says of them: the totals it allows (within half a unit of the last
    place of ``n * mean``; with an interval, also within half a unit of two places of the
    midpoint of its printed ends), and for each total the least and most sum of squares
    the interval allows: each printed end is the exact mean (the total over ``n``) less or
    plus the half-width, rounded to two places, so the half-width lies within 0.005 of
    both distances (issue 28's audit of this stop: the width alone let 1 to 4 of 79 men's
    1s through). The half-width is t s / sqrt(n) with the finite population correction it
    had (``population`` staff in post being published too; Cochran 1977, 2.12), and the
    sum of squares is ``(n - 1) * s**2 + total**2 / n``."""
    half = 0.5 * 10**-places
    lo = math.ceil(n * (mean - half) - 1e-9)
    hi = math.floor(n * (mean + half) + 1e-9)
    if lower is None or upper is None or n < 2:
        return range(lo, hi + 1), None
    mid = (lower + upper) / 2  # each end within 0.005, so the mean within 0.005 of this
    lo = max(lo, math.ceil(n * (mid - 0.005) - 1e-9))
    hi = min(hi, math.floor(n * (mid + 0.005) + 1e-9))
    c = math.sqrt(n) / (t_value(confidence, n - 1) * math.sqrt(fpc(n, population)))

    def q_bounds(total: int) -> tuple[float, float]:
        m = total / n
        h_lo = max(0.0, upper - 0.005 - m, m - lower - 0.005)
        h_hi = max(0.0, min(upper + 0.005 - m, m - lower + 0.005))
        return (n - 1) * (h_lo * c) ** 2 + total**2 / n, (n - 1) * (h_hi * c) ** 2 + total**2 / n

    return range(lo, hi + 1), q_bounds


@dataclass(frozen=True)
class PublishedMean:
    """How a mean on a bounded scale is published: its places and whether its interval is."""

    places: int | None  # None: the mean is withheld
    interval: bool
    # whether its verdict's side of a level may be printed, as the whole survey's plan
    # finds (survey_joint.plan_survey); the group's own rule is survey_sides.side_shown
    side: bool = True


def publishable_mean(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    rules: DisclosureSettings,
    confidence: float = 0.95,
    population: int | None = None,
    answers: tuple[int, ...] | None = None,
) -> PublishedMean:
    """The most a mean of ``n`` 1-7 answers can show without exposing an answer's count
    (rule 6): two places with its interval; else two places alone; else one place; else
    nothing. ``answers``: how many gave each answer (see :func:`mean_exposes`'s ``truth``).
    Worked out once per set of figures (a report shows a group's mean twice)."""
    return _publishable(
        n, round(mean, 2), printed_end(lower), printed_end(upper), rules.min_count,
        rules.protection_width, confidence, population, answers,
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
    answers: tuple[int, ...] | None = None,
) -> PublishedMean:
    rules = DisclosureSettings(min_count=min_count, protection_width=width)
    for places, interval in ((2, True), (2, False), (1, False)):
        lo, hi = (lower, upper) if interval else (None, None)
        shown = round(mean, places)
        if not mean_exposes(
            n, shown, lo, hi, rules, places, confidence=confidence, population=population,
            truth=answers,
        ):  # fmt: skip
            return PublishedMean(places, interval)
    return PublishedMean(None, False)


def printed_end(v: float | None) -> float | None:
    """An interval's end as the report prints it (two places)."""
    return None if v is None else round(v, 2)


def total_exposes(
    n: int, lo: float, hi: float, rules: DisclosureSettings, truth: Sequence[int]
) -> bool:
    """Whether ``n`` whole answers on 1-7 with a total between ``lo`` and ``hi`` expose an
    answer's count (as :func:`mean_exposes`, with no interval)."""
    sums = range(max(n, math.ceil(lo - 1e-9)), min(7 * n, math.floor(hi + 1e-9)) + 1)
    small = frozenset(i for i, c in enumerate(truth) if 1 <= c < rules.min_count)
    return _answer_exposed(n, sums, None, list(range(1, 8)), rules, small, _everyone(n, truth))


def headline_mean(
    n: int,
    mean: float,
    lower: float | None,
    upper: float | None,
    rules: DisclosureSettings,
    confidence: float,
    population: int | None,
    answers: tuple[int, ...],
) -> PublishedMean:
    """How an all-respondents mean is published (rule 6): as :func:`publishable_mean`
    says, but never to one place (the card, chart and open data print a headline to two),
    so withheld where a group's mean would be cut to one."""
    shown = publishable_mean(n, mean, lower, upper, rules, confidence, population, answers)
    return shown if shown.places == 2 else PublishedMean(None, False)


def printed_mean(mean: float, shown: PublishedMean) -> str | None:
    """``mean`` as every part of the report prints it (table, status reason): to the
    places rule 6 allows, or None where it is withheld."""
    return None if shown.places is None else f"{mean:.{shown.places}f}"

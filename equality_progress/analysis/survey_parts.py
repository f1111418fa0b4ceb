"""The parts of a staff survey as its published figures bound them (issue 28): every group
of every characteristic, each a part whether or not it prints a figure, and the rest of the
respondents beside them; a part's figures (its mean, interval and verdict's side, as
printed) bound its total and sum of squares, and a part whose number of answers the report
withholds is any number a reader allows, bounded by rows linear in it. The parts
:mod:`.survey_joint`'s programme is made of. Pure: no I/O."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from equality_progress.analysis.bounded_means import PublishedMean, printed_bounds, printed_end
from equality_progress.analysis.disclosure import protect_parts
from equality_progress.analysis.survey_sides import side_shown, side_totals
from equality_progress.inputs.settings import DisclosureSettings

K = np.arange(1.0, 8.0)  # the answers, 1 to 7


@dataclass(frozen=True)
class GroupMean:
    """What rule 6 needs of one group's mean: its answers, and its figures (``mean`` None
    where the group is too small to publish)."""

    name: str
    n: int
    mean: float | None
    lower: float | None
    upper: float | None
    population: int | None
    answers: tuple[int, ...]


@dataclass(frozen=True)
class Part:
    """A set of answers in the programme: how many, the totals its printed mean allows, the
    least and most sum of squares its printed interval allows for each (None: no interval)
    and its true count of each answer (to look at only what could be exposed)."""

    n: int
    sums: range
    squares: Callable[[int], tuple[float, float]] | None
    answers: tuple[int, ...]
    # a number of answers the report withholds: the numbers a reader allows (None: n), and
    # its figures as rows ``lo <= sum of (answer - shift) x count <= hi`` (a mean's range,
    # a side of a level: linear in the unknown number)
    sizes: range | None = None
    shifted: tuple[tuple[float, float, float], ...] = ()

    @staticmethod
    def unknown(n: int, answers: tuple[int, ...]) -> Part:
        """Answers nothing published bounds but their number."""
        return Part(n, range(n, 7 * n + 1), None, answers)

    @staticmethod
    def unsized(n: int, answers: tuple[int, ...], sizes: range, shifted: tuple = ()) -> Part:
        """Answers whose number is withheld (any of ``sizes``), bounded by ``shifted``."""
        return Part(n, range(sizes.start, 7 * (sizes.stop - 1) + 1), None, answers, sizes, shifted)

    @property
    def least_size(self) -> int:
        return self.n if self.sizes is None else self.sizes.start

    @property
    def most_size(self) -> int:
        return self.n if self.sizes is None else self.sizes.stop - 1

    def holds(self, counts: Sequence[int]) -> bool:
        """Whether ``counts`` of each answer print as this part's figures."""
        x = np.asarray(counts, dtype=float)
        total, square = int(x @ K), float(x @ (K * K))
        if not self.least_size <= x.sum() <= self.most_size or total not in self.sums:
            return False
        for shift, lo, hi in self.shifted:
            if not lo - 1e-9 <= float(x @ (K - shift)) <= hi + 1e-9:
                return False
        if self.squares is None:
            return True
        lo, hi = self.squares(total)
        return lo - 1e-6 <= square <= hi + 1e-6


def survey_parts(
    characteristics: Sequence[Sequence[GroupMean]],
    shown: dict[str, PublishedMean] | None,
    whole: Part,
    rules: DisclosureSettings,
    confidence: float,
    level: tuple[float, str] | None = None,
    hidden: frozenset[str] = frozenset(),
) -> tuple[list[list[Part]], list[list[GroupMean]]]:
    """Each characteristic's parts as ``shown`` prints its groups (None: no group's figure
    printed), and the groups that print something. Every group is a part, those that
    print nothing too (a reader knows each one's number of answers where it is printed:
    helper-34's audit, a survey all 7s whose sexes printed 7.0 left 4 to 6 of the 6
    ethnic-minority staff at 7), then those who did not say; a group of 1 to 4 is in them.
    A group of ``hidden`` (its number withheld, :func:`withheld_sizes`) is a part of any
    number a reader allows, and so is the rest beside one (the second random search: 2
    ethnic-minority respondents of 52, their number and so the White British 50's withheld,
    left at 0 to 4 who answered 3, 1 true, which the plan had read as all of a part of 2)."""

    def says(g: GroupMean) -> bool:  # prints its mean or its side, as evaluate does
        if shown is None:
            return False
        s = shown[g.name]
        if g.mean is None or level is None:
            return g.mean is not None and s.places is not None
        return side_shown(g.n, g.mean, s, level[0], level[1], rules)

    parts, members = [], []
    for groups in characteristics:
        published = [g for g in groups if says(g)]
        sized = [g for g in groups if g.n >= rules.min_count and len(g.answers) == 7]
        silent = [g for g in sized if g not in published]
        anyone = range(0, whole.n + 1)
        ps = [
            _part(g, shown[g.name], confidence, level)  # type: ignore[index]
            if g.name not in hidden or shown[g.name].interval  # type: ignore[index]
            else _unsized(g, shown[g.name], level, range(rules.min_base, whole.n + 1))  # type: ignore[index]
            for g in published
        ]
        ps += [
            Part.unsized(g.n, g.answers, anyone)
            if g.name in hidden
            else Part.unknown(g.n, g.answers)
            for g in silent
        ]
        rest_n = whole.n - sum(g.n for g in published + silent)
        if rest_n > 0:
            rest = tuple(
                a - sum(g.answers[i] for g in published + silent)
                for i, a in enumerate(whole.answers)
            )
            unsure = any(g.name in hidden for g in groups)
            ps.append(Part.unsized(rest_n, rest, anyone) if unsure else Part.unknown(rest_n, rest))
        parts.append(ps)
        members.append(published)
    return parts, members


def withheld_sizes(
    characteristics: Sequence[Sequence[GroupMean]], respondents: int, rules: DisclosureSettings
) -> frozenset[str]:
    """The groups whose number of answers the report's groups table withholds, as it
    decides (:func:`.disclosure.protect_parts`, from the numbers alone)."""
    sizes = {g.name: g.n for groups in characteristics for g in groups}
    return frozenset(k for k, ok in protect_parts(sizes, rules, respondents).items() if not ok)


def _unsized(
    g: GroupMean, shown: PublishedMean, level: tuple[float, str] | None, sizes: range
) -> Part:
    """A group whose number of answers is withheld (any of ``sizes``), bounded by its mean
    as printed (without its interval) and its verdict's side of ``level``, each a row
    linear in the number: a mean between m - h and m + h is a total between n(m - h) and
    n(m + h)."""
    rows = []
    if shown.places is not None:
        assert g.mean is not None
        m, h = round(g.mean, shown.places), 0.5 * 10**-shown.places
        rows += [(m - h, 0.0, math.inf), (m + h, -math.inf, 0.0)]
    if level is not None:
        threshold, direction = level
        lo, hi = side_totals(g.n, threshold, direction, True)
        meets = lo <= int(np.dot(g.answers, K)) <= hi
        # strictly on one side: by half the level's last place (a total is whole)
        gap = 0.5 * 10 ** -max(0, -Decimal(str(threshold)).as_tuple().exponent)  # type: ignore[operator]
        above = meets == (direction != "decrease")  # at or above (or above)
        edge = 0.0 if meets else gap
        rows.append((threshold, edge, math.inf) if above else (threshold, -math.inf, -edge))
    return Part.unsized(g.n, g.answers, sizes, tuple(rows))


def _part(
    g: GroupMean, shown: PublishedMean, confidence: float, level: tuple[float, str] | None
) -> Part:
    """A published group's answers as its printed figures bound them: its mean (a range of
    totals) and interval (sums of squares), and its verdict's side of ``level`` where it
    has one (a range of totals; the only bound where its mean is withheld)."""
    sums = range(g.n, 7 * g.n + 1)
    squares = None
    if shown.places is not None:
        lower, upper = (g.lower, g.upper) if shown.interval else (None, None)
        assert g.mean is not None
        sums, squares = printed_bounds(
            g.n, round(g.mean, shown.places), printed_end(lower), printed_end(upper),
            shown.places, confidence, g.population,
        )  # fmt: skip
    if level is not None:
        total = int(np.dot(g.answers, K))
        sides = [side_totals(g.n, level[0], level[1], meets) for meets in (True, False)]
        lo, hi = next((a, b) for a, b in sides if a <= total <= b)
        sums = range(max(sums.start, lo), min(sums.stop - 1, hi) + 1)
    return Part(g.n, sums, squares, g.answers)

"""Rule 6 over a whole staff survey as one integer programme (issue 28's audit of a
60-answer survey): every characteristic's groups, with everyone they leave out, are the
same respondents, whose answers the headline's mean and interval bound; a group's mean
bounds its total and its interval its sum of squares. So a withheld group's interval
comes back from the headline's and the other groups' (the audit's 30 men, 5.20 to 6.00
against a true 5.22 to 5.98), and one characteristic's groups bound another's through the
respondents they share; a verdict's side of a level bounds a total too, beside a withheld
mean; and every group whose number of answers is printed is a part of its own, figures or
none. :func:`exposed_part` bounds every answer's count of every part over all the
distributions of whole answers the published figures allow together; :func:`plan_survey`
withholds (intervals, then means, then sides, then the headline's) until none is exposed.
HiGHS (:mod:`.programmes`). Pure: no I/O (a case it cannot protect is logged)."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

import numpy as np

from equality_progress.analysis.bounded_means import PublishedMean
from equality_progress.analysis.programmes import OPTIMAL, QUIET, highs, program, solver
from equality_progress.analysis.survey_parts import (
    GroupMean,
    K,
    Part,
    survey_parts,
)
from equality_progress.inputs.settings import DisclosureSettings

log = logging.getLogger(__name__)


class _Survey:
    """The programme: each part's count of each answer (the first part all respondents),
    each characteristic's parts adding up to the first answer by answer, every part's
    total within what its mean allows and its sum of squares within what its interval
    allows for that total. Solved in two forms: a fast one, whose sums of squares are
    bounded below by the tangents of their least at the end totals (the least being
    convex in the total, a little below it between them) and above by the chord of their
    most over the totals allowed, raised to lie above it at every total, so no binaries;
    and, only where a solution
    of the fast one does not print as every part's figures, the exact one, with one binary
    per total of each part with an interval choosing the total its bounds are of (as
    :class:`.bounded_means._Distributions`). The fast form's linear relaxation, widened
    past HiGHS's tolerance, says early what no solution reaches."""

    def __init__(self, whole: Part, characteristics: Sequence[Sequence[Part]]) -> None:
        self.parts = [whole, *(p for c in characteristics for p in c)]
        self.sizes = [len(c) for c in characteristics]
        self.n_x = 7 * len(self.parts)
        m, lower, upper, slack, most = self._form(exact=False)
        lp = program(np.zeros(self.n_x), m, lower - slack, upper + slack, most)
        self.relaxed = solver(lp, QUIET)
        lp.row_lower_, lp.row_upper_ = lower - 1e-6, upper + 1e-6
        lp.integrality_ = [highs.HighsVarType.kInteger] * self.n_x
        self.fast = solver(lp, QUIET)
        self.exact: highs._Highs | None = None  # made when first needed
        self.most = most
        self.cols = np.arange(self.n_x, dtype=np.int32)
        # the true answers are one solution where the figures were made from them
        self.truth = np.array([p.answers for p in self.parts], dtype=float).ravel()
        self.truth_holds = self.holds(self.truth)
        self.seen = np.array([self.truth, self.truth])
        self.found = self.truth[None]

    def _form(self, exact: bool) -> tuple[np.ndarray, ...]:
        """The rows (matrix, lower, upper, the relaxation's widening) and column limits."""
        widths = [len(p.sums) if exact and p.squares is not None else 0 for p in self.parts]
        n_col = self.n_x + sum(widths)
        rows: list[tuple[dict[int, float], float, float, float]] = []
        first = 1
        for size in self.sizes:  # a characteristic's parts are all respondents
            for j in range(7):
                rows.append(({j: -1.0} | {7 * (first + i) + j: 1.0 for i in range(size)}, 0, 0, 0))
            first += size
        b = self.n_x
        for i, (p, w) in enumerate(zip(self.parts, widths, strict=True)):
            x = list(range(7 * i, 7 * i + 7))
            rows.append((dict.fromkeys(x, 1.0), p.least_size, p.most_size, 0))
            total = dict(zip(x, K, strict=True))
            for shift, lo, hi in p.shifted:
                rows.append((dict(zip(x, K - shift, strict=True)), lo, hi, 1e-6))
            if p.squares is None or not exact:
                rows.append((total, p.sums.start, p.sums.stop - 1, 0))
            if p.squares is None:
                continue
            totals = np.array(list(p.sums), dtype=float)
            q = np.array([p.squares(int(t)) for t in totals]).reshape(-1, 2)
            square = dict(zip(x, K * K, strict=True))
            if exact:
                bins = dict(zip(range(b, b + w), totals, strict=True))
                rows.append(({c: 1.0 for c in bins}, 1, 1, 0))
                rows.append((total | {c: -t for c, t in bins.items()}, 0, 0, 0))
                rows.append(
                    (square | {c: -lo for c, lo in zip(bins, q[:, 0], strict=True)}, 0, math.inf, 0)
                )
                rows.append(
                    (
                        square | {c: -hi for c, hi in zip(bins, q[:, 1], strict=True)},
                        -math.inf,
                        0,
                        0,
                    )
                )
                b += w
                continue
            for t, (lo, _) in list(zip(totals, q, strict=True))[:: max(1, len(totals) - 1)]:
                slope = (p.squares(int(t) + 1)[0] - p.squares(int(t) - 1)[0]) / 2  # 2t/n
                rows.append(({c: square[c] - slope * total[c] for c in x}, lo - slope * t,
                             math.inf, 0.5))  # fmt: skip
            # a line above the most at every total (the chord, where the most is convex;
            # read end by end, an interval's most is not)
            rise = 0.0 if len(totals) == 1 else (q[-1, 1] - q[0, 1]) / (totals[-1] - totals[0])
            rows.append(({c: square[c] - rise * total[c] for c in x}, -math.inf,
                         float(np.max(q[:, 1] - rise * totals)), 0.5))  # fmt: skip
        m = np.zeros((len(rows), n_col))
        for r, (coef, _, _, _) in enumerate(rows):
            for c, v in coef.items():
                m[r, c] = v
        lower, upper, slack = (np.array([r[k] for r in rows], dtype=float) for k in (1, 2, 3))
        sizes = [float(p.most_size) for p in self.parts]
        most = np.r_[np.repeat(sizes, 7), np.ones(n_col - self.n_x)]
        return m, lower, upper, slack, most

    def holds(self, x: np.ndarray) -> bool:
        """Whether whole counts ``x`` (every part's, in order) print as every figure."""
        return all(p.holds(x[7 * i : 7 * i + 7]) for i, p in enumerate(self.parts))

    def _exact(self) -> highs._Highs:
        if self.exact is None:
            m, lower, upper, _, most = self._form(exact=True)
            most[: self.n_x] = self.most
            lp = program(np.zeros(len(most)), m, lower, upper, most)
            lp.integrality_ = [highs.HighsVarType.kInteger] * len(most)
            self.exact = solver(lp, QUIET)
        return self.exact

    def _run(
        self, model: highs._Highs, lows: dict[int, int], cost: np.ndarray | None = None
    ) -> np.ndarray | None:
        """Solve ``model`` with each column of ``lows`` at least its level (and ``cost``,
        or none): the counts found, None where there are none. The bounds go back."""
        n_col = model.getNumCol()
        every = np.arange(n_col, dtype=np.int32)
        full = np.zeros(n_col)
        if cost is not None:
            full[: len(cost)] = cost
        model.changeColsCost(n_col, every, full)
        cols = np.array(sorted(lows), dtype=np.int32)
        levels = np.array([float(lows[i]) for i in sorted(lows)])
        model.changeColsBounds(len(cols), cols, levels, self.most[cols])
        model.run()
        ok = model.getModelStatus() == OPTIMAL  # read before the bounds change back
        x = np.round(np.asarray(model.getSolution().col_value)[: self.n_x]) if ok else None
        model.changeColsBounds(len(cols), cols, np.zeros(len(cols)), self.most[cols])
        return x

    def _solve(self, lows: dict[int, int], cost: np.ndarray | None = None) -> np.ndarray | None:
        """A solution with each column of ``lows`` at least its level (the least ``cost``
        where given): the relaxation first (none: none), then the fast form, exactly where
        its solution does not print as every figure. Each solution found is seen."""
        if self._run(self.relaxed, lows, cost) is None:
            return None  # a relaxation has none: nor has the exact programme
        x = self._run(self.fast, lows, cost)
        if x is not None and not self.holds(x):
            x = self._run(self._exact(), lows, cost)
        if x is not None:
            self._see(x[None])
        return x

    def _see(self, xs: np.ndarray) -> None:
        """Keep solutions found (rows of ``xs``), and each count's least and most in them."""
        self.found = np.vstack([self.found, xs])
        self.seen[0] = np.minimum(self.seen[0], xs.min(axis=0))
        self.seen[1] = np.maximum(self.seen[1], xs.max(axis=0))

    def floor(self, i: int) -> int:
        """The relaxation's ceiling on the least count of column ``i`` (no more than it)."""
        cost = np.zeros(self.n_x)
        cost[i] = 1.0
        self.relaxed.changeColsCost(self.n_x, self.cols, cost)
        self.relaxed.run()
        assert self.relaxed.getModelStatus() == OPTIMAL  # the truth is a solution
        return math.ceil(self.relaxed.getInfo().objective_function_value - 1e-6)

    def least(self, i: int) -> int:
        """The least count of column ``i``."""
        cost = np.zeros(self.n_x)
        cost[i] = 1.0
        x = self._solve({}, cost)
        assert x is not None  # the truth is a solution
        return int(x[i])

    def reaching(self, levels: dict[int, int]) -> set[int]:
        """The columns ``i`` of ``levels`` some solution has at least ``levels[i]`` in.
        Many at once: the relaxation (cheap) grows a batch of them that it can reach
        together, and one solution of the integer programme then settles the batch; a
        batch with no whole solution is settled one column at a time."""
        out = {i for i in levels if self.seen[1][i] >= levels[i]}
        pending = [i for i in levels if i not in out and self.most[i] >= levels[i]]
        pending = [i for i in pending if self._run(self.relaxed, {i: levels[i]}) is not None]
        while pending:
            batch: dict[int, int] = {}
            for i in pending:
                if self._run(self.relaxed, batch | {i: levels[i]}) is not None:
                    batch[i] = levels[i]
            if self._solve(batch) is None:
                first = pending.pop(0)  # in no batch solution: settled on its own
                if len(batch) > 1 and self._solve({first: levels[first]}) is not None:
                    out.add(first)
            out |= {i for i in pending if self.seen[1][i] >= levels[i]}
            pending = [i for i in pending if i not in out]
        return out

    def fix_zero(self, cols: set[int]) -> None:
        """Fix these counts at 0 in every form; what was seen is looked for again."""
        idx = np.array(sorted(cols), dtype=np.int32)
        nil = np.zeros(len(idx))
        for model in (self.relaxed, self.fast, self.exact):
            if model is not None:
                model.changeColsBounds(len(idx), idx, nil, nil)
        self.most[idx] = 0
        keep = self.found[(self.found[:, idx] == 0).all(axis=1)]  # the truth among them
        self.found = np.zeros((0, self.n_x))
        # seen anew from those kept alone (helper-34's audit: a most seen before the zeros
        # were fixed said a count could still reach 5 when no solution left could)
        self.seen = np.array([np.full(self.n_x, np.inf), np.full(self.n_x, -np.inf)])
        self._see(keep)


def exposed_part(
    whole: Part, characteristics: Sequence[Sequence[Part]], rules: DisclosureSettings
) -> tuple[int, int] | None:
    """The first part (characteristic, part; ``(-1, 0)`` for all respondents) some answer's
    count of which the figures pin to 1 to ``min_count - 1`` people within a range narrower
    than ``protection_width`` (or, where 1 to ``min_count - 1`` truly gave it, to any range
    that narrow from 0), over every set of whole answers that prints as every part's
    figures at once; None where none is. As :func:`.bounded_means._one_pass` reads one
    mean: a count narrow from 0 is 0 (else the figures would be withheld), so a reader who
    knows the rule fixes it at 0 and looks again. A count of at least ``min_count +
    protection_width - 1`` cannot be exposed (its least is at least ``min_count`` or its
    range at least that wide), so only smaller true counts are bounded. A part everyone of
    which gave one answer is exposed where the figures show it (a group disclosure, as
    :func:`.bounded_means.mean_exposes`)."""
    survey = _Survey(whole, characteristics)
    where = [(-1, 0)] + [(c, p) for c, ps in enumerate(characteristics) for p in range(len(ps))]
    truth = survey.truth.astype(int)
    zero: set[int] = set()
    if not survey.truth_holds:
        # a programming error, not data: the figures are made from these answers
        raise ValueError("survey figures that their own answers do not print as")
    for k, part in enumerate(survey.parts):  # a part everyone of which gave one answer
        for i in (i for i in range(7 * k, 7 * k + 7) if part.n and truth[i] == part.n):
            if survey.floor(i) >= part.n or survey.least(i) >= part.n:
                return where[k]  # shown to be so: a group disclosure (bounded_means)
    width, enough = rules.protection_width, rules.min_count
    # a part's size as a reader knows it (a withheld one: not, so none to read all of)
    sizes = [p.n if p.sizes is None else math.inf for p in survey.parts]
    while True:
        # a count's least is at most the least seen, so a solution reaching that plus
        # protection_width settles it without its least: most are settled so, in batches
        floor = {}
        for i in np.flatnonzero(truth < enough + width - 1):
            if i not in zero and (low := survey.floor(int(i))) < enough:
                floor[int(i)] = low
        seen = {i: int(survey.seen[0][i]) for i in floor}
        left = set(floor) - survey.reaching({i: v + width for i, v in seen.items()})
        least = {i: seen[i] if seen[i] == floor[i] else survey.least(i) for i in left}
        lower = {i: v + width for i, v in least.items() if v < seen[i]}
        left = {i for i in left if least[i] < enough} - survey.reaching(lower)
        # a part of fewer than protection_width: 0 to all of it is no narrowing at all
        whole_range = {i: sizes[i // 7] for i in left if least[i] == 0 and sizes[i // 7] < width}
        left -= survey.reaching(whole_range)
        narrow = set(zero)
        for i in sorted(left):
            if least[i] > 0 or 1 <= truth[i] < enough:
                return where[i // 7]
            narrow.add(i)  # 0 to under protection_width, and truly 0
        if narrow <= zero:
            return None
        zero = narrow
        survey.fix_zero(zero)


def plan_survey(
    characteristics: Sequence[Sequence[GroupMean]],
    shown: dict[str, PublishedMean],
    wholes: Sequence[Part],
    rules: DisclosureSettings,
    confidence: float,
    level: tuple[float, str] | None = None,
    hidden: frozenset[str] = frozenset(),
) -> tuple[dict[str, PublishedMean], int]:
    """How each group's mean is published once the whole survey is taken together: from
    ``shown`` (each characteristic planned on its own, :func:`.survey_plan.plan_group_means`),
    while some part is exposed (:func:`exposed_part`; ``wholes[0]``: all respondents, with
    the headline's figures where published), the interval of the smallest group of the exposed
    part's characteristic that has one is withheld, else that group's mean, else its
    verdict's side of ``level`` (threshold, direction; the side bounds the group's total:
    helper-34's audit, 35 White British of 41 at no mean but "Below" 6.0 left the 6 others
    at 29 or more, and 0 to 3 who answered 3, 1 true); of any characteristic where the
    exposed part is all respondents or its characteristic has none left. Where no group
    prints anything left to withhold, the headline publishes less: each of ``wholes`` after
    the first is all respondents as a weaker form of the headline bounds them (helper-34's
    audit: 27 answers of 4 to 6, whose headline and interval fix every count, less the 3
    disabled staff left the 24 others' 4s at 3 to 6). Each step publishes less, so the plan
    ends. ``hidden``: the groups whose number of answers the report withholds
    (:func:`.survey_parts.withheld_sizes`). Returns each group's form and how many of
    ``wholes`` were passed over."""
    shown, dropped = dict(shown), 0

    while True:
        hit, members = survey_exposed(
            characteristics, shown, wholes[dropped], rules, confidence, level, hidden
        )
        if hit is None:
            return shown, dropped
        every = [g for m in members for g in m]
        pool = members[hit[0]] if hit[0] >= 0 else every
        g = _weakest(pool, shown) or _weakest(every, shown)
        if g is None and dropped + 1 < len(wholes):
            dropped += 1  # nothing but the headline's figures left to withhold
            continue
        if g is None:  # the numbers of answers alone: counts, which rule 1 checks
            log.warning(
                "staff survey: the groups' numbers of answers alone narrow a count of 1 to 4 "
                "(docs/methodology.md)"
            )
            return shown, dropped
        keep = shown[g.name]
        if keep.interval:
            shown[g.name] = PublishedMean(keep.places, False, keep.side)
        elif keep.places is not None:
            shown[g.name] = PublishedMean(None, False, keep.side)
        else:
            shown[g.name] = PublishedMean(None, False, False)


def survey_exposed(
    characteristics: Sequence[Sequence[GroupMean]],
    shown: dict[str, PublishedMean] | None,
    whole: Part,
    rules: DisclosureSettings,
    confidence: float,
    level: tuple[float, str] | None,
    hidden: frozenset[str],
) -> tuple[tuple[int, int] | None, list[list[GroupMean]]]:
    """The part the survey's figures expose (:func:`exposed_part`), if any, and the groups
    that print something, for two readers: one who knows every group's number of answers
    (cautious: the totals bound each other most closely), and, where a part of under
    ``protection_width`` has its number withheld (``hidden``), one who knows only what is
    printed: to the first, anywhere from none to all of such a part says nothing, while the
    second does not know it is all (the second random search: 2 ethnic-minority
    respondents of 52, their number and so the White British 50's withheld, left at 0 to 4
    who answered 3, 1 true)."""
    parts, members = survey_parts(characteristics, shown, whole, rules, confidence, level)
    hit = exposed_part(whole, parts, rules) if parts else None
    if hit is None and hidden:
        parts, _ = survey_parts(characteristics, shown, whole, rules, confidence, level, hidden)
        small = any(
            p.sizes is not None and 0 < p.n < rules.protection_width for ps in parts for p in ps
        )
        hit = exposed_part(whole, parts, rules) if small else None
    return hit, members


def _weakest(pool: Sequence[GroupMean], shown: dict[str, PublishedMean]) -> GroupMean | None:
    """The smallest group of ``pool`` with an interval published, else with a mean, else
    with its side (``pool`` holds only groups that print something)."""
    for has in (lambda s: s.interval, lambda s: s.places is not None, lambda s: s.side):
        found = [g for g in pool if has(shown[g.name])]
        if found:
            return min(found, key=lambda g: (g.n, g.name))
    return None

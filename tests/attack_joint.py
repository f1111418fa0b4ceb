"""The survey attacked as one (issue 28's audit of a 60-answer survey), written apart from the
package: every published group's mean (a range of totals), its interval where printed (for
each total, a range of sums of squares), the headline's, and the number of answers of each,
with every characteristic's groups and the rest of its respondents adding up to all
respondents answer by answer. Each answer's count of each part is bounded by integer
programming (scipy's milp, one binary per total of a part with an interval), and a count a
figure leaves at 0 to under 5 is read as 0 (were it 1 to 4, the rule would have withheld the
figure) and everything bounded again. Used against the package's plan on the audit's data
(tests/analysis/test_survey_joint.py) and on every sample report (tests/e2e/)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats
from scipy.optimize import Bounds, LinearConstraint, milp

K = np.arange(1.0, 8.0)
WIDTH, SMALL = 5, 5  # protection width; a count under SMALL is a small count


@dataclass(frozen=True)
class Figures:
    """A published mean of ``n`` answers as printed: "6.38" (two places) or "6.4" (one),
    and its interval's ends as printed ("6.21", "6.54") or None; ``staff``: the staff in
    post it is of, where published (the interval's finite population correction);
    ``verdict``: its verdict against ``level`` as printed ("At or above", "Below, not
    clearly", ...), None where none is: the side of the level its total is on."""

    n: int
    mean: str | None = None
    lower: str | None = None
    upper: str | None = None
    staff: int | None = None
    verdict: str | None = None
    level: float | None = None

    def totals(self) -> range:
        lo, hi = self.n, 7 * self.n
        if self.mean is not None:
            half = 0.5 * 10 ** -len(self.mean.partition(".")[2])
            m = float(self.mean)
            lo = max(lo, math.ceil(self.n * (m - half) - 1e-9))
            hi = min(hi, math.floor(self.n * (m + half) + 1e-9))
        if self.verdict is not None and self.level is not None:  # a level to reach
            edge = math.ceil(self.n * self.level - 1e-9)  # the least total at or above it
            lo, hi = (
                (max(lo, edge), hi) if self.verdict == "At or above" else (lo, min(hi, edge - 1))
            )
        return range(lo, hi + 1)

    def squares(self, total: int) -> tuple[float, float] | None:
        """The sums of squares the printed interval allows with this total: the t interval
        (Student's t, 1 - n/N correction; Cochran 1977, 2.12) of a standard deviation s has
        half-width t s / sqrt(n), and the sum of squares is (n - 1) s^2 + total^2 / n. Each
        printed end is the exact mean (total / n) less or plus the half-width, to two
        places, so the half-width is within 0.005 of both distances."""
        if self.lower is None or self.upper is None or self.n < 2:
            return None
        correction = 1 - self.n / self.staff if self.staff and self.staff >= self.n else 1.0
        t = stats.t.ppf(0.975, self.n - 1) * math.sqrt(correction)
        m, lo, up = total / self.n, float(self.lower), float(self.upper)
        h_lo, h_hi = max(0.0, up - 0.005 - m, m - lo - 0.005), min(up + 0.005 - m, m - lo + 0.005)
        if h_hi < h_lo:
            return 1.0, 0.0  # no such total: nothing prints as these ends
        sd = np.array([h_lo, h_hi]) * math.sqrt(self.n) / t
        q = (self.n - 1) * sd**2 + total**2 / self.n
        return float(q[0]) - 1e-6, float(q[1]) + 1e-6


Ranges = dict[tuple[str, int], tuple[int, float]]  # most: inf where not needed (wide)


def bound_survey(
    headline: Figures,
    characteristics: dict[str, list[tuple[str, Figures]]],
    known: dict[tuple[str, int], int] | None = None,
) -> list[Ranges]:
    """Each part's (its label, answer 1 to 7) least and most count: "All respondents", each
    published group, and "<characteristic>: the rest" (everyone its published groups leave
    out, where any); once, then again after each reading of the zeros the publication
    reveals (a reading that is wrong where the figures already pinned a count). ``known``:
    answers known to print as the figures (the records, in a test), a solution to start
    from, and a count known to be 9 or more is left wide (no range of under 5 holding it
    starts under 5): bounds are facts of the figures, so it changes no pin, only how many
    programmes it takes to find them."""
    parts: list[tuple[str, Figures]] = [("All respondents", headline)]
    chars: list[list[int]] = []
    for char, groups in characteristics.items():
        if not groups:
            continue
        idx = []
        for label, f in groups:
            idx.append(len(parts))
            parts.append((label, f))
        rest = headline.n - sum(f.n for _, f in groups)
        if rest > 0:
            idx.append(len(parts))
            parts.append((f"{char}: the rest", Figures(rest)))
        chars.append(idx)
    cols, rows, lo, hi = 7 * len(parts), [], [], []
    extra: list[tuple[int, range, list[tuple[float, float]]]] = []
    for p, (_, f) in enumerate(parts):
        sums = f.totals()
        if f.squares(sums.start) is not None:
            extra.append((p, sums, [f.squares(t) for t in sums]))  # type: ignore[misc]
    size = cols + sum(len(s) for _, s, _ in extra)

    def row(coef: dict[int, float], a: float, b: float) -> None:
        r = np.zeros(size)
        for c, v in coef.items():
            r[c] = v
        rows.append(r)
        lo.append(a)
        hi.append(b)

    for idx in chars:
        for j in range(7):
            row({j: -1.0} | {7 * p + j: 1.0 for p in idx}, 0, 0)
    for p, (_, f) in enumerate(parts):
        row({7 * p + j: 1.0 for j in range(7)}, f.n, f.n)
        sums = f.totals()
        row({7 * p + j: K[j] for j in range(7)}, sums.start, sums.stop - 1)
    b = cols
    for p, sums, q in extra:
        bins = list(range(b, b + len(sums)))
        b += len(sums)
        row(dict.fromkeys(bins, 1.0), 1, 1)
        row(
            {7 * p + j: K[j] for j in range(7)} | {c: -t for c, t in zip(bins, sums, strict=True)},
            0,
            0,
        )
        sq = {7 * p + j: K[j] ** 2 for j in range(7)}
        row(sq | {c: -a for c, (a, _) in zip(bins, q, strict=True)}, 0, np.inf)
        row(sq | {c: -z for c, (_, z) in zip(bins, q, strict=True)}, -np.inf, 0)
    cons = LinearConstraint(np.array(rows), lo, hi)
    top = np.r_[np.repeat([float(f.n) for _, f in parts], 7), np.ones(size - cols)]
    zero: set[int] = set()
    passes: list[Ranges] = []
    start = np.full(cols, np.nan)
    if known is not None:
        start = np.array([known[(parts[i // 7][0], i % 7 + 1)] for i in range(cols)], float)
        assert _holds(start, parts), "the records do not print as the figures"
    solutions = [start] if known is not None else []
    while True:
        most = top.copy()
        most[sorted(zero)] = 0
        kept = [x for x in solutions if (x[sorted(zero)] == 0).all()]
        seen = np.array([np.full(cols, np.inf), np.full(cols, -np.inf)])
        for x in kept:
            seen[0], seen[1] = np.minimum(seen[0], x), np.maximum(seen[1], x)

        def solve(c: np.ndarray, low: np.ndarray, most: np.ndarray = most) -> np.ndarray | None:
            res = milp(c, constraints=cons, integrality=np.ones(size), bounds=Bounds(low, most))
            if res.status != 0:
                return None
            x = np.round(res.x[:cols])
            solutions.append(x)
            seen[0], seen[1] = np.minimum(seen[0], x), np.maximum(seen[1], x)  # noqa: B023
            return res.x

        def end(sign: float, i: int) -> int:
            c = np.zeros(size)
            c[i] = sign
            x = solve(c, np.zeros(size))
            if x is None:
                raise _Wrong  # a zero read was not one: the figures were already pinning
            return round(x[i])

        def reaches(i: int, level: float) -> bool:
            low = np.zeros(size)
            low[i] = level
            return level <= most[i] and solve(np.zeros(size), low) is not None  # noqa: B023

        found, narrow = {}, set(zero)
        try:
            for i in range(cols):
                # a count is wide (0 to inf) where solutions WIDTH apart are seen, or one is
                # found WIDTH above the least seen (the least is no more); else its least
                # and most, exactly
                key = (parts[i // 7][0], i % 7 + 1)
                low = seen[0][i]
                if start[i] >= SMALL + WIDTH - 1:  # known: a range holding it from under
                    found[key] = (0, math.inf)  # SMALL is WIDTH wide
                    continue
                if seen[1][i] - low >= WIDTH or reaches(i, low + WIDTH):
                    found[key] = (0, math.inf)
                    continue
                least = 0 if low == 0 else end(1.0, i)
                if least < low and reaches(i, least + WIDTH):
                    found[key] = (0, math.inf)
                    continue
                most_i = end(-1.0, i)
                found[key] = (least, most_i)
                # read as 0, unless 0 to all of a part of under 5 (which says nothing)
                if least == 0 and 0 < most_i < min(WIDTH, parts[i // 7][1].n):
                    narrow.add(i)
        except _Wrong:
            return passes
        passes.append(found)
        if narrow <= zero:
            return passes
        zero = narrow


def _holds(x: np.ndarray, parts: list[tuple[str, Figures]]) -> bool:
    """Whether counts ``x`` (7 per part) print as every part's figures."""
    for p, (_, f) in enumerate(parts):
        c = x[7 * p : 7 * p + 7]
        total, square = int(c @ K), float(c @ K**2)
        if c.sum() != f.n or total not in f.totals():
            return False
        q = f.squares(total)
        if q is not None and not q[0] <= square <= q[1]:
            return False
    return True


class _Wrong(Exception):
    """No answers print as the figures with the zeros read."""


def pins(passes: list[Ranges], truth: dict[tuple[str, int], int]) -> list[str]:
    """The counts of 1 to 4 people the bounds pin to a width under 5 (from 0 too, where 1 to
    4 truly gave the answer, unless the range is all of a part of under 5 people: 0 to 3 of
    3 says nothing), each checked against ``truth``: every pass, until one misses
    the truth (its zeros read wrongly, which only a pin before it can cause)."""
    found: list[str] = []
    size: dict[str, int] = {}
    for (label, _), c in truth.items():
        size[label] = size.get(label, 0) + c
    for bounds in passes:
        if any(not a <= truth[k] <= b for k, (a, b) in bounds.items()):
            assert found, "a bound misses the truth with nothing pinned before it"
            break
        for key, (least, most) in bounds.items():
            t = truth[key]
            if least == 0 and most >= size[key[0]]:
                continue  # anywhere from none to all of a part of under 5: nothing read
            if most - least < WIDTH and (1 <= least < SMALL or 1 <= t < SMALL):
                found.append(f"{key[0]} answer {key[1]}: {least} to {most} ({t} true)")
    return sorted(set(found))

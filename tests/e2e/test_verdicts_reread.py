"""A reviewer redoes every survey group's verdict against its level from the report alone
(issue 28: a verdict tested from unrounded figures beside a withheld interval gave the
group's spread away). Written apart from the package, from docs/methodology.md: each group
with a printed mean is one of the family; its one-sided p is Student's t of the printed
mean, its standard error the printed half-width over t(0.975, n - 1); with no interval, the
largest p of any n whole answers on 1-7 whose mean prints so (the most spread answers of
each total found by dynamic programming, not by the package's closed form); with its mean
withheld, 1. Holm's step-down at 2.5% says which are clearly on the wrong side."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
from attack import tables
from scipy import stats

ALPHA = 0.025
VERDICTS = {"At or above", "Clearly below", "Below, not clearly"}


@cache
def most_squares(n: int) -> np.ndarray:
    """For each total t of n whole answers on 1-7, the largest sum of squares (index t)."""
    best = np.full(7 * n + 1, -np.inf)
    best[0] = 0.0
    for _ in range(n):
        nxt = np.full_like(best, -np.inf)
        for v in range(1, 8):
            nxt[v:] = np.maximum(nxt[v:], best[:-v] + v * v)
        best = nxt
    return best


def p_value(n: int, mean: str, interval: str, level: float) -> float:
    """The one-sided p that a group with these printed cells is at or above ``level``."""
    if not re.fullmatch(r"\d\.\d\d?", mean):
        return 1.0
    ends = re.fullmatch(r"(\d\.\d\d) to (\d\.\d\d)", interval)
    m = float(mean)
    if ends:
        se = (float(ends.group(2)) - float(ends.group(1))) / 2 / stats.t.ppf(0.975, n - 1)
        if se == 0:
            return 0.0 if m < level else 1.0
        return float(stats.t.cdf((m - level) / se, n - 1))
    half = 0.5 * 10 ** -len(mean.partition(".")[2])
    squares = most_squares(n)
    worst = 0.0
    for total in range(n, 7 * n + 1):
        if not m - half <= total / n <= m + half:
            continue
        sd = np.sqrt(max(squares[total] - total * total / n, 0.0) / (n - 1))
        diff = total / n - level
        p = stats.t.cdf(diff / (sd / np.sqrt(n)), n - 1) if sd > 0 else float(diff >= 0)
        worst = max(worst, float(p))
    return worst


def reread(text: str) -> list[tuple[str, str, str]]:
    """(table and group, verdict printed, verdict redone) for every survey group judged."""
    out = []
    for caption, rows in tables(text).items():
        head = ["Group", "Value", "95% confidence interval", "Responses", "Against threshold"]
        level = re.search(r"each group against (\d\.\d\d)$", caption)
        if not rows or rows[0] != head or not level:
            continue
        judged = [r for r in rows[1:] if r[4] in VERDICTS]
        ps = [p_value(int(r[3]), r[1], r[2], float(level.group(1))) for r in judged]
        order, clear = sorted(range(len(ps)), key=ps.__getitem__), set()
        for rank, i in enumerate(order):
            if ps[i] > ALPHA / (len(ps) - rank):
                break
            clear.add(i)
        for i, r in enumerate(judged):
            if r[4] != "At or above":
                redone = "Clearly below" if i in clear else "Below, not clearly"
                out.append((f"{caption}: {r[0]}", r[4], redone))
    return out


def test_the_reread_finds_a_verdict_the_print_does_not_carry():
    """Issue 28's case: 14 answers printed 6.07 with no interval, "Clearly below" 6.5 (the
    old test of thirteen 6s and a 7): redone from the print, not clearly."""
    page = (
        "<table><caption>EDI: each group against 6.50</caption><thead><tr><th>Group</th>"
        "<th>Value</th><th>95% confidence interval</th><th>Responses</th>"
        "<th>Against threshold</th></tr></thead><tbody><tr><td>Age: 35-49</td><td>6.07</td>"
        "<td>[c]</td><td>14</td><td>Clearly below</td></tr></tbody></table>"
    )
    assert reread(page) == [("EDI: each group against 6.50: Age: 35-49", "Clearly below",
                             "Below, not clearly")]  # fmt: skip


def test_every_sample_verdict_follows_from_the_print(built: Path):
    judged, wrong = 0, []
    for f in sorted(built.glob("*/*/report.html")):
        for where, printed, redone in reread(f.read_text()):
            judged += 1
            if printed != redone:
                wrong.append(f"{f.parent.parent.name} {f.parent.name} {where}: {printed}")
    assert wrong == []
    assert judged >= 20  # LCRCA's four years of groups below 6

"""An independent attacker of a small survey's published figures (scipy's milp).

Part of the random-search audit of small surveys (scripts/survey_audit/). Its unknowns are
every part's count of each answer 1-7: the headline, every group with answers > 0 (withheld
ones too) and each characteristic's "not stated" rest. Its constraints are what a reader
sees: printed means (a range of totals), printed intervals (one binary per total, each
bounding the sum of squares), printed verdict sides, and the numbers of answers printed,
with each characteristic's parts adding up to the headline answer by answer. attack() bounds
each small count by integer programming and reports a "pin" where a count of 1-4 (true or
least) is bounded to a range under WIDTH; reread_verdicts() rereads each verdict's clear /
not clear from the printed figures alone (Holm over the groups with a verdict).

The search (search.py) calls attack() twice per survey: its "pins" come from the model with
each withheld number of answers an unknown (what a reader has); its "pins_nknown" from the
model with every number of answers known (assume_n_known=True), which over-informs a reader
and so bounds what any reader could read.

Not run on its own: search.py imports it (``import attacker``). It is written apart from the
package's own attacker in tests/attack_joint.py and shares no code with it, so that each
checks the other.
"""

from __future__ import annotations

import math
import time

import numpy as np
from scipy import stats
from scipy.optimize import Bounds, LinearConstraint, milp

K = np.arange(1.0, 8.0)
WIDTH = 5


class Timeout(Exception):
    """The time budget of one attack ran out."""


def totals(p, level: float, n: int | None = None) -> tuple[int, int]:
    n = p.n if n is None else n
    lo, hi = n, 7 * n
    if p.mean is not None:
        half = 0.5 * 10 ** -len(p.mean.partition(".")[2])
        m = float(p.mean)
        lo = max(lo, math.ceil(n * (m - half) - 1e-9))
        hi = min(hi, math.floor(n * (m + half) + 1e-9))
    edge = math.ceil(level * n - 1e-9)
    if p.verdict == "At or above":
        lo = max(lo, edge)
    elif p.verdict in ("Below, not clearly", "Clearly below"):
        hi = min(hi, edge - 1)
    elif p.verdict:
        raise ValueError(p.verdict)
    return lo, hi


def squares(p, total: int, n: int | None = None):
    n = p.n if n is None else n
    if p.lower is None or p.upper is None or n < 2:
        return None
    corr = 1 - n / p.staff if p.staff and p.staff >= n else 1.0
    t = stats.t.ppf(0.975, n - 1) * math.sqrt(corr)
    m, lo, up = total / n, float(p.lower), float(p.upper)
    h_lo = max(0.0, up - 0.005 - m, m - lo - 0.005)
    h_hi = min(up + 0.005 - m, m - lo + 0.005)
    if h_hi < h_lo - 1e-12:
        return None, None  # impossible total
    sd = np.array([max(h_lo, 0), h_hi]) * math.sqrt(n) / t
    q = (n - 1) * sd**2 + total**2 / n
    return float(q[0]) - 1e-6, float(q[1]) + 1e-6


def n_range(p, N: int, known: bool) -> tuple[int, int]:
    if known:
        return p.n, p.n
    if p.char is not None and p.name.endswith("not stated"):
        return 0, N
    if p.too_few:
        return (1 if p.optional else 0), 9
    if p.mean is None and not p.verdict:  # "Withheld" beside a withheld count: any size
        return (1 if p.optional else 0), N
    return 10, N


def model(head, pubs: list, rest: list, level: float, assume_n_known: bool = False):
    N = head.n
    parts = (
        [head]
        + [p for p in pubs if p.n > 0 or not (p.n_shown or assume_n_known)]
        + [r for r in rest if r.n > 0 or not (r.n_shown or assume_n_known)]
    )
    chars = {}
    for i, p in enumerate(parts):
        if p.char is not None:
            chars.setdefault(p.char, []).append(i)
    cols = 7 * len(parts)
    rows, lo, hi = [], [], []
    extra = []  # (part, pairs, squares or None, first binary col)
    nvar = {}  # part -> column of its hidden n
    ncols = cols
    for i, p in enumerate(parts):
        known = assume_n_known or p.n_shown or p is head
        nl, nh = n_range(p, N, known)
        if not known:
            nvar[i] = ncols
            ncols += 1
        if p.mean is not None and (p.lower is not None or not known):
            pairs, qs = [], []
            for n in range(max(nl, 1), nh + 1):
                a, b = totals(p, level, n)
                for t in range(a, b + 1):
                    q = squares(p, t, n)
                    if q is not None and q[0] is None:
                        continue
                    pairs.append((n, t))
                    qs.append(q)
            if not pairs:
                raise ValueError(f"no pairs {p.name}")
            extra.append((i, pairs, qs, ncols))
            ncols += len(pairs)

    def row(coef, a, b):
        r = np.zeros(ncols)
        for c, v in coef.items():
            r[c] = v
        rows.append(r)
        lo.append(a)
        hi.append(b)

    for idx in chars.values():
        for j in range(7):
            row({j: -1.0} | {7 * p + j: 1.0 for p in idx}, 0, 0)
    for i, p in enumerate(parts):
        xs = {7 * i + j: 1.0 for j in range(7)}
        tot = {7 * i + j: K[j] for j in range(7)}
        if i in nvar:
            row(xs | {nvar[i]: -1.0}, 0, 0)
            if p.mean is None and p.verdict:
                if p.verdict == "At or above":  # total >= level n
                    row({7 * i + j: K[j] - level for j in range(7)}, 0, np.inf)
                else:  # 2 total <= 2 level n - 1 (2 level n whole)
                    row({7 * i + j: 2 * (K[j] - level) for j in range(7)}, -np.inf, -1)
        else:
            row(xs, p.n, p.n)
            a, b = totals(p, level)
            if a > b:
                raise ValueError(f"empty totals {p.name}")
            row(tot, a, b)
    for i, pairs, qs, b0 in extra:
        bins = list(range(b0, b0 + len(pairs)))
        row(dict.fromkeys(bins, 1.0), 1, 1)
        row(
            {7 * i + j: K[j] for j in range(7)}
            | {c: -t for c, (_, t) in zip(bins, pairs, strict=False)},
            0,
            0,
        )
        if i in nvar:
            row({nvar[i]: 1.0} | {c: -n for c, (n, _) in zip(bins, pairs, strict=False)}, 0, 0)
        if qs[0] is not None:
            sq = {7 * i + j: K[j] ** 2 for j in range(7)}
            row(sq | {c: -q[0] for c, q in zip(bins, qs, strict=False)}, 0, np.inf)
            row(sq | {c: -q[1] for c, q in zip(bins, qs, strict=False)}, -np.inf, 0)
    A = np.array(rows)
    top = np.ones(ncols)
    for i, p in enumerate(parts):
        known = assume_n_known or p.n_shown or p is head
        top[7 * i : 7 * i + 7] = n_range(p, N, known)[1]
        if i in nvar:
            top[nvar[i]] = n_range(p, N, known)[1]
    low0 = np.zeros(ncols)
    for i, c in nvar.items():
        low0[c] = n_range(parts[i], N, False)[0]
    return parts, LinearConstraint(A, lo, hi), top, cols, ncols, low0


def truth_vec(parts: list) -> np.ndarray:
    return np.array([c for p in parts for c in p.truth], float)


def attack(
    head, pubs: list, rest: list, level: float, budget: float = 60.0, assume_n_known: bool = False
):
    """Returns (pins, group_disclosures, passes, error, number of milp solves); raises
    Timeout. A pin is ((part, answer), least, most, true count, pass)."""
    t0 = time.time()
    parts, cons, top, cols, ncols, low0 = model(head, pubs, rest, level, assume_n_known)
    truth = truth_vec(parts)
    nmilp = [0]

    def solve(c, low, high):
        left = budget - (time.time() - t0)
        if left <= 0:
            raise Timeout
        nmilp[0] += 1
        res = milp(
            c,
            constraints=cons,
            integrality=np.ones(ncols),
            bounds=Bounds(low, high),
            options={"time_limit": max(left, 1)},
        )
        if res.status == 1:
            raise Timeout
        if res.status != 0:
            return None
        return np.round(res.x)

    # the truth must satisfy the model (binaries set from truth)
    zero = set()
    pins, discl = [], []
    seen_lo = truth.copy()
    seen_hi = truth.copy()
    # group disclosure: everyone in a part gave one answer, derivable?
    for i in range(cols):
        p = parts[i // 7]
        if truth[i] == p.n and p.n >= 1:
            forced = True
            for k in range(7 * (i // 7), 7 * (i // 7) + 7):
                if k == i:
                    continue
                low = low0.copy()
                low[k] = 1
                if solve(np.zeros(ncols), low, top) is not None:
                    forced = False
                    break
            if forced:
                discl.append(f"{p.name}: all {p.n} gave {i % 7 + 1} (n shown: {p.n_shown})")
    # base feasibility of the truth
    low = low0.copy()
    high = top.copy()
    low[:cols] = truth
    high[:cols] = truth
    x = solve(np.zeros(ncols), low, high)
    assert x is not None, "truth infeasible: model wrong"
    passes = []
    while True:
        high0 = top.copy()
        for z in zero:
            high0[z] = 0
        found = {}
        narrow = set(zero)
        for i in range(cols):
            t = truth[i]
            if t >= 9 or i in zero:
                continue
            key = (parts[i // 7].name, i % 7 + 1)
            # least
            if seen_lo[i] == 0:
                least = 0
            else:
                c = np.zeros(ncols)
                c[i] = 1
                x = solve(c, low0, high0)
                if x is None:
                    return pins, discl, passes, "zero-read infeasible", nmilp[0]
                least = int(x[i])
                seen_lo = np.minimum(seen_lo, x[:cols])
                seen_hi = np.maximum(seen_hi, x[:cols])
            if t >= 5 and least == 0:
                continue
            if seen_hi[i] >= least + WIDTH:
                continue
            c = np.zeros(ncols)
            c[i] = -1
            x = solve(c, low0, high0)
            most = int(x[i])
            seen_lo = np.minimum(seen_lo, x[:cols])
            seen_hi = np.maximum(seen_hi, x[:cols])
            if most - least < WIDTH:
                found[key] = (least, most, int(t))
                if (1 <= least <= 4) or (1 <= t <= 4):
                    pins.append((key, least, most, int(t), len(passes)))
                elif least == 0 and t == 0:
                    narrow.add(i)
        passes.append(found)
        if pins or narrow <= zero:
            return pins, discl, passes, "", nmilp[0]
        zero = narrow
        # keep seen bounds only from the truth (valid under zeros: truth has them 0)
        seen_lo = truth.copy()
        seen_hi = truth.copy()


def reread_verdicts(pubs: list, level: float) -> tuple[list, list]:
    """Clear / not clear from printed figures only, independently: returns list of
    (group, package verdict, reread verdict) mismatches, plus side-vs-printed-mean notes."""
    from scipy.special import stdtr

    have = [p for p in pubs if p.verdict]
    ps = []
    for p in have:
        n = p.n
        if p.mean is None or n < 2:
            ps.append(1.0)
            continue
        if p.lower is not None:
            m = float(p.mean)
            half = (float(p.upper) - float(p.lower)) / 2
            se = half / stats.t.ppf(0.975, n - 1)
            if se <= 0:
                ps.append(0.0 if m < level else 1.0)
                continue
            ps.append(float(stdtr(n - 1, (m - level) / se)))
            continue
        # mean alone: max p over every answer vector whose mean prints so (DP of max squares)
        a, b = totals(type("P", (), {"n": n, "mean": p.mean, "verdict": ""})(), level)
        best = maxsq(n)
        pmax = 0.0
        for tot in range(a, b + 1):
            ss = best[tot]
            var = max(ss - tot * tot / n, 0) / (n - 1)
            sd = math.sqrt(var)
            if sd == 0:
                pv = 1.0 if tot / n >= level else 0.0
            else:
                pv = float(stdtr(n - 1, (tot / n - level) / (sd / math.sqrt(n))))
            pmax = max(pmax, pv)
        ps.append(pmax)
    # Holm at 0.025
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    rej = [False] * len(ps)
    m = len(ps)
    for r, i in enumerate(order):
        if ps[i] > 0.025 / (m - r):
            break
        rej[i] = True
    out, notes = [], []
    for p, r in zip(have, rej, strict=False):
        if p.verdict == "At or above":
            exp = "At or above" if not r or True else None
        else:
            exp = "Clearly below" if r else "Below, not clearly"
        if p.verdict != "At or above" and p.verdict != exp:
            out.append((p.name, p.verdict, exp))
        if p.verdict == "At or above" and r and p.mean is not None and float(p.mean) < level:
            out.append((p.name, p.verdict, "printed figures clearly below"))
        if p.mean is not None:
            half = 0.5 * 10 ** -len(p.mean.partition(".")[2])
            pm = float(p.mean)
            side_up = p.verdict == "At or above"
            if (pm - half) < level <= (pm + half) or (pm >= level) != side_up:
                notes.append((p.name, p.n, p.mean, p.verdict))
    return out, notes


_MAXSQ = {}


def maxsq(n: int) -> np.ndarray:
    if n in _MAXSQ:
        return _MAXSQ[n]
    best = np.full(7 * n + 1, -np.inf)
    best[0] = 0
    for _ in range(n):
        nb = np.full(7 * n + 1, -np.inf)
        for v in range(1, 8):
            nb[v:] = np.maximum(nb[v:], best[:-v] + v * v)
        best = nb
    _MAXSQ[n] = best
    return best

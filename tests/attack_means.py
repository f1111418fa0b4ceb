"""Rule 6 written apart from the package: whether a mean of whole answers on 1-7, its 95%
interval and its number of answers pin how many gave some answer to 1 to 4 people, one
integer programme per answer and end (scipy's milp), reading the zeros a published figure
reveals as a reader who knows the rule does. Used against the package's decision
(tests/analysis/test_programmes.py) and against every sample report's survey groups
(tests/e2e/test_survey_attack.py)."""

import math

import numpy as np
from scipy import stats
from scipy.optimize import Bounds, LinearConstraint, milp

from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10, protection_width=5)


def total_exposed(n: int, lo: float, hi: float) -> bool:
    """Whether ``n`` whole answers on 1-7 whose total lies between ``lo`` and ``hi`` (a
    group's total worked out by subtracting published totals from the headline's) pin an
    answer's count, as :func:`exposed_by_milp` reads a mean."""
    sums = range(max(n, math.ceil(lo - 1e-9)), min(7 * n, math.floor(hi + 1e-9)) + 1)
    return exposed_by_milp(n, 0.0, None, None, 2, None, sums)


def exposed_by_milp(n, mean, lower, upper, places, population, sums=None) -> bool:  # noqa: ANN001
    """Rule 6 as first written, one integer programme per answer and end (scipy's milp),
    with the zeros its publication reveals fixed and the answers bounded again (issue 28's
    re-attack). ``sums``: the totals allowed, where not those of ``mean``."""
    half = 0.5 * 10**-places
    if sums is None:
        sums = range(math.ceil(n * (mean - half) - 1e-9), math.floor(n * (mean + half) + 1e-9) + 1)
    k, totals = np.arange(1.0, 8.0), np.array(list(sums), dtype=float)
    rows = [np.r_[np.ones(7), np.zeros(len(totals))], np.r_[np.zeros(7), np.ones(len(totals))]]
    rows.append(np.r_[k, -totals])
    lo, hi = [n, 1, 0], [n, 1, 0]
    if lower is not None:
        # Student's t, with the finite population correction 1 - n/N (Cochran 1977, 2.12);
        # each printed end is the exact mean (total / n) less or plus the half-width, to
        # two places, so the half-width is within 0.005 of both distances
        correction = 1 - n / population if population and population >= n else 1.0
        t = stats.t.ppf(0.975, n - 1) * math.sqrt(correction)
        m = totals / n
        h_lo = np.maximum.reduce([np.zeros_like(m), upper - 0.005 - m, m - lower - 0.005])
        h_hi = np.minimum(upper + 0.005 - m, m - lower + 0.005)
        sd = np.stack([h_lo, h_hi], axis=1) * math.sqrt(n) / t
        q = (n - 1) * np.sign(sd) * sd**2 + (totals**2 / n)[:, None]  # h_hi < 0: no total
        rows += [np.r_[k * k, -q[:, 0]], np.r_[k * k, -q[:, 1]]]
        lo, hi = lo + [0, -np.inf], hi + [np.inf, 0]
    cons = LinearConstraint(np.array(rows), lo, hi)
    size = 7 + len(totals)
    zero: set[int] = set()  # answers a reader who knows the rule infers are 0 (see below)
    while True:
        most = np.r_[[0 if i in zero else n for i in range(7)], np.ones(len(totals))]
        bounds = Bounds(np.zeros(size), most)

        def end(sign, i, bounds=bounds):
            c = np.zeros(size)
            c[i] = sign
            res = milp(c, constraints=cons, integrality=np.ones(size), bounds=bounds)
            return None if res.status != 0 else round(sign * res.fun)

        if end(1.0, 0) is None:
            return False
        narrow = set()
        for i in range(7):
            least, top = end(1.0, i), end(-1.0, i)
            if top - least < RULES.protection_width:
                if 1 <= least < RULES.min_count:
                    return True
                if least == 0 and top > 0:
                    narrow.add(i)  # 0 to top: were it 1 to 4, the figure would be withheld
        if narrow <= zero:
            return False
        zero |= narrow


def compositions(n: int, parts: int):
    """Every way of giving ``n`` people one of ``parts`` answers (counts per answer)."""
    if parts == 1:
        yield (n,)
        return
    for c in range(n + 1):
        for rest in compositions(n - c, parts - 1):
            yield (c, *rest)

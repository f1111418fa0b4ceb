"""Confidence intervals and significance tests for figures that carry sampling error.

Only survey figures (a sample of responses) have sampling error; census and administrative
figures are exact and get none of these (see :mod:`equality_progress.analysis.status`).
The closed-form formulas (Wilson, Newcombe, Welch's statistic) are written out; Student's t
distribution comes from ``scipy.special`` (``stdtr`` and its inverse ``stdtrit``, the
Cephes routines), which the tool depends on anyway, rather than a hand-written incomplete
beta function and a bisection (11,204 evaluations a report; issue 26). Each is checked in the
tests against scipy.stats, statsmodels and published worked examples.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from scipy.special import stdtr, stdtrit


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard normal quantile, e.g. 1.959964 for 95%."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float

    def excludes(self, value: float) -> bool:
        return value < self.lower or value > self.upper


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> Interval:
    """Wilson score interval for a proportion, as a proportion (0-1).

    Source: Wilson (1927); Newcombe (1998) Statistics in Medicine 17:857-872, method 3;
    the method used by PHE Fingertips for proportions.
    """
    if n <= 0:
        raise ValueError("a proportion needs a denominator above zero")
    if not 0 <= successes <= n:
        raise ValueError(f"successes ({successes}) must be between 0 and n ({n})")
    z = z_value(confidence)
    p = successes / n
    denom = 1 + z * z / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return Interval(max(0.0, (centre - spread) / denom), min(1.0, (centre + spread) / denom))


def newcombe_difference(x1: int, n1: int, x2: int, n2: int, confidence: float = 0.95) -> Interval:
    """Hybrid score interval for the difference of two independent proportions, p1 - p2.

    Source: Newcombe (1998) "Interval estimation for the difference between independent
    proportions", Statistics in Medicine 17:873-890, method 10 (from the two Wilson
    intervals); statsmodels ``confint_proportions_2indep(method="newcomb")``.
    """
    p1, p2 = x1 / n1, x2 / n2
    a, b = wilson_interval(x1, n1, confidence), wilson_interval(x2, n2, confidence)
    d = p1 - p2
    return Interval(
        d - math.sqrt((p1 - a.lower) ** 2 + (b.upper - p2) ** 2),
        d + math.sqrt((a.upper - p1) ** 2 + (p2 - b.lower) ** 2),
    )


def t_two_sided_p(t: float, df: float) -> float:
    """Two-sided p-value of Student's t with ``df`` degrees of freedom."""
    return float(2 * stdtr(df, -abs(t)))


def t_value(confidence: float, df: float) -> float:
    """Two-sided Student t quantile (e.g. 2.262157 for 95% on 9 df)."""
    return float(stdtrit(df, 1 - (1 - confidence) / 2))


def fpc(n: int, population: int | None) -> float:
    """The finite population correction of a variance, 1 - n / N, when ``n`` of a known
    population of ``N`` answered (1 when N is not known or smaller than n).

    Source: Cochran (1977) Sampling Techniques, 3rd ed., section 2.5, equation 2.12: the
    variance of a mean of a simple random sample without replacement is (1 - n/N) S^2/n.
    """
    if not population or population < n:
        return 1.0
    return 1.0 - n / population


def mean_interval(
    mean: float, sd: float, n: int, confidence: float = 0.95, population: int | None = None
) -> Interval:
    """Interval for a mean from the t distribution with n - 1 degrees of freedom, its
    standard error corrected by :func:`fpc` when the population answering is known (a staff
    survey: respondents of the staff in post).

    Source: Altman et al. (2000) Statistics with Confidence, ch. 4; PHE's ``phe_mean``
    (R package PHEindicatormethods); Cochran (1977) for the correction.
    """
    if n < 2:
        raise ValueError("an interval for a mean needs at least two responses")
    half = t_value(confidence, n - 1) * sd / math.sqrt(n) * math.sqrt(fpc(n, population))
    return Interval(mean - half, mean + half)


@dataclass(frozen=True)
class WelchTest:
    statistic: float
    df: float
    p_value: float


def welch_test(
    mean1: float,
    sd1: float,
    n1: int,
    mean2: float,
    sd2: float,
    n2: int,
    populations: tuple[int | None, int | None] = (None, None),
) -> WelchTest:
    """Welch's unequal-variance t-test of mean2 - mean1 (two-sided), each variance corrected
    by :func:`fpc` when its year's population is known.

    Source: Welch (1947) Biometrika 34:28-35; scipy ``ttest_ind_from_stats(equal_var=False)``
    (which it equals without populations); Cochran (1977) for the correction.
    """
    v1 = sd1 * sd1 / n1 * fpc(n1, populations[0])
    v2 = sd2 * sd2 / n2 * fpc(n2, populations[1])
    se = math.sqrt(v1 + v2)
    if se == 0:
        return WelchTest(0.0, float(n1 + n2 - 2), 1.0 if mean1 == mean2 else 0.0)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    t = (mean2 - mean1) / se
    return WelchTest(t, df, t_two_sided_p(t, df))


def holm(p_values: Sequence[float], alpha: float) -> list[bool]:
    """Which of a family of hypotheses are rejected by Holm's step-down procedure at a
    family-wise error rate ``alpha``: the smallest p against alpha/m, the next against
    alpha/(m - 1), ..., stopping at the first not rejected.

    Source: Holm (1979) Scand. J. Statist. 6:65-70; statsmodels ``multipletests(method="holm")``.
    """
    order = sorted(range(len(p_values)), key=lambda i: p_values[i])
    out = [False] * len(p_values)
    m = len(p_values)
    for rank, i in enumerate(order):
        if p_values[i] > alpha / (m - rank):
            break
        out[i] = True
    return out


@dataclass(frozen=True)
class TrendTest:
    statistic: float
    p_value: float
    slope: float

    def significant(self, confidence: float) -> bool:
        return self.p_value < 1 - confidence


def chi_square_trend(
    successes: Sequence[int], totals: Sequence[int], scores: Sequence[float] | None = None
) -> TrendTest:
    """Chi-square test for linear trend in proportions (Cochran-Armitage), 1 df.

    Source: Armitage (1955) Biometrics 11:375-386; Altman (1991) Practical Statistics for
    Medical Research pp.261-265; used by PHE Fingertips for recent trends. Gives the same
    statistic as R's ``prop.trend.test``. ``slope`` is the weighted least-squares change in
    the proportion per unit of score (its sign gives the direction).
    """
    if len(successes) != len(totals) or len(totals) < 2:
        raise ValueError("the trend test needs two or more points, each with a total")
    xs = list(scores) if scores is not None else list(range(1, len(totals) + 1))
    n_all = sum(totals)
    p_bar = sum(successes) / n_all
    if p_bar in (0.0, 1.0):
        return TrendTest(0.0, 1.0, 0.0)
    x_bar = sum(n * x for n, x in zip(totals, xs, strict=True)) / n_all
    sxx = sum(n * (x - x_bar) ** 2 for n, x in zip(totals, xs, strict=True))
    sxy = sum((r - n * p_bar) * (x - x_bar) for r, n, x in zip(successes, totals, xs, strict=True))
    statistic = sxy * sxy / (p_bar * (1 - p_bar) * sxx)
    p_value = 2 * (1 - NormalDist().cdf(math.sqrt(statistic)))
    return TrendTest(statistic, p_value, sxy / sxx)

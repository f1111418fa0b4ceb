"""Confidence intervals and significance tests used by the progress methods.

Hand-written rather than taken from scipy/statsmodels: each is a few lines of closed-form
arithmetic, and keeping them here (with their sources) avoids a heavy dependency for
four formulas that are tested against published worked examples.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist


def z_value(confidence: float = 0.95) -> float:
    """Two-sided standard normal quantile, e.g. 1.959964 for 95%."""
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


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


def byar_interval(count: int, confidence: float = 0.95) -> Interval:
    """Byar's approximation to the exact Poisson interval for a count.

    Source: Breslow & Day (1987) Statistical Methods in Cancer Research vol. II, p.69;
    the method PHE Fingertips uses for counts.
    """
    if count < 0:
        raise ValueError("a count cannot be negative")
    z = z_value(confidence)
    if count == 0:
        lower = 0.0
    else:
        lower = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    o = count + 1
    upper = o * (1 - 1 / (9 * o) + z / (3 * math.sqrt(o))) ** 3
    return Interval(lower, upper)


def mean_interval(mean: float, sd: float, n: int, confidence: float = 0.95) -> Interval:
    """Normal-approximation interval for a mean (n is at least 10 after disclosure control).

    Source: Altman et al. (2000) Statistics with Confidence, ch. 4.
    """
    if n < 2:
        raise ValueError("an interval for a mean needs at least two responses")
    half = z_value(confidence) * sd / math.sqrt(n)
    return Interval(mean - half, mean + half)


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

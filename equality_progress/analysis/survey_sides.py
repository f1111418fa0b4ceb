"""What a survey group's verdict against a level says (issue 28): on which side of the level
its total lies (:func:`side_totals`), which narrows its answers' counts (:func:`count_ranges`);
whether that side may be printed (:func:`verdict_safe`, :func:`side_shown`), decided from the
number of answers, the level and the mean as printed, never the answers. Pure: no I/O."""

from __future__ import annotations

import math

import numpy as np

from equality_progress.analysis.bounded_means import PublishedMean
from equality_progress.inputs.settings import DisclosureSettings


def side_totals(n: int, threshold: float, direction: str, meets: bool) -> tuple[int, int]:
    """The totals of ``n`` answers on 1-7 whose mean is on the side of ``threshold`` a
    verdict names: at or above it (``meets``, a level to reach), below it; at or below it
    (``meets``, a level not to pass, direction "decrease"), above it."""
    edge = threshold * n
    if direction != "decrease":
        first = math.ceil(edge - 1e-9)
        return (first, 7 * n) if meets else (n, first - 1)
    last = math.floor(edge + 1e-9)
    return (n, last) if meets else (last + 1, 7 * n)


def count_ranges(n: int, lo: int, hi: int) -> list[tuple[int, int]] | None:
    """Each answer's least and most count over every ``n`` whole answers on 1-7 whose total
    lies between ``lo`` and ``hi`` (None if none does), in closed form: ``x`` people giving
    answer ``j`` leave ``n - x`` whose answers (the other six) can make any total from their
    least to their most, once there are two of them; one can make only its six values."""
    x = np.arange(n + 1)
    rest = n - x
    out = []
    for j in range(1, 8):
        others = [v for v in range(1, 8) if v != j]
        low, high = j * x + others[0] * rest, j * x + others[-1] * rest
        ok = (low <= hi) & (high >= lo)
        ok[n] = lo <= j * n <= hi
        if n >= 1:
            ok[n - 1] = any(lo <= j * (n - 1) + v <= hi for v in others)
        if not ok.any():
            return None
        out.append((int(x[ok].min()), int(x[ok].max())))
    return out


def verdict_safe(
    n: int,
    threshold: float,
    direction: str,
    printed: tuple[float, float] | None,
    rules: DisclosureSettings,
) -> bool:
    """Whether a group's verdict against a level may be published whichever side it names:
    the printed mean (its total within ``printed``; None where withheld) already says the
    side, or on each side every answer's count still spans ``protection_width``. The answer
    depends on the number of answers, the level and the printed mean only, so that a
    withheld verdict says nothing of its side (issue 28's re-audit: a verdict withheld only
    where "at or above" was exposing told a reader it was at or above)."""
    lo, hi = 0, 7 * n
    if printed is not None:
        lo, hi = math.ceil(printed[0] - 1e-9), math.floor(printed[1] + 1e-9)
    sides = [side_totals(n, threshold, direction, meets) for meets in (True, False)]
    cuts = [(max(lo, a), min(hi, b)) for a, b in sides]
    if printed is not None and any(a > b for a, b in cuts):
        return True  # every total the printed mean allows is on one side
    for a, b in cuts:
        ranges = count_ranges(n, a, b)
        if ranges is not None and any(
            most - least < rules.protection_width for least, most in ranges
        ):
            return False
    return True


def total_range(n: int, mean: float, places: int) -> tuple[float, float]:
    """The total of ``n`` answers whose mean prints as ``round(mean, places)``."""
    half = 0.5 * 10**-places
    shown = round(mean, places)
    return n * (shown - half), n * (shown + half)


def side_shown(
    n: int,
    mean: float,
    shown: PublishedMean,
    threshold: float,
    direction: str,
    rules: DisclosureSettings,
) -> bool:
    """Whether a group of ``n`` answers whose mean is published as ``shown`` prints its
    verdict's side of ``threshold``: the whole survey's plan allows it (``shown.side``) and
    so does :func:`verdict_safe`, beside the mean as printed (its totals; none where
    withheld). A group that does not keeps neither its mean nor its verdict."""
    if not shown.side:
        return False
    printed = None if shown.places is None else total_range(n, mean, shown.places)
    return verdict_safe(n, threshold, direction, printed, rules)

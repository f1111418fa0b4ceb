"""When a figure has changed between two years: one rule for every status, trend and sentence.

Census and administrative figures are exact, so their difference is the change (clear when
larger than the indicator's tolerance, 0 unless the strategy sets one). Survey figures carry
sampling error, so a change is clear only when a test says so: Newcombe's hybrid score
interval for two proportions, Welch's t-test for two means. Overlapping intervals never judge
a change: two 95% intervals that overlap can hide a difference significant at the 1% level
(Schenker and Gentleman 2001, The American Statistician 55:182-186).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from equality_progress.analysis.inference import chi_square_trend, newcombe_difference, welch_test
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.years import FinancialYear


@dataclass(frozen=True)
class Point:
    """One year's value; survey figures carry an interval and what a test needs (counts of
    a proportion, or the standard deviation and number of responses of a mean)."""

    year: FinancialYear
    value: float | None
    lower: float | None = None
    upper: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    sd: float | None = None
    n: int | None = None
    # a figure the strategy states: the places it is written to, so sentences print it as
    # published and as the computation uses it ("from 15.08%", not "from 15.1%"; issue 23)
    places: int | None = None
    # how far one person can move an exact figure that is an order statistic (a median pay
    # gap's leave-one-out range, pay_gaps.median_gap_one_out): a change must exceed it
    one_person: float | None = None
    # a share of all staff: how many of them did not declare (issue 24: what non-response
    # leaves open, Manski's bounds, can put the share either side of a target)
    undeclared: int | None = None
    # a staff survey: the staff in post its respondents are of, for the finite population
    # correction (inference.fpc; issue 24: 600 of 990 staff answered)
    population: int | None = None
    # the count behind a share disclosure control withholds: never published, but a status
    # may still be judged from it where saying the status reveals no more (issue 24)
    withheld: int | None = None
    # a survey mean whose interval (and so its spread) rule 6 withholds: no test of its
    # change is made or printed; with no value, the mean itself is withheld
    # (measures.publishable_headline)
    spread_withheld: bool = False

    @property
    def is_withheld(self) -> bool:
        """No figure because disclosure control withholds it, not because there is none
        (issue 24: a withheld figure is not a missing one)."""
        return self.value is None and bool(self.denominator or self.spread_withheld)


@dataclass(frozen=True)
class Change:
    """The change from one point to another and whether it is clear (see module doc)."""

    diff: float | None
    clear: bool
    detail: str = ""
    # an exact figure that moved, but by no more than one person can move it: too small to
    # call, judged as a survey change that is not yet clear (issue 24)
    small: bool = False

    def word(self, direction: str) -> str:
        """improving / worsening when clear, else no_clear_change (not_available: no data);
        for a figure with no direction (context), rising / falling."""
        if self.diff is None:
            return "not_available"
        if not self.clear:
            return "no_clear_change"
        if direction == "none":
            return "rising" if self.diff > 0 else "falling"
        return "improving" if self.right_way(direction) else "worsening"

    def right_way(self, direction: str) -> bool:
        """The estimate moved the way the strategy asks (clear or not)."""
        if self.diff is None or self.diff == 0:
            return False
        return self.diff > 0 if direction == "increase" else self.diff < 0


def fmt(v: float, unit: str, places: int | None = None) -> str:
    """A figure for a sentence: one place for a percentage, or as many as it is stated to."""
    if unit == "percent":
        return f"{v:.{max(1, places or 1)}f}%"
    if unit == "count":
        return f"{v:,.0f}"
    return f"{v:.2f}".rstrip("0").rstrip(".")


def fmt_pair(
    before: float, after: float, unit: str, before_places: int | None = None
) -> tuple[str, str]:
    """Two figures as a sentence compares them: a percentage shown to two places when one
    place would print two different figures alike ("from 8.64% to 8.60%", not "from 8.6%
    to 8.6%"; issue 22); a stated baseline as the strategy writes it (``before_places``)."""
    a, b = fmt(before, unit, before_places), fmt(after, unit)
    if unit == "percent" and a == b and before != after:
        return f"{before:.2f}%", f"{after:.2f}%"
    return a, b


def diff_unit(unit: str) -> str:
    return {"percent": " percentage points", "score": " points"}.get(unit, "")


def turns_on_one(before: Point, after: Point, unit: str) -> bool:
    """True when an exact (census or administrative) change would vanish or reverse if
    one person (or item) were counted differently: a count that moved by one or less, or
    a share whose change does not survive moving this year's numerator one person back
    towards last year's. A status must not turn on one person (issue 24); the rule is the
    disclosure-control idea of a "dominance" margin applied to a change, and leaves every
    other change, however small, as measured."""
    if before.value is None or after.value is None or after.value == before.value:
        return False
    if after.numerator is not None and after.denominator:
        step = 1 if after.value > before.value else -1
        moved = (after.numerator - step) / after.denominator * 100
        return (moved - before.value) * step <= 1e-9
    if unit == "count":
        return abs(after.value - before.value) <= 1 + 1e-9
    return False


def judge_change(
    before: Point,
    after: Point,
    evidence: str,
    unit: str = "percent",
    tolerance: float = 0.0,
    confidence: float = 0.95,
) -> Change:
    """Whether ``after`` differs clearly from ``before``.

    Census and admin: the difference itself, clear when its size exceeds ``tolerance`` and
    it does not turn on one person (:func:`turns_on_one`, or for a median the most one
    employee moves it either year, ``Point.one_person``).
    Survey proportions: Newcombe (1998) hybrid score interval for the difference (method 10),
    clear when it excludes 0. Survey means: Welch (1947) t-test, clear when p < 1 - confidence.
    A survey figure without counts cannot be tested and is never a clear change.
    """
    if before.value is None or after.value is None:
        return Change(None, False)
    diff = after.value - before.value
    if evidence != "survey":
        clear = round(abs(diff), 9) > tolerance
        detail = (
            f"a change of {abs(diff):.2g}{diff_unit(unit)} is within the tolerance of {tolerance:g}"
            if tolerance and not clear
            else ""
        )
        small = False
        if clear and turns_on_one(before, after, unit):
            clear, small = False, True
            detail = "too small to call: a change of one person or item either way is not counted"
        spread = max(before.one_person or 0.0, after.one_person or 0.0)
        if clear and round(abs(diff), 9) <= round(spread, 9):
            clear, small = False, True
            detail = (
                f"too small to call: leaving out any one employee moves the median by up to "
                f"{spread:.2f}{diff_unit(unit)}"
            )
        return Change(diff, clear, detail, small)
    if after.numerator is not None and after.denominator and before.denominator:
        ci = newcombe_difference(
            after.numerator, after.denominator, before.numerator or 0, before.denominator,
            confidence,
        )  # fmt: skip
        return Change(
            diff,
            ci.excludes(0.0),
            f"{confidence:.0%} interval of the change {ci.lower * 100:+.1f} to "
            f"{ci.upper * 100:+.1f} percentage points",
        )
    if before.spread_withheld or after.spread_withheld:
        return Change(diff, False, "not tested: an interval is withheld to protect individuals")
    if None not in (after.sd, after.n, before.sd, before.n):
        pops = (before.population, after.population)
        w = welch_test(before.value, before.sd, before.n, after.value, after.sd, after.n, pops)  # type: ignore[arg-type]
        return Change(diff, w.p_value < 1 - confidence, f"Welch's t-test p = {w.p_value:.2g}")
    return Change(diff, False, "the figures come without the counts a test needs")


@dataclass(frozen=True)
class Trend:
    """The trend word and the sentence that says it, so the two cannot disagree."""

    word: str
    sentence: str
    detail: str = ""  # how the change was judged, shown in brackets in the sentence


def trend(
    series: Sequence[Point],
    report_year: FinancialYear,
    direction: str,
    evidence: str,
    unit: str,
    settings: ProgressSettings,
    tolerance: float = 0.0,
) -> Trend:
    """Latest year against the previous one by :func:`judge_change`; with
    ``trend_min_points`` or more annual survey proportions, the chi-square test for linear
    trend over the most recent of them at ``trend_confidence`` (PHE Fingertips)."""
    known = [p for p in series if p.value is not None and p.year <= report_year]
    current = next((p for p in known if p.year == report_year), None)
    if current is None:
        return Trend("not_available", "")
    recent = known[-settings.trend_min_points :]
    if (
        evidence == "survey"
        and len(recent) >= settings.trend_min_points
        and all(p.numerator is not None and p.denominator for p in recent)
    ):
        test = chi_square_trend(
            [p.numerator for p in recent],  # type: ignore[misc]
            [p.denominator for p in recent],  # type: ignore[misc]
            [p.year.start for p in recent],
        )
        span = f"Over {recent[0].year} to {recent[-1].year} (chi-square test for trend)"
        if not test.significant(settings.trend_confidence):
            return Trend("no_clear_change", f"{span}: no clear change.")
        good = test.slope > 0 if direction == "increase" else test.slope < 0
        word = "improving" if good else "worsening"
        if direction == "none":
            word = "rising" if test.slope > 0 else "falling"
        return Trend(word, f"{span}: {word}.")
    previous = next((p for p in known if p.year == report_year.previous()), None)
    if previous is None:
        withheld = any(p.year == report_year.previous() and p.is_withheld for p in series)
        if withheld:
            return Trend(
                "not_available",
                f"The {report_year.previous()} figure is withheld to protect individuals, so "
                "no trend yet.",
            )
        return Trend("not_available", f"No figure for {report_year.previous()}, so no trend yet.")
    ch = judge_change(previous, current, evidence, unit, tolerance, settings.confidence)
    word = ch.word(direction)
    since = f"Since {previous.year} ({fmt(previous.value, unit)})"  # type: ignore[arg-type]
    if word == "no_clear_change":
        extra = f" ({ch.detail})" if ch.detail else ""
        return Trend(word, f"{since}: no clear change{extra}.", ch.detail)
    return Trend(word, f"{since}: {word}.")

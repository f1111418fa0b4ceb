"""The one rule for a change between two years, and the trend built on it."""

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from equality_progress.analysis.change import Point, judge_change, trend
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.years import FinancialYear as FY

S = ProgressSettings()
Y = FY.parse


def p(year, value, **kw):
    return Point(Y(year), value, **kw)


def test_census_and_admin_differences_are_exact():
    up = judge_change(p("2021-22", 60), p("2022-23", 62), "admin", "count")
    assert up.clear and up.word("increase") == "improving" and up.word("decrease") == "worsening"
    same = judge_change(p("2021-22", 60), p("2022-23", 60), "census")
    assert not same.clear and same.word("increase") == "no_clear_change"
    # a tolerance: changes of that size or less are no clear change
    tol = judge_change(p("2021-22", 15.08), p("2022-23", 14.6), "census", "percent", 0.5)
    assert not tol.clear and "within the tolerance of 0.5" in tol.detail
    assert judge_change(p("2021-22", 15.08), p("2022-23", 14.0), "census", "percent", 0.5).clear
    # exactly the tolerance is not beyond it (floating point: 3.3 - 3.1 = 0.19999...)
    assert not judge_change(p("2021-22", 3.1), p("2022-23", 3.3), "census", "percent", 0.2).clear


def test_no_change_turns_on_one_person():
    """Issue 24: suppliers 15 -> 14 is one supplier, not "worsening"; a share whose change
    vanishes when one person is counted back is no clear change; three people are."""
    one = judge_change(p("2021-22", 15), p("2022-23", 14), "admin", "count")
    assert not one.clear and "too small to call: a change of one person or item" in one.detail
    assert judge_change(p("2021-22", 15), p("2022-23", 13), "admin", "count").clear
    # 29 of 950 (3.053%) -> 30 of 962 (3.119%): 29 of 962 is 3.015%, below 3.053%: one person
    before = p("2021-22", 29 / 950 * 100, numerator=29, denominator=950)
    one_more = p("2022-23", 30 / 962 * 100, numerator=30, denominator=962)
    assert not judge_change(before, one_more, "census").clear
    # 32 of 962 (3.326%): 31 of 962 is 3.222%, still above 3.053%: clear
    three_more = p("2022-23", 32 / 962 * 100, numerator=32, denominator=962)
    assert judge_change(before, three_more, "census").clear
    # a fall: 28 of 962 (2.911%): 29 of 962 is 3.015%, below 3.053%, so the fall survives
    assert judge_change(
        before, p("2022-23", 28 / 962 * 100, numerator=28, denominator=962), "census"
    ).clear


def test_missing_figures_give_no_change_word():
    assert judge_change(p("2021-22", None), p("2022-23", 3), "admin").word("increase") == (
        "not_available"
    )


@pytest.mark.parametrize(
    ("before", "after", "n"), [(615, 690, 1500), (615, 630, 1500), (30, 45, 200), (0, 6, 40)]
)
def test_survey_proportions_use_the_newcombe_interval(before, after, n):
    low, high = confint_proportions_2indep(after, n, before, n, method="newcomb", compare="diff")
    ch = judge_change(
        p("2021-22", before / n * 100, numerator=before, denominator=n),
        p("2022-23", after / n * 100, numerator=after, denominator=n),
        "survey",
    )
    assert ch.clear == (not low <= 0 <= high)
    assert f"{low * 100:+.1f} to {high * 100:+.1f}" in ch.detail


def test_overlapping_intervals_do_not_decide():
    # 41.0% (38.5-43.5) and 46.0% (43.5-48.5) overlap, yet the difference is clear
    ch = judge_change(
        p("2021-22", 41.0, lower=38.5, upper=43.5, numerator=615, denominator=1500),
        p("2022-23", 46.0, lower=43.5, upper=48.5, numerator=690, denominator=1500),
        "survey",
    )
    assert ch.clear


def test_survey_without_counts_cannot_be_called_clear():
    ch = judge_change(p("2021-22", 40.0), p("2022-23", 60.0), "survey")
    assert not ch.clear and "without the counts" in ch.detail


def test_trend_is_latest_against_previous_year():
    series = [p("2021-22", 8), p("2022-23", 11), p("2023-24", 11)]
    t = trend(series, Y("2023-24"), "increase", "admin", "count", S)
    assert (t.word, t.sentence) == ("no_clear_change", "Since 2022-23 (11): no clear change.")
    t = trend(series[:2], Y("2022-23"), "increase", "admin", "count", S)
    assert (t.word, t.sentence) == ("improving", "Since 2021-22 (8): improving.")
    gap = trend([series[0], series[2]], Y("2023-24"), "increase", "admin", "count", S)
    assert gap.word == "not_available" and "No figure for 2022-23" in gap.sentence
    assert trend(series, Y("2024-25"), "increase", "admin", "count", S).word == "not_available"


def test_five_annual_survey_proportions_use_the_chi_square_trend():
    years = ["2021-22", "2022-23", "2023-24", "2024-25", "2025-26"]

    def series(ks):
        return [p(y, k / 10, numerator=k, denominator=1000) for y, k in zip(years, ks, strict=True)]

    rising = series([30, 45, 60, 75, 90])
    t = trend(rising, Y("2025-26"), "increase", "survey", "percent", S)
    assert t.word == "improving" and "chi-square test for trend" in t.sentence
    assert trend(rising, Y("2025-26"), "decrease", "survey", "percent", S).word == "worsening"
    flat = series([30, 30, 30, 30, 30])
    assert trend(flat, Y("2025-26"), "increase", "survey", "percent", S).word == ("no_clear_change")
    # census figures never use the test: 7.5% -> 9.0% is simply a rise
    census = trend(rising, Y("2025-26"), "increase", "census", "percent", S)
    assert census.sentence == "Since 2024-25 (7.5%): improving."


def test_two_figures_that_differ_are_not_printed_alike():
    from equality_progress.analysis.change import fmt_pair

    assert fmt_pair(8.64, 8.60, "percent") == ("8.64%", "8.60%")
    assert fmt_pair(8.64, 9.1, "percent") == ("8.6%", "9.1%")
    assert fmt_pair(8.6, 8.6, "percent") == ("8.6%", "8.6%")
    assert fmt_pair(120, 121, "count") == ("120", "121")


def test_a_withheld_previous_year_is_said_to_be_withheld_not_missing():
    """Issue 24: a suppressed previous year read 'no figure'. A point withheld by disclosure
    control keeps its base (measures.proportion_point), so the trend can say why."""
    now, before = FY(2023), FY(2022)
    series = [Point(before, None, denominator=55), Point(now, 8.3, numerator=5, denominator=60)]
    t = trend(series, now, "increase", "census", "percent", ProgressSettings())
    assert (t.word, t.sentence) == (
        "not_available",
        "The 2022-23 figure is withheld to protect individuals, so no trend yet.",
    )
    missing = trend(series[1:], now, "increase", "census", "percent", ProgressSettings())
    assert missing.sentence == "No figure for 2022-23, so no trend yet."


def test_a_mean_whose_interval_is_withheld_is_not_tested():
    """Issue 28: a headline mean whose interval rule 6 withholds loses its spread, and a
    test of its change would publish it again (Welch's p fixes the standard deviation
    given the other year's): the change is not tested, and the sentence says why. With
    both spreads, 6.32 (sd 0.6, 600) to 6.47 (sd 0.6, 30) is tested as before."""
    before = Point(FY.parse("2024-25"), 6.32, sd=0.6, n=600)
    after = Point(FY.parse("2025-26"), 6.47, sd=None, n=30, spread_withheld=True)
    c = judge_change(before, after, "survey", "score")
    assert not c.clear and c.diff == pytest.approx(0.15)
    assert c.detail == "not tested: an interval is withheld to protect individuals"
    tested = judge_change(before, Point(FY.parse("2025-26"), 6.47, sd=0.6, n=30), "survey", "score")
    assert tested.detail.startswith("Welch's t-test p = ")


def test_a_withheld_survey_mean_is_said_to_be_withheld_not_missing():
    """Issue 28's audit: a headline survey mean rule 6 withholds (measures.publishable_
    headline: no value, its spread withheld) read 'No figure for 2025-26' a year later."""
    now, before = FY(2026), FY(2025)
    withheld = Point(before, None, n=10, spread_withheld=True)
    assert withheld.is_withheld and not Point(before, None).is_withheld
    series = [withheld, Point(now, 6.32, sd=0.6, n=600)]
    t = trend(series, now, "increase", "survey", "score", ProgressSettings())
    assert t.sentence == "The 2025-26 figure is withheld to protect individuals, so no trend yet."

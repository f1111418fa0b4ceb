"""Levels to reach or keep against hand-worked examples (analysis/levels.py)."""

from datetime import date

import pytest

from equality_progress.analysis.change import Point, Trend
from equality_progress.analysis.levels import assess_threshold, threshold_by_pace
from equality_progress.analysis.status import GroupPoint
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.years import FinancialYear as FY

S = ProgressSettings()
Y = FY.parse
TR = Trend("improving", "Since last year: improving.")


def groups(*values, lower=None, upper=None):
    lower, upper = lower or [None] * 5, upper or [None] * 5
    return [GroupPoint("ABCDE"[i], v, lower[i], upper[i], 50) for i, v in enumerate(values)]


def test_threshold_census_any_group_below_is_off_track():
    a, judged = assess_threshold(groups(9.7), 6.0, "increase", "percent", "census", TR)
    assert a.status == "achieved" and judged[0].verdict == "At or above"
    b, judged = assess_threshold(groups(9.7, 5.9), 6.0, "increase", "percent", "census", TR)
    assert b.status == "off_track" and judged[1].verdict == "Below" and "B 5.9%" in b.reason
    c, _ = assess_threshold(groups(6.0), 6.0, "increase", "percent", "census", TR)
    assert c.status == "achieved"  # at the level counts


def test_threshold_survey_by_estimate_and_interval():
    ok, _ = assess_threshold(
        groups(6.4, 6.0, lower=[6.2, 5.7], upper=[6.6, 6.3]), 6.0, "increase", "score", "survey", TR
    )
    assert ok.status == "achieved"  # every estimate at or above, interval or not
    unclear, judged = assess_threshold(
        groups(6.4, 5.9, lower=[6.2, 5.6], upper=[6.6, 6.2]), 6.0, "increase", "score", "survey", TR
    )
    assert unclear.status == "some_progress" and judged[1].verdict == "Below, not clearly"
    below, judged = assess_threshold(
        groups(6.4, 5.9, 5.2, lower=[6.2, 5.6, 4.9], upper=[6.6, 6.2, 5.5]),
        6.0, "increase", "score", "survey", TR,
    )  # fmt: skip
    assert below.status == "off_track" and judged[2].verdict == "Clearly below"
    assert "1 of 3 groups are clearly below 6 (C 5.2)" in below.reason


def test_threshold_withheld_groups_are_not_judged():
    withheld = [GroupPoint("E", None, None, None, 4)]
    a, _ = assess_threshold(withheld, 6.0, "increase", "score", "survey", TR)
    assert a.status == "not_available"


def _paced(value: float, year: str, base: float = 56.0, evidence: str = "census"):
    """A level of 100% due by March 2026, one group, from ``base`` in 2021-22."""
    groups = [GroupPoint("All", value, value - 1, value + 1, 100)]
    a, judged = assess_threshold(groups, 100.0, "increase", "percent", evidence, TR)
    due, base_point = date(2026, 3, 31), Point(Y("2021-22"), base)
    args = (100.0, due, Y(year), "increase", "percent", evidence, S, TR)
    return a, threshold_by_pace(a, judged, base_point, Point(Y(year), value), *args)


def test_a_level_due_by_a_date_is_judged_by_pace_until_then():
    """Issue 24: LCRCA's programme targets met, 56.0% in 2021-22 against 100% by March
    2026 (2025-26: four years), were off track every year. By pace, 100 - 56 = 44 points
    in four years is 11 a year: 57.69% after one year is 1.69 a year (0.154, off track),
    66.67% after two 5.335 a year (0.485, off track), 78.57% after three 7.523 a year
    (0.684, some progress); in 2025-26, the due year, 89.66% is below the level: off
    track."""
    expected = {"2022-23": (57.69, "off_track"), "2023-24": (66.67, "off_track")}
    expected |= {"2024-25": (78.57, "some_progress"), "2025-26": (89.66, "off_track")}
    for year, (value, status) in expected.items():
        assert _paced(value, year)[1].status == status, year
    assert "(68% of the pace needed)" in _paced(78.57, "2024-25")[1].reason
    # survey groups keep their tests: the pace is for one group of exact figures
    before, after = _paced(78.57, "2024-25", evidence="survey")
    assert after == before


def test_survey_groups_against_a_level_are_one_family_holm():
    """Issue 24: eleven groups each tested at 95% make a false alarm likely. A group of 30
    with mean 5.70 and standard error 0.12185 is below 6 with one-sided p = 0.0100 (t =
    -2.462 on 29 df), and its interval 5.45 to 5.95 misses 6: alone it is clearly below.
    Among eleven groups, Holm's smallest p must be at most 0.025 / 11 = 0.00227: it is
    below, not clearly, and the reason says why."""
    from scipy.special import stdtr

    se = 0.3 / 2.462
    assert float(stdtr(29, (5.70 - 6.0) / se)) == pytest.approx(0.0100, abs=2e-4)
    low = GroupPoint("Age: 16-34", 5.70, 5.70 - 2.045 * se, 5.70 + 2.045 * se, 30)
    assert low.upper < 6.0
    alone, judged = assess_threshold([low], 6.0, "increase", "score", "survey", TR)
    assert alone.status == "off_track" and judged[0].verdict == "Clearly below"
    others = [GroupPoint(f"G{i}", 6.5, 6.3, 6.7, 100) for i in range(10)]
    family, judged = assess_threshold([low, *others], 6.0, "increase", "score", "survey", TR)
    assert family.status == "some_progress" and judged[0].verdict == "Below, not clearly"
    assert "allowing for the 11 groups tested together (Holm's method)" in family.reason
    # far below, it is clear even among eleven: t = -8.2, p far under 0.00227
    far = GroupPoint("Age: 16-34", 5.0, 4.75, 5.25, 30)
    family, judged = assess_threshold([far, *others], 6.0, "increase", "score", "survey", TR)
    assert family.status == "off_track" and judged[0].verdict == "Clearly below"


def test_a_withheld_share_keeps_its_status_where_saying_it_narrows_no_count():
    """Issue 24: disclosure control must not erase an off-track result. 3 of 200 is
    withheld ([c]) and below 6%: off track, the figure still withheld. Whether a status may
    be said is decided from the base and the level alone (disclosure.side_is_safe)."""
    hidden = GroupPoint("All senior appointments", None, None, None, 200, withheld=3)
    a, judged = assess_threshold([hidden], 6.0, "increase", "percent", "census", TR)
    assert a.status == "off_track" and judged[0].verdict == "Below"
    assert judged[0].value is None and "[c]: withheld to protect individuals" in a.reason
    assert "3" not in a.reason.split("(")[1]  # the count itself is never said


def _survey_group(name: str, answers: tuple[int, ...]) -> GroupPoint:
    """A survey group as measures.survey_groups makes it, from its count of each answer."""
    import numpy as np

    from equality_progress.analysis.inference import mean_interval

    a = np.repeat(np.arange(1, 8), answers).astype(float)
    n, sd = len(a), float(a.std(ddof=1))
    ci = mean_interval(float(a.mean()), sd, n, 0.95, None)
    return GroupPoint(name, float(a.mean()), ci.lower, ci.upper, n, answers=answers)


def test_a_reason_quotes_a_survey_mean_as_its_table_prints_it():
    """Issue 28 ("notes count too"): a status reason quoted a group's two-place mean where
    rule 6 lets its table print one place or nothing. 16 answers (one 5, seven 6s, eight
    7s: 103 / 16 = 6.4375) print as 6.4 (bounded_means.publishable_mean: 1 place); 10
    answers (seven 6s, three 7s: 6.3) are withheld (rule 6 reads a count of 1 to 4 at every
    precision).
    Without the rules the reason quotes both to two places, as before."""
    from equality_progress.analysis.bounded_means import publishable_mean
    from equality_progress.inputs.settings import DisclosureSettings

    rules = DisclosureSettings()
    a = _survey_group("A", (0, 0, 0, 0, 1, 7, 8))
    b = _survey_group("B", (0, 0, 0, 0, 0, 7, 3))
    assert (
        publishable_mean(a.n, a.value, a.lower, a.upper, rules, 0.95, None, a.answers).places == 1
    )
    assert (
        publishable_mean(b.n, b.value, b.lower, b.upper, rules, 0.95, None, b.answers).places
        is None
    )
    args = ([a, b], 7.0, "increase", "score", "survey", TR)
    guarded, _ = assess_threshold(*args, 0.95, rules)
    # judged from the figures as printed: 6.4 with no interval is below 7 but not clearly
    # (at its widest, 14 sevens, a 4 and a 1), B's withheld mean never clearly
    assert guarded.status == "some_progress"
    assert "(A 6.4, B [c]: withheld to protect individuals)" in guarded.reason
    assert "6.44" not in guarded.reason and "6.3" not in guarded.reason
    bare, _ = assess_threshold(*args, 0.95)
    assert "(A 6.44, B 6.3)" in bare.reason


def test_a_verdict_says_nothing_the_table_does_not():
    """Issue 28: the test behind "Clearly below" used the true spread beside a withheld
    interval. Thirteen 6s and a 7, and six 5s, a 6 and seven 7s, both print as 6.07 of 14
    with no interval (rule 6); the true test called the first clearly below 6.5 (p 0.00002)
    and the second not (p 0.066), so the verdict told a reader which. From the figures as
    printed both read alike."""
    from equality_progress.analysis.bounded_means import publishable_mean
    from equality_progress.inputs.settings import DisclosureSettings

    rules = DisclosureSettings()
    tight = _survey_group("Age: 35-49", (0, 0, 0, 0, 0, 13, 1))
    wide = _survey_group("Age: 35-49", (0, 0, 0, 0, 6, 1, 7))
    seen = []
    for g in (tight, wide):
        shown = publishable_mean(g.n, g.value, g.lower, g.upper, rules, 0.95, None, g.answers)
        assert (shown.places, shown.interval, round(g.value, 2)) == (2, False, 6.07)
        a, judged = assess_threshold([g], 6.5, "increase", "score", "survey", TR, 0.95, rules)
        seen.append((a.status, a.reason, judged[0].verdict))
    assert seen[0] == seen[1]
    assert seen[0][2] == "Below, not clearly"
    assert "judged at the widest spread of answers its figures as printed allow" in seen[0][1]


def test_a_group_without_its_interval_is_judged_at_its_widest_spread():
    """Hand-worked: 14 answers printed as 4.00 (a total of 56) are most spread as seven 1s
    and seven 7s, s = sqrt((7 + 343 - 56^2/14) / 13) = 3.1133, t = (4 - 6) / (3.1133 /
    sqrt(14)) = -2.404 on 13 df, p = 0.016 < 0.025: clearly below 6 whatever the answers.
    At 4.50 (63): eight 7s, a 2 and five 1s, s = sqrt((392 + 4 + 5 - 63^2/14) / 13) =
    3.0064, t = -1.867, p = 0.042: not clearly."""
    from scipy.stats import t as student

    from equality_progress.analysis.levels import printed_p
    from equality_progress.inputs.settings import DisclosureSettings

    rules = DisclosureSettings()
    assert student.cdf((4 - 6) / (3.1133 / 14**0.5), 13) == pytest.approx(0.0160, abs=5e-4)
    assert student.cdf((4.5 - 6) / (3.0064 / 14**0.5), 13) == pytest.approx(0.0423, abs=5e-4)
    # the true answers (a 3, twelve 4s and a 5; 4s, 5s and a 6) are far less spread (s of
    # 0.39 and 0.65 would make both clear): the test does not use them
    low = _survey_group("A", (0, 0, 1, 12, 1, 0, 0))
    half = _survey_group("B", (0, 0, 0, 8, 5, 1, 0))
    for g in (low, half):
        assert not g.published(rules, 0.95).interval  # rule 6 withholds both intervals
    assert printed_p(low, 6.0, 1.0, rules, 0.95) == pytest.approx(0.0160, abs=5e-4)
    assert printed_p(half, 6.0, 1.0, rules, 0.95) == pytest.approx(0.0423, abs=5e-4)
    _, judged = assess_threshold([low], 6.0, "increase", "score", "survey", TR, 0.95, rules)
    assert judged[0].verdict == "Clearly below"
    _, judged = assess_threshold([half], 6.0, "increase", "score", "survey", TR, 0.95, rules)
    assert judged[0].verdict == "Below, not clearly"


def test_a_printed_interval_is_tested_as_printed():
    """Hand-worked: 30 answers printed 5.70, 5.45 to 5.95: se = 0.25 / t(0.975, 29) =
    0.25 / 2.0452 = 0.12224, t = -0.30 / 0.12224 = -2.454, p = 0.0102 (tables: t(0.99, 29)
    = 2.462). Alone, clearly below 6; among eleven groups (Holm: 0.025 / 11 = 0.00227) not,
    whatever its mean's unrounded value (5.7012)."""
    from equality_progress.analysis.levels import printed_p

    g = GroupPoint("Age: 16-34", 5.7012, 5.4512, 5.9512, 30)
    assert printed_p(g, 6.0, 1.0, None, 0.95) == pytest.approx(0.0102, abs=2e-4)
    others = [GroupPoint(f"G{i}", 6.5, 6.3, 6.7, 100) for i in range(10)]
    a, judged = assess_threshold([g, *others], 6.0, "increase", "score", "survey", TR)
    assert a.status == "some_progress" and judged[0].verdict == "Below, not clearly"


def test_a_reason_prints_a_mean_with_the_tables_places():
    """helper-34: a status reason said "Sex: Female 5.9" beside a table's 5.90."""
    from equality_progress.inputs.settings import DisclosureSettings

    g = _survey_group("Sex: Female", (0, 0, 0, 1, 5, 20, 4))  # 177 / 30 = 5.90
    assert round(g.value, 2) == 5.90
    a, _ = assess_threshold([g], 6.0, "increase", "score", "survey", TR, 0.95, DisclosureSettings())
    shown = g.published(DisclosureSettings(), 0.95)
    assert shown.places == 2
    assert "Sex: Female 5.90" in a.reason

"""What a verdict's side of a level says (analysis/survey_sides.py), checked by hand and by
brute force."""

from attack_means import compositions

from equality_progress.analysis.survey_sides import count_ranges, side_totals, verdict_safe
from equality_progress.inputs.settings import DisclosureSettings


def test_a_verdict_says_on_which_side_of_the_level_a_total_lies():
    """A mean of 14 answers at or above 6 is a total of at least 84; below 6, at most 83;
    for a level not to pass (at most 6), at most 84, and above it at least 85."""
    assert side_totals(14, 6.0, "increase", True) == (84, 98)
    assert side_totals(14, 6.0, "increase", False) == (14, 83)
    assert side_totals(14, 6.0, "decrease", True) == (14, 84)
    assert side_totals(14, 6.0, "decrease", False) == (85, 98)
    assert side_totals(10, 5.55, "increase", True) == (56, 70)  # 55.5 -> 56


def test_answer_counts_on_a_side_of_a_level_match_brute_force():
    """count_ranges's closed form against every way 14 (and 11) people can answer."""
    for n, lo, hi in ((14, 84, 98), (14, 14, 83), (11, 66, 77), (11, 40, 41)):
        seen = [
            c
            for c in compositions(n, 7)
            if lo <= sum(k * x for k, x in zip(range(1, 8), c, strict=True)) <= hi
        ]
        expected = [(min(c[i] for c in seen), max(c[i] for c in seen)) for i in range(7)]
        assert count_ranges(n, lo, hi) == expected, (n, lo, hi)


def test_a_verdict_is_published_only_where_neither_side_narrows_a_count():
    """Issue 28's re-audit: a verdict withheld only where "at or above" exposed the
    answers told a reader it was at or above. Now the rule looks at both sides and at the
    number of answers, not at the answers: 14 answers at or above 6 leave at most
    (98 - 84) / 3 = 4.67, so 0 to 4, who answered 4 (brute force above), so no verdict
    is given for a withheld mean of 14, whichever side it is on; 100 answers leave every
    count wide on both sides. A printed mean wholly on one side (6.14 of 14: totals 85.89 to
    86.03) already says the side."""
    rules = DisclosureSettings()
    assert count_ranges(14, 84, 98)[3] == (0, 4)
    assert not verdict_safe(14, 6.0, "increase", None, rules)
    assert verdict_safe(100, 6.0, "increase", None, rules)
    assert verdict_safe(14, 6.0, "increase", (85.89, 86.03), rules)
    # a printed 6.00 of 100 answers (599.5 to 600.5: 600) is at the level: one side
    assert verdict_safe(100, 6.0, "increase", (599.5, 600.5), rules)

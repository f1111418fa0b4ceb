"""Rule 6 over a survey's groups taken together (analysis/survey_plan.py): totals worked
out by subtraction and verdicts against a level, checked by hand and by brute force."""

import pandas as pd

from equality_progress.analysis.bounded_means import publishable_mean
from equality_progress.analysis.inference import mean_interval
from equality_progress.analysis.survey_plan import (
    GroupMean,
    count_ranges,
    plan_group_means,
    side_totals,
    verdict_safe,
)
from equality_progress.inputs.settings import DisclosureSettings


def _group(name: str, answers: tuple[int, ...]):
    a = pd.Series([k for k, c in zip(range(1, 8), answers, strict=True) for _ in range(c)])
    ci = mean_interval(a.mean(), a.std(ddof=1), len(a), 0.95, None)
    return GroupMean(name, len(a), float(a.mean()), ci.lower, ci.upper, None, answers)


def test_a_mean_a_reader_can_work_out_by_subtraction_is_protected():
    """Issue 28's audit of a 30-answer survey (three 5s, ten 6s, seventeen 7s; headline
    6.47): the 16 men (two 5s, six 6s, eight 7s: 102 / 16 = 6.375, printed 6.38) may be
    published on their own, the 14 women (one 5, four 6s, nine 7s: 92) may not. But the
    total of all is 30 x 6.465 to 30 x 6.475 = 193.95 to 194.25, so 194, and the men's
    16 x 6.375 to 16 x 6.385 = 102.0 to 102.16, so 102: the women's 92 follows, which rule 6
    would not publish (brute force: 14 whole answers up to 7 adding up to 92 leave the
    fives at 0 to 3, and one is true). So the men's mean is withheld too. Without the
    headline (withheld) nothing follows and the men's mean stays."""
    rules = DisclosureSettings()
    women, men = _group("Women", (0, 0, 0, 0, 1, 4, 9)), _group("Men", (0, 0, 0, 0, 2, 6, 8))
    assert round(men.mean, 2) == 6.38 and sum(men.answers) == 16
    own = {
        g.name: publishable_mean(g.n, g.mean, g.lower, g.upper, rules, 0.95, None, g.answers)
        for g in (women, men)
    }
    assert own["Women"].places is None and own["Men"].places == 2
    # the brute-force reference: 14 answers adding up to 92
    fives = {
        c[4]
        for c in _compositions(14, 7)
        if sum(k * x for k, x in zip(range(1, 8), c, strict=True)) == 92
    }
    assert min(fives) == 0 and max(fives) == 3  # a range from 0 narrower than 5; 1 is true
    every = (0, 0, 0, 0, 3, 10, 17)
    plan = plan_group_means([women, men], 30, 194 / 30, every, rules)
    assert plan["Men"].places is None and plan["Women"].places is None
    kept = plan_group_means([women, men], 30, None, every, rules)
    assert kept["Men"].places == 2


def _compositions(n: int, parts: int):
    """Every way of giving ``n`` people one of ``parts`` answers (counts per answer)."""
    if parts == 1:
        yield (n,)
        return
    for c in range(n + 1):
        for rest in _compositions(n - c, parts - 1):
            yield (c, *rest)


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
            for c in _compositions(n, 7)
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

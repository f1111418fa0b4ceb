"""Rule 6 over a survey's groups taken together (analysis/survey_plan.py): totals worked
out by subtraction and verdicts against a level, checked by hand and by brute force."""

import pandas as pd

from equality_progress.analysis.bounded_means import publishable_mean
from equality_progress.analysis.inference import mean_interval
from equality_progress.analysis.survey_plan import (
    GroupMean,
    plan_group_means,
    side_totals,
    verdict_exposes,
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


def test_a_withheld_means_verdict_can_expose_an_answer():
    """Issue 28, the withheld survey group's verdict: 14 answers (one 3, one 5, four 6s,
    eight 7s: 86) "At or above 6" is a total of at least 84; with the others at 7, the
    3s are at most (98 - 84) / 4 = 3.5, so 0 to 3 (brute force below), and 1 is true.
    Below 5, the side alone says nothing as close: at most 69, the 3s up to 14."""
    rules = DisclosureSettings()
    truth = (0, 0, 1, 0, 1, 4, 8)
    threes = {
        c[2]
        for c in _compositions(14, 7)
        if sum(k * x for k, x in zip(range(1, 8), c, strict=True)) >= 84
    }
    assert (min(threes), max(threes)) == (0, 3)
    assert verdict_exposes(14, side_totals(14, 6.0, "increase", True), None, rules, truth)
    assert not verdict_exposes(14, side_totals(14, 5.0, "increase", True), None, rules, truth)
    # beside a printed mean wholly on one side (6.14 to two places), it adds nothing
    assert not verdict_exposes(14, (84, 98), (85.89, 86.03), rules, truth)

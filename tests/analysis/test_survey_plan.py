"""Rule 6 over a survey's groups taken together (analysis/survey_plan.py): totals worked
out by subtraction, checked by hand and by brute force."""

import pandas as pd
from attack_means import compositions

from equality_progress.analysis.bounded_means import publishable_mean
from equality_progress.analysis.inference import mean_interval
from equality_progress.analysis.survey_plan import GroupMean, plan_group_means
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
        for c in compositions(14, 7)
        if sum(k * x for k, x in zip(range(1, 8), c, strict=True)) == 92
    }
    assert min(fives) == 0 and max(fives) == 3  # a range from 0 narrower than 5; 1 is true
    every = (0, 0, 0, 0, 3, 10, 17)
    plan = plan_group_means([women, men], 30, 194 / 30, every, rules)
    assert plan["Men"].places is None and plan["Women"].places is None
    kept = plan_group_means([women, men], 30, None, every, rules)
    assert kept["Men"].places == 2

"""Rule 6: a mean on a 1-7 scale with its interval fixes the answers (analysis/bounded_means.py),
checked by brute force over every distribution of whole answers."""

import math

import pandas as pd
from scipy import stats

from equality_progress.analysis.bounded_means import mean_exposes, publishable_mean
from equality_progress.inputs.settings import DisclosureSettings


def _feasible(
    n: int, mean: float, lower: float | None, upper: float | None, places: int, staff: int = 0
):
    """Every distribution of n answers on 1-7 that prints as (mean, lower, upper) to
    ``places``, found by brute force with scipy's t quantile: the check's independent
    reference (issue 28, rule 6). ``staff``: the group's staff in post, when the interval
    has the finite population correction (Cochran 1977, 2.12: a variance times 1 - n/N)."""

    t = stats.t.ppf(0.975, n - 1) * (math.sqrt(1 - n / staff) if staff else 1.0)
    half_unit = 0.5 * 10**-places
    s_lo, s_hi = math.ceil(n * (mean - half_unit)) - 1, math.floor(n * (mean + half_unit)) + 1

    def spread(k: int, left: int, so_far: int):
        """Counts of answers k down to 1 for ``left`` people, keeping the total in reach."""
        if k == 1:
            yield (left,)
            return
        for c in range(left + 1):
            total = so_far + k * c
            rest = left - c  # each of the rest gives 1 to k - 1
            if total + rest > s_hi or total + rest * (k - 1) < s_lo:
                continue
            for tail in spread(k - 1, rest, total):
                yield (c, *tail)

    found = []
    for desc in spread(7, n, 0):
        counts = tuple(reversed(desc))  # answers 1 to 7
        total = sum(k * c for k, c in zip(range(1, 8), counts, strict=True))
        m = total / n
        if round(m, places) != round(mean, places):
            continue
        if lower is not None:
            sq = sum(k * k * c for k, c in zip(range(1, 8), counts, strict=True))
            sd = math.sqrt(max(0.0, (sq - total * total / n) / (n - 1)))
            half = t * sd / math.sqrt(n)
            if (round(m - half, 2), round(m + half, 2)) != (lower, upper):
                continue
        found.append(counts)
    return found


def test_a_bounded_mean_that_fixes_its_answers_is_not_published_whole():
    """LCRCA 2025-26's LGB+ group (issue 28): 27 answers, mean 6.30, 95% interval 6.06 to
    6.54 can only be 2 fives, 15 sixes and 10 sevens (by brute force over every
    distribution). Without its interval and to one place (6.3), the
    fives may be anything from 0: no answer is certainly given by 1 to 4 people."""
    rules = DisclosureSettings()
    exact = _feasible(27, 6.30, 6.06, 6.54, 2)
    assert exact == [(0, 0, 0, 0, 2, 15, 10)]
    assert mean_exposes(27, 6.30, 6.06, 6.54, rules)
    coarse = _feasible(27, 6.3, None, None, 1)
    assert min(c[4] for c in coarse) == 0 and len(coarse) > 50
    assert not mean_exposes(27, 6.3, None, None, rules, places=1)
    assert publishable_mean(27, 170 / 27, 6.06, 6.54, rules).places in (1, 2)
    assert not publishable_mean(27, 170 / 27, 6.06, 6.54, rules).interval
    # a broad group: 4.00 from 60 answers with a wide interval exposes nothing
    assert publishable_mean(60, 4.0, 3.5, 4.5, rules).interval


def test_a_corrected_interval_is_read_with_its_correction():
    """Issue 24's finite population correction narrows the interval: the same 27 LGB+
    answers (2 fives, 15 sixes, 10 sevens) of 42 LGB+ staff give 6.15 to 6.44, not 6.06 to
    6.54. Read with the correction (the staff in post are published) they still fix the
    answers; read without it the printed interval is too narrow for any whole answers."""
    from equality_progress.analysis.inference import mean_interval

    answers = pd.Series([5] * 2 + [6] * 15 + [7] * 10, dtype=float)
    ci = mean_interval(answers.mean(), answers.std(ddof=1), 27, population=42)
    lo, hi = round(ci.lower, 2), round(ci.upper, 2)
    assert (lo, hi) == (6.15, 6.44)
    rules = DisclosureSettings()
    assert mean_exposes(27, 6.30, lo, hi, rules, population=42)
    assert _feasible(27, 6.30, lo, hi, 2) == []  # uncorrected reading: nothing fits


def test_a_range_from_zero_pins_an_answer_truly_given_by_one_to_four():
    """Issue 28's independent attack: LCRCA 2025-26's ethnic-minority group (32 answers: 3
    fives, 14 sixes, 15 sevens) prints as 6.38, 6.14 to 6.61 (uncorrected here), and brute
    force finds two distributions only: "answered 5" is 0 or 3. A range from 0 names no one
    when nobody truly gave the answer; here 3 did, so it is pinned as a withheld count of 3
    narrowed to 0 to 3 would be. The interval goes; the mean alone exposes nothing."""
    rules = DisclosureSettings()
    found = _feasible(32, 6.38, 6.14, 6.61, 2)
    assert found == [(0, 0, 0, 1, 0, 17, 14), (0, 0, 0, 0, 3, 14, 15)]
    fives = sorted(c[4] for c in found)
    assert (fives[0], fives[-1]) == (0, 3)  # from 0, narrower than 5
    truth = (0, 0, 0, 0, 3, 14, 15)
    assert not mean_exposes(32, 6.38, 6.14, 6.61, rules)  # without the truth: allowed
    assert mean_exposes(32, 6.38, 6.14, 6.61, rules, truth=truth)
    # nobody truly answered 4 (its range 0 to 1): that range alone pins no one
    assert not mean_exposes(32, 6.38, 6.14, 6.61, rules, truth=(0, 0, 0, 0, 5, 12, 15))
    shown = publishable_mean(32, 204 / 32, 6.14, 6.61, rules, answers=truth)
    assert (shown.places, shown.interval) == (2, False)


def test_the_zeros_a_published_interval_reveals_are_read_as_zeros():
    """Issue 28's re-attack: LCRCA 2025-26's disabled group (58 answers of 83 staff: 4
    fives, 21 sixes, 33 sevens) printed 6.50, 6.41 to 6.59. Brute force finds six
    distributions: 'answered 4' is 0 or 1, 'answered 5' 0 to 5. A reader who knows rule 6
    knows the interval would have been withheld had 1 person answered 4 (a range from 0
    narrower than 5, truly given): so 4 was 0, and then 5 is 3 to 5, a pin. The interval
    goes; the decision reads the figures as such a reader does."""
    rules = DisclosureSettings()
    found = _feasible(58, 6.50, 6.41, 6.59, 2, staff=83)
    assert sorted(c[3:] for c in found) == [
        (0, 3, 23, 32), (0, 4, 21, 33), (0, 5, 19, 34),
        (1, 0, 26, 31), (1, 1, 24, 32), (1, 2, 22, 33),
    ]  # fmt: skip
    fives = [c[4] for c in found if c[3] == 0]  # with the 4s read as 0
    assert (min(fives), max(fives)) == (3, 5)
    assert mean_exposes(58, 6.50, 6.41, 6.59, rules, population=83)
    truth = (0, 0, 0, 0, 4, 21, 33)
    shown = publishable_mean(58, 377 / 58, 6.41, 6.59, rules, population=83, answers=truth)
    assert (shown.places, shown.interval) == (2, False)


def test_a_group_everyone_of_which_gave_one_answer_is_not_shown_so():
    """Helper-33's audit: 11 disabled staff who all answered 6 printed "6.00, 6.00 to 6.00,
    11": no count of 1 to 4, but every member's answer (a group disclosure). Brute force:
    only eleven 6s print so; the mean alone allows other answers (a 5 and a 7, ...)."""
    rules = DisclosureSettings()
    truth = (0, 0, 0, 0, 0, 11, 0)
    assert _feasible(11, 6.00, 6.00, 6.00, 2) == [truth]
    assert len(_feasible(11, 6.00, None, None, 2)) > 1
    assert mean_exposes(11, 6.00, 6.00, 6.00, rules, truth=truth)
    assert not mean_exposes(11, 6.00, None, None, rules, truth=truth)
    shown = publishable_mean(11, 6.0, 6.0, 6.0, rules, answers=truth)
    assert (shown.places, shown.interval) == (2, False)
    # a group that is not all one answer is read as before: 10 sixes and a 7 at 6.09
    assert not mean_exposes(11, 6.09, None, None, rules, truth=(0, 0, 0, 0, 0, 10, 1))

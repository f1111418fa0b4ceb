"""A survey's parts as its figures bound them (analysis/survey_parts.py): a group whose
number of answers the report withholds is a part of any number a reader allows."""

from __future__ import annotations

from pathlib import Path

from equality_progress.analysis import survey_joint
from equality_progress.analysis.bounded_means import PublishedMean, printed_bounds
from equality_progress.analysis.survey_parts import GroupMean, Part, survey_parts, withheld_sizes
from equality_progress.inputs.settings import load_settings

RULES = load_settings(Path(__file__).resolve().parents[2]).disclosure

# the second random search's survey (its seed 5167): 52 answers, the headline printed as
# 5.71 (5.47 to 5.95, 1,004 staff); 50 White British with no mean but "Below, not clearly"
# 6.0, and 2 ethnic-minority respondents (one answered 3), both numbers withheld
WHITE = GroupMean("Ethnicity: White British", 50, 5.7, None, None, None, (0, 0, 3, 1, 3, 41, 2))
MINORITY = GroupMean("Ethnicity: Ethnic minority", 2, None, None, None, None, (0, 0, 1, 0, 0, 1, 0))
EVERYONE = (0, 0, 4, 1, 3, 42, 2)


def test_a_withheld_number_of_answers_is_unknown_to_the_programme():
    """Read as all of a part of 2, the ethnic-minority 3s at 0 to 2 say nothing; a reader
    who knows neither number reads them at 0 to 4 (1 true): exposed."""
    assert withheld_sizes([[WHITE, MINORITY]], 52, RULES) == {WHITE.name, MINORITY.name}
    sums, squares = printed_bounds(52, 5.71, 5.47, 5.95, 2, 0.95, 1004)
    whole = Part(52, sums, squares, EVERYONE)
    shown = {
        WHITE.name: PublishedMean(None, False, True),
        MINORITY.name: PublishedMean(None, False),
    }
    for hidden, exposed in ((frozenset(), None), (frozenset({WHITE.name, MINORITY.name}), (0, 1))):
        parts, _ = survey_parts(
            [[WHITE, MINORITY]], shown, whole, RULES, 0.95, (6.0, "increase"), hidden
        )
        assert survey_joint.exposed_part(whole, parts, RULES) == exposed


def test_a_side_of_a_level_bounds_answers_of_any_number():
    """The White British part with its number withheld: any number of 10 to 52 answers
    whose mean is below 6.0 prints as it does, and none at or above."""
    shown = {
        WHITE.name: PublishedMean(None, False, True),
        MINORITY.name: PublishedMean(None, False),
    }
    whole = Part.unknown(52, EVERYONE)
    parts, _ = survey_parts(
        [[WHITE, MINORITY]], shown, whole, RULES, 0.95, (6.0, "increase"), frozenset({WHITE.name})
    )
    white = parts[0][0]
    assert white.holds(WHITE.answers)
    assert white.holds((0, 0, 0, 0, 15, 0, 0))  # 15 fives: 5.0
    assert white.holds((0, 0, 0, 0, 1, 19, 0))  # 20 answers, 119: 5.95
    assert not white.holds((0, 0, 0, 0, 0, 20, 0))  # 6.0: at the level, not below
    assert not white.holds((0, 0, 0, 0, 0, 0, 9))  # 9 answers: fewer than a mean's 10


def test_the_searchs_survey_pins_nothing_for_its_own_attacker():
    """The whole survey of the search's seed 5167 through the package, attacked by the
    search's attacker (scripts/survey_audit, written apart; every withheld number of
    answers an unknown): it pinned the ethnic-minority 3s at 0 to 4 (1 true); now nothing."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts" / "survey_audit"))
    import attacker
    import figures

    scores = "6666666366636666676666666667663366665656666666456666"
    rows = [8, 25, 26, 33, 41, 49, 51, 74, 80, 82, 84, 109, 112, 118, 131, 138, 161, 168, 191]
    rows += [208, 209, 221, 239, 264, 278, 286, 290, 303, 353, 357, 361, 401, 403, 405, 416]
    rows += [425, 438, 453, 465, 473, 483, 493, 495, 500, 506, 512, 514, 528, 549, 573, 574, 587]
    head, pubs, rest, _, _ = figures.build(scores, rows, 6.0)
    pins, _, _, err, _ = attacker.attack(head, pubs, rest, 6.0, 120, False)
    assert (pins, err) == ([], "")

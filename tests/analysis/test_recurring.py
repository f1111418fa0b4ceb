"""Recurring commitments: judged on the year's own update, never complete for good."""

import pytest

from equality_progress.analysis.recurring import assess_recurring


@pytest.mark.parametrize(
    ("stage", "previous", "status", "trend"),
    [
        ("complete", None, "achieved", "not_available"),
        # done last year, not this year: off track, not carried over as a milestone would be
        ("not_started", "complete", "off_track", "worsening"),
        ("in_progress", "not_started", "some_progress", "improving"),
        ("complete", "complete", "achieved", "no_clear_change"),
        (None, "complete", "not_available", "not_available"),
    ],
)
def test_recurring_is_judged_on_this_year_only(stage, previous, status, trend):
    a = assess_recurring(stage, previous)
    assert (a.status, a.trend) == (status, trend)


def test_unknown_stage_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown stage 'done'"):
        assess_recurring("done")

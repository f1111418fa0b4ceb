"""Recurring commitments: something the strategy asks for every year, never done for good.

"Ensure all employees complete equality, diversity and inclusion training on an annual basis"
or "regularly review membership" is judged on the reporting year's own update only: done
this year, under way, or not done. Last year's completion carries nothing over (unlike a
milestone, which once complete stays achieved).
"""

from __future__ import annotations

from equality_progress.analysis.status import Assessment, stage_trend


def assess_recurring(stage: str | None, previous_stage: str | None = None) -> Assessment:
    """Status of a recurring commitment from this year's stage (actions.csv).

    ``complete`` means done *this year*; the trend compares with last year's stage.
    """
    if stage is None:
        return Assessment(
            "not_available", "not_available", "No update was recorded this year (recurs yearly)."
        )
    trend = stage_trend(stage, previous_stage)
    if stage == "complete":
        return Assessment("achieved", trend, "Done this year; it is due again every year.")
    if stage == "in_progress":
        return Assessment("some_progress", trend, "Under way this year but not yet done.")
    return Assessment("off_track", trend, "Not done this year; the strategy asks for it yearly.")

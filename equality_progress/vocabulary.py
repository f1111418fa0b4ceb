"""The words the published outputs are made of: statuses, trends, an action's stages and
the kinds of change since last year's report. Standard library only, so that the batch
process can describe the open data (publish/data_package.py) without loading the analysis;
the analysis and the report take their words from here."""

from __future__ import annotations

STATUSES = (
    "achieved",
    "on_track",
    "some_progress",
    "off_track",
    "not_started",
    # the people who did not declare could put a share either side of its target (issue 24)
    "cannot_tell",
    "not_assessed",
    "not_available",
)
# context figures (not_assessed) are shown but never counted in status totals
COUNTED_STATUSES = tuple(s for s in STATUSES if s != "not_assessed")
TRENDS = (
    "improving",
    "no_clear_change",
    "worsening",
    "not_available",
    # a context figure has no direction to improve in: it rises or falls (issue 25)
    "rising",
    "falling",
)
ACTION_STAGES = ("not_started", "in_progress", "complete")
# What changed since last year's report, in the order the report lists them
CHANGES = ("status_moved", "figure_revised", "added", "retired")

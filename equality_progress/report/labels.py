"""The words and symbols for statuses and trends, shared by reports, charts and the index.
(A module of its own so that the index page, built in the batch runner's process, does
not import pandas.)

``STATUS_LABELS`` holds the statuses that are counted, in the order of the summary tables;
context figures (``not_assessed``) are shown on their cards but never counted, so their
label is kept apart in ``CONTEXT_LABEL``; ``ALL_STATUS_LABELS`` has every status."""

STATUS_LABELS = {
    "achieved": ("✓", "Achieved"),
    "on_track": ("→", "On track"),
    "some_progress": ("◐", "Some progress"),
    "off_track": ("✗", "Off track"),
    "not_started": ("○", "Not started"),
    "cannot_tell": ("?", "Cannot tell"),
    "not_available": ("–", "No data"),
}
# Only a dated action can be "not started" (analysis.status.assess_milestone): the table of
# outcome measures leaves the row out rather than show a count that can only be 0.
ACTION_ONLY = ("not_started",)
CONTEXT_LABEL = {"not_assessed": ("◇", "Context, not assessed")}
ALL_STATUS_LABELS = {**STATUS_LABELS, **CONTEXT_LABEL}
TREND_LABELS = {
    "improving": "Improving",
    "no_clear_change": "No clear change",
    "worsening": "Worsening",
    "not_available": "Not available",
    "rising": "Rising",
    "falling": "Falling",
}
# What each status means, for the report's legend and glossary (docs/methodology.md)
STATUS_MEANINGS = {
    "achieved": "the target, level or commitment is met (a direction of travel: a clear "
    "change the required way once its due date has passed; an action: complete)",
    "on_track": "on course: growth at 95% or more of the pace a target needs, a clear change "
    "the required way, or an action in progress before its due date",
    "some_progress": "moving the required way but short of it: 60% to 95% of the pace a "
    "target needs, a survey estimate that moved the right way without a statistically clear "
    "change, an annual commitment not met this year, a survey group below a level by its "
    "estimate but not clearly, or an action in progress after its due date",
    "off_track": "below 60% of the pace needed, no clear change or a clear change the wrong "
    "way, a group clearly on the wrong side of a level, or an action not started after its "
    "due date",
    "not_started": "an action not yet started and not yet due",
    "cannot_tell": "the people who did not declare could put the share either side of its "
    "target: counted all in the group or none, it lies on both sides by more than one person",
    "not_available": "no figure or update for this year",
    "not_assessed": "a figure the strategy reports for context, with no target or direction; "
    "shown but never counted",
}
TREND_MEANINGS = {
    "improving": "a clear change the required way since last year",
    "no_clear_change": "no change, a change within the stated tolerance, or (for survey "
    "figures) a change a statistical test cannot tell from sampling error",
    "worsening": "a clear change the wrong way since last year",
    "not_available": "no figure for this year or last year",
    "rising": "a context figure (no direction set) that clearly rose since last year",
    "falling": "a context figure (no direction set) that clearly fell since last year",
}

"""The words and symbols for statuses and trends, shared by reports, charts and the index.
(A module of its own so that the index page, built in the batch runner's process, does
not import pandas.)"""

STATUS_LABELS = {
    "achieved": ("✓", "Achieved"),
    "on_track": ("→", "On track"),
    "some_progress": ("◐", "Some progress"),
    "off_track": ("✗", "Off track"),
    "not_available": ("–", "No data"),
}
TREND_LABELS = {
    "improving": "Improving",
    "no_clear_change": "No clear change",
    "worsening": "Worsening",
    "not_available": "No trend yet",
}

"""The report's "Changes since last year's report" section: statuses that moved, figures
revised for last year and commitments added or retired (the rows of ``changes.csv``, worked
out by :func:`equality_progress.analysis.year_on_year.changes`)."""

from __future__ import annotations

import pandas as pd

from equality_progress.inputs.catalogue import ACTION_KINDS
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import Block, fmt_value, join, paragraph, table
from equality_progress.report.labels import ALL_STATUS_LABELS

CHANGE_LABELS = {
    "status_moved": "Status moved",
    "figure_revised": "Last year's figure revised",
    "added": "Added",
    "retired": "Retired",
}


def _status(status: object) -> str:
    return ALL_STATUS_LABELS[status][1] if isinstance(status, str) else ""


def _cell(status: object, value: object, unit: str) -> str:
    """A status and a figure as one cell ("On track, 5.5%"), leaving out what is missing."""
    figure = "" if value is None or pd.isna(value) else fmt_value(value, unit)
    return ", ".join(x for x in (_status(status), figure) if x)


def _counted(n: int, one: str, many: str) -> str:
    return f"{'no' if n == 0 else n} {one if n == 1 else many}"


def summary_sentence(r: Report, frame: pd.DataFrame) -> str:
    """One sentence: how many statuses moved, figures were revised, commitments came and went."""
    kinds = frame["change"].value_counts()
    prev = r.year.previous()
    moved = _counted(int(kinds.get("status_moved", 0)), "status moved", "statuses moved")
    revised = _counted(int(kinds.get("figure_revised", 0)), "figure", "figures")
    added, retired = int(kinds.get("added", 0)), int(kinds.get("retired", 0))
    return (
        f"Compared with last year's report ({prev}): {moved}; {revised} for {prev} "
        f"{'was' if kinds.get('figure_revised', 0) == 1 else 'were'} revised; "
        f"{_counted(added, 'commitment', 'commitments')} added and {retired or 'none'} retired."
    )


def section(r: Report) -> Block:
    """The section's sentence, its basis and the table of changes (none in a first report)."""
    if not r.has_previous_report:
        return paragraph(
            "This is the strategy's first progress report, so there is no earlier report to "
            "compare it with."
        )
    frame = r.changes
    units = dict(zip(r.table["indicator_id"], r.table["unit"], strict=True))
    parts = [
        paragraph(summary_sentence(r, frame)),
        paragraph(
            "Last year's statuses and figures are those of last year's report as built from "
            "the inputs this report uses; 'run_reports.py verify' on last year's published "
            "report names any input changed since it was published. The same rows are "
            "published as changes.csv."
        ),
    ]
    if len(frame):
        shown = pd.DataFrame(
            {
                "Commitment": frame["title"],
                "Change": frame["change"].map(CHANGE_LABELS),
                "Last year": [
                    _cell(s, v, units.get(i, ""))
                    for s, v, i in zip(
                        frame["previous_status"],
                        frame["previous_figure"],
                        frame["indicator_id"],
                        strict=True,
                    )
                ],
                "This year": [
                    _cell(s, v, units.get(i, ""))
                    for s, v, i in zip(
                        frame["status"], frame["figure"], frame["indicator_id"], strict=True
                    )
                ],
                "Reason given": frame["reason"].fillna(""),
            }
        )
        caption = f"Changes since the {r.year.previous()} report"
        full = table(shown, caption, css="wide")
        # The PDF lists the outcome measures' changes and counts the actions' (each action's
        # progress is in the action plan): a row per action took a page of a committee's 20.
        kinds = dict(zip(r.table["indicator_id"], r.table["kind"], strict=True))
        action = frame["indicator_id"].map(kinds).isin(ACTION_KINDS).to_numpy()
        pdf = table(shown[~action], caption, css="wide").typst if (~action).any() else ""
        if action.any():
            n = int(action.sum())
            pdf += paragraph(
                f"{_counted(n, 'action', 'actions')} also changed status; "
                f"{'it is' if n == 1 else 'they are'} listed in the HTML report and changes.csv, "
                "and the action plan gives each action's progress."
            ).typst
        parts.append(Block(full.html, pdf, full.plain))
    return join(parts)

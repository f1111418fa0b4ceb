"""What changed since last year's report: statuses that moved, figures revised for last
year, commitments added or retired.

A pure function of two open-data tables (the columns of ``indicators.csv``): last year's
report and this year's, so that the published ``changes.csv`` can be checked against the two
published ``indicators.csv`` files by anyone. It publishes nothing those two do not already
publish (statuses, and figures as rounded there), so it adds nothing to disclosure control.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

CHANGE_COLUMNS = [
    "authority",
    "year",
    "indicator_id",
    "title",
    "change",
    "previous_status",
    "status",
    "previous_figure",
    "figure",
    "reason",
]


def _same(a: object, b: object) -> bool:
    """Equal figures, whether numbers (as rounded in indicators.csv), text or missing."""
    missing_a = a is None or (isinstance(a, float) and math.isnan(a))
    missing_b = b is None or (isinstance(b, float) and math.isnan(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    try:
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(a) == str(b)


def _figure(value: object) -> object:
    """A figure, or None for an action's stage ("in_progress"), which its status already says."""
    return None if isinstance(value, str) else value


def changes(
    previous: pd.DataFrame | None,
    current: pd.DataFrame,
    reasons: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """One row per change between last year's table (``previous``) and this year's (the
    kinds are :data:`equality_progress.vocabulary.CHANGES`):

    - ``status_moved``: the same commitment has another status this year;
    - ``figure_revised``: last year's figure, as this year's report gives it
      (``previous_value``), differs from the figure last year's report published (``value``);
    - ``added`` / ``retired``: a commitment in one table and not the other.
    ``reasons`` maps an indicator id to the commentary that explains it, where there is one.
    An action's figure is its stage, which its status already gives: it is left out, so the
    figure columns hold numbers only. Rows follow this year's table order, retired
    commitments last. With no previous table (a strategy's first report) there is nothing to
    compare and the table is empty.
    """
    reasons = reasons or {}
    rows: list[dict[str, object]] = []
    if previous is None:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    authority = current["authority"].iloc[0] if len(current) else None
    year = current["year"].iloc[0] if len(current) else None
    before = {r["indicator_id"]: r for r in previous.to_dict("records")}
    now_ids = set(current["indicator_id"])

    def row(r: Mapping, change: str, prev_status: object, prev_fig: object, fig: object) -> None:
        rows.append(
            {
                "authority": authority,
                "year": year,
                "indicator_id": r["indicator_id"],
                "title": r["title"],
                "change": change,
                "previous_status": prev_status,
                "status": r["status"] if change != "retired" else None,
                "previous_figure": prev_fig,
                "figure": fig,
                "reason": reasons.get(r["indicator_id"]) or None,
            }
        )

    for r in current.to_dict("records"):
        old = before.get(r["indicator_id"])
        if old is None:
            row(r, "added", None, None, _figure(r["value"]))
            continue
        if old["status"] != r["status"]:
            row(r, "status_moved", old["status"], _figure(old["value"]), _figure(r["value"]))
        if not _same(old["value"], r["previous_value"]) and not isinstance(old["value"], str):
            row(r, "figure_revised", None, old["value"], r["previous_value"])
    for r in previous.to_dict("records"):
        if r["indicator_id"] not in now_ids:
            row(r, "retired", r["status"], _figure(r["value"]), None)
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

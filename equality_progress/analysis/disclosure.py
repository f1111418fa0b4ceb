"""Statistical disclosure control, applied to every published table.

Rules (thresholds in params/settings.yaml): counts from 1 to ``min_count - 1`` are
suppressed (primary suppression); further cells are suppressed so that no suppressed
cell can be worked out from the published row or column totals (secondary suppression:
every row and column holding a suppressed cell holds at least two); no percentage,
mean or median is published from fewer than ``min_base`` people.

Symbols follow the Government Statistical Service guidance on symbols in tables
(GSS, "Using symbols and shorthand in tables", 2021).
"""

from __future__ import annotations

import pandas as pd

CONFIDENTIAL = "[c]"
NOT_AVAILABLE = "[x]"
NOT_APPLICABLE = "[z]"
SYMBOL_KEY = {
    CONFIDENTIAL: "confidential: withheld to protect individuals (small numbers)",
    NOT_AVAILABLE: "not available",
    NOT_APPLICABLE: "not applicable",
}


def primary_mask(counts: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """True where a count is small enough to identify someone (1 to min_count - 1)."""
    values = counts.to_numpy(dtype=float)
    return pd.DataFrame(
        (values > 0) & (values < min_count), index=counts.index, columns=counts.columns
    )


def secondary_mask(counts: pd.DataFrame, mask: pd.DataFrame) -> pd.DataFrame:
    """Extend ``mask`` until no row or column has exactly one suppressed cell.

    For a lone suppressed cell, the smallest other non-zero cell in that line is also
    suppressed (smallest, to lose as little information as possible). Zeros are not
    chosen: a published zero reveals nothing about the suppressed cell. Where a line
    has no other non-zero cell, the smallest remaining cell is taken.
    """
    values = counts.to_numpy(dtype=float)
    m = mask.to_numpy(copy=True)
    changed = True
    while changed:
        changed = False
        for axis in (1, 0):
            lines = m if axis == 1 else m.T
            vals = values if axis == 1 else values.T
            for i in range(lines.shape[0]):
                if lines[i].sum() == 1 and lines.shape[1] > 1:
                    candidates = [
                        (vals[i, j] == 0, vals[i, j], j)
                        for j in range(lines.shape[1])
                        if not lines[i, j]
                    ]
                    _, _, j = min(candidates)
                    lines[i, j] = True
                    changed = True
    return pd.DataFrame(m, index=counts.index, columns=counts.columns)


def protect_counts(counts: pd.DataFrame, min_count: int) -> pd.DataFrame:
    """The count table as published: suppressed cells become ``[c]``; totals are added.

    A total is itself suppressed when it is below ``min_count``.
    """
    mask = secondary_mask(counts, primary_mask(counts, min_count))
    out = counts.astype(object).where(~mask, CONFIDENTIAL)
    row_total = counts.sum(axis=1)
    out["Total"] = row_total.astype(object).where(
        ~primary_mask(row_total.to_frame(), min_count).iloc[:, 0], CONFIDENTIAL
    )
    col_total = counts.sum(axis=0)
    total_row = col_total.astype(object).where(
        ~primary_mask(col_total.to_frame().T, min_count).iloc[0], CONFIDENTIAL
    )
    grand = counts.to_numpy().sum()
    total_row["Total"] = grand if not (0 < grand < min_count) else CONFIDENTIAL
    out.loc["Total"] = total_row
    return out

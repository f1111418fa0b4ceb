"""A workforce share broken down by an organisational column (e.g. service area).

LCRCA's commitment on its 55.7% male workforce is about "key service areas and directorates"
(Equality Strategy 2022): the whole-workforce figure is judged, and the share in each area is
shown beside it. Areas are a census, so no interval; disclosure control as everywhere else
(ONS/GSS): no share from fewer than ``min_base`` people or from a count (or its complement) of
1 to ``min_count - 1``; where only one area is withheld, the next smallest is withheld too, so
that it cannot be recovered from the whole-workforce figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from equality_progress.inputs.settings import DisclosureSettings


@dataclass(frozen=True)
class AreaShare:
    area: str
    value: float | None  # percent; None = withheld
    n: int


def share_by(
    frame: pd.DataFrame,
    by: str,
    column: str,
    categories: tuple[str, ...],
    disclosure: DisclosureSettings,
) -> list[AreaShare]:
    """Share of ``frame`` rows whose ``column`` is in ``categories``, per value of ``by``."""
    out = []
    for area, rows in frame.groupby(by, sort=True):
        n = len(rows)
        hits = int(rows[column].isin(categories).sum())
        small = 0 < hits < disclosure.min_count or 0 < n - hits < disclosure.min_count
        value = None if n < disclosure.min_base or small else hits / n * 100
        out.append(AreaShare(str(area), value, n))
    withheld = [a for a in out if a.value is None]
    if len(withheld) == 1 and len(out) > 1:
        smallest = min((a for a in out if a.value is not None), key=lambda a: a.n)
        out = [AreaShare(a.area, None, a.n) if a is smallest else a for a in out]
    return out

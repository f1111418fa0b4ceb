"""The employers of a workforce file against the ones the authority's params name: one
check across files (the params and each year's workforce), kept apart from
:mod:`.consistency` for size. Pure: frames come through ``frame``."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from equality_progress.errors import Problem
from equality_progress.inputs.checking import did_you_mean
from equality_progress.inputs.settings import Authority
from equality_progress.years import FinancialYear

Frame = Callable[[FinancialYear, str], "pd.DataFrame | None"]


def unknown_employers(authority: Authority, yd, frame: Frame) -> list[Problem]:  # noqa: ANN001 (yd: YearData)
    """An error for each employer in the workforce file that the authority's params do not
    name (``employers:``): a spelling of its own ("Merseytravel Ltd", an export code left
    unmapped) would be an employer of its own, with statutory pay gap figures of its own and
    the real employer's computed without those staff. Nothing to check against when the
    params name none."""
    wf = frame(yd.year, "workforce") if "workforce" in yd.files else None
    if not authority.employers or wf is None or "employer" not in wf.columns:
        return []
    counts = wf["employer"].value_counts()
    return [
        Problem(
            yd.files["workforce"],
            f"employer on {n} row(s) is not one of the employers the authority's params name "
            f"({', '.join(authority.employers)}){did_you_mean(str(name), authority.employers)}; "
            f"correct its spelling (in a mapped export: codes: employer:), or add it to "
            f"employers: in params/authorities/{authority.id}.yaml",
            column="employer",
            value=str(name),
            rule="unknown employer",
        )
        for name, n in counts.items()
        if name not in authority.employers
    ]

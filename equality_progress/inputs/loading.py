"""All file input for a report, declared in one place.

Layout: ``data/<authority>/<year>/<contract file>.csv`` plus an optional
``commentary.yaml``. Every file is checked against its contract before use; all
problems across all files are gathered and raised together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from equality_progress.errors import InputError, Problem, display_path
from equality_progress.inputs import commentary
from equality_progress.inputs.contracts import CONTRACTS, check_csv
from equality_progress.inputs.memo import memoised
from equality_progress.inputs.paths import data_root, project_root, year_folder
from equality_progress.inputs.settings import Authority
from equality_progress.inputs.years import FinancialYear


@dataclass
class YearData:
    year: FinancialYear
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    commentary: dict = field(default_factory=dict)
    _row_index: dict[str, dict[str, int]] = field(default_factory=dict, repr=False, compare=False)

    def frame(self, name: str) -> pd.DataFrame | None:
        return self.frames.get(name)

    def first_row(self, name: str, indicator_id: str) -> pd.Series | None:
        """The first row of a frame with this ``indicator_id``, or None: looked up in an
        index built once per frame, not by filtering the frame for every indicator."""
        index = self._row_index.get(name)
        if index is None:
            frame = self.frames.get(name)
            index = (
                {}
                if frame is None
                else dict(
                    zip(frame["indicator_id"][::-1], range(len(frame) - 1, -1, -1), strict=True)
                )
            )
            self._row_index[name] = index
        pos = index.get(indicator_id)
        return None if pos is None else self.frames[name].iloc[pos]


def _shown(path: Path) -> str:
    """How a data file is named in messages: relative to the project, or else to the parent
    of the data folder (e.g. ``extract/lcrca/2024-25/workforce.csv``), so the analyst sees
    which authority and year it belongs to."""
    if not path.is_absolute():
        return path.as_posix()
    for base in (project_root(), data_root().parent):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return display_path(path)


def load_commentary(path: Path) -> tuple[dict, list[Problem]]:
    """``commentary.yaml``, validated (see :mod:`.commentary`)."""
    return commentary.load(path, _shown(path))


def load_year(
    authority_id: str, year: FinancialYear, data_dir: Path | None = None, frames: bool = True
) -> tuple[YearData, list[Problem]]:
    """Read and check every file present for one authority-year (``frames=False``: only
    check them, keeping no frames)."""
    folder = year_folder(authority_id, year, data_dir)
    data = YearData(year)
    problems: list[Problem] = []
    for name, contract in CONTRACTS.items():
        path = folder / contract.filename
        if not path.exists():
            continue
        frame, found = contract_read(path, name, year, frames)
        problems += found
        if frame is not None:
            data.frames[name] = frame
    data.commentary, found = load_commentary(folder / "commentary.yaml")
    problems += found
    return data, problems


def contract_read(
    path: Path, name: str, year: FinancialYear, frame: bool = True
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One file checked against its contract; ``frame=False`` gives the problems only.

    Within a batch each distinct file is checked once and the result shared (see
    :mod:`.memo`); the problems are kept apart too, so that a check-only read does not
    load the frame."""
    raw, shown = path.read_bytes(), _shown(path)
    context = (name, shown, year.label)

    def checked() -> tuple[pd.DataFrame | None, list[Problem]]:
        return memoised(
            raw,
            context,
            lambda: check_csv(raw, CONTRACTS[name], shown, year.first_day, year.snapshot_date),
        )

    if frame:
        return checked()
    return None, memoised(raw, (*context, "problems"), lambda: checked()[1])


def load_authority_data(
    authority: Authority, upto: FinancialYear, data_dir: Path | None = None, frames: bool = True
) -> dict[FinancialYear, YearData]:
    """Every year from the baseline to ``upto``; raises InputError listing all problems.
    ``frames=False`` only checks the files (the years hold no frames)."""
    years = [FinancialYear(s) for s in range(authority.baseline.start, upto.start + 1)]
    out: dict[FinancialYear, YearData] = {}
    problems: list[Problem] = []
    for year in years:
        out[year], found = load_year(authority.id, year, data_dir, frames)
        problems += found
    folder = year_folder(authority.id, upto, data_dir)
    if not folder.exists():
        problems.append(
            Problem(_shown(folder), f"no data folder for {upto}; create it with this year's files")
        )
    if problems:
        raise InputError(problems)
    return out

"""All file input for a report, declared in one place.

Layout: ``data/<authority>/<year>/<contract file>.csv`` (or ``.xlsx``, or the authority's
own export named in its mapping, ``params/mappings/<id>.yaml``) plus an optional
``commentary.yaml``. Every file is checked against its contract before use; a file in the
folder that nothing reads is an error, not silently ignored. All problems across all files
are gathered and raised together; notes (an ignored column, a stated default) are logged
and kept for the report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from equality_progress import fingerprints
from equality_progress.errors import InputError, Problem, display_path
from equality_progress.inputs import commentary
from equality_progress.inputs.checking import NOTE, check_table, did_you_mean, errors
from equality_progress.inputs.contracts import CONTRACTS, Contract
from equality_progress.inputs.mapping import (
    FileMapping,
    Mapping,
    apply_mapping,
    fingerprint,
    load_mapping,
)
from equality_progress.inputs.memo import memoised
from equality_progress.inputs.settings import Authority
from equality_progress.inputs.tables import OLD_EXCEL, read_table
from equality_progress.layout import data_root, mapping_file, project_root, year_folder
from equality_progress.years import FinancialYear

log = logging.getLogger(__name__)
READ_ALSO = ("commentary.yaml",)  # files a data folder may hold besides the contracts'


@dataclass
class YearData:
    year: FinancialYear
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    commentary: dict = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # contract name -> file read
    notes: list[str] = field(default_factory=list)  # ignored columns, stated defaults
    # for the analyst only (the run's warnings, never the published report): checks across
    # years that may be a real change, e.g. a category's share swinging against last year
    checks: list[str] = field(default_factory=list)
    # made from the frames when first asked, so new with every copy (dataclasses.replace)
    _row_index: dict[str, dict[str, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # what the analysis makes of this year once and asks again (measures.year_groups)
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

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


def _source(folder: Path, contract: Contract, fm: FileMapping | None) -> list[Path]:
    """The files that could hold this contract's data, those present: the mapping's export,
    the contract's CSV, or a workbook of the same name."""
    stem = contract.filename.rsplit(".", 1)[0]
    names = fm.names() if fm is not None else []
    names += [contract.filename, f"{stem}.xlsx", f"{stem}.ods"]
    return [folder / n for n in dict.fromkeys(names) if (folder / n).is_file()]


def load_year(
    authority_id: str,
    year: FinancialYear,
    data_dir: Path | None = None,
    frames: bool = True,
    mapping: Mapping | None = None,
) -> tuple[YearData, list[Problem]]:
    """Read and check every file present for one authority-year (``frames=False``: only
    check them, keeping no frames). Files that nothing reads are problems."""
    folder = year_folder(authority_id, year, data_dir)
    data = YearData(year)
    problems: list[Problem] = []
    read: set[str] = set(READ_ALSO)
    for name, contract in CONTRACTS.items():
        fm = mapping.files.get(name) if mapping else None
        found = _source(folder, contract, fm)
        read.update(p.name for p in found)
        if len(found) > 1:
            problems.append(
                Problem(
                    _shown(found[1]),
                    f"holds {name} data, and so does {found[0].name}; keep only one of them",
                )
            )
            continue
        if not found:
            continue
        path = found[0]
        use = fm if fm is not None and fm.reads(path.name) else None
        frame, found_problems = contract_read(path, name, year, frames, use, authority_id)
        problems += errors(found_problems)
        data.notes += [str(p) for p in found_problems if p.rule == NOTE]
        data.files[name] = _shown(path)
        if frame is not None:
            data.frames[name] = frame
    data.commentary, found = load_commentary(folder / "commentary.yaml")
    problems += found
    read.update(s.image for s in data.commentary["case_studies"] if s.image)  # its pictures
    if folder.is_dir():
        problems += _unread(folder, read)
    for note in data.notes:
        log.info("note: %s", note)
    return data, problems


def _unread(folder: Path, read: set[str]) -> list[Problem]:
    """A file in a data folder that nothing reads is an error (with "did you mean"), so
    that a misnamed ``staff-survey.csv`` is not silently left out of the report."""
    expected = sorted({c.filename for c in CONTRACTS.values()} | set(READ_ALSO))
    problems = []
    for p in sorted(folder.iterdir()):
        if p.name in read or p.name.startswith((".", "~$")):
            continue
        problems.append(Problem(_shown(p), _unread_message(p, expected), rule="unread file"))
    return problems


SPREADSHEETS = (".xlsx", ".xlsm", ".ods")


def _unread_message(path: Path, expected: list[str]) -> str:
    """Why nothing reads ``path`` and the fix: a spreadsheet is most likely an HR export
    to map (issue 22's trial: renaming hr_export.xls to workforce.csv was no fix)."""
    authority = path.parent.parent.name  # data/<authority>/<year>/<file>
    drafted = f"equality-progress map --authority {authority} --input {_shown(path)} --write"
    if path.suffix.lower() == OLD_EXCEL:
        return (
            "nothing reads this file: it is an Excel 97-2003 workbook (.xls), which this tool "
            "does not read; save it as 'Excel Workbook (.xlsx)', then draft its mapping with "
            f"'{drafted.replace(path.name, path.stem + '.xlsx')}' (or move it out of the "
            "data folder)"
        )
    if path.suffix.lower() in SPREADSHEETS:
        mapping = mapping_file(authority)
        if mapping.exists():  # map --write makes a mapping only where there is none
            return (
                f"nothing reads this file; if it is this year's HR export, name it under file: "
                f"in {display_path(mapping, project_root())} (one name, or one per year: "
                f"{{{path.parent.name}: {path.name}}}), or move it out of the data folder"
            )
        return (
            f"nothing reads this file; if it is an HR export, draft its mapping with '{drafted}'"
            " (a mapping reads it as the contract's file), or move it out of the data folder"
        )
    return (
        f"nothing reads this file{did_you_mean(path.name, expected)}; rename it to one of the "
        f"data contract's files ({', '.join(expected)}), map it in params/mappings/, or move "
        "it out of the data folder"
    )


def contract_read(
    path: Path,
    name: str,
    year: FinancialYear,
    frame: bool = True,
    fm: FileMapping | None = None,
    authority_id: str = "",
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """One file checked against its contract (through the authority's mapping, when it is
    the mapped export); ``frame=False`` gives the problems only.

    Within a batch each distinct file is checked once and the result shared (see
    :mod:`.memo`); the problems are kept apart too, so that a check-only read does not
    load the frame."""
    digest, shown = fingerprints.sha256(path), _shown(path)
    context = (name, shown, year.label, fingerprint(fm))
    contract = CONTRACTS[name]

    def check() -> tuple[pd.DataFrame | None, list[Problem]]:
        raw = path.read_bytes()
        sheet, header, missing = fm.in_year(year) if fm else (None, 1, [])
        if missing:
            where = _shown(mapping_file(authority_id))
            return None, [Problem(where, f"files.{name}.{m}") for m in missing]
        table, problems = read_table(raw, shown, path.suffix, sheet, header)
        if table is None:
            return None, problems
        if fm is not None:
            shown_mapping = _shown(mapping_file(authority_id))
            table, mapped = apply_mapping(table, fm, contract, year.snapshot_date, shown_mapping)
            problems = problems + mapped
        frame, found = check_table(table, contract, year.first_day, year.snapshot_date)
        return (None, problems + found) if errors(problems) else (frame, problems + found)

    def checked() -> tuple[pd.DataFrame | None, list[Problem]]:
        return memoised(digest, context, check)

    if frame:
        return checked()
    return None, memoised(digest, (*context, "problems"), lambda: checked()[1])


def load_authority_data(
    authority: Authority, upto: FinancialYear, data_dir: Path | None = None, frames: bool = True
) -> dict[FinancialYear, YearData]:
    """Every year from the baseline to ``upto``, each file checked against its contract;
    raises InputError listing all problems. ``frames=False`` only checks the files (the
    years hold no frames). The checks across files are :mod:`.consistency`'s."""
    out, problems = read_authority_data(authority, upto, data_dir, frames)
    if problems:
        raise InputError(problems)
    return out


def read_authority_data(
    authority: Authority, upto: FinancialYear, data_dir: Path | None = None, frames: bool = True
) -> tuple[dict[FinancialYear, YearData], list[Problem]]:
    """As :func:`load_authority_data`, but the problems are returned beside what could be
    read, so that the checks that need no clean file still run (validate lists every
    problem at once). A mapping with problems reads nothing: the years are empty."""
    years = [FinancialYear(s) for s in range(authority.baseline.start, upto.start + 1)]
    out: dict[FinancialYear, YearData] = {}
    problems: list[Problem] = []
    try:
        mapping = load_mapping(authority.id)
    except InputError as exc:
        return out, list(exc.problems)
    for year in years:
        out[year], found = load_year(authority.id, year, data_dir, frames, mapping)
        problems += found
    folder = year_folder(authority.id, upto, data_dir)
    if not folder.exists():
        renamed = misnamed_year(folder)  # a folder to rename, or one to create
        problems.append(
            Problem(
                _shown(folder),
                f"no data folder for {upto}" + (renamed or "; create it with this year's files"),
            )
        )
    return out, problems


def misnamed_year(folder: Path) -> str:
    """ ", but '2025-2026' is that year: rename it 2025-26" for a sibling folder named as
    people write the year (the folder must be named 2025-26)."""
    if not folder.parent.is_dir():
        return ""
    for other in sorted(p for p in folder.parent.iterdir() if p.is_dir()):
        try:
            same = FinancialYear.parse(other.name).label == folder.name
        except ValueError:
            continue
        if same and other.name != folder.name:
            return f"; the folder '{other.name}' is that year: rename it {folder.name}"
    return ""

"""Raw tables from an authority's files: CSV (UTF-8, UTF-8 with a byte-order mark, or
Windows-1252, as Excel saves them), Excel workbooks (.xlsx, through openpyxl) and
OpenDocument spreadsheets (.ods, through pandas' calamine engine).

A :class:`Table` keeps every cell as text, the file's own headings and each row's number
as the analyst's spreadsheet shows it (the headings' row below any title block), so that
every later message can point at the cell to fix. No checking against a contract happens here (see
:mod:`.checking`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

import pandas as pd

from equality_progress.errors import NOTE, Problem

BOM = b"\xef\xbb\xbf"
DELIMITERS = (";", "\t", "|")
# a space or tab at the start or end of a field (next to a comma, a line end or the text's
# ends); without one, no cell needs stripping
_PADDED = re.compile(r"(^|,)[ \t]|[ \t](,|\r?$)", re.MULTILINE)


@dataclass
class Table:
    """One sheet or CSV file: headings as written, cells as text, spreadsheet row numbers."""

    shown: str
    headings: list[str]
    rows: list[list[str]]
    row_numbers: list[int] = field(default_factory=list)
    encoding: str = "utf-8"
    header_number: int = 1  # the row the headings are on (below any title block)
    # contract column -> the heading the analyst's own file gives it (when mapped)
    labels: dict[str, str] = field(default_factory=dict)
    # columns whose unknown codes the mapping has already reported, once per code
    codes_reported: set[str] = field(default_factory=set)
    # rows of a column whose blank was already reported with the cell it comes from (a date
    # of birth that is no date leaves its age band blank): not reported again as empty
    blanks_reported: dict[str, set[int]] = field(default_factory=dict)
    # a mapped export's headings the mapping does not read (a missing column's likely home)
    unread: list[str] = field(default_factory=list)
    padded: bool = True  # False when no cell can have spaces around it (nothing to strip)

    def __post_init__(self) -> None:
        if not self.row_numbers:
            self.row_numbers = list(range(2, len(self.rows) + 2))

    def column(self, heading: str) -> list[str]:
        i = self.headings.index(heading)
        return [r[i] if i < len(r) else "" for r in self.rows]


def decode(raw: bytes, shown: str) -> tuple[str | None, str, list[Problem]]:
    """Bytes to text: UTF-8 (a leading byte-order mark, as Excel's "CSV UTF-8" writes, is
    dropped), else Windows-1252 (Excel's plain "CSV" on Windows, where '£' is byte 0xa3).
    Returns the text, the encoding used and any problem."""
    if not raw.strip():
        return None, "", [Problem(shown, "the file is empty", rule="not empty")]
    if raw.startswith(BOM):
        raw = raw[len(BOM) :]
        if not raw.strip():
            return None, "", [Problem(shown, "the file is empty", rule="not empty")]
    try:
        return raw.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        return raw.decode("cp1252"), "windows-1252", []
    except UnicodeDecodeError:
        row = raw[:first_bad].count(b"\n") + 1
        return (
            None,
            "",
            [
                Problem(
                    shown,
                    f"is neither UTF-8 nor Windows-1252 text (byte 0x{raw[first_bad]:02x}); "
                    "save it from Excel as 'CSV UTF-8'",
                    row=row,
                    rule="UTF-8",
                )
            ],
        )


def read_csv(raw: bytes, shown: str, header_row: int = 1) -> tuple[Table | None, list[Problem]]:
    """A comma-separated file's rows as text, refusing another delimiter; the headings are
    on ``header_row`` (an export may start with title lines)."""
    text, encoding, problems = decode(raw, shown)
    if text is None:
        return None, problems
    lines = text.splitlines()
    if len(lines) < header_row:
        return None, [Problem(shown, f"has no row {header_row} to read headings from")]
    header = lines[header_row - 1]
    if "," not in header and any(d in header for d in DELIMITERS):
        delim = next(d for d in DELIMITERS if d in header)
        return None, [
            Problem(
                shown,
                f"columns are separated by {delim!r}, not commas; save it as comma-separated CSV",
                row=header_row,
                rule="delimiter",
            )
        ]
    rows = list(csv.reader(io.StringIO(text)))[header_row - 1 :]
    numbers = list(range(header_row + 1, header_row + len(rows)))
    table = Table(shown, rows[0], rows[1:], numbers, encoding=encoding, header_number=header_row)
    table.padded = _PADDED.search(text) is not None
    return table, []


def cell_text(value: object) -> str:
    """An Excel cell as the text a CSV would hold: whole numbers without '.0', dates as
    YYYY-MM-DD, booleans as true/false, empty cells as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip() if isinstance(value, str) else str(value)


def sheet_names(raw: bytes) -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def _sheet_problem(shown: str, names: list[str], sheet: str | None) -> Problem | None:
    """A workbook of several sheets with none named, or a named sheet it lacks (.xlsx and
    .ods alike)."""
    if sheet is None and len(names) > 1:
        return Problem(
            shown,
            f"has {len(names)} sheets ({', '.join(names)}); name the one to read as sheet: in "
            "the authority's mapping (params/mappings/)",
            rule="sheet",
        )
    if sheet is not None and sheet not in names:
        return Problem(
            shown,
            f"has no sheet '{sheet}' (sheets: {', '.join(names)}); correct sheet: in the mapping",
            rule="sheet",
        )
    return None


def read_xlsx(
    raw: bytes, shown: str, sheet: str | None = None, header_row: int = 1
) -> tuple[Table | None, list[Problem]]:
    """One sheet of an Excel workbook as text. ``sheet`` may be left out when the workbook
    has one sheet; wholly empty rows are skipped (row numbers stay Excel's own)."""
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        return None, [
            Problem(
                shown,
                f"cannot be read as an Excel workbook ({type(exc).__name__}); save it from "
                "Excel as 'Excel Workbook (.xlsx)'",
                rule="workbook",
            )
        ]
    try:
        names = list(wb.sheetnames)
        wrong = _sheet_problem(shown, names, sheet)
        if wrong is not None:
            return None, [wrong]
        ws = wb[sheet or names[0]]
        label = shown if sheet is None else f"{shown} (sheet '{sheet}')"
        headings: list[str] | None = None
        rows: list[list[str]] = []
        numbers: list[int] = []
        for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if n < header_row:
                continue
            cells = [cell_text(v) for v in values]
            if headings is None:
                while cells and cells[-1] == "":
                    cells.pop()
                headings, header_at = cells, n
                continue
            if not any(cells):
                continue
            width = len(headings)
            if len(cells) > width and not any(cells[width:]):
                cells = cells[:width]
            rows.append(cells + [""] * (width - len(cells)))
            numbers.append(n)
    finally:
        wb.close()
    if not headings:
        return None, [Problem(label, "the sheet is empty", rule="not empty")]
    table = Table(label, headings, rows, numbers, encoding="xlsx", header_number=header_at)
    table.padded = False  # cell_text strips every text cell
    return table, []


WORKBOOKS = (".xlsx", ".xlsm")
SPREADSHEETS = (*WORKBOOKS, ".ods")
# An Excel 97-2003 workbook needs a reader of its own (xlrd) that nothing else here uses: it
# is refused with the way to save it as one this tool reads, not read as CSV (issue 22).
OLD_EXCEL = ".xls"


def read_table(
    raw: bytes, shown: str, suffix: str, sheet: str | None = None, header_row: int = 1
) -> tuple[Table | None, list[Problem]]:
    """Any input file this tool reads, by its suffix: an Excel workbook, an OpenDocument
    spreadsheet (LibreOffice), else CSV; notes lines below the data are left out, with a
    note naming them (:func:`notes_below`)."""
    table, problems = _read_by_suffix(raw, shown, suffix.lower(), sheet, header_row)
    return (table, problems) if table is None else notes_below(table)


def _read_by_suffix(
    raw: bytes, shown: str, suffix: str, sheet: str | None, header_row: int
) -> tuple[Table | None, list[Problem]]:
    if suffix in WORKBOOKS:
        return read_xlsx(raw, shown, sheet, header_row)
    if suffix == ".ods":
        return read_ods(raw, shown, sheet, header_row)
    if suffix == OLD_EXCEL:
        return None, [
            Problem(
                shown,
                "is an Excel 97-2003 workbook (.xls), which this tool does not read; open it "
                "in Excel or LibreOffice and save it as 'Excel Workbook (.xlsx)'",
                rule="workbook",
            )
        ]
    return read_csv(raw, shown, header_row)


def read_ods(
    raw: bytes, shown: str, sheet: str | None = None, header_row: int = 1
) -> tuple[Table | None, list[Problem]]:
    """One sheet of an OpenDocument spreadsheet (.ods, as LibreOffice saves it), through
    pandas' calamine engine (a Rust reader; odfpy took 1.2 s for 1,000 rows, calamine
    0.02 s, the cells alike), as :func:`read_xlsx` reads a workbook: cells as text,
    wholly empty rows skipped, row numbers as the spreadsheet shows them."""
    try:
        # na_filter off: "None" (no religion), "NA" or "N/A" are codes a sheet may hold,
        # not missing cells (issue 22: No religion 499 was published as 0); only an empty
        # cell is empty, as in the workbook and CSV readers
        sheets = pd.read_excel(
            io.BytesIO(raw), engine="calamine", sheet_name=None, header=None, dtype=object,
            keep_default_na=False, na_filter=False,
        )  # fmt: skip
    except Exception as exc:  # noqa: BLE001 - a damaged file raises many kinds
        return None, [
            Problem(
                shown,
                f"cannot be read as an OpenDocument spreadsheet ({type(exc).__name__}); save "
                "it from LibreOffice as 'ODF Spreadsheet (.ods)' or as CSV",
                rule="workbook",
            )
        ]
    names = list(sheets)
    wrong = _sheet_problem(shown, names, sheet)
    if wrong is not None:
        return None, [wrong]
    frame = sheets[sheet or names[0]]
    label = shown if sheet is None else f"{shown} (sheet '{sheet}')"
    cells = [
        [cell_text(None if _missing(v) else _plain(v)) for v in row]
        for row in frame.itertuples(index=False, name=None)
    ]
    if len(cells) < header_row:
        return None, [Problem(label, "the sheet is empty", rule="not empty")]
    headings = cells[header_row - 1]
    while headings and headings[-1] == "":
        headings.pop()
    width = len(headings)
    rows, numbers = [], []
    for n, row in enumerate(cells[header_row:], start=header_row + 1):
        if any(row):
            if len(row) > width and not any(row[width:]):
                row = row[:width]  # empty cells beyond the headings, as read_xlsx drops them
            rows.append(row + [""] * (width - len(row)))
            numbers.append(n)
    if not headings:
        return None, [Problem(label, "the sheet is empty", rule="not empty")]
    table = Table(label, headings, rows, numbers, encoding="ods", header_number=header_row)
    table.padded = False  # cell_text strips every text cell
    return table, []


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN


def _plain(value: object) -> object:
    """pandas' Timestamp as the datetime :func:`cell_text` knows."""
    return value.to_pydatetime() if isinstance(value, pd.Timestamp) else value


DATA_CELL = re.compile(r"[£$€]?\s*-?[\d,]*\.?\d+%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def header_row(table: Table, look: int = 20) -> int:
    """The spreadsheet row that holds an export's headings, read from a table whose first
    row was taken as headings: most exports start with a title block ("Workforce snapshot
    at 31 March 2025", a blank line, "Produced by HR") above them (issue 22). The headings
    are the first row at least four fifths as wide as the widest of the first ``look`` rows
    whose cells are all words, not numbers or dates; 1 when there is no title block."""
    first = [(1, table.headings)] + list(zip(table.row_numbers, table.rows, strict=True))[:look]

    def filled(cells: list[str]) -> list[str]:
        return [c for c in cells if c.strip()]

    widest = max(len(filled(cells)) for _, cells in first)
    for number, cells in first:
        seen = filled(cells)
        if len(seen) >= max(2, 0.8 * widest) and not any(_looks_like_data(c) for c in seen):
            return number
    return 1


def _looks_like_data(cell: str) -> bool:
    """A number, an amount or a date: a cell of a data row, never a heading."""
    return bool(DATA_CELL.fullmatch(cell.strip()))


def notes_below(table: Table) -> tuple[Table, list[Problem]]:
    """The table without the notes an export ends with ("Total records: 1470",
    "CONFIDENTIAL"): after a blank row, rows that fill only the first column are notes, not
    data (issue 22: each gave an error in every column); left out, with a note naming them.
    A blank row is an empty one, or one a workbook's reader skipped (a gap in the row
    numbers)."""
    rows, numbers = table.rows, table.row_numbers

    def blank(r: list[str]) -> bool:
        return not any(c.strip() for c in r)

    def first_only(r: list[str]) -> bool:
        return bool(r) and bool(r[0].strip()) and blank(r[1:])

    if len(table.headings) < 2:
        return table, []
    start = len(rows)
    while start > 0 and (blank(rows[start - 1]) or first_only(rows[start - 1])):
        start -= 1
    cut = next(
        (
            k
            for k in range(max(start, 1), len(rows))
            if first_only(rows[k]) and (blank(rows[k - 1]) or numbers[k] > numbers[k - 1] + 1)
        ),
        None,
    )
    if cut is None or all(blank(r) for r in rows[:cut]):
        return table, []
    notes = [(n, r[0].strip()) for n, r in zip(numbers[cut:], rows[cut:], strict=True) if any(r)]
    said = "; ".join(f"'{t if len(t) <= 40 else t[:37] + '...'}'" for _, t in notes[:3])
    said += "; ..." if len(notes) > 3 else ""
    where = f"row {notes[0][0]}" if len(notes) == 1 else f"rows {notes[0][0]} to {notes[-1][0]}"
    note = Problem(
        table.shown,
        f"{where}, below the data after a blank row, fill only the first column ({said}): "
        "read as notes, not data, and left out",
        rule=NOTE,
    )
    keep = cut
    while blank(rows[keep - 1]):  # the blank row above them (a CSV keeps it)
        keep -= 1
    table.rows, table.row_numbers = rows[:keep], numbers[:keep]
    return table, [note]

"""A table checked against its data contract, every problem reported at once.

Each problem names the file, row (as numbered in a spreadsheet, header = row 1), column
(the analyst's own heading when the file was mapped), value and rule. Hand-written rather
than using pandera because the messages are the product here: they must read as plain
English to an analyst and point at the cell to fix, and the checks that matter most
("£1,234" in a number, a misspelt code) need a "did you mean".
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pandas as pd

from equality_progress.errors import NOTE, Problem, did_you_mean
from equality_progress.inputs import plausibility
from equality_progress.inputs.contracts import FALSE, TRUE, Column, Contract
from equality_progress.inputs.tables import Table, read_csv, read_table

_CURRENCY = re.compile(r"^-?[£$€]")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule != NOTE]


def notes(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.rule == NOTE]


# a mapped export's empty cells may mean something: the mapping says what (issue 22's trial)
BLANK_HINT = "; if an empty cell here means something, say what under blank: in the mapping"


def _number_problem(value: str) -> str | None:
    v = value.strip()
    if _CURRENCY.match(v):
        return "has a currency sign; write the number only (12.50, not £12.50)"
    if _THOUSANDS.match(v):
        return "has a thousands separator; write 1234.5, not 1,234.5"
    try:
        float(v)
    except ValueError:
        if v.endswith("%") and _number_problem(v[:-1]) is None:
            return f"has a percent sign; write the number only ({v[:-1].strip()}, not {v})"
        return "is not a number"
    return None


def read_checked(
    path: Path,
    contract: Contract,
    shown: str,
    year_start: date | None = None,
    year_end: date | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one file (CSV, .xlsx or .ods: :func:`tables.read_table`) and check it against
    its contract (issue 22: ``pay-gap`` could not read a workbook)."""
    table, problems = read_table(path.read_bytes(), shown, path.suffix)
    if table is None:
        return None, problems
    return check_table(table, contract, year_start, year_end)


def check_csv(
    raw: bytes,
    contract: Contract,
    shown: str,
    year_start: date | None = None,
    year_end: date | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check one CSV file's bytes against its contract. Returns the typed frame (or None
    when it cannot be used) and every problem found, each naming ``shown``; notes (an
    ignored extra column) have ``rule == NOTE`` and do not stop the frame."""
    table, problems = read_csv(raw, shown)
    if table is None:
        return None, problems
    return check_table(table, contract, year_start, year_end)


def _heading_problems(table: Table, contract: Contract) -> tuple[list[str], list[Problem]]:
    """Missing and extra columns: a missing required column is an error; an extra column
    is ignored with one note, unless it looks like a misspelt contract column."""
    names = [h.strip() for h in table.headings]
    expected = [c.name for c in contract.columns]
    missing = [c.name for c in contract.columns if c.required and c.name not in names]
    absent = [c for c in expected if c not in names]
    extra = [c for c in names if c not in expected and c not in table.labels.values()]
    problems = []
    for c in missing:
        close = difflib.get_close_matches(c, extra, n=1, cutoff=0.6)
        hint = f" (is it '{close[0]}'? rename that heading)" if close else ""
        if table.unread and not close:  # a mapped export: which heading holds it? (issue 22)
            hint = (
                f"; map it under columns: {c}: in the mapping, from one of the headings it "
                "does not read: " + ", ".join(f"'{h}'" for h in table.unread)
            )
        problems.append(
            Problem(
                table.shown,
                "required column is missing" + hint,
                row=table.header_number,
                column=c,
                rule="columns",
            )
        )
    optional_absent = [c for c in absent if c not in missing]
    ignored = []
    for c in extra:
        hint = did_you_mean(c, optional_absent)
        if hint and not table.labels:
            problems.append(
                Problem(
                    table.shown,
                    f"unexpected column{hint}; rename it, or remove it",
                    row=table.header_number,
                    column=c,
                    rule="columns",
                )
            )
        elif c:
            ignored.append(c)
    if ignored and not contract.allow_extra:
        problems.append(
            Problem(
                table.shown,
                f"{len(ignored)} column(s) not in the data contract are ignored: "
                + ", ".join(f"'{c}'" for c in ignored),
                rule=NOTE,
            )
        )
    return names, problems


def check_table(
    table: Table,
    contract: Contract,
    year_start: date | None = None,
    year_end: date | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check a table against its contract; the typed frame, or None, and every problem."""
    shown = table.shown
    names, problems = _heading_problems(table, contract)
    if errors(problems):
        return None, problems
    body = table.rows
    if not body:
        return None, problems + [Problem(shown, "has a header but no rows", rule="not empty")]
    if set(map(len, body)) != {len(names)}:
        for r, n in zip(body, table.row_numbers, strict=True):
            if len(r) != len(names):
                problems.append(
                    Problem(
                        shown,
                        f"has {len(r)} fields, the header has {len(names)}",
                        row=n,
                        rule="row length",
                    )
                )
        return None, problems
    columns = dict(zip(names, zip(*body, strict=True), strict=True))
    out = {}
    for col in contract.columns:
        if col.name not in columns:  # an optional column left out
            if col.kind != "category":
                out[col.name] = pd.Series([None] * len(body), name=col.name, dtype=object)
            continue
        cells = [c.strip() for c in columns[col.name]] if table.padded else list(columns[col.name])
        out[col.name], col_problems = _check_column(cells, col, table, year_start, year_end)
        problems.extend(col_problems)
    if errors(problems):
        return None, problems
    frame, notes = plausibility.one_spelling(pd.DataFrame(out), table)
    problems += notes + _row_rules(frame, contract, table)
    problems += plausibility.check(frame, table)
    return (None if errors(problems) else frame), problems


def _row_rules(frame: pd.DataFrame, contract: Contract, table: Table) -> list[Problem]:
    """Rules across a row's cells: a proportion's numerator needs its denominator (and the
    other way round) and cannot exceed it."""
    if contract.name != "reported":
        return []
    problems = []
    for i, row in enumerate(frame.itertuples(index=False)):
        num, den = row.numerator, row.denominator
        where = dict(row=table.row_numbers[i], value=str(row.indicator_id))
        if pd.notna(num) and pd.isna(den):
            problems.append(
                Problem(
                    table.shown,
                    f"indicator '{row.indicator_id}' has a numerator but no denominator; give "
                    "both (a proportion) or put the figure in value",
                    column="denominator",
                    rule="proportion",
                    **where,
                )
            )
        elif pd.isna(num) and pd.notna(den):
            problems.append(
                Problem(
                    table.shown,
                    f"indicator '{row.indicator_id}' has a denominator but no numerator",
                    column="numerator",
                    rule="proportion",
                    **where,
                )
            )
        elif pd.notna(num) and num > den:
            problems.append(
                Problem(
                    table.shown,
                    f"indicator '{row.indicator_id}': the numerator ({int(num)}) is larger "
                    f"than the denominator ({int(den)}); check both figures",
                    column="numerator",
                    rule="proportion",
                    **where,
                )
            )
    return problems


def _id_key(value: str) -> str:
    """An id as a person is one: trimmed and case-folded (``nt100868`` is ``NT100868``)."""
    return value.strip().casefold()


def _bulk(cells: list[str], col: Column) -> list | None:
    """The column's values when every cell is valid, else None. The common case, checked
    in bulk (a staff file has tens of thousands of cells); any doubt falls back to the
    cell-by-cell check, which says what is wrong and where. Dates always go cell by cell."""
    if "" in cells or (col.unique and len({_id_key(v) for v in cells}) != len(cells)):
        return None
    if col.kind == "text":
        return cells
    if col.kind == "category":
        return cells if set(cells) <= set(col.categories) else None
    if col.kind == "bool":
        low = [v.lower() for v in cells]
        return [v in TRUE for v in low] if set(low) <= set(TRUE + FALSE) else None
    if col.kind in ("number", "integer"):
        try:
            nums = [float(v) for v in cells]  # what _number_problem accepts, float() accepts
        except ValueError:
            return None
        if not all(math.isfinite(n) for n in nums):
            return None
        lo = -math.inf if col.minimum is None else col.minimum
        hi = math.inf if col.maximum is None else col.maximum
        if not all(lo <= n <= hi for n in nums):
            return None
        if col.kind == "integer" and not all(n.is_integer() for n in nums):
            return None
        return nums
    return None


def _check_column(
    cells: list[str], col: Column, table: Table, year_start: date | None, year_end: date | None
) -> tuple[pd.Series, list[Problem]]:
    values = _bulk(cells, col)
    if values is not None:
        out = pd.Series(values, name=col.name)
        return (out.astype("Int64") if col.kind == "integer" else out), []
    problems: list[Problem] = []
    heading = table.labels.get(col.name, col.name)

    def bad(idx: int, value: str, message: str, rule: str) -> None:
        row = table.row_numbers[idx]
        problems.append(
            Problem(table.shown, message, row=row, column=heading, value=value, rule=rule)
        )

    unknown: Counter[str] = Counter()
    first: dict[str, int] = {}
    values: list = []
    told = table.blanks_reported.get(col.name, set())
    for idx, v in enumerate(cells):
        if v == "":
            if (col.required or col.kind == "category") and idx not in told:
                bad(idx, v, "is empty" + (BLANK_HINT if table.labels else ""), "required")
            values.append(None)
            continue
        if col.kind == "category":
            if v not in col.categories:
                unknown[v] += 1
                first.setdefault(v, idx)
            values.append(v)
        elif col.kind == "bool":
            low = v.lower()
            if low not in TRUE + FALSE:
                bad(idx, v, "is not true or false", "boolean")
            values.append(low in TRUE)
        elif col.kind in ("number", "integer"):
            msg = _number_problem(v)
            if msg is None and not math.isfinite(float(v)):
                msg = "is not a finite number"
            if msg:
                bad(idx, v, msg, "number")
                values.append(None)
                continue
            num = float(v)
            if col.kind == "integer" and not num.is_integer():
                bad(idx, v, "is not a whole number", "integer")
            if col.minimum is not None and num < col.minimum:
                bad(idx, v, f"is below the smallest allowed value, {col.minimum:g}", "range")
            if col.maximum is not None and num > col.maximum:
                above = f"is above the largest plausible value, {col.maximum:g}"
                bad(idx, v, f"{above}: {col.above}" if col.above else above, "range")
            values.append(num)
        elif col.kind == "date":
            try:
                d = date.fromisoformat(v)
            except ValueError:
                bad(idx, v, "is not a date written YYYY-MM-DD", "date")
                values.append(None)
                continue
            if col.in_year and year_start and year_end and not year_start <= d <= year_end:
                bad(
                    idx, v, f"is outside the reporting year ({year_start} to {year_end})", "in year"
                )
            values.append(d)
        else:
            values.append(v)
    if col.name not in table.codes_reported:
        for v, count in unknown.items():  # each unknown code once, with its count
            rows = "" if count == 1 else f" on {count} rows, the first here"
            bad(
                first[v],
                v,
                f"is not a known code{rows}{did_you_mean(v, col.categories)}; use one of: "
                + "; ".join(col.categories),
                "code list",
            )
    elif unknown:
        values = [None if v in unknown else v for v in values]
    out = pd.Series(values, name=col.name)
    if col.unique:  # ids that differ only in case or spaces are one person (issue 22)
        seen: dict[str, int] = {}
        for idx, v in enumerate(cells):
            key = _id_key(v)
            if v and key in seen:
                was = cells[seen[key]]
                how = "" if was == v else f" as '{was}': ids that differ only in case or spaces"
                row = table.row_numbers[seen[key]]
                bad(idx, v, f"is a duplicate id (already used on row {row}{how})", "unique")
            seen.setdefault(key, idx)
    if col.kind == "integer" and not problems:  # "3.5" is reported, not cast (a crash)
        out = out.astype("Int64") if out.notna().all() or not col.required else out
    return out, problems

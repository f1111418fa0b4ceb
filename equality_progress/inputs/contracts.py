"""Data contracts: the columns, types and codes of every input file, checked on load.

Every problem in a file is reported at once, each naming the file, row (as numbered in
a spreadsheet, header = row 1), column, value and rule. Hand-written rather than using
pandera because the messages are the product here: they must read as plain English to
an analyst and point at the cell to fix, and the checks that matter most (BOM, wrong
delimiter, "£1,234" in a number) happen before a frame exists.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from equality_progress.errors import Problem

UNDISCLOSED = ("Prefer not to say", "Not recorded")
ETHNICITY = (
    "White British",
    "White Irish",
    "White Gypsy or Irish Traveller",
    "White Roma",
    "Any other White background",
    "White and Black Caribbean",
    "White and Black African",
    "White and Asian",
    "Any other Mixed or multiple ethnic background",
    "Indian",
    "Pakistani",
    "Bangladeshi",
    "Chinese",
    "Any other Asian background",
    "African",
    "Caribbean",
    "Any other Black, Black British or Caribbean background",
    "Arab",
    "Any other ethnic group",
) + UNDISCLOSED
"""GSS harmonised ethnicity categories (England), short labels, plus non-disclosure."""
ETHNIC_MINORITY = tuple(e for e in ETHNICITY if e not in ("White British",) + UNDISCLOSED)
SEX = ("Male", "Female")
DISABILITY = ("Disabled", "Not disabled") + UNDISCLOSED
SEXUAL_ORIENTATION = (
    "Heterosexual",
    "Gay or lesbian",
    "Bisexual",
    "Other sexual orientation",
) + UNDISCLOSED
LGB_PLUS = ("Gay or lesbian", "Bisexual", "Other sexual orientation")
AGE_BAND = (
    "16-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65+",
)
CARE_EXPERIENCE = ("Yes", "No") + UNDISCLOSED
STAGES = ("applied", "shortlisted", "appointed")
ACTION_STAGES = ("not_started", "in_progress", "complete")
TRUE = ("true", "yes", "y", "1")
FALSE = ("false", "no", "n", "0")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, category, bool, number, integer, date
    categories: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    required: bool = True
    unique: bool = False
    in_year: bool = False
    description: str = ""


@dataclass(frozen=True)
class Contract:
    name: str
    filename: str
    columns: tuple[Column, ...]
    description: str = ""
    allow_extra: bool = False
    example: str = ""


def _characteristics(*, orientation: bool = True, care: bool = True) -> tuple[Column, ...]:
    cols = [
        Column("sex", "category", SEX),
        Column("ethnicity", "category", ETHNICITY),
        Column("disability", "category", DISABILITY),
        Column("age_band", "category", AGE_BAND),
    ]
    if orientation:
        cols.insert(3, Column("sexual_orientation", "category", SEXUAL_ORIENTATION))
    if care:
        cols.append(Column("care_experience", "category", CARE_EXPERIENCE))
    return tuple(cols)


WORKFORCE = Contract(
    "workforce",
    "workforce.csv",
    (
        Column("employee_id", "text", unique=True, description="pseudonymous id, never a name"),
        Column("employer", "text"),
        Column("grade", "text"),
        Column("senior_role", "bool"),
        Column("service_area", "text"),
        *_characteristics(),
        Column("weekly_hours", "number", minimum=1, maximum=60),
        Column("hourly_pay", "number", minimum=5, maximum=300),
        Column("full_pay_relevant", "bool"),
        Column("bonus_pay", "number", minimum=0, maximum=100000),
    ),
    "Workforce snapshot at 31 March: one row per relevant employee.",
    example="E00017,LCRCA,Grade 7,false,Transport,Female,White British,Not disabled,"
    "Heterosexual,35-39,No,37,18.42,true,0",
)
RECRUITMENT = Contract(
    "recruitment",
    "recruitment.csv",
    (
        Column("application_id", "text", unique=True),
        Column("senior_role", "bool"),
        Column("stage", "category", STAGES, description="furthest stage reached"),
        *_characteristics(orientation=False, care=False),
        Column("application_date", "date", in_year=True),
    ),
    "Applications in the year: one row per application, with the furthest stage reached.",
    example="A00412,true,shortlisted,Female,Indian,Not disabled,30-34,2024-06-03",
)
STAFF_SURVEY = Contract(
    "staff_survey",
    "staff_survey.csv",
    (
        Column("response_id", "text", unique=True),
        *_characteristics(care=False),
        Column(
            "edi_score",
            "integer",
            minimum=1,
            maximum=7,
            description="agreement with the EDI statements, 1 (low) to 7 (high)",
        ),
    ),
    "Staff survey: one row per response.",
    example="R0031,Male,White British,Disabled,Heterosexual,50-54,6",
)
TRAINING = Contract(
    "training",
    "training.csv",
    (
        Column("employee_id", "text", unique=True),
        Column("completed", "bool"),
        Column("completion_date", "date", required=False, in_year=False),
    ),
    "Mandatory EDI training: one row per employee required to complete it.",
    example="E00017,true,2024-11-02",
)
REPORTED = Contract(
    "reported",
    "measures.csv",
    (
        Column("indicator_id", "text", unique=True),
        Column("value", "number", required=False, minimum=0),
        Column("numerator", "integer", required=False, minimum=0),
        Column("denominator", "integer", required=False, minimum=1),
        Column("source", "text"),
    ),
    "Figures reported by services (not record-level): one row per indicator.",
    example="commissioner-community-suppliers-onboarded,48,,,Procurement team return",
)
ACTIONS = Contract(
    "actions",
    "actions.csv",
    (
        Column("indicator_id", "text", unique=True),
        Column("stage", "category", ACTION_STAGES),
        Column("evidence", "text", required=False),
    ),
    "Progress on actions and milestones: one row per action updated this year.",
    example="action-1.1,complete,Calendar of monthly themes published on the intranet",
)
CONTRACTS = {c.name: c for c in (WORKFORCE, RECRUITMENT, STAFF_SURVEY, TRAINING, REPORTED, ACTIONS)}

_CURRENCY = re.compile(r"^[£$€]")
_THOUSANDS = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")


def _number_problem(value: str) -> str | None:
    v = value.strip()
    if _CURRENCY.match(v):
        return "has a currency sign; write the number only (12.50, not £12.50)"
    if _THOUSANDS.match(v):
        return "has a thousands separator; write 1234.5, not 1,234.5"
    try:
        float(v)
    except ValueError:
        return "is not a number"
    return None


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, refusing a byte-order mark and anything that is not UTF-8."""
    if not raw.strip():
        return None, [Problem(shown, "the file is empty", rule="not empty")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(
                shown,
                "starts with a byte-order mark (Excel's 'CSV UTF-8'); "
                "save it as plain CSV UTF-8 without BOM",
                rule="no BOM",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                shown,
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as CSV UTF-8",
                row=row,
                rule="UTF-8",
            )
        ]


# a space or tab at the start or end of a field (next to a comma, a line end or the text's
# ends); without one, no cell needs stripping
_PADDED = re.compile(r"(^|,)[ \t]|[ \t](,|\r?$)", re.MULTILINE)


def read_checked(
    path: Path,
    contract: Contract,
    shown: str,
    year_start: date | None = None,
    year_end: date | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV and check it against its contract (see :func:`check_csv`)."""
    return check_csv(path.read_bytes(), contract, shown, year_start, year_end)


def check_csv(
    raw: bytes,
    contract: Contract,
    shown: str,
    year_start: date | None = None,
    year_end: date | None = None,
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Check one CSV file's bytes against its contract. Returns the typed frame (or None
    when it cannot be used) and every problem found, each naming ``shown``."""
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    header = text.splitlines()[0]
    expected = [c.name for c in contract.columns]
    if "," not in header and any(d in header for d in (";", "\t", "|")):
        delim = next(d for d in (";", "\t", "|") if d in header)
        return None, [
            Problem(
                shown,
                f"columns are separated by {delim!r}, not commas; save it as comma-separated CSV",
                row=1,
                rule="delimiter",
            )
        ]
    rows = list(csv.reader(io.StringIO(text)))
    names = [h.strip() for h in rows[0]]
    missing = [c for c in expected if c not in names]
    extra = [c for c in names if c not in expected]
    for c in missing:
        problems.append(
            Problem(shown, "required column is missing", row=1, column=c, rule="columns")
        )
    if extra and not contract.allow_extra:
        for c in extra:
            problems.append(
                Problem(
                    shown,
                    f"unexpected column (check its spelling; expected: {', '.join(expected)})",
                    row=1,
                    column=c,
                    rule="columns",
                )
            )
    if missing:
        return None, problems
    body = rows[1:]
    if not body:
        return None, problems + [Problem(shown, "has a header but no rows", rule="not empty")]
    if set(map(len, body)) != {len(names)}:
        for i, r in enumerate(body, start=2):
            if len(r) != len(names):
                problems.append(
                    Problem(
                        shown,
                        f"has {len(r)} fields, the header has {len(names)}",
                        row=i,
                        rule="row length",
                    )
                )
        return None, problems
    columns = dict(zip(names, zip(*body, strict=True), strict=True))
    padded = _PADDED.search(text) is not None  # any cell with spaces around it?
    out = {}
    for col in contract.columns:
        cells = [c.strip() for c in columns[col.name]] if padded else list(columns[col.name])
        out[col.name], col_problems = _check_column(cells, col, shown, year_start, year_end)
        problems.extend(col_problems)
    if problems:
        return None, problems
    return pd.DataFrame(out), []


def _bulk(cells: list[str], col: Column) -> list | None:
    """The column's values when every cell is valid, else None. The common case, checked
    in bulk (a staff file has tens of thousands of cells); any doubt falls back to the
    cell-by-cell check, which says what is wrong and where. Dates always go cell by cell."""
    if "" in cells or (col.unique and len(set(cells)) != len(cells)):
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
        lo = -math.inf if col.minimum is None else col.minimum
        hi = math.inf if col.maximum is None else col.maximum
        if not all(lo <= n <= hi for n in nums):
            return None
        if col.kind == "integer" and not all(n.is_integer() for n in nums):
            return None
        return nums
    return None


def _check_column(
    cells: list[str], col: Column, shown: str, year_start: date | None, year_end: date | None
) -> tuple[pd.Series, list[Problem]]:
    values = _bulk(cells, col)
    if values is not None:
        out = pd.Series(values, name=col.name)
        return (out.astype("Int64") if col.kind == "integer" else out), []
    problems: list[Problem] = []

    def bad(idx: int, value: str, message: str, rule: str) -> None:
        problems.append(
            Problem(shown, message, row=idx + 2, column=col.name, value=value, rule=rule)
        )

    values: list = []
    for idx, v in enumerate(cells):
        if v == "":
            if col.required:
                bad(idx, v, "is empty", "required")
            values.append(None)
            continue
        if col.kind == "category":
            if v not in col.categories:
                bad(
                    idx,
                    v,
                    "is not a known code; use one of: " + "; ".join(col.categories),
                    "code list",
                )
            values.append(v)
        elif col.kind == "bool":
            low = v.lower()
            if low not in TRUE + FALSE:
                bad(idx, v, "is not true or false", "boolean")
            values.append(low in TRUE)
        elif col.kind in ("number", "integer"):
            msg = _number_problem(v)
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
                bad(idx, v, f"is above the largest plausible value, {col.maximum:g}", "range")
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
    out = pd.Series(values, name=col.name)
    if col.unique:
        seen: set[str] = set()
        for idx, v in enumerate(cells):
            if v and v in seen:
                bad(idx, v, "is a duplicate id (already used on an earlier row)", "unique")
            seen.add(v)
    if col.kind == "integer":
        out = out.astype("Int64") if out.notna().all() or not col.required else out
    return out, problems

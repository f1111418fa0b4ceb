"""An authority's own export, mapped to a data contract: ``params/mappings/<id>.yaml``.

Per input file (``workforce``, ``recruitment``, ...) the mapping may give the export's file
name and workbook sheet, column renames (contract column: the export's heading), code maps
(many export codes to one contract code), number formats (a currency sign, a thousands
separator), the date format, and derived columns: an age band from a date of birth at the
snapshot date, a senior role from a list of grades, or one stated value with its reason.
The mapped table is then checked against the contract like any other (:mod:`.checking`),
and every message names the export's own file, row and heading.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError, ValidationInfo, field_validator

from equality_progress.errors import InputError, Problem, display_path
from equality_progress.inputs.checking import NOTE, did_you_mean
from equality_progress.inputs.contracts import CONTRACTS, FALSE, TRUE, Contract
from equality_progress.inputs.derived import (
    ISO,
    Derive,
    date_problem,
    derive_column,
    fold,
    parse_date,
)
from equality_progress.inputs.settings import Strict, read_yaml, validation_problems
from equality_progress.inputs.tables import Table
from equality_progress.layout import mapping_file, project_root
from equality_progress.years import FinancialYear


class Numbers(Strict):
    currency: str | None = None  # e.g. "£": removed from number cells
    thousands: str | None = None  # e.g. ",": removed from number cells


class FileMapping(Strict):
    # the export's file name in each year's folder, or one per year when the HR system
    # names it by date: {2024-25: staff_2025-03-31.xlsx, 2025-26: staff_2026-03-31.xlsx}
    file: str | dict[str, str] | None = None
    # the sheet and the headings' row, each one for every year or one per year (an HR system
    # renamed a sheet, or added a title line, in one year: {2025-26: 4})
    sheet: str | dict[str, str] | None = None
    header_row: int | dict[str, int] = 1
    columns: dict[str, str] = {}
    codes: dict[str, dict[str, str | bool]] = {}
    numbers: Numbers = Numbers()
    dates: str = ISO
    derive: dict[str, Derive] = {}
    # what an empty cell means, column by column ("blank Bonus Paid means 0", "blank
    # ethnicity means Not recorded"): applied before codes are mapped
    blank: dict[str, str | float | int] = {}

    @field_validator("file", "sheet", "header_row", mode="before")
    @classmethod
    def _years(cls, v: Any, info: ValidationInfo) -> Any:
        if isinstance(v, dict):  # the years as people write them: 2024-25, 2024/25
            text = info.field_name != "header_row"  # a file or sheet named 2025 is a name
            return {FinancialYear.parse(str(y)).label: str(x) if text else x for y, x in v.items()}
        return v

    @field_validator("header_row")
    @classmethod
    def _a_row(cls, v: int | dict[str, int]) -> int | dict[str, int]:
        if any(n < 1 for n in (v.values() if isinstance(v, dict) else [v])):
            raise ValueError("the row the headings are on, counted from 1 (the first row)")
        return v

    def in_year(self, year: FinancialYear) -> tuple[str | None, int, list[str]]:
        """The sheet and the headings' row for ``year``, and what is missing: a setting
        given year by year without this year (never a guess: another sheet's columns)."""
        got, missing = {}, []
        for setting in ("sheet", "header_row"):
            value = getattr(self, setting)
            if isinstance(value, dict) and year.label not in value:
                missing.append(
                    f"{setting}: is given year by year ({', '.join(value)}) and not for "
                    f"{year.label}; add {year.label}: to it"
                )
            got[setting] = value.get(year.label) if isinstance(value, dict) else value
        return got["sheet"], got["header_row"] or 1, missing  # 1: a missing year, reported

    def names(self) -> list[str]:
        """Every file name this mapping reads (one, or one per year)."""
        if self.file is None:
            return []
        return list(self.file.values()) if isinstance(self.file, dict) else [self.file]

    def reads(self, name: str) -> bool:
        """Whether a file of this name is the export this mapping describes."""
        return name in self.names()


class Mapping(Strict):
    authority: str
    files: dict[str, FileMapping]


def _contract_problems(shown: str, name: str, fm: FileMapping) -> list[Problem]:
    if name not in CONTRACTS:
        hint = did_you_mean(name, list(CONTRACTS))
        return [Problem(shown, f"files.{name}: no such input file{hint}")]
    contract = CONTRACTS[name]
    cols = {c.name: c for c in contract.columns}
    problems = []
    for section in ("columns", "codes", "derive", "blank"):
        for key in getattr(fm, section):
            if key not in cols:
                hint = did_you_mean(key, list(cols))
                problems.append(
                    Problem(
                        shown, f"files.{name}.{section}: '{key}' is not a column of {name}{hint}"
                    )
                )
    for key, codes in fm.codes.items():
        folded: dict[str, tuple[str, object]] = {}
        for source, target in codes.items():
            first = folded.setdefault(fold(source), (source, target))
            if first[1] != target:
                problems.append(
                    Problem(
                        shown,
                        f"files.{name}.codes.{key}: '{first[0]}' and '{source}' are the same "
                        f"code (codes match whatever their case and spaces) but map to "
                        f"'{first[1]}' and '{target}'; keep the one that is right",
                    )
                )
        col = cols.get(key)
        if col is None or col.kind not in ("category", "bool"):
            continue
        allowed = col.categories if col.kind == "category" else ("true", "false")
        listed = ""  # the codes it may map to, said once per column (issue 22's trial)
        for source, target in codes.items():
            text = str(target).lower() if isinstance(target, bool) else target
            if text not in allowed:
                hint = did_you_mean(str(text), allowed)
                if not hint and listed:
                    hint = f"; use one of the codes listed for '{listed}'"
                elif not hint:
                    hint, listed = "; use one of: " + "; ".join(allowed), str(source)
                problems.append(
                    Problem(
                        shown,
                        f"files.{name}.codes.{key}: '{source}' maps to '{text}', which is not a "
                        f"code of {key}{hint}",
                    )
                )
    return problems


def _quoted_codes(shown: str, raw: Any) -> list[Problem]:
    """An export code YAML read as a yes/no or a number (unquoted Yes, No, 1): a problem,
    and the key made text in ``raw`` so that the rest of the mapping can still be checked."""
    problems = []
    for name, fm in ((raw.get("files") or {}) if isinstance(raw, dict) else {}).items():
        codes_of = (fm or {}).get("codes") if isinstance(fm, dict) else None
        for key, codes in (codes_of or {}).items() if isinstance(codes_of, dict) else ():
            if not isinstance(codes, dict):
                continue
            quoted = [k for k in codes if isinstance(k, bool | int | float)]
            if quoted:
                problems.append(
                    Problem(
                        shown,
                        f"files.{name}.codes.{key}: write each export code in quotes "
                        f"(YAML reads Yes, No and numbers unquoted as {quoted[0]!r})",
                    )
                )
                codes_of[key] = {str(k): v for k, v in codes.items()}
    return problems


def _usable_parts(raw: Any, exc: ValidationError) -> dict[str, FileMapping]:
    """Each file's mapping without the keys the model refused (a ``derive:`` still holding
    TODO, say), so that the codes and columns can be checked against the contract in the
    same run: every problem of the mapping at once, not one kind per run (issue 22)."""
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, dict):
        return {}
    refused: dict[str, set[str]] = {}
    for err in exc.errors():
        loc = tuple(str(p) for p in err["loc"])
        if len(loc) >= 2 and loc[0] == "files":
            refused.setdefault(loc[1], set()).add(loc[2] if len(loc) > 2 else "")
    out = {}
    for name, fm in files.items():
        if not isinstance(fm, dict) or "" in refused.get(str(name), set()):
            continue
        kept = {k: v for k, v in fm.items() if k not in refused.get(str(name), set())}
        try:
            out[str(name)] = FileMapping.model_validate(kept)
        except ValidationError:
            continue
    return out


def load_mapping(authority_id: str, root: Path | None = None) -> Mapping | None:
    """The authority's mapping, validated (None when it has none); an InputError lists
    every problem it has, those of its form and those against the data contract."""
    path = mapping_file(authority_id, root)
    if not path.exists():
        return None
    shown = display_path(path, project_root())
    raw = read_yaml(path) or {}
    problems = _quoted_codes(shown, raw)
    try:
        mapping = Mapping.model_validate(raw)
    except ValidationError as exc:
        problems += validation_problems(path, exc)
        said = raw.get("authority") if isinstance(raw, dict) else None
        if isinstance(said, str) and said != authority_id:
            problems.append(Problem(shown, f"authority '{said}' is not {authority_id}"))
        for name, fm in _usable_parts(raw, exc).items():
            problems += _contract_problems(shown, name, fm)
        raise InputError(problems) from None
    if mapping.authority != authority_id:
        problems.append(Problem(shown, f"authority '{mapping.authority}' is not {authority_id}"))
    for name, fm in mapping.files.items():
        problems += _contract_problems(shown, name, fm)
    if problems:
        raise InputError(problems)
    return mapping


def fingerprint(fm: FileMapping | None) -> str:
    """The mapping as text, part of a checked file's memo key."""
    return "" if fm is None else json.dumps(fm.model_dump(mode="json"), sort_keys=True)


def apply_mapping(
    raw: Table, fm: FileMapping, contract: Contract, snapshot: date, mapping_file: str
) -> tuple[Table, list[Problem]]:
    """The export's table in the contract's terms, ready for :func:`.checking.check_table`;
    every problem names the export's own file, row and heading."""
    heads = [h.strip() for h in raw.headings]
    problems: list[Problem] = []
    cols: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    used: set[str] = set()

    def heading(h: str, purpose: str) -> list[str] | None:
        if h in heads:
            used.add(h)
            return raw.column(raw.headings[heads.index(h)])
        problems.append(
            Problem(
                raw.shown,
                f"the mapping ({mapping_file}) reads column '{h}' for {purpose}, but the file "
                f"has no such heading{did_you_mean(h, heads)}",
                row=raw.header_number,
                column=h,
                rule="mapping",
            )
        )
        return None

    for col in contract.columns:
        if col.name in fm.derive:
            continue
        if col.name in fm.columns:
            cells = heading(fm.columns[col.name], col.name)
            if cells is not None:
                cols[col.name], labels[col.name] = cells, fm.columns[col.name]
        elif col.name in heads:
            cols[col.name] = heading(col.name, col.name) or []
    for name, meaning in fm.blank.items():
        if name in cols:
            text = (
                str(int(meaning))
                if isinstance(meaning, float) and meaning.is_integer()
                else str(meaning)
            )
            cols[name] = [text if not c.strip() else c for c in cols[name]]
    reported = _map_codes(raw, fm, contract, cols, labels, mapping_file, problems)
    kinds = {c.name: c.kind for c in contract.columns}
    for name, cells in cols.items():
        if kinds[name] in ("number", "integer"):
            for sign in (fm.numbers.currency, fm.numbers.thousands):
                if sign:
                    cells[:] = [c.replace(sign, "").strip() for c in cells]
        elif kinds[name] == "date" and fm.dates != ISO:
            for i, c in enumerate(cells):
                d = parse_date(c, fm.dates) if c else None
                if c and d is None:
                    problems.append(date_problem(raw, i, labels.get(name, name), c, fm.dates))
                cells[i] = d.isoformat() if d else c
    blanks: dict[str, set[int]] = {}
    for name, rule in fm.derive.items():
        cells = derive_column(raw, name, rule, cols, snapshot, fm.dates, heading, problems)
        if cells is not None:
            cols[name] = cells
            if rule.age_band_from:
                labels[name] = rule.age_band_from
            if rule.age_band_from or rule.fte_from:  # each blank was reported at its source
                blanks[name] = {i for i, c in enumerate(cells) if c == ""}
    ignored = [h for h in heads if h and h not in used]
    if ignored:
        problems.append(
            Problem(
                raw.shown,
                f"{len(ignored)} column(s) that the mapping does not read are ignored: "
                + ", ".join(f"'{h}'" for h in ignored),
                rule=NOTE,
            )
        )
    rows = [list(r) for r in zip(*cols.values(), strict=True)] if cols else []
    table = Table(
        raw.shown,
        list(cols),
        rows,
        list(raw.row_numbers),
        raw.encoding,
        header_number=raw.header_number,
        labels=labels,
    )
    table.codes_reported = reported
    table.blanks_reported = blanks
    table.unread = ignored
    return table, problems


def _map_codes(
    raw: Table,
    fm: FileMapping,
    contract: Contract,
    cols: dict[str, list[str]],
    labels: dict[str, str],
    mapping_file: str,
    problems: list[Problem],
) -> set[str]:
    """Replace export codes by contract codes; each unmapped code reported once, with its
    count and a "did you mean". Returns the columns whose codes were reported."""
    reported = set()
    for col in contract.columns:
        codes = {
            fold(k): (str(v).lower() if isinstance(v, bool) else v)
            for k, v in fm.codes.get(col.name, {}).items()
        }
        if col.name not in cols or not codes:
            continue
        allowed = set(col.categories) if col.kind == "category" else set(TRUE + FALSE)
        # a text column (grade) has no list of codes: the ones listed are renamed, the rest
        # kept as written, with a note (issue 22's trial: every grade had to be listed)
        free = col.kind not in ("category", "bool")
        kept: Counter[str] = Counter()
        cells = cols[col.name]
        unmapped: Counter[str] = Counter()
        first: dict[str, int] = {}
        spellings: dict[str, Counter[str]] = {}
        for i, c in enumerate(cells):
            if fold(c) in codes:
                spellings.setdefault(fold(c), Counter())[c] += 1
                cells[i] = codes[fold(c)]
            elif free:
                if c:
                    kept[c] += 1
            elif c and c not in allowed and c.lower() not in allowed:
                unmapped[c] += 1
                first.setdefault(c, i)
        if kept:
            shown = ", ".join(f"'{k}'" for k, _ in kept.most_common(3))
            problems.append(
                Problem(
                    raw.shown,
                    f"codes: {col.name}: lists {len(spellings)} of its codes; the other "
                    f"{len(kept)} ({shown}{', ...' if len(kept) > 3 else ''}) are kept as "
                    "written",
                    column=labels.get(col.name, col.name),
                    rule=NOTE,
                )
            )
        for key, ways in spellings.items():  # issue 22: said when two spellings meet
            if len(ways) > 1:
                problems.append(
                    Problem(
                        raw.shown,
                        "codes written "
                        + " and ".join(f"'{w}' ({n} row(s))" for w, n in sorted(ways.items()))
                        + f" are read as one, '{codes[key]}' (codes match whatever their case "
                        "and spaces)",
                        column=labels.get(col.name, col.name),
                        rule=NOTE,
                    )
                )
        for code, n in unmapped.most_common():
            reported.add(col.name)
            problems.append(
                Problem(
                    raw.shown,
                    f"code on {n} row(s), the first here, is not mapped to a code of "
                    f"{col.name}{did_you_mean(code, sorted(allowed))}; add it under "
                    f"codes: {col.name}: in {mapping_file}",
                    row=raw.row_numbers[first[code]],
                    column=labels.get(col.name, col.name),
                    value=code,
                    rule="code list",
                )
            )
    return reported

"""The commands besides building and checking: ``new`` (a project folder), ``pay-gap``,
``map`` (draft a mapping from an HR export), ``render`` (publish an executed notebook) and
``verify`` (re-run published reports and compare).
Each returns the exit code; a problem with the inputs is an InputError, which the CLI
prints as one line per problem."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from equality_progress.errors import InputError, Problem
from equality_progress.layout import mapping_file, project_root

if TYPE_CHECKING:
    from equality_progress.inputs.tables import Table


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def pay_gap_contract():  # noqa: ANN201 (contracts imports pandas; loaded on demand)
    """The columns `pay-gap --input` needs; other columns are ignored."""
    from equality_progress.inputs.contracts import SEX, Column, Contract

    return Contract(
        "pay_gap",
        "pay-gap input",
        (
            Column("employee_id", "text", unique=True),
            Column("sex", "category", SEX),  # another gender: left out of the gap
            Column("hourly_pay", "number", minimum=0, maximum=1000),
            Column("bonus_pay", "number", minimum=0),
            Column("full_pay_relevant", "bool"),
        ),
        allow_extra=True,
    )


def cmd_pay_gap(
    path: Path,
    authority: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
) -> int:
    """The statutory figures of one file, as JSON: a file in the pay-gap contract's columns,
    or (``authority``) an HR export read through that authority's mapping, as the loader
    reads it (issue 22). ``sheet`` and ``header_row`` override the mapping's, or say where
    a file without a mapping has its data."""
    from equality_progress.analysis.pay_gaps import gender_pay_gap
    from equality_progress.inputs.checking import check_table, errors

    if authority is None:
        table, _ = read_export(path, sheet, header_row)
        frame, problems = check_table(table, pay_gap_contract())
        if any(p.rule == "columns" for p in errors(problems)):
            problems.append(
                Problem(
                    path.name,
                    "the headings are not the pay-gap input's: if this is an HR export, read "
                    "it through the authority's mapping with --authority ID (draft one with "
                    "'equality-progress map')",
                    rule="columns",
                )
            )
    else:
        frame, problems = _mapped_workforce(path, authority, sheet, header_row)
    if errors(problems) or frame is None:
        raise InputError(errors(problems))
    for p in problems:  # notes: an ignored column, weekly hours worked out from FTE
        print(f"note: {p}", file=sys.stderr)
    print(json.dumps(gender_pay_gap(frame), indent=2))
    return 0


def _mapped_workforce(path: Path, authority: str, sheet: str | None, header_row: int | None):  # noqa: ANN202 (a frame and problems; pandas loaded on demand)
    """An HR export read as the loader reads the authority's workforce file (its mapping's
    sheet, header row, columns, codes and derivations), in the year of the folder it sits
    in, else the authority's latest reporting year (the year gives the snapshot date)."""
    from equality_progress.inputs.loading import contract_read
    from equality_progress.inputs.mapping import load_mapping
    from equality_progress.inputs.settings import load_authority
    from equality_progress.years import FinancialYear

    auth = load_authority(authority)
    mapping = load_mapping(authority)
    fm = mapping.files.get("workforce") if mapping else None
    shown = mapping_file(authority).relative_to(project_root()).as_posix()
    if fm is None:
        raise InputError(
            [
                Problem(
                    shown,
                    "no mapping of the workforce file to read the export through; draft one "
                    f"with 'equality-progress map --authority {authority} --input {path} --write'",
                )
            ]
        )
    fm = fm.model_copy(
        update={k: v for k, v in (("sheet", sheet), ("header_row", header_row)) if v}
    )
    try:
        year = FinancialYear.parse(path.resolve().parent.name)
    except ValueError:
        year = FinancialYear.parse(auth.reporting_years[-1])
    frame, problems = contract_read(path, "workforce", year, True, fm, authority)
    in_year = fm.in_year(year)[0]
    return frame, _sheet_advice(problems, path, in_year, f"sheet: in {shown}, or --sheet")


def read_export(path: Path, sheet: str | None, header_row: int | None) -> tuple[Table, int]:
    """An export as ``map`` and ``pay-gap`` read it, with the row its headings are on: the
    given ``header_row``, else the row below any title block. A workbook of several sheets
    needs ``--sheet`` (the advice says so). Raises InputError when it cannot be read."""
    from equality_progress.inputs.tables import header_row as headings_at
    from equality_progress.inputs.tables import read_table

    raw = path.read_bytes()
    row = header_row or 1
    table, problems = read_table(raw, path.name, path.suffix, sheet, row)
    if table is not None and header_row is None:
        found = headings_at(table)  # a title block above the headings: read from them
        if found > 1:
            row = found
            table, problems = read_table(raw, path.name, path.suffix, sheet, row)
    if table is None:
        raise InputError(_sheet_advice(problems, path, sheet, "--sheet"))
    for p in problems:  # notes lines below the data, left out
        print(f"note: {p}", file=sys.stderr)
    return table, row


def _sheet_advice(problems: list[Problem], path: Path, sheet: str | None, how: str) -> list:
    """The problems, with a workbook's missing or wrong sheet told as this command names
    one (``how``: --sheet on the command line, or the mapping's sheet:)."""
    if not any(p.rule == "sheet" for p in problems):
        return problems
    import pandas as pd

    from equality_progress.inputs.checking import did_you_mean

    with pd.ExcelFile(path, engine="calamine" if path.suffix.lower() == ".ods" else None) as book:
        names = [str(n) for n in book.sheet_names]
    listed = ", ".join(names)
    message = (
        f"has {len(names)} sheets ({listed}); name the one to read with {how} "
        f"(e.g. --sheet '{names[0]}')"
        if sheet is None
        else f"has no sheet '{sheet}' (sheets: {listed}); correct {how}{did_you_mean(sheet, names)}"
    )
    return [Problem(p.file, message, rule="sheet") if p.rule == "sheet" else p for p in problems]


def cmd_map(args: argparse.Namespace) -> int:
    """Draft a mapping from an export's headings and codes (printed, or written with
    --write to params/mappings/ID.yaml when there is none yet)."""
    from equality_progress.inputs.contracts import CONTRACTS
    from equality_progress.inputs.draft import draft

    if args.file not in CONTRACTS:
        return _fail(f"--file {args.file}: not an input file; use one of {', '.join(CONTRACTS)}")
    table, row = read_export(args.input, args.sheet, getattr(args, "header_row", None))
    text = draft(table, args.file, args.authority, args.input.name, args.sheet, row)
    if not args.write:
        print(text, end="")
        return 0
    path = mapping_file(args.authority)
    if path.exists():
        return _fail(f"{path.relative_to(project_root())} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(project_root())}: complete it, then run 'validate'")
    return 0


def cmd_new(
    folder: Path, authority_id: str, year: str, contact: dict[str, str] | None = None
) -> int:
    """A project folder for an authority, with everything but its figures."""
    from equality_progress.tools.scaffold import new_project

    for path in new_project(folder, authority_id, year, contact):
        print(f"wrote {path.relative_to(folder).as_posix()}")
    print(
        f"Next: cd {folder}, fill in params/authorities/{authority_id}.yaml and the catalogue, "
        "add this year's data, then run 'equality-progress validate'."
    )
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """An executed notebook (say, one run in JupyterLab) as the published HTML, PDF and
    Word, beside it or in --output."""
    from equality_progress.publish.nbconvert_export import FORMATS, render_executed

    formats = tuple(f.strip().lower() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        return _fail(f"--format {args.formats}: formats are html, pdf and/or docx")
    outdir = args.output or args.notebook.parent
    for path in render_executed(args.notebook, outdir, formats):
        print(f"wrote {path}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Re-run each published report and compare: 0 when every file is identical, else 1
    (each differing file named with the reason found)."""
    from equality_progress.batch.verify import verify

    missing = [p for p in args.paths if not p.is_dir()]
    if missing:
        return _fail(f"{missing[0]}: no such folder; give a report or output folder")
    verdicts = verify(args.paths, args.jobs, args.data_dir, args.keep)
    for v in verdicts:
        print("\n".join(v.lines()))
    bad = sum(not v.ok for v in verdicts)
    print(f"\n{len(verdicts) - bad} verified, {bad} differ")
    return 1 if bad else 0

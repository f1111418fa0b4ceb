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

from equality_progress.errors import InputError
from equality_progress.layout import mapping_file, project_root


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


def cmd_pay_gap(path: Path) -> int:
    from equality_progress.analysis.pay_gaps import gender_pay_gap
    from equality_progress.inputs.checking import read_checked

    frame, problems = read_checked(path, pay_gap_contract(), str(path))
    if problems:
        raise InputError(problems)
    print(json.dumps(gender_pay_gap(frame), indent=2))
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    """Draft a mapping from an export's headings and codes (printed, or written with
    --write to params/mappings/ID.yaml when there is none yet)."""
    from equality_progress.inputs.contracts import CONTRACTS
    from equality_progress.inputs.draft import draft
    from equality_progress.inputs.tables import header_row, read_table

    if args.file not in CONTRACTS:
        return _fail(f"--file {args.file}: not an input file; use one of {', '.join(CONTRACTS)}")
    raw, shown = args.input.read_bytes(), args.input.name

    def read(row: int):  # noqa: ANN202
        return read_table(raw, shown, args.input.suffix, args.sheet, row)

    row = getattr(args, "header_row", None) or 1
    table, problems = read(row)
    if table is not None and getattr(args, "header_row", None) is None:
        found = header_row(table)  # a title block above the headings: read from them
        if found > 1:
            row = found
            table, problems = read(row)
    if table is None:
        raise InputError(problems)
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

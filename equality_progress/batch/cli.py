"""Command line: ``equality-progress [build options] | new | init | list | validate | map |
pay-gap | render`` (``python run_reports.py`` in this repository is the same).

A thin layer: it parses arguments, calls the library and prints. Progress and summaries
go to stdout; problems to stderr; the exit code is non-zero when anything failed. A bad
argument or path gets one line naming it and the fix (exit code 2), never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from equality_progress import __version__
from equality_progress.batch import commands, staleness
from equality_progress.batch.display import (
    WARNINGS_FILE,
    ProgressDisplay,
    warnings_summary,
    write_warnings,
)
from equality_progress.batch.jobs import Job, Options, Outcome, summary_table
from equality_progress.errors import InputError
from equality_progress.layout import (
    DATA_ENV,
    DEFAULT_FORMATS,
    MARKER,
    OUTPUT_PUBLISHED,
    PROJECT_ENV,
    REPORTS,
    NoProject,
    data_root,
    project_root,
)
from equality_progress.years import FinancialYear

# Everything heavier (pydantic for params, pandas, typst, papermill) is imported inside the
# commands that need it, so that a rebuild with nothing changed answers in a blink.

log = logging.getLogger("equality_progress")
FORMATS = ("html", "pdf", "docx")


def _formats(text: str) -> tuple[str, ...]:
    items = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    bad = [f for f in items if f not in FORMATS]
    if bad or not items:
        raise argparse.ArgumentTypeError(f"formats are html, pdf and/or docx, not {', '.join(bad)}")
    return items


def _csv_list(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def year_label(text: str) -> str:
    """A financial year as the project writes it, by the one grammar of a year
    (:meth:`FinancialYear.parse`): 2024/25, 2024-2025 and 2024-25 all give '2024-25'."""
    try:
        return FinancialYear.parse(text).label
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _years(text: str) -> list[str]:
    return [year_label(t) for t in _csv_list(text)]


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(
            f"--jobs {text}: give a whole number of reports to build at once, 1 or more"
        )
    return n


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors as one line (the usage is one --help away)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="equality-progress",
        description="Build annual equality progress reports (HTML, PDF, open data) from a "
        "project's params/ and data/. With no command, builds every authority and year.",
    )
    p.add_argument("--version", action="version", version=f"equality-progress {__version__}")
    p.add_argument(
        "--project",
        type=Path,
        default=None,
        metavar="DIR",
        help="the project folder (default: the working directory or the nearest folder "
        f"above it holding {MARKER.as_posix()})",
    )
    p.add_argument(
        "--authority",
        type=_csv_list,
        action="extend",
        metavar="ID",
        help="only these authorities (repeat, or separate with commas)",
    )
    p.add_argument(
        "--year",
        type=_years,
        action="extend",
        metavar="YYYY-YY",
        help="only these reporting years, e.g. 2024-25 (or 2024/25)",
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=os.cpu_count() or 1,
        metavar="N",
        help="reports built at once (default: the number of cores)",
    )
    p.add_argument(
        "--format",
        type=_formats,
        default=DEFAULT_FORMATS,
        dest="formats",
        help="html,pdf,docx in any mix (default html,pdf)",
    )
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        metavar="DIR",
        help="where reports go (default: reports/)",
    )
    p.add_argument(
        "--renderer",
        choices=("auto", "builtin", "quarto"),
        default="builtin",
        help="builtin (default, no Quarto needed), quarto, or auto (quarto when on PATH)",
    )
    p.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="read data from DIR instead of data/",
    )
    p.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress lines; warnings summed up by kind (all in .warnings.txt)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    n = sub.add_parser("new", help="create a project folder for an authority")
    n.add_argument("folder", type=Path, metavar="DIR")
    n.add_argument("--authority", required=True, metavar="ID", help="the authority's id")
    n.add_argument(
        "--year", type=year_label, default="2025-26", help="first reporting year (default 2025-26)"
    )
    sub.add_parser("list", help="authorities and years available")
    contact = ("--contact-team", "--contact-email")  # else asked for at a terminal
    v = sub.add_parser("validate", help="check every input without building")
    v.add_argument("--authority", type=_csv_list, action="extend", metavar="ID")
    v.add_argument("--year", type=_years, action="extend", metavar="YYYY-YY")
    v.add_argument("--data-dir", type=Path, default=None, metavar="DIR")
    g = sub.add_parser("pay-gap", help="statutory gender pay gap figures from one file, as JSON")
    g.add_argument("--input", type=Path, required=True, metavar="FILE.csv|.xlsx|.ods")
    g.add_argument("--authority", metavar="ID", help="read FILE through ID's mapping (an export)")
    i = sub.add_parser("init", help="add an authority to this project: params, catalogue, data")
    i.add_argument("authority_id", metavar="ID")
    i.add_argument(
        "--year", type=year_label, default="2025-26", help="first reporting year (default 2025-26)"
    )
    for parser, flag in ((p, f) for p in (n, i) for f in contact):
        parser.add_argument(flag, default=None, help="the contact the public uses")
    m = sub.add_parser("map", help="draft a mapping from an HR export's headings and codes")
    m.add_argument("--authority", required=True, metavar="ID")
    m.add_argument("--input", type=Path, required=True, metavar="EXPORT.xlsx|.csv")
    m.add_argument("--file", default="workforce", help="which input it is (default workforce)")
    m.add_argument("--write", action="store_true", help="write params/mappings/ID.yaml")
    for x in (m, g):  # where the data are in an export (pay-gap: else the mapping's)
        x.add_argument("--sheet", default=None, help="the workbook's sheet (when it has several)")
        x.add_argument(
            "--header-row",
            type=int,
            default=None,
            metavar="N",
            help="the row that holds the headings (default: found below any title block)",
        )
    f = sub.add_parser("verify", help="re-run published reports and prove them identical")
    f.add_argument("paths", type=Path, nargs="+", metavar="FOLDER", help="report or output folder")
    f.add_argument("--jobs", type=_jobs, default=os.cpu_count() or 1, metavar="N")
    f.add_argument("--data-dir", type=Path, default=None, metavar="DIR")
    f.add_argument("--keep", type=Path, default=None, metavar="DIR", help="keep the re-run here")
    r = sub.add_parser("render", help="publish an executed notebook as HTML, PDF and Word")
    r.add_argument("notebook", type=Path, metavar="NOTEBOOK.ipynb")
    r.add_argument("--output", type=Path, default=None, metavar="DIR")
    r.add_argument("--format", default="html,pdf,docx", dest="formats", metavar="html,pdf,docx")
    return p


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _path_problems(args: argparse.Namespace) -> str | None:
    """A bad path given on the command line, as one line naming it and the fix."""
    data_dir = getattr(args, "data_dir", None)
    if data_dir is not None and not data_dir.is_dir():
        return (
            f"--data-dir {data_dir}: no such folder; give the folder that holds <authority>/<year>/"
        )
    output = getattr(args, "output", None) if args.command in (None, "render") else None
    if output is not None:
        try:
            output.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=output):
                pass
        except OSError as exc:
            return (
                f"--output {output}: cannot write there ({exc.strerror or exc}); "
                "give a folder you can write to"
            )
    for name in ("input", "notebook"):
        path = getattr(args, name, None)
        if path is not None and not path.is_file():
            return f"{path}: file not found; check the path"
    if args.project is not None and not (args.project / MARKER).is_file():
        return (
            f"--project {args.project}: not a project folder (it has no {MARKER.as_posix()}); "
            "give the folder made by 'equality-progress new'"
        )
    return None


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument (one line, above)
        return exc.code if isinstance(exc.code, int) else 2
    logging.basicConfig(
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
        format="%(message)s",
        stream=sys.stdout,
    )
    for noisy in ("papermill", "traitlets", "nbclient"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    bad = _path_problems(args)
    if bad:
        return _fail(bad)
    if args.project is not None:  # the batch's kernels inherit it
        os.environ[PROJECT_ENV] = str(args.project.resolve())
    if getattr(args, "data_dir", None):
        os.environ[DATA_ENV] = str(args.data_dir.resolve())  # messages name files under it
    try:
        if args.command in ("new", "init"):
            from equality_progress.tools.scaffold import ask_contact

            who = ask_contact(args.contact_team, args.contact_email, sys.stdin.isatty())
        if args.command == "new":
            return commands.cmd_new(args.folder, args.authority, args.year, who)
        if args.command == "list":
            return cmd_list()
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "pay-gap":
            return commands.cmd_pay_gap(args.input, args.authority, args.sheet, args.header_row)
        if args.command == "init":
            return cmd_init(args.authority_id, args.year, who)
        if args.command == "map":
            return commands.cmd_map(args)
        if args.command == "render":
            return commands.cmd_render(args)
        if args.command == "verify":
            return commands.cmd_verify(args)
        return cmd_build(args)
    except InputError as exc:
        one = len(exc.problems) == 1
        print(f"error: {exc.problems[0] if one else exc}", file=sys.stderr)
        return 2
    except NoProject as exc:
        return _fail(str(exc))
    except OSError as exc:  # a path the command line or params named: one line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")


def cmd_list() -> int:
    from equality_progress.inputs.settings import authority_ids, load_authority

    for aid in authority_ids():
        auth = load_authority(aid)
        sample = " [synthetic sample data]" if auth.sample_data else ""
        print(f"{aid:12} {auth.display_name}{sample}")
        print(
            f"{'':12} {auth.strategy_title}; baseline {auth.baseline_label or auth.baseline_year};"
            f" reports {', '.join(auth.reporting_years)}"
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from equality_progress.batch import runner
    from equality_progress.inputs.settings import authority_ids
    from equality_progress.report.assemble import validate

    jobs = runner.plan(args.authority, args.year, authority_ids())
    problems = 0
    for job in jobs:
        try:
            validate(job.authority, job.year, args.data_dir, frames=False)
            print(f"ok      {job.name}")
        except InputError as exc:
            problems += len(exc.lines)
            print(f"FAILED  {job.name}")
            for line in exc.lines:  # the same problem on many rows: one line
                print(f"  - {line}", file=sys.stderr)
    print(f"{len(jobs)} report(s) checked, {problems} problem(s)")
    return 1 if problems else 0


def _totals(built: int, unchanged: int, failed: int, output: Path) -> str:
    return (
        f"\n{built} built, {unchanged} unchanged, {failed} failed; index: {output / 'index.html'}"
    )


def cmd_build(args: argparse.Namespace) -> int:
    root = project_root()
    output = (args.output or root / REPORTS).resolve()
    renderer = args.renderer
    if renderer == "auto":
        renderer = "quarto" if shutil.which("quarto") else "builtin"
    selection = {
        "authority": args.authority,
        "year": args.year,
        "formats": list(args.formats),
        "renderer": renderer,
        "data": str(data_root().resolve()),
        "output": str(output),
    }
    fingerprint = staleness.batch_fingerprint(root, data_root(), selection)
    unchanged = None if args.force else staleness.unchanged_batch(output, fingerprint, args.formats)
    if unchanged is not None:  # nothing changed since the last complete run
        outcomes = [Outcome(Job(a, y), "skipped") for a, y in unchanged]
        print(summary_table(outcomes))
        print(_totals(0, len(outcomes), 0, output))
        return 0
    (output / staleness.BATCH).unlink(missing_ok=True)  # until this run has finished

    from equality_progress.batch import runner
    from equality_progress.inputs.settings import authority_ids

    jobs = runner.plan(args.authority, args.year, authority_ids())
    opts = Options(
        output=output,
        formats=args.formats,
        renderer=renderer,
        force=args.force,
        data_dir=args.data_dir,
    )
    log.info("building %d report(s) with %d job(s) into %s", len(jobs), args.jobs, output)
    display = ProgressDisplay(len(jobs), quiet=args.quiet)

    def progress(o: Outcome, done: int, total: int) -> None:
        display.report(o.state, f"{o.state:<7} {o.job.name} ({o.seconds:.1f}s)")
        if args.quiet:  # summed up by kind at the end
            return
        for w in o.warnings[:3]:
            log.warning("  warning: %s: %s", o.job.name, w)
        if len(o.warnings) > 3:
            log.warning(
                "  warning: %s: %d more (listed in the run summary of the executed notebook)",
                o.job.name,
                len(o.warnings) - 3,
            )

    try:
        with display:
            outcomes = runner.run(jobs, opts, args.jobs, progress)
    except KeyboardInterrupt:
        if display.counts["built"]:
            _index(output, root)
        print(
            f"\ninterrupted: {display.counts['built']} report(s) built and published; "
            "every other report is as it was (nothing half-built is published)",
            file=sys.stderr,
        )
        return 130
    counts = display.counts
    if counts["built"] or not all((output / n).exists() for n in OUTPUT_PUBLISHED):
        _index(output, root)  # and the data package
    print()
    print(summary_table(outcomes))
    failed = [o for o in outcomes if o.state == "failed"]
    for o in failed:
        print(f"\n{o.job.name} failed:\n{o.error}", file=sys.stderr)
    listed = write_warnings(outcomes, output / WARNINGS_FILE)
    if args.quiet:
        for line in warnings_summary(outcomes, listed):
            print(line)
    print(_totals(counts["built"], counts["skipped"], len(failed), output))
    if not failed:
        staleness.record_batch(output, fingerprint, [(j.authority, j.year) for j in jobs])
    return 1 if failed else 0


def _index(output: Path, root: Path) -> None:
    """The index page and the open data package, over every report published in output."""
    from equality_progress.inputs.settings import load_settings
    from equality_progress.publish.data_package import write_package
    from equality_progress.publish.index_page import entries, render_index

    found = entries(output)
    render_index(output, load_settings(root), items=found)
    write_package(output, [(e.authority, e.year) for e in found])


def cmd_init(authority_id: str, year: str, contact: dict[str, str] | None = None) -> int:
    from equality_progress.tools.scaffold import init_authority

    written = init_authority(authority_id, year, project_root(), contact)
    for p in written:
        print(f"wrote {p.relative_to(project_root())}")
    print(
        "Next: fill in the params file and catalogue, add this year's data, then run "
        f"'equality-progress validate --authority {authority_id}'."
    )
    return 0

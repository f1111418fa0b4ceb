"""CPU seconds of one report by stage, in one process (no Jupyter): the checks, the two
evaluations, the disclosure plan, each section of the notebook, then the HTML and PDF
renderings of the published notebook (and Word). ``python scripts/profile_stages.py [--authority A]
[--year Y] [--repeat N]`` prints a Markdown table (the median of N runs after one warm-up,
which pays the imports and the first-use caches a warm kernel has already paid).

CPU is ``os.times()``: this process and its finished children (the PDF is compiled by Typst
in a process of its own). docs/performance.md keeps its before/after figures."""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def stages(authority: str, year: str) -> list[tuple[str, Callable[[], object]]]:
    """The report's work, stage by stage, as the notebook does it (each stage reuses what
    the earlier ones made, as in a kernel)."""
    from equality_progress.analysis.evaluate import evaluate
    from equality_progress.report import actions, appendix, changes, objectives, page_one
    from equality_progress.report import workforce as wf_section
    from equality_progress.report.assemble import Report, validate

    state: dict = {}

    def check() -> None:
        state["inputs"] = validate(authority, year)

    def this_year() -> None:
        auth, cat, settings, fy, data = state["inputs"]
        state["ev"] = evaluate(cat, data, fy, settings)

    def last_year() -> None:
        auth, cat, settings, fy, data = state["inputs"]
        prev = fy.previous()
        subset = {y: d for y, d in data.items() if y <= prev}
        state["prev"] = evaluate(cat, subset, prev, settings) if prev in data else None
        state["r"] = Report(auth, cat, settings, fy, data, state["ev"], state["prev"])

    def plan() -> None:
        _ = state["r"].workforce_plan

    r = lambda: state["r"]  # noqa: E731 - late-bound: made by the stages above
    return [
        ("checks (load and validate every input)", check),
        ("evaluation, this year", this_year),
        ("evaluation, last year", last_year),
        ("disclosure plan (workforce)", plan),
        ("page one", lambda: (page_one.title_page(r()), page_one.summary(r()))),
        ("objectives", lambda: [objectives.objective(r(), o.id) for o in r().catalogue.objectives]),
        ("action plan", lambda: actions.action_plan(r())),
        ("workforce and pay gaps", lambda: wf_section.section(r())),
        ("changes since last year", lambda: changes.section(r())),
        (
            "methodology, data quality, provenance",
            lambda: (
                appendix.methodology(r()),
                appendix.data_quality(r()),
                appendix.provenance(r()),
            ),
        ),
    ]


def renders(notebook: Path, authority: str, year: str) -> list[tuple[str, Callable[[], object]]]:
    import nbformat

    from equality_progress.inputs.settings import load_settings
    from equality_progress.publish.document import report_context
    from equality_progress.publish.render import render_notebook

    nb = nbformat.read(notebook, as_version=4)
    ctx = report_context(authority, year, load_settings())
    out = Path(tempfile.mkdtemp())
    return [
        ("HTML", lambda: render_notebook(nb, out, ctx, formats=("html",))),
        (
            "PDF (Typst, then the row headers' tags)",
            lambda: render_notebook(nb, out, ctx, formats=("pdf",)),
        ),
        ("Word (pandoc)", lambda: render_notebook(nb, out, ctx, formats=("docx",))),
    ]


def cpu() -> float:
    """CPU seconds of this process and its finished children (Typst's process)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(steps: list[tuple[str, Callable[[], object]]]) -> dict[str, float]:
    out = {}
    for name, step in steps:
        start = cpu()
        step()
        out[name] = cpu() - start
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--authority", default="lcrca")
    ap.add_argument("--year", default="2025-26")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import subprocess

    os.environ.setdefault("EQUALITY_PROGRESS_PROJECT", str(ROOT))
    with tempfile.TemporaryDirectory() as built:
        subprocess.run(
            [sys.executable, str(ROOT / "run_reports.py"), "--authority", a.authority,
             "--year", a.year, "--output", built, "--format", "html", "-q"],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        notebook = Path(built) / a.authority / a.year / "report.ipynb"
        runs = []
        from equality_progress.analysis import bounded_means

        for _ in range(a.repeat + 1):  # the first pays imports: left out
            # a report's own memo (rule 6's check of survey means) is not carried over: in a
            # batch each report's figures are new to it
            bounded_means._publishable.cache_clear()
            runs.append({**timed(stages(a.authority, a.year)),
                         **timed(renders(notebook, a.authority, a.year))})  # fmt: skip
    names = list(runs[0])
    median = {n: statistics.median(run[n] for run in runs[1:]) for n in names}
    total = sum(median.values())
    sys.stdout.write(f"| stage ({a.authority} {a.year}) | CPU s | share |\n|---|---:|---:|\n")
    for n in names:
        sys.stdout.write(f"| {n} | {median[n]:.3f} | {median[n] / total:.0%} |\n")
    sys.stdout.write(f"| **total** | **{total:.3f}** | |\n")


if __name__ == "__main__":
    main()

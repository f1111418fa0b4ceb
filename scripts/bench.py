#!/usr/bin/env python
"""Benchmark: `make bench`. Prints, in one run on this machine:

(a) the floor of this design: the same reports on the same lanes, each lane a plain Python
    process (no Jupyter, no papermill) that imports the notebook's libraries, as a kernel
    does, then runs each report's notebook code in-process with its parameters and renders
    it with the same renderer; largest reports first, one batch memo, as the build;
(b) a full build of all sample reports (--force);
    (a) and (b) alternate, --repeat times each (default 3), and each is the median of its runs;
(c) the ratio b / a, and the same for CPU time (steadier when other work loads the machine);
(d) a no-op rebuild (nothing changed) and its ratio to b;
(e) scale runs over generated synthetic authorities (25 and 100, one report each, each a copy
    of the LCRCA design), with wall time per report and the peak memory of any one process;
then one line per target saying met or not met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter()\n"
    "rc = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': rc, 'seconds': time.perf_counter() - t, "
    "'maxrss_mib': use.ru_maxrss / 1024, 'cpu': use.ru_utime + use.ru_stime}))"
)


def measured(args: list[str], env: dict | None = None) -> dict:
    """Run a command; wall seconds and the peak RSS of any one process it started."""
    out = subprocess.run(
        [PY, "-c", MEASURE, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["rc"] != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}")
    return result


def _lane_start(preload: tuple[str, ...]) -> None:
    """A floor lane's process, as a warm kernel starts: the notebook's imports, then its
    start-up heap frozen out of garbage collection."""
    import gc
    import importlib

    for name in preload:
        importlib.import_module(name)
    gc.freeze()


def _bundle(obj: object) -> dict:
    """What Jupyter would display for ``obj``: its MIME bundle."""
    if hasattr(obj, "_repr_mimebundle_"):
        data = obj._repr_mimebundle_()
        return data[0] if isinstance(data, tuple) else data
    if hasattr(obj, "_repr_html_"):
        return {"text/html": obj._repr_html_(), "text/plain": repr(obj)}
    return {"text/plain": repr(obj)}


def run_cells(nb, parameters: dict) -> None:  # noqa: ANN001 (nbformat.NotebookNode)
    """Run the notebook's code cells in this process, without Jupyter, and keep their
    displays as outputs: the parameters after the parameters cell (as papermill injects
    them), ``display()`` captured, a cell's last expression displayed as Jupyter does."""
    import ast

    import IPython.core.display_functions as display_functions
    import IPython.display

    outputs: list = []

    def display(*objs, **_kwargs) -> None:  # noqa: ANN002, ANN003
        for obj in objs:
            outputs.append({"output_type": "display_data", "data": _bundle(obj), "metadata": {}})

    shown = IPython.display.display
    IPython.display.display = display_functions.display = display
    namespace: dict = {"__name__": "__main__"}
    try:
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            outputs = cell.outputs = []
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the notebook's code
            if last is not None:
                expression = compile(ast.Expression(last.value), "<cell>", "eval")
                value = eval(expression, namespace)  # noqa: S307 - the notebook's code
                if value is not None:
                    display(value)
            if "parameters" in cell.metadata.get("tags", []):
                namespace.update(parameters)
    finally:
        IPython.display.display = display_functions.display = shown


def floor_report(
    authority: str, year: str, output: str, formats: tuple[str, ...] = ("html", "pdf")
) -> float:
    """One report on a floor lane: the notebook's code run in this process (in the
    report's folder, as the kernel is), then rendered as the build renders it."""
    import nbformat

    from equality_progress.inputs.settings import load_settings
    from equality_progress.layout import NOTEBOOK
    from equality_progress.publish.document import report_context
    from equality_progress.publish.render import render_notebook

    start = time.perf_counter()
    work = Path(output) / authority / year
    work.mkdir(parents=True, exist_ok=True)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    os.chdir(work)
    run_cells(nb, {"authority": authority, "year": year, "open_data": True})
    ctx = report_context(authority, year, load_settings())
    render_notebook(nb, work, ctx, formats=formats)
    return time.perf_counter() - start


def floor_run(jobs: int, output: Path, formats: tuple[str, ...]) -> int:
    """The floor of this design: every sample report's notebook code run without Jupyter
    on ``jobs`` lanes (processes started as kernels are, taking the largest reports
    first), each report rendered by the same renderer, with the same batch memo."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from equality_progress.batch.runner import largest_first, plan
    from equality_progress.inputs.memo import batch_memo
    from equality_progress.inputs.settings import authority_ids, load_settings
    from equality_progress.layout import PROJECT_ENV, project_root

    os.environ[PROJECT_ENV] = str(project_root())  # as a batch tells its kernels
    preload = tuple(load_settings().execution.preload)
    order = largest_first(plan(None, None, authority_ids()))
    with (
        batch_memo(),
        ProcessPoolExecutor(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_lane_start,
            initargs=(preload,),
        ) as lanes,
    ):
        done = [
            lanes.submit(floor_report, j.authority, j.year, str(output), formats) for j in order
        ]
        for future in done:
            future.result()
    return 0


def scale_root(n: int, base: Path) -> Path:
    """A project folder with n synthetic authorities (params and data; the tool is
    installed, not linked in)."""
    root = base / f"scale-{n}"
    if not (root / "params" / "authorities" / f"synthetic-{n:03d}.yaml").exists():
        shutil.rmtree(root, ignore_errors=True)
        subprocess.run(
            [
                PY,
                str(ROOT / "scripts" / "generate_sample_data.py"),
                "--synthetic",
                str(n),
                "--root",
                str(root),
            ],
            check=True,
            capture_output=True,
        )
    return root


def count_reports(root: Path) -> int:
    import yaml

    return sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8"))["reporting_years"])
        for p in (root / "params" / "authorities").glob("*.yaml")
    )


NATIONAL = 1600  # reports in a national run (issue 26)
NATIONAL_PER_REPORT = 0.45  # seconds of wall time a report for it to take 12 minutes


def main() -> int:
    from equality_progress.layout import DEFAULT_FORMATS

    parser = argparse.ArgumentParser(description="Benchmark the report build.")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--sizes", default="25,100", help="synthetic authorities per scale run ('' for none)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="floor and full-build runs, interleaved (median)"
    )
    parser.add_argument(
        "--format", default=",".join(DEFAULT_FORMATS), dest="formats",
        help="what every build writes, as run_reports.py --format (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument("--floor-run", type=Path, help=argparse.SUPPRESS)  # one floor run
    args = parser.parse_args()
    jobs = args.jobs
    if args.floor_run:
        return floor_run(jobs, args.floor_run, tuple(args.formats.split(",")))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    cache = ROOT / ".cache" / "bench"  # not build/: tools take a folder so named as output
    cache.mkdir(parents=True, exist_ok=True)
    run = [PY, str(ROOT / "run_reports.py"), "--jobs", str(jobs), "-q", "--format", args.formats]
    floor_cmd = [PY, str(Path(__file__).resolve()), "--jobs", str(jobs), "--format", args.formats,
                 "--floor-run"]  # fmt: skip
    n_sample = count_reports(ROOT)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; jobs={jobs}; load average before: "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        measured([*floor_cmd, str(tmp_path / "floor-warm")])  # warm the file cache
        # Floor and full build alternate, and each is the median of its runs, so that a
        # slow spell on a shared machine weighs on both alike.
        floors, fulls = [], []
        for i in range(args.repeat):
            floors.append(measured([*floor_cmd, str(tmp_path / f"floor-{i}")]))
            fulls.append(measured([*run, "--force", "--output", str(tmp_path / f"full-{i}")]))
        floor = sorted(floors, key=lambda r: r["seconds"])[len(floors) // 2]
        print(
            f"(a) floor: the notebook's code in {jobs} plain Python processes, no Jupyter, "
            f"plus the same renderer, {n_sample} reports: {floor['seconds']:.1f}s (median of "
            f"{', '.join(format(r['seconds'], '.1f') for r in floors)}; CPU time "
            f"{floor['cpu']:.1f}s)"
        )
        full = sorted(fulls, key=lambda r: r["seconds"])[len(fulls) // 2]
        full["maxrss_mib"] = max(r["maxrss_mib"] for r in fulls)
        print(
            f"(b) full build of {n_sample} sample reports: {full['seconds']:.1f}s "
            f"({full['seconds'] / n_sample:.2f}s per report, peak memory of one build "
            f"process {full['maxrss_mib']:.0f} MiB; median of "
            f"{', '.join(format(r['seconds'], '.1f') for r in fulls)}; CPU time of all its "
            f"processes {full['cpu']:.1f}s on {os.cpu_count()} cores)"
        )
        ratio = full["seconds"] / floor["seconds"]
        pairs = [f["seconds"] / b["seconds"] for f, b in zip(fulls, floors, strict=True)]
        cpu_ratio = statistics.median(
            f["cpu"] / b["cpu"] for f, b in zip(fulls, floors, strict=True)
        )
        print(
            f"(c) full / floor: {ratio:.2f} (run by run: "
            f"{', '.join(format(r, '.2f') for r in pairs)}); CPU time, full / floor: "
            f"{cpu_ratio:.2f} (median of the pairs)"
        )
        noop = measured([*run, "--output", str(tmp_path / "full-0")])
        noop_ratio = noop["seconds"] / full["seconds"]
        print(f"(d) no-op rebuild: {noop['seconds']:.2f}s = {noop_ratio:.1%} of the full build")
        per_report, memory = {}, {}
        for n in sizes:
            root = scale_root(n, cache)
            res = measured(
                [*run, "--force", "--output", str(tmp_path / f"scale-{n}")],
                env={"EQUALITY_PROGRESS_PROJECT": str(root)},
            )
            reports = count_reports(root)
            per_report[n] = res["seconds"] / reports
            memory[n] = res["maxrss_mib"]
            print(
                f"(e) {n} synthetic authorities ({reports} reports): {res['seconds']:.1f}s, "
                f"{per_report[n]:.2f}s per report ({res['cpu'] / reports:.2f}s of CPU), peak "
                f"memory of one build process "
                f"{memory[n]:.0f} MiB"
            )
    targets = [
        (f"full build <= 1.25 x floor (is {ratio:.2f} x)", ratio <= 1.25),
        (f"no-op rebuild <= 3% of full build (is {noop_ratio:.1%})", noop_ratio <= 0.03),
    ]
    if sizes:
        # "At the sample size" is the sample build (b): per report there, against the largest.
        large = sizes[-1]
        sample_per_report = full["seconds"] / n_sample
        growth = per_report[large] / sample_per_report - 1
        peaks = [full["maxrss_mib"], *memory.values()]
        mem_growth = memory[large] / full["maxrss_mib"] - 1
        # issue 26: a national run (1,600 reports) in 12 minutes on this machine's lanes, so
        # at most 0.45 s of wall time a report; memory flat from the smallest scale run up
        national = per_report[large] * NATIONAL / 60
        small = memory[sizes[0]]
        flat = memory[large] / small - 1
        targets += [
            (
                f"at most {NATIONAL_PER_REPORT} s a report at {large} authorities with {jobs} "
                f"lanes (is {per_report[large]:.2f} s): {NATIONAL:,} reports projected in "
                f"{national:.1f} minutes (target {NATIONAL * NATIONAL_PER_REPORT / 60:.0f})",
                per_report[large] <= NATIONAL_PER_REPORT,
            ),
            (
                f"peak memory of a build process within 10% from {sizes[0]} to {large} "
                f"authorities ({small:.0f} -> {memory[large]:.0f} MiB: {flat:+.1%})",
                abs(flat) <= 0.10,
            ),
            (
                f"time per report at {large} authorities within 15% of the sample's "
                f"({per_report[large]:.2f}s vs {sample_per_report:.2f}s: {growth:+.1%})",
                growth <= 0.15,
            ),
            (
                f"peak memory per worker (any one build process) flat "
                f"({full['maxrss_mib']:.0f} MiB for the sample, {memory[large]:.0f} MiB at "
                f"{large}: {mem_growth:+.1%}) and under 400 MiB",
                abs(mem_growth) <= 0.15 and max(peaks) < 400,
            ),
        ]
    print()
    for text, ok in targets:
        print(f"target {'met' if ok else 'NOT MET'}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python
"""Benchmark: `make bench`. Prints, in one run on this machine:

(a) the floor: papermill running an empty notebook with the report's imports, plus rendering
    an empty report (HTML and PDF), times the number of reports, divided by the jobs;
(b) a full build of all sample reports (--force);
    (a) and (b) alternate, --repeat times each (default 3), and each is the median of its runs;
(c) the ratio b / a;
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
from datetime import date
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
FLOOR_NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "p",
            "metadata": {"tags": ["parameters"]},
            "outputs": [],
            "source": 'authority = "lcrca"\nyear = "2024-25"\nopen_data = False',
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "i",
            "metadata": {},
            "outputs": [],
            "source": "import pandas\n"
            "from equality_progress import appendix, report, sections, workforce_section",
        },
    ],
    "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
    },
    "nbformat": 4,
    "nbformat_minor": 5,
}


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


def floor_once(work: Path) -> float:
    import papermill as pm

    from equality_progress.build.kernel import ipc_kernel_manager
    from equality_progress.build.render import Context, render_notebook

    nb = work / "floor.ipynb"
    nb.write_text(json.dumps(FLOOR_NOTEBOOK), encoding="utf-8")
    start = time.perf_counter()
    executed = pm.execute_notebook(
        str(nb),
        str(work / "floor-out.ipynb"),
        progress_bar=False,
        log_output=False,
        kernel_name="python3",
        kernel_manager_class=ipc_kernel_manager(),  # the transport the build uses
        cwd=str(work),
    )
    ctx = Context("Floor", "Floor", "2024-25", "#000000", "#ffffff", False, date(2026, 1, 1))
    render_notebook(executed, work, ctx, ROOT / "report_templates")  # as the build does
    return time.perf_counter() - start


def scale_root(n: int, base: Path) -> Path:
    """A project folder with n synthetic authorities (params and data), code linked in."""
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
    for name in ("notebooks", "report_templates", "equality_progress"):
        link = root / name
        if not link.exists():
            link.symlink_to(ROOT / name)
    return root


def count_reports(root: Path) -> int:
    import yaml

    return sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8"))["reporting_years"])
        for p in (root / "params" / "authorities").glob("*.yaml")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the report build.")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--sizes", default="25,100", help="synthetic authorities per scale run")
    parser.add_argument(
        "--repeat", type=int, default=3, help="floor and full-build runs, interleaved (median)"
    )
    args = parser.parse_args()
    jobs = args.jobs
    sizes = [int(s) for s in args.sizes.split(",")]
    cache = ROOT / "build" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    run = [PY, str(ROOT / "run_reports.py"), "--jobs", str(jobs), "-q"]
    n_sample = count_reports(ROOT)
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; jobs={jobs}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        floor_once(tmp_path)  # warm the file cache
        # Floor and full build alternate, and each is the median of its runs, so that a
        # slow spell on a shared machine weighs on both alike.
        floors, fulls = [], []
        for i in range(args.repeat):
            floors.append(floor_once(tmp_path))
            fulls.append(measured([*run, "--force", "--output", str(tmp_path / f"full-{i}")]))
        floor_one = statistics.median(floors)
        floor = floor_one * n_sample / jobs
        print(
            f"(a) floor: {floor_one:.2f}s per empty report x {n_sample} reports / {jobs} jobs "
            f"= {floor:.1f}s (median of {', '.join(f'{f:.2f}' for f in floors)})"
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
        ratio = full["seconds"] / floor
        print(f"(c) full / floor: {ratio:.2f}")
        noop = measured([*run, "--output", str(tmp_path / "full-0")])
        noop_ratio = noop["seconds"] / full["seconds"]
        print(f"(d) no-op rebuild: {noop['seconds']:.2f}s = {noop_ratio:.1%} of the full build")
        per_report, memory = {}, {}
        for n in sizes:
            root = scale_root(n, cache)
            res = measured(
                [*run, "--force", "--output", str(tmp_path / f"scale-{n}")],
                env={"EQUALITY_PROGRESS_ROOT": str(root)},
            )
            reports = count_reports(root)
            per_report[n] = res["seconds"] / reports
            memory[n] = res["maxrss_mib"]
            print(
                f"(e) {n} synthetic authorities ({reports} reports): {res['seconds']:.1f}s, "
                f"{per_report[n]:.2f}s per report, peak memory of one build process "
                f"{memory[n]:.0f} MiB"
            )
    # "At the sample size" is the sample build (b): per report there, against the largest run.
    large = sizes[-1]
    sample_per_report = full["seconds"] / n_sample
    growth = per_report[large] / sample_per_report - 1
    peaks = [full["maxrss_mib"], *memory.values()]
    mem_growth = memory[large] / full["maxrss_mib"] - 1
    targets = [
        (f"full build <= 1.3 x floor (is {ratio:.2f} x)", ratio <= 1.3),
        (f"no-op rebuild <= 3% of full build (is {noop_ratio:.1%})", noop_ratio <= 0.03),
        (
            f"time per report at {large} authorities within 15% of the sample's "
            f"({per_report[large]:.2f}s vs {sample_per_report:.2f}s: {growth:+.1%})",
            growth <= 0.15,
        ),
        (
            f"peak memory per worker (any one build process) flat ({full['maxrss_mib']:.0f} "
            f"MiB for the sample, {memory[large]:.0f} MiB at {large}: {mem_growth:+.1%}) "
            "and under 400 MiB",
            abs(mem_growth) <= 0.15 and max(peaks) < 400,
        ),
    ]
    print()
    for text, ok in targets:
        print(f"target {'met' if ok else 'NOT MET'}: {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

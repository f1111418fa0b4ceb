"""CPU seconds (user + system, the build's own processes) of building one report, median
of a few runs: ``python scripts/report_cpu.py [--root CHECKOUT] [--authority A] [--year Y]``.
``--root`` builds from another checkout (e.g. a ``git worktree`` of an older commit) with
this interpreter, for before/after figures (docs/performance.md)."""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def cpu_once(root: Path, authority: str, year: str) -> float:
    """CPU seconds of one forced build of one report (HTML only)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, str(root / "run_reports.py"), "--authority", authority]
        cmd += ["--year", year, "--output", out, "--format", "html", "--force", "-q"]
        env = os.environ | {"PYTHONPATH": str(root)}
        subprocess.run(cmd, check=True, cwd=root, env=env, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    ap.add_argument("--authority", default="lcrca")
    ap.add_argument("--year", default="2025-26")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    runs = [cpu_once(a.root.resolve(), a.authority, a.year) for _ in range(a.runs)]
    sys.stdout.write(f"{a.authority} {a.year}: median {statistics.median(runs):.2f} s CPU {runs}\n")


if __name__ == "__main__":
    main()

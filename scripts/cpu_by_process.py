#!/usr/bin/env python
"""CPU time by process for one command and everything it starts (Linux: reads /proc).

    .venv/bin/python scripts/cpu_by_process.py .venv/bin/python run_reports.py --force -q
    .venv/bin/python scripts/cpu_by_process.py .venv/bin/python scripts/bench.py --floor-run /tmp/f

Polls every 20 ms, so a process that lives less than that may be missed; the total from
getrusage (every process the command waited for) is printed as a check. Processes are
grouped by role: the batch process, Jupyter kernels, floor lanes, Typst, others.
Used for docs/performance.md; not part of the build.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(x) for x in (task / "children").read_text().split()]
    except OSError:  # the process has just ended
        pass
    return found


def _stat(pid: int) -> tuple[float, float] | None:
    """(CPU seconds, start tick) of a process, or None once it has gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK, float(fields[19])  # utime+stime, start


def _role(cmdline: str) -> str:
    if "ipykernel_launcher" in cmdline:
        return "Jupyter kernels"
    if "multiprocessing.spawn" in cmdline:
        return "floor lanes"
    if "typst" in cmdline or ".typ" in cmdline:
        return "Typst (PDF)"
    if "run_reports.py" in cmdline or "bench.py" in cmdline:
        return "batch process (the command itself)"
    return "other"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    seen: dict[tuple[int, float], list] = {}  # (pid, start tick) -> [cmdline, cpu]
    while proc.poll() is None:
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            stat = _stat(pid)
            if stat is not None:
                try:
                    cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
                except OSError:
                    continue
                seen.setdefault((pid, stat[1]), [cmd, 0.0])[1] = stat[0]
            stack += _children(pid)
        time.sleep(0.02)
    wall = time.perf_counter() - start
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    roles: dict[str, list[float]] = {}
    for cmd, cpu in seen.values():
        entry = roles.setdefault(_role(cmd), [0, 0.0])
        entry[0] += 1
        entry[1] += cpu
    print(f"wall {wall:.2f} s; CPU of every process waited for {use.ru_utime + use.ru_stime:.2f} s")
    for role, (n, cpu) in sorted(roles.items(), key=lambda kv: -kv[1][1]):
        print(f"{cpu:7.2f} s  {role} ({n} process{'es' * (n != 1)})")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

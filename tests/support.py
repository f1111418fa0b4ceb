"""Helpers shared by tests (not fixtures): run the CLI as a user types it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """run_reports.py as a user types it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_reports.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=1800,
    )

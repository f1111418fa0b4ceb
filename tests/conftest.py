"""Shared fixtures. Tests mirror the package: tests/test_<module>.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from equality_progress.inputs.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """run_reports.py as a user types it."""
    return subprocess.run(
        [sys.executable, str(ROOT / "run_reports.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every sample report, built once for the session."""
    out = tmp_path_factory.mktemp("reports")
    proc = run_cli("--output", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out

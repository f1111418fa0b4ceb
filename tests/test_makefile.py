"""The Makefile's lab target: headless when asked, and as root only with --allow-root
(issue 22: `make lab` opened a browser on a server and refused to run as root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _lab(*args: str) -> str:
    """The jupyter command `make -n lab` would run (a dry run: nothing is installed)."""
    out = subprocess.run(
        ["make", "-n", "lab", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return next(line for line in out.splitlines() if "jupyter lab" in line)


def test_lab_is_headless_when_asked():
    assert "--no-browser --ip=127.0.0.1" in _lab("HEADLESS=1")
    assert "--no-browser" not in _lab()


def test_lab_allows_root_only_as_root():
    root = os.geteuid() == 0
    assert ("--allow-root" in _lab()) is root

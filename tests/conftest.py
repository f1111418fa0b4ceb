"""Shared fixtures. Tests mirror the package: tests/<subpackage>/test_<module>.py; end-to-end
builds and browser checks are in tests/e2e/, input fixtures in tests/fixtures/."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import run_cli

from equality_progress.inputs.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every sample report, built once for the session."""
    out = tmp_path_factory.mktemp("reports")
    proc = run_cli("--output", str(out), "--jobs", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out

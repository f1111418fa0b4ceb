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


@pytest.fixture(scope="session")
def hr_export(tmp_path_factory) -> Path:
    """The synthetic HR export of lcrca's 2024-25 workforce (tools/hr_export.py) and its
    completed mapping, made once: ``hr_export.xlsx`` and ``lcrca.yaml`` in one folder."""
    from equality_progress.tools.hr_export import write_export
    from equality_progress.years import FinancialYear

    folder = tmp_path_factory.mktemp("export")
    source = ROOT / "data" / "lcrca" / "2024-25" / "workforce.csv"
    write_export(source, FinancialYear(2024).snapshot_date, folder, "lcrca")
    return folder

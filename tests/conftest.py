"""Shared fixtures. Tests mirror the package: tests/<subpackage>/test_<module>.py; end-to-end
builds and browser checks are in tests/e2e/, input fixtures in tests/fixtures/."""

from __future__ import annotations

import fcntl
from pathlib import Path

import pytest
from support import run_cli

from equality_progress.inputs.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(ROOT)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """Every sample report, built once for the run: by the first of pytest-xdist's workers
    to ask, in a folder the workers share (xdist's documented way: the parent of each
    worker's base temporary folder, and a lock), so two workers do not build it twice
    (about 25 s of the suite). Read only: a test that builds into it again uses its own
    copy (``tests/e2e/test_reports.py``)."""
    if worker_id == "master":  # no workers: one process
        return _build(tmp_path_factory.mktemp("reports"))
    shared = tmp_path_factory.getbasetemp().parent
    with (shared / "reports.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here while the first builds
        if not (shared / "reports.done").exists():
            _build(shared / "reports")
            (shared / "reports.done").touch()
    return shared / "reports"


def _build(out: Path) -> Path:
    """Every sample report built into ``out`` as a user builds them."""
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

"""Where the project, its data, an authority-year's input files and the code that shapes a
report live, and their content hashes (environment overrides). No heavy imports: the no-op
rebuild check uses it before anything else loads."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from equality_progress.inputs.years import FinancialYear

ROOT_ENV = "EQUALITY_PROGRESS_ROOT"
DATA_ENV = "EQUALITY_PROGRESS_DATA"
MEMO_ENV = "EQUALITY_PROGRESS_MEMO"  # a batch's checked-input memo (see .memo)
COMMENTARY = "commentary.yaml"

# The code whose every line can change what a report says or looks like: the inputs, the
# analysis, the report's content and the renderer. Editing the CLI, the batch runner or the
# terminal display changes no report, so it neither makes reports stale nor their code hash.
REPORT_CODE = (
    "__init__.py",
    "errors.py",
    "inputs/*.py",
    "analysis/*.py",
    "report/*.py",
    "build/render.py",
)


def project_root() -> Path:
    """The project folder: $EQUALITY_PROGRESS_ROOT, else the folder holding this package."""
    env = os.environ.get(ROOT_ENV)
    return Path(env) if env else Path(__file__).resolve().parents[2]


def data_root() -> Path:
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data"


def year_folder(authority_id: str, year: FinancialYear, data_dir: Path | None = None) -> Path:
    return (data_dir or data_root()) / authority_id / year.label


def input_files(
    authority_id: str, upto: FinancialYear, baseline: FinancialYear, data_dir: Path | None = None
) -> list[Path]:
    """The files a report reads: the data of every year from the baseline to ``upto`` (for
    trends), and the commentary of ``upto`` only."""
    files = []
    for s in range(baseline.start, upto.start + 1):
        folder = year_folder(authority_id, FinancialYear(s), data_dir)
        if folder.exists():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.is_file() and (s == upto.start or p.name != COMMENTARY)
            )
    return files


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def report_code(root: Path | None = None) -> list[Path]:
    """The library files that shape a report (``REPORT_CODE``), in a stable order."""
    pkg = (root or project_root()) / "equality_progress"
    return sorted({f for pattern in REPORT_CODE for f in pkg.glob(pattern)})

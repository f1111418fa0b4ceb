"""Where an authority-year's input files live, and their content hashes.

Kept free of heavy imports: the incremental-build check uses it before anything else loads.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .paths import data_root
from .years import FinancialYear

COMMENTARY = "commentary.yaml"


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

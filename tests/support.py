"""Helpers shared by tests (not fixtures): run the CLI as a user types it; a bundled sample
report assembled once per test process."""

from __future__ import annotations

import copy
import functools
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from equality_progress.report.assemble import Report

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


def png(width: int = 2, height: int = 2) -> bytes:
    """A valid PNG written by hand (zlib and the PNG chunk layout), grey pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def sample_report(authority: str, year: str) -> Report:
    """A bundled sample report as ``assemble`` makes it from the sample data, assembled once
    per test process (an LCRCA report takes seconds, and a dozen tests read one), each
    caller given a copy of its own, which it may change. Not for a test that patches
    anything ``assemble`` uses: it would be given what was assembled before."""
    from equality_progress.layout import data_root, project_root

    where = (project_root().resolve(), data_root().resolve())
    assert where == (ROOT, ROOT / "data"), f"{where}: assemble the edited project, not the sample"
    return copy.deepcopy(_assembled(authority, year))


@functools.cache
def _assembled(authority: str, year: str) -> Report:
    from equality_progress.report.assemble import assemble

    return assemble(authority, year)

"""A copy of the sample project to break on purpose (tests of bad inputs): params and
lcrca's data copied (the tool is installed, not copied); and the corpus's ways of breaking
it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "bad_inputs"


def csv_to_xlsx(source: Path, dest: Path) -> None:
    """A workbook holding a CSV's cells, as Excel's "Save As" would."""
    wb = openpyxl.Workbook()
    ws = wb.active
    with source.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(dest)


def make_project(base: Path) -> Path:
    """A project copy: params and lcrca's data, nothing of the tool."""
    base.mkdir()
    shutil.copytree(ROOT / "params", base / "params")
    shutil.copytree(ROOT / "data" / "lcrca", base / "data" / "lcrca")
    return base


def apply_case(root: Path, case: dict) -> None:
    for dest, source in (case.get("put") or {}).items():
        (root / dest).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, dict):
            (root / dest).write_text(source["text"], encoding="utf-8")
        else:
            shutil.copy(CORPUS / source, root / dest)
    for dest, source in (case.get("workbook") or {}).items():
        src = root / source if (root / source).exists() else CORPUS / source
        csv_to_xlsx(src, root / dest)
    for path, (old, new) in (case.get("edit") or {}).items():
        text = (root / path).read_text(encoding="utf-8")
        assert old in text, f"{path} has no {old!r}"
        (root / path).write_text(text.replace(old, new, 1), encoding="utf-8")
    for path, text in (case.get("append") or {}).items():
        with (root / path).open("a", encoding="utf-8") as fh:
            fh.write(text)
    for old, new in (case.get("rename") or {}).items():
        (root / old).rename(root / new)
    for path in case.get("remove") or []:
        target = root / path
        shutil.rmtree(target) if target.is_dir() else target.unlink()

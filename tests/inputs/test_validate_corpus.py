"""The bad-input corpus (tests/fixtures/bad_inputs/cases.yaml): each kind of bad input, put
into a copy of the project, makes `validate` and the build exit non-zero with one message
naming the file, row, column or id, and leaves the published report exactly as it was.

The build runs in this process on a stand-in kernel that fails any notebook it is given:
a bad input must be stopped at the check, before any notebook runs.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
import yaml

from equality_progress.build import batch, cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
VALIDATE = ["validate", "--authority", "lcrca", "--year", "2024-25"]
BUILD = ["--authority", "lcrca", "--year", "2024-25", "--format", "html", "--jobs", "1"]
PUBLISHED = "a report published before the bad input arrived\n"


class NoNotebookKernel:
    """A kernel that refuses to run any notebook: the check must stop a bad input first."""

    def start(self) -> None:
        pass

    def execute(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        raise AssertionError("a notebook ran on bad input")

    def shutdown(self) -> None:
        pass

    def kill(self) -> None:
        pass


def csv_to_xlsx(source: Path, dest: Path) -> None:
    """A workbook holding a CSV's cells, as Excel's "Save As" would."""
    wb = openpyxl.Workbook()
    ws = wb.active
    with source.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(dest)


def make_project(base: Path) -> Path:
    """A project copy: params and lcrca's data copied, code and templates linked."""
    base.mkdir()
    for name in ("equality_progress", "notebooks", "report_templates"):
        (base / name).symlink_to(ROOT / name)
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


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_ROOT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    return root


def test_the_corpus_has_at_least_30_kinds():
    assert len(CASES) >= 30


def test_the_untouched_copy_validates(project, capsys):
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_fails_loudly_and_publishes_nothing(name, project, tmp_path, capsys):
    case = CASES[name]
    apply_case(project, case)
    code = cli.main(case.get("args", VALIDATE))
    out, err = capsys.readouterr()
    assert code == case.get("code", 1), out + err
    assert case["message"] in err, err
    assert case["where"] in err, err
    assert "Traceback" not in err + out
    if case.get("args"):
        assert len(err.strip().splitlines()) == 1, err  # a command-line error is one line
    if not case.get("build", True):
        return
    reports = tmp_path / "reports"
    published = reports / "lcrca" / "2024-25" / "report.html"
    published.parent.mkdir(parents=True)
    published.write_text(PUBLISHED, encoding="utf-8")
    with mock.patch.object(batch, "_warm_kernel", lambda settings: NoNotebookKernel()):
        code = cli.main([*BUILD, "--output", str(reports)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert case["message"] in err and "a notebook ran" not in err, err
    assert published.read_text(encoding="utf-8") == PUBLISHED
    assert sorted(p.name for p in published.parent.iterdir()) == ["report.html"]

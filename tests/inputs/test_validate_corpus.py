"""The bad-input corpus (tests/fixtures/bad_inputs/cases.yaml): each kind of bad input, put
into a copy of the project, makes `validate` and the build exit non-zero with one message
naming the file, row, column or id, and leaves the published report exactly as it was.

The build runs in this process on a stand-in kernel that fails any notebook it is given:
a bad input must be stopped at the check, before any notebook runs.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import yaml
from project_copy import CORPUS, apply_case, make_project

from equality_progress.build import batch, cli

ROOT = Path(__file__).resolve().parents[2]
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

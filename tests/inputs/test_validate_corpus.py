"""The bad-input corpus (tests/fixtures/bad_inputs/cases.yaml): each kind of bad input, put
into a copy of the project, makes `validate` and the build exit non-zero with one message
naming the file, row, column or id, and leaves the published report exactly as it was.

The build's kernel is a stand-in here (a real one for one case, last): the notebook's first
step, the check of every input, run in this process; anything past a clean check fails,
since a bad input must stop the notebook before anything is computed.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import yaml
from project_copy import CORPUS, apply_case, make_project

from equality_progress.batch import cli, runner

ROOT = Path(__file__).resolve().parents[2]
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
VALIDATE = ["validate", "--authority", "lcrca", "--year", "2024-25"]
BUILD = ["--authority", "lcrca", "--year", "2024-25", "--format", "html", "--jobs", "1"]
PUBLISHED = "a report published before the bad input arrived\n"


class FirstStepKernel:
    """A kernel that runs only the notebook's first step, the check of every input, and
    fails as papermill does when the check raises in a real kernel (the exception's name
    and text). A notebook that gets past the check is a failure of the test."""

    def start(self) -> None:
        pass

    def execute(self, notebook, output, cwd, parameters, **kwargs):  # noqa: ANN001, ANN003, ANN201
        from papermill.exceptions import PapermillExecutionError

        from equality_progress.errors import InputError
        from equality_progress.report.assemble import validate

        try:
            validate(parameters["authority"], parameters["year"])
        except InputError as exc:
            raise PapermillExecutionError(3, 3, "", "InputError", str(exc), []) from None
        raise AssertionError("a notebook ran on bad input")

    def shutdown(self) -> None:
        pass

    def kill(self) -> None:
        pass


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
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
    with mock.patch.object(runner, "_warm_kernel", lambda settings: FirstStepKernel()):
        code = cli.main([*BUILD, "--output", str(reports)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    assert case["message"] in err and "a notebook ran" not in err, err
    assert published.read_text(encoding="utf-8") == PUBLISHED
    assert sorted(p.name for p in published.parent.iterdir()) == ["report.html"]


def test_on_a_real_kernel_a_bad_input_fails_its_report_alone_with_the_same_message(
    project, tmp_path, capsys
):
    """The stand-in above, checked against a real kernel: the notebook stops at its first
    step with the message validate gives, nothing is published, and the same kernel (not a
    new one) goes on to build the next report."""
    from equality_progress.batch import kernel as warm

    case = CASES["unknown_code"]  # a 2024-25 file only: 2023-24 is still good
    apply_case(project, case)
    assert cli.main(VALIDATE) == 1
    expected = capsys.readouterr().err.strip().splitlines()
    starts = []
    start = warm.WarmKernel.start

    def counted(self):  # noqa: ANN001, ANN202
        starts.append(1)
        return start(self)

    reports = tmp_path / "reports"
    args = ["--authority", "lcrca", "--year", "2024-25", "--year", "2023-24", "--jobs", "1"]
    with mock.patch.object(warm.WarmKernel, "start", counted):
        code = cli.main([*args, "--format", "html", "--output", str(reports)])
    out, err = capsys.readouterr()
    assert code == 1, out + err
    for line in expected:
        if case["where"] in line:  # the problem, word for word as validate gives it
            assert line.strip() in err, err
    assert "Traceback" not in out + err
    assert not (reports / "lcrca" / "2024-25").exists()
    assert (reports / "lcrca" / "2023-24" / "report.html").is_file(), out + err
    assert starts == [1]  # the kernel outlived the bad input

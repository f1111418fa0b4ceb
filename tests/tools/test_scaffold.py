"""`new`: a project folder an authority owns, holding only its own material, in which every
command works from the working folder (or from anywhere with --project); `init` adds an
authority to a project."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from equality_progress import __version__
from equality_progress.batch import cli
from equality_progress.layout import DATA_ENV, PROJECT_ENV

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def outside(tmp_path, monkeypatch):
    """A working folder that is no project, with no project named in the environment.
    ``--project`` sets the environment for the batch's kernels; setting each variable before
    deleting it makes monkeypatch restore the environment as it was after the test."""
    for name in (PROJECT_ENV, DATA_ENV):
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_a_project_of_params_data_and_words_only(outside, capsys):
    assert cli.main(["new", "newtown-equality", "--authority", "newtown"]) == 0
    project = outside / "newtown-equality"
    written = sorted(p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file())
    assert {
        "params/settings.yaml",
        "params/authorities/newtown.yaml",
        "params/catalogues/newtown.yaml",
        "data/newtown/2025-26/commentary.yaml",
        "data/newtown/templates/workforce.csv",
        "README.md",
        "requirements.txt",
        ".github/workflows/reports.yml",
        ".gitignore",
    } <= set(written)
    # nothing of the tool is copied in: no code, notebook or templates
    assert not [w for w in written if w.endswith((".py", ".ipynb", ".j2", ".css"))]
    assert f"equality-progress=={__version__}" in (project / "requirements.txt").read_text()
    workflow = (project / ".github" / "workflows" / "reports.yml").read_text()
    assert "equality-progress validate" in workflow
    # every step the workflow runs is a command this tool (or nbval) understands
    steps = [line.split("- run: ", 1)[1] for line in workflow.splitlines() if "- run: " in line]
    tool = [s.split()[1:] for s in steps if s.startswith("equality-progress")]
    assert [t[0] for t in tool] == ["validate", "--format", "verify"]
    for argv in tool:
        cli.parser().parse_args(argv)  # SystemExit on an unknown command or option
    assert any("--nbval-lax" in s and "report.ipynb" in s for s in steps)
    assert "wrote params/settings.yaml" in capsys.readouterr().out


def test_every_command_finds_the_project_from_inside_it_or_from_project(outside, capsys):
    assert cli.main(["new", "proj", "--authority", "newtown"]) == 0
    capsys.readouterr()
    assert cli.main(["list"]) == 2  # outside any project: one line naming the fix
    err = capsys.readouterr().err
    assert err.startswith("error: no project in ") and "--project DIR" in err
    assert cli.main(["--project", "proj", "list"]) == 0
    assert capsys.readouterr().out.startswith("newtown ")
    (outside / "proj" / "data" / "newtown").mkdir(exist_ok=True)
    import os

    os.chdir(outside / "proj" / "data" / "newtown")  # any folder inside the project
    assert cli.main(["list"]) == 0
    assert capsys.readouterr().out.startswith("newtown ")


def test_a_folder_that_is_no_project_is_refused_by_name(outside, capsys):
    assert cli.main(["--project", str(outside), "list"]) == 2
    err = capsys.readouterr().err
    assert f"--project {outside}: not a project folder" in err


def test_new_never_overwrites_a_project(outside, capsys):
    assert cli.main(["new", "proj", "--authority", "newtown"]) == 0
    before = (outside / "proj" / "params" / "settings.yaml").read_text()
    assert cli.main(["new", "proj", "--authority", "other"]) == 2
    assert "is already a project" in capsys.readouterr().err
    assert (outside / "proj" / "params" / "settings.yaml").read_text() == before
    assert not (outside / "proj" / "params" / "authorities" / "other.yaml").exists()


def test_new_refuses_an_id_that_cannot_name_files(outside, capsys):
    assert cli.main(["new", "proj", "--authority", "New Town"]) == 2
    assert "'New Town' is not a valid id" in capsys.readouterr().err
    assert not (outside / "proj").exists()


def test_init_adds_an_authority_beside_the_others(outside, capsys):
    shutil.copytree(ROOT / "params", outside / "params")
    assert cli.main(["init", "newtown", "--year", "2025/26"]) == 0
    assert (outside / "params" / "authorities" / "newtown.yaml").is_file()
    assert (outside / "params" / "authorities" / "lcrca.yaml").is_file()  # untouched


def test_new_and_init_write_the_contact_they_are_given(outside, capsys):
    """Issue 25: validate refuses a project with no contact, so new and init take it
    (--contact-team, --contact-email) and write it into the params, ready to validate."""
    from equality_progress.inputs.settings import load_authority

    argv = ["new", "p", "--authority", "newtown", "--contact-team", 'The "E&D" Team']
    assert cli.main([*argv, "--contact-email", "equality@newtown.example"]) == 0
    text = (outside / "p" / "params" / "authorities" / "newtown.yaml").read_text()
    assert 'contact: {"team": "The \\"E&D\\" Team", "email": "equality@newtown.example"}' in text
    auth = load_authority("newtown", outside / "p")
    assert (auth.contact.team, auth.contact.email) == ('The "E&D" Team', "equality@newtown.example")
    assert cli.main(["--project", "p", "init", "oldtown", "--contact-team", "T"]) == 2
    err = capsys.readouterr().err
    assert "--contact-team/--contact-email: give a team and an email address" in err
    assert not (outside / "p" / "params" / "authorities" / "oldtown.yaml").exists()


def test_at_a_terminal_the_contact_is_asked_for():
    from equality_progress.tools.scaffold import ask_contact

    answers = iter(["Equality Team", "eq@town.example"])
    asked = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    got = ask_contact(None, None, True, ask)
    assert got == {"team": "Equality Team", "email": "eq@town.example"} and len(asked) == 2
    assert ask_contact(None, None, True, lambda _: "") is None  # blank: fill it in later
    assert ask_contact(None, None, False) is None  # not at a terminal: nothing asked

"""Where things live: the project found from the working directory or the environment, a
report's inputs, and which files of the package shape a report."""

from __future__ import annotations

from pathlib import Path

import pytest

from equality_progress import layout
from equality_progress.years import FinancialYear

ROOT = Path(__file__).resolve().parents[1]


def test_the_project_is_found_from_the_working_directory_or_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(layout.PROJECT_ENV, raising=False)
    monkeypatch.delenv(layout.DATA_ENV, raising=False)
    monkeypatch.chdir(ROOT / "data" / "lcrca")  # a folder inside this repository's project
    assert layout.project_root() == ROOT
    assert layout.data_root() == ROOT / "data"
    monkeypatch.setenv(layout.PROJECT_ENV, str(tmp_path))
    assert layout.data_root() == tmp_path / "data"
    monkeypatch.setenv(layout.DATA_ENV, str(tmp_path / "elsewhere"))
    assert layout.data_root() == tmp_path / "elsewhere"


def test_outside_a_project_the_message_names_the_folder_and_the_fix(monkeypatch, tmp_path):
    monkeypatch.delenv(layout.PROJECT_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(layout.NoProject) as err:
        layout.project_root()
    assert str(tmp_path) in str(err.value)
    assert "--project DIR" in str(err.value) and "equality-progress new" in str(err.value)


def test_the_tool_ships_its_notebook_and_templates_in_the_package():
    assert layout.NOTEBOOK.is_file() and layout.NOTEBOOK.is_relative_to(layout.PACKAGE)
    assert (layout.TEMPLATES / "report.html.j2").is_file()
    assert (layout.TEMPLATES / "report.typ.j2").is_file()


def test_a_report_reads_every_year_from_the_baseline_and_only_its_own_commentary(tmp_path):
    for year, names in {
        "2021-22": ["workforce.csv", "commentary.yaml"],
        "2022-23": [],  # a year with no folder at all is skipped
        "2023-24": ["workforce.csv", "actions.csv", "commentary.yaml"],
        "2024-25": ["workforce.csv"],  # after the report's year: not read
    }.items():
        if names:
            (tmp_path / "a" / year).mkdir(parents=True)
            for n in names:
                (tmp_path / "a" / year / n).write_text("x", encoding="utf-8")
    files = layout.input_files(
        "a", FinancialYear.parse("2023-24"), FinancialYear.parse("2021-22"), tmp_path
    )
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a/2021-22/workforce.csv",
        "a/2023-24/actions.csv",
        "a/2023-24/commentary.yaml",
        "a/2023-24/workforce.csv",
    ]


def test_a_reports_inputs_are_named_as_the_provenance_shows_them():
    names = list(
        layout.report_inputs(
            "unnamed-ca",
            FinancialYear.parse("2024-25"),
            FinancialYear.parse("2024-25"),
            ROOT / "data",
            ROOT,
        )
    )
    assert names[:3] == [
        "params/catalogues/unnamed-ca.yaml",
        "params/authorities/unnamed-ca.yaml",
        "params/settings.yaml",
    ]
    assert "data/unnamed-ca/2024-25/actions.csv" in names


def test_report_code_is_the_package_less_the_batch_and_the_tools():
    names = {p.relative_to(layout.PACKAGE).as_posix() for p in layout.report_code()}
    assert {
        "years.py",
        "analysis/inference.py",
        "report/assemble.py",
        "publish/notebook.py",
        "notebooks/report.ipynb",
        "report_templates/report.css",
        "errors.py",
    } <= names
    assert not {n for n in names if n.startswith(("batch/", "tools/"))}
    assert layout.report_code() == sorted(layout.report_code())


def test_a_published_report_holds_its_notebook_open_data_and_renderings():
    assert layout.published_files(("html", "pdf")) == [
        "report.ipynb",
        "indicators.csv",
        "changes.csv",
        "report.html",
        "report.pdf",
    ]

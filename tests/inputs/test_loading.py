"""All file input for a report: every file present is read and checked against its
contract and named from the project; a file nothing reads, or two files for one contract,
are errors; notes are kept for the report; a missing report year is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from project_copy import CORPUS, csv_to_xlsx

from equality_progress.errors import InputError
from equality_progress.inputs import loading
from equality_progress.inputs.settings import Authority
from equality_progress.layout import DATA_ENV, MARKER, MEMO_ENV, PROJECT_ENV
from equality_progress.years import FinancialYear

YEAR = FinancialYear(2024)
MEASURES = "indicator_id,value,numerator,denominator,source\na,1,,,x\nb,2,,,y\n"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A project whose newtown 2024-25 folder holds a valid workforce.csv."""
    (tmp_path / MARKER).parent.mkdir(parents=True)
    (tmp_path / MARKER).write_text("{}\n", encoding="utf-8")
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path))
    for name in (DATA_ENV, MEMO_ENV):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "data" / "newtown" / "2024-25"
    folder.mkdir(parents=True)
    shutil.copy(CORPUS / "valid_workforce.csv", folder / "workforce.csv")
    return tmp_path


def _folder(project: Path) -> Path:
    return project / "data" / "newtown" / "2024-25"


def test_each_file_present_is_read_and_named_from_the_project(project):
    (_folder(project) / "measures.csv").write_text(MEASURES, encoding="utf-8")
    data, problems = loading.load_year("newtown", YEAR)
    assert problems == [] and data.year == YEAR and data.notes == []
    assert data.files == {
        "workforce": "data/newtown/2024-25/workforce.csv",
        "reported": "data/newtown/2024-25/measures.csv",
    }
    assert len(data.frame("workforce")) == 3 and data.frame("training") is None
    assert data.commentary == {
        "objectives": {},
        "indicators": {},
        "next_steps": {"objectives": {}, "indicators": {}},
        "case_studies": [],
    }  # no commentary.yaml: empty, never missing


def test_a_check_only_read_keeps_no_frames(project):
    data, problems = loading.load_year("newtown", YEAR, frames=False)
    assert problems == [] and data.frames == {}
    assert data.files == {"workforce": "data/newtown/2024-25/workforce.csv"}


def test_a_file_nothing_reads_is_an_error_with_a_suggestion(project):
    for name in ("staff-survey.csv", ".DS_Store", "~$workforce.xlsx"):
        (_folder(project) / name).write_text("x\n", encoding="utf-8")
    _, problems = loading.load_year("newtown", YEAR)
    assert [p.file for p in problems] == ["data/newtown/2024-25/staff-survey.csv"]
    assert problems[0].message.startswith(
        "nothing reads this file (did you mean 'staff_survey.csv'?); rename it"
    )


def test_two_files_for_one_contract_are_refused(project):
    csv_to_xlsx(_folder(project) / "workforce.csv", _folder(project) / "workforce.xlsx")
    data, problems = loading.load_year("newtown", YEAR)
    assert [str(p) for p in problems] == [
        "data/newtown/2024-25/workforce.xlsx: holds workforce data, and so does "
        "workforce.csv; keep only one of them"
    ]
    assert data.frame("workforce") is None


def test_an_ignored_column_is_a_note_kept_for_the_report(project):
    shutil.copy(CORPUS / "unexpected_column.csv", _folder(project) / "workforce.csv")
    data, problems = loading.load_year("newtown", YEAR)
    assert problems == [] and data.frame("workforce") is not None
    assert data.notes == [
        "data/newtown/2024-25/workforce.csv: 1 column(s) not in the data contract are "
        "ignored: 'salary_band'"
    ]


def test_a_check_only_read_gives_the_same_problems(project):
    path = _folder(project) / "workforce.csv"
    shutil.copy(CORPUS / "wrong_type.csv", path)
    frame, problems = loading.contract_read(path, "workforce", YEAR)
    none, same = loading.contract_read(path, "workforce", YEAR, frame=False)
    assert frame is None and none is None and problems == same != []
    assert problems[0].file == "data/newtown/2024-25/workforce.csv"


def test_notes_below_a_mapped_export_are_left_out_and_kept_as_a_note(hr_export, project):
    """Issue 22 (D7): the notes lines below an export's data are left out through the
    mapping too, and the note naming them reaches the report's notes (the mapping's own
    notes no longer replace the reader's)."""
    import openpyxl
    import yaml

    from equality_progress.inputs.mapping import FileMapping
    from equality_progress.tools.hr_export import FILE, SHEET

    book = _folder(project) / FILE
    wb = openpyxl.load_workbook(hr_export / FILE)
    ws = wb[SHEET]
    last = ws.max_row
    ws.cell(last + 2, 1).value = f"Total records: {last - 1}"
    ws.cell(last + 3, 1).value = "CONFIDENTIAL"
    wb.save(book)
    (_folder(project) / "workforce.csv").unlink()
    fm = FileMapping.model_validate(
        yaml.safe_load((hr_export / "lcrca.yaml").read_text(encoding="utf-8"))["files"]["workforce"]
    )
    frame, problems = loading.contract_read(book, "workforce", YEAR, True, fm, "newtown")
    assert frame is not None and len(frame) == last - 1, [str(p) for p in problems]
    said = [p.message for p in problems]
    assert any(
        m.startswith(f"rows {last + 2} to {last + 3}, below the data after a blank row")
        for m in said
    ), said


def test_the_first_row_of_an_indicator():
    frame = pd.DataFrame({"indicator_id": ["a", "b", "a"], "value": [1.0, 2.0, 3.0]})
    data = loading.YearData(YEAR, {"reported": frame})
    assert data.first_row("reported", "a")["value"] == 1.0
    assert data.first_row("reported", "b")["value"] == 2.0
    assert data.first_row("reported", "z") is None
    assert data.first_row("actions", "a") is None


def _authority(baseline: str) -> Authority:
    return Authority(
        id="newtown",
        display_name="Newtown Council",
        short_name="Newtown",
        strategy_title="Equality strategy",
        strategy_period="2023-2027",
        baseline_year=baseline,
        reporting_years=["2024-25"],
    )


def test_every_year_from_the_baseline_is_loaded(project):
    earlier = project / "data" / "newtown" / "2023-24"
    shutil.copytree(_folder(project), earlier)
    out = loading.load_authority_data(_authority("2023-24"), YEAR)
    assert list(out) == [FinancialYear(2023), YEAR]
    assert out[FinancialYear(2023)].files == {"workforce": "data/newtown/2023-24/workforce.csv"}


def test_a_report_year_without_its_folder_is_named(project):
    shutil.rmtree(_folder(project))
    with pytest.raises(InputError) as caught:
        loading.load_authority_data(_authority("2024-25"), YEAR)
    assert [str(p) for p in caught.value.problems] == [
        "data/newtown/2024-25: no data folder for 2024-25; create it with this year's files"
    ]
    # a folder written as people write the year: rename it (issue 22's trial: the message
    # went on "; create it with this year's files", which is not the fix)
    (project / "data" / "newtown" / "2024-2025").mkdir()
    with pytest.raises(InputError) as caught:
        loading.load_authority_data(_authority("2024-25"), YEAR)
    assert [str(p) for p in caught.value.problems] == [
        "data/newtown/2024-25: no data folder for 2024-25; the folder '2024-2025' is that "
        "year: rename it 2024-25"
    ]


def test_a_case_studys_picture_is_read_and_any_other_picture_is_not(project):
    """Issue 25: a picture named by a case study in commentary.yaml is an input of the
    report (read, listed in provenance); one that nothing names is still an unread file."""
    from support import png

    folder = _folder(project)
    (folder / "launch.png").write_bytes(png())
    (folder / "spare.png").write_bytes(png())
    (folder / "commentary.yaml").write_text(
        "case_studies:\n  - title: A guaranteed interview\n"
        "    text: Every disabled applicant who met the criteria was offered one.\n"
        "    image: launch.png\n    alt: Members of the staff network at its launch.\n",
        encoding="utf-8",
    )
    data, problems = loading.load_year("newtown", YEAR)
    assert [p.file for p in problems] == ["data/newtown/2024-25/spare.png"]
    assert data.commentary["case_studies"][0].image_data == png()

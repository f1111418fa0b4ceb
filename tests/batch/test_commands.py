"""The commands besides building and checking: pay-gap (the statutory figures as JSON),
map (a draft mapping, printed or written once), render (the formats it knows), each
refusing a wrong argument in one line."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from equality_progress.batch import cli, commands
from equality_progress.errors import InputError
from equality_progress.layout import MARKER, PROJECT_ENV
from equality_progress.tools.hr_export import FILE

EXPORT = "Employee Number,Gender,Notes\nE1,F,x\nE2,M,y\n"


def test_pay_gap_prints_exactly_the_submission_keys(tmp_path, capsys):
    f = tmp_path / "staff.csv"
    f.write_text(
        "employee_id,sex,hourly_pay,bonus_pay,full_pay_relevant,grade\n"
        "1,Male,20,0,true,A\n2,Male,10,100,true,B\n3,Female,15,0,true,A\n"
        "4,Female,5,50,false,C\n",
        encoding="utf-8",
    )
    assert cli.main(["pay-gap", "--input", str(f)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == [
        "mean_hourly_gap_pct",
        "median_hourly_gap_pct",
        "mean_bonus_gap_pct",
        "median_bonus_gap_pct",
        "male_bonus_pct",
        "female_bonus_pct",
        "quartiles",
    ]
    assert list(out["quartiles"]) == ["lower", "lower_middle", "upper_middle", "upper"]
    assert set(out["quartiles"]["upper"]) == {"male_pct", "female_pct"}
    # men 20, 10 (mean 15); women 15 (the other is not full-pay relevant): 0% gap
    assert out["mean_hourly_gap_pct"] == 0.0
    assert out["male_bonus_pct"] == 50.0 and out["female_bonus_pct"] == 50.0


def test_pay_gap_bad_file_names_row_and_column(tmp_path, capsys):
    f = tmp_path / "staff.csv"
    f.write_text(
        "employee_id,sex,hourly_pay,bonus_pay,full_pay_relevant\n"
        "1,Male,£20,0,true\n2,M,10,0,true\n",
        encoding="utf-8",
    )
    assert cli.main(["pay-gap", "--input", str(f)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column 'hourly_pay'" in err and "currency sign" in err
    assert "row 3, column 'sex'" in err


def test_map_refuses_a_workbook_of_several_sheets_without_sheet(hr_export, capsys):
    folder = hr_export
    assert cli.main(["map", "--authority", "lcrca", "--input", str(folder / FILE)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has 2 sheets (Staff in post, Notes)" in err
    # the advice names the flag map has, not the mapping's sheet: (issue 22, D12)
    assert "name the one to read with --sheet (e.g. --sheet 'Staff in post')" in err


def test_pay_gap_reads_the_columns_it_needs_and_ignores_the_rest():
    contract = commands.pay_gap_contract()
    assert [c.name for c in contract.columns] == [
        "employee_id",
        "sex",
        "hourly_pay",
        "bonus_pay",
        "full_pay_relevant",
    ]
    assert contract.allow_extra


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """An empty project folder (only its marker)."""
    (tmp_path / MARKER).parent.mkdir(parents=True)
    (tmp_path / MARKER).write_text("{}\n", encoding="utf-8")
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path))
    return tmp_path


def _map_args(source: Path, **changes) -> argparse.Namespace:
    args = dict(
        authority="newtown",
        input=source,
        sheet=None,
        file="workforce",
        write=False,
        header_row=None,
    )
    return argparse.Namespace(**(args | changes))


def test_map_prints_the_draft_for_a_csv(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    assert commands.cmd_map(_map_args(source)) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Draft mapping for newtown, from export.csv")
    drafted = yaml.safe_load(out)["files"]["workforce"]
    assert drafted["codes"]["sex"] == {"F": "Female", "M": "Male"}


def test_map_writes_the_mapping_once_and_never_over_one(project, capsys):
    source = project / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    assert commands.cmd_map(_map_args(source, write=True)) == 0
    written = project / "params" / "mappings" / "newtown.yaml"
    assert capsys.readouterr().out == (
        "wrote params/mappings/newtown.yaml: complete it, then run 'validate'\n"
    )
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# Draft mapping for newtown")
    assert commands.cmd_map(_map_args(source, write=True)) == 2
    assert capsys.readouterr().err == (
        "error: params/mappings/newtown.yaml already exists; nothing was written\n"
    )
    assert written.read_text(encoding="utf-8") == text


def test_map_refuses_an_input_that_is_no_contract(tmp_path, capsys):
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    assert commands.cmd_map(_map_args(source, file="payroll")) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --file payroll: not an input file; use one of workforce,")


def test_map_of_an_unreadable_export_is_an_input_error(tmp_path):
    source = tmp_path / "export.csv"
    source.write_bytes(b"")
    with pytest.raises(InputError) as caught:
        commands.cmd_map(_map_args(source))
    assert [str(p) for p in caught.value.problems] == ["export.csv: the file is empty"]


@pytest.mark.parametrize("formats", ["html,odt", "", " , "])
def test_render_refuses_a_format_it_does_not_make(formats, tmp_path, capsys):
    args = argparse.Namespace(notebook=tmp_path / "report.ipynb", formats=formats, output=None)
    assert commands.cmd_render(args) == 2
    assert capsys.readouterr().err == (
        f"error: --format {formats}: formats are html, pdf and/or docx\n"
    )


def test_pay_gap_output_is_json_of_the_statutory_figures(tmp_path, capsys):
    """Two men (20, 10) and two women (15, 5): mean gap (15 - 10) / 15 = 33.3%, median
    likewise; one man and one woman of two each had a bonus."""
    f = tmp_path / "staff.csv"
    f.write_text(
        "employee_id,sex,hourly_pay,bonus_pay,full_pay_relevant\n"
        "1,Male,20,0,true\n2,Male,10,100,true\n3,Female,15,50,true\n4,Female,5,0,true\n",
        encoding="utf-8",
    )
    assert commands.cmd_pay_gap(f) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mean_hourly_gap_pct"] == pytest.approx(100 * 5 / 15, abs=0.05)
    assert out["median_hourly_gap_pct"] == pytest.approx(100 * 5 / 15, abs=0.05)
    assert out["male_bonus_pct"] == 50.0 and out["female_bonus_pct"] == 50.0


TITLED = (
    "Workforce snapshot at 31 March 2025\n"
    "Produced by HR Systems,,\n"
    ",,\n"
    "Employee Number,Gender,Notes\n"
    "E1,F,x\nE2,M,y\nE3,F,12\n"
)


def test_map_reads_the_headings_below_a_title_block_and_says_so(tmp_path, capsys):
    """Issue 22: most exports start with a title block; map took its first line as the
    headings. It finds row 4, drafts header_row: 4 for the loader, and says why."""
    source = tmp_path / "export.csv"
    source.write_text(TITLED, encoding="utf-8")
    assert commands.cmd_map(_map_args(source)) == 0
    out = capsys.readouterr().out
    drafted = yaml.safe_load(out)["files"]["workforce"]
    assert drafted["header_row"] == 4
    assert drafted["columns"]["sex"] == "Gender"
    assert drafted["codes"]["sex"] == {"F": "Female", "M": "Male"}
    assert "# Headings read from row 4: rows 1 to 3 look like a title block" in out
    # --header-row overrides the guess; a file without a title block drafts none
    assert commands.cmd_map(_map_args(source, header_row=4)) == 0
    assert yaml.safe_load(capsys.readouterr().out)["files"]["workforce"]["header_row"] == 4
    plain = tmp_path / "plain.csv"
    plain.write_text(EXPORT, encoding="utf-8")
    assert commands.cmd_map(_map_args(plain)) == 0
    assert "header_row" not in yaml.safe_load(capsys.readouterr().out)["files"]["workforce"]


def test_a_title_block_is_found_in_a_workbook_too(tmp_path):
    """The same export saved from Excel: the title rows above, a blank row, the headings."""
    import io

    import openpyxl

    from equality_progress.inputs.tables import header_row, read_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["Staff list"], ["Run 01/04/2025"], [], ["Employee Number", "Gender", "Grade"]):
        ws.append(row)
    for row in (["E1", "F", 7], ["E2", "M", 9]):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    table, _ = read_xlsx(buf.getvalue(), "export.xlsx")
    assert header_row(table) == 4
    table, _ = read_xlsx(buf.getvalue(), "export.xlsx", header_row=4)
    assert table.headings == ["Employee Number", "Gender", "Grade"] and table.row_numbers == [5, 6]


def test_pay_gap_reads_a_workbook_and_an_old_excel_file_is_refused_with_the_fix(tmp_path, capsys):
    """Issue 22: pay-gap could not read .xlsx, and a .xls was told to 'save as CSV UTF-8'."""
    import openpyxl

    wb = openpyxl.Workbook()
    rows = [
        ("employee_id", "sex", "hourly_pay", "bonus_pay", "full_pay_relevant"),
        ("1", "Male", 20, 0, "true"),
        ("2", "Male", 10, 100, "true"),
        ("3", "Female", 15, 0, "true"),
        ("4", "Female", 5, 50, "true"),
    ]
    for row in rows:
        wb.active.append(row)
    book = tmp_path / "staff.xlsx"
    wb.save(book)
    assert commands.cmd_pay_gap(book) == 0
    # men 20, 10 (mean 15, median 15); women 15, 5 (mean 10, median 10): gaps 33.3%
    figures = json.loads(capsys.readouterr().out)
    assert figures["mean_hourly_gap_pct"] == figures["median_hourly_gap_pct"] == 33.3
    old = tmp_path / "staff.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)  # an OLE2 header
    with pytest.raises(InputError) as caught:
        commands.cmd_pay_gap(old)
    assert "save it as 'Excel Workbook (.xlsx)'" in str(caught.value)
    assert "CSV UTF-8" not in str(caught.value)


@pytest.fixture
def mapped_export(hr_export, tmp_path, monkeypatch) -> Path:
    """A project copy with lcrca's HR export (two sheets, the export's own headings and
    codes) in its 2024-25 folder and the mapping that reads it; the export's path."""
    from project_copy import make_project

    root = make_project(tmp_path / "project")
    (root / "params" / "mappings").mkdir()
    (root / "params" / "mappings" / "lcrca.yaml").write_bytes(
        (hr_export / "lcrca.yaml").read_bytes()
    )
    book = root / "data" / "lcrca" / "2024-25" / FILE
    book.write_bytes((hr_export / FILE).read_bytes())
    monkeypatch.setenv(PROJECT_ENV, str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    return book


def test_pay_gap_reads_an_hr_export_through_the_authoritys_mapping(mapped_export, capsys):
    """Issue 22 (D8): pay-gap could not read an HR export (its sheet, header row, headings
    and codes are the mapping's); with --authority it reads it as the loader does, and
    gives the figures of the contract's own file."""
    original = mapped_export.parent / "workforce.csv"
    assert cli.main(["pay-gap", "--input", str(original)]) == 0
    expected = json.loads(capsys.readouterr().out)
    args = ["pay-gap", "--input", str(mapped_export), "--authority", "lcrca"]
    assert cli.main(args) == 0, capsys.readouterr().err
    out, err = capsys.readouterr()
    assert json.loads(out) == expected
    assert "note: " in err and "'Cost Centre'" in err  # notes go to stderr, not the JSON


def test_pay_gap_of_a_workbook_of_several_sheets_names_its_own_flag(mapped_export, capsys):
    """The advice was "name the one to read as sheet: in the authority's mapping", a key
    pay-gap did not read; it names --sheet, and an export's headings point to --authority."""
    assert cli.main(["pay-gap", "--input", str(mapped_export)]) == 2
    err = capsys.readouterr().err
    assert "has 2 sheets (Staff in post, Notes); name the one to read with --sheet" in err
    assert "sheet: in" not in err
    args = ["pay-gap", "--input", str(mapped_export), "--sheet", "Staff in post"]
    assert cli.main(args) == 2
    err = capsys.readouterr().err
    assert "column 'employee_id': required column is missing" in err
    assert "read it through the authority's mapping with --authority ID" in err
    assert cli.main([*args[:3], "--sheet", "Staff"]) == 2
    assert "has no sheet 'Staff' (sheets: Staff in post, Notes); correct --sheet" in (
        capsys.readouterr().err
    )


def test_pay_gap_header_row_overrides_the_mappings(mapped_export, tmp_path, capsys):
    """An export saved with a title block the mapping does not expect: --header-row says
    where the headings are, for this run."""
    import openpyxl

    wb = openpyxl.load_workbook(mapped_export)
    wb["Staff in post"].insert_rows(1, 3)
    wb["Staff in post"]["A1"] = "Staff in post at 31 March 2025"
    titled = tmp_path / "titled.xlsx"
    wb.save(titled)
    args = ["pay-gap", "--input", str(titled), "--authority", "lcrca"]
    assert cli.main(args) == 2
    assert "no such heading" in capsys.readouterr().err
    assert cli.main([*args, "--header-row", "4"]) == 0, capsys.readouterr().err
    titled_figures = json.loads(capsys.readouterr().out)
    assert cli.main(["pay-gap", "--input", str(mapped_export), "--authority", "lcrca"]) == 0
    assert titled_figures == json.loads(capsys.readouterr().out)

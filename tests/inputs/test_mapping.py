"""An HR system's export, through the authority's mapping, gives exactly the data contract's
table; every problem names the export's own file, row and heading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from project_copy import ROOT, make_project

from equality_progress.batch import cli
from equality_progress.errors import InputError
from equality_progress.inputs.checking import read_checked
from equality_progress.inputs.contracts import CONTRACTS
from equality_progress.inputs.derived import age_band
from equality_progress.inputs.loading import contract_read
from equality_progress.inputs.mapping import load_mapping
from equality_progress.tools.hr_export import FILE, SHEET
from equality_progress.years import FinancialYear

YEAR = FinancialYear(2024)
VALIDATE = ["validate", "--authority", "lcrca", "--year", "2024-25"]


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(1990, 4, 1), "30-34"),  # 34 on 31 March 2025: the birthday is a day away
        (date(1990, 3, 31), "35-39"),  # 35 that very day
        (date(2009, 3, 31), "16-19"),
        (date(1960, 3, 31), "65+"),
        (date(1960, 4, 1), "60-64"),
        (date(2009, 4, 1), None),  # 15: under working age
    ],
)
def test_age_band_at_the_snapshot_date(born, band):
    assert age_band(born, YEAR.snapshot_date) == band


@pytest.fixture
def export_project(hr_export, tmp_path, monkeypatch) -> Path:
    """A project copy whose lcrca 2024-25 workforce comes as the synthetic HR export."""
    root = make_project(tmp_path / "project")
    folder = root / "data" / "lcrca" / "2024-25"
    (folder / FILE).write_bytes((hr_export / FILE).read_bytes())
    (root / "params" / "mappings").mkdir()
    (root / "params" / "mappings" / "lcrca.yaml").write_bytes(
        (hr_export / "lcrca.yaml").read_bytes()
    )
    (folder / "workforce.csv").rename(tmp_path / "workforce.csv")  # kept to compare
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    return root


def test_the_mapped_export_is_exactly_the_contracts_table(export_project, tmp_path, capsys):
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    fm = load_mapping("lcrca").files["workforce"]
    book = export_project / "data" / "lcrca" / "2024-25" / FILE
    mapped, problems = contract_read(book, "workforce", YEAR, True, fm, "lcrca")
    original, none = read_checked(tmp_path / "workforce.csv", CONTRACTS["workforce"], "w")
    assert none == []
    pd.testing.assert_frame_equal(mapped, original)
    notes = [p.message for p in problems]
    assert notes == ["1 column(s) that the mapping does not read are ignored: 'Cost Centre'"]


def _edit_cell(book: Path, heading: str, row: int, value: str) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb[SHEET]
    col = [c.value for c in ws[1]].index(heading) + 1
    ws.cell(row=row, column=col, value=value)
    wb.save(book)


def test_an_unmapped_code_is_named_once_with_its_count(export_project, capsys):
    book = export_project / "data" / "lcrca" / "2024-25" / FILE
    _edit_cell(book, "Ethnic Origin", 5, "Asian or Asian British - Sri Lankan")
    _edit_cell(book, "Ethnic Origin", 9, "Asian or Asian British - Sri Lankan")
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    line = next(x for x in err.splitlines() if "Sri Lankan" in x)
    assert line.strip().startswith(
        "- data/lcrca/2024-25/hr_export.xlsx (sheet 'Staff in post'), row 5, "
        "column 'Ethnic Origin': code on 2 row(s), the first here, is not mapped"
    )
    assert "params/mappings/lcrca.yaml" in line
    assert err.count("Sri Lankan") == 1


def test_a_date_in_another_format_names_the_heading(export_project, capsys):
    _edit_cell(
        export_project / "data" / "lcrca" / "2024-25" / FILE, "Date of Birth", 3, "1985-13-02"
    )
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "row 3, column 'Date of Birth': is not a date written dd/mm/yyyy" in err
    # once: not again as an empty age band (issue 22's trial found it reported twice)
    assert err.count("row 3") == 1 and "is empty" not in err, err


def test_a_heading_the_mapping_names_but_the_file_lacks(export_project, capsys):
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Ethnic Origin", "Ethnic Orign"), encoding="utf-8"
    )
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "reads column 'Ethnic Orign' for ethnicity, but the file has no such heading" in err
    assert "(did you mean 'Ethnic Origin'?)" in err


def test_a_mapping_to_a_code_the_contract_lacks_is_refused(export_project, capsys):
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    mapping["files"]["workforce"]["codes"]["sex"]["F"] = "Femal"
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "'F' maps to 'Femal', which is not a code of sex (did you mean 'Female'?)" in err


def test_unquoted_yes_in_a_code_map_is_explained(export_project, capsys):
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("'Yes': Disabled", "Yes: Disabled"),
        encoding="utf-8",
    )
    assert cli.main(VALIDATE) == 1
    assert "write each export code in quotes" in capsys.readouterr().err


def test_every_problem_of_a_drafted_mapping_is_listed_in_one_run(export_project, capsys):
    """After `map --write`, validate showed only the TODO in derive:, and the codes left as
    TODO only on the next run (issue 22, D10): the model's errors and the contract's
    problems are now listed together."""
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    workforce = mapping["files"]["workforce"]
    workforce["derive"]["senior_role"] = {"senior_grades": ["TODO"]}
    workforce["codes"]["sex"]["F"] = "TODO"
    workforce["codes"]["sex"]["f"] = "Female"  # the same code, another category too
    workforce["codes"]["sex"]["M"] = "TODO"
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_mapping("lcrca")
    said = [p.message for p in caught.value.problems]
    assert any("senior_grades: replace TODO" in m for m in said), said
    assert any("'F' maps to 'TODO', which is not a code of sex" in m for m in said), said
    # the fix: the codes it may map to (issue 22's trial), once per column
    from equality_progress.inputs.contracts import SEX

    todo = [m for m in said if "maps to 'TODO'" in m]
    assert todo[0].endswith("; use one of: " + "; ".join(SEX)), todo
    assert len(todo) == 2 and todo[1].endswith("; use one of the codes listed for 'F'"), todo
    assert any("'F' and 'f' are the same code" in m for m in said), said
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "replace TODO" in err
    assert "'F' maps to 'TODO'" in err


def test_unquoted_codes_do_not_hide_the_other_problems(export_project):
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    _rewrite(path, "'Yes': Disabled", "Yes: Disabled")
    _rewrite(path, "        F: Female\n", "        F: Femal\n")
    with pytest.raises(InputError) as caught:
        load_mapping("lcrca")
    said = [p.message for p in caught.value.problems]
    assert any("write each export code in quotes" in m for m in said), said
    assert any("'F' maps to 'Femal'" in m for m in said), said


def test_a_workbook_with_the_contracts_columns_needs_no_mapping(tmp_path, monkeypatch, capsys):
    from project_copy import csv_to_xlsx

    root = make_project(tmp_path / "project")
    folder = root / "data" / "lcrca" / "2024-25"
    csv_to_xlsx(folder / "workforce.csv", folder / "workforce.xlsx")
    (folder / "workforce.csv").unlink()
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err


def test_the_walkthrough_runs_as_written(tmp_path, monkeypatch, capsys):
    """docs/hr-export.md, step by step: init (whose stub catalogue names the files it
    needs), the seeded generator's export, map --write, the completed mapping, the params'
    absent: and published: lines, validate, and the build, to a published report."""
    import subprocess
    import sys

    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    monkeypatch.chdir(root)
    assert cli.main(["init", "newtown", "--year", "2024/25"]) == 0
    capsys.readouterr()
    assert cli.main(["validate", "--authority", "newtown"]) == 1
    err = capsys.readouterr().err
    assert "newtown/2024-25/workforce.csv: is missing, and this year's report needs it" in err
    assert "newtown/2023-24/workforce.csv: is missing" in err
    export = tmp_path / "newtown-export"
    script = ROOT / "scripts" / "generate_sample_data.py"
    subprocess.run([sys.executable, str(script), "--hr-export", str(export)], check=True)
    (root / "data" / "newtown" / "2024-25" / FILE).write_bytes((export / FILE).read_bytes())
    validate = ["validate", "--authority", "newtown"]
    capsys.readouterr()
    assert cli.main(validate) == 1
    assert (
        f"hr_export.xlsx: nothing reads this file; if it is an HR export, draft its mapping "
        f"with 'equality-progress map --authority newtown --input data/newtown/2024-25/{FILE} "
        "--write'"
    ) in capsys.readouterr().err
    book = f"data/newtown/2024-25/{FILE}"
    assert (
        cli.main(["map", "--authority", "newtown", "--input", book, "--sheet", SHEET, "--write"])
        == 0
    )
    assert cli.main(validate) == 1
    assert "replace TODO with the grades of senior roles" in capsys.readouterr().err
    (root / "params" / "mappings" / "newtown.yaml").write_bytes(
        (export / "newtown.yaml").read_bytes()
    )
    doc = (ROOT / "docs" / "hr-export.md").read_text(encoding="utf-8")
    lines = doc.split("```yaml\npublished:", 1)[1].split("```", 1)[0]
    with (root / "params" / "authorities" / "newtown.yaml").open("a", encoding="utf-8") as fh:
        fh.write("published:" + lines)  # the two lines as the walkthrough gives them
    assert cli.main(validate) == 0, capsys.readouterr().err
    out = tmp_path / "reports"
    build = ["--authority", "newtown", "--year", "2024-25", "--format", "html", "--jobs", "1"]
    assert cli.main([*build, "--output", str(out)]) == 0, capsys.readouterr()
    html = (out / "newtown" / "2024-25" / "report.html").read_text(encoding="utf-8")
    assert "Ethnic-minority share of the workforce" in html and "published 30 June 2025" in html
    assert (out / "newtown" / "2024-25" / "indicators.csv").is_file()


def test_the_mapping_is_a_dependency_of_the_report(export_project, tmp_path):
    """Editing the mapping makes the report stale, and the report names it in provenance."""
    from equality_progress.batch import staleness
    from equality_progress.batch.jobs import Options

    opts = Options(output=tmp_path / "reports")
    deps = staleness.dependencies("lcrca", "2024-25", opts, export_project)
    mapping = deps["params/mappings/lcrca.yaml"]
    assert mapping == export_project / "params" / "mappings" / "lcrca.yaml"
    assert deps["data/lcrca/2024-25/hr_export.xlsx"].exists()
    _, before = staleness.key("lcrca", "2024-25", opts, export_project)
    with mapping.open("a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    assert staleness.key("lcrca", "2024-25", opts, export_project)[1] != before


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_code_mapped_twice_is_refused_not_the_last_kept(export_project, capsys):
    """YAML keeps the last of two equal keys: a code mapped twice to different categories
    published 93.7% ethnic-minority staff (issue 22). Now it is an error naming the line."""
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    _rewrite(
        path,
        "        White - Irish: White Irish\n",
        "        White - Irish: White Irish\n        White - Irish: Any other White background\n",
    )
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "params/mappings/lcrca.yaml" in err
    assert "the key 'White - Irish' is given twice (first on line" in err


def test_codes_match_whatever_their_case_and_spaces(export_project, tmp_path, capsys):
    book = export_project / "data" / "lcrca" / "2024-25" / FILE
    _edit_cell(book, "Ethnic Origin", 5, "  white - IRISH ")
    fm = load_mapping("lcrca").files["workforce"]
    mapped, problems = contract_read(book, "workforce", YEAR, True, fm, "lcrca")
    assert mapped["ethnicity"].iloc[3] == "White Irish"  # row 5: the header is row 1
    assert not [p for p in problems if p.rule == "code list"]


def test_two_spellings_of_one_code_mapped_apart_are_refused(export_project, capsys):
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    _rewrite(
        path,
        "        White - Irish: White Irish\n",
        "        White - Irish: White Irish\n        WHITE - IRISH: Any other White background\n",
    )
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "'White - Irish' and 'WHITE - IRISH' are the same code" in err


def test_senior_grades_that_match_no_row_are_an_error(export_project, capsys):
    """A senior grade typed so that it matches no row lost 50 of 62 senior roles with only
    a note (issue 22); case and spaces now match, and a grade on no row is an error."""
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    _rewrite(path, "        - Grade 9\n", "        - 'GRADE 9 '\n")
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err  # the same grade, matched
    capsys.readouterr()
    _rewrite(path, "        - 'GRADE 9 '\n", "        - Grade 99\n")
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "senior_grades names a grade found on no row of this file" in err
    assert "(found 'Grade 99')" in err


def test_blank_cells_mean_what_the_mapping_says(export_project, capsys):
    """Issue 22: "blank Bonus Paid means 0" and "blank ethnicity means Not recorded" are
    said once in the mapping (blank:), not by an undocumented '' code or a hand edit."""
    book = export_project / "data" / "lcrca" / "2024-25" / FILE
    _edit_cell(book, "Bonus Paid (12 months)", 4, "")
    _edit_cell(book, "Ethnic Origin", 6, "")
    assert cli.main(VALIDATE) == 1
    err = capsys.readouterr().err
    assert "column 'Bonus Paid (12 months)'" in err and "column 'Ethnic Origin'" in err
    # the message leads to the fix (issue 22's trial: "is empty" never mentioned blank:)
    assert "is empty; if an empty cell here means something, say what under blank: in the " in err
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    mapping["files"]["workforce"]["blank"] = {"bonus_pay": 0, "ethnicity": "Not recorded"}
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    fm = load_mapping("lcrca").files["workforce"]
    mapped, _ = contract_read(book, "workforce", YEAR, True, fm, "lcrca")
    assert mapped["bonus_pay"].iloc[2] == 0 and mapped["ethnicity"].iloc[4] == "Not recorded"
    mapping["files"]["workforce"]["blank"] = {"bonus_paid": 0}
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 1
    assert "files.workforce.blank: 'bonus_paid' is not a column of workforce" in (
        capsys.readouterr().err
    )


def test_an_ods_export_with_a_title_block_mixed_case_and_blanks_maps_and_validates(
    export_project, tmp_path, capsys
):
    """Issue 22's done-when: an export with a three-line title block, mixed-case codes,
    blanks meant as "not recorded" and saved as .ods maps and builds without a hand edit:
    `map` finds the headings on row 4, the mapping reads the .ods from there (blank:
    for the blanks), and the mapped table is the contract's table (recounted from the CSV)."""
    folder = export_project / "data" / "lcrca" / "2024-25"
    book = folder / FILE
    sheet = pd.read_excel(book, sheet_name=SHEET, dtype=object)
    sheet["Gender"] = sheet["Gender"].str.lower()  # "f", "m": mixed with the mapping's F, M
    blank = sheet["Ethnic Origin"] == "Not Known"
    assert blank.any()
    sheet.loc[blank, "Ethnic Origin"] = None  # blank means not recorded
    ods = folder / "hr_export.ods"
    width = len(sheet.columns)
    title = [["Staff in post at 31 March 2025"], ["Produced by HR Systems"], []]
    rows = [r + [None] * (width - len(r)) for r in title] + [list(sheet.columns)]
    rows += sheet.astype(object).where(sheet.notna(), None).values.tolist()
    with pd.ExcelWriter(ods, engine="odf") as writer:  # rows 1-3 a title block, 4 headings
        pd.DataFrame(rows).to_excel(writer, sheet_name=SHEET, index=False, header=False)
    book.unlink()
    # map finds the headings below the title block
    args = ["map", "--authority", "lcrca", "--input", str(ods), "--sheet", SHEET]
    assert cli.main(args) == 0
    drafted = yaml.safe_load(capsys.readouterr().out)["files"]["workforce"]
    assert drafted["header_row"] == 4 and drafted["columns"]["sex"] == "Gender"
    # the analyst's mapping, pointed at the .ods, with the draft's header_row and a blank rule
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    fm = mapping["files"]["workforce"]
    fm.update(file="hr_export.ods", header_row=4, blank={"ethnicity": "Not recorded"})
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    mapped, _ = contract_read(
        ods, "workforce", YEAR, True, load_mapping("lcrca").files["workforce"], "lcrca"
    )
    original, none = read_checked(tmp_path / "workforce.csv", CONTRACTS["workforce"], "w")
    assert none == []
    pd.testing.assert_frame_equal(mapped, original)


def test_a_second_export_beside_a_mapped_one_is_told_to_name_it_under_file(export_project, capsys):
    """Issue 22's trial: a workbook nothing reads was told to draft a mapping with
    `map --write`, which makes one only where there is none. With a mapping, the message
    names its file: line instead."""
    folder = export_project / "data" / "lcrca" / "2024-25"
    (folder / "staff_2025-03-31.xlsx").write_bytes((folder / FILE).read_bytes())
    assert cli.main(VALIDATE) == 1
    assert (
        "data/lcrca/2024-25/staff_2025-03-31.xlsx: nothing reads this file; if it is this "
        "year's HR export, name it under file: in params/mappings/lcrca.yaml (one name, or one "
        "per year: {2024-25: staff_2025-03-31.xlsx}), or move it out of the data folder"
    ) in capsys.readouterr().err


def test_one_mapping_names_a_file_per_year(export_project, capsys):
    """Issue 22: an HR system that names its export by date needs one mapping whose file:
    gives each year's name (years written as people write them)."""
    folder = export_project / "data" / "lcrca" / "2024-25"
    (folder / FILE).rename(folder / "staff_2025-03-31.xlsx")
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    mapping["files"]["workforce"]["file"] = {
        "2024/25": "staff_2025-03-31.xlsx",
        "2025-26": "staff_2026-03-31.xlsx",
    }
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    fm = load_mapping("lcrca").files["workforce"]
    assert fm.file == {"2024-25": "staff_2025-03-31.xlsx", "2025-26": "staff_2026-03-31.xlsx"}
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    mapped, _ = contract_read(
        folder / "staff_2025-03-31.xlsx", "workforce", YEAR, True, fm, "lcrca"
    )
    assert len(mapped) > 900 and set(mapped["sex"]) == {"Female", "Male"}


def _rewritten(root: Path, change, edit, sheet_name: str = SHEET):  # noqa: ANN001
    """The 2024-25 export with its sheet changed by ``change`` (a frame to the rows to
    write, headings included) and the mapping by ``edit`` (the fixture's known slip, a
    blank: rule for a column the contract lacks, mended); the mapping's path."""
    folder = root / "data" / "lcrca" / "2024-25"
    rows = change(pd.read_excel(folder / FILE, sheet_name=SHEET, dtype=object))
    with pd.ExcelWriter(folder / FILE, engine="openpyxl") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name=sheet_name, index=False, header=False)
    path = root / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    fm = mapping["files"]["workforce"]
    fm.setdefault("blank", {}).pop("bonus_paid", None)
    edit(fm)
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    return path, mapping


def _rows(sheet: pd.DataFrame) -> list[list]:
    return [list(sheet.columns), *sheet.astype(object).where(sheet.notna(), None).values.tolist()]


def _mapped_is_the_csv(root: Path, tmp_path: Path) -> list:
    """The mapped 2024-25 export is the contract's table the CSV gives; its notes."""
    fm = load_mapping("lcrca").files["workforce"]
    book = root / "data" / "lcrca" / "2024-25" / FILE
    mapped, said = contract_read(book, "workforce", YEAR, True, fm, "lcrca")
    original, none = read_checked(tmp_path / "workforce.csv", CONTRACTS["workforce"], "w")
    assert none == []
    pd.testing.assert_frame_equal(mapped, original)
    return said


def test_a_sheet_and_heading_row_may_differ_by_year(export_project, tmp_path, capsys):
    """Issue 22's trial: an HR system that renamed its sheet and added a title block in one
    year needed a second mapping. sheet: and header_row: take one value per year, as
    file: does; a year left out of either is named, never guessed."""
    title = [["Staff in post at 31 March 2025"], ["Produced by HR Systems"], []]

    def titled(sheet: pd.DataFrame) -> list[list]:
        return [r + [None] * (len(sheet.columns) - len(r)) for r in title] + _rows(sheet)

    def per_year(fm: dict) -> None:
        fm.update(sheet={"2024/25": "Staff 2025", "2025-26": SHEET}, header_row={"2024-25": 4})

    path, mapping = _rewritten(export_project, titled, per_year, "Staff 2025")
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    _mapped_is_the_csv(export_project, tmp_path)
    mapping["files"]["workforce"]["header_row"] = {"2025-26": 1}
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 1
    assert (
        "params/mappings/lcrca.yaml: files.workforce.header_row: is given year by year "
        "(2025-26) and not for 2024-25; add 2024-25: to it"
    ) in capsys.readouterr().err
    # a row 0 (counting from 0) would read the last line as headings: refused
    mapping["files"]["workforce"]["header_row"] = {"2024-25": 0}
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 1
    assert "the row the headings are on, counted from 1" in capsys.readouterr().err


def test_an_export_of_annual_salaries_maps_to_the_same_hourly_pay(export_project, tmp_path, capsys):
    """Issue 22's trial: an HR export holding full-time annual salaries, not hourly rates.
    derive: hourly_pay: annual_from: works the rate out (salary / (365 / 7) / 37); the
    salaries here are the hourly rates times 1,929.29 (52.14 weeks of 37 hours), to the
    penny, so the mapped table is the contract's table (recounted from the CSV)."""

    def salaries(sheet: pd.DataFrame) -> list[list]:
        pounds = sheet.pop("Hourly Rate").str.replace("[£,]", "", regex=True).astype(float)
        sheet["Salary (FTE)"] = (pounds * 365 / 7 * 37).round(2).map(lambda v: f"£{v:,.2f}")
        return _rows(sheet)

    def derived(fm: dict) -> None:
        del fm["columns"]["hourly_pay"]
        rule = {"annual_from": "Salary (FTE)", "standard_week": 37}
        fm.setdefault("derive", {})["hourly_pay"] = rule

    _rewritten(export_project, salaries, derived)
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    _mapped_is_the_csv(export_project, tmp_path)


def test_a_grade_mapping_may_list_only_the_grades_it_renames(export_project, tmp_path, capsys):
    """Issue 22's trial: an export writing one grade its own way ('G10') needed every grade
    listed under codes: grade:, or each other grade was an error. Grade is free text: the
    listed codes are renamed, the rest kept as written, with a note; the mapped table is the
    contract's table (recounted from the CSV)."""

    def g10(sheet: pd.DataFrame) -> list[list]:
        sheet["Grade"] = sheet["Grade"].replace({"Grade 10": "G10"})
        return _rows(sheet)

    _rewritten(export_project, g10, lambda fm: fm["codes"].update(grade={"G10": "Grade 10"}))
    assert cli.main(VALIDATE) == 0, capsys.readouterr().err
    said = _mapped_is_the_csv(export_project, tmp_path)
    assert [p.message for p in said if p.message.startswith("codes: grade:")] == [
        "codes: grade: lists 1 of its codes; the other 9 ('Grade 5', 'Grade 6', 'Grade 7', "
        "...) are kept as written"
    ]


def test_two_spellings_of_one_code_are_read_as_one_with_a_note(export_project):
    """Issue 22: codes match after trimming and case-folding, "with a note when two spellings
    meet": one 'f' among the export's F codes is a woman, and said so once."""
    book = export_project / "data" / "lcrca" / "2024-25" / FILE
    sheet = pd.read_excel(book, sheet_name=SHEET, dtype=object)
    row = int((sheet["Gender"] == "F").to_numpy().nonzero()[0][0]) + 2
    _edit_cell(book, "Gender", row, "f")
    fm = load_mapping("lcrca").files["workforce"]
    mapped, problems = contract_read(book, "workforce", YEAR, True, fm, "lcrca")
    women = int((sheet["Gender"] == "F").sum())
    assert int((mapped["sex"] == "Female").sum()) == women
    notes = [str(p) for p in problems if "read as one" in p.message]
    assert notes == [
        f"data/lcrca/2024-25/{FILE} (sheet '{SHEET}'), column 'Gender': codes written 'F' "
        f"({women - 1} row(s)) and 'f' (1 row(s)) are read as one, 'Female' (codes match "
        "whatever their case and spaces)"
    ]


def test_a_column_the_mapping_leaves_out_is_pointed_to_the_headings_it_does_not_read(
    export_project, capsys
):
    """Issue 22's trial: "required column is missing" for employee_id, while the same run
    listed "Person Ref" among the headings the mapping ignores. The message now names them."""
    path = export_project / "params" / "mappings" / "lcrca.yaml"
    mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    del mapping["files"]["workforce"]["columns"]["employee_id"]
    path.write_text(yaml.safe_dump(mapping), encoding="utf-8")
    assert cli.main(VALIDATE) == 1
    line = next(x for x in capsys.readouterr().err.splitlines() if "'employee_id'" in x)
    assert "required column is missing; map it under columns: employee_id: in the mapping, " in line
    assert "from one of the headings it does not read: 'Employee Number'" in line

"""Input validation: every file in the bad-input corpus gives its message; all problems in
a file are reported at once; a valid file loads with the right types."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from equality_progress.inputs.checking import NOTE, check_csv, check_table, errors, read_checked
from equality_progress.inputs.contracts import CONTRACTS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
YEAR = (date(2024, 4, 1), date(2025, 3, 31))
# the corpus cases that are one bad file in place of a contract's CSV (not a good file from
# another fixture folder, "../", that is bad only against the other years' files)
FILE_CASES = {
    name: (Path(dest).stem, source, case)
    for name, case in CASES.items()
    for dest, source in (case.get("put") or {}).items()
    if isinstance(source, str) and Path(dest).stem in CONTRACTS and not source.startswith("../")
}


@pytest.mark.parametrize("name", sorted(FILE_CASES))
def test_corpus_file_gives_its_message(name):
    contract, source, case = FILE_CASES[name]
    frame, problems = read_checked(CORPUS / source, CONTRACTS[contract], source, *YEAR)
    assert frame is None
    matching = [p for p in problems if case["message"] in str(p)]
    assert matching, [str(p) for p in problems]
    text = str(matching[0])
    assert text.startswith(source)
    where = case["where"].split(", ", 1)
    assert len(where) == 1 or text.startswith(f"{source}, {where[1]}"), text


def test_an_extra_column_is_ignored_with_one_note():
    frame, problems = read_checked(CORPUS / "unexpected_column.csv", CONTRACTS["workforce"], "w")
    assert frame is not None and "salary_band" not in frame.columns
    assert [p.rule for p in problems] == [NOTE]
    assert "'salary_band'" in problems[0].message and "ignored" in problems[0].message


def test_an_unknown_code_is_listed_once_with_its_count_and_a_suggestion(tmp_path):
    lines = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    bad = [lines[0]] + [
        line.replace("White British", "white british").replace("E0100", f"E{i}")
        for i in range(3)
        for line in lines[1:]
    ]
    f = tmp_path / "workforce.csv"
    f.write_text("\n".join(bad) + "\n", encoding="utf-8")
    _, problems = read_checked(f, CONTRACTS["workforce"], "workforce.csv")
    coded = [p for p in problems if p.rule == "code list"]
    assert len(coded) == 1, [str(p) for p in coded]
    n = sum("White British" in line for line in lines[1:]) * 3
    assert f"on {n} rows" in coded[0].message
    assert "did you mean 'White British'?" in coded[0].message


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("x,,13,,s", "has a numerator but no denominator"),
        ("x,,,16,s", "has a denominator but no numerator"),
        ("x,,17,16,s", "the numerator (17) is larger than the denominator (16)"),
    ],
)
def test_a_proportion_needs_both_parts_in_order(cells, message):
    raw = f"indicator_id,value,numerator,denominator,source\n{cells}\n".encode()
    frame, problems = check_csv(raw, CONTRACTS["reported"], "measures.csv")
    assert frame is None and [p.row for p in problems] == [2]
    assert message in problems[0].message


def test_every_problem_is_reported_at_once(tmp_path):
    good = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    bad = (
        good[1]
        .replace("18.42", "£18.42")
        .replace("White British", "W1")
        .replace(",false,", ",maybe,")
    )
    f = tmp_path / "workforce.csv"
    f.write_text("\n".join([good[0], bad, good[2], good[2]]) + "\n", encoding="utf-8")
    _, problems = read_checked(f, CONTRACTS["workforce"], "workforce.csv")
    found = {(p.row, p.column) for p in problems}
    assert {(2, "hourly_pay"), (2, "ethnicity"), (2, "senior_role"), (4, "employee_id")} <= found
    assert all(p.value is not None for p in problems if p.column)


def test_valid_file_loads_with_types():
    frame, problems = read_checked(CORPUS / "valid_workforce.csv", CONTRACTS["workforce"], "w")
    assert problems == []
    assert frame["senior_role"].tolist() == [False, True, False]
    assert frame["hourly_pay"].sum() == pytest.approx(18.42 + 31.10 + 12.75)


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_bulk_checks_give_the_same_frame_as_cell_by_cell(contract, monkeypatch):
    """The bulk fast paths are a shortcut only: switched off, every sample file gives an
    identical frame (values and dtypes) through the cell-by-cell check."""
    from equality_progress.inputs import checking

    files = sorted((ROOT / "data").glob(f"*/*/{CONTRACTS[contract].filename}"))
    assert files
    fast = [read_checked(f, CONTRACTS[contract], f.name)[0] for f in files]
    monkeypatch.setattr(checking, "_bulk", lambda cells, col: None)
    for f, frame in zip(files, fast, strict=True):
        slow, problems = read_checked(f, CONTRACTS[contract], f.name)
        assert problems == [] and frame is not None
        pd.testing.assert_frame_equal(frame, slow)


def test_spaces_around_cells_are_ignored(tmp_path):
    lines = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    padded = [lines[0]] + [", ".join(f" {c}" for c in line.split(",")) for line in lines[1:]]
    f = tmp_path / "workforce.csv"
    f.write_text("\n".join(padded) + "\n", encoding="utf-8")
    frame, problems = read_checked(f, CONTRACTS["workforce"], "w")
    plain, _ = read_checked(CORPUS / "valid_workforce.csv", CONTRACTS["workforce"], "w")
    assert problems == []
    pd.testing.assert_frame_equal(frame, plain)


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("white british", " (did you mean 'White British'?)"),
        ("Asian or Asian British - Indian", " (did you mean 'Indian'?)"),
        ("Pakistan", " (did you mean 'Pakistani'?)"),
        ("12345", ""),
    ],
)
def test_did_you_mean_offers_the_closest_code_or_nothing(value, hint):
    from equality_progress.inputs.checking import did_you_mean
    from equality_progress.inputs.contracts import ETHNICITY

    assert did_you_mean(value, ETHNICITY) == hint


def test_notes_and_errors_are_told_apart():
    from equality_progress.errors import Problem
    from equality_progress.inputs.checking import notes

    note = Problem("f.csv", "ignored", rule=NOTE)
    error = Problem("f.csv", "is empty", row=2, column="x", rule="required")
    assert errors([note, error]) == [error] and notes([note, error]) == [note]


@pytest.mark.parametrize(
    ("score", "message"),
    [("3.5", "is not a whole number"), ("8", "is above the largest plausible value, 7")],
)
def test_a_survey_score_is_a_whole_number_from_1_to_7(score, message):
    raw = (
        "response_id,sex,ethnicity,disability,sexual_orientation,age_band,edi_score\n"
        f"R1,Male,White British,Disabled,Heterosexual,50-54,{score}\n"
        "R2,Female,Indian,Not disabled,Bisexual,30-34,6\n"
    ).encode()
    frame, problems = check_csv(raw, CONTRACTS["staff_survey"], "staff_survey.csv")
    assert frame is None
    assert [(p.row, p.column, p.value, p.message) for p in problems] == [
        (2, "edi_score", score, message)
    ]


def test_whole_scores_load_as_integers():
    raw = (
        b"response_id,sex,ethnicity,disability,age_band,edi_score\n"
        b"R1,Male,White British,Disabled,50-54,7\nR2,Female,Indian,Not disabled,30-34,1\n"
    )
    frame, problems = check_csv(raw, CONTRACTS["staff_survey"], "staff_survey.csv")
    assert problems == [] and str(frame["edi_score"].dtype) == "Int64"
    assert frame["edi_score"].tolist() == [7, 1]


def test_a_date_in_another_format_is_named():
    raw = b"employee_id,completed,completion_date\nE1,true,02/11/2024\nE2,no,\n"
    frame, problems = check_csv(raw, CONTRACTS["training"], "training.csv", *YEAR)
    assert frame is None
    assert [(p.row, p.column, p.message) for p in problems] == [
        (2, "completion_date", "is not a date written YYYY-MM-DD")
    ]


def test_a_mapped_files_problem_names_the_analysts_own_heading():
    from equality_progress.inputs.tables import Table

    contract = CONTRACTS["training"]
    table = Table(
        "hr.xlsx (sheet 'Training')",
        ["employee_id", "completed", "completion_date"],
        [["E1", "maybe", ""]],
        [7],
        labels={"completed": "Course Done"},
    )
    frame, problems = check_table(table, contract)
    assert frame is None
    assert str(problems[0]).startswith("hr.xlsx (sheet 'Training'), row 7, column 'Course Done'")
    assert "is not true or false" in str(problems[0])


def test_heading_problems_name_the_row_the_headings_are_on():
    """Issue 22: below a three-line title block the headings are on row 4, and a problem
    with them was reported at row 1."""
    from equality_progress.inputs.checking import check_table
    from equality_progress.inputs.contracts import WORKFORCE
    from equality_progress.inputs.tables import read_csv

    raw = b"Staff list\nRun 1 April,\n,\nemployee_id,sex\nE1,Male\n"
    table, problems = read_csv(raw, "export.csv", 4)
    assert problems == [] and table.header_number == 4 and table.row_numbers == [5]
    _, found = check_table(table, WORKFORCE)
    headings = [p for p in found if p.rule == "columns"]
    assert headings and {p.row for p in headings} == {4}


def test_ids_that_differ_only_in_case_or_spaces_are_one_person(tmp_path):
    """Issue 22's trial: row 20 repeated as 'nt100868' beside 'NT100868' was counted twice
    (the median pay gap moved). The second is a duplicate, naming the first row and why."""
    lines = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",", 1)
    again = first[0].lower() + " ," + first[1]
    f = tmp_path / "workforce.csv"
    f.write_text("\n".join([*lines, again]) + "\n", encoding="utf-8")
    _, problems = read_checked(f, CONTRACTS["workforce"], "workforce.csv")
    assert [str(p) for p in problems] == [
        f"workforce.csv, row 5, column 'employee_id': is a duplicate id (already used on row 2 "
        f"as '{first[0]}': ids that differ only in case or spaces) (found '{first[0].lower()}')"
    ]


def test_a_grade_written_two_ways_loads_as_one_with_a_note(tmp_path):
    """Issue 22: a file whose 'GRADE 5' beside 'Grade 5' was an error (or, before, a grade of
    its own in the published table) loads with one spelling and a note naming both."""
    lines = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    grade = lines[1].split(",")[2]
    f = tmp_path / "workforce.csv"
    f.write_text(
        "\n".join([*lines, lines[1].replace("E01", "E09", 1).replace(grade, grade.upper())]) + "\n",
        encoding="utf-8",
    )
    frame, problems = read_checked(f, CONTRACTS["workforce"], "workforce.csv")
    assert frame is not None and frame["grade"].tolist().count(grade) == 2
    assert [(p.rule, p.row) for p in problems] == [(NOTE, 5)]
    assert f"read as '{grade}' throughout" in problems[0].message


def test_a_percent_sign_in_a_number_says_what_to_write():
    """Issue 22's trial: '45%' was 'is not a number', with no fix."""
    raw = b"indicator_id,value,numerator,denominator,source\nx,45%,,,Team return\n"
    _, problems = check_csv(raw, CONTRACTS["reported"], "measures.csv")
    assert [str(p) for p in problems] == [
        "measures.csv, row 2, column 'value': has a percent sign; write the number only "
        "(45, not 45%) (found '45%')"
    ]

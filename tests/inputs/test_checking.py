"""Input validation: every file in the bad-input corpus gives its message; all problems in
a file are reported at once; a valid file loads with the right types."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from equality_progress.inputs.checking import NOTE, check_csv, errors, read_checked
from equality_progress.inputs.contracts import CONTRACTS

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yaml").read_text(encoding="utf-8"))
YEAR = (date(2024, 4, 1), date(2025, 3, 31))
# the corpus cases that are one bad file in place of a contract's CSV
FILE_CASES = {
    name: (Path(dest).stem, source, case)
    for name, case in CASES.items()
    for dest, source in (case.get("put") or {}).items()
    if isinstance(source, str) and Path(dest).stem in CONTRACTS
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


def test_excel_csv_utf8_with_byte_order_mark_is_read():
    frame, problems = read_checked(CORPUS / "byte_order_mark.csv", CONTRACTS["workforce"], "w")
    assert errors(problems) == [] and frame.columns[0] == "employee_id"


def test_windows_1252_csv_is_read_with_its_pound_sign():
    raw = (CORPUS / "latin1_encoding.csv").read_bytes()
    assert b"\xa3" in raw  # '£' as Windows-1252 writes it, not valid UTF-8
    frame, problems = read_checked(CORPUS / "latin1_encoding.csv", CONTRACTS["workforce"], "w")
    assert errors(problems) == []
    assert frame["service_area"].iloc[0] == "Transport £"


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


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_each_contract_example_is_valid_and_documented(name, tmp_path):
    contract = CONTRACTS[name]
    header = ",".join(c.name for c in contract.columns)
    f = tmp_path / contract.filename
    f.write_text(f"{header}\n{contract.example}\n", encoding="utf-8")
    frame, problems = read_checked(f, contract, contract.filename, *YEAR)
    assert problems == [] and len(frame) == 1
    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-contracts.md").read_text(
        encoding="utf-8"
    )
    assert f"{header}\n{contract.example}" in doc, f"docs/data-contracts.md: {contract.filename}"


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

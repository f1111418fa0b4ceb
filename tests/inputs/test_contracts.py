"""Input validation: every file in the bad-input corpus gives its message; all problems in
a file are reported at once; a valid file loads with the right types."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from equality_progress.inputs.contracts import CONTRACTS, read_checked

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
YEAR = (date(2024, 4, 1), date(2025, 3, 31))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_gives_its_message(name):
    case = EXPECTED[name]
    frame, problems = read_checked(CORPUS / name, CONTRACTS[case["contract"]], name, *YEAR)
    assert frame is None
    matching = [p for p in problems if case["message"] in p.message]
    assert matching, [str(p) for p in problems]
    p = matching[0]
    assert p.file == name
    if "row" in case:
        assert p.row == case["row"]
    if "column" in case:
        assert p.column == case["column"]
    text = str(p)
    assert text.startswith(name) and case["message"] in text


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
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{header}\n{contract.example}" in readme, f"README's {contract.filename} example"


@pytest.mark.parametrize("contract", sorted(CONTRACTS))
def test_bulk_checks_give_the_same_frame_as_cell_by_cell(contract, monkeypatch):
    """The bulk fast paths are a shortcut only: switched off, every sample file gives an
    identical frame (values and dtypes) through the cell-by-cell check."""
    from equality_progress.inputs import contracts

    files = sorted((ROOT / "data").glob(f"*/*/{CONTRACTS[contract].filename}"))
    assert files
    fast = [read_checked(f, CONTRACTS[contract], f.name)[0] for f in files]
    monkeypatch.setattr(contracts, "_bulk", lambda cells, col: None)
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

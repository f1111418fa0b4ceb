"""The data contracts: each contract's example row is valid and is the one documented; a
file is matched to its contract by name, CSV or workbook; the code lists are the GSS
harmonised ones."""

from datetime import date
from pathlib import Path

import pytest

from equality_progress.inputs import contracts
from equality_progress.inputs.checking import read_checked
from equality_progress.inputs.contracts import CONTRACTS

YEAR = (date(2024, 4, 1), date(2025, 3, 31))


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


@pytest.mark.parametrize(
    ("filename", "contract"),
    [
        ("workforce.csv", "workforce"),
        ("workforce.xlsx", "workforce"),
        ("measures.csv", "reported"),
        ("staff_survey.xlsx", "staff_survey"),
        ("staff-survey.csv", None),
        ("commentary.yaml", None),
    ],
)
def test_a_file_is_matched_to_its_contract_by_name(filename, contract):
    found = contracts.contract_for_file(filename)
    assert (found.name if found else None) == contract


def test_ethnic_minority_is_every_gss_group_but_white_british():
    """GSS harmonised ethnicity (England): 19 groups; all but White British are minorities;
    'Prefer not to say' and 'Not recorded' are neither."""
    assert len(contracts.ETHNICITY) == 19 + 2
    assert len(contracts.ETHNIC_MINORITY) == 18
    assert "White Irish" in contracts.ETHNIC_MINORITY
    assert not {"White British", "Prefer not to say", "Not recorded"} & set(
        contracts.ETHNIC_MINORITY
    )


def test_every_contract_has_unique_columns_and_a_file_of_its_own():
    names = [c.filename for c in CONTRACTS.values()]
    assert len(set(names)) == len(names)
    for contract in CONTRACTS.values():
        columns = [c.name for c in contract.columns]
        assert len(set(columns)) == len(columns), contract.name
        assert all(c.categories for c in contract.columns if c.kind == "category")


def test_religion_or_belief_is_an_optional_column_of_census_codes():
    """Issue 22: the ONS Census 2021 categories and non-disclosure; optional."""
    from equality_progress.inputs.contracts import RELIGION, WORKFORCE

    col = next(c for c in WORKFORCE.columns if c.name == "religion")
    assert not col.required and col.categories == RELIGION
    assert {"No religion", "Christian", "Muslim", "Any other religion", "Prefer not to say"} <= set(
        RELIGION
    )

import pytest

from equality_progress.years import FinancialYear


def test_parse_label_and_snapshot():
    fy = FinancialYear.parse("2024-25")
    assert fy.label == "2024-25"
    assert fy.snapshot_date.isoformat() == "2025-03-31"
    assert fy.first_day.isoformat() == "2024-04-01"
    assert str(fy.previous()) == "2023-24"


def test_century_boundary():
    assert FinancialYear.parse("2099-00").label == "2099-00"


@pytest.mark.parametrize(
    "text", ["2024-25", "2024/25", "2024-2025", "2024 \u2013 25", " 2024/2025 "]
)
def test_one_grammar_for_a_year(text):
    """Every command, params file and parameter reads a year the same way."""
    assert FinancialYear.parse(text).label == "2024-25"


@pytest.mark.parametrize("bad", ["2024", "2024-26", "24-25", "2024/2026", "2024-5", ""])
def test_rejects_other_forms(bad):
    with pytest.raises(ValueError):
        FinancialYear.parse(bad)

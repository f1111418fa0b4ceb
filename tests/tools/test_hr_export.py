"""The synthetic HR export and its mapping: the export writes the same people the way an HR
system does, and the mapping's codes give back the contract's codes exactly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from equality_progress.tools import hr_export

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = date(2025, 3, 31)
WORKFORCE = pd.DataFrame(
    {
        "employee_id": ["E1", "E2", "E3"],
        "employer": ["LCRCA", "LCRCA", "Merseytravel"],
        "grade": ["Grade 7", "Grade 9", "Grade 3"],
        "senior_role": [False, True, False],
        "service_area": ["Transport", "Corporate", "Transport"],
        "sex": ["Female", "Male", "Female"],
        "ethnicity": ["White British", "Indian", "Not recorded"],
        "disability": ["Not disabled", "Disabled", "Prefer not to say"],
        "sexual_orientation": ["Heterosexual", "Gay or lesbian", "Not recorded"],
        "age_band": ["16-19", "35-39", "65+"],
        "care_experience": ["No", "Not recorded", "Yes"],
        "socio_economic_background": [
            "Not recorded",
            "Professional background",
            "Other or not known",
        ],
        "weekly_hours": [37, 18.5, 37],
        "hourly_pay": [18.42, 1031.1, 12.75],
        "full_pay_relevant": [True, True, False],
        "bonus_pay": [0.0, 1250.0, 0.0],
    }
)


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@pytest.mark.parametrize("band", ["16-19", "30-34", "60-64", "65+"])
def test_a_date_of_birth_puts_someone_in_their_band(band):
    rng = np.random.default_rng(7)
    low, high = (65, 67) if band == "65+" else map(int, band.split("-"))
    for _ in range(200):
        assert low <= _age(hr_export._born(band, SNAPSHOT, rng), SNAPSHOT) <= high


def test_the_export_is_written_as_an_hr_system_writes():
    frame = hr_export.export_frame(WORKFORCE, SNAPSHOT)
    assert list(frame.columns[:3]) == ["Employee Number", "Cost Centre", "Organisation"]
    assert frame["Gender"].tolist() == ["F", "M", "F"]
    assert frame["Hourly Rate"].tolist() == ["£18.42", "£1,031.10", "£12.75"]
    assert frame["Full Pay Relevant"].tolist() == ["Y", "Y", "N"]
    assert frame["Ethnic Origin"].tolist()[1:] == ["Asian or Asian British - Indian", "Not Known"]
    assert frame["Disability"].tolist() == ["No", "Yes", "Prefer not to say"]
    born = [date(int(d[6:]), int(d[3:5]), int(d[:2])) for d in frame["Date of Birth"]]
    assert [_age(b, SNAPSHOT) for b in born] in [
        [a, b, c] for a in range(16, 20) for b in range(35, 40) for c in range(65, 68)
    ]
    assert "senior_role" not in frame.columns and "Senior Role" not in frame.columns


def test_the_same_seed_gives_the_same_export():
    one = hr_export.export_frame(WORKFORCE, SNAPSHOT, seed=3)
    pd.testing.assert_frame_equal(one, hr_export.export_frame(WORKFORCE, SNAPSHOT, seed=3))
    other = hr_export.export_frame(WORKFORCE, SNAPSHOT, seed=4)
    assert not one["Date of Birth"].equals(other["Date of Birth"])


def test_the_mappings_codes_give_back_the_contracts_codes():
    """Read with the mapping (by hand here, not through inputs.mapping), every coded column
    of the sample's real export is the workforce file's column again."""
    workforce = pd.read_csv(
        ROOT / "data" / "lcrca" / "2024-25" / "workforce.csv", keep_default_na=False
    )
    frame = hr_export.export_frame(workforce, SNAPSHOT)
    spec = hr_export.mapping("lcrca")["files"]["workforce"]
    assert (frame["Ethnic Origin"] == hr_export.OLD_WHITE_BRITISH).any()  # many to one
    for column, codes in spec["codes"].items():
        heading = spec["columns"][column]
        back = frame[heading].map(lambda v, codes=codes: codes.get(v, v))
        assert back.tolist() == workforce[column].tolist(), column
    assert set(spec["derive"]["senior_role"]["senior_grades"]) == set(
        workforce.loc[workforce["senior_role"], "grade"]
    )


def test_write_export_writes_the_workbook_and_the_mapping(tmp_path):
    source = tmp_path / "workforce.csv"
    WORKFORCE.to_csv(source, index=False)
    written = hr_export.write_export(source, SNAPSHOT, tmp_path / "out", "newtown")
    assert written == [tmp_path / "out" / "hr_export.xlsx", tmp_path / "out" / "newtown.yaml"]
    book = openpyxl.load_workbook(written[0], read_only=True)
    assert book.sheetnames == [hr_export.SHEET, "Notes"]
    rows = list(book[hr_export.SHEET].iter_rows(values_only=True))
    assert len(rows) == 1 + len(WORKFORCE) and rows[0][0] == "Employee Number"
    assert written[1].read_text(encoding="utf-8") == hr_export.mapping_yaml("newtown")


def test_the_walkthrough_shows_the_generators_mapping():
    """docs/hr-export.md quotes the mapping the seeded generator writes, word for word."""
    from equality_progress.tools.hr_export import mapping_yaml

    doc = (ROOT / "docs" / "hr-export.md").read_text(encoding="utf-8")
    assert f"```yaml\n{mapping_yaml('newtown')}```" in doc

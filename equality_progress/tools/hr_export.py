"""A synthetic HR system export (Excel) and its mapping, for the walkthrough in
docs/hr-export.md and its tests.

The export holds the same synthetic employees as an authority's ``workforce.csv``, written
the way an HR system writes them: its own headings ("Employee Number", "Ethnic Origin"),
long ethnicity codes ("Asian or Asian British - Indian"), two codes for one group, pay with
a £ sign and thousands separators, dates of birth as dd/mm/yyyy instead of age bands, Y/N
flags, no senior-role column and an extra "Cost Centre". Applying the mapping gives back
``workforce.csv`` exactly, which the tests check. Seeded: the same seed gives the same
workbook content.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

SHEET = "Staff in post"
FILE = "hr_export.xlsx"
SENIOR_GRADES = ["Grade 9", "Grade 10"]
ETHNIC_ORIGIN = {
    "White British": "White - English/Welsh/Scottish/Northern Irish/British",
    "White Irish": "White - Irish",
    "White Gypsy or Irish Traveller": "White - Gypsy or Irish Traveller",
    "White Roma": "White - Roma",
    "Any other White background": "White - Any other White background",
    "White and Black Caribbean": "Mixed - White and Black Caribbean",
    "White and Black African": "Mixed - White and Black African",
    "White and Asian": "Mixed - White and Asian",
    "Any other Mixed or multiple ethnic background": "Mixed - Any other Mixed background",
    "Indian": "Asian or Asian British - Indian",
    "Pakistani": "Asian or Asian British - Pakistani",
    "Bangladeshi": "Asian or Asian British - Bangladeshi",
    "Chinese": "Asian or Asian British - Chinese",
    "Any other Asian background": "Asian or Asian British - Any other Asian background",
    "African": "Black or Black British - African",
    "Caribbean": "Black or Black British - Caribbean",
    "Any other Black, Black British or Caribbean background": (
        "Black or Black British - Any other Black background"
    ),
    "Arab": "Other ethnic group - Arab",
    "Any other ethnic group": "Other ethnic group - Any other ethnic group",
    "Not recorded": "Not Known",
}
OLD_WHITE_BRITISH = "White - British"  # an older code still on some records: many to one
DISABILITY = {"Disabled": "Yes", "Not disabled": "No", "Not recorded": "Not Known"}
ORIENTATION = {
    "Heterosexual": "Heterosexual/Straight",
    "Gay or lesbian": "Gay/Lesbian",
    "Other sexual orientation": "Other",
    "Not recorded": "Not Known",
}
CARE = {"Not recorded": "Not Known"}
SEX = {"Male": "M", "Female": "F"}
HEADINGS = {
    "employee_id": "Employee Number",
    "employer": "Organisation",
    "grade": "Grade",
    "service_area": "Directorate",
    "sex": "Gender",
    "ethnicity": "Ethnic Origin",
    "disability": "Disability",
    "sexual_orientation": "Sexual Orientation",
    "care_experience": "Care Leaver",
    "socio_economic_background": "Socio-economic Background",
    "weekly_hours": "Contracted Hours",
    "hourly_pay": "Hourly Rate",
    "full_pay_relevant": "Full Pay Relevant",
    "bonus_pay": "Bonus Paid (12 months)",
}


def _pounds(value: float) -> str:
    return f"£{value:,.2f}"


def _born(band: str, snapshot: date, rng: np.random.Generator) -> date:
    """A date of birth that puts someone in ``band`` on ``snapshot``."""
    low, high = (65, 67) if band == "65+" else map(int, band.split("-"))
    age = int(rng.integers(low, high + 1))
    birthday = date(snapshot.year - age, snapshot.month, snapshot.day)
    return birthday - timedelta(days=int(rng.integers(0, 365)))


def export_frame(workforce: pd.DataFrame, snapshot: date, seed: int = 2025) -> pd.DataFrame:
    """The workforce as an HR system would export it (one row per employee)."""
    rng = np.random.default_rng(seed)
    wf = workforce
    ethnic = wf["ethnicity"].map(lambda e: ETHNIC_ORIGIN.get(e, e))
    old = (wf["ethnicity"] == "White British") & (rng.random(len(wf)) < 0.1)
    ethnic = ethnic.where(~old, OLD_WHITE_BRITISH)
    return pd.DataFrame(
        {
            HEADINGS["employee_id"]: wf["employee_id"],
            "Cost Centre": [f"CC{n:03d}" for n in rng.integers(100, 400, len(wf))],
            HEADINGS["employer"]: wf["employer"],
            HEADINGS["grade"]: wf["grade"],
            HEADINGS["service_area"]: wf["service_area"],
            HEADINGS["sex"]: wf["sex"].map(SEX),
            HEADINGS["ethnicity"]: ethnic,
            HEADINGS["disability"]: wf["disability"].map(lambda v: DISABILITY.get(v, v)),
            HEADINGS["sexual_orientation"]: wf["sexual_orientation"].map(
                lambda v: ORIENTATION.get(v, v)
            ),
            "Date of Birth": [_born(b, snapshot, rng).strftime("%d/%m/%Y") for b in wf["age_band"]],
            HEADINGS["care_experience"]: wf["care_experience"].map(lambda v: CARE.get(v, v)),
            HEADINGS["socio_economic_background"]: wf["socio_economic_background"].map(
                lambda v: CARE.get(v, v)
            ),
            HEADINGS["weekly_hours"]: wf["weekly_hours"].astype(float),
            HEADINGS["hourly_pay"]: wf["hourly_pay"].map(_pounds),
            HEADINGS["full_pay_relevant"]: wf["full_pay_relevant"].map({True: "Y", False: "N"}),
            HEADINGS["bonus_pay"]: wf["bonus_pay"].map(_pounds),
        }
    )


def mapping(authority_id: str) -> dict:
    """The mapping from the export to the workforce contract, as the analyst completes it."""
    codes = {
        "sex": {v: k for k, v in SEX.items()},
        "ethnicity": {
            **{v: k for k, v in ETHNIC_ORIGIN.items()},
            OLD_WHITE_BRITISH: "White British",
        },
        "disability": {v: k for k, v in DISABILITY.items()},
        "sexual_orientation": {v: k for k, v in ORIENTATION.items()},
        "care_experience": {v: k for k, v in CARE.items()},
        "socio_economic_background": {v: k for k, v in CARE.items()},
    }
    return {
        "authority": authority_id,
        "files": {
            "workforce": {
                "file": FILE,
                "sheet": SHEET,
                "columns": HEADINGS,
                "codes": codes,
                "numbers": {"currency": "£", "thousands": ","},
                "dates": "%d/%m/%Y",
                "derive": {
                    "age_band": {"age_band_from": "Date of Birth"},
                    "senior_role": {"senior_grades": SENIOR_GRADES},
                },
            }
        },
    }


def mapping_yaml(authority_id: str) -> str:
    head = (
        f"# How {authority_id}'s HR export maps to the workforce data contract "
        "(see docs/hr-export.md).\n"
    )
    body = yaml.safe_dump(mapping(authority_id), sort_keys=False, allow_unicode=True, width=100)
    return head + body


def write_export(
    workforce_csv: Path, snapshot: date, folder: Path, authority_id: str
) -> list[Path]:
    """Write the synthetic export workbook (``folder/hr_export.xlsx``) and its mapping
    (``folder/<authority>.yaml``)."""
    from openpyxl import Workbook

    wf = pd.read_csv(workforce_csv, keep_default_na=False)
    frame = export_frame(wf, snapshot)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append(list(row))
    notes = wb.create_sheet("Notes")
    notes.append(["Synthetic HR export for the equality-progress walkthrough; no real people."])
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / FILE
    wb.save(book)
    mapping_file = folder / f"{authority_id}.yaml"
    mapping_file.write_text(mapping_yaml(authority_id), encoding="utf-8")
    return [book, mapping_file]

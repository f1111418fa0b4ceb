"""`map`'s first draft of a mapping: each contract column matched to the export's heading,
each code to the closest contract code or TODO, and everything it could not tell said in
comments for the analyst."""

from __future__ import annotations

import pytest
import yaml

from equality_progress.batch import cli
from equality_progress.inputs.contracts import ETHNICITY, SEX, SEXUAL_ORIENTATION
from equality_progress.inputs.draft import TODO, draft, guess_code, match_heading
from equality_progress.inputs.tables import Table
from equality_progress.tools.hr_export import FILE, SHEET


def test_map_drafts_the_mapping_and_its_guesses_agree_with_the_analysts(hr_export, capsys):
    """Every code and heading the draft guesses is what the completed mapping says; what
    it cannot tell is left as TODO, which validate refuses."""
    from equality_progress.tools.hr_export import mapping

    folder = hr_export
    args = ["map", "--authority", "lcrca", "--input", str(folder / FILE), "--sheet", SHEET]
    assert cli.main(args) == 0
    drafted = yaml.safe_load(capsys.readouterr().out)["files"]["workforce"]
    done = mapping("lcrca")["files"]["workforce"]
    assert drafted["columns"] == done["columns"]
    assert drafted["numbers"] == done["numbers"] and drafted["dates"] == done["dates"]
    assert drafted["derive"]["age_band"] == done["derive"]["age_band"]
    guessed = [
        (col, code, target)
        for col, codes in drafted["codes"].items()
        for code, target in codes.items()
        if target != "TODO"
    ]
    assert len(guessed) >= 20
    for col, code, target in guessed:
        assert done["codes"][col][code] == target, (col, code)
    todo = {c for codes in drafted["codes"].values() for c, t in codes.items() if t == "TODO"}
    assert "White - English/Welsh/Scottish/Northern Irish/British" in todo


@pytest.mark.parametrize(
    ("code", "allowed", "guess"),
    [
        ("Not Known", ETHNICITY, "Not recorded"),
        ("Declined", ETHNICITY, "Prefer not to say"),
        ("M", SEX, "Male"),  # one contract code starts with the letter
        ("Asian or Asian British - Indian", ETHNICITY, "Indian"),
        ("Black or Black British - African", ETHNICITY, "African"),
        # 'heterosexual/straight' against 'heterosexual': difflib ratio 2 x 12 / 33 = 0.727,
        # plus half the words shared (0.5): 1.227, over the 1.2 needed
        ("Heterosexual/Straight", SEXUAL_ORIENTATION, "Heterosexual"),
        ("Xyzzy", ETHNICITY, TODO),
    ],
)
def test_a_code_is_guessed_only_when_it_is_close(code, allowed, guess):
    assert guess_code(code, list(allowed)) == guess


@pytest.mark.parametrize(
    ("column", "headings", "found"),
    [
        ("employee_id", ["Gender", "Employee Number"], "Employee Number"),
        ("sex", ["Employee Number", "Gender"], "Gender"),
        ("ethnicity", ["Ethnic Origin (self-described)"], "Ethnic Origin (self-described)"),
        ("grade", ["Pay Grade"], "Pay Grade"),
        ("hourly_pay", ["Gender", "Salary"], None),
    ],
)
def test_a_column_is_found_by_its_name_or_the_words_hr_systems_use(column, headings, found):
    assert match_heading(column, headings) == found


def test_a_draft_maps_what_it_can_and_says_what_it_cannot():
    table = Table(
        "export.csv",
        ["Employee Number", "Gender", "Ethnic Origin", "Date of Birth", "Hourly Rate", "Notes"],
        [
            ["E1", "F", "Asian or Asian British - Indian", "13/02/1985", "£1,018.42", "x"],
            ["E2", "M", "Martian", "01/12/1990", "£12.75", ""],
        ],
    )
    text = draft(table, "workforce", "newtown", "export.csv", None)
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert comments[0].startswith("# Draft mapping for newtown, from export.csv")
    # in the contract's order; age_band is derived from the date of birth
    assert comments[1].endswith(
        "or leave optional ones out): employer, grade, senior_role, service_area, disability, "
        "sexual_orientation, care_experience, socio_economic_background, religion, weekly_hours, "
        "full_pay_relevant, bonus_pay"
    )
    assert comments[2] == "# Headings not used (ignored when reading): Notes"
    fm = yaml.safe_load(text)["files"]["workforce"]
    assert fm["file"] == "export.csv" and "sheet" not in fm
    assert fm["columns"] == {
        "employee_id": "Employee Number",
        "sex": "Gender",
        "ethnicity": "Ethnic Origin",
        "hourly_pay": "Hourly Rate",
    }
    assert fm["codes"] == {
        "sex": {"F": "Female", "M": "Male"},
        "ethnicity": {"Asian or Asian British - Indian": "Indian", "Martian": TODO},
    }
    assert fm["numbers"] == {"currency": "£", "thousands": ","}
    assert fm["dates"] == "%d/%m/%Y"
    assert fm["derive"] == {"age_band": {"age_band_from": "Date of Birth"}}


def test_a_draft_writes_one_line_per_code_whatever_its_case_and_spaces():
    """Issue 22 (D12): the draft gave WBRI, wbri and Wbri a line (and a TODO) each, though
    codes match after trimming and case folding; one line now stands for every spelling,
    written as the commonest, and the header says which spellings it covers."""
    cells = ["WBRI", "WBRI", "wbri", "Wbri", "WBRI ", "AIND", "aind", "White Irish", "WHITE IRISH"]
    sexes = ["F", "F", "f", "M", "m", "M", "M", "F", "F"]
    table = Table(
        "export.csv",
        ["Employee Number", "Gender", "Ethnic Origin"],
        [[f"E{i}", s, c] for i, (s, c) in enumerate(zip(sexes, cells, strict=True))],
    )
    text = draft(table, "workforce", "newtown", "export.csv", None)
    codes = yaml.safe_load(text)["files"]["workforce"]["codes"]
    assert codes["sex"] == {"F": "Female", "M": "Male"}
    # 'WHITE IRISH' is the contract's 'White Irish' written another way: no guess needed
    assert codes["ethnicity"] == {"AIND": TODO, "WBRI": TODO, "WHITE IRISH": "White Irish"}
    assert (
        "# Codes match whatever their case and spaces: one line stands for every spelling "
        "(F for f; M for m; WBRI for WBRI , Wbri, wbri; AIND for aind)."
    ) in text.splitlines()
    assert "then run 'equality-progress validate --authority newtown'" in text
    assert "run_reports.py" not in text


def test_a_draft_proposes_blank_and_weekly_hours_from_fte():
    """Issue 22 (D12): the draft never proposed blank: for columns with empty cells, nor
    weekly hours from an FTE heading; both are drafted, blank: commented for the analyst
    to confirm (what an empty cell means is theirs to say)."""
    table = Table(
        "export.csv",
        ["Employee Number", "Ethnic Origin", "Grade", "FTE", "Bonus Paid"],
        [
            ["E1", "", "G1", "1", ""],
            ["E2", "Asian or Asian British - Indian", "", "0.5", "£100"],
            ["E3", "", "G2", "0.8", ""],
        ],
    )
    text = draft(table, "workforce", "newtown", "export.csv", None)
    fm = yaml.safe_load(text)["files"]["workforce"]
    assert fm["derive"]["weekly_hours"] == {"fte_from": "FTE", "standard_week": 37}
    assert "blank" not in fm  # commented: not in force until the analyst says so
    assert "correct standard_week: to your authority's full-time week" in text
    assert not any(x.startswith("# Headings not used") for x in text.splitlines())  # FTE: used
    lines = text.splitlines()
    assert "    #   ethnicity: Not recorded  # 2 empty cell(s) in 'Ethnic Origin'" in lines
    assert "    #   bonus_pay: 0  # 2 empty cell(s) in 'Bonus Paid'" in lines
    assert "    # (grade: fill the 1 empty cell(s) in the export)" in lines
    # uncommented as an editor does (the first '# '), the lines are the mapping's blank:
    opened = "\n".join(
        x.replace("# ", "", 1) if x.startswith("    # ") and "(" not in x[:8] else x
        for x in lines
        if not x.startswith("    # What") and not x.startswith("    # (")
    )
    assert yaml.safe_load(opened)["files"]["workforce"]["blank"] == {
        "ethnicity": "Not recorded",
        "bonus_pay": 0,
    }

"""Data contracts: the columns, types and codes of every input file.

The checks themselves are in :mod:`.checking` (a table against its contract), the reading
of CSV files and workbooks in :mod:`.tables`, and an authority's mapping from its own
export to a contract in :mod:`.mapping`. A column with ``required=False`` may be left out
of the file (and, unless it is a code list, its cells may be empty).
"""

from __future__ import annotations

from dataclasses import dataclass

UNDISCLOSED = ("Prefer not to say", "Not recorded")
ETHNICITY = (
    "White British",
    "White Irish",
    "White Gypsy or Irish Traveller",
    "White Roma",
    "Any other White background",
    "White and Black Caribbean",
    "White and Black African",
    "White and Asian",
    "Any other Mixed or multiple ethnic background",
    "Indian",
    "Pakistani",
    "Bangladeshi",
    "Chinese",
    "Any other Asian background",
    "African",
    "Caribbean",
    "Any other Black, Black British or Caribbean background",
    "Arab",
    "Any other ethnic group",
) + UNDISCLOSED
"""GSS harmonised ethnicity categories (England), short labels, plus non-disclosure."""
ETHNIC_MINORITY = tuple(e for e in ETHNICITY if e not in ("White British",) + UNDISCLOSED)
ANOTHER_GENDER = "Another gender"
# a third code for staff recorded as neither (an export's "X", "non-binary"): counted in the
# profile, left out of the gender pay gap as the government's guidance allows (issue 22)
SEX = ("Male", "Female", ANOTHER_GENDER)
DISABILITY = ("Disabled", "Not disabled") + UNDISCLOSED
SEXUAL_ORIENTATION = (
    "Heterosexual",
    "Gay or lesbian",
    "Bisexual",
    "Other sexual orientation",
) + UNDISCLOSED
LGB_PLUS = ("Gay or lesbian", "Bisexual", "Other sexual orientation")
WHITE_MINORITIES = (
    "White Irish",
    "White Gypsy or Irish Traveller",
    "White Roma",
    "Any other White background",
)


@dataclass(frozen=True)
class NamedGroup:
    """A group a catalogue names in ``data.groups`` that stands for several codes. Each is a
    definition strategies word differently, so a catalogue using one records why it fits
    the strategy's words (a ``definition`` choice, inputs/catalogue.py)."""

    characteristic: str
    codes: tuple[str, ...]
    means: str


# Names as in ONS/GOV.UK guidance on writing about ethnicity ("ethnic minorities" includes
# white minorities) and the ONS sexual orientation question (LGB+ includes "other").
NAMED_GROUPS: dict[str, NamedGroup] = {
    "ethnic_minority": NamedGroup(
        "ethnicity",
        ETHNIC_MINORITY,
        "every ethnic group except White British (white minorities included)",
    ),
    "ethnic_minority_excluding_white": NamedGroup(
        "ethnicity",
        tuple(e for e in ETHNIC_MINORITY if e not in WHITE_MINORITIES),
        "Mixed, Asian, Black and other ethnic groups (white minorities excluded)",
    ),
    "lgb_plus": NamedGroup(
        "sexual_orientation",
        LGB_PLUS,
        "gay or lesbian, bisexual and other orientations",
    ),
    "lgb": NamedGroup(
        "sexual_orientation",
        LGB_PLUS[:2],
        "gay or lesbian and bisexual (other orientations excluded)",
    ),
}
AGE_BAND = (
    "16-19",
    "20-24",
    "25-29",
    "30-34",
    "35-39",
    "40-44",
    "45-49",
    "50-54",
    "55-59",
    "60-64",
    "65+",
)
CARE_EXPERIENCE = ("Yes", "No") + UNDISCLOSED
RELIGION = (
    "No religion",
    "Christian",
    "Buddhist",
    "Hindu",
    "Jewish",
    "Muslim",
    "Sikh",
    "Any other religion",
) + UNDISCLOSED
"""Religion or belief: the ONS Census 2021 (England and Wales) categories, plus
non-disclosure; an optional column (issue 22: most exports carry it)."""
SOCIO_ECONOMIC = (
    "Professional background",
    "Intermediate background",
    "Lower socio-economic background",
    "Other or not known",
) + UNDISCLOSED
"""Socio-economic background by the main earner's occupation at age 14 (the ONS-based
question the Social Mobility Commission recommends), in the Commission's three summary
groups, plus its "other" answer (retired, does not apply, don't know) and non-disclosure."""
STAGES = ("applied", "shortlisted", "appointed")
ACTION_STAGES = ("not_started", "in_progress", "complete")
TRUE = ("true", "yes", "y", "1")
FALSE = ("false", "no", "n", "0")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # text, category, bool, number, integer, date
    categories: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    above: str = ""  # what a value above the maximum most likely is, and its fix
    required: bool = True  # False: the column may be absent and its cells empty
    unique: bool = False
    in_year: bool = False
    description: str = ""


@dataclass(frozen=True)
class Contract:
    name: str
    filename: str
    columns: tuple[Column, ...]
    description: str = ""
    allow_extra: bool = False
    example: str = ""


def _characteristics(*, orientation: bool = True, care: bool = True) -> tuple[Column, ...]:
    cols = [
        Column("sex", "category", SEX),
        Column("ethnicity", "category", ETHNICITY),
        Column("disability", "category", DISABILITY),
        Column("age_band", "category", AGE_BAND),
    ]
    # not every authority collects these: the columns may be left out ("not collected")
    if orientation:
        cols.insert(3, Column("sexual_orientation", "category", SEXUAL_ORIENTATION, required=False))
    if care:
        cols.append(Column("care_experience", "category", CARE_EXPERIENCE, required=False))
    return tuple(cols)


WORKFORCE = Contract(
    "workforce",
    "workforce.csv",
    (
        Column("employee_id", "text", unique=True, description="pseudonymous id, never a name"),
        Column("employer", "text"),
        Column("grade", "text"),
        Column("senior_role", "bool"),
        Column("service_area", "text"),
        *_characteristics(),
        Column(
            "socio_economic_background",
            "category",
            SOCIO_ECONOMIC,
            required=False,
            description="optional: left out where it is not collected",
        ),
        Column(
            "religion",
            "category",
            RELIGION,
            required=False,
            description="optional: religion or belief, ONS Census 2021 categories",
        ),
        Column("weekly_hours", "number", minimum=1, maximum=60),
        # 0 is allowed: staff on unpaid leave (not full-pay relevant) are loaded, and left
        # out of the pay gaps (issue 22); the full-pay minimum is plausibility.full_pay_minimum
        Column(
            "hourly_pay",
            "number",
            minimum=0,
            maximum=300,
            above="an annual salary? Convert it to hourly pay, or have the mapping work it "
            "out: derive: hourly_pay: {annual_from: <its heading>, standard_week: 37}",
        ),  # fmt: skip
        Column("full_pay_relevant", "bool"),
        Column("bonus_pay", "number", minimum=0, maximum=100000),
    ),
    "Workforce snapshot at 31 March: one row per relevant employee.",
    example="E00017,LCRCA,Grade 7,false,Transport,Female,White British,Not disabled,"
    "Heterosexual,35-39,No,Intermediate background,No religion,37,18.42,true,0",
)
RECRUITMENT = Contract(
    "recruitment",
    "recruitment.csv",
    (
        Column("application_id", "text", unique=True),
        Column("senior_role", "bool"),
        Column("stage", "category", STAGES, description="furthest stage reached"),
        *_characteristics(orientation=False, care=False),
        Column("application_date", "date", in_year=True),
    ),
    "Applications in the year: one row per application, with the furthest stage reached.",
    example="A00412,true,shortlisted,Female,Indian,Not disabled,30-34,2024-06-03",
)
STAFF_SURVEY = Contract(
    "staff_survey",
    "staff_survey.csv",
    (
        Column("response_id", "text", unique=True),
        *_characteristics(care=False),
        Column(
            "edi_score",
            "integer",
            minimum=1,
            maximum=7,
            description="agreement with the EDI statements, 1 (low) to 7 (high)",
        ),
    ),
    "Staff survey: one row per response.",
    example="R0031,Male,White British,Disabled,Heterosexual,50-54,6",
)
TRAINING = Contract(
    "training",
    "training.csv",
    (
        Column("employee_id", "text", unique=True),
        Column("completed", "bool"),
        Column("completion_date", "date", required=False, in_year=False),
    ),
    "Mandatory EDI training: one row per employee required to complete it.",
    example="E00017,true,2024-11-02",
)
REPORTED = Contract(
    "reported",
    "measures.csv",
    (
        Column("indicator_id", "text", unique=True),
        Column("value", "number", required=False, minimum=0),
        Column("numerator", "integer", required=False, minimum=0),
        Column("denominator", "integer", required=False, minimum=1),
        Column("source", "text"),
    ),
    "Figures reported by services (not record-level): one row per indicator.",
    example="commissioner-community-suppliers-onboarded,48,,,Procurement team return",
)
ACTIONS = Contract(
    "actions",
    "actions.csv",
    (
        Column("indicator_id", "text", unique=True),
        Column("stage", "category", ACTION_STAGES),
        Column("evidence", "text", required=False),
    ),
    "Progress on actions and milestones: one row per action updated this year.",
    example="action-1.1,complete,Calendar of monthly themes published on the intranet",
)
CONTRACTS = {c.name: c for c in (WORKFORCE, RECRUITMENT, STAFF_SURVEY, TRAINING, REPORTED, ACTIONS)}


def contract_for_file(filename: str) -> Contract | None:
    """The contract whose file this is (``workforce.csv`` or ``workforce.xlsx``), or None."""
    stem = filename.rsplit(".", 1)[0]
    return next((c for c in CONTRACTS.values() if c.filename.rsplit(".", 1)[0] == stem), None)

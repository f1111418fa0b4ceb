"""The attacker's links between table families (tests/attack_links.py, issue 28): checked
on pages written by hand from the issue's figures, then run on every sample report.

Before the package protected the recruitment tables as one system
(linked_tables.recruitment_system) the links pinned 12 counts: lcrca 2022-23 5, 2023-24 2,
2024-25 1, 2025-26 4. Before it linked the pay tables, the bonus shares and the senior
appointments share to the workforce and recruitment tables (linked_tables.with_pay), they
pinned 8: lcrca 2022-23 1 (disabled staff not on full pay), 2023-24 3 (ethnic-minority
and disabled staff not on full pay, ethnic-minority or undisclosed bonus recipients: the
statutory shares by sex not counted), 2024-25 1 (4 ethnic-minority appointments to other
roles than senior), 2025-26 1 (2 disabled staff not on full pay). On the regenerated sample
(fixed age bands), before single ethnic groups' bonus shares were protected as parts of the
all-groups share (disclosure.parts_shown), they pinned 7: sefton 2023-24 3 and 2024-25 4
(each withheld share beside a printed 0.0%, under a total of 5 or 7)."""

from __future__ import annotations

import re
from pathlib import Path

from attack import tables
from attack_links import linked_audit, linked_model, recruitment_linked_model

RECRUITMENT = (
    "Group",
    "Applied",
    "Shortlisted",
    "Appointed",
    "Shortlisted from applied",
    "Appointed from shortlisted",
)
WORKFORCE = ("Breakdown", "Group", "Staff", "Share", "Not disclosed")
GAPS = (
    "Group",
    "Employees",
    "Mean gap",
    "Median gap",
    "Receiving a bonus",
    "Mean bonus gap",
    "Median bonus gap",
)


def _page(tabs: dict[str, list[tuple[str, ...]]], text: str = "") -> str:
    """Tables as the report writes them (a caption, a header row, body rows)."""
    out = ""
    for cap, rows in tabs.items():
        head = RECRUITMENT if cap.startswith("Recruitment by") else rows[0]
        body = rows if cap.startswith("Recruitment by") else rows[1:]
        h = "<tr>" + "".join(f"<th>{c}</th>" for c in head) + "</tr>"
        b = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in body)
        out += f"<table><caption>{cap}</caption><thead>{h}</thead><tbody>{b}</tbody></table>"
    return out + f"<p>{text}</p>"


def _audit(page: str) -> list[str]:
    return linked_audit(tables(page), re.sub(r"<[^>]+>", " ", page))


def _pinned(page: str) -> dict[str, tuple[float, float]]:
    model = linked_model(tables(page), re.sub(r"<[^>]+>", " ", page))
    return {n: (lo, hi) for n, lo, hi in model.pinned()}


# LCRCA 2025-26 as published on main when issue 28 was filed
ISSUE = {
    "Recruitment by ethnicity": [
        ("White British", "591", "184", "106", "31.1%", "57.6%"),
        ("Ethnic minority", "83", "20", "12", "24.1%", "60.0%"),
    ],
    "Recruitment by disability": [
        ("Disabled", "45", "14", "7", "31.1%", "50.0%"),
        ("Not disabled", "624", "188", "110", "30.1%", "58.5%"),
    ],
    "Recruitment by sex": [
        ("Female", "335", "107", "62", "31.9%", "57.9%"),
        ("Male", "365", "103", "59", "28.2%", "57.3%"),
    ],
}
SENIOR = {
    "Ethnic-minority share of senior appointments: each group against 6.0%": [
        ("Group", "Value", "Responses", "Against threshold"),
        ("All senior appointments", "14.1%", "64", "At or above"),
    ]
}
STAFF = "Workforce at 31 March 2026: 1,004 employees."
SEX = {
    "Sex: share of the workforce, of senior roles and of each grade band": [
        WORKFORCE,
        ("All staff", "Female", "513", "51.1%", "0.0%"),
        ("All staff", "Male", "491", "48.9%", "0.0%"),
        ("Senior roles", "Female", "26", "40.6%", "0.0%"),
        ("Senior roles", "Male", "38", "59.4%", "0.0%"),
    ]
}
DISABILITY = {
    "Disability: share of the workforce, of senior roles and of each grade band": [
        WORKFORCE,
        ("All staff", "Disabled", "83", "8.3%", "10.3%"),
        ("All staff", "Not disabled", "818", "81.5%", "10.3%"),
        ("Senior roles", "Disabled", "[c]", "[c]", "[c]"),
        ("Senior roles", "Not disabled", "[c]", "[c]", "[c]"),
    ],
    "Disability pay and bonus gaps against not disabled employees": [
        GAPS,
        ("Disabled", "81", "-2.7%", "-2.7%", "[c]", "[c]", "[c]"),
    ],
}
ETHNICITY = {
    "Ethnicity: share of the workforce, of senior roles and of each grade band": [
        WORKFORCE,
        ("All staff", "White British", "908", "90.4%", "3.5%"),
        ("All staff", "Ethnic minority", "61", "6.1%", "3.5%"),
        ("Senior roles", "White British", "[c]", "[c]", "[c]"),
        ("Senior roles", "Ethnic minority", "[c]", "[c]", "[c]"),
    ],
    "Ethnicity pay and bonus gaps against White British employees": [
        GAPS,
        ("All ethnic minority groups", "61", "-1.4%", "-3.0%", "[c]", "[c]", "[c]"),
    ],
}
# one employer: its men and women are the workforce's, so the shares give every recipient
EMPLOYER = {
    "Gender pay gap, Trap": [
        ("Measure", "Value"),
        ("Men receiving a bonus", "4.3%"),  # 21 of 491
        ("Women receiving a bonus", "4.1%"),  # 21 of 513
    ]
}
BONUS_NOTE = "White British employees receiving a bonus: 4.3%."  # 39 of 908


def test_the_attacker_finds_the_not_stated_appointments_of_the_issue():
    """121 appointed (62 + 59) - 106 - 12 = 3 not stating ethnicity; 121 - 7 - 110 = 4 not
    stating disability; shortlisted 210 - 204 = 6, so 3 shortlisted but not appointed."""
    pinned = {n: (lo, hi) for n, lo, hi in recruitment_linked_model(tables(_page(ISSUE))).pinned()}
    assert pinned["Recruitment by ethnicity|Not stated|ap"] == (3, 3)
    assert pinned["Recruitment by disability|Not stated|ap"] == (4, 4)
    assert pinned["Recruitment by ethnicity|Not stated|sna"] == (3, 3)


def test_withheld_not_stated_stages_leave_nothing_pinned():
    """With the ethnicity and disability appointed counts withheld, the differences are
    bounded only by the shortlists: no count narrower than 5."""
    safe = {k: [tuple(r) for r in v] for k, v in ISSUE.items()}
    for cap in ("Recruitment by ethnicity", "Recruitment by disability"):
        safe[cap] = [(g, a, s, "[c]", r1, "[c]") for g, a, s, _, r1, _ in safe[cap]]
    assert _audit(_page(safe)) == []


def test_a_single_recruitment_table_has_no_links():
    one = {"Recruitment by sex": ISSUE["Recruitment by sex"]}
    assert recruitment_linked_model(tables(_page(one))).names == []


def test_the_senior_share_and_the_recruitment_table_give_other_appointments():
    """14.1% of 64 is 9 senior appointments; the recruitment table's 12 leave 3."""
    cap = next(iter(SENIOR))
    pinned = _pinned(_page(ISSUE | SENIOR))
    assert pinned[f"{cap}|Ethnic minority appointed to other roles"] == (3, 3)
    withheld = dict(ISSUE)
    withheld["Recruitment by ethnicity"] = [
        ("White British", "591", "184", "[c]", "31.1%", "[c]"),
        ("Ethnic minority", "83", "20", "[c]", "24.1%", "[c]"),
    ]
    assert not [x for x in _audit(_page(withheld | SENIOR)) if "other roles" in x]


def test_the_workforce_and_pay_gap_tables_give_staff_not_on_full_pay():
    """83 disabled staff, 81 of them full-pay relevant employees: 2 on reduced pay."""
    pinned = _pinned(_page(SEX | DISABILITY, STAFF))
    assert pinned["Disability|Disabled|staff not on full pay"] == (2, 2)
    safe = dict(DISABILITY)
    cap = "Disability pay and bonus gaps against not disabled employees"
    safe[cap] = [GAPS, ("Disabled", "[c]", "-2.7%", "-2.7%", "[c]", "[c]", "[c]")]
    assert _audit(_page(SEX | safe, STAFF)) == []


def test_bonus_shares_give_the_recipients_who_did_not_disclose():
    """One employer: 21 men and 21 women receive a bonus (42); 39 White British and 1 to 3
    ethnic-minority recipients (the share is withheld, so not zero: a zero prints as 0.0%)
    leave 0 to 2 recipients who are neither: a range that meets 1 to 4 and is narrower
    than 5."""
    page = _page(SEX | ETHNICITY | EMPLOYER, f"{STAFF} {BONUS_NOTE}")
    pinned = _pinned(page)
    assert pinned["Ethnicity|not disclosed|bonus recipients"] == (0, 2)
    assert pinned["Ethnicity|Ethnic minority|bonus recipients"] == (1, 3)
    safe = _page(
        SEX | ETHNICITY | EMPLOYER, f"{STAFF} White British employees receiving a bonus: [c]."
    )
    assert not [x for x in _audit(safe) if "bonus" in x]


def test_no_sample_report_gives_a_count_away_through_the_links(built: Path):
    found = {}
    for f in sorted(built.glob("*/*/report.html")):
        text = f.read_text()
        found[f"{f.parent.parent.name} {f.parent.name}"] = linked_audit(
            tables(text), re.sub(r"<[^>]+>", " ", text)
        )
    assert {k: v for k, v in found.items() if v} == {}

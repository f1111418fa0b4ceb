"""The attacker's links between table families (tests/attack_links.py, issue 28): checked
on a page written by hand from the issue's figures, then run on every sample report. Before the
package protected the recruitment tables as one system (linked_tables.recruitment_system)
it pinned 12 counts: lcrca 2022-23 5, 2023-24 2, 2024-25 1, 2025-26 4."""

from __future__ import annotations

from pathlib import Path

from attack import tables
from attack_links import linked_audit, recruitment_linked_model

HEAD = "<tr><th>Group</th><th>Applied</th><th>Shortlisted</th><th>Appointed</th>"
HEAD += "<th>Shortlisted from applied</th><th>Appointed from shortlisted</th></tr>"


def _page(tabs: dict[str, list[tuple[str, ...]]]) -> str:
    out = ""
    for cap, rows in tabs.items():
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        out += f"<table><caption>{cap}</caption><thead>{HEAD}</thead><tbody>{body}</tbody></table>"
    return out


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
    assert linked_audit(tables(_page(safe))) == []


def test_a_single_recruitment_table_has_no_links():
    one = {"Recruitment by sex": ISSUE["Recruitment by sex"]}
    assert recruitment_linked_model(tables(_page(one))).names == []


def test_no_sample_report_gives_a_count_away_through_recruitment_links(built: Path):
    found = {
        f"{f.parent.parent.name} {f.parent.name}": linked_audit(tables(f.read_text()))
        for f in sorted(built.glob("*/*/report.html"))
    }
    assert {k: v for k, v in found.items() if v} == {}

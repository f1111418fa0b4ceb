"""The attacker's survey family (issue 28): every survey group's mean, interval and number
of answers (or the mean alone where the interval is withheld) in every sample report, read
with the group's staff in post (the interval's finite population correction), by rule 6
written apart (tests/attack_means.py: one integer programme per answer and end, the zeros a
publication reveals read as zeros). Before rule 6
read those zeros, LCRCA 2025-26's disabled group (58 answers, 6.50, 6.41 to 6.59, 83 staff)
pinned its 5s to 3 to 5 (the re-attack of the regenerated sample; 4 were true)."""

from __future__ import annotations

import re
from pathlib import Path

from attack import tables
from attack_means import exposed_by_milp

LARGEST = 120  # answers: larger groups leave every count wide (and take long to enumerate)


def _staff(t: dict[str, list[list[str]]], label: str) -> int | None:
    """All staff in the group a survey row names ("Disability: Disabled"), from the
    workforce table of that characteristic; None where no table gives it."""
    char, _, group = label.partition(": ")
    rows = t.get(f"{char}: share of the workforce, of senior roles and of each grade band", [])
    for r in rows[1:]:
        if r[0] == "All staff" and r[1] == group and r[2].isdigit():
            return int(r[2])
    return None


def survey_pins(text: str) -> tuple[list[str], int]:
    """The published group means that pin an answer count, and how many were attacked."""
    t = tables(text)
    found, attacked = [], 0
    for caption, rows in t.items():
        if not rows or rows[0][:4] != ["Group", "Value", "95% confidence interval", "Responses"]:
            continue
        for group, mean, interval, responses, *_ in rows[1:]:
            ends = re.fullmatch(r"(\d\.\d\d) to (\d\.\d\d)", interval)
            staff = _staff(t, group)
            places = len(mean.partition(".")[2])
            if not (re.fullmatch(r"\d\.\d\d?", mean) and responses.isdigit() and staff):
                continue
            n = int(responses)
            if n > LARGEST:
                continue
            attacked += 1
            lo, hi = (float(ends.group(1)), float(ends.group(2))) if ends else (None, None)
            if exposed_by_milp(n, float(mean), lo, hi, places, staff):
                found.append(f"{caption}: {group} {mean} ({interval}, {n} answers, {staff} staff)")
    return found, attacked


def test_the_re_attacks_survey_pin_is_found_on_its_page():
    """The re-attack's figures as the report printed them before the fix: found."""
    page = (
        "<table><caption>EDI engagement score, every employee group</caption><thead><tr>"
        "<th>Group</th><th>Value</th><th>95% confidence interval</th><th>Responses</th>"
        "</tr></thead><tbody><tr><td>Disability: Disabled</td><td>6.50</td>"
        "<td>6.41 to 6.59</td><td>58</td></tr></tbody></table>"
        "<table><caption>Disability: share of the workforce, of senior roles and of each "
        "grade band</caption><thead><tr><th>Breakdown</th><th>Group</th><th>Staff</th>"
        "</tr></thead><tbody><tr><td>All staff</td><td>Disabled</td><td>83</td></tr>"
        "</tbody></table>"
    )
    found, attacked = survey_pins(page)
    assert attacked == 1 and len(found) == 1


def test_no_sample_reports_survey_group_pins_an_answer(built: Path):
    found, attacked = {}, 0
    for f in sorted(built.glob("*/*/report.html")):
        pins, n = survey_pins(f.read_text())
        attacked += n
        if pins:
            found[f"{f.parent.parent.name} {f.parent.name}"] = pins
    assert found == {}
    assert attacked >= 8  # the attack reached the small groups (LCRCA's four years)

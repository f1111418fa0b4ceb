"""The attacker's survey family (issue 28): every survey group's mean, interval and number
of answers (or the mean alone where the interval is withheld) in every sample report, read
with the group's staff in post (the interval's finite population correction), by rule 6
written apart (tests/attack_means.py: one integer programme per answer and end, the zeros a
publication reveals read as zeros). Before rule 6
read those zeros, LCRCA 2025-26's disabled group (58 answers, 6.50, 6.41 to 6.59, 83 staff)
pinned its 5s to 3 to 5 (the re-attack of the regenerated sample; 4 were true)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from attack import tables
from attack_joint import Figures, bound_survey, pins
from attack_means import exposed_by_milp, total_exposed

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


# The totals family: a characteristic's groups and everyone they leave out (withheld, too
# few, not stated) add up to all respondents, so the headline's total less the published
# groups' totals is the total of the rest (issue 28's audit of a 30-answer survey).
GROUPS_HEAD = ["Group", "Value", "95% confidence interval", "Responses"]


def residual_pins(t: dict[str, list[list[str]]], headline: str, respondents: int) -> list[str]:
    """The groups left out of each characteristic whose answers their total pins, from the
    headline printed as ``headline`` (two places) over ``respondents`` answers."""
    if not re.fullmatch(r"\d\.\d\d", headline):
        return []
    found = []
    for caption, rows in t.items():
        if not rows or rows[0][:4] != GROUPS_HEAD:
            continue
        chars: dict[str, list[tuple[int, str]]] = {}
        unknown: set[str] = set()
        for group, mean, _, responses, *_ in rows[1:]:
            char = group.partition(": ")[0]
            chars.setdefault(char, [])
            if re.fullmatch(r"\d\.\d\d?", mean):
                if not responses.isdigit():
                    unknown.add(char)  # a published mean of an unknown number: no total
                    continue
                chars[char].append((int(responses), mean))
        for char, published in chars.items():
            rest = respondents - sum(n for n, _ in published)
            if char in unknown or rest <= 0:
                continue
            lo = respondents * (float(headline) - 0.005)
            hi = respondents * (float(headline) + 0.005)
            for n, mean in published:
                half = 0.5 * 10 ** -len(mean.partition(".")[2])
                lo, hi = lo - n * (float(mean) + half), hi - n * (float(mean) - half)
            if total_exposed(rest, lo, hi):
                found.append(f"{caption}: {char}, the {rest} left out ({lo:.2f} to {hi:.2f})")
    return found


def test_a_total_left_by_subtraction_is_found_on_its_page():
    """30 answers, headline 6.47 (193.95 to 194.25, so 194); 25 White British at 6.40
    (160); the 5 left have 34 between them, which only four 7s and a 6 make."""
    page = (
        "<table><caption>EDI engagement score: each group</caption><thead><tr>"
        "<th>Group</th><th>Value</th><th>95% confidence interval</th><th>Responses</th>"
        "</tr></thead><tbody><tr><td>Ethnicity: White British</td><td>6.40</td><td>[c]</td>"
        "<td>25</td></tr><tr><td>Ethnicity: Ethnic minority</td><td>[c]</td><td>[c]</td>"
        "<td>5</td></tr></tbody></table>"
    )
    assert len(residual_pins(tables(page), "6.47", 30)) == 1
    assert residual_pins(tables(page), "6.47", 60) == []  # 35 left: nothing follows


def test_no_sample_reports_survey_groups_give_the_rest_away(built: Path):
    """Every sample report's survey groups against its headline (indicators.csv), with the
    number of respondents taken as known (the data's: the report does not print it, so
    the attacker is given more than a reader has)."""
    import pandas as pd

    root = Path(__file__).resolve().parents[2]
    found, attacked = {}, 0
    for f in sorted(built.glob("*/*/report.html")):
        authority, year = f.parent.parent.name, f.parent.name
        survey = root / "data" / authority / year / "staff_survey.csv"
        if not survey.exists():
            continue
        table = pd.read_csv(f.parent / "indicators.csv", dtype=str, keep_default_na=False)
        row = table[table["indicator_id"] == "employer-edi-engagement-score"]
        if row.empty:
            continue
        headline = f"{float(row['value'].iloc[0]):.2f}"
        attacked += 1
        if pins := residual_pins(tables(f.read_text()), headline, len(pd.read_csv(survey))):
            found[f"{authority} {year}"] = pins
    assert attacked >= 4  # LCRCA's four years
    assert found == {}


# The whole survey in one model (tests/attack_joint.py): every characteristic's published
# groups and its rest add up to all respondents, whose answers the headline bounds, and an
# interval bounds a sum of squares (issue 28's audit of a 60-answer survey: the 50-and-over's
# 3s at 0 to 3, 1 true, from the other groups' sums of squares and the headline's).
CHARS = ["sex", "ethnicity", "disability", "sexual_orientation", "age_band"]


def survey_figures(report: Path) -> tuple[Figures, dict[str, list[tuple[str, Figures]]]] | None:
    """A sample report's survey figures as it prints them: the headline (indicators.csv, to
    two places as the card prints it) and each published group (mean, interval where
    printed, responses, its staff in post), with the respondents and staff in post of the
    data (not printed: the attacker is given more than a reader has)."""
    import pandas as pd

    authority, year = report.parent.parent.name, report.parent.name
    data = Path(__file__).resolve().parents[2] / "data" / authority / year
    if not (data / "staff_survey.csv").exists():
        return None
    table = pd.read_csv(report.parent / "indicators.csv", dtype=str, keep_default_na=False)
    row = table[table["indicator_id"] == "employer-edi-engagement-score"]
    if row.empty:
        return None
    value, lower, upper = (row[c].iloc[0] for c in ("value", "ci_lower", "ci_upper"))
    ends = (f"{float(lower):.2f}", f"{float(upper):.2f}") if lower and upper else (None, None)
    n, staff = len(pd.read_csv(data / "staff_survey.csv")), len(pd.read_csv(data / "workforce.csv"))
    head = Figures(n, f"{float(value):.2f}" if value else None, *ends, staff)
    t = tables(report.read_text())
    chars: dict[str, list[tuple[str, Figures]]] = {}
    rows = next(r for r in t.values() if r and r[0][:4] == GROUPS_HEAD)
    for group, mean, interval, responses, *_ in rows[1:]:
        char = group.partition(": ")[0]
        chars.setdefault(char, [])
        if not re.fullmatch(r"\d\.\d\d?", mean):
            continue
        assert responses.isdigit(), f"{group}: a mean of an unknown number of answers"
        ends = re.fullmatch(r"(\d\.\d\d) to (\d\.\d\d)", interval)
        figures = Figures(int(responses), mean, *(ends.groups() if ends else (None, None)))
        staff_in = _staff(t, group)
        if staff_in is None and char == "Sex":  # a sex split the statutory chain withholds:
            # from the records (the interval's correction used them; a reader has less)
            staff_in = int(
                (pd.read_csv(data / "workforce.csv")["sex"] == group.partition(": ")[2]).sum()
            )
        chars[char].append((group, replace(figures, staff=staff_in)))
    return head, chars


def _truth(report: Path, chars: dict[str, list[tuple[str, Figures]]]) -> dict:
    """Every part's true count of each answer, from the sample's records."""
    import pandas as pd

    from equality_progress.analysis.measures import survey_groups
    from equality_progress.inputs.settings import load_settings

    root = Path(__file__).resolve().parents[2]
    data = root / "data" / report.parent.parent.name / report.parent.name
    survey = pd.read_csv(data / "staff_survey.csv")
    groups = {g.group: g.answers for g in survey_groups(survey, CHARS, load_settings(root))}
    every = [int((survey["edi_score"] == k).sum()) for k in range(1, 8)]
    truth = {("All respondents", k + 1): c for k, c in enumerate(every)}
    for char, gs in chars.items():
        for name, _ in gs:
            truth |= {(name, k + 1): c for k, c in enumerate(groups[name])}
        rest = [every[k] - sum(groups[name][k] for name, _ in gs) for k in range(7)]
        truth |= {(f"{char}: the rest", k + 1): c for k, c in enumerate(rest)}
    return truth


def test_no_sample_reports_survey_pins_an_answer_taken_as_one(built: Path):
    found, attacked = {}, 0
    for f in sorted(built.glob("*/*/report.html")):
        if (figures := survey_figures(f)) is None:
            continue
        attacked += 1
        head, chars = figures
        truth = _truth(f, chars)
        if p := pins(bound_survey(head, chars, truth), truth):
            found[f"{f.parent.parent.name} {f.parent.name}"] = p
    assert attacked >= 4  # LCRCA's four years with a survey
    assert found == {}

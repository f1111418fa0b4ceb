"""The attacker's links between table families (issue 28): constraints joining tables that
the per-family models of ``attack.py`` bound one at a time, added to its workforce model so
that one model holds the whole report.

- Recruitment: every "Recruitment by ..." table counts the same applicants at each stage,
  so the stage totals are shared; each characteristic but sex has a not-stated group that
  the report does not print (sex is recorded for every applicant, as the issue's attack
  assumes), so the not-stated applicants, shortlisted and appointed are the differences.
- Senior appointments: the senior appointments a share counts are some of the group's
  appointments in the recruitment table; the rest are appointed to other roles.
- Pay: a group's full-pay relevant employees (the pay gap table's "Employees") are some of
  its staff in the workforce table; the rest are on reduced pay.
- Bonus: the bonus recipients of each sex (the statutory shares, of each employer's men and
  women) add up to every recipient; the reference group's share (the note under a pay gap
  table) and the compared group's share are of their staff; the rest did not disclose.

Bounds by scipy's ``milp`` (HiGHS) through ``attack.Model``; Tau-Argus (``pytauargus``) is
not used because the attacker must stay independent of any suppression tool the package
might use.
"""

from __future__ import annotations

import re

from attack import C, Model, _num, workforce_model

STAGES = ("not shortlisted", "sna", "ap")  # applied = all three; shortlisted = sna + ap
COMPLETE = ("Recruitment by sex",)  # characteristics recorded for every applicant
# (characteristic label, pay gap table row, workforce group, reference group)
PAY_LINKS = (
    ("Ethnicity", "All ethnic minority groups", "Ethnic minority", "White British"),
    ("Disability", "Disabled", "Disabled", "Not disabled"),
)
SENIOR_LINKS = {"thnic": ("Recruitment by ethnicity", "Ethnic minority")}


def recruitment_links(m: Model, t: dict[str, list[list[str]]]) -> None:
    """Recruitment tables as one system: per table, its groups plus an unprinted not-stated
    group add up, stage by stage, to totals shared by every table."""
    caps = [c for c in t if c.startswith("Recruitment by ")]
    totals = {s: m.var(f"Recruitment|All|{s}") for s in STAGES}
    for cap in caps:
        parts: dict[str, list[int]] = {s: [] for s in STAGES}
        groups = list(t[cap][1:])
        if cap not in COMPLETE:
            groups.append(["Not stated", "", "", "", "", ""])
        for g, applied, short, appointed, r_short, r_app in groups:
            ns, sna, ap = (m.var(f"{cap}|{g}|{s}") for s in STAGES)
            a_i, s_i = m.var(f"{cap}|{g}|applied"), m.var(f"{cap}|{g}|shortlisted")
            m.total(a_i, [ns, sna, ap])
            m.total(s_i, [sna, ap])
            for var, cell in ((a_i, applied), (s_i, short), (ap, appointed)):
                m.count(var, cell)
            if _num(r_short) is not None:
                m.percent(s_i, a_i, _num(r_short))
            if _num(r_app) is not None:
                m.percent(ap, s_i, _num(r_app))
            for s, v in zip(STAGES, (ns, sna, ap), strict=True):
                parts[s].append(v)
        for s in STAGES:
            m.total(totals[s], parts[s])


def senior_links(m: Model, t: dict[str, list[list[str]]]) -> None:
    """A share of senior appointments (its responses are every senior appointment) counts
    some of its group's appointments: the rest went to other roles."""
    for cap, rows in t.items():
        if "share of senior appointments" not in cap or "Value" not in rows[0]:
            continue
        link = next((v for k, v in SENIOR_LINKS.items() if k in cap), None)
        row = next((r for r in rows[1:] if r[0] == "All senior appointments"), None)
        if link is None or row is None or link[0] not in t:
            continue
        head = rows[0]
        senior, base = m.var(f"{cap}|senior"), m.var(f"{cap}|responses")
        value, n = _num(row[head.index("Value")]), _num(row[head.index("Responses")])
        if n is not None:
            m.equal(base, n)
        if value is not None:
            m.percent(senior, base, value)
        m.add({senior: 1.0, base: -1.0}, -float("inf"), 0)
        other = m.var(f"{cap}|{link[1]} appointed to other roles")
        m.total(m.var(f"{link[0]}|{link[1]}|ap"), [senior, other])


def _staff(m: Model, char: str, group: str) -> int:
    """The workforce model's all-staff count of a group (its variable, shared)."""
    return m.var(f"{char}|All staff|{group}")


def pay_links(m: Model, t: dict[str, list[list[str]]], text: str) -> None:
    """Full-pay relevant employees of a group are some of its staff; bonus recipients of
    every group add up to the recipients the statutory sex shares give."""
    recipients = _bonus_total(m, t)
    for char, row_name, group, ref in PAY_LINKS:
        gap = next((r for c, r in t.items() if c.startswith(f"{char} pay and bonus gaps")), None)
        if (
            gap is None
            or f"{char}: share of the workforce, of senior roles and of each grade band" not in t
        ):
            continue
        head = gap[0]
        row = next((r for r in gap[1:] if r[0] == row_name), None)
        if row is None:
            continue
        staff, employees = _staff(m, char, group), m.var(f"{char}|{group}|employees")
        if _num(row[head.index("Employees")]) is not None:
            m.equal(employees, _num(row[head.index("Employees")]))
        m.total(staff, [employees, m.var(f"{char}|{group}|staff not on full pay")])
        if recipients is None:
            continue
        got = m.var(f"{char}|{group}|bonus recipients")
        share = _num(row[head.index("Receiving a bonus")])
        if share is not None:
            m.percent(got, staff, share)
        elif row[head.index("Receiving a bonus")] == C:  # a zero prints as 0.0%
            m.add({got: 1.0}, 1, float("inf"))
        m.add({got: 1.0, staff: -1.0}, -float("inf"), 0)
        _single_groups(m, got, char, [r for r in gap[1:] if r[0] != row_name], head)
        ref_got = m.var(f"{char}|{ref}|bonus recipients")
        note = re.search(rf"{ref} employees receiving a bonus: ([\d.]+)%", text)
        if note:
            m.percent(ref_got, _staff(m, char, ref), float(note.group(1)))
        m.add({ref_got: 1.0, _staff(m, char, ref): -1.0}, -float("inf"), 0)
        m.total(recipients, [got, ref_got, m.var(f"{char}|not disclosed|bonus recipients")])


def _single_groups(m: Model, got: int, char: str, rows: list[list[str]], head: list[str]) -> None:
    """Single groups' bonus recipients are parts of their aggregate's (the groups too small
    to list take the rest). A published share is 0 or at least 5 recipients (a share goes
    with its count); a withheld one is at least 1 only where the column prints a zero as
    0.0% beside it (issue 28's re-attack: Sefton 2023-24's three [c] were then 1 to 3)."""
    col = head.index("Receiving a bonus")
    zero_shown = any(_num(r[col]) == 0 for r in rows)
    parts = []
    for r in rows:
        part = m.var(f"{char}|{r[0]}|bonus recipients")
        share = _num(r[col])
        if share == 0:
            m.equal(part, 0)
        elif share is not None:
            m.add({part: 1.0}, 5, float("inf"))
        elif r[col] == C and zero_shown:
            m.add({part: 1.0}, 1, float("inf"))
        parts.append(part)
    if parts:
        m.add({got: 1.0, **{x: -1.0 for x in parts}}, 0, float("inf"))


def _bonus_total(m: Model, t: dict[str, list[list[str]]]) -> int | None:
    """Every bonus recipient: each employer's men and women (unknown, adding up to the
    workforce's) times the statutory shares receiving a bonus."""
    employers = [c for c in t if c.startswith("Gender pay gap, ")]
    if (
        not employers
        or "Sex: share of the workforce, of senior roles and of each grade band" not in t
    ):
        return None
    total = m.var("Bonus|recipients")
    parts = []
    for sex, label in (("Male", "Men"), ("Female", "Women")):
        people = []
        for cap in employers:
            shares = {r[0]: r[1] for r in t[cap][1:]}
            share = _num(shares.get(f"{label} receiving a bonus", C))
            if share is None:
                return None
            n, got = m.var(f"{cap}|{sex}|staff"), m.var(f"{cap}|{sex}|bonus recipients")
            m.percent(got, n, share)
            people.append(n)
            parts.append(got)
        m.total(_staff(m, "Sex", sex), people)
    m.total(total, parts)
    return total


def linked_model(t: dict[str, list[list[str]]], text: str = "") -> Model:
    """The whole report's counts as one model: the workforce tables (``attack.py``) joined
    to recruitment, senior appointments, pay gaps and bonus shares."""
    m = workforce_model(t, text)
    if any(c.startswith("Recruitment by ") for c in t):
        recruitment_links(m, t)
        senior_links(m, t)
    pay_links(m, t, text)
    return m


def recruitment_linked_model(t: dict[str, list[list[str]]]) -> Model:
    """The recruitment tables alone, as one system (no links when there is only one)."""
    m = Model()
    if sum(c.startswith("Recruitment by ") for c in t) >= 2:
        recruitment_links(m, t)
    return m


LINKED = ("Recruitment", "senior appointments", "not on full pay", "bonus recipients")


def linked_audit(t: dict[str, list[list[str]]], text: str = "") -> list[str]:
    """Every count of 1 to 4 people the links pin (exactly or to a width under 5); counts
    of one table family alone are ``attack.audit``'s."""
    pins = linked_model(t, text).pinned()
    return [
        f"{name} pinned to {lo} to {hi}"
        for name, lo, hi in pins
        if any(k in name for k in LINKED) and not name.startswith(STATUTORY)
    ]


# each employer's recipients by sex: the 2017 regulations oblige the shares to be published
STATUTORY = "Gender pay gap, "

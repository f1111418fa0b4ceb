"""The attacker's links between table families (issue 28): constraints joining tables that
the per-family models of ``attack.py`` bound one at a time.

Recruitment: every "Recruitment by ..." table counts the same applicants at each stage, so
the stage totals are shared; each characteristic but sex has a not-stated group that the
report does not print (sex is recorded for every applicant, as the issue's attack assumes),
so the not-stated applicants, shortlisted and appointed are the differences. Bounds by
scipy's ``milp`` (HiGHS) through ``attack.Model``; Tau-Argus (``pytauargus``) is not used
because the attacker must stay independent of any suppression tool the package might use.
"""

from __future__ import annotations

from attack import Model, _num

STAGES = ("not shortlisted", "sna", "ap")  # applied = all three; shortlisted = sna + ap
COMPLETE = ("Recruitment by sex",)  # characteristics recorded for every applicant


def recruitment_linked_model(t: dict[str, list[list[str]]]) -> Model:
    """Recruitment tables as one system: per table, its groups plus an unprinted not-stated
    group add up, stage by stage, to totals shared by every table."""
    m = Model()
    caps = [c for c in t if c.startswith("Recruitment by ")]
    if len(caps) < 2:
        return m
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
                if _num(cell) is not None:
                    m.equal(var, _num(cell))
            if _num(r_short) is not None:
                m.percent(s_i, a_i, _num(r_short))
            if _num(r_app) is not None:
                m.percent(ap, s_i, _num(r_app))
            for s, v in zip(STAGES, (ns, sna, ap), strict=True):
                parts[s].append(v)
        for s in STAGES:
            m.total(totals[s], parts[s])
    return m


def linked_audit(t: dict[str, list[list[str]]]) -> list[str]:
    """Every count of 1 to 4 people the links pin (exactly or to a width under 5)."""
    pins = recruitment_linked_model(t).pinned()
    return [f"{name} pinned to {lo} to {hi}" for name, lo, hi in pins]

"""The workforce figures a report publishes, as linked tables, protected together: the
headcounts by grade, senior role and group, the pay quarters by group and the recruitment
stages (:func:`protect_workforce`). The figures themselves are :mod:`.representation`'s;
every disclosure rule is :mod:`.disclosure`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from equality_progress.analysis.disclosure import Protection, protect
from equality_progress.analysis.measures import GROUPINGS
from equality_progress.analysis.pay_gaps import hourly_pay_quarters
from equality_progress.analysis.representation import AGE_BENCHMARK_BANDS, shortlisted
from equality_progress.inputs.contracts import UNDISCLOSED
from equality_progress.inputs.settings import DisclosureSettings

ALL, SENIOR, ND, TOTAL = "All staff", "Senior roles", "Not disclosed", "Total"


def categories(col: pd.Series, characteristic: str) -> pd.Series:
    """Each person's category for the linked tables: the published group, "Not disclosed",
    or "Other"; for age the five-year band itself (the benchmark table splits groups)."""
    if characteristic == "age_band":
        return col.where(~col.isin(UNDISCLOSED), ND).astype(str)
    out = pd.Series("Other", index=col.index)
    for group, cats in GROUPINGS.get(characteristic, {}).items():
        out[col.isin(cats)] = group
    out[col.isin(UNDISCLOSED)] = ND
    return out


def group_members(characteristic: str, cats: list[str]) -> dict[str, list[str]]:
    """The categories each published group (and "Not disclosed") adds up."""
    if characteristic == "age_band":
        out = {g: [c for c in cats if c in raws] for g, raws in GROUPINGS["age_band"].items()}
        out |= {b: [c for c in cats if c in raws] for b, raws in AGE_BENCHMARK_BANDS.items()}
    else:
        out = {g: [g] for g in GROUPINGS.get(characteristic, {})}
    out[ND] = [ND]
    return out


def workforce_links(
    wf: pd.DataFrame,
    characteristic: str,
    bands: dict[str, str],
    by_grade: bool,
    elsewhere: frozenset[str] = frozenset(),
) -> tuple[pd.Series, dict, list, list, list]:
    """The workforce figures of one characteristic that a report publishes, as linked
    tables: (atoms, items, candidates, fixed, keep) for :func:`disclosure.protect`.

    Atoms are headcounts by grade x senior role x category. Items: each breakdown (all
    staff, senior roles, each grade band and, with ``by_grade``, each grade) by each
    group, "Not disclosed" and total; the complement of every group in its breakdown is
    audited too. The all-staff total is published in the text; the all-staff groups in
    ``elsewhere`` are also published by ``indicators.csv``, so they are withheld only
    when small.
    """
    cat = categories(wf[characteristic], characteristic)
    grades = sorted(wf["grade"].unique())
    cats = sorted(cat.unique())
    index = pd.MultiIndex.from_product([grades, [False, True], cats])
    counts = pd.Series(1, index=wf.index).groupby([wf["grade"], wf["senior_role"], cat]).sum()
    atoms = counts.reindex(index, fill_value=0)
    atoms.index = list(index)
    members = group_members(characteristic, cats)
    rows: dict[str, list[tuple]] = {ALL: list(atoms.index)}
    rows[SENIOR] = [a for a in atoms.index if a[1]]
    for band in dict.fromkeys(bands.values()):
        rows[band] = [a for a in atoms.index if bands.get(a[0]) == band]
    if by_grade:
        rows |= {g: [a for a in atoms.index if a[0] == g] for g in grades}
    items, candidates, fixed, keep = {}, [], [(ALL, TOTAL)], []
    for name, at in rows.items():
        items[(name, TOTAL)] = at
        if name != ALL:
            candidates.append((name, TOTAL))
        for group, cs in members.items():
            if name != ALL and group in AGE_BENCHMARK_BANDS:
                continue
            items[(name, group)] = [a for a in at if a[2] in cs]
            items[(name, f"not {group}")] = [a for a in at if a[2] not in cs]
            candidates.append((name, group))
            if name == ALL and group in elsewhere:
                keep.append((name, group))
    return atoms, items, candidates, fixed, keep


def recruitment_links(apps: pd.DataFrame, characteristic: str) -> tuple[pd.Series, dict, list]:
    """Applied, shortlisted and appointed counts of each group as linked figures: atoms are
    each group's people not shortlisted, shortlisted but not appointed, and appointed; the
    two differences are audited (the published counts give them away)."""
    outcome = pd.Series("not shortlisted", index=apps.index)
    outcome[shortlisted(apps["stage"])] = "shortlisted"
    outcome[apps["stage"] == "appointed"] = "appointed"
    atoms_l, items, candidates = [], {}, []
    values = []
    for group, cats in GROUPINGS[characteristic].items():
        g = outcome[apps[characteristic].isin(cats)]
        for o in ("not shortlisted", "shortlisted", "appointed"):
            atoms_l.append((group, o))
            values.append(int((g == o).sum()))
        a = {o: (group, o) for o in ("not shortlisted", "shortlisted", "appointed")}
        items[(group, "applied")] = list(a.values())
        items[(group, "shortlisted")] = [a["shortlisted"], a["appointed"]]
        items[(group, "appointed")] = [a["appointed"]]
        items[(group, "not shortlisted")] = [a["not shortlisted"]]
        items[(group, "not appointed")] = [a["shortlisted"]]
        candidates += [(group, "applied"), (group, "shortlisted"), (group, "appointed")]
    return pd.Series(values, index=atoms_l), items, candidates


RECRUITMENT = ("ethnicity", "disability", "sex")
STAGE_ATOMS = {
    "applied": ("not shortlisted", "shortlisted", "appointed"),
    "shortlisted": ("shortlisted", "appointed"),
    "appointed": ("appointed",),
    "not shortlisted": ("not shortlisted",),
    "not appointed": ("shortlisted",),
}


def recruitment_system(apps: pd.DataFrame) -> tuple[pd.Series, dict, list]:
    """Every recruitment table as one system (issue 28): atoms are applicants by sex x
    ethnicity x disability category x outcome, so the stage totals are shared by every
    table and each characteristic's unpublished "not stated" group (the difference
    between tables) is audited like any other count. Items are keyed (characteristic,
    group, stage); the published groups' applied, shortlisted and appointed are candidates."""
    outcome = pd.Series("not shortlisted", index=apps.index)
    outcome[shortlisted(apps["stage"])] = "shortlisted"
    outcome[apps["stage"] == "appointed"] = "appointed"
    chars = [c for c in RECRUITMENT if c in apps.columns]
    cat = {}
    for char in chars:
        c = pd.Series("Not stated", index=apps.index)
        for group, members in GROUPINGS[char].items():
            c[apps[char].isin(members)] = group
        cat[char] = c
    levels = [sorted(cat[c].unique()) for c in chars] + [STAGE_ATOMS["applied"]]
    index = pd.MultiIndex.from_product(levels)
    counts = pd.Series(1, index=apps.index).groupby([cat[c] for c in chars] + [outcome]).sum()
    atoms = counts.reindex(index, fill_value=0)
    atoms.index = list(index)
    items, candidates = {}, []
    for i, char in enumerate(chars):
        for group in levels[i]:
            for stage, outs in STAGE_ATOMS.items():
                items[(char, group, stage)] = [
                    a for a in atoms.index if a[i] == group and a[-1] in outs
                ]
                if group != "Not stated" and stage in ("applied", "shortlisted", "appointed"):
                    candidates.append((char, group, stage))
    return atoms, items, candidates


def recruitment_views(p: Protection) -> dict[str, Protection]:
    """One protection of :func:`recruitment_system` as one per characteristic, keyed
    (group, stage) like :func:`recruitment_links`' tables."""
    out = {}
    for char in RECRUITMENT:
        keys = [k for k in p.table.index if k[0] == char]
        if keys:
            sub = p.table.loc[keys].copy()
            sub.index = pd.Index([k[1:] for k in keys], tupleize_cols=False)
            out[char] = Protection(sub)
    return out


def quarter_links(counts: pd.DataFrame, columns: dict[str, list[str]]) -> tuple:
    """Each pay quarter's headcount by category as linked figures: every cell (published
    as a share of its quarter) and the groups' totals over the quarters (published as
    employees in the pay gap tables); quarter sizes are taken as known."""
    atoms = counts.stack()
    atoms.index = list(atoms.index)
    items, candidates, fixed = {}, [], []
    for q in counts.index:
        items[(q, TOTAL)] = [(q, c) for c in counts.columns]
        fixed.append((q, TOTAL))
        for c in counts.columns:
            items[(q, c)] = [(q, c)]
            candidates.append((q, c))
    for name, cs in columns.items():
        items[(TOTAL, name)] = [(q, c) for q in counts.index for c in cs if c in counts.columns]
        candidates.append((TOTAL, name))
    return atoms, items, candidates, fixed


REPRESENTED = ("sex", "ethnicity", "disability", "sexual_orientation", "age_band")
NONRESPONSE_ONLY = ("care_experience", "socio_economic_background")


@dataclass(frozen=True)
class WorkforcePlan:
    """What the workforce section may publish: one protection per characteristic, and
    whether the ethnicity table is shown by grade or (coarser, losing less) by band."""

    protections: dict[str, Protection]
    by_grade: bool
    quarters: dict[str, tuple[pd.DataFrame, Protection]]
    recruitment: dict[str, Protection]


PAY_GROUPS = {
    "ethnicity": {"All ethnic minority groups": "Ethnic minority"},
    "disability": {"Disabled": "Disabled"},
}


def protect_quarters(
    wf: pd.DataFrame, column: str, rules: DisclosureSettings
) -> tuple[pd.DataFrame, Protection]:
    """Headcount of each group (and "Not disclosed") in each hourly pay quarter, protected
    with the groups' totals that the pay gap tables publish."""
    fpr = wf[wf["full_pay_relevant"]]
    groups = pd.Series(ND, index=fpr.index)
    for name, cats in GROUPINGS[column].items():
        groups[fpr[column].isin(cats)] = name
    names = list(GROUPINGS[column]) + [ND]
    counts = hourly_pay_quarters(fpr["hourly_pay"], groups).reindex(columns=names, fill_value=0.0)
    totals = {v: [v] for v in PAY_GROUPS[column].values()}
    atoms, items, cands, fixed = quarter_links(counts, totals)
    return counts, protect(atoms, items, cands, rules, fixed=fixed)


def indicator_groups(specs: list[tuple[str, str | None, tuple[str, ...]]]) -> dict[str, set]:
    """The all-staff groups each characteristic's indicators publish, from their data specs
    (measure, characteristic, expanded categories): those counts are published anyway."""
    out: dict[str, set] = {}
    for measure, char, cats in specs:
        if measure == "workforce_nonresponse" and char:
            out.setdefault(char, set()).add(ND)
        elif measure == "workforce_share" and char:
            for group, members in GROUPINGS.get(char, {}).items():
                if set(members) == set(cats):
                    out.setdefault(char, set()).add(group)
    return out


def protect_workforce(
    wf: pd.DataFrame,
    bands: dict[str, str],
    rules: DisclosureSettings,
    elsewhere: dict[str, set] | None = None,
    apps: pd.DataFrame | None = None,
) -> WorkforcePlan:
    """Protect every workforce figure of a report together (see :mod:`.disclosure`).

    The ethnicity table by grade is published when suppression loses less than dropping
    to grade bands would: when at most half its non-zero grade cells are withheld.
    """
    out: dict[str, Protection] = {}
    by_grade = True
    for char in REPRESENTED + NONRESPONSE_ONLY:
        if char not in wf.columns:
            continue
        grades = char == "ethnicity"
        pub = frozenset((elsewhere or {}).get(char, ()))
        atoms, items, cands, fixed, keep = workforce_links(wf, char, bands, grades, pub)
        if char in NONRESPONSE_ONLY:
            cands, keep = [(ALL, ND)], [(ALL, ND)]
        p = protect(atoms, items, cands, rules, fixed=fixed, keep=keep)
        if grades:
            cells = p.table.loc[[k for k in p.table.index if k[0] in set(wf["grade"])]]
            cells = cells[(cells["role"] == "candidate") & (cells["value"] > 0)]
            if len(cells) and (~cells["published"]).mean() > 0.5:
                by_grade = False
                atoms, items, cands, fixed, keep = workforce_links(wf, char, bands, False, pub)
                p = protect(atoms, items, cands, rules, fixed=fixed, keep=keep)
        out[char] = p
    quarters = {c: protect_quarters(wf, c, rules) for c in PAY_GROUPS}
    recruitment = {}
    if apps is not None:
        atoms, items, cands = recruitment_system(apps)
        recruitment = recruitment_views(protect(atoms, items, cands, rules))
    return WorkforcePlan(out, by_grade, quarters, recruitment)

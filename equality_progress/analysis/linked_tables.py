"""The workforce figures a report publishes, as linked tables, protected together: the
headcounts by grade, senior role and group, the pay quarters by group and the recruitment
stages (:func:`protect_workforce`). The figures themselves are :mod:`.representation`'s;
every disclosure rule is :mod:`.disclosure`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from equality_progress.analysis.disclosure import Protection, protect, small
from equality_progress.analysis.measures import GROUPINGS
from equality_progress.analysis.pay_gaps import QUARTERS, hourly_pay_quarters, relevant_bool
from equality_progress.analysis.representation import AGE_BENCHMARK_BANDS, shortlisted
from equality_progress.analysis.statutory_chain import SEXES, ChainFinding
from equality_progress.inputs.contracts import UNDISCLOSED
from equality_progress.inputs.settings import DisclosureSettings

ALL, SENIOR, ND, TOTAL = "All staff", "Senior roles", "Not disclosed", "Total"
# first elements of the pay tables' keys in a workforce system (:func:`with_pay`)
PAY, BONUS, REDUCED = "Hourly pay", "Bonus", "not on full pay"
PAYS = (*QUARTERS, REDUCED)


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

    Atoms are headcounts by the (grade, senior role) pairs someone holds x category.
    Items: each breakdown (all staff, senior roles, each grade band and, with
    ``by_grade``, each grade) by each group, "Not disclosed" and total; the complement of
    every group in its breakdown is audited too. The all-staff total is published in the
    text; the all-staff groups in ``elsewhere`` are also published by ``indicators.csv``,
    so they are withheld only when small.
    """
    cat = categories(wf[characteristic], characteristic)
    grades = sorted(wf["grade"].unique())
    cats = sorted(cat.unique())
    # a reader is taken to know which grades hold senior roles (job adverts and pay
    # policy say so): a grade and seniority that no one has is no unknown (issue 28's
    # audit of the statutory chain: senior roles were grades 9-10, so the senior rows gave
    # back a withheld band's)
    pairs = sorted(set(zip(wf["grade"], wf["senior_role"], strict=True)))
    index = pd.MultiIndex.from_tuples([(g, s, c) for g, s in pairs for c in cats])
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


RECRUITMENT = ("ethnicity", "disability", "sex")
SENIOR_APPOINTMENTS = "Senior appointments"
STAGE_ATOMS = {
    "applied": ("not shortlisted", "shortlisted", "appointed"),
    "shortlisted": ("shortlisted", "appointed"),
    "appointed": ("appointed",),
    "not shortlisted": ("not shortlisted",),
    "not appointed": ("shortlisted",),
}


def recruitment_system(
    apps: pd.DataFrame, senior: Sequence[tuple[str, tuple[str, ...]]] = ()
) -> tuple[pd.Series, dict, list, list, list]:
    """Every recruitment table as one system (issue 28): atoms are applicants by sex x
    ethnicity x disability category x outcome x what a senior appointments share counts,
    so the stage totals are shared by every table, each characteristic's unpublished "not
    stated" group (the difference between tables) is audited like any other count, and so
    are a group's appointments that a share of senior appointments (``senior``: its
    characteristic and categories, one per indicator) leaves to other roles. Items are
    keyed (characteristic, group, stage); the published groups' applied, shortlisted and
    appointed are candidates; each senior share's count is kept (``indicators.csv``
    publishes it) and every senior appointment is fixed (its base). Returns (atoms, items,
    candidates, fixed, keep) for :func:`disclosure.protect`."""
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
    senior = [(c, cats) for c, cats in senior if c in apps.columns and "senior_role" in apps]
    top = (outcome == "appointed") & apps["senior_role"] if senior else outcome.isna()
    # what each senior share counts, as one label: "-" not a senior appointment, else a
    # flag per share ("senior:10": in the first share's group, not the second's)
    flags = pd.Series("-", index=apps.index)
    if senior:
        hit = [apps[c].isin(cats) for c, cats in senior]
        flags[top] = "senior:" + pd.concat(hit, axis=1).loc[top].astype(int).astype(str).agg(
            "".join, axis=1
        )
    levels = [sorted(cat[c].unique()) for c in chars] + [STAGE_ATOMS["applied"]]
    levels.append(sorted(flags.unique()) if senior else ["-"])
    # only the cells that can hold anyone: a senior appointment is an appointment, and a
    # share of a published group counts exactly that group's senior appointments (what
    # anyone reading the tables knows, so the audit must know it too)
    same = {
        n: (chars.index(c), g)
        for n, (c, cats) in enumerate(senior)
        for g, members in GROUPINGS[c].items()
        if set(members) == set(cats) and c in chars
    }
    index = [
        a
        for a in pd.MultiIndex.from_product(levels)
        if a[-1] == "-"
        or (
            a[-2] == "appointed"
            and all((a[i] == g) == (a[-1][7 + n] == "1") for n, (i, g) in same.items())
        )
    ]
    by = [cat[c] for c in chars] + [outcome, flags]
    counts = pd.Series(1, index=apps.index).groupby(by).sum()
    atoms = counts.reindex(pd.MultiIndex.from_tuples(index), fill_value=0)
    atoms.index = index
    items, candidates, fixed, keep = {}, [], [], []
    for i, char in enumerate(chars):
        for group in levels[i]:
            for stage, outs in STAGE_ATOMS.items():
                items[(char, group, stage)] = [
                    a for a in atoms.index if a[i] == group and a[-2] in outs
                ]
                if group != "Not stated" and stage in ("applied", "shortlisted", "appointed"):
                    candidates.append((char, group, stage))
    if senior:
        tops = [a for a in atoms.index if a[-1] != "-"]
        items[(SENIOR_APPOINTMENTS, TOTAL)] = tops
        fixed.append((SENIOR_APPOINTMENTS, TOTAL))
        for n in range(len(senior)):
            hits = {a for a in tops if a[-1][7 + n] == "1"}  # after "senior:"
            items[(SENIOR_APPOINTMENTS, n)] = sorted(hits)
            items[(SENIOR_APPOINTMENTS, f"not {n}")] = [a for a in tops if a not in hits]
            candidates.append((SENIOR_APPOINTMENTS, n))
            keep.append((SENIOR_APPOINTMENTS, n))
            for i, c in enumerate(chars):
                for group in levels[i]:
                    items[(c, group, f"appointed, not in senior share {n}")] = [
                        a
                        for a in atoms.index
                        if a[i] == group and a[-2] == "appointed" and a not in hits
                    ]
    return atoms, items, candidates, fixed, keep


def recruitment_views(p: Protection) -> dict[str, Protection]:
    """One protection of :func:`recruitment_system` as one per characteristic, keyed
    (group, stage), as the report's recruitment tables read them."""
    out = {}
    for char in RECRUITMENT:
        keys = [k for k in p.table.index if k[0] == char]
        if keys:
            sub = p.table.loc[keys].copy()
            sub.index = pd.Index([k[1:] for k in keys], tupleize_cols=False)
            out[char] = Protection(sub)
    return out


REPRESENTED = ("sex", "ethnicity", "disability", "sexual_orientation", "religion", "age_band")
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


def quarter_counts(wf: pd.DataFrame, column: str) -> pd.DataFrame:
    """Headcount of each group (and "Not disclosed", which takes everyone else, as the
    GOV.UK guidance keeps them in the quarters) in each hourly pay quarter."""
    fpr = wf[relevant_bool(wf["full_pay_relevant"])]
    names = list(GROUPINGS[column]) + [ND]
    groups = _pay_column(categories(fpr[column], column), names)
    counts = hourly_pay_quarters(fpr["hourly_pay"], groups)
    return counts.reindex(columns=names, fill_value=0.0)


def _pay_column(cat: pd.Series, names: list[str]) -> pd.Series:
    return cat.where(cat.isin(names), ND)


def with_pay(
    wf: pd.DataFrame,
    characteristic: str,
    atoms: pd.Series,
    items: dict,
    candidates: list,
    fixed: list,
    keep: list,
    rules: DisclosureSettings,
) -> pd.Series:
    """Split one characteristic's workforce atoms by hourly pay quarter (or not on full
    pay) and by bonus, and add the pay tables' figures to ``items`` (issue 28): each
    group's share of each quarter and its full-pay relevant employees (the pay gap
    table's "Employees") are candidates, so are the shares of the compared and reference
    groups receiving a bonus; every bonus recipient (the statutory figures give them) is
    fixed, and so is each quarter's size, unless so few are not on full pay that known
    sizes would give them away (then a size is kept, withheld only if need be); a group's
    staff not on full pay, its bonus recipients and non-recipients are audited. Returns
    the new atoms; ``items``, ``candidates``, ``fixed`` and ``keep`` are updated in place."""
    cat = categories(wf[characteristic], characteristic)
    full = relevant_bool(wf["full_pay_relevant"])
    bonus = wf["bonus_pay"].fillna(0) > 0 if "bonus_pay" in wf else pd.Series(False, wf.index)
    code, keys = pd.factorize(
        pd.MultiIndex.from_arrays([wf["grade"], wf["senior_role"], cat, bonus])
    )
    code = pd.Series(code, index=wf.index).astype(str)
    values: dict[tuple, float] = {}
    if full.any():
        by_quarter = hourly_pay_quarters(wf.loc[full, "hourly_pay"], code[full])
        for col in by_quarter.columns:
            for quarter, n in by_quarter[col].items():
                g, s, c, b = keys[int(col)]
                values[(g, s, c, quarter, b)] = float(n)
    for col, n in code[~full].value_counts().items():
        g, s, c, b = keys[int(col)]
        values[(g, s, c, REDUCED, b)] = float(n)
    split = {a: [(*a, p, b) for p in PAYS for b in (False, True)] for a in atoms.index}
    index = [x for a in atoms.index for x in split[a]]
    for k, at in items.items():
        items[k] = [x for a in at for x in split[a]]
    names = list(GROUPINGS[characteristic]) + [ND]

    def where(test) -> list:
        return [x for x in index if test(x)]

    col = {x[2]: (x[2] if x[2] in names else ND) for x in index}
    reduced = int((~full).sum())
    sizes_known = not small(reduced, rules) and reduced > rules.protection_width
    for quarter in QUARTERS:
        items[(PAY, quarter, TOTAL)] = where(lambda x, q=quarter: x[3] == q)
        (fixed if sizes_known else keep).append((PAY, quarter, TOTAL))
        if not sizes_known:
            candidates.append((PAY, quarter, TOTAL))
        for name in names:
            items[(PAY, quarter, name)] = where(
                lambda x, q=quarter, n=name: x[3] == q and col[x[2]] == n
            )
            candidates.append((PAY, quarter, name))
    for name in names:
        items[(PAY, REDUCED, name)] = where(lambda x, n=name: x[3] == REDUCED and col[x[2]] == n)
        if name in PAY_GROUPS[characteristic].values():
            items[(PAY, TOTAL, name)] = where(lambda x, n=name: x[3] != REDUCED and col[x[2]] == n)
            candidates.append((PAY, TOTAL, name))
    if "bonus_pay" in wf:
        items[(BONUS, TOTAL)] = where(lambda x: x[4])
        fixed.append((BONUS, TOTAL))
        for name in names:
            items[(BONUS, name)] = where(lambda x, n=name: x[4] and col[x[2]] == n)
            items[(BONUS, f"not {name}")] = where(lambda x, n=name: x[4] and col[x[2]] != n)
            items[(BONUS, "none", name)] = where(lambda x, n=name: not x[4] and col[x[2]] == n)
            if name != ND:
                candidates.append((BONUS, name))
    return pd.Series([values.get(x, 0.0) for x in index], index=index)


def split_pay(p: Protection) -> tuple[Protection, Protection]:
    """One protection of a workforce system :func:`with_pay` extended, as the workforce
    tables' (keys as :func:`workforce_links`) and the pay tables' (keys without ``PAY``:
    (quarter, group), (``TOTAL``, group); bonus keys as they are)."""
    pay = [k for k in p.table.index if k[0] in (PAY, BONUS)]
    rest = p.table.drop(index=pay)
    sub = p.table.loc[pay].copy()
    sub.index = pd.Index([k[1:] if k[0] == PAY else k for k in pay], tupleize_cols=False)
    return Protection(rest), Protection(sub)


def indicator_groups(specs: list[tuple[str, str | None, tuple[str, ...]]]) -> dict[str, set]:
    """The all-staff groups each characteristic's indicators publish, from their data specs
    (measure, characteristic, expanded categories): those counts are published anyway. A
    share's card also gives its characteristic's non-disclosure rate, year by year (issue
    24), so that count is published too."""
    out: dict[str, set] = {}
    for measure, char, cats in specs:
        if measure == "workforce_nonresponse" and char:
            out.setdefault(char, set()).add(ND)
        elif measure == "workforce_share" and char:
            out.setdefault(char, set()).add(ND)
            for group, members in GROUPINGS.get(char, {}).items():
                if set(members) == set(cats):
                    out.setdefault(char, set()).add(group)
    return out


def _grade_cells(atoms: pd.Series, items: dict, cands: list, fixed: list, grades: set) -> set:
    """The cells of a table by grade that decide between grades and bands (see
    :func:`protect_workforce`): each grade's published counts that count someone."""
    x = dict(zip(atoms.index, atoms.to_numpy(), strict=True))
    return {
        k for k in set(cands) - set(fixed) if k[0] in grades and sum(x[a] for a in items[k]) > 0
    }


def protect_workforce(
    wf: pd.DataFrame,
    bands: dict[str, str],
    rules: DisclosureSettings,
    elsewhere: dict[str, set] | None = None,
    apps: pd.DataFrame | None = None,
    senior: Sequence[tuple[str, tuple[str, ...]]] = (),
    chain: ChainFinding | None = None,
) -> WorkforcePlan:
    """Protect every workforce figure of a report together (see :mod:`.disclosure`): each
    characteristic's headcounts with, for ethnicity and disability, its pay quarters, pay
    gap employees and bonus shares (:func:`with_pay`); the recruitment tables with the
    senior appointment shares (:func:`recruitment_system`).

    The ethnicity table by grade is published when suppression loses less than dropping
    to grade bands would: when at most half its non-zero grade cells are withheld. Where
    the all-staff count of each sex would give a count away through the statutory figures
    (``chain.split``), those counts are withheld, and as many more cells as keep them wide.
    """
    out: dict[str, Protection] = {}
    quarters: dict[str, tuple[pd.DataFrame, Protection]] = {}
    by_grade = True
    pay = "hourly_pay" in wf and "full_pay_relevant" in wf
    grade_names = set(wf["grade"])

    def system(char: str, grades: bool, pub: frozenset) -> Protection | None:
        """One characteristic's protection; by grade, None once it is certain to be
        dropped for bands (more than half its grade cells withheld: see below)."""
        atoms, items, cands, fixed, keep = workforce_links(wf, char, bands, grades, pub)
        if char in NONRESPONSE_ONLY:
            cands, keep = [(ALL, ND)], [(ALL, ND)]
        prefer: list = []
        if pay and char in PAY_GROUPS:
            atoms = with_pay(wf, char, atoms, items, cands, fixed, keep, rules)
            # the pay tables' cells go first: the headcount tables carry the strategy's
            # measures and the grade detail
            prefer = [k for k in cands if k[0] in (PAY, BONUS)]
        cells = _grade_cells(atoms, items, cands, fixed, grade_names) if grades else set()

        def lost(withheld: frozenset) -> bool:
            """Past half, the table by grade is certain to be dropped (withheld only grow)."""
            return 2 * len(withheld & cells) > len(cells)

        hide = [(ALL, s) for s in SEXES] if char == "sex" and chain and chain.split else []

        def wide(ranges: dict) -> bool:
            return chain.split_exposes({s: ranges[(ALL, s)] for s in SEXES}, rules)  # type: ignore[union-attr]

        return protect(
            atoms, items, cands, rules, fixed=fixed, keep=keep, prefer=prefer,
            give_up=lost if grades else None, hide=hide, hide_exposed=wide,
        )  # fmt: skip

    for char in REPRESENTED + NONRESPONSE_ONLY:
        if char not in wf.columns:
            continue
        grades = char == "ethnicity"
        pub = frozenset((elsewhere or {}).get(char, ()))
        p = system(char, grades, pub)
        if grades:
            if p is not None:
                cells = p.table.loc[[k for k in p.table.index if k[0] in grade_names]]
                cells = cells[(cells["role"] == "candidate") & (cells["value"] > 0)]
            if p is None or (len(cells) and (~cells["published"]).mean() > 0.5):
                by_grade = False
                p = system(char, False, pub)
        assert p is not None  # only a protection by grade is given up
        if pay and char in PAY_GROUPS:
            p, quarters_p = split_pay(p)
            quarters[char] = (quarter_counts(wf, char), quarters_p)
        out[char] = p
    recruitment = {}
    if apps is not None:
        atoms, items, cands, fixed, keep = recruitment_system(apps, senior)
        p = protect(atoms, items, cands, rules, fixed=fixed, keep=keep)
        recruitment = recruitment_views(p)
    return WorkforcePlan(out, by_grade, quarters, recruitment)

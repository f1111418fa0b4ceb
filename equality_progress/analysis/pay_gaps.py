"""Pay gaps: the statutory gender pay gap, and ethnicity and disability pay gaps.

Sources: The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017,
Schedule 1; GOV.UK "Gender pay gap reporting: make your calculations" (hourly pay
quarters, leftovers and ties); GOV.UK "Ethnicity pay reporting: guidance for employers"
(2023) for ethnicity groups and non-disclosure. All functions are pure: DataFrame in,
figures out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from equality_progress.analysis.disclosure import base_allowed, share_allowed
from equality_progress.inputs.contracts import TRUE
from equality_progress.inputs.settings import DisclosureSettings

QUARTERS = ("lower", "lower_middle", "upper_middle", "upper")


def round_half_up(value: float | None, places: int = 1) -> float | None:
    """Round as a person does (2.25 -> 2.3), not banker's rounding. The value is first
    rounded to 9 decimal places, so that a half reached through floating-point division
    (1441.5 / 3720 x 100 = 38.74999...) counts as the half it is (38.75 -> 38.8)."""
    if value is None or pd.isna(value):
        return None
    q = Decimal(1).scaleb(-places)
    return float(Decimal(repr(round(float(value), 9))).quantize(q, rounding=ROUND_HALF_UP))


def gap_pct(reference: pd.Series, comparison: pd.Series, statistic: str) -> float | None:
    """(reference - comparison) / reference x 100, of the mean or median."""
    if reference.empty or comparison.empty:
        return None
    ref = reference.mean() if statistic == "mean" else reference.median()
    cmp_ = comparison.mean() if statistic == "mean" else comparison.median()
    if ref == 0:
        return None
    return float((ref - cmp_) / ref * 100)


def quarter_sizes(n: int) -> dict[str, int]:
    """Sizes of the four quarters of ``n`` ranked employees.

    GOV.UK: leftovers go 1 -> lower; 2 -> lower and upper middle;
    3 -> lower, lower middle and upper middle.
    """
    base, extra = divmod(n, 4)
    add = {
        0: (),
        1: ("lower",),
        2: ("lower", "upper_middle"),
        3: ("lower", "lower_middle", "upper_middle"),
    }[extra]
    return {q: base + (1 if q in add else 0) for q in QUARTERS}


def hourly_pay_quarters(pay: pd.Series, group: pd.Series) -> pd.DataFrame:
    """Headcount of each group in each hourly pay quarter.

    Employees are ranked from highest to lowest pay and the upper quarter filled first.
    People on the same rate who straddle a dividing line are shared across the quarters
    in proportion to their groups (GOV.UK), so counts may be fractional.
    """
    sizes = quarter_sizes(len(pay))
    order = ("upper", "upper_middle", "lower_middle", "lower")  # rank order, highest first
    edges = np.cumsum([0] + [sizes[q] for q in order])
    # one row per pay rate (highest first), one column per group (sorted, as pd.crosstab
    # gives them, but counted with numpy: crosstab cost more than the rest of this report)
    rates, rate_of = np.unique(pay.to_numpy(dtype=float), return_inverse=True)
    groups, group_of = np.unique(group.to_numpy().astype(str), return_inverse=True)
    ties = np.zeros((len(rates), len(groups)))
    np.add.at(ties, (rate_of, group_of), 1)
    ties = ties[::-1]
    k = ties.sum(axis=1)
    hi = np.cumsum(k)
    lo = hi - k
    shares = ties / k[:, None]
    rows = []
    for i in range(4):
        overlap = np.clip(np.minimum(hi, edges[i + 1]) - np.maximum(lo, edges[i]), 0, None)
        rows.append(overlap @ shares)
    result = pd.DataFrame(rows, index=list(order), columns=[str(g) for g in groups])
    return result.reindex(list(QUARTERS))


def relevant_bool(series: pd.Series) -> pd.Series:
    """The ``full_pay_relevant`` column as booleans (text true/yes/1 read as True)."""
    if series.dtype == bool:
        return series
    return series.astype(str).str.strip().str.lower().isin(TRUE)


def gender_pay_gap(df: pd.DataFrame) -> dict:
    """The statutory gender pay gap figures, rounded to one decimal place.

    ``df`` has ``sex``, ``hourly_pay``, ``bonus_pay`` (0 if none) and
    ``full_pay_relevant``. Returns exactly the keys submitted to the government service.
    Employees recorded as another gender are left out, as the guidance allows (GEO and
    Acas, "Managing gender pay reporting", 2019: an employee who does not identify as a man
    or a woman may be omitted).
    """
    df = df[df["sex"].isin(["Male", "Female"])]
    fpr = df[relevant_bool(df["full_pay_relevant"])]
    men, women = fpr[fpr["sex"] == "Male"], fpr[fpr["sex"] == "Female"]
    bonus = df[df["bonus_pay"] > 0]
    bmen, bwomen = bonus[bonus["sex"] == "Male"], bonus[bonus["sex"] == "Female"]
    n_men, n_women = (df["sex"] == "Male").sum(), (df["sex"] == "Female").sum()
    quarters = hourly_pay_quarters(fpr["hourly_pay"], fpr["sex"])
    q_out = {}
    for q in QUARTERS:
        row = quarters.loc[q]
        total = row.sum()
        male = row.get("Male", 0.0) / total * 100 if total else None
        female = row.get("Female", 0.0) / total * 100 if total else None
        q_out[q] = {"male_pct": round_half_up(male), "female_pct": round_half_up(female)}
    return {
        "mean_hourly_gap_pct": round_half_up(
            gap_pct(men["hourly_pay"], women["hourly_pay"], "mean")
        ),
        "median_hourly_gap_pct": round_half_up(
            gap_pct(men["hourly_pay"], women["hourly_pay"], "median")
        ),
        "mean_bonus_gap_pct": round_half_up(
            gap_pct(bmen["bonus_pay"], bwomen["bonus_pay"], "mean")
        ),
        "median_bonus_gap_pct": round_half_up(
            gap_pct(bmen["bonus_pay"], bwomen["bonus_pay"], "median")
        ),
        "male_bonus_pct": round_half_up(len(bmen) / n_men * 100 if n_men else None),
        "female_bonus_pct": round_half_up(len(bwomen) / n_women * 100 if n_women else None),
        "quartiles": q_out,
    }


def median_gender_pay_gap(df: pd.DataFrame) -> float | None:
    """Unrounded median hourly gap over full-pay relevant employees (for trend indicators)."""
    fpr = df[relevant_bool(df["full_pay_relevant"])]
    return gap_pct(
        fpr.loc[fpr["sex"] == "Male", "hourly_pay"],
        fpr.loc[fpr["sex"] == "Female", "hourly_pay"],
        "median",
    )


def median_gap_one_out(df: pd.DataFrame) -> tuple[float, float] | None:
    """The lowest and highest median gender pay gap with any one full-pay relevant employee
    left out (a leave-one-out, or jackknife, range: Quenouille 1949, Tukey 1958): how far
    one person moves a median, which a census figure's change must exceed to count (issue
    24: LCRCA 2022-23's 15.08 -> 14.60 lies inside 11.30 to 16.67).

    Leaving out any one value below a median moves it as leaving out the lowest does, and
    any one above it as the highest does (one in the middle lands between), so the four
    cases below give the whole range; tests/analysis/test_pay_gaps.py checks every case."""
    fpr = df[relevant_bool(df["full_pay_relevant"])]
    men = np.sort(fpr.loc[fpr["sex"] == "Male", "hourly_pay"].to_numpy(dtype=float))
    women = np.sort(fpr.loc[fpr["sex"] == "Female", "hourly_pay"].to_numpy(dtype=float))
    if len(men) < 2 or len(women) < 2:
        return None
    m, w = float(np.median(men)), float(np.median(women))
    pairs = [(float(np.median(x)), w) for x in (men[1:], men[:-1])]
    pairs += [(m, float(np.median(x))) for x in (women[1:], women[:-1])]
    gaps = [(a - b) / a * 100 for a, b in pairs if a]
    return (min(gaps), max(gaps)) if gaps else None


def group_pay_gaps(
    df: pd.DataFrame,
    column: str,
    reference: str,
    groups: dict[str, list[str]],
    rules: DisclosureSettings,
    undisclosed: tuple[str, ...] = ("Prefer not to say", "Not recorded"),
) -> pd.DataFrame:
    """Mean and median hourly pay gaps and bonus figures of each comparison group against
    ``reference``: the statutory gender pay gap figures, by group.

    ``groups`` maps a label to the categories it combines (e.g. "All ethnic minority
    groups"). Individual categories with enough full-pay relevant employees for a median
    (:func:`disclosure.base_allowed`) are added as their own rows (GOV.UK ethnicity pay
    guidance, 2023; smaller groups stay only in the aggregate, as ONS advises).
    Gaps are % of the reference group's pay.
    """
    fpr = df[relevant_bool(df["full_pay_relevant"])]
    ref_pay = fpr.loc[fpr[column] == reference, "hourly_pay"]
    has_bonus = "bonus_pay" in df.columns
    if has_bonus:
        ref_all = df[df[column] == reference]
        ref_bonus = ref_all.loc[ref_all["bonus_pay"] > 0, "bonus_pay"]
    rows = []
    comparisons = dict(groups)
    combined = {c for cats in groups.values() for c in cats}
    counts = fpr[column].value_counts()
    for cat in sorted(combined):
        if base_allowed(int(counts.get(cat, 0)), rules):
            comparisons.setdefault(cat, [cat])
    for label, cats in comparisons.items():
        pay = fpr.loc[fpr[column].isin(cats), "hourly_pay"]
        row = {
            "group": label,
            "employees": int(len(pay)),
            "mean_gap_pct": round_half_up(gap_pct(ref_pay, pay, "mean")),
            "median_gap_pct": round_half_up(gap_pct(ref_pay, pay, "median")),
        }
        if has_bonus:
            everyone = df[df[column].isin(cats)]
            bonus = everyone.loc[everyone["bonus_pay"] > 0, "bonus_pay"]
            row |= {
                "staff": int(len(everyone)),
                "bonus_recipients": int(len(bonus)),
                "bonus_pct": round_half_up(len(bonus) / len(everyone) * 100)
                if len(everyone)
                else None,
                "mean_bonus_gap_pct": round_half_up(gap_pct(ref_bonus, bonus, "mean")),
                "median_bonus_gap_pct": round_half_up(gap_pct(ref_bonus, bonus, "median")),
            }
        rows.append(row)
    out = pd.DataFrame(rows)
    out.attrs["reference"] = reference
    if has_bonus:
        out.attrs["reference_bonus_recipients"] = int(len(ref_bonus))
        out.attrs["reference_bonus_pct"] = round_half_up(
            len(ref_bonus) / len(ref_all) * 100 if len(ref_all) else None
        )
        out.attrs["reference_bonus_shown"] = share_allowed(len(ref_bonus), len(ref_all), rules)
    out.attrs["non_disclosure_pct"] = round_half_up(
        float(df[column].isin(undisclosed).mean() * 100) if len(df) else None
    )
    return out


STATUTORY_EMPLOYEES = 250  # the 2017 regulations' relevant employers


@dataclass(frozen=True)
class EmployerGaps:
    """One employer's statutory figures as a report may publish them: each measure with
    whether disclosure control lets it be shown, and whether its pay quarters may be."""

    employer: str
    figures: dict | None  # gender_pay_gap(), or None: too few men or women to publish any
    measures: tuple[tuple[str, float | None, bool], ...] = ()  # (label, value, publishable)
    quarters_publishable: bool = False


def employer_gaps(wf: pd.DataFrame, rules: DisclosureSettings) -> list[EmployerGaps]:
    """The gender pay gap of each employer, with the disclosure rules applied to each
    figure: a gap needs ``min_base`` men and women (and bonus gaps that many recipients of
    each sex), a share of people receiving a bonus its own rule, and the pay quarters are
    shown only when no quarter holds 1 to 4 men or women."""
    out = []
    for employer in sorted(wf["employer"].unique()):
        e = wf[wf["employer"] == employer]
        n_men, n_women = int((e["sex"] == "Male").sum()), int((e["sex"] == "Female").sum())
        if not base_allowed(min(n_men, n_women), rules):
            out.append(EmployerGaps(employer, None))
            continue
        g = gender_pay_gap(e)
        bonus = e[e["bonus_pay"] > 0]
        b_men, b_women = int((bonus["sex"] == "Male").sum()), int((bonus["sex"] == "Female").sum())
        # the 2017 regulations (reg. 1(2), Sch. 2) oblige an employer with 250 or more
        # relevant employees to publish every figure: statutory, so never withheld
        statutory = len(e) >= STATUTORY_EMPLOYEES
        bonus_ok = statutory or base_allowed(min(b_men, b_women), rules)
        measures = (
            ("Mean hourly pay gap", g["mean_hourly_gap_pct"], True),
            ("Median hourly pay gap", g["median_hourly_gap_pct"], True),
            ("Mean bonus gap", g["mean_bonus_gap_pct"], bonus_ok),
            ("Median bonus gap", g["median_bonus_gap_pct"], bonus_ok),
            (
                "Men receiving a bonus",
                g["male_bonus_pct"],
                statutory or share_allowed(b_men, n_men, rules),
            ),
            (
                "Women receiving a bonus",
                g["female_bonus_pct"],
                statutory or share_allowed(b_women, n_women, rules),
            ),
        )
        fpr = e[relevant_bool(e["full_pay_relevant"]) & e["sex"].isin(["Male", "Female"])]
        sizes = hourly_pay_quarters(fpr["hourly_pay"], fpr["sex"])
        quarters_ok = statutory or all(
            share_allowed(row.get("Male", 0.0), row.sum(), rules) for _, row in sizes.iterrows()
        )
        out.append(EmployerGaps(employer, g, measures, quarters_ok))
    return out

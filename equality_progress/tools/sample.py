"""Synthetic sample data, seeded, that reproduces each strategy's published baselines.

Nothing here is real: every record is made up. At each authority's baseline year the
record-level files reproduce the figures the strategies publish (LCRCA 2021-22, Sefton
December 2022); later years move plausibly so that every status occurs across the
sample reports. ``synthetic_authority`` makes extra authorities for scale benchmarks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pandas as pd

from equality_progress.inputs.catalogue import Catalogue
from equality_progress.inputs.contracts import AGE_BAND, ETHNIC_MINORITY, LGB_PLUS, SOCIO_ECONOMIC
from equality_progress.years import FinancialYear

SEED = 20260401


@dataclass(frozen=True)
class Profile:
    """Exact percentages of one year's workforce (of all staff)."""

    n: int
    male: float
    minority: float
    ethnicity_undisclosed: float
    disabled: float
    not_disabled: float
    lgb: float
    so_prefer_not: float
    so_not_recorded: float
    age: dict[str, float]  # band group -> percent; remaining share spread over other bands


def _counts(n: int, pct: float) -> int:
    return int(round(pct * n / 100))


def _column(
    rng: np.random.Generator, n: int, parts: list[tuple[object, int]], rest: object
) -> np.ndarray:
    values: list[object] = []
    for value, count in parts:
        values += [value] * count
    values += [rest] * (n - len(values))
    arr = np.array(values, dtype=object)
    rng.shuffle(arr)
    return arr


def _spread(labels: tuple[str, ...], count: int) -> list[tuple[str, int]]:
    """Split ``count`` over ``labels`` in fixed shares weighted towards the first few, by
    largest remainder (Hamilton's method). Fixed, not drawn: a real workforce's bands move
    little from one year to the next, and a random split each year moved a band by a third
    (which the inputs' swing check rightly stops, issue 26's scale runs)."""
    weights = np.linspace(2.0, 0.5, len(labels))
    quota = count * weights / weights.sum()
    alloc = np.floor(quota).astype(int)
    for i in np.argsort(-(quota - alloc), kind="stable")[: count - int(alloc.sum())]:
        alloc[i] += 1
    return [(lab, int(c)) for lab, c in zip(labels, alloc, strict=True) if c]


AGE_GROUPS = {
    "under_20": ("16-19",),
    "20_29": ("20-24", "25-29"),
    "30_39": ("30-34", "35-39"),
    "40_49": ("40-44", "45-49"),
    "50_plus": ("50-54", "55-59", "60-64", "65+"),
}


def workforce(
    profile: Profile,
    employers: dict[str, int],
    rng: np.random.Generator,
    year: FinancialYear,
    median_pay: dict[str, tuple[float, float]],
) -> pd.DataFrame:
    """One year's record-level workforce with exact shares and exact median pay by sex."""
    n = profile.n
    sex = _column(rng, n, [("Male", _counts(n, profile.male))], "Female")
    minority = _counts(n, profile.minority)
    eth_nd = _counts(n, profile.ethnicity_undisclosed)
    ethnicity = _column(
        rng,
        n,
        _spread(ETHNIC_MINORITY, minority)
        + [("Prefer not to say", eth_nd // 3), ("Not recorded", eth_nd - eth_nd // 3)],
        "White British",
    )
    dis, notdis = _counts(n, profile.disabled), _counts(n, profile.not_disabled)
    disability = _column(
        rng,
        n,
        [
            ("Disabled", dis),
            ("Not disabled", notdis),
            ("Prefer not to say", (n - dis - notdis) // 8),
        ],
        "Not recorded",
    )
    orientation = _column(
        rng,
        n,
        _spread(LGB_PLUS, _counts(n, profile.lgb))
        + [
            ("Prefer not to say", _counts(n, profile.so_prefer_not)),
            ("Not recorded", _counts(n, profile.so_not_recorded)),
        ],
        "Heterosexual",
    )
    age_parts: list[tuple[object, int]] = []
    for group, pct in profile.age.items():
        age_parts += _spread(AGE_GROUPS[group], _counts(n, pct))
    fixed = {b for g in profile.age for b in AGE_GROUPS[g]}
    others = tuple(b for b in AGE_BAND if b not in fixed) or ("35-39",)
    remaining = n - sum(c for _, c in age_parts)
    age_parts += _spread(others, remaining)
    age = _column(rng, n, age_parts, others[0])
    care = _column(
        rng,
        n,
        [
            ("Yes", _counts(n, 1.5)),
            ("Prefer not to say", _counts(n, 3)),
            ("Not recorded", _counts(n, 20)),
        ],
        "No",
    )
    employer = np.array(sum(([e] * k for e, k in employers.items()), []), dtype=object)
    rng.shuffle(employer)
    # grades skew higher for men, so that pay gaps are plausible
    grade_num = np.clip(np.round(rng.normal(5.0, 2.0, n) + np.where(sex == "Male", 0.8, 0)), 1, 10)
    hourly = np.round((10.5 + 2.6 * grade_num) * np.exp(rng.normal(0, 0.08, n)), 2)
    fpr = rng.random(n) > 0.03
    bonus = np.where(rng.random(n) < 0.04, np.round(rng.uniform(200, 1500, n), 2), 0.0)
    frame = pd.DataFrame(
        {
            "employee_id": [f"E{year.start % 100:02d}{i:05d}" for i in rng.permutation(n)],
            "employer": employer,
            "grade": [f"Grade {int(g)}" for g in grade_num],
            "senior_role": grade_num >= 9,
            "service_area": rng.choice(
                ["Transport", "Corporate", "Economy", "Housing", "Customer"], n
            ),
            "sex": sex,
            "ethnicity": ethnicity,
            "disability": disability,
            "sexual_orientation": orientation,
            "age_band": age,
            "care_experience": care,
            "weekly_hours": np.where(rng.random(n) < 0.2, 22.5, 37.0),
            "hourly_pay": hourly,
            "full_pay_relevant": fpr,
            "bonus_pay": bonus,
        }
    )
    for emp, (male_median, female_median) in median_pay.items():
        for s, target in (("Male", male_median), ("Female", female_median)):
            _fix_median(frame, (frame["employer"] == emp) & (frame["sex"] == s), target)
    return frame


# answers among those who gave one, roughly the shares of the UK workforce the Social
# Mobility Commission reports (professional, intermediate, lower socio-economic, other)
SOCIO_ECONOMIC_SHARES = (37.0, 24.0, 33.0, 6.0)


def add_socio_economic(
    frame: pd.DataFrame, rng: np.random.Generator, not_recorded: float, prefer_not: float
) -> None:
    """Add an optional ``socio_economic_background`` column after ``care_experience``:
    ``not_recorded`` and ``prefer_not`` percent of staff undisclosed, the rest spread over
    the answers. Its own ``rng``, so that the other columns do not change."""
    n = len(frame)
    nr, pn = _counts(n, not_recorded), _counts(n, prefer_not)
    answered = rng.multinomial(n - nr - pn, np.array(SOCIO_ECONOMIC_SHARES) / 100)
    parts = list(zip(SOCIO_ECONOMIC[:4], (int(c) for c in answered), strict=True))
    parts += [("Prefer not to say", pn)]
    values = _column(rng, n, parts, "Not recorded")
    frame.insert(frame.columns.get_loc("care_experience") + 1, "socio_economic_background", values)


def _fix_median(frame: pd.DataFrame, rows: pd.Series, target: float) -> None:
    """Make the median hourly pay of full-pay relevant ``rows`` exactly ``target``.

    An odd count is ensured by marking one employee not full-pay relevant; values below
    (above) the middle are clipped to at most (at least) the target, keeping the ranks.
    """
    sel = rows & frame["full_pay_relevant"]
    if sel.sum() % 2 == 0:
        frame.loc[frame.index[sel][0], "full_pay_relevant"] = False
        sel = rows & frame["full_pay_relevant"]
    idx = frame.loc[sel, "hourly_pay"].sort_values(kind="stable").index
    mid = len(idx) // 2
    pay = frame["hourly_pay"]
    frame.loc[idx[:mid], "hourly_pay"] = np.minimum(pay[idx[:mid]], target)
    frame.loc[idx[mid], "hourly_pay"] = target
    frame.loc[idx[mid + 1 :], "hourly_pay"] = np.maximum(pay[idx[mid + 1 :]], target)


def fix_pay_quarters(
    frame: pd.DataFrame,
    employer: str,
    upper_male: int,
    lower_female: int,
    medians: tuple[float, float],
    rng: np.random.Generator,
    relevant: int,
) -> None:
    """Give ``employer``'s full-pay relevant staff exact pay quarters and medians by sex.

    ``relevant`` of the employer's staff are kept full-pay relevant (a multiple of 4, so the
    quarters are equal and GOV.UK's leftover rule does not apply; men and women each odd,
    so each median is one person's pay). The top quarter gets ``upper_male`` men, the
    lowest ``lower_female`` women; pay then falls strictly with rank through the male and
    female medians, so no tie straddles a quarter boundary. Grades follow pay.
    """
    rows = frame.index[frame["employer"] == employer]
    men = [i for i in rows if frame.at[i, "sex"] == "Male"]
    women = [i for i in rows if frame.at[i, "sex"] == "Female"]
    q = relevant // 4
    # who is full-pay relevant: men and women in the employer's proportions, each odd
    keep_men = round(relevant * len(men) / len(rows))
    keep_men -= keep_men % 2 == 0
    keep_women = relevant - keep_men
    if not (
        upper_male + q - lower_female <= keep_men <= len(men)
        and q - upper_male + lower_female <= keep_women <= len(women)
    ):
        raise ValueError("too few men or women for the requested pay quarters")
    rng.shuffle(men)
    rng.shuffle(women)
    kept_m, kept_w = men[:keep_men], women[:keep_women]
    frame.loc[rows, "full_pay_relevant"] = False
    frame.loc[kept_m + kept_w, "full_pay_relevant"] = True
    # rank order, highest pay first: upper quarter, the two middle quarters, lowest quarter
    upper = kept_m[:upper_male] + kept_w[: q - upper_male]
    lower = (
        kept_m[upper_male : upper_male + q - lower_female] + kept_w[q - upper_male :][:lower_female]
    )
    middle = [i for i in kept_m + kept_w if i not in set(upper) | set(lower)]
    order: list[int] = []
    for block in (upper, middle, lower):
        block = list(block)
        rng.shuffle(block)
        order += block
    sex = frame.loc[order, "sex"].to_numpy()
    r_m = int(np.flatnonzero(sex == "Male")[keep_men // 2])
    r_w = int(np.flatnonzero(sex == "Female")[keep_women // 2])
    male_median, female_median = medians
    if not r_m < r_w:
        raise ValueError("the male median must rank above the female median")
    pay = np.interp(
        np.arange(relevant), [0, r_m, r_w, relevant - 1], [58.0, male_median, female_median, 11.0]
    )
    pay = np.round(pay, 2)
    pay[r_m], pay[r_w] = male_median, female_median
    if np.any(np.diff(pay) >= 0):
        raise ValueError("pay must fall strictly with rank")
    frame.loc[order, "hourly_pay"] = pay
    grade = np.clip(np.round((pay - 10.5) / 2.6), 1, 10).astype(int)
    frame.loc[order, "grade"] = [f"Grade {g}" for g in grade]
    frame.loc[order, "senior_role"] = grade >= 9


def recruitment(
    rng: np.random.Generator,
    year: FinancialYear,
    applications: int,
    senior_appointed: int,
    senior_minority: int,
) -> pd.DataFrame:
    """Applications with the furthest stage reached; exact senior appointment counts."""
    n = applications
    minority = rng.random(n) < 0.12
    stage = np.where(rng.random(n) < np.where(minority, 0.18, 0.26), "shortlisted", "applied")
    short = np.flatnonzero(stage == "shortlisted")
    appointed = short[rng.random(len(short)) < np.where(minority[short], 0.22, 0.33)]
    stage[appointed] = "appointed"
    senior = np.zeros(n, dtype=bool)
    senior[rng.choice(n, size=n // 10, replace=False)] = True
    stage[senior & (stage == "appointed")] = "shortlisted"
    # exact senior appointments: senior_minority from minority applicants
    pool_min = np.flatnonzero(senior & minority)
    pool_maj = np.flatnonzero(senior & ~minority)
    chosen = list(pool_min[:senior_minority]) + list(pool_maj[: senior_appointed - senior_minority])
    stage[chosen] = "appointed"
    ethnicity = np.where(minority, rng.choice(ETHNIC_MINORITY, n), "White British")
    ethnicity = np.where(rng.random(n) < 0.04, "Prefer not to say", ethnicity)
    ethnicity[chosen[:senior_minority]] = rng.choice(ETHNIC_MINORITY, senior_minority)
    days = rng.integers(0, 365, n)
    return pd.DataFrame(
        {
            "application_id": [f"A{year.start % 100:02d}{i:05d}" for i in range(n)],
            "senior_role": senior,
            "stage": stage,
            "sex": rng.choice(["Male", "Female"], n),
            "ethnicity": ethnicity,
            "disability": rng.choice(
                ["Disabled", "Not disabled", "Prefer not to say"], n, p=[0.08, 0.88, 0.04]
            ),
            "age_band": rng.choice(AGE_BAND[:-1], n),
            "application_date": [year.first_day + timedelta(days=int(d)) for d in days],
        }
    )


def staff_survey(
    rng: np.random.Generator, year: FinancialYear, responses: int, mean: float, penalty: float
) -> pd.DataFrame:
    """Survey responses; under-represented groups score ``penalty`` lower on average."""
    n = responses
    sex = rng.choice(["Male", "Female"], n)
    ethnicity = np.where(rng.random(n) < 0.06, rng.choice(ETHNIC_MINORITY, n), "White British")
    disability = np.where(rng.random(n) < 0.09, "Disabled", "Not disabled")
    orientation = np.where(rng.random(n) < 0.05, rng.choice(LGB_PLUS, n), "Heterosexual")
    age = rng.choice(AGE_BAND[:-1], n)
    shift = penalty * (
        (ethnicity != "White British").astype(float)
        + (disability == "Disabled")
        + np.isin(orientation, LGB_PLUS)
    )
    score = np.clip(np.round(rng.normal(mean - shift, 0.7)), 1, 7).astype(int)
    return pd.DataFrame(
        {
            "response_id": [f"R{year.start % 100:02d}{i:05d}" for i in range(n)],
            "sex": sex,
            "ethnicity": ethnicity,
            "disability": disability,
            "sexual_orientation": orientation,
            "age_band": age,
            "edi_score": score,
        }
    )


def training(
    rng: np.random.Generator, year: FinancialYear, staff: int, compliance: float
) -> pd.DataFrame:
    done = _column(rng, staff, [(True, _counts(staff, compliance))], False)
    days = rng.integers(0, 365, staff)
    return pd.DataFrame(
        {
            "employee_id": [f"T{year.start % 100:02d}{i:05d}" for i in range(staff)],
            "completed": done,
            "completion_date": [
                (year.first_day + timedelta(days=int(d))).isoformat() if c else ""
                for d, c in zip(days, done, strict=True)
            ],
        }
    )


_EVIDENCE = {
    "complete": "Completed; evidence held by the EDI lead (synthetic).",
    "in_progress": "Work under way; see the delivery plan update (synthetic).",
    "not_started": "",
}


def actions(
    catalogue: Catalogue, year: FinancialYear, rng_seed: int, skip: set[str] = frozenset()
) -> pd.DataFrame:
    """Stage of each milestone in ``year``, stable across years (a milestone only moves on).

    Each milestone draws a start and a finish year once (from its id), so the sequence of
    stages is consistent from one year's file to the next.
    """
    rows = []
    for ind in catalogue.indicators:
        if not ind.action or ind.id in skip:
            continue
        r = np.random.default_rng([rng_seed, sum(map(ord, ind.id)), len(ind.id)])
        if ind.evidenced_by:  # the reports publish what it establishes from the first year
            rows.append(
                {"indicator_id": ind.id, "stage": "complete", "evidence": _EVIDENCE["complete"]}
            )
            continue
        if ind.kind == "recurring":  # done or not afresh each year (mostly done)
            yr = np.random.default_rng([rng_seed, sum(map(ord, ind.id)), year.start])
            stage = str(yr.choice(["complete", "complete", "complete", "in_progress"]))
            rows.append({"indicator_id": ind.id, "stage": stage, "evidence": _EVIDENCE[stage]})
            continue
        due_year = FinancialYear(ind.due.year - (1 if ind.due.month < 4 else 0))
        start = due_year.start - int(r.integers(0, 3))
        finish = due_year.start + int(r.choice([-1, 0, 0, 0, 1, 2]))
        if year.start < start:
            stage = "not_started"
        elif year.start >= finish:
            stage = "complete"
        else:
            stage = "in_progress"
        rows.append({"indicator_id": ind.id, "stage": stage, "evidence": _EVIDENCE[stage]})
    return pd.DataFrame(rows, columns=["indicator_id", "stage", "evidence"])


def reported(
    values: dict[str, tuple[float | None, int | None, int | None]], source: str
) -> pd.DataFrame:
    rows = [
        {"indicator_id": k, "value": v, "numerator": num, "denominator": den, "source": source}
        for k, (v, num, den) in values.items()
    ]
    return pd.DataFrame(
        rows, columns=["indicator_id", "value", "numerator", "denominator", "source"]
    )


def to_csv_text(frame: pd.DataFrame) -> str:
    """CSV as written to data/: booleans as true/false, no index, LF line ends."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    return out.to_csv(index=False, lineterminator="\n", float_format="%.10g")

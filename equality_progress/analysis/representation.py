"""Workforce figures: representation, the age profile against a benchmark, recruitment
rates and the WRES likelihood ratio, headcount by grade.

Pure functions over the checked record-level frames; each returns an aggregate table
that is published only through the protection of :mod:`.linked_tables`.
"""

from __future__ import annotations

import math

import pandas as pd

from equality_progress.analysis.inference import Interval, z_value
from equality_progress.analysis.measures import GROUPINGS, LABELS, groups_of
from equality_progress.inputs.contracts import UNDISCLOSED


def representation(wf: pd.DataFrame, characteristic: str, by: str | None = None) -> pd.DataFrame:
    """Each group's share of the workforce, and the non-response rate.

    Shares are of all staff (those who did not answer included in the denominator), so the
    non-response rate beside them shows how much the figures could move. The workforce at
    31 March is counted whole (a census), so the shares carry no sampling interval.
    """
    parts = (
        [("All staff", wf)] if by is None else [(str(k), g) for k, g in wf.groupby(by, sort=True)]
    )
    rows = []
    for label, frame in parts:
        n = len(frame)
        col = frame[characteristic]
        nonresp = int(col.isin(UNDISCLOSED).sum())
        for group, cats in groups_of(characteristic, wf[characteristic]).items():
            k = int(col.isin(cats).sum())
            rows.append(
                {
                    "breakdown": label,
                    "group": group,
                    "count": k,
                    "total": n,
                    "pct": k / n * 100 if n else math.nan,
                    "non_response_pct": nonresp / n * 100 if n else math.nan,
                }
            )
    out = pd.DataFrame(rows)
    out.attrs["characteristic"] = LABELS[characteristic]
    return out


def age_against_benchmark(wf: pd.DataFrame, benchmark: dict[str, float]) -> pd.DataFrame:
    """Workforce age profile against a population benchmark in the same broad bands.

    The benchmark is rescaled to sum to 100 over the bands given (the strategy's table
    includes under-16s, who cannot be staff).
    """
    total = sum(benchmark.values())
    bands = AGE_BENCHMARK_BANDS
    n = len(wf)
    rows = []
    for band, value in benchmark.items():
        k = int(wf["age_band"].isin(bands[band]).sum())
        rows.append(
            {
                "group": band,
                "count": k,
                "total": n,
                "pct": k / n * 100 if n else math.nan,
                "benchmark_pct": value / total * 100,
            }
        )
    return pd.DataFrame(rows)


def shortlisted(stage: pd.Series) -> pd.Series:
    return stage.isin(["shortlisted", "appointed"])


def recruitment_rates(apps: pd.DataFrame, characteristic: str) -> pd.DataFrame:
    """Applied -> shortlisted -> appointed counts and conversion rates by group."""
    rows = []
    for group, cats in groups_of(characteristic, apps[characteristic]).items():
        g = apps[apps[characteristic].isin(cats)]
        applied, short = len(g), int(shortlisted(g["stage"]).sum())
        appointed = int((g["stage"] == "appointed").sum())
        rows.append(
            {
                "group": group,
                "applied": applied,
                "shortlisted": short,
                "appointed": appointed,
                "shortlisting_rate_pct": short / applied * 100 if applied else math.nan,
                "appointment_rate_pct": appointed / short * 100 if short else math.nan,
            }
        )
    return pd.DataFrame(rows)


def relative_likelihood(
    a_appointed: int,
    a_shortlisted: int,
    b_appointed: int,
    b_shortlisted: int,
    confidence: float = 0.95,
) -> tuple[float, Interval] | None:
    """Relative likelihood of group A being appointed from shortlisting compared to group B.

    NHS Workforce Race Equality Standard, indicator 2 (A = White, B = BME): the ratio of
    the two appointment-from-shortlisting rates; 1 means equal likelihood, above 1 that
    A is more likely. The interval is the Katz log method for a ratio of proportions
    (Altman et al. 2000, Statistics with Confidence, ch. 7).
    """
    if min(a_appointed, b_appointed) == 0 or min(a_shortlisted, b_shortlisted) == 0:
        return None
    ratio = (a_appointed / a_shortlisted) / (b_appointed / b_shortlisted)
    se = math.sqrt(1 / a_appointed - 1 / a_shortlisted + 1 / b_appointed - 1 / b_shortlisted)
    z = z_value(confidence)
    return ratio, Interval(ratio * math.exp(-z * se), ratio * math.exp(z * se))


def wres_likelihood(apps: pd.DataFrame, confidence: float = 0.95) -> tuple[float, Interval] | None:
    eth = GROUPINGS["ethnicity"]
    white = apps[apps["ethnicity"].isin(eth["White British"])]
    bme = apps[apps["ethnicity"].isin(eth["Ethnic minority"])]
    return relative_likelihood(
        int((white["stage"] == "appointed").sum()),
        int(shortlisted(white["stage"]).sum()),
        int((bme["stage"] == "appointed").sum()),
        int(shortlisted(bme["stage"]).sum()),
        confidence,
    )


def grade_counts(wf: pd.DataFrame, characteristic: str) -> pd.DataFrame:
    """Headcount by grade and group (a two-way table for disclosure control)."""
    order = list(GROUPINGS[characteristic])
    labels = pd.Series("Not disclosed", index=wf.index)
    for group, cats in GROUPINGS[characteristic].items():
        labels[wf[characteristic].isin(cats)] = group
    table = pd.crosstab(wf["grade"], labels)
    cols = [c for c in order + ["Not disclosed"] if c in table.columns]
    table = table[cols]
    key = table.index.to_series().str.extract(r"(\d+)")[0].astype(float)
    return table.loc[key.sort_values().index]


AGE_BENCHMARK_BANDS = {
    "16-24": ("16-19", "20-24"),
    "25-34": ("25-29", "30-34"),
    "35-44": ("35-39", "40-44"),
    "45-54": ("45-49", "50-54"),
    "55-64": ("55-59", "60-64"),
    "65+": ("65+",),
}

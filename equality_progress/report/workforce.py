"""The workforce profile and pay gaps section, with disclosure control on every table."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import CONFIDENTIAL, protect_counts
from equality_progress.analysis.measures import GROUPINGS
from equality_progress.analysis.paygap import gender_pay_gap, group_pay_gaps, hourly_pay_quarters
from equality_progress.analysis.workforce import (
    age_against_benchmark,
    grade_counts,
    recruitment_rates,
    representation,
    wres_likelihood,
)
from equality_progress.inputs.contracts import ETHNIC_MINORITY
from equality_progress.report import charts
from equality_progress.report.blocks import Block, fmt_value, heading, join, paragraph, table
from equality_progress.report.model import Report

CHARACTERISTICS = ("sex", "ethnicity", "disability", "sexual_orientation", "age_band")


def _pct_cells(frame: pd.DataFrame, r: Report) -> pd.DataFrame:
    """Format a representation table for publication, withholding small counts and rates."""
    dc = r.settings.disclosure
    rows = []
    for x in frame.itertuples():
        small_count = 0 < x.count < dc.min_count or 0 < x.total - x.count < dc.min_count
        small_base = x.total < dc.min_base or small_count
        if small_count or small_base:
            r.suppressed_cells += 1
        rows.append(
            {
                "Breakdown": x.breakdown,
                "Group": x.group,
                "Staff": CONFIDENTIAL if small_count else x.count,
                "Share": CONFIDENTIAL if small_base else fmt_value(x.pct, "percent"),
                "95% interval": CONFIDENTIAL
                if small_base
                else f"{x.ci_lower:.1f}% to {x.ci_upper:.1f}%",
                "Not disclosed": CONFIDENTIAL
                if small_base
                else fmt_value(x.non_response_pct, "percent"),
            }
        )
    return pd.DataFrame(rows)


def section(r: Report) -> Block:
    wf = r.data[r.year].frame("workforce")
    parts = [heading("Workforce profile and pay gaps", 2, "workforce", new_page=True)]
    if wf is None:
        return join(parts + [paragraph("This authority has no workforce data for this year.")])
    parts.append(
        paragraph(
            f"Workforce at 31 March {r.year.end}: {len(wf):,} employees. "
            "Shares are of all staff, so the proportion who did not disclose "
            "is shown beside each."
        )
    )
    bands = {g: band for band, grades in r.authority.grade_bands.items() for g in grades}
    banded = wf.assign(grade_band=wf["grade"].map(bands).fillna("Other grades"))
    order = list(r.authority.grade_bands) + ["Other grades"]
    for char in (c for c in CHARACTERISTICS if c in wf.columns):  # absent: not collected
        parts_ = [representation(wf, char)]
        senior = representation(wf[wf["senior_role"]], char)
        senior["breakdown"] = "Senior roles"
        parts_.append(senior)
        if bands:
            by_band = representation(banded, char, by="grade_band")
            by_band["order"] = by_band["breakdown"].map(order.index)
            parts_.append(by_band.sort_values("order", kind="stable").drop(columns="order"))
        overall = parts_[0]
        frame = _pct_cells(pd.concat(parts_, ignore_index=True), r)
        parts.append(
            table(
                frame,
                f"{overall.attrs['characteristic']}: share of the workforce, of senior roles "
                "and of each grade band",
                numeric=["Staff", "Share"],
            )
        )
    counts = grade_counts(wf, "ethnicity")
    protected = protect_counts(counts, r.settings.disclosure.min_count)
    r.suppressed_cells += int((protected == CONFIDENTIAL).sum().sum())
    protected = protected.reset_index().rename(columns={"grade": "Grade", "index": "Grade"})
    parts.append(
        table(
            protected.astype(str),
            "Staff by grade and ethnicity (counts)",
            numeric=list(protected.columns[1:]),
            note="[c] = withheld: a small count, or a cell withheld so that a small "
            "count cannot be worked out from the totals.",
        )
    )
    for bench in r.authority.benchmarks:
        if bench.characteristic == "age_band":
            b = age_against_benchmark(wf, bench.values)
            frame = pd.DataFrame(
                {
                    "Age": b["group"],
                    "Workforce": b["pct"].map(lambda v: fmt_value(v, "percent")),
                    "Population benchmark": b["benchmark_pct"].map(
                        lambda v: fmt_value(v, "percent")
                    ),
                }
            )
            parts.append(
                table(
                    frame,
                    f"Age profile against the benchmark: {bench.title}",
                    numeric=["Workforce", "Population benchmark"],
                    note=f"Benchmark source: {bench.source}.",
                )
            )
    parts += _pay_gaps(r, wf)
    rec = r.data[r.year].frame("recruitment")
    if rec is not None:
        parts += _recruitment(r, rec)
    return join(parts)


def _pay_gaps(r: Report, wf: pd.DataFrame) -> list[Block]:
    parts = [
        heading("Gender pay gap", 3, "gender-pay-gap"),
        paragraph(
            "Statutory figures at the snapshot date, for each employer with "
            "relevant employees (rounded to one decimal place)."
        ),
    ]
    min_base = r.settings.disclosure.min_base
    for employer in sorted(wf["employer"].unique()):
        e = wf[wf["employer"] == employer]
        if min((e["sex"] == "Male").sum(), (e["sex"] == "Female").sum()) < min_base:
            parts.append(paragraph(f"{employer}: [c] fewer than {min_base} men or women."))
            r.suppressed_cells += 1
            continue
        g = gender_pay_gap(e)
        rows = [
            ("Mean hourly pay gap", g["mean_hourly_gap_pct"]),
            ("Median hourly pay gap", g["median_hourly_gap_pct"]),
            ("Mean bonus gap", g["mean_bonus_gap_pct"]),
            ("Median bonus gap", g["median_bonus_gap_pct"]),
            ("Men receiving a bonus", g["male_bonus_pct"]),
            ("Women receiving a bonus", g["female_bonus_pct"]),
        ]
        bonus_n = int((e["bonus_pay"] > 0).sum())
        frame = pd.DataFrame(
            [
                {
                    "Measure": k,
                    "Value": (
                        CONFIDENTIAL
                        if "bonus gap" in k and bonus_n < min_base
                        else fmt_value(v, "percent")
                    ),
                }
                for k, v in rows
            ]
        )
        parts.append(table(frame, f"Gender pay gap, {employer}", numeric=["Value"]))
        q = pd.DataFrame(
            [
                {
                    "Quarter": k.replace("_", " ").capitalize(),
                    "Men": fmt_value(v["male_pct"], "percent"),
                    "Women": fmt_value(v["female_pct"], "percent"),
                }
                for k, v in g["quartiles"].items()
            ]
        )
        alt_text = (
            f"Stacked bar chart of the share of men and women in each hourly pay "
            f"quarter at {employer}. "
            + " ".join(
                f"{row.Quarter}: {row.Men} men, {row.Women} women." for row in q.itertuples()
            )
        )
        parts.append(
            charts.render(
                charts.quartiles(g, employer),
                r.next_chart_id(f"quartiles-{employer.lower()}"),
                f"Hourly pay quarters, {employer}",
                alt_text,
                q,
            )
        )
    parts.append(heading("Ethnicity and disability pay gaps", 3, "other-pay-gaps"))
    parts.append(_quarters_by(r, wf, "ethnicity", "Ethnicity"))
    eth = group_pay_gaps(
        wf, "ethnicity", "White British", {"All ethnic minority groups": list(ETHNIC_MINORITY)}
    )
    dis = group_pay_gaps(wf, "disability", "Not disabled", {"Disabled": ["Disabled"]})
    parts.append(_quarters_by(r, wf, "disability", "Disability"))
    for frame, ref, label in (
        (eth, "White British", "Ethnicity"),
        (dis, "not disabled", "Disability"),
    ):
        parts.append(_group_gap_table(r, frame, ref, label))
    return parts


def _group_gap_table(r: Report, frame: pd.DataFrame, ref: str, label: str) -> Block:
    """Hourly and bonus gaps by group, with disclosure control on every cell."""
    dc = r.settings.disclosure
    ref_bonus_n = frame.attrs.get("reference_bonus_recipients", 0)
    rows = []
    for x in frame.itertuples():
        small = x.employees < dc.min_base
        few_bonus = x.bonus_recipients < dc.min_base or ref_bonus_n < dc.min_base
        tiny_bonus = 0 < x.bonus_recipients < dc.min_count
        r.suppressed_cells += int(small) * 2 + int(few_bonus) * 2 + int(tiny_bonus)
        rows.append(
            {
                "Group": x.group,
                "Employees": CONFIDENTIAL if 0 < x.employees < dc.min_count else x.employees,
                "Mean gap": CONFIDENTIAL if small else fmt_value(x.mean_gap_pct, "percent"),
                "Median gap": CONFIDENTIAL if small else fmt_value(x.median_gap_pct, "percent"),
                "Receiving a bonus": CONFIDENTIAL
                if tiny_bonus or small
                else fmt_value(x.bonus_pct, "percent"),
                "Mean bonus gap": CONFIDENTIAL
                if few_bonus
                else fmt_value(x.mean_bonus_gap_pct, "percent"),
                "Median bonus gap": CONFIDENTIAL
                if few_bonus
                else fmt_value(x.median_bonus_gap_pct, "percent"),
            }
        )
    out = pd.DataFrame(rows)
    return table(
        out,
        f"{label} pay and bonus gaps against {ref} employees",
        numeric=list(out.columns[1:]),
        note=f"{ref.capitalize()} employees receiving a bonus: "
        f"{fmt_value(frame.attrs.get('reference_bonus_pct'), 'percent')}. Not disclosed: "
        f"{frame.attrs['non_disclosure_pct']}% of employees; they stay in the pay quarters "
        "but not in the gaps. [c] = withheld (fewer than "
        f"{dc.min_base} people, or a count below {dc.min_count}).",
    )


def _quarters_by(r: Report, wf: pd.DataFrame, column: str, label: str) -> Block:
    """Each group's share of each hourly pay quarter, non-disclosure kept as its own group
    (GOV.UK ethnicity pay reporting guidance, 2023)."""
    fpr = wf[wf["full_pay_relevant"]]
    groups = pd.Series("Not disclosed", index=fpr.index)
    for name, cats in GROUPINGS[column].items():
        groups[fpr[column].isin(cats)] = name
    counts = hourly_pay_quarters(fpr["hourly_pay"], groups)
    dc = r.settings.disclosure
    rows = []
    for quarter, row in counts.iloc[::-1].iterrows():
        total = row.sum()
        cells = {"Quarter": quarter.replace("_", " ").capitalize()}
        for name in list(GROUPINGS[column]) + ["Not disclosed"]:
            n = row.get(name, 0.0)
            small = 0 < n < dc.min_count
            r.suppressed_cells += int(small)
            cells[name] = CONFIDENTIAL if small else fmt_value(n / total * 100, "percent")
        rows.append(cells)
    frame = pd.DataFrame(rows)
    return table(
        frame,
        f"{label}: share of each hourly pay quarter",
        numeric=list(frame.columns[1:]),
        note="Not disclosed covers 'prefer not to say' and not recorded; it stays in "
        "the quarters as the guidance says.",
    )


def _recruitment(r: Report, rec: pd.DataFrame) -> list[Block]:
    parts = [heading("Recruitment", 3, "recruitment")]
    for char, label in (("ethnicity", "Ethnicity"), ("disability", "Disability"), ("sex", "Sex")):
        rates = recruitment_rates(rec, char)
        rows = []
        for x in rates.itertuples():
            dc = r.settings.disclosure
            small = x.shortlisted < dc.min_base or 0 < x.appointed < dc.min_count
            rows.append(
                {
                    "Group": x.group,
                    "Applied": _count(x.applied, r),
                    "Shortlisted": _count(x.shortlisted, r),
                    "Appointed": _count(x.appointed, r),
                    "Shortlisted from applied": CONFIDENTIAL
                    if x.applied < dc.min_base or 0 < x.shortlisted < dc.min_count
                    else fmt_value(x.shortlisting_rate_pct, "percent"),
                    "Appointed from shortlisted": CONFIDENTIAL
                    if small
                    else fmt_value(x.appointment_rate_pct, "percent"),
                }
            )
        parts.append(
            table(
                pd.DataFrame(rows),
                f"Recruitment by {label.lower()}",
                numeric=["Applied", "Shortlisted", "Appointed"],
            )
        )
    rl = wres_likelihood(rec)
    if rl is not None:
        ratio, ci = rl
        parts.append(
            paragraph(
                f"Relative likelihood of White British applicants being appointed from "
                f"shortlisting compared with ethnic-minority applicants (NHS WRES indicator 2): "
                f"{ratio:.2f} (95% interval {ci.lower:.2f} to {ci.upper:.2f}). A value of 1 means "
                "equal likelihood."
            )
        )
    return parts


def _count(n: int, r: Report) -> object:
    if 0 < n < r.settings.disclosure.min_count:
        r.suppressed_cells += 1
        return CONFIDENTIAL
    return n

"""The workforce profile and pay gaps section, with disclosure control on every table."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import (
    CONFIDENTIAL,
    WITHHELD_NOTE,
    Protection,
    base_allowed,
    share_allowed,
    too_few_text,
)
from equality_progress.analysis.paygap import gender_pay_gap, group_pay_gaps, hourly_pay_quarters
from equality_progress.analysis.workforce import (
    ALL,
    ND,
    NONRESPONSE_ONLY,
    PAY_GROUPS,
    REPRESENTED,
    SENIOR,
    TOTAL,
    age_against_benchmark,
    grade_counts,
    recruitment_rates,
    representation,
    wres_likelihood,
)
from equality_progress.inputs.contracts import ETHNIC_MINORITY, UNDISCLOSED
from equality_progress.report import charts
from equality_progress.report.blocks import (
    Block,
    fmt_value,
    heading,
    join,
    paragraph,
    pdf_pairs,
    table,
)
from equality_progress.report.model import Report

CHARACTERISTICS = REPRESENTED


def _representation_frame(frame: pd.DataFrame, p: Protection, r: Report) -> pd.DataFrame:
    """A representation table as published: counts from the linked-table protection, each
    share only with its count and base (see :mod:`equality_progress.analysis.disclosure`)."""
    dc = r.settings.disclosure
    rows = []
    for x in frame.itertuples():
        b = x.breakdown
        base_ok = p.published((b, TOTAL)) and base_allowed(x.total, dc)
        share_ok = base_ok and p.published((b, x.group))
        nd_ok = base_ok and p.published((b, ND))
        rows.append(
            {
                "Breakdown": b,
                "Group": x.group,
                "Staff": p.cell((b, x.group)),
                "Share": fmt_value(x.pct, "percent") if share_ok else CONFIDENTIAL,
                "Not disclosed": fmt_value(x.non_response_pct, "percent")
                if nd_ok
                else CONFIDENTIAL,
            }
        )
    return pd.DataFrame(rows)


def _grade_table(r: Report, wf: pd.DataFrame, p: Protection, by_grade: bool) -> pd.DataFrame:
    """Staff by grade (or, when that loses less, by grade band) and ethnicity."""
    if by_grade:
        counts = grade_counts(wf, "ethnicity")
    else:
        bands = {g: b for b, gs in r.authority.grade_bands.items() for g in gs}
        counts = grade_counts(
            wf.assign(grade=wf["grade"].map(bands).fillna("Other grades")), "ethnicity"
        )
    rows = []
    for name in list(counts.index) + [ALL]:
        row = {"Grade": "Total" if name == ALL else name}
        for col in counts.columns:
            row[col] = p.cell((name, col))
        row["Total"] = p.cell((name, TOTAL))
        rows.append(row)
    return pd.DataFrame(rows).astype(str)


def section(r: Report) -> Block:
    wf = r.data[r.year].frame("workforce")
    parts = [heading("Workforce profile and pay gaps", 2, "workforce")]
    if wf is None:
        return join(parts + [paragraph("This authority has no workforce data for this year.")])
    parts.append(
        paragraph(
            f"Workforce at 31 March {r.year.end}: {len(wf):,} employees. "
            "Shares are of all staff, so the proportion who did not disclose "
            "is shown beside each."
        )
    )
    plan = r.workforce_plan
    bands = {g: band for band, grades in r.authority.grade_bands.items() for g in grades}
    banded = wf.assign(grade_band=wf["grade"].map(bands).fillna("Other grades"))
    order = list(r.authority.grade_bands) + ["Other grades"]
    narrow: list[Block] = []  # narrow tables, two by two across the PDF page
    for char in (c for c in CHARACTERISTICS if c in wf.columns):  # absent: not collected
        parts_ = [representation(wf, char)]
        senior = representation(wf[wf["senior_role"]], char)
        senior["breakdown"] = SENIOR
        parts_.append(senior)
        if bands:
            by_band = representation(banded, char, by="grade_band")
            by_band["order"] = by_band["breakdown"].map(order.index)
            parts_.append(by_band.sort_values("order", kind="stable").drop(columns="order"))
        overall = parts_[0]
        frame = _representation_frame(
            pd.concat(parts_, ignore_index=True), plan.protections[char], r
        )
        narrow.append(
            table(
                frame,
                f"{overall.attrs['characteristic']}: share of the workforce, of senior roles "
                "and of each grade band",
                numeric=["Staff", "Share"],
                note=WITHHELD_NOTE,
            )
        )
    grade_frame = _grade_table(r, wf, plan.protections["ethnicity"], plan.by_grade)
    narrow.append(
        table(
            grade_frame,
            "Staff by grade and ethnicity (counts)"
            if plan.by_grade
            else "Staff by grade band and ethnicity (counts)",
            numeric=list(grade_frame.columns[1:]),
            note=WITHHELD_NOTE,
        )
    )
    for bench in r.authority.benchmarks:
        if bench.characteristic == "age_band":
            b = age_against_benchmark(wf, bench.values)
            frame = pd.DataFrame(
                {
                    "Age": b["group"],
                    "Workforce": [
                        fmt_value(v, "percent")
                        if plan.protections["age_band"].published((ALL, g))
                        else CONFIDENTIAL
                        for g, v in zip(b["group"], b["pct"], strict=True)
                    ],
                    "Population benchmark": b["benchmark_pct"].map(
                        lambda v: fmt_value(v, "percent")
                    ),
                }
            )
            narrow.append(
                table(
                    frame,
                    f"Age profile against the benchmark: {bench.title}",
                    numeric=["Workforce", "Population benchmark"],
                    note=f"Benchmark source: {bench.source}.",
                )
            )
    parts.append(pdf_pairs(narrow))
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
            "relevant employees (rounded to one decimal place). Hourly pay quarters rank "
            "full-pay relevant employees from highest to lowest pay; where employees on the "
            "same hourly rate span the boundary between two quarters, the regulations do not "
            "say where they go, so we share them between the two quarters in proportion."
        ),
    ]
    dc = r.settings.disclosure
    for employer in sorted(wf["employer"].unique()):
        e = wf[wf["employer"] == employer]
        n_men, n_women = int((e["sex"] == "Male").sum()), int((e["sex"] == "Female").sum())
        if not base_allowed(min(n_men, n_women), dc):
            parts.append(paragraph(f"{employer}: {too_few_text(dc)} men or women."))
            continue
        g = gender_pay_gap(e)
        bonus = e[e["bonus_pay"] > 0]
        b_men, b_women = int((bonus["sex"] == "Male").sum()), int((bonus["sex"] == "Female").sum())
        bonus_ok = base_allowed(min(b_men, b_women), dc)
        rows = [
            ("Mean hourly pay gap", g["mean_hourly_gap_pct"], True),
            ("Median hourly pay gap", g["median_hourly_gap_pct"], True),
            ("Mean bonus gap", g["mean_bonus_gap_pct"], bonus_ok),
            ("Median bonus gap", g["median_bonus_gap_pct"], bonus_ok),
            ("Men receiving a bonus", g["male_bonus_pct"], share_allowed(b_men, n_men, dc)),
            (
                "Women receiving a bonus",
                g["female_bonus_pct"],
                share_allowed(b_women, n_women, dc),
            ),
        ]
        frame = pd.DataFrame(
            [
                {"Measure": k, "Value": fmt_value(v, "percent") if ok else CONFIDENTIAL}
                for k, v, ok in rows
            ]
        )
        gap_table = table(frame, f"Gender pay gap, {employer}", numeric=["Value"])
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
        fpr = e[e["full_pay_relevant"] & e["sex"].isin(["Male", "Female"])]
        sizes = hourly_pay_quarters(fpr["hourly_pay"], fpr["sex"])
        if not all(
            share_allowed(row.get("Male", 0.0), row.sum(), dc) for _, row in sizes.iterrows()
        ):
            q[["Men", "Women"]] = CONFIDENTIAL  # a quarter with 1 to 4 men or women: no chart
            parts.append(
                pdf_pairs(
                    [gap_table, table(q, f"Hourly pay quarters, {employer}", note=WITHHELD_NOTE)]
                )
            )
            continue
        alt_text = (
            f"Stacked bar chart of the share of men and women in each hourly pay "
            f"quarter at {employer}. "
            + " ".join(
                f"{row.Quarter}: {row.Men} men, {row.Women} women." for row in q.itertuples()
            )
        )
        chart = charts.render(
            charts.quartiles(g, employer),
            r.chart_id(f"quartiles-{employer.lower()}"),
            f"Hourly pay quarters, {employer}",
            alt_text,
            q,
            pdf_size="width: 85%",
        )
        parts.append(pdf_pairs([gap_table, chart], "(1fr, 1.3fr)"))
    parts.append(heading("Ethnicity and disability pay gaps", 3, "other-pay-gaps"))
    eth = group_pay_gaps(
        wf,
        "ethnicity",
        "White British",
        {"All ethnic minority groups": list(ETHNIC_MINORITY)},
        dc,
    )
    dis = group_pay_gaps(wf, "disability", "Not disabled", {"Disabled": ["Disabled"]}, dc)
    eth_q, eth_p = _quarters_by(r, "ethnicity")
    dis_q, dis_p = _quarters_by(r, "disability")
    parts += [eth_q, dis_q]
    for frame, ref, label, p, link in (
        (eth, "White British", "Ethnicity", eth_p, PAY_GROUPS["ethnicity"]),
        (dis, "not disabled", "Disability", dis_p, PAY_GROUPS["disability"]),
    ):
        parts.append(_group_gap_table(r, frame, ref, label, p, link))
    return parts


def _group_gap_table(
    r: Report, frame: pd.DataFrame, ref: str, label: str, p: Protection, link: dict[str, str]
) -> Block:
    """Hourly and bonus gaps by group, with disclosure control on every cell; a group's
    employees are the column total of its pay quarter table, protected with it."""
    dc = r.settings.disclosure
    ref_bonus_n = frame.attrs.get("reference_bonus_recipients", 0)
    rows = []
    for x in frame.itertuples():
        key = (TOTAL, link.get(x.group, ""))
        employees = p.cell(key) if key in p.table.index else x.employees
        gaps = base_allowed(x.employees, dc) and employees != CONFIDENTIAL
        bonus_gaps = base_allowed(min(x.bonus_recipients, ref_bonus_n), dc)
        receiving = share_allowed(x.bonus_recipients, x.staff, dc)
        rows.append(
            {
                "Group": x.group,
                "Employees": employees,
                "Mean gap": fmt_value(x.mean_gap_pct, "percent") if gaps else CONFIDENTIAL,
                "Median gap": fmt_value(x.median_gap_pct, "percent") if gaps else CONFIDENTIAL,
                "Receiving a bonus": fmt_value(x.bonus_pct, "percent")
                if receiving
                else CONFIDENTIAL,
                "Mean bonus gap": fmt_value(x.mean_bonus_gap_pct, "percent")
                if bonus_gaps
                else CONFIDENTIAL,
                "Median bonus gap": fmt_value(x.median_bonus_gap_pct, "percent")
                if bonus_gaps
                else CONFIDENTIAL,
            }
        )
    out = pd.DataFrame(rows)
    ref_pct = frame.attrs.get("reference_bonus_pct")
    ref_shown = fmt_value(ref_pct, "percent") if frame.attrs["reference_bonus_shown"] else None
    return table(
        out,
        f"{label} pay and bonus gaps against {ref} employees",
        numeric=list(out.columns[1:]),
        note=f"{ref.capitalize()} employees receiving a bonus: "
        f"{ref_shown or CONFIDENTIAL}."
        f" Not disclosed: {frame.attrs['non_disclosure_pct']}% of employees; they stay in the "
        f"pay quarters but not in the gaps. {WITHHELD_NOTE}",
    )


def _quarters_by(r: Report, column: str) -> tuple[Block, Protection]:
    """Each group's share of each hourly pay quarter, non-disclosure kept as its own group
    (GOV.UK ethnicity pay reporting guidance, 2023), protected with the groups' totals."""
    counts, p = r.workforce_plan.quarters[column]
    rows = []
    for quarter, row in counts.iloc[::-1].iterrows():
        total = row.sum()
        cells = {"Quarter": quarter.replace("_", " ").capitalize()}
        for name in counts.columns:
            ok = p.published((quarter, name))
            cells[name] = fmt_value(row[name] / total * 100, "percent") if ok else CONFIDENTIAL
        rows.append(cells)
    frame = pd.DataFrame(rows)
    label = column.capitalize()
    block = table(
        frame,
        f"{label}: share of each hourly pay quarter",
        numeric=list(frame.columns[1:]),
        note="Not disclosed covers 'prefer not to say' and not recorded; it stays in "
        f"the quarters as the guidance says. {WITHHELD_NOTE}",
    )
    return block, p


def _recruitment(r: Report, rec: pd.DataFrame) -> list[Block]:
    parts = [heading("Recruitment", 3, "recruitment")]
    dc = r.settings.disclosure
    shown: dict[str, Protection] = {}
    for char, label in (("ethnicity", "Ethnicity"), ("disability", "Disability"), ("sex", "Sex")):
        rates = recruitment_rates(rec, char)
        p = shown[char] = r.workforce_plan.recruitment[char]
        rows = []
        for x in rates.itertuples():
            a, s, n = ((x.group, k) for k in ("applied", "shortlisted", "appointed"))
            short_ok = p.published(a) and p.published(s) and base_allowed(x.applied, dc)
            appoint_ok = p.published(s) and p.published(n) and base_allowed(x.shortlisted, dc)
            rows.append(
                {
                    "Group": x.group,
                    "Applied": p.cell(a),
                    "Shortlisted": p.cell(s),
                    "Appointed": p.cell(n),
                    "Shortlisted from applied": fmt_value(x.shortlisting_rate_pct, "percent")
                    if short_ok
                    else CONFIDENTIAL,
                    "Appointed from shortlisted": fmt_value(x.appointment_rate_pct, "percent")
                    if appoint_ok
                    else CONFIDENTIAL,
                }
            )
        parts.append(
            table(
                pd.DataFrame(rows),
                f"Recruitment by {label.lower()}",
                numeric=["Applied", "Shortlisted", "Appointed"],
                note=WITHHELD_NOTE,
            )
        )
    rl = wres_likelihood(rec)
    eth = shown["ethnicity"]
    counts_shown = all(
        eth.published((g, k))
        for g in ("White British", "Ethnic minority")
        for k in ("shortlisted", "appointed")
    )
    if rl is not None and counts_shown:
        ratio, _ = rl  # every application is counted (a census): no sampling interval
        parts.append(
            paragraph(
                f"Relative likelihood of White British applicants being appointed from "
                f"shortlisting compared with ethnic-minority applicants (NHS WRES indicator 2): "
                f"{ratio:.2f}. A value of 1 means equal likelihood."
            )
        )
    return parts


def _label(char: str) -> str:
    return (
        "Socio-economic background"
        if char == "socio_economic_background"
        else (char.replace("_", " ").capitalize())
    )


def nonresponse_table(r: Report, wf: pd.DataFrame) -> pd.DataFrame:
    """Workforce non-response rates as published: each goes with its count, protected
    with the workforce tables (the data quality appendix shows it)."""
    plan = r.workforce_plan
    rows = []
    for char in REPRESENTED + NONRESPONSE_ONLY:
        if char not in wf.columns:  # an optional column the authority does not collect
            rows.append(
                {
                    "Characteristic": _label(char),
                    "Not disclosed or not recorded": "not collected",
                }
            )
            continue
        ok = plan.protections[char].published((ALL, ND))
        rate = wf[char].isin(UNDISCLOSED).mean() * 100
        rows.append(
            {
                "Characteristic": _label(char),
                "Not disclosed or not recorded": f"{rate:.1f}%" if ok else CONFIDENTIAL,
            }
        )
    return pd.DataFrame(rows)

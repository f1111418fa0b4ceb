"""The workforce section: the profile, recruitment and (from :mod:`.pay_tables`) the pay gaps,
with disclosure control on every table."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import (
    CONFIDENTIAL,
    WITHHELD_NOTE,
    Protection,
    base_allowed,
    share_allowed,
)
from equality_progress.analysis.evaluate import Result
from equality_progress.analysis.linked_tables import (
    ALL,
    ND,
    NONRESPONSE_ONLY,
    REPRESENTED,
    SENIOR,
    TOTAL,
)
from equality_progress.analysis.representation import (
    age_against_benchmark,
    grade_counts,
    recruitment_rates,
    representation,
    wres_likelihood,
)
from equality_progress.inputs.contracts import UNDISCLOSED
from equality_progress.report import pay_tables
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import (
    Block,
    fmt_value,
    heading,
    join,
    paragraph,
    pdf_pairs,
    table,
)

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
    """The workforce profile, pay gaps and recruitment, each table under disclosure
    control. Made once per report: the data-quality appendix counts its withheld cells."""
    return r.once("workforce section", lambda: _section(r))


def _section(r: Report) -> Block:
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
    parts += pay_tables.pay_gaps(r, wf)
    rec = r.data[r.year].frame("recruitment")
    if rec is not None:
        parts += _recruitment(r, rec)
    return join(parts)


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
                f"shortlisting compared with ethnic-minority applicants: {ratio:.2f}. A value "
                "of 1 means equal likelihood. (After NHS WRES indicator 2, which compares all "
                "White applicants with BME applicants; here the two groups of the table above.)"
            )
        )
    elif rl is not None:
        parts.append(
            paragraph(
                "The relative likelihood of White British applicants being appointed from "
                "shortlisting compared with ethnic-minority applicants (after NHS WRES "
                "indicator 2) is not published this year: with the shortlists it would give "
                "away a count withheld above."
            )
        )
    return parts


def _label(char: str) -> str:
    named = {
        "socio_economic_background": "Socio-economic background",
        "religion": "Religion or belief",
    }
    return named.get(char, char.replace("_", " ").capitalize())


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


def nonresponse_bounds(r: Report, res: Result) -> str | None:
    """A workforce share beside what non-response leaves open (issue 24): the share among
    those who declared, and the bounds if every undeclared person were, or none were, in
    the group (Manski's worst-case bounds for missing data: Manski 1989, J. Human Resources
    24:343-360). Only where the count not declared is published (the same cells, so
    nothing new can be worked out) and for the whole workforce, which the tables protect.
    The share's own counts are the card's (its measure worked them out once)."""
    spec, cur = res.indicator.data, res.current
    if spec.measure != "workforce_share" or spec.employer or not spec.characteristic:
        return None
    wf = r.data[r.year].frame("workforce")
    char = spec.characteristic
    protection = r.workforce_plan.protections.get(char)
    if wf is None or char not in wf.columns or protection is None or cur is None:
        return None
    if cur.numerator is None or not cur.denominator:  # withheld: no bounds either
        return None
    if not protection.published((ALL, ND)):
        return None
    k, n = cur.numerator, cur.denominator
    undeclared = int(wf[char].isin(UNDISCLOSED).sum())
    if not undeclared or not n or undeclared == n:
        return None
    low, high, declared = k / n * 100, (k + undeclared) / n * 100, k / (n - undeclared) * 100
    return (
        f"{undeclared / n * 100:.1f}% did not declare; among those who did, "
        f"{declared:.1f}%. Counting all of them in the group or none, the share would lie "
        f"between {low:.1f}% and {high:.1f}%." + _declaring(r, res, char)
    )


def _declaring(r: Report, res: Result, char: str) -> str:
    """The non-disclosure rate year by year beside the share (issue 24: "non-disclosure fell
    from 13.4% to 10.3% over the strategy, so part of the rise is people declaring"). Each
    year's rate as that year's report printed it: kept by disclosure control wherever a
    share card shows it (:func:`linked_tables.indicator_groups`), so withheld only when its
    count, or the count of those who declared, is small."""
    rates = []
    for year in sorted(y for y in r.data if y <= r.year):
        wf = r.data[year].frame("workforce")
        if wf is None or char not in wf.columns or not len(wf):
            continue
        u, n = int(wf[char].isin(UNDISCLOSED).sum()), len(wf)
        ok = share_allowed(u, n, r.settings.disclosure)
        rates.append((year, u / n * 100 if ok else None))
    if len(rates) < 2:
        return ""
    each = [f"{v:.1f}%" if v is not None else CONFIDENTIAL for _, v in rates]
    if any(b - a != 1 for (a, _), (b, _) in zip(rates, rates[1:], strict=False)):
        # a year without workforce data: each rate with its year
        said = ", ".join(f"{y} {v}" for (y, _), v in zip(rates, each, strict=True))
        return f" Not declared: {said}."
    said = ", ".join(each)
    first, last = rates[0][1], rates[-1][1]
    shown = [p.value for p in res.series if p.value is not None]
    rose = len(shown) >= 2 and shown[-1] > shown[0]
    note = ""
    if first is not None and last is not None and last < first and rose:
        note = " Part of the rise may be people declaring."
    return f" Not declared, {rates[0][0]} to {rates[-1][0]}: {said}.{note}"

"""The pay gaps of the workforce section: the statutory gender pay gap of each employer
(The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017), and the
ethnicity and disability pay gaps and pay quarters (GOV.UK ethnicity pay reporting guidance,
2023), with disclosure control on every cell (:mod:`equality_progress.analysis.disclosure`).
"""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import (
    CONFIDENTIAL,
    WITHHELD_NOTE,
    Protection,
    base_allowed,
    parts_shown,
    share_allowed,
    too_few_text,
)
from equality_progress.analysis.linked_tables import ALL, BONUS, ND, PAY_GROUPS, TOTAL
from equality_progress.analysis.measures import statutory_chain
from equality_progress.analysis.pay_gaps import employer_gaps, group_pay_gaps
from equality_progress.inputs.contracts import ETHNIC_MINORITY
from equality_progress.inputs.settings import DisclosureSettings
from equality_progress.report import charts
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import Block, fmt_value, heading, paragraph, pdf_pairs, table


def _chain_text(r: Report) -> str:
    """What the statutory figures give away with this report's figures, where they do
    (:mod:`equality_progress.analysis.statutory_chain`), in words without the counts."""
    found = statutory_chain(r.data[r.year], r.settings)
    text = ""
    if found.headcount:
        text += (
            " With the number of staff, which is the base of every share in this report and "
            "so cannot be withheld, this year's figures narrow a count of people at one "
            "employer (on reduced pay, or paid a bonus) more closely than this report's own "
            "rules allow: a limit of the statutory figures, accepted."
        )
    if found.split:
        text += (
            " The number of men and of women of all staff would narrow one more, so it is "
            "withheld this year, and so is each sex's share of the workforce (its status is "
            "kept)."
        )
    return text


def pay_gaps(r: Report, wf: pd.DataFrame) -> list[Block]:
    """The gender pay gap of each employer (with its pay quarters), then the ethnicity and
    disability pay gaps and pay quarters, each cell under disclosure control."""
    dc = r.settings.disclosure
    parts = [
        heading("Gender pay gap", 3, "gender-pay-gap"),
        paragraph(
            "Statutory figures at the snapshot date, for each employer with "
            "relevant employees (rounded to one decimal place). Hourly pay quarters rank "
            "full-pay relevant employees from highest to lowest pay; where employees on the "
            "same hourly rate span the boundary between two quarters, the regulations do not "
            "say where they go, so we share them between the two quarters in proportion. "
            "They are published in full, as the regulations require, and never withheld to "
            "protect other figures." + _chain_text(r)
        ),
    ]
    for eg in employer_gaps(wf, r.settings.disclosure):
        employer, g = eg.employer, eg.figures
        if g is None:
            parts.append(paragraph(f"{employer}: {too_few_text(dc)} men or women."))
            continue
        frame = pd.DataFrame(
            [
                {"Measure": k, "Value": fmt_value(v, "percent") if ok else CONFIDENTIAL}
                for k, v, ok in eg.measures
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
        if not eg.quarters_publishable:
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
            pdf_size="width: 75%",
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
        shown = r.workforce_plan.protections[label.lower()].published((ALL, ND))
        parts.append(_group_gap_table(r, frame, ref, label, p, link, shown))
    return parts


def _group_gap_table(
    r: Report,
    frame: pd.DataFrame,
    ref: str,
    label: str,
    p: Protection,
    link: dict[str, str],
    nd_shown: bool,
) -> Block:
    """Hourly and bonus gaps by group, with disclosure control on every cell; a group's
    employees and the shares receiving a bonus (its own and the reference group's, in the
    note) are protected with the workforce tables (:func:`linked_tables.with_pay`), and
    so is the non-disclosure rate (``nd_shown``: the workforce table may publish it)."""
    dc = r.settings.disclosure
    ref_bonus_n = frame.attrs.get("reference_bonus_recipients", 0)
    receives = _receiving(frame, p, link, dc)
    rows = []
    for x, receiving in zip(frame.itertuples(), receives, strict=True):
        key = (TOTAL, link.get(x.group, ""))
        # a single category's row (GOV.UK: each with 10 or more) is in no linked table: its
        # employees, subtracted from the aggregate's, would leave the other categories'
        # count, so only the aggregate's protected count is printed (issue 28)
        employees = p.cell(key) if key in p.table.index else CONFIDENTIAL
        gaps = base_allowed(x.employees, dc)  # a gap is no count: shown with [c] employees
        bonus_gaps = base_allowed(min(x.bonus_recipients, ref_bonus_n), dc)
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
    ref_shown = frame.attrs["reference_bonus_shown"] and p.published(
        (BONUS, frame.attrs["reference"])
    )
    ref_shown = fmt_value(ref_pct, "percent") if ref_shown else None
    nd = f"{frame.attrs['non_disclosure_pct']}%" if nd_shown else CONFIDENTIAL
    return table(
        out,
        f"{label} pay and bonus gaps against {ref} employees",
        numeric=list(out.columns[1:]),
        # first letter only: "White British", not str.capitalize()'s "White british"
        note=f"{ref[:1].upper()}{ref[1:]} employees receiving a bonus: "
        f"{ref_shown or CONFIDENTIAL}."
        f" Not disclosed: {nd} of employees; they stay in the "
        f"pay quarters but not in the gaps. {WITHHELD_NOTE}",
    )


def _receiving(
    frame: pd.DataFrame, p: Protection, link: dict[str, str], dc: DisclosureSettings
) -> list[bool]:
    """Whether each group's share receiving a bonus is published: rules 1 to 3, the linked
    model's decision for an aggregate, and the single groups as parts of the aggregate
    (:func:`.disclosure.parts_shown`)."""
    shown = []
    for x in frame.itertuples():
        ok = share_allowed(x.bonus_recipients, x.staff, dc)
        shown.append(ok and p.published((BONUS, link[x.group])) if x.group in link else ok)
    aggregate = [i for i, g in enumerate(frame["group"]) if g in link]
    singles = [i for i, g in enumerate(frame["group"]) if g not in link]
    if not singles:
        return shown
    total = None
    if len(aggregate) == 1 and shown[aggregate[0]]:
        total = int(frame["bonus_recipients"].iloc[aggregate[0]])
    counts = [int(frame["bonus_recipients"].iloc[i]) for i in singles]
    decided = parts_shown(counts, [shown[i] for i in singles], total, dc)
    for i, ok in zip(singles, decided, strict=True):
        shown[i] = ok
    return shown


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

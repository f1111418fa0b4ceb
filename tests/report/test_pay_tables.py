"""The pay gaps of the workforce section: each employer's statutory figures as published,
checked against the gap worked out here from the data file with the regulations' formula
(not with the package's own functions), and withheld where men or women are too few."""

from __future__ import annotations

import csv
import html
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from statistics import mean, median
from types import SimpleNamespace

import pandas as pd
import pytest
from support import sample_report

from equality_progress.report import pay_tables

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report():
    return sample_report("lcrca", "2024-25")


def _published_gaps(block_html: str, employer: str) -> dict[str, str]:
    """The measure -> value rows of one employer's gender pay gap table, from the HTML."""
    start = block_html.index(f"Gender pay gap, {employer}")
    body = block_html[start : block_html.index("</table>", start)]
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", body, re.S)
    ]
    rows = cells[2:]  # after the header row
    return dict(zip(rows[::2], rows[1::2], strict=True))


def _one_dp(x: float) -> str:
    return f"{Decimal(str(x)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def test_each_employers_hourly_gaps_are_the_regulations_figures(report):
    """Mean and median hourly gap: (men - women) / men x 100 over full-pay relevant
    employees, one decimal place (Equality Act 2010 (Specific Duties and Public
    Authorities) Regulations 2017, Schedule 2)."""
    wf = report.data[report.year].frame("workforce")
    html = "".join(b.html for b in pay_tables.pay_gaps(report, wf))
    with (ROOT / "data" / "lcrca" / "2024-25" / "workforce.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["full_pay_relevant"] == "true"]
    employers = sorted({r["employer"] for r in rows})
    assert employers
    for employer in employers:
        pay = {
            sex: [
                float(r["hourly_pay"])
                for r in rows
                if r["employer"] == employer and r["sex"] == sex
            ]
            for sex in ("Male", "Female")
        }
        shown = _published_gaps(html, employer)
        for label, average in (("Mean hourly pay gap", mean), ("Median hourly pay gap", median)):
            men, women = average(pay["Male"]), average(pay["Female"])
            assert shown[label] == _one_dp((men - women) / men * 100), (employer, label)


def test_an_employer_with_too_few_men_or_women_has_no_figures(report):
    """Fewer men or women than the smallest base for an average (params/settings.yaml,
    disclosure.min_base): a sentence, no figures."""
    wf = report.data[report.year].frame("workforce")
    threshold = report.settings.disclosure.min_base
    few = wf[wf["employer"] == wf["employer"].iloc[0]]
    women = few[few["sex"] == "Female"].head(threshold - 1)
    small = few[few["sex"] != "Female"].assign(employer="Tiny Trust")
    tiny = pd.concat([small.head(20), women.assign(employer="Tiny Trust")])
    html = "".join(b.html for b in pay_tables.pay_gaps(report, tiny))
    assert "Gender pay gap, Tiny Trust" not in html
    assert "Tiny Trust:" in html


def test_a_reference_group_keeps_its_capitals(built):
    """Issue 22: "White british" in the pay gap note (str.capitalize)."""
    html = (built / "lcrca" / "2024-25" / "report.html").read_text(encoding="utf-8")
    assert "White british" not in html and "White British employees receiving a bonus" in html


def test_a_single_categorys_employees_are_not_printed():
    """Issue 28: GOV.UK's ethnicity pay guidance shows each category with 10 or more
    employees as its own row, but those rows are in no linked table: the aggregate's
    employees (61) less the single categories' (e.g. 40 Indian) would leave the other
    categories' count. The gaps are printed; the category's employees are [c]."""
    from types import SimpleNamespace

    from equality_progress.analysis.disclosure import Protection
    from equality_progress.analysis.linked_tables import PAY_GROUPS, TOTAL
    from equality_progress.analysis.pay_gaps import group_pay_gaps
    from equality_progress.inputs.contracts import ETHNIC_MINORITY
    from equality_progress.inputs.settings import DisclosureSettings

    n_wb, n_in, n_ot = 200, 40, 21
    wf = pd.DataFrame(
        {
            "ethnicity": ["White British"] * n_wb + ["Indian"] * n_in + ["Arab"] * n_ot,
            "hourly_pay": [15.0 + (i % 17) for i in range(n_wb + n_in + n_ot)],
            "bonus_pay": 0.0,
            "full_pay_relevant": True,
        }
    )
    rules = DisclosureSettings()
    frame = group_pay_gaps(
        wf,
        "ethnicity",
        "White British",
        {"All ethnic minority groups": list(ETHNIC_MINORITY)},
        rules,
    )
    assert list(frame["group"]) == ["All ethnic minority groups", "Arab", "Indian"]
    table = pd.DataFrame(
        {"value": [61.0], "published": [True], "role": ["candidate"], "primary": [False],
         "lower": [float("nan")], "upper": [float("nan")]},
        index=pd.Index([(TOTAL, "Ethnic minority")], tupleize_cols=False),
    )  # fmt: skip
    r = SimpleNamespace(settings=SimpleNamespace(disclosure=rules))
    block = pay_tables._group_gap_table(
        r, frame, "White British", "Ethnicity", Protection(table), PAY_GROUPS["ethnicity"], True
    )
    rows = {line.split()[0]: line for line in block.plain.splitlines()}
    assert "61" in rows["All"].split() and "[c]" in rows["Indian"].split()
    assert "40" not in rows["Indian"].split() and "21" not in rows["Arab"].split()


def test_the_statutory_figures_say_they_are_published_in_full_and_what_that_allows(report):
    """Issue 28: the 2017 regulations' figures are published in full, beside the figures,
    in the PDF too, naming no count (LCRCA 2024-25: the chain reaches nothing that year)."""
    blocks = pay_tables.pay_gaps(report, report.data[report.year].frame("workforce"))
    said = (
        "They are published in full, as the regulations require, and never withheld to protect "
        "other figures."
    )
    assert html.escape(said) in blocks[1].html and said in blocks[1].plain
    assert "With the number of staff" not in blocks[1].plain
    assert "published in full, as the regulations require" in blocks[1].typst


@pytest.mark.parametrize(
    ("year", "headcount", "split"),
    [("2025-26", True, False), ("2022-23", True, True), ("2023-24", False, True),
     ("2024-25", False, False)],
)  # fmt: skip
def test_the_gender_pay_gap_section_says_where_the_chain_reaches(year, headcount, split):
    """With the number of staff the statutory figures narrowed LCRCA 2025-26's men at LCRCA
    not on full pay to 1 to 4 (the tests' attacker; 3 are); in 2022-23 the sex split would
    have narrowed its women there to 0 to 4 (4 are), so it is withheld. The section says
    which, in the year where it happens, naming no count."""
    from equality_progress.inputs.loading import read_authority_data
    from equality_progress.inputs.settings import load_authority, load_settings
    from equality_progress.years import FinancialYear

    fy = FinancialYear.parse(year)
    data, _ = read_authority_data(load_authority("lcrca"), fy)
    r = SimpleNamespace(data=data, year=fy, settings=load_settings())
    text = pay_tables._chain_text(r)
    limit = "With the number of staff, which is the base of every share in this report"
    withheld = "The number of men and of women of all staff would narrow one more, so it is"
    assert (limit in text, withheld in text) == (headcount, split)
    assert not re.search(r"\d", text)  # no count, no year

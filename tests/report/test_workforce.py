"""The workforce section: made once per report, although it is both shown and counted (the
data-quality appendix counts its withheld cells), and immutable once made."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from equality_progress.analysis.disclosure import Protection
from equality_progress.report import appendix, workforce
from equality_progress.report.assemble import assemble


def test_the_section_is_made_once_and_counted_from_the_same_tables(monkeypatch):
    report = assemble("sefton", "2024-25")
    made = []
    real = workforce._section
    monkeypatch.setattr(workforce, "_section", lambda r: made.append(1) or real(r))
    shown = workforce.section(report)
    quality = appendix.data_quality(report)
    assert workforce.section(report) is shown
    assert made == [1]
    # the count covers the section's withheld cells (and the group tables' elsewhere)
    n = int(
        quality.html.split("Cells withheld for disclosure control in this report: ")[1][:4].split(
            "."
        )[0]
    )
    assert 0 < shown.html.count(">[c]<") <= n


def test_a_block_cannot_be_changed_once_made():
    report = assemble("unnamed-ca", "2024-25")
    with pytest.raises(dataclasses.FrozenInstanceError):
        workforce.section(report).html = ""


def test_a_share_card_shows_what_non_response_leaves_open():
    """Issue 24: LCRCA 2025-26 disabled staff 83 of 1004 (8.27%) with 10.3% undeclared:
    among those who declared 9.21%, and anywhere from 8.27% to 18.5% (recounted here from
    the workforce file)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    wf = pd.read_csv(root / "data" / "lcrca" / "2025-26" / "workforce.csv")
    k, n = int((wf["disability"] == "Disabled").sum()), len(wf)
    u = int(wf["disability"].isin(["Prefer not to say", "Not recorded"]).sum())
    assert (k, n, round(u / n * 100, 1)) == (83, 1004, 10.3)
    r = assemble("lcrca", "2025-26")
    ind = next(x for x in r.evaluation.results if x.indicator.id == "employer-disabled-workforce")
    said = workforce.nonresponse_bounds(r, ind)
    assert said.startswith(
        f"10.3% did not declare; among those who did, {k / (n - u) * 100:.1f}%. Counting all "
        f"of them in the group or none, the share would lie between 8.3% and "
        f"{(k + u) / n * 100:.1f}%."
    )
    assert "9.2%" in said and "18.5%" in said
    # non-disclosure year by year beside it (issue 24: 13.4% to 10.3%), recounted here
    rates = []
    for y in ("2021-22", "2022-23", "2023-24", "2024-25", "2025-26"):
        w = pd.read_csv(root / "data" / "lcrca" / y / "workforce.csv")
        rates.append(w["disability"].isin(["Prefer not to say", "Not recorded"]).mean() * 100)
    listed = ", ".join(f"{v:.1f}%" for v in rates)
    assert f"Not declared, 2021-22 to 2025-26: {listed}." in said
    assert listed.startswith("13.4%") and listed.endswith("10.3%")
    assert said.endswith("Part of the rise may be people declaring.")
    # a share card keeps its characteristic's non-response count published (it prints it
    # year by year): LCRCA 2025-26's ethnicity rate, withheld as a secondary cell before
    # issue 24's trend, is printed; where the count is withheld, the card gives no bounds
    eth = next(
        x for x in r.evaluation.results if x.indicator.id == "employer-ethnic-minority-workforce"
    )
    assert workforce.nonresponse_table(r, r.data[r.year].frame("workforce")).iloc[1, 1] == "3.5%"
    assert workforce.nonresponse_bounds(r, eth).startswith("3.5% did not declare")
    plan = r.workforce_plan
    kept = plan.protections["ethnicity"]
    table = kept.table.copy()
    table.loc[[("All staff", "Not disclosed")], "published"] = False
    plan.protections["ethnicity"] = Protection(table)
    try:
        assert workforce.nonresponse_bounds(r, eth) is None
    finally:
        plan.protections["ethnicity"] = kept  # the report may be shared by other tests

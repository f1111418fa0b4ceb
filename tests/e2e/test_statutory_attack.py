"""The attacker's statutory family (issue 28, tests/attack_statutory.py) on every sample
report: what the gender pay gap figures the regulations oblige each employer to publish,
with its public size band, give away alone, with the report's number of staff, and with the
sex split the report prints.

The statutory figures are published in full, and the number of staff is the base of every
share, so what those two reach is the report's one accepted limit (docs/methodology.md,
"Known limits"; the gender pay gap section says it where a reader meets it). The sex split
must add no count to it: where it would, the report withholds it (the package's own chain,
equality_progress/analysis/statutory_chain.py). The test pins the limit to exactly what is
documented, so that any further count the chain reaches (a new table, a change to the
sample, a rounding) fails here and is decided on, not published unseen. Each bound is
checked against the sample's records afterwards: the attacker must be sound for the
comparison to mean anything."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from attack import tables
from attack_statutory import SEX_TABLE, band, sex_totals, statutory_pins

ROOT = Path(__file__).resolve().parents[2]
# what the chain reaches from the statutory figures and size bands alone, with the number
# of staff, and with the sex split as printed (ranges); the true counts are 4, 4, 3 and 8
ALONE = {"lcrca 2022-23": {"LCRCA|Female|bonus recipients": (4.0, 6.0)}}
WITH_HEADCOUNT = {
    "lcrca 2022-23": {"LCRCA|Female|bonus recipients": (4.0, 4.0)},
    "lcrca 2025-26": {
        "LCRCA|Male|not on full pay": (1.0, 4.0),
        "Merseytravel|Female|not on full pay": (4.0, 8.0),
    },
}
WITH_SPLIT = {
    "lcrca 2022-23": {"LCRCA|Female|bonus recipients": (4.0, 4.0)},
    "lcrca 2025-26": {
        "LCRCA|Male|not on full pay": (3.0, 4.0),
        "Merseytravel|Female|not on full pay": (4.0, 8.0),
    },
}
HEADCOUNT = re.compile(r"Workforce at 31 March \d{4}: ([\d,]+) employees")


def _truth(wf: pd.DataFrame, name: str) -> int:
    employer, sex, what = name.split("|")
    people = wf[(wf["employer"] == employer) & (wf["sex"] == sex)]
    if what == "bonus recipients":
        return int((people["bonus_pay"] > 0).sum())
    return int((~people["full_pay_relevant"]).sum())


def _reports(built: Path):
    for f in sorted(built.glob("*/*/report.html")):
        text = f.read_text()
        t = tables(text)
        employers = [
            c.removeprefix("Gender pay gap, ") for c in t if c.startswith("Gender pay gap, ")
        ]
        if employers:
            staff = float(HEADCOUNT.search(text).group(1).replace(",", ""))
            yield f"{f.parent.parent.name} {f.parent.name}", t, employers, staff


def _bands(authority: str, wf: pd.DataFrame) -> tuple[dict[str, int], str | None]:
    """Each grade band's staff (the report prints them in its ethnicity and other tables;
    taken from the records here, which a reader can only know as well or less), and the
    band whose staff are exactly the senior roles, if one is (issue 28's audit: LCRCA's
    senior roles are grades 9-10, which every characteristic's identical rows show)."""
    params = yaml.safe_load((ROOT / "params" / "authorities" / f"{authority}.yaml").read_text())
    bands = params["grade_bands"]
    senior = wf["senior_role"].astype(str).str.lower() == "true"
    same = [b for b, gs in bands.items() if (wf["grade"].isin(gs) == senior).all()]
    return {b: int(wf["grade"].isin(gs).sum()) for b, gs in bands.items()}, next(iter(same), None)


@pytest.mark.e2e
def test_the_statutory_chain_reaches_only_the_documented_counts(built: Path):
    found: dict[str, dict] = {"alone": {}, "headcount": {}, "split": {}}
    reports = 0
    for key, t, employers, staff in _reports(built):
        reports += 1
        authority, year = key.split()
        wf = pd.read_csv(ROOT / "data" / authority / year / "workforce.csv")
        # the size band is public (the government's service prints it for each employer)
        sizes = {e: band(int((wf["employer"] == e).sum())) for e in employers}
        totals = sex_totals(t, *_bands(authority, wf))
        headcount = statutory_pins(t, sizes, headcount=staff)
        # alone, the figures are bound less tightly: asked only where the headcount pins
        alone = statutory_pins(t, sizes) if headcount else []
        for kind, pins in (
            ("alone", alone),
            ("headcount", headcount),
            ("split", statutory_pins(t, sizes, totals, staff)),
        ):
            for name, lo, hi in pins:
                assert lo <= _truth(wf, name) <= hi, (key, name, lo, hi)  # the attacker is sound
            if pins:
                found[kind][key] = {name: (lo, hi) for name, lo, hi in pins}
    assert reports >= 7  # LCRCA's four years, Sefton's three
    assert found["alone"] == ALONE
    assert found["headcount"] == WITH_HEADCOUNT
    assert found["split"] == WITH_SPLIT
    # the sex split the report prints reaches no count the number of staff does not
    for key, pins in found["split"].items():
        assert set(pins) <= set(found["headcount"][key]), key


@pytest.mark.e2e
def test_the_report_withholds_the_sex_split_where_it_alone_would_give_a_count_away(built: Path):
    """LCRCA 2022-23: with its sex split printed, the chain reached its women at LCRCA not
    on full pay, 0 to 4 (4 are), which the number of staff leaves at 0 to 6; the split and its
    share are withheld there (and in every later report's chart), the status kept."""
    t = tables((built / "lcrca" / "2022-23" / "report.html").read_text())
    all_staff = [r for r in t[SEX_TABLE] if r[0] == "All staff"]
    assert [r[2:4] for r in all_staff] == [["[c]", "[c]"], ["[c]", "[c]"]]
    for year in ("2022-23", "2023-24", "2024-25", "2025-26"):
        csv = pd.read_csv(built / "lcrca" / year / "indicators.csv").set_index("indicator_id")
        row = csv.loc["employer-male-share"]
        if year in ("2022-23", "2023-24"):  # withheld, the status kept
            assert pd.isna(row["value"]) and row["status"] == "on_track", year
            assert "withheld to protect individuals" in row["status_reason"]
        else:
            assert not pd.isna(row["value"]), year
        page = tables((built / "lcrca" / year / "report.html").read_text())
        chart = next(c for c in page if c.startswith("Data for: Male share of the workforce"))
        rows = {r[0]: r[1] for r in page[chart][1:]}
        assert rows["2021-22"] == "55.7" and rows["2022-23"] == "[c]", (year, rows)

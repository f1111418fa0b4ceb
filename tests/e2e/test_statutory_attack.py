"""The attacker's statutory family (issue 28, tests/attack_statutory.py) on every sample
report: what the gender pay gap figures the regulations oblige each employer to publish,
with its public size band, give away, alone and with the report's all-staff sex totals.

This is the report's one accepted limit (docs/methodology.md, "Known limits"; the gender
pay gap section says it where a reader meets it): the statutory figures are published in
full, the sex split of all staff too, and together they narrow these counts. The test pins
the limit to exactly what is documented, so that any further count the chain reaches (a new
table, a change to the sample, a rounding) fails here and is decided on, not published
unseen. Each bound is checked against the sample's records afterwards: the attacker must be
sound for the comparison to mean anything."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from attack import tables
from attack_statutory import band, statutory_pins

ROOT = Path(__file__).resolve().parents[2]
# what the chain reaches with the all-staff sex totals (range), and from the statutory
# figures and size bands alone; the true counts are 4, 4, 3 and 8
WITH_TOTALS = {
    "lcrca 2022-23": {
        "LCRCA|Female|bonus recipients": (4.0, 4.0),
        "LCRCA|Female|not on full pay": (0.0, 4.0),
    },
    "lcrca 2025-26": {
        "LCRCA|Male|not on full pay": (3.0, 4.0),
        "Merseytravel|Female|not on full pay": (4.0, 8.0),
    },
}
ALONE = {"lcrca 2022-23": {"LCRCA|Female|bonus recipients": (4.0, 6.0)}}


def _truth(wf: pd.DataFrame, name: str) -> int:
    employer, sex, what = name.split("|")
    people = wf[(wf["employer"] == employer) & (wf["sex"] == sex)]
    if what == "bonus recipients":
        return int((people["bonus_pay"] > 0).sum())
    return int((~people["full_pay_relevant"]).sum())


def _reports(built: Path):
    for f in sorted(built.glob("*/*/report.html")):
        t = tables(f.read_text())
        employers = [
            c.removeprefix("Gender pay gap, ") for c in t if c.startswith("Gender pay gap, ")
        ]
        if employers:
            yield f"{f.parent.parent.name} {f.parent.name}", t, employers


@pytest.mark.e2e
def test_the_statutory_chain_reaches_only_the_documented_counts(built: Path):
    found, alone, reports = {}, {}, 0
    for key, t, employers in _reports(built):
        reports += 1
        authority, year = key.split()
        wf = pd.read_csv(ROOT / "data" / authority / year / "workforce.csv")
        # the size band is public (the government's service prints it for each employer)
        sizes = {e: band(int((wf["employer"] == e).sum())) for e in employers}
        pins = statutory_pins(t, sizes, totals=True)
        for name, lo, hi in pins:
            assert lo <= _truth(wf, name) <= hi, (key, name, lo, hi)  # the attacker is sound
        if pins:
            found[key] = {name: (lo, hi) for name, lo, hi in pins}
            if own := statutory_pins(t, sizes, totals=False):
                alone[key] = {name: (lo, hi) for name, lo, hi in own}
    assert reports >= 7  # LCRCA's four years, Sefton's three
    assert found == WITH_TOTALS
    assert alone == ALONE

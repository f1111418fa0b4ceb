"""The "Changes since last year's report" section and changes.csv, checked against the two
published indicators.csv files of each pair of sample reports (the issue's test)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from equality_progress.report.changes import CHANGE_LABELS, _cell

PAIRS = [
    ("lcrca", "2022-23", "2023-24"),
    ("lcrca", "2023-24", "2024-25"),
    ("lcrca", "2024-25", "2025-26"),
    ("sefton", "2023-24", "2024-25"),
    ("sefton", "2024-25", "2025-26"),
]
FIRST = [("lcrca", "2022-23"), ("sefton", "2023-24"), ("unnamed-ca", "2024-25")]


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize(("authority", "last", "this"), PAIRS)
def test_changes_agree_with_the_two_indicators_csv(
    built: Path, authority: str, last: str, this: str
) -> None:
    before = {r["indicator_id"]: r for r in rows(built / authority / last / "indicators.csv")}
    now = {r["indicator_id"]: r for r in rows(built / authority / this / "indicators.csv")}
    expected = {
        (i, "status_moved") for i in now if i in before and before[i]["status"] != now[i]["status"]
    }
    expected |= {
        (i, "figure_revised")
        for i in now
        if i in before
        and before[i]["kind"] not in ("milestone", "recurring")
        and before[i]["value"] != now[i]["previous_value"]
        and before[i]["value"] not in ("not_started", "in_progress", "complete")
    }
    expected |= {(i, "added") for i in now if i not in before}
    expected |= {(i, "retired") for i in before if i not in now}
    published = rows(built / authority / this / "changes.csv")
    assert {(r["indicator_id"], r["change"]) for r in published} == expected
    assert expected, "each later sample year has some status that moved"
    for r in published:
        if r["change"] == "status_moved":
            assert r["previous_status"] == before[r["indicator_id"]]["status"]
            assert r["status"] == now[r["indicator_id"]]["status"]
    html = (built / authority / this / "report.html").read_text(encoding="utf-8")
    moved = sum(r["change"] == "status_moved" for r in published)
    assert "Changes since last year’s report" in html or "Changes since last year's report" in html
    assert f"{moved} statuses moved" in html or (moved == 1 and "1 status moved" in html)


@pytest.mark.parametrize(("authority", "year"), FIRST)
def test_a_first_report_says_there_is_nothing_to_compare(
    built: Path, authority: str, year: str
) -> None:
    assert rows(built / authority / year / "changes.csv") == []
    html = (built / authority / year / "report.html").read_text(encoding="utf-8")
    assert "first progress report" in html


def test_cells_and_labels() -> None:
    assert _cell("on_track", 5.45, "percent") == "On track, 5.5%"
    assert _cell("not_started", None, "status") == "Not started"
    assert _cell(None, 2.4, "percent") == "2.4%"
    assert set(CHANGE_LABELS) == {"status_moved", "figure_revised", "added", "retired"}

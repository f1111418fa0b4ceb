"""What changed since last year's report, worked out by hand on small tables."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.year_on_year import CHANGE_COLUMNS, changes


def table(year: str, rows: list[tuple]) -> pd.DataFrame:
    cols = ["indicator_id", "title", "status", "value", "previous_value"]
    frame = pd.DataFrame(rows, columns=cols)
    frame.insert(0, "year", year)
    frame.insert(0, "authority", "x")
    return frame


LAST = table(
    "2023-24",
    [
        ("a", "Share A", "on_track", 5.0, 4.0),
        ("b", "Share B", "off_track", 2.5, None),
        ("act", "An action", "not_started", "not_started", None),
        ("old", "Dropped measure", "achieved", 9.0, 8.0),
    ],
)
THIS = table(
    "2024-25",
    [
        ("a", "Share A", "on_track", 6.0, 5.0),  # unchanged status, figure as published
        ("b", "Share B", "some_progress", 3.0, 2.4),  # moved, and last year's 2.5 revised to 2.4
        ("act", "An action", "on_track", "in_progress", None),  # moved
        ("new", "New measure", "not_available", None, None),  # added
    ],
)


def test_each_kind_of_change_by_hand() -> None:
    out = changes(LAST, THIS, {"b": "Recruitment paused (commentary)."})
    assert list(out.columns) == CHANGE_COLUMNS
    got = [(r.indicator_id, r.change) for r in out.itertuples()]
    assert got == [
        ("b", "status_moved"),
        ("b", "figure_revised"),
        ("act", "status_moved"),
        ("new", "added"),
        ("old", "retired"),
    ]
    moved = out.iloc[0]
    assert (moved.previous_status, moved.status, moved.previous_figure, moved.figure) == (
        "off_track",
        "some_progress",
        2.5,
        3.0,
    )
    assert moved.reason == "Recruitment paused (commentary)."
    revised = out.iloc[1]
    assert (revised.previous_figure, revised.figure) == (2.5, 2.4)
    retired = out.iloc[4]
    assert retired.previous_status == "achieved" and pd.isna(retired.status)
    assert set(out["authority"]) == {"x"} and set(out["year"]) == {"2024-25"}


def test_an_actions_stage_is_not_a_figure() -> None:
    out = changes(LAST, THIS)
    act = out[out["indicator_id"] == "act"].iloc[0]
    assert pd.isna(act.previous_figure)
    assert pd.isna(act.figure)
    assert pd.isna(act.reason)


def test_a_first_report_has_nothing_to_compare() -> None:
    out = changes(None, THIS)
    assert out.empty and list(out.columns) == CHANGE_COLUMNS


def test_nothing_changed_gives_no_rows() -> None:
    same = THIS.assign(previous_value=THIS["value"])
    assert changes(same.drop(columns="previous_value").assign(previous_value=None), same).empty

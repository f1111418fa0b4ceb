"""The SVG charts: d3's tick rules checked against worked examples and against Vega itself
(Altair through vl-convert, test-only dependencies), so the charts label their axes and
truncate their labels as Vega would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

from equality_progress.report import charts, svg
from equality_progress.report.svg import nice, tick_labels, ticks, truncate

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("start", "stop", "count", "expected"),
    [
        # d3-array's README and test suite (ticks.js): ticks(start, stop, count)
        (0, 1, 10, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 3, [0.0, 0.5, 1.0]),
        (0, 1, 1, [0.0, 1.0]),
        (-10, 10, 10, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 5, [-10, -5, 0, 5, 10]),
        # by hand: step (7.5 - 2.5) / 5 = 1 exactly, so whole numbers inside the domain
        (2.5, 7.5, 5, [3, 4, 5, 6, 7]),
        # by hand: (10.5 - 9.1) / 5 = 0.28, rounded up to the 1-2-5 step 0.2
        (9.1, 10.5, 5, [9.2, 9.4, 9.6, 9.8, 10.0, 10.2, 10.4]),
    ],
)
def test_ticks_match_d3(start, stop, count, expected):
    assert ticks(start, stop, count) == pytest.approx(expected)


def test_nice_widens_to_round_steps_by_hand():
    # (7.05 - 2.57) / 10 = 0.448, whose 1-2-5 step is 0.5: floor/ceil to halves
    assert nice(2.57, 7.05) == pytest.approx((2.5, 7.5))
    # (10.41 - 9.12) / 10 = 0.129, step 0.1
    assert nice(9.12, 10.41) == pytest.approx((9.1, 10.5))
    assert nice(120, 1830) == pytest.approx((0, 2000))


def test_labels_use_d3_fixed_precision_grouping_and_minus_sign():
    assert tick_labels([9.2, 9.4]) == ["9.2", "9.4"]
    assert tick_labels([3.0, 4.0]) == ["3", "4"]
    assert tick_labels([-1000.0, 0.0, 1000.0]) == ["−1,000", "0", "1,000"]


def _series(values, lower=None, upper=None, target=None):
    years = [f"20{21 + i}-{22 + i}" for i in range(len(values))]
    rows = [
        {"year": y, "series": "observed", "value": v, "lower": lo, "upper": up}
        for y, v, lo, up in zip(
            years, values, lower or [None] * len(values), upper or [None] * len(values), strict=True
        )
    ]
    for y, v in target or []:
        rows.append({"year": y, "series": "target path", "value": v, "lower": None, "upper": None})
    return pd.DataFrame(rows)


def _vega_reference(series: pd.DataFrame) -> alt.LayerChart:
    """The chart as the Altair builder drew it before the SVG writer replaced it, with the
    value axis given at least 10 points (a percentage's minimum span, issue 25)."""
    obs = series[series["series"] == "observed"]
    cells = series[["value", "lower", "upper"]].apply(pd.to_numeric).stack()
    plotted = [round(float(v), 1) for v in cells.dropna()]
    domain = list(svg.span_domain(plotted, 10.0))
    base = alt.Chart(obs).encode(x=alt.X("year:O", title="Financial year"))
    layers = []
    if obs["lower"].notna().any():
        layers.append(base.mark_rule().encode(y=alt.Y("lower:Q", title="%"), y2="upper:Q"))
    layers.append(
        base.mark_line(point=True).encode(
            y=alt.Y("value:Q", scale=alt.Scale(zero=False, domain=domain, nice=True))
        )
    )
    ref = series[series["series"] == "target path"]
    if not ref.empty:
        layers.append(alt.Chart(ref).mark_line().encode(x="year:O", y="value:Q"))
    return alt.layer(*layers).properties(width=460, height=200)


def _numbers(svg: str) -> list[str]:
    texts = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
    return sorted(t for t in texts if re.fullmatch(r"[−\d,.]+", t))


@pytest.mark.parametrize(
    "series",
    [
        _series(
            [3.58, 4.05, 4.92, 5.45],
            [2.57, 2.98, 3.73, 4.2],
            [4.96, 5.49, 6.47, 7.05],
            [("2021-22", 3.6), ("2025-26", 6.0)],
        ),  # fmt: skip
        _series([9.68, 9.9, 10.41, 9.12]),
        _series([-3.2, 1.5, 4.8]),
        _series([1200, 1530, 1830], target=[("2021-22", 1200), ("2024-25", 2100)]),
        _series([5.6, 5.7]),
    ],
)
def test_axis_labels_are_the_ones_vega_draws(series):
    ours = charts.trend(series, "T", "percent").to_svg()
    vega = vlc.vegalite_to_svg(_vega_reference(series).to_dict())
    assert _numbers(ours) == _numbers(vega)


def test_svg_draws_every_point_interval_and_the_target_path():
    s = _series([3.58, 4.05, 4.92], [2.57, 2.98, 3.73], [4.96, 5.49, 6.47],
                [("2021-22", 3.6), ("2025-26", 6.0)])  # fmt: skip
    root = ET.fromstring(charts.trend(s, "Share <of> staff", "percent").to_svg())
    assert root.get("width") and root.get("viewBox")
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    intervals = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == "#555"]
    assert len(intervals) == 3
    dashed = [p for p in root.iter(f"{SVG}polyline") if p.get("stroke-dasharray")]
    assert len(dashed) == 1 and dashed[0].get("stroke") == charts.PALETTE[5]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Share <of> staff" in texts and "2025-26" in texts  # escaped, and the target year
    no_target = ET.fromstring(charts.trend(_series([1.0, 2.0]), "T", "percent").to_svg())
    assert not [p for p in no_target.iter(f"{SVG}polyline") if p.get("stroke-dasharray")]


def _rollup(titles, counts):
    statuses = ["achieved", "on_track", "some_progress", "off_track", "not_available"]
    rows = [
        {"objective": f"o{i}", "title": t, "not_started": 0, "cannot_tell": 0}
        | dict(zip(statuses, c, strict=True))
        for i, (t, c) in enumerate(zip(titles, counts, strict=True))
    ]
    return pd.DataFrame(rows)


TITLES = [
    "Objective 1: Increased awareness and engagement across the whole organisation",
    "Objective 2: Strengthened support for staff",
    "Objective 3: Maximise effectiveness and inclusivity in HR processes and procedures",
]


@pytest.mark.parametrize(
    "counts", [[(0, 10, 0, 0, 0), (2, 10, 0, 4, 2), (1, 5, 3, 0, 0)], [(40, 0, 0, 0, 3)] * 3]
)
def test_status_bars_axis_and_truncated_labels_match_vega(counts):
    roll = _rollup(TITLES, counts)
    long = roll.melt(id_vars=["title"], value_vars=["achieved", "on_track", "some_progress",
                     "off_track", "not_available"], var_name="status", value_name="n")  # fmt: skip
    vega = vlc.vegalite_to_svg(
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("title:N", sort=TITLES, title=None, axis=alt.Axis(labelLimit=340)),
            x=alt.X("n:Q", stack="zero"),
            color="status:N",
        )
        .properties(width=220)
        .configure(font="DejaVu Sans")
        .configure_axis(labelFontSize=13)
        .to_dict()
    )
    ours = charts.status_overview(roll).to_svg()
    assert _numbers(ours) == _numbers(vega)
    vega_labels = [t.text for t in ET.fromstring(vega).iter(f"{SVG}text") if t.text]
    for title in TITLES:
        assert truncate(title, 340, 13) in vega_labels


def test_truncate_keeps_short_labels_and_ends_long_ones_with_an_ellipsis():
    assert truncate("Objective 4: Strengthened support for staff", 340, 12).endswith("staff")
    cut = truncate(TITLES[0], 340, 12)
    assert cut.endswith("…") and TITLES[0].startswith(cut[:-1])


def test_quartile_bars_fill_the_whole_width_with_upper_quarter_on_top():
    q = {k: {"male_pct": 40.0, "female_pct": 60.0} for k in charts.QUARTERS}
    q["upper"] = {"male_pct": 70.0, "female_pct": 30.0}
    root = ET.fromstring(charts.quartiles({"quartiles": q}, "LCRCA").to_svg())
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") in charts.PALETTE[:2]]
    men = [b for b in bars if b.get("fill") == charts.PALETTE[0] and float(b.get("y")) > 0]
    first = min(men, key=lambda b: float(b.get("y")))  # the top bar is the upper quarter
    assert float(first.get("width")) == pytest.approx(240 * 0.7)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts.index("Upper") < texts.index("Lower")
    assert {"0", "100"} <= set(texts)  # the whole 0 to 100% domain


def test_a_flat_series_is_drawn_flat():
    """Sefton's 20.567% to 20.574% was drawn on an axis from 20.567 to 20.574, a steep swing
    whose alt text said "20.6% ... 20.6%" (issue 25): a percentage's axis spans at least 10
    points, and a 1-7 score's at least one."""
    flat = charts.trend(_series([20.567, 20.574, 20.571]), "T", "percent").to_svg()
    numbers = [float(t.replace(",", "")) for t in _numbers(flat)]
    assert max(numbers) - min(numbers) >= 10
    assert svg.span_domain([20.567, 20.574], 10.0) == pytest.approx((15.5705, 25.5705))
    assert svg.span_domain([1.0, 2.0], 10.0) == (0.0, 10.0)  # not below 0
    assert svg.span_domain([3.0, 40.0], 10.0) == (3.0, 40.0)  # wide enough already


def test_status_shares_draw_one_measure_as_fully_as_seventy_actions():
    """Issue 25: Sefton's one outcome measure was a sliver on an axis to 70 beside its 73
    actions. As shares of each group, every bar spans the whole width (220 px)."""
    roll = _rollup(["Outcome measures", "Actions"], [(0, 1, 0, 0, 0), (8, 10, 2, 0, 2)])
    roll.loc[1, "not_started"] = 51
    root = ET.fromstring(charts.status_overview(roll, shares=True).to_svg())
    colours = set(charts.STATUS_COLOURS.values())
    by_row: dict[str, float] = {}
    for b in root.iter(f"{SVG}rect"):
        if b.get("fill") in colours and b.get("stroke") == "white":  # bar segments, no swatch
            by_row[b.get("y")] = by_row.get(b.get("y"), 0.0) + float(b.get("width"))
    assert [round(w) for w in by_row.values()] == [220, 220], by_row  # to 2-place rounding
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "% of the group" in texts and "100" in texts


def test_the_dashed_line_is_named_at_its_end():
    """Issue 25: targets and thresholds drawn as labelled lines (in the axis ink: the
    line's orange is too light for text), named once, at the line's last point."""
    s = _series([3.58, 4.05], target=[("2021-22", 3.6), ("2025-26", 6.0)])
    texts = [
        t.text for t in ET.fromstring(charts.trend(s, "T", "percent").to_svg()).iter(f"{SVG}text")
    ]
    assert texts.count("Target") == 1 and "Threshold" not in texts
    s.loc[s["series"] == "target path", "series"] = "threshold"
    root = ET.fromstring(charts.trend(s, "T", "percent").to_svg())
    (label,) = [t for t in root.iter(f"{SVG}text") if t.text == "Threshold"]
    assert label.get("fill") == charts.THEME["axis"]["labelColor"]
    assert "Target" not in [
        t.text
        for t in ET.fromstring(charts.trend(_series([1.0, 2.0]), "T", "percent").to_svg()).iter(
            f"{SVG}text"
        )
    ]

"""Charts: one house theme; builders return chart objects (:mod:`.svg_charts`); ``render``
turns a chart into an accessible report block (inline SVG with a text alternative and a
data table).

Colours are the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008); status is also
shown by words and symbols, never by colour alone. Why the charts are drawn without
Altair and Vega: see :mod:`.svg_charts`.
"""

from __future__ import annotations

import pandas as pd

from equality_progress.report.blocks import Block, esc, table, tlit, tstr
from equality_progress.report.labels import STATUS_LABELS
from equality_progress.report.svg import StackedBars, TrendChart

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#0072B2",
    "some_progress": "#E69F00",
    "off_track": "#D55E00",
    "not_available": "#999999",
}
# The house theme, in Vega-Lite's config vocabulary so it reads as the Altair theme did.
THEME: dict = {
    "font": "DejaVu Sans, Arial, sans-serif",
    "axis": {
        "labelFontSize": 12,
        "titleFontSize": 12,
        "labelColor": "#222",
        "titleColor": "#222",
        "gridColor": "#ddd",
        "tickColor": "#888",
        "domainColor": "#888",
    },
    "legend": {"labelFontSize": 12, "titleFontSize": 12},
    "title": {"fontSize": 14, "color": "#222"},
    "line": {"strokeWidth": 2.5},
    "point": {"size": 60},
}
Chart = TrendChart | StackedBars


def status_overview(rollup: pd.DataFrame) -> StackedBars:
    """Stacked bars: how many indicators of each objective have each status."""
    rows = rollup[rollup["objective"] != "All objectives"]
    return StackedBars(
        title=None,
        rows=tuple(rows["title"]),
        series=tuple(" ".join(STATUS_LABELS[s]) for s in STATUS_LABELS),
        colours=tuple(STATUS_COLOURS[s] for s in STATUS_LABELS),
        values=tuple(
            tuple(float(v) for v in r) for r in rows[list(STATUS_LABELS)].itertuples(index=False)
        ),
        x_title="Indicators",
        legend_title="Status",
        theme=THEME,
    )


def trend(series: pd.DataFrame, title: str, unit: str) -> TrendChart:
    """Observed values with their intervals, and the target path or threshold."""
    # one pass over the few rows as records: per-chart pandas filtering cost more than
    # drawing the chart
    rows = [r for r in series.to_dict("records") if not pd.isna(r["value"])]
    y_title = "%" if unit == "percent" else ("Score (1 to 7)" if unit == "score" else unit)

    def opt(v: object) -> float | None:
        return None if pd.isna(v) else float(v)

    return TrendChart(
        title=title,
        y_title=y_title,
        observed=tuple(
            (str(r["year"]), float(r["value"]), opt(r["lower"]), opt(r["upper"]))
            for r in rows
            if r["series"] == "observed"
        ),
        reference=tuple(
            (str(r["year"]), float(r["value"]))
            for r in rows
            if r["series"] in ("target path", "threshold")
        ),
        line_colour=PALETTE[0],
        reference_colour=PALETTE[5],
        theme=THEME,
    )


QUARTERS = {
    "upper": "Upper",
    "upper_middle": "Upper middle",
    "lower_middle": "Lower middle",
    "lower": "Lower",
}


def quartiles(figures: dict, employer: str) -> StackedBars:
    """Men and women in each hourly pay quarter, upper quarter at the top (0-100%)."""
    q = figures["quartiles"]
    return StackedBars(
        title=f"Hourly pay quarters, {employer}",
        rows=tuple(QUARTERS.values()),
        series=("Men", "Women"),
        colours=(PALETTE[0], PALETTE[1]),
        values=tuple((q[k]["male_pct"], q[k]["female_pct"]) for k in QUARTERS),
        x_title="% of employees in the quarter",
        y_title="Hourly pay quarter",
        domain=(0.0, 100.0),
        width=420,
        step=35,
        theme=THEME,
    )


def render(chart: Chart, chart_id: str, caption: str, alt_text: str, data: pd.DataFrame) -> Block:
    """A chart as a figure: inline SVG named by its text alternative, plus a data table."""
    svg = chart.to_svg()
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(alt_text)}" ', 1)
    data_table = table(
        data,
        f"Data for: {caption}",
        numeric=[col for col in data.columns if pd.api.types.is_numeric_dtype(data[col])],
    )
    h = (
        f'<figure class="chart" id="{chart_id}"><div class="chart-svg">{labelled}</div>'
        f"<figcaption>{esc(caption)}</figcaption>"
        f"<details><summary>Show the data as a table</summary>{data_table.html}</details>"
        "</figure>\n"
    )
    t = (
        f'\n#figure(image(bytes({tlit(svg)}), format: "svg", alt: {tlit(alt_text)}, '
        f"width: 90%), caption: [{tstr(caption)}])\n"
    )
    return Block(h, t, f"[chart] {caption}: {alt_text}")

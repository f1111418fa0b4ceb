"""Charts: one registered Altair house theme; builders return chart objects; ``render``
turns a chart into an accessible report block (inline SVG with a text alternative and
a data table).

Colours are the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008); status is also
shown by words and symbols, never by colour alone.
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd
import vl_convert as vlc

from .blocks import STATUS_LABELS, Block, esc, table, tlit, tstr

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS_COLOURS = {
    "achieved": "#009E73",
    "on_track": "#0072B2",
    "some_progress": "#E69F00",
    "off_track": "#D55E00",
    "not_available": "#999999",
}
FONT = "DejaVu Sans, Arial, sans-serif"


@alt.theme.register("equality_progress", enable=True)
def house_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"stroke": None, "continuousWidth": 520, "continuousHeight": 220},
            "range": {"category": PALETTE},
            "axis": {
                "labelFontSize": 12,
                "titleFontSize": 12,
                "labelColor": "#222",
                "titleColor": "#222",
                "gridColor": "#ddd",
            },
            "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
            "title": {"fontSize": 14, "anchor": "start", "color": "#222"},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 60, "filled": True},
        }
    }


def status_overview(rollup: pd.DataFrame) -> alt.Chart:
    """Stacked bars: how many indicators of each objective have each status."""
    rows = rollup[rollup["objective"] != "All objectives"]
    long = rows.melt(
        id_vars=["objective", "title"],
        value_vars=list(STATUS_LABELS),
        var_name="status",
        value_name="indicators",
    )
    long["Status"] = long["status"].map(lambda s: " ".join(STATUS_LABELS[s]))
    order = [" ".join(STATUS_LABELS[s]) for s in STATUS_LABELS]
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("title:N", title=None, sort=list(rows["title"]), axis=alt.Axis(labelLimit=340)),
            x=alt.X("indicators:Q", title="Indicators", stack="zero"),
            color=alt.Color(
                "Status:N",
                sort=order,
                scale=alt.Scale(domain=order, range=list(STATUS_COLOURS.values())),
            ),
            order=alt.Order("order:Q"),
        )
        .transform_calculate(order=f"indexof({order!r}, datum.Status)")
        .properties(width=360, height=max(60, 28 * len(rows)))
    )


def trend(series: pd.DataFrame, title: str, unit: str) -> alt.LayerChart:
    """Observed values with their intervals, and the target path or threshold."""
    obs = series[series["series"] == "observed"].dropna(subset=["value"])
    y_title = "%" if unit == "percent" else ("Score (1 to 7)" if unit == "score" else unit)
    base = alt.Chart(obs).encode(
        x=alt.X("year:O", title="Financial year", axis=alt.Axis(labelAngle=0))
    )
    layers: list[alt.Chart] = []
    if obs["lower"].notna().any():
        layers.append(
            base.mark_rule(color="#555", strokeWidth=1.5).encode(
                y=alt.Y("lower:Q", title=y_title), y2="upper:Q"
            )
        )
    layers.append(
        base.mark_line(point=True, color=PALETTE[0]).encode(
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=False))
        )
    )
    ref = series[series["series"].isin(["target path", "threshold"])]
    if not ref.empty:
        layers.append(
            alt.Chart(ref)
            .mark_line(strokeDash=[6, 4], color=PALETTE[5])
            .encode(x="year:O", y="value:Q")
        )
    return alt.layer(*layers).properties(title=title, width=460, height=200)


def quartiles(figures: dict, employer: str) -> alt.Chart:
    """Share of men and women in each hourly pay quarter (statutory figures)."""
    rows = []
    names = {
        "lower": "Lower",
        "lower_middle": "Lower middle",
        "upper_middle": "Upper middle",
        "upper": "Upper",
    }
    for q, v in figures["quartiles"].items():
        rows.append({"quarter": names[q], "sex": "Women", "pct": v["female_pct"]})
        rows.append({"quarter": names[q], "sex": "Men", "pct": v["male_pct"]})
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_bar()
        .encode(
            y=alt.Y("quarter:N", sort=list(names.values())[::-1], title="Hourly pay quarter"),
            x=alt.X(
                "pct:Q",
                title="% of employees in the quarter",
                stack="zero",
                scale=alt.Scale(domain=[0, 100], nice=False, clamp=True),
            ),
            color=alt.Color("sex:N", title=None, scale=alt.Scale(range=[PALETTE[0], PALETTE[1]])),
        )
        .properties(title=f"Hourly pay quarters, {employer}", width=420, height=140)
    )


_ID = re.compile(r'\b(id="|url\(#|href="#)([A-Za-z_][\w-]*)')


def to_svg(chart: alt.TopLevelMixin, chart_id: str) -> str:
    """Render to SVG (no browser, no network) and give every internal id a per-chart prefix:
    vl-convert numbers ids with a process-wide counter, which breaks byte-reproducibility and
    clashes when several charts are inlined in one page."""
    # Schema validation is skipped here (it costs more than the rendering); the chart
    # builders are validated once in the test suite instead.
    svg = vlc.vegalite_to_svg(chart.to_dict(validate=False))
    return _ID.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)


def render(
    chart: alt.TopLevelMixin, chart_id: str, caption: str, alt_text: str, data: pd.DataFrame
) -> Block:
    """A chart as a figure: inline SVG named by its text alternative, plus a data table."""
    svg = to_svg(chart, chart_id)
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(alt_text)}" ', 1)
    data_table = table(
        data,
        f"Data for: {caption}",
        numeric=[c for c in data.columns if pd.api.types.is_numeric_dtype(data[c])],
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

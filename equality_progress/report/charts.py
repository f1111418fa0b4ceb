"""Charts: one house theme; builders return chart objects (:mod:`.svg`); ``render``
turns a chart into an accessible report block (inline SVG with a text alternative and a
data table).

Colours are the Okabe-Ito colour-blind-safe palette (Okabe & Ito 2008); status is also
shown by words and symbols, never by colour alone. Why the charts are drawn without
Altair and Vega: see :mod:`.svg`.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from equality_progress.report.blocks import Block, esc, table, tlit, tstr
from equality_progress.report.labels import STATUS_LABELS
from equality_progress.report.svg import StackedBars, TrendChart

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Status colours as the badges': each at least 3:1 against white (WCAG 1.4.11), and
# neighbouring bar segments are parted by a white gap rather than by their contrast.
STATUS_COLOURS = {
    "achieved": "#00703C",
    "on_track": "#1D70B8",
    "some_progress": "#B35900",
    "off_track": "#D4351C",
    "not_started": "#6F3C97",
    "cannot_tell": "#505A5F",
    "not_available": "#505A5F",
}
WOMEN_COLOUR = "#B35900"  # 4.1:1 against white (Okabe-Ito's orange, darkened)
# The house theme, in Vega-Lite's config vocabulary so it reads as the Altair theme did.
THEME: dict = {
    "font": "DejaVu Sans, Arial, sans-serif",
    "axis": {
        "labelFontSize": 13,
        "titleFontSize": 13,
        "labelColor": "#222",
        "titleColor": "#222",
        "gridColor": "#ddd",
        "tickColor": "#888",
        "domainColor": "#888",
    },
    "legend": {"labelFontSize": 13, "titleFontSize": 13},
    "title": {"fontSize": 14, "color": "#222"},
    "line": {"strokeWidth": 2.5},
    "point": {"size": 60},
}
Chart = TrendChart | StackedBars
REFERENCE_LABELS = {"target path": "Target", "threshold": "Threshold"}  # the dashed line
PRINT_PLOT_HEIGHT = 100  # px: a trend's plot in the PDF (200 on screen)


def status_overview(rollup: pd.DataFrame, shares: bool = False) -> StackedBars:
    """Stacked bars: how many indicators of each objective have each status; with
    ``shares``, each bar is its row's statuses as a percentage of the row, so that one
    measure beside seventy actions is a full bar, not a sliver (issue 25; the counts are in
    the chart's data table)."""
    rows = rollup[rollup["objective"] != "All objectives"]
    values = [tuple(float(v) for v in r) for r in rows[list(STATUS_LABELS)].itertuples(index=False)]
    if shares:
        values = [tuple(100 * v / (sum(r) or 1) for v in r) for r in values]
    return StackedBars(
        title=None,
        rows=tuple(rows["title"]),
        series=tuple(" ".join(STATUS_LABELS[s]) for s in STATUS_LABELS),
        colours=tuple(STATUS_COLOURS.get(s, "#505A5F") for s in STATUS_LABELS),
        values=tuple(values),
        domain=(0.0, 100.0) if shares else None,
        x_title="% of the group" if shares else "Indicators",
        legend_title="Status",
        width=220,  # narrow, so that its text stays readable on a phone
        theme=THEME,
    )


def trend(series: pd.DataFrame, title: str, unit: str) -> TrendChart:
    """Observed values with their intervals, and the target path or threshold."""
    # one pass over the few rows as records: per-chart pandas filtering cost more than
    # drawing the chart
    rows = [r for r in series.to_dict("records") if not pd.isna(r["value"])]
    y_title = "%" if unit == "percent" else ("Score (1 to 7)" if unit == "score" else unit)

    # the value axis spans at least this much, so that a change of a tenth of a point is not
    # drawn as a swing (issue 25); a 1-7 score at least one point
    min_span = {"percent": 10.0, "score": 1.0}.get(unit, 0.0)
    places = 1 if unit == "percent" else 2  # what the tables print (issue 28: a chart's
    # coordinates must not carry more than its data table, e.g. 6.0757 for 61/1004)

    def opt(v: object) -> float | None:
        return None if pd.isna(v) else round(float(v), places)

    return TrendChart(
        title=title,
        y_title=y_title,
        observed=tuple(
            (str(r["year"]), opt(r["value"]), opt(r["lower"]), opt(r["upper"]))
            for r in rows
            if r["series"] == "observed"
        ),
        reference=tuple(
            (str(r["year"]), opt(r["value"]))
            for r in rows
            if r["series"] in ("target path", "threshold")
        ),
        line_colour=PALETTE[0],
        reference_colour=PALETTE[5],
        reference_label=next(
            (REFERENCE_LABELS[r["series"]] for r in rows if r["series"] in REFERENCE_LABELS), ""
        ),
        width=300,  # about 350 px in all: drawn at full size on a 390 px phone
        theme=THEME,
        min_span=min_span,
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
        colours=(PALETTE[0], WOMEN_COLOUR),
        values=tuple((q[k]["male_pct"], q[k]["female_pct"]) for k in QUARTERS),
        x_title="% of employees in the quarter",
        y_title="Hourly pay quarter",
        domain=(0.0, 100.0),
        width=240,
        step=35,
        theme=THEME,
    )


def _figures(col: pd.Series) -> bool:
    """Numbers, or the GSS symbols that stand for one ([c], [z], [x])."""
    if pd.api.types.is_numeric_dtype(col):
        return True
    return all(isinstance(v, int | float) or v in ("[c]", "[z]", "[x]") for v in col)


def render(
    chart: Chart,
    chart_id: str,
    caption: str,
    alt_text: str,
    data: pd.DataFrame,
    pdf_size: str | None = None,
    pdf_data: str = "below",
) -> Block:
    """A chart as a figure: inline SVG named by its text alternative, plus a data table.
    ``pdf_size`` is the image's size in the PDF (Typst's width or height); by default a
    bar chart takes about half the width, a trend chart nine tenths. In the PDF the data
    table sits ``below`` the chart or ``beside`` it (issue 25: every PDF chart has its data
    table, as the HTML has under "Show the data")."""
    pdf_size = pdf_size or ("width: 55%" if isinstance(chart, StackedBars) else "width: 90%")
    svg = chart.to_svg()
    # In print a trend is drawn shorter (the same text on a flatter plot), so that at the
    # PDF's size its axis text is at least about 7 pt without the card growing (issue 25)
    pdf_svg = svg
    if isinstance(chart, TrendChart):  # the same axis as on screen, fewer ticks
        scale = chart.y_scale()
        pdf_svg = replace(chart, height=PRINT_PLOT_HEIGHT, y_domain=(scale.lo, scale.hi)).to_svg()
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{esc(alt_text)}" ', 1)
    data_table = table(
        data,
        f"Data for: {caption}",
        # a column of figures stays one where a figure is withheld ([c]) or not applicable
        numeric=[col for col in data.columns if _figures(data[col])],
    )
    h = (
        f'<figure class="chart" id="{chart_id}"><div class="chart-svg">{labelled}</div>'
        f"<figcaption>{esc(caption)}</figcaption>"
        f"<details><summary>Show the data as a table</summary>{data_table.html}</details>"
        "</figure>\n"
    )
    beside = pdf_data == "beside"
    size = "width: 100%" if beside else pdf_size  # beside: the grid's column sets its size
    figure = (
        f'figure(image(bytes({tlit(pdf_svg)}), format: "svg", alt: {tlit(alt_text)}, '
        f"{size}), caption: [{tstr(caption)}])"
    )
    numbers = pdf_data_table(data)
    if beside:
        grid = "columns: (1.5fr, 1fr), column-gutter: 16pt, align: horizon"
        t = f"\n#grid({grid}, {figure}, {numbers})\n"
    else:
        t = f"\n#{figure}\n#{numbers}\n"
    return Block(h, t, f"[chart] {caption}: {alt_text}")


def pdf_data_table(data: pd.DataFrame) -> str:
    """A chart's data as a compact Typst table (code mode) for the PDF. A series by year is
    laid across the page, a column a year, so that it fits under a chart in a card's half
    column; any other table keeps its rows, or is turned when it is wider than long. The
    first cell of each body row is a row header, as in the HTML (publish/pdf_tags.py)."""
    frame = data.astype(object).where(data.notna(), "")
    if frame.columns[0] == "Year" or len(frame.columns) > len(frame) + 1:
        head = [str(frame.columns[0])] + [str(v) for v in frame.iloc[:, 0]]
        body = [[str(c)] + [str(v) for v in frame[c]] for c in frame.columns[1:]]
    else:
        head = [str(c) for c in frame.columns]
        body = [[str(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    align = ", ".join(["left"] + ["right"] * (len(head) - 1))
    cells = ", ".join(f"[{tstr(v)}]" for row in body for v in row)
    header = ", ".join(f"[{tstr(v)}]" for v in head)
    return (
        f"block(above: 3pt, below: 6pt, text(size: 7.5pt, table(columns: {len(head)}, "
        f"inset: (x: 3pt, y: 2pt), align: ({align},), table.header({header}), {cells})))"
    )

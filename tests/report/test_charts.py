"""render(): a chart as an accessible figure. The drawing itself: test_svg_charts.py."""

import pandas as pd

from equality_progress.report import charts


def series():
    return pd.DataFrame(
        {
            "indicator_id": ["x"] * 4,
            "year": ["2021-22", "2022-23", "2021-22", "2025-26"],
            "series": ["observed", "observed", "target path", "target path"],
            "value": [3.6, 4.1, 3.6, 6.0],
            "lower": [2.6, 3.0, None, None],
            "upper": [5.0, 5.5, None, None],
        }
    )


def test_render_gives_named_svg_with_unique_ids_and_data_table():
    block = charts.render(
        charts.trend(series(), "X", "percent"),
        "chart-001-x",
        "Caption",
        "Line chart of x from 2021-22 to 2022-23.",
        pd.DataFrame({"Year": ["2021-22"], "Value": [3.6]}),
    )
    assert 'role="img" aria-label="Line chart of x' in block.html
    assert 'id="chart-001-x"' in block.html and block.html.count("<svg ") == 1
    assert "<details><summary>Show the data as a table</summary>" in block.html
    assert 'alt: "Line chart of x' in block.typst and "image(bytes(" in block.typst


def test_a_trend_plots_what_the_tables_print():
    """61 of 1,004 is 6.0757%: the table prints 6.1, so the chart plots 6.1 (issue 28)."""
    s = series()
    s.loc[1, ["value", "lower", "upper"]] = [61 / 1004 * 100, 4.7532, 7.7311]
    s.loc[3, "value"] = 6.04999
    chart = charts.trend(s, "X", "percent")
    assert chart.observed[1][1:] == (6.1, 4.8, 7.7)
    assert chart.reference[1] == ("2025-26", 6.0)
    assert charts.trend(s.assign(value=s["value"] / 10), "X", "score").observed[1][1] == 0.61


def test_the_pdf_prints_the_charts_data_a_year_a_column():
    """Issue 25: a PDF chart has its data table. A series by year is laid across (the years
    as columns), so that it fits under a chart in a card's half column."""
    data = pd.DataFrame(
        {"Year": ["2021-22", "2022-23"], "Value": [3.6, 4.1], "95% lower": [2.6, None]}
    )
    block = charts.render(charts.trend(series(), "X", "percent"), "c", "Cap", "Alt.", data)
    table = block.typst.split("image(bytes(", 1)[1]
    assert 'table.header([#"Year"], [#"2021-22"], [#"2022-23"])' in table
    assert '[#"Value"], [#"3.6"], [#"4.1"], [#"95% lower"], [#"2.6"], [#""]' in table


def test_any_other_charts_data_keeps_its_rows_beside_the_chart_if_asked():
    data = pd.DataFrame({"Status": ["Achieved", "On track"], "Actions": [44, 12]})
    bars = charts.StackedBars(
        title=None,
        rows=("Actions",),
        series=("A", "B"),
        colours=("#000", "#111"),
        values=((44.0, 12.0),),
        x_title="n",
        legend_title="Status",
        width=200,
        theme=charts.THEME,
    )
    block = charts.render(bars, "s", "Cap", "Alt.", data, pdf_data="beside")
    assert block.typst.lstrip().startswith("#grid(columns: (1.5fr, 1fr)")
    assert 'table.header([#"Status"], [#"Actions"]), [#"Achieved"], [#"44"]' in block.typst

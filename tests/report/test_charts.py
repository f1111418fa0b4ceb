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

"""Report blocks: one table, three renderings (HTML, Typst, plain text)."""

import pandas as pd

from equality_progress.report.blocks import plain_table, table

FRAME = pd.DataFrame({"Group": ["Women", "Men <50"], "Staff": [120, 7], "Share": ["94.5%", "5.5%"]})


def test_plain_table_pads_columns_and_right_aligns_numbers():
    text = plain_table(["Group", "Staff"], [("Women", 120), ("Men", 7)], numeric=["Staff"])
    assert text.splitlines() == [
        "Group  Staff",
        "Women    120",
        "Men        7",
    ]


def test_plain_table_handles_missing_values_and_wide_headers():
    text = plain_table(["A long header", "B"], [(None, "x")], numeric=[])
    assert text.splitlines() == ["A long header  B", "               x"]


def test_table_renders_every_cell_once_in_each_format_with_escaping():
    block = table(FRAME, "Staff by sex", numeric=["Staff"])
    assert block.html.count("<tr>") == 3  # header and two rows
    assert '<th scope="row">Men &lt;50</th><td class="num">7</td><td>5.5%</td>' in block.html
    assert '[#"Men <50"], [#"7"], [#"5.5%"]' in block.typst
    assert "align: (left, right, left,)" in block.typst
    assert block.plain.splitlines()[0] == "Staff by sex"
    assert block.plain.splitlines()[3] == "Men <50      7  5.5%"


def test_integer_columns_stay_integers_beside_float_columns():
    """Rows are not turned into Series: an int column beside a float column must not be
    shown as 7.0 (what iterrows does to an all-numeric row)."""
    block = table(pd.DataFrame({"n": [7], "mean": [2.5]}), "c", numeric=["n", "mean"])
    assert '<th scope="row" class="num">7</th><td class="num">2.5</td>' in block.html


def test_a_short_pair_is_kept_on_one_page_and_a_long_one_may_break():
    """A page break must not leave a table's caption with a row or two under it, while a
    pair taller than a page must still be allowed to break (it would overflow)."""
    from equality_progress.report.blocks import KEEP_TOGETHER_LINES, Block, pdf_pairs

    short = Block("<p>a</p>", "a", "\n".join(["row"] * 5))
    long = Block("<p>b</p>", "b", "\n".join(["row"] * (KEEP_TOGETHER_LINES + 1)))
    typst = pdf_pairs([short, short, short, long]).typst
    rows = [line for line in typst.splitlines() if line.startswith("#block(")]
    assert len(rows) == 2  # two pairs, in reading order
    assert rows[0].startswith("#block(breakable: false") and rows[0].count("[a]") == 2
    assert rows[1].startswith("#block(breakable: true") and "[a], [b]" in rows[1]
    assert pdf_pairs([short, long]).html == "<p>a</p><p>b</p>"  # the HTML is unchanged

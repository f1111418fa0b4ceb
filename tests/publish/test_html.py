"""report.html: the executed notebook's outputs and markdown, with a table of contents and
no code."""

from executed import CTX, executed_notebook

from equality_progress.layout import TEMPLATES
from equality_progress.publish import html


def test_html_has_outputs_markdown_and_toc_but_no_code():
    page = html.render_html(executed_notebook(), CTX, TEMPLATES)
    assert '<h2 id="summary">Executive summary</h2>' in page
    assert '<a href="#about-this-report">About this report</a>' in page
    assert "Hello &lt;world&gt;" in page and "<em>text</em>" in page
    assert "secret_code_here" not in page and "debug print" not in page
    assert "HIDDEN" not in page
    assert "Test &amp; Co" in page  # template values are escaped
    assert "--primary: #123456" in page and "Synthetic sample data" in page


def test_table_of_contents_nests_level_three():
    toc = html.table_of_contents('<h2 id="a">A</h2><h3 id="b">B &amp; C</h3><h2 id="d">D</h2>')
    assert toc == [
        {"id": "a", "text": "A", "children": [{"id": "b", "text": "B & C", "children": []}]},
        {"id": "d", "text": "D", "children": []},
    ]

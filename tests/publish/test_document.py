"""What every rendering starts from: the publishable parts of an executed notebook (never
code, streams or cells tagged remove-cell), Markdown through pandoc, the templates'
context and their Jinja environment."""

from datetime import date
from pathlib import Path

import nbformat
import yaml
from executed import executed_notebook

from equality_progress.layout import TEMPLATES
from equality_progress.publish import document
from equality_progress.report.mime import TYPST_MIME

ROOT = Path(__file__).resolve().parents[2]


def test_parts_are_markdown_and_displayed_outputs_in_order():
    nb = executed_notebook()
    result = nbformat.v4.new_code_cell("1 + 1")
    result.outputs = [
        nbformat.v4.new_output("execute_result", data={"text/html": "<p>2</p>"}),
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}),  # plain only
        nbformat.v4.new_output("error", ename="E", evalue="x", traceback=[]),
    ]
    nb.cells.append(result)
    got = document.parts(nb)
    assert got[0] == {"markdown": "## About this report\n\nSome *text*."}
    assert "Executive summary" in got[1]["data"]["text/html"] and TYPST_MIME in got[1]["data"]
    assert got[2] == {"data": {"text/html": "<p>2</p>"}}
    assert len(got) == 3  # the stream, the remove-cell output, plain text and the error: none


def test_text_of_joins_the_lines_nbformat_may_store():
    assert document.text_of(["<p>a", "b</p>"]) == "<p>ab</p>"
    assert document.text_of("<p>a</p>") == "<p>a</p>"


def test_markdown_to_html_and_to_typst_one_level_up():
    """The notebook's '##' headings are the report's first level in the PDF (Typst '=')."""
    text = "## About this report\n\nSome *text*."
    assert document.markdown_to(text, "html") == (
        '<h2 id="about-this-report">About this report</h2>\n<p>Some <em>text</em>.</p>\n'
    )
    typst = document.markdown_to(text, "typst")
    assert typst.startswith("= About this report\n") and "#emph[text]" in typst


def test_report_context_is_the_authoritys_params(monkeypatch):
    from equality_progress.inputs.settings import load_settings

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    raw = yaml.safe_load((ROOT / "params" / "authorities" / "lcrca.yaml").read_text("utf-8"))
    ctx = document.report_context("lcrca", "2024-25", load_settings(ROOT))
    assert ctx == document.Context(
        "Annual equality progress report 2024-25",
        raw["display_name"],
        "2024-25",
        raw["colours"]["primary"],
        raw["colours"]["accent"],
        raw["sample_data"],
        date(2025, 7, 24),  # published: in lcrca's params
        (
            ("PDF (accessible, for printing)", "report.pdf"),
            ("Open data: every commitment (CSV)", "indicators.csv"),
            ("Changes since last year (CSV)", "changes.csv"),
            ("The notebook that made this report", "report.ipynb"),
        ),  # what a default build (HTML and PDF) publishes beside the page
    )
    assert isinstance(ctx.generated, date)


def test_the_environment_escapes_html_only_and_quotes_typst_strings():
    env = document.environment(TEMPLATES)
    assert env is document.environment(TEMPLATES)  # one per templates folder
    assert env.autoescape("report.html.j2") and not env.autoescape("report.typ.j2")
    assert env.filters["typst_str"]('say "hi"') == '"say \\"hi\\""'


def test_the_html_links_to_each_other_published_file_that_exists(built):
    """Issue 25: the report said its notebook "is published beside it" and linked to none
    of its PDF, CSV or notebook. Every link in its 'Other formats' list now opens a file
    published beside it, and every such file is linked."""
    import re

    from equality_progress.publish.document import downloads

    assert [f for _, f in downloads(["report.ipynb", "indicators.csv", "report.html"])] == [
        "indicators.csv",
        "report.ipynb",
    ]
    for page in built.glob("*/*/report.html"):
        html = page.read_text(encoding="utf-8")
        nav = html[html.index('<nav class="downloads"') :]
        links = re.findall(r'href="([^"#]+)"', nav[: nav.index("</nav>")])
        assert links and all((page.parent / f).is_file() for f in links), (page, links)
        others = {p.name for p in page.parent.iterdir() if p.name != "report.html"}
        assert set(links) == others - {".build.json"}, page

"""Rendering from an executed notebook, and the Quarto backend's command line."""

import re
import stat
from datetime import date
from pathlib import Path

import nbformat
import pytest

from equality_progress.layout import TEMPLATES
from equality_progress.publish import document, html, pdf, quarto
from equality_progress.report.blocks import Block, heading, join, paragraph, table

ROOT = Path(__file__).resolve().parents[2]
CTX = document.Context(
    "Annual equality progress report 2024-25",
    "Test & Co",
    "2024-25",
    "#123456",
    "#abcdef",
    True,
    date(2026, 1, 2),
)


def executed_notebook() -> nbformat.NotebookNode:
    import pandas as pd

    nb = nbformat.v4.new_notebook()
    body = join(
        [
            heading("Executive summary", 2, "summary"),
            paragraph("Hello <world>"),
            table(pd.DataFrame({"a": ["x"], "b": [1]}), "A table", numeric=["b"]),
        ]
    )
    code = nbformat.v4.new_code_cell("secret_code_here()")
    code.outputs = [
        nbformat.v4.new_output("display_data", data=body._repr_mimebundle_()),
        nbformat.v4.new_output("stream", name="stdout", text="debug print"),
    ]
    hidden = nbformat.v4.new_code_cell("r.run_summary()")
    hidden.metadata["tags"] = ["remove-cell"]
    hidden.outputs = [
        nbformat.v4.new_output(
            "display_data", data=Block("<p>HIDDEN</p>", "HIDDEN", "x")._repr_mimebundle_()
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("## About this report\n\nSome *text*."), code, hidden]
    return nb


def test_html_has_outputs_markdown_and_toc_but_no_code():
    page = html.render_html(executed_notebook(), CTX, TEMPLATES)
    assert '<h2 id="summary">Executive summary</h2>' in page
    assert '<a href="#about-this-report">About this report</a>' in page
    assert "Hello &lt;world&gt;" in page and "<em>text</em>" in page
    assert "secret_code_here" not in page and "debug print" not in page
    assert "HIDDEN" not in page
    assert "Test &amp; Co" in page  # template values are escaped
    assert "--primary: #123456" in page and "Synthetic sample data" in page


def test_typst_source_compiles_to_tagged_pdf(tmp_path):
    src = pdf.typst_source(executed_notebook(), CTX, TEMPLATES)
    assert '#"Hello <world>"' in src and "secret_code_here" not in src
    pdf.compile_pdf(src, tmp_path, tmp_path / "r.pdf", CTX.generated)
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data  # tagged


def test_table_of_contents_nests_level_three():
    toc = html.table_of_contents('<h2 id="a">A</h2><h3 id="b">B &amp; C</h3><h2 id="d">D</h2>')
    assert toc == [
        {"id": "a", "text": "A", "children": [{"id": "b", "text": "B & C", "children": []}]},
        {"id": "d", "text": "D", "children": []},
    ]


def test_quarto_command_renders_without_executing():
    cmd = quarto.quarto_command(Path("/x/report.ipynb"), "pdf", "quarto")
    assert cmd[:3] == ["quarto", "render", "report.ipynb"]
    assert cmd[cmd.index("--to") + 1] == "typst"
    assert "--no-execute" in cmd and "echo:false" in cmd
    assert cmd[cmd.index("--output") + 1] == "report.pdf"


def test_quarto_backend_with_a_stand_in_executable(tmp_path):
    """A fake `quarto` records its arguments and writes the file Quarto would."""
    log = tmp_path / "args.txt"
    fake = tmp_path / "quarto"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        'out=""; prev=""\n'
        'for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done\n'
        'echo rendered > "$out"\n',
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    work = tmp_path / "build"
    work.mkdir()
    nbformat.write(executed_notebook(), work / "report.ipynb")
    written = quarto.render_quarto(work / "report.ipynb", work, ("html", "pdf"), str(fake))
    assert [p.name for p in written] == ["report.html", "report.pdf"]
    calls = log.read_text().splitlines()
    assert calls[0].startswith("render report.ipynb --to html --no-execute")
    assert "--to typst" in calls[1]


def test_quarto_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="no 'quarto' is on PATH"):
        quarto.render_quarto(tmp_path / "report.ipynb", tmp_path)


def test_docx_has_headings_table_headers_and_alt_text(built, tmp_path):
    import zipfile
    from datetime import date

    import nbformat

    from equality_progress.publish.document import Context
    from equality_progress.publish.docx import render_docx

    nb = nbformat.read(built / "lcrca" / "2024-25" / "report.ipynb", as_version=4)
    ctx = Context("Annual equality progress report 2024-25", "LCRCA", "2024-25", "#000000",
                  "#ffffff", True, date(2026, 11, 21))  # fmt: skip
    out = tmp_path / "report.docx"
    render_docx(nb, ctx, out)
    doc = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    styles = re.findall(r'<w:pStyle w:val="(Heading\d)"', doc)
    assert styles.count("Heading1") == 1 and "Heading2" in styles and "Heading3" in styles
    assert doc.count("<w:tblHeader") >= 10  # every table's header row repeats and is marked
    pictures = doc.count("<pic:pic")
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', doc)
    assert pictures > 5 and len(described) == pictures
    assert all(len(d) > 40 for d in described)
    again = tmp_path / "again.docx"
    render_docx(nb, ctx, again)
    assert again.read_bytes() == out.read_bytes()

"""Row headers in the finished PDF's structure tree (publish/pdf_tags.py, issue 25): each
table body row's first cell becomes TH with scope Row, as the HTML marks it; the page
content is untouched and a second run changes nothing. Read back with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import typst

from equality_progress.publish.pdf_tags import _elements, _kids, row_headers, tag_row_headers

SOURCE = """
#set document(title: "Row headers")
#set text(lang: "en")
= Staff
#figure(
  table(columns: 3, table.header[Group][Staff][Share],
    [Female], [513], [51.1%], [Male], [491], [48.9%]),
  caption: [Sex: share of the workforce],
)
"""


def _first_cells(pdf: pikepdf.Pdf) -> list[tuple[str, object]]:
    root = pdf.Root.StructTreeRoot
    out = []
    for body in _elements(root, "/TBody"):
        for row in _kids(body):
            cell = _kids(row)[0]
            attrs = cell.get("/A")
            attrs = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs else []
            scope = next((a.get("/Scope") for a in attrs if a.get("/O") == "/Table"), None)
            out.append((str(cell.S), None if scope is None else str(scope)))
    return out


def test_a_tables_body_rows_get_row_headers_and_nothing_else_changes(tmp_path: Path):
    main = tmp_path / "t.typ"
    main.write_text(SOURCE, encoding="utf-8")
    out = tmp_path / "t.pdf"
    typst.compile(str(main), output=str(out), root=str(tmp_path), pdf_standards=["ua-1"])
    with pikepdf.open(out) as pdf:
        assert _first_cells(pdf) == [("/TD", None), ("/TD", None)]  # what Typst gives
        before = [p.Contents.read_bytes() for p in pdf.pages]
    assert tag_row_headers(out) == 2
    with pikepdf.open(out) as pdf:
        assert _first_cells(pdf) == [("/TH", "/Row"), ("/TH", "/Row")]
        assert [p.Contents.read_bytes() for p in pdf.pages] == before
        assert pdf.open_metadata().get("pdfuaid:part") == "1"
        assert pdf.check_pdf_syntax() == []
        assert row_headers(pdf) == 0  # idempotent
    assert tag_row_headers(out) == 0


def test_every_pdf_table_body_row_has_a_row_header_as_the_html_does(built: Path):
    """LCRCA and Sefton 2024-25: the HTML marks the first cell of every body row as a row
    header; so does the PDF's structure tree, row for row."""
    for report in ("lcrca/2024-25", "sefton/2024-25"):
        html = (built / report / "report.html").read_text(encoding="utf-8")
        assert "<tr><td" not in html and html.count('<th scope="row"') > 50
        with pikepdf.open(built / report / "report.pdf") as pdf:
            cells = _first_cells(pdf)
        assert len(cells) > 100, report
        assert set(cells) == {("/TH", "/Row")}, report


def test_the_pdfs_heading_levels_are_the_htmls(built: Path):
    """Issue 25: the title and every section were top-level headings in the PDF. Now the
    title is the one H1, sections H2 and their parts H3, as in the HTML."""
    for report in ("lcrca/2024-25", "sefton/2024-25"):
        html = (built / report / "report.html").read_text(encoding="utf-8")
        want = {f"/H{n}": html.count(f"<h{n} ") + html.count(f"<h{n}>") for n in (1, 2, 3, 4)}
        with pikepdf.open(built / report / "report.pdf") as pdf:
            got = {h: len(_elements(pdf.Root.StructTreeRoot, h)) for h in want}
        assert got == want and got["/H1"] == 1 and got["/H2"] > 5, (report, got, want)


def test_the_pdfs_pass_the_machine_checkable_pdf_ua_rules(built: Path):
    """Issue 25: an offline PDF/UA-1 checker (pdfua: 16 of the 106 machine-checkable rules,
    no JVM) runs beside the project's own structure checks, on the re-tagged PDFs."""
    from pdfua import validate

    for report in ("lcrca/2024-25", "sefton/2024-25"):
        result = validate(str(built / report / "report.pdf"))
        assert result.exit_code == 0 and list(result.findings) == [], (report, result.findings)


def _figures_and_tables(node: pikepdf.Dictionary, out: list[str]) -> list[str]:
    """/Figure and /Table structure elements in reading order."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if str(kid.S) in ("/Figure", "/Table"):
                out.append(str(kid.S))
            _figures_and_tables(kid, out)
    return out


def test_every_pdf_chart_is_followed_by_its_data_table(built: Path):
    """Issue 25: the HTML shows each chart's data under "Show the data as a table"; the PDF
    had only the image. Now each chart figure in the PDF's structure tree is followed by a
    table (its data), and the PDF has as many chart figures as the HTML."""
    for report in ("lcrca/2024-25", "sefton/2024-25"):
        html = (built / report / "report.html").read_text(encoding="utf-8")
        with pikepdf.open(built / report / "report.pdf") as pdf:
            seq = _figures_and_tables(pdf.Root.StructTreeRoot, [])
        figures = [i for i, s in enumerate(seq) if s == "/Figure"]
        assert len(figures) == html.count('<figure class="chart"') > 5, report
        assert all(i + 1 < len(seq) and seq[i + 1] == "/Table" for i in figures), report

"""report.docx: heading styles, repeated table header rows, charts as images with their
alt text, and the same bytes from the same notebook."""

import re


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
    # issue 25: the title once (the body's heading; the document property for the file),
    # and every table's first column marked as headers, as the HTML's row headers are
    assert 'w:pStyle w:val="Title"' not in doc
    core = zipfile.ZipFile(out).read("docProps/core.xml").decode("utf-8")
    assert core.count("<dc:title>") == 1 and "Annual equality progress report 2024-25" in core
    looks = re.findall(r"<w:tblLook ([^>]*)/>", doc)
    assert len(looks) >= 20 and all('w:firstColumn="1"' in look for look in looks)
    vals = [int(v, 16) for look in looks for v in re.findall(r'w:val="([0-9A-F]{4})"', look)]
    assert vals and all(v & 0x0080 for v in vals)


CHART = (
    '<figure class="chart"><div class="chart-svg"><svg role="img" aria-label="Bars of A and B" '
    'viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'
    "</div><details><summary>Show the data as a table</summary><table><tr><th>A</th></tr>"
    "<tr><td>1</td></tr></table></details></figure>"
)


def _with_chart():
    import nbformat
    from executed import executed_notebook

    nb = executed_notebook()
    cell = nbformat.v4.new_code_cell("chart()")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": CHART})]
    nb.cells.append(cell)
    return nb


def test_a_chart_becomes_an_image_with_its_alt_text_and_its_table_is_shown():
    import base64

    from equality_progress.publish.docx import docx_body

    body = docx_body(_with_chart())
    image = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]*)">', body)
    assert image and image.group(2) == "Bars of A and B"
    svg = base64.b64decode(image.group(1)).decode("utf-8")
    assert svg == (
        '<svg viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg">'
        '<rect width="5" height="5"/></svg>'
    )
    assert "<svg" not in body and "<summary>" not in body
    assert "<tr><td>1</td></tr>" in body  # the data table stays, with no toggle
    assert "secret_code_here" not in body and "HIDDEN" not in body


def test_every_entry_and_property_is_dated_by_the_report(tmp_path):
    import xml.etree.ElementTree as ET
    import zipfile

    from executed import CTX

    from equality_progress.publish.docx import render_docx

    out = tmp_path / "report.docx"
    render_docx(_with_chart(), CTX, out)
    book = zipfile.ZipFile(out)
    assert {i.date_time for i in book.infolist()} == {(2026, 1, 2, 0, 0, 0)}
    core = ET.fromstring(book.read("docProps/core.xml"))
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}
    assert core.find("dc:title", ns).text == "Annual equality progress report 2024-25 – Test & Co"
    assert core.find("dc:language", ns).text == "en-GB"
    for stamp in ("created", "modified"):
        assert core.find(f"dcterms:{stamp}", ns).text == "2026-01-02T00:00:00Z"
    doc = book.read("word/document.xml").decode("utf-8")
    assert re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', doc) == ["Bars of A and B"]

"""report.docx, through pandoc from the report's HTML body: heading styles, table header rows,
charts as images with their alt text, and every entry dated by the report so that the
same inputs give the same bytes. The one Word path (batch builds and ``render`` alike)."""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

import nbformat
import pypandoc

from equality_progress.publish.document import Context
from equality_progress.publish.html import html_body

_SVG = re.compile(r'<svg role="img" aria-label="([^"]*)" (.*?)</svg>', re.S)
_SUMMARY = re.compile(r"<summary>.*?</summary>", re.S)


def _svg_as_image(match: re.Match) -> str:
    svg = f"<svg {match.group(2)}</svg>"
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{match.group(1)}">'


def docx_body(nb: nbformat.NotebookNode) -> str:
    """The report's HTML body made ready for Word: each chart an image with its text
    alternative as alt text, its data table shown after it (no "show the data" toggle)."""
    return _SUMMARY.sub("", _SVG.sub(_svg_as_image, html_body(nb)))


def render_docx(nb: nbformat.NotebookNode, ctx: Context, output: Path) -> None:
    """report.docx through pandoc: real heading styles, table header rows, charts with alt
    text. Document properties name the report; nothing depends on the machine or time."""
    # no title: metadata (pandoc would print it above the body's own title: issue 25, the
    # title appeared twice); the document property is set in _finish instead
    meta = [f"--metadata=author:{ctx.authority}", "--metadata=lang:en-GB"]
    quiet = logging.getLogger("pypandoc")  # pandoc notes that it keeps SVG without PNG
    with tempfile.TemporaryDirectory() as tmp, _level(quiet, logging.ERROR):
        pypandoc.convert_text(
            docx_body(nb),
            "docx",
            format="html",
            outputfile=str(Path(tmp) / "report.docx"),
            extra_args=meta,
        )
        _finish(Path(tmp) / "report.docx", output, ctx.generated, f"{ctx.title} – {ctx.authority}")


@contextlib.contextmanager
def _level(logger: logging.Logger, level: int):  # noqa: ANN202
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)


_LOOK = re.compile(rb"<w:tblLook ([^>]*)/>")
FIRST_COLUMN = 0x0080  # ECMA-376 tblLook w:val: first column formatting


def _first_column(match: re.Match) -> bytes:
    """A table's look with its first column marked as headers (issue 25: every table of the
    HTML has row headers; Word had no first-column flag)."""
    attrs = match.group(1).replace(b'w:firstColumn="0"', b'w:firstColumn="1"')
    val = re.search(rb'w:val="([0-9A-Fa-f]{4})"', attrs)
    if val:
        new = f"{int(val.group(1), 16) | FIRST_COLUMN:04X}".encode()
        attrs = attrs.replace(val.group(0), b'w:val="' + new + b'"')
    return b"<w:tblLook " + attrs + b"/>"


def _finish(src: Path, dest: Path, when: date, title: str) -> None:
    """Rewrite a .docx (a zip): every entry dated ``when`` (the same inputs give a
    byte-identical file), the title as a document property only, and every table's first
    column marked as headers."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = _LOOK.sub(_first_column, data)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + f"{when.isoformat()}T00:00:00Z".encode(),
                    data,
                )
                data = re.sub(rb"<dc:title>[^<]*</dc:title>", b"", data)
                data = data.replace(
                    b"</cp:coreProperties>",
                    b"<dc:title>"
                    + escape(title).encode("utf-8")
                    + b"</dc:title></cp:coreProperties>",
                )
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)

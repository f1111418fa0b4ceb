"""An executed report notebook to its published renderings: report.html, report.pdf and
report.docx, each from one module (:mod:`.html`, :mod:`.pdf`, :mod:`.docx`); the
built-in backend needs no Quarto (:mod:`.quarto` is the other)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from equality_progress.layout import TEMPLATES
from equality_progress.publish.document import Context
from equality_progress.publish.docx import render_docx
from equality_progress.publish.html import render_html
from equality_progress.publish.pdf import compile_pdf, typst_source


def render_notebook(
    nb: nbformat.NotebookNode,
    outdir: Path,
    ctx: Context,
    templates: Path = TEMPLATES,
    formats: tuple[str, ...] = ("html", "pdf"),
) -> list[Path]:
    """An executed notebook, already in memory, to each of ``formats`` in ``outdir``."""
    written = []
    if "html" in formats:
        path = outdir / "report.html"
        path.write_text(render_html(nb, ctx, templates), encoding="utf-8")
        written.append(path)
    if "pdf" in formats:
        work = outdir / ".typst"
        work.mkdir(exist_ok=True)
        try:
            src = typst_source(nb, ctx, templates)
            compile_pdf(src, work, outdir / "report.pdf", ctx.generated)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        written.append(outdir / "report.pdf")
    if "docx" in formats:
        render_docx(nb, ctx, outdir / "report.docx")
        written.append(outdir / "report.docx")
    return written

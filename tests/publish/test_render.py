"""An executed notebook to each asked-for rendering, in one folder, leaving no work files."""

import pytest
from executed import CTX, executed_notebook

from equality_progress.publish import render


def test_each_format_asked_for_is_written_and_nothing_else(tmp_path):
    written = render.render_notebook(
        executed_notebook(), tmp_path, CTX, formats=("html", "pdf", "docx")
    )
    assert written == [tmp_path / f"report.{f}" for f in ("html", "pdf", "docx")]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "report.docx",
        "report.html",
        "report.pdf",
    ]
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "report.docx").read_bytes().startswith(b"PK")  # a zip


def test_html_alone_writes_no_other_file(tmp_path):
    written = render.render_notebook(executed_notebook(), tmp_path, CTX, formats=("html",))
    assert written == [tmp_path / "report.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_a_failed_pdf_leaves_no_typst_work_folder(tmp_path, monkeypatch):
    def broken(*args):  # noqa: ANN002, ANN202
        raise RuntimeError("Typst could not compile the PDF: boom")

    monkeypatch.setattr(render, "compile_pdf", broken)
    with pytest.raises(RuntimeError, match="boom"):
        render.render_notebook(executed_notebook(), tmp_path, CTX, formats=("pdf",))
    assert list(tmp_path.iterdir()) == []

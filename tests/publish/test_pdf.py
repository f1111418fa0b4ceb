"""report.pdf: the Typst source from the executed notebook, compiled to a tagged PDF."""

from executed import CTX, executed_notebook

from equality_progress.layout import TEMPLATES
from equality_progress.publish import pdf


def test_typst_source_compiles_to_tagged_pdf(tmp_path):
    src = pdf.typst_source(executed_notebook(), CTX, TEMPLATES)
    assert '#"Hello <world>"' in src and "secret_code_here" not in src
    pdf.compile_pdf(src, tmp_path, tmp_path / "r.pdf", CTX.generated)
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"/StructTreeRoot" in data  # tagged


def test_typst_that_does_not_compile_is_an_error_naming_typst(tmp_path):
    import pytest

    with pytest.raises(RuntimeError, match="Typst could not compile the PDF"):
        pdf.compile_pdf("#undefined-function()", tmp_path, tmp_path / "r.pdf", CTX.generated)
    assert not (tmp_path / "r.pdf").exists()


def test_the_same_source_gives_the_same_bytes(tmp_path):
    """No clock and no machine's fonts in the file: compiled twice, byte for byte equal."""
    src = pdf.typst_source(executed_notebook(), CTX, TEMPLATES)
    pdf.compile_pdf(src, tmp_path, tmp_path / "a.pdf", CTX.generated)
    data = (tmp_path / "a.pdf").read_bytes()
    pdf.compile_pdf(src, tmp_path, tmp_path / "b.pdf", CTX.generated)
    assert (tmp_path / "b.pdf").read_bytes() == data

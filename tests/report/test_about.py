"""What every public equality report gives (issue 25): contact, other formats, the equality
duty, who approved it, stories of change; and validate refuses a project with no contact."""

from __future__ import annotations

import copy

import pytest
from support import sample_report

from equality_progress.report import about


@pytest.fixture(scope="module")
def report():
    return sample_report("lcrca", "2024-25")


def test_about_gives_contact_formats_duty_and_approval(report):
    text = about.about(report).plain
    assert "Contact: Equality and Diversity Team (sample), equality@lcrca.example" in text
    assert "large print, easy read" in text and "please ask the contact above" in text
    assert "section 149" in text and "Specific Duties and Public Authorities" in text
    assert (
        "Approved for publication by the Audit and Risk Committee (sample) on 10 July 2025" in text
    )


def test_a_report_without_an_approval_says_it_is_a_draft(report):
    draft = copy.copy(report)  # shares the report's caches; only the params differ
    draft.authority = report.authority.model_copy(update={"approved": {}})
    assert "Not yet approved for publication: this is a draft." in about.about(draft).plain


def test_stories_of_change_come_from_the_commentary(report):
    text = about.stories(report).plain
    assert text.startswith("Stories of change")
    assert "A guaranteed interview for disabled applicants (synthetic)" in text
    assert about.stories(sample_report("unnamed-ca", "2024-25")).plain == ""  # none: no section


def test_validate_refuses_a_project_with_no_contact(tmp_path, monkeypatch, capsys):
    from project_copy import make_project

    from equality_progress.batch import cli

    root = make_project(tmp_path / "project")
    path = root / "params" / "authorities" / "lcrca.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("contact:")) + "\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    assert cli.main(["validate", "--authority", "lcrca", "--year", "2024-25"]) == 1
    err = capsys.readouterr().err
    assert "params/authorities/lcrca.yaml: contact: missing: give the team and email" in err


def test_a_case_studys_picture_renders_in_html_pdf_and_word_with_its_alt_text(tmp_path):
    """Issue 25: a case study may carry a picture (``image:`` and ``alt:``); it appears in
    every rendering, named by its alt text (the PDF's structure tree, Word's descr)."""
    import zipfile

    import nbformat
    import pikepdf
    from executed import CTX
    from support import png

    from equality_progress.publish import render
    from equality_progress.publish.pdf_tags import _elements

    alt = "Members of the staff network outside the office."
    block = about.picture(png(4, 3), alt)
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("stories")
    cell.outputs = [nbformat.v4.new_output("display_data", data=block._repr_mimebundle_())]
    nb.cells = [cell]
    render.render_notebook(nb, tmp_path, CTX, formats=("html", "pdf", "docx"))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert '<img src="data:image/png;base64,' in html and f'alt="{alt}"' in html
    with pikepdf.open(tmp_path / "report.pdf") as pdf:
        alts = [str(f.get("/Alt")) for f in _elements(pdf.Root.StructTreeRoot, "/Figure")]
        assert alts == [alt]
        images = [x for p in pdf.pages for x in p.Resources.get("/XObject", {}).values()]
        assert [(x.Subtype, x.Width, x.Height) for x in images] == [("/Image", 4, 3)]
    with zipfile.ZipFile(tmp_path / "report.docx") as z:
        assert any(n.startswith("word/media/") for n in z.namelist())
        assert f'descr="{alt}"' in z.read("word/document.xml").decode("utf-8")

"""An executed notebook, published by `run_reports.py render` and by nbconvert with the
project's exporter or template, gives the batch build's own report."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from equality_progress.batch import cli
from equality_progress.layout import NOTEBOOK, TEMPLATES
from equality_progress.publish.nbconvert_export import notebook_parameters

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = Path(sys.executable).parent / "jupyter"


def test_parameters_are_read_without_running_anything():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert notebook_parameters(nb) == {"authority": "lcrca", "year": "2024-25", "open_data": False}
    injected = nbformat.v4.new_code_cell('authority = "sefton"\nyear = "2023-24"\n')
    injected.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(1, injected)
    assert notebook_parameters(nb)["authority"] == "sefton"


def test_an_unexecuted_notebook_is_refused_in_one_line(tmp_path, capsys):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, tmp_path / "report.ipynb")
    assert cli.main(["render", str(tmp_path / "report.ipynb")]) == 2
    err = capsys.readouterr().err
    assert err == "error: report.ipynb: has not been run; run all its cells (or build it) first\n"


def test_render_needs_a_notebook_that_exists(tmp_path, capsys):
    assert cli.main(["render", str(tmp_path / "nowhere.ipynb")]) == 2
    assert "nowhere.ipynb: file not found" in capsys.readouterr().err


def _nbconvert(*args: str) -> None:
    subprocess.run([str(JUPYTER), "nbconvert", *args], check=True, capture_output=True, cwd=ROOT)


@pytest.mark.e2e
def test_nbconvert_reproduces_the_published_report(built, tmp_path):
    folder = built / "sefton" / "2024-25"
    published = (folder / "report.html").read_text(encoding="utf-8")
    _nbconvert("--to", "report", str(folder / "report.ipynb"), "--output-dir", str(tmp_path / "a"))
    assert (tmp_path / "a" / "report.html").read_text(encoding="utf-8") == published
    template = str(TEMPLATES / "nbconvert")
    _nbconvert(
        "--to", "html", "--template", template, str(folder / "report.ipynb"),
        "--output-dir", str(tmp_path / "b"),
    )  # fmt: skip
    html = (tmp_path / "b" / "report.html").read_text(encoding="utf-8")
    # nbconvert's HTML exporter re-serialises through BeautifulSoup: the same document
    assert html == str(BeautifulSoup(published, features="html.parser"))
    assert "Annual equality progress report 2024-25" in html


@pytest.mark.e2e
def test_render_publishes_html_pdf_and_word(built, tmp_path, capsys):
    folder = built / "unnamed-ca" / "2024-25"
    assert cli.main(["render", str(folder / "report.ipynb"), "--output", str(tmp_path)]) == 0
    assert (tmp_path / "report.html").read_bytes() == (folder / "report.html").read_bytes()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-")
    with zipfile.ZipFile(tmp_path / "report.docx") as docx:
        text = docx.read("word/document.xml").decode("utf-8")
    assert "Annual equality progress report 2024-25" in text or "equality" in text.lower()

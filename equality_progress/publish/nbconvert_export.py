"""Any executed report notebook, published: ``equality-progress render NOTEBOOK.ipynb``, and
nbconvert with the tool's template or exporter.

A notebook run by hand (in JupyterLab, say, with other parameters) gets the same HTML, PDF
and Word as a batch build, because both go through :func:`.render.render_notebook`. For
nbconvert:

- ``jupyter nbconvert --to report report.ipynb`` (:class:`ReportExporter`, registered as
  an nbconvert exporter by the package) writes ``report.html`` byte for byte;
- ``jupyter nbconvert --to html --template <templates>/nbconvert report.ipynb``, where
  ``<templates>`` is the package's ``report_templates`` folder (``layout.TEMPLATES``), uses
  a template whose ``conf.json`` registers :class:`ReportPreprocessor`, which renders the
  report with the project's renderer for the template to write. nbconvert's HTML exporter
  then re-serialises every page through BeautifulSoup (attributes sorted, ``<meta/>``), so
  this gives the same document as ``report.html``, serialised the BeautifulSoup way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
from nbconvert.exporters import Exporter
from nbconvert.preprocessors import Preprocessor
from traitlets import default

from equality_progress.errors import InputError, Problem
from equality_progress.inputs.settings import load_settings
from equality_progress.layout import TEMPLATES
from equality_progress.publish.document import Context, report_context
from equality_progress.publish.html import render_html
from equality_progress.publish.render import render_notebook

FORMATS = ("html", "pdf", "docx")
TEMPLATE = TEMPLATES / "nbconvert"


def notebook_parameters(nb: nbformat.NotebookNode) -> dict:
    """The report's parameters: the cell tagged ``parameters``, then papermill's
    ``injected-parameters`` (literal assignments only; nothing is executed)."""
    params: dict = {}
    for tag in ("parameters", "injected-parameters"):
        for cell in nb.cells:
            if cell.cell_type != "code" or tag not in cell.metadata.get("tags", []):
                continue
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                    if isinstance(target, ast.Name):
                        try:
                            params[target.id] = ast.literal_eval(node.value)
                        except ValueError:
                            continue
    return params


def notebook_context(nb: nbformat.NotebookNode, shown: str = "the notebook") -> Context:
    params = notebook_parameters(nb)
    if not {"authority", "year"} <= set(params):
        raise InputError(
            [Problem(shown, "has no authority and year parameters; is it a report notebook?")]
        )
    return report_context(str(params["authority"]), str(params["year"]), load_settings())


def _executed(nb: nbformat.NotebookNode, shown: str) -> None:
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    if not code or all(c.get("execution_count") is None for c in code):
        raise InputError(
            [Problem(shown, "has not been run; run all its cells (or build it) first")]
        )
    for c in code:
        for out in c.get("outputs", []):
            if out.get("output_type") == "error":
                raise InputError(
                    [
                        Problem(
                            shown,
                            f"a cell failed when it ran ({out.get('ename')}: "
                            f"{out.get('evalue')}); fix it and run the notebook again",
                        )
                    ]
                )


def render_executed(notebook: Path, outdir: Path, formats: tuple[str, ...] = FORMATS) -> list[Path]:
    """An executed report notebook as report.html, report.pdf and report.docx in ``outdir``."""
    nb = nbformat.read(notebook, as_version=4)
    shown = notebook.name
    _executed(nb, shown)
    ctx = notebook_context(nb, shown)
    outdir.mkdir(parents=True, exist_ok=True)
    return render_notebook(nb, outdir, ctx, TEMPLATES, formats)  # as a batch build renders


class ReportPreprocessor(Preprocessor):
    """nbconvert: the report's HTML, from the project's own renderer, for the template."""

    def preprocess(self, nb, resources):  # noqa: ANN001, ANN201 (nbconvert's API)
        ctx = notebook_context(nb)
        resources["report_html"] = render_html(nb, ctx, TEMPLATES)
        return nb, resources


class ReportExporter(Exporter):
    """nbconvert exporter ``report``: the published report.html, exactly."""

    output_mimetype = "text/html"
    export_from_notebook = "Equality progress report (HTML)"

    @default("file_extension")
    def _file_extension_default(self) -> str:
        return ".html"

    def from_notebook_node(self, nb, resources=None, **kw):  # noqa: ANN001, ANN003, ANN201
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        ctx = notebook_context(nb_copy)
        return render_html(nb_copy, ctx, TEMPLATES), resources

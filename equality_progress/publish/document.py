"""What every rendering of a report starts from: the executed notebook's publishable parts
(markdown cells and the outputs' HTML or Typst, never code), the context the templates
need besides the body, Markdown through pandoc, and the templates' Jinja environment."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import nbformat
import pypandoc

from equality_progress.layout import DEFAULT_FORMATS, published_files
from equality_progress.report.mime import TYPST_MIME, tlit

if TYPE_CHECKING:
    from equality_progress.inputs.settings import Settings


@dataclass(frozen=True)
class Context:
    """What the templates need besides the body."""

    title: str
    authority: str
    year: str
    primary: str
    accent: str
    sample: bool
    generated: date
    # the report's other published files, (label, file name), linked from the HTML page;
    # set by whoever publishes them (the batch), empty for a notebook rendered by hand
    downloads: tuple[tuple[str, str], ...] = ()


def report_context(authority_id: str, year: str, settings: Settings) -> Context:
    """What the templates need besides the body, for one authority-year."""
    from equality_progress.inputs.settings import load_authority

    auth = load_authority(authority_id)
    return Context(
        f"Annual equality progress report {year}",
        auth.display_name,
        year,
        auth.colours.primary,
        auth.colours.accent,
        auth.sample_data,
        auth.publication_date(year),
        # what a build with the default formats publishes beside the page (the batch sets
        # its own; nbconvert and render, which cannot know, give a default build's page)
        downloads(published_files(DEFAULT_FORMATS)),
    )


@functools.lru_cache(maxsize=256)
def markdown_to(text: str, fmt: str) -> str:
    """Markdown to ``html`` or ``typst`` with pandoc; cached (narrative cells repeat)."""
    extra = ["--wrap=none"] + (["--shift-heading-level-by=-1"] if fmt == "typst" else [])
    return pypandoc.convert_text(text, fmt, format="markdown", extra_args=extra)


def parts(nb: nbformat.NotebookNode) -> list[dict]:
    """The publishable pieces of an executed notebook, in order: markdown and outputs."""
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            out.append({"markdown": cell.source})
        elif cell.cell_type == "code":
            if "remove-cell" in cell.metadata.get("tags", []):
                continue
            for o in cell.get("outputs", []):
                if o.get("output_type") in ("display_data", "execute_result"):
                    data = o.get("data", {})
                    if "text/html" in data or TYPST_MIME in data:
                        out.append({"data": data})
    return out


def text_of(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


@functools.lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    """One environment per templates folder, so each template is compiled once per
    process (jinja2 still reloads a template whose file has changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(["html.j2", "html"]),
        keep_trailing_newline=True,
    )
    env.filters["typst_str"] = tlit
    return env


DOWNLOAD_LABELS = {
    "report.pdf": "PDF (accessible, for printing)",
    "report.docx": "Word",
    "indicators.csv": "Open data: every commitment (CSV)",
    "changes.csv": "Changes since last year (CSV)",
    "report.ipynb": "The notebook that made this report",
}


def downloads(files: list[str]) -> tuple[tuple[str, str], ...]:
    """The links the HTML page gives to the report's other published files, in a reader's
    order (``files``: what the batch publishes, :func:`.layout.published_files`)."""
    return tuple((label, f) for f, label in DOWNLOAD_LABELS.items() if f in files)

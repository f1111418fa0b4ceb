"""Rendering: executed notebook -> report.html, report.pdf and report.docx.

Two backends. The built-in one (default, needs no Quarto) reads each output's
``text/html`` or ``text/x-typst`` representation and fills the templates in
report_templates/: HTML through Jinja, PDF through the Typst compiler (PDF/UA-1, tagged).
Markdown cells go through pandoc (from pypandoc-binary). Code cells never appear. The
Quarto backend is used when asked for; it renders the executed notebook without
re-executing it.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import nbformat
import pypandoc

from equality_progress.report.formats import TYPST_MIME, tlit

if TYPE_CHECKING:
    from equality_progress.inputs.settings import Settings

log = logging.getLogger(__name__)


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
        settings.report_date(),
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


def _text(value: object) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


_HEADING = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def table_of_contents(body: str) -> list[dict]:
    """Level-2 headings with their level-3 children, from the rendered body."""
    toc: list[dict] = []
    for level, anchor, text in _HEADING.findall(body):
        item = {"id": anchor, "text": html.unescape(re.sub(r"<[^>]+>", "", text)), "children": []}
        if level == "2" or not toc:
            toc.append(item)
        else:
            toc[-1]["children"].append(item)
    return toc


@functools.lru_cache(maxsize=8)
def _env(templates: Path) -> jinja2.Environment:
    """One environment per templates folder, so each template is compiled once per
    process (jinja2 still reloads a template whose file has changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(["html.j2", "html"]),
        keep_trailing_newline=True,
    )
    env.filters["typst_str"] = tlit
    return env


def html_body(nb: nbformat.NotebookNode) -> str:
    """The report's body as HTML: markdown cells converted, the outputs' HTML as it is."""
    body = []
    for p in parts(nb):
        if "markdown" in p:
            body.append(markdown_to(p["markdown"], "html"))
        elif "text/html" in p["data"]:
            body.append(_text(p["data"]["text/html"]))
    return "\n".join(body)


def render_html(nb: nbformat.NotebookNode, ctx: Context, templates: Path) -> str:
    """One self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched."""
    body = html_body(nb)
    css = (templates / "report.css").read_text(encoding="utf-8")
    css = css.replace("--primary: #1d3557", f"--primary: {ctx.primary}").replace(
        "--accent: #e9c46a", f"--accent: {ctx.accent}"
    )
    return (
        _env(templates)
        .get_template("report.html.j2")
        .render(ctx=ctx, body=body, css=css, toc=table_of_contents(body))
    )


def typst_source(nb: nbformat.NotebookNode, ctx: Context, templates: Path) -> str:
    """The Typst document (charts are inline SVG, so it needs no other files)."""
    body = []
    for p in parts(nb):
        if "markdown" in p:
            body.append(markdown_to(p["markdown"], "typst"))
        elif TYPST_MIME in p["data"]:
            body.append(_text(p["data"][TYPST_MIME]))
    return _env(templates).get_template("report.typ.j2").render(ctx=ctx, body="\n".join(body))


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
    meta = [
        f"--metadata=title:{ctx.title} – {ctx.authority}",
        f"--metadata=author:{ctx.authority}",
        "--metadata=lang:en-GB",
    ]
    quiet = logging.getLogger("pypandoc")  # pandoc notes that it keeps SVG without PNG
    with tempfile.TemporaryDirectory() as tmp, _level(quiet, logging.ERROR):
        pypandoc.convert_text(
            docx_body(nb),
            "docx",
            format="html",
            outputfile=str(Path(tmp) / "report.docx"),
            extra_args=meta,
        )
        _fixed_times(Path(tmp) / "report.docx", output, ctx.generated)


@contextlib.contextmanager
def _level(logger: logging.Logger, level: int):  # noqa: ANN202
    before = logger.level
    logger.setLevel(level)
    try:
        yield
    finally:
        logger.setLevel(before)


def _fixed_times(src: Path, dest: Path, when: date) -> None:
    """Rewrite a .docx (a zip) with every entry dated ``when``, so that the same inputs give
    a byte-identical file."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + f"{when.isoformat()}T00:00:00Z".encode(),
                    data,
                )
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


# Typst runs in a short-lived process of its own: the compiler memoises work in a
# process-wide cache (comemo) that typst-py gives no way to evict, so compiling many
# different reports in one process grows its memory by ~35 MiB a report. A fresh process
# costs a few tens of milliseconds and gives the memory back.
_TYPST = """
import sys, typst
src, out, root, stamp = sys.argv[1:5]
try:
    typst.compile(src, output=out, root=root, pdf_standards=["ua-1"],
                  ignore_system_fonts=True, font_paths=[], timestamp=int(stamp))
except typst.TypstError as exc:
    sys.exit(f"Typst could not compile the PDF: {exc}")
"""


def compile_pdf(source: str, workdir: Path, output: Path, when: date) -> None:
    """Typst -> PDF/UA-1 (tagged, accessible), embedded fonts only, fixed timestamp."""
    main = workdir / "report.typ"
    main.write_text(source, encoding="utf-8")
    stamp = int(datetime(when.year, when.month, when.day, tzinfo=UTC).timestamp())
    proc = subprocess.run(
        [sys.executable, "-c", _TYPST, str(main), str(output), str(workdir), str(stamp)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(
            proc.stderr.strip().splitlines()[-1]
            if proc.stderr.strip()
            else "Typst failed without a message"
        )


def render_notebook(
    nb: nbformat.NotebookNode,
    outdir: Path,
    ctx: Context,
    templates: Path,
    formats: tuple[str, ...] = ("html", "pdf"),
) -> list[Path]:
    """An executed notebook, already in memory, to report.html and report.pdf in ``outdir``."""
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


def quarto_command(notebook: Path, fmt: str, quarto: str = "quarto") -> list[str]:
    """The Quarto command line: render the executed notebook as it is, hiding code.
    ``fmt`` is ``html`` or ``pdf`` (made through Quarto's Typst format)."""
    to = "typst" if fmt == "pdf" else fmt
    return [
        quarto,
        "render",
        notebook.name,
        "--to",
        to,
        "--no-execute",
        "-M",
        "echo:false",
        "-M",
        "warning:false",
        "-M",
        "embed-resources:true",
        "--output",
        f"report.{fmt}",
    ]


def render_quarto(
    notebook: Path,
    outdir: Path,
    formats: tuple[str, ...] = ("html", "pdf"),
    quarto: str | None = None,
) -> list[Path]:
    exe = quarto or shutil.which("quarto")
    if not exe:
        raise RuntimeError("the Quarto renderer was asked for but no 'quarto' is on PATH")
    written = []
    for fmt in formats:
        cmd = quarto_command(notebook, fmt, exe)
        log.info("running %s", " ".join(cmd))
        subprocess.run(cmd, cwd=notebook.parent, check=True, capture_output=True, text=True)
        produced = notebook.parent / f"report.{fmt}"
        if produced.resolve() != (outdir / produced.name).resolve():
            shutil.move(produced, outdir / produced.name)
        written.append(outdir / produced.name)
    return written

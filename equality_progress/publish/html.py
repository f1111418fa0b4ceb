"""report.html: one self-contained file (inline CSS and SVG, no scripts, nothing fetched)
from the templates' ``report.html.j2``, with a table of contents from the headings."""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat

from equality_progress.publish.document import Context, environment, markdown_to, parts, text_of

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


def html_body(nb: nbformat.NotebookNode) -> str:
    """The report's body as HTML: markdown cells converted, the outputs' HTML as it is."""
    body = []
    for p in parts(nb):
        if "markdown" in p:
            body.append(markdown_to(p["markdown"], "html"))
        elif "text/html" in p["data"]:
            body.append(text_of(p["data"]["text/html"]))
    return "\n".join(body)


def render_html(nb: nbformat.NotebookNode, ctx: Context, templates: Path) -> str:
    """One self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched."""
    body = html_body(nb)
    css = (templates / "report.css").read_text(encoding="utf-8")
    css = css.replace("--primary: #1d3557", f"--primary: {ctx.primary}").replace(
        "--accent: #e9c46a", f"--accent: {ctx.accent}"
    )
    return (
        environment(templates)
        .get_template("report.html.j2")
        .render(ctx=ctx, body=body, css=css, toc=table_of_contents(body))
    )

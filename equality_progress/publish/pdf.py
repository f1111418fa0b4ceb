"""report.pdf: the Typst document from the templates' ``report.typ.j2``, compiled to a
tagged PDF/UA-1 with embedded fonts only and a fixed timestamp."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import nbformat

from equality_progress.publish.document import Context, environment, markdown_to, parts, text_of
from equality_progress.publish.pdf_tags import tag_row_headers
from equality_progress.report.mime import TYPST_MIME


def typst_source(nb: nbformat.NotebookNode, ctx: Context, templates: Path) -> str:
    """The Typst document (charts are inline SVG, so it needs no other files)."""
    body = []
    for p in parts(nb):
        if "markdown" in p:
            body.append(markdown_to(p["markdown"], "typst"))
        elif TYPST_MIME in p["data"]:
            body.append(text_of(p["data"][TYPST_MIME]))
    return (
        environment(templates).get_template("report.typ.j2").render(ctx=ctx, body="\n".join(body))
    )


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
    tag_row_headers(output)  # row headers, which Typst cannot mark (publish/pdf_tags.py)

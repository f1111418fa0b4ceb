"""The Quarto backend, used when asked for (``--renderer quarto``) and a ``quarto`` is on
PATH: it renders the executed notebook as it is, without re-executing it."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)


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

"""What a report's notebook outputs carry, for the build to read back: the MIME types of
the Typst layout and the run summary, and Typst's string literal.

Standard library only: the batch process reads executed notebooks and renders them
without importing pandas or the analysis (about 1.7 s of CPU a batch), which only the
kernels need.
"""

from __future__ import annotations

TYPST_MIME = "text/x-typst"  # a block's layout for the PDF renderer
SUMMARY_MIME = "application/vnd.equality-progress.summary+json"  # the run summary cell


def tlit(text: object) -> str:
    """Text as a Typst string literal (for code mode: function arguments)."""
    s = "" if text is None else str(text)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

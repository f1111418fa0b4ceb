"""A small executed report notebook and its templates' context, shared by the tests of the
renderings (tests/publish/): markdown, a displayed block with a heading, a paragraph and a
table, code and a stream that must not be published, and a cell tagged remove-cell."""

from __future__ import annotations

from datetime import date

import nbformat

from equality_progress.publish import document
from equality_progress.report.blocks import Block, heading, join, paragraph, table

CTX = document.Context(
    "Annual equality progress report 2024-25",
    "Test & Co",
    "2024-25",
    "#123456",
    "#abcdef",
    True,
    date(2026, 1, 2),
)


def executed_notebook() -> nbformat.NotebookNode:
    import pandas as pd

    nb = nbformat.v4.new_notebook()
    body = join(
        [
            heading("Executive summary", 2, "summary"),
            paragraph("Hello <world>"),
            table(pd.DataFrame({"a": ["x"], "b": [1]}), "A table", numeric=["b"]),
        ]
    )
    code = nbformat.v4.new_code_cell("secret_code_here()")
    code.outputs = [
        nbformat.v4.new_output("display_data", data=body._repr_mimebundle_()),
        nbformat.v4.new_output("stream", name="stdout", text="debug print"),
    ]
    hidden = nbformat.v4.new_code_cell("r.run_summary()")
    hidden.metadata["tags"] = ["remove-cell"]
    hidden.outputs = [
        nbformat.v4.new_output(
            "display_data", data=Block("<p>HIDDEN</p>", "HIDDEN", "x")._repr_mimebundle_()
        )
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("## About this report\n\nSome *text*."), code, hidden]
    return nb

"""The notebook reads as the report: headings and prose in markdown cells, each code cell one
call with a comment; the run-summary cell tagged; preload in step with its imports."""

from __future__ import annotations

import ast
import importlib.util
import json

from equality_progress.inputs.settings import load_settings
from equality_progress.layout import NOTEBOOK, project_root


def _cells() -> list[dict]:
    nb = json.loads((NOTEBOOK).read_text(encoding="utf-8"))
    return nb["cells"]


def test_headings_are_markdown_and_code_cells_say_what_they_show():
    cells = _cells()
    markdown = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    for heading in ("## Action plan", "## Methodology", "## Data quality", "## Glossary"):
        assert any(m.startswith(heading) for m in markdown), heading
    for c in cells:
        if c["cell_type"] == "code":
            assert "".join(c["source"]).lstrip().startswith("#"), c["source"]


def test_the_run_summary_cell_is_tagged():
    tagged = [c for c in _cells() if "run-summary" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1 and "r.run_summary()" in "".join(tagged[0]["source"])
    assert "remove-cell" in tagged[0]["metadata"]["tags"]


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a function or class of a module, not a module
        return False


def test_preload_is_the_notebooks_imports():
    imported = set()
    for c in _cells():
        if c["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(c["source"]))):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if _is_module(full) else node.module)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
    preload = set(load_settings(project_root()).execution.preload)
    assert preload == imported | {"pandas"}  # pandas: imported by the library itself

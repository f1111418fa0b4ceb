"""Settings are validated on load; the kernel preload matches what the notebook imports."""

import ast
import json
from pathlib import Path

import pytest

from equality_progress.errors import InputError
from equality_progress.inputs.settings import load_settings
from equality_progress.layout import NOTEBOOK

ROOT = Path(__file__).resolve().parents[2]


def test_a_preload_entry_that_is_not_a_module_name_is_refused(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "settings.yaml").write_text(
        "execution:\n  preload: [pandas, 'os; import shutil']\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    message = str(err.value)
    assert "settings.yaml" in message and "preload" in message
    assert "'os; import shutil' is not a module name" in message


def test_the_preload_is_what_the_report_notebook_imports(settings):
    """A kernel preloads the notebook's own imports; if the notebook imports more, the
    first report on each kernel pays for it (and the bench's floor would be wrong)."""
    nb = json.loads((NOTEBOOK).read_text(encoding="utf-8"))
    imported = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom) and node.module == "equality_progress":
                imported |= {f"equality_progress.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
    library = {m for m in imported if m.startswith("equality_progress")}
    assert library <= set(settings.execution.preload)
    assert "pandas" in settings.execution.preload  # imported by the library itself

"""`make bench`'s floor does the build's work without Jupyter: the same notebook code and
the same renderer give the same report, byte for byte."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench():  # noqa: ANN202 - scripts/bench.py, loaded as a module
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_floor_builds_the_same_report_as_the_build(built, tmp_path, monkeypatch):
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(ROOT))  # as a batch tells its kernels
    monkeypatch.chdir(tmp_path)  # the floor moves into each report's folder, as a kernel does
    _bench().floor_report("unnamed-ca", "2024-25", str(tmp_path))
    ours, theirs = tmp_path / "unnamed-ca" / "2024-25", built / "unnamed-ca" / "2024-25"
    for name in ("report.html", "indicators.csv"):
        assert (ours / name).read_bytes() == (theirs / name).read_bytes(), name


def test_run_cells_displays_what_jupyter_would():
    """The last expression of a cell is displayed, display() calls are kept, the
    parameters follow the parameters cell, and display is restored afterwards."""
    import IPython.display
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    class Shown:
        def __init__(self, text: str) -> None:
            self.text = text

        def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: ANN001, ANN202
            return {"text/html": self.text}

    nb = new_notebook(
        cells=[
            new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
            new_markdown_cell("words"),
            new_code_cell("from IPython.display import display\ndisplay(Shown(f'a{x}'))\nNone"),
            new_code_cell("y = x + 1\nShown(f'b{y}')"),
        ]
    )
    before = IPython.display.display
    _bench().run_cells(nb, {"x": 5, "Shown": Shown})
    assert [o["data"] for o in nb.cells[2].outputs] == [{"text/html": "a5"}]
    assert [o["data"] for o in nb.cells[3].outputs] == [{"text/html": "b6"}]
    assert IPython.display.display is before

"""The package's shape: no import cycle, and what shapes a report never imports the build
system or the tools. Read from the source with ast, so lazy imports (inside functions)
and imports only for type checking count too."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "equality_progress"
# what decides a report's content (and its staleness and code hash)
REPORT_SHAPING = ("inputs", "analysis", "report")
BUILD_SIDE = ("build", "tools")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(name: str) -> set[str]:
    """The package's modules that ``name`` imports, anywhere in its source."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports(name) for name in MODULES}


def test_the_graph_is_read():
    """A check on the reader itself: known edges are found, lazy ones included."""
    assert "equality_progress.build.steps" in GRAPH["equality_progress.build.batch"]
    # imported inside a function
    assert "equality_progress.build.kernel" in GRAPH["equality_progress.build.batch"]
    assert "equality_progress.report.formats" in GRAPH["equality_progress.build.steps"]


def test_no_import_cycle():
    try:
        order = list(graphlib.TopologicalSorter(GRAPH).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")
    assert set(order) == set(MODULES)


def test_a_cycle_would_be_found():
    graph = {**GRAPH, "equality_progress.inputs.paths": {"equality_progress.build.batch"}}
    with pytest.raises(graphlib.CycleError):
        list(graphlib.TopologicalSorter(graph).static_order())


@pytest.mark.parametrize("concern", REPORT_SHAPING)
def test_what_shapes_a_report_never_imports_the_build_system_or_tools(concern):
    """Reports must not depend on how they are built: editing the CLI, the batch or the
    terminal display must change no report (and rebuild none)."""
    prefix = f"equality_progress.{concern}"
    forbidden = tuple(f"equality_progress.{side}" for side in BUILD_SIDE)
    wrong = {
        f"{name} imports {dep}"
        for name, deps in GRAPH.items()
        if name == prefix or name.startswith(prefix + ".")
        for dep in deps
        if dep.startswith(forbidden)
    }
    assert not wrong, sorted(wrong)


def test_layers_point_one_way():
    """inputs <- analysis <- report: the inputs know nothing of the analysis, the analysis
    nothing of the report's content."""
    below = {"inputs": ("analysis", "report"), "analysis": ("report",)}
    wrong = {
        f"{name} imports {dep}"
        for name, deps in GRAPH.items()
        for layer, higher in below.items()
        if name.startswith(f"equality_progress.{layer}")
        for dep in deps
        if dep.startswith(tuple(f"equality_progress.{h}" for h in higher))
    }
    assert not wrong, sorted(wrong)


def test_papermill_internals_are_used_in_one_module():
    """Only build/kernel.py reaches into papermill's submodules (its engine and client);
    everything else uses papermill's public API or none."""
    users = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(m.startswith("papermill.") for m in modules):
                users.add(name)
    assert users == {"equality_progress.build.kernel"}


def test_modules_stay_small():
    """At most about 400 lines a module (the developers' guide)."""
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert not long, long

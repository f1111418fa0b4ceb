"""The package's shape: its rooms by process (inputs -> analysis -> report -> publish ->
batch), no import cycle, and what shapes a report never imports the batch or the tools.
Read from the source with ast, so lazy imports (inside functions) and imports only for
type checking count too."""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "equality_progress"
# what decides a report's content (and its staleness and code hash)
REPORT_SHAPING = ("inputs", "analysis", "report", "publish")
BUILD_SIDE = ("batch", "tools")
ROOMS = {"inputs", "analysis", "report", "publish", "batch", "tools", "notebooks"}


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
    assert "equality_progress.batch.steps" in GRAPH["equality_progress.batch.runner"]
    # imported inside a function
    assert "equality_progress.batch.kernel" in GRAPH["equality_progress.batch.runner"]
    assert "equality_progress.publish.notebook" in GRAPH["equality_progress.batch.steps"]


def test_no_import_cycle():
    try:
        order = list(graphlib.TopologicalSorter(GRAPH).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")
    assert set(order) == set(MODULES)


def test_a_cycle_would_be_found():
    graph = {**GRAPH, "equality_progress.layout": {"equality_progress.batch.runner"}}
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


def test_the_rooms_are_the_processes_and_no_folder_is_named_build():
    """Tools treat a folder named build as output (pytest skips it, .gitignore rules catch
    it): the package's subpackages are its processes, nothing else."""
    rooms = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert rooms == ROOMS | {"report_templates"}
    for base in (PACKAGE, PACKAGE.parent / "tests"):
        assert not [p for p in base.rglob("build") if p.is_dir()]


def test_no_two_modules_share_a_name():
    """A module's name says what it does, once in the package."""
    stems = [p.stem for p in PACKAGE.rglob("*.py") if p.name != "__init__.py"]
    assert sorted(s for s in set(stems) if stems.count(s) > 1) == []


def test_layers_point_one_way():
    """inputs <- analysis <- report <- publish: the inputs know nothing of the analysis, the
    analysis nothing of the report's content, the content nothing of its renderings."""
    below = {
        "inputs": ("analysis", "report", "publish"),
        "analysis": ("report", "publish"),
        "report": ("publish",),
    }
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
    """Only batch/kernel.py reaches into papermill's submodules (its engine and client);
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
    assert users == {"equality_progress.batch.kernel"}


def test_modules_stay_small():
    """At most about 400 lines a module (the developers' guide)."""
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 450
    }
    assert not long, long


def test_docs_architecture_is_drawn_from_todays_code():
    """docs/architecture.md's table of rooms and modules is the one scripts/architecture.py
    draws from the code now (redraw with `python scripts/architecture.py --write`)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "architecture", PACKAGE.parent / "scripts" / "architecture.py"
    )
    drawing = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(drawing)
    assert drawing.current_block() == drawing.draw()
    assert "`batch/kernel.py`" in drawing.draw()  # the drawing reads the package


TESTS = PACKAGE.parent / "tests"


def mirror_test(module: Path) -> str:
    """Where a module's own tests live: tests/<room>/test_<m>.py for
    equality_progress/<room>/<m>.py, tests/test_<m>.py for a top-level module."""
    relative = module.relative_to(PACKAGE)
    return Path("tests", *relative.parts[:-1], f"test_{module.stem}.py").as_posix()


def modules_without_tests(test_files: set[str]) -> list[str]:
    """The package's modules (``__init__.py`` aside) whose mirror test file is not among
    ``test_files`` (paths such as ``tests/report/test_mime.py``)."""
    return sorted(
        p.relative_to(PACKAGE.parent).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" and mirror_test(p) not in test_files
    )


def test_every_module_has_tests_under_the_mirror_path():
    """Every module equality_progress/<room>/<m>.py has its own tests in
    tests/<room>/test_<m>.py (top-level modules in tests/test_<m>.py)."""
    present = {p.relative_to(TESTS.parent).as_posix() for p in TESTS.rglob("test_*.py")}
    assert modules_without_tests(present) == []


def test_a_module_without_its_test_file_is_named():
    """The check above fails, naming the module, when one mirror file is missing."""
    present = {p.relative_to(TESTS.parent).as_posix() for p in TESTS.rglob("test_*.py")}
    assert "tests/report/test_blocks.py" in present and "tests/test_years.py" in present
    gone = present - {"tests/report/test_blocks.py", "tests/test_years.py"}
    missing = {"equality_progress/report/blocks.py", "equality_progress/years.py"}
    assert modules_without_tests(gone) == sorted(missing | set(modules_without_tests(present)))

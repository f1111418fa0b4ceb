"""The warm kernel: one kernel, several notebooks, each seeing a fresh kernel."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from equality_progress.batch.kernel import WarmKernel, ipc_kernel_manager

WARN = "import warnings\ndef f():\n    warnings.warn('shown once per location', UserWarning)"
PROBE = [
    # what a notebook can see of earlier ones
    "import json, os, warnings\n"
    "print(json.dumps({'leftover': 'x' in dir(), 'cwd': os.getcwd(), 'pid': os.getpid()}))",
    # leave state behind for the next notebook: a variable, a warning shown by an imported
    # module (which outlives the namespace reset, as the library does), another folder
    f"WARN = {WARN!r}\n"
    "import sys, types\n"
    "if 'probe_mod' not in sys.modules:\n"
    "    m = types.ModuleType('probe_mod')\n"
    "    exec(WARN, m.__dict__)\n"
    "    sys.modules['probe_mod'] = m\n"
    "import probe_mod\n"
    "probe_mod.f()\n"
    "x = 1\n"
    "os.chdir('/')",
]


def _run(kernel: WarmKernel, folder: Path, cells: list[str] = PROBE) -> nbformat.NotebookNode:
    folder.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    src, out = folder / "in.ipynb", folder / "out.ipynb"
    nbformat.write(nb, src)
    kernel.execute(src, out, folder, progress_bar=False, log_output=False)
    return nbformat.read(out, as_version=4)


def _probe(nb: nbformat.NotebookNode) -> dict:
    return json.loads(nb.cells[0].outputs[0]["text"])


@pytest.fixture
def kernel():
    k = WarmKernel(ipc_kernel_manager(), "python3", max_reports=5)
    yield k
    k.shutdown()


def test_second_notebook_sees_a_fresh_kernel_in_its_own_folder(kernel, tmp_path):
    first = _run(kernel, tmp_path / "a")
    second = _run(kernel, tmp_path / "b")
    one, two = _probe(first), _probe(second)
    assert one["pid"] == two["pid"]  # the same kernel process served both
    assert two["leftover"] is False  # the first notebook's `x` is gone
    assert Path(two["cwd"]).resolve() == (tmp_path / "b").resolve()
    # execution counts start at 1 again, as in a fresh kernel
    assert [c.execution_count for c in second.cells] == [1, 2]
    # the warning shown in the first notebook is shown again in the second
    for nb in (first, second):
        streams = [o for o in nb.cells[1].outputs if o.get("name") == "stderr"]
        assert streams and "shown once per location" in streams[0]["text"]


def test_kernel_is_replaced_after_max_reports(tmp_path):
    k = WarmKernel(ipc_kernel_manager(), "python3", max_reports=1)
    try:
        pids = {_probe(_run(k, tmp_path / n))["pid"] for n in ("a", "b")}
    finally:
        k.shutdown()
    assert len(pids) == 2


def test_a_failing_notebook_retires_the_kernel(kernel, tmp_path):
    pid = _probe(_run(kernel, tmp_path / "a"))["pid"]
    with pytest.raises(Exception, match="boom"):
        _run(kernel, tmp_path / "b", [*PROBE[:1], "raise RuntimeError('boom')"])
    assert kernel.km is None
    after = _probe(_run(kernel, tmp_path / "c"))["pid"]
    assert after != pid
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # the retired kernel process is gone


def test_kernels_driven_by_parallel_threads_each_run_in_their_own_folder(tmp_path):
    """The batch drives its kernels from threads of one process, so nothing may change
    that process's working directory; each kernel is moved into its report's folder."""
    from concurrent.futures import ThreadPoolExecutor

    kernels = [WarmKernel(ipc_kernel_manager(), "python3", max_reports=5) for _ in range(2)]
    before = os.getcwd()

    def lane(i: int) -> list[dict]:
        try:
            return [_probe(_run(kernels[i], tmp_path / f"{i}-{n}")) for n in range(3)]
        finally:
            kernels[i].shutdown()

    with ThreadPoolExecutor(2) as pool:
        seen = list(pool.map(lane, range(2)))
    assert os.getcwd() == before
    for i, probes in enumerate(seen):
        assert len({p["pid"] for p in probes}) == 1  # one kernel per lane
        for n, p in enumerate(probes):
            assert Path(p["cwd"]).resolve() == (tmp_path / f"{i}-{n}").resolve()
    assert seen[0][0]["pid"] != seen[1][0]["pid"]


def test_papermill_finds_the_engine_by_its_entry_point():
    """The engine is registered through papermill's documented extension point, not by
    an import with side effects: papermill's registry holds the class the entry point
    names."""
    from importlib.metadata import entry_points

    from papermill.engines import Engine, papermill_engines

    from equality_progress.batch import kernel

    (point,) = [e for e in entry_points(group="papermill.engine") if e.name == kernel.ENGINE]
    assert point.value == "equality_progress.batch.kernel:WarmEngine"
    engine = papermill_engines.get_engine(kernel.ENGINE)
    assert engine is kernel.WarmEngine
    assert issubclass(engine, Engine)


def test_importing_the_kernel_module_imports_neither_papermill_nor_pandas():
    """A lane launches its kernel before papermill is imported (the launch needs only
    jupyter_client); the engine class is made when papermill asks for it."""
    import subprocess
    import sys

    code = (
        "import sys, equality_progress.batch.kernel as k\n"
        "print(sorted(m for m in ('papermill', 'pandas', 'nbclient') if m in sys.modules))\n"
        "k.WarmEngine\n"
        "print('papermill' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["[]", "True"]


def test_the_engine_refuses_to_run_without_a_warm_kernel(tmp_path):
    import papermill as pm

    from equality_progress.batch.kernel import ENGINE

    nb = new_notebook(cells=[new_code_cell("1")])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(nb, tmp_path / "in.ipynb")
    with pytest.raises(ValueError, match="needs warm=WarmKernel"):
        pm.execute_notebook(
            str(tmp_path / "in.ipynb"),
            str(tmp_path / "out.ipynb"),
            engine_name=ENGINE,
            progress_bar=False,
        )


def test_a_timed_out_notebook_is_kept_as_far_as_it_ran(kernel, tmp_path):
    """papermill writes the notebook after a cell error but not after a timeout: the
    engine does, so the failure report shows what ran."""
    folder = tmp_path / "t"
    folder.mkdir()
    nb = new_notebook(
        cells=[new_code_cell("print('ran')"), new_code_cell("import time; time.sleep(30)")]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(nb, folder / "in.ipynb")
    with pytest.raises(Exception, match="(?i)timed? ?out"):
        kernel.execute(
            folder / "in.ipynb",
            folder / "out.ipynb",
            folder,
            progress_bar=False,
            execution_timeout=2,
            request_save_on_cell_execute=False,  # as the build runs it
        )
    kept = nbformat.read(folder / "out.ipynb", as_version=4)
    assert kept.cells[0].outputs[0]["text"] == "ran\n"
    assert kernel.km is None  # the kernel is retired after a timeout


def test_by_default_the_kernel_runs_on_the_python_that_runs_the_tool():
    """No kernel registered anywhere is needed, and a report is never computed by another
    environment's copy of the package."""
    import sys

    from equality_progress.batch.kernel import this_python_spec
    from equality_progress.inputs.settings import ExecutionSettings

    assert ExecutionSettings().kernel_name == ""
    spec = this_python_spec()
    assert spec.argv[:3] == [sys.executable, "-m", "ipykernel_launcher"]

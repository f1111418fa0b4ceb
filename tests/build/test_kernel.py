"""The warm kernel: one kernel, several notebooks, each seeing a fresh kernel."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from equality_progress.build.kernel import WarmKernel, ipc_kernel_manager

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

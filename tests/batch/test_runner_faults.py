"""Fault isolation: a killed kernel and a timed-out cell fail their own reports only."""

import json
from pathlib import Path

import pytest

from equality_progress.batch import runner
from equality_progress.layout import NOTEBOOK

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e

SABOTAGE = """import os, time
if (authority, year) == ("sefton", "2024-25"):
    os.kill(os.getpid(), 9)  # the kernel dies
if (authority, year) == ("sefton", "2023-24"):
    time.sleep(120)  # the cell times out
"""


def test_dead_kernel_and_timeout_do_not_stop_the_batch(tmp_path):
    nb = json.loads((NOTEBOOK).read_text(encoding="utf-8"))
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "sabotage",
        "metadata": {},
        "outputs": [],
        "source": SABOTAGE,
    }
    nb["cells"].insert(1, cell)
    notebook = tmp_path / "report.ipynb"
    notebook.write_text(json.dumps(nb), encoding="utf-8")
    out = tmp_path / "reports"
    jobs = [
        runner.Job("sefton", "2024-25"),
        runner.Job("sefton", "2023-24"),
        runner.Job("unnamed-ca", "2024-25"),
    ]
    opts = runner.Options(output=out, formats=("html",), notebook=notebook, cell_timeout=8)
    outcomes = {o.job.name: o for o in runner.run(jobs, opts, jobs_n=2)}
    assert outcomes["sefton 2024-25"].state == "failed"
    assert "kernel died" in outcomes["sefton 2024-25"].error
    assert outcomes["sefton 2023-24"].state == "failed"
    assert "timed out" in outcomes["sefton 2023-24"].error
    assert outcomes["unnamed-ca 2024-25"].state == "built"
    assert (out / "unnamed-ca" / "2024-25" / "report.html").exists()
    assert not (out / "sefton" / "2024-25").exists()  # nothing half-built is published
    assert (out / ".failed" / "sefton" / "2023-24" / "report.ipynb").exists()
    assert "Traceback" in (out / ".failed" / "sefton" / "2024-25" / "error.txt").read_text()
    assert not list((out / "sefton").glob(".build-*"))  # temporary folders cleaned up


def test_a_render_failure_keeps_the_published_report_and_the_executed_notebook(
    tmp_path, monkeypatch
):
    """Rendering runs in the batch process (threads), after a kernel has executed the
    notebook: a failure there must leave the published report as it was."""
    from equality_progress.publish import render

    out = tmp_path / "reports"
    job = runner.Job("unnamed-ca", "2024-25")
    opts = runner.Options(output=out, formats=("html", "pdf"))
    [first] = runner.run([job], opts)
    assert first.state == "built"
    before = (out / "unnamed-ca" / "2024-25" / "report.pdf").read_bytes()

    def broken(*args, **kwargs):
        raise RuntimeError("Typst could not compile the PDF: boom")

    monkeypatch.setattr(render, "compile_pdf", broken)
    [second] = runner.run([job], runner.Options(output=out, formats=("html", "pdf"), force=True))
    assert second.state == "failed" and "boom" in second.error
    assert (out / "unnamed-ca" / "2024-25" / "report.pdf").read_bytes() == before
    assert (out / ".failed" / "unnamed-ca" / "2024-25" / "report.ipynb").exists()
    assert "(executed notebook and error kept in reports/.failed/unnamed-ca/2024-25)" in (
        second.error
    )
    assert not list((out / "unnamed-ca").glob(".build-*"))

"""One report's build, step by step: execute its notebook on a warm kernel (the
notebook's first step checks every input and stops at a bad one), render and publish it.
Each step turns a failure into an Outcome and keeps what a developer needs in
``reports/.failed/``; the published report is replaced only by a complete one
(``publish``). The batch runner (:mod:`.batch`) runs the steps in parallel.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from equality_progress.batch import staleness
from equality_progress.batch.jobs import Job, Options, Outcome
from equality_progress.errors import InputError
from equality_progress.inputs.settings import Settings
from equality_progress.layout import NOTEBOOK, TEMPLATES, project_root, published_files
from equality_progress.publish.notebook import clean_notebook, run_summary


def current(job: Job, opts: Options) -> bool:
    """True when the published report was built from exactly today's inputs (False when
    they cannot even be read: its check then says why)."""
    try:
        _, digest = staleness.key(job.authority, job.year, opts, project_root())
    except (InputError, ValueError):
        return False
    return staleness.is_current(opts.output / job.authority / job.year, digest, opts.formats)


def _execute(
    kernel,  # noqa: ANN001 (kernel.WarmKernel, imported lazily)
    notebook: Path,
    output: Path,
    job: Job,
    settings: Settings,
    cwd: Path,
    cell_timeout: int | None = None,
):  # noqa: ANN202 (nbformat.NotebookNode, imported lazily)
    """papermill on a warm kernel (IPC transport, so no port races): the executed notebook."""
    ex = settings.execution
    return kernel.execute(
        notebook,
        output,
        cwd,
        parameters={"authority": job.authority, "year": job.year, "open_data": True},
        progress_bar=False,
        log_output=False,
        # written once at the end (or, after a failure, as far as it ran): saving after
        # every cell cost 0.4 s a report
        request_save_on_cell_execute=False,
        execution_timeout=cell_timeout or ex.cell_timeout_seconds,
        start_timeout=ex.kernel_start_timeout_seconds,
    )


@dataclass
class Executed:
    """A report whose notebook has run, handed from its kernel's thread to a render
    thread, which renders and publishes it while the kernel runs the next notebook."""

    job: Job
    work: Path  # the temporary build folder, holding the executed notebook
    digest: str
    deps: dict[str, Path]
    started: float  # time.time() when the build began
    notebook: object  # the executed notebook (nbformat.NotebookNode), as written to work


def execute_one(
    job: Job,
    opts: Options,
    settings: Settings,
    kernel,  # noqa: ANN001 (kernel.WarmKernel, imported lazily)
) -> Executed | Outcome:
    """Run the notebook of a checked report on ``kernel`` into a temporary folder beside
    the destination. A failure is an Outcome; the published report is untouched."""
    import nbformat

    started = time.time()
    root = project_root()
    dest = opts.output / job.authority / job.year
    try:
        # hashed again here, right before building, so the manifest records what was built
        deps, digest = staleness.key(job.authority, job.year, opts, root)
    except (InputError, ValueError) as exc:  # a bad params file or year: no kernel needed
        return _failed(job, None, opts, exc, started)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".build-{job.year}-", dir=dest.parent))
    executed = work / "report.ipynb"
    try:
        notebook = opts.notebook or NOTEBOOK
        nb = _execute(kernel, notebook, executed, job, settings, work, opts.cell_timeout)
        nb = clean_notebook(nb)
        nbformat.write(nb, executed)  # over papermill's copy, which has timings and paths
        return Executed(job, work, digest, deps, started, nb)
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        outcome = _failed(job, work, opts, exc, started)
        shutil.rmtree(work, ignore_errors=True)
        return outcome


def finish_one(ex: Executed, opts: Options, settings: Settings) -> Outcome:
    """In a render thread: render the executed notebook, then publish it atomically.
    Typst runs in a process of its own, so threads render side by side."""
    from equality_progress.publish.document import downloads, report_context
    from equality_progress.publish.quarto import render_quarto
    from equality_progress.publish.render import render_notebook

    job, work = ex.job, ex.work
    executed = work / "report.ipynb"
    try:
        summary = run_summary(ex.notebook)
        # the HTML page links to the report's other published files
        ctx = replace(
            report_context(job.authority, job.year, settings),
            downloads=downloads(published_files(opts.formats)),
        )
        templates = opts.templates or TEMPLATES
        if opts.renderer == "quarto":
            render_quarto(executed, work, opts.formats)
        else:
            render_notebook(ex.notebook, work, ctx, templates, opts.formats)
        staleness.write_manifest(work, ex.digest, ex.deps, opts.formats)
        publish(work, opts.output / job.authority / job.year)
        return Outcome(
            job,
            "built",
            time.time() - ex.started,
            status_counts=summary["status_counts"],
            warnings=summary["warnings"],
            by_kind=summary.get("by_kind", {}),
        )
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        return _failed(job, work, opts, exc, ex.started)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def input_error(exc: BaseException) -> bool:
    """True for bad inputs, whether found here or by the notebook's first step (papermill
    reports an exception raised in the kernel by its name and text)."""
    return isinstance(exc, InputError) or getattr(exc, "ename", None) == InputError.__name__


def _failed(job: Job, work: Path | None, opts: Options, exc: Exception, started: float) -> Outcome:
    # for bad inputs the notebook has nothing to add to the list of problems
    kept = _keep_failure(None if input_error(exc) else work, opts.output, job, exc)
    message = _describe(exc)
    if kept:  # say what is there: for bad inputs, only the error (no notebook ran)
        ran = (opts.output.parent / kept / "report.ipynb").exists()
        message += f" ({'executed notebook and error' if ran else 'error'} kept in {kept})"
    return Outcome(job, "failed", time.time() - started, error=message)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return str(exc)
    if input_error(exc):
        return str(getattr(exc, "evalue", ""))  # the kernel's str(InputError), the same text
    name = type(exc).__name__
    if name == "PapermillExecutionError":
        return (
            f"notebook error in cell {getattr(exc, 'exec_count', '?')}: "
            f"{getattr(exc, 'ename', '')}: {getattr(exc, 'evalue', '')}"
        )
    if name == "CellTimeoutError":
        return f"a cell timed out: {str(exc).splitlines()[0] if str(exc) else ''}"
    if name == "DeadKernelError":
        return "the kernel died while running the notebook"
    return f"{name}: {exc}".strip()


def _keep_failure(work: Path | None, output: Path, job: Job, exc: BaseException) -> Path | None:
    """Keep the failed executed notebook (if any) and the error outside the published
    folder."""
    failed = output / ".failed" / job.authority / job.year
    shutil.rmtree(failed, ignore_errors=True)
    failed.mkdir(parents=True, exist_ok=True)
    nb = work / "report.ipynb" if work else None
    if nb and nb.exists():
        shutil.copy2(nb, failed / "report.ipynb")
    (failed / "error.txt").write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    return failed.relative_to(output.parent)


def publish(work: Path, dest: Path) -> None:
    """Swap the finished folder into place: the old report is replaced only by a complete one.

    Two renames on one file system; if the second fails, the old report is put back.
    """
    os.chmod(work, 0o755)  # mkdtemp makes it private; published reports are readable
    backup = None
    if dest.exists():
        backup = dest.with_name(f".old-{dest.name}-{os.getpid()}")
        os.replace(dest, backup)
    try:
        os.replace(work, dest)
    except OSError:
        if backup is not None:
            os.replace(backup, dest)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)

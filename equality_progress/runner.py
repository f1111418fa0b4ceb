"""The batch runner: plan, execute (papermill, on warm kernels), render and publish
atomically.

Each report is built in a temporary folder beside its destination and moved into place
only when every output is complete, so a failed build never touches the published
report. One failing report does not stop the others. Unchanged reports are skipped by
comparing content hashes of everything they depend on (see :mod:`.incremental`); the
largest reports are handed out first.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import incremental
from .config import Settings, load_authority, load_settings
from .errors import InputError, Problem
from .jobs import Job, Outcome
from .memo import batch_memo
from .paths import DATA_ENV, ROOT_ENV, project_root
from .years import FinancialYear


@dataclass(frozen=True)
class Options:
    output: Path
    formats: tuple[str, ...] = ("html", "pdf")
    renderer: str = "builtin"
    force: bool = False
    data_dir: Path | None = None
    notebook: Path | None = None
    templates: Path | None = None
    cell_timeout: int | None = None  # overrides params/settings.yaml


def plan(
    authorities: Sequence[str] | None, years: Sequence[str] | None, known: Sequence[str]
) -> list[Job]:
    """Every authority x reporting year, filtered; unknown names are an InputError."""
    chosen = list(authorities) if authorities else list(known)
    unknown = [a for a in chosen if a not in known]
    if unknown:
        raise InputError(
            [
                Problem("params/authorities", f"no authority '{a}' (known: {', '.join(known)})")
                for a in unknown
            ]
        )
    wanted = {FinancialYear.parse(y).label for y in years} if years else None
    jobs = []
    for a in chosen:
        for y in load_authority(a).reporting_years:
            if wanted is None or y in wanted:
                jobs.append(Job(a, y))
    if not jobs:
        raise InputError(
            [
                Problem(
                    "params/authorities",
                    "no report matches the authority and year given; see 'run_reports.py list'",
                )
            ]
        )
    return jobs


def clean_notebook(nb):  # noqa: ANN001, ANN201 (nbformat.NotebookNode, imported lazily)
    """Strip what differs between runs or machines: timestamps, durations, paths."""
    pm = nb.metadata.get("papermill", {})
    for key in (
        "start_time",
        "end_time",
        "duration",
        "input_path",
        "output_path",
        "environment_variables",
        "exception",
    ):
        pm.pop(key, None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill gives it a random id
    return nb


def run_summary(nb) -> dict:  # noqa: ANN001
    from .report import SUMMARY_MIME

    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if SUMMARY_MIME in data:
                return data[SUMMARY_MIME]
    return {"status_counts": {}, "warnings": []}


def _ipc_kernel_manager() -> type:
    """A kernel manager on the IPC transport: kernels talk over unique local sockets, not
    TCP ports, so parallel kernels cannot race for a port (papermill issue 511). The socket
    path is absolute (jupyter_client's default is relative to the working directory, which
    changes from report to report while one kernel serves several)."""
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("ip")
        def _ip_default(self) -> str:
            return os.path.join(tempfile.gettempdir(), f"ep-kernel-{uuid.uuid4().hex[:12]}")

    return IPCKernelManager


def _warm_kernel(settings: Settings):  # noqa: ANN202 (kernel.WarmKernel, imported lazily)
    from .kernel import WarmKernel

    ex = settings.execution
    return WarmKernel(_ipc_kernel_manager(), ex.kernel_name, ex.reports_per_kernel, ex.preload)


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


def current(job: Job, opts: Options) -> bool:
    """True when the published report was built from exactly today's inputs."""
    _, digest = incremental.key(job.authority, job.year, opts, project_root())
    return incremental.is_current(opts.output / job.authority / job.year, digest, opts.formats)


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


def check_one(job: Job, opts: Options) -> Outcome | None:
    """Check every input of a report before its notebook runs (problems only, no frames).
    None when all is well, else the failure, kept like any other."""
    from .report import validate

    started = time.time()
    try:
        validate(job.authority, job.year, opts.data_dir, frames=False)
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        return _failed(job, None, opts, exc, started)
    return None


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
    # hashed again here, right before building, so the manifest records what was built
    deps, digest = incremental.key(job.authority, job.year, opts, root)
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".build-{job.year}-", dir=dest.parent))
    executed = work / "report.ipynb"
    try:
        notebook = opts.notebook or root / "notebooks" / "report.ipynb"
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
    from .render import Context, render_notebook, render_quarto

    job, work = ex.job, ex.work
    executed = work / "report.ipynb"
    try:
        summary = run_summary(ex.notebook)
        auth = load_authority(job.authority)
        ctx = Context(
            f"Annual equality progress report {job.year}",
            auth.display_name,
            job.year,
            auth.colours.primary,
            auth.colours.accent,
            auth.sample_data,
            settings.report_date(),
        )
        templates = opts.templates or project_root() / "report_templates"
        if opts.renderer == "quarto":
            render_quarto(executed, work, opts.formats)
        else:
            render_notebook(ex.notebook, work, ctx, templates, opts.formats)
        incremental.write_manifest(work, ex.digest, ex.deps)
        publish(work, opts.output / job.authority / job.year)
        return Outcome(
            job,
            "built",
            time.time() - ex.started,
            status_counts=summary["status_counts"],
            warnings=summary["warnings"],
        )
    except Exception as exc:  # noqa: BLE001 - one report's failure must not stop the batch
        return _failed(job, work, opts, exc, ex.started)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _failed(job: Job, work: Path | None, opts: Options, exc: Exception, started: float) -> Outcome:
    kept = _keep_failure(work, opts.output, job, exc)
    message = _describe(exc)
    if kept:
        message += f" (executed notebook kept in {kept})"
    return Outcome(job, "failed", time.time() - started, error=message)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, InputError):
        return str(exc)
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


def largest_first(jobs: Sequence[Job], data_dir: Path | None = None) -> list[Job]:
    """Jobs in decreasing order of the size of their input data, a stand-in for their
    cost: handing the longest builds out first keeps lanes from finishing one long
    report alone at the end (longest-processing-time-first, Graham 1969)."""
    from .files import input_files

    def size(job: Job) -> int:
        auth = load_authority(job.authority)
        files = input_files(job.authority, FinancialYear.parse(job.year), auth.baseline, data_dir)
        return sum(f.stat().st_size for f in files)

    return sorted(jobs, key=size, reverse=True)  # stable: equal sizes keep their order


def _deliver(outcomes: queue.SimpleQueue, job: Job, step: Callable[[], Outcome]) -> None:
    """Run one step of a build and put its Outcome on the queue, whatever happens: the
    batch waits for exactly one Outcome per report."""
    try:
        outcome = step()
    except BaseException as exc:  # noqa: BLE001 - even the unexpected ends as an Outcome
        outcome = Outcome(job, "failed", error=f"{type(exc).__name__}: {exc}")
    outcomes.put(outcome)


def _finish_unless_stopped(
    ex: Executed, opts: Options, settings: Settings, stop: threading.Event
) -> Outcome:
    """finish_one, unless the batch was interrupted before this report's turn came."""
    if stop.is_set():
        shutil.rmtree(ex.work, ignore_errors=True)
        return Outcome(ex.job, "failed", error="interrupted before it was rendered")
    return finish_one(ex, opts, settings)


def _checker(
    order: Sequence[Job],
    checked: queue.SimpleQueue,
    outcomes: queue.SimpleQueue,
    lanes: int,
    opts: Options,
    stop: threading.Event,
) -> None:
    """Check each report's inputs, in the order the lanes take them, ahead of the lanes: a
    kernel waits for a check only before its first report. A report that fails its check
    never reaches a kernel. Ends with one stop sign (None) per lane."""
    try:
        for job in order:
            if stop.is_set():
                return
            try:
                failure = check_one(job, opts)
            except BaseException as exc:  # noqa: BLE001 - check_one returns failures
                failure = Outcome(job, "failed", error=f"{type(exc).__name__}: {exc}")
            if failure is None:
                checked.put(job)
            else:
                outcomes.put(failure)
    finally:
        for _ in range(lanes):
            checked.put(None)


_LANES_LOCK = threading.Lock()


def _kernel_lane(
    checked: queue.SimpleQueue,
    outcomes: queue.SimpleQueue,
    renderers: ThreadPoolExecutor,
    opts: Options,
    settings: Settings,
    stop: threading.Event,
    kernels: list,
    lanes_left: list[int],
) -> None:
    """One of the batch's parallel lanes (a thread): it keeps a warm kernel, runs the next
    checked notebook on it and hands the executed notebook to a render thread, so that the
    kernel can start on the next one. The kernel is shut down by this same thread. Once
    ``stop`` is set (the batch was interrupted) it takes no more notebooks and publishes
    nothing more: what it was building is removed. A lane whose kernel cannot start leaves
    its reports to the other lanes; the last such lane fails what is left, with the reason."""
    try:
        kernel = _warm_kernel(settings)
        kernels.append(kernel)  # so that an interrupted batch can stop it
        kernel.start()  # boots while the first reports are checked
    except Exception as exc:  # noqa: BLE001 - this lane cannot run; the batch must still end
        with _LANES_LOCK:
            lanes_left[0] -= 1
            last = lanes_left[0] == 0
        while last and (job := checked.get()) is not None:
            outcomes.put(Outcome(job, "failed", error=f"no kernel: {type(exc).__name__}: {exc}"))
        return
    try:
        while not stop.is_set() and (job := checked.get()) is not None:
            try:
                result = execute_one(job, opts, settings, kernel)
            except BaseException as exc:  # noqa: BLE001 - execute_one returns failures
                result = Outcome(job, "failed", error=f"{type(exc).__name__}: {exc}")
            if stop.is_set():
                if isinstance(result, Executed):
                    shutil.rmtree(result.work, ignore_errors=True)
                return
            if isinstance(result, Outcome):
                outcomes.put(result)
            else:
                renderers.submit(
                    _deliver,
                    outcomes,
                    job,
                    partial(_finish_unless_stopped, result, opts, settings, stop),
                )
    finally:
        kernel.shutdown()


def run(
    jobs: Sequence[Job],
    opts: Options,
    jobs_n: int = 1,
    on_done: Callable[[Outcome, int, int], None] | None = None,
) -> list[Outcome]:
    """Build every job on ``jobs_n`` warm kernels; results in job order.

    A checker thread checks each report's inputs before its notebook may run, ahead of
    the kernels. Each kernel is driven by a thread of this process (papermill waits on the
    kernel, so threads suffice; the kernels are processes of their own, so a report that
    kills its kernel takes no other report with it). papermill is given no working
    directory, so it never changes this process's: the kernel is moved into the report's
    folder instead (see :mod:`.kernel`). Rendering (HTML in Python, the PDF in a Typst
    process) happens in render threads, overlapping the kernels' next notebooks.
    """
    settings = load_settings()
    os.environ[ROOT_ENV] = str(project_root())
    if opts.data_dir:
        os.environ[DATA_ENV] = str(opts.data_dir.resolve())
    opts = Options(**{**opts.__dict__, "output": opts.output.resolve()})
    opts.output.mkdir(parents=True, exist_ok=True)
    results: dict[Job, Outcome] = {}

    def record(outcome: Outcome) -> None:
        results[outcome.job] = outcome
        if on_done:
            on_done(outcome, len(results), len(jobs))

    todo = []
    for job in jobs:  # unchanged reports are settled here, without starting a kernel
        start = time.perf_counter()
        if not opts.force and current(job, opts):
            record(Outcome(job, "skipped", time.perf_counter() - start))
        else:
            todo.append(job)
    if not todo:
        return [results[j] for j in jobs]
    order = largest_first(todo, opts.data_dir)
    checked: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
    outcomes: queue.SimpleQueue[Outcome] = queue.SimpleQueue()
    stop, kernels = threading.Event(), []
    n_lanes = max(1, min(jobs_n, len(todo)))
    lanes_left = [n_lanes]  # lanes whose kernel has not failed to start
    # the memo's folder is named in the environment before any kernel starts, so they see it
    with batch_memo(), ThreadPoolExecutor(n_lanes, thread_name_prefix="render") as renderers:
        threads = [
            threading.Thread(
                target=_checker,
                args=(order, checked, outcomes, n_lanes, opts, stop),
                name="checker",
            )
        ] + [
            threading.Thread(
                target=_kernel_lane,
                args=(checked, outcomes, renderers, opts, settings, stop, kernels, lanes_left),
                name=f"kernel-{i}",
            )
            for i in range(n_lanes)
        ]
        for thread in threads:
            thread.daemon = True  # Ctrl-C ends the batch; kernels notice their parent has gone
            thread.start()
        try:
            for _ in todo:  # one Outcome per report: from a check, a kernel or a render thread
                record(outcomes.get())
        except BaseException:  # Ctrl-C (or on_done failed): stop, publish nothing more
            stop.set()
            for kernel in kernels:
                kernel.kill()  # its lane sees a dead kernel at once, cleans up and ends
            for thread in threads:
                thread.join(timeout=30)
            renderers.shutdown(wait=True)  # a report being published is finished, atomically
            while True:  # count what was settled meanwhile, so the summary says so
                try:
                    outcome = outcomes.get_nowait()
                except queue.Empty:
                    break
                with contextlib.suppress(Exception):
                    record(outcome)
            raise
        for thread in threads:
            thread.join()
    return [results[j] for j in jobs]

"""The batch runner: plan the reports, then build them in parallel lanes, each driving a
warm kernel, with render threads behind them.

The steps of one report's build (execute, whose first step checks the inputs; render;
publish atomically) are in :mod:`.steps`. One failing report does not stop the others.
Unchanged reports are skipped by comparing content hashes of everything they depend on
(see :mod:`.staleness`); the largest reports are handed out first.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from equality_progress import fingerprints
from equality_progress.batch.jobs import Job, Options, Outcome
from equality_progress.batch.steps import Executed, current, execute_one, finish_one
from equality_progress.errors import InputError, Problem
from equality_progress.inputs.memo import batch_memo
from equality_progress.inputs.settings import Settings, load_authority, load_settings
from equality_progress.layout import DATA_ENV, PROJECT_ENV, project_root
from equality_progress.years import FinancialYear

ALL_YEARS = "(every year)"  # the year of a report whose authority's params cannot be read


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
        try:
            reporting = load_authority(a).reporting_years
        except InputError:
            # a bad params file fails its own authority's reports (when they start), no others
            jobs += [Job(a, y) for y in sorted(wanted)] if wanted else [Job(a, ALL_YEARS)]
            continue
        for y in reporting:
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


def _warm_kernel(settings: Settings):  # noqa: ANN202 (kernel.WarmKernel, imported lazily)
    from equality_progress.batch.kernel import WarmKernel, ipc_kernel_manager

    ex = settings.execution
    return WarmKernel(ipc_kernel_manager(), ex.kernel_name, ex.reports_per_kernel, ex.preload)


def largest_first(jobs: Sequence[Job], data_dir: Path | None = None) -> list[Job]:
    """Jobs in decreasing order of the size of their input data, a stand-in for their
    cost: handing the longest builds out first keeps lanes from finishing one long
    report alone at the end (longest-processing-time-first, Graham 1969)."""
    from equality_progress.layout import input_files

    def size(job: Job) -> int:
        try:
            auth = load_authority(job.authority)
        except InputError:
            return 0  # fails when it starts
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


@dataclass
class _Batch:
    """What the threads of one batch share."""

    opts: Options
    settings: Settings
    renderers: ThreadPoolExecutor
    lanes: int
    todo: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)  # then one None a lane
    outcomes: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)  # one per report
    stop: threading.Event = field(default_factory=threading.Event)  # set when interrupted
    kernels: list = field(default_factory=list)  # every lane's kernel, to kill on Ctrl-C
    _lost: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def lane_lost(self) -> bool:
        """Count a lane whose kernel could not start; True when it was the last lane."""
        with self._lock:
            self._lost += 1
            return self._lost == self.lanes


def _finish_unless_stopped(batch: _Batch, ex: Executed) -> Outcome:
    """finish_one, unless the batch was interrupted before this report's turn came."""
    if batch.stop.is_set():
        shutil.rmtree(ex.work, ignore_errors=True)
        return Outcome(ex.job, "failed", error="interrupted before it was rendered")
    return finish_one(ex, batch.opts, batch.settings)


def _kernel_lane(batch: _Batch) -> None:
    """One of the batch's parallel lanes (a thread): it keeps a warm kernel, runs the next
    report's notebook on it and hands the executed notebook to a render thread, so that the
    kernel can start on the next one. The kernel is shut down by this same thread. Once
    ``stop`` is set (the batch was interrupted) it takes no more notebooks and publishes
    nothing more: what it was building is removed. A lane whose kernel cannot start leaves
    its reports to the other lanes; the last such lane fails what is left, with the reason."""
    kernel = None
    try:
        try:
            kernel = _warm_kernel(batch.settings)
            batch.kernels.append(kernel)  # so that an interrupted batch can stop it
            kernel.start()  # boots while the first report's inputs are hashed
        except Exception as exc:  # noqa: BLE001 - this lane cannot run; the batch must end
            last = batch.lane_lost()
            while last and (job := batch.todo.get()) is not None:
                reason = f"no kernel: {type(exc).__name__}: {exc}"
                batch.outcomes.put(Outcome(job, "failed", error=reason))
            return
        while not batch.stop.is_set() and (job := batch.todo.get()) is not None:
            try:
                result = execute_one(job, batch.opts, batch.settings, kernel)
            except BaseException as exc:  # noqa: BLE001 - execute_one returns failures
                result = Outcome(job, "failed", error=f"{type(exc).__name__}: {exc}")
            if batch.stop.is_set():
                if isinstance(result, Executed):
                    shutil.rmtree(result.work, ignore_errors=True)
                return
            if isinstance(result, Outcome):
                batch.outcomes.put(result)
            else:
                finish = partial(_finish_unless_stopped, batch, result)
                batch.renderers.submit(_deliver, batch.outcomes, job, finish)
    finally:
        if kernel is not None:
            kernel.shutdown()  # also a kernel that started only halfway


def run(
    jobs: Sequence[Job],
    opts: Options,
    jobs_n: int = 1,
    on_done: Callable[[Outcome, int, int], None] | None = None,
) -> list[Outcome]:
    """Build every job on ``jobs_n`` warm kernels; results in job order.

    The inputs are checked by each notebook's first step, in its kernel, so the batch
    process never imports pandas or the analysis (see docs/performance.md). Each kernel is
    driven by a thread of this process (papermill waits on the kernel, so threads suffice;
    the kernels are processes of their own, so a report that kills its kernel takes no
    other report with it). papermill is given no working
    directory, so it never changes this process's: the kernel is moved into the report's
    folder instead (see :mod:`.kernel`). Rendering (HTML in Python, the PDF in a Typst
    process) happens in render threads, overlapping the kernels' next notebooks.
    """
    settings = load_settings()
    os.environ[PROJECT_ENV] = str(project_root())  # for the kernels
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
    n_lanes = max(1, min(jobs_n, len(todo)))
    # the memo's folder is named in the environment before any kernel starts, so they see it;
    # the inputs' hashes (made while checking what is current) go there for the kernels
    with (
        batch_memo() as memo,
        ThreadPoolExecutor(n_lanes, thread_name_prefix="render") as renderers,
    ):
        fingerprints.share(memo)
        batch = _Batch(opts, settings, renderers, n_lanes)
        for job in [*order, *[None] * n_lanes]:  # one stop sign (None) per lane
            batch.todo.put(job)
        threads = [
            threading.Thread(target=_kernel_lane, args=(batch,), name=f"kernel-{i}")
            for i in range(n_lanes)
        ]
        for thread in threads:
            thread.daemon = True  # Ctrl-C ends the batch; kernels notice their parent has gone
            thread.start()
        try:
            for _ in todo:  # one Outcome per report: from a kernel lane or a render thread
                record(batch.outcomes.get())
        except BaseException:  # Ctrl-C (or on_done failed): stop, publish nothing more
            batch.stop.set()
            for kernel in batch.kernels:
                kernel.kill()  # its lane sees a dead kernel at once, cleans up and ends
            for thread in threads:
                thread.join(timeout=30)
            renderers.shutdown(wait=True)  # a report being published is finished, atomically
            while True:  # count what was settled meanwhile, so the summary says so
                try:
                    outcome = batch.outcomes.get_nowait()
                except queue.Empty:
                    break
                with contextlib.suppress(Exception):
                    record(outcome)
            raise
        for thread in threads:
            thread.join()
    return [results[j] for j in jobs]

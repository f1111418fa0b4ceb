"""A warm kernel: one Jupyter kernel runs several reports in turn, as a papermill engine.

Starting a kernel and importing pandas, papermill and the library costs about as much as
computing a whole report, so each batch worker keeps its kernel between reports. Before
each notebook the kernel is put back to the state of a fresh one as far as the report can
tell: the user namespace is cleared (``%reset -f``), execution counts start at 1 again,
warnings already shown are forgotten, and the working directory is the report's own. The
library holds no other state (no module-level caches in the kernel), and a test checks that
a report built in a kernel that has already built others is byte-identical to one built in
a fresh kernel. The kernel is replaced after ``max_reports`` reports, after a failure, a
timeout or a death, so one bad report cannot leak into the next.

papermill is used as is, through its documented extension point (a registered engine) and
nbclient's own support for a caller-owned kernel manager (``km=``) and client (``kc``):
nbclient leaves a kernel it does not own running, and does not wait for a client it was
given to become ready (a new client waits 0.2 s for the kernel to go quiet).
"""

from __future__ import annotations

import atexit
import logging
from pathlib import Path

import papermill as pm
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.iorw import write_ipynb
from papermill.log import logger
from papermill.utils import remove_args

log = logging.getLogger(__name__)
ENGINE = "equality-progress-warm"

# Runs silently before each notebook; {cwd!r} is the report's build folder.
RESET = """\
get_ipython().run_line_magic("reset", "-f")
import os as _o, sys as _s
_o.chdir({cwd!r})
for _m in list(_s.modules.values()):
    getattr(_m, "__warningregistry__", {{}}).clear()
get_ipython().execution_count = 1
del _o, _s, _m
"""


class _ResettingClient(PapermillNotebookClient):
    """papermill's client, which first resets the kernel it was given."""

    def papermill_execute_cells(self) -> None:
        cwd = str(Path.cwd())  # papermill has changed into the report's folder
        msg_id = self.kc.execute(RESET.format(cwd=cwd), silent=True, store_history=False)
        reply = self.wait_for_reply(msg_id)
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError("could not reset the kernel before the notebook")
        super().papermill_execute_cells()


class WarmEngine(Engine):
    """papermill's nbclient engine on a kernel the caller owns (``warm=``, a WarmKernel):
    its kernel manager, and its kernel client once there is one (a new client waits
    0.2 s for the kernel's output channel to go quiet)."""

    @classmethod
    def execute_managed_notebook(  # noqa: ANN206, PLR0913 (papermill's engine signature)
        cls,
        nb_man,  # noqa: ANN001
        kernel_name: str,
        log_output: bool = False,
        stdout_file=None,  # noqa: ANN001
        stderr_file=None,  # noqa: ANN001
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        warm: WarmKernel | None = None,
        partial_output: str | None = None,
        **kwargs,  # noqa: ANN003
    ):
        if warm is None:
            raise ValueError(f"the {ENGINE} engine needs warm=WarmKernel(...)")
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        client = _ResettingClient(
            nb_man,
            km=warm.km,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **kwargs,
        )
        client.kc = warm.kc  # None the first time: nbclient starts one
        try:
            return client.execute()
        except BaseException:
            # papermill writes the notebook itself after a cell error, but not after a
            # timeout or a dead kernel: keep what ran, for the failure report
            if partial_output:
                write_ipynb(nb_man.nb, partial_output)
            raise
        finally:
            warm.kc = client.kc


papermill_engines.register(ENGINE, WarmEngine)


class WarmKernel:
    """A kernel kept alive for up to ``max_reports`` notebooks in this process."""

    def __init__(self, kernel_manager_class: type, kernel_name: str, max_reports: int) -> None:
        self.kernel_manager_class = kernel_manager_class
        self.kernel_name = kernel_name
        self.max_reports = max_reports
        self.km = None
        self.kc = None  # the kernel client, kept with the kernel
        self.used = 0
        atexit.register(self.shutdown)

    def _ready(self) -> None:
        if self.km is not None and (self.used >= self.max_reports or not self._alive()):
            self.shutdown()
        if self.km is None:
            self.km = self.kernel_manager_class(kernel_name=self.kernel_name)
            self.used = 0
        self.used += 1

    def _alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(self.km is not None and self.km.has_kernel and run_sync(self.km.is_alive)())

    def execute(self, notebook: Path, output: Path, cwd: Path, **kwargs) -> None:  # noqa: ANN003
        """papermill.execute_notebook on this kernel; any failure retires the kernel."""
        self._ready()
        try:
            pm.execute_notebook(
                str(notebook),
                str(output),
                cwd=str(cwd),
                engine_name=ENGINE,
                warm=self,
                kernel_name=self.kernel_name,
                partial_output=str(output),
                **kwargs,
            )
        except BaseException:
            self.shutdown()  # an error, a timeout or a dead kernel: start afresh next time
            raise

    def shutdown(self) -> None:
        if self.km is None:
            return
        from jupyter_core.utils import run_sync

        km, kc, self.km, self.kc = self.km, self.kc, None, None
        try:
            if kc is not None:
                kc.stop_channels()
            if km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc:  # noqa: BLE001 - the kernel may already be gone
            log.debug("kernel shutdown: %s", exc)

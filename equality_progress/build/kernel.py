"""A warm kernel: one Jupyter kernel runs several reports in turn.

Starting a kernel and importing pandas, papermill and the library costs about as much as
computing a whole report, so each lane of a batch keeps its kernel between reports. Before
each notebook the kernel is put back to the state of a fresh one as far as the report can
tell (see :mod:`.engine`): the user namespace is cleared (``%reset -f``), execution counts
start at 1 again, warnings already shown are forgotten, and the working directory is the
report's own. The library holds no other state (no module-level caches in the kernel), and
a test checks that a report built in a kernel that has already built others is
byte-identical to one built in a fresh kernel. The kernel is replaced after ``max_reports``
reports, after a failure, a timeout or a death, so one bad report cannot leak into the next.

A kernel is launched by :meth:`WarmKernel.start`, which returns at once: the kernel boots
and imports the ``preload`` modules (those the notebook imports) while the batch checks
the first report's inputs. This module needs only jupyter_client, so the launch does not
wait for papermill to import either.
"""

from __future__ import annotations

import atexit
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def ipc_kernel_manager() -> type:
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


class WarmKernel:
    """A kernel kept alive for up to ``max_reports`` notebooks, driven by one thread (its
    client's sockets belong to that thread's event loop)."""

    def __init__(
        self,
        kernel_manager_class: type,
        kernel_name: str,
        max_reports: int,
        preload: Sequence[str] = (),
    ) -> None:
        self.kernel_manager_class = kernel_manager_class
        self.kernel_name = kernel_name
        self.max_reports = max_reports
        self.preload = tuple(preload)
        self.km = None
        self.kc = None  # the kernel client, kept with the kernel
        self.used = 0
        self._booting = False  # started, not yet known to be ready
        atexit.register(self.shutdown)

    def start(self) -> None:
        """Launch a kernel and ask it to import ``preload``; returns without waiting.
        (What nbclient does to start a kernel and its client, less the wait.)"""
        from jupyter_core.utils import run_sync

        self.shutdown()
        self.km = self.kernel_manager_class(kernel_name=self.kernel_name)
        # nbclient's default: no IPython history database on disk
        run_sync(self.km.start_kernel)(extra_arguments=["--HistoryManager.hist_file=:memory:"])
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.allow_stdin = False
        # Answered before the kernel_info request of the wait in _ready (shell messages are
        # handled in order). gc.freeze() leaves the objects the kernel has by then (its
        # modules) out of every later garbage collection, so the full collection that
        # %reset makes before each notebook scans only what notebooks made (0.13 s of CPU
        # a report down to 0.02 s); the frozen objects are never freed, as modules aren't.
        imports = f"import {', '.join(self.preload)}\n" if self.preload else ""
        self.kc.execute(f"{imports}import gc\ngc.freeze()", silent=True, store_history=False)
        self.used = 0
        self._booting = True

    def _ready(self, start_timeout: int) -> None:
        from jupyter_core.utils import run_sync

        if self.km is not None and (self.used >= self.max_reports or not self._alive()):
            self.shutdown()
        if self.km is None:
            self.start()
        if self._booting:
            run_sync(self.kc.wait_for_ready)(timeout=start_timeout)
            self._booting = False
        self.used += 1

    def _alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(self.km is not None and self.km.has_kernel and run_sync(self.km.is_alive)())

    def execute(
        self,
        notebook: Path,
        output: Path,
        cwd: Path,
        start_timeout: int = 60,
        **kwargs,  # noqa: ANN003 - papermill.execute_notebook's own
    ):  # noqa: ANN201 (nbformat.NotebookNode, imported lazily)
        """papermill.execute_notebook on this kernel, run in ``cwd``: returns the executed
        notebook (also written to ``output``). Any failure retires the kernel. papermill's
        own ``cwd=`` is not used: it changes the working directory of this whole process,
        which threads driving other kernels share."""
        import papermill as pm

        from equality_progress.build.engine import ENGINE

        try:
            self._ready(start_timeout)
            return pm.execute_notebook(
                str(notebook),
                str(output),
                engine_name=ENGINE,
                report_dir=str(Path(cwd).resolve()),
                warm=self,
                kernel_name=self.kernel_name,
                partial_output=str(output),
                start_timeout=start_timeout,
                **kwargs,
            )
        except BaseException:
            self.shutdown()  # an error, a timeout or a dead kernel: start afresh next time
            raise

    def kill(self) -> None:
        """Kill the kernel process now, from any thread (an interrupted batch): the thread
        driving it sees a dead kernel, and shuts it down as after any failure."""
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()

    def shutdown(self) -> None:
        if self.km is None:
            return
        from jupyter_core.utils import run_sync

        km, kc, self.km, self.kc, self._booting = self.km, self.kc, None, None, False
        try:
            if kc is not None:
                kc.stop_channels()
            if km.has_kernel:
                run_sync(km.shutdown_kernel)(now=True)
        except Exception as exc:  # noqa: BLE001 - the kernel may already be gone
            log.debug("kernel shutdown: %s", exc)

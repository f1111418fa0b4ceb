"""A warm kernel and the papermill engine that runs notebooks on it.

Starting a kernel and importing pandas, papermill and the library costs about as much as
computing a whole report, so each lane of a batch keeps its kernel between reports. Before
each notebook the kernel is put back to the state of a fresh one as far as the report can
tell (``RESET``): the user namespace is cleared (``%reset -f``), execution counts start at
1 again, warnings already shown are forgotten, and the working directory is the report's
own. The library holds no other state (no module-level caches in the kernel), and a test
checks that a report built in a kernel that has already built others is byte-identical to
one built in a fresh kernel. The kernel is replaced after ``max_reports`` reports, after a
failure, a timeout or a death, so one bad report cannot leak into the next.

A kernel is launched by :meth:`WarmKernel.start`, which returns at once: the kernel boots
and imports the ``preload`` modules (those the notebook imports) while the batch checks
the first report's inputs. Importing this module costs only the standard library, and the
launch needs only jupyter_client, so it does not wait for papermill to import.

papermill runs the notebook through its documented extension point, an engine, registered
under ``papermill.engine`` in pyproject.toml as ``equality-progress-warm``. The engine
class, ``WarmEngine``, is made on first use (a module ``__getattr__``), so that importing
this module does not import papermill. It is papermill's nbclient engine given the warm
kernel's manager (``km=``) and client (``kc``): nbclient leaves a kernel it does not own
running and does not wait for a client it was given to become ready. This is the one
module that touches papermill's internals: ``Engine`` and ``PapermillNotebookClient``.
"""

from __future__ import annotations

import atexit
import functools
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)

ENGINE = "equality-progress-warm"  # its name in pyproject.toml's papermill.engine entry point

# Runs silently before each notebook; {cwd!r} is the report's build folder.
# The move comes first: %reset reads the working directory, which is gone when the last
# notebook failed (its build folder is removed).
RESET = """\
import os as _o
_o.chdir({cwd!r})
get_ipython().run_line_magic("reset", "-f")
import sys as _s
for _m in list(_s.modules.values()):
    getattr(_m, "__warningregistry__", {{}}).clear()
get_ipython().execution_count = 1
del _s, _m
"""


THIS_PYTHON = ""  # settings' kernel_name for the Python that runs the tool


def this_python_spec():  # noqa: ANN201 (jupyter_client's KernelSpec, imported lazily)
    """A kernel on the interpreter running the tool (ipykernel's own spec for it), so
    that an installed tool needs no kernel registered anywhere and never runs a report on
    another environment's copy of the package."""
    from ipykernel.kernelspec import get_kernel_dict
    from jupyter_client.kernelspec import KernelSpec

    spec = get_kernel_dict()  # argv: [sys.executable, "-m", "ipykernel_launcher", ...]
    return KernelSpec(
        argv=spec["argv"],
        display_name=spec["display_name"],
        language=spec["language"],
        metadata=spec.get("metadata", {}),
        resource_dir="",
    )


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
        self.km = self.kernel_manager_class(kernel_name=self.kernel_name or "python3")
        if self.kernel_name == THIS_PYTHON:
            self.km._kernel_spec = this_python_spec()  # jupyter_client caches the spec here
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

        try:
            self._ready(start_timeout)
            return pm.execute_notebook(
                str(notebook),
                str(output),
                engine_name=ENGINE,
                report_dir=str(Path(cwd).resolve()),
                warm=self,
                kernel_name=self.kernel_name or "python3",
                partial_output=str(output),
                start_timeout=start_timeout,
                **kwargs,
            )
        except BaseException as exc:
            # Bad inputs stop the notebook at its first step, with nothing computed: the
            # kernel is reset before the next notebook, as after a success. Any other
            # error, a timeout or a dead kernel: start afresh next time.
            if getattr(exc, "ename", None) != "InputError":
                self.shutdown()
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


def __getattr__(name: str) -> type:
    """``WarmEngine``, made on first use (PEP 562): papermill loads it by its entry point."""
    if name == "WarmEngine":
        return _warm_engine()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _warm_engine() -> type:
    """The engine class. papermill calls it while papermill.engines is still being
    imported (it loads entry points last), so everything it needs is defined by then."""
    import nbformat
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine

    class ResettingClient(PapermillNotebookClient):
        """papermill's client, which first resets the kernel it was given and moves it
        into the report's folder (``report_dir``)."""

        report_dir: str = "."

        def papermill_execute_cells(self) -> None:
            msg_id = self.kc.execute(
                RESET.format(cwd=self.report_dir), silent=True, store_history=False
            )
            reply = self.wait_for_reply(msg_id)
            if reply is None or reply["content"]["status"] != "ok":
                raise RuntimeError("could not reset the kernel before the notebook")
            super().papermill_execute_cells()

    class WarmEngine(Engine):
        """papermill's nbclient engine on a kernel the caller owns (``warm=``, a
        WarmKernel), reset and moved into ``report_dir`` first."""

        @classmethod
        def execute_managed_notebook(  # noqa: PLR0913 (papermill's engine signature)
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
            report_dir: str | None = None,
            **kwargs,  # noqa: ANN003
        ):  # noqa: ANN206
            if warm is None or report_dir is None:
                raise ValueError(f"the {ENGINE} engine needs warm=WarmKernel(...) and report_dir=")
            for name in ("input_path", "timeout", "startup_timeout"):  # set here, not by papermill
                kwargs.pop(name, None)
            client = ResettingClient(
                nb_man,
                km=warm.km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logging.getLogger("papermill"),  # papermill's own logger
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
                **kwargs,
            )
            client.report_dir = report_dir
            client.kc = warm.kc  # None if the kernel was not started by WarmKernel.start
            try:
                return client.execute()
            except BaseException:
                # papermill writes the notebook itself after a cell error, but not after a
                # timeout or a dead kernel: keep what ran, for the failure report
                if partial_output:
                    Path(partial_output).write_text(nbformat.writes(nb_man.nb), encoding="utf-8")
                raise
            finally:
                warm.kc = client.kc

    return WarmEngine

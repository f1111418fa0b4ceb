"""The papermill engine that runs a notebook on a warm kernel (see :mod:`.kernel`).

papermill is used as is, through its documented extension point (a registered engine) and
nbclient's own support for a caller-owned kernel manager (``km=``) and client (``kc``):
nbclient leaves a kernel it does not own running, and does not wait for a client it was
given to become ready. Before the notebook's first cell the kernel is reset (``RESET``)
and moved into the report's folder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import Engine, papermill_engines
from papermill.iorw import write_ipynb
from papermill.log import logger
from papermill.utils import remove_args

if TYPE_CHECKING:
    from equality_progress.build.kernel import WarmKernel

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
    """papermill's client, which first resets the kernel it was given and moves it into
    the report's folder (``report_dir``)."""

    report_dir: str = "."

    def papermill_execute_cells(self) -> None:
        reset = RESET.format(cwd=self.report_dir)
        msg_id = self.kc.execute(reset, silent=True, store_history=False)
        reply = self.wait_for_reply(msg_id)
        if reply is None or reply["content"]["status"] != "ok":
            raise RuntimeError("could not reset the kernel before the notebook")
        super().papermill_execute_cells()


class WarmEngine(Engine):
    """papermill's nbclient engine on a kernel the caller owns (``warm=``, a WarmKernel):
    its kernel manager and its kernel client, reset and moved into ``report_dir`` first."""

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
        report_dir: str | None = None,
        **kwargs,  # noqa: ANN003
    ):
        if warm is None or report_dir is None:
            raise ValueError(f"the {ENGINE} engine needs warm=WarmKernel(...) and report_dir=")
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
        client.report_dir = report_dir
        client.kc = warm.kc  # None if the kernel was not started by WarmKernel.start
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

"""Progress of a batch: a live status line on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class ProgressDisplay:
    """Shows reports done, failed and remaining and the elapsed time.

    On a terminal a status line is redrawn twice a second and finished reports are printed
    above it; when output is piped or logged, one plain line per finished report.
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        live: bool | None = None,
        quiet: bool = False,
    ):
        self.total = total
        self.quiet = quiet  # count only: no lines (the caller prints a summary)
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.counts = {"built": 0, "skipped": 0, "failed": 0}
        self.start = time.monotonic()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> str:
        done = sum(self.counts.values())
        elapsed = time.monotonic() - self.start
        return (
            f"{done}/{self.total} done ({self.counts['built']} built, "
            f"{self.counts['skipped']} unchanged, {self.counts['failed']} failed), "
            f"{self.total - done} to go, {int(elapsed // 60):02d}:{int(elapsed % 60):02d} "
            "elapsed"
        )

    def __enter__(self) -> ProgressDisplay:
        if self.live and not self.quiet:
            self._thread = threading.Thread(target=self._tick, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join()
            self._write("\r\033[K" + self.status() + "\n")

    def _tick(self) -> None:
        while not self._stop.wait(0.5):
            self._write("\r\033[K" + self.status())

    def _write(self, text: str) -> None:
        with self._lock:
            self.stream.write(text)
            self.stream.flush()

    def report(self, state: str, line: str) -> None:
        """Record one finished report and show its line."""
        self.counts[state] += 1
        if self.quiet:
            return
        if self.live:
            self._write("\r\033[K" + line + "\n" + self.status())
        else:
            self._write(f"[{sum(self.counts.values())}/{self.total}] {line} - {self.status()}\n")

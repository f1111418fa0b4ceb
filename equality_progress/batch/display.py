"""Progress of a batch: a live status line on a terminal, plain lines otherwise; a quiet
run's warnings summed up by kind."""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from equality_progress.batch.jobs import Outcome


class ProgressDisplay:
    """Shows reports done, failed and remaining, the rate, the time left and the elapsed
    time.

    On a terminal a status line is redrawn twice a second and finished reports are printed
    above it (quiet: the status line alone); when output is piped or logged, one plain line
    per finished report (quiet: nothing).
    """

    def __init__(
        self,
        total: int,
        stream: TextIO | None = None,
        live: bool | None = None,
        quiet: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.total = total
        self.quiet = quiet  # no line per report (the caller prints a summary)
        self.stream = stream or sys.stdout
        self.live = self.stream.isatty() if live is None else live
        self.counts = {"built": 0, "skipped": 0, "failed": 0}
        self.clock = clock
        self.start = clock()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def status(self) -> str:
        done = sum(self.counts.values())
        elapsed = self.clock() - self.start
        pace = ""
        if 0 < done < self.total:  # the rate so far, over every lane, gives the time left
            each = elapsed / done
            pace = f", {each:.2f} s a report, about {_mmss(each * (self.total - done))} left"
        return (
            f"{done}/{self.total} done ({self.counts['built']} built, "
            f"{self.counts['skipped']} unchanged, {self.counts['failed']} failed), "
            f"{self.total - done} to go{pace}, {_mmss(elapsed)} elapsed"
        )

    def __enter__(self) -> ProgressDisplay:
        if self.live:
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
            return  # a live status line still shows the count
        if self.live:
            self._write("\r\033[K" + line + "\n" + self.status())
        else:
            self._write(f"[{sum(self.counts.values())}/{self.total}] {line} - {self.status()}\n")


def _mmss(seconds: float) -> str:
    return f"{int(seconds // 60):02d}:{int(seconds % 60):02d}"


# an indicator or objective id (lower-case words joined by hyphens) in a warning's text
_ID = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")
WARNINGS_FILE = ".warnings.txt"


def warning_kinds(outcomes: Sequence[Outcome]) -> list[tuple[str, int, str]]:
    """The batch's warnings by kind (the text with its ids taken out), most frequent
    first: (kind, how many, one example naming its report)."""
    kinds: Counter[str] = Counter()
    example: dict[str, str] = {}
    for o in outcomes:
        for w in o.warnings:
            kind = _ID.sub("<id>", w)
            kinds[kind] += 1
            example.setdefault(kind, f"{o.job.name}: {w}")
    return [(k, n, example[k]) for k, n in kinds.most_common()]


def warnings_summary(outcomes: Sequence[Outcome], listed: Path | None) -> list[str]:
    """A quiet run's warnings in a few lines: one per kind, with a count and an example,
    and where the full list was written (one line per report and warning)."""
    kinds = warning_kinds(outcomes)
    if not kinds:
        return []
    total = sum(n for _, n, _ in kinds)
    reports = sum(bool(o.warnings) for o in outcomes)
    lines = [f"{total} warning(s) in {reports} report(s):"]
    lines += [f"  {n} x {kind}\n      e.g. {ex}" for kind, n, ex in kinds]
    if listed is not None:
        lines.append(f"  every warning, report by report: {listed}")
    return lines


def write_warnings(outcomes: Sequence[Outcome], path: Path) -> Path | None:
    """Every warning, one line each with its report, to ``path`` (None when there are none)."""
    lines = [f"{o.job.name}: {w}" for o in outcomes for w in o.warnings]
    if not lines:
        path.unlink(missing_ok=True)
        return None
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

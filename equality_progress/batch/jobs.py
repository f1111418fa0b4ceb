"""A batch's units of work and their results: a report to build (authority x year), the
batch's options, what became of each report, and the summary table. Light on imports, so
the no-op check can print it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from equality_progress.layout import DEFAULT_FORMATS


@dataclass(frozen=True)
class Job:
    authority: str
    year: str

    @property
    def name(self) -> str:
        return f"{self.authority} {self.year}"


@dataclass(frozen=True)
class Options:
    output: Path
    formats: tuple[str, ...] = DEFAULT_FORMATS
    renderer: str = "builtin"
    force: bool = False
    data_dir: Path | None = None
    notebook: Path | None = None
    templates: Path | None = None
    cell_timeout: int | None = None  # overrides params/settings.yaml


@dataclass
class Outcome:
    job: Job
    state: str  # built, skipped, failed
    seconds: float = 0.0
    error: str = ""
    status_counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)


def summary_table(outcomes: Sequence[Outcome]) -> str:
    width = max(len(o.job.name) for o in outcomes)
    lines = [f"{'report'.ljust(width)}  result   time   detail"]
    for o in outcomes:
        detail = o.error.splitlines()[0] if o.error else _counts(o)
        lines.append(f"{o.job.name.ljust(width)}  {o.state:<7} {o.seconds:5.1f}s  {detail}")
    return "\n".join(lines)


def _counts(o: Outcome) -> str:
    """'measures: on track 12, achieved 2; actions: achieved 40; context 1': outcome
    measures, actions and context figures counted apart, as page one counts them."""

    def words(counts: dict[str, int]) -> str:
        return ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in counts.items() if v)

    if not o.by_kind:  # a notebook run before the counts were kept apart
        return words(o.status_counts)
    parts = [f"{k}: {words(o.by_kind[k])}" for k in ("measures", "actions") if o.by_kind.get(k)]
    context = sum(o.by_kind.get("context", {}).values())
    if context:
        parts.append(f"context {context}")
    return "; ".join(parts)

"""Errors the analyst sees. Each names the file and, where known, the row and column."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

NOTE = "note"  # the rule of a Problem that is a note, not an error


@dataclass(frozen=True)
class Problem:
    """One problem found in an input file, in plain English."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    rule: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            text += f" (found {self.value!r})"
        return text


SHOWN_ROWS = 5


def grouped(problems: list[Problem]) -> list[str]:
    """The problems as the analyst reads them: one line per file, column and problem, with
    how many rows have it and the first few (1,458 empty cells are one line, not 1,458),
    in the order first found. A problem on one row is shown as it is."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        key = (p.file, p.column, p.message, p.rule) if p.row is not None else (id(p),)
        groups.setdefault(key, []).append(p)
    lines = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            lines.append(str(first))
            continue
        rows = [p.row for p in same]
        shown = ", ".join(str(r) for r in rows[:SHOWN_ROWS])
        more = f" and {len(rows) - SHOWN_ROWS} more" if len(rows) > SHOWN_ROWS else ""
        where = first.file + (f", column '{first.column}'" if first.column else "")
        found = f" (found {first.value!r} on row {first.row})" if first.value is not None else ""
        lines.append(f"{where}: {first.message}, on {len(rows)} rows: {shown}{more}{found}")
    return lines


class InputError(ValueError):
    """Raised when inputs are invalid; carries every problem found, not only the first.
    Its text groups the same problem on many rows into one line (:func:`grouped`)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        self.lines = grouped(self.problems)
        lines = "\n".join(f"  - {line}" for line in self.lines)
        super().__init__(f"{len(self.lines)} problem(s) in the inputs:\n{lines}")


def display_path(path: str | Path, root: Path | None = None) -> str:
    """A path as shown in messages and outputs: relative to ``root`` when it can be."""
    p = Path(path)
    if root is not None:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return p.name if p.is_absolute() else p.as_posix()


def did_you_mean(value: str, choices: list[str] | tuple[str, ...]) -> str:
    """' (did you mean 'X'?)' for the closest choice, or '' when none is close."""
    low = {c.lower(): c for c in choices}
    tail = value.rsplit(" - ", 1)[-1]  # "Asian or Asian British - Indian" -> "Indian"
    for candidate in (value, tail):
        if candidate.lower() in low:
            return f" (did you mean '{low[candidate.lower()]}'?)"
    for candidate, cutoff in ((tail, 0.75), (value, 0.6)):
        close = difflib.get_close_matches(candidate.lower(), list(low), n=1, cutoff=cutoff)
        if close:
            return f" (did you mean '{low[close[0]]}'?)"
    return ""

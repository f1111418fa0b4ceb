"""Errors the analyst sees. Each names the file and, where known, the row and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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


class InputError(ValueError):
    """Raised when inputs are invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the inputs:\n{lines}")


def display_path(path: str | Path, root: Path | None = None) -> str:
    """A path as shown in messages and outputs: relative to ``root`` when it can be."""
    p = Path(path)
    if root is not None:
        try:
            return p.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return p.name if p.is_absolute() else p.as_posix()

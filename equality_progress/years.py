"""UK financial years, written ``2024-25`` wherever a person reads them.

A financial year runs 1 April to 31 March; the workforce snapshot for a
reporting year is taken on 31 March at the year's end (the "snapshot date"
used by the Equality Act 2010 (Specific Duties and Public Authorities)
Regulations 2017 for public-sector gender pay gap reporting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# 2024-25 as the project writes it; 2024/25, 2024-2025 and an en dash are read the same
_PATTERN = re.compile(r"^(\d{4})\s*[-/\u2013]\s*(\d{2}|\d{4})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK financial year, identified by the calendar year it starts in."""

    start: int

    @classmethod
    def parse(cls, text: str | FinancialYear) -> FinancialYear:
        """Parse ``"2024-25"`` (or ``2024/25``, ``2024-2025``): the one grammar of a year,
        for every command, params file and folder. Raises ``ValueError`` naming the value
        and the expected form otherwise."""
        if isinstance(text, FinancialYear):
            return text
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(
                f"'{text}' is not a financial year; write it like 2024-25 (or 2024/25)"
            )
        start, end = int(match.group(1)), int(match.group(2))
        if end != (start + 1) % 100 and end != start + 1:
            raise ValueError(
                f"'{text}' is not a financial year: {match.group(2)} does not follow {start}; "
                "write it like 2024-25 (or 2024/25)"
            )
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start}-{(self.start + 1) % 100:02d}"

    @property
    def end(self) -> int:
        return self.start + 1

    @property
    def snapshot_date(self) -> date:
        """31 March at the end of the year."""
        return date(self.start + 1, 3, 31)

    @property
    def first_day(self) -> date:
        return date(self.start, 4, 1)

    def previous(self) -> FinancialYear:
        return FinancialYear(self.start - 1)

    def __sub__(self, other: FinancialYear) -> int:
        return self.start - other.start

    def __str__(self) -> str:
        return self.label

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

_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK financial year, identified by the calendar year it starts in."""

    start: int

    @classmethod
    def parse(cls, text: str | FinancialYear) -> FinancialYear:
        """Parse ``"2024-25"``; raise ``ValueError`` naming the expected form otherwise."""
        if isinstance(text, FinancialYear):
            return text
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(f"'{text}' is not a financial year; write it like 2024-25")
        start, end = int(match.group(1)), int(match.group(2))
        if (start + 1) % 100 != end:
            raise ValueError(f"'{text}' is not a financial year: {end:02d} does not follow {start}")
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

"""The published words: one list each, in the order the report uses them, light to import."""

from __future__ import annotations

import subprocess
import sys

from equality_progress.vocabulary import (
    ACTION_STAGES,
    CHANGES,
    COUNTED_STATUSES,
    STATUSES,
    TRENDS,
)


def test_the_words_and_their_order() -> None:
    assert STATUSES[:2] == ("achieved", "on_track") and STATUSES[-1] == "not_available"
    assert "not_assessed" in STATUSES and "not_assessed" not in COUNTED_STATUSES
    assert len(COUNTED_STATUSES) == len(STATUSES) - 1
    assert TRENDS == (
        "improving",
        "no_clear_change",
        "worsening",
        "not_available",
        "rising",
        "falling",
    )
    assert ACTION_STAGES == ("not_started", "in_progress", "complete")
    assert CHANGES == ("status_moved", "figure_revised", "added", "retired")


def test_importing_it_loads_nothing_heavy() -> None:
    code = (
        "import sys, equality_progress.vocabulary\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pandas', 'numpy', 'pydantic'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

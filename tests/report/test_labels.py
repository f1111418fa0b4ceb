"""The words and symbols for statuses and trends: one vocabulary in the code, the labels,
the glossary and the docs; counted statuses in the summary tables' order; no pandas."""

from __future__ import annotations

import subprocess
import sys

from equality_progress.report.labels import (
    ACTION_ONLY,
    ALL_STATUS_LABELS,
    CONTEXT_LABEL,
    STATUS_LABELS,
)
from equality_progress.vocabulary import COUNTED_STATUSES, STATUSES, TRENDS


def test_one_vocabulary_in_code_labels_glossary_and_docs():
    from pathlib import Path

    from equality_progress.report.appendix import GLOSSARY
    from equality_progress.report.labels import STATUS_MEANINGS, TREND_LABELS, TREND_MEANINGS

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    method = (root / "docs" / "methodology.md").read_text(encoding="utf-8")
    terms = {term for term, _ in GLOSSARY}
    assert set(ALL_STATUS_LABELS) == set(STATUS_MEANINGS) == set(STATUSES)
    assert set(TREND_LABELS) == set(TREND_MEANINGS) == set(TRENDS)
    for status in STATUSES:
        assert f"`{status}`" in readme and f"`{status}`" in method, status
        assert f"Status: {ALL_STATUS_LABELS[status][1]}" in terms
    for word in TRENDS:
        assert f"`{word}`" in readme and f"`{word}`" in method, word
        assert f"Trend: {TREND_LABELS[word]}" in terms


def test_counted_statuses_in_order_and_context_apart():
    assert tuple(STATUS_LABELS) == COUNTED_STATUSES
    assert list(CONTEXT_LABEL) == ["not_assessed"]
    assert ALL_STATUS_LABELS == {**STATUS_LABELS, **CONTEXT_LABEL}
    assert set(ACTION_ONLY) == {"not_started"}


def test_each_status_has_a_symbol_and_a_label_of_its_own():
    symbols = [symbol for symbol, _ in ALL_STATUS_LABELS.values()]
    words = [word for _, word in ALL_STATUS_LABELS.values()]
    assert len(set(symbols)) == len(symbols) == len(STATUSES)
    assert len(set(words)) == len(words)
    assert all(len(s) == 1 and w[0].isupper() for s, w in ALL_STATUS_LABELS.values())


def test_the_index_page_can_read_them_without_pandas():
    """The batch process builds the index with these labels and never imports pandas."""
    code = "import sys, equality_progress.report.labels\nprint('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""The workforce section: made once per report, although it is both shown and counted (the
data-quality appendix counts its withheld cells), and immutable once made."""

from __future__ import annotations

import dataclasses

import pytest

from equality_progress.report import appendix, workforce
from equality_progress.report.assemble import assemble


def test_the_section_is_made_once_and_counted_from_the_same_tables(monkeypatch):
    report = assemble("sefton", "2024-25")
    made = []
    real = workforce._section
    monkeypatch.setattr(workforce, "_section", lambda r: made.append(1) or real(r))
    shown = workforce.section(report)
    quality = appendix.data_quality(report)
    assert workforce.section(report) is shown
    assert made == [1]
    # the count covers the section's withheld cells (and the group tables' elsewhere)
    n = int(
        quality.html.split("Cells withheld for disclosure control in this report: ")[1][:4].split(
            "."
        )[0]
    )
    assert 0 < shown.html.count(">[c]<") <= n


def test_a_block_cannot_be_changed_once_made():
    report = assemble("unnamed-ca", "2024-25")
    with pytest.raises(dataclasses.FrozenInstanceError):
        workforce.section(report).html = ""

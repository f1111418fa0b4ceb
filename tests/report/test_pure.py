"""Pure rendering: a section called twice gives the same block and changes nothing; chart
ids are derived from what a chart shows. (Cells withheld, counted from the published tables:
tests/report/test_appendix.py.)"""

from __future__ import annotations

import re

import pytest
from support import sample_report

from equality_progress.report import actions, appendix, objectives, page_one, workforce


@pytest.fixture(scope="module")
def report():
    return sample_report("lcrca", "2024-25")


def test_every_section_is_pure(report):
    _ = report.workforce_plan  # computed once from the data (a cache), before any section runs
    before = {k: id(v) for k, v in report.__dict__.items()}
    counts = report.table["status"].value_counts().to_dict()
    calls = [
        lambda: page_one.title_page(report),
        lambda: page_one.summary(report),
        lambda: objectives.objective(report, "employer"),
        lambda: actions.action_plan(report),
        lambda: workforce.section(report),
        lambda: appendix.data_quality(report),
    ]
    for call in calls:
        first, second = call(), call()
        assert first == second
    assert {k: id(v) for k, v in report.__dict__.items()} == before
    assert report.table["status"].value_counts().to_dict() == counts
    assert not hasattr(report, "suppressed_cells") and not hasattr(report, "chart_count")


def test_chart_ids_come_from_what_the_chart_shows(report):
    block = objectives.objective(report, "employer")
    ids = re.findall(r'<figure class="chart" id="([^"]+)"', block.html)
    assert "chart-employer-ethnic-minority-workforce" in ids
    assert len(ids) == len(set(ids))
    assert ids == re.findall(
        r'<figure class="chart" id="([^"]+)"', objectives.objective(report, "employer").html
    )

"""An objective's tables: survey groups against a threshold, under disclosure control that
counts the respondents who did not answer."""

from __future__ import annotations

import csv
import re

import pytest
from project_copy import make_project

from equality_progress.report import objectives
from equality_progress.report.assemble import assemble


@pytest.fixture
def survey_with_three_not_saying(tmp_path, monkeypatch):
    """LCRCA 2024-25 with 3 survey respondents answering "Prefer not to say" on disability."""
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    path = root / "data" / "lcrca" / "2024-25" / "staff_survey.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows[:3]:
        row["disability"] = "Prefer not to say"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def test_survey_groups_never_give_away_those_who_did_not_answer(survey_with_three_not_saying):
    report = assemble("lcrca", "2024-25")
    [res] = [x for x in report.evaluation.results if x.indicator.data.measure == "survey_score"]
    html = objectives.groups_table(report, res).html
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)
    ]
    columns = cells.index("Against threshold") + 1
    rows = [cells[i : i + columns] for i in range(columns, len(cells), columns)]
    disability = {r[0]: r[3] for r in rows if r[0].startswith("Disability: ")}
    assert set(disability) == {"Disability: Disabled", "Disability: Not disabled"}
    published = [int(v) for v in disability.values() if v != "[c]"]
    # the respondents are known (600): had both been published, 600 - both = 3
    assert len(published) < 2, disability


def test_a_direction_measures_card_says_which_way_is_better():
    """Issue 25: LCRCA's male share "improved from 52.3% to 50.1%" with nothing on the card
    saying why lower is better."""
    from equality_progress.report import objectives
    from equality_progress.report.assemble import assemble

    r = assemble("lcrca", "2024-25")
    res = next(x for x in r.evaluation.results if x.indicator.id == "employer-male-share")
    items = dict(objectives._figures(r, res))
    assert items["The strategy asks for"] == "a fall (lower is better) by March 2026"
    target = next(x for x in r.evaluation.results if x.indicator.kind == "target")
    assert "The strategy asks for" not in dict(objectives._figures(r, target))

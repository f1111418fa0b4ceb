"""An objective's tables: survey groups against a threshold, under disclosure control that
counts the respondents who did not answer."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from project_copy import make_project
from support import sample_report

from equality_progress.report import objectives
from equality_progress.report.assemble import assemble


def _project_with_survey(tmp_path, monkeypatch, edit) -> int:
    """A copy of the sample project whose LCRCA 2024-25 survey rows ``edit`` changes (row
    index, row) in place; the number of rows."""
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    path = root / "data" / "lcrca" / "2024-25" / "staff_survey.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows):
        edit(i, row)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


@pytest.fixture
def survey_with_three_not_saying(tmp_path, monkeypatch):
    """LCRCA 2024-25 with 3 survey respondents answering "Prefer not to say" on disability."""

    def edit(i: int, row: dict) -> None:
        if i < 3:
            row["disability"] = "Prefer not to say"

    return _project_with_survey(tmp_path, monkeypatch, edit)


def _survey_rows() -> list[list[str]]:
    """The cells of LCRCA 2024-25's survey groups table, row by row (header left out)."""
    report = assemble("lcrca", "2024-25")  # the project a fixture has edited
    [res] = [x for x in report.evaluation.results if x.indicator.data.measure == "survey_score"]
    html = objectives.groups_table(report, res).html
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.S)
    ]
    columns = cells.index("Against threshold") + 1
    return [cells[i : i + columns] for i in range(columns, len(cells), columns)]


def test_survey_groups_never_give_away_those_who_did_not_answer(survey_with_three_not_saying):
    rows = _survey_rows()
    disability = {r[0]: r[3] for r in rows if r[0].startswith("Disability: ")}
    assert set(disability) == {"Disability: Disabled", "Disability: Not disabled"}
    published = [int(v) for v in disability.values() if v != "[c]"]
    # the respondents are known (600): had both been published, 600 - both = 3
    assert len(published) < 2, disability


def test_a_direction_measures_card_says_which_way_is_better():
    """Issue 25: LCRCA's male share "improved from 52.3% to 50.1%" with nothing on the card
    saying why lower is better."""
    from equality_progress.report import objectives

    r = sample_report("lcrca", "2024-25")
    res = next(x for x in r.evaluation.results if x.indicator.id == "employer-male-share")
    items = dict(objectives._figures(r, res))
    assert items["The strategy asks for"] == "a fall (lower is better) by March 2026"
    target = next(x for x in r.evaluation.results if x.indicator.kind == "target")
    assert "The strategy asks for" not in dict(objectives._figures(r, target))


def test_a_withheld_share_shows_its_true_base_not_zero():
    """Issue 28: LCRCA 2022-23 printed 'All senior appointments [c] [z] 0' for 3 of 55
    appointments: the base is 55 (recounted from the recruitment file), the share withheld."""
    import pandas as pd

    from equality_progress.report import objectives

    root = Path(__file__).resolve().parents[2]
    rec = pd.read_csv(root / "data" / "lcrca" / "2022-23" / "recruitment.csv")
    senior = rec[
        (rec["senior_role"].astype(str).str.lower() == "true") & (rec["stage"] == "appointed")
    ]
    r = sample_report("lcrca", "2022-23")
    res = next(
        x
        for x in r.evaluation.results
        if x.indicator.id == "employer-senior-appointments-ethnic-minority"
    )
    text = objectives.groups_table(r, res).plain
    assert len(senior) == 55 and "Withheld to protect individuals" in text  # not "small"
    row = [line for line in text.splitlines() if line.startswith("All senior appointments")][0]
    assert "55" in row.split() and "0" not in row.split()
    # a census count has no interval: no '95% confidence interval' column of [z] (issue 25)
    assert "confidence interval" not in text and "[z]" not in text
    # its status is withheld too, and why (issue 24): below 6% of 55 would be 1 to 3 people
    assert res.assessment.status == "not_available"
    assert res.assessment.reason.startswith(
        "The figure is withheld to protect individuals (of 55), and so is its status: saying "
        "whether "
        "it is above or below 6% would narrow the count to fewer than 5 people."
    )
    # its card says the figure is withheld, not that there is none (issue 28's audit)
    assert dict(objectives._figures(r, res))["Latest (2022-23)"] == (
        "Withheld to protect individuals"
    )


def test_a_trend_charts_alt_text_names_every_value():
    """Issue 25: the PDF's charts said only their first and last values. LCRCA 2025-26's
    disabled staff, recounted from each year's workforce file: every year, as printed."""
    root = Path(__file__).resolve().parents[2]
    said = []
    for y in ("2021-22", "2022-23", "2023-24", "2024-25", "2025-26"):
        wf = pd.read_csv(root / "data" / "lcrca" / y / "workforce.csv")
        said.append(f"{y} {(wf['disability'] == 'Disabled').mean() * 100:.1f}%")
    r = sample_report("lcrca", "2025-26")
    res = next(x for x in r.evaluation.results if x.indicator.id == "employer-disabled-workforce")
    block = objectives.trend_chart(r, res)
    assert ", ".join(said) in block.plain
    assert 'alt: "Line chart of Disabled share of the workforce' in block.typst


def _y_labels(svg: str) -> list[float]:
    """The value axis's tick labels (right-aligned texts) of a trend chart's SVG."""
    labels = re.findall(r'text-anchor="end"[^>]*>([\d.,−-]+)</text>', svg)
    return [float(s.replace("−", "-").replace(",", "")) for s in labels]


def test_a_trend_whose_axis_is_cut_says_so_and_the_print_copy_keeps_the_axis():
    """Issue 25: value axes cut at 6, 50 or 55 made small changes look steep. A caption now
    says where a cut axis starts (LCRCA 2024-25's male share, 50.1% to 55.7%); an axis from
    zero says nothing; the PDF's shorter copy of a chart spans the same axis."""
    r = sample_report("lcrca", "2024-25")
    by_id = {x.indicator.id: x for x in r.evaluation.results}
    male = objectives.trend_chart(r, by_id["employer-male-share"])
    cut = re.search(r"\(axis from (\d+\.\d)%, not zero\)", male.plain)
    assert cut and 0 < float(cut.group(1)) <= 50.1
    screen = male.html.split("<svg", 1)[1]
    assert min(_y_labels(screen)) >= float(cut.group(1)) > 0
    whole = objectives.trend_chart(r, by_id["employer-lgb-plus-share"])
    assert "not zero" not in whole.plain and min(_y_labels(whole.html)) == 0
    pdf_svg = male.typst.split('bytes("', 1)[1].split('"), format', 1)[0].replace('\\"', '"')
    assert 'viewBox="0 0 ' in pdf_svg and pdf_svg != screen
    assert min(_y_labels(pdf_svg)) >= float(cut.group(1))  # no tick below the stated start


def test_a_score_charts_data_table_prints_the_places_the_chart_plots():
    """A 1-7 score is plotted to two places (charts.trend) and its card prints 6.56; its data
    table printed 6.6. LCRCA 2025-26's engagement score, recounted from the survey file."""
    root = Path(__file__).resolve().parents[2]
    survey = pd.read_csv(root / "data" / "lcrca" / "2025-26" / "staff_survey.csv")
    mean = f"{survey['edi_score'].mean():.2f}"
    r = sample_report("lcrca", "2025-26")
    res = next(x for x in r.evaluation.results if x.indicator.id == "employer-edi-engagement-score")
    block = objectives.trend_chart(r, res)
    table = block.html.split("<details>", 1)[1]
    assert f">{mean}</td>" in table, (mean, table[:400])


@pytest.fixture
def survey_with_seven_disabled(tmp_path, monkeypatch):
    """LCRCA 2024-25's survey with 7 disabled respondents and 3 not saying."""

    def edit(i: int, row: dict) -> None:
        row["disability"] = (
            "Disabled" if i < 7 else "Prefer not to say" if i < 10 else "Not disabled"
        )

    _project_with_survey(tmp_path, monkeypatch, edit)


def test_a_withheld_count_of_responses_is_not_called_too_few(survey_with_seven_disabled):
    """helper-34's audit: "Too few responses to publish" beside a withheld count says it
    is under 10 (and "Withheld" that it is not), which with the other counts can leave a
    group of 1 to 4. Beside a withheld count every withheld group reads alike."""
    rows = {r[0]: r for r in _survey_rows()}
    disabled = rows["Disability: Disabled"]
    assert disabled[3] == "[c]", disabled  # 7, withheld: 600 - 590 - 7 = 3 not saying
    assert disabled[4] == "Withheld to protect individuals", disabled

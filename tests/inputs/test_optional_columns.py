"""Optional means optional: a characteristic an authority does not collect may be left out
of its files; the measures that need it say "not collected" and the report still builds.
Declared absences pass, with their reason in the report."""

from __future__ import annotations

import csv

import pytest
from project_copy import CORPUS, make_project

from equality_progress.batch import cli
from equality_progress.inputs.checking import errors, read_checked
from equality_progress.inputs.contracts import CONTRACTS

LEFT_OUT = ("sexual_orientation", "care_experience")


def drop_columns(path, names) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    keep = [i for i, h in enumerate(rows[0]) if h not in names]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    return root


def test_optional_columns_may_be_left_out(tmp_path):
    path = tmp_path / "workforce.csv"
    path.write_bytes((CORPUS / "valid_workforce.csv").read_bytes())
    drop_columns(path, LEFT_OUT)
    frame, problems = read_checked(path, CONTRACTS["workforce"], "workforce.csv")
    assert errors(problems) == [] and frame is not None
    assert not set(LEFT_OUT) & set(frame.columns)


def test_an_optional_code_list_cell_may_not_be_empty(tmp_path):
    lines = (CORPUS / "valid_workforce.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "workforce.csv"
    path.write_text("\n".join([lines[0], lines[1].replace(",No,", ",,")]) + "\n", encoding="utf-8")
    _, problems = read_checked(path, CONTRACTS["workforce"], "workforce.csv")
    assert [(p.row, p.column, p.message) for p in problems] == [(2, "care_experience", "is empty")]


def test_measures_that_need_a_column_left_out_say_not_collected(project, capsys):
    from equality_progress.report import appendix, workforce
    from equality_progress.report.assemble import assemble

    drop_columns(project / "data" / "lcrca" / "2024-25" / "workforce.csv", LEFT_OUT)
    assert cli.main(["validate", "--authority", "lcrca", "--year", "2024-25"]) == 0
    r = assemble("lcrca", "2024-25")
    needing = [x for x in r.evaluation.results if x.indicator.data.characteristic in LEFT_OUT]
    assert needing
    for x in needing:
        assert x.assessment.status == "not_available"
        assert x.assessment.reason == (
            "Not collected: this year's data has no sexual orientation column."
        )
    others = [x for x in r.evaluation.results if x.indicator.data.characteristic == "ethnicity"]
    assert all(x.assessment.status != "not_available" for x in others)
    section = workforce.section(r)
    assert "Sexual orientation" not in section.html and "Ethnicity" in section.html
    quality = appendix.data_quality(r).html
    assert "not collected" in quality


def test_a_file_declared_absent_passes_and_the_report_says_why(project, capsys):
    from equality_progress.report.assemble import assemble

    (project / "data" / "lcrca" / "2023-24" / "staff_survey.csv").unlink()
    with (project / "params" / "authorities" / "lcrca.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            'absent:\n  2023/24:\n    staff_survey.csv: "No staff survey was run in 2023-24"\n'
        )
    assert cli.main(["validate", "--authority", "lcrca", "--year", "2024-25"]) == 0
    r = assemble("lcrca", "2024-25")
    note = "staff_survey.csv for 2023-24 is absent: No staff survey was run in 2023-24"
    assert note in r.evaluation.warnings
    capsys.readouterr()
    assert cli.main(["validate", "--authority", "lcrca", "--year", "2023-24"]) == 0


def test_a_whole_year_declared_absent(project):
    import shutil

    shutil.rmtree(project / "data" / "lcrca" / "2023-24")
    with (project / "params" / "authorities" / "lcrca.yaml").open("a", encoding="utf-8") as fh:
        fh.write('absent: {2023-24: {all: "Records lost in the 2023 system migration"}}\n')
    assert cli.main(["validate", "--authority", "lcrca", "--year", "2024-25"]) == 0

"""One call assembles a report: inputs checked (a year the authority does not report is
refused), every indicator evaluated with last year's evaluation beside it; the Report's
chart ids, open data, run summary and provenance."""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from equality_progress.analysis.evaluate import CSV_COLUMNS, Evaluation
from equality_progress.analysis.status import Assessment
from equality_progress.errors import InputError
from equality_progress.report.assemble import Report, RunSummary, assemble, validate
from equality_progress.report.mime import SUMMARY_MIME
from equality_progress.vocabulary import STATUSES
from equality_progress.years import FinancialYear

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def report():
    """The smallest sample report (actions only: quick to assemble)."""
    return assemble("unnamed-ca", "2024-25")


def test_a_year_the_authority_does_not_report_is_refused_naming_its_params():
    with pytest.raises(InputError) as caught:
        validate("unnamed-ca", "2023-24")
    (problem,) = caught.value.problems
    assert problem.file == "params/authorities/unnamed-ca.yaml"
    assert problem.message == "2023-24 is not one of the reporting years (2024-25)"


def test_the_report_and_last_years_evaluation(report):
    assert report.year == FinancialYear(2024) and report.evaluation.year == FinancialYear(2024)
    assert report.previous is not None and report.previous.year == FinancialYear(2023)
    ids = [i.id for i in report.catalogue.indicators]
    assert [r.indicator.id for r in report.evaluation.results] == ids
    assert list(report.table["indicator_id"]) == ids


@pytest.mark.parametrize(
    ("stem", "chart_id"),
    [
        ("Employer: Ethnic minority workforce", "chart-employer-ethnic-minority-workforce"),
        ("  50 and over (%)  ", "chart-50-and-over"),
        ("x" * 80, "chart-" + "x" * 54),  # 60 characters at most
    ],
)
def test_a_chart_id_is_made_from_what_it_shows(stem, chart_id):
    assert Report.chart_id(stem) == chart_id


def test_once_makes_a_part_the_first_time_only(report):
    variant = dataclasses.replace(report)  # a fresh cache of parts
    made = []
    first = variant.once("part", lambda: made.append(1) or ["made"])
    again = variant.once("part", lambda: made.append(1) or ["other"])
    assert first is again and made == [1]


def test_open_data_is_one_row_per_indicator_in_the_documented_columns(report, tmp_path):
    path = report.write_open_data(tmp_path)
    assert path == tmp_path / "indicators.csv"
    raw = path.read_bytes()
    assert b"\r\n" not in raw
    assert raw.decode("utf-8").splitlines()[0] == ",".join(CSV_COLUMNS)
    back = pd.read_csv(path, keep_default_na=False)
    assert list(back["indicator_id"]) == [i.id for i in report.catalogue.indicators]
    assert set(back["authority"]) == {"unnamed-ca"} and set(back["year"]) == {"2024-25"}


def test_the_run_summary_counts_every_status_and_warns_of_no_next_steps(report):
    results = list(report.evaluation.results)
    recurring = next(i for i, r in enumerate(results) if r.indicator.kind == "recurring")
    milestone = next(i for i, r in enumerate(results) if r.indicator.kind == "milestone")
    for i in (recurring, milestone):
        results[i] = dataclasses.replace(
            results[i], assessment=Assessment("off_track", "worsening", "Not done.")
        )
    evaluation = Evaluation("unnamed-ca", report.year, results, ["a warning of the inputs"])
    summary = dataclasses.replace(report, evaluation=evaluation).run_summary()
    expected = Counter(r.assessment.status for r in results)
    assert summary.status_counts == {s: expected.get(s, 0) for s in STATUSES}
    assert list(summary.status_counts) == list(STATUSES)
    # counted apart (issue 23): this authority's twelve objectives are all actions
    kinds = Counter(r.indicator.kind for r in results)
    assert sum(summary.by_kind["actions"].values()) == kinds["milestone"] + kinds["recurring"]
    assert summary.by_kind["actions"]["off_track"] == expected["off_track"]
    assert summary.by_kind["measures"] == {} and summary.by_kind["context"] == {}
    ident = results[recurring].indicator.id
    assert summary.warnings == [
        "a warning of the inputs",
        f"{ident} is off track or worsening and has no next_steps in commentary.yaml",
    ]  # a milestone off track is not warned of: its stage says what to do


def test_the_run_summary_is_read_back_from_its_own_mime_type():
    bundle = RunSummary({"achieved": 2, "off_track": 1}, ["w"])._repr_mimebundle_()
    assert bundle["text/plain"] == "achieved: 2\noff_track: 1"
    assert bundle[SUMMARY_MIME] == {
        "status_counts": {"achieved": 2, "off_track": 1},
        "warnings": ["w"],
    }


def test_provenance_hashes_every_input_the_report_reads(report):
    prov = report.provenance()
    expected = {
        f"params/{kind}/unnamed-ca.yaml": ROOT / "params" / kind / "unnamed-ca.yaml"
        for kind in ("authorities", "catalogues")
    }
    expected["params/settings.yaml"] = ROOT / "params" / "settings.yaml"
    for year in ("2023-24", "2024-25"):  # the baseline year to the report's
        folder = ROOT / "data" / "unnamed-ca" / year
        for f in folder.glob("*") if folder.is_dir() else []:
            expected[f"data/unnamed-ca/{year}/{f.name}"] = f
    assert {row["file"]: row["sha256"] for row in prov["inputs"]} == {
        name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in expected.items()
    }
    assert prov["packages"]["pandas"] == pd.__version__
    assert prov["generated"] == "2025-06-30"  # published: {2024-25: 2025-06-30} in its params


def test_the_run_summary_counts_lcrcas_measures_actions_and_context_apart():
    """LCRCA 2024-25: 19 judged outcome measures, the actions and one context figure, each
    counted once in its own group (the catalogue's kinds, counted here by hand)."""
    from equality_progress.inputs.catalogue import load_catalogue

    kinds = Counter(i.kind for i in load_catalogue("lcrca").indicators)
    by_kind = assemble("lcrca", "2024-25").run_summary().by_kind
    assert sum(by_kind["actions"].values()) == kinds["milestone"] + kinds["recurring"]
    assert by_kind["context"] == {"not_assessed": kinds["context"]} and kinds["context"] == 1
    measures = sum(kinds[k] for k in ("target", "direction", "threshold"))
    assert sum(by_kind["measures"].values()) == measures == 19  # as page one says


def test_a_swing_against_last_year_stops_the_build_and_says_both_fixes(tmp_path):
    """Issue 22: a category's share that swings against last year stops the build (a code
    mapped to the wrong category published a plausible wrong figure), naming the file, the
    column, both years and both fixes; nothing is published."""
    import shutil

    trap = Path(__file__).resolve().parents[1] / "fixtures" / "trap" / "workforce.csv"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "lcrca", data / "lcrca")
    shutil.copy(trap, data / "lcrca" / "2025-26" / "workforce.csv")
    with pytest.raises(InputError) as caught:
        assemble("lcrca", "2025-26", data)
    said = [str(p) for p in caught.value.problems if p.rule == "category swing"]
    ages = [s for s in said if "column 'age_band'" in s]  # the trap's ages swing (others too)
    assert ages and "2024-25" in ages[0] and "accepted_changes:" in ages[0]


def _project_without_contact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample project, in use, whose LCRCA params give no contact:."""
    from project_copy import make_project

    root = make_project(tmp_path / "project")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(root))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    params = root / "params" / "authorities" / "lcrca.yaml"
    text = params.read_text(encoding="utf-8")
    params.write_text(
        "\n".join(x for x in text.splitlines() if not x.startswith("contact:")) + "\n",
        encoding="utf-8",
    )
    return root


def test_validate_lists_a_files_problems_with_the_checks_across_files_and_params(
    tmp_path, monkeypatch
):
    """The README's "every problem at once" (issue 22, D10): a data file's problem no longer
    hides the checks across files (an id no indicator has) nor the params' (no contact:),
    which came back only once the data were clean."""
    root = _project_without_contact(tmp_path, monkeypatch)
    folder = root / "data" / "lcrca" / "2024-25"
    (folder / "staff_export.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    measures = folder / "measures.csv"
    lines = measures.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",", 1)
    lines.append(f"no-such-indicator,{first[1]}")
    measures.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate("lcrca", "2024-25", frames=False)
    rules = Counter(p.rule for p in caught.value.problems)
    assert rules["unread file"] == 1, caught.value.lines
    assert rules["contact"] == 1, caught.value.lines
    assert rules["unknown id"] == 1, caught.value.lines


def test_a_mapping_with_problems_does_not_hide_the_params_problems(tmp_path, monkeypatch):
    root = _project_without_contact(tmp_path, monkeypatch)
    (root / "params" / "mappings").mkdir()
    (root / "params" / "mappings" / "lcrca.yaml").write_text(
        "authority: lcrca\nfiles: {workforce: {file: x.xlsx, codes: {sex: {F: Femal}}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        validate("lcrca", "2024-25", frames=False)
    said = caught.value.lines
    assert any("'F' maps to 'Femal'" in x for x in said), said
    assert any("contact: missing" in x for x in said), said


def test_a_name_left_as_init_wrote_it_is_warned_of(monkeypatch):
    """Issue 22's re-run: `new` writes display_name "Name of the authority", and a report
    was published under it without a word. The run now warns (naming the file and the fix)."""
    import equality_progress.report.assemble as assembly

    r = assemble("unnamed-ca", "2024-25")
    assert not [w for w in r.evaluation.warnings if "display_name" in w]
    original = assembly.validate

    def unnamed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        auth, *rest = original(*args, **kwargs)
        return (auth.model_copy(update={"display_name": "Name of the authority"}), *rest)

    monkeypatch.setattr(assembly, "validate", unnamed)
    warned = assemble("unnamed-ca", "2024-25").evaluation.warnings
    assert (
        "params/authorities/unnamed-ca.yaml: display_name is still 'Name of the authority'; "
        "give the authority's name as the report should print it"
    ) in warned

"""Where things live: environment overrides, a report's input files, content hashes, and
which code shapes a report."""

from __future__ import annotations

from pathlib import Path

from equality_progress.inputs import paths
from equality_progress.inputs.years import FinancialYear

ROOT = Path(__file__).resolve().parents[2]


def test_project_and_data_folders_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    monkeypatch.delenv(paths.DATA_ENV, raising=False)
    assert paths.project_root() == ROOT
    assert paths.data_root() == ROOT / "data"
    monkeypatch.setenv(paths.ROOT_ENV, str(tmp_path))
    assert paths.data_root() == tmp_path / "data"
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "elsewhere"))
    assert paths.data_root() == tmp_path / "elsewhere"


def test_a_report_reads_every_year_from_the_baseline_and_only_its_own_commentary(tmp_path):
    for year, names in {
        "2021-22": ["workforce.csv", "commentary.yaml"],
        "2022-23": [],  # a year with no folder at all is skipped
        "2023-24": ["workforce.csv", "actions.csv", "commentary.yaml"],
        "2024-25": ["workforce.csv"],  # after the report's year: not read
    }.items():
        if names:
            (tmp_path / "a" / year).mkdir(parents=True)
            for n in names:
                (tmp_path / "a" / year / n).write_text("x", encoding="utf-8")
    files = paths.input_files(
        "a", FinancialYear.parse("2023-24"), FinancialYear.parse("2021-22"), tmp_path
    )
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a/2021-22/workforce.csv",
        "a/2023-24/actions.csv",
        "a/2023-24/commentary.yaml",
        "a/2023-24/workforce.csv",
    ]


def test_sha256_matches_the_published_test_vector(tmp_path):
    """FIPS 180-2, appendix B.1: SHA-256("abc")."""
    f = tmp_path / "abc"
    f.write_bytes(b"abc")
    assert paths.sha256(f) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_report_code_is_what_shapes_a_report_and_nothing_of_the_build_system():
    names = {p.relative_to(ROOT / "equality_progress").as_posix() for p in paths.report_code()}
    assert {"inputs/years.py", "analysis/stats.py", "report/model.py", "build/render.py"} <= names
    assert not {n for n in names if n.startswith(("build/", "tools/")) and n != "build/render.py"}
    assert paths.report_code() == sorted(paths.report_code())

"""Every bad-input corpus file, placed in an authority's data, makes `validate` exit non-zero
with its message naming the file, row and column."""

import shutil
from pathlib import Path

import pytest
import yaml

from equality_progress.build import cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
TARGET = {"workforce": "workforce.csv", "recruitment": "recruitment.csv"}


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(ROOT / "data" / "lcrca", data / "lcrca")
    return data


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_the_corpus_problem(name, data_copy, capsys, monkeypatch):
    monkeypatch.setenv("EQUALITY_PROGRESS_DATA", str(data_copy))  # restored after the test
    case = EXPECTED[name]
    target = data_copy / "lcrca" / "2024-25" / TARGET[case["contract"]]
    original = target.read_bytes()
    shutil.copy(CORPUS / name, target)
    try:
        code = cli.main(
            ["validate", "--authority", "lcrca", "--year", "2024-25", "--data-dir", str(data_copy)]
        )
    finally:
        target.write_bytes(original)
    err = capsys.readouterr().err
    assert code == 1
    assert f"lcrca/2024-25/{TARGET[case['contract']]}" in err
    assert case["message"] in err
    if "row" in case and "column" in case:
        assert f"row {case['row']}, column '{case['column']}'" in err

"""The open data package: every published CSV valid against datapackage.json, checked by the
frictionless library itself; and a CSV that breaks the schema is caught."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package, Resource, Schema

from equality_progress.analysis.evaluate import CSV_COLUMNS
from equality_progress.analysis.year_on_year import CHANGE_COLUMNS
from equality_progress.publish.data_package import (
    changes_schema,
    combine,
    indicators_schema,
    write_package,
)


def test_the_sample_package_is_valid(built: Path) -> None:
    report = Package(str(built / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    names = [r.name for r in Package(str(built / "datapackage.json")).resources]
    assert names[:2] == ["indicators", "changes"]
    assert "lcrca-2024-25-indicators" in names and "unnamed-ca-2024-25-changes" in names


def test_the_combined_csv_holds_every_reports_rows_once(built: Path) -> None:
    with (built / "indicators.csv").open(encoding="utf-8", newline="") as fh:
        combined = list(csv.DictReader(fh))
    parts = sorted(built.glob("*/*/indicators.csv"))
    assert len(parts) == 8
    n = 0
    for p in parts:
        with p.open(encoding="utf-8", newline="") as fh:
            n += len(list(csv.DictReader(fh)))
    assert len(combined) == n
    keys = [(r["authority"], r["year"], r["indicator_id"]) for r in combined]
    assert len(set(keys)) == len(keys)


def test_the_schemas_describe_the_published_columns() -> None:
    assert [f["name"] for f in indicators_schema()["fields"]] == CSV_COLUMNS
    assert [f["name"] for f in changes_schema()["fields"]] == CHANGE_COLUMNS
    status = next(f for f in indicators_schema()["fields"] if f["name"] == "status")
    assert "on_track" in status["constraints"]["enum"]


def test_a_status_outside_the_schema_fails(built: Path, tmp_path: Path) -> None:
    src = built / "unnamed-ca" / "2024-25" / "indicators.csv"
    text = src.read_text(encoding="utf-8")
    bad = tmp_path / "indicators.csv"
    bad.write_text(text.replace(",achieved,", ",great,", 1), encoding="utf-8")
    resource = Resource(
        path=bad.name, basepath=str(tmp_path), schema=Schema.from_descriptor(indicators_schema())
    )
    report = resource.validate()
    assert not report.valid
    assert "great" in json.dumps(report.to_dict())
    assert report.flatten(["type"]) == [["constraint-error"]]
    dup = tmp_path / "dup.csv"
    lines = text.splitlines(keepends=True)
    dup.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    dup_report = Resource(
        path=dup.name, basepath=str(tmp_path), schema=Schema.from_descriptor(indicators_schema())
    ).validate()
    assert dup_report.flatten(["type"]) == [["primary-key"]]


def test_reports_with_another_header_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("x,z\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="b.csv: its header differs"):
        combine([tmp_path / "a.csv", tmp_path / "b.csv"], tmp_path / "all.csv")


def test_only_reports_present_are_packaged(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built / "sefton" / "2024-25", tmp_path / "sefton" / "2024-25")
    path = write_package(tmp_path, [("sefton", "2024-25"), ("lcrca", "2024-25")])
    body = json.loads(path.read_text(encoding="utf-8"))
    assert [r["path"] for r in body["resources"]] == [
        "indicators.csv",
        "changes.csv",
        "sefton/2024-25/indicators.csv",
        "sefton/2024-25/changes.csv",
    ]
    assert Package(str(path)).validate().valid

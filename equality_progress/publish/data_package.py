"""The open data as a Frictionless Data Package: ``reports/indicators.csv`` and
``reports/changes.csv`` (every published report's rows, one header) and
``reports/datapackage.json`` describing them and each report's own CSV files.

The Table Schemas follow the Frictionless specifications (https://specs.frictionlessdata.io/
table-schema/ and /data-package/): field types, the allowed values of each coded column
(taken from the code that produces them, so they cannot drift), ``missingValues`` and the
primary key ``authority, year, indicator_id``. Written with the standard library; the tests
validate every published CSV against it with the ``frictionless`` library itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import get_args

from equality_progress import __version__
from equality_progress.inputs.catalogue import Direction, Evidence, Kind, Unit
from equality_progress.vocabulary import ACTION_STAGES, CHANGES, STATUSES, TRENDS

PACKAGE = "datapackage.json"
TABLES = ("indicators.csv", "changes.csv")
YEAR = r"^[0-9]{4}-[0-9]{2}$"
NUMBER = r"-?[0-9]+(\.[0-9]+)?"


def _enum(values: Sequence[str]) -> dict:
    return {"enum": list(values)}


def _field(name: str, type_: str, description: str, **constraints: object) -> dict:
    out: dict = {"name": name, "type": type_, "description": description}
    if constraints:
        out["constraints"] = constraints
    return out


def indicators_schema() -> dict:
    """The Table Schema of ``indicators.csv`` (one row per commitment and report)."""
    fields = {
        "authority": _field("authority", "string", "The authority's id", required=True),
        "year": _field(
            "year", "string", "Reporting year (April to March)", required=True, pattern=YEAR
        ),
        "objective": _field("objective", "string", "The strategy objective's id", required=True),
        "indicator_id": _field("indicator_id", "string", "The commitment's id", required=True),
        "title": _field("title", "string", "The commitment's short title", required=True),
        "statement": _field(
            "statement", "string", "The commitment, in the strategy's own words", required=True
        ),
        "kind": _field(
            "kind", "string", "How the commitment is judged", required=True, **_enum(get_args(Kind))
        ),
        "unit": _field(
            "unit", "string", "Unit of baseline, target and value", **_enum(get_args(Unit))
        ),
        "direction": _field(
            "direction",
            "string",
            "The way the strategy wants it to move",
            **_enum(get_args(Direction)),
        ),
        "evidence": _field(
            "evidence",
            "string",
            "Survey, census or administrative counts",
            **_enum(get_args(Evidence)),
        ),
        "baseline_year": _field("baseline_year", "string", "Year of the baseline", pattern=YEAR),
        "baseline": _field("baseline", "number", "The baseline figure"),
        "baseline_derived": _field(
            "baseline_derived",
            "string",
            "How a baseline the strategy does not print was worked out from figures it does",
        ),
        "target_year": _field(
            "target_year",
            "string",
            "Year of the target (2025-26) or due date (2026-03-31)",
            pattern=r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
        ),
        "target": _field("target", "number", "The target or threshold figure"),
        "value": _field(
            "value",
            "string",
            f"This year's figure, or an action's stage ({', '.join(ACTION_STAGES)})",
            pattern=f"^({NUMBER}|{'|'.join(ACTION_STAGES)})$",
        ),
        "ci_lower": _field("ci_lower", "number", "Lower end of a survey figure's interval"),
        "ci_upper": _field("ci_upper", "number", "Upper end of a survey figure's interval"),
        "previous_value": _field("previous_value", "number", "Last year's figure"),
        "trend": _field(
            "trend", "string", "Change since last year", required=True, **_enum(TRENDS)
        ),
        "status": _field(
            "status", "string", "The commitment's status", required=True, **_enum(STATUSES)
        ),
        "status_reason": _field("status_reason", "string", "Why, in words", required=True),
        "source": _field("source", "string", "Where the strategy states the commitment"),
        "choices": _field(
            "choices",
            "string",
            "What the strategy leaves open and the authority chose (field: reason; ...)",
        ),
    }
    return {
        "fields": list(fields.values()),
        "missingValues": [""],
        "primaryKey": ["authority", "year", "indicator_id"],
    }


def changes_schema() -> dict:
    """The Table Schema of ``changes.csv`` (what changed since last year's report)."""
    fields = {
        "authority": _field("authority", "string", "The authority's id", required=True),
        "year": _field("year", "string", "Reporting year", required=True, pattern=YEAR),
        "indicator_id": _field("indicator_id", "string", "The commitment's id", required=True),
        "title": _field("title", "string", "The commitment", required=True),
        "change": _field("change", "string", "What changed", required=True, **_enum(CHANGES)),
        "previous_status": _field(
            "previous_status", "string", "Last year's status", **_enum(STATUSES)
        ),
        "status": _field("status", "string", "This year's status", **_enum(STATUSES)),
        "previous_figure": _field(
            "previous_figure", "number", "Last year's figure as last year's report gave it"
        ),
        "figure": _field(
            "figure",
            "number",
            "This year's figure (for a revision: last "
            "year's figure as this year's report gives it)",
        ),
        "reason": _field("reason", "string", "The reason the commentary gives, if any"),
    }
    return {
        "fields": list(fields.values()),
        "missingValues": [""],
        "primaryKey": ["authority", "year", "indicator_id", "change"],
    }


SCHEMAS = {"indicators.csv": indicators_schema, "changes.csv": changes_schema}


def _resource(name: str, path: str, table: str, description: str) -> dict:
    return {
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": description,
        "schema": SCHEMAS[table](),
    }


def combine(files: Sequence[Path], dest: Path) -> Path:
    """One CSV of every file's rows under their common header (raises ValueError naming a
    file whose header differs: a report built by another version of the tool)."""
    header = None
    lines: list[str] = []
    for f in files:
        first, *rows = f.read_text(encoding="utf-8").splitlines(keepends=True)
        if header is None:
            header = first
        elif first != header:
            raise ValueError(
                f"{f}: its header differs from the other reports' (built by another "
                "version?); rebuild it with --force"
            )
        lines += rows
    if header is None:
        header = ""
    dest.write_text(header + "".join(lines), encoding="utf-8", newline="")
    return dest


def write_package(output: Path, reports: Sequence[tuple[str, str]]) -> Path:
    """``reports/indicators.csv``, ``reports/changes.csv`` and ``reports/datapackage.json``
    for the published reports ``(authority, year)`` found in ``output``."""
    present = [(a, y) for a, y in reports if all((output / a / y / t).exists() for t in TABLES)]
    resources = []
    for table in TABLES:
        stem = table.removesuffix(".csv")
        combine([output / a / y / table for a, y in present], output / table)
        resources.append(
            _resource(stem, table, table, f"Every published report's {table}, one header")
        )
    for a, y in present:
        for table in TABLES:
            stem = table.removesuffix(".csv")
            resources.append(
                _resource(f"{a}-{y}-{stem}", f"{a}/{y}/{table}", table, f"{a} {y}: {table}")
            )
    package = {
        "profile": "tabular-data-package",
        "name": "equality-progress-open-data",
        "title": "Equality strategy progress: indicators and changes",
        "description": "The open data of every published equality progress report, built by "
        f"equality-progress {__version__}. No record-level data: figures are shares, counts "
        "and statuses, under the reports' disclosure control.",
        "licenses": [
            {
                "name": "OGL-UK-3.0",
                "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                "title": "Open Government Licence v3.0",
            }
        ],
        "resources": resources,
    }
    path = output / PACKAGE
    path.write_text(json.dumps(package, indent=1) + "\n", encoding="utf-8")
    return path

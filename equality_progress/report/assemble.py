"""The report: everything one authority-year's notebook displays, computed by one call.

``assemble(authority, year)`` loads and checks the inputs, evaluates every indicator and
returns a :class:`Report` whose methods return display blocks, section by section. The
notebook stays thin: it calls these in order under its own narrative.
"""

from __future__ import annotations

import logging
import platform
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import pandas as pd

from equality_progress import __version__, fingerprints
from equality_progress.analysis.evaluate import Evaluation, evaluate
from equality_progress.analysis.linked_tables import (
    WorkforcePlan,
    indicator_groups,
    protect_workforce,
)
from equality_progress.analysis.measures import expand, point, statutory_chain
from equality_progress.analysis.year_on_year import changes
from equality_progress.errors import InputError, Problem
from equality_progress.inputs.catalogue import ACTION_KINDS, Catalogue, load_catalogue
from equality_progress.inputs.checking import errors
from equality_progress.inputs.consistency import check_consistency
from equality_progress.inputs.loading import YearData, read_authority_data
from equality_progress.inputs.settings import (
    PLACEHOLDER_NAME,
    Authority,
    Settings,
    load_authority,
    load_settings,
    params_problems,
)
from equality_progress.layout import report_inputs
from equality_progress.report.mime import SUMMARY_MIME
from equality_progress.vocabulary import STATUSES
from equality_progress.years import FinancialYear

log = logging.getLogger(__name__)

T = TypeVar("T")

PACKAGES = (
    "pandas",
    "numpy",
    "papermill",
    "nbconvert",
    "typst",
    "pypandoc_binary",
    "pydantic",
    "scipy",
)


@dataclass
class Report:
    authority: Authority
    catalogue: Catalogue
    settings: Settings
    year: FinancialYear
    data: dict[FinancialYear, YearData]
    evaluation: Evaluation
    previous: Evaluation | None = field(default=None)
    _made: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def once(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` the first time ``key`` is asked for, the same value after: a part of
        the report that is both shown and counted (the workforce section, whose withheld
        cells the data-quality appendix counts) is made once. Blocks are immutable, so
        sharing one changes nothing."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]  # type: ignore[return-value]

    @property
    def table(self) -> pd.DataFrame:
        return self.evaluation.table

    @cached_property
    def workforce_plan(self) -> WorkforcePlan | None:
        """Disclosure control over every workforce figure the report publishes (computed
        once, from the data alone; see :mod:`equality_progress.analysis.disclosure`)."""
        wf = self.data[self.year].frame("workforce") if self.year in self.data else None
        if wf is None:
            return None
        bands = {g: band for band, grades in self.authority.grade_bands.items() for g in grades}
        bands = {g: bands.get(g, "Other grades") for g in wf["grade"].unique()} if bands else {}
        specs = [
            (i.data.measure, i.data.characteristic, expand(i.data.groups))
            for i in self.catalogue.indicators
            if i.data.measure.startswith("workforce_") and not i.data.employer
        ]
        apps = self.data[self.year].frame("recruitment")
        senior = [
            (i.data.characteristic, expand(i.data.groups))
            for i in self.catalogue.indicators
            if i.data.measure == "senior_appointments_share" and i.data.characteristic
        ]
        rules = self.settings.disclosure
        chain = statutory_chain(self.data[self.year], self.settings)
        return protect_workforce(wf, bands, rules, indicator_groups(specs), apps, senior, chain)

    @staticmethod
    def chart_id(stem: str) -> str:
        """A chart's id, derived from what it shows (stable however often a cell runs)."""
        return ("chart-" + re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-"))[:60]

    def objective_commentary(self, objective_id: str) -> str:
        yd = self.data.get(self.year)
        return (yd.commentary.get("objectives", {}) if yd else {}).get(objective_id, "")

    def next_steps(self, kind: str, key: str) -> list:
        """The analyst's next steps (:class:`~equality_progress.inputs.commentary.NextStep`)
        for an indicator (``kind="indicators"``) or an objective (``"objectives"``)."""
        yd = self.data.get(self.year)
        steps = yd.commentary.get("next_steps", {}) if yd else {}
        return list(steps.get(kind, {}).get(key, []))

    @property
    def has_previous_report(self) -> bool:
        """True when last year was a reporting year too (a baseline year has data, and so a
        ``previous`` evaluation, but no report of its own)."""
        prev = self.year.previous().label
        return self.previous is not None and prev in self.authority.reporting_years

    @cached_property
    def changes(self) -> pd.DataFrame:
        """What changed since last year's report (empty in the strategy's first report),
        with this year's commentary as the reason where it gives one."""
        previous = self.previous.table if self.has_previous_report else None
        reasons = {x.indicator.id: x.commentary for x in self.evaluation.results if x.commentary}
        return changes(previous, self.table, reasons)

    def write_open_data(self, folder: Path | str = ".") -> Path:
        """indicators.csv (one row per indicator) and changes.csv (what changed since last
        year's report): open data, no record-level data."""
        path = Path(folder) / "indicators.csv"
        self.table.to_csv(path, index=False, lineterminator="\n")
        self.changes.to_csv(Path(folder) / "changes.csv", index=False, lineterminator="\n")
        return path

    def run_summary(self) -> RunSummary:
        """Status counts and warnings, read from the executed notebook by the batch runner."""
        counts = self.table["status"].value_counts()
        warnings = list(self.evaluation.warnings)
        for res in self.evaluation.results:
            a = res.assessment
            if res.indicator.kind == "milestone" or not (
                a.status == "off_track" or a.trend == "worsening"
            ):
                continue
            if not self.next_steps("indicators", res.indicator.id):
                warnings.append(
                    f"{res.indicator.id} is off track or worsening and has no next_steps "
                    "in commentary.yaml"
                )
        if not self.authority.publication_stated(self.year):
            warnings.append(
                f"no publication date for {self.year}: the report is dated the day it was "
                f"built; give it one in params/authorities/{self.authority.id}.yaml: "
                f"published: {{{self.year}: YYYY-MM-DD}}"
            )
        t = self.table
        kinds = {
            "measures": ~t["kind"].isin([*ACTION_KINDS, "context"]),
            "actions": t["kind"].isin(ACTION_KINDS),
            "context": t["kind"] == "context",
        }
        by_kind = {}
        for name, rows in kinds.items():
            got = t.loc[rows, "status"].value_counts()
            by_kind[name] = {s: int(got[s]) for s in STATUSES if got.get(s, 0)}
        return RunSummary({s: int(counts.get(s, 0)) for s in STATUSES}, warnings, by_kind)

    def provenance(self) -> dict:
        """Every input's SHA-256 (the list staleness uses), the code's and the versions."""
        files = report_inputs(self.authority.id, self.year, self.authority.baseline)
        rows = [
            {"file": name, "sha256": fingerprints.sha256(f)}
            for name, f in files.items()
            if f.exists()
        ]
        versions = {"python": platform.python_version()}
        for p in PACKAGES:
            try:
                versions[p] = metadata.version(p)
            except metadata.PackageNotFoundError:
                versions[p] = "not installed"
        return {
            "inputs": rows,
            "code_version": __version__,
            "code_sha256": fingerprints.code_digest(),
            "packages": versions,
            "generated": self.authority.publication_date(self.year).isoformat(),
        }


@dataclass(frozen=True)
class RunSummary:
    status_counts: dict[str, int]
    warnings: list[str]
    # the same statuses counted apart: outcome measures, actions, context figures (issue 23)
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: ANN001 (IPython API)
        plain = "\n".join(f"{k}: {v}" for k, v in self.status_counts.items())
        data: dict = {"status_counts": self.status_counts, "warnings": self.warnings}
        if self.by_kind:
            data["by_kind"] = self.by_kind
        return {"text/plain": plain, SUMMARY_MIME: data}


def validate(
    authority_id: str, year: str, data_dir: Path | None = None, frames: bool = True
) -> tuple[Authority, Catalogue, Settings, FinancialYear, dict]:
    """Load and check every input of one authority-year without evaluating anything.
    Raises InputError listing every problem. ``frames=False`` keeps no data frames (a
    check before building)."""
    authority = load_authority(authority_id)
    fy = FinancialYear.parse(year)
    if fy.label not in authority.reporting_years:
        raise InputError(
            [
                Problem(
                    f"params/authorities/{authority_id}.yaml",
                    f"{fy} is not one of the reporting years "
                    f"({', '.join(authority.reporting_years)})",
                )
            ]
        )
    problems: list[Problem] = []
    try:
        catalogue = load_catalogue(authority_id)
    except InputError as exc:
        catalogue, problems = None, list(exc.problems)
    settings = load_settings()
    # every problem at once (the README's promise): a file's problems do not hide the
    # checks across files, nor the params' own (issue 22)
    data, found = read_authority_data(authority, fy, data_dir, frames)
    problems += found
    checks: list[Problem] = []
    if catalogue is None or not data:  # the catalogue or the mapping has problems
        problems += params_problems(authority)
    else:
        # across files: unknown ids, missing years, baselines the data contradict (the
        # analysis works out each baseline's figure)
        checks = check_consistency(
            authority, data, fy, data_dir, frames, point_of=point, catalogue=catalogue
        )
    if errors(problems + checks):
        raise InputError(errors(problems + checks))
    for p in checks:  # what may be a real change: the analyst is told, nothing stops
        log.warning("note: %s", p)
        data[fy].checks.append(str(p))
    return authority, catalogue, settings, fy, data


def assemble(authority_id: str, year: str, data_dir: Path | None = None) -> Report:
    """Load, check and evaluate one authority-year. Raises InputError listing every problem."""
    authority, catalogue, settings, fy, data = validate(authority_id, year, data_dir)
    evaluation = evaluate(catalogue, data, fy, settings)
    # what the inputs' check noted (a file declared absent and why, an ignored column, a
    # stated default) is in the run's summary and the report's data quality section
    evaluation.warnings.extend(note for y in sorted(data) for note in data[y].notes)
    evaluation.warnings.extend(data[fy].checks)
    if authority.display_name == PLACEHOLDER_NAME:  # init's line, left as it was written
        evaluation.warnings.append(
            f"params/authorities/{authority.id}.yaml: display_name is still "
            f"'{PLACEHOLDER_NAME}'; give the authority's name as the report should print it"
        )
    prev = fy.previous()
    previous = (
        evaluate(catalogue, {y: d for y, d in data.items() if y <= prev}, prev, settings)
        if prev in data
        else None
    )
    return Report(authority, catalogue, settings, fy, data, evaluation, previous)

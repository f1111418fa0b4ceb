"""``verify``: prove that a published report came from these inputs and this code.

For each published report folder (one holding ``.build.json``) the report is built again
from the parameters its published notebook records, into a scratch folder, and every
published file is compared byte for byte with the re-run. The published folder is only
read. When a file differs, the manifest written at build time says why it can: the file
itself edited after publishing (its hash is not the one recorded), an input changed (a
data or params file whose hash no longer matches the provenance), or the code or the
templates changed. A reviewer's equivalent of ``diff -r`` on two builds, with reasons.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from equality_progress.batch import staleness
from equality_progress.batch.jobs import Job, Options
from equality_progress.errors import InputError, Problem
from equality_progress.layout import OUTPUT_PUBLISHED, project_root, published_files

log = logging.getLogger(__name__)

FORMATS = ("html", "pdf", "docx")


@dataclass
class Verdict:
    """What ``verify`` found for one published report."""

    folder: Path
    job: Job | None = None
    identical: list[str] = field(default_factory=list)
    differs: dict[str, str] = field(default_factory=dict)  # file -> why
    causes: list[str] = field(default_factory=list)  # what changed since it was built

    @property
    def ok(self) -> bool:
        return bool(self.identical) and not self.differs and not self.causes

    def lines(self) -> list[str]:
        name = f"{self.job.name} ({self.folder})" if self.job else str(self.folder)
        if self.ok:
            return [f"{name}: verified, {len(self.identical)} files identical to a re-run"]
        out = [f"{name}: DIFFERS from a re-run"]
        out += [f"  {f}: {why}" for f, why in self.differs.items()]
        out += [f"  cause: {c}" for c in self.causes]
        return out


def report_folders(paths: Sequence[Path]) -> list[Path]:
    """Published report folders: each path itself if it holds a manifest, else the report
    folders below it (an output folder). Raises InputError for a path with none."""
    found: list[Path] = []
    for p in paths:
        if (p / staleness.MANIFEST).is_file():
            found.append(p)
            continue
        below = sorted(m.parent for m in p.glob(f"*/*/{staleness.MANIFEST}"))
        if not below:
            raise InputError(
                [
                    Problem(
                        str(p),
                        f"no published report here (a report folder holds "
                        f"{staleness.MANIFEST}); give a report folder such as "
                        "reports/lcrca/2024-25, or an output folder",
                    )
                ]
            )
        found += below
    return found


def recorded(folder: Path) -> tuple[Job, tuple[str, ...], dict]:
    """The report's authority and year (from the published notebook's papermill
    parameters), the formats it was published in and its build manifest."""
    manifest = json.loads((folder / staleness.MANIFEST).read_text(encoding="utf-8"))
    nb = json.loads((folder / "report.ipynb").read_text(encoding="utf-8"))
    params = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
    job = Job(
        str(params.get("authority", folder.parent.name)), str(params.get("year", folder.name))
    )
    formats = tuple(
        manifest.get("formats") or [f for f in FORMATS if (folder / f"report.{f}").exists()]
    )
    return job, formats, manifest


def causes(manifest: dict, now: dict[str, str]) -> list[str]:
    """What changed since the build, from the recorded and current dependency hashes:
    inputs (data, params), the templates, the code."""
    was: dict[str, str] = manifest.get("inputs", {})
    changed = sorted(n for n in set(was) | set(now) if was.get(n) != now.get(n))
    groups: dict[str, list[str]] = {"inputs": [], "templates": [], "code": []}
    for name in changed:
        if name.startswith(("code/report_templates/", "templates/")):
            groups["templates"].append(name)
        elif name.startswith(("code/", "notebook")):
            groups["code"].append(name)
        else:
            groups["inputs"].append(name)
    words = {
        "inputs": "an input changed since publishing (its hash no longer matches the provenance)",
        "templates": "the templates changed since publishing",
        "code": "the tool's code changed since publishing",
    }
    out = []
    for kind, names in groups.items():
        if names:
            state = [
                f"{n} ({'added' if n not in was else 'removed' if n not in now else 'changed'})"
                for n in names
            ]
            out.append(f"{words[kind]}: {', '.join(state[:8])}{' ...' if len(state) > 8 else ''}")
    return out


def csv_changes(published: Path, rebuilt: Path, limit: int = 10) -> list[str]:
    """The cells of an open-data CSV that differ, by row key and column (for indicators.csv,
    revised figures): ``indicator_id column: published -> re-run``."""

    def rows(path: Path) -> dict[str, dict[str, str]]:
        with path.open(encoding="utf-8", newline="") as fh:
            return {
                "/".join(r.get(k, "") for k in ("indicator_id", "change") if k in r): r
                for r in csv.DictReader(fh)
            }

    a, b = rows(published), rows(rebuilt)
    out = [f"{k}: only in the published file" for k in a if k not in b]
    out += [f"{k}: only in the re-run" for k in b if k not in a]
    for k in a.keys() & b.keys():
        out += [
            f"{k} {c}: {a[k].get(c)!r} -> {b[k].get(c)!r}"
            for c in a[k]
            if a[k].get(c) != b[k].get(c)
        ]
    return sorted(out)[:limit]


def compare(
    folder: Path, rebuilt: Path, verdict: Verdict, formats: tuple[str, ...], manifest: dict
) -> None:
    """Byte-for-byte comparison of each published file with the re-run's, with reasons."""
    outputs: dict[str, str] = manifest.get("outputs", {})
    for name in published_files(formats):
        mine, theirs = folder / name, rebuilt / name
        if not mine.exists():
            verdict.differs[name] = "missing from the published folder"
            continue
        if theirs.exists() and mine.read_bytes() == theirs.read_bytes():
            verdict.identical.append(name)
            continue
        why = []
        if name in outputs and hashlib.sha256(mine.read_bytes()).hexdigest() != outputs[name]:
            why.append(
                "edited after publishing (its SHA-256 is not the one recorded when it was built)"
            )
        elif not outputs:
            why.append("no output hashes recorded (built by an older version)")
        if name.endswith(".csv") and theirs.exists():
            why += csv_changes(mine, theirs)
        verdict.differs[name] = "; ".join(why) or "differs from the re-run"


def verify(
    paths: Sequence[Path],
    jobs_n: int = 1,
    data_dir: Path | None = None,
    keep: Path | None = None,
) -> list[Verdict]:
    """Re-run every published report under ``paths`` in a scratch folder (``keep``, kept;
    else a temporary one) and compare; an output folder's open data package too."""
    from equality_progress.batch import runner

    folders = report_folders(paths)
    scratch = keep or Path(tempfile.mkdtemp(prefix="equality-progress-verify-"))
    root = project_root()
    verdicts, plans = [], []
    try:
        for folder in folders:
            v = Verdict(folder)
            verdicts.append(v)
            try:
                v.job, formats, manifest = recorded(folder)
                opts = Options(scratch, formats, data_dir=data_dir)
                deps = staleness.dependencies(v.job.authority, v.job.year, opts, root)
            except (OSError, ValueError, InputError) as exc:
                v.causes.append(f"cannot be re-run: {exc}")
                continue
            v.causes += causes(manifest, staleness.hashes(deps))
            plans.append((v, formats, manifest))
        by_formats: dict[tuple[str, ...], list] = {}
        for plan in plans:
            by_formats.setdefault(plan[1], []).append(plan)
        for formats, group in by_formats.items():
            opts = Options(output=scratch, formats=formats, force=True, data_dir=data_dir)
            outcomes = runner.run([v.job for v, _, _ in group], opts, jobs_n)
            for (v, _, manifest), outcome in zip(group, outcomes, strict=True):
                if outcome.state != "built":
                    first = outcome.error.splitlines()[0] if outcome.error else outcome.state
                    v.causes.append(f"the re-run failed: {first}")
                    continue
                compare(v.folder, scratch / v.job.authority / v.job.year, v, formats, manifest)
        verdicts += [_package(p, verdicts, scratch) for p in paths if _is_output(p)]
    finally:
        if keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return verdicts


def _is_output(path: Path) -> bool:
    return (path / "datapackage.json").is_file()


def _package(output: Path, verdicts: Sequence[Verdict], scratch: Path) -> Verdict:
    """An output folder's own open data (the combined CSVs and datapackage.json) written
    again from the re-run reports and compared. index.html is not compared: it lists
    whatever report folders are there."""
    from equality_progress.publish.data_package import write_package

    out = output.resolve()
    reports = [
        (v.job.authority, v.job.year)
        for v in verdicts
        if v.job and v.folder.resolve().parent.parent == out
    ]
    write_package(scratch, reports)
    v = Verdict(output, Job("open data", f"package of {output}"))
    for name in OUTPUT_PUBLISHED:
        if name == "index.html":
            continue
        if not (output / name).exists():
            v.differs[name] = "missing from the output folder"
        elif (output / name).read_bytes() == (scratch / name).read_bytes():
            v.identical.append(name)
        else:
            v.differs[name] = "differs from the one written from the re-run reports"
    return v

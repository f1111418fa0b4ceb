"""Incremental builds: a report is rebuilt only when something it depends on changed.

Dependencies are content-hashed (not timestamped): the notebook, settings, the
authority's params and catalogue, its data and commentary from the baseline year to the
report year, the library's code and the templates. The hashes are written beside each
report in ``.build.json``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from equality_progress.inputs.paths import data_root, input_files, report_code, sha256
from equality_progress.inputs.years import FinancialYear

if TYPE_CHECKING:
    from equality_progress.build.jobs import Options

MANIFEST = ".build.json"


def dependencies(authority: str, year: str, opts: Options, root: Path) -> dict[str, Path]:
    """Name -> file for everything the report's content depends on."""
    # imported here: pydantic is not needed by the no-op check
    from equality_progress.inputs.settings import load_authority

    auth = load_authority(authority)
    fy = FinancialYear.parse(year)
    data = opts.data_dir or data_root()
    deps: dict[str, Path] = {
        "notebook": opts.notebook or root / "notebooks" / "report.ipynb",
        "settings": root / "params" / "settings.yaml",
        "params": root / "params" / "authorities" / f"{authority}.yaml",
        "catalogue": root / "params" / "catalogues" / f"{authority}.yaml",
    }
    mapping = root / "params" / "mappings" / f"{authority}.yaml"  # an HR export's mapping
    if mapping.exists():
        deps["mapping"] = mapping
    for f in input_files(authority, fy, auth.baseline, data):
        deps[f"data/{f.relative_to(data).as_posix()}"] = f
    pkg = root / "equality_progress"
    for f in report_code(root):
        deps[f"code/{f.relative_to(pkg).as_posix()}"] = f
    templates = opts.templates or root / "report_templates"
    for f in sorted(p for p in templates.rglob("*") if p.is_file()):
        deps[f"templates/{f.relative_to(templates).as_posix()}"] = f
    return deps


def hashes(deps: dict[str, Path]) -> dict[str, str]:
    return {k: sha256(p) for k, p in sorted(deps.items())}


def digest(deps: dict[str, Path], formats: tuple[str, ...] = ()) -> str:
    """One key for everything a report depends on, including which renderings it has."""
    body = {"inputs": hashes(deps), "formats": list(formats)}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def key(authority: str, year: str, opts: Options, root: Path) -> tuple[dict[str, Path], str]:
    """(dependencies, digest) of one report: the single place both are worked out."""
    deps = dependencies(authority, year, opts, root)
    return deps, digest(deps, opts.formats)


def write_manifest(folder: Path, key: str, deps: dict[str, Path]) -> None:
    body = {"digest": key, "inputs": hashes(deps)}
    (folder / MANIFEST).write_text(
        json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def is_current(dest: Path, key: str, formats: tuple[str, ...]) -> bool:
    """True when the published report was built from exactly these inputs and is complete."""
    manifest = dest / MANIFEST
    if not manifest.exists():
        return False
    try:
        recorded = json.loads(manifest.read_text(encoding="utf-8")).get("digest")
    except (OSError, ValueError):
        return False
    needed = ["report.ipynb", "indicators.csv"] + [f"report.{f}" for f in formats]
    return recorded == key and all((dest / n).exists() for n in needed)


# The whole-batch check: one hash of every file any report could depend on, so that a
# rebuild with nothing changed can stop before loading settings, params or any library.
BATCH = ".batch.json"
BATCH_SOURCES = ("params", "notebooks", "equality_progress", "report_templates")


def batch_fingerprint(root: Path, data: Path, selection: dict) -> str:
    """Content hash of params, notebooks, code, templates and all data (a superset of each
    report's dependencies), and of the run's options (``selection``)."""
    h = hashlib.sha256(json.dumps(selection, sort_keys=True, default=str).encode())
    bases = [(name, root / name) for name in BATCH_SOURCES] + [("data", data)]
    for label, base in bases:
        files = sorted(p for p in base.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for f in files:
            h.update(f"{label}/{f.relative_to(base).as_posix()}\0{sha256(f)}\n".encode())
    return h.hexdigest()


def record_batch(output: Path, fingerprint: str, reports: list[tuple[str, str]]) -> None:
    """Remember a batch that ended with every report built or current."""
    body = {"fingerprint": fingerprint, "reports": [list(r) for r in reports]}
    (output / BATCH).write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")


def unchanged_batch(
    output: Path, fingerprint: str, formats: tuple[str, ...]
) -> list[tuple[str, str]] | None:
    """The batch's reports when nothing has changed since it was recorded and every output
    is still there; otherwise None (and the reports are checked one by one)."""
    try:
        body = json.loads((output / BATCH).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if body.get("fingerprint") != fingerprint:
        return None
    reports = [(a, y) for a, y in body.get("reports", [])]
    needed = [MANIFEST, "report.ipynb", "indicators.csv"] + [f"report.{f}" for f in formats]
    for a, y in reports:
        if not all((output / a / y / n).exists() for n in needed):
            return None
    return reports if (output / "index.html").exists() else None

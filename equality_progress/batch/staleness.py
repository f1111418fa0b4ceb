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

from equality_progress import fingerprints, layout
from equality_progress.layout import OUTPUT_PUBLISHED, data_root, published_files, report_inputs
from equality_progress.years import FinancialYear

if TYPE_CHECKING:
    from equality_progress.batch.jobs import Options

MANIFEST = ".build.json"


def dependencies(authority: str, year: str, opts: Options, root: Path) -> dict[str, Path]:
    """Name -> file for everything the report's content depends on: its inputs (the list
    its provenance shows too), the code that shapes a report (with the notebook and the
    templates, which ship in the package) and any notebook or templates given instead."""
    # imported here: pydantic is not needed by the no-op check
    from equality_progress.inputs.settings import load_authority

    auth = load_authority(authority, root)
    fy = FinancialYear.parse(year)
    deps = report_inputs(authority, fy, auth.baseline, opts.data_dir or data_root(), root)
    for f in layout.report_code():
        deps[f"code/{f.relative_to(layout.PACKAGE).as_posix()}"] = f
    if opts.notebook:
        deps["notebook"] = opts.notebook
    if opts.templates:
        for f in sorted(p for p in opts.templates.rglob("*") if p.is_file()):
            deps[f"templates/{f.relative_to(opts.templates).as_posix()}"] = f
    return deps


def hashes(deps: dict[str, Path]) -> dict[str, str]:
    return {k: fingerprints.sha256(p) for k, p in sorted(deps.items())}


def digest(deps: dict[str, Path], formats: tuple[str, ...] = ()) -> str:
    """One key for everything a report depends on, including which renderings it has."""
    body = {"inputs": hashes(deps), "formats": list(formats)}
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def key(authority: str, year: str, opts: Options, root: Path) -> tuple[dict[str, Path], str]:
    """(dependencies, digest) of one report: the single place both are worked out."""
    deps = dependencies(authority, year, opts, root)
    return deps, digest(deps, opts.formats)


def write_manifest(
    folder: Path, key: str, deps: dict[str, Path], formats: tuple[str, ...] = ()
) -> None:
    """``.build.json``: the digest, every dependency's hash, the formats published and each
    published file's hash (so that ``verify`` can tell a file edited after publishing)."""
    outputs = {
        n: fingerprints.sha256(folder / n)
        for n in published_files(formats)
        if (folder / n).exists()
    }
    body = {"digest": key, "formats": list(formats), "inputs": hashes(deps), "outputs": outputs}
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
    return recorded == key and all((dest / n).exists() for n in published_files(formats))


# The whole-batch check: one hash of every file any report could depend on, so that a
# rebuild with nothing changed can stop before loading settings, params or any library.
BATCH = ".batch.json"


def batch_fingerprint(root: Path, data: Path, selection: dict) -> str:
    """Content hash of the params, all data and the code that shapes a report (a superset
    of each report's dependencies), and of the run's options (``selection``)."""
    h = hashlib.sha256(json.dumps(selection, sort_keys=True, default=str).encode())
    for label, base in (("params", root / "params"), ("data", data)):
        for f in sorted(p for p in base.rglob("*") if p.is_file()):
            h.update(
                f"{label}/{f.relative_to(base).as_posix()}\0{fingerprints.sha256(f)}\n".encode()
            )
    h.update(fingerprints.code_digest().encode())
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
    needed = [MANIFEST, *published_files(formats)]
    for a, y in reports:
        if not all((output / a / y / n).exists() for n in needed):
            return None
    return reports if all((output / n).exists() for n in OUTPUT_PUBLISHED) else None

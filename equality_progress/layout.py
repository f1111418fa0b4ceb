"""Where everything lives: the one module that knows the project's layout.

Two places, kept apart as Quarto and Kedro keep the installed tool apart from the user's
project folder:

- **the tool** (this installed package): the report notebook and the templates ship in it
  (``NOTEBOOK``, ``TEMPLATES``), with the code;
- **the project**, a folder an authority owns, made by ``equality-progress new``::

      params/settings.yaml              marks the folder as a project
      params/authorities/<id>.yaml      each authority's params
      params/catalogues/<id>.yaml       its commitments
      params/mappings/<id>.yaml         its HR export's mapping (optional)
      data/<id>/<year>/                 its data and commentary
      reports/                          what the build publishes

The project is ``$EQUALITY_PROGRESS_PROJECT`` (set by ``--project DIR``, and by a batch for
its kernels), else the nearest folder holding ``params/settings.yaml`` from the working
directory up. Standard library only: the no-op rebuild check uses it before anything else
loads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from equality_progress.years import FinancialYear

PROJECT_ENV = "EQUALITY_PROGRESS_PROJECT"
DATA_ENV = "EQUALITY_PROGRESS_DATA"
MEMO_ENV = "EQUALITY_PROGRESS_MEMO"  # a batch's checked-input memo (see inputs/memo.py)

PACKAGE = Path(__file__).resolve().parent
NOTEBOOK = PACKAGE / "notebooks" / "report.ipynb"
TEMPLATES = PACKAGE / "report_templates"

MARKER = Path("params") / "settings.yaml"
COMMENTARY = "commentary.yaml"
REPORTS = "reports"

# What shapes a report, and so decides its staleness and its code hash: the whole package
# (inputs, analysis, report, publish, the notebook and the templates) except the batch
# (planning, kernels, the command line) and the tools (sample data, scaffolds).
NOT_REPORT_CODE = ("batch", "tools")

# The renderings a build publishes unless told otherwise (--format).
DEFAULT_FORMATS = ("html", "pdf")
# Every published report folder holds these, and report.<format> for each format built.
ALWAYS_PUBLISHED = ("report.ipynb", "indicators.csv", "changes.csv")
# A batch's output folder holds these beside the report folders: the index page and the
# open data package over every report (see publish/data_package.py).
OUTPUT_PUBLISHED = ("index.html", "datapackage.json", "indicators.csv", "changes.csv")


class NoProject(LookupError):
    """No project folder here: the message names the folder searched and the fix."""


def find_project(start: Path) -> Path | None:
    """The nearest folder from ``start`` up that holds ``params/settings.yaml``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def project_root() -> Path:
    """The project folder: $EQUALITY_PROGRESS_PROJECT, else found from the working
    directory. Raises :class:`NoProject` naming where it looked and the fix."""
    env = os.environ.get(PROJECT_ENV)
    if env:
        return Path(env)
    found = find_project(Path.cwd())
    if found is None:
        raise NoProject(
            f"no project in {Path.cwd()} or any folder above it (a project holds "
            f"{MARKER.as_posix()}); run from your project folder, pass --project DIR, or "
            "make one with 'equality-progress new DIR --authority ID'"
        )
    return found


def data_root() -> Path:
    env = os.environ.get(DATA_ENV)
    return Path(env) if env else project_root() / "data"


def settings_file(root: Path | None = None) -> Path:
    return (root or project_root()) / MARKER


def authorities_folder(root: Path | None = None) -> Path:
    return (root or project_root()) / "params" / "authorities"


def authority_file(authority_id: str, root: Path | None = None) -> Path:
    return authorities_folder(root) / f"{authority_id}.yaml"


def catalogue_file(authority_id: str, root: Path | None = None) -> Path:
    return (root or project_root()) / "params" / "catalogues" / f"{authority_id}.yaml"


def mapping_file(authority_id: str, root: Path | None = None) -> Path:
    return (root or project_root()) / "params" / "mappings" / f"{authority_id}.yaml"


def year_folder(authority_id: str, year: FinancialYear, data_dir: Path | None = None) -> Path:
    return (data_dir or data_root()) / authority_id / year.label


def input_files(
    authority_id: str, upto: FinancialYear, baseline: FinancialYear, data_dir: Path | None = None
) -> list[Path]:
    """The data files a report reads: every year's from the baseline to ``upto`` (for
    trends), and the commentary of ``upto`` only."""
    files = []
    for s in range(baseline.start, upto.start + 1):
        folder = year_folder(authority_id, FinancialYear(s), data_dir)
        if folder.exists():
            files += sorted(
                p
                for p in folder.iterdir()
                if p.is_file() and (s == upto.start or p.name != COMMENTARY)
            )
    return files


def report_inputs(
    authority_id: str,
    upto: FinancialYear,
    baseline: FinancialYear,
    data_dir: Path | None = None,
    root: Path | None = None,
) -> dict[str, Path]:
    """Every input of one report, by the name a reader sees (``params/...``, ``data/...``):
    the one list that staleness and the report's provenance both use."""
    root = root or project_root()
    data = data_dir or data_root()
    files = {
        f"params/catalogues/{authority_id}.yaml": catalogue_file(authority_id, root),
        f"params/authorities/{authority_id}.yaml": authority_file(authority_id, root),
        "params/settings.yaml": settings_file(root),
    }
    mapping = mapping_file(authority_id, root)
    if mapping.exists():  # an HR export's mapping, when there is one
        files[f"params/mappings/{authority_id}.yaml"] = mapping
    for f in input_files(authority_id, upto, baseline, data):
        files[f"data/{f.relative_to(data).as_posix()}"] = f
    return files


def report_code() -> list[Path]:
    """The package's files that shape a report (all but ``NOT_REPORT_CODE``), in a stable
    order: its Python modules, the notebook and the templates."""
    return sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.relative_to(PACKAGE).parts[0] not in NOT_REPORT_CODE
        and "__pycache__" not in p.parts
        and p.suffix != ".pyc"
    )


def published_files(formats: Iterable[str]) -> list[str]:
    """The files a complete published report folder holds, for the formats built."""
    return [*ALWAYS_PUBLISHED, *(f"report.{f}" for f in formats)]

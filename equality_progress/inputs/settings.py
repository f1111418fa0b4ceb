"""Project settings and authority parameters, as YAML under params/, validated on load.

Validation uses pydantic (extra keys forbidden) so that a misspelt key is an error,
not a silently ignored setting.
"""

from __future__ import annotations

import datetime as dt
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from equality_progress.errors import InputError, Problem, display_path
from equality_progress.layout import authorities_folder, authority_file, project_root, settings_file
from equality_progress.years import FinancialYear


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DisclosureSettings(Strict):
    min_count: int = Field(5, ge=1, description="counts below this are suppressed")
    min_base: int = Field(10, ge=1, description="no rate, mean or median from fewer people")
    protection_width: int = Field(
        5, ge=1, description="no withheld small count narrowed to a range narrower than this"
    )


class ProgressSettings(Strict):
    on_track_ratio: float = 0.95
    some_progress_ratio: float = 0.60
    confidence: float = 0.95
    trend_confidence: float = 0.998
    trend_min_points: int = 5


# What the report notebook imports (and pandas, which the library imports): a new kernel
# imports them while the batch plans. A tool default, not a project's setting.
NOTEBOOK_IMPORTS = [
    "pandas",
    "IPython.display",
    "equality_progress.report.about",
    "equality_progress.report.actions",
    "equality_progress.report.appendix",
    "equality_progress.report.assemble",
    "equality_progress.report.changes",
    "equality_progress.report.objectives",
    "equality_progress.report.page_one",
    "equality_progress.report.workforce",
]


class ExecutionSettings(Strict):
    cell_timeout_seconds: int = 600
    kernel_start_timeout_seconds: int = 60
    # A Jupyter kernel by name; empty (the default): the Python that runs the tool, so the
    # reports are computed by the very package and libraries the tool was installed with.
    kernel_name: str = ""
    # Reports one kernel builds before it is replaced (1 = a fresh kernel for every report).
    reports_per_kernel: int = Field(default=20, ge=1)
    # Modules a new kernel imports while the batch checks the first report's inputs.
    preload: list[str] = NOTEBOOK_IMPORTS

    @field_validator("preload")
    @classmethod
    def _module_names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not all(part.isidentifier() for part in name.split(".")):
                raise ValueError(f"'{name}' is not a module name (e.g. pandas, a.b)")
        return names


class Settings(Strict):
    disclosure: DisclosureSettings = DisclosureSettings()
    progress: ProgressSettings = ProgressSettings()
    execution: ExecutionSettings = ExecutionSettings()

    @model_validator(mode="before")
    @classmethod
    def _moved(cls, raw: Any) -> Any:
        if isinstance(raw, dict) and "generation_date" in raw:
            raise ValueError(
                "generation_date: no longer a project setting (it dated every report alike); "
                "remove it and give each report its date in params/authorities/<id>.yaml: "
                "published: {2024-25: 2025-06-30}"
            )
        return raw


def build_day() -> date:
    """The day of the build: SOURCE_DATE_EPOCH where set (reproducible-builds.org's
    convention), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


class Colours(Strict):
    primary: str = "#1d3557"
    accent: str = "#e9c46a"

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, v: str) -> str:
        if not (v.startswith("#") and len(v) == 7):
            raise ValueError("a colour is written as #RRGGBB")
        return v


class AcceptedChange(Strict):
    """A workforce category's share that truly swung against last year (a merger, a
    restructure, a new recording system), recorded so that the check that stops a wrong
    code mapping lets it through, with the reason (issue 22)."""

    year: str  # the year the share swung, 2024-25
    column: str  # the workforce column, e.g. ethnicity
    category: str  # the code whose share swung, as the contract writes it
    reason: str = Field(min_length=10)


class Benchmark(Strict):
    """A population the workforce is compared with. Strategies seldom set one, so its
    choice is stated with a reason (shown in the report's methodology, issue 23)."""

    title: str
    source: str
    characteristic: str
    values: dict[str, float]
    reason: str = Field(min_length=10)


class Contact(Strict):
    """Who the public asks about the report, for it in another format, or with feedback."""

    team: str = Field(min_length=2)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = None
    address: str | None = None
    feedback: str | None = None  # a web page or route for feedback, where there is one


class Approval(Strict):
    """Who approved a year's report for publication, and when."""

    by: str = Field(min_length=3)
    date: dt.date  # not "on", which YAML reads as true


OTHER_FORMATS = (
    "This report is available in large print, easy read, Braille, audio and other languages "
    "on request."
)


class Authority(Strict):
    id: str
    display_name: str
    short_name: str
    strategy_title: str
    strategy_period: str
    baseline_year: str
    baseline_label: str | None = None
    reporting_years: list[str]
    sample_data: bool = False
    colours: Colours = Colours()
    employers: list[str] = []
    grade_bands: dict[str, list[str]] = {}
    benchmarks: list[Benchmark] = []
    accepted_changes: list[AcceptedChange] = []
    source_documents: list[str] = []
    # Input files declared absent for a year, each with the reason the report shows:
    # {"2023-24": {"staff_survey.csv": "No survey was run in 2023-24"}}; "all" for the
    # whole year's folder.
    absent: dict[str, dict[str, str]] = {}

    # The date each year's report is published: {"2024-25": 2025-06-30}. A year without
    # one is dated the day of the build, and the report says so.
    published: dict[str, date] = {}
    # What every public equality report gives (issue 25): who to contact (validate refuses
    # a project without it), other formats, and who approved each year's report.
    contact: Contact | None = None
    other_formats: str = OTHER_FORMATS
    approved: dict[str, Approval] = {}

    @field_validator("published", "approved", mode="before")
    @classmethod
    def _published(cls, v: Any) -> Any:
        if not isinstance(v, dict):
            return v
        return {FinancialYear.parse(str(year)).label: day for year, day in v.items()}

    def publication_date(self, year: FinancialYear | str) -> date:
        """The date printed on ``year``'s report: ``published:`` in the params, else the
        day of the build (:func:`build_day`)."""
        return self.published.get(str(year)) or build_day()

    def publication_stated(self, year: FinancialYear | str) -> bool:
        """Whether the params give ``year``'s report its date (else it is the build day)."""
        return str(year) in self.published

    @field_validator("absent")
    @classmethod
    def _absent(cls, v: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        out = {}
        for year, files in v.items():
            label = FinancialYear.parse(str(year)).label  # 2023-24, 2023/24, 2023-2024
            for name, reason in files.items():
                if not str(reason).strip():
                    raise ValueError(f"{label}: {name} needs a reason (the report shows it)")
            out[label] = {name: str(reason).strip() for name, reason in files.items()}
        return out

    @field_validator("baseline_year")
    @classmethod
    def _fy(cls, v: str) -> str:
        return FinancialYear.parse(v).label

    @field_validator("reporting_years")
    @classmethod
    def _fys(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("list at least one reporting year")
        return [FinancialYear.parse(y).label for y in v]

    @property
    def years(self) -> list[FinancialYear]:
        return [FinancialYear.parse(y) for y in self.reporting_years]

    @property
    def baseline(self) -> FinancialYear:
        return FinancialYear.parse(self.baseline_year)


# libyaml's safe loader when PyYAML was built with it (ten times faster on the catalogues);
# the same documents give the same objects either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LOADER(_BASE_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, refusing a key given twice in one mapping. YAML itself keeps the
    last silently: a code mapped twice to different categories, or a baseline stated twice,
    would publish whichever came last (issue 22)."""

    def construct_mapping(self, node, deep=False):  # noqa: ANN001, ANN201 (PyYAML's API)
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line)
            except TypeError:  # an unhashable key: the constructor reports it
                continue
            if first != key_node.start_mark.line:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} is given twice (first on line {first + 1}); YAML would "
                    "keep only the last, so remove one or merge them",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep)


def read_yaml(path: Path) -> Any:
    """Read one YAML file, turning syntax errors into a Problem naming file and line."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise InputError([Problem(display_path(path, project_root()), "file not found")]) from None
    except yaml.YAMLError as exc:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        raise InputError(
            [Problem(display_path(path, project_root()), yaml_message(exc, lines))]
        ) from None


# the parser's words that mean a line is indented wrongly (issue 22: a slip was a riddle)
_INDENTATION = ("mapping values are not allowed", "expected <block end>", "did not find expected")


def yaml_message(exc: yaml.YAMLError, lines: list[str] = ()) -> str:  # type: ignore[assignment]
    """A YAML syntax error in the parser's own words, at its line and column (not "row", and
    not the machine's path, which PyYAML's own text repeats), with a hint for indentation or
    a tab (read from the file's ``lines``)."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    words = (
        "; ".join(
            str(w) for w in (getattr(exc, "context", None), getattr(exc, "problem", None)) if w
        )
        or str(exc).splitlines()[0]
    )
    hint = ""
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    if "\t" in line[: mark.column + 1 if mark else 0]:  # the parser does not say it is a tab
        hint = " (a tab: indent with spaces)"
    elif any(k in words for k in _INDENTATION):
        hint = " (check this line's indentation against the lines above it)"
    return f"not valid YAML{where}: {words}{hint}"


def validation_problems(path: Path, exc: ValidationError, prefix: str = "") -> list[Problem]:
    """Turn pydantic's errors into Problems that name the field path."""
    shown = display_path(path, project_root())
    problems = []
    errors = exc.errors()
    # a key indented under the wrong parent is "unknown" where it is and "missing" where it
    # belongs: one message that says so, not a spelling hint (issue 22)
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    moved: dict[tuple, tuple] = {}
    for e in errors:
        loc = tuple(e["loc"])
        if e["type"] == "extra_forbidden" and loc:
            home = next(
                (
                    m
                    for m in missing
                    if m[-1] == loc[-1]
                    and m != loc
                    and (loc[: len(m) - 1] == m[:-1] or m[: len(loc) - 1] == loc[:-1])
                ),  # the same key one level up or down the same branch
                None,
            )
            if home is not None:
                moved[loc], moved[home] = home, loc
    for err in errors:
        loc = prefix + ".".join(str(p) for p in err["loc"])
        msg = err["msg"]
        here = tuple(err["loc"])
        if here in moved and err["type"] == "missing":
            continue  # said once, at the key that was found in the wrong place
        if here in moved:
            home = moved[here]
            deeper = len(here) > len(home)
            parent = str(here[-2]) if deeper else str(home[-2])
            msg = (
                f"indented under '{parent}:' but belongs beside it; move it left to line up "
                f"with '{parent}:'"
                if deeper
                else f"belongs under '{parent}:'; indent it beneath '{parent}:'"
            )
        elif err["type"] == "extra_forbidden":
            msg = "unknown key (check its spelling)"
        elif err["type"] == "missing":
            msg = "required field is missing"
        if not loc:  # the whole file's rule, e.g. an empty catalogue
            msg = msg.removeprefix("Value error, ")
        problems.append(Problem(shown, f"{loc}: {msg}" if loc else msg))
    return problems


# Params are loaded once per process while their file is unchanged (keyed by path, size
# and modification time): the models are frozen, so every caller may share one.
_loaded: dict[tuple[str, type, int, int], Any] = {}


def load_model(path: Path, model: type[BaseModel]) -> Any:
    st = path.stat() if path.exists() else None
    key = (str(path.resolve()), model, st.st_size, st.st_mtime_ns) if st else None
    if key in _loaded:
        return _loaded[key]
    raw = read_yaml(path) or {}
    try:
        value = model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(validation_problems(path, exc)) from None
    if key:
        _loaded[key] = value
    return value


def load_settings(root: Path | None = None) -> Settings:
    path = settings_file(root)
    return load_model(path, Settings) if path.exists() else Settings()


def authority_ids(root: Path | None = None) -> list[str]:
    folder = authorities_folder(root)
    return sorted(p.stem for p in folder.glob("*.yaml"))


def load_authority(authority_id: str, root: Path | None = None) -> Authority:
    path = authority_file(authority_id, root)
    if not path.exists():
        known = ", ".join(authority_ids(root)) or "none"
        raise InputError(
            [
                Problem(
                    display_path(path, project_root()),
                    f"no authority '{authority_id}' (known: {known})",
                )
            ]
        )
    auth = load_model(path, Authority)
    if auth.id != authority_id:
        raise InputError(
            [
                Problem(
                    display_path(path, project_root()),
                    f"id '{auth.id}' does not match the file name",
                )
            ]
        )
    return auth


PLACEHOLDER_NAME = "Name of the authority"  # tools/scaffold.py's PARAMS writes it


def params_problems(authority: Authority) -> list[Problem]:
    """What the authority's params lack, whatever its data: checked even when the data
    have problems of their own, so that validate lists every problem at once."""
    if authority.contact is not None:
        return []
    return [  # every public equality report says who to ask (issue 25)
        Problem(
            f"params/authorities/{authority.id}.yaml",
            "contact: missing: give the team and email address the public can use to ask "
            "about this report, for it in another format, or with feedback, e.g. contact: "
            "{team: Equality and Diversity Team, email: equality@example.gov.uk}",
            rule="contact",
        )
    ]

"""The indicator catalogue: every success measure, action and milestone, modelled once as data.

One YAML file per authority under ``params/catalogues/``. Each indicator names the
statement it comes from verbatim, how progress is judged (its ``kind``) and the data
it is computed from (``data.measure``, resolved in :mod:`equality_progress.analysis.measures`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from equality_progress.errors import InputError, Problem, display_path
from equality_progress.inputs import wording
from equality_progress.inputs.settings import Strict, read_yaml, validation_problems
from equality_progress.layout import catalogue_file, project_root
from equality_progress.years import FinancialYear

Kind = Literal["target", "direction", "threshold", "milestone", "recurring", "context"]
# Kinds judged from actions.csv (a stage per year) rather than from figures.
ACTION_KINDS = ("milestone", "recurring")
# What an authority may decide where the strategy is silent; each such choice is stated with
# its reason (``choices:``) and shown in the report's methodology.
ChoiceField = Literal[
    "kind",
    "direction",
    "target",
    "threshold",
    "tolerance",
    "due",
    "measure",
    "definition",
    "statistic",
]
Evidence = Literal["survey", "census", "admin"]
EVIDENCE_HELP = (
    "survey (a sample of responses), census (every member of a population counted) "
    "or admin (counts of the authority's own activity)"
)
Unit = Literal["percent", "count", "score", "pounds", "status"]
Direction = Literal["increase", "decrease", "none"]


@dataclass(frozen=True)
class Measure:
    """A kind of figure an indicator's data spec can ask for: the registry below is the one
    place that names them, with the input each reads and whether it counts people."""

    reads: str  # the input (a contract's name) it is computed from
    people: bool  # its numerator and denominator count people (disclosure control applies)


# Tables every report publishes from an input (report/pay_tables.py): an action that
# establishes one (``evidenced_by:``) cannot be unfinished in a year whose report publishes
# it (inputs/consistency.py, issue 23). Each: (the input it is built from, its column).
PUBLISHED_TABLES = {
    "ethnicity_pay_gaps": ("workforce", "ethnicity"),
    "disability_pay_gaps": ("workforce", "disability"),
}


# The measures, by the name a catalogue's ``data.measure`` gives. A ``reported_value``
# counts people only when its entry says so (``data.counts: people``).
MEASURES: dict[str, Measure] = {
    "workforce_share": Measure("workforce", True),
    "workforce_nonresponse": Measure("workforce", True),
    "gender_pay_gap": Measure("workforce", True),
    "senior_appointments_share": Measure("recruitment", True),
    "survey_score": Measure("staff_survey", True),
    "training_compliance": Measure("training", True),
    "reported_value": Measure("reported", False),
    "action_status": Measure("actions", False),
}


class Published(Strict):
    """A figure the strategy publishes for a year before its baseline (shown as history)."""

    year: str
    value: float

    @field_validator("year")
    @classmethod
    def _fy(cls, v: str) -> str:
        return FinancialYear.parse(v).label


class Derived(Strict):
    """A baseline the strategy does not print but that follows from figures it does (issue
    23: Sefton's 76.3% not disclosed is 100 less its 3.22% and 20.48%): how, and from which."""

    how: Literal["sum", "remainder"]  # the figures added up, or 100 less their sum
    figures: list[float] = Field(min_length=1)

    def total(self) -> float:
        return sum(self.figures) if self.how == "sum" else 100 - sum(self.figures)

    def words(self, unit: str) -> str:
        """'worked out: 100% less the strategy's 3.22% and 20.48%'."""
        pct = "%" if unit == "percent" else ""
        shown = " and ".join(f"{f:g}{pct}" for f in self.figures)
        if self.how == "sum":
            return f"worked out: the sum of the strategy's {shown}"
        return f"worked out: 100{pct} less the strategy's {shown}"


class Baseline(Strict):
    value: float | None = None
    derived: Derived | None = None  # not printed by the strategy: worked out from its figures
    year: str
    source: str
    label: str | None = None
    earlier: list[Published] = []
    # the decimal places the strategy states the figure to (9 -> 0, 9.0 -> 1, 3.65 -> 2),
    # read from how the value is written; a stated baseline the data contradict beyond
    # that rounding is an error (inputs/consistency.py)
    places: int | None = Field(default=None, ge=0, le=6)

    @model_validator(mode="before")
    @classmethod
    def _written_places(cls, raw: object) -> object:
        if isinstance(raw, dict) and raw.get("places") is None:
            v = raw.get("value")
            if isinstance(v, bool) or v is None:
                return raw
            if isinstance(v, int):
                raw = {**raw, "places": 0}
            elif isinstance(v, float):
                raw = {**raw, "places": len(repr(v).split(".")[1]) if "e" not in repr(v) else 6}
            elif isinstance(v, str) and "." in v:  # "8.60": quoted to keep its zeros
                raw = {**raw, "places": len(v.strip().split(".")[1])}
        return raw

    @field_validator("year")
    @classmethod
    def _fy(cls, v: str) -> str:
        return FinancialYear.parse(v).label


class Target(Strict):
    value: float
    year: str

    @field_validator("year")
    @classmethod
    def _fy(cls, v: str) -> str:
        return FinancialYear.parse(v).label


class Source(Strict):
    """One place in the published documents where a commitment is written."""

    document: str
    section: str
    text: str | None = None  # the wording there, where it differs from the statement
    starts: date | None = None  # the month a delivery timeline bar starts, where one is given


class Choice(Strict):
    """A rule the strategy does not set, chosen by the authority, with its reason."""

    field: ChoiceField
    reason: str = Field(min_length=10)


class DataSpec(Strict):
    measure: Literal[tuple(MEASURES)]  # type: ignore[valid-type]
    characteristic: str | None = None
    groups: list[str] = []
    employer: str | None = None
    group_by: list[str] = []
    statistic: Literal["mean", "median"] | None = None
    # what a reported numerator and denominator count: "people" puts them under
    # disclosure control; otherwise (programmes, partnerships) they are never withheld
    counts: Literal["people"] | None = None


class Indicator(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    objective: str
    title: str
    statement: str
    kind: Kind
    unit: Unit
    evidence: Evidence | None = None
    direction: Direction = "increase"
    annual: bool = False
    baseline: Baseline | None = None
    target: Target | None = None
    threshold: float | None = None
    tolerance: float = Field(default=0.0, ge=0)
    tolerance_source: str | None = None
    due: date | None = None
    data: DataSpec
    source: str
    sources: list[Source] = []
    choices: list[Choice] = []
    # Which figure of a commitment that names several (e.g. one employer's pay gap of two).
    part: str | None = None
    # The tables the report publishes that this action establishes (PUBLISHED_TABLES).
    evidenced_by: list[Literal[tuple(PUBLISHED_TABLES)]] = []  # type: ignore[valid-type]

    @field_validator("statement", "title")
    @classmethod
    def _plain(cls, v: str) -> str:
        return wording.plain_text(v)

    @model_validator(mode="after")
    def _kind_needs(self) -> Indicator:
        if self.kind == "target" and self.target is None:
            raise ValueError("a 'target' indicator needs target: {value, year}")
        if self.kind == "threshold" and self.threshold is None:
            raise ValueError("a 'threshold' indicator needs threshold:")
        if self.kind == "milestone" and self.due is None:
            raise ValueError("a 'milestone' indicator needs due: YYYY-MM-DD")
        if self.kind in ACTION_KINDS and self.data.measure != "action_status":
            raise ValueError(f"a '{self.kind}' indicator is computed from measure: action_status")
        if self.kind not in ACTION_KINDS and self.data.measure == "action_status":
            raise ValueError("measure action_status is only for 'milestone' and 'recurring'")
        if self.kind not in ACTION_KINDS and self.evidence is None:
            raise ValueError(f"evidence: required for a measure; use {EVIDENCE_HELP}")
        if self.evidenced_by and self.kind not in ACTION_KINDS:
            raise ValueError("evidenced_by: is for actions the report's tables show done")
        if self.kind in ACTION_KINDS and self.evidence is not None:
            raise ValueError("evidence: is for quantitative indicators, not milestones")
        if self.tolerance and not self.tolerance_source:
            raise ValueError(
                "tolerance_source: required with a tolerance; name the strategy's or a "
                "documented materiality rule (or remove tolerance: changes are judged exactly)"
            )
        wording.check_definitions(self)
        wording.check_verb(self)
        wording.check_derived(self)
        if self.kind in ("target", "direction", "threshold") and self.direction == "none":
            raise ValueError(
                f"a '{self.kind}' indicator needs direction: increase or decrease (a figure "
                "the strategy sets no direction for is kind: context)"
            )
        return self

    @property
    def action(self) -> bool:
        """An action, milestone or recurring commitment (judged on its stage, not a figure)."""
        return self.kind in ACTION_KINDS

    @property
    def starts(self) -> date | None:
        """When the strategy's delivery timeline has it start (the earliest source's bar)."""
        return min((x.starts for x in self.sources if x.starts), default=None)

    def choice(self, field: str) -> Choice | None:
        """The authority's own choice for ``field``, where it made one."""
        return next((c for c in self.choices if c.field == field), None)


class Objective(Strict):
    id: str
    title: str
    statement: str


class Catalogue(Strict):
    authority: str
    objectives: list[Objective]
    indicators: list[Indicator]

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        if not self.objectives or not self.indicators:
            raise ValueError(
                "the catalogue has no "
                + ("objectives" if not self.objectives else "indicators")
                + ": a report needs at least one objective and one indicator; copy a "
                "commented example into the list (docs/hr-export.md, step 1)"
            )
        ids = [i.id for i in self.indicators]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"indicator ids must be unique; repeated: {', '.join(dupes)}")
        # an action written in two lists (Year One and a timeline bar) is one commitment
        by_statement: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            if ind.action:
                by_statement.setdefault(" ".join(ind.statement.split()), []).append(ind)
        for same in by_statement.values():
            parts = [i.part for i in same]
            if len(same) > 1 and (None in parts or len(set(parts)) < len(parts)):
                raise ValueError(
                    "one commitment is modelled more than once: "
                    + ", ".join(i.id for i in same)
                    + " share a statement; merge them or give each a distinct part:"
                )
        objective_ids = {o.id for o in self.objectives}
        unknown = sorted({i.objective for i in self.indicators} - objective_ids)
        if unknown:
            raise ValueError(f"indicators name unknown objectives: {', '.join(unknown)}")
        return self

    def objective(self, objective_id: str) -> Objective:
        return next(o for o in self.objectives if o.id == objective_id)


def load_catalogue(authority_id: str, root: Path | None = None) -> Catalogue:
    """Load and validate one authority's catalogue; every problem is reported at once."""
    path = catalogue_file(authority_id, root)
    raw = read_yaml(path) or {}
    try:
        cat = Catalogue.model_validate(raw)
    except ValidationError as exc:
        problems = validation_problems(path, exc)
        # Name the indicator by id as well as by position, which is what an analyst edits.
        items = raw.get("indicators") if isinstance(raw, dict) else None
        named = []
        for p in problems:
            msg = p.message
            parts = msg.split(".", 2)
            if (
                items
                and parts[0] == "indicators"
                and len(parts) > 1
                and parts[1].split(":")[0].isdigit()
            ):
                idx = int(parts[1].split(":")[0])
                if idx < len(items) and isinstance(items[idx], dict) and "id" in items[idx]:
                    msg = f"indicator '{items[idx]['id']}' ({msg})"
            named.append(Problem(p.file, msg))
        raise InputError(named) from None
    if cat.authority != authority_id:
        raise InputError(
            [
                Problem(
                    display_path(path, project_root()),
                    f"authority '{cat.authority}' does not match the file name",
                )
            ]
        )
    return cat

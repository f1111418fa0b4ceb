"""The analyst's commentary (``commentary.yaml``): words and next steps per indicator and
objective, validated on load.

Each entry is either a plain sentence or a mapping::

    indicators:
      employer-disabled-workforce:
        commentary: Fewer disabled applicants reached shortlisting this year.
        next_steps:
          - action: Guaranteed interview scheme for disabled applicants
            owner: Head of HR
            date: 2025-09-30

Loaded as ``{"objectives": {id: text}, "indicators": {id: text}, "next_steps":
{"objectives": {id: [NextStep]}, "indicators": {id: [NextStep]}}}``: the texts keep the
shape the evaluation reads; the next steps sit beside them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field, ValidationError

from equality_progress.errors import InputError, Problem
from equality_progress.inputs.settings import Strict, read_yaml, validation_problems

SECTIONS = ("objectives", "indicators", "case_studies")


class NextStep(Strict):
    """What will be done, by whom, by when."""

    action: str = Field(min_length=3)
    owner: str = Field(min_length=2)
    date: dt.date

    def sentence(self) -> str:
        return f"{self.action.rstrip('.')} ({self.owner}, by {self.date.strftime('%-d %B %Y')})."


class Entry(Strict):
    commentary: str = ""
    next_steps: list[NextStep] = []


class CaseStudy(Strict):
    """A story of what changed for people, in the authority's words (issue 25)."""

    title: str = Field(min_length=3)
    text: str = Field(min_length=20)


class CommentaryFile(Strict):
    objectives: dict[str, str | Entry] = {}
    indicators: dict[str, str | Entry] = {}
    case_studies: list[CaseStudy] = []


def empty() -> dict:
    return {
        "objectives": {},
        "indicators": {},
        "next_steps": {"objectives": {}, "indicators": {}},
        "case_studies": [],
    }


def parse(raw: object, path: Path, shown: str) -> tuple[dict, list[Problem]]:
    """Validate one commentary file's YAML content; problems name the file and the key."""
    out = empty()
    if raw is None:
        return out, []
    if not isinstance(raw, dict):
        return out, [
            Problem(shown, "must be a mapping with objectives:, indicators: and case_studies:")
        ]
    unknown = sorted(set(map(str, raw)) - set(SECTIONS))
    problems = [
        Problem(shown, f"unknown key '{k}' (use objectives:, indicators:, case_studies:)")
        for k in unknown
    ]
    known = {k: v for k, v in raw.items() if k in SECTIONS}
    for k in SECTIONS:
        if known.get(k) is None:
            known[k] = [] if k == "case_studies" else {}
    try:
        model = CommentaryFile.model_validate(known)
    except ValidationError as exc:
        found = [Problem(shown, p.message) for p in validation_problems(path, exc)]
        return out, problems + found
    out["case_studies"] = list(model.case_studies)
    for section in ("objectives", "indicators"):
        for key, entry in getattr(model, section).items():
            if isinstance(entry, str):
                entry = Entry(commentary=entry)
            out[section][str(key)] = entry.commentary.strip()
            if entry.next_steps:
                out["next_steps"][section][str(key)] = list(entry.next_steps)
    return out, problems


def load(path: Path, shown: str) -> tuple[dict, list[Problem]]:
    """``commentary.yaml`` at ``path`` (optional: absent gives empty commentary)."""
    if not path.exists():
        return empty(), []
    try:
        raw = read_yaml(path)
    except InputError as exc:
        return empty(), exc.problems
    return parse(raw, path, shown)

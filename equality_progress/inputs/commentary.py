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

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from equality_progress.errors import InputError, Problem, did_you_mean
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
    """A story of what changed for people, in the authority's words (issue 25), with an
    optional picture: ``image:`` a PNG or JPEG file beside commentary.yaml, ``alt:`` what it
    shows, for readers who cannot see it (required with an image)."""

    title: str = Field(min_length=3)
    text: str = Field(min_length=20)
    image: str | None = None
    alt: str | None = Field(default=None, min_length=10)
    _data: bytes | None = PrivateAttr(default=None)  # the image's bytes, read on load

    @model_validator(mode="after")
    def _image_has_alt_text(self) -> CaseStudy:
        if self.image is not None and not self.alt:
            raise ValueError("an image needs alt: (what it shows, for readers who cannot see it)")
        if self.alt is not None and self.image is None:
            raise ValueError("alt: describes an image: add image: (a file beside this one)")
        return self

    @property
    def image_data(self) -> bytes | None:
        return self._data


# What a case study's picture may be (by its first bytes, not its name), and its size limit:
# the image travels inside the self-contained HTML, the PDF and the executed notebook.
IMAGE_KINDS = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}
IMAGE_LIMIT = 500_000


def image_kind(data: bytes) -> str | None:
    """``png`` or ``jpeg`` from a file's signature, else None."""
    return next((k for sig, k in IMAGE_KINDS.items() if data.startswith(sig)), None)


def _read_images(studies: list[CaseStudy], folder: Path, shown: str) -> list[Problem]:
    """Each case study's image read from ``folder``: a plain file name, present, a PNG or
    JPEG, at most ``IMAGE_LIMIT`` bytes. Problems name the file, the study and the fix."""
    problems = []
    for i, s in enumerate(studies, start=1):
        if s.image is None:
            continue
        where = f"{shown}, case_studies {i} ('{s.title}'), image"
        path = folder / s.image
        if Path(s.image).name != s.image:
            problems.append(
                Problem(
                    where,
                    f"'{s.image}': give a file name only, and put the file beside commentary.yaml",
                )
            )
        elif not path.is_file():
            near = did_you_mean(s.image, sorted(p.name for p in folder.iterdir()))
            problems.append(Problem(where, f"'{s.image}' is not in {folder.name}/{near}"))
        else:
            data = path.read_bytes()
            if image_kind(data) is None:
                problems.append(
                    Problem(where, f"'{s.image}' is not a PNG or JPEG image; save it as one")
                )
            elif len(data) > IMAGE_LIMIT:
                problems.append(
                    Problem(
                        where,
                        f"'{s.image}' is {len(data) // 1000} kB; resize "
                        f"it to at most {IMAGE_LIMIT // 1000} kB",
                    )
                )
            else:
                s._data = data
    return problems


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
    problems += _read_images(out["case_studies"], path.parent, shown)
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

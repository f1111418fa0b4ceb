"""Build one small survey's published figures and verdicts exactly as the package does.

Part of the random-search audit of small surveys (scripts/survey_audit/): for a string of
scores (one digit 1-7 per respondent) and a choice of rows of the LCRCA sample survey, it
runs the package's own API (equality_progress.analysis: measures, evaluate, levels,
disclosure) and returns plain data for the attacker (attacker.py): the headline, every
published group as printed (mean, interval, number of answers shown or withheld, verdict),
each characteristic's "not stated" rest, and the true answers of each.

Not run on its own: search.py imports it (``import figures``). The project root, whose
params and sample data it reads, is this repository's root (two folders up from this
file), or the EP_ROOT environment variable where set. Run with PYTHONPATH set to the
same root so the package imported is this checkout's:

    PYTHONPATH=. python scripts/survey_audit/search.py --count 10 --out /tmp/audit.jsonl

This audit is independent: it is written apart from the package's own attacker in
tests/attack_joint.py, and shares no code with it. Of its findings, the "pins" are read with
the withheld numbers of answers as unknowns (what a reader has); the "pins_nknown" with every
group's number of answers known, which over-informs a reader (a bound, not a finding).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from equality_progress.analysis import disclosure, evaluate, levels, measures
from equality_progress.analysis.bounded_means import headline_mean
from equality_progress.analysis.change import Trend
from equality_progress.inputs.settings import load_settings

# the repository's root (scripts/survey_audit/figures.py -> root), unless EP_ROOT says otherwise
ROOT = Path(os.environ.get("EP_ROOT", Path(__file__).resolve().parents[2]))
SAMPLE = ROOT / "data" / "lcrca" / "2025-26"
CHARS = ["sex", "ethnicity", "disability", "sexual_orientation", "age_band"]
SETTINGS = load_settings(ROOT)
SURVEY = pd.read_csv(SAMPLE / "staff_survey.csv")
WORKFORCE = pd.read_csv(SAMPLE / "workforce.csv")


@dataclass
class Pub:
    name: str
    char: str | None
    n: int
    mean: str | None  # printed mean text
    lower: str | None
    upper: str | None
    staff: int | None
    verdict: str  # "" where none
    truth: tuple[int, ...]
    n_shown: bool = True
    true_value: float | None = None
    too_few: bool = False  # row says "Too few responses to publish" (n < min_base)
    optional: bool = False  # a group listed only when someone is in it


def build(
    scores: str, rows: list[int] | None, level: float
) -> tuple[Pub, list[Pub], list[Pub], object, list]:
    """The survey of ``scores`` (the first len(scores) sample rows, or ``rows``) judged
    against ``level``: (headline, published groups, each characteristic's not stated,
    the package's assessment, the judged groups)."""
    settings = SETTINGS
    if rows is None:
        survey = SURVEY.head(len(scores)).copy()
    else:
        survey = SURVEY.iloc[rows].reset_index(drop=True).copy()
    survey["edi_score"] = [int(c) for c in scores]
    s = survey["edi_score"]
    answers = tuple(int((s == k).sum()) for k in range(1, 8))
    # headline as the report prints it
    m, lower, upper, staff = measures._headline(s, settings, WORKFORCE)
    groups = measures.survey_groups(survey, CHARS, settings, WORKFORCE, (level, "increase"))
    plan = groups[0].plan
    if hasattr(plan, "headline_shown"):
        shown = plan.headline_shown
    else:
        shown = headline_mean(
            len(s),
            m,
            lower,
            upper,
            settings.disclosure,
            settings.progress.confidence,
            staff,
            answers,
        )
    head = Pub(
        "All respondents",
        None,
        len(s),
        f"{m:.2f}" if shown.places else None,
        f"{lower:.2f}" if shown.places and shown.interval else None,
        f"{upper:.2f}" if shown.places and shown.interval else None,
        staff,
        "",
        answers,
        True,
        m,
    )
    ind = SimpleNamespace(threshold=level, direction="increase", evidence="survey")
    groups = [evaluate._verdict_safe(g, ind, settings) for g in groups]
    tr = Trend("not_available", "")
    a, judged = levels.assess_threshold(
        groups,
        level,
        "increase",
        "score",
        "survey",
        tr,
        settings.progress.confidence,
        settings.disclosure,
    )
    nshown = disclosure.protect_parts({g.group: g.n for g in judged}, settings.disclosure, len(s))
    # true answers of every group (incl. those with no value)
    truth: dict[str, tuple[int, ...]] = {}
    for char in CHARS:
        for label, cats in measures.groups_of(char, survey[char]).items():
            sub = survey.loc[survey[char].isin(cats), "edi_score"]
            counts = tuple(int((sub == k).sum()) for k in range(1, 8))
            truth[f"{measures.LABELS[char]}: {label}"] = counts
    pubs = []
    char_of = {measures.LABELS[c]: c for c in CHARS}
    for g in judged:
        charlabel = g.group.partition(": ")[0]
        mean_t = lo_t = up_t = None
        if g.value is not None:
            pm = g.published(settings.disclosure, settings.progress.confidence)
            if pm is not None and pm.places is not None:
                mean_t = f"{g.value:.{pm.places}f}"
                if pm.interval and g.lower is not None:
                    lo_t, up_t = f"{g.lower:.2f}", f"{g.upper:.2f}"
        t = truth[g.group]
        assert sum(t) == g.n
        pubs.append(
            Pub(
                g.group,
                char_of[charlabel],
                g.n,
                mean_t,
                lo_t,
                up_t,
                g.population,
                g.verdict,
                t,
                nshown[g.group],
                None if sum(t) == 0 else sum((k + 1) * c for k, c in enumerate(t)) / sum(t),
                g.value is None
                and nshown[g.group]
                and not disclosure.base_allowed(g.n, settings.disclosure),
                g.group.partition(": ")[2] in measures.OPTIONAL_GROUPS,
            )
        )
    # not stated per characteristic
    rest = []
    for char in CHARS:
        gs = [p for p in pubs if p.char == char]
        t = tuple(answers[k] - sum(p.truth[k] for p in gs) for k in range(7))
        assert min(t) >= 0
        rest.append(
            Pub(
                f"{measures.LABELS[char]}: not stated",
                char,
                sum(t),
                None,
                None,
                None,
                None,
                "",
                t,
                all(p.n_shown for p in gs),
                None,
            )
        )
    return head, pubs, rest, a, judged

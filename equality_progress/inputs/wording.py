"""How a commitment's own words bind its model (issue 23): a group the statement names is a
code or a named definition the authority says why it chose; an average the statement does
not name is a recorded choice; the verb gives the kind ("Continue" is yearly, "Launch" once)
unless a choice says otherwise; a derived baseline adds up from the statement's figures;
words are plain text. Each check raises ValueError, which the catalogue's validation turns
into a message naming the file, the indicator and the fix."""

from __future__ import annotations

import re
from typing import Any, Protocol

from equality_progress.errors import did_you_mean
from equality_progress.inputs.contracts import NAMED_GROUPS, WORKFORCE


class Indicator(Protocol):
    """What these checks read of a catalogue's Indicator (a protocol, not an import: the
    catalogue imports this module)."""

    statement: str
    kind: str
    data: Any
    baseline: Any

    def choice(self, field: str) -> Any: ...


# The codes a ``data.groups`` entry may name, by characteristic (besides NAMED_GROUPS).
CODES = {c.name: c.categories for c in WORKFORCE.columns if c.kind == "category"}
# The words by which a statement itself says which average it means.
STATISTIC_WORDS = {"median": r"\bmedian\b", "mean": r"\b(mean|average)\b"}


# Verbs by which a statement says what kind of commitment it is (issue 23): an ongoing one
# is judged on each year's update (recurring), a one-off is done once (milestone). Another
# kind for such a statement is the authority's reading, recorded as a ``kind`` choice.
_LEAD = r"^(?:\d+(?:\.\d+)*\s+)?(?:we will\s+)?"
ONGOING_VERBS = re.compile(_LEAD + r"(continue|maintain|sustain|ensure continued)\b", re.I)
ONE_OFF_VERBS = re.compile(_LEAD + r"(achieve|launch|introduce)\b", re.I)


# Markdown a statement copied from a converted document may carry ("[text](#)", "**bold**"):
# every output prints a statement as text, so it would show raw (issue 25: Sefton's PDF).
MARKDOWN = re.compile(r"\[[^\]]+\]\([^)]*\)|\*\*[^*]+\*\*|^#+ ", re.MULTILINE)


def plain_text(v: str) -> str:
    """A statement or title as plain text: Markdown would print raw in every output."""
    found = MARKDOWN.search(v)
    if found:
        raise ValueError(
            f"'{found.group(0)}' is Markdown, which every output would print as it is: "
            "write the words alone (a link's text without its brackets and address)"
        )
    return v


def check_definitions(ind: Indicator) -> None:
    """Each group a real code or a named group; a named group or an average the
    statement does not itself settle is a recorded choice (issue 23: a definition the
    strategy leaves open, such as whether white minorities are 'ethnic minority')."""
    spec = ind.data
    for g in spec.groups:
        named = NAMED_GROUPS.get(g)
        if named is None:
            codes = CODES.get(spec.characteristic or "")
            if codes and g not in codes:
                raise ValueError(
                    f"data.groups: '{g}' is not a {spec.characteristic} code"
                    f"{did_you_mean(g, codes)}; name a code of the data contract "
                    f"(docs/data-contracts.md) or one of the named groups "
                    f"({', '.join(NAMED_GROUPS)})"
                )
        elif named.characteristic != spec.characteristic:
            raise ValueError(
                f"data.groups: '{g}' is a group of {named.characteristic}, but "
                f"characteristic: is {spec.characteristic}"
            )
        elif ind.choice("definition") is None:
            others = [
                k
                for k, v in NAMED_GROUPS.items()
                if v.characteristic == named.characteristic and k != g
            ]
            raise ValueError(
                f"data.groups: '{g}' counts {named.means}; strategies word this "
                "differently, so record why it fits the statement: choices: "
                "[{field: definition, reason: ...}] (or name another group: "
                + ", ".join(f"'{k}', {NAMED_GROUPS[k].means}" for k in others)
                + ")"
            )
    stat = spec.statistic
    if (
        stat is not None
        and not re.search(STATISTIC_WORDS[stat], ind.statement, re.IGNORECASE)
        and ind.choice("statistic") is None
    ):
        raise ValueError(
            f"data.statistic: {stat}: the statement does not say which average it "
            "means, so record why this one: choices: [{field: statistic, reason: ...}]"
        )


def check_derived(ind: Indicator) -> None:
    """A derived baseline's figures are the statement's own, and add up to it."""
    base = ind.baseline
    if base is None or base.derived is None:
        return
    # each figure as a whole number in the statement (2.4 is not the 2.4 of 2.42)
    missing = [
        f
        for f in base.derived.figures
        if not re.search(rf"(?<![\d.]){re.escape(f'{f:g}')}(?![\d])", ind.statement)
    ]
    if missing:
        raise ValueError(
            f"baseline.derived.figures: {', '.join(f'{f:g}' for f in missing)} not in the "
            "statement; a derived baseline is worked out from figures the strategy prints, "
            "as it prints them"
        )
    got = base.derived.total()
    if base.value is None or abs(got - base.value) > 0.5 * 10 ** -(base.places or 0) + 1e-9:
        raise ValueError(
            f"baseline.value: {base.value} but the derived figures give {got:g} "
            f"({base.derived.how}); correct the value or the figures"
        )


def check_verb(ind: Indicator) -> None:
    """A statement that opens 'Continue'/'Maintain'/'Sustain' is ongoing, one that opens
    'Achieve'/'Launch'/'Introduce' is a one-off, unless a ``kind`` choice says why not."""
    if ind.choice("kind") is not None:
        return
    ongoing = ONGOING_VERBS.match(ind.statement.strip())
    one_off = ONE_OFF_VERBS.match(ind.statement.strip())
    if ind.kind == "milestone" and ongoing:
        raise ValueError(
            f"kind: milestone, but the statement opens '{ongoing.group(1)}': an ongoing "
            "commitment is kind: recurring (judged on each year's update, never done for "
            "good); if this one ends in something delivered once, say why: choices: "
            "[{field: kind, reason: ...}]"
        )
    if ind.kind == "recurring" and one_off:
        raise ValueError(
            f"kind: recurring, but the statement opens '{one_off.group(1)}': a one-off is "
            "kind: milestone with due: YYYY-MM-DD (a recurring commitment can never be "
            "done); if it is asked for every year, say why: choices: [{field: kind, "
            "reason: ...}]"
        )

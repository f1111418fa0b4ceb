"""Statistical disclosure control: the one place that knows the rules and thresholds.

Every figure about people that a report publishes (HTML and PDF tables, chart data,
``indicators.csv``, the executed notebook) passes through here. The rules, thresholds
in ``params/settings.yaml`` (``disclosure:``):

1. A count of people from 1 to ``min_count - 1`` is withheld (primary suppression).
2. No share, mean or median is published from fewer than ``min_base`` people.
3. A share goes with its count: it is withheld when its count, or the count's complement
   in its base, is withheld or small; a "not disclosed" percentage goes with its count.
4. Protection interval: the figures a report publishes together are linked (grades add
   up to bands and to all staff, senior roles are a subset of staff, every group and the
   "not disclosed" group add up to their base, recruitment stages nest, a percentage of a
   published base is a count). They are modelled as one set of linear equations over the
   finest cells (atoms) and every withheld or unpublished count is bounded by linear
   programming (HiGHS, :mod:`.programmes`), as Tau-Argus's audit does
   (Hundepool et al. 2012, *Statistical Disclosure Control*, ch. 4.3-4.4). No such count
   may be narrowed to a range that meets 1 to ``min_count - 1`` and is narrower than
   ``protection_width`` people; further cells are withheld (secondary suppression, the
   smallest binding published cell first) until none is. Parts of a published total that
   no linked table holds (single ethnic groups' bonus shares) are protected by
   :func:`parts_shown`: a zero is withheld beside a withheld part, and the remainder of the
   total is never 1 to ``min_count - 1``.
5. Counts of programmes, partnerships, suppliers or other things are not people: they
   are never suppressed (:func:`counts_people`).
6. A mean on a bounded whole-number scale (a 1-7 survey score) with its interval and number
   of answers can fix how many gave each answer. Before one is published, integer
   programming bounds each answer's count over every distribution the printed figures allow
   (:func:`.bounded_means.mean_exposes`); if some answer was certainly given by 1 to
   ``min_count - 1`` people within a range narrower than ``protection_width``, the
   interval is withheld and the mean printed to one place; if that still exposes a count,
   the mean is withheld too (:func:`.bounded_means.publishable_mean`). The rule's integer
   programmes live in :mod:`.bounded_means`, with this module's thresholds passed in.

Symbols follow the Government Statistical Service guidance on symbols in tables
(GSS, "Using symbols and shorthand in tables", 2021). All functions are pure.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from equality_progress.analysis.programmes import Audit
from equality_progress.inputs.catalogue import MEASURES
from equality_progress.inputs.settings import DisclosureSettings

log = logging.getLogger(__name__)

CONFIDENTIAL = "[c]"
NOT_AVAILABLE = "[x]"
NOT_APPLICABLE = "[z]"
SYMBOL_KEY = {
    CONFIDENTIAL: "confidential: withheld to protect individuals (small numbers)",
    NOT_AVAILABLE: "not available",
    NOT_APPLICABLE: "not applicable",
}
WITHHELD_NOTE = (
    f"{CONFIDENTIAL} = withheld: a small count, a figure from too few people, or a cell "
    "withheld so that a small count cannot be worked out from the other published figures."
)


def counts_people(measure: str, counts: str | None = None) -> bool:
    """True when a measure's figures count people (disclosure control applies).

    A ``reported_value`` counts people only when its catalogue entry says so
    (``data.counts: people``): programmes or partnerships are never suppressed.
    """
    if measure == "reported_value":
        return counts == "people"
    return MEASURES[measure].people  # the rest count programmes, partnerships, suppliers


def small(n: float, rules: DisclosureSettings) -> bool:
    """A count of people small enough to identify someone: 1 to ``min_count - 1``."""
    return 0 < n < rules.min_count


def share_allowed(k: float, n: float, rules: DisclosureSettings) -> bool:
    """A share k/n may be published: base of at least ``min_base`` and neither the count
    nor its complement small (rules 2 and 3)."""
    return n >= rules.min_base and not small(k, rules) and not small(n - k, rules)


def base_allowed(n: float, rules: DisclosureSettings) -> bool:
    """A mean, median or rate over n people may be published (rule 2)."""
    return n >= rules.min_base


def count_cell(n: float, rules: DisclosureSettings) -> object:
    """A count as published on its own (no linked table): ``[c]`` when small."""
    return CONFIDENTIAL if small(n, rules) else n


def is_withheld(value: object) -> bool:
    return isinstance(value, str) and value == CONFIDENTIAL


def withheld_cells(frames: Iterable[pd.DataFrame]) -> int:
    """Cells shown as ``[c]`` in the published tables (counted, never accumulated)."""
    return int(sum((f.astype(object) == CONFIDENTIAL).to_numpy().sum() for f in frames))


@dataclass(frozen=True)
class Protection:
    """What a set of linked tables may publish: each item's value and whether withheld.

    ``table`` has one row per item: ``value`` (true), ``published`` (bool), ``role``
    (candidate, fixed or audit), ``primary`` (bool) and the audited ``lower``/``upper``
    bounds an attacker can derive for each unpublished item.
    """

    table: pd.DataFrame

    def value(self, key: Hashable) -> float:
        return float(self.table.at[key, "value"])

    def published(self, key: Hashable) -> bool:
        return key in self.table.index and bool(self.table.at[key, "published"])

    def cell(self, key: Hashable) -> object:
        """The count as published: the integer, or ``[c]``."""
        if not self.published(key):
            return CONFIDENTIAL
        v = self.value(key)
        return int(v) if float(v).is_integer() else v

    @property
    def withheld(self) -> frozenset:
        t = self.table
        return frozenset(t.index[(t["role"] == "candidate") & ~t["published"]])


def exposed(lo: float, hi: float, rules: DisclosureSettings) -> bool:
    """A withheld count's range (whole people) meets 1 to ``min_count - 1`` and is
    narrower than ``protection_width`` (rule 4)."""
    return hi - lo < rules.protection_width and lo < rules.min_count and hi >= 1


def _whole(lo: float, hi: float) -> tuple[float, float]:
    """A range of counts of people as whole numbers."""
    return np.ceil(lo - 1e-9), np.floor(hi + 1e-9)


def protect(
    atoms: pd.Series,
    items: Mapping[Hashable, Sequence[Hashable]],
    candidates: Iterable[Hashable],
    rules: DisclosureSettings,
    *,
    fixed: Iterable[Hashable] = (),
    keep: Iterable[Hashable] = (),
    prefer: Iterable[Hashable] = (),
    give_up: Callable[[frozenset], bool] | None = None,
    hide: Iterable[Hashable] = (),
    hide_exposed: Callable[[Mapping[Hashable, tuple[float, float]]], bool] | None = None,
) -> Protection | None:
    """Primary and secondary suppression over one set of linked tables, with an audit.

    ``atoms``: true counts of the finest cells (index: labels). ``items``: every figure
    that may be published or derived, as the atoms it adds up. ``candidates`` are the
    counts the tables would publish; ``fixed`` are figures taken as known to anyone
    (published elsewhere, never withheld); ``keep`` are candidates withheld only when
    small (published by other outputs, e.g. ``indicators.csv``). Every other item is
    audited only (derivable differences such as a complement). ``give_up`` is asked before
    each round with the cells withheld so far (they only grow): once it is true, the
    protection stops and returns None (a caller that would not use it saves the rest of
    its programmes). ``hide``: candidates withheld whatever their size, for a link no
    table holds (the statutory chain, :mod:`.statutory_chain`); while ``hide_exposed``,
    given the range a reader can put on each of them, says that range still gives a count
    away, further cells are withheld as for any exposed count. Pure: no I/O.
    """
    keys = list(items)
    pos = {a: i for i, a in enumerate(atoms.index)}
    a = np.zeros((len(keys), len(atoms)))
    for r, k in enumerate(keys):
        for atom in items[k]:
            a[r, pos[atom]] = 1.0
    x = atoms.to_numpy(dtype=float)
    val = a @ x
    # atoms that every item counts together (the same column of ``a``) are one unknown to
    # anyone reading the tables: merged, the bounds are the same and the programs smaller
    a, merged = np.unique(a, axis=1, return_inverse=True)
    x = np.bincount(merged.ravel(), weights=x, minlength=a.shape[1])
    index = {k: r for r, k in enumerate(keys)}
    cand, fix, kept = set(candidates), set(fixed), set(keep)
    preferred = set(prefer) & cand - kept
    hidden = [k for k in hide if k in cand]
    withheld = {k for k in cand if small(val[index[k]], rules)} | set(hidden)
    primary = set(withheld)
    # the truth-free criterion (range meets 1..min_count-1 and is narrower than the
    # protection width) can only fail for an item whose value is at most this
    limit = rules.min_count - 2 + rules.protection_width
    lower = dict.fromkeys(keys, np.nan)
    upper = dict.fromkeys(keys, np.nan)
    passed: set = set()  # ranges only widen as more is withheld: audited once is enough
    audit = Audit(a, val, sorted(index[k] for k in cand | fix))
    for _ in range(len(keys) + 1):
        if give_up is not None and give_up(frozenset(withheld)):
            return None
        pub = [k for k in keys if (k in cand and k not in withheld) or k in fix]
        # a table prints a zero as 0, so anyone can tell a withheld count is not zero
        # (issue 28: at Sefton every [c] was known to be 1 to 4)
        one = [index[k] for k in sorted(withheld, key=str) if val[index[k]] >= 1]
        audit.know([index[k] for k in pub], one)
        failing = None
        for k in keys:
            if k in pub or k in passed or val[index[k]] > limit:
                continue
            lo, hi = _whole(*audit.range(index[k]))
            if exposed(lo, hi, rules):  # solved again cold for the duals that choose
                lo, hi, duals = audit.exact(index[k])
                lo, hi = _whole(lo, hi)
            lower[k], upper[k] = lo, hi
            if exposed(lo, hi, rules):
                failing = (k, duals)
                break
            passed.add(k)
        if failing is None and hidden and hide_exposed is not None:
            failing = _hidden_failing(audit, hidden, index, hide_exposed)
        if failing is None:
            break
        k, duals = failing
        target = a[[index[x] for x in (hidden if k is None else [k])]].sum(axis=0)
        choice = _secondary(pub, duals, val, index, preferred, target, a, binding_only=True)
        if choice is None:
            choice = _secondary(pub, duals, val, index, cand - kept, target, a)
        if choice is None:  # only figures published elsewhere are left: withhold one too
            choice = _secondary(pub, duals, val, index, cand, target, a)
            if choice is not None:
                log.warning("disclosure control withholds %r, published elsewhere too", choice)
        if choice is None:
            raise RuntimeError(f"disclosure control: no cell can protect {k or hidden!r}")
        withheld.add(choice)
    pub_set = {k for k in keys if (k in cand and k not in withheld) or k in fix}
    table = pd.DataFrame(
        {
            "value": val,
            "published": [k in pub_set for k in keys],
            "role": ["fixed" if k in fix else "candidate" if k in cand else "audit" for k in keys],
            "primary": [k in primary for k in keys],
            "lower": [lower[k] for k in keys],
            "upper": [upper[k] for k in keys],
        },
        index=pd.Index(keys, tupleize_cols=False),
    )
    return Protection(table)


def _hidden_failing(
    audit: Audit,
    hidden: list,
    index: dict,
    hide_exposed: Callable[[Mapping[Hashable, tuple[float, float]]], bool],
) -> tuple[None, np.ndarray] | None:
    """(None, the duals of every hidden figure's bounds) while the ranges a reader can put
    on the hidden figures still give a count away (``hide_exposed``), else None."""
    ranges = {k: _whole(*audit.range(index[k])) for k in hidden}
    if not hide_exposed(ranges):
        return None
    return None, sum(audit.exact(index[k])[2] for k in hidden)


def _secondary(
    pub: list,
    duals: np.ndarray,
    val: np.ndarray,
    index: dict,
    choosable: set,
    target: np.ndarray,
    a: np.ndarray,
    binding_only: bool = False,
) -> Hashable | None:
    """The published cell to withhold next: among choosable cells binding the audit
    (non-zero dual), else (unless ``binding_only``) among those sharing an atom with the
    exposed item, the one with the smallest non-zero value (least information lost; a
    zero reveals nothing)."""
    binding = [k for i, k in enumerate(pub) if k in choosable and duals[i] > 1e-9]
    if not binding and not binding_only:
        binding = [k for k in pub if k in choosable and (a[index[k]] @ target) > 0]
    if not binding:
        return None
    return min(binding, key=lambda k: (val[index[k]] == 0, val[index[k]], str(k)))


def protect_parts(
    parts: Mapping[str, int], rules: DisclosureSettings, respondents: int | None = None
) -> dict[str, bool]:
    """Which counts of a breakdown may be published (True) when their total is known.

    ``parts`` maps "Characteristic: group" (or a plain label) to a count of people; the
    groups of one characteristic are protected as a partition of a known total. With
    ``respondents`` (everyone the breakdown is of), those who gave none of the groups' answers
    to a characteristic ("prefer not to say", not recorded) are a part of that partition too:
    never published, and audited like any other count, so that subtracting the published
    groups from the total cannot give 1 to 4 of them. Without it, every respondent is taken
    to have answered (the cautious assumption when their number is not known).
    """
    out: dict[str, bool] = {}
    by_char: dict[str, list[str]] = {}
    for label in parts:
        by_char.setdefault(label.split(": ")[0], []).append(label)
    for char, labels in by_char.items():
        counts = {k: parts[k] for k in labels}
        if respondents is not None:
            missing = respondents - sum(counts.values())
            if missing < 0:
                raise ValueError(f"{char}: the groups count {-missing} more than respondents")
            if missing:
                counts[(char, "not answered")] = missing
        atoms = pd.Series(list(counts.values()), index=list(counts), dtype=float)
        items = {k: [k] for k in counts} | {(char, "Total"): list(counts)}
        p = protect(atoms, items, labels, rules, fixed=[(char, "Total")])
        out |= {k: p.published(k) for k in labels}
    return out


def side_is_safe(base: int, threshold: float, rules: DisclosureSettings) -> bool:
    """Whether a status may say which side of a level (``threshold`` % of ``base``) a
    withheld count lies on (issue 24: a status kept when its figure is withheld). Decided
    from what is published alone (the base and the level), never from the count, so that
    withholding the status gives nothing away either: each side, for a reader who knows a
    withheld count is 1 to ``base`` - 1 (zeros print as 0; a full share as 100%), must
    leave a range of at least ``protection_width`` people, as rule 4 asks of any count.
    LCRCA 2022-23: 6% of 55 senior appointments puts "below" at 1 to 3 people, so no."""
    least = math.ceil(threshold * base / 100 - 1e-9)  # the fewest at or above the level
    sides = ((1, least - 1), (max(least, 1), base - 1))
    return all(hi < lo or hi - lo >= rules.protection_width for lo, hi in sides)


def parts_shown(
    counts: Sequence[int], shown: Sequence[bool], total: int | None, rules: DisclosureSettings
) -> list[bool]:
    """Which parts of a total (single ethnic groups' bonus recipients, each printed as a
    share, under the all-groups share) stay published, given which rules 1 to 3 allow
    (``shown``) and the total's count when it is published (``total``; else None). Two
    links no table holds (issue 28's attack on Sefton 2023-24: 0.0% printed beside [c], so
    each [c] was 1 or more, and 3 of them shared the total's 5): while the total less the
    published parts (the withheld parts and groups too small to list) is 1 to
    ``min_count - 1``, the smallest published part is withheld too; then, once any part is
    withheld, so is every part of 0, so that a withheld part may be 0 (rule 4's "a withheld
    zero looks like any other withheld cell")."""
    out = list(shown)
    while total is not None and any(out):
        left = total - sum(c for c, s in zip(counts, out, strict=True) if s)
        if not 0 < left < rules.min_count:
            break
        out[min((c, i) for i, (c, s) in enumerate(zip(counts, out, strict=True)) if s)[1]] = False
    if not all(out):
        out = [s and c > 0 for c, s in zip(counts, out, strict=True)]
    return out


def rules_text(rules: DisclosureSettings) -> str:
    """The rules in the report's words (its methodology section)."""
    return (
        f"Counts of people from 1 to {rules.min_count - 1} are withheld; no percentage, mean "
        f"or median is published from fewer than {rules.min_base} people; a percentage goes "
        "with its count. The tables are protected together: further cells are withheld until "
        "no withheld count can be narrowed, from everything the report publishes, to a range "
        f"of fewer than {rules.protection_width} people. Counts of programmes, partnerships or "
        "suppliers are not about people and are never withheld. A survey mean or its "
        "interval is withheld, or printed to fewer places, where the figures would show how "
        "many gave an answer, or that everyone in a group gave the same one."
    )


def too_few_text(rules: DisclosureSettings) -> str:
    return f"{CONFIDENTIAL} fewer than {rules.min_base}"

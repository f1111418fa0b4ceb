"""The statutory chain (issue 28): what each employer's gender pay gap figures, which the
2017 regulations oblige it to publish (and the government's service prints with its size
band), tell about its men and women once the report's all-staff count of each sex is known.

Each employer's hourly pay quarters give its full-pay relevant men and women (taken here
as known exactly: the cautious reading); the share of each sex receiving a bonus, printed
to one place, is a whole number of recipients of a whole number of relevant employees; the
employer's relevant employees lie in its size band. With the count of each sex over all
employers (every member of staff a relevant employee of one of them), the employers'
relevant men (or women) add up to it, which can narrow how many of them at one employer
were not on full pay (on leave at reduced pay) or received a bonus to 1 to 4. The chain is
solved by integer programming (scipy's ``milp``, HiGHS), with and without the totals:
a count the totals narrow to a range rule 4 forbids (:func:`.disclosure.exposed`) that the
statutory figures alone leave wider is a count the report's sex split gives away, and the
split is then withheld (:func:`.linked_tables.protect_workforce`, ``measures.point``).
The statutory figures are published in full whatever this says (the regulations oblige
them). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from equality_progress.analysis.disclosure import exposed
from equality_progress.analysis.pay_gaps import employer_gaps, relevant_bool
from equality_progress.inputs.settings import DisclosureSettings

SEXES = ("Male", "Female")
WORDS = {"Male": "Men", "Female": "Women"}
# the size bands the government's gender pay gap service prints for an employer
SIZE_BANDS = ((0, 249), (250, 499), (500, 999), (1000, 4999), (5000, 19999), (20000, 10**7))
OFF, BONUS = "not on full pay", "bonus recipients"
Key = tuple[str, str, str]  # (employer, sex, OFF or BONUS)


@dataclass(frozen=True)
class EmployerFigures:
    """What a reader has of one employer: its full-pay relevant employees by sex (from its
    published pay quarters; None where they are withheld), the printed share of each sex
    receiving a bonus (None where withheld) and its size band (None for an employer the
    regulations do not cover)."""

    employer: str
    full: Mapping[str, int] | None
    bonus_pct: Mapping[str, float | None]
    band: tuple[int, int] | None


def size_band(relevant: int) -> tuple[int, int]:
    """The government service's size band of an employer of ``relevant`` employees."""
    return next(b for b in SIZE_BANDS if b[0] <= relevant <= b[1])


def chain_figures(wf: pd.DataFrame, rules: DisclosureSettings) -> tuple[EmployerFigures, ...]:
    """Each employer's figures as the report publishes them (:func:`.pay_gaps.employer_gaps`);
    an employer with none published is in the chain too, as one more unknown part of each
    sex's total."""
    if "employer" not in wf or "full_pay_relevant" not in wf or "sex" not in wf:
        return ()
    out = []
    for g in employer_gaps(wf, rules):
        e = wf[wf["employer"] == g.employer]
        shown = {label: ok for label, _, ok in g.measures}
        figures = g.figures or {}
        full = None
        if g.figures is not None and g.quarters_publishable:
            fpr = e[relevant_bool(e["full_pay_relevant"])]
            full = {s: int((fpr["sex"] == s).sum()) for s in SEXES}
        said = {s: shown.get(f"{WORDS[s]} receiving a bonus") for s in SEXES}
        pct = {s: figures.get(f"{s.lower()}_bonus_pct") if said[s] else None for s in SEXES}
        published = full is not None or any(v is not None for v in pct.values())
        band = size_band(len(e)) if published and len(e) >= SIZE_BANDS[1][0] else None
        out.append(EmployerFigures(str(g.employer), full, pct, band))
    return tuple(out)


class _Chain:
    """The integer programme: per employer and sex, relevant employees and bonus
    recipients (whole people), under the figures a reader has."""

    def __init__(self, figs: tuple[EmployerFigures, ...]) -> None:
        self.figs = figs
        self.col: dict[tuple[str, str, str], int] = {}
        for f in figs:
            for s in SEXES:
                for what in ("relevant", BONUS):
                    self.col[(f.employer, s, what)] = len(self.col)
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self.lower = np.zeros(len(self.col))
        for f in figs:
            for s in SEXES:
                rel, bonus = self.col[(f.employer, s, "relevant")], self.col[(f.employer, s, BONUS)]
                if f.full is not None:
                    self.lower[rel] = f.full[s]
                self.rows.append(({rel: 1.0, bonus: -1.0}, 0, np.inf))  # recipients <= staff
                p = f.bonus_pct[s]
                if p is not None:  # printed p: p - 0.05 <= 100 b / rel < p + 0.05, in whole numbers
                    tenths = round(p * 10)
                    self.rows.append(({bonus: 2000.0, rel: -(2 * tenths - 1.0)}, 0, np.inf))
                    self.rows.append(({bonus: 2000.0, rel: -(2 * tenths + 1.0)}, -np.inf, -1))
            if f.band is not None:
                both = {self.col[(f.employer, s, "relevant")]: 1.0 for s in SEXES}
                self.rows.append((both, *f.band))

    def with_totals(
        self, totals: Mapping[str, tuple[float, float]], both: tuple[float, float] | None
    ) -> list[tuple[dict[int, float], float, float]]:
        rows = list(self.rows)
        for s, (lo, hi) in totals.items():
            rows.append(({self.col[(f.employer, s, "relevant")]: 1.0 for f in self.figs}, lo, hi))
        if both is not None:
            cols = {self.col[(f.employer, s, "relevant")]: 1.0 for f in self.figs for s in SEXES}
            rows.append((cols, *both))
        return rows

    def bound(self, rows: list, target: dict[int, float]) -> tuple[float, float] | None:
        """Least and greatest value of ``target`` (None: the figures admit no solution)."""
        a = np.zeros((len(rows), len(self.col)))
        lo, hi = np.zeros(len(rows)), np.zeros(len(rows))
        for r, (coefs, low, high) in enumerate(rows):
            for i, c in coefs.items():
                a[r, i] = c
            lo[r], hi[r] = low, high
        ends = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(self.col))
            for i, v in target.items():
                c[i] = sign * v
            res = milp(
                c,
                constraints=LinearConstraint(a, lo, hi),
                integrality=np.ones(len(self.col)),
                bounds=Bounds(self.lower, np.inf),
            )
            if res.status == 3:  # unbounded: only ever above (every unknown is at least 0)
                ends.append(np.inf)
                continue
            if res.status != 0:
                return None
            ends.append(sign * res.fun)
        return ends[0], ends[1]


def chain_ranges(
    figs: tuple[EmployerFigures, ...],
    totals: Mapping[str, tuple[float, float]] | None = None,
    both: tuple[float, float] | None = None,
    only: Collection[Key] | None = None,
) -> dict[Key, tuple[float, float]]:
    """The range a reader can put on each employer's count of each sex not on full pay
    (where its quarters are published) and receiving a bonus (where the share is), from
    the statutory figures and size bands, and with ``totals`` (each sex's count over all
    employers, as a range) and ``both`` (men and women together) where given; of the
    counts ``only`` names, where given."""
    chain = _Chain(figs)
    rows = chain.with_totals(totals or {}, both)
    out: dict[Key, tuple[float, float]] = {}
    for f in figs:
        for s in SEXES:
            rel = chain.col[(f.employer, s, "relevant")]
            targets = {}
            if f.full is not None:
                targets[OFF] = {rel: 1.0}
            if f.bonus_pct[s] is not None:
                targets[BONUS] = {chain.col[(f.employer, s, BONUS)]: 1.0}
            for what, target in targets.items():
                if only is not None and (f.employer, s, what) not in only:
                    continue
                ends = chain.bound(rows, target)
                if ends is None:
                    continue
                shift = f.full[s] if what == OFF and f.full is not None else 0
                out[(f.employer, s, what)] = (ends[0] - shift, ends[1] - shift)
    return out


def _exposed(ranges: Mapping[Key, tuple[float, float]], rules: DisclosureSettings) -> set[Key]:
    return {
        k
        for k, (lo, hi) in ranges.items()
        if exposed(float(np.ceil(lo - 1e-9)), float(np.floor(hi + 1e-9)), rules)
    }


@dataclass(frozen=True)
class ChainFinding:
    """What one year's statutory figures give away with what the report publishes.

    ``headcount``: counts the number of staff (men and women together, the base of every
    share: never withheld) narrows as rule 4 forbids, more closely than the statutory
    figures and size bands alone do (those are public whatever the report prints): a limit
    no withholding in the report can close, stated where the pay gaps are. ``split``: counts
    only the all-staff count of each sex narrows so: the sex split is withheld for them."""

    figs: tuple[EmployerFigures, ...] = ()
    both: float = 0.0
    headcount: tuple[Key, ...] = ()
    split: tuple[Key, ...] = ()
    reference: Mapping[Key, tuple[float, float]] | None = None
    keys: frozenset[Key] = frozenset()  # the counts small enough to be exposed at all

    def split_exposes(
        self, totals: Mapping[str, tuple[float, float]], rules: DisclosureSettings
    ) -> bool:
        """Whether each sex's all-staff count known to ``totals`` (ranges) narrows a count
        the headcount alone leaves unexposed."""
        ref = _exposed(self.reference or {}, rules)
        ranges = chain_ranges(self.figs, totals, (self.both, self.both), self.keys)
        return bool(_exposed(ranges, rules) - ref)


def _true_counts(wf: pd.DataFrame) -> dict[Key, int]:
    """Each employer's true count of each sex not on full pay and receiving a bonus."""
    off = ~relevant_bool(wf["full_pay_relevant"])
    bonus = wf["bonus_pay"].fillna(0) > 0 if "bonus_pay" in wf else pd.Series(False, wf.index)
    out: dict[Key, int] = {}
    for (employer, sex), rows in wf.groupby(["employer", "sex"]).groups.items():
        out[(str(employer), str(sex), OFF)] = int(off[rows].sum())
        out[(str(employer), str(sex), BONUS)] = int(bonus[rows].sum())
    return out


def statutory_chain(wf: pd.DataFrame, rules: DisclosureSettings) -> ChainFinding:
    """The statutory chain of one year's workforce (see the module's docstring). Only a
    count of at most ``min_count - 2 + protection_width`` people can be narrowed as rule 4
    forbids (its range holds it, meets 1 to ``min_count - 1`` and is narrower than
    ``protection_width``), so only those are bounded (as :func:`.disclosure.protect` does)."""
    figs = chain_figures(wf, rules)
    if not any(f.full is not None or any(f.bonus_pct.values()) for f in figs):
        return ChainFinding()
    limit = rules.min_count - 2 + rules.protection_width
    keys = frozenset(k for k, n in _true_counts(wf).items() if n <= limit)
    if not keys:
        return ChainFinding()
    both = float(wf["sex"].isin(SEXES).sum())
    with_t = chain_ranges(figs, None, (both, both), keys)
    totals = {s: (float((wf["sex"] == s).sum()),) * 2 for s in SEXES}
    with_m = chain_ranges(figs, totals, (both, both), keys)
    by_t = _exposed(with_t, rules)
    alone = chain_ranges(figs, only=by_t) if by_t else {}
    headcount = [
        k
        for k in sorted(by_t)
        if k not in _exposed(alone, rules)
        or with_t[k][1] - with_t[k][0] < alone[k][1] - alone[k][0] - 1e-9
    ]
    split = sorted(_exposed(with_m, rules) - by_t)
    return ChainFinding(figs, both, tuple(headcount), tuple(split), with_t, keys)

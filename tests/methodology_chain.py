"""§Disclosure control, known limits, the statutory chain, implemented again from the
document's words alone for tests/methodology_reimpl.py (nothing here imports the package):
whether a year's sex split of all staff is withheld.

READING: an employer of 250 or more staff publishes every statutory figure; a smaller one
is a part of each sex's total that a reader knows nothing of (in the sample every employer
is a statutory one).
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

SEXES = ("Male", "Female")
BANDS = ((0, 249), (250, 499), (500, 999), (1000, 4999), (5000, 19999), (20000, 10**7))


def _printed(count: int, of: int) -> int:
    """A share to one place, as tenths of a percent (round half up, as a person rounds)."""
    return int(Decimal(count * 1000) / Decimal(of) + Decimal("0.5")) if of else 0


class _Programme:
    def __init__(self, wf: pd.DataFrame) -> None:
        self.names: list[tuple] = []
        self.rows: list[tuple[dict, float, float]] = []
        self.least: list[float] = []
        self.targets: list[tuple[str, str, str, int]] = []  # (employer, sex, what, column)
        for employer, e in wf.groupby("employer"):
            known = len(e) >= 250
            rel = {}
            for s in SEXES:
                people = e[e["sex"] == s]
                full = int(people["full_pay_relevant"].sum())
                rel[s], bonus = self._var(full if known else 0), self._var(0)
                self.rows.append(({rel[s]: 1.0, bonus: -1.0}, 0.0, np.inf))
                if not known:
                    continue
                self.targets += [(employer, s, "off", rel[s]), (employer, s, "bonus", bonus)]
                self.full = getattr(self, "full", {}) | {(employer, s): full}
                tenths = _printed(int((people["bonus_pay"] > 0).sum()), len(people))
                # printed t tenths: t - 0.5 <= 1000 b / r < t + 0.5, in whole numbers
                self.rows.append(({bonus: 2000.0, rel[s]: 1.0 - 2 * tenths}, 0.0, np.inf))
                self.rows.append(({bonus: 2000.0, rel[s]: -1.0 - 2 * tenths}, -np.inf, -1.0))
            if known:
                lo, hi = next(b for b in BANDS if b[0] <= len(e) <= b[1])
                self.rows.append(({rel["Male"]: 1.0, rel["Female"]: 1.0}, lo, hi))
            self.rel = getattr(self, "rel", {}) | {(employer, s): rel[s] for s in SEXES}

    def _var(self, least: float) -> int:
        self.least.append(least)
        return len(self.least) - 1

    def ranges(self, extra: list[tuple[dict, float, float]]) -> dict[tuple, tuple[float, float]]:
        rows = self.rows + extra
        a = np.zeros((len(rows), len(self.least)))
        for r, (coefs, _, _) in enumerate(rows):
            for i, c in coefs.items():
                a[r, i] = c
        cons = LinearConstraint(a, [r[1] for r in rows], [r[2] for r in rows])
        out = {}
        for employer, s, what, col in self.targets:
            ends = []
            for sign in (1.0, -1.0):
                c = np.zeros(len(self.least))
                c[col] = sign
                res = milp(c, constraints=cons, integrality=np.ones(len(c)),
                           bounds=Bounds(self.least, np.inf))  # fmt: skip
                ends.append(np.inf if res.status == 3 else sign * res.fun)
            shift = self.full[(employer, s)] if what == "off" else 0
            out[(employer, s, what)] = (ends[0] - shift, ends[1] - shift)
        return out


def _exposed(lo: float, hi: float) -> bool:
    """§Disclosure control, rule 4: meets 1 to 4 and narrower than 5."""
    return hi - lo < 5 and lo < 5 and hi >= 1


def split_withheld(wf: pd.DataFrame) -> bool:
    """Whether each sex's count narrows a count of people not on full pay, or receiving a
    bonus, at one employer that the number of staff leaves unexposed."""
    if "employer" not in wf.columns or "bonus_pay" not in wf.columns:
        return False
    wf = wf.assign(
        full_pay_relevant=wf["full_pay_relevant"].astype(str).str.lower().isin(["true", "1"]),
        bonus_pay=wf["bonus_pay"].fillna(0),
    )
    p = _Programme(wf)
    if not p.targets:
        return False
    everyone = {p.rel[k]: 1.0 for k in p.rel}
    staff = float(wf["sex"].isin(SEXES).sum())
    headcount = p.ranges([(everyone, staff, staff)])
    split = p.ranges(
        [(everyone, staff, staff)]
        + [
            ({p.rel[k]: 1.0 for k in p.rel if k[1] == s}, *(float((wf["sex"] == s).sum()),) * 2)
            for s in SEXES
        ]
    )
    return any(_exposed(*split[k]) and not _exposed(*headcount[k]) for k in split)

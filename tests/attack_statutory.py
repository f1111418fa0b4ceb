"""The attacker's statutory family (issue 28): what each employer's gender pay gap figures
(the 2017 regulations' quarter shares and bonus shares by sex, published in full) and its
size band (public on the government's service) tell about its men and women, alone, with
the report's number of staff, and with its all-staff sex totals (:func:`sex_totals`: exact
where printed, else a range from the grade bands' rows). Written apart from the package
(nothing here imports it).

Per employer: full-pay relevant employees F = 4a + y1 + y2 + y3 (the leftovers go to the
lower, upper middle and lower middle quarters in turn, as GOV.UK's guidance says), each
quarter's men and women whole people whose share rounds to the published one (where that is
infeasible, as ties shared between quarters make it, fractions), each sex's relevant
employees at least its full-pay ones, its bonus recipients a whole number whose share of
them rounds to the published one, and the employer's relevant employees within its band.
With the sex totals, each sex's relevant employees over the employers add up to the
all-staff count (every member of staff a relevant employee, as in the sample); with the
number of staff, men and women together do. Each count
of recipients and of people not on full pay is bounded by integer programming (scipy's
``milp``, HiGHS) and reported when its range meets 1 to 4 and is narrower than 5.
"""

from __future__ import annotations

import numpy as np
from attack import SMALL_MAX, WIDTH, Model, _num
from scipy.optimize import Bounds, LinearConstraint, milp

QUARTERS = ("Lower", "Lower middle", "Upper middle", "Upper")
LEFTOVER = {"Lower": 0, "Upper middle": 1, "Lower middle": 2}  # y1, y2, y3 (GOV.UK)
SEXES = (("Men", "Male"), ("Women", "Female"))
BANDS = ((0, 249), (250, 499), (500, 999), (1000, 4999), (5000, 19999), (20000, 10**6))


def band(relevant: int) -> tuple[int, int]:
    """The size band the government's service prints for an employer of ``relevant``."""
    return next(b for b in BANDS if b[0] <= relevant <= b[1])


def _employer(m: Model, t: dict, e: str, whole: bool, size: tuple[int, int]) -> dict:
    """One employer's statutory figures as constraints; its people by sex, named."""
    gaps = {r[0]: r[1] for r in t[f"Gender pay gap, {e}"][1:]}
    quarters = {r[0]: r[1:] for r in t[f"Data for: Hourly pay quarters, {e}"][1:]}
    a, y = m.var(f"{e}|a"), [m.var(f"{e}|y{j}") for j in (1, 2, 3)]
    m.add({a: 1.0}, 1, np.inf)  # the figures are published: each quarter holds someone
    for j in range(3):
        m.add({y[j]: 1.0}, 0, 1)
    m.add({y[0]: 1.0, y[1]: -1.0}, 0, np.inf)
    m.add({y[1]: 1.0, y[2]: -1.0}, 0, np.inf)
    full = {s: m.var(f"{e}|{s}|full pay") for s, _ in SEXES}
    parts: dict[str, list[int]] = {s: [] for s, _ in SEXES}
    for q in QUARTERS:
        size_q = {a: -1.0}
        if q in LEFTOVER:
            size_q[y[LEFTOVER[q]]] = -1.0
        cells = {s: m.var(f"{e}|{q}|{s}", integer=whole) for s, _ in SEXES}
        m.add({**size_q, **{c: 1.0 for c in cells.values()}}, 0, 0)  # men + women = size
        quarter_size = m.var(f"{e}|{q}|size", integer=False)
        m.add({quarter_size: 1.0, **size_q}, 0, 0)
        for (s, _), share in zip(SEXES, quarters[q], strict=True):
            m.percent(cells[s], quarter_size, _num(share))
            parts[s].append(cells[s])
    people = {}
    for s, label in SEXES:
        m.total(full[s], parts[s])
        relevant, bonus = m.var(f"{e}|{label}|relevant"), m.var(f"{e}|{label}|bonus recipients")
        off = m.var(f"{e}|{label}|not on full pay")
        m.add({relevant: 1.0, full[s]: -1.0, off: -1.0}, 0, 0)
        m.percent(bonus, relevant, _num(gaps[f"{s} receiving a bonus"]))
        people[label] = relevant
    m.add({people["Male"]: 1.0, people["Female"]: 1.0}, *size)
    return people


def _model(
    t: dict,
    sizes: dict[str, tuple[int, int]],
    totals: dict[str, tuple[float, float]] | None,
    headcount: float | None,
    whole: bool,
) -> Model:
    m = Model()
    by_sex: dict[str, list[int]] = {"Male": [], "Female": []}
    for e, size in sizes.items():
        for label, v in _employer(m, t, e, whole, size).items():
            by_sex[label].append(v)
    for label, (lo, hi) in (totals or {}).items():
        m.add(dict.fromkeys(by_sex[label], 1.0), lo, hi)
    if headcount is not None:  # men and women together (no other sex in the sample)
        m.add(dict.fromkeys(by_sex["Male"] + by_sex["Female"], 1.0), headcount, headcount)
    return m


SEX_TABLE = "Sex: share of the workforce, of senior roles and of each grade band"


def sex_totals(
    t: dict, band_sizes: dict[str, int], senior_band: str | None = None
) -> dict[str, tuple[float, float]]:
    """Each sex's all-staff count as the sex table gives it: its "All staff" row where
    printed, else the grade bands' rows added up, a withheld cell anywhere from none to all
    of its band (``band_sizes``: each band's staff, as the report's other tables give them).
    ``senior_band``: the band whose staff are exactly the senior roles (a reader knows which
    grades hold senior roles): where its row is withheld, the "Senior roles" row gives it."""
    rows = t[SEX_TABLE][1:]
    out = {}
    for label in ("Male", "Female"):
        staff = next(_num(r[2]) for r in rows if r[0] == "All staff" and r[1] == label)
        if staff is not None:
            out[label] = (staff, staff)
            continue
        lo = hi = 0.0
        for band, size in band_sizes.items():
            n = next(_num(r[2]) for r in rows if r[0] == band and r[1] == label)
            if n is None and band == senior_band:
                n = next(_num(r[2]) for r in rows if r[0] == "Senior roles" and r[1] == label)
            lo, hi = lo + (n or 0), hi + (size if n is None else n)
        out[label] = (lo, hi)
    return out


def _feasible(m: Model) -> bool:
    a = np.zeros((len(m.rows), len(m.names)))
    lo, hi = np.zeros(len(m.rows)), np.zeros(len(m.rows))
    for r, (coefs, low, high) in enumerate(m.rows):
        for i, c in coefs.items():
            a[r, i] += c
        lo[r], hi[r] = low, high
    res = milp(
        np.zeros(len(m.names)),
        constraints=LinearConstraint(a, lo, hi),
        integrality=np.array(m.integer, dtype=int),
        bounds=Bounds(0),
    )
    return res.status == 0


def statutory_pins(
    t: dict,
    sizes: dict[str, tuple[int, int]],
    totals: dict[str, tuple[float, float]] | None = None,
    headcount: float | None = None,
) -> list[tuple[str, float, float]]:
    """Every employer's count of bonus recipients or of people not on full pay, by sex,
    whose range meets 1 to 4 and is narrower than 5, from the statutory figures and bands,
    with each sex's all-staff count (``totals``, ranges) and the number of staff
    (``headcount``) where given; quarters of whole people where the figures allow it."""
    m = _model(t, sizes, totals, headcount, whole=True)
    if not _feasible(m):
        m = _model(t, sizes, totals, headcount, whole=False)
    targets = ("bonus recipients", "not on full pay")
    skip = {n for n in m.names if not n.endswith(targets)}
    out = m.pinned(skip)
    assert all(hi - lo < WIDTH and lo <= SMALL_MAX for _, lo, hi in out)
    return out

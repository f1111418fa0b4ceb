"""An attacker's audit of a published report, using only what the report publishes.

Reads back every table of ``report.html`` and of the executed notebook's outputs, the
text and ``indicators.csv``; writes what they say about the workforce as linear
constraints over the unknown counts (grades add up to bands and to all staff, senior roles
are a subset of all staff, each group and "not disclosed" add up to their base, a rounded
percentage of a base bounds a count, recruitment stages nest, pay quarters are of equal
size); then bounds every count by integer programming (scipy's ``milp``, HiGHS) and
reports each one that is pinned: its range meets 1 to 4 people and is narrower than 5.
Independent of the package: nothing here imports it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

SMALL_MAX, WIDTH = 4, 5  # the rule: counts 1 to 4; protection interval 5 people
C = "[c]"
TABLE = re.compile(r"<table><caption>(.*?)</caption><thead>(.*?)</thead><tbody>(.*?)</tbody>", re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
AGE_FINE = ("16-24", "25-34", "35-44", "45-49", "50-54", "55-64", "65+")
AGE_GROUPS = {
    "16-34": ("16-24", "25-34"),
    "35-49": ("35-44", "45-49"),
    "50 and over": ("50-54", "55-64", "65+"),
}
CHAR_LABELS = {
    "Sex": "Sex",
    "Ethnicity": "Ethnicity",
    "Disability": "Disability",
    "Sexual orientation": "Sexual orientation",
    "Age": "Age band",
}


def tables(text: str) -> dict[str, list[list[str]]]:
    """Every captioned table in an HTML text: caption -> rows (header row first)."""
    out = {}
    for cap, head, body in TABLE.findall(text):
        rows = [[html.unescape(c) for c in CELL.findall(head)]]
        rows += [
            [html.unescape(c) for c in CELL.findall(r)] for r in re.findall(r"<tr>(.*?)</tr>", body)
        ]
        out[html.unescape(cap)] = rows
    return out


def notebook_html(path: Path) -> str:
    nb = json.loads(path.read_text())
    parts = []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            h = o.get("data", {}).get("text/html")
            if h:
                parts.append("".join(h) if isinstance(h, list) else h)
    return "\n".join(parts)


def _num(s: str) -> float | None:
    s = s.strip().replace(",", "")
    if s == C or s == "":
        return None
    try:
        return float(s.rstrip("%"))
    except ValueError:
        return None


@dataclass
class Model:
    """Integer unknowns with linear constraints; each unknown named for the report."""

    names: list[str] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)

    def var(self, name: str, integer: bool = True) -> int:
        if name not in self.names:
            self.names.append(name)
            self.integer.append(integer)
        return self.names.index(name)

    def add(self, coefs: dict[int, float], lo: float, hi: float) -> None:
        self.rows.append((coefs, lo, hi))

    def equal(self, i: int, value: float) -> None:
        self.add({i: 1.0}, value, value)

    def count(self, i: int, cell: str) -> None:
        """A published count cell: its number, or, withheld, at least 1 (the tables print
        a zero as 0, so a withheld count is not zero: issue 28)."""
        if _num(cell) is not None:
            self.equal(i, _num(cell))
        elif cell == C:
            self.add({i: 1.0}, 1, np.inf)

    def total(self, total: int, parts: list[int]) -> None:
        coefs = {total: 1.0}
        for p in parts:
            coefs[p] = coefs.get(p, 0.0) - 1.0
        self.add(coefs, 0, 0)

    def percent(self, part: int, base: int, pct: float, decimals: int = 1) -> None:
        """part / base * 100 rounds to pct."""
        h = 0.5 * 10**-decimals + 1e-9
        self.add({part: 1.0, base: -(pct - h) / 100}, 0, np.inf)
        self.add({part: 1.0, base: -(pct + h) / 100}, -np.inf, 0)

    @staticmethod
    def _may_pin(c: np.ndarray, a: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> bool:
        """Only a count whose relaxed range meets 1..4 can have an integer range that does."""
        low, high = _lp_range(c, a, lo, hi)
        return low <= SMALL_MAX + 1e-6 and high >= 1 - 1e-6

    def pinned(self, skip: set[str] = frozenset()) -> list[tuple[str, float, float]]:
        """Every unknown whose range meets 1..4 and is narrower than the width."""
        n = len(self.names)
        a = np.zeros((len(self.rows), n))
        lo = np.zeros(len(self.rows))
        hi = np.zeros(len(self.rows))
        for r, (coefs, low, high) in enumerate(self.rows):
            for i, c in coefs.items():
                a[r, i] += c
            lo[r], hi[r] = low, high
        cons = LinearConstraint(a, lo, hi)
        integrality = np.array(self.integer, dtype=int)
        out = []
        for i, name in enumerate(self.names):
            if name in skip:
                continue
            c = np.zeros(n)
            c[i] = 1.0
            if not self._may_pin(c, a, lo, hi):
                continue
            ends = []
            for sign in (1.0, -1.0):
                res = milp(sign * c, constraints=cons, integrality=integrality, bounds=Bounds(0))
                if res.fun is None and sign > 0:  # the minimum always exists if feasible
                    raise AssertionError(f"infeasible model at {name}: {res.message}")
                ends.append(np.inf if res.fun is None else sign * res.fun)  # unbounded
            low, high = ends
            if high - low < WIDTH - 1e-6 and low <= SMALL_MAX + 1e-6 and high >= 1 - 1e-6:
                out.append((name, round(low, 2), round(high, 2)))
        return out


def _lp_range(c: np.ndarray, a: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple:
    """The linear relaxation's range (contains the integer range)."""
    fin_hi, fin_lo = np.isfinite(hi), np.isfinite(lo)
    a_ub = np.vstack([a[fin_hi], -a[fin_lo]])
    b_ub = np.concatenate([hi[fin_hi], -lo[fin_lo]])
    ends = []
    for sign in (1.0, -1.0):
        res = linprog(sign * c, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        ends.append(np.inf if res.status == 3 else sign * res.fun)
    return ends


def _bands(label: str) -> list[int] | None:
    m = re.fullmatch(r"Grades (\d+)-(\d+)", label)
    return list(range(int(m.group(1)), int(m.group(2)) + 1)) if m else None


def workforce_model(t: dict[str, list[list[str]]], text: str) -> Model:
    """The workforce tables of one report as one linked model."""
    m = Model()
    staff = re.search(r"Workforce at 31 March \d+: ([\d,]+) employees", text)
    n_all = int(staff.group(1).replace(",", "")) if staff else None
    nonresp = {r[0]: r[1] for r in t.get("Workforce non-response rates", [[]])[1:]}
    for cap, rows in t.items():
        mt = re.fullmatch(
            r"(.+): share of the workforce, of senior roles and of each grade band", cap
        )
        if not mt:
            continue
        char = mt.group(1)
        groups = list(dict.fromkeys(r[1] for r in rows[1:]))
        cats = groups + ["Not disclosed"]  # the data contracts: these cover everyone
        breakdowns = list(dict.fromkeys(r[0] for r in rows[1:]))
        v = {(b, k): m.var(f"{char}|{b}|{k}") for b in breakdowns for k in cats}
        tot = {b: m.var(f"{char}|{b}|Total") for b in breakdowns}
        for b in breakdowns:
            m.total(tot[b], [v[(b, k)] for k in cats])
        bands = [b for b in breakdowns if b not in ("All staff", "Senior roles")]
        cell = {(b, k): i for (b, k), i in v.items()} | {(b, "Total"): i for b, i in tot.items()}
        for k in cats + ["Total"]:
            if bands:
                m.total(cell[("All staff", k)], [cell[(b, k)] for b in bands])
            m.add({cell[("All staff", k)]: 1.0, cell[("Senior roles", k)]: -1.0}, 0, np.inf)
        if n_all is not None:
            m.equal(tot["All staff"], n_all)
        head = rows[0]
        col = {name: head.index(name) for name in head}
        for row in rows[1:]:
            b, g, count, share = (row[col[k]] for k in ("Breakdown", "Group", "Staff", "Share"))
            nd = row[col["Not disclosed"]]
            ci = row[col["95% interval"]] if "95% interval" in col else C  # census: none
            m.count(v[(b, g)], count)
            if _num(share) is not None:
                m.percent(v[(b, g)], tot[b], _num(share))
            elif ci != C:
                m.leaks.append(f"{cap}: {b} {g}: interval published for a withheld share")
            if _num(nd) is not None:
                m.percent(v[(b, "Not disclosed")], tot[b], _num(nd))
        label = CHAR_LABELS.get(char, char)
        if _num(nonresp.get(label, C)) is not None:
            m.percent(v[("All staff", "Not disclosed")], tot["All staff"], _num(nonresp[label]))
        if char == "Age":
            age_model(m, t, v, tot)
        if char == "Ethnicity":
            grade_model(m, t, v, tot, bands)
    care = _num(nonresp.get("Care experience", C))
    if care is not None and n_all is not None:
        nd, rest = m.var("Care experience|All staff|Not disclosed"), m.var("Care|rest")
        m.add({nd: 1.0, rest: 1.0}, n_all, n_all)
        tot_i = m.var("Care|total")
        m.equal(tot_i, n_all)
        m.percent(nd, tot_i, care)
    return m


def age_model(m: Model, t: dict, v: dict, tot: dict) -> None:
    rows = next(
        (r for c, r in t.items() if c.startswith("Age profile against the benchmark")), None
    )
    if rows is None:
        return
    f = {b: m.var(f"Age|All staff|{b}") for b in AGE_FINE}
    for g, fine in AGE_GROUPS.items():
        if ("All staff", g) in v:
            m.total(v[("All staff", g)], [f[b] for b in fine])
    published = {r[0]: _num(r[1]) for r in rows[1:]}
    split = {"45-54": ("45-49", "50-54")}
    for band, pct in published.items():
        if pct is None:
            continue
        parts = split.get(band, (band,))
        var = f[parts[0]] if len(parts) == 1 else m.var(f"Age|All staff|{band}")
        if len(parts) > 1:
            m.total(var, [f[p] for p in parts])
        m.percent(var, tot["All staff"], pct)


def grade_model(m: Model, t: dict, v: dict, tot: dict, bands: list[str]) -> None:
    rows = t.get("Staff by grade and ethnicity (counts)")
    if rows is None:
        return
    head = rows[0]
    grade_vars: dict[int, dict[str, int]] = {}
    for r in rows[1:]:
        name = r[0]
        key = "All staff" if name == "Total" else name
        for col, cell in zip(head[1:], r[1:], strict=True):
            if key == "All staff":
                var = tot[key] if col == "Total" else v[(key, col)]
            else:
                var = m.var(f"Ethnicity|{name}|{col}")
                grade_vars.setdefault(int(name.split()[-1]), {})[col] = var
            m.count(var, cell)
    for _g, cols in grade_vars.items():
        m.total(cols["Total"], [cols[c] for c in head[1:-1]])
    for b in bands:
        grades = _bands(b)
        if not grades or not all(g in grade_vars for g in grades):
            continue
        for col in head[1:-1]:
            m.total(v[(b, col)], [grade_vars[g][col] for g in grades])
        m.total(tot[b], [grade_vars[g]["Total"] for g in grades])


def recruitment_model(t: dict) -> Model:
    m = Model()
    for cap, rows in t.items():
        if not cap.startswith("Recruitment by "):
            continue
        for g, applied, short, appointed, r_short, r_app in rows[1:]:
            ns, sna, ap = (m.var(f"{cap}|{g}|{k}") for k in ("not shortlisted", "sna", "ap"))
            a_i, s_i = m.var(f"{cap}|{g}|applied"), m.var(f"{cap}|{g}|shortlisted")
            m.total(a_i, [ns, sna, ap])
            m.total(s_i, [sna, ap])
            for var, cell in ((a_i, applied), (s_i, short), (ap, appointed)):
                m.count(var, cell)
            if _num(r_short) is not None:
                m.percent(s_i, a_i, _num(r_short))
            if _num(r_app) is not None:
                m.percent(ap, s_i, _num(r_app))
    return m


def quarters_model(t: dict) -> Model:
    """Pay quarters (counts may be fractional: ties are shared), quarter sizes within 1."""
    m = Model()
    for cap, rows in t.items():
        mt = re.fullmatch(r"(.+): share of each hourly pay quarter", cap)
        if not mt:
            continue
        head, q = rows[0], {}
        for r in rows[1:]:
            q[r[0]] = m.var(f"{cap}|{r[0]}|Total", integer=False)
            cells = [m.var(f"{cap}|{r[0]}|{c}", integer=False) for c in head[1:]]
            m.total(q[r[0]], cells)
            for var, cell in zip(cells, r[1:], strict=True):
                if _num(cell) is not None:
                    m.percent(var, q[r[0]], _num(cell))
        sizes = list(q.values())
        for i in sizes:
            for j in sizes:
                if i != j:
                    m.add({i: 1.0, j: -1.0}, -1, 1)
        gap = t.get(f"{mt.group(1)} pay and bonus gaps against White British employees") or next(
            (r for c, r in t.items() if c.startswith(f"{mt.group(1)} pay and bonus gaps")), None
        )
        link = {"All ethnic minority groups": "Ethnic minority", "Disabled": "Disabled"}
        for r in (gap or [[]])[1:]:
            if r[0] in link and link[r[0]] in head and _num(r[1]) is not None:
                col = [m.var(f"{cap}|{x[0]}|{link[r[0]]}", integer=False) for x in rows[1:]]
                tot = m.var(f"{cap}|Total|{link[r[0]]}", integer=False)
                m.total(tot, col)
                m.equal(tot, _num(r[1]))
    return m


def survey_model(t: dict) -> Model:
    """Threshold tables by employee group: each characteristic's groups add up to the
    respondents when every fully published characteristic gives the same total."""
    m = Model()
    for cap, rows in t.items():
        if (
            not cap.endswith(tuple(f"against {x}" for x in ("",)))
            and "each group against" not in cap
        ):
            continue
        if "Responses" not in rows[0]:
            continue
        ri = rows[0].index("Responses")
        chars: dict[str, list[tuple[int, float | None]]] = {}
        for r in rows[1:]:
            if ": " not in r[0]:
                continue
            var = m.var(f"{cap}|{r[0]}")
            chars.setdefault(r[0].split(": ")[0], []).append((var, _num(r[ri])))
        totals = {sum(n for _, n in g) for g in chars.values() if all(n is not None for _, n in g)}
        for g in chars.values():
            for var, n in g:
                if n is not None:
                    m.equal(var, n)
            if len(totals) == 1:
                (total,) = totals
                m.add({var: 1.0 for var, _ in g}, total, total)
    return m


def _wilson(k: np.ndarray, n: np.ndarray, z: float = 1.959963984540054) -> tuple:
    """Wilson score interval (Newcombe 1998, method 3), written out here."""
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def indicator_leaks(path: Path) -> list[str]:
    """Published percentages with Wilson intervals whose count (or complement) can only
    be 1 to 4: every (k, n) consistent with the value and its interval to 2 dp."""
    df = pd.read_csv(path)
    out = []
    df["value"] = pd.to_numeric(df["value"], errors="coerce")  # milestones carry a stage
    rows = df[(df["unit"] == "percent") & df["ci_lower"].notna() & df["value"].notna()]
    things = ("programme", "partnership", "supplier", "organisation", "business")
    for x in rows.itertuples():
        if any(w in x.title.lower() for w in things):
            continue  # counts of things, not people (never withheld)
        n = np.arange(10, 3001)
        k = np.rint(x.value / 100 * n).astype(int)
        ok = np.abs(k / n * 100 - x.value) <= 0.005 + 1e-9
        n, k = n[ok], k[ok]
        lo, hi = _wilson(k, n)
        ok = (np.abs(lo * 100 - x.ci_lower) <= 0.006) & (np.abs(hi * 100 - x.ci_upper) <= 0.006)
        n, k = n[ok], k[ok]
        if len(n) and (((k >= 1) & (k <= 4)) | ((n - k >= 1) & (n - k <= 4))).all():
            out.append(f"indicators.csv {x.indicator_id}: {x.value}% is {set(k)} of {set(n)}")
    return out


SIDES = {
    "Below": "below",
    "Above": "above",
    "At or above": "at or above",
    "At or below": "at or below",
}


def status_leaks(t: dict[str, list[list[str]]]) -> list[str]:
    """A withheld share whose side of a level is printed: with its base, the side bounds the
    count (a withheld count is not zero: zeros print). Below X% of n is 1 to ceil(Xn/100) - 1;
    at or above is ceil(Xn/100) to n - 1 (issue 24: a status kept when its figure is not)."""
    out = []
    for cap, rows in t.items():
        level = re.search(r"each group against ([\d.]+)%$", cap)
        if not level or "Against threshold" not in rows[0] or "Responses" not in rows[0]:
            continue
        head = rows[0]
        for r in rows[1:]:
            value, n = r[head.index("Value")], _num(r[head.index("Responses")])
            verdict = r[head.index("Against threshold")]
            if value == C and n is not None and "small" in verdict.lower():  # 1 to 4 of n
                out.append(f"{cap}: {r[0]} is withheld as small: 1 to {SMALL_MAX} of {n:g}")
            side = SIDES.get(verdict)
            if value != C or n is None or side is None:
                continue
            line = float(level.group(1)) * n / 100
            below, above = int(np.ceil(line - 1e-9)) - 1, int(np.floor(line + 1e-9))
            lo, hi = {
                "below": (1, below),  # k < line
                "at or above": (below + 1, n - 1),  # k >= line
                "at or below": (1, above),  # k <= line
                "above": (above + 1, n - 1),  # k > line
            }[side]
            lo = max(lo, 1)
            if hi >= lo and hi - lo < WIDTH and lo <= SMALL_MAX:
                out.append(f"{cap}: {r[0]} is {side} the level: {lo} to {hi} of {n:g}")
    return out


def audit(folder: Path) -> list[str]:
    """Every disclosure an attacker finds in one published report folder."""
    report = (folder / "report.html").read_text()
    t = tables(report)
    nb_path = folder / "report.ipynb"
    nb = tables(notebook_html(nb_path)) if nb_path.exists() else {}
    found = [f"notebook table differs from the report: {c}" for c in nb if nb[c] != t.get(c)]
    found += status_leaks(t)
    for cap, rows in t.items():
        for r in rows[1:]:
            for head, cell in zip(rows[0], r, strict=False):
                if head in (
                    "Staff",
                    "Applied",
                    "Shortlisted",
                    "Appointed",
                    "Responses",
                    "Employees",
                ):
                    if _num(cell) is not None and 1 <= _num(cell) <= SMALL_MAX:
                        found.append(f"{cap}: {r[0]} {head} = {cell} published")
    text = re.sub(r"<[^>]+>", " ", report)
    for model in (
        workforce_model(t, text),
        recruitment_model(t),
        quarters_model(t),
        survey_model(t),
    ):
        found += model.leaks
        found += [f"{name} pinned to {lo} to {hi}" for name, lo, hi in model.pinned()]
    if (folder / "indicators.csv").exists():
        found += indicator_leaks(folder / "indicators.csv")
    return found

"""The programmes of disclosure control (analysis/programmes.py) against scipy's own calls:
the audit's cold solves must be ``linprog``'s exactly (its duals choose the cells withheld),
its warm-started ranges the same optima; rule 6's shortcuts must decide as one integer
programme per answer (``milp``, the way rule 6 was first written) decides."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from equality_progress.analysis.bounded_means import mean_exposes
from equality_progress.analysis.disclosure import protect
from equality_progress.analysis.inference import fpc, mean_interval, t_value
from equality_progress.analysis.programmes import Audit
from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10, protection_width=5)


def _system(seed: int) -> tuple[np.ndarray, np.ndarray, list[int], list[int], list[int]]:
    """A random 4 x 5 table with its row, column and grand totals: (a, val, published rows,
    withheld rows known not to be zero, audited rows)."""
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 9, size=20).astype(float)
    cells = np.eye(20)
    rows = [cells[5 * i : 5 * i + 5].sum(axis=0) for i in range(4)]
    cols = [cells[j::5].sum(axis=0) for j in range(5)]
    a = np.vstack([cells, *rows, *cols, np.ones(20)])
    val = a @ x
    withheld = [i for i in rng.permutation(20)[:6] if val[i] >= 1]
    hidden = set(rng.permutation(20)[:6]) | set(withheld)
    pub = [r for r in range(len(a)) if r not in hidden]
    return a, val, pub, withheld, sorted(hidden)


@pytest.mark.parametrize("seed", range(12))
def test_the_cold_solve_is_linprogs_exactly_and_the_warm_one_agrees(seed):
    a, val, pub, one, audited = _system(seed)
    audit = Audit(a, val, range(len(a)))
    audit.know(pub, one)
    for row in audited:
        lo, hi, duals = audit.exact(row)
        ends, marginals = [], np.zeros(len(pub))
        for sign in (1.0, -1.0):
            res = linprog(
                sign * a[row],
                A_ub=-a[one] if one else None,
                b_ub=-np.ones(len(one)) if one else None,
                A_eq=a[pub],
                b_eq=val[pub],
                bounds=(0, None),
                method="highs",
            )
            assert res.status == 0
            ends.append(sign * res.fun)
            marginals += np.abs(res.eqlin.marginals)
        assert (lo, hi) == tuple(ends)
        assert np.array_equal(duals, marginals)  # bit for bit: they choose the next cell
        warm = audit.range(row)
        assert warm == pytest.approx(ends, abs=1e-7)


def test_a_protection_is_given_up_when_its_caller_says():
    """``give_up`` sees the withheld cells before each round: asked to stop once anything
    is withheld, a table with a small cell is not protected at all."""
    atoms = pd.Series([3.0, 10.0, 12.0], index=["a", "b", "c"])
    items = {"a": ["a"], "b": ["b"], "c": ["c"], "T": ["a", "b", "c"]}
    seen: list[frozenset] = []

    def stop(withheld: frozenset) -> bool:
        seen.append(withheld)
        return bool(withheld)

    assert protect(atoms, items, ["a", "b", "c"], RULES, fixed=["T"], give_up=stop) is None
    assert seen == [frozenset({"a"})]
    p = protect(atoms, items, ["a", "b", "c"], RULES, fixed=["T"], give_up=lambda w: False)
    assert p is not None and p.withheld == {"a", "b"}


def _exposed_by_milp(n, mean, lower, upper, places, population) -> bool:
    """Rule 6 as first written, one integer programme per answer and end (scipy's milp),
    with the zeros its publication reveals fixed and the answers bounded again (issue 28's
    re-attack)."""
    half = 0.5 * 10**-places
    sums = range(math.ceil(n * (mean - half) - 1e-9), math.floor(n * (mean + half) + 1e-9) + 1)
    k, totals = np.arange(1.0, 8.0), np.array(list(sums), dtype=float)
    rows = [np.r_[np.ones(7), np.zeros(len(totals))], np.r_[np.zeros(7), np.ones(len(totals))]]
    rows.append(np.r_[k, -totals])
    lo, hi = [n, 1, 0], [n, 1, 0]
    if lower is not None:
        t = t_value(0.95, n - 1) * math.sqrt(fpc(n, population))
        width = (upper - lower) / 2
        sd = np.array([max(0.0, width - half), width + half]) * math.sqrt(n) / t
        q = (n - 1) * sd**2 + (totals**2 / n)[:, None]
        rows += [np.r_[k * k, -q[:, 0]], np.r_[k * k, -q[:, 1]]]
        lo, hi = lo + [0, -np.inf], hi + [np.inf, 0]
    cons = LinearConstraint(np.array(rows), lo, hi)
    size = 7 + len(totals)
    zero: set[int] = set()  # answers a reader who knows the rule infers are 0 (see below)
    while True:
        most = np.r_[[0 if i in zero else n for i in range(7)], np.ones(len(totals))]
        bounds = Bounds(np.zeros(size), most)

        def end(sign, i, bounds=bounds):
            c = np.zeros(size)
            c[i] = sign
            res = milp(c, constraints=cons, integrality=np.ones(size), bounds=bounds)
            return None if res.status != 0 else round(sign * res.fun)

        if end(1.0, 0) is None:
            return False
        narrow = set()
        for i in range(7):
            least, top = end(1.0, i), end(-1.0, i)
            if top - least < RULES.protection_width:
                if 1 <= least < RULES.min_count:
                    return True
                if least == 0 and top > 0:
                    narrow.add(i)  # 0 to top: were it 1 to 4, the figure would be withheld
        if narrow <= zero:
            return False
        zero |= narrow


@pytest.mark.parametrize("seed", range(24))
def test_rule_six_decides_as_one_integer_programme_per_answer(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.choice([rng.integers(5, 30), rng.integers(30, 300)]))
    weights = rng.random(7) ** 3 if seed % 2 else np.array([1, 1, 2, 5, 15, 40, 40.0])
    answers = rng.choice(np.arange(1, 8), size=n, p=weights / weights.sum())
    population = int(n + rng.integers(1, 2 * n)) if seed % 3 else None
    ci = mean_interval(answers.mean(), answers.std(ddof=1), n, 0.95, population)
    for places, interval in ((2, True), (2, False), (1, False)):
        mean = round(float(answers.mean()), places)
        lower, upper = (round(ci.lower, 2), round(ci.upper, 2)) if interval else (None, None)
        want = _exposed_by_milp(n, mean, lower, upper, places, population)
        got = mean_exposes(n, mean, lower, upper, RULES, places, population=population)
        assert got == want

"""The programmes of disclosure control (analysis/programmes.py) against scipy's own calls:
the audit's cold solves must be ``linprog``'s exactly (its duals choose the cells withheld),
its warm-started ranges the same optima; rule 6's shortcuts must decide as one integer
programme per answer (``milp``, the way rule 6 was first written) decides."""

import numpy as np
import pandas as pd
import pytest
from attack_means import exposed_by_milp as _exposed_by_milp
from scipy.optimize import linprog

from equality_progress.analysis.bounded_means import mean_exposes
from equality_progress.analysis.disclosure import protect
from equality_progress.analysis.inference import mean_interval
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

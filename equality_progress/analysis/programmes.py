"""The programmes of disclosure control, solved with HiGHS (the copy scipy ships, called as
:func:`scipy.optimize.linprog` calls it): rule 4's audit (:class:`Audit`) and the models
rule 6's integer programmes are built on (:func:`program`, :func:`solver`).

The audit keeps one model for a whole protection, warm-started from its last basis:
between solves only the objective (the figure audited) and the bounds of the figures whose
status changed (published, withheld) change. A figure found exposed that way is solved
again, cold, exactly as ``linprog(method="highs")`` solves it (same model, same options),
for its dual values, which choose the next cell to withhold: a degenerate programme has
many optimal duals, and only the cold solve gives the ones the plan has always been made
with (the bounds, being optimal values, are the same either way). Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# scipy's own HiGHS bindings (what linprog calls): the cold solves must be linprog's exactly
from scipy.optimize._highspy import _core as highs

INF = highs.kHighsInf
OPTIMAL = highs.HighsModelStatus.kOptimal
UNBOUNDED = highs.HighsModelStatus.kUnbounded


def _options(presolve: bool) -> highs.HighsOptions:
    """The options ``linprog(method="highs")`` passes (presolve off for warm starts)."""
    options = highs.HighsOptions()
    options.presolve = "on" if presolve else "off"
    options.highs_debug_level = highs.HighsDebugLevel.kHighsDebugLevelNone
    options.log_to_console = False
    options.output_flag = False
    options.simplex_strategy = highs.simplex_constants.SimplexStrategy.kSimplexStrategyDual
    return options


COLD, WARM = _options(presolve=True), _options(presolve=False)
QUIET = highs.HighsOptions()  # HiGHS's defaults, without its log (rule 6's programmes)
QUIET.output_flag = False


def program(
    cost: np.ndarray,
    m: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    col_upper: np.ndarray | None = None,
) -> highs.HighsLp:
    """min ``cost @ x`` over ``0 <= x <= col_upper`` (no limit by default) with ``lower <=
    m @ x <= upper``, its matrix by column as :class:`scipy.sparse.csc_array` stores it
    (zeros dropped, rows in order), as ``linprog`` passes it to HiGHS."""
    n_row, n_col = m.shape
    mt = np.ascontiguousarray(m.T)
    nz = np.flatnonzero(mt)
    start = np.zeros(n_col + 1, dtype=np.int32)
    np.cumsum(np.bincount(nz // n_row, minlength=n_col), out=start[1:])
    lp = highs.HighsLp()
    lp.num_col_ = lp.a_matrix_.num_col_ = n_col
    lp.num_row_ = lp.a_matrix_.num_row_ = n_row
    lp.a_matrix_.format_ = highs.MatrixFormat.kColwise
    lp.a_matrix_.start_ = start
    lp.a_matrix_.index_ = (nz % n_row).astype(np.int32)
    lp.a_matrix_.value_ = mt.ravel()[nz]
    lp.col_cost_ = cost
    lp.col_lower_ = np.zeros(n_col)
    lp.col_upper_ = np.full(n_col, INF) if col_upper is None else col_upper
    lp.row_lower_ = lower
    lp.row_upper_ = upper
    return lp


def solver(lp: highs.HighsLp, options: highs.HighsOptions) -> highs._Highs:
    """A HiGHS instance holding ``lp``, to ``run()``."""
    out = highs._Highs()
    out.passOptions(options)
    out.passModel(lp)
    return out


class Audit:
    """Ranges of linear combinations (rows of ``a``) of non-negative unknowns (the atoms)
    given what is known: rows published (equal to ``val``) and withheld rows known not to
    be zero (at least 1). ``rows``: every row that may ever be published or withheld."""

    def __init__(self, a: np.ndarray, val: np.ndarray, rows: Sequence[int]) -> None:
        self.a, self.val = a, val
        self.pub: list[int] = []
        self.one: list[int] = []
        self._slot = {r: i for i, r in enumerate(rows)}
        self._known = [(-INF, INF)] * len(rows)
        self._cols = np.arange(a.shape[1], dtype=np.int32)
        free = np.full(len(rows), INF)
        self._warm = solver(program(np.zeros(a.shape[1]), a[list(rows)], -free, free), WARM)

    def know(self, pub: Sequence[int], one: Sequence[int]) -> None:
        """What a reader knows from now on: the rows ``pub`` published and the rows ``one``
        withheld but not zero (the order of each is the order of the cold programmes')."""
        self.pub, self.one = list(pub), list(one)
        want = dict.fromkeys(self._slot, (-INF, INF)) | {r: (1.0, INF) for r in one}
        want |= {r: (float(self.val[r]), float(self.val[r])) for r in pub}
        for r, slot in self._slot.items():
            bound = want[r]
            if bound != self._known[slot]:
                self._warm.changeRowBounds(slot, *bound)
                self._known[slot] = bound

    def range(self, row: int) -> tuple[float, float]:
        """Least and greatest value of row ``row`` (``inf`` if unbounded), warm-started."""
        ends = []
        for sign in (1.0, -1.0):
            self._warm.changeColsCost(len(self._cols), self._cols, sign * self.a[row])
            self._warm.run()
            status = self._warm.getModelStatus()
            if status == UNBOUNDED:
                ends.append(np.inf)
            elif status == OPTIMAL:
                ends.append(sign * self._warm.getInfo().objective_function_value)
            else:  # the cold solve decides (and reports a failure as linprog's would)
                return self.exact(row)[:2]
        return ends[0], ends[1]

    def exact(self, row: int) -> tuple[float, float, np.ndarray]:
        """Least and greatest value of row ``row`` solved cold, as ``linprog`` solves them,
        and the absolute duals of the published rows binding at either end."""
        n_one = len(self.one)
        m = np.vstack([-self.a[self.one], self.a[self.pub]])
        lower = np.r_[np.full(n_one, -INF), self.val[self.pub]]
        upper = np.r_[np.full(n_one, -1.0), self.val[self.pub]]
        lp = program(self.a[row], m, lower, upper)
        ends, duals = [], np.zeros(len(self.pub))
        for sign in (1.0, -1.0):
            lp.col_cost_ = sign * self.a[row]
            cold = solver(lp, COLD)
            cold.run()
            status = cold.getModelStatus()
            if status == UNBOUNDED:  # nothing published limits it from above
                ends.append(np.inf)
                continue
            if status != OPTIMAL:
                message = cold.modelStatusToString(status)
                raise RuntimeError(f"disclosure audit: linear program failed ({message})")
            ends.append(sign * cold.getInfo().objective_function_value)
            duals += np.abs(np.asarray(cold.getSolution().row_dual)[n_one:])
        return ends[0], ends[1], duals

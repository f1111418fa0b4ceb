"""An independent re-implementation of the method, written from docs/methodology.md alone.

Issue 24: "A test re-implements the methodology from docs/methodology.md alone and agrees on
every row of every sample report." Nothing here imports or copies the package
(``equality_progress``); the only inputs are the documents (docs/methodology.md for the
method, docs/data-contracts.md for what the input files mean), the catalogues, the
authorities' and shared params, and the data files. Each rule cites the section of
docs/methodology.md it comes from ("§Heading"). Where the document leaves a choice open,
the choice made here is marked READING and is listed in the test's docstring.

``derive(root, authority, year)`` returns, for each indicator of the catalogue, the
value, interval, previous value, baseline, trend and status that the document implies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from methodology_chain import split_withheld
from scipy import stats

# docs/data-contracts.md, workforce.csv: the two codes of people who did not disclose.
NOT_DISCLOSED = ("Prefer not to say", "Not recorded")
# §Workforce measures, "Definitions are the catalogue's": ethnic_minority is every GSS
# ethnicity category except White British; ethnic_minority_excluding_white leaves the white
# minorities out; lgb_plus is gay or lesbian, bisexual and other; lgb leaves "other" out.
WHITE_MINORITIES = (
    "White Irish",
    "White Gypsy or Irish Traveller",
    "White Roma",
    "Any other White background",
)
LGB = ("Gay or lesbian", "Bisexual")
LGB_PLUS = (*LGB, "Other sexual orientation")
# §Milestone: the stages of actions.csv, in order (docs/data-contracts.md, actions.csv).
STAGES = ("not_started", "in_progress", "complete")
# Status order, best first, for "never gives a better status than ..." (§Survey evidence).
RANK = {"achieved": 3, "on_track": 2, "some_progress": 1, "off_track": 0}


# ---------------------------------------------------------------------------------------
# Years and inputs


def start(year: str) -> int:
    """2024-25 -> 2024."""
    return int(year[:4])


def label(first: int) -> str:
    """2024 -> '2024-25'."""
    return f"{first}-{(first + 1) % 100:02d}"


def snapshot(year: str) -> date:
    """The year's snapshot, 31 March at its end (data-contracts: workforce.csv)."""
    return date(start(year) + 1, 3, 31)


def as_date(text) -> date:
    return date.fromisoformat(str(text))


@cache
def settings(root: Path) -> dict:
    return yaml.safe_load((root / "params" / "settings.yaml").read_text())


@cache
def catalogue(root: Path, authority: str) -> dict:
    return yaml.safe_load((root / "params" / "catalogues" / f"{authority}.yaml").read_text())


@cache
def authority_params(root: Path, authority: str) -> dict:
    return yaml.safe_load((root / "params" / "authorities" / f"{authority}.yaml").read_text())


@cache
def table(root: Path, authority: str, year: str, name: str) -> pd.DataFrame | None:
    """A data file of one year, or None when the year has none."""
    path = root / "data" / authority / year / name
    if not path.exists():
        return None
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, na_values=[""])


def truthy(series: pd.Series) -> pd.Series:
    """data-contracts: booleans are true/false."""
    return series.map(lambda v: str(v).strip().lower() == "true")


def z_value(confidence: float) -> float:
    return float(stats.norm.ppf(1 - (1 - confidence) / 2))


# ---------------------------------------------------------------------------------------
# Figures


@dataclass
class Figure:
    """One year's figure of one indicator (or of one group of it)."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None
    n: int | None = None  # responses behind a survey mean
    sd: float | None = None
    ci: tuple[float, float] | None = None
    one_out: float | None = None  # a median gap: most that leaving one employee out moves it
    withheld: bool = False
    groups: dict[str, Figure] = field(default_factory=dict)
    stated: bool = False  # the strategy's stated baseline rather than data
    population: int | None = None  # staff in post a survey mean is of (§Evidence, FPC)
    undeclared: int | None = None  # a share of all staff: how many did not declare
    chained: bool = False  # withheld for the statutory chain: judged, not published
    se: float | None = None  # a survey group's standard error, corrected


def wilson(x: int, n: int, confidence: float) -> tuple[float, float]:
    """§Evidence: Wilson score interval for a survey proportion (in %)."""
    z = z_value(confidence)
    p = x / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    den = 1 + z * z / n
    return 100 * (centre - half) / den, 100 * (centre + half) / den


def correction(n: int, population: int | None) -> float:
    """§Evidence: the finite population correction sqrt(1 - n/N) of a staff survey's standard
    error, N the staff in post (none when unknown or fewer than answered)."""
    if population is None or population < n:
        return 1.0
    return math.sqrt(1 - n / population)


def t_interval(
    mean: float, sd: float, n: int, confidence: float, population: int | None = None
) -> tuple[float, float]:
    """§Evidence: Student's t interval with n - 1 degrees of freedom for a survey mean, its
    standard error with the finite population correction."""
    se = sd / math.sqrt(n) * correction(n, population)
    half = float(stats.t.ppf(1 - (1 - confidence) / 2, n - 1)) * se
    return mean - half, mean + half


def small(count: int, cfg: dict) -> bool:
    """§Disclosure control, rule 1: a count of people from 1 to 4 is withheld."""
    return 1 <= count < cfg["min_count"]


def share(num: int, den: int, cfg: dict, people: bool = True) -> Figure:
    """A share in %, with rules 2 and 3 of §Disclosure control when it counts people: no share
    from fewer than 10 people; a share goes with its count and the count's complement."""
    if den == 0:
        return Figure(None, num, den, withheld=True)
    fig = Figure(100 * num / den, num, den)
    if people and (den < cfg["min_base"] or small(num, cfg) or small(den - num, cfg)):
        fig.withheld = True
    return fig


def codes(characteristic: str, groups: list[str], present: pd.Series) -> set[str]:
    """The codes a catalogue's ``data.groups`` names (§Workforce measures, Definitions)."""
    out: set[str] = set()
    seen = set(present.dropna().astype(str))
    for g in groups:
        if g == "ethnic_minority":
            out |= {c for c in seen if c != "White British" and c not in NOT_DISCLOSED}
        elif g == "ethnic_minority_excluding_white":
            out |= {
                c
                for c in seen
                if c != "White British" and c not in NOT_DISCLOSED and c not in WHITE_MINORITIES
            }
        elif g == "lgb_plus":
            out |= set(LGB_PLUS)
        elif g == "lgb":
            out |= set(LGB)
        else:
            out.add(g)
    return out


def median_gap(men: np.ndarray, women: np.ndarray) -> float:
    """§Workforce measures, Gender pay gap: men's minus women's median hourly pay, as a
    percentage of men's."""
    m = float(np.median(men))
    return 100 * (m - float(np.median(women))) / m


def mean_gap(men: np.ndarray, women: np.ndarray) -> float:
    m = float(np.mean(men))
    return 100 * (m - float(np.mean(women))) / m


def one_out_deviation(men: np.ndarray, women: np.ndarray) -> float:
    """§When has a figure changed?: the leave-one-out (jackknife) range of the median gap,
    the lowest and highest gap with any one full-pay relevant employee left out; returned as
    the most one employee moves the median gap (the larger distance to either end)."""
    gap = median_gap(men, women)
    gaps = []
    for i in range(len(men)):
        gaps.append(median_gap(np.delete(men, i), women))
    for i in range(len(women)):
        gaps.append(median_gap(men, np.delete(women, i)))
    return max(gap - min(gaps), max(gaps) - gap)


@cache
def _pay_gap(root: Path, authority: str, year: str, employer: str, statistic: str):
    wf = table(root, authority, year, "workforce.csv")
    if wf is None:
        return None
    wf = wf[(wf["employer"] == employer) & truthy(wf["full_pay_relevant"])]
    men = np.sort(wf.loc[wf["sex"] == "Male", "hourly_pay"].to_numpy(float))
    women = np.sort(wf.loc[wf["sex"] == "Female", "hourly_pay"].to_numpy(float))
    if len(men) == 0 or len(women) == 0:
        return None
    cfg = settings(root)["disclosure"]
    if statistic == "median":
        fig = Figure(median_gap(men, women), one_out=one_out_deviation(men, women))
    else:
        fig = Figure(mean_gap(men, women))
    # §Disclosure control, rule 2 (no median or mean from fewer than 10 people); an employer
    # with 250 or more relevant employees publishes every statutory figure (§Gender pay gap).
    if len(wf) < 250 and min(len(men), len(women)) < cfg["min_base"]:
        fig.withheld = True
    return fig


def survey_mean(scores: np.ndarray, confidence: float, population: int | None = None) -> Figure:
    n = len(scores)
    mean = float(np.mean(scores))
    sd = float(np.std(scores, ddof=1)) if n > 1 else 0.0
    ci = t_interval(mean, sd, n, confidence, population) if n > 1 else None
    se = sd / math.sqrt(n) * correction(n, population) if n > 1 else None
    return Figure(mean, n=n, sd=sd, ci=ci, population=population, se=se)


AGE_GROUPS = {  # §Methods by kind, threshold: age 16-34, 35-49, 50 and over
    "16-34": ("16-19", "20-24", "25-29", "30-34"),
    "35-49": ("35-39", "40-44", "45-49"),
    "50 and over": ("50-54", "55-59", "60-64", "65+"),
}


def group_codes(characteristic: str, col: pd.Series) -> dict[str, set[str]]:
    """§Methods by kind, threshold: a survey threshold's groups, split as the workforce
    tables split them; "prefer not to say" and "not recorded" are in no group."""
    seen = set(col.dropna().astype(str)) - set(NOT_DISCLOSED)
    if characteristic == "sex":
        out = {"Female": {"Female"}, "Male": {"Male"}}
        if "Another gender" in seen:  # "another gender where anyone answered so"
            out["Another gender"] = {"Another gender"}
        return out
    if characteristic == "ethnicity":
        return {"White British": {"White British"}, "Ethnic minority": seen - {"White British"}}
    if characteristic == "disability":
        return {"Disabled": {"Disabled"}, "Not disabled": {"Not disabled"}}
    if characteristic == "sexual_orientation":
        return {"Heterosexual": {"Heterosexual"}, "LGB+": set(LGB_PLUS)}
    if characteristic == "age_band":
        return {k: set(v) for k, v in AGE_GROUPS.items()}
    raise ValueError(f"no survey groups for {characteristic}")


def figure(root: Path, authority: str, year: str, ind: dict) -> Figure | None:
    """The indicator's figure in a year, from that year's data (None: no figure)."""
    data = ind.get("data") or {}
    measure = data.get("measure")
    cfg = settings(root)["disclosure"]
    confidence = settings(root)["progress"]["confidence"]
    if measure in ("workforce_share", "workforce_nonresponse"):
        wf = table(root, authority, year, "workforce.csv")
        ch = data["characteristic"]
        if wf is None or ch not in wf.columns:
            return None  # data-contracts: an optional column left out is "not collected"
        col = wf[ch].astype(str)
        if measure == "workforce_share":
            # §Workforce measures: shares are of all staff, non-disclosers in the denominator
            num = int(col.isin(codes(ch, data["groups"], wf[ch])).sum())
            fig = share(num, len(wf), cfg)
            fig.undeclared = int(col.isin(NOT_DISCLOSED).sum())
            # §Disclosure control, known limits, the statutory chain: a share of all staff
            # by sex is withheld (its status kept) where the sex split would give a count
            # away; not in the baseline year, whose figure the strategy itself published
            base = ind.get("baseline") or {}
            stated = base.get("value") is not None and str(base.get("year")) == year
            if ch == "sex" and not data.get("employer") and not stated and not fig.withheld:
                if split_withheld(wf):
                    fig.withheld = fig.chained = True
            return fig
        num = int(col.isin(NOT_DISCLOSED).sum())
        return share(num, len(wf), cfg)
    if measure == "senior_appointments_share":
        rec = table(root, authority, year, "recruitment.csv")
        if rec is None:
            return None
        # data-contracts, recruitment.csv: one row per application, furthest stage reached
        senior = rec[truthy(rec["senior_role"]) & (rec["stage"] == "appointed")]
        ch = data["characteristic"]
        num = int(senior[ch].astype(str).isin(codes(ch, data["groups"], senior[ch])).sum())
        fig = share(num, len(senior), cfg)
        fig.groups = {"All senior appointments": fig}
        return fig
    if measure == "gender_pay_gap":
        return _pay_gap(root, authority, year, data["employer"], data.get("statistic", "median"))
    if measure == "training_compliance":
        tr = table(root, authority, year, "training.csv")
        if tr is None:
            return None
        return share(int(truthy(tr["completed"]).sum()), len(tr), cfg)
    if measure == "survey_score":
        sv = table(root, authority, year, "staff_survey.csv")
        if sv is None:
            return None
        # §Evidence: N is the staff in post that year in the workforce file
        wf = table(root, authority, year, "workforce.csv")
        staff = len(wf) if wf is not None else None
        fig = survey_mean(sv["edi_score"].to_numpy(float), confidence, staff)
        for ch in data.get("group_by", []):
            if ch not in sv.columns:
                continue
            for name, cats in group_codes(ch, sv[ch]).items():
                scores = sv.loc[sv[ch].astype(str).isin(cats), "edi_score"].to_numpy(float)
                in_post = None
                if wf is not None and ch in wf.columns:
                    in_post = int(wf[ch].astype(str).isin(cats).sum())
                g = survey_mean(scores, confidence, in_post) if len(scores) else Figure(None)
                # §Methods by kind, threshold: fewer than 10 responses are withheld, not judged
                g.withheld = len(scores) < cfg["min_base"]
                fig.groups[f"{ch}: {name}"] = g
        return fig
    if measure == "reported_value":
        ms = table(root, authority, year, "measures.csv")
        if ms is None:
            return None
        rows = ms[ms["indicator_id"] == ind["id"]]
        if rows.empty:
            return None
        row = rows.iloc[0]
        if pd.notna(row.get("numerator")) and pd.notna(row.get("denominator")):
            # §Disclosure control, rule 5: counts of programmes, partnerships, suppliers are
            # never withheld unless the catalogue says they count people
            people = data.get("counts") == "people"
            fig = share(int(row["numerator"]), int(row["denominator"]), cfg, people=people)
            if ind.get("evidence") == "survey":
                fig.ci = wilson(fig.numerator, fig.denominator, confidence)
        elif pd.notna(row.get("value")):
            fig = Figure(float(row["value"]))
        else:
            return None
        if ind["kind"] == "threshold":
            fig.groups = {"All": fig}
        return fig
    raise ValueError(f"{ind['id']}: measure {measure!r} is not covered")


# ---------------------------------------------------------------------------------------
# §When has a figure changed? One rule


@dataclass
class Change:
    clear: bool
    sign: int  # the sign of the estimate's movement (later minus earlier)


def newcombe(a: Figure, b: Figure, confidence: float) -> tuple[float, float]:
    """Newcombe's hybrid score interval (method 10) for p_b - p_a, in %."""
    pa, pb = a.numerator / a.denominator, b.numerator / b.denominator
    la, ua = (v / 100 for v in wilson(a.numerator, a.denominator, confidence))
    lb, ub = (v / 100 for v in wilson(b.numerator, b.denominator, confidence))
    d = pb - pa
    lower = d - math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2)
    upper = d + math.sqrt((ub - pb) ** 2 + (pa - la) ** 2)
    return 100 * lower, 100 * upper


def judge(a: Figure, b: Figure, ind: dict, confidence: float) -> Change:
    """Has the figure changed from a (earlier) to b (later)? §When has a figure changed?"""
    diff = b.value - a.value
    sign = 0 if abs(diff) < 1e-12 else (1 if diff > 0 else -1)
    if ind.get("evidence") == "survey":
        if None not in (a.numerator, a.denominator, b.numerator, b.denominator):
            # Survey proportions: Newcombe's hybrid score interval; clear when it excludes 0
            lo, hi = newcombe(a, b, confidence)
            return Change(lo > 0 or hi < 0, sign)
        if None not in (a.n, a.sd, b.n, b.sd):
            # Survey means: Welch's t-test at 95%, each year's variance with its finite
            # population correction (§Evidence)
            p = stats.ttest_ind_from_stats(
                b.value, b.sd * correction(b.n, b.population), b.n,
                a.value, a.sd * correction(a.n, a.population), a.n, equal_var=False,
            ).pvalue  # fmt: skip
            return Change(bool(p < 1 - confidence), sign)
        # "A survey figure supplied without its counts cannot be tested and is never a clear
        # change."
        return Change(False, sign)
    # Census and admin: the difference, clear when its size exceeds the tolerance (0 unless
    # the catalogue sets one with its source).
    if abs(diff) <= float(ind.get("tolerance", 0) or 0) or sign == 0:
        return Change(False, sign)
    # "A median pay gap's change must exceed the most that one employee moves the median in
    # either year: its leave-one-out (jackknife) range".
    deviations = [f.one_out for f in (a, b) if f.one_out is not None]
    if deviations:
        return Change(abs(diff) > max(deviations), sign)
    # "no change turns on one person (turns_on_one)": a share whose change vanishes or
    # reverses when this year's numerator is moved one person back towards last year's.
    # READING: "back towards last year's" = against the direction the share moved.
    if b.numerator is not None and b.denominator:
        moved = 100 * (b.numerator - sign) / b.denominator - a.value
        return Change(not (abs(moved) < 1e-9 or (moved > 0) != (sign > 0)), sign)
    # "a count that moved by one or less (suppliers 15 to 14) ... is no clear change"
    if ind.get("unit") == "count":
        return Change(abs(diff) > 1, sign)
    return Change(True, sign)


def chi_square_trend(points: list[tuple[int, Figure]], confidence: float) -> Change:
    """§When has a figure changed?, Trend: the chi-square test for linear trend (Armitage
    1955; R prop.trend.test) over the most recent five annual survey proportions."""
    scores = np.array([s for s, _ in points], float)
    x = np.array([f.numerator for _, f in points], float)
    n = np.array([f.denominator for _, f in points], float)
    freq = x / n
    p = x.sum() / n.sum()
    w = n / p / (1 - p)
    sbar = (w * scores).sum() / w.sum()
    fbar = (w * freq).sum() / w.sum()
    sxy = (w * (scores - sbar) * (freq - fbar)).sum()
    sxx = (w * (scores - sbar) ** 2).sum()
    chisq = sxy * sxy / sxx
    pvalue = float(stats.chi2.sf(chisq, 1))
    sign = 0 if sxy == 0 else (1 if sxy > 0 else -1)
    return Change(pvalue < 1 - confidence, sign)


# ---------------------------------------------------------------------------------------
# Trend and status


@dataclass
class Derived:
    indicator_id: str
    kind: str
    status: str
    trend: str
    value: float | str | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    previous_value: float | str | None = None
    baseline: float | None = None
    note: str = ""


def wanted(ind: dict) -> int:
    """+1 for a figure the strategy wants up, -1 down, 0 for none."""
    return {"increase": 1, "decrease": -1}.get(ind.get("direction"), 0)


def trend_word(change: Change, ind: dict) -> str:
    """§Status and trend vocabulary: improving / worsening / no_clear_change; a context
    figure is rising / falling / no_clear_change by the same rule."""
    if not change.clear:
        return "no_clear_change"
    if ind["kind"] == "context" or wanted(ind) == 0:
        return "rising" if change.sign > 0 else "falling"
    return "improving" if change.sign == wanted(ind) else "worsening"


def published_figure(fig: Figure | None) -> Figure | None:
    """A figure that is withheld is no figure (§Disclosure control)."""
    return None if fig is None or fig.withheld or fig.value is None else fig


def measure_trend(root, authority, year, ind, current, previous) -> str:
    """§When has a figure changed?, Trend: the latest year against the previous year by the
    one rule (not_available when either year has no figure); with 5 or more annual survey
    proportions the chi-square test for linear trend at 99.8% decides, over the latest five."""
    progress = settings(root)["progress"]
    if current is None or previous is None:
        return "not_available"
    if ind.get("evidence") == "survey" and current.numerator is not None:
        points = []
        for first in range(start(year), start(year) - 50, -1):
            f = published_figure(figure(root, authority, label(first), ind))
            if f is None or f.numerator is None:
                break  # READING: "annual" points are consecutive years
            points.append((first, f))
        if len(points) >= progress["trend_min_points"]:
            recent = sorted(points)[-5:]
            return trend_word(chi_square_trend(recent, progress["trend_confidence"]), ind)
    return trend_word(judge(previous, current, ind, progress["confidence"]), ind)


def baseline_figure(root, authority, ind) -> Figure | None:
    """§Methods by kind, target: the baseline is the figure the strategy states (3.6, not
    the data's 3.579); a survey baseline keeps the baseline year's own estimate and interval.
    Without a stated figure, the baseline year's own data."""
    base = ind.get("baseline")
    if not base:
        return None
    data = figure(root, authority, str(base["year"]), ind)
    if base.get("value") is not None and ind.get("evidence") != "survey":
        stated = Figure(float(base["value"]), stated=True)
        if data is not None:
            stated.one_out = data.one_out  # the jackknife range of the baseline year
        return stated
    return data


def uncertain(change: Change, ind: dict) -> str:
    """§Survey evidence (and "too small to call", §When has a figure changed?): a change that
    is not clear is some progress if the estimate moved the required way, off track
    otherwise."""
    return "some_progress" if change.sign == wanted(ind) and change.sign != 0 else "off_track"


def target_status(root, year, ind, base: Figure | None, cur: Figure) -> str:
    """§Methods by kind, target: achieved when met; else the Open SDG progress measure."""
    progress = settings(root)["progress"]
    up = wanted(ind) >= 0
    target = float(ind["target"]["value"])

    def meets(v):
        return v >= target if up else v <= target

    # §Workforce measures, Cannot tell: in its target year, a share of all staff whose bounds
    # (undeclared counted all in or none) lie either side of the target by more than 100/staff
    in_year = start(year) >= start(str(ind["target"]["year"]))
    if in_year and cur.undeclared and cur.numerator is not None and cur.denominator:
        low = 100 * cur.numerator / cur.denominator
        high = 100 * (cur.numerator + cur.undeclared) / cur.denominator
        one = 100 / cur.denominator
        if low < target - one and high > target + one:
            return "cannot_tell"
    if meets(cur.value):
        return "achieved"
    if in_year:
        return "off_track"  # target year reached without meeting the target
    if base is None or start(year) <= start(str(ind["baseline"]["year"])):
        return "not_available"  # only the baseline so far
    if meets(base.value):
        return "off_track"  # target met at the baseline but not now
    b, v = base.value, cur.value
    elapsed = start(year) - start(str(ind["baseline"]["year"]))
    horizon = start(str(ind["target"]["year"])) - start(str(ind["baseline"]["year"]))
    # the pace ratio: change a year observed over change a year needed, straight lines
    observed, required = (v - b) / elapsed, (target - b) / horizon
    ratio = observed / required
    if ratio >= progress["on_track_ratio"]:
        status = "on_track"
    elif ratio >= progress["some_progress_ratio"]:
        status = "some_progress"
    else:
        status = "off_track"
    # §Survey evidence / "too small to call": uncertainty never gives a better status than
    # the estimate itself, and a change that is not clear is at best some progress.
    change = judge(base, cur, ind, progress["confidence"])
    if not change.clear:
        status = min(status, uncertain(change, ind), key=RANK.__getitem__)
    return status


def direction_status(root, year, ind, base: Figure | None, cur: Figure, prev) -> str:
    """§Methods by kind, direction."""
    confidence = settings(root)["progress"]["confidence"]
    if base is None:
        return "not_available"
    # "A figure already at its best possible value (0% or 100%) since the baseline is
    # achieved." READING: at the best value at the baseline and now.
    if ind.get("unit") == "percent" and wanted(ind):
        best = 100.0 if wanted(ind) > 0 else 0.0
        if abs(cur.value - best) < 1e-9 and abs(base.value - best) < 1e-9:
            return "achieved"
    since_base = judge(base, cur, ind, confidence)
    if not since_base.clear:
        # census "no clear change" is off track; too small to call / survey not clear:
        # some progress if it moved the required way (§When has a figure changed?,
        # §Survey evidence). A zero movement is off track under both.
        return uncertain(since_base, ind)
    if since_base.sign != wanted(ind):
        return "off_track"  # a clear change the wrong way
    due = ind.get("due")
    reached = due is not None and snapshot(year) >= as_date(due)
    since_prev = judge(prev, cur, ind, confidence) if prev is not None else None
    if ind.get("annual"):
        # "it must also be a clear change the required way since the previous year;
        # otherwise some progress"
        if since_prev is None or not since_prev.clear or since_prev.sign != wanted(ind):
            return "some_progress"
    elif not reached and since_prev is not None and since_prev.clear:
        # "Any other direction clearly falling back since the previous year, before its due
        # date, is some progress, not on track."
        if since_prev.sign != wanted(ind):
            return "some_progress"
    return "achieved" if reached else "on_track"


def safe_side(base: int, level: float, cfg: dict) -> bool:
    """§Methods by kind, threshold: may a withheld share's side of the level be said? Each
    side must leave a withheld count (1 to base - 1) a range of at least 5 people."""
    least = math.ceil(level * base / 100 - 1e-9)
    for lo, hi in ((1, least - 1), (max(least, 1), base - 1)):
        if hi >= lo and hi - lo < cfg["protection_width"]:
            return False
    return True


def threshold_status(root, authority, year, ind: dict, cur: Figure) -> str:
    """§Methods by kind, threshold: every group at or beyond the level is achieved; census:
    any group on the wrong side is off track (a single figure before a due date: its pace);
    survey: each group tested one-sided at 2.5% against the level, Holm over the groups;
    clearly wrong is off track, by the estimate only some progress. Withheld groups are not
    judged, except a withheld census share whose side may safely be said."""
    cfg = settings(root)["disclosure"]
    progress = settings(root)["progress"]
    level = float(ind["threshold"])
    up = wanted(ind) >= 0
    survey = ind.get("evidence") == "survey"
    judged = []
    for g in cur.groups.values():
        if g.value is None:
            continue
        if g.withheld:
            if survey or not g.denominator or not safe_side(g.denominator, level, cfg):
                continue
        judged.append(g)
    if not judged:
        return "not_available"
    wrong = [g for g in judged if (g.value < level if up else g.value > level)]
    if not wrong:
        return "achieved"
    if not survey:
        due = ind.get("due")
        if len(judged) == 1 and due is not None and snapshot(year) < as_date(due):
            # judged by the pace toward the level, as a target is, from the first year's
            # figure to the year of the due date
            first = min(
                (first for first in range(start(year) - 30, start(year))
                 if figure(root, authority, label(first), ind) is not None),
                default=None,
            )  # fmt: skip
            base = figure(root, authority, label(first), ind) if first is not None else None
            if base is not None and base.value is not None and not base.withheld:
                due_date = as_date(due)
                due_year = due_date.year - 1 if due_date.month <= 3 else due_date.year
                paced = dict(ind, target={"value": level, "year": label(due_year)})
                paced["baseline"] = {"year": label(first)}
                return target_status(root, year, paced, base, judged[0])
        return "off_track"
    tested = [g for g in judged if g.se]
    sign = 1.0 if up else -1.0
    pvals = [float(stats.t.cdf(sign * (g.value - level) / g.se, g.n - 1)) for g in tested]
    alpha = (1 - progress["confidence"]) / 2
    order = sorted(range(len(pvals)), key=lambda i: pvals[i])
    clear = set()
    for rank, i in enumerate(order):  # Holm's step-down
        if pvals[i] > alpha / (len(pvals) - rank):
            break
        clear.add(id(tested[i]))
    for g in wrong:
        if g.se:
            if id(g) in clear:
                return "off_track"
        elif g.ci is None or (g.ci[1] < level if up else g.ci[0] > level):
            return "off_track"
    return "some_progress"


def stage_of(root, authority, year, ind_id) -> str | None:
    actions = table(root, authority, year, "actions.csv")
    if actions is None:
        return None
    rows = actions[actions["indicator_id"] == ind_id]
    if rows.empty or pd.isna(rows.iloc[0]["stage"]):
        return None
    return str(rows.iloc[0]["stage"])


def action(root, authority, year, ind) -> Derived:
    """§Methods by kind, milestone and recurring."""
    stage = stage_of(root, authority, year, ind["id"])
    before = stage_of(root, authority, label(start(year) - 1), ind["id"])
    # milestone: "The trend compares the stage with last year's." READING: the same for a
    # recurring commitment (§When has a figure changed?, Trend: latest against previous).
    if stage is None or before is None:
        trend = "not_available"
    else:
        step = STAGES.index(stage) - STAGES.index(before)
        trend = "improving" if step > 0 else "worsening" if step < 0 else "no_clear_change"
    if stage is None:
        status = "not_available"  # no update this year
    elif ind["kind"] == "recurring":
        # done this year = achieved; under way = some progress; not done = off track
        status = {"complete": "achieved", "in_progress": "some_progress"}.get(stage, "off_track")
    else:
        # "A due date counts as reached from the year whose 31 March snapshot is on or after it"
        due_passed = snapshot(year) >= as_date(ind["due"])
        # "... when the strategy's own delivery timeline has it start on or before the year's
        # 31 March (the starts: month of a catalogue entry's sources:, the earliest if several)"
        starts = [as_date(s["starts"]) for s in ind.get("sources") or [] if s.get("starts")]
        late = bool(starts) and min(starts) <= snapshot(year)
        if stage == "complete":
            status = "achieved"
        elif stage == "in_progress":
            status = "some_progress" if due_passed else "on_track"
        else:
            status = "off_track" if due_passed or late else "not_started"
    return Derived(ind["id"], ind["kind"], status, trend, value=stage, previous_value=before)


def measure(root, authority, year, ind) -> Derived:
    cur_raw = figure(root, authority, year, ind)
    prev_raw = figure(root, authority, label(start(year) - 1), ind)
    cur, prev = published_figure(cur_raw), published_figure(prev_raw)
    base = baseline_figure(root, authority, ind)
    out = Derived(ind["id"], ind["kind"], "not_available", "not_available")
    if cur_raw is not None and not cur_raw.withheld:
        out.value = cur_raw.value
        if cur_raw.ci:
            out.ci_lower, out.ci_upper = cur_raw.ci
    if prev is not None:
        out.previous_value = prev.value
    if base is not None:
        out.baseline = base.value
    out.trend = measure_trend(root, authority, year, ind, cur, prev)
    kind = ind["kind"]
    if kind == "context":
        out.status = "not_assessed"  # §Methods by kind, context
    elif cur_raw is not None and cur_raw.chained and kind == "direction":
        out.status = direction_status(root, year, ind, base, cur_raw, prev)
    elif cur_raw is not None and cur_raw.chained and kind == "target":
        out.status = target_status(root, year, ind, base, cur_raw)
    elif cur is None and kind != "threshold":
        out.status = "not_available"  # no figure this year
    elif kind == "target":
        out.status = target_status(root, year, ind, base, cur)
    elif kind == "direction":
        out.status = direction_status(root, year, ind, base, cur, prev)
    elif kind == "threshold":
        out.status = (
            threshold_status(root, authority, year, ind, cur_raw)
            if cur_raw is not None
            else "not_available"
        )
    else:
        raise ValueError(f"{ind['id']}: kind {kind!r} is not covered")
    return out


def derive(root: Path, authority: str, year: str) -> dict[str, Derived]:
    """Every indicator of the authority's catalogue in one reporting year."""
    out = {}
    for ind in catalogue(root, authority)["indicators"]:
        if ind["kind"] in ("milestone", "recurring"):
            out[ind["id"]] = action(root, authority, year, ind)
        else:
            out[ind["id"]] = measure(root, authority, year, ind)
    return out


def reports(root: Path) -> list[tuple[str, str]]:
    """Every sample report: each authority's reporting years."""
    pairs = []
    for path in sorted((root / "params" / "authorities").glob("*.yaml")):
        params = authority_params(root, path.stem)
        for year in params.get("reporting_years", []):
            pairs.append((path.stem, str(year)))
    return pairs

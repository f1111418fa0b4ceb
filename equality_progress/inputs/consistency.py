"""Checks across files, against the catalogue: nothing an analyst provides is silently lost.

Each file may pass its own contract and still be lost to the report: an id in
``measures.csv``, ``actions.csv`` or the commentary that no indicator or objective has; a
file the catalogue's indicators need that is missing (a missing previous year silently
changes statuses); a stated baseline that the baseline year's own data contradicts.
Each is an error naming the file and id, with a "did you mean" where one is close, unless
the authority's params declare the file absent for that year with a reason (which the
report then shows).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from equality_progress.errors import Problem
from equality_progress.inputs.catalogue import (
    MEASURES,
    PUBLISHED_TABLES,
    Catalogue,
    Indicator,
    load_catalogue,
)
from equality_progress.inputs.checking import NOTE, did_you_mean
from equality_progress.inputs.contracts import CONTRACTS
from equality_progress.inputs.employers import unknown_employers
from equality_progress.inputs.settings import Authority, params_problems
from equality_progress.layout import year_folder
from equality_progress.years import FinancialYear

Frame = Callable[[FinancialYear, str], "pd.DataFrame | None"]
# (indicator, year data, settings) -> its figure, or None; see check_consistency
PointOf = Callable[..., Any]


def check_consistency(
    authority: Authority,
    data: dict,
    upto: FinancialYear,
    data_dir: Path | None,
    frames: bool,
    point_of: PointOf | None = None,
    catalogue: Catalogue | None = None,
) -> list[Problem]:
    """Every cross-file problem of one authority-year's inputs (see the module's doc).
    ``point_of`` works out an indicator's figure from a year's data (the analysis's
    :func:`~equality_progress.analysis.measures.point`, handed in by the caller so that the
    inputs layer never imports the analysis); without it stated baselines are not checked.
    ``catalogue``: the authority's, when the caller has loaded it already (read once)."""
    from equality_progress.inputs.loading import contract_read
    from equality_progress.inputs.mapping import load_mapping

    catalogue = catalogue or load_catalogue(authority.id)
    mapping = load_mapping(authority.id)

    read: dict[tuple[FinancialYear, str], pd.DataFrame | None] = {}

    def frame(year: FinancialYear, name: str) -> pd.DataFrame | None:
        if (year, name) not in read:
            read[year, name] = _frame(year, name)
        return read[year, name]

    def _frame(year: FinancialYear, name: str) -> pd.DataFrame | None:
        yd = data.get(year)
        if yd is None or name not in yd.files:
            return None
        if name in yd.frames:
            return yd.frames[name]
        folder = year_folder(authority.id, year, data_dir)
        path = folder / Path(yd.files[name]).name
        fm = mapping.files.get(name) if mapping else None
        fm = fm if fm is not None and fm.reads(path.name) else None
        got, _ = contract_read(path, name, year, True, fm, authority.id)
        return got

    problems = needed_files(authority, catalogue, data, upto, data_dir)
    problems += params_problems(authority)
    for year in data:
        problems += unknown_ids(catalogue, data[year], frame)
        problems += reported_figures(catalogue, data[year], frame, [y for y in data if y != year])
    for year in data:
        problems += unknown_employers(authority, data[year], frame)
        problems += contradicted_actions(catalogue, data[year], frame)
        if year.previous() in data:
            problems += category_swings(
                data[year.previous()], data[year], frame, authority.accepted_changes
            )
    if upto in data:
        problems += commentary_ids(catalogue, data[upto], year_folder(authority.id, upto, data_dir))
    if point_of is not None:
        problems += baselines(catalogue, data, frame, point_of)
    return problems


def needed_files(
    authority: Authority,
    catalogue: Catalogue,
    data: dict,
    upto: FinancialYear,
    data_dir: Path | None,
) -> list[Problem]:
    """A file the catalogue's indicators need for a year (the report year, and every year
    from the baseline for trends and comparisons), unless declared absent with a reason;
    each declared absence becomes a note the report shows."""
    from equality_progress.inputs.loading import misnamed_year

    problems = []
    for year in sorted(data):
        yd = data[year]
        declared = authority.absent.get(year.label, {})
        needs: dict[str, list[str]] = {}
        for ind in catalogue.indicators:
            name = MEASURES[ind.data.measure].reads
            if name == "actions" and year != upto:
                continue
            needs.setdefault(name, []).append(ind.id)
        for name, ids in needs.items():
            filename = CONTRACTS[name].filename
            reason = declared.get(filename) or declared.get(name) or declared.get("all")
            if name in yd.files:
                continue
            if reason:
                yd.notes.append(f"{filename} for {year} is absent: {reason}")
                continue
            folder = year_folder(authority.id, year, data_dir)
            what = "this year's report" if year == upto else f"the trend and comparison with {year}"
            shown = f"{folder.parent.name}/{year}/{filename}"
            examples = ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
            missing = "" if folder.is_dir() else f" (no folder for {year}{misnamed_year(folder)})"
            problems.append(
                Problem(
                    shown,
                    f"is missing{missing}"
                    f", and {what} needs it ({examples}); add it, or declare it absent in "
                    f"params/authorities/{authority.id}.yaml with the reason: "
                    f'absent: {{{year}: {{{filename}: "..."}}}}',
                    rule="needed file",
                )
            )
    for label, files in authority.absent.items():
        for name in files:
            known = {c.filename for c in CONTRACTS.values()} | set(CONTRACTS) | {"all"}
            if name not in known:
                problems.append(
                    Problem(
                        f"params/authorities/{authority.id}.yaml",
                        f"absent: {label}: '{name}' is not an input file"
                        f"{did_you_mean(name, sorted(known))}",
                    )
                )
    return problems


def unknown_ids(catalogue: Catalogue, yd, frame: Frame) -> list[Problem]:  # noqa: ANN001
    """Ids in measures.csv and actions.csv that no indicator of the right kind has."""
    problems = []
    for name, measure in (("reported", "reported_value"), ("actions", "action_status")):
        if name not in yd.files:
            continue
        df = frame(yd.year, name)
        if df is None:
            continue
        fits = [i.id for i in catalogue.indicators if i.data.measure == measure]
        every = {i.id: i for i in catalogue.indicators}
        for row, ident in enumerate(df["indicator_id"], start=2):
            if ident in fits:
                continue
            if ident in every:
                message = (
                    f"indicator '{ident}' takes its figures from "
                    f"{MEASURES[every[ident].data.measure].reads} data, not from this file; "
                    "remove the row"
                )
            else:
                message = (
                    f"no indicator '{ident}' in the catalogue{did_you_mean(ident, fits)}; "
                    "correct the id or add the indicator to the catalogue"
                )
            problems.append(
                Problem(yd.files[name], message, row=row, column="indicator_id", rule="unknown id")
            )
    return problems


def contradicted_actions(catalogue: Catalogue, yd, frame: Frame) -> list[Problem]:  # noqa: ANN001
    """An action recorded unfinished in a year whose report publishes the very tables it
    establishes (``evidenced_by:``): the report would call it overdue beside its own proof."""
    evidenced = {i.id: i for i in catalogue.indicators if i.evidenced_by}
    if not evidenced or "actions" not in yd.files:
        return []
    df = frame(yd.year, "actions")
    if df is None:
        return []
    problems = []
    for row, (ident, stage) in enumerate(
        zip(df["indicator_id"], df["stage"], strict=True), start=2
    ):
        ind = evidenced.get(ident)
        if ind is None or stage == "complete":
            continue
        shown, files = [], []
        for name in ind.evidenced_by:
            source, column = PUBLISHED_TABLES[name]
            got = frame(yd.year, source) if source in yd.files else None
            if got is not None and column in got.columns:
                shown.append(name.replace("_", " "))
                files.append(yd.files[source])
        if shown:
            problems.append(
                Problem(
                    yd.files["actions"],
                    f"'{ident}' is recorded {stage}, but this year's report publishes the "
                    f"{' and '.join(shown)} (from {', '.join(sorted(set(files)))}) that the action "
                    "establishes; record it complete with its evidence, or, if a part of it "
                    "remains, split the commitment into parts (part:) each with its own stage",
                    value=str(stage),
                    row=row,
                    column="stage",
                    rule="contradiction",
                )
            )
    return problems


# A category's share of staff that moves this much in a year (up by a third of itself or
# down by a fifth, by SWING_POINTS points and SWING_PEOPLE people or more) is more often a
# code mapped to another category than a real change (issue 22; its trial: half the disabled
# staff mapped to "Not recorded", 10.7% to 5.7%, passed the first rule, which needed 15
# points as well as a halving; then a fifth of them, 10.7% to 8.3%, passed a quarter's).
# A mapping slip takes people from a category: the one that loses falls by much of itself,
# while a real rise of a small share (declaration campaigns: Sefton's not disabled 20.5% to
# 26.0%, disabled staff 8% to 10%) stays quiet below a third.
SWING_RISE = 4 / 3
SWING_FALL = 4 / 5
SWING_PEOPLE = 20
SWING_POINTS = 2.0  # Sefton's under-30s, 1.5% to 2.1% of staff, are real
SWING_COLUMNS = (
    "sex", "ethnicity", "disability", "sexual_orientation", "age_band", "religion",
)  # fmt: skip


def _swing(was: float, is_: float, staff: int) -> bool:
    """A share (%) of ``staff`` that grows by a third of itself or falls by a fifth,
    by at least SWING_POINTS points and SWING_PEOPLE people (a disabled share of 8% rising to
    10% is not one; 10.7% falling to 8.3% of 1,500 is)."""
    moved = abs(is_ - was) / 100 * staff
    relative = is_ >= SWING_RISE * was or is_ <= SWING_FALL * was
    return relative and moved >= SWING_PEOPLE and abs(is_ - was) >= SWING_POINTS


def category_swings(  # noqa: ANN001 (before, now: YearData; accepted: settings.AcceptedChange)
    before, now, frame: Frame, accepted=()
) -> list[Problem]:
    """An error for each workforce category whose share of staff swings against last year
    (:func:`_swing`; issue 22: a code mapped to the
    wrong category published a plausible wrong figure): the file, both shares and the fix.
    A swing the authority records as real (``accepted_changes:``, with its reason) is a
    note instead."""
    known = {(a.year, a.column, a.category): a.reason for a in accepted}
    if "workforce" not in now.files or "workforce" not in before.files:
        return []
    old, new = frame(before.year, "workforce"), frame(now.year, "workforce")
    if old is None or new is None or not len(old) or not len(new):
        return []
    out = []
    for column in SWING_COLUMNS:
        if column not in old.columns or column not in new.columns:
            continue
        a = old[column].value_counts(normalize=True) * 100
        b = new[column].value_counts(normalize=True) * 100
        for category in sorted(set(a.index) | set(b.index)):
            was, is_ = float(a.get(category, 0.0)), float(b.get(category, 0.0))
            if _swing(was, is_, len(new)):
                said = (
                    f"'{category}' is {is_:.1f}% of staff, against {was:.1f}% in "
                    f"{before.year} ({before.files['workforce']})"
                )
                reason = known.get((str(now.year), column, str(category)))
                if reason is not None:
                    out.append(
                        Problem(
                            now.files["workforce"],
                            f"{said}: a real change, as the authority's params record ({reason})",
                            column=column,
                            value=str(category),
                            rule=NOTE,
                        )
                    )
                    continue
                out.append(
                    Problem(
                        now.files["workforce"],
                        f"{said}. Check how the export's codes are mapped (a code mapped to "
                        "another category moves staff between them); if a real change explains "
                        "it, record it under accepted_changes: in the authority's params "
                        f"({{year: {now.year}, column: {column}, category: {category}, "
                        "reason: ...})",
                        column=column,
                        value=str(category),
                        rule="category swing",
                    )
                )
    return out


def reported_figures(
    catalogue: Catalogue,
    yd,  # noqa: ANN001 (loading.YearData)
    frame: Frame,
    other_years: list[FinancialYear] = (),  # type: ignore[assignment]
) -> list[Problem]:
    """Figures in measures.csv that would publish a wrong number without a word: a value
    that disagrees with its own numerator and denominator (the counts would win), and a
    percentage given as a proportion (0.45 for 45%) where the strategy's own figures for it,
    or its values in other years, are on the percent scale."""
    if "reported" not in yd.files:
        return []
    df = frame(yd.year, "reported")
    if df is None:
        return []
    every = {i.id: i for i in catalogue.indicators}
    shown = yd.files["reported"]
    elsewhere: dict[str, list[float]] = {}
    for year in other_years:
        other = frame(year, "reported")
        if other is not None:
            for ident, v in zip(other["indicator_id"], other["value"], strict=True):
                if pd.notna(v):
                    elsewhere.setdefault(ident, []).append(float(v))
    problems = []
    for row, rec in enumerate(df.to_dict("records"), start=2):
        ind, value = every.get(rec["indicator_id"]), rec["value"]
        if ind is None or pd.isna(value):
            continue
        num, den = rec["numerator"], rec["denominator"]
        if pd.notna(num) and pd.notna(den) and den:
            share = 100 * num / den
            if abs(share - value) > 0.05 + 1e-9:
                problems.append(
                    Problem(
                        shown,
                        f"indicator '{ind.id}': value {value:g} disagrees with its numerator "
                        f"and denominator ({num:g} of {den:g} is {share:.1f}%), and the counts "
                        "would be published; give the value or the counts, or make them agree",
                        row=row,
                        column="value",
                        value=f"{value:g}",
                        rule="agreement",
                    )
                )
            continue
        stated = [
            x
            for x in (
                ind.baseline.value if ind.baseline else None,
                ind.target.value if ind.target else None,
                ind.threshold,
            )
            if x is not None
        ] + elsewhere.get(ind.id, [])
        if ind.unit == "percent" and 0 < value <= 1 and stated and min(stated) > 1.5:
            problems.append(
                Problem(
                    shown,
                    f"indicator '{ind.id}' is a percentage and its baseline, target or other "
                    f"years are at least {min(stated):g}%, but this value looks like a "
                    f"proportion; write "
                    f"{value * 100:g} for {value * 100:g}%",
                    row=row,
                    column="value",
                    value=f"{value:g}",
                    rule="scale",
                )
            )
    return problems


def commentary_ids(catalogue: Catalogue, yd, folder: Path) -> list[Problem]:  # noqa: ANN001
    """Commentary for an objective or indicator that the catalogue does not have."""
    shown = f"{folder.parent.name}/{folder.name}/commentary.yaml"
    problems = []
    for key, ids in (
        ("objectives", [o.id for o in catalogue.objectives]),
        ("indicators", [i.id for i in catalogue.indicators]),
    ):
        for ident in (yd.commentary or {}).get(key, {}) or {}:
            if ident not in ids:
                problems.append(
                    Problem(
                        shown,
                        f"{key}: no {key[:-1]} '{ident}' in the catalogue"
                        f"{did_you_mean(str(ident), ids)}; this commentary would appear nowhere",
                        value=str(ident),
                        rule="unknown id",
                    )
                )
    return problems


def baselines(catalogue: Catalogue, data: dict, frame: Frame, point: PointOf) -> list[Problem]:
    """A stated baseline that the baseline year's data contradicts beyond rounding."""
    from equality_progress.inputs.loading import YearData
    from equality_progress.inputs.settings import load_settings

    settings = load_settings()
    problems = []
    for ind in catalogue.indicators:
        base = ind.baseline
        if base is None or base.value is None or ind.action:
            continue
        year = FinancialYear.parse(base.year)
        yd = data.get(year)
        name = MEASURES[ind.data.measure].reads
        if yd is None or name not in yd.files:
            continue
        got = frame(year, name)
        if got is None:
            continue
        p = point(ind, YearData(year, {name: got}), settings)
        if p is None or p.value is None:
            continue
        # beyond rounding: half the stated figure's last place as written (9.0 is stated
        # to one place, so 8.64 contradicts it), or for a percentage half of one person's
        # share (no whole count of people gives a closer figure)
        tolerance = 0.5 * 10 ** -(base.places or 0) + 1e-9
        if p.denominator:
            tolerance = max(tolerance, 50 / p.denominator)
        if abs(p.value - base.value) > tolerance:
            problems.append(_baseline_problem(catalogue, ind, p.value, yd.files[name]))
    return problems


def _baseline_problem(catalogue: Catalogue, ind: Indicator, value: float, file: str) -> Problem:
    return Problem(
        f"params/catalogues/{catalogue.authority}.yaml",
        f"indicator '{ind.id}': the stated baseline {ind.baseline.value:g} ({ind.baseline.year})"
        f" disagrees with the {ind.baseline.year} data in {file}, which give {value:.2f}; "
        "if the strategy published that baseline, check the data first (a code mapped to the "
        "wrong category, a missing file or a filter changes it) and correct them; only if the "
        "data are right, correct the baseline here",
        value=str(ind.baseline.value),
        rule="baseline",
    )

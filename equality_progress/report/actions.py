"""The action plan, told honestly: each action's progress in plain words, an action completed
in an earlier year shown as such (not as this year's achievement), grouped by objective and
progress, in the strategy's own words (no internal ids)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from equality_progress.analysis.evaluate import Result
from equality_progress.analysis.measures import stage
from equality_progress.inputs.catalogue import Indicator
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import Block, heading, join, paragraph, table
from equality_progress.years import FinancialYear

# Progress of an action in a year, most urgent first (the order of the action plan).
PROGRESS = {
    "overdue": "Overdue",
    "late_to_start": "Not started, though its start date has passed",
    "no_update": "No update this year",
    "in_progress": "In progress, not yet due",
    "not_started": "Not started, not yet due",
    "done_this_year": "Completed this year",
    "done_before": "Completed in an earlier year",
    "recurring_missed": "Not done this year (due every year)",
    "recurring_under_way": "Under way this year (due every year)",
    "recurring_done": "Done this year (due every year)",
}


@dataclass(frozen=True)
class ActionProgress:
    result: Result
    group: str  # a key of PROGRESS
    completed_in: FinancialYear | None

    @property
    def words(self) -> str:
        """What the action plan says: "Completed in 2022-23", "Overdue (due March 2023)"."""
        ind = self.result.indicator
        if self.group.startswith("recurring") or ind.due is None:  # no due date: no_update
            return PROGRESS[self.group]
        due = ind.due.strftime("%B %Y")
        if self.group in ("done_before", "done_this_year"):
            when = "this year" if self.group == "done_this_year" else f"in {self.completed_in}"
            return f"Completed {when}{self._late()}"
        if self.group == "late_to_start":
            return f"Late to start: not started (timeline start {self._starts()}; due {due})"
        if self.group == "overdue":
            started = "in progress" if self.result.stage == "in_progress" else "not started"
            return f"Overdue: {started} (due {due})"
        return PROGRESS[self.group]

    def _starts(self) -> str:
        s = self.result.indicator.starts
        return s.strftime("%B %Y") if s else ""

    def _late(self) -> str:
        """ ", about 2 years after its March 2023 due date" for an action done late."""
        due, done = self.result.indicator.due, self.completed_in
        if due is None or done is None or done.snapshot_date <= due:
            return ""
        years = round((done.snapshot_date - due).days / 365.25)
        late = f"about {years} year{'s' * (years != 1)}" if years else "less than a year"
        return f", {late} after its {due.strftime('%B %Y')} due date"


def progress(r: Report, res: Result, year: FinancialYear | None = None) -> ActionProgress:
    """An action's progress at the end of ``year`` (the report's year by default), from the
    stage recorded each year: the first year it is recorded complete is when it was done."""
    year = year or r.year
    ind = res.indicator
    current, _ = stage(ind, r.data.get(year))
    if ind.kind == "recurring":  # judged on this year's own update, never done for good
        group = {"complete": "recurring_done", "in_progress": "recurring_under_way"}.get(
            current or "", "no_update" if current is None else "recurring_missed"
        )
        return ActionProgress(res, group, None)
    done = None
    for y in sorted(d for d in r.data if d <= year):
        if stage(ind, r.data[y])[0] == "complete":
            done = y
            break
    due_passed = ind.due is not None and ind.due <= year.snapshot_date
    if done is not None and current in ("complete", None):
        group = "done_this_year" if done == year else "done_before"
    elif current is None:
        group = "no_update"
    elif due_passed and current != "complete":
        group = "overdue"
    elif current == "complete":
        group = "done_this_year"
    elif current == "in_progress":
        group = "in_progress"
    else:
        begin = ind.starts
        late = begin is not None and begin <= year.snapshot_date
        group = "late_to_start" if late else "not_started"
    return ActionProgress(res, group, done)


def actions(r: Report) -> list[Result]:
    return [x for x in r.evaluation.results if x.indicator.action]


def counts(r: Report, year: FinancialYear | None = None) -> Counter:
    """How many actions are in each group of :data:`PROGRESS` at the end of ``year``."""
    return Counter(progress(r, x, year).group for x in actions(r))


def count_sentence(c: Counter) -> str:
    return "; ".join(f"{c[k]} {PROGRESS[k].lower()}" for k in PROGRESS if c.get(k))


def _details(r: Report, p: ActionProgress) -> str:
    """Evidence, the analyst's commentary and next steps, in one cell."""
    res = p.result
    if p.group == "done_before":
        return res.commentary
    bits = [res.evidence, res.commentary]
    bits += ["Next step: " + s.sentence() for s in r.next_steps("indicators", res.indicator.id)]
    return " ".join(b.strip() for b in bits if b and b.strip())


def action_words(ind: Indicator) -> str:
    """The action as the strategy writes it; where one sentence holds two commitments (a
    yearly one and a one-off), each says which part it is."""
    return f"{ind.statement.rstrip('.')} (part: {ind.part})" if ind.part else ind.statement


def _due(ind: Indicator) -> str:
    """When an action is due: its date, or every year for a recurring commitment."""
    if ind.kind == "recurring":
        return "Every year"
    return ind.due.strftime("%b %Y") if ind.due else ""


def action_plan(r: Report) -> Block:
    """Every action and milestone, by objective, most urgent first; those completed in an
    earlier year in a compact table of their own (issue 16: compact tables for actions)."""
    parts: list[Block] = []
    order = list(PROGRESS)
    any_rows = False
    for obj in r.catalogue.objectives:
        rows = [progress(r, x) for x in actions(r) if x.indicator.objective == obj.id]
        if not rows:
            continue
        any_rows = True
        rows.sort(key=lambda p: order.index(p.group))
        open_rows = [p for p in rows if p.group != "done_before"]
        done = [p for p in rows if p.group == "done_before"]
        parts.append(heading(obj.title, 3, f"actions-{obj.id}"))
        if open_rows:
            frame = pd.DataFrame(
                [
                    {
                        "Action": action_words(p.result.indicator),
                        "Due": _due(p.result.indicator),
                        "Progress": p.words,
                        "Evidence and next steps": _details(r, p),
                    }
                    for p in open_rows
                ]
            )
            parts.append(
                table(
                    frame,
                    f"Actions: {obj.title}",
                    css="actions wide",
                    pdf_columns="(3fr, auto, 1.2fr, 2fr)",
                )
            )
        if done:
            frame = pd.DataFrame(
                [
                    {
                        "Action": action_words(p.result.indicator),
                        "Due": _due(p.result.indicator),
                        "Progress": " ".join(b for b in (p.words, _details(r, p) or "") if b),
                    }
                    for p in done
                ]
            )
            parts.append(
                table(
                    frame,
                    f"Completed in earlier years: {obj.title}",
                    css="actions",
                    pdf_columns="(4.5fr, auto, 1.6fr)",
                )
            )
    if not any_rows:
        parts.append(paragraph("This strategy has no dated actions or milestones."))
    return join(parts)

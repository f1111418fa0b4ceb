"""Actions told honestly: completed in an earlier year is not this year's achievement; the
action plan uses the strategy's words, not internal ids."""

from __future__ import annotations

import pandas as pd
import pytest
from support import sample_report

from equality_progress.layout import project_root
from equality_progress.report import actions


@pytest.fixture(scope="module")
def report():
    return sample_report("lcrca", "2024-25")


def _first_complete() -> dict[str, str]:
    """Read straight from the data files: the first year each action is recorded complete."""
    first: dict[str, str] = {}
    for year in ("2022-23", "2023-24", "2024-25"):
        path = project_root() / "data" / "lcrca" / year / "actions.csv"
        frame = pd.read_csv(path)
        for aid in frame.loc[frame["stage"] == "complete", "indicator_id"]:
            first.setdefault(aid, year)
    return first


def test_completion_year_is_read_from_the_years_data(report):
    first = _first_complete()
    done_before = done_now = 0
    for res in actions.actions(report):
        p = actions.progress(report, res)
        year = first.get(res.indicator.id)
        if res.indicator.kind == "recurring":  # judged on this year's update alone
            assert p.group.startswith("recurring") or p.group == "no_update"
            continue
        if year is None:
            assert p.group not in ("done_before", "done_this_year")
        elif year == "2024-25":
            done_now += 1
            assert p.group == "done_this_year" and p.words.startswith("Completed this year")
        else:
            done_before += 1
            assert p.group == "done_before" and p.words.startswith(f"Completed in {year}")
    assert done_before > 0 and done_now > 0
    counts = actions.counts(report)
    assert (counts["done_before"], counts["done_this_year"]) == (done_before, done_now)


def test_action_plan_has_no_internal_ids(report):
    block = actions.action_plan(report)
    for res in actions.actions(report):
        assert res.indicator.id not in block.plain
    assert "Completed in 2022-23" in block.plain
    assert '<th scope="col">Ref</th>' not in block.html


def test_late_starts_and_late_completions_say_so(report):
    """Issue 23: LCRCA's five items whose timeline starts in April 2023 and that have not
    started by 2024-25 are late to start, not neutral; Year One items done after their
    March 2023 due date say how late (counted here by hand from the due date)."""
    late = [
        actions.progress(report, res)
        for res in actions.actions(report)
        if actions.progress(report, res).group == "late_to_start"
    ]
    assert late and all(p.result.indicator.starts.year <= 2024 for p in late)
    assert all(p.result.assessment.status == "off_track" for p in late)
    assert all(
        "though the strategy's timeline has it start in" in p.result.assessment.reason for p in late
    )
    assert all(p.words.startswith("Late to start: not started (timeline start ") for p in late)
    done_late = [
        p
        for p in (actions.progress(report, res) for res in actions.actions(report))
        if p.group in ("done_before", "done_this_year")
        and p.completed_in is not None
        and p.result.indicator.due is not None
        and p.completed_in.snapshot_date > p.result.indicator.due
    ]
    for p in done_late:
        due = p.result.indicator.due
        years = p.completed_in.start + 1 - due.year  # FY ends 31 March of start + 1
        assert f"about {years} year" in p.words and due.strftime("%B %Y") in p.words, p.words


def test_one_bullet_holding_two_commitments_is_two_rows_each_naming_its_part(report):
    """Issue 23: 'Ensure all employees complete ... training on an annual basis and further
    invest in ... a leadership and management development programme': a yearly commitment
    and a one-off, each its own row (every year / due March 2023) saying which part it is."""
    text = actions.action_plan(report).plain
    stmt = "through a leadership and management development programme"
    assert text.count(stmt) == 2
    assert f"{stmt} (part: annual training for all employees)" in text
    assert f"{stmt} (part: leadership and management development programme)" in text


def test_sefton_continue_actions_are_judged_every_year():
    """'Continue to promote mandatory online training' is a yearly commitment: its row says
    every year and its stage is this year's, not 'not started' until 2027."""
    sefton = sample_report("sefton", "2024-25")
    rows = {
        p.result.indicator.id: p
        for p in map(lambda x: actions.progress(sefton, x), actions.actions(sefton))
    }
    for n in ("2.2", "2.4", "2.13", "3.1", "5.4", "6.4"):
        ind = rows[f"action-{n}"].result.indicator
        assert ind.kind == "recurring" and actions._due(ind) == "Every year"
    frame = pd.read_csv(project_root() / "data" / "sefton" / "2024-25" / "actions.csv")
    stage = dict(zip(frame["indicator_id"], frame["stage"], strict=True))["action-3.1"]
    expected = {"complete": "achieved", "in_progress": "some_progress", "not_started": "off_track"}
    assert rows["action-3.1"].result.assessment.status == expected[stage]


def test_a_recurring_commitment_with_no_update_says_so_and_does_not_crash(report):
    """A yearly commitment missing from a year's actions.csv has no due date to print: the
    build crashed (AttributeError on None.strftime); it is 'No update this year'."""
    res = next(x for x in actions.actions(report) if x.indicator.kind == "recurring")
    assert res.indicator.due is None
    assert actions.ActionProgress(res, "no_update", None).words == "No update this year"

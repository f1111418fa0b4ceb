"""Page one: the title and the summary a councillor reads first. Outcome measures and actions
are counted apart, each year beside last year; three to five headlines drawn from the
figures; every outcome measure that is off track or worsening with its reason and next step."""

from __future__ import annotations

import pandas as pd

from equality_progress.report import actions, charts
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import (
    Block,
    bullet_list,
    esc,
    heading,
    join,
    notice,
    paragraph,
    side_by_side,
    table,
    tlit,
)
from equality_progress.report.headlines import WORRY, headlines, measures, previous
from equality_progress.report.labels import ACTION_ONLY, STATUS_LABELS

SAMPLE_NOTICE = (
    "Synthetic sample data: every figure in this report is made up for "
    "demonstration. It is not {name}'s data and must not be quoted."
)


def title_page(r: Report) -> Block:
    """The report's title (the first heading of the HTML and of the PDF)."""
    a = r.authority
    title = f"Annual equality progress report {r.year}"
    date = a.publication_date(r.year).strftime("%-d %B %Y")
    when = (
        f"published {date}"
        if a.publication_stated(r.year)
        else f"dated {date}, the day it was built (no publication date is set for {r.year})"
    )
    meta = f"Reporting year {r.year} (1 April {r.year.start} to 31 March {r.year.end}) · {when}"
    h = (
        f'<header class="title-page"><p class="kicker">{esc(a.display_name)}</p>'
        f"<h1>{esc(title)}</h1>"
        f'<p class="subtitle">{esc(a.strategy_title)} ({esc(a.strategy_period)})</p>'
        f'<p class="meta">{esc(meta)}</p></header>\n'
    )
    t = (
        f"\n#title-page({tlit(a.display_name)}, {tlit(title)}, "
        f"{tlit(a.strategy_title + ' (' + a.strategy_period + ')')}, {tlit(meta)})\n"
        # the title is the H1: the sections after it are H2, as in the HTML (issue 25)
        "#set heading(offset: 1)\n"
    )
    block = Block(h, t, f"{a.display_name}: {title}")
    if a.sample_data:
        block = block + notice(SAMPLE_NOTICE.format(name=a.display_name))
    return block


def measure_counts(r: Report) -> pd.DataFrame:
    """Outcome measures by status, this year beside last year (statuses as labelled)."""
    now = pd.Series([x.assessment.status for x in measures(r.evaluation)]).value_counts()
    prev_ev = previous(r)
    before = pd.Series([x.assessment.status for x in measures(prev_ev)]).value_counts()
    rows = []
    for s, (_, label) in STATUS_LABELS.items():
        if s in ACTION_ONLY:
            continue
        row = {"Status": label, str(r.year): int(now.get(s, 0))}
        if prev_ev is not None:
            row[str(r.year.previous())] = int(before.get(s, 0))
        rows.append(row)
    frame = pd.DataFrame(rows)
    total = {c: ("Total" if c == "Status" else int(frame[c].sum())) for c in frame.columns}
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def action_counts(r: Report) -> pd.DataFrame:
    """Actions by progress, this year beside last year."""
    now = actions.counts(r)
    prev_year = r.year.previous()
    last = actions.counts(r, prev_year) if previous(r) is not None else None
    rows = []
    for key, label in actions.PROGRESS.items():
        row = {"Progress": label, str(r.year): now.get(key, 0)}
        if last is not None:
            row[str(prev_year)] = last.get(key, 0)
        rows.append(row)
    frame = pd.DataFrame(rows)
    total = {c: ("Total" if c == "Progress" else int(frame[c].sum())) for c in frame.columns}
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def concerns(r: Report) -> pd.DataFrame:
    """Every outcome measure off track or worsening: why, and what will be done."""
    rows = []
    for res in measures(r.evaluation):
        a = res.assessment
        if a.status not in WORRY and a.trend != "worsening":
            continue
        steps = r.next_steps("indicators", res.indicator.id)
        status = STATUS_LABELS[a.status][1]
        if a.trend == "worsening":
            status += ", worsening" if a.status == "off_track" else " but worsening"
        rows.append(
            {
                "Measure": res.indicator.title,
                "Status": status,
                "Why": res.commentary or a.reason,
                "Next step": " ".join(s.sentence() for s in steps) or "None recorded yet",
            }
        )
    return pd.DataFrame(rows, columns=["Measure", "Status", "Why", "Next step"])


def _judge(on_course: int, judged: int) -> str:
    """The verdict's first words, from the share of judged measures achieved or on track."""
    if on_course * 3 >= judged * 2:
        return "Most of the strategy's outcome measures are on course"
    if on_course * 3 >= judged:
        return "Progress on the strategy's outcome measures is mixed"
    return "Progress on the strategy's outcome measures is behind what it needs"


def verdict(r: Report) -> str:
    """Page one's answer to "how are we doing?", in plain English: how many outcome
    measures are achieved or on track (of those that could be judged), beside last year;
    what is off track or worsening; the actions overdue and done."""
    ms = [x for x in measures(r.evaluation) if x.assessment.status != "not_assessed"]
    judged = [x for x in ms if x.assessment.status not in ("not_available", "cannot_tell")]
    on_course = sum(x.assessment.status in ("achieved", "on_track") for x in judged)
    sentences = []
    if len(judged) == 1:
        word = "on course" if on_course else "not on course"
        sentences.append(
            f"The one outcome measure that could be judged in {r.year} is {word} "
            f"({STATUS_LABELS[judged[0].assessment.status][1].lower()})."
        )
    elif judged:
        sentences.append(
            f"{_judge(on_course, len(judged))}: {on_course} of the {len(judged)} that could "
            f"be judged in {r.year} {'is' if on_course == 1 else 'are'} achieved or on track"
        )
        prev = previous(r)
        if prev is not None:
            before = [
                x
                for x in measures(prev)
                if x.assessment.status not in ("not_assessed", "not_available", "cannot_tell")
            ]
            good = sum(x.assessment.status in ("achieved", "on_track") for x in before)
            sentences[-1] += f", against {good} of {len(before)} in {r.year.previous()}"
        sentences[-1] += "."
    off = sum(x.assessment.status == "off_track" for x in judged)
    worse = sum(x.assessment.trend == "worsening" for x in judged)
    concern = [
        f"{n} {'is' if n == 1 else 'are'} {what}"
        for n, what in ((off, "off track"), (worse, "worsening"))
        if n
    ]
    if concern:
        sentences.append(
            f"{' and '.join(concern).capitalize()}; each is listed below with what will be done."
        )
    open_ = sum(x.assessment.status == "cannot_tell" for x in ms)
    if open_:
        sentences.append(
            f"{open_} cannot be told either way: too many staff did not declare, so the share "
            "could lie on either side of its target."
        )
    missing = len(ms) - len(judged) - open_
    if missing:
        sentences.append(
            f"{missing} could not be judged this year for want of data (see Data quality)."
        )
    c = actions.counts(r)
    if sum(c.values()):
        groups = (
            ("done_this_year", "completed this year"),
            ("in_progress", "in progress"),
            ("not_started", "not yet started (not yet due)"),
            ("late_to_start", "late to start"),
            ("overdue", "overdue"),
            ("done_before", "completed in an earlier year"),
            ("no_update", "without an update this year"),
        )
        parts = [f"{c[k]} {words}" for k, words in groups if c.get(k)]
        # each group in its own words (issue 23: "12 completed earlier, due every year or
        # without an update" lumped 10 yearly commitments with 2 that had no update)
        yearly = {k: c.get(k, 0) for k in actions.PROGRESS if k.startswith("recurring")}
        if sum(yearly.values()):
            done = yearly["recurring_done"]
            parts.append(f"{sum(yearly.values())} due every year ({done} done this year)")
        if not c.get("overdue"):
            parts.append("none overdue")
        text = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
        sentences.append(f"Of the {sum(c.values())} actions: {text}.")
    return " ".join(sentences) or "The strategy has no commitments to report on this year."


def next_plan(r: Report) -> list[str]:
    """Page one's single list of what happens next: the analyst's next steps for every
    outcome measure off track or worsening, then for every action overdue or late to start,
    each with its owner and date; a gap is named, not hidden."""
    items, gaps = [], []
    for res in measures(r.evaluation):
        a = res.assessment
        if a.status not in WORRY and a.trend != "worsening":
            continue
        steps = r.next_steps("indicators", res.indicator.id)
        items += [f"{res.indicator.title}: {s.sentence()}" for s in steps]
        if not steps:
            gaps.append(res.indicator.title)
    for res in actions.actions(r):
        if actions.progress(r, res).group not in ("overdue", "late_to_start"):
            continue
        steps = r.next_steps("indicators", res.indicator.id)
        title = actions.action_words(res.indicator).rstrip(".")
        items += [f"{title}: {s.sentence()}" for s in steps]
        if not steps:
            gaps.append(title)
    if gaps:
        items.append(
            f"No next step is recorded yet for {len(gaps)} "
            f"{'commitment' if len(gaps) == 1 else 'commitments'} off track, worsening or "
            f"overdue: {'; '.join(gaps)}."
        )
    return items


def summary(r: Report) -> Block:
    """Page one: counts, headlines, concerns with next steps; then the status chart."""
    ms = measures(r.evaluation)
    context = sum(x.assessment.status == "not_assessed" for x in ms)
    assessed = len(ms) - context
    n_actions = len(actions.actions(r))
    parts_ = [
        f"{n} {word}{'s' * (n != 1)}"
        for n, word in ((assessed, "outcome measure"), (n_actions, "action"))
        if n
    ]
    lead = f"This report follows the strategy's {' and '.join(parts_) or 'commitments'}."
    if context:
        one = context == 1
        lead += (
            f" {'One further figure is' if one else f'{context} further figures are'} "
            f"reported for context only (the strategy sets no target or direction for "
            f"{'it' if one else 'them'}) and not counted."
        )
    mc, ac = measure_counts(r), action_counts(r)
    parts = [
        heading("Summary", 2, "summary"),
        paragraph(verdict(r), css="verdict"),
        paragraph(lead),
        side_by_side(
            table(mc, "Outcome measures by status", numeric=list(mc.columns[1:]))
            if ms
            else paragraph("This strategy has no outcome measures."),
            table(ac, "Actions by progress", numeric=list(ac.columns[1:]))
            if n_actions
            else paragraph("This strategy has no dated actions."),
        ),
        heading("Headlines", 3, "headlines"),
        bullet_list(headlines(r)),
    ]
    worry = concerns(r)
    if ms:
        # named for what it lists: a measure that cannot be told is a concern too (issue 24)
        what = "Off track or worsening"
        if (worry["Status"].str.startswith(STATUS_LABELS["cannot_tell"][1])).any():
            what = "Off track, worsening or cannot be told"
        parts.append(heading(what, 3, "attention"))
        parts.append(
            table(
                worry,
                f"Outcome measures {what[0].lower()}{what[1:]}, with next steps",
                css="wide",
                pdf_columns="(2fr, auto, 3fr, 3fr)",
            )
            if len(worry)
            else paragraph("No outcome measure is off track or worsening this year.")
        )
    plan = next_plan(r)
    parts.append(heading("What happens next", 3, "next"))
    parts.append(
        bullet_list(plan)
        if plan
        else paragraph("Nothing is off track, worsening or overdue, so no new step is needed.")
    )
    parts.append(status_chart(r))
    parts.append(Block("", "\n#outline(title: [Contents], depth: 2)\n", ""))
    return join(parts)


def status_chart(r: Report) -> Block:
    """Outcome measures and actions by status, one bar each."""
    keys = list(STATUS_LABELS)
    rows = []
    for name, group in (
        ("Outcome measures", measures(r.evaluation)),
        ("Actions", actions.actions(r)),
    ):
        if group:
            got = pd.Series([x.assessment.status for x in group]).value_counts()
            rows.append((name, [int(got.get(s, 0)) for s in keys]))
    roll = pd.DataFrame(
        [{"objective": n, "title": n, **dict(zip(keys, v, strict=True))} for n, v in rows]
    )
    alt = "Bar chart of the share of each group by status. " + " ".join(
        f"{n}: "
        + ", ".join(f"{c} {STATUS_LABELS[s][1].lower()}" for s, c in zip(keys, v, strict=True) if c)
        + "."
        for n, v in rows
    )
    # a status a row, a group a column: the table reads down as the legend does
    data = pd.DataFrame(
        {"Status": [STATUS_LABELS[s][1] for s in keys]} | {n: list(v) for n, v in rows}
    )
    return charts.render(
        charts.status_overview(roll, shares=True),
        r.chart_id("status"),
        "Outcome measures and actions by status, as a share of each",
        alt,
        data,
        pdf_data="beside",
    )

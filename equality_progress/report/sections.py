"""Report sections, the findings: each function takes a Report and returns a display Block.

Order in the notebook: title page, executive summary, one section per objective,
action plan, workforce (see :mod:`.workforce_section`), then the reference sections
(methodology, data quality, glossary, provenance: see :mod:`.appendix`).
"""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.breakdown import share_by
from equality_progress.analysis.evaluate import Result
from equality_progress.analysis.measures import expand
from equality_progress.inputs.catalogue import Indicator
from equality_progress.report import charts
from equality_progress.report.blocks import (
    Block,
    bullet_list,
    definition_list,
    esc,
    fmt_value,
    heading,
    join,
    notice,
    paragraph,
    status_badge,
    table,
    tlit,
    tstr,
)
from equality_progress.report.labels import STATUS_LABELS, TREND_LABELS
from equality_progress.report.model import Report

SAMPLE_NOTICE = (
    "Synthetic sample data: every figure in this report is made up for "
    "demonstration. It is not {name}'s data and must not be quoted."
)


def title_page(r: Report) -> Block:
    a = r.authority
    title = f"Annual equality progress report {r.year}"
    date = r.settings.report_date().strftime("%-d %B %Y")
    h = (
        f'<header class="title-page"><p class="kicker">{esc(a.display_name)}</p>'
        f"<h1>{esc(title)}</h1>"
        f'<p class="subtitle">{esc(a.strategy_title)} ({esc(a.strategy_period)})</p>'
        f'<p class="meta">Reporting year {r.year} (1 April {r.year.start} to 31 March '
        f"{r.year.end}) · published {esc(date)}</p></header>\n"
    )
    t = (
        f"\n#title-page({tlit(a.display_name)}, {tlit(title)}, "
        f"{tlit(a.strategy_title + ' (' + a.strategy_period + ')')}, "
        f"{tlit(f'Reporting year {r.year} · published {date}')})\n"
    )
    block = Block(h, t, f"{a.display_name}: {title}")
    if a.sample_data:
        block = block + notice(SAMPLE_NOTICE.format(name=a.display_name))
    contents = Block("", "\n#v(1em)\n#outline(title: [Contents], depth: 1)\n#pagebreak()\n", "")
    return block + contents


def _status_counts(r: Report) -> pd.DataFrame:
    roll = r.evaluation.rollup(r.catalogue)
    out = roll[["title"] + list(STATUS_LABELS) + ["total"]].copy()
    out.columns = ["Objective"] + [" ".join(STATUS_LABELS[s]) for s in STATUS_LABELS] + ["Total"]
    return out


def summary(r: Report) -> Block:
    """Executive summary: counts by status, the one-glance chart, the largest changes and
    what needs attention."""
    counts = _status_counts(r)
    roll = r.evaluation.rollup(r.catalogue)
    total = roll.iloc[-1]
    lead = (
        f"This report tracks {int(total['total'])} indicators: "
        f"{int(total['achieved'])} achieved, {int(total['on_track'])} on track, "
        f"{int(total['some_progress'])} with some progress, {int(total['off_track'])} off "
        f"track, {int(total['not_started'])} not started and {int(total['not_available'])} "
        "without data this year."
    )
    context = sum(x.assessment.status == "not_assessed" for x in r.evaluation.results)
    if context:
        lead += (
            f" {context} further figures are reported for context only (the strategy sets "
            "no target or direction for them) and are not counted."
        )
    chart_data = counts[counts["Objective"] != "Whole strategy"]
    alt_text = "Bar chart of indicators by status for each objective. " + " ".join(
        f"{row['title']}: "
        + ", ".join(f"{int(row[s])} {STATUS_LABELS[s][1].lower()}" for s in STATUS_LABELS if row[s])
        + "."
        for _, row in roll[roll["objective"] != "All objectives"].iterrows()
    )
    chart = charts.render(
        charts.status_overview(roll),
        r.next_chart_id("status"),
        "Indicators by status and objective",
        alt_text,
        chart_data,
    )
    return join(
        [
            heading("Executive summary", 2, "summary", new_page=True),
            paragraph(lead),
            chart,
            table(counts, "Indicators by status", numeric=list(counts.columns[1:])),
            heading("Largest changes since last year", 3, "largest-changes"),
            _largest_changes(r),
            heading("What needs attention", 3, "attention"),
            _attention(r),
        ]
    )


def _largest_changes(r: Report, top: int = 5) -> Block:
    rows = []
    for res in r.evaluation.results:
        cur = res.current
        prev = next((p for p in res.series if p.year == r.year.previous()), None)
        if (
            cur is None
            or prev is None
            or cur.year != r.year
            or cur.value is None
            or prev.value is None
        ):
            continue
        change = cur.value - prev.value
        scale = abs(prev.value) if res.indicator.unit == "count" and prev.value else 1.0
        rows.append((abs(change) / scale, res, prev.value, cur.value, change))
    if not rows:
        return paragraph("No indicator has figures for both this year and last year.")
    rows.sort(key=lambda x: (-x[0], x[1].indicator.id))
    unit_change = {"percent": "points"}
    frame = pd.DataFrame(
        [
            {
                "Indicator": res.indicator.title,
                f"{r.year.previous()}": fmt_value(prev, res.indicator.unit),
                f"{r.year}": fmt_value(cur, res.indicator.unit),
                "Change": f"{change:+.1f} {unit_change.get(res.indicator.unit, '')}".strip(),
                "Trend": TREND_LABELS[res.assessment.trend],
            }
            for _, res, prev, cur, change in rows[:top]
        ]
    )
    return table(
        frame,
        "The largest changes since last year",
        note="A change is called an improvement or a worsening only when it is clear: for "
        "census and administrative figures, any change beyond the stated tolerance; for "
        "survey figures, when a test of the difference says so (see Methodology).",
    )


def _attention(r: Report, limit: int = 12) -> Block:
    off = [res for res in r.evaluation.results if res.assessment.status == "off_track"]
    off.sort(key=lambda res: (res.indicator.action, res.indicator.id))
    if not off:
        return paragraph("No indicator is off track this year.")
    items = [f"{res.indicator.title}: {res.assessment.reason}" for res in off[:limit]]
    if len(off) > limit:
        items.append(f"…and {len(off) - limit} more off-track items (see the action plan).")
    return bullet_list(items)


def objective(r: Report, objective_id: str) -> Block:
    """One objective: its statement, commentary, a card per measure, a count of actions."""
    obj = r.catalogue.objective(objective_id)
    results = [x for x in r.evaluation.results if x.indicator.objective == objective_id]
    measures = [x for x in results if not x.indicator.action]
    parts = [
        heading(obj.title, 2, f"objective-{obj.id}", new_page=bool(measures)),
        Block(
            f'<blockquote class="statement">{esc(obj.statement)}</blockquote>\n',
            f"\n#quote(block: true)[{tstr(obj.statement)}]\n",
            obj.statement,
        ),
    ]
    note = r.objective_commentary(objective_id)
    if note:
        parts.append(_commentary(note))
    for res in measures:
        parts.append(card(r, res))
    milestones = [x for x in results if x.indicator.action]
    if milestones:
        counts = pd.Series([m.assessment.status for m in milestones]).value_counts()
        text = ", ".join(
            f"{int(counts[s])} {STATUS_LABELS[s][1].lower()}" for s in STATUS_LABELS if s in counts
        )
        parts.append(
            paragraph(
                f"Actions and milestones under this objective: "
                f"{len(milestones)} ({text}). Each is listed in the action "
                "plan below."
            )
        )
    return join(parts)


def _commentary(text: str) -> Block:
    return Block(
        f'<p class="commentary"><strong>Analyst commentary:</strong> {esc(text)}</p>\n',
        f'\n#text(style: "italic")[*Analyst commentary:* {tstr(text)}]\n',
        f"Commentary: {text}",
    )


def _figures(r: Report, res: Result) -> list[tuple[str, str]]:
    ind = res.indicator
    unit = ind.unit
    row = r.table.loc[r.table["indicator_id"] == ind.id].iloc[0]
    items = []
    if ind.baseline:
        label = ind.baseline.label or ind.baseline.year
        items.append(
            (
                f"Baseline ({label})",
                fmt_value(row["baseline"], unit, 2) if pd.notna(row["baseline"]) else "[x]",
            )
        )
        for e in ind.baseline.earlier:  # history the strategy publishes
            items.append((f"Published for {e.year}", fmt_value(e.value, unit, 2)))
    latest = fmt_value(row["value"], unit) if pd.notna(row["value"]) else "[x]"
    if pd.notna(row["ci_lower"]):
        latest += (
            f" (95% interval {fmt_value(row['ci_lower'], unit)} to "
            f"{fmt_value(row['ci_upper'], unit)})"
        )
    items.append((f"Latest ({r.year})", latest))
    if ind.target:
        items.append((f"Target ({ind.target.year})", fmt_value(ind.target.value, unit)))
    elif ind.threshold is not None:
        items.append(
            (
                "Threshold",
                f"at least {fmt_value(ind.threshold, unit)} "
                f"{'for every group' if ind.data.group_by else ''}".strip(),
            )
        )
    items.append(("Trend", TREND_LABELS[res.assessment.trend]))
    return items


def card(r: Report, res: Result) -> Block:
    """An indicator card: statement as published, figures, status and reason, chart."""
    ind = res.indicator
    badge = status_badge(res.assessment.status)
    figs = definition_list(_figures(r, res))
    head = (
        f'<article class="card" id="ind-{ind.id}" aria-labelledby="h-{ind.id}">'
        f'<h3 id="h-{ind.id}">{esc(ind.title)}</h3>'
        f'<blockquote class="statement"><p>{esc(ind.statement)}</p>'
        f"<footer>{esc(ind.source)}</footer></blockquote>"
        f'<p class="status-line">Status: {badge.html}</p>'
        f'<p class="reason">{esc(res.assessment.reason)}</p>'
    )
    typ = (
        f"\n#card[\n== {tstr(ind.title)} <ind-{ind.id}>\n"
        f"#quote(block: true, attribution: [{tstr(ind.source)}])[{tstr(ind.statement)}]\n\n"
        f"Status: {badge.typst}\n\n{tstr(res.assessment.reason)}\n"
    )
    chosen = ind.choice("measure")
    if chosen is not None:  # the strategy's words above; the figure is the authority's choice
        note = f"Evidence measure chosen by the authority: {chosen.reason}"
        head += f'<p class="choice">{esc(note)}</p>'
        typ += f"\n{tstr(note)}\n"
    parts = [
        Block(
            head + figs.html,
            typ + figs.typst,
            f"{ind.title}: {badge.plain}. {res.assessment.reason}",
        )
    ]
    if res.groups:
        parts.append(_groups_table(r, res))
    elif ind.data.group_by and ind.data.measure == "workforce_share":
        parts += _area_tables(r, res)
    chart = _trend_chart(r, res)
    if chart is not None:
        parts.append(chart)
    if res.commentary:
        parts.append(_commentary(res.commentary))
    parts.append(Block("</article>\n", "]\n", ""))
    return join(parts)


def _area_tables(r: Report, res: Result) -> list[Block]:
    """The share in each service area (or other ``group_by`` column), disclosure-controlled."""
    ind = res.indicator
    yd = r.data.get(r.year)
    wf = yd.frame("workforce") if yd is not None else None
    if wf is None:
        return []
    if ind.data.employer:
        wf = wf[wf["employer"] == ind.data.employer]
    out = []
    for by in ind.data.group_by:
        if by not in wf.columns:
            continue
        name = by.replace("_", " ").capitalize()
        shares = share_by(
            wf, by, ind.data.characteristic, expand(ind.data.groups), r.settings.disclosure
        )
        rows = []
        for a in shares:
            if a.value is None:
                r.suppressed_cells += 1
            rows.append(
                {
                    name: a.area,
                    ind.title: fmt_value(a.value, ind.unit, 1) if a.value is not None else "[c]",
                }
            )
        out.append(
            table(
                pd.DataFrame(rows),
                f"{ind.title} by {name.lower()}, {r.year}",
                note="[c] = withheld to protect small numbers.",
            )
        )
    return out


def _groups_table(r: Report, res: Result) -> Block:
    unit = res.indicator.unit
    thr = res.indicator.threshold
    rows = []
    for g in res.groups:
        if g.value is None:
            r.suppressed_cells += 1
            rows.append(
                {
                    "Group": g.group,
                    "Value": "[c]",
                    "95% interval": "[c]",
                    "Responses": "[c]" if 0 < g.n < r.settings.disclosure.min_count else g.n,
                    "Against threshold": "Too few responses to publish",
                }
            )
            continue
        interval = (
            f"{fmt_value(g.lower, unit, 2)} to {fmt_value(g.upper, unit, 2)}"
            if g.lower is not None and g.upper is not None
            else "[z]"
        )
        rows.append(
            {
                "Group": g.group,
                "Value": fmt_value(g.value, unit, 2),
                "95% interval": interval,
                "Responses": g.n,
                "Against threshold": g.verdict,
            }
        )
    return table(
        pd.DataFrame(rows),
        f"{res.indicator.title}: each group against {fmt_value(thr, unit)}",
        numeric=["Responses"],
        note=f"[c] = withheld: fewer than {r.settings.disclosure.min_base} responses.",
    )


def _trend_chart(r: Report, res: Result) -> Block | None:
    ind = res.indicator
    s = r.evaluation.series_of(ind.id)
    obs = [x for x in s.to_dict("records") if x["series"] == "observed" and not pd.isna(x["value"])]
    if not obs:
        return None
    first, last = obs[0], obs[-1]
    unit = ind.unit
    text = (
        f"Line chart of {ind.title.lower()} from {first['year']} to {last['year']}: "
        f"{fmt_value(first['value'], unit)} in {first['year']}"
        + (f", {fmt_value(last['value'], unit)} in {last['year']}" if len(obs) > 1 else "")
        + "."
    )
    if ind.target:
        text += (
            f" The dashed line is the straight path to the target of "
            f"{fmt_value(ind.target.value, unit)} in {ind.target.year}."
        )
    elif ind.threshold is not None:
        text += f" The dashed line is the threshold of {fmt_value(ind.threshold, unit)}."
    intervals = any(not pd.isna(x["lower"]) for x in obs)
    if intervals:
        text += " Vertical bars show 95% confidence intervals."
    columns = {"year": "Year", "value": "Value"}
    if intervals:
        columns |= {"lower": "95% lower", "upper": "95% upper"}
    data = pd.DataFrame({label: [x[key] for x in obs] for key, label in columns.items()}).round(2)
    return charts.render(
        charts.trend(s, ind.title, unit),
        r.next_chart_id(ind.id),
        f"{ind.title}, {first['year']} to {last['year']}",
        text,
        data,
    )


def _due(ind: Indicator) -> str:
    """When an action is due: its date, or every year for a recurring commitment."""
    if ind.kind == "recurring":
        return "Every year"
    return ind.due.strftime("%b %Y") if ind.due else ""


def action_plan(r: Report) -> Block:
    """Every action and milestone, by objective: due date, status and evidence."""
    parts = [heading("Action plan", 2, "action-plan", new_page=True)]
    any_rows = False
    for obj in r.catalogue.objectives:
        rows = [
            x
            for x in r.evaluation.results
            if x.indicator.objective == obj.id and x.indicator.action
        ]
        if not rows:
            continue
        any_rows = True
        frame = pd.DataFrame(
            [
                {
                    "Ref": x.indicator.id,
                    "Action": x.indicator.statement,
                    "Due": _due(x.indicator),
                    "Status": " ".join(STATUS_LABELS[x.assessment.status]),
                    "Evidence": x.evidence or x.assessment.reason,
                }
                for x in rows
            ]
        )
        parts.append(table(frame, f"Actions: {obj.title}"))
    if not any_rows:
        parts.append(paragraph("This strategy has no dated actions or milestones."))
    return join(parts)

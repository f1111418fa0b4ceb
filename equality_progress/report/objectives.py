"""One section per objective: its statement, the analyst's commentary and next steps, a card
per outcome measure and a count of its actions (listed in the action plan)."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis import bounded_means, disclosure
from equality_progress.analysis.breakdown import share_by
from equality_progress.analysis.evaluate import Result
from equality_progress.analysis.measures import expand
from equality_progress.inputs.catalogue import Indicator
from equality_progress.inputs.contracts import NAMED_GROUPS
from equality_progress.report import charts, workforce
from equality_progress.report.actions import PROGRESS, count_sentence, progress
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import (
    Block,
    bullet_list,
    definition_list,
    esc,
    fmt_value,
    heading,
    join,
    paragraph,
    status_badge,
    table,
    tstr,
)
from equality_progress.report.labels import TREND_LABELS

NO_DATA = "No data"


# The choices that change what a card's figure counts, stated beside the statement (every
# choice is also in the methodology, report/appendix.py).
CARD_CHOICES = {
    "measure": "Evidence measure",
    "definition": "Definition",
    "statistic": "Statistic",
}


def objective(r: Report, objective_id: str) -> Block:
    """One objective: statement, commentary and next steps, a card per measure, actions."""
    obj = r.catalogue.objective(objective_id)
    results = [x for x in r.evaluation.results if x.indicator.objective == objective_id]
    measures = [x for x in results if not x.indicator.action]
    parts = [
        heading(obj.title, 2, f"objective-{obj.id}"),
        Block(
            f'<blockquote class="statement">{esc(obj.statement)}</blockquote>\n',
            f"\n#quote(block: true)[{tstr(obj.statement)}]\n",
            obj.statement,
        ),
    ]
    note = r.objective_commentary(objective_id)
    if note:
        parts.append(commentary(note))
    parts.append(next_steps(r.next_steps("objectives", objective_id)))
    for res in measures:
        parts.append(card(r, res))
    milestones = [x for x in results if x.indicator.action]
    if milestones:
        groups = pd.Series([progress(r, m).group for m in milestones]).value_counts()
        text = count_sentence({k: int(groups.get(k, 0)) for k in PROGRESS})
        parts.append(
            paragraph(
                f"Actions under this objective: {len(milestones)} ({text}). Each is listed "
                "in the action plan."
            )
        )
    return join(parts)


def commentary(text: str) -> Block:
    return Block(
        f'<p class="commentary"><strong>Commentary:</strong> {esc(text)}</p>\n',
        f'\n#text(style: "italic")[*Commentary:* {tstr(text)}]\n',
        f"Commentary: {text}",
    )


def next_steps(steps: list) -> Block:
    """The analyst's next steps: action, owner and date (nothing when there are none)."""
    if not steps:
        return Block("", "", "")
    return join(
        [
            Block(
                '<p class="next-steps-title"><strong>Next steps</strong></p>\n',
                "\n*Next steps*\n",
                "Next steps",
            ),
            bullet_list([s.sentence() for s in steps]),
        ]
    )


def _figures(r: Report, res: Result) -> list[tuple[str, str]]:
    ind = res.indicator
    unit = ind.unit
    row = r.table.loc[r.table["indicator_id"] == ind.id].iloc[0]
    items = []
    if ind.baseline:
        label = ind.baseline.label or ind.baseline.year
        shown = (
            fmt_value(row["baseline"], unit, max(1, ind.baseline.places or 1))
            if pd.notna(row["baseline"])
            else NO_DATA
        )
        if ind.baseline.derived is not None:  # not the strategy's own figure: say how
            shown += f" ({ind.baseline.derived.words(unit)})"
        items.append((f"Baseline ({label})", shown))
        for e in ind.baseline.earlier:  # history the strategy publishes
            places = len(f"{e.value:g}".partition(".")[2])  # as the strategy prints it
            items.append((f"Published for {e.year}", fmt_value(e.value, unit, max(1, places))))
    latest = _value(row["value"], unit)
    cur = res.current
    if cur is not None and cur.year == r.year and cur.is_withheld:  # not "No data"
        latest = "Withheld to protect individuals"
    if pd.notna(row["ci_lower"]):
        latest += (
            f" (95% confidence interval {fmt_value(row['ci_lower'], unit)} to "
            f"{fmt_value(row['ci_upper'], unit)})"
        )
    items.append((f"Latest ({r.year})", latest))
    if pd.notna(row["value"]):
        bounds = workforce.nonresponse_bounds(r, res)
        if bounds:
            items.append(("Not declared", bounds))
    if ind.target:
        items.append((f"Target ({ind.target.year})", fmt_value(ind.target.value, unit)))
    elif ind.threshold is not None:
        bound = "at most" if ind.direction == "decrease" else "at least"
        items.append(
            (
                "Threshold",
                f"{bound} {fmt_value(ind.threshold, unit)} "
                f"{'for every group' if ind.data.group_by else ''}".strip(),
            )
        )
    elif ind.kind == "direction" and ind.direction in WANTED:
        # the basis of the status, on the card (issue 25: "improved from 52.3% to 50.1%"
        # with nothing saying why lower is better)
        due = f" by {ind.due.strftime('%B %Y')}" if ind.due else ", year on year"
        items.append(("The strategy asks for", WANTED[ind.direction] + due))
    items.append(("Trend", TREND_LABELS[res.assessment.trend]))
    return items


WANTED = {"increase": "a rise (higher is better)", "decrease": "a fall (lower is better)"}


def _value(v: object, unit: str) -> str:
    return fmt_value(v, unit) if pd.notna(v) else NO_DATA


def _short_choice(ind: Indicator, field: str) -> str | None:
    """What a definition or average counts, in a line (the PDF card, kept to its page; the
    reason is in the methodology's choices)."""
    if field == "definition":
        means = [NAMED_GROUPS[g].means for g in ind.data.groups if g in NAMED_GROUPS]
        what = "; ".join(means)
    elif field == "statistic":
        what = f"the {ind.data.statistic}"
    else:
        return None
    return f"{CARD_CHOICES[field]}: {what}, the authority's choice (why: methodology)."


def card(r: Report, res: Result) -> Block:
    """An outcome measure's card: statement as published, figures, status and reason,
    chart, commentary and next steps."""
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
    )
    status = f"Status: {badge.typst}\n\n{tstr(res.assessment.reason)}\n"
    for field, words in CARD_CHOICES.items():
        chosen = ind.choice(field)
        if chosen is not None:  # the strategy's words above; this is the authority's reading
            note = f"{words} chosen by the authority: {chosen.reason}"
            head += f'<p class="choice">{esc(note)}</p>'
            status += f"\n{tstr(_short_choice(ind, field) or note)}\n"
    chart = trend_chart(r, res)
    # In the PDF the status, reason and figures sit beside the chart, to keep it short.
    typ += (
        f"\n#grid(columns: (1fr, 1fr), column-gutter: 12pt, [{status}{figs.typst}], "
        f"[{chart.typst}])\n"
        if chart is not None
        else status + figs.typst
    )
    parts = [
        Block(
            head + figs.html,
            typ,
            f"{ind.title}: {badge.plain}. {res.assessment.reason}",
        )
    ]
    if res.groups:
        parts.append(groups_table(r, res))
    elif ind.data.group_by and ind.data.measure == "workforce_share":
        parts += area_tables(r, res)
    if chart is not None:
        parts.append(Block(chart.html, "", chart.plain))
    if res.commentary:
        parts.append(commentary(res.commentary))
    parts.append(next_steps(r.next_steps("indicators", ind.id)))
    parts.append(Block("</article>\n", "]\n", ""))
    return join(parts)


def area_tables(r: Report, res: Result) -> list[Block]:
    """The share in each service area (or other ``group_by`` column), with small numbers
    withheld (:func:`equality_progress.analysis.breakdown.share_by`)."""
    ind = res.indicator
    yd = r.data.get(r.year)
    wf = yd.frame("workforce") if yd is not None else None
    if wf is None or ind.data.measure != "workforce_share":
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
        rows = [
            {
                name: a.area,
                ind.title: fmt_value(a.value, ind.unit)
                if a.value is not None
                else disclosure.CONFIDENTIAL,
            }
            for a in shares
        ]
        out.append(
            table(
                pd.DataFrame(rows),
                f"{ind.title} by {name.lower()}, {r.year}",
                note=disclosure.WITHHELD_NOTE,
            )
        )
    return out


def groups_table(r: Report, res: Result) -> Block:
    """Each group against the threshold; groups too small to publish are withheld, and a
    group's count is withheld where disclosure control says so (:mod:`disclosure`)."""
    unit = res.indicator.unit
    thr = res.indicator.threshold
    survey = r.data[r.year].frame("staff_survey") if r.year in r.data else None
    respondents = (
        len(survey) if survey is not None and res.indicator.data.measure == "survey_score" else None
    )
    shown = disclosure.protect_parts(
        {g.group: g.n for g in res.groups}, r.settings.disclosure, respondents
    )
    rows = []
    for g in res.groups:
        responses = g.n if shown[g.group] else disclosure.CONFIDENTIAL
        if g.value is None:
            # "too few" beside a withheld count would say it is under the base (and
            # "withheld" that it is not): helper-34's audit, 14 aged under 50 of whom the
            # 16-34s (withheld, so 10 or more) left 4 or fewer aged 35-49
            small_base = shown[g.group] and not disclosure.base_allowed(g.n, r.settings.disclosure)
            rows.append(
                {
                    "Group": g.group,
                    "Value": disclosure.CONFIDENTIAL,
                    "95% confidence interval": disclosure.CONFIDENTIAL,
                    "Responses": responses,
                    "Against threshold": "Too few responses to publish"
                    if small_base
                    else "Withheld to protect individuals",  # never "small": a primary
                    # and a secondary withholding must read alike (issue 28's trial: "the
                    # count is small" told a reader 1 to 4 of 8 possible values)
                }
            )
            continue
        interval = (
            f"{fmt_value(g.lower, unit)} to {fmt_value(g.upper, unit)}"
            if g.lower is not None and g.upper is not None
            else "[z]"
        )
        value = fmt_value(g.value, unit)
        if unit == "score":  # a mean of 1-7 answers: no answer's count may be read from it
            shown_mean = g.published(r.settings.disclosure, r.settings.progress.confidence)
            assert shown_mean is not None  # a score group with a value has its answers
            if not shown_mean.interval:
                interval = disclosure.CONFIDENTIAL
            value = bounded_means.printed_mean(g.value, shown_mean) or disclosure.CONFIDENTIAL
        rows.append(
            {
                "Group": g.group,
                "Value": value,
                "95% confidence interval": interval,
                "Responses": responses,
                "Against threshold": g.verdict,
            }
        )
    frame = pd.DataFrame(rows)
    if res.indicator.evidence != "survey":  # a census count has no interval: no [z] column
        frame = frame.drop(columns="95% confidence interval")
    return table(
        frame,
        f"{res.indicator.title}: each group against {fmt_value(thr, unit)}",
        numeric=["Responses"],
        note=disclosure.WITHHELD_NOTE,
        css="wide",  # may scroll on a phone even without its interval column: a tab stop
    )


def trend_data(r: Report, res: Result) -> tuple[pd.DataFrame, str] | None:
    """A measure's chart as a reader without the picture has it: its data table (a year
    whose figure is withheld a row of ``[c]``) and its alternative text; None: no chart."""
    ind = res.indicator
    s = r.evaluation.series_of(ind.id)
    obs = [x for x in s.to_dict("records") if x["series"] == "observed" and not pd.isna(x["value"])]
    if not obs:
        return None
    unit = ind.unit
    # a year whose figure is withheld is a row of its own ([c]), not a missing year
    # (issue 24: a withheld figure is not a missing one)
    withheld = {str(p.year) for p in res.series if p.is_withheld}
    withheld -= {str(x["year"]) for x in obs}
    # every value, not only the first and last (issue 25): the alt text is the PDF's and
    # Word's account of the chart, with the same rounding as the data table
    said = {str(x["year"]): fmt_value(x["value"], unit) for x in obs}
    said |= dict.fromkeys(withheld, "withheld")
    text = (
        f"Line chart of {ind.title} from {min(said)} to {max(said)}: "
        + ", ".join(f"{year} {said[year]}" for year in sorted(said))
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
    # the places the chart plots (charts.trend) and the card prints: a 1-7 score to two
    # (issue 28: a chart carried 6.56 where its data table printed 6.6)
    places = 1 if unit == "percent" else 2
    data = pd.DataFrame({label: [x[key] for x in obs] for key, label in columns.items()})
    data = data.round(places)
    if intervals and data.isna().to_numpy().any():  # a year without an interval: withheld
        # (rule 6) for a survey, else none exists
        data = data.astype(object).where(data.notna(), "[c]" if ind.evidence == "survey" else "[z]")
    if withheld:
        cells = dict.fromkeys(list(data.columns)[1:], disclosure.CONFIDENTIAL)
        rows = pd.DataFrame([{"Year": y} | cells for y in sorted(withheld)])
        data = pd.concat([data.astype(object), rows]).sort_values("Year", kind="stable")
        data = data.reset_index(drop=True)
    return data, text


def trend_chart(r: Report, res: Result) -> Block | None:
    made = trend_data(r, res)
    if made is None:
        return None
    data, text = made
    ind, unit = res.indicator, res.indicator.unit
    s = r.evaluation.series_of(ind.id)
    axis = sorted(str(y) for y in s["year"].dropna().unique())
    chart = charts.trend(s, "", unit)
    caption = f"{ind.title}, {axis[0]} to {axis[-1]}"
    floor = chart.y_scale().lo
    if floor > 0:  # said where it is seen (issue 25: a cut axis makes a change look steep)
        caption += f" (axis from {fmt_value(floor, unit)}, not zero)"
    return charts.render(
        chart,
        r.chart_id(ind.id),
        caption,
        text,
        data,
        pdf_size="width: 7.2cm",
    )

"""Page one's headlines: three to five plain sentences drawn from the figures (the largest
clear improvements, a target met, the main concerns as a person writes them, the actions),
and the outcome measures they are drawn from (:func:`measures`)."""

from __future__ import annotations

from equality_progress.analysis.evaluate import Evaluation, Result
from equality_progress.report import actions
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import fmt_value


def measures(ev: Evaluation | None) -> list[Result]:
    return [] if ev is None else [x for x in ev.results if not x.indicator.action]


def previous(r: Report) -> Evaluation | None:
    """Last year's assessment, when last year was itself a reporting year."""
    prev = r.year.previous()
    return r.previous if prev.label in r.authority.reporting_years else None


def _change(r: Report, res: Result) -> tuple[float, float, float] | None:
    """(previous, current, size of change) for a measure with both years' figures."""
    prev = next((p for p in res.series if p.year == r.year.previous()), None)
    cur = res.current
    if cur is None or prev is None or cur.year != r.year or None in (cur.value, prev.value):
        return None
    scale = abs(prev.value) if res.indicator.unit == "count" and prev.value else 1.0
    return prev.value, cur.value, abs(cur.value - prev.value) / scale  # type: ignore[operator]


# An improvement is not yet good news when the measure is still short of what the strategy
# asks: the headline says so, in the words of its status.
STILL_SHORT = {
    "off_track": ", but is still off track",
    "some_progress": ", but is not yet on track",
}


WORRY = ("off_track", "cannot_tell")  # page one's concerns, with the worsening


def _concern(r: Report, res: Result) -> str:
    """A concern as a person would write it (issue 25: not "is worsening: A clear increase
    from 110 in 2021-22 to 158, but a fall since last year (160) ..."): what moved, from
    what to what, and what the strategy asks."""
    ind, a = res.indicator, res.assessment
    u = ind.unit
    ch = _change(r, res)
    if a.trend == "worsening" and ch is not None:
        before, now, _ = ch
        moved = "rose" if now > before else "fell"
        still = {"on_track": "; it is still on track", "some_progress": ""}.get(a.status, "")
        return (
            f"{ind.title} {moved} from {fmt_value(before, u)} in {r.year.previous()} to "
            f"{fmt_value(now, u)} in {r.year}, the wrong way for the strategy{still}."
        )
    cur = res.current
    if a.status == "cannot_tell" and cur is not None and cur.undeclared and cur.denominator:
        return (
            f"{ind.title} cannot be told against its target of {fmt_value(ind.target.value, u)}"
            f" by {ind.target.year}: {cur.undeclared / cur.denominator * 100:.1f}% of staff did "
            "not declare."
        )  # only a target in its year is cannot_tell (analysis.status.cannot_tell)
    now = cur.value if cur is not None else None
    shown = f": {fmt_value(now, u)} in {r.year}" if now is not None else ""
    if ind.target is not None:
        basis = f" against a target of {fmt_value(ind.target.value, u)} by {ind.target.year}"
    elif ind.threshold is not None:
        level = "maximum" if ind.direction == "decrease" else "minimum"
        basis = f" against the {level} of {fmt_value(ind.threshold, u)}"
    elif ind.direction in ("increase", "decrease"):
        basis = f"; the strategy asks for a {'rise' if ind.direction == 'increase' else 'fall'}"
    else:
        basis = ""
    return f"{ind.title} is off track{shown}{basis}."


def headlines(r: Report, most: int = 5) -> list[str]:
    """Three to five plain sentences drawn from the figures: the largest clear improvements,
    targets met, the main concerns and the actions."""
    ms = measures(r.evaluation)
    prev_status = {x.indicator.id: x.assessment.status for x in measures(previous(r))}
    out: list[str] = []
    improved = []
    for res in ms:
        ch = _change(r, res)
        if res.assessment.trend == "improving" and ch is not None:
            improved.append((-ch[2], res.indicator.id, res, ch))
    named = set()  # a measure is headlined once (improved, or a concern)
    for _, _, res, (before, now, _) in sorted(improved)[:2]:
        named.add(res.indicator.id)
        u = res.indicator.unit
        out.append(
            f"{res.indicator.title} improved from {fmt_value(before, u)} in "
            f"{r.year.previous()} to {fmt_value(now, u)} in {r.year}"
            f"{STILL_SHORT.get(res.assessment.status, '')}."
        )
    for res in ms:
        if res.assessment.status == "achieved" and prev_status.get(res.indicator.id) not in (
            None,
            "achieved",
        ):
            out.append(f"{res.indicator.title}: achieved this year.")
            break
    concerns = sorted(
        (
            x
            for x in ms
            if (x.assessment.status in WORRY or x.assessment.trend == "worsening")
            and x.indicator.id not in named
        ),
        key=lambda x: (x.assessment.trend != "worsening", x.indicator.id),
    )
    for res in concerns[:2]:
        out.append(_concern(r, res))
    c = actions.counts(r)
    total = sum(c.values())
    if total:
        out.append(f"Of {total} actions: {actions.count_sentence(c)}.")
    judged = [x for x in ms if x.assessment.status != "not_assessed"]  # context: not counted
    if len(out) < 3 and judged:
        good = sum(x.assessment.status in ("achieved", "on_track") for x in judged)
        if len(judged) == 1:
            word = "is" if good else "is not"
            out.append(f"The strategy's one judged outcome measure {word} achieved or on track.")
        else:
            out.append(f"{good} of {len(judged)} outcome measures are achieved or on track.")
    # a strategy of actions alone: name the overdue and the newly completed ones
    for group, words in (("overdue", "Overdue"), ("done_this_year", "Completed this year")):
        for res in actions.actions(r):
            if len(out) >= 3:
                break
            if actions.progress(r, res).group == group:
                out.append(f"{words}: {actions.action_words(res.indicator).rstrip('.')}.")
    return out[:most]

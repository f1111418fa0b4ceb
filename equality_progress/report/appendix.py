"""The report's reference sections, after its findings: methodology, data quality,
glossary and provenance. Each function returns a display Block (see :mod:`.blocks`)."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import CONFIDENTIAL, SYMBOL_KEY, rules_text, small
from equality_progress.analysis.disclosure import withheld_cells as withheld_frames
from equality_progress.analysis.pay_gaps import relevant_bool
from equality_progress.inputs.settings import DisclosureSettings
from equality_progress.report import objectives, workforce
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import (
    Block,
    bullet_list,
    definition_list,
    heading,
    join,
    paragraph,
    table,
    withheld,
)
from equality_progress.report.labels import (
    ALL_STATUS_LABELS,
    STATUS_MEANINGS,
    TREND_LABELS,
    TREND_MEANINGS,
)


def methodology(r: Report) -> Block:
    p = r.settings.progress
    d = r.settings.disclosure
    items = [
        (
            "Kinds of evidence",
            "Each measure is a survey (a sample of responses, such as the staff or passenger "
            "survey), a census (every member of a population counted, such as the workforce on "
            "31 March or every application) or administrative (counts of the authority's own "
            "activity, such as partnerships or suppliers). Only survey figures have sampling "
            f"error, so only they carry a {p.confidence:.0%} interval (Wilson for a "
            "proportion; Student's t for a mean).",
        ),
        (
            "Is a change clear?",
            "One rule decides, for every status, trend and sentence. Census and administrative "
            "figures: a change is clear unless it is within a tolerance the strategy sets or "
            "is too small to call: no more than one person (or item) makes, or for a median "
            "pay gap no more than leaving out any one employee moves it in either year (some "
            "progress if it moved the way asked, off track otherwise). Survey "
            f"proportions: clear when the {p.confidence:.0%} interval of the difference "
            "(Newcombe's hybrid score method) excludes zero. Survey means: clear when Welch's "
            "t-test says so at the 5% level. Overlapping intervals are never used to judge a "
            "change. The trend compares this year with last year; with "
            f"{p.trend_min_points} or more annual survey proportions, the chi-square test for "
            f"linear trend at {p.trend_confidence:.1%} confidence (as PHE Fingertips) decides it.",
        ),
        (
            "Targets",
            "We compare the change a year seen since the baseline with the change a year needed "
            "to reach the target on time, on a straight line (after the Open SDG / Statistics "
            "Canada method, whose compound growth jumps where a figure reaches zero). "
            f"Seen growth of at least {p.on_track_ratio:.0%} of what is needed is on track; "
            f"{p.some_progress_ratio:.0%} to {p.on_track_ratio:.0%} is some progress; below "
            f"{p.some_progress_ratio:.0%} is off track. A met target is achieved; a target year "
            "reached without meeting the target is off track. For a survey figure whose change "
            "since the baseline is not yet statistically clear, the status is some progress if "
            "the estimate moved the required way (at least at the some-progress pace, for a "
            "target) and off track otherwise: uncertainty never gives a better status than the "
            "estimate itself.",
        ),
        (
            "Directions of travel",
            "Where the strategy asks for an increase or a reduction, a clear change the "
            "required way since the baseline is on track (achieved from the year whose 31 "
            "March snapshot is on or after the due date); an annual commitment also needs a "
            "clear change since last year, otherwise it is some progress, as is any other "
            "that clearly fell back since last year before its due date. No clear change, or a "
            "clear change the wrong way, is off track (survey figures as for targets).",
        ),
        (
            "Levels to reach or keep",
            "Every group at or beyond the level is achieved. Census and administrative "
            "figures: any group on the wrong side is off track. Survey figures: a group is "
            "clearly on the wrong side when a one-sided t-test of its mean as its table prints "
            f"it says so at {(1 - p.confidence) / 2:.1%}, the groups of one measure tested "
            "together (Holm's method); a group whose interval is withheld is tested at the "
            "widest spread of answers its printed mean allows, one whose mean is withheld is "
            "never clearly. Clearly on the wrong side is off track; on the wrong side by the "
            "estimate but not clearly is some progress.",
        ),
        (
            "Actions and milestones",
            "Complete is achieved; in progress is on track before its due date and some "
            "progress after it; not started is not started before its due date and off track "
            "after it; no update is no data.",
        ),
        (
            "Context figures",
            "Figures the strategy reports without a target or direction are shown as "
            "context, not assessed, and never counted in the status totals.",
        ),
        (
            "Disclosure control",
            rules_text(d),
        ),
        (
            "Pay gaps",
            "The gender pay gap follows the Equality Act 2010 (Specific Duties and "
            "Public Authorities) Regulations 2017 and GOV.UK guidance; ethnicity and disability "
            "pay gaps follow the GOV.UK ethnicity pay reporting guidance (2023).",
        ),
    ]
    symbols = [(k, v) for k, v in SYMBOL_KEY.items()]
    return join(
        [
            # the PDF's reference sections (methodology to provenance, the document's end)
            # in a size smaller than the body's, as a printed appendix is: keeps it short
            Block("", "\n#set text(size: 9.5pt)\n", ""),
            definition_list(items),
            *_recurring_and_choices(r),
            heading("Symbols in tables", 3, "symbols"),
            definition_list(symbols),
        ]
    )


FIELD_WORDS = {
    "kind": "How progress is judged",
    "direction": "Direction",
    "target": "Target",
    "threshold": "Threshold",
    "tolerance": "Tolerance",
    "due": "Due date",
    "measure": "Evidence measure",
    "definition": "Definition",
    "statistic": "Statistic",
}


def _recurring_and_choices(r: Report) -> list[Block]:
    """Recurring commitments' rule, and every rule the strategy leaves to the authority,
    with the authority's reason (grouped where one reason covers several commitments)."""
    out = []
    if any(i.kind == "recurring" for i in r.catalogue.indicators):
        out.append(
            definition_list(
                [
                    (
                        "Recurring commitments",
                        "Commitments the strategy asks for every year are judged on this "
                        "year's update only: done this year is achieved, under way is some "
                        "progress, not done is off track. Last year's completion carries "
                        "nothing over.",
                    )
                ]
            )
        )
    groups: dict[tuple[str, str], list[str]] = {}
    for ind in r.catalogue.indicators:
        for c in ind.choices:
            groups.setdefault((c.field, c.reason), []).append(ind.title)
    items = []
    for (fld, reason), titles in groups.items():
        which = titles[0] if len(titles) == 1 else f"{len(titles)} commitments"
        items.append((f"{FIELD_WORDS[fld]}: {which}", reason))
    items += [(f"Benchmark: {b.title}", b.reason) for b in r.authority.benchmarks]
    if items:
        out += [
            heading("Choices the strategy leaves to the authority", 3, "choices"),
            paragraph(
                "Where the strategy does not set a rule, the authority has chosen one; "
                "each choice and its reason:"
            ),
            definition_list(items),
        ]
    return out


def data_quality(r: Report) -> Block:
    t = r.table
    missing = t[t["status"] == "not_available"]
    parts: list[Block] = []
    wf = r.data[r.year].frame("workforce")
    if wf is not None:
        parts.append(
            table(
                workforce.nonresponse_table(r, wf),
                "Workforce non-response rates",
                numeric=["Not disclosed or not recorded"],
            )
        )
        if "full_pay_relevant" in wf:
            parts.append(paragraph(not_on_full_pay(wf, r.settings.disclosure)))
    n = withheld_cells(r)
    parts.append(
        paragraph(
            f"Cells withheld for disclosure control in this report: {n}."
            if n
            else "No cell of this report is withheld for disclosure control."
        )
    )
    if len(missing):
        n = len(missing)
        parts.append(paragraph(f"{n} indicator{' has' if n == 1 else 's have'} no data this year:"))
        parts.append(bullet_list([f"{x.title}: {x.status_reason}" for x in missing.itertuples()]))
    else:
        parts.append(paragraph("Every indicator has data this year."))
    notes = [note for y in sorted(r.data) for note in r.data[y].notes]
    if notes:  # what the inputs' check noted: files declared absent and why, stated defaults
        parts.append(paragraph("Notes on the data:"))
        parts.append(bullet_list(notes))
    # a swing the authority records as real is a choice, shown with its reason (issue 22's
    # re-run: the reason reached the run's summary but not the report)
    real = [a for a in r.authority.accepted_changes if a.year <= str(r.year)]
    if real:
        parts.append(paragraph("Changes in the workforce the authority records as real:"))
        parts.append(
            bullet_list(
                [f"{a.year}, {a.column.replace('_', ' ')} '{a.category}': {a.reason}" for a in real]
            )
        )
    return join(parts)


def not_on_full_pay(wf: pd.DataFrame, rules: DisclosureSettings) -> str:
    """How many staff the hourly pay figures leave out (issue 22): those on reduced or no
    pay at the snapshot, as the 2017 regulations' full-pay relevant employees do. Printed
    only where the pay tables' protection takes it as known already (more than the
    protection width: :func:`linked_tables.with_pay`), else withheld."""
    n = int((~relevant_bool(wf["full_pay_relevant"])).sum())
    shown = f"{n:,}" if n > rules.protection_width and not small(n, rules) else CONFIDENTIAL
    return (
        f"Staff not on full pay at 31 March (on leave on reduced or no pay): {shown}. They are "
        "left out of the hourly pay gaps and pay quarters, as the 2017 regulations require, "
        "and counted everywhere else."
    )


def withheld_cells(r: Report) -> int:
    """Cells shown as [c] in the report's tables, counted from the tables as published (the
    groups against a threshold and the workforce section), so the count is the same however
    often a section is shown."""
    groups = [objectives.groups_table(r, x) for x in r.evaluation.results if x.groups]
    groups += [
        b for x in r.evaluation.results if not x.groups for b in objectives.area_tables(r, x)
    ]
    wf = r.data[r.year].frame("workforce") if r.year in r.data else None
    nonresponse = [] if wf is None else [table(workforce.nonresponse_table(r, wf), "")]
    charts = [made[0] for x in r.evaluation.results if (made := objectives.trend_data(r, x))]
    return (
        sum(withheld(b) for b in groups + nonresponse)
        + withheld(workforce.section(r))
        + withheld_frames(charts)
    )


GLOSSARY_TERMS = [
    ("Baseline", "The figure the strategy starts from, with its year."),
    (
        "Confidence interval",
        "For a survey estimate, the range within which the figure for the whole population "
        "very likely lies; small samples have wide intervals. Figures that count everyone "
        "have none.",
    ),
    (
        "Financial year",
        "1 April to 31 March, written 2024-25. The workforce snapshot is "
        "taken on 31 March at the end of the year.",
    ),
    (
        "Median pay gap",
        "The difference between the middle hourly pay of men and of women, as "
        "a percentage of men's.",
    ),
    (
        "Non-response rate",
        "The share of staff who chose not to say or whose answer is not recorded.",
    ),
    (
        "Relative likelihood",
        "How many times more likely one group is to be appointed from "
        "shortlisting than another; 1.0 means equally likely.",
    ),
    (
        "Clear change",
        "A change that is not just noise: any change in a figure that counts everyone, or a "
        "change a statistical test can tell from sampling error in a survey.",
    ),
    (
        "Evidence",
        "Survey (a sample of responses), census (everyone counted) or administrative (counts "
        "of the authority's own activity).",
    ),
]
# general terms alphabetically, then each status and trend in the order of the vocabulary
GLOSSARY = [
    *sorted(GLOSSARY_TERMS, key=lambda term: term[0].lower()),
    *[
        (f"Status: {ALL_STATUS_LABELS[s][1]}", m[0].upper() + m[1:] + ".")
        for s, m in STATUS_MEANINGS.items()
    ],
    *[(f"Trend: {TREND_LABELS[t]}", m[0].upper() + m[1:] + ".") for t, m in TREND_MEANINGS.items()],
]


def glossary() -> Block:
    """The glossary; in the PDF in two columns (short entries: half the height)."""
    terms = definition_list(GLOSSARY)
    half = (len(GLOSSARY) + 1) // 2
    left, right = definition_list(GLOSSARY[:half]), definition_list(GLOSSARY[half:])
    pdf = f"\n#grid(columns: (1fr, 1fr), column-gutter: 14pt, [{left.typst}], [{right.typst}])\n"
    return Block(terms.html, pdf, terms.plain)


def provenance(r: Report) -> Block:
    prov = r.provenance()
    inputs = pd.DataFrame(prov["inputs"]).rename(columns={"file": "File", "sha256": "SHA-256"})
    # one line, not a table: ten packages in two columns took most of a PDF page
    versions = ", ".join(f"{name} {v}" for name, v in sorted(prov["packages"].items()))
    return join(
        [
            paragraph(
                f"Generated {prov['generated']} by equality-progress {prov['code_version']} "
                f"(code SHA-256 {prov['code_sha256'][:16]}…), with {versions}. Re-running "
                "the same code on the same inputs gives the same report."
            ),
            _inputs_table(inputs),
        ]
    )


def _inputs_table(inputs: pd.DataFrame) -> Block:
    """Every input file with its SHA-256 hash. The PDF names the files and says where the
    hashes are (the HTML report and the published notebook): a hash table took a page of a
    committee's 20, and no one checks a hash by reading it off paper."""
    full = table(inputs, "Input files and their SHA-256 hashes", css="wide")
    folders: dict[str, list[str]] = {}
    for path in inputs["File"]:
        folder, _, name = str(path).rpartition("/")
        folders.setdefault(folder, []).append(name)
    files = "; ".join(f"{d}/ {', '.join(names)}" for d, names in folders.items())
    pdf = paragraph(
        f"Input files ({len(inputs)}): {files}. Each file's SHA-256 hash is listed in the "
        "HTML report and the published notebook."
    )
    return Block(full.html, pdf.typst, full.plain)

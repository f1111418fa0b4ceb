"""The report's reference sections, after its findings: methodology, data quality,
glossary and provenance. Each function returns a display Block (see :mod:`.sections`)."""

from __future__ import annotations

import pandas as pd

from equality_progress.analysis.disclosure import SYMBOL_KEY
from equality_progress.inputs.contracts import UNDISCLOSED
from equality_progress.report.blocks import (
    Block,
    bullet_list,
    definition_list,
    heading,
    join,
    paragraph,
    table,
)
from equality_progress.report.model import Report


def methodology(r: Report) -> Block:
    p = r.settings.progress
    d = r.settings.disclosure
    items = [
        (
            "Targets",
            "For a figure with a target, we compare the growth seen since the "
            "baseline with the growth needed to reach the target on time (compound annual "
            f"growth, the Open SDG / Statistics Canada method). Seen growth of at least "
            f"{p.on_track_ratio:.0%} of what is needed is on track; {p.some_progress_ratio:.0%} "
            f"to {p.on_track_ratio:.0%} is some progress; below {p.some_progress_ratio:.0%} is "
            "off track. A met target is achieved.",
        ),
        (
            "Directions of travel",
            "Where the strategy asks for an increase or a reduction, "
            "we look at the change since the baseline and, for annual commitments, since last "
            "year.",
        ),
        (
            "Thresholds",
            "Where every group must reach a level (for example an EDI score of 6 "
            "out of 7), each group's confidence interval is compared with the level: wholly "
            "above is met, wholly below is not met, otherwise not clearly different. The "
            "measure is met only when every group is.",
        ),
        (
            "Actions and milestones",
            "Complete is achieved; in progress before its due date "
            "is on track and after it some progress; not started after its due date is off "
            "track; no update is no data.",
        ),
        (
            "Noise is not progress",
            f"Every proportion carries a {p.confidence:.0%} Wilson "
            "score interval, counts a Byar interval and means a normal interval. When two "
            "years' intervals overlap we report no clear change, never progress, and a target "
            "figure whose change is within the margin of error is not counted as progress. "
            f"With {p.trend_min_points} or more annual points, a chi-square test for trend "
            f"(as PHE Fingertips) at {p.trend_confidence:.1%} confidence decides the trend.",
        ),
        (
            "Disclosure control",
            f"Counts from 1 to {d.min_count - 1} are withheld, with "
            "further cells withheld so that none can be worked out from totals; no percentage, "
            f"mean or median is published from fewer than {d.min_base} people.",
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
            heading("Methodology", 2, "methodology", new_page=True),
            definition_list(items),
            heading("Symbols in tables", 3, "symbols"),
            definition_list(symbols),
        ]
    )


def data_quality(r: Report) -> Block:
    t = r.table
    missing = t[t["status"] == "not_available"]
    parts = [heading("Data quality", 2, "data-quality")]
    wf = r.data[r.year].frame("workforce")
    if wf is not None:
        rows = [
            {
                "Characteristic": c.replace("_", " ").capitalize(),
                "Not disclosed or not recorded": (
                    f"{wf[c].isin(UNDISCLOSED).mean() * 100:.1f}%"
                    if c in wf.columns
                    else "not collected"
                ),
            }
            for c in (
                "sex",
                "ethnicity",
                "disability",
                "sexual_orientation",
                "age_band",
                "care_experience",
            )
        ]
        parts.append(
            table(
                pd.DataFrame(rows),
                "Workforce non-response rates",
                numeric=["Not disclosed or not recorded"],
            )
        )
    parts.append(
        paragraph(f"Cells withheld for disclosure control in this report: {r.suppressed_cells}.")
    )
    if len(missing):
        parts.append(paragraph(f"{len(missing)} indicators have no data this year:"))
        parts.append(
            bullet_list(
                [f"{x.title} ({x.indicator_id}): {x.status_reason}" for x in missing.itertuples()]
            )
        )
    else:
        parts.append(paragraph("Every indicator has data this year."))
    if r.evaluation.warnings:
        parts.append(paragraph("Warnings raised while building this report:"))
        parts.append(bullet_list(r.evaluation.warnings))
    return join(parts)


GLOSSARY = [
    ("Baseline", "The figure the strategy starts from, with its year."),
    (
        "Confidence interval",
        "The range within which the true figure very likely lies, given "
        "the numbers involved; small groups have wide intervals.",
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
    ("Status", "Achieved, on track, some progress, off track, or no data."),
]


def glossary() -> Block:
    return join([heading("Glossary", 2, "glossary"), definition_list(GLOSSARY)])


def provenance(r: Report) -> Block:
    prov = r.provenance()
    inputs = pd.DataFrame(prov["inputs"]).rename(columns={"file": "File", "sha256": "SHA-256"})
    versions = pd.DataFrame(sorted(prov["packages"].items()), columns=["Package", "Version"])
    return join(
        [
            heading("Provenance", 2, "provenance"),
            paragraph(
                f"Generated {prov['generated']} by equality-progress {prov['code_version']} "
                f"(code SHA-256 {prov['code_sha256'][:16]}…). Re-running the same code on "
                "the same inputs gives the same report."
            ),
            table(inputs, "Input files and their SHA-256 hashes"),
            table(versions, "Software versions"),
        ]
    )

"""reports/index.html: every authority and year, with status counts and links."""

from __future__ import annotations

from collections import Counter
from csv import DictReader
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from equality_progress.errors import InputError
from equality_progress.inputs.catalogue import ACTION_KINDS
from equality_progress.inputs.settings import Settings, authority_ids, build_day, load_authority
from equality_progress.layout import TEMPLATES
from equality_progress.publish.document import environment
from equality_progress.report.labels import STATUS_LABELS


@dataclass
class Entry:
    authority: str
    display_name: str
    year: str
    counts: dict[str, int] | None
    files: dict[str, bool]
    sample: bool
    actions: tuple[int, int] | None = None  # (complete, all)
    # actions overdue or late to start (issue 25: 4 of 12 overdue showed 0 everywhere):
    # a milestone past due not complete (some progress in progress, off track otherwise,
    # or not started though its start has passed) or a yearly commitment missed
    behind: int | None = None


def entries(output: Path) -> list[Entry]:
    out = []
    for aid in authority_ids():
        try:
            auth = load_authority(aid)
        except InputError:
            continue  # its reports failed at their check, which says why
        for year in auth.reporting_years:
            folder = output / aid / year
            csv = folder / "indicators.csv"
            counts = actions = behind = None
            if csv.exists():
                with csv.open(encoding="utf-8", newline="") as fh:
                    rows = list(DictReader(fh))
                # outcome measures by status; actions apart (complete of all), so that actions
                # done in earlier years are not read as this year's results
                found = Counter(r["status"] for r in rows if r["kind"] not in ACTION_KINDS)
                counts = {s: found.get(s, 0) for s in STATUS_LABELS}
                plan = [r for r in rows if r["kind"] in ACTION_KINDS]
                actions = (sum(r["value"] == "complete" for r in plan), len(plan))
                behind = sum(
                    r["status"] == "off_track"
                    or (r["kind"] == "milestone" and r["status"] == "some_progress")
                    for r in plan
                )
            files = {n: (folder / f"report.{n}").exists() for n in ("html", "pdf", "docx")}
            files["csv"] = csv.exists()
            out.append(
                Entry(
                    aid, auth.display_name, year, counts, files, auth.sample_data, actions, behind
                )
            )
    return out


def index_date(items: list[Entry]) -> date:
    """The index's date: the latest publication date of the reports it lists (from each
    authority's params), else the day of the build."""
    dates = [
        load_authority(e.authority).publication_date(e.year) for e in items if e.counts is not None
    ]
    return max(dates, default=build_day())


def render_index(
    output: Path,
    settings: Settings,
    templates: Path = TEMPLATES,
    items: list[Entry] | None = None,
) -> Path:
    """reports/index.html, from the templates' ``index.html.j2`` and the report's CSS, for
    ``items`` (default: every report found in ``output``)."""
    env = environment(templates)
    css = (templates / "report.css").read_text(encoding="utf-8")
    items = entries(output) if items is None else items
    html = env.get_template("index.html.j2").render(
        entries=items,
        labels=STATUS_LABELS,
        css=css,
        generated=index_date(items),
        sample=any(e.sample for e in items),
    )
    path = output / "index.html"
    path.write_text(html, encoding="utf-8")
    return path

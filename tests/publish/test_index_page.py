"""reports/index.html: one row per authority and year, counts read from indicators.csv."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from equality_progress.publish.index_page import entries, render_index

CSV = (
    "indicator_id,kind,status,value\n"
    "a,target,achieved,\nb,direction,achieved,\nc,target,off_track,\nd,target,not_available,\n"
    "e,direction,on_track,\nf,milestone,achieved,complete\ng,milestone,not_started,not_started\n"
    "h,recurring,off_track,not_started\ni,context,not_assessed,\n"
)


class _Rows(HTMLParser):
    """The table's rows as lists of cell texts, and every link."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _published(output: Path) -> None:
    folder = output / "sefton" / "2024-25"
    folder.mkdir(parents=True)
    (folder / "indicators.csv").write_text(CSV, encoding="utf-8")
    (folder / "report.html").write_text("<html></html>", encoding="utf-8")


def test_one_entry_per_authority_year_with_counts_from_the_open_data(tmp_path):
    _published(tmp_path)
    found = {(e.authority, e.year): e for e in entries(tmp_path)}
    # params/authorities: lcrca 4 years, sefton 3, unnamed-ca 1
    assert len(found) == 8
    e = found[("sefton", "2024-25")]
    # counted by hand from CSV above
    # outcome measures only (actions and context figures apart)
    assert e.counts == {
        "achieved": 2,
        "on_track": 1,
        "some_progress": 0,
        "off_track": 1,
        "not_started": 0,
        "cannot_tell": 0,
        "not_available": 1,
    }
    assert e.actions == (1, 3)  # f complete, of the milestones f, g and the recurring h
    assert e.behind == 1  # h, a yearly commitment missed (g is not yet due)
    assert e.files == {"html": True, "pdf": False, "docx": False, "csv": True}
    assert found[("lcrca", "2024-25")].counts is None


def test_the_page_links_what_exists_and_says_what_was_not_built(tmp_path, settings):
    _published(tmp_path)
    path = render_index(tmp_path, settings)
    assert path == tmp_path / "index.html"
    page = path.read_text(encoding="utf-8")
    parsed = _Rows()
    parsed.feed(page)
    rows = {(r[0], r[1]): r for r in parsed.rows[1:]}
    sefton = rows[("Sefton Council (sample)", "2024-25")]
    assert sefton[2:11] == ["2", "1", "0", "1", "0", "0", "1", "1 of 3", "1"]
    assert sefton[11].startswith("Web page") and "CSV" in sefton[11] and "PDF" not in sefton[11]
    lcrca = rows[("Liverpool City Region Combined Authority (sample)", "2022-23")]
    assert lcrca[2:] == ["Not built"] * 10
    # relative links only, to files that exist
    assert parsed.links[1:] == ["sefton/2024-25/report.html", "sefton/2024-25/indicators.csv"]
    assert all((tmp_path / link).exists() for link in parsed.links[1:])
    assert "Synthetic sample data" in page
    # the date of the one report listed: sefton's published: {2024-25: 2025-09-30}
    assert "Generated 2025-09-30" in page
    assert not re.search(r"<script|https?://", page)  # nothing run, nothing fetched


CSV16 = (  # as indicators.csv is written (only kind, status and value are read)
    "authority,year,objective,indicator_id,title,kind,unit,direction,baseline_year,baseline,"
    "target_year,target,value,ci_lower,ci_upper,previous_value,trend,status,status_reason,"
    "source\n"
    "lcrca,2024-25,employer,m1,M1,target,percent,increase,,,,,5.0,,,,improving,achieved,Met.,S\n"
    "lcrca,2024-25,employer,a1,A1,milestone,status,none,,,,,complete,,,,not_available,"
    "achieved,Done.,S\n"
    "lcrca,2024-25,employer,a2,A2,milestone,status,none,,,,,not_started,,,,not_available,"
    "not_started,Not due.,S\n"
)


def test_measures_and_actions_are_counted_apart(tmp_path, settings):
    folder = tmp_path / "lcrca" / "2024-25"
    folder.mkdir(parents=True)
    (folder / "indicators.csv").write_text(CSV16, encoding="utf-8")
    (folder / "report.docx").write_bytes(b"")
    entry = next(e for e in entries(tmp_path) if e.year == "2024-25" and e.authority == "lcrca")
    assert entry.counts["achieved"] == 1 and entry.counts["on_track"] == 0
    assert entry.actions == (1, 2)
    html = render_index(tmp_path, settings).read_text()
    assert ">1 of 2</td>" in html
    assert 'href="lcrca/2024-25/report.docx">Word' in html
    assert '<span aria-hidden="true">✓</span> Achieved' in html


def test_actions_overdue_or_late_are_counted_on_the_index(tmp_path):
    """Issue 25: an authority with 4 of 12 actions overdue showed 0 everywhere. A milestone
    in progress after its due date (some progress), one not started after it or after its
    start (off track) and a yearly commitment missed count; one on track does not."""
    folder = tmp_path / "sefton" / "2024-25"
    folder.mkdir(parents=True)
    (folder / "indicators.csv").write_text(
        "indicator_id,kind,status,value\n"
        "a,milestone,some_progress,in_progress\nb,milestone,off_track,not_started\n"
        "c,milestone,on_track,in_progress\nd,recurring,off_track,not_started\n"
        "e,recurring,some_progress,in_progress\n",
        encoding="utf-8",
    )
    found = {(e.authority, e.year): e for e in entries(tmp_path)}
    assert found[("sefton", "2024-25")].behind == 3

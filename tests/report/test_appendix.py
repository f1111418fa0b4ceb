"""The reference sections: the methodology states the settings' own figures, the rules for
recurring commitments and the authority's choices; data quality lists what has no data and
the notes on the inputs, and counts the cells withheld as published; the glossary's order;
provenance as the report records it."""

from __future__ import annotations

import copy
import dataclasses
import html
import re

import pandas as pd
import pytest
from support import sample_report

from equality_progress.inputs.catalogue import Choice
from equality_progress.inputs.settings import ProgressSettings
from equality_progress.report import appendix


def _text(built, authority, year):
    html = (built / authority / year / "report.html").read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def report():
    """The smallest sample report (no record-level data: quick to assemble)."""
    r = sample_report("unnamed-ca", "2024-25")
    return r


def test_methodology_lists_choices_and_the_recurring_rule(built):
    text = _text(built, "lcrca", "2024-25")
    assert "Choices the strategy leaves to the authority" in text
    assert "gives no date; the authority takes them as due by the end of Year One" in text
    assert "Recurring commitments" in text


@pytest.mark.parametrize("authority", ["lcrca", "sefton", "unnamed-ca"])
def test_every_recorded_choice_is_in_the_methodology_of_every_report(built, authority):
    """Issue 23: each ``choices:`` entry of the catalogue, its reason in full, is in the
    methodology of every report; definitions and averages are also beside their measure."""
    from equality_progress.inputs.catalogue import load_catalogue
    from equality_progress.inputs.settings import load_authority

    catalogue = load_catalogue(authority)
    choices = [(i, c) for i in catalogue.indicators for c in i.choices]
    assert choices
    for year in sorted(p.name for p in (built / authority).iterdir() if p.is_dir()):
        text = html.unescape(_text(built, authority, year))
        method = text[text.index("Choices the strategy leaves to the authority") :]
        missing = [(i.id, c.field) for i, c in choices if " ".join(c.reason.split()) not in method]
        assert missing == [], (year, missing)
        for b in load_authority(authority).benchmarks:  # a benchmark the strategy never set
            assert f"Benchmark: {b.title} {' '.join(b.reason.split())}" in method
    page = (built / authority / year / "report.html").read_text(encoding="utf-8")
    for ind, c in choices:
        if c.field in ("definition", "statistic") and not ind.action:
            at = page.index(f'id="ind-{ind.id}"')
            card = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page[at : at + 8000]).split()))
            assert f"{c.field.capitalize()} chosen by the authority: " in card[:3000], ind.id


def test_cells_withheld_match_the_published_report(built):
    html = (built / "lcrca" / "2024-25" / "report.html").read_text(encoding="utf-8")
    shown = len(re.findall(r">\[c\]</t[dh]>", html))
    said = re.search(r"Cells withheld for disclosure control in this report: (\d+)", html)
    assert said and int(said.group(1)) == shown > 0


def test_the_methodology_states_the_settings_figures(report):
    progress = ProgressSettings(
        on_track_ratio=0.8, some_progress_ratio=0.5, confidence=0.9, trend_min_points=4
    )
    settings = report.settings.model_copy(update={"progress": progress})
    text = appendix.methodology(_variant(report, settings=settings)).plain
    assert "only they carry a 90% interval" in text
    assert "Seen growth of at least 80% of what is needed is on track" in text
    assert "50% to 80% is some progress; below 50% is off track" in text
    assert "with 4 or more annual survey proportions" in text
    assert "95%" not in text  # the sample settings' figure, nowhere


def _variant(report, **changes):
    """A shallow copy of the report with some fields replaced: it shares the report's
    caches (its workforce plan and sections), so nothing is protected again."""
    out = copy.copy(report)
    for name, value in changes.items():
        setattr(out, name, value)
    return out


def _with_indicators(report, indicators):
    catalogue = report.catalogue.model_copy(update={"indicators": indicators})
    return _variant(report, catalogue=catalogue)


def test_choices_sharing_a_reason_are_one_entry_and_none_means_no_heading(report):
    plain = [i.model_copy(update={"choices": []}) for i in report.catalogue.indicators]
    once = [i for i in plain if i.kind != "recurring"]
    assert len(once) < len(plain)  # the sample has recurring commitments
    shared = Choice(field="due", reason="One reason the authority gives for both")
    alone = Choice(field="tolerance", reason="A reason for this commitment alone")
    chosen = [
        once[0].model_copy(update={"choices": [shared]}),
        once[1].model_copy(update={"choices": [shared, alone]}),
    ]
    text = appendix.methodology(_with_indicators(report, chosen + once[2:])).plain
    assert "Due date: 2 commitments: One reason the authority gives for both" in text
    assert f"Tolerance: {once[1].title}: A reason for this commitment alone" in text
    none = appendix.methodology(_with_indicators(report, once)).plain
    assert "Choices the strategy leaves to the authority" not in none
    assert "Recurring commitments" not in none
    assert "Recurring commitments" in appendix.methodology(_with_indicators(report, plain)).plain


def _with_table(report, statuses: dict[str, tuple[str, str]]):
    """The report with some indicators' status and reason replaced (a copy)."""
    evaluation = copy.copy(report.evaluation)
    table = report.table.copy()
    for ident, (status, reason) in statuses.items():
        table.loc[table["indicator_id"] == ident, ["status", "status_reason"]] = status, reason
    evaluation.table = table  # cached_property: the copy's own value
    return _variant(report, evaluation=evaluation)


def test_data_quality_lists_each_indicator_without_data(report):
    ids = list(report.table["indicator_id"])
    titles = dict(zip(report.table["indicator_id"], report.table["title"], strict=True))
    available = {i: ("on_track", "Fine.") for i in ids}
    everything = appendix.data_quality(_with_table(report, available)).plain
    assert "Every indicator has data this year." in everything
    one = appendix.data_quality(
        _with_table(report, available | {ids[0]: ("not_available", "No return.")})
    ).plain
    assert "1 indicator has no data this year:" in one
    assert f"- {titles[ids[0]]}: No return." in one
    two = {ids[0]: ("not_available", "No return."), ids[1]: ("not_available", "Late.")}
    text = appendix.data_quality(_with_table(report, available | two)).plain
    assert "2 indicators have no data this year:" in text
    assert f"- {titles[ids[1]]}: Late." in text


def test_data_quality_shows_the_notes_on_the_inputs(report):
    year = max(report.data)
    data = dict(report.data)
    data[year] = dataclasses.replace(data[year], notes=["staff_survey.csv is absent: none run"])
    text = appendix.data_quality(_variant(report, data=data)).plain
    assert "Notes on the data:\n- staff_survey.csv is absent: none run" in text


def test_the_glossary_has_its_terms_alphabetically_then_statuses_then_trends():
    terms = [term for term, _ in appendix.GLOSSARY]
    assert terms == [
        "Baseline",
        "Clear change",
        "Confidence interval",
        "Evidence",
        "Financial year",
        "Median pay gap",
        "Non-response rate",
        "Relative likelihood",
        "Status: Achieved",
        "Status: On track",
        "Status: Some progress",
        "Status: Off track",
        "Status: Not started",
        "Status: Cannot tell",
        "Status: No data",
        "Status: Context, not assessed",
        "Trend: Improving",
        "Trend: No clear change",
        "Trend: Worsening",
        "Trend: Not available",
        "Trend: Rising",
        "Trend: Falling",
    ]
    meanings = [meaning for _, meaning in appendix.GLOSSARY]
    assert all((m[0].isupper() or m[0].isdigit()) and m.endswith(".") for m in meanings)
    assert appendix.glossary().plain.startswith("Baseline: The figure the strategy starts from")


def test_provenance_shows_every_input_and_version_the_report_records(report):
    prov = report.provenance()
    block = appendix.provenance(report)
    assert f"Generated {prov['generated']} by equality-progress {prov['code_version']}" in (
        block.plain
    )
    assert prov["code_sha256"][:16] in block.plain
    for row in prov["inputs"]:
        assert f"<td>{row['sha256']}</td>" in block.html, row["file"]
    for package, version in prov["packages"].items():  # one line: "numpy 2.4.6, pandas ..."
        assert re.search(rf"[ ,]{re.escape(package)} {re.escape(version)}[,.]", block.plain)


@pytest.mark.parametrize(("reduced", "shown"), [(32, "32"), (6, "6"), (5, "[c]"), (3, "[c]")])
def test_the_staff_not_on_full_pay_are_counted_or_withheld(reduced, shown):
    """Issue 22: the staff left out of the hourly pay figures are counted in data quality;
    printed only above the protection width (5), where the pay tables' protection already
    takes the quarter sizes, and so this count, as known."""
    from equality_progress.inputs.settings import DisclosureSettings

    wf = pd.DataFrame({"full_pay_relevant": [False] * reduced + [True] * 100})
    said = appendix.not_on_full_pay(wf, DisclosureSettings())
    assert said.startswith(
        f"Staff not on full pay at 31 March (on leave on reduced or no pay): {shown}."
    )


def test_a_change_recorded_as_real_is_in_the_data_quality_section_with_its_reason(report):
    """Issue 22's re-run: an accepted_changes: reason reached the run's summary but not the
    published report. It is the authority's choice, so the report shows it (years up to the
    report's own only)."""
    from equality_progress.inputs.settings import AcceptedChange

    r = copy.copy(report)  # shares the report's caches; only the params differ
    r.authority = report.authority.model_copy(
        update={
            "accepted_changes": [
                AcceptedChange(year="2024-25", column="age_band", category="65+",
                               reason="Staff kept on past 65 after the pension review"),
                AcceptedChange(year="2025-26", column="sex", category="Male",
                               reason="TUPE transfer of the bus depot staff"),
            ]
        }
    )  # fmt: skip
    text = appendix.data_quality(r).plain
    assert "Changes in the workforce the authority records as real:" in text
    assert "2024-25, age band '65+': Staff kept on past 65 after the pension review" in text
    assert "TUPE" not in text  # a later year's
    assert "records as real" not in appendix.data_quality(report).plain

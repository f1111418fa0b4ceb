"""Accessibility in a real browser: axe-core (WCAG 2.x A/AA) on every sample report and the
index, plus our own checks that axe does not make: every chart has an accessible name,
headings do not skip levels, and the page works without JavaScript.

Runs in headless Chromium (Debian's `chromium`, driven by Playwright). Without Chromium the
tests skip with a reason; under CI=true a skip is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from equality_progress.inputs.settings import authority_ids, load_authority

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def pages(built: Path) -> list[Path]:
    out = [built / "index.html"]
    for a in authority_ids():
        out += [built / a / y / "report.html" for y in load_authority(a).reporting_years]
    return out


def test_axe_finds_no_wcag_or_best_practice_violations(browser, built):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = browser.new_page()
    failures = []
    for path in pages(built):
        page.goto(path.as_uri())
        result = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": WCAG}, "resultTypes": ["violations"]},
        )
        for v in result.response["violations"]:
            failures.append(
                f"{path.relative_to(built)}: {v['id']} ({len(v['nodes'])} nodes): {v['help']}"
            )
    page.close()
    assert not failures, "\n".join(failures)


def test_every_chart_has_an_accessible_name_and_a_data_table(browser, built):
    page = browser.new_page()
    for path in pages(built)[1:]:
        page.goto(path.as_uri())
        charts = page.locator("figure.chart svg")
        assert charts.count() > 0, path
        for i in range(charts.count()):
            svg = charts.nth(i)
            assert svg.get_attribute("role") == "img"
            label = svg.get_attribute("aria-label") or ""
            assert len(label) > 40, f"{path}: chart {i} has a thin text alternative: {label!r}"
        assert page.locator("figure.chart details table").count() == charts.count()
    page.close()


def test_headings_are_in_order(browser, built):
    page = browser.new_page()
    for path in pages(built):
        page.goto(path.as_uri())
        levels = page.eval_on_selector_all(
            "main h1, main h2, main h3, main h4", "els => els.map(e => +e.tagName[1])"
        )
        assert levels and levels[0] == 1, path
        for before, after in zip(levels, levels[1:], strict=False):
            assert after <= before + 1, f"{path}: h{before} followed by h{after}"
    page.close()


def test_report_works_without_javascript(browser, built):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built / "lcrca" / "2024-25" / "report.html").as_uri())
    assert page.locator("h1").inner_text().startswith("Annual equality progress report")
    page.locator("figure.chart summary").first.click()  # native <details>, no script needed
    assert page.locator("figure.chart details table").first.is_visible()
    page.get_by_role("link", name="Methodology").first.click()
    assert page.url.endswith("#methodology")
    context.close()


def test_readable_on_a_phone(browser, built):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((built / "sefton" / "2024-25" / "report.html").as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling of the page on a phone"
    context.close()


def test_reflows_at_320_css_pixels_and_tab_stops_only_where_tables_scroll(browser, built):
    """WCAG 1.4.10: no page scrolls sideways at 320 CSS px (tables scroll in their wrapper);
    a table wrapper is a tab stop only if it is wide enough to scroll on a phone, and every
    wrapper that scrolls at 320 px is one."""
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide, stuck = [], []
    for path in pages(built):
        page.goto(path.as_uri())
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append(f"{path.relative_to(built)}: {width}px")
        stuck += page.eval_on_selector_all(
            ".table-wrap:not([tabindex])",
            "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.ariaLabel)",
        )
    context.close()
    assert not wide, wide
    assert not stuck, stuck


def test_chart_text_is_readable_on_a_phone(browser, built):
    """Chart text drawn at about 11 CSS px or more on a 390 px screen (SVG scales down)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    small = []
    for path in pages(built)[1:]:
        page.goto(path.as_uri())
        sizes = page.eval_on_selector_all(
            "figure.chart svg",
            """els => els.map(svg => {
                const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
                const fonts = [...svg.querySelectorAll('text')]
                    .map(t => +t.getAttribute('font-size'));
                return Math.min(...fonts) * scale;
            })""",
        )
        small += [f"{path.relative_to(built)}: {s:.1f}px" for s in sizes if s < 10.5]
    context.close()
    assert not small, small


def test_print_shows_the_chart_data_tables(browser, built):
    page = browser.new_page()
    page.goto((built / "lcrca" / "2024-25" / "report.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator("figure.chart details table").first.is_visible()
    assert not page.locator("figure.chart summary").first.is_visible()
    page.close()

"""Touching each kind of input makes exactly the reports that depend on it stale; the code
that shapes a report is exactly the package less the batch and the tools."""

import shutil
from pathlib import Path

import pytest

from equality_progress import layout
from equality_progress.batch import runner, staleness
from equality_progress.inputs.settings import authority_ids, load_authority

ROOT = Path(__file__).resolve().parents[2]
ALL = [
    (a, y)
    for a in ("lcrca", "sefton", "unnamed-ca")
    for y in {
        "lcrca": ["2022-23", "2023-24", "2024-25", "2025-26"],
        "sefton": ["2023-24", "2024-25", "2025-26"],
        "unnamed-ca": ["2024-25"],
    }[a]
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the project whose every report is recorded as built and current, and of
    the installed package (so that its files can be touched)."""
    for name in ("params", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copytree(
        layout.PACKAGE,
        tmp_path / "equality_progress",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    monkeypatch.setattr(layout, "PACKAGE", tmp_path / "equality_progress")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(tmp_path))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    opts = runner.Options(output=tmp_path / "reports", formats=("html",))
    for a in authority_ids():
        for y in load_authority(a).reporting_years:
            dest = opts.output / a / y
            dest.mkdir(parents=True)
            for n in ("report.ipynb", "indicators.csv", "changes.csv", "report.html"):
                (dest / n).write_text("x")
            deps, digest = staleness.key(a, y, opts, tmp_path)
            staleness.write_manifest(dest, digest, deps)
    return tmp_path, opts


def stale(opts) -> list[tuple[str, str]]:
    return [(a, y) for a, y in ALL if not runner.current(runner.Job(a, y), opts)]


def touch(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n")


def test_nothing_changed_nothing_stale(project):
    _, opts = project
    assert stale(opts) == []


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (
            "data/lcrca/2023-24/workforce.csv",
            [("lcrca", "2023-24"), ("lcrca", "2024-25"), ("lcrca", "2025-26")],
        ),
        ("data/lcrca/2024-25/commentary.yaml", [("lcrca", "2024-25")]),
        (
            "data/sefton/2022-23/training.csv",
            [("sefton", "2023-24"), ("sefton", "2024-25"), ("sefton", "2025-26")],
        ),
        ("params/catalogues/unnamed-ca.yaml", [("unnamed-ca", "2024-25")]),
        (
            "params/authorities/sefton.yaml",
            [("sefton", "2023-24"), ("sefton", "2024-25"), ("sefton", "2025-26")],
        ),
        ("params/settings.yaml", ALL),
        ("equality_progress/notebooks/report.ipynb", ALL),
        ("equality_progress/analysis/status.py", ALL),
        ("equality_progress/report_templates/report.css", ALL),
    ],
)
def test_touching_an_input_makes_exactly_its_reports_stale(project, path, expected):
    root, opts = project
    touch(root / path)
    assert stale(opts) == expected


# Written out, not derived from the code: the package's rooms that never shape a report.
OUTSIDE = ("batch/", "tools/")


def test_every_file_of_the_package_rebuilds_all_reports_or_none(project):
    """Editing any file of inputs, analysis, report, publish, the notebook, the templates or
    the package's own modules rebuilds every report; editing the batch or the tools, none."""
    root, opts = project
    package = root / "equality_progress"
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc")
    names = {f.relative_to(package).as_posix() for f in files}
    # the cases that motivated the rule are among them
    assert {"publish/notebook.py", "notebooks/report.ipynb", "report_templates/report.css"} <= names
    assert {"batch/cli.py", "batch/kernel.py", "batch/runner.py", "tools/sample.py"} <= names
    wrong = []
    for f in files:
        before = f.read_bytes()
        f.write_bytes(before + b"\n")
        expected = [] if f.relative_to(package).as_posix().startswith(OUTSIDE) else ALL
        if stale(opts) != expected:
            wrong.append(f.relative_to(package).as_posix())
        f.write_bytes(before)
    assert not wrong, wrong


def test_missing_output_makes_a_report_stale(project):
    _, opts = project
    (opts.output / "lcrca" / "2022-23" / "report.html").unlink()
    assert stale(opts) == [("lcrca", "2022-23")]


def test_asking_for_another_rendering_makes_reports_stale(project):
    _, opts = project
    more = runner.Options(output=opts.output, formats=("html", "pdf"))
    assert stale(more) == ALL  # the PDF was never built


SELECTION = {"authority": None, "year": None, "formats": ["html"]}


def _recorded(project):
    root, opts = project
    fp = staleness.batch_fingerprint(root, root / "data", SELECTION)
    for n in ("index.html", "datapackage.json", "indicators.csv", "changes.csv"):
        (opts.output / n).write_text("x")
    staleness.record_batch(opts.output, fp, ALL)
    return root, opts, fp


def test_unchanged_batch_is_recognised_without_checking_each_report(project):
    root, opts, fp = _recorded(project)
    assert staleness.unchanged_batch(opts.output, fp, ("html",)) == ALL
    assert staleness.batch_fingerprint(root, root / "data", SELECTION) == fp


@pytest.mark.parametrize(
    "path",
    [
        "data/sefton/2022-23/training.csv",
        "data/lcrca/2024-25/commentary.yaml",
        "params/settings.yaml",
        "params/catalogues/unnamed-ca.yaml",
        "equality_progress/notebooks/report.ipynb",
        "equality_progress/analysis/status.py",
        "equality_progress/report_templates/report.css",
    ],
)
def test_any_changed_input_sends_the_batch_to_the_per_report_check(project, path):
    root, opts, fp = _recorded(project)
    touch(root / path)
    assert staleness.batch_fingerprint(root, root / "data", SELECTION) != fp


def test_other_options_or_a_missing_output_miss_the_batch_record(project):
    root, opts, fp = _recorded(project)
    other = staleness.batch_fingerprint(root, root / "data", {**SELECTION, "formats": ["pdf"]})
    assert other != fp
    assert staleness.unchanged_batch(opts.output, other, ("html",)) is None
    (opts.output / "sefton" / "2024-25" / "report.html").unlink()
    assert staleness.unchanged_batch(opts.output, fp, ("html",)) is None
    assert staleness.unchanged_batch(opts.output, fp, ("html", "pdf")) is None

"""verify: a freshly built report is proved identical to a re-run; a report whose data
changed, whose report.html was edited or whose templates changed is caught, with the cause
named. Each case re-runs the quick unnamed-ca report from the session's sample build."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from support import ROOT, run_cli

from equality_progress.batch.verify import causes, csv_changes, report_folders
from equality_progress.errors import InputError


def copy_report(built: Path, dest: Path) -> Path:
    return Path(shutil.copytree(built / "unnamed-ca" / "2024-25", dest))


def block(out: str, folder: Path) -> str:
    """The lines verify printed for one folder."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if f"({folder})" in line)
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith("  ")), None)
    return "\n".join(lines[start:end])


def test_verify_proves_a_fresh_report_and_names_each_cause(built: Path, tmp_path: Path) -> None:
    clean = copy_report(built, tmp_path / "clean")
    edited = copy_report(built, tmp_path / "edited")
    html = edited / "report.html"
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", " (final)</h1>", 1))
    # a report published with other templates: its manifest records their hash, and its
    # report.html (untouched since, so its recorded output hash matches) is theirs
    templated = copy_report(built, tmp_path / "templated")
    manifest = json.loads((templated / ".build.json").read_text(encoding="utf-8"))
    manifest["inputs"]["code/report_templates/report.css"] = "0" * 64
    page = templated / "report.html"
    page.write_text(page.read_text(encoding="utf-8").replace("<body", "<body data-old", 1))
    manifest["outputs"]["report.html"] = hashlib.sha256(page.read_bytes()).hexdigest()
    (templated / ".build.json").write_text(json.dumps(manifest), encoding="utf-8")

    proc = run_cli("verify", str(clean), str(edited), str(templated), "--jobs", "1")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "verified, 5 files identical to a re-run" in block(out, clean)
    e = block(out, edited)
    assert "DIFFERS" in e and "report.html: edited after publishing" in e
    assert "report.pdf" not in e and "cause:" not in e  # only the edited file, no input changed
    t = block(out, templated)
    assert "report.html: differs from the re-run" in t and "edited" not in t
    assert "cause: the templates changed since publishing: code/report_templates/report.css" in t
    assert "1 verified, 2 differ" in out
    assert (clean / "report.html").read_bytes() == (
        built / "unnamed-ca/2024-25/report.html"
    ).read_bytes()


def test_verify_names_a_data_file_changed_after_publishing(built: Path, tmp_path: Path) -> None:
    report = copy_report(built, tmp_path / "report")
    data = Path(shutil.copytree(ROOT / "data" / "unnamed-ca", tmp_path / "data" / "unnamed-ca"))
    actions = data / "2024-25" / "actions.csv"
    text = actions.read_text(encoding="utf-8")
    actions.write_text(text.replace("objective-1,in_progress", "objective-1,complete", 1))
    proc = run_cli("verify", str(report), "--data-dir", str(tmp_path / "data"), "--jobs", "1")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    b = block(proc.stdout, report)
    assert "cause: an input changed since publishing" in b
    assert "data/unnamed-ca/2024-25/actions.csv (changed)" in b
    # the revised figure is named by row and column in the open data
    assert "objective-1 value: 'in_progress' -> 'complete'" in b
    assert "edited after publishing" not in b


def test_causes_are_sorted_into_inputs_templates_and_code() -> None:
    manifest = {"inputs": {"data/a.csv": "1", "code/analysis/x.py": "2", "params/p.yaml": "3"}}
    now = {
        "data/a.csv": "9",
        "code/analysis/x.py": "2",
        "code/report_templates/report.typ.j2": "4",
        "code/report/y.py": "5",
    }
    assert causes(manifest, now) == [
        "an input changed since publishing (its hash no longer matches the provenance): "
        "data/a.csv (changed), params/p.yaml (removed)",
        "the templates changed since publishing: code/report_templates/report.typ.j2 (added)",
        "the tool's code changed since publishing: code/report/y.py (added)",
    ]
    assert causes(manifest, dict(manifest["inputs"])) == []


def test_csv_changes_by_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("indicator_id,value\nx,1\ny,2\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text("indicator_id,value\nx,1\ny,3\nz,4\n", encoding="utf-8")
    assert csv_changes(tmp_path / "a.csv", tmp_path / "b.csv") == [
        "y value: '2' -> '3'",
        "z: only in the re-run",
    ]


def test_a_folder_without_reports_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no published report here"):
        report_folders([tmp_path])

"""One report's build steps: atomic publishing."""

import pytest

from equality_progress.batch import steps as build


def test_publish_replaces_only_with_a_complete_folder(tmp_path):
    dest = tmp_path / "lcrca" / "2024-25"
    dest.mkdir(parents=True)
    (dest / "report.html").write_text("old")
    work = tmp_path / "lcrca" / ".build-x"
    work.mkdir()
    (work / "report.html").write_text("new")
    build.publish(work, dest)
    assert (dest / "report.html").read_text() == "new"
    assert not work.exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == ["2024-25"]  # no backups left


def test_publish_restores_the_old_report_if_the_swap_fails(tmp_path, monkeypatch):
    dest = tmp_path / "a" / "2024-25"
    dest.mkdir(parents=True)
    (dest / "report.html").write_text("old")
    work = tmp_path / "a" / ".build-y"
    work.mkdir()
    real = build.os.replace
    calls = []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(build.os, "replace", flaky)
    with pytest.raises(OSError):
        build.publish(work, dest)
    assert (dest / "report.html").read_text() == "old"

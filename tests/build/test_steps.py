"""One report's build steps: notebook cleaning and atomic publishing."""

import nbformat
import pytest

from equality_progress.build import steps as build


def test_clean_notebook_strips_timings_and_paths():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {
        "start_time": "t",
        "end_time": "t",
        "duration": 1.0,
        "input_path": "/home/me/x.ipynb",
        "output_path": "/tmp/y",
        "parameters": {"year": "2024-25"},
    }
    cell = nbformat.v4.new_code_cell("x")
    cell.metadata.update(
        {"papermill": {"duration": 1}, "execution": {"iopub": "t"}, "tags": ["injected-parameters"]}
    )
    nb.cells = [cell]
    out = build.clean_notebook(nb)
    assert out.metadata["papermill"] == {"parameters": {"year": "2024-25"}}
    assert out.cells[0].metadata == {"tags": ["injected-parameters"]}
    assert out.cells[0].id == "injected-parameters"


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

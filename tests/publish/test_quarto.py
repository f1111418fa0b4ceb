"""The Quarto backend's command line, and the backend run with a stand-in executable."""

import stat
from pathlib import Path

import nbformat
import pytest
from executed import executed_notebook

from equality_progress.publish import quarto


def test_quarto_command_renders_without_executing():
    cmd = quarto.quarto_command(Path("/x/report.ipynb"), "pdf", "quarto")
    assert cmd[:3] == ["quarto", "render", "report.ipynb"]
    assert cmd[cmd.index("--to") + 1] == "typst"
    assert "--no-execute" in cmd and "echo:false" in cmd
    assert cmd[cmd.index("--output") + 1] == "report.pdf"


def test_quarto_backend_with_a_stand_in_executable(tmp_path):
    """A fake `quarto` records its arguments and writes the file Quarto would."""
    log = tmp_path / "args.txt"
    fake = tmp_path / "quarto"
    fake.write_text(
        "#!/bin/sh\n"
        f'echo "$@" >> "{log}"\n'
        'out=""; prev=""\n'
        'for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done\n'
        'echo rendered > "$out"\n',
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    work = tmp_path / "build"
    work.mkdir()
    nbformat.write(executed_notebook(), work / "report.ipynb")
    written = quarto.render_quarto(work / "report.ipynb", work, ("html", "pdf"), str(fake))
    assert [p.name for p in written] == ["report.html", "report.pdf"]
    calls = log.read_text().splitlines()
    assert calls[0].startswith("render report.ipynb --to html --no-execute")
    assert "--to typst" in calls[1]


def test_quarto_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(RuntimeError, match="no 'quarto' is on PATH"):
        quarto.render_quarto(tmp_path / "report.ipynb", tmp_path)

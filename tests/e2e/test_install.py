"""The tool installs, and an authority's project is a folder of its own: the built wheel,
installed in a fresh virtual environment with no checkout of this repository on the path,
makes a project with `new`, takes the sample data dropped in, and builds its reports."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _run(args: list, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # a copy of the sources, so that building leaves nothing in the checkout
    src = dist / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".venv", ".git", "reports", "__pycache__", "*.egg-info"),
    )
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, src], dist)
    return next(dist.glob("equality_progress-*.whl"))


def test_the_wheel_carries_the_notebook_and_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "equality_progress/notebooks/report.ipynb",
        "equality_progress/report_templates/report.html.j2",
        "equality_progress/report_templates/report.typ.j2",
        "equality_progress/report_templates/nbconvert/conf.json",
    ):
        assert needed in names
    assert not [n for n in names if n.startswith(("params/", "data/", "tests/"))]


def test_an_installed_tool_builds_an_authoritys_own_project(wheel, tmp_path):
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", venv], tmp_path)
    bin_dir = venv / "bin"
    site = Path(
        _run(
            [bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            tmp_path,
        ).stdout.strip()
    )
    # The dependencies (pinned, already installed for the tests) are made visible to the
    # fresh environment by a .pth file; the .pth files inside that folder, among them the
    # editable install of this checkout, are not read, so the checkout stays off the path.
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run(
        [bin_dir / "python", "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel],
        tmp_path,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EQUALITY_PROGRESS", "PYTHON"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    where = _run(
        [
            bin_dir / "python",
            "-c",
            "import equality_progress, sys; print(equality_progress.__file__); print(sys.path)",
        ],
        tmp_path,
        env,
    ).stdout
    assert where.splitlines()[0].startswith(str(venv)), where
    deps = sysconfig.get_path("purelib")
    on_path = [p for p in ast.literal_eval(where.splitlines()[1]) if p.startswith(str(ROOT))]
    assert on_path in ([], [deps]), f"the checkout is on the fresh environment's path: {on_path}"

    _run(
        [
            bin_dir / "equality-progress",
            "new",
            "proj",
            "--authority",
            "unnamed-ca",
            "--year",
            "2024-25",
        ],
        tmp_path,
        env,
    )
    project = tmp_path / "proj"
    # the sample authority's own material dropped in over what `new` wrote
    for rel in ("params/authorities/unnamed-ca.yaml", "params/catalogues/unnamed-ca.yaml"):
        shutil.copy(ROOT / rel, project / rel)
    shutil.rmtree(project / "data" / "unnamed-ca")
    shutil.copytree(ROOT / "data" / "unnamed-ca", project / "data" / "unnamed-ca")
    env["SOURCE_DATE_EPOCH"] = "1763683200"

    _run([bin_dir / "equality-progress", "validate"], project, env)
    out = _run(
        [bin_dir / "equality-progress", "--format", "html", "--jobs", "1", "-q"], project, env
    )
    report = project / "reports" / "unnamed-ca" / "2024-25"
    assert (report / "report.html").is_file() and (report / "indicators.csv").is_file(), out.stdout
    html = (report / "report.html").read_text(encoding="utf-8")
    assert "synthetic sample data" in html.lower()
    assert str(ROOT) not in (report / "report.ipynb").read_text(encoding="utf-8")

"""Batch runner units: planning, incremental keys, scheduling, and the lanes' orchestration
(with stand-in stages)."""

from pathlib import Path

import pytest

from equality_progress.batch import runner, staleness
from equality_progress.batch import steps as build
from equality_progress.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


def test_plan_filters_and_rejects_unknowns():
    jobs = runner.plan(["lcrca"], ["2024-25"], ["lcrca", "sefton"])
    assert jobs == [runner.Job("lcrca", "2024-25")]
    with pytest.raises(InputError, match="no authority 'x'"):
        runner.plan(["x"], None, ["lcrca"])
    with pytest.raises(InputError, match="no report matches"):
        runner.plan(["lcrca"], ["2030-31"], ["lcrca"])


def opts(tmp_path, **kw):
    return runner.Options(output=tmp_path, **kw)


@pytest.mark.parametrize(
    "kind", ["notebook", "settings", "params", "catalogue", "data", "code", "templates"]
)
def test_each_kind_of_input_is_a_dependency(kind, tmp_path):
    deps = staleness.dependencies("lcrca", "2024-25", opts(tmp_path), ROOT)
    names = list(deps)
    prefixes = {
        "notebook": "code/notebooks/report.ipynb",
        "settings": "params/settings.yaml",
        "params": "params/authorities/lcrca.yaml",
        "catalogue": "params/catalogues/lcrca.yaml",
        "data": "data/lcrca/2024-25/workforce.csv",
        "code": "code/analysis/status.py",
        "templates": "code/report_templates/report.typ.j2",
    }
    assert prefixes[kind] in names


def test_dependencies_cover_earlier_years_but_not_other_authorities(tmp_path):
    deps = staleness.dependencies("lcrca", "2023-24", opts(tmp_path), ROOT)
    assert "data/lcrca/2021-22/workforce.csv" in deps  # the baseline year feeds the trend
    assert not any(k.startswith("data/lcrca/2024-25") for k in deps)
    assert not any(k.startswith("data/sefton") for k in deps)


def test_digest_changes_when_any_dependency_changes(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("1")
    before = staleness.digest({"x": a})
    a.write_text("2")
    assert staleness.digest({"x": a}) != before
    assert staleness.digest({"x": a}) == staleness.digest({"x": a})
    assert staleness.digest({"x": a}, ("html",)) != staleness.digest({"x": a}, ("pdf",))


def test_is_current_needs_matching_digest_and_all_outputs(tmp_path):
    dep = tmp_path / "d"
    dep.write_text("x")
    deps = {"d": dep}
    key = staleness.digest(deps)
    staleness.write_manifest(tmp_path, key, deps)
    for n in ("report.ipynb", "indicators.csv", "changes.csv", "report.html"):
        (tmp_path / n).write_text("x")
    assert staleness.is_current(tmp_path, key, ("html",))
    assert not staleness.is_current(tmp_path, key, ("html", "pdf"))  # pdf missing
    assert not staleness.is_current(tmp_path, "other", ("html",))


def test_largest_first_orders_jobs_by_input_size_and_keeps_ties_in_order():
    jobs = [
        runner.Job("unnamed-ca", "2024-25"),
        runner.Job("lcrca", "2022-23"),
        runner.Job("lcrca", "2024-25"),
    ]
    ordered = runner.largest_first(jobs)
    # lcrca 2024-25 reads four years of data, 2022-23 two, unnamed-ca one small year
    assert [j.name for j in ordered] == ["lcrca 2024-25", "lcrca 2022-23", "unnamed-ca 2024-25"]
    assert runner.largest_first([jobs[1], jobs[1]]) == [jobs[1], jobs[1]]


class FakeKernel:
    def __init__(self, log, start_error=None):
        self.log = log
        self.start_error = start_error

    def start(self):
        self.log.append("start")
        if self.start_error:
            raise self.start_error

    def kill(self):
        self.log.append("kill")

    def shutdown(self):
        self.log.append("shutdown")


def _orchestration(monkeypatch, tmp_path, failing=(), kernel_error=None, kernels_failing=2):
    """run() with its stages replaced: which stage saw which report, in what order."""
    log = {"executed": [], "kernels": []}
    made = []

    def warm(settings):
        made.append(1)
        if kernel_error and len(made) <= kernels_failing:
            raise kernel_error
        return FakeKernel(log["kernels"])

    def execute(job, opts, settings, kernel):
        log["executed"].append(job.name)
        if job.name in failing:  # as the notebook's first step stops at bad inputs
            return runner.Outcome(job, "failed", error="bad data")
        return runner.Outcome(job, "built")

    monkeypatch.setattr(runner, "_warm_kernel", warm)
    monkeypatch.setattr(runner, "execute_one", execute)
    monkeypatch.setattr(runner, "largest_first", lambda jobs, data_dir=None: list(jobs))
    jobs = [runner.Job("lcrca", y) for y in ("2022-23", "2023-24", "2024-25", "2025-26")]
    opts = runner.Options(output=tmp_path / "out", force=True)
    outcomes = runner.run(jobs, opts, jobs_n=2)
    return {o.job.name: o for o in outcomes}, log


def test_every_report_goes_to_a_kernel_once_and_a_failure_fails_only_its_own_report(
    monkeypatch, tmp_path
):
    outcomes, log = _orchestration(monkeypatch, tmp_path, failing={"lcrca 2023-24"})
    assert sorted(log["executed"]) == sorted(outcomes)  # each report once, on some lane
    assert outcomes["lcrca 2023-24"].state == "failed" and outcomes["lcrca 2023-24"].error
    assert [o.state for n, o in outcomes.items() if n != "lcrca 2023-24"] == ["built"] * 3
    assert sorted(log["kernels"]) == ["shutdown", "shutdown", "start", "start"]  # one per lane


def test_a_kernel_that_cannot_start_fails_its_reports_and_the_batch_still_ends(
    monkeypatch, tmp_path
):
    outcomes, log = _orchestration(monkeypatch, tmp_path, kernel_error=OSError("no such kernel"))
    assert log["executed"] == []
    assert {o.state for o in outcomes.values()} == {"failed"}
    assert all("no kernel: OSError: no such kernel" in o.error for o in outcomes.values())


def test_a_lane_whose_kernel_cannot_start_leaves_its_reports_to_the_others(monkeypatch, tmp_path):
    outcomes, log = _orchestration(
        monkeypatch, tmp_path, kernel_error=OSError("port in use"), kernels_failing=1
    )
    assert sorted(log["executed"]) == sorted(outcomes)
    assert {o.state for o in outcomes.values()} == {"built"}


def test_an_interrupted_batch_stops_its_kernels_and_leaves_nothing_half_built(
    monkeypatch, tmp_path
):
    """Ctrl-C while reports are being built: no new notebook starts, the kernels are
    stopped, reports already being published finish (atomically), the rest leave nothing."""
    import threading
    import time

    kernels, executed = [], []
    out = tmp_path / "out"

    def execute(job, opts, settings, kernel):
        executed.append(job.name)
        time.sleep(0.3)
        work = out / job.authority / f".build-{job.year}-x"
        work.mkdir(parents=True)
        return build.Executed(job, work, "digest", {}, time.time(), None)

    def finish(ex, opts, settings):
        time.sleep(0.2 if ex.job == jobs[0] else 0.6)  # the second is still rendering
        build.publish(ex.work, out / ex.job.authority / ex.job.year)
        return runner.Outcome(ex.job, "built")

    seen = []

    def interrupt(outcome, done, total):
        seen.append(outcome)
        if len(seen) == 1:
            raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_warm_kernel", lambda settings: FakeKernel(kernels))
    monkeypatch.setattr(runner, "execute_one", execute)
    monkeypatch.setattr(runner, "finish_one", finish)
    monkeypatch.setattr(runner, "largest_first", lambda jobs, data_dir=None: list(jobs))
    jobs = [runner.Job("lcrca", f"20{y}-{y + 1}") for y in range(20, 28)]
    with pytest.raises(KeyboardInterrupt):
        runner.run(jobs, runner.Options(output=out, force=True), jobs_n=2, on_done=interrupt)
    assert kernels.count("kill") == 2 and kernels.count("shutdown") == 2
    assert len(executed) < len(jobs)  # no notebook started after the interruption
    assert not list(out.glob("*/.build-*"))  # nothing half-built left behind
    published = {p.name for p in (out / "lcrca").iterdir()}
    assert published <= {j.year for j in jobs[: len(executed)]}
    # every report published, even while the batch was stopping, is counted
    assert {o.job.year for o in seen if o.state == "built"} == published
    assert threading.active_count() < 10  # the batch's threads have ended


def test_a_kernel_that_fails_halfway_through_starting_is_still_shut_down(monkeypatch, tmp_path):
    """Its process may be running already (the client failed, not the launch)."""
    log = []
    monkeypatch.setattr(
        runner, "_warm_kernel", lambda settings: FakeKernel(log, OSError("no channels"))
    )
    jobs = [runner.Job("lcrca", "2024-25")]
    [outcome] = runner.run(jobs, runner.Options(output=tmp_path / "out", force=True))
    assert outcome.state == "failed" and "no kernel: OSError: no channels" in outcome.error
    assert log == ["start", "shutdown"]


def test_the_batch_process_never_imports_pandas_or_the_analysis(tmp_path):
    """A real build of one report (HTML and PDF): only the kernels compute, so the batch
    process stays free of pandas, scipy and the analysis (1.7 s of CPU a batch)."""
    import json
    import subprocess
    import sys

    script = (
        "import json, sys\n"
        "from equality_progress.batch import cli\n"
        "code = cli.main(['--authority', 'unnamed-ca', '--jobs', '1', '-q', "
        f"'--output', {str(tmp_path / 'reports')!r}])\n"
        "heavy = ('pandas', 'numpy', 'scipy', 'equality_progress.analysis')\n"
        "print(json.dumps([code, sorted(m for m in sys.modules if m.startswith(heavy))]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    code, heavy = json.loads(out.stdout.strip().splitlines()[-1])
    assert code == 0, out.stderr
    assert (tmp_path / "reports" / "unnamed-ca" / "2024-25" / "report.pdf").is_file()
    assert heavy == []

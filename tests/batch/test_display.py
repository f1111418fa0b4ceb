import io
import time

from equality_progress.batch.display import ProgressDisplay


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    with ProgressDisplay(3, out) as d:
        d.report("built", "built   a 2024-25 (1.0s)")
        d.report("failed", "failed  b 2024-25 (0.5s)")
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/3] built   a 2024-25")
    assert "2/3 done (1 built, 0 unchanged, 1 failed), 1 to go" in lines[1]
    assert "\r" not in out.getvalue()


def test_live_status_line_redraws_with_elapsed_time():
    out = io.StringIO()
    with ProgressDisplay(2, out, live=True) as d:
        time.sleep(0.6)
        d.report("skipped", "skipped a 2024-25 (0.0s)")
    text = out.getvalue()
    assert "\r\033[K0/2 done" in text  # redrawn by the ticker before anything finished
    assert "skipped a 2024-25" in text
    assert text.rstrip().endswith("elapsed") and "1/2 done" in text


def test_quiet_counts_and_prints_no_line_per_report():
    out = io.StringIO()
    with ProgressDisplay(2, stream=out, live=False, quiet=True) as d:
        d.report("built", "built a")
        d.report("failed", "failed b")
    assert out.getvalue() == ""
    assert d.counts == {"built": 1, "skipped": 0, "failed": 1}


def test_quiet_on_a_terminal_keeps_the_one_status_line():
    """Issue 26: a national run with -q shows how far it is, on one redrawn line."""
    out = io.StringIO()
    with ProgressDisplay(2, stream=out, live=True, quiet=True) as d:
        d.report("built", "built a")
    text = out.getvalue()
    assert "built a" not in text and "\r\033[K1/2 done (1 built" in text
    assert text.count("\n") == 1


def test_the_status_gives_the_rate_and_the_time_left():
    """10 reports, 2 done in 4 s: 2.00 s a report, 8 left, about 16 s to go."""
    now = [100.0]
    d = ProgressDisplay(10, io.StringIO(), live=False, quiet=True, clock=lambda: now[0])
    d.report("built", "a")
    d.report("skipped", "b")
    now[0] = 104.0
    assert d.status() == (
        "2/10 done (1 built, 1 unchanged, 0 failed), 8 to go, 2.00 s a report, "
        "about 00:16 left, 00:04 elapsed"
    )
    for _ in range(8):
        d.report("built", "c")
    assert d.status().endswith("0 to go, 00:04 elapsed")  # nothing left to estimate


def test_a_quiet_runs_warnings_are_summed_up_by_kind(tmp_path):
    from equality_progress.batch.display import warnings_summary, write_warnings
    from equality_progress.batch.jobs import Job, Outcome

    def done(a: str, *warnings: str) -> Outcome:
        return Outcome(Job(a, "2024-25"), "built", warnings=list(warnings))

    outcomes = [
        done(
            "lcrca",
            "pay-gap is off track and has no analyst commentary",
            "senior-roles is off track and has no analyst commentary",
        ),
        done(
            "sefton",
            "staff-survey is off track and has no analyst commentary",
            "a note on the data",
        ),
        done("unnamed-ca"),
    ]
    listed = write_warnings(outcomes, tmp_path / ".warnings.txt")
    assert listed is not None
    assert listed.read_text(encoding="utf-8").splitlines() == [
        "lcrca 2024-25: pay-gap is off track and has no analyst commentary",
        "lcrca 2024-25: senior-roles is off track and has no analyst commentary",
        "sefton 2024-25: staff-survey is off track and has no analyst commentary",
        "sefton 2024-25: a note on the data",
    ]
    assert warnings_summary(outcomes, listed) == [
        "4 warning(s) in 2 report(s):",
        "  3 x <id> is off track and has no analyst commentary\n"
        "      e.g. lcrca 2024-25: pay-gap is off track and has no analyst commentary",
        "  1 x a note on the data\n      e.g. sefton 2024-25: a note on the data",
        f"  every warning, report by report: {listed}",
    ]
    assert write_warnings(outcomes[2:], listed) is None and not listed.exists()
    assert warnings_summary(outcomes[2:], None) == []

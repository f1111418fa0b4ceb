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


def test_quiet_counts_but_prints_nothing():
    out = io.StringIO()
    with ProgressDisplay(2, stream=out, live=True, quiet=True) as d:
        d.report("built", "built a")
        d.report("failed", "failed b")
    assert out.getvalue() == ""
    assert d.counts == {"built": 1, "skipped": 0, "failed": 1}

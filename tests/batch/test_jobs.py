"""The batch's units of work and the summary table."""

from equality_progress.batch.jobs import Job, Outcome, summary_table


def test_summary_table_lists_failures_with_reasons():
    out = summary_table(
        [
            Outcome(Job("a", "2024-25"), "built", 2.0, status_counts={"achieved": 3}),
            Outcome(Job("b", "2024-25"), "failed", 1.0, error="bad row\nmore"),
        ]
    )
    assert "a 2024-25  built" in out and "achieved 3" in out
    assert "b 2024-25  failed" in out and "bad row" in out and "more" not in out

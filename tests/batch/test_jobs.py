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


def test_summary_table_counts_measures_actions_and_context_apart():
    """Issue 23: 'achieved 46, on track 24' mixed measures with actions; the run summary
    counts them apart, as page one does."""
    by_kind = {
        "measures": {"achieved": 2, "on_track": 12, "off_track": 1},
        "actions": {"achieved": 40, "not_started": 1},
        "context": {"not_assessed": 1},
    }
    out = summary_table([Outcome(Job("a", "2024-25"), "built", 2.0, by_kind=by_kind)])
    assert out.endswith(
        "measures: achieved 2, on track 12, off track 1; actions: achieved 40, "
        "not started 1; context 1"
    )

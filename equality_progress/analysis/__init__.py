"""Analysis: statistics, statuses, measures, evaluation, pay gaps, workforce, disclosure."""

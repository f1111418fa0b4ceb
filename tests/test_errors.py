"""Errors the analyst sees: every problem named by file, row, column and value found."""

from __future__ import annotations

from equality_progress.errors import InputError, Problem, display_path


def test_a_problem_names_where_and_what_was_found():
    p = Problem("data/a/2024-25/workforce.csv", "has a currency sign", 17, "hourly_pay", "£18.42")
    assert str(p) == (
        "data/a/2024-25/workforce.csv, row 17, column 'hourly_pay': has a currency sign "
        "(found '£18.42')"
    )
    assert str(Problem("params/authorities", "no authority 'x'")) == (
        "params/authorities: no authority 'x'"
    )


def test_an_input_error_lists_every_problem_not_only_the_first():
    problems = [Problem("f.csv", "first", 2), Problem("f.csv", "second", 3)]
    err = InputError(problems)
    assert err.problems == problems
    assert str(err).splitlines() == [
        "2 problem(s) in the inputs:",
        "  - f.csv, row 2: first",
        "  - f.csv, row 3: second",
    ]


def test_paths_in_messages_never_show_the_machine(tmp_path):
    inside = tmp_path / "data" / "a.csv"
    assert display_path(inside, tmp_path) == "data/a.csv"
    assert display_path(inside, tmp_path / "other") == "a.csv"  # outside root: name only
    assert display_path("data/a.csv") == "data/a.csv"

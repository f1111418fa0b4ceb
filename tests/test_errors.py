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


def test_the_same_problem_on_many_rows_is_one_line():
    from equality_progress.errors import InputError, Problem, grouped

    empty = [
        Problem("w.csv", "is empty", row=r, column="grade", rule="required") for r in range(2, 1460)
    ]
    other = Problem("w.csv", "is not a number", row=7, column="hourly_pay", value="x")
    lines = grouped([empty[0], other, *empty[1:]])
    assert lines == [
        "w.csv, column 'grade': is empty, on 1458 rows: 2, 3, 4, 5, 6 and 1453 more",
        "w.csv, row 7, column 'hourly_pay': is not a number (found 'x')",
    ]
    exc = InputError([*empty, other])
    assert len(exc.problems) == 1459 and str(exc).startswith("2 problem(s) in the inputs:")
    two = [Problem("m.csv", "bad", row=r, column="v", value=str(r)) for r in (3, 9)]
    assert grouped(two) == ["m.csv, column 'v': bad, on 2 rows: 3, 9 (found '3' on row 3)"]

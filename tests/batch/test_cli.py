"""The CLI is thin: these tests mock the library calls and check the arguments."""

import shutil
from pathlib import Path
from unittest import mock

import pytest

from equality_progress.batch import cli, runner
from equality_progress.layout import OUTPUT_PUBLISHED, published_files

ROOT = Path(__file__).resolve().parents[2]


def outcome(job, state="built"):
    return runner.Outcome(job, state, 1.0, status_counts={"achieved": 1})


def test_no_arguments_builds_every_authority_and_year(tmp_path):
    with (
        mock.patch.object(
            runner, "run", side_effect=lambda jobs, *a, **k: [outcome(j) for j in jobs]
        ) as run,
        mock.patch("equality_progress.publish.index_page.render_index") as index,
    ):
        assert cli.main(["--output", str(tmp_path), "--jobs", "3"]) == 0
    jobs, opts, jobs_n = run.call_args.args[:3]
    assert [j.name for j in jobs] == [
        "lcrca 2022-23",
        "lcrca 2023-24",
        "lcrca 2024-25",
        "lcrca 2025-26",
        "sefton 2023-24",
        "sefton 2024-25",
        "sefton 2025-26",
        "unnamed-ca 2024-25",
    ]
    assert jobs_n == 3
    assert opts.output == tmp_path and opts.formats == ("html", "pdf")
    assert opts.renderer == "builtin" and not opts.force
    index.assert_called_once()


def test_filters_formats_force_and_renderer(tmp_path):
    with (
        mock.patch.object(runner, "run", return_value=[]) as run,
        mock.patch.object(cli, "summary_table", return_value=""),
        mock.patch("equality_progress.publish.index_page.render_index"),
    ):
        cli.main(
            [
                "--authority",
                "sefton",
                "--year",
                "2024-25",
                "--format",
                "html",
                "--force",
                "--renderer",
                "quarto",
                "--output",
                str(tmp_path),
            ]
        )
    jobs, opts = run.call_args.args[:2]
    assert [j.name for j in jobs] == ["sefton 2024-25"]
    assert opts.formats == ("html",) and opts.force and opts.renderer == "quarto"


def test_auto_renderer_uses_quarto_only_when_on_path(tmp_path):
    with (
        mock.patch.object(runner, "run", return_value=[]) as run,
        mock.patch.object(cli, "summary_table", return_value=""),
        mock.patch("equality_progress.publish.index_page.render_index"),
        mock.patch.object(cli.shutil, "which", return_value=None),
    ):
        cli.main(["--renderer", "auto", "--authority", "unnamed-ca", "--output", str(tmp_path)])
    assert run.call_args.args[1].renderer == "builtin"


def test_failed_report_gives_non_zero_exit_and_reason(tmp_path, capsys):
    def fake(jobs, *a, **k):
        return [runner.Outcome(jobs[0], "failed", 0.5, error="data/x.csv, row 3: bad")]

    with (
        mock.patch.object(runner, "run", side_effect=fake),
        mock.patch("equality_progress.publish.index_page.render_index"),
    ):
        assert cli.main(["--authority", "unnamed-ca", "--output", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "failed" in out.out and "data/x.csv, row 3: bad" in out.err


def test_ctrl_c_exits_130_saying_what_was_published_and_refreshes_the_index(tmp_path, capsys):
    def interrupted(jobs, opts, n, on_done):
        on_done(runner.Outcome(jobs[0], "built", 1.0), 1, len(jobs))
        raise KeyboardInterrupt

    with (
        mock.patch.object(runner, "run", side_effect=interrupted),
        mock.patch("equality_progress.publish.index_page.render_index") as index,
    ):
        assert cli.main(["--authority", "lcrca", "--output", str(tmp_path), "-q"]) == 130
    err = capsys.readouterr().err
    assert "interrupted: 1 report(s) built and published" in err
    assert "nothing half-built is published" in err
    index.assert_called_once()
    assert not (tmp_path / ".batch.json").exists()  # the next run builds what is missing


def test_unknown_authority_is_a_clear_error(capsys):
    assert cli.main(["--authority", "nowhere"]) == 2
    assert "no authority 'nowhere'" in capsys.readouterr().err


def test_bad_format_is_rejected_in_one_line(capsys):
    assert cli.main(["--format", "rtf"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "formats are html, pdf and/or docx, not rtf" in err


def test_list_shows_authorities_and_years(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    assert "lcrca" in out and "2022-23, 2023-24, 2024-25, 2025-26" in out
    assert "baseline December 2022" in out
    assert "unnamed-ca" in out


def test_validate_passes_on_sample_data(capsys):
    assert cli.main(["validate", "--authority", "unnamed-ca"]) == 0
    assert "1 report(s) checked, 0 problem(s)" in capsys.readouterr().out


def test_init_writes_params_catalogue_and_templates(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(tmp_path))
    (tmp_path / "params" / "authorities").mkdir(parents=True)
    (tmp_path / "params" / "catalogues").mkdir(parents=True)
    assert cli.main(["init", "newtown", "--year", "2025-26"]) == 0
    from equality_progress.inputs.catalogue import load_catalogue
    from equality_progress.inputs.settings import load_authority

    assert load_authority("newtown", tmp_path).reporting_years == ["2025-26"]
    # a runnable stub: one example measure, which the analyst replaces
    assert [i.id for i in load_catalogue("newtown", tmp_path).indicators] == [
        "employer-ethnic-minority-workforce"
    ]
    text = (tmp_path / "params" / "catalogues" / "newtown.yaml").read_text()
    for kind in ("kind: target", "kind: direction", "kind: threshold", "kind: milestone"):
        assert kind in text
    assert (
        (tmp_path / "data" / "newtown" / "templates" / "workforce.csv")
        .read_text()
        .startswith("employee_id,employer,")
    )
    capsys.readouterr()
    assert cli.main(["init", "newtown"]) == 2  # never overwrites
    assert "already exists; nothing was written" in capsys.readouterr().err


def test_init_writes_files_whose_only_problem_is_the_data_to_add(tmp_path, monkeypatch, capsys):
    """Years written 2025/26 are accepted; what init writes passes validate except for the
    data its stub measure needs and the contact every public report gives (issue 25), which
    validate names with the fix."""
    shutil.copytree(ROOT / "params", tmp_path / "params")
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(tmp_path))
    monkeypatch.delenv("EQUALITY_PROGRESS_DATA", raising=False)
    assert cli.main(["init", "newtown", "--year", "2025/26"]) == 0
    capsys.readouterr()
    assert cli.main(["validate", "--authority", "newtown", "--year", "2025-2026"]) == 1
    captured = capsys.readouterr()
    assert "1 report(s) checked, 3 problem(s)" in captured.out
    assert "params/authorities/newtown.yaml: contact: missing" in captured.err
    assert "newtown/2025-26/workforce.csv: is missing, and this year's report needs it" in (
        captured.err
    )


@pytest.mark.parametrize(
    ("text", "label"), [("2024-25", "2024-25"), ("2024/25", "2024-25"), ("2024-2025", "2024-25")]
)
def test_years_are_accepted_as_people_write_them(text, label):
    assert cli.year_label(text) == label


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2024-26", ": 26 does not follow 2024;"),
        ("2024/2026", ": 2026 does not follow 2024;"),
        ("24-25", ";"),
        ("2024", ";"),
        ("FY24", ";"),
    ],
)
def test_a_year_that_is_not_a_financial_year_is_refused(text, why, capsys):
    assert cli.main(["validate", "--year", text]) == 2
    err = capsys.readouterr().err
    assert (
        err == f"error: argument --year: '{text}' is not a financial year{why} write it like "
        f"2024-25 (or 2024/25) (see 'equality-progress validate --help')\n"
    )


def test_a_bad_params_file_fails_its_own_authority_only(tmp_path, monkeypatch, capsys):
    shutil.copytree(ROOT / "params", tmp_path / "params")
    path = tmp_path / "params" / "authorities" / "lcrca.yaml"
    path.write_text(path.read_text().replace("short_name:", "shortname:"))
    monkeypatch.setenv("EQUALITY_PROGRESS_PROJECT", str(tmp_path))
    monkeypatch.setenv("EQUALITY_PROGRESS_DATA", str(ROOT / "data"))
    assert cli.main(["validate", "--authority", "lcrca,unnamed-ca"]) == 1
    out = capsys.readouterr().out
    assert "FAILED  lcrca (every year)" in out
    assert "ok      unnamed-ca 2024-25" in out


def test_second_run_with_nothing_changed_does_not_plan_or_run(tmp_path, capsys):
    def built(jobs, opts, *a, **k):
        for j in jobs:  # what a real build leaves behind
            d = opts.output / j.authority / j.year
            d.mkdir(parents=True)
            for n in (".build.json", *published_files(opts.formats)):
                (d / n).write_text("x")
        for n in OUTPUT_PUBLISHED:  # the index page and the open data package
            (opts.output / n).write_text("x")
        return [outcome(j) for j in jobs]

    args = ["--authority", "sefton", "--format", "html", "--output", str(tmp_path)]
    with (
        mock.patch.object(runner, "run", side_effect=built),
        mock.patch("equality_progress.publish.index_page.render_index"),
        mock.patch("equality_progress.publish.data_package.write_package"),
    ):
        assert cli.main(args) == 0
    capsys.readouterr()
    with mock.patch.object(runner, "plan", side_effect=AssertionError("planned")):
        assert cli.main(args) == 0  # answered from the batch record
        assert "0 built, 3 unchanged, 0 failed" in capsys.readouterr().out
        with pytest.raises(AssertionError, match="planned"):  # other options: planned again
            cli.main([*args, "--format", "html,pdf"])

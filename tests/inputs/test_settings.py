"""Settings are validated on load; the kernel preload matches what the notebook imports."""

import ast
import json
from pathlib import Path

import pytest

from equality_progress.errors import InputError
from equality_progress.inputs.settings import load_settings
from equality_progress.layout import NOTEBOOK

ROOT = Path(__file__).resolve().parents[2]


def test_a_preload_entry_that_is_not_a_module_name_is_refused(tmp_path):
    params = tmp_path / "params"
    params.mkdir()
    (params / "settings.yaml").write_text(
        "execution:\n  preload: [pandas, 'os; import shutil']\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    message = str(err.value)
    assert "settings.yaml" in message and "preload" in message
    assert "'os; import shutil' is not a module name" in message


def test_the_preload_is_what_the_report_notebook_imports(settings):
    """A kernel preloads the notebook's own imports; if the notebook imports more, the
    first report on each kernel pays for it (and the bench's floor would be wrong)."""
    nb = json.loads((NOTEBOOK).read_text(encoding="utf-8"))
    imported = set()
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.ImportFrom) and node.module == "equality_progress":
                imported |= {f"equality_progress.{a.name}" for a in node.names}
            elif isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
    library = {m for m in imported if m.startswith("equality_progress")}
    assert library <= set(settings.execution.preload)
    assert "pandas" in settings.execution.preload  # imported by the library itself


def test_a_fixed_generation_date_is_refused_with_where_the_date_now_goes(tmp_path):
    (tmp_path / "params").mkdir()
    (tmp_path / "params" / "settings.yaml").write_text(
        "generation_date: 2026-11-21\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_settings(tmp_path)
    assert "published: {2024-25: 2025-06-30}" in str(err.value)


def test_each_years_report_is_dated_by_its_params_else_the_build_day(monkeypatch):
    from datetime import date

    from equality_progress.inputs.settings import Authority

    auth = Authority(
        id="x",
        display_name="X",
        short_name="X",
        strategy_title="S",
        strategy_period="2024 to 2026",
        baseline_year="2023-24",
        reporting_years=["2024-25", "2025-26"],
        published={"2024/25": date(2025, 6, 30)},  # any spelling of the year
    )
    assert auth.publication_date("2024-25") == date(2025, 6, 30)
    assert auth.publication_stated("2024-25") and not auth.publication_stated("2025-26")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763683200")  # 21 November 2025, 00:00 UTC
    assert auth.publication_date("2025-26") == date(2025, 11, 21)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert auth.publication_date("2025-26") == date.today()


def test_a_benchmark_states_why_it_is_the_comparison(tmp_path):
    """Issue 23: a population benchmark the strategy does not set is the authority's choice:
    without a reason the authority's params are refused, naming the field."""
    import shutil

    from equality_progress.inputs.settings import load_authority

    (tmp_path / "params" / "authorities").mkdir(parents=True)
    shutil.copy(ROOT / "params" / "settings.yaml", tmp_path / "params")
    text = (ROOT / "params" / "authorities" / "lcrca.yaml").read_text(encoding="utf-8")
    assert load_authority("lcrca", ROOT).benchmarks[0].reason.startswith("The strategy publishes")
    cut = text[: text.index("    reason: >-")] + text[text.index("# The date printed") :]
    (tmp_path / "params" / "authorities" / "lcrca.yaml").write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_authority("lcrca", tmp_path)
    assert "benchmarks.0.reason" in str(err.value) and "lcrca.yaml" in str(err.value)


GOOD_DATA = "  data: {measure: workforce_share, characteristic: sex, groups: [Female]}\n"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (  # one level too deep: source: under data:
            "  data:\n    measure: workforce_share\n    characteristic: sex\n"
            "    groups: [Female]\n    source: s\n",
            "indicators.0.data.source: indented under 'data:' but belongs beside it; move it "
            "left to line up with 'data:'",
        ),
        (  # one level too shallow: measure: beside data:
            "  data: {characteristic: sex, groups: [Female]}\n  measure: workforce_share\n"
            "  source: s\n",
            "indicators.0.measure: belongs under 'data:'; indent it beneath 'data:'",
        ),
    ],
)
def test_a_key_indented_under_the_wrong_parent_is_named_as_such(tmp_path, bad, message):
    """Issue 22: a YAML indentation slip was reported as a spelling mistake ('unknown key
    (check its spelling)') and, separately, as a missing key."""
    from equality_progress.inputs.catalogue import load_catalogue

    head = (
        "authority: x\nobjectives: [{id: o, title: O, statement: S}]\nindicators:\n"
        "- id: m-1\n  objective: o\n  title: T\n  statement: S\n  kind: context\n"
        "  unit: percent\n  evidence: census\n  direction: none\n"
    )
    (tmp_path / "params" / "catalogues").mkdir(parents=True)
    path = tmp_path / "params" / "catalogues" / "x.yaml"
    path.write_text(head + GOOD_DATA + "  source: s\n", encoding="utf-8")
    assert load_catalogue("x", tmp_path).indicators[0].id == "m-1"
    path.write_text(head + bad, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_catalogue("x", tmp_path)
    said = [p.message for p in err.value.problems]
    assert len(said) == 1 and message in said[0] and "spelling" not in said[0]


def test_a_yaml_slip_is_named_by_line_and_column_in_the_parsers_words(tmp_path):
    """Issue 22's trial: a dedented line gave "row 46: not valid YAML: ... in
    "/tmp/.../newtown.yaml", line 45, column 1": a row for a line, and the machine's path."""
    import pytest

    from equality_progress.errors import InputError
    from equality_progress.inputs.settings import read_yaml

    path = tmp_path / "mapping.yaml"
    for text, said in (
        ("files:\n  workforce:\n    columns: {}\n   codes: {}\n",
         "not valid YAML at line 4, column 4: while parsing a block mapping; did not find "
         "expected key (check this line's indentation against the lines above it)"),
        ("files:\n\tworkforce: {}\n",
         "not valid YAML at line 2, column 1: while scanning for the next token; found "
         "character that cannot start any token (a tab: indent with spaces)"),
    ):  # fmt: skip
        path.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as caught:
            read_yaml(path)
        (p,) = caught.value.problems
        assert (p.message, p.row) == (said, None)
        assert str(tmp_path) not in str(p)

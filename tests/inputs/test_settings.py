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

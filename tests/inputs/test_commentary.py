"""commentary.yaml: commentary and next steps (action, owner, date), validated on load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from equality_progress.inputs.commentary import load

GOOD = """
indicators:
  a-measure: Plain sentence.
  b-measure:
    commentary: Why it is off track.
    next_steps:
      - action: Do the thing
        owner: Head of HR
        date: 2025-09-30
objectives:
  employer:
    next_steps:
      - {action: Report to committee, owner: Chief Executive, date: 2025-07-31}
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "commentary.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_and_structured_entries_load(tmp_path):
    out, problems = load(_write(tmp_path, GOOD), "commentary.yaml")
    assert problems == []
    assert out["indicators"] == {
        "a-measure": "Plain sentence.",
        "b-measure": "Why it is off track.",
    }
    assert out["objectives"] == {"employer": ""}
    (step,) = out["next_steps"]["indicators"]["b-measure"]
    assert (step.action, step.owner, step.date) == (
        "Do the thing",
        "Head of HR",
        dt.date(2025, 9, 30),
    )
    assert step.sentence() == "Do the thing (Head of HR, by 30 September 2025)."
    assert out["next_steps"]["objectives"]["employer"][0].owner == "Chief Executive"


def test_a_missing_file_is_empty_commentary(tmp_path):
    out, problems = load(tmp_path / "commentary.yaml", "commentary.yaml")
    assert problems == [] and out["indicators"] == {} and out["next_steps"]["indicators"] == {}


def test_bad_next_steps_name_the_file_and_the_key(tmp_path):
    text = """
indicators:
  b-measure:
    next_steps:
      - action: Do the thing
        date: next spring
"""
    _, problems = load(_write(tmp_path, text), "data/x/2024-25/commentary.yaml")
    messages = [str(p) for p in problems]
    assert any(
        m.startswith("data/x/2024-25/commentary.yaml")
        and "b-measure" in m
        and "next_steps.0.owner" in m
        for m in messages
    ), messages
    assert any("next_steps.0.date" in m for m in messages), messages


def test_unknown_keys_are_problems(tmp_path):
    _, problems = load(_write(tmp_path, "indicator:\n  a: b\n"), "c.yaml")
    assert any("unknown key 'indicator'" in str(p) for p in problems)
    _, problems = load(_write(tmp_path, "indicators:\n  a:\n    comentary: typo\n"), "c.yaml")
    assert any("comentary" in str(p) and "unknown key" in str(p) for p in problems)

"""commentary.yaml: commentary and next steps (action, owner, date), validated on load."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from support import png

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


STORY = """
case_studies:
  - title: A guaranteed interview
    text: Every disabled applicant who met the criteria was offered an interview.
    image: {image}
    alt: Members of the staff network outside the office.
"""


def test_a_case_studys_picture_is_read_from_beside_the_commentary(tmp_path):
    (tmp_path / "launch.png").write_bytes(png())
    out, problems = load(_write(tmp_path, STORY.format(image="launch.png")), "commentary.yaml")
    assert problems == []
    (study,) = out["case_studies"]
    assert study.image_data == png() and study.alt.startswith("Members of the staff")


def test_a_pictures_problems_name_the_study_and_the_fix(tmp_path):
    (tmp_path / "launch.png").write_bytes(png())
    (tmp_path / "notes.png").write_text("not a picture", encoding="utf-8")
    (tmp_path / "big.png").write_bytes(png(800, 800)[:8] + b"\x00" * 600_000)
    where = "commentary.yaml, case_studies 1 ('A guaranteed interview'), image"
    for image, says in (
        ("lanch.png", "'lanch.png' is not in " + tmp_path.name + "/ (did you mean 'launch.png'?)"),
        ("notes.png", "'notes.png' is not a PNG or JPEG image; save it as one"),
        ("big.png", "'big.png' is 600 kB; resize it to at most 500 kB"),
        (
            "pics/launch.png",
            "'pics/launch.png': give a file name only, and put the file beside commentary.yaml",
        ),
    ):
        _, problems = load(_write(tmp_path, STORY.format(image=image)), "commentary.yaml")
        assert [str(p) for p in problems] == [f"{where}: {says}"], image


def test_a_picture_needs_its_alt_text(tmp_path):
    (tmp_path / "launch.png").write_bytes(png())
    text = STORY.format(image="launch.png").replace(
        "    alt: Members of the staff network outside the office.\n", ""
    )
    _, problems = load(_write(tmp_path, text), "commentary.yaml")
    assert len(problems) == 1 and "an image needs alt:" in str(problems[0])

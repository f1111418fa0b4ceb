"""The README's folder tree matches the files: every path it names exists, and every module
and subpackage of the library appears in it. The README stays short (under 250 lines)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BRANCH = re.compile(r"^(?P<indent>(?:│   |    )*)[├└]── (?P<name>\S+)")


def tree_paths(text: str) -> list[str]:
    """The paths named in the "Folder tree" section's tree, as relative paths."""
    block = text.split("## Folder tree", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    paths, stack = [], []
    for line in block.splitlines():
        m = BRANCH.match(line)
        if not m:
            continue
        depth = len(m["indent"]) // 4
        stack[depth:] = [m["name"].rstrip("/")]
        paths.append("/".join(stack))
    return paths


def exists(path: str) -> bool:
    """Placeholders such as <id> or <year> stand for any one name."""
    return any(ROOT.glob(re.sub(r"<[^>]+>", "*", path))) if "<" in path else (ROOT / path).exists()


def test_the_tree_is_read():
    paths = tree_paths(README)
    assert "equality_progress/batch/kernel.py" in paths
    assert "params/authorities/<id>.yaml" in paths
    assert len(paths) > 40


def test_every_path_in_the_tree_exists():
    missing = [p for p in tree_paths(README) if not exists(p)]
    assert not missing, f"named in the README's tree but not found: {missing}"


def test_every_module_and_subpackage_is_in_the_tree():
    named = set(tree_paths(README))
    package = ROOT / "equality_progress"
    wanted = {
        p.relative_to(ROOT).as_posix()
        for p in [*package.rglob("*.py"), *package.iterdir()]
        if "__pycache__" not in p.parts
        and (p.is_dir() or p.name != "__init__.py" or p.parent == package)
    }
    assert not wanted - named, f"missing from the README's tree: {sorted(wanted - named)}"


def test_a_wrong_tree_fails():
    broken = README.replace("│   │   ├── kernel.py", "│   │   ├── engine.py")
    assert "equality_progress/batch/engine.py" in tree_paths(broken)
    assert not exists("equality_progress/batch/engine.py")


def test_the_readme_is_short():
    assert len(README.splitlines()) < 250


def test_linked_documents_exist():
    for link in re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", README):
        if link != "docs/hr-export.md":  # written with the HR-export walkthrough
            assert (ROOT / link).exists(), link

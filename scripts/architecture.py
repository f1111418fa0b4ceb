#!/usr/bin/env python
"""The package's rooms, modules and the arrows between rooms, drawn from the code (each
module's docstring and its imports, read with ast): the block between the markers in
docs/architecture.md. ``python scripts/architecture.py --write`` redraws it; the tests
fail when it is out of date."""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "equality_progress"
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- drawn from the code: begin -->", "<!-- drawn from the code: end -->"
ORDER = ("(top)", "inputs", "analysis", "report", "publish", "batch", "tools")


def room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else "(top)"


def summary(path: Path) -> str:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    first = doc.split("\n\n", 1)[0]
    return " ".join(first.split())


def imported_rooms(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "equality_progress" and len(parts) > 1:
                target = PACKAGE / parts[1]
                out.add(parts[1] if target.is_dir() else "(top)")
    return out


def draw() -> str:
    modules = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)
    lines = ["| room | imports from | module | what it is |", "|---|---|---|---|"]
    for r in ORDER:
        mine = [m for m in modules if room(m) == r]
        uses = sorted({d for m in mine for d in imported_rooms(m)} - {r}, key=ORDER.index)
        for i, m in enumerate(mine):
            name = m.relative_to(PACKAGE).as_posix()
            lines.append(
                f"| {r if i == 0 else ''} | {', '.join(uses) if i == 0 else ''} "
                f"| `{name}` | {summary(m).replace('|', '/')} |"
            )
    return "\n".join(lines)


def current_block() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite docs/architecture.md")
    args = parser.parse_args()
    drawn = draw()
    if not args.write:
        print(drawn)
        return 0
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    DOC.write_text(f"{head}{BEGIN}\n{drawn}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

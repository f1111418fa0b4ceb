"""The finished PDF's structure tree, mended after layout: each table body row's first cell is
a row header (TH, scope Row), as the HTML marks it (issue 25: 228 body rows in LCRCA had none).

Typst tags a table's header row but gives no way to mark a body cell as a row header, so the
tags are changed after layout with pikepdf (the PDF library of the field, on qpdf): the
page content, its marked-content ids and the PDF/UA-1 claim are untouched, only each cell's
structure type (/S) and its table attributes (/A, /O /Table: /Scope /Row) change. Running it
twice changes nothing the second time.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

log = logging.getLogger(__name__)


def _kids(node: Dictionary) -> list:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def _elements(node: Dictionary, kind: str) -> list[Dictionary]:
    """Every structure element of type ``kind`` under ``node``, not looking inside one (a
    table's cells hold no other table here, and they are most of the tree: 1,300 of 3,000
    elements in LCRCA's report, so the walk took 0.09 s of a report's CPU)."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if not isinstance(n, Dictionary):
            continue  # a marked-content id: page content, not structure
        if n.get("/S") == Name(kind):
            out.append(n)
            continue
        stack.extend(reversed(_kids(n)))
    return out


def _table_attributes(cell: Dictionary) -> Dictionary:
    """The cell's attribute dictionary owned by /Table (made when it has none)."""
    attrs = cell.get("/A")
    if attrs is None:
        attrs = Array()
        cell.A = attrs
    elif isinstance(attrs, Dictionary):
        attrs = Array([attrs])
        cell.A = attrs
    for a in attrs:
        if isinstance(a, Dictionary) and a.get("/O") == Name.Table:
            return a
    a = Dictionary(O=Name.Table)
    attrs.append(a)
    return a


def _is(node: object, kind: Name) -> bool:
    return isinstance(node, Dictionary) and node.get("/S") == kind


def _first_cell(row: Dictionary) -> Dictionary | None:
    """A row's first cell (read alone: listing every cell of every row cost more than the
    rest of the retagging)."""
    k = row.get("/K")
    for c in k if isinstance(k, Array) else [k]:
        if isinstance(c, Dictionary) and "/S" in c:
            return c
    return None


def row_headers(pdf: pikepdf.Pdf) -> int:
    """Make each table body row's first cell a row header; the number changed."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return 0
    changed = 0
    bodies = [b for t in _elements(root, "/Table") for b in _kids(t) if _is(b, Name.TBody)]
    for body in bodies:
        for row in _kids(body):
            if not isinstance(row, Dictionary) or row.get("/S") != Name.TR:
                continue
            first = _first_cell(row)
            if first is None or first.get("/S") == Name.TH:
                continue
            first.S = Name.TH
            _table_attributes(first).Scope = Name.Row
            changed += 1
    return changed


def tag_row_headers(path: Path) -> int:
    """Re-tag ``path`` in place (see module doc); the number of cells changed."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        changed = row_headers(pdf)
        if changed:
            pdf.save(path, deterministic_id=True)
    log.debug("%s: %d row header cell(s) tagged", path.name, changed)
    return changed

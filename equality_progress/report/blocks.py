"""Report building blocks: each notebook output carries HTML, Typst and plain text.

A :class:`Block` is displayed in the notebook as a MIME bundle with ``text/html`` (used by
the HTML renderer and by Quarto), ``text/x-typst`` (used by the PDF renderer) and
``text/plain`` (what nbval compares). Charts are inline SVG in both. The executed notebook
therefore holds the whole report, and rendering never recomputes anything.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from equality_progress.analysis.disclosure import CONFIDENTIAL, WITHHELD_NOTE
from equality_progress.report.labels import ALL_STATUS_LABELS
from equality_progress.report.mime import TYPST_MIME, tlit


@dataclass(frozen=True)
class Block:
    html: str
    typst: str
    plain: str = ""

    def _repr_mimebundle_(self, include=None, exclude=None):  # noqa: ANN001 (IPython API)
        return {
            "text/plain": self.plain or "[report block]",
            "text/html": self.html,
            TYPST_MIME: self.typst,
        }

    def __add__(self, other: Block) -> Block:
        return Block(
            self.html + other.html,
            self.typst + other.typst,
            "\n".join(p for p in (self.plain, other.plain) if p),
        )


def join(blocks: Iterable[Block]) -> Block:
    out = Block("", "", "")
    for b in blocks:
        out = out + b
    return out


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def tstr(text: object) -> str:
    """Text as a Typst string expression in markup, safe for any characters."""
    return "#" + tlit(text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def heading(text: str, level: int = 2, anchor: str | None = None, new_page: bool = False) -> Block:
    """A heading; ``new_page`` starts a new page in the PDF (major sections only)."""
    anchor = anchor or slug(text)
    brk = "#pagebreak(weak: true)\n" if new_page else ""
    return Block(
        f'<h{level} id="{anchor}">{esc(text)}</h{level}>\n',
        f"\n{brk}{'=' * (level - 1)} {tstr(text)} <{anchor}>\n",
        text,
    )


def paragraph(text: str, css: str | None = None) -> Block:
    cls = f' class="{css}"' if css else ""
    return Block(f"<p{cls}>{esc(text)}</p>\n", f"\n{tstr(text)}\n", text)


def fmt_value(value: object, unit: str = "", places: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "[x]"
    if isinstance(value, str):
        return value
    if unit == "percent":
        if places > 1 and round(float(value), 1) == round(float(value), places):
            places = 1  # 3.6, not 3.60; 15.08 keeps its published precision
        return f"{value:.{places}f}%"
    if unit == "count":
        return f"{value:,.0f}"
    if unit == "pounds":
        return f"£{value:,.2f}"
    return f"{value:.2f}"


def status_badge(status: str) -> Block:
    symbol, label = ALL_STATUS_LABELS[status]
    return Block(
        f'<span class="status status-{status}"><span aria-hidden="true">{symbol}</span> '
        f"{label}</span>",
        f"#status-badge({tlit(status)}, {tlit(label)})",
        f"{symbol} {label}",
    )


def table(
    frame: pd.DataFrame,
    caption: str,
    *,
    numeric: Sequence[str] = (),
    note: str | None = None,
    row_header: bool = True,
    css: str | None = None,
    pdf_columns: str | None = None,
) -> Block:
    """A captioned table with header row (and first column as row headers). Only a wide
    table (five or more columns, or ``css="wide"``), the kind that may scroll sideways on a
    phone, is a keyboard tab stop. ``pdf_columns`` sets the PDF's column widths (Typst)."""
    cols = list(frame.columns)
    # itertuples, not iterrows: no Series per row (iterrows was most of this function's time)
    rows = list(frame.itertuples(index=False, name=None))
    head = "".join(
        f'<th scope="col"{" class=num" if c in numeric else ""}>{esc(c)}</th>' for c in cols
    )
    classes = [' class="num"' if c in numeric else "" for c in cols]
    body = []
    for row in rows:
        cells = []
        for i, (klass, value) in enumerate(zip(classes, row, strict=True)):
            val = esc(value)
            if i == 0 and row_header:
                cells.append(f'<th scope="row"{klass}>{val}</th>')
            else:
                cells.append(f"<td{klass}>{val}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if note and WITHHELD_NOTE in note and not any(CONFIDENTIAL in str(v) for r in rows for v in r):
        note = note.replace(WITHHELD_NOTE, "").strip() or None  # no [c] here to explain
    note_html = f'<p class="table-note">{esc(note)}</p>' if note else ""
    wide = len(cols) >= 5 or "wide" in (css or "").split()
    stop = ' tabindex="0"' if wide else ""
    cls = " ".join(["table-wrap"] + ([css] if css else []))
    h = (
        f'<div class="{cls}" role="region" aria-label="{esc(caption)}"{stop}>'
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>{note_html}\n"
    )
    align = ", ".join("right" if c in numeric else "left" for c in cols)
    cells_t = ", ".join(f"[{tstr(v)}]" for row in rows for v in row)
    header_t = ", ".join(f"[*{tstr(c)}*]" for c in cols)
    t = (
        f"\n#figure(kind: table, caption: [{tstr(caption)}], table(columns: "
        f"{pdf_columns or len(cols)}, "
        f"align: ({align},), table.header({header_t}), {cells_t}))\n"
    )
    if note:  # the PDF's note is shorter: its symbols are explained once, in the appendix
        short = note.replace(WITHHELD_NOTE, f"{CONFIDENTIAL} = withheld (see Symbols in tables).")
        t += f"\n#text(size: 8pt)[{tstr(short)}]\n"
    plain = caption + "\n" + plain_table(cols, rows, numeric)
    return Block(h, t, plain)


def withheld(block: Block) -> int:
    """Cells withheld for disclosure control in a published block (its ``[c]`` cells),
    counted from the tables as published."""
    return len(re.findall(r">\[c\]</t[dh]>", block.html))


def side_by_side(left: Block, right: Block) -> Block:
    """Two blocks beside each other where there is room (stacked on a phone)."""
    return Block(
        f'<div class="pair"><div>{left.html}</div><div>{right.html}</div></div>\n',
        f"\n#grid(columns: (1fr, 1fr), column-gutter: 14pt, [{left.typst}], [{right.typst}])\n",
        "\n".join(p for p in (left.plain, right.plain) if p),
    )


# A pair of blocks no longer than this (in lines of plain text, about a table's rows) is
# kept on one page, so that a page break never leaves a caption with a row or two under it;
# a longer pair may break, since a block taller than the page would overflow it.
KEEP_TOGETHER_LINES = 30


def pdf_pairs(blocks: Sequence[Block], columns: str = "(1fr, 1fr)") -> Block:
    """Narrow blocks two by two across the PDF page, in reading order, to keep the PDF
    short; each pair kept on one page when short enough (``KEEP_TOGETHER_LINES``). The
    HTML and the plain text are the blocks one after another, as they were."""
    rows = []
    for i in range(0, len(blocks), 2):
        pair = blocks[i : i + 2]
        cells = ", ".join(f"[{b.typst}]" for b in pair)
        grid = f"grid(columns: {columns}, column-gutter: 14pt, {cells})"
        lines = max(b.plain.count("\n") + 1 for b in pair)
        keep = "false" if lines <= KEEP_TOGETHER_LINES else "true"
        rows.append(f"#block(breakable: {keep}, below: 12pt, {grid})")
    return Block(
        "".join(b.html for b in blocks),
        "\n" + "\n".join(rows) + "\n",
        "\n".join(b.plain for b in blocks if b.plain),
    )


def plain_table(
    cols: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[str]
) -> str:
    """A table as fixed-width text (numbers right-aligned), for the notebook's text/plain.
    Written out because DataFrame.to_string took as long as the HTML and Typst together."""
    text = [[str(c) for c in cols]] + [["" if v is None else str(v) for v in r] for r in rows]
    widths = [max(len(r[i]) for r in text) for i in range(len(cols))]
    right = [c in numeric for c in cols]
    return "\n".join(
        "  ".join(
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(line, widths, right, strict=True)
        ).rstrip()
        for line in text
    )


def definition_list(items: Sequence[tuple[str, str]]) -> Block:
    h = "<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items) + "</dl>\n"
    t = "\n" + "\n".join(f"/ {tstr(k)}: {tstr(v)}" for k, v in items) + "\n"
    return Block(h, t, "\n".join(f"{k}: {v}" for k, v in items))


def bullet_list(items: Sequence[str]) -> Block:
    h = "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>\n"
    t = "\n" + "\n".join(f"- {tstr(i)}" for i in items) + "\n"
    return Block(h, t, "\n".join(f"- {i}" for i in items))


def notice(text: str, kind: str = "sample") -> Block:
    return Block(
        f'<aside class="notice notice-{kind}" role="note"><strong>{esc(text)}</strong></aside>\n',
        f"\n#notice[{tstr(text)}]\n",
        text,
    )

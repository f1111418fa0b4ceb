"""``equality-progress map``: a first draft of an authority's mapping, from an export's
headings and codes, for the analyst to complete.

Each contract column is matched to the closest heading (by name, or by the words HR systems
commonly use: "Gender", "Ethnic Origin", "Date of Birth"); each code of a code-list column
is matched to the closest contract code, and a code with no close match is left as
``TODO``, which the mapping's check refuses until the analyst fills it in. Codes are
drafted as the loader matches them (trimmed, case folded: one line for WBRI, wbri and
Wbri); weekly hours come from an FTE heading times a standard week; what empty cells mean
is proposed as commented ``blank:`` lines. Nothing is guessed silently: every guess is
written out for the analyst to read.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

import yaml

from equality_progress.inputs.contracts import CONTRACTS, FALSE, TRUE, Column, Contract
from equality_progress.inputs.derived import fold
from equality_progress.inputs.tables import Table

TODO = "TODO"
# the words HR systems use for a contract column
SYNONYMS = {
    "employee_id": [
        "employee number",
        "employee no",
        "staff number",
        "payroll number",
        "person id",
        "person ref",
        "employee ref",
        "staff ref",
    ],
    "employer": ["organisation", "organization", "company", "employing body"],
    "grade": ["pay grade", "grade", "band", "pay band"],
    "service_area": ["directorate", "department", "service", "division"],
    "sex": ["gender", "sex", "legal sex"],
    "ethnicity": ["ethnic origin", "ethnic group", "ethnicity"],
    "disability": ["disability", "disabled", "disability status"],
    "sexual_orientation": ["sexual orientation", "sexuality"],
    "care_experience": ["care leaver", "care experienced", "care experience"],
    "religion": ["religion or belief", "religion", "belief", "faith"],
    "weekly_hours": ["contracted hours", "weekly hours", "hours per week", "hours"],
    "hourly_pay": ["hourly rate", "hourly pay", "rate per hour"],
    "full_pay_relevant": ["full pay relevant", "full-pay relevant", "fpre"],
    "bonus_pay": ["bonus paid", "bonus", "bonus pay"],
    "senior_role": ["senior role", "senior manager", "senior"],
}
BIRTH = ("date of birth", "dob", "birth date")
FTE = ("fte", "full time equivalent", "wte", "whole time equivalent")
STANDARD_WEEK = 37  # hours: a draft's guess, for the analyst to correct
# codes HR systems use for the contract's non-disclosure codes
UNKNOWN = ("not known", "unknown", "not stated", "not specified", "blank", "missing")
DECLINED = ("prefer not to say", "declined", "not disclosed", "refused", "do not wish to say")


def guess_code(code: str, allowed: list[str]) -> str:
    """The contract code an export's code most likely means, or TODO."""
    low = code.lower().strip()
    if low in UNKNOWN and "Not recorded" in allowed:
        return "Not recorded"
    if low in DECLINED and "Prefer not to say" in allowed:
        return "Prefer not to say"
    initial = [a for a in allowed if len(low) == 1 and a.lower().startswith(low)]
    if len(initial) == 1:
        return initial[0]
    exact = {a.lower(): a for a in allowed}
    tail = low.rsplit(" - ", 1)[-1]
    if tail in exact:
        return exact[tail]
    common = {"any", "other", "or", "and", "background", "group", "ethnic"}
    words = set(re.findall(r"[a-z]+", low)) - common

    def score(a: str) -> float:
        theirs = set(re.findall(r"[a-z]+", a.lower())) - common
        overlap = len(words & theirs) / len(words | theirs) if words | theirs else 0
        return difflib.SequenceMatcher(None, tail, a.lower()).ratio() + overlap

    best = max(allowed, key=score)
    return best if score(best) >= 1.2 else TODO


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def match_heading(column: str, headings: list[str]) -> str | None:
    """The export heading that holds a contract column, or None."""
    normed = {_norm(h): h for h in headings}
    for word in [column.replace("_", " "), *SYNONYMS.get(column, [])]:
        for n, h in normed.items():
            if n == word or n.startswith(word + " "):
                return h
    close = difflib.get_close_matches(column.replace("_", " "), list(normed), n=1, cutoff=0.8)
    return normed[close[0]] if close else None


def _date_format(cells: list[str]) -> str | None:
    sample = [c for c in cells if c][:50]
    if sample and all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", c) for c in sample):
        return "%d/%m/%Y"
    return None


def draft(
    table: Table, name: str, authority_id: str, file: str, sheet: str | None, header_row: int = 1
) -> str:
    """The mapping YAML for one input file of ``authority_id`` drafted from ``table`` (read
    with its headings on ``header_row``, below any title block)."""
    contract = CONTRACTS[name]
    heads = [h.strip() for h in table.headings]
    fm: dict = {"file": file}
    if sheet:
        fm["sheet"] = sheet
    if header_row > 1:
        fm["header_row"] = header_row
    columns, codes, derive, unmatched = {}, {}, {}, []
    spellings: list[str] = []
    for col in contract.columns:
        h = match_heading(col.name, heads)
        if h is None:
            unmatched.append(col.name)
            continue
        columns[col.name] = h
        if col.kind in ("category", "bool"):
            cells = table.column(table.headings[heads.index(h)])
            codes[col.name], merged = _code_guesses(cells, col)
            spellings += merged
    codes = {k: v for k, v in codes.items() if v}
    born = next((h for h in heads if _norm(h) in BIRTH), None)
    if "age_band" in unmatched and born:
        derive["age_band"] = {"age_band_from": born}
        unmatched.remove("age_band")
    fte = next((h for h in heads if _norm(h) in FTE), None)
    if "weekly_hours" in unmatched and fte:
        derive["weekly_hours"] = {"fte_from": fte, "standard_week": STANDARD_WEEK}
        unmatched.remove("weekly_hours")
    if "senior_role" in unmatched and "grade" in columns:
        derive["senior_role"] = {"senior_grades": [TODO]}
        unmatched.remove("senior_role")
    fm["columns"] = columns
    if codes:
        fm["codes"] = codes
    numbers = {
        k: v
        for k, v, pattern in (("currency", "£", r"£"), ("thousands", ",", r"\d,\d{3}"))
        if any(re.search(pattern, c) for r in table.rows[:200] for c in r)
    }
    if numbers:
        fm["numbers"] = numbers
    fmt = _date_format(table.column(born)) if born else None
    if fmt:
        fm["dates"] = fmt
    if derive:
        fm["derive"] = derive
    text = yaml.safe_dump(
        {"authority": authority_id, "files": {name: fm}},
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    head = [
        f"# Draft mapping for {authority_id}, from {file}: check every line, replace each "
        f"{TODO}, then run 'equality-progress validate --authority {authority_id}'.",
    ]
    if header_row > 1:
        head.append(
            f"# Headings read from row {header_row}: rows 1 to {header_row - 1} look like a "
            "title block (correct header_row: if not)."
        )
    if unmatched:
        head.append(
            "# Not found in the export (add a heading under columns:, derive it, or leave "
            "optional ones out): " + ", ".join(unmatched)
        )
    if "weekly_hours" in derive:
        head.append(
            f"# weekly_hours is worked out as '{fte}' times a standard week of "
            f"{STANDARD_WEEK} hours: correct standard_week: to your authority's full-time week."
        )
    if spellings:
        head.append(
            "# Codes match whatever their case and spaces: one line stands for every "
            "spelling (" + "; ".join(spellings) + ")."
        )
    ignored = [h for h in heads if h and h not in columns.values() and h not in (born, fte)]
    if ignored:
        head.append("# Headings not used (ignored when reading): " + ", ".join(ignored))
    return "\n".join(head) + "\n" + text + _blank_lines(table, contract, columns)


def _code_guesses(cells: list[str], col: Column) -> tuple[dict[str, str], list[str]]:
    """One guess per code as the loader matches codes (trimmed, case folded: WBRI, wbri
    and 'Wbri ' are one code, written as its commonest spelling), and the spellings each
    line stands for ("WBRI for wbri, Wbri")."""
    allowed = list(col.categories) if col.kind == "category" else ["true", "false"]
    groups: dict[str, Counter[str]] = {}
    for code, n in Counter(cells).items():
        if code.strip():
            groups.setdefault(fold(code), Counter())[code] += n
    guesses, merged = {}, []
    for key, seen in groups.items():
        if all(s in allowed for s in seen) or (col.kind == "bool" and key in TRUE + FALSE):
            continue
        written = [s for s in seen if s not in allowed]  # the contract's own needs no line
        code, *others = sorted(written, key=lambda s: (-seen[s], s))
        exact = next((a for a in allowed if fold(a) == key), None)
        guesses[code] = exact or guess_code(code, allowed)
        if others:
            merged.append(f"{code} for {', '.join(others)}")
    return dict(sorted(guesses.items())), merged


def _blank_lines(table: Table, contract: Contract, columns: dict[str, str]) -> str:
    """Commented ``blank:`` lines for the columns with empty cells: what an empty cell
    means is the analyst's to say (uncomment the lines that are right)."""
    kinds = {c.name: c for c in contract.columns}
    lines = []
    for name, heading in columns.items():
        empty = sum(not c.strip() for c in table.column(heading))
        if not empty:
            continue
        col = kinds[name]
        if col.kind == "category" and "Not recorded" in col.categories:
            meaning = "Not recorded"
        elif name == "bonus_pay":
            meaning = "0"
        else:
            lines.append(f"    # ({name}: fill the {empty} empty cell(s) in the export)")
            continue
        lines.append(f"    #   {name}: {meaning}  # {empty} empty cell(s) in '{heading}'")
    if not lines:
        return ""
    return (
        "    # What an empty cell means, column by column: uncomment the lines that are right\n"
        "    # blank:\n" + "\n".join(lines) + "\n"
    )

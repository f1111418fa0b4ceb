"""Summarise the records of the random-search audit of small surveys (search.py's JSONL).

Prints the number of records and surveys; crashes and timeouts; the attacks' errors; the
groups with a verdict but no printed mean; verdicts reread otherwise than printed; straddle
notes; surveys with pins and group disclosures, read with the withheld numbers of answers as
unknowns ("pins", what a reader has) and with every number of answers known ("pins_nknown",
which over-informs a reader); then a line per crash and per record with a pin, disclosure or
verdict mismatch, and up to 20 n-known pins outside groups of 1-4 answers.

    python scripts/survey_audit/summary.py a.jsonl

This audit is independent: it is written apart from the package's own attacker in
tests/attack_joint.py and shares no code with it.
"""

from __future__ import annotations

import argparse
import collections
import json


def summarise(path: str) -> None:
    rs = [json.loads(line) for line in open(path)]
    print("records", len(rs), "surveys", len({r["seed"] for r in rs}))
    print(
        "crash",
        sum("crash" in r for r in rs),
        "timeout",
        sum(r.get("timeout", False) for r in rs),
        "timeout_nknown",
        sum(r.get("timeout_nknown", False) for r in rs),
    )
    print(
        "err",
        collections.Counter(r.get("err") for r in rs),
        collections.Counter(r.get("err_nknown") for r in rs),
    )
    print(
        "side-only groups",
        sum(len(r.get("side_only", [])) for r in rs),
        "records with any",
        sum(bool(r.get("side_only")) for r in rs),
    )
    print("verdict mismatches", sum(len(r.get("verdict_mismatch", [])) for r in rs))
    print("straddle notes", sum(len(r.get("straddle_notes", [])) for r in rs))
    print(
        "pins (hidden n)",
        sum(bool(r.get("pins")) for r in rs),
        "discl",
        sum(bool(r.get("discl")) for r in rs),
    )
    print(
        "pins (n known)",
        sum(bool(r.get("pins_nknown")) for r in rs),
        "discl",
        sum(bool(r.get("discl_nknown")) for r in rs),
    )
    big = [
        r
        for r in rs
        if r.get("pins_nknown") and any(p[0][0] not in dict(r["small_n"]) for p in r["pins_nknown"])
    ]
    print("n-known pins outside groups of 1-4:", len(big))
    for r in rs:
        if "crash" in r:
            print("CRASH", r["seed"], r["level"], r["crash"][-300:])
        if r.get("pins") or r.get("discl") or r.get("verdict_mismatch"):
            print(
                r["seed"],
                r["level"],
                r["N"],
                r["scores"],
                r["rows"] is not None,
                r.get("pins"),
                r.get("discl"),
                r.get("verdict_mismatch"),
            )
    for r in big[:20]:
        print(
            "NK",
            r["seed"],
            r["level"],
            r["N"],
            [p for p in r["pins_nknown"] if p[0][0] not in dict(r["small_n"])],
            r["small_n"],
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument(
        "path", nargs="?", default="results.jsonl", help="search.py's JSONL (default results.jsonl)"
    )
    summarise(parser.parse_args(argv).path)


if __name__ == "__main__":
    main()

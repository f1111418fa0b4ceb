"""The random-search audit of small surveys: random surveys, published and attacked.

For each seed from --seed on (--count of them), draws a random survey of 20-80 respondents
(half with scores spread over 3-7, half degenerate with most giving the same answer; 30% on a
random choice of the LCRCA sample's rows, else its first rows), builds its published figures
through the package (figures.py) at the levels 6.0 and 6.5, and attacks them with an
independent integer-programming attacker (attacker.py). Appends one JSON record per survey
and level to --out; --minutes stops it starting a new survey after that many minutes.

Run from the repository's root (the project root is found from this file, or EP_ROOT):

    PYTHONPATH=. python scripts/survey_audit/search.py --seed 5000 --count 100 --out a.jsonl
    python scripts/survey_audit/summary.py a.jsonl

Each record: seed, scores, N, rows (None: the first N rows), level; side_only (groups with a
verdict but no mean printed), hidden_n (groups whose number of answers is withheld), head
(headline mean and interval as printed), verdict_mismatch and straddle_notes (the verdicts
reread from the printed figures); pins, discl, err, nmilp, npass (the attack with every
withheld number of answers an unknown, as a reader has them; timeout where it ran out);
pins_nknown, discl_nknown, err_nknown (the attack with every number of answers known, which
over-informs a reader; timeout_nknown); small_n (parts of 1-4 answers); crash (a traceback);
secs (seconds taken).

This audit is independent: it is written apart from the package's own attacker in
tests/attack_joint.py and shares no code with it.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import traceback

import attacker  # this folder's scripts: the folder of a script run is on sys.path
import figures
import numpy as np


def survey(rng: random.Random) -> tuple[str, list[int] | None]:
    """A random survey: its scores (one digit a respondent) and its sample rows (or None)."""
    n = rng.randint(20, 80)
    mode = rng.random()
    if mode < 0.5:
        w = [0.05, 0.1, 0.25, 0.3, 0.3]
        if rng.random() < 0.5:
            w = list(np.random.default_rng(rng.randrange(10**9)).dirichlet([1, 1, 2, 3, 3]))
        sc = "".join(str(rng.choices([3, 4, 5, 6, 7], w)[0]) for _ in range(n))
    else:  # degenerate: most give the same answer
        base = rng.choice([5, 6, 6, 7, 7])
        frac = rng.uniform(0.6, 0.97)
        others = [3, 4, 5, 6, 7]
        sc = "".join(str(base if rng.random() < frac else rng.choice(others)) for _ in range(n))
    rows = None
    if rng.random() < 0.3:
        rows = sorted(rng.sample(range(600), n))
    return sc, rows


def run(seed0: int, count: int, out: str, deadline: float = 1e18) -> None:
    """Audit the surveys of seeds seed0 .. seed0 + count - 1, appending records to ``out``."""
    with open(out, "a") as f:
        for k in range(count):
            if time.time() > deadline:
                break
            rng = random.Random(seed0 + k)
            sc, rows = survey(rng)
            for level in (6.0, 6.5):
                rec = {"seed": seed0 + k, "scores": sc, "N": len(sc), "rows": rows, "level": level}
                t0 = time.time()
                try:
                    head, pubs, rest, a, judged = figures.build(sc, rows, level)
                    rec["side_only"] = [p.name for p in pubs if p.verdict and p.mean is None]
                    rec["hidden_n"] = [p.name for p in pubs if not p.n_shown]
                    rec["head"] = [head.mean, head.lower, head.upper]
                    mism, notes = attacker.reread_verdicts(pubs, level)
                    rec["verdict_mismatch"] = mism
                    rec["straddle_notes"] = notes
                    try:
                        pins, discl, passes, err, nm = attacker.attack(head, pubs, rest, level, 60)
                        rec.update(pins=pins, discl=discl, err=err, nmilp=nm, npass=len(passes))
                    except attacker.Timeout:
                        rec["timeout"] = True
                    try:
                        pins, discl, passes, err, nm = attacker.attack(
                            head, pubs, rest, level, 60, True
                        )
                        rec.update(pins_nknown=pins, discl_nknown=discl, err_nknown=err)
                    except attacker.Timeout:
                        rec["timeout_nknown"] = True
                    rec["small_n"] = [(p.name, p.n) for p in pubs + rest if 1 <= p.n <= 4]
                except Exception:
                    rec["crash"] = traceback.format_exc()[-1500:]
                rec["secs"] = round(time.time() - t0, 1)
                f.write(json.dumps(rec) + "\n")
                f.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--seed", type=int, default=5000, help="first seed (default 5000)")
    parser.add_argument("--count", type=int, required=True, help="number of surveys")
    parser.add_argument("--out", required=True, help="JSONL file to append the records to")
    parser.add_argument(
        "--minutes", type=float, default=None, help="time budget: start no survey after it"
    )
    args = parser.parse_args(argv)
    deadline = 1e18 if args.minutes is None else time.time() + 60 * args.minutes
    run(args.seed, args.count, args.out, deadline)


if __name__ == "__main__":
    main()

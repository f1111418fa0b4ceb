#!/usr/bin/env python
"""Write the bundled synthetic sample data under data/ (seeded: same bytes every run).

    python scripts/generate_sample_data.py            # the three sample authorities
    python scripts/generate_sample_data.py --synthetic 25 --root build/scale
                                                      # 25 extra authorities for benchmarks
    python scripts/generate_sample_data.py --hr-export /tmp/newtown
                                                      # a synthetic HR export and its mapping

The year-by-year figures below are the *design* of the sample: baseline years reproduce
the published strategy figures exactly; later years move so that every status occurs.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from equality_progress.inputs.catalogue import load_catalogue  # noqa: E402
from equality_progress.tools import sample  # noqa: E402
from equality_progress.years import FinancialYear  # noqa: E402

log = logging.getLogger("generate_sample_data")
P = sample.Profile
LCRCA_AGE = {"under_20": 1.5, "20_29": 14.0, "40_49": 24.0, "50_plus": 38.5}  # 30-39: the rest
LCRCA = {
    # year: (profile, median pay LCRCA (men, women), Merseytravel (men, women))
    "2021-22": P(950, 55.7, 3.6, 5.0, 6.6, 80.0, 3.1, 6.0, 8.0, LCRCA_AGE),
    "2022-23": P(962, 54.2, 4.1, 4.6, 7.0, 80.0, 3.3, 6.0, 6.9, LCRCA_AGE),
    "2023-24": P(975, 52.3, 4.9, 4.2, 7.4, 80.5, 3.6, 5.5, 5.7, LCRCA_AGE),
    "2024-25": P(990, 50.1, 5.5, 3.8, 7.9, 81.0, 3.9, 5.0, 4.6, LCRCA_AGE),
    "2025-26": P(1004, 48.9, 6.1, 3.5, 8.3, 81.5, 4.2, 4.5, 3.6, LCRCA_AGE),
}
# quarters of 96 full-pay relevant LCRCA employees: 60 of the top quarter men (62.5%), 66 of the
# lowest women (68.75%)
LCRCA_BASELINE_PAY = {"staff": 390, "relevant": 384, "upper_male": 60, "lower_female": 66}
LCRCA_GAPS = {
    "2021-22": (15.08, 9.68),
    "2022-23": (14.6, 9.9),
    "2023-24": (13.5, 10.4),
    "2024-25": (12.8, 9.1),
    "2025-26": (12.1, 8.2),
}
# (senior appointments, of whom ethnic minority): small numbers, so 2022-23 is withheld [c]
LCRCA_SENIOR = {
    "2021-22": (50, 2),
    "2022-23": (55, 3),
    "2023-24": (60, 5),
    "2024-25": (62, 6),
    "2025-26": (64, 9),
}
LCRCA_SURVEY = {
    "2021-22": (5.6, 0.5),
    "2022-23": (5.8, 0.45),
    "2023-24": (6.1, 0.35),
    "2024-25": (6.4, 0.2),
    "2025-26": (6.75, 0.05),
}
# indicator id -> one (value, numerator, denominator) per year, baseline first; None = no return
LCRCA_REPORTED = {
    "commissioner-passengers-using-public-transport": [
        (None, 615, 1500),
        (None, 630, 1500),
        None,
        (None, 690, 1500),
        (None, 720, 1500),
    ],
    "commissioner-passengers-feel-safe": [
        (None, 1020, 1500),
        (None, 1050, 1500),
        None,
        (None, 1110, 1500),
        (None, 1155, 1500),
    ],
    "commissioner-programme-equality-targets-met": [
        (None, 14, 25),
        (None, 15, 26),
        (None, 18, 27),
        (None, 22, 28),
        (None, 26, 29),
    ],
    "commissioner-community-suppliers-onboarded": [
        (20, None, None),
        (28, None, None),
        (41, None, None),
        (47, None, None),
        (66, None, None),
    ],
    "commissioner-community-suppliers-awarded": [
        (6, None, None),
        (9, None, None),
        (15, None, None),
        (14, None, None),
        (22, None, None),
    ],
    "commissioner-community-suppliers-value-share": [
        (2.1, None, None),
        (2.6, None, None),
        (3.4, None, None),
        (3.2, None, None),
        (4.0, None, None),
    ],
    "commissioner-suppliers-social-value": [
        (35, None, None),
        (41, None, None),
        (52, None, None),
        (60, None, None),
        (71, None, None),
    ],
    "civic-leader-partnerships": [
        (8, None, None),
        (11, None, None),
        (15, None, None),
        (18, None, None),
        (21, None, None),
    ],
    "civic-leader-organisations-influenced": [
        (25, None, None),
        (40, None, None),
        (61, None, None),
        (70, None, None),
        (92, None, None),
    ],
    "civic-leader-under-represented-entrepreneurs": [
        (110, None, None),
        (135, None, None),
        (160, None, None),
        (158, None, None),
        (190, None, None),
    ],
}
SEFTON_AGE = {"under_20": 0.66, "20_29": 8.58, "40_49": 20.57, "50_plus": 56.43}
SEFTON = {
    # December 2022 baseline, held as the 2022-23 snapshot
    "2022-23": (P(5781, 33.44, 2.42, 30.0, 3.22, 20.48, 1.02, 3.79, 53.3, SEFTON_AGE), 67.0),
    "2023-24": (
        P(5800, 33.6, 2.6, 27.0, 3.4, 26.0, 1.1, 3.6, 46.5, {**SEFTON_AGE, "50_plus": 56.0}),
        72.0,
    ),
    "2024-25": (
        P(5750, 33.9, 2.9, 24.0, 3.9, 32.0, 1.3, 3.4, 40.6, {**SEFTON_AGE, "50_plus": 55.1}),
        80.5,
    ),
    "2025-26": (
        P(5820, 34.1, 3.3, 20.0, 4.6, 37.4, 1.6, 3.2, 35.0, {**SEFTON_AGE, "50_plus": 54.2}),
        79.0,
    ),
}
NO_UPDATE = {  # milestones with no update in a year, so "no data" occurs
    ("lcrca", "2023-24"): {"future-civic-leader-3", "supporting-action-7"},
    ("sefton", "2024-25"): {"action-2.11", "action-6.2"},
    ("unnamed-ca", "2024-25"): {"objective-9"},
}
# Synthetic commentary and next steps, as data: {"<id>/<year>": entry}
COMMENTARY = {
    tuple(key.split("/")): entry
    for key, entry in yaml.safe_load(
        (Path(__file__).with_name("sample_commentary.yaml")).read_text(encoding="utf-8")
    ).items()
}


# LCRCA's socio-economic background monitoring (synthetic): percent of staff not recorded
# and percent who prefer not to say, falling as the question beds in
LCRCA_SOCIO_ECONOMIC = {
    "2022-23": (48.0, 6.0),
    "2023-24": (35.0, 6.0),
    "2024-25": (24.0, 5.0),
    "2025-26": (18.0, 5.0),
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def male_female_medians(gap: float, t: int) -> tuple[float, float]:
    male = round(25.00 * 1.03**t, 2)
    return male, round(male * (1 - gap / 100), 2)


def build_lcrca(
    data: Path, authority: str = "lcrca", seed: int = sample.SEED, root: Path = ROOT
) -> None:
    catalogue = load_catalogue("lcrca", root=ROOT)
    years = list(LCRCA)
    for t, year in enumerate(years):
        fy = FinancialYear.parse(year)
        rng = np.random.default_rng([seed, fy.start])
        prof = LCRCA[year]
        # LCRCA's own staff (the rest are Merseytravel's); at the baseline, 390 of whom 384 are
        # full-pay relevant, so that the published pay quarters are whole people
        n_lcrca = LCRCA_BASELINE_PAY["staff"] if t == 0 else round(prof.n * 0.4)
        g1, g2 = LCRCA_GAPS[year]
        wf = sample.workforce(
            prof,
            {"LCRCA": n_lcrca, "Merseytravel": prof.n - n_lcrca},
            rng,
            fy,
            {"LCRCA": male_female_medians(g1, t), "Merseytravel": male_female_medians(g2, t)},
        )
        if t == 0:  # "Of those in the top 25% highest paid position, 62.5% are male; in the
            # lowest paid 25%, 68.75% are female" (seed 001, LCRCA employees)
            b = LCRCA_BASELINE_PAY
            sample.fix_pay_quarters(
                wf,
                "LCRCA",
                b["upper_male"],
                b["lower_female"],
                male_female_medians(g1, t),
                rng,
                b["relevant"],
            )
        if year in LCRCA_SOCIO_ECONOMIC:  # monitored from 2022-23 (seed 001: "introducing
            # socio-economic status as factor we monitor"); left out before: not collected
            sample.add_socio_economic(
                wf, np.random.default_rng([seed, 14, fy.start]), *LCRCA_SOCIO_ECONOMIC[year]
            )
        folder = data / authority / year
        write(folder / "workforce.csv", sample.to_csv_text(wf))
        apps, minority = LCRCA_SENIOR[year]
        write(
            folder / "recruitment.csv",
            sample.to_csv_text(sample.recruitment(rng, fy, 700, apps, minority)),
        )
        mean, penalty = LCRCA_SURVEY[year]
        write(
            folder / "staff_survey.csv",
            sample.to_csv_text(sample.staff_survey(rng, fy, 600, mean, penalty)),
        )
        values = {k: v[t] for k, v in LCRCA_REPORTED.items() if v[t] is not None}
        write(
            folder / "measures.csv",
            sample.to_csv_text(sample.reported(values, "Service returns (synthetic)")),
        )
        if t > 0:
            skip = NO_UPDATE.get(("lcrca", year), set())
            write(
                folder / "actions.csv",
                sample.to_csv_text(sample.actions(catalogue, fy, seed, skip)),
            )
        _commentary(folder, "lcrca", year)


def build_sefton(data: Path) -> None:
    catalogue = load_catalogue("sefton", root=ROOT)
    for t, (year, (prof, compliance)) in enumerate(SEFTON.items()):
        fy = FinancialYear.parse(year)
        rng = np.random.default_rng([sample.SEED, 7, fy.start])
        folder = data / "sefton" / year
        wf = sample.workforce(prof, {"Sefton Council": prof.n}, rng, fy, {})
        write(folder / "workforce.csv", sample.to_csv_text(wf))
        write(
            folder / "training.csv",
            sample.to_csv_text(sample.training(rng, fy, prof.n, compliance)),
        )
        if t > 0:
            skip = NO_UPDATE.get(("sefton", year), set())
            write(
                folder / "actions.csv",
                sample.to_csv_text(sample.actions(catalogue, fy, sample.SEED, skip)),
            )
        _commentary(folder, "sefton", year)


def build_unnamed_ca(data: Path) -> None:
    catalogue = load_catalogue("unnamed-ca", root=ROOT)
    fy = FinancialYear.parse("2024-25")
    folder = data / "unnamed-ca" / "2024-25"
    write(
        folder / "actions.csv",
        sample.to_csv_text(
            sample.actions(catalogue, fy, sample.SEED + 4, NO_UPDATE[("unnamed-ca", "2024-25")])
        ),
    )


def _commentary(folder: Path, authority: str, year: str) -> None:
    text = COMMENTARY.get((authority, year))
    if text:
        write(
            folder / "commentary.yaml",
            "# Analyst commentary: a few sentences per objective and per indicator, and the next\n"
            "# steps (action, owner, date) for anything off track or worsening. Synthetic.\n"
            + yaml.safe_dump(text, sort_keys=True, width=100),
        )


def build_synthetic(root: Path, count: int) -> list[str]:
    """Copies of the LCRCA design under new ids and seeds, with params, for scale runs
    (one report each, for 2025-26, with data from the baseline year)."""
    ids = []
    src = yaml.safe_load((ROOT / "params/authorities/lcrca.yaml").read_text(encoding="utf-8"))
    for i in range(1, count + 1):
        aid = f"synthetic-{i:03d}"
        ids.append(aid)
        params = dict(
            src,
            id=aid,
            display_name=f"Synthetic Authority {i:03d}",
            short_name=f"Synthetic {i:03d}",
            reporting_years=["2025-26"],
        )
        write(root / "params/authorities" / f"{aid}.yaml", yaml.safe_dump(params, sort_keys=False))
        cat = (ROOT / "params/catalogues/lcrca.yaml").read_text(encoding="utf-8")
        write(
            root / "params/catalogues" / f"{aid}.yaml",
            cat.replace("authority: lcrca", f"authority: {aid}"),
        )
        build_lcrca(root / "data", authority=aid, seed=sample.SEED + i)
    shutil.copy(ROOT / "params/settings.yaml", root / "params/settings.yaml")
    return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder to write into")
    parser.add_argument(
        "--synthetic",
        type=int,
        default=0,
        help="write this many extra synthetic authorities (params and data)",
    )
    parser.add_argument(
        "--hr-export",
        type=Path,
        default=None,
        metavar="DIR",
        help="write a synthetic HR export workbook and its mapping there (docs/hr-export.md)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.hr_export:
        from equality_progress.tools.hr_export import write_export

        fy = FinancialYear.parse("2024-25")
        source = args.root / "data" / "lcrca" / fy.label / "workforce.csv"
        for path in write_export(source, fy.snapshot_date, args.hr_export, "newtown"):
            log.info("wrote %s", path)
        return 0
    if args.synthetic:
        ids = build_synthetic(args.root, args.synthetic)
        log.info("wrote %d synthetic authorities under %s", len(ids), args.root)
        return 0
    data = args.root / "data"
    for name in ("lcrca", "sefton", "unnamed-ca"):
        shutil.rmtree(data / name, ignore_errors=True)
    build_lcrca(data)
    build_sefton(data)
    build_unnamed_ca(data)
    log.info("wrote sample data under %s", data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

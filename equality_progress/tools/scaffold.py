"""``run_reports.py init <id>``: start a new authority as a params + data change only."""

from __future__ import annotations

import re
from pathlib import Path

from equality_progress.errors import InputError, Problem
from equality_progress.inputs.contracts import CONTRACTS
from equality_progress.inputs.years import FinancialYear

PARAMS = """\
# Parameters for {id}. Validated on load: unknown keys are errors.
id: {id}
display_name: "Name of the authority"
short_name: "{id}"
strategy_title: "Equality Strategy"
strategy_period: "{start} to {end}"
baseline_year: {baseline}
# baseline_label: "December {start}"   # when the baseline is not a 31 March snapshot
reporting_years: [{year}]
sample_data: false
colours:
  primary: "#1d3557"
  accent: "#e9c46a"
employers: []
"""

CATALOGUE = """\
# Indicator catalogue for {id}: one entry per success measure, action or milestone.
# Copy an example below into `indicators:` (remove the leading '# '). See docs/methodology.md.
authority: {id}
objectives: []
#  - id: employer
#    title: "Objective 1: an inclusive employer"
#    statement: "The objective as published."
indicators: []
# kind: target - a figure with a target value and year (compound annual growth method)
#  - id: employer-ethnic-minority-workforce
#    objective: employer
#    title: Ethnic-minority share of the workforce
#    statement: "We will grow the share from 3.6% to 6% by 2026"
#    kind: target
#    unit: percent
#    evidence: census        # survey | census (every member counted) | admin (own activity)
#    direction: increase
#    baseline: {{value: 3.6, year: {baseline}, source: "Strategy, p.12"}}
#    target: {{value: 6.0, year: {year}}}
#    data: {{measure: workforce_share, characteristic: ethnicity, groups: [ethnic_minority]}}
#    source: "Strategy, How will we measure success?"
# kind: direction - "an increase", "a reduction", "an annual increase" (annual: true)
#  - id: employer-gender-pay-gap
#    objective: employer
#    title: Median gender pay gap
#    statement: "There is a reduction in our gender pay gap"
#    kind: direction
#    unit: percent
#    evidence: census
#    direction: decrease
#    tolerance: 1.0          # only where the strategy or a documented rule sets one:
#    tolerance_source: "Strategy, p.14"   # changes of this size or less are no clear change
#    baseline: {{value: 15.1, year: {baseline}, source: "Pay gap report"}}
#    due: {due}
#    data: {{measure: gender_pay_gap, statistic: median}}
#    source: "Strategy"
# kind: threshold - every group at or above a level, judged with confidence intervals
#  - id: employer-edi-score
#    objective: employer
#    title: EDI engagement score, every employee group
#    statement: "A minimum score of 6/7 for all employee groups"
#    kind: threshold
#    unit: score
#    evidence: survey
#    threshold: 6.0
#    due: {due}
#    data: {{measure: survey_score, group_by: [sex, ethnicity, disability]}}
#    source: "Strategy"
# kind: context - a figure the strategy reports with no target or direction: shown, not
#   assessed, never counted (same fields as a direction, with direction: none)
# kind: milestone - a dated action; progress comes from actions.csv
#  - id: action-1.1
#    objective: employer
#    title: Launch a staff network
#    statement: "1.1 Launch a staff network for disabled employees."
#    kind: milestone
#    unit: status
#    direction: none
#    due: {due}
#    data: {{measure: action_status}}
#    source: "Strategy, action 1.1"
"""


def init_authority(authority_id: str, year: str, root: Path) -> list[Path]:
    """Write a params file, an empty catalogue with examples and empty data templates."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", authority_id):
        raise InputError(
            [
                Problem(
                    "init",
                    f"'{authority_id}' is not a valid id: use lower-case "
                    "letters, digits and hyphens",
                )
            ]
        )
    fy = FinancialYear.parse(year)
    params = root / "params" / "authorities" / f"{authority_id}.yaml"
    catalogue = root / "params" / "catalogues" / f"{authority_id}.yaml"
    if params.exists() or catalogue.exists():
        raise InputError(
            [Problem(params.relative_to(root).as_posix(), "already exists; nothing was written")]
        )
    fields = dict(
        id=authority_id,
        year=fy.label,
        baseline=fy.previous().label,
        start=fy.start,
        end=fy.end,
        due=fy.snapshot_date.isoformat(),
    )
    params.write_text(PARAMS.format(**fields), encoding="utf-8")
    catalogue.write_text(CATALOGUE.format(**fields), encoding="utf-8")
    written = [params, catalogue]
    for y in (fy.previous(), fy):
        folder = root / "data" / authority_id / y.label
        folder.mkdir(parents=True, exist_ok=True)
        for contract in CONTRACTS.values():
            path = folder / contract.filename
            path.write_text(",".join(c.name for c in contract.columns) + "\n", encoding="utf-8")
            written.append(path)
    return written

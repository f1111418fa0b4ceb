"""A project folder an authority owns (``equality-progress new DIR --authority ID``), and a
new authority in a project (``equality-progress init ID``): params, data and words only,
never code. The tool itself stays installed apart (see :mod:`equality_progress.layout`)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from equality_progress import __version__
from equality_progress.errors import InputError, Problem
from equality_progress.inputs.contracts import CONTRACTS
from equality_progress.layout import MARKER, authority_file, catalogue_file
from equality_progress.years import FinancialYear

SETTINGS = """\
# Settings shared by every report of this project. Validated on load (unknown keys are
# errors); every key may be left out for its default.
# The date each report is published is set per year in params/authorities/<id>.yaml
# (published:); a year without one is dated the day of the build, and says so.
disclosure:
  min_count: 5      # counts from 1 to 4 are suppressed, [c]
  min_base: 10      # no percentage, mean or median from fewer than 10 people
  protection_width: 5   # no withheld count narrowed to a range narrower than this
progress:
  on_track_ratio: 0.95
  some_progress_ratio: 0.60
  confidence: 0.95
  trend_confidence: 0.998
  trend_min_points: 5
"""

README = """\
# {id}: annual equality progress reports

This folder is a project of the `equality-progress` tool (version {version} made it). It
holds only this authority's own material; the tool is installed, not copied here.

```text
params/settings.yaml            disclosure and progress settings (marks the project folder)
params/authorities/{id}.yaml    name, strategy, baseline, reporting years, colours
params/catalogues/{id}.yaml     every commitment of the strategy, once, in its own words
params/mappings/{id}.yaml       how an HR export's columns and codes map (optional)
data/{id}/<year>/               each year's data files and commentary.yaml
data/{id}/templates/            the columns of every data file, to copy into a year
reports/                        what the build publishes (not kept in git)
```

## Commands (run them in this folder)

```sh
pip install -r requirements.txt       # the tool, at the version this project was made with
equality-progress validate            # check every input; lists every problem at once
equality-progress                     # build every report into reports/
equality-progress list                # authorities and years
equality-progress map --authority {id} --input export.xlsx   # draft an HR export's mapping
```

Fill in the params file and the catalogue (the commented examples show each kind), add
this year's files to `data/{id}/{year}/`, then validate and build.
`equality-progress verify reports` re-runs every published report and proves each file
identical (or names what changed); `.github/workflows/` runs all of this on every push.
"""

REQUIREMENTS = """\
# The tool this project's reports are built with. Pin it, so that a rebuild is byte-identical.
equality-progress=={version}
"""

WORKFLOW = """\
# Checks this project's inputs, builds its reports, proves them reproducible (verify re-runs
# each in a scratch folder and compares every published file) and re-runs each published
# notebook with nbval, on every push.
name: reports
on: [push, pull_request]
jobs:
  reports:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install -r requirements.txt nbval
      - run: equality-progress validate
      - run: equality-progress --format html,pdf
      - run: equality-progress verify reports
      - run: python -m pytest --nbval-lax -p no:cacheprovider reports/*/*/report.ipynb
      - uses: actions/upload-artifact@v4
        with:
          name: reports
          path: reports/
"""

GITIGNORE = """\
reports/
.ipynb_checkpoints/
"""

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
# The date printed on each year's report (a year without one: the day of the build, stated):
# published: {{{year}: {published}}}
# A file that does not exist for a year, with the reason the report shows, e.g. a first
# report with no data for the baseline year:
# absent: {{{baseline}: {{workforce.csv: "Our first report: no export was kept for {baseline}"}}}}
# Who the public asks about the report, for it in another format, or with feedback
# (validate refuses a project without it; every public equality report gives one):
{contact}
# Who approved each year's report for publication (without it the report says it is a draft):
# approved: {{{year}: {{by: "Cabinet", date: {published}}}}}
"""

CATALOGUE = """\
# Indicator catalogue for {id}: one entry per success measure, action or milestone.
# `init` wrote one objective and one measure so that a first report builds from a
# workforce file alone: replace them with your strategy's own words and measures. Copy an
# example below into `indicators:` (remove the leading '# '). See docs/methodology.md.
authority: {id}
objectives:
  - id: employer
    title: "Objective 1: an inclusive employer (example written by init)"
    statement: "Replace with the objective as your strategy publishes it."
indicators:
  - id: employer-ethnic-minority-workforce
    objective: employer
    title: Ethnic-minority share of the workforce
    statement: "Example written by init: replace with your strategy's own measure"
    kind: context             # shown, not assessed; needs no baseline or target
    unit: percent
    evidence: census
    direction: none
    data: {{measure: workforce_share, characteristic: ethnicity, groups: [ethnic_minority]}}
    source: "Example written by init"
    choices:                  # a named group is a definition: say why it fits your words
      - field: definition
        reason: "Example written by init: every group except White British is counted;
          use groups: [ethnic_minority_excluding_white] to leave white minorities out"
# kind: target - a figure with a target value and year (judged by its pace toward it)
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
#    choices: [{{field: definition, reason: "Counts every group except White British"}}]
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


COMMENTARY = """\
# Analyst commentary for this year: a few sentences per objective and per indicator,
# keyed by their ids in the catalogue (an unknown id is an error, with "did you mean").
objectives: {}
indicators: {}
"""


def _check_id(authority_id: str) -> None:
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


NO_CONTACT = '# contact: {team: "Equality and Diversity Team", email: equality@example.gov.uk}'


def ask_contact(
    team: str | None, email: str | None, interactive: bool, ask: Callable[[str], str] = input
) -> dict[str, str] | None:
    """The contact the public uses (issue 25: ``new`` and ``init`` ask for it, since
    ``validate`` refuses a project without one): from the options, else asked for at a
    terminal (a blank answer leaves it to fill in later), else None."""
    if interactive:
        team = team or ask("Team the public contacts about the report (blank: later): ").strip()
        if team:
            email = email or ask(f"{team}'s email address: ").strip()
    if not team and not email:
        return None
    if not team or not email or not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        raise InputError(
            [
                Problem(
                    "--contact-team/--contact-email",
                    f"give a team and an email address (found {team!r}, {email!r})",
                )
            ]
        )
    return {"team": team, "email": email}


def _contact_line(contact: dict[str, str] | None) -> str:
    if contact is None:
        return NO_CONTACT
    return "contact: " + json.dumps(contact, ensure_ascii=False)  # JSON is YAML


def new_project(
    folder: Path, authority_id: str, year: str, contact: dict[str, str] | None = None
) -> list[Path]:
    """A project folder for one authority: settings, its params, catalogue and data
    folders, a README, a pinned requirement on this tool, a CI workflow and .gitignore.
    Refused when ``folder`` is already a project."""
    _check_id(authority_id)
    if (folder / MARKER).exists():
        raise InputError(
            [Problem(str(folder), "is already a project; add an authority with 'init' there")]
        )
    fields = dict(id=authority_id, year=FinancialYear.parse(year).label, version=__version__)
    files = {
        MARKER.as_posix(): SETTINGS,
        "README.md": README.format(**fields),
        "requirements.txt": REQUIREMENTS.format(**fields),
        ".github/workflows/reports.yml": WORKFLOW,
        ".gitignore": GITIGNORE,
    }
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written + init_authority(authority_id, year, folder, contact)


def init_authority(
    authority_id: str, year: str, root: Path, contact: dict[str, str] | None = None
) -> list[Path]:
    """Write a params file (with ``contact`` when given), an empty catalogue with examples
    and empty data templates."""
    _check_id(authority_id)
    fy = FinancialYear.parse(year)
    params = authority_file(authority_id, root)
    catalogue = catalogue_file(authority_id, root)
    params.parent.mkdir(parents=True, exist_ok=True)
    catalogue.parent.mkdir(parents=True, exist_ok=True)
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
        published=f"{fy.end}-06-30",
        contact=_contact_line(contact),
    )
    params.write_text(PARAMS.format(**fields), encoding="utf-8")
    catalogue.write_text(CATALOGUE.format(**fields), encoding="utf-8")
    written = [params, catalogue]
    # The year folders hold only files that validate as they stand (an empty commentary);
    # the data files' headings wait in templates/, to be copied into a year and filled in.
    for y in (fy.previous(), fy):
        folder = root / "data" / authority_id / y.label
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "commentary.yaml"
        path.write_text(COMMENTARY, encoding="utf-8")
        written.append(path)
    templates = root / "data" / authority_id / "templates"
    templates.mkdir(parents=True, exist_ok=True)
    for contract in CONTRACTS.values():
        path = templates / contract.filename
        path.write_text(",".join(c.name for c in contract.columns) + "\n", encoding="utf-8")
        written.append(path)
    return written

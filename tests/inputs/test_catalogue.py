"""Every measure, action and milestone in the seed documents has exactly one indicator.

The checklist below was written by reading the seeds (../shared/seeds), independently of
the catalogues: each entry is a phrase that only its own measure's statement contains.
"""

from pathlib import Path

import pytest

from equality_progress.errors import InputError
from equality_progress.inputs.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"

LCRCA_MEASURES = {  # seed 001, "How will we measure success? By 2026" (one per figure)
    "employer-ethnic-minority-workforce": "from 3.6% to 6%",
    "employer-senior-appointments-ethnic-minority": "6% of Senior appointments",
    "employer-disabled-workforce": "8.8% of our workforce",
    "employer-male-share": "55.7% are male",
    "employer-gender-pay-gap-lcrca": "15.08% for LCRCA",
    "employer-gender-pay-gap-merseytravel": "9.68% for Merseytravel",
    "employer-sexual-orientation-non-disclosure": "14% have currently chosen not to report",
    "employer-lgb-plus-share": "baseline of 3.1%",
    "employer-age-profile": "addressed the age profile",
    "employer-edi-engagement-score": "minimum score of 6/7",
    "commissioner-programmes-positive-impact": "demonstrate the positive impacts",
    "commissioner-passengers-using-public-transport": "more people are using public transport",
    "commissioner-passengers-feel-safe": "feel safe doing so",
    "commissioner-programme-equality-targets-met": "meet or exceed the equalities related targets",
    "commissioner-community-suppliers-onboarded": "community suppliers",
    "commissioner-community-suppliers-awarded": "awarded contracts",
    "commissioner-community-suppliers-value-share": "share of the total contract value",
    "commissioner-suppliers-social-value": "Social Value measures",
    "civic-leader-partnerships": "number of partnerships",
    "civic-leader-organisations-influenced": "organisations influenced",
    "civic-leader-advisory-network": "advisory and support network",
    "civic-leader-under-represented-entrepreneurs": "entrepreneurs and businesses",
}
# seed 001, Objective One "Our Priorities": the one priority tracked as a figure (context)
LCRCA_PRIORITY_FIGURES = {
    "employer-socio-economic-not-recorded": "socio-economic status as factor we monitor",
}
# Figures that share one statement: the id decides which figure, the phrase the statement.
SHARED_STATEMENT = {
    "employer-gender-pay-gap-lcrca",
    "employer-gender-pay-gap-merseytravel",
    "employer-sexual-orientation-non-disclosure",
    "employer-lgb-plus-share",
    "commissioner-passengers-using-public-transport",
    "commissioner-passengers-feel-safe",
    "commissioner-community-suppliers-onboarded",
    "commissioner-community-suppliers-awarded",
    "commissioner-community-suppliers-value-share",
}
LCRCA_YEAR_ONE = {"employer": 11, "commissioner": 11, "civic-leader": 6}  # seed 001 lists
LCRCA_PLAN = {  # seed 001 delivery timeline, one phrase per milestone
    "employer": [
        "Positive Action programme launched",
        "Disability pay gap reporting",
        "talent management",
        "returning from parental leave",
        "Reverse mentoring",
        "flexible working",
        "harassment and discrimination",
        "Network Group launched",
        "Disability Passport",
        "accreditation schemes",
        "Voluntary Reporting Framework",
        "wellbeing programme",
        "Phase 2",
        "Broader pay gap",
    ],
    "commissioner": [
        "Citizens Voice",
        "Community suppliers list",
        "Equalities indicators",
        "Generations for Change",
        "Grow investment",
        "Bus Passenger Charter",
        "Equality Impact Assessment",
        "procurement",
        "lived experience",
        "access for all",
        "passenger safety",
        "gaps in participation",
    ],
    "civic-leader": [
        "Portfolio leads",
        "Membership policy",
        "Equality infrastructure",
        "civic groups",
        "Marketing and Communications",
        "food poverty",
        "commitment and achievements",
        "System wide approach",
        "thought leadership",
    ],
}
LCRCA_SUPPORTING = [
    "Race Equality Programme",
    "monitoring, analysis and reporting",
    "Publish additional information",
    "Equality Impact Assessment",
    "equalities infrastructure and engagement forums",
    "employee network groups",
    "advisory board member equality data",
    "Embed equality objectives across all",
]  # seed 000, section 3.5
SEFTON_ACTIONS_PER_OBJECTIVE = [10, 15, 13, 9, 9, 8, 6]  # 1.1-1.10 ... 7.1-7.6 = 70
SEFTON_WORKFORCE = {
    "age_band": 4,  # over 50, 40 to 49, under 30 and under 20
    "sex": 1,
    "ethnicity": 2,
    "disability": 2,
    "sexual_orientation": 2,
    "care_experience": 1,
}  # its own figures: three age bands, a share and a non-response rate each; care experience
UNNAMED_CA_OBJECTIVES = [
    "Diversity",
    "Equity",
    "Inclusion",
    "Training",
    "Evidence",
    "Portfolio plans",
    "Guidance",
    "Funding",
    "Data",
    "Engagement",
    "Collaboration",
    "Membership",
]


def test_lcrca_every_measure_has_exactly_one_indicator():
    cat = load_catalogue("lcrca")
    quantitative = [
        i
        for i in cat.indicators
        if not i.id.startswith(("year-one-", "future-", "plan-", "supporting-action-", "priority-"))
        and i.id not in LCRCA_PRIORITY_FIGURES
    ]
    assert sorted(i.id for i in quantitative) == sorted(LCRCA_MEASURES)
    for ind_id, phrase in LCRCA_PRIORITY_FIGURES.items():
        assert [i.id for i in cat.indicators if phrase in i.statement] == [ind_id]
    for ind_id, phrase in LCRCA_MEASURES.items():
        holders = [i.id for i in quantitative if phrase in i.statement]
        if ind_id in SHARED_STATEMENT:
            assert ind_id in holders
        else:
            assert holders == [ind_id], f"{phrase!r} is in {holders}"


def test_lcrca_year_one_plan_and_supporting_actions():
    cat = load_catalogue("lcrca")
    for obj, n in LCRCA_YEAR_ONE.items():
        ours = [i for i in cat.indicators if i.id.startswith(f"year-one-{obj}-")]
        assert len({i.statement for i in ours}) == n  # one bullet may hold two parts

    def texts(ind, section):  # the wording an indicator carries from one list of the seeds
        own = [ind.statement] if ind.sources and section in ind.sources[0].section else []
        return own + [s.text for s in ind.sources if s.text and section in s.section]

    for obj, phrases in LCRCA_PLAN.items():
        for phrase in phrases:
            holders = [
                i.id
                for i in cat.indicators
                if i.objective == obj
                and any(phrase.lower() in t.lower() for t in texts(i, "delivery timeline"))
            ]
            assert len(holders) == 1, (phrase, holders)
    for phrase in LCRCA_SUPPORTING:
        holders = [i.id for i in cat.indicators if any(phrase in t for t in texts(i, "para 3.5"))]
        assert len(holders) == 1, (phrase, holders)


def test_sefton_seventy_numbered_actions_sixty_nine_commitments_and_workforce_measures():
    cat = load_catalogue("sefton")
    actions = [i for i in cat.indicators if i.id.startswith("action-")]
    expected = [
        f"action-{o}.{n}"
        for o, count in enumerate(SEFTON_ACTIONS_PER_OBJECTIVE, 1)
        for n in range(1, count + 1)
    ]
    # 2.10 is 2.6 published again without "via Sefton@Work": one commitment, both sources
    assert sorted(i.id for i in actions) == sorted(e for e in expected if e != "action-2.10")
    assert len(actions) == 69
    merged = next(i for i in actions if i.id == "action-2.6")
    assert [s.section.split(", ")[1][:11] for s in merged.sources] == ["action 2.6", "action 2.10"]
    for char, n in SEFTON_WORKFORCE.items():
        assert len([i for i in cat.indicators if i.data.characteristic == char]) == n, char
    training = [i for i in cat.indicators if i.data.measure == "training_compliance"]
    assert len(training) == 1 and training[0].baseline.value == 67.0


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not beside this checkout")
def test_sefton_action_statements_are_verbatim_from_the_seed():
    import re

    seed = " ".join(
        re.sub(
            r"<[^>]+>", " ", (SEEDS / "003_71fc31da17983ca0.txt").read_text(encoding="utf-8")
        ).split()
    )
    for ind in load_catalogue("sefton").indicators:
        if ind.id.startswith("action-"):
            assert ind.statement[:60] in seed, ind.id


def test_unnamed_ca_twelve_objectives():
    cat = load_catalogue("unnamed-ca")
    assert [o.title.split(". ", 1)[1] for o in cat.objectives] == UNNAMED_CA_OBJECTIVES
    assert len(cat.indicators) == 12
    assert {i.objective for i in cat.indicators} == {o.id for o in cat.objectives}


def _write(tmp_path, body):
    (tmp_path / "params" / "catalogues").mkdir(parents=True)
    (tmp_path / "params" / "catalogues" / "x.yaml").write_text(body, encoding="utf-8")
    return tmp_path


GOOD = """authority: x
objectives: [{id: o, title: O, statement: S}]
indicators:
- id: m-1
  objective: o
  title: T
  statement: S
  kind: target
  unit: percent
  evidence: census
  direction: increase
  baseline: {value: 1, year: 2021-22, source: s}
  target: {value: 2, year: 2025-26}
  data: {measure: workforce_share, characteristic: sex, groups: [Female]}
  source: s
"""


DEFINITION = "  choices: [{field: definition, reason: Every group but White British counted}]\n"
STATISTIC = "  choices: [{field: statistic, reason: The median is the ONS headline measure}]\n"


def test_valid_minimal_catalogue_loads(tmp_path):
    assert load_catalogue("x", _write(tmp_path, GOOD)).indicators[0].id == "m-1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  source: s\n", "  source: s\n  colour: red\n"), "colour: unknown key"),
        (("  title: T\n", ""), "title: required field is missing"),
        (
            ("  target: {value: 2, year: 2025-26}\n", "  target: {value: 2}\n"),
            "target.year: required field is missing",
        ),
        (("  target: {value: 2, year: 2025-26}\n", ""), "needs target"),
        (("objective: o\n", "objective: nope\n"), "unknown objectives: nope"),
        (("year: 2021-22", "year: 2021-23"), "not a financial year"),
        (("  evidence: census\n", ""), "'m-1' (indicators.0: Value error, evidence: required"),
        (("  evidence: census\n", "  evidence: poll\n"), "evidence"),
        # a group that is no code would count nobody: 0% published without a word
        (
            ("groups: [Female]", "groups: [Femal]"),
            "'Femal' is not a sex code (did you mean 'Female'?)",
        ),
        (
            ("characteristic: sex, groups: [Female]", "characteristic: sex, groups: [lgb_plus]"),
            "'lgb_plus' is a group of sexual_orientation, but characteristic: is sex",
        ),
        # a named group is a definition the strategy may word otherwise: a recorded choice
        (
            (
                "characteristic: sex, groups: [Female]",
                "characteristic: ethnicity, groups: [ethnic_minority]",
            ),
            "counts every ethnic group except White British (white minorities included); "
            "strategies word this differently, so record why it fits the statement: choices: "
            "[{field: definition",
        ),
        (
            ("groups: [Female]}", "groups: [Female], statistic: median}"),
            "data.statistic: median: the statement does not say which average it means",
        ),
        # Markdown from a converted document would print raw in every output (issue 25)
        (
            ("  statement: S\n", "  statement: As the Council's [Motion 2022](#) says\n"),
            "'[Motion 2022](#)' is Markdown, which every output would print as it is",
        ),
    ],
)
def test_catalogue_errors_name_file_indicator_and_field(tmp_path, change, message):
    with pytest.raises(InputError) as err:
        load_catalogue("x", _write(tmp_path, GOOD.replace(*change)))
    text = str(err.value)
    assert "params/catalogues/x.yaml" in text or "x.yaml" in text
    assert message in text


@pytest.mark.parametrize(
    ("data", "statement", "choices"),
    [
        ("characteristic: ethnicity, groups: [ethnic_minority]", "S", DEFINITION),
        ("characteristic: sex, groups: [Female], statistic: median", "The median gap", ""),
        ("characteristic: sex, groups: [Female], statistic: mean", "The average gap", ""),
        ("characteristic: sex, groups: [Female], statistic: median", "S", STATISTIC),
    ],
)
def test_a_definition_or_average_loads_when_the_statement_or_a_choice_settles_it(
    tmp_path, data, statement, choices
):
    text = GOOD.replace("characteristic: sex, groups: [Female]", data)
    text = text.replace("  statement: S\n", f"  statement: {statement}\n") + choices
    assert load_catalogue("x", _write(tmp_path, text)).indicators[0].data.groups


SEFTON_ONGOING = ("2.2", "2.4", "2.13", "3.1", "5.4", "6.4")  # "Continue ...", "Ensure continued"


def test_kinds_follow_the_verb_in_the_sample_catalogues():
    """Issue 23: Sefton's "Continue" actions are judged every year; LCRCA's Year One item that
    joins yearly training to a one-off programme, and its accreditation item that joins
    keeping schemes to gaining Disability Confident Leader, are each two parts of one bullet."""
    sefton = {i.id: i for i in load_catalogue("sefton").indicators}
    assert [sefton[f"action-{n}"].kind for n in SEFTON_ONGOING] == ["recurring"] * 6
    assert sefton["action-7.6"].kind == "milestone"  # ends in a Cabinet decision: a choice
    assert "Cabinet approval" in sefton["action-7.6"].choice("kind").reason
    lcrca = {i.id: i for i in load_catalogue("lcrca").indicators}
    for one, two in (
        ("year-one-employer-7", "year-one-employer-7-leadership-programme"),
        ("future-employer-1", "future-employer-1-disability-confident-leader"),
    ):
        assert (lcrca[one].kind, lcrca[two].kind) == ("recurring", "milestone")
        assert lcrca[one].statement == lcrca[two].statement
        assert lcrca[one].part and lcrca[two].part and lcrca[one].part != lcrca[two].part
    assert lcrca["year-one-employer-7-leadership-programme"].due.isoformat() == "2023-03-31"


@pytest.mark.parametrize(
    ("kind", "statement", "choice", "message"),
    [
        ("milestone", "Continue to promote training.", "", "statement opens 'Continue'"),
        ("milestone", "2.4 Ensure continued engagement.", "", "opens 'Ensure continued'"),
        ("milestone", "We will maintain the charter.", "", "opens 'maintain'"),
        ("recurring", "Achieve Disability Confident Leader.", "", "opens 'Achieve'"),
        ("recurring", "Launch a staff network.", "", "a recurring commitment can never be done"),
        ("milestone", "Continue the review and then seek approval.", "kind", None),
        ("milestone", "Launch a staff network.", "", None),
        ("recurring", "Sustain the events.", "", None),
    ],
)
def test_a_kind_against_its_verb_needs_a_recorded_reason(
    tmp_path, kind, statement, choice, message
):
    due = "  due: 2027-03-31\n" if kind == "milestone" else ""
    body = GOOD.replace(GOOD[GOOD.index("- id: m-1") :], "") + (
        "- id: a-1\n  objective: o\n  title: A\n"
        f"  statement: {statement}\n  kind: {kind}\n  unit: status\n  direction: none\n"
        f"{due}  data: {{measure: action_status}}\n  source: s\n"
    )
    if choice:
        body += "  choices: [{field: kind, reason: It ends in a decision made once}]\n"
    if message is None:
        assert load_catalogue("x", _write(tmp_path, body)).indicators[0].kind == kind
        return
    with pytest.raises(InputError) as err:
        load_catalogue("x", _write(tmp_path, body))
    assert message in str(err.value) and "choices: [{field: kind" in str(err.value)


@pytest.mark.parametrize(
    ("derived", "value", "message"),
    [
        ("{how: remainder, figures: [3.22, 20.48]}", 76.3, None),
        ("{how: sum, figures: [53.3, 3.79]}", 57.09, None),
        ("{how: remainder, figures: [3.22, 20.48]}", 76.8, "the derived figures give 76.3"),
        ("{how: sum, figures: [53.3, 3.97]}", 57.27, "3.97 not in the statement"),
    ],
)
def test_a_derived_baseline_comes_from_the_statements_figures(tmp_path, derived, value, message):
    """Issue 23: Sefton's 76.3% and 57.09% are worked out, not printed: marked so, from the
    figures the statement prints, and adding up."""
    statement = (
        "3.22% disabled, 20.48% not disabled; 53.3% did not answer, 3.79% preferred not to say."
    )
    body = GOOD.replace("  statement: S\n", f"  statement: {statement}\n").replace(
        "baseline: {value: 1, year: 2021-22, source: s}",
        f"baseline: {{value: {value}, year: 2021-22, source: s, derived: {derived}}}",
    )
    body = body.replace("target: {value: 2, year: 2025-26}", "target: {value: 99, year: 2025-26}")
    if message is None:
        base = load_catalogue("x", _write(tmp_path, body)).indicators[0].baseline
        assert base.derived.total() == pytest.approx(value)
        return
    with pytest.raises(InputError) as err:
        load_catalogue("x", _write(tmp_path, body))
    assert message in str(err.value)

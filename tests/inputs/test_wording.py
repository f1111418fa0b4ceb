"""A commitment's words bind its model: verbs give kinds, Markdown is refused, a derived
baseline adds up from the statement's figures, a group is a code or a named definition.
(The catalogue-level messages, file and indicator named, are in test_catalogue.py.)"""

from __future__ import annotations

import pytest

from equality_progress.inputs import wording
from equality_progress.inputs.catalogue import Indicator


@pytest.mark.parametrize(
    ("statement", "ongoing", "one_off"),
    [
        ("Continue to promote mandatory online training.", "Continue", None),
        ("2.4 Ensure continued full engagement in working groups.", "Ensure continued", None),
        ("We will maintain the Disability Confident status.", "maintain", None),
        ("7.3 Launch LGBTQIA+ group and Disability group.", None, "Launch"),
        ("Achieve Disability Confident Leader.", None, "Achieve"),
        ("Establish a Race Equality Monitoring Group.", None, None),
        ("Continued funding is sought.", None, None),  # 'Continued', not 'Continue'
    ],
)
def test_the_verb_that_opens_a_statement(statement, ongoing, one_off):
    found = wording.ONGOING_VERBS.match(statement)
    assert (found.group(1) if found else None) == ongoing
    found = wording.ONE_OFF_VERBS.match(statement)
    assert (found.group(1) if found else None) == one_off


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("the Council's [Motion 2022](#).", "[Motion 2022](#)"),
        ("a **bold** claim", "**bold**"),
        ("# A heading", "# "),
        ("Plain words, 3.6% [c] and (brackets) stay.", None),
    ],
)
def test_markdown_is_refused_and_plain_words_pass(text, markdown):
    if markdown is None:
        assert wording.plain_text(text) == text
        return
    with pytest.raises(ValueError, match=r"is Markdown"):
        wording.plain_text(text)
    assert markdown in str(pytest.raises(ValueError, wording.plain_text, text).value)


def _share(**changes) -> Indicator:
    fields = dict(
        id="x-1",
        objective="o",
        title="X",
        statement="3.22% said yes and 20.48% said no.",
        kind="context",
        unit="percent",
        evidence="census",
        direction="none",
        data={"measure": "workforce_share", "characteristic": "disability", "groups": ["Disabled"]},
        source="s",
    )
    return Indicator.model_construct(**(fields | changes))


def test_a_derived_baseline_is_the_statements_figures_added_up():
    from equality_progress.inputs.catalogue import Baseline, DataSpec

    base = Baseline(
        value=76.3,
        year="2022-23",
        source="s",
        derived={"how": "remainder", "figures": [3.22, 20.48]},
    )
    ind = _share(baseline=base, data=DataSpec(measure="workforce_share"))
    wording.check_derived(ind)  # 100 - 3.22 - 20.48 = 76.30
    wrong = base.model_copy(update={"value": 75.3})
    with pytest.raises(ValueError, match="the derived figures give 76.3"):
        wording.check_derived(_share(baseline=wrong, data=DataSpec(measure="workforce_share")))
    # a figure is matched whole: 3.2 is not the statement's 3.22
    part = base.model_copy(
        update={"derived": base.derived.model_copy(update={"figures": [3.2, 20.48]})}
    )
    with pytest.raises(ValueError, match="3.2 not in the statement"):
        wording.check_derived(_share(baseline=part, data=DataSpec(measure="workforce_share")))

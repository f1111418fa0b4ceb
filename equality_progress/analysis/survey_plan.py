"""Rule 6 over a survey's groups taken together (issue 28): a characteristic's groups and
the all-respondents mean are one system, since the headline's total less the published
groups' totals is the total of everyone they leave out (:func:`plan_group_means`), and a
group's verdict against a level says on which side of it its total lies
(:mod:`.survey_sides`). Each question is :mod:`.bounded_means`'s, asked of a total.
Pure: no I/O."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from equality_progress.analysis.bounded_means import (
    PublishedMean,
    headline_mean,
    printed_bounds,
    printed_end,
    publishable_mean,
    total_exposes,
)
from equality_progress.analysis.survey_joint import plan_survey, survey_exposed
from equality_progress.analysis.survey_parts import GroupMean, Part, withheld_sizes
from equality_progress.analysis.survey_sides import total_range
from equality_progress.inputs.settings import DisclosureSettings


def plan_group_means(
    groups: Sequence[GroupMean],
    respondents: int,
    headline: float | None,
    answers: tuple[int, ...],
    rules: DisclosureSettings,
    confidence: float = 0.95,
) -> dict[str, PublishedMean]:
    """How each group's mean of one characteristic is published: each as rule 6 allows on
    its own (:func:`publishable_mean`), then, while the answers of everyone the published
    means leave out (the withheld groups, those too small to publish and those who did not
    say) are exposed by their total, the published mean of the smallest group withheld too.
    That total is the headline's (``respondents`` times ``headline``, the all-respondents
    mean as printed, None where withheld) less each published group's (its number of
    answers times its mean as printed), each within half a unit of its last place (issue
    28's audit of a 30-answer survey: 30 x 6.47 - 16 x 6.38 left the 14 women's 92, a mean
    of 6.57 that rule 6 had withheld). ``answers``: how many of all respondents gave each
    answer. A reader is taken to know every group's number of answers."""
    shown = {
        g.name: publishable_mean(
            g.n, g.mean, g.lower, g.upper, rules, confidence, g.population, g.answers
        )
        if g.mean is not None
        else PublishedMean(None, False)
        for g in groups
    }
    if headline is None:
        return shown
    while True:
        published = [g for g in groups if shown[g.name].places is not None]
        rest_n = respondents - sum(g.n for g in published)
        if rest_n <= 0 or not published:
            return shown
        lo, hi = total_range(respondents, headline, 2)
        for g in published:
            g_lo, g_hi = total_range(g.n, g.mean, shown[g.name].places)  # type: ignore[arg-type]
            lo, hi = lo - g_hi, hi - g_lo
        rest = tuple(a - sum(g.answers[i] for g in published) for i, a in enumerate(answers))
        if not total_exposes(rest_n, lo, hi, rules, rest):
            return shown
        smallest = min(published, key=lambda g: (g.n, g.name))
        shown[smallest.name] = PublishedMean(None, False)


@dataclass(frozen=True, eq=False)
class GroupPlan:
    """A survey's groups, characteristic by characteristic, with the headline they are
    published beside, planned when first asked: each characteristic on its own
    (:func:`plan_group_means`), then the whole survey as one programme
    (:func:`.survey_joint.plan_survey`). A report asks for this year's groups only, while
    last year's evaluation makes its groups too, for their statuses. ``headline``: the
    all-respondents mean with its interval and staff in post, or None where the report
    does not publish it; ``level``: the threshold and direction the groups' verdicts are
    against, whose sides the plan takes in (None: no verdicts)."""

    characteristics: tuple[tuple[GroupMean, ...], ...]
    respondents: int
    answers: tuple[int, ...]
    headline: tuple[float, float | None, float | None, int | None] | None
    rules: DisclosureSettings
    confidence: float
    level: tuple[float, str] | None = None  # (threshold, direction) of each group's verdict

    @functools.cached_property
    def decisions(self) -> dict[str, PublishedMean]:
        """How each group's mean is published."""
        return self._plan[0]

    @functools.cached_property
    def headline_shown(self) -> PublishedMean:
        """How the all-respondents mean is published: as its own check allows
        (:func:`.bounded_means.headline_mean`) unless, with every group's figures withheld,
        it still exposes a count (then as the whole plan has it). That test first, since
        the plan, a programme per step, is made only where the report prints the groups:
        every year's headline is printed, as the plan of that year's groups has it."""
        forms = self._headline_forms
        if len(forms) == 1:
            return forms[0][0]
        whole, rules = forms[0][1], self.rules
        hit, _ = survey_exposed(
            self.characteristics, None, whole, rules, self.confidence, None, self._hidden
        )
        if hit is None:
            return forms[0][0]
        return forms[self._plan[1]][0]

    @functools.cached_property
    def _hidden(self) -> frozenset[str]:
        """The groups whose number of answers the report withholds (made once a plan)."""
        return withheld_sizes(self.characteristics, self.respondents, self.rules)

    @functools.cached_property
    def _headline_forms(self) -> list[tuple[PublishedMean, Part]]:
        """The headline as its own check lets it be printed, then each weaker form of it,
        each with all respondents as it bounds them: with its interval, its mean alone,
        withheld."""
        bare = Part.unknown(self.respondents, self.answers)
        withheld = (PublishedMean(None, False), bare)
        if self.headline is None:
            return [withheld]
        m, lower, upper, staff = self.headline
        shown = headline_mean(
            self.respondents, m, lower, upper, self.rules, self.confidence, staff, self.answers
        )
        forms = []
        for interval in (True, False):
            if shown.places is not None and (shown.interval or not interval):
                ends = (printed_end(lower), printed_end(upper)) if interval else (None, None)
                sums, squares = printed_bounds(
                    self.respondents, round(m, 2), *ends, 2, self.confidence, staff
                )
                part = Part(self.respondents, sums, squares, self.answers)
                forms.append((PublishedMean(2, interval), part))
        return [*forms, withheld]

    @functools.cached_property
    def _plan(self) -> tuple[dict[str, PublishedMean], int]:
        """Each group's form, and how many of the headline's forms the plan passed over."""
        first = self._headline_forms[0][0]
        mean = self.headline[0] if self.headline and first.places is not None else None
        each: dict[str, PublishedMean] = {}
        for groups in self.characteristics:
            each |= plan_group_means(
                groups, self.respondents, mean, self.answers, self.rules, self.confidence
            )
        wholes = [part for _, part in self._headline_forms]
        return plan_survey(
            self.characteristics, each, wholes, self.rules, self.confidence, self.level,
            self._hidden,
        )  # fmt: skip

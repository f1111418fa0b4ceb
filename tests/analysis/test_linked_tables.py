"""The workforce figures a report publishes, as linked tables: each person's category, the
atoms and items of the headcount, recruitment and pay-quarter tables (counted by hand), the
groups other outputs publish, and the whole plan protected so that no published figure
leaves a count of 1 to 4 a range narrower than 5 (checked by scipy's integer programming)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from equality_progress.analysis import linked_tables as lt
from equality_progress.analysis.linked_tables import ALL, ND, SENIOR, TOTAL
from equality_progress.inputs.contracts import ETHNIC_MINORITY
from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10, protection_width=5)
EM, WB = "Ethnic minority", "White British"


def _people(*groups: tuple[int, dict]) -> pd.DataFrame:
    """``n`` people with the given column values, for each (n, values)."""
    return pd.DataFrame([values for n, values in groups for _ in range(n)]).reset_index(drop=True)


# 19 staff in two grades; G2 has the senior roles
STAFF = _people(
    (6, {"grade": "G1", "senior_role": False, "ethnicity": "White British"}),
    (2, {"grade": "G1", "senior_role": False, "ethnicity": "Indian"}),
    (1, {"grade": "G1", "senior_role": False, "ethnicity": "Not recorded"}),
    (4, {"grade": "G2", "senior_role": False, "ethnicity": "White British"}),
    (3, {"grade": "G2", "senior_role": False, "ethnicity": "African"}),
    (2, {"grade": "G2", "senior_role": True, "ethnicity": "White British"}),
    (1, {"grade": "G2", "senior_role": True, "ethnicity": "Chinese"}),
)


def test_each_persons_category():
    col = pd.Series(["Indian", "White British", "Prefer not to say", "Not recorded", "Arab"])
    assert lt.categories(col, "ethnicity").tolist() == [EM, WB, ND, ND, EM]
    ages = pd.Series(["16-19", "65+", "Not recorded"])
    assert lt.categories(ages, "age_band").tolist() == ["16-19", "65+", ND]
    care = pd.Series(["Yes", "No", "Prefer not to say"])  # no published groups
    assert lt.categories(care, "care_experience").tolist() == ["Other", "Other", ND]


def test_the_categories_each_group_adds_up():
    assert lt.group_members("ethnicity", [EM, ND, WB]) == {WB: [WB], EM: [EM], ND: [ND]}
    ages = lt.group_members("age_band", ["16-19", "20-24", "30-34", ND])
    assert ages["16-34"] == ["16-19", "20-24", "30-34"]
    assert ages["16-24"] == ["16-19", "20-24"] and ages["25-34"] == ["30-34"]
    assert ages["50 and over"] == [] and ages[ND] == [ND]


def _sum(atoms: pd.Series, keys: list) -> int:
    return int(atoms[keys].sum())


def test_the_headcount_tables_as_atoms_and_items():
    bands = {"G1": "Lower", "G2": "Upper"}
    atoms, items, candidates, fixed, keep = lt.workforce_links(
        STAFF, "ethnicity", bands, by_grade=True, elsewhere=frozenset({EM})
    )
    assert len(atoms) == 2 * 2 * 3 and atoms.sum() == 19  # grade x senior x category
    assert atoms[("G1", False, EM)] == 2 and atoms[("G2", True, EM)] == 1
    assert atoms[("G1", True, WB)] == 0
    expected = {
        (ALL, TOTAL): 19,
        (ALL, EM): 6,
        (ALL, ND): 1,
        (SENIOR, TOTAL): 3,
        (SENIOR, EM): 1,
        ("Lower", WB): 6,
        ("Upper", WB): 6,
        ("G1", f"not {EM}"): 7,
        ("G2", EM): 4,
    }
    assert {k: _sum(atoms, items[k]) for k in expected} == expected
    names = [ALL, SENIOR, "Lower", "Upper", "G1", "G2"]
    assert candidates == [
        key
        for name in names
        for key in ([] if name == ALL else [(name, TOTAL)]) + [(name, g) for g in (WB, EM, ND)]
    ]
    assert fixed == [(ALL, TOTAL)] and keep == [(ALL, EM)]
    _, items_by_band, *_ = lt.workforce_links(STAFF, "ethnicity", bands, by_grade=False)
    assert ("G1", TOTAL) not in items_by_band and ("Lower", TOTAL) in items_by_band


def test_recruitment_stages_as_atoms_and_items():
    apps = _people(
        (4, {"stage": "applied", "ethnicity": "Indian"}),
        (3, {"stage": "shortlisted", "ethnicity": "African"}),
        (2, {"stage": "appointed", "ethnicity": "Arab"}),
        (6, {"stage": "applied", "ethnicity": "White British"}),
        (5, {"stage": "appointed", "ethnicity": "White British"}),
        (3, {"stage": "appointed", "ethnicity": "Not recorded"}),  # in neither group
    )
    atoms, items, candidates = lt.recruitment_links(apps, "ethnicity")
    assert atoms.to_dict() == {
        (WB, "not shortlisted"): 6,
        (WB, "shortlisted"): 0,
        (WB, "appointed"): 5,
        (EM, "not shortlisted"): 4,
        (EM, "shortlisted"): 3,
        (EM, "appointed"): 2,
    }
    sums = {k: _sum(atoms, v) for k, v in items.items() if k[0] == EM}
    assert sums == {
        (EM, "applied"): 9,
        (EM, "shortlisted"): 5,
        (EM, "appointed"): 2,
        (EM, "not shortlisted"): 4,
        (EM, "not appointed"): 3,
    }
    assert candidates == [(g, s) for g in (WB, EM) for s in ("applied", "shortlisted", "appointed")]


def test_pay_quarters_as_atoms_and_items():
    counts = pd.DataFrame(
        {WB: [4.0, 3.0, 5.0, 2.0], EM: [1.0, 2.0, 0.0, 3.0]},
        index=["upper", "upper_middle", "lower_middle", "lower"],
    )
    atoms, items, candidates, fixed = lt.quarter_links(counts, {EM: [EM]})
    assert atoms[("lower", EM)] == 3.0 and atoms.sum() == 20
    assert fixed == [(q, TOTAL) for q in counts.index]
    assert _sum(atoms, items[("upper", TOTAL)]) == 5
    assert _sum(atoms, items[(TOTAL, EM)]) == 6
    assert len(candidates) == 4 * 2 + 1 and candidates[-1] == (TOTAL, EM)


def test_the_groups_other_outputs_publish():
    specs = [
        ("workforce_share", "ethnicity", ETHNIC_MINORITY),
        ("workforce_share", "ethnicity", ("Indian",)),  # not a published group
        ("workforce_nonresponse", "disability", ()),
        ("gender_pay_gap", None, ()),
    ]
    assert lt.indicator_groups(specs) == {"ethnicity": {EM}, "disability": {ND}}


def _ranges(p, atoms: pd.Series, items: dict, key) -> tuple[float, float]:
    """The smallest and largest whole count of ``key`` that the published figures allow."""
    cols = list(atoms.index)
    published = [k for k in items if p.published(k)]
    a = np.array([[1.0 if c in items[k] else 0.0 for c in cols] for k in published])
    b = np.array([atoms[items[k]].sum() for k in published], dtype=float)
    target = np.array([1.0 if c in items[key] else 0.0 for c in cols])
    ends = []
    for sign in (1, -1):
        res = milp(
            sign * target,
            constraints=[LinearConstraint(a, b, b)],
            integrality=np.ones(len(cols)),
            bounds=Bounds(0),
        )
        ends.append(np.inf if res.fun is None else sign * res.fun)
    return ends[0], ends[1]


def test_pay_quarters_are_counted_and_protected():
    """20 full-pay relevant staff paid 1 to 20: quarters of 5 (GOV.UK), the upper quarter
    the best paid. One person of an ethnic minority in the upper quarter is withheld."""
    ethnicity = ["Indian"] * 3 + ["White British"] * 2  # paid 1-5: the lower quarter
    ethnicity += ["White British"] * 5 + ["Arab", "Arab"] + ["White British"] * 3  # 6-10, 11-15
    ethnicity += ["Chinese"] + ["White British"] * 4  # 16-20: the upper quarter
    wf = pd.DataFrame(
        {
            "hourly_pay": [float(x) for x in range(1, 21)] + [50.0],
            "ethnicity": ethnicity + ["Indian"],
            "disability": ["Not disabled"] * 21,
            "full_pay_relevant": [True] * 20 + [False],  # the last is not counted
        }
    )
    counts, p = lt.protect_quarters(wf, "ethnicity", RULES)
    expected = pd.DataFrame(
        {WB: [2.0, 5.0, 3.0, 4.0], EM: [3.0, 0.0, 2.0, 1.0], ND: [0.0] * 4},
        index=["lower", "lower_middle", "upper_middle", "upper"],
    )
    pd.testing.assert_frame_equal(counts, expected, check_names=False)
    assert not p.published(("upper", EM)) and p.published(("lower_middle", EM))
    atoms, items, *_ = lt.quarter_links(counts, {EM: [EM]})
    low, high = _ranges(p, atoms, items, ("upper", EM))
    assert high - low >= 5


@pytest.fixture(scope="module")
def plan():
    """31 staff: the 19 above with twice the White British, pay spread over every group."""
    more = _people(
        (6, {"grade": "G1", "senior_role": False, "ethnicity": "White British"}),
        (4, {"grade": "G2", "senior_role": False, "ethnicity": "White British"}),
        (2, {"grade": "G2", "senior_role": True, "ethnicity": "White British"}),
    )
    staff = pd.concat([STAFF, more], ignore_index=True)
    n = len(staff)
    staff = staff.assign(
        disability=["Disabled" if i % 3 == 0 else "Not disabled" for i in range(n)],
        sex=["Female", "Male"] * (n // 2) + ["Female"],
        hourly_pay=[10.0 + (7 * i) % n for i in range(n)],  # 7 and 31 coprime: all differ
        full_pay_relevant=True,
    )
    return staff, lt.protect_workforce(staff, {"G1": "Lower", "G2": "Upper"}, RULES, {EM: {EM}})


def test_the_plan_protects_each_characteristic_present(plan):
    staff, p = plan
    assert set(p.protections) == {"sex", "ethnicity", "disability"}  # the columns present
    assert set(p.quarters) == {"ethnicity", "disability"} and p.recruitment == {}
    for char, protection in p.protections.items():
        table = protection.table
        shown = table[(table["role"] == "candidate") & table["published"]]
        assert not ((shown["value"] > 0) & (shown["value"] < 5)).any(), char


def test_a_table_by_grade_losing_more_than_half_its_cells_drops_to_bands(plan):
    """By grade, most of the ethnicity cells of this small workforce would be withheld."""
    staff, p = plan
    assert p.by_grade is False
    table = p.protections["ethnicity"].table
    assert not [k for k in table.index if k[0] in {"G1", "G2"}]
    bigger = pd.concat([staff] * 5, ignore_index=True)  # every cell five times larger
    again = lt.protect_workforce(bigger, {"G1": "Lower", "G2": "Upper"}, RULES)
    assert again.by_grade is True


def test_every_withheld_small_count_keeps_a_range_of_five(plan):
    staff, p = plan
    atoms, items, *_ = lt.workforce_links(staff, "ethnicity", {"G1": "Lower", "G2": "Upper"}, False)
    protection = p.protections["ethnicity"]
    checked = 0
    for key in items:
        value = atoms[items[key]].sum()
        if 1 <= value <= 4:
            assert not protection.published(key), key
            low, high = _ranges(protection, atoms, items, key)
            assert high - low >= 5, (key, low, high)
            checked += 1
    assert checked >= 3


def _apps(n_sex_eth_stage: list[tuple[int, str, str, str]]) -> pd.DataFrame:
    rows = []
    for n, sex, eth, stage in n_sex_eth_stage:
        rows += [{"sex": sex, "ethnicity": eth, "stage": stage}] * n
    return pd.DataFrame(rows)


def test_recruitment_tables_share_their_stage_totals():
    """Sex complete, 3 appointed not stating ethnicity: the not-stated group is an audited
    item (not published), with the sex groups adding up to the same total."""
    apps = _apps(
        [
            (20, "Female", "White British", "applied"),
            (15, "Male", "Indian", "appointed"),
            (12, "Female", "White British", "appointed"),
            (3, "Male", "Not recorded", "appointed"),
        ]
    )
    atoms, items, cands = lt.recruitment_system(apps)
    assert len(atoms) == 2 * 3 * 3  # sex x (WB, EM, not stated) x outcome
    assert _sum(atoms, items[("ethnicity", "Not stated", "appointed")]) == 3
    assert _sum(atoms, items[("sex", "Male", "appointed")]) == 18
    assert ("ethnicity", "Not stated", "appointed") not in cands
    assert ("sex", "Female", "applied") in cands
    p = lt.protect(atoms, items, cands, RULES)
    views = lt.recruitment_views(p)
    assert set(views) == {"ethnicity", "sex"}
    # 30 appointed (sex) - 12 WB - 15 EM = 3: one of the ethnicity appointed counts goes
    assert not (
        views["ethnicity"].published((WB, "appointed"))
        and views["ethnicity"].published((EM, "appointed"))
    )
    assert views["sex"].cell(("Male", "applied")) == 18

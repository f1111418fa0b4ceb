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
    # (grade, senior role) pairs someone holds x category: no one in G1 has a senior role,
    # and a reader is taken to know which grades hold them (issue 28), so no unknown there
    assert len(atoms) == 3 * 3 and atoms.sum() == 19
    assert atoms[("G1", False, EM)] == 2 and atoms[("G2", True, EM)] == 1
    assert ("G1", True, WB) not in atoms.index
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


def test_pay_splits_each_headcount_by_quarter_and_bonus():
    """8 staff paid 1 to 8 (quarters of 2, GOV.UK), one more not on full pay: each
    headcount atom is split into 4 quarters and "not on full pay", with and without a
    bonus; the pay tables' figures are items over the same atoms (counted by hand)."""
    wf = pd.DataFrame(
        {
            "grade": ["G1"] * 9,
            "senior_role": [False] * 9,
            "ethnicity": [WB, "Indian", WB, WB, "Arab", WB, "Not recorded", WB, "Chinese"],
            "hourly_pay": [1.0, 2, 3, 4, 5, 6, 7, 8, 9],
            "full_pay_relevant": [True] * 8 + [False],
            "bonus_pay": [0, 0, 0, 10, 0, 0, 0, 20, 5],
        }
    )
    atoms, items, cands, fixed, keep = lt.workforce_links(wf, "ethnicity", {}, by_grade=False)
    before = {k: _sum(atoms, v) for k, v in items.items()}
    atoms = lt.with_pay(wf, "ethnicity", atoms, items, cands, fixed, keep, RULES)
    assert len(atoms) == 3 * 5 * 2 and atoms.sum() == 9  # category x pay x bonus (no senior)
    assert atoms[("G1", False, EM, lt.REDUCED, True)] == 1  # the Chinese employee
    assert atoms[("G1", False, EM, "lower", False)] == 1  # paid 2
    assert {k: _sum(atoms, items[k]) for k in before} == before  # the headcounts unchanged
    expected = {
        (lt.PAY, "lower", TOTAL): 2,
        (lt.PAY, "lower", EM): 1,
        (lt.PAY, "upper", ND): 1,  # paid 7
        (lt.PAY, TOTAL, EM): 2,  # the pay gap table's employees: Indian and Arab
        (lt.PAY, lt.REDUCED, EM): 1,
        (lt.BONUS, TOTAL): 3,
        (lt.BONUS, WB): 2,
        (lt.BONUS, f"not {WB}"): 1,
        (lt.BONUS, "none", EM): 2,
    }
    assert {k: _sum(atoms, items[k]) for k in expected} == expected
    assert (lt.BONUS, TOTAL) in fixed
    # one not on full pay: known quarter sizes would give them away, so sizes are kept
    assert (lt.PAY, "lower", TOTAL) in keep and (lt.PAY, "lower", TOTAL) not in fixed
    assert (lt.PAY, TOTAL, EM) in cands and (lt.BONUS, EM) in cands
    assert (lt.PAY, lt.REDUCED, EM) not in cands and (lt.BONUS, ND) not in cands


def test_the_groups_other_outputs_publish():
    specs = [
        ("workforce_share", "ethnicity", ETHNIC_MINORITY),
        ("workforce_share", "ethnicity", ("Indian",)),  # not a published group
        ("workforce_nonresponse", "disability", ()),
        ("gender_pay_gap", None, ()),
    ]
    # a share's card gives its characteristic's non-disclosure year by year (issue 24)
    assert lt.indicator_groups(specs) == {"ethnicity": {EM, ND}, "disability": {ND}}


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
            "grade": ["G1"] * 21,
            "senior_role": [False] * 21,
            "hourly_pay": [float(x) for x in range(1, 21)] + [50.0],
            "ethnicity": ethnicity + ["Indian"],
            "disability": ["Not disabled"] * 21,
            "full_pay_relevant": [True] * 20 + [False],  # the last is not counted
        }
    )
    counts = lt.quarter_counts(wf, "ethnicity")
    expected = pd.DataFrame(
        {WB: [2.0, 5.0, 3.0, 4.0], EM: [3.0, 0.0, 2.0, 1.0], ND: [0.0] * 4},
        index=["lower", "lower_middle", "upper_middle", "upper"],
    )
    pd.testing.assert_frame_equal(counts, expected, check_names=False)
    atoms, items, cands, fixed, keep = lt.workforce_links(wf, "ethnicity", {}, by_grade=False)
    atoms = lt.with_pay(wf, "ethnicity", atoms, items, cands, fixed, keep, RULES)
    # one person not on full pay: quarter sizes taken as known would give them away
    assert (lt.PAY, "upper", TOTAL) in keep and (lt.PAY, "upper", TOTAL) not in fixed
    p = lt.protect(atoms, items, cands, RULES, fixed=fixed, keep=keep)
    assert not p.published((lt.PAY, "upper", EM))
    low, high = _ranges(p, atoms, items, (lt.PAY, "upper", EM))
    assert high - low >= 5


def test_staff_not_on_full_pay_cannot_be_worked_out():
    """83 disabled staff, 81 of them full-pay relevant (issue 28, LCRCA 2025-26): the
    workforce table's 83 and the pay gap table's 81 would give 2 on reduced pay."""
    n = 400
    wf = pd.DataFrame(
        {
            "grade": ["G1"] * n,
            "senior_role": [False] * n,
            "ethnicity": [WB] * n,
            "disability": ["Disabled"] * 83 + ["Not disabled"] * 300 + ["Not recorded"] * 17,
            "hourly_pay": [10.0 + i / 100 for i in range(n)],  # no ties: whole counts
            "full_pay_relevant": [i not in (0, 1) and i < 390 for i in range(n)],
        }
    )
    atoms, items, cands, fixed, _ = lt.workforce_links(wf, "disability", {}, by_grade=False)
    atoms = lt.with_pay(wf, "disability", atoms, items, cands, fixed, [], RULES)
    assert _sum(atoms, items[(lt.PAY, lt.REDUCED, "Disabled")]) == 2
    p = lt.protect(atoms, items, cands, RULES, fixed=fixed)
    assert not (p.published((ALL, "Disabled")) and p.published((lt.PAY, TOTAL, "Disabled")))
    low, high = _ranges(p, atoms, items, (lt.PAY, lt.REDUCED, "Disabled"))
    assert high - low >= 5, (low, high)


def test_bonus_shares_leave_no_small_count_of_recipients():
    """Bonus shares of the reference and the compared group, with every recipient known
    (the statutory shares give it): 39 White British and 8 ethnic-minority recipients of
    50 leave 3 who did not disclose, so one share is withheld."""
    n = 300
    eth = [WB] * 250 + ["Indian"] * 40 + ["Not recorded"] * 10
    bonus = [100.0 if i < 39 else 0 for i in range(250)]
    bonus += [100.0 if i < 8 else 0 for i in range(40)] + [100.0] * 3 + [0] * 7
    wf = pd.DataFrame(
        {
            "grade": ["G1"] * n,
            "senior_role": [False] * n,
            "ethnicity": eth,
            "hourly_pay": [10.0 + i / 100 for i in range(n)],
            "full_pay_relevant": True,
            "bonus_pay": bonus,
        }
    )
    atoms, items, cands, fixed, _ = lt.workforce_links(wf, "ethnicity", {}, by_grade=False)
    atoms = lt.with_pay(wf, "ethnicity", atoms, items, cands, fixed, [], RULES)
    assert _sum(atoms, items[(lt.BONUS, ND)]) == 3
    p = lt.protect(atoms, items, cands, RULES, fixed=fixed)
    assert not (p.published((lt.BONUS, WB)) and p.published((lt.BONUS, EM)))
    low, high = _ranges(p, atoms, items, (lt.BONUS, ND))
    assert high - low >= 5, (low, high)


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
    atoms, items, cands, fixed, keep = lt.recruitment_system(apps)
    assert len(atoms) == 2 * 3 * 3  # sex x (WB, EM, not stated) x outcome
    assert fixed == keep == []  # no share of senior appointments
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


def test_a_senior_appointments_share_is_linked_to_the_appointments():
    """12 ethnic-minority appointments, 9 of them to senior roles (the share's 9 of 64):
    the recruitment table's 12 would leave 3 appointed to other roles (issue 28)."""
    rows = [(9, True, "Indian", "appointed"), (3, False, "Arab", "appointed")]
    rows += [(55, True, WB, "appointed"), (60, False, WB, "appointed")]
    rows += [(8, False, "Indian", "applied"), (100, False, WB, "applied")]
    apps = pd.DataFrame(
        [
            {"senior_role": s, "ethnicity": e, "stage": st, "sex": "Female"}
            for n, s, e, st in rows
            for _ in range(n)
        ]
    )
    atoms, items, cands, fixed, keep = lt.recruitment_system(apps, [("ethnicity", ETHNIC_MINORITY)])
    senior = (lt.SENIOR_APPOINTMENTS, 0)
    assert _sum(atoms, items[senior]) == 9 and keep == [senior]
    assert _sum(atoms, items[(lt.SENIOR_APPOINTMENTS, TOTAL)]) == 64
    other = ("ethnicity", EM, "appointed, not in senior share 0")
    assert _sum(atoms, items[other]) == 3
    # the share counts only its group's senior appointments: no atom says otherwise
    assert not [a for a in atoms.index if a[-1] == "senior:1" and a[0] != EM]
    p = lt.protect(atoms, items, cands, RULES, fixed=fixed, keep=keep)
    assert p.published(senior) and not p.published(("ethnicity", EM, "appointed"))
    low, high = _ranges(p, atoms, items, other)
    assert high - low >= 5, (low, high)


def test_religion_or_belief_is_profiled_and_protected_where_collected():
    """Issue 22: religion or belief, in most exports, was dropped as an unread column. An
    optional column of the ONS Census 2021 categories: each is a group of its own in the
    profile, protected with the rest (3 Sikh staff are withheld, and with them enough for
    the 3 not to be found by subtraction)."""
    religion = ["No religion"] * 40 + ["Christian"] * 45 + ["Muslim"] * 12 + ["Sikh"] * 3
    religion += ["Prefer not to say"] * 10
    wf = pd.DataFrame(
        {
            "grade": ["G1"] * 110,
            "senior_role": [False] * 100 + [True] * 10,
            "ethnicity": "White British",
            "religion": religion,
        }
    )
    plan = lt.protect_workforce(wf, {"G1": "All grades"}, RULES)
    p = plan.protections["religion"]
    assert p.value((ALL, "Sikh")) == 3 and not p.published((ALL, "Sikh"))
    assert p.published((ALL, "Christian")) and p.value((ALL, "Christian")) == 45
    atoms, items, *_ = lt.workforce_links(wf, "religion", {"G1": "All grades"}, False)
    low, high = _ranges(p, atoms, items, (ALL, "Sikh"))
    assert high - low >= 5

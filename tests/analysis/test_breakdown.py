"""Shares by service area, with disclosure control worked out by hand."""

import pandas as pd

from equality_progress.analysis.breakdown import share_by
from equality_progress.inputs.settings import DisclosureSettings

RULES = DisclosureSettings(min_count=5, min_base=10)


def frame(areas: dict[str, tuple[int, int]]) -> pd.DataFrame:
    """areas: name -> (men, women)."""
    rows = []
    for area, (men, women) in areas.items():
        rows += [{"area": area, "sex": "Male"}] * men + [{"area": area, "sex": "Female"}] * women
    return pd.DataFrame(rows)


def test_shares_by_hand():
    out = share_by(frame({"A": (10, 10), "B": (30, 10)}), "area", "sex", ("Male",), RULES)
    assert [(a.area, a.value, a.n) for a in out] == [("A", 50.0, 20), ("B", 75.0, 40)]


def test_a_small_count_is_withheld_and_so_is_the_next_smallest_area():
    # B: 2 men of 12 (a count of 1 to 4) is withheld; alone it could be recovered from the
    # whole-workforce share, so A (20 people, the smallest other area) is withheld too
    wf = frame({"A": (10, 10), "B": (2, 10), "C": (15, 15)})
    out = {a.area: a.value for a in share_by(wf, "area", "sex", ("Male",), RULES)}
    assert out == {"A": None, "B": None, "C": 50.0}


def test_an_area_of_fewer_than_ten_is_withheld_whatever_its_counts():
    wf = frame({"A": (0, 9), "B": (6, 6), "C": (10, 10)})
    out = {a.area: a.value for a in share_by(wf, "area", "sex", ("Male",), RULES)}
    assert out == {"A": None, "B": None, "C": 50.0}  # A too small; B then withheld with it

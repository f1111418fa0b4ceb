"""Workforce analytics against hand calculations."""

import pandas as pd
import pytest

from equality_progress.analysis.representation import (
    age_against_benchmark,
    grade_counts,
    recruitment_rates,
    relative_likelihood,
    representation,
    wres_likelihood,
)


def test_relative_likelihood_hand_calculation():
    # White: 30 appointed of 100 shortlisted (0.30); BME: 6 of 40 (0.15); ratio 2.00.
    # SE(log RR) = sqrt(1/30 - 1/100 + 1/6 - 1/40) = sqrt(0.165) = 0.406202
    # 95% limits: 2 x exp(-/+ 1.959964 x 0.406202) = 0.9021 to 4.4339
    ratio, ci = relative_likelihood(30, 100, 6, 40)
    assert ratio == pytest.approx(2.0)
    assert ci.lower == pytest.approx(0.9021, abs=1e-4)
    assert ci.upper == pytest.approx(4.4339, abs=1e-4)
    assert relative_likelihood(0, 10, 3, 10) is None  # undefined with no appointments


def apps(rows):
    return pd.DataFrame(rows, columns=["ethnicity", "stage", "sex", "disability"])


def test_recruitment_rates_and_wres_from_records():
    rows = (
        [("White British", "appointed", "Female", "Not disabled")] * 3
        + [("White British", "shortlisted", "Male", "Not disabled")] * 7
        + [("White British", "applied", "Male", "Disabled")] * 10
        + [("Indian", "appointed", "Female", "Disabled")] * 1
        + [("African", "shortlisted", "Male", "Not disabled")] * 4
        + [("Prefer not to say", "applied", "Male", "Not disabled")] * 5
    )
    rates = recruitment_rates(apps(rows), "ethnicity").set_index("group")
    assert rates.loc["White British", ["applied", "shortlisted", "appointed"]].tolist() == [
        20,
        10,
        3,
    ]
    assert rates.loc["Ethnic minority", "shortlisting_rate_pct"] == pytest.approx(100.0)
    assert rates.loc["Ethnic minority", "appointment_rate_pct"] == pytest.approx(20.0)
    ratio, _ = wres_likelihood(apps(rows))
    assert ratio == pytest.approx((3 / 10) / (1 / 5))  # 1.5


def test_representation_shares_and_non_response_without_intervals():
    wf = pd.DataFrame(
        {
            "ethnicity": ["White British"] * 181 + ["Indian"] * 81 + ["Not recorded"] * 1,
            "grade": "G1",
        }
    )
    out = representation(wf, "ethnicity").set_index("group")
    assert out.loc["Ethnic minority", "count"] == 81 and out.loc["Ethnic minority", "total"] == 263
    assert out.loc["Ethnic minority", "pct"] == pytest.approx(81 / 263 * 100)
    # the whole workforce is counted (a census): no sampling interval is published
    assert "ci_lower" not in out.columns and "ci_upper" not in out.columns
    assert out.loc["White British", "non_response_pct"] == pytest.approx(100 / 263)


def test_age_benchmark_rescaled_to_adults():
    wf = pd.DataFrame({"age_band": ["20-24", "25-29", "50-54", "65+"]})
    out = age_against_benchmark(wf, {"16-24": 10, "25-34": 10, "45-54": 20, "65+": 10})
    assert out.set_index("group").loc["16-24", "benchmark_pct"] == pytest.approx(20.0)
    assert out["pct"].sum() == pytest.approx(100.0)


def test_grade_counts_in_grade_order():
    wf = pd.DataFrame(
        {
            "grade": ["Grade 10", "Grade 2", "Grade 2"],
            "ethnicity": ["Indian", "White British", "Not recorded"],
        }
    )
    t = grade_counts(wf, "ethnicity")
    assert list(t.index) == ["Grade 2", "Grade 10"]
    assert t.loc["Grade 2", "Not disclosed"] == 1


def test_another_gender_is_counted_where_anyone_is_recorded_so():
    """Issue 22: staff recorded as neither male nor female (an export's "X") had no code and
    had to be deleted. "Another gender" is a group of its own in the profile, shown only
    when someone is in it (a row of zeros would say nothing its absence does not)."""
    wf = pd.DataFrame({"sex": ["Female"] * 60 + ["Male"] * 37 + ["Another gender"] * 3})
    out = representation(wf, "sex").set_index("group")
    assert list(out.index) == ["Female", "Male", "Another gender"]
    assert out.loc["Another gender", "count"] == 3 and out.loc["Female", "total"] == 100
    two = representation(wf[wf["sex"] != "Another gender"], "sex")
    assert list(two["group"]) == ["Female", "Male"]

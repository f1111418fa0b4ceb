"""Interval and trend methods against published worked examples."""

import pytest

from equality_progress.analysis.stats import (
    byar_interval,
    chi_square_trend,
    mean_interval,
    wilson_interval,
    z_value,
)


@pytest.mark.parametrize(
    ("successes", "n", "lower", "upper"),
    [  # Newcombe (1998) Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score)
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_matches_newcombe_table(successes, n, lower, upper):
    ci = wilson_interval(successes, n)
    assert ci.lower == pytest.approx(lower, abs=5e-5)
    assert ci.upper == pytest.approx(upper, abs=5e-5)


def test_wilson_rejects_impossible_counts():
    with pytest.raises(ValueError, match="between 0 and n"):
        wilson_interval(5, 4)
    with pytest.raises(ValueError, match="denominator"):
        wilson_interval(0, 0)


def test_z_value_for_95_percent():
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)


def test_byar_close_to_exact_poisson_for_ten():
    # Exact Poisson 95% limits for an observed count of 10: 4.7954 to 18.3904
    # (e.g. Fingertips technical guidance tables); Byar's approximation is within 0.01.
    ci = byar_interval(10)
    assert ci.lower == pytest.approx(4.7954, abs=0.01)
    assert ci.upper == pytest.approx(18.3904, abs=0.01)


def test_byar_hand_calculation_and_zero():
    # 10 * (1 - 1/90 - 1.959964 / (3 * sqrt(10)))^3 = 10 * 0.7822901^3 = 4.7874 (by hand)
    assert byar_interval(10).lower == pytest.approx(4.7874, abs=1e-4)
    zero = byar_interval(0)
    assert zero.lower == 0.0
    # (1 - 1/9 + 1.959964/3)^3 = 1.5422098^3 = 3.6680 by hand; the exact limit is 3.6889
    assert zero.upper == pytest.approx(3.6680, abs=1e-4)


def test_chi_square_trend_matches_r_prop_trend_test():
    # R: prop.trend.test(c(83, 90, 129, 70), c(86, 93, 136, 82))
    # X-squared = 8.2249, df = 1, p-value = 0.004132 (R documentation example data)
    test = chi_square_trend([83, 90, 129, 70], [86, 93, 136, 82])
    assert test.statistic == pytest.approx(8.2249, abs=1e-4)
    assert test.p_value == pytest.approx(0.004132, abs=2e-6)
    assert test.slope < 0  # the proportions fall
    assert test.significant(0.99) and not test.significant(0.998)


def test_chi_square_trend_flat_series_is_not_significant():
    test = chi_square_trend([10, 10, 10, 10, 10], [100, 100, 100, 100, 100])
    assert test.statistic == pytest.approx(0.0)
    assert test.p_value == pytest.approx(1.0)


def test_mean_interval_hand_calculation():
    ci = mean_interval(6.0, 1.0, 100)  # 6 +/- 1.959964 * 1 / 10
    assert (ci.lower, ci.upper) == pytest.approx((5.80400, 6.19600), abs=1e-5)

"""Interval and test methods against published worked examples, scipy and statsmodels."""

import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

from equality_progress.analysis.inference import (
    chi_square_trend,
    fpc,
    holm,
    mean_interval,
    newcombe_difference,
    t_two_sided_p,
    t_value,
    welch_test,
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


def test_mean_interval_uses_t_on_n_minus_1_df():
    # t(0.975, 99) = 1.984217 (statistical tables); 6 +/- 1.984217 * 1 / 10
    ci = mean_interval(6.0, 1.0, 100)
    assert (ci.lower, ci.upper) == pytest.approx((5.801578, 6.198422), abs=1e-6)
    # t(0.975, 9) = 2.262157: 5 +/- 2.262157 * 2 / sqrt(10) = 5 +/- 1.430714
    ci = mean_interval(5.0, 2.0, 10)
    assert (ci.lower, ci.upper) == pytest.approx((3.569286, 6.430714), abs=1e-6)


@pytest.mark.parametrize("df", [1, 2, 4, 9, 29.5, 120, 5000])
def test_t_quantile_and_p_value_match_scipy(df):
    assert t_value(0.95, df) == pytest.approx(sps.t.ppf(0.975, df), rel=1e-9)
    assert t_value(0.998, df) == pytest.approx(sps.t.ppf(0.999, df), rel=1e-9)
    for t in (0.0, 0.3, 1.7, 2.5, 6.0, -2.5):
        assert t_two_sided_p(t, df) == pytest.approx(2 * sps.t.sf(abs(t), df), abs=1e-10)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2", "lower", "upper"),
    [  # Newcombe (1998) Statistics in Medicine 17:873-890, Table II, method 10
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
    ],
)
def test_newcombe_matches_published_table(x1, n1, x2, n2, lower, upper):
    ci = newcombe_difference(x1, n1, x2, n2)
    assert (ci.lower, ci.upper) == pytest.approx((lower, upper), abs=5e-5)


@pytest.mark.parametrize(
    ("x1", "n1", "x2", "n2"),
    [
        (690, 1500, 615, 1500),
        (630, 1500, 615, 1500),
        (0, 10, 0, 20),
        (10, 10, 0, 10),
        (3, 40, 9, 35),
    ],
)
def test_newcombe_matches_statsmodels(x1, n1, x2, n2):
    lower, upper = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff")
    ci = newcombe_difference(x1, n1, x2, n2)
    assert (ci.lower, ci.upper) == pytest.approx((lower, upper), abs=1e-12)


@pytest.mark.parametrize(
    "stats", [(5.5, 1.2, 40, 5.9, 0.9, 55), (6.1, 0.8, 12, 6.0, 1.9, 300), (3, 1, 2, 4, 1, 2)]
)
def test_welch_matches_scipy(stats):
    m1, s1, n1, m2, s2, n2 = stats
    ref = sps.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)
    w = welch_test(m1, s1, n1, m2, s2, n2)
    assert w.statistic == pytest.approx(ref.statistic, rel=1e-12)
    assert w.p_value == pytest.approx(ref.pvalue, rel=1e-9)


def test_the_finite_population_correction_by_hand():
    """Cochran (1977) eq. 2.12: the variance of a mean of n of N is (1 - n/N) S^2 / n. 600
    of 990 staff answered (issue 24): 1 - 600/990 = 0.393939, so the interval is
    sqrt(0.393939) = 0.6276 of its width, narrower by about a third."""
    assert fpc(600, 990) == pytest.approx(0.393939, abs=1e-6)
    assert fpc(600, None) == 1.0 and fpc(600, 500) == 1.0  # unknown or smaller: no correction
    plain = mean_interval(6.55, 0.6, 600)
    corrected = mean_interval(6.55, 0.6, 600, population=990)
    half = sps.t.ppf(0.975, 599) * 0.6 / 600**0.5 * (1 - 600 / 990) ** 0.5
    assert corrected.upper - 6.55 == pytest.approx(half, abs=1e-9)
    ratio = (corrected.upper - corrected.lower) / (plain.upper - plain.lower)
    assert ratio == pytest.approx(0.627646, abs=1e-6)


def test_welch_with_the_correction_matches_scipy_on_corrected_standard_deviations():
    """Each year's variance of the mean scaled by 1 - n/N is scipy's Welch test given the
    standard deviations times sqrt(1 - n/N)."""
    got = welch_test(5.9, 1.1, 580, 6.1, 1.0, 600, populations=(960, 990))
    sd1, sd2 = 1.1 * (1 - 580 / 960) ** 0.5, 1.0 * (1 - 600 / 990) ** 0.5
    want = sps.ttest_ind_from_stats(6.1, sd2, 600, 5.9, sd1, 580, equal_var=False)
    assert got.statistic == pytest.approx(want.statistic, rel=1e-9)
    assert got.p_value == pytest.approx(want.pvalue, rel=1e-6)


@pytest.mark.parametrize(
    "p_values",
    [
        [0.001, 0.01, 0.03, 0.04],
        [0.01, 0.02, 0.03, 0.04, 0.05],
        [0.0001, 0.2, 0.0049, 0.005, 0.9, 0.0062],
        [0.02] * 11,
    ],
)
def test_holm_matches_statsmodels(p_values):
    """Holm (1979), by hand for the first: 0.001 <= 0.05/4 and 0.01 <= 0.05/3 are rejected,
    0.03 > 0.05/2 stops it."""
    want = list(multipletests(p_values, alpha=0.05, method="holm")[0])
    assert holm(p_values, 0.05) == want
    if p_values[0] == 0.001:
        assert want == [True, True, False, False]

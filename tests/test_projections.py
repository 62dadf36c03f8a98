"""Projections: closed-form checks of drift and loglinear, interval ordering, short series, prob()."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats

from shenyang_analysis.config import DEFAULT_PARAMS, AnalysisParams
from shenyang_analysis.model.projections import (
    MODELS,
    insample_errors,
    Forecast,
    ModelError,
    _cdf,
    choose_scale,
    combine,
    fit_forecast,
    forecast_all,
)

RECENT_WEIGHT, RECENT_DAMPING = DEFAULT_PARAMS.recent_weight, DEFAULT_PARAMS.recent_damping
EXACT = pd.Series([100.0, 110.0, 121.0, 133.1], index=[2018, 2019, 2020, 2021])
NOISY = pd.Series([10.0, 12.0, 13.0, 16.0, 17.0], index=range(2017, 2022))
BANDS = ("lower95", "lower80", "mean", "upper80", "upper95")


def _assert_ordered(f: Forecast) -> None:
    arrays = [np.asarray(getattr(f, k)) for k in BANDS]
    for a in arrays + [f.loc, f.sd]:
        assert a.shape == (len(f.years),)
        assert np.all(np.isfinite(a)), f.model
    for lo, hi in zip(arrays, arrays[1:]):
        assert np.all(lo <= hi), (f.model, lo, hi)


# ---------------------------------------------------------------------------------------------
# exact and hand-computed values


@pytest.mark.parametrize("model", ["drift", "loglinear"])
def test_exact_growth_series_log_scale(model):
    f = fit_forecast(EXACT, 2024, model)  # log scale: drift = log(1.1) a year, no residual
    assert f.years == (2022, 2023, 2024) and f.last_year == 2021 and f.scale == "log"
    np.testing.assert_allclose(f.mean, [146.41, 161.051, 177.1561], rtol=1e-12)
    np.testing.assert_allclose(f.loc, np.log([146.41, 161.051, 177.1561]), rtol=1e-12)
    # no residual variation: the intervals collapse onto the point forecast
    for k in ("lower80", "upper80", "lower95", "upper95"):
        np.testing.assert_allclose(getattr(f, k), f.mean, rtol=1e-9)
    _assert_ordered(f)


def test_drift_hand_computed_level_scale():
    f = fit_forecast(NOISY, 2023, "drift", scale="level")
    # differences 2, 1, 3, 1: drift 1.75, variance (0.25² + 0.75² + 1.25² + 0.75²) / 3 = 2.75 / 3
    s2, n = 2.75 / 3, 5
    for i, h in enumerate((1, 2)):
        sd = math.sqrt(s2 * h * (1 + h / (n - 1)))  # fpp3: sigma² h (1 + h/(n−1))
        assert f.mean[i] == pytest.approx(17 + 1.75 * h)
        assert f.sd[i] == pytest.approx(sd)
        t80, t95 = stats.t.ppf(0.90, n - 2), stats.t.ppf(0.975, n - 2)  # Student t, n − 2 df
        assert f.lower80[i] == pytest.approx(17 + 1.75 * h - t80 * sd)
        assert f.upper80[i] == pytest.approx(17 + 1.75 * h + t80 * sd)
        assert f.lower95[i] == pytest.approx(17 + 1.75 * h - t95 * sd)
        assert f.upper95[i] == pytest.approx(17 + 1.75 * h + t95 * sd)
    assert f.sd[0] == pytest.approx(math.sqrt(2.75 / 3 * 1.25))


def test_drift_hand_computed_log_scale_maps_quantiles_through_exp():
    f = fit_forecast(NOISY, 2022, "drift", scale="log")
    y = np.log(NOISY.to_numpy())
    d = np.diff(y)
    sd = d.std(ddof=1) * math.sqrt(1 + 1 / 4)
    loc = y[-1] + d.mean()
    assert f.mean[0] == pytest.approx(math.exp(loc))  # the median on the original scale
    assert f.upper95[0] == pytest.approx(math.exp(loc + stats.t.ppf(0.975, 3) * sd))
    assert f.lower80[0] == pytest.approx(math.exp(loc - stats.t.ppf(0.90, 3) * sd))


def test_loglinear_hand_computed_level_scale():
    f = fit_forecast(NOISY, 2022, "loglinear", scale="level")
    # OLS on t = 0..4: slope 18/10 = 1.8, fitted 17.2 at t=4, forecast 19.0 at t=5;
    # residuals 0, .2, −.6, .6, −.2: s² = 0.8/3; se_obs² = s² (1 + 1/5 + (5 − 2)²/10) = s² · 2.1
    se = math.sqrt(0.8 / 3 * 2.1)
    assert f.mean[0] == pytest.approx(19.0)
    assert f.sd[0] == pytest.approx(se)
    assert f.upper95[0] == pytest.approx(19.0 + stats.t.ppf(0.975, 3) * se)
    assert f.lower80[0] == pytest.approx(19.0 - stats.t.ppf(0.90, 3) * se)
    assert f.df is not None and f.df[0] == 3


def test_at_returns_one_year():
    f = fit_forecast(EXACT, 2023, "drift")
    got = f.at(2023)
    assert set(got) == {"projection", "lower80", "upper80", "lower95", "upper95"}
    assert got["projection"] == pytest.approx(161.051)
    with pytest.raises(ValueError, match="no forecast for 2030"):
        f.at(2030)


def test_theta_point_forecast_is_statsmodels():
    from statsmodels.tsa.forecasting.theta import ThetaModel

    s = pd.Series([50.0, 56.0, 60.0, 67.0, 71.0, 78.0, 83.0, 88.0], index=range(2014, 2022))
    f = fit_forecast(s, 2024, "theta")
    ref = ThetaModel(pd.Series(np.log(s.to_numpy())), deseasonalize=False).fit().forecast(3).to_numpy()
    np.testing.assert_allclose(f.loc, ref, rtol=1e-10)
    _assert_ordered(f)
    # Student t bands with n − 3 df on statsmodels' h-step scale
    assert f.df is not None and list(f.df) == [5.0, 5.0, 5.0]
    np.testing.assert_allclose(np.log(f.upper95), f.loc + stats.t.ppf(0.975, 5) * f.sd, rtol=1e-10)
    assert f.prob(float(f.upper80[2]), ">=", 2024) == pytest.approx(0.10, abs=1e-9)
    assert np.all(np.diff(f.sd) >= 0)


def test_holt_bands_are_statsmodels_summary_frame():
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    s = pd.Series([50.0, 56.0, 60.0, 67.0, 71.0, 78.0, 83.0, 88.0], index=range(2014, 2022))
    f = fit_forecast(s, 2023, "holt")
    res = ETSModel(pd.Series(np.log(s.to_numpy())), error="add", trend="add").fit(disp=False)
    sf = res.get_prediction(start=8, end=9).summary_frame(alpha=0.05)
    np.testing.assert_allclose(np.log(f.upper95), sf["pi_upper"], rtol=1e-6)
    np.testing.assert_allclose(np.log(f.mean), sf["mean"], rtol=1e-6)


# ---------------------------------------------------------------------------------------------
# interval ordering (property)


@st.composite
def positive_series(draw):
    n = draw(st.integers(min_value=4, max_value=30))
    start = draw(st.floats(min_value=0.5, max_value=1e6))
    steps = draw(st.lists(st.floats(min_value=-0.4, max_value=0.4), min_size=n - 1, max_size=n - 1))
    values = start * np.exp(np.concatenate([[0.0], np.cumsum(steps)]))
    return pd.Series(values, index=range(2000, 2000 + n))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(series=positive_series(), horizon=st.integers(min_value=1, max_value=8), scale=st.sampled_from(["log", "level"]))
def test_intervals_are_ordered_and_finite(series, horizon, scale):
    fitted, failed = forecast_all(series, int(series.index[-1]) + horizon, scale=scale)
    assert set(fitted) | set(failed) == set(MODELS) | {"combination"}
    assert not set(fitted) & set(failed)
    # closed forms never fail from 4 points
    assert {"drift", "loglinear", "drift_recent", "drift_blend", "combination"} <= set(fitted)
    for f in fitted.values():
        _assert_ordered(f)
        for y in f.years:
            p = f.prob(float(f.at(y)["projection"]), ">=", y)
            assert 0.0 <= p <= 1.0


# ---------------------------------------------------------------------------------------------
# short series


def test_three_points_leave_out_models_needing_more():
    fitted, failed = forecast_all(EXACT.iloc[:3], 2025)
    assert sorted(fitted) == ["combination", "drift", "loglinear"]
    assert failed == {
        "holt": "holt needs at least 4 points, got 3",
        "holt_damped": "holt_damped needs at least 5 points, got 3",
        "theta": "theta needs at least 4 points, got 3",
        "drift_recent": "drift_recent needs at least 4 points, got 3",
        "drift_blend": "drift_blend needs at least 4 points, got 3",
    }
    for f in fitted.values():
        _assert_ordered(f)


def test_four_points_never_nan():
    s = pd.Series([100.0, 108.0, 119.0, 124.0], index=range(2018, 2022))
    fitted, failed = forecast_all(s, 2025)
    assert failed["holt_damped"] == "holt_damped needs at least 5 points, got 4"
    assert {"drift", "loglinear", "theta", "drift_recent", "drift_blend", "combination"} <= set(fitted)
    for m, reason in failed.items():
        assert reason and isinstance(reason, str), m
    for f in fitted.values():
        _assert_ordered(f)
    with pytest.raises(ModelError, match="at least 5 points"):
        fit_forecast(s, 2025, "holt_damped")


def test_two_points_nothing_fits():
    fitted, failed = forecast_all(EXACT.iloc[:2], 2025)
    assert fitted == {}
    assert failed["drift"] == "drift needs at least 3 points, got 2"
    assert failed["combination"] == "combination needs at least 2 fitted models, got 0"
    with pytest.raises(ModelError, match="combination needs"):
        fit_forecast(EXACT.iloc[:2], 2025, "combination")


def test_invalid_input_is_valueerror():
    with pytest.raises(ValueError, match="missing years 2019, 2020"):
        fit_forecast(pd.Series([1.0, 2.0, 3.0, 4.0], index=[2017, 2018, 2021, 2022]), 2025, "drift")
    with pytest.raises(ValueError, match="missing or non-finite values in years 2019"):
        fit_forecast(pd.Series([1.0, 2.0, np.nan, 4.0], index=range(2017, 2021)), 2025, "drift")
    with pytest.raises(ValueError, match="every value > 0"):
        fit_forecast(pd.Series([1.0, 0.0, 3.0, 4.0], index=range(2017, 2021)), 2025, "drift")
    with pytest.raises(ValueError, match="not after the last observed year"):
        fit_forecast(EXACT, 2021, "drift")
    with pytest.raises(ValueError, match="unknown model"):
        fit_forecast(EXACT, 2025, "arima")
    with pytest.raises(ValueError, match="scale"):
        fit_forecast(EXACT, 2025, "drift", scale="sqrt")


# ---------------------------------------------------------------------------------------------
# prob()


def _normal_forecast(loc: float, sd: float, scale: str = "log") -> Forecast:
    a = lambda v: np.array([v])  # noqa: E731
    m = math.exp(loc) if scale == "log" else loc
    return Forecast(model="normal", scale=scale, last_year=2021, years=(2022,), mean=a(m), lower80=a(m),
                    upper80=a(m), lower95=a(m), upper95=a(m), loc=a(loc), sd=a(sd))


def test_prob_normal_by_hand():
    f = _normal_forecast(math.log(100.0), 0.1)
    z = (math.log(110.0) - math.log(100.0)) / 0.1  # 0.953102
    phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))  # normal CDF by hand: 0.829731
    assert f.prob(110.0, ">=", 2022) == pytest.approx(1 - phi, abs=1e-12)
    assert f.prob(110.0, "<=", 2022) == pytest.approx(phi, abs=1e-12)
    assert f.prob(110.0, ">=", 2022) == pytest.approx(0.170269, abs=1e-6)
    # "~" and "==": within 2% of the threshold
    lo, hi = (math.log(98.0) - math.log(100.0)) / 0.1, (math.log(102.0) - math.log(100.0)) / 0.1
    expected = stats.norm.cdf(hi) - stats.norm.cdf(lo)
    assert f.prob(100.0, "~", 2022) == pytest.approx(expected, abs=1e-12)
    assert f.prob(100.0, "==", 2022) == pytest.approx(expected, abs=1e-12)
    # a threshold <= 0 on the log scale
    assert f.prob(0.0, ">=", 2022) == 1.0 and f.prob(-5.0, "<=", 2022) == 0.0 and f.prob(0.0, "~", 2022) == 0.0
    with pytest.raises(ValueError, match="comparator"):
        f.prob(1.0, ">", 2022)


def test_prob_level_scale_normal():
    f = _normal_forecast(3.0, 0.5, scale="level")
    assert f.prob(3.5, ">=", 2022) == pytest.approx(1 - stats.norm.cdf(1.0), abs=1e-12)  # 0.158655
    assert f.prob(2.0, "<=", 2022) == pytest.approx(stats.norm.cdf(-2.0), abs=1e-12)
    assert f.prob(-1.0, ">=", 2022) == pytest.approx(1.0)  # negative thresholds are fine on the level scale


def test_prob_drift_uses_student_t():
    f = fit_forecast(NOISY, 2022, "drift", scale="level")
    sd = math.sqrt(2.75 / 3 * 1.25)
    assert f.prob(20.0, ">=", 2022) == pytest.approx(stats.t.sf((20.0 - 18.75) / sd, 3), abs=1e-12)
    assert f.prob(20.0, "<=", 2022) == pytest.approx(stats.t.cdf((20.0 - 18.75) / sd, 3), abs=1e-12)
    # the interval bounds are the quantiles of the same distribution
    assert f.prob(float(f.upper80[0]), ">=", 2022) == pytest.approx(0.10, abs=1e-9)
    assert f.prob(float(f.lower95[0]), "<=", 2022) == pytest.approx(0.025, abs=1e-9)


def test_prob_point_mass():
    f = _normal_forecast(math.log(100.0), 0.0)
    assert f.prob(100.0, ">=", 2022) == 1.0 and f.prob(100.0, "<=", 2022) == 1.0
    assert f.prob(101.0, ">=", 2022) == 0.0 and f.prob(99.0, "<=", 2022) == 0.0
    assert f.prob(101.0, "~", 2022) == 1.0


# ---------------------------------------------------------------------------------------------
# scales


def test_share_series_on_level_scale():
    share = pd.Series([2.1, 2.3, 2.4, 2.6, 2.7, 2.9], index=range(2016, 2022), name="rd_share_percent")
    assert choose_scale(share, "share") == "level"
    f = fit_forecast(share, 2025, "drift", scale=choose_scale(share, "share"))
    assert f.scale == "level"
    np.testing.assert_allclose(f.mean, 2.9 + 0.16 * np.arange(1, 5), rtol=1e-12)  # additive, no exp
    fitted, _ = forecast_all(share, 2025, scale="level")
    for g in fitted.values():
        _assert_ordered(g)
        assert 2.5 < g.at(2025)["projection"] < 4.5
    assert fitted["loglinear"].at(2025)["projection"] == pytest.approx(2.9 + 0.16 * 4, abs=0.05)


def test_choose_scale():
    assert choose_scale([1.0, 2.0], "level") == "log"
    assert choose_scale([1.0, 2.0], "count") == "log"
    assert choose_scale([1.0, -2.0], "level") == "level"
    assert choose_scale([5.0, 6.0], "growth") == "level"
    assert choose_scale([30.0, 31.0], "share") == "level"


# ---------------------------------------------------------------------------------------------
# the combination


def test_combination_mixture_intervals():
    s = pd.Series([50.0, 56.0, 60.0, 67.0, 71.0, 78.0, 83.0, 88.0, 90.0, 97.0], index=range(2012, 2022))
    fitted, failed = forecast_all(s, 2026)
    c = fitted["combination"]
    comps = c.components
    assert [p.model for p in comps] == [m for m in MODELS if m in fitted]
    assert len(comps) >= 2
    _assert_ordered(c)
    means = np.vstack([p.mean for p in comps])
    # point: the mean of the component points on the log scale (geometric mean of their medians)
    np.testing.assert_allclose(c.mean, np.exp(np.log(means).mean(axis=0)), rtol=1e-12)
    # the 95% band holds every component's median; the 80% band too (k <= 5 equal weights)
    assert np.all(c.lower95 <= means.min(axis=0)) and np.all(c.upper95 >= means.max(axis=0))
    assert np.all(c.lower80 <= means.min(axis=0) + 1e-9) and np.all(c.upper80 >= means.max(axis=0) - 1e-9)
    # mixture quantiles lie between the components' quantiles and solve the mixture CDF
    for k, p in (("lower95", 0.025), ("lower80", 0.10), ("upper80", 0.90), ("upper95", 0.975)):
        comp = np.vstack([getattr(q, k) for q in comps])
        assert np.all(comp.min(axis=0) <= getattr(c, k) * (1 + 1e-12))
        assert np.all(getattr(c, k) <= comp.max(axis=0) * (1 + 1e-12))
        for i in range(len(c.years)):
            loc, sd, df = c._dists(i)
            assert _cdf(math.log(getattr(c, k)[i]), loc, sd, df).mean() == pytest.approx(p, abs=1e-9)
    # prob() of the mixture is the mean of the component probabilities
    thr = float(c.at(2026)["projection"])
    assert c.prob(thr, ">=", 2026) == pytest.approx(np.mean([p.prob(thr, ">=", 2026) for p in comps]))


def test_combine_needs_matching_forecasts():
    a = fit_forecast(EXACT, 2023, "drift")
    b = fit_forecast(EXACT, 2024, "loglinear")
    with pytest.raises(ValueError, match="share"):
        combine([a, b])
    with pytest.raises(ModelError, match="at least 2"):
        combine([a])


# ---------------------------------------------------------------------------------------------
# drift_recent and drift_blend: known answers, in-sample calibrated intervals


def _damped_sum(h: int) -> float:
    return sum(RECENT_DAMPING**k for k in range(1, h + 1))


def test_drift_recent_exact_geometric_growth():
    s = pd.Series(100.0 * 1.08 ** np.arange(10), index=range(2012, 2022))
    f = fit_forecast(s, 2024, "drift_recent")
    g = math.log(1.08)  # every difference is g, so every weighting gives g
    expected = [100.0 * 1.08**9 * math.exp(g * _damped_sum(h)) for h in (1, 2, 3)]
    np.testing.assert_allclose(f.mean, expected, rtol=1e-12)
    _assert_ordered(f)
    # the blend: half the undamped drift, half the damped one
    b = fit_forecast(s, 2024, "drift_blend")
    np.testing.assert_allclose(np.log(b.mean), math.log(100.0 * 1.08**9) + g * np.array(
        [0.5 * (h + _damped_sum(h)) for h in (1, 2, 3)]), rtol=1e-12)


def test_drift_recent_weights_recent_growth_by_hand():
    s = pd.Series([1.0, 2.0, 4.0, 5.0, 7.0], index=range(2017, 2022))
    f = fit_forecast(s, 2023, "drift_recent", scale="level")
    # differences 1, 2, 1, 2 with weights w³, w², w, 1 (w = 0.5): (0.125 + 0.5 + 0.5 + 2) / 1.875
    w = RECENT_WEIGHT
    g = (1 * w**3 + 2 * w**2 + 1 * w + 2) / (w**3 + w**2 + w + 1)
    assert g == pytest.approx(3.125 / 1.875)
    np.testing.assert_allclose(f.mean, [7 + g * _damped_sum(1), 7 + g * _damped_sum(2)], rtol=1e-12)


def test_insample_calibration_by_hand():
    s = pd.Series([10.0, 12.0, 13.0, 16.0], index=range(2018, 2022))
    f = fit_forecast(s, 2024, "drift_blend", scale="level")
    h = np.array([1, 2, 1])  # origins with 2 points (h = 1, 2) and 3 points (h = 1)
    # by hand on the level scale, origin 2 points: growth 2 both ways: drift forecasts 14, 16;
    # damped 12 + 2·0.9, 12 + 2·(0.9 + 0.81); origin 3 points: drift 13 + 1.5, damped growth
    # (2·0.5 + 1) / 1.5 = 4/3: 13 + 1.2
    e = np.array([13 - 0.5 * (14 + 12 + 1.8), 16 - 0.5 * (16 + 12 + 2 * 1.71), 16 - 0.5 * (14.5 + 14.2)])
    c = math.sqrt(np.mean((e / h) ** 2))
    from shenyang_analysis.model.projections import _blend_point

    got_h, got_e = insample_errors(_blend_point, s.to_numpy())
    assert got_h.tolist() == h.tolist() and got_e == pytest.approx(e)
    np.testing.assert_allclose(f.sd, c * np.arange(1, 4), rtol=1e-12)
    assert f.df is not None and list(f.df) == [2.0, 2.0, 2.0]  # 3 errors, 2 df
    np.testing.assert_allclose(f.upper95 - f.mean, stats.t.ppf(0.975, 2) * f.sd, rtol=1e-12)


def test_new_models_on_four_points_and_exact_series():
    s = pd.Series([100.0, 108.0, 119.0, 124.0], index=range(2018, 2022))
    for m in ("drift_recent", "drift_blend"):
        f = fit_forecast(s, 2030, m)
        _assert_ordered(f)
        assert f.years[-1] == 2030 and np.all(np.diff(f.sd) > 0)
    # a constant series: zero growth, zero in-sample error: the intervals collapse, never NaN
    flat = pd.Series([5.0] * 4, index=range(2018, 2022))
    f = fit_forecast(flat, 2023, "drift_recent")
    np.testing.assert_allclose(f.mean, 5.0)
    np.testing.assert_allclose(f.upper95, 5.0)
    assert f.prob(5.0, "~", 2023) == 1.0


# ---------------------------------------------------------------------------------------------
# every parameter of a model is read from the AnalysisParams given to fit_forecast


def test_every_model_parameter_is_read_from_the_params_given():
    s = pd.Series([10.0, 12.0, 13.0, 16.0, 17.0, 21.0, 22.0], index=range(2015, 2022))
    base = fit_forecast(s, 2024, "drift_recent", scale="level")
    assert base.tolerance == DEFAULT_PARAMS.tolerance
    same = fit_forecast(s, 2024, "drift_recent", scale="level", params=AnalysisParams())
    np.testing.assert_array_equal(base.mean, same.mean)
    np.testing.assert_array_equal(base.sd, same.sd)
    for change in ({"recent_weight": 0.8}, {"recent_damping": 0.6}):
        f = fit_forecast(s, 2024, "drift_recent", scale="level", params=AnalysisParams(**change))
        assert not np.allclose(f.mean, base.mean), change
    # the point forecast by hand with weight 0.8 and damping 1: the weighted mean difference
    d = np.diff(s.to_numpy())
    w = 0.8 ** np.arange(len(d) - 1, -1, -1)
    g = float(np.dot(w, d) / w.sum())
    f = fit_forecast(s, 2023, "drift_recent", scale="level", params=AnalysisParams(recent_weight=0.8, recent_damping=1.0))
    np.testing.assert_allclose(f.mean, [22.0 + g, 22.0 + 2 * g], rtol=1e-12)
    # the intervals: in-sample errors up to another horizon, from another first origin
    for change in ({"calibration_horizon": 1}, {"calibration_min_points": 4}):
        f = fit_forecast(s, 2024, "drift_recent", scale="level", params=AnalysisParams(**change))
        np.testing.assert_allclose(f.mean, base.mean, rtol=1e-12)
        assert not np.allclose(f.sd, base.sd) and list(f.df) != list(base.df), change
    # errors from origins of 2..6 points: 5 + 4 + 3 + 2 + 1 = 15 up to horizon 5, 5 at horizon 1;
    # from origins of 4..6 points: 3 + 2 + 1 = 6 (Student t with N - 1 degrees of freedom)
    one = fit_forecast(s, 2024, "drift_recent", scale="level", params=AnalysisParams(calibration_horizon=1))
    late = fit_forecast(s, 2024, "drift_recent", scale="level", params=AnalysisParams(calibration_min_points=4))
    assert (base.df[0], one.df[0], late.df[0]) == (14.0, 4.0, 5.0)
    # the blend reads the same constants
    b1 = fit_forecast(s, 2024, "drift_blend", scale="level")
    b2 = fit_forecast(s, 2024, "drift_blend", scale="level", params=AnalysisParams(recent_damping=0.6))
    assert not np.allclose(b1.mean, b2.mean)


def test_the_tolerance_of_about_targets_is_the_params_one():
    s = pd.Series([10.0, 12.0, 13.0, 16.0, 17.0, 21.0, 22.0], index=range(2015, 2022))
    narrow = fit_forecast(s, 2023, "drift", scale="level")
    wide = fit_forecast(s, 2023, "drift", scale="level", params=AnalysisParams(tolerance=0.2))
    assert wide.tolerance == 0.2
    t = float(narrow.at(2023)["projection"])
    assert wide.prob(t, "~", 2023) > narrow.prob(t, "~", 2023) > 0
    # P(|V - t| <= tol * t) by hand from the predictive Student t
    i = wide.years.index(2023)
    lo, hi = (t * 0.8 - wide.loc[i]) / wide.sd[i], (t * 1.2 - wide.loc[i]) / wide.sd[i]
    assert wide.prob(t, "~", 2023) == pytest.approx(stats.t.cdf(hi, wide.df[i]) - stats.t.cdf(lo, wide.df[i]))
    c = fit_forecast(s, 2023, "combination", scale="level", params=AnalysisParams(tolerance=0.2))
    assert c.tolerance == 0.2 and all(p.tolerance == 0.2 for p in c.components)

"""A count known for a few years: its own trend, with the year-to-year variability pooled from its kin.

Two or three figures of a count (enterprises, platforms, graduates attracted) give a trend
but no measure of how much the count wanders around it. :func:`pooled_scale` borrows that
measure from the other count series of the history in the same catalog category (all
categories when those are too few): a fixed-effects regression with statsmodels,
``WLS(Δ log value / gap ~ one dummy per series, weights = gap)``, whose residual variance is
the pooled within-series variance of the yearly log change. :func:`short_series_forecast`
then fits the series' own drift, ``WLS(Δ log value / gap ~ 1, weights = gap)`` with the scale
fixed at that pooled variance (``fit(cov_type="fixed scale")``), and projects
``log v_T = log v_last + b·h + e`` with ``var = h²·se(b)² + h·σ²`` (Student t with the pooled
degrees of freedom): the trend's uncertainty and the years to come are both in the interval.

>>> f = short_series_forecast(pd.Series({2022: 100.0, 2024: 121.0}), 2025, 0.1, 20.0)
>>> round(f.at(2025)["projection"]), f.details["trend_pct"]
(133, 10.0)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .simulated import SimulatedForecast

__all__ = ["log_changes", "pooled_scale", "short_series_forecast"]


def log_changes(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(Δ log value per year, gap in years) between consecutive figures of a positive series."""
    s = s[s > 0].sort_index()
    years = s.index.to_numpy(dtype=float)
    gap = np.diff(years)
    return np.diff(np.log(s.to_numpy(dtype=float))) / gap, gap


def pooled_scale(series: dict[str, pd.Series]) -> tuple[float, float, int]:
    """(σ of the yearly log change within series, residual degrees of freedom, series used).

    >>> a = pd.Series({2018: 100.0, 2019: 110.0, 2020: 125.0})
    >>> b = pd.Series({2019: 50.0, 2020: 51.0, 2021: 55.0})
    >>> sd, df, n = pooled_scale({"a": a, "b": b})
    >>> round(sd, 4), df, n
    (0.0323, 2.0, 2)
    """
    from statsmodels.regression.linear_model import WLS  # lighter than statsmodels.api

    ys, ws, groups = [], [], []
    for name, s in series.items():
        d, gap = log_changes(s)
        if len(d) >= 2:
            ys += list(d)
            ws += list(gap)
            groups += [name] * len(d)
    names = sorted(set(groups))
    if len(ys) - len(names) < 1:
        return float("nan"), 0.0, len(names)
    x = np.array([[1.0 if g == n else 0.0 for n in names] for g in groups])
    fit = WLS(np.array(ys), x, weights=np.array(ws)).fit()
    return float(math.sqrt(fit.scale)), float(fit.df_resid), len(names)


def short_series_forecast(s: pd.Series, target_year: int, sigma: float, df: float,
                          params: AnalysisParams = DEFAULT_PARAMS) -> SimulatedForecast:
    """The count in ``target_year`` from its own drift and the pooled scale ``sigma`` (see the module docstring)."""
    from statsmodels.regression.linear_model import WLS  # lighter than statsmodels.api

    d, gap = log_changes(s)
    if len(d) < 1:
        raise ValueError("a short-series projection needs two positive figures")
    fit = WLS(d, np.ones(len(d)), weights=gap).fit(cov_type="fixed scale", cov_kwds={"scale": sigma**2})
    b, se_b = float(fit.params[0]), float(fit.bse[0])
    last = int(s.index.max())
    h = int(target_year) - last
    scale = math.sqrt((h * se_b) ** 2 + h * sigma**2)
    rng = np.random.default_rng(params.random_seed)
    z = rng.standard_t(df, params.simulation_draws) if math.isfinite(df) else rng.standard_normal(params.simulation_draws)
    draws = float(s.loc[last]) * np.exp(b * h + scale * z)
    details = {"trend_pct": round(100 * (math.exp(b) - 1), 4), "sigma": round(sigma, 6), "df": df, "points": len(s)}
    return SimulatedForecast("short series", last, (int(target_year),), {int(target_year): draws}, params.tolerance, details)

"""A district projected as a share of its parent city: the share by statsmodels, the city by the default model.

A district known for a few years cannot carry a model of its own, but its city can. The
district's level in year ``T`` is ``share_T × city_T``:

* **the share** (district ÷ city in the years both are known, exact or ``about`` figures) is
  modelled on the log scale with statsmodels: with at least
  ``AnalysisParams.share_trend_min_points`` points, ``OLS(log share ~ year)`` and its
  prediction interval for ``T`` (Student t, ``n − 2`` degrees of freedom); with two points, the
  drift ``WLS(Δ log share / gap ~ 1, weights = gap)`` with the scale fixed at the reference
  drift (``fit(cov_type="fixed scale")``), so the uncertainty of the trend and of the years to
  come both enter; with one point the share is held at its value and drifts with the
  reference variance. The reference drift (``panel_share_drift.csv``) is how fast cities'
  shares of their province moved: the standard deviation of the yearly log-share change
  (Northeast or recent sample, as ``AnalysisParams.reference_class``);
* **the city** at ``T``: its figure when known, else its projection (default model at constant
  prices, repriced; :mod:`shenyang_analysis.model.money`), with its own predictive distribution.

The two are combined by simulation (:class:`~shenyang_analysis.model.simulated.SimulatedForecast`):
both uncertainties are in the interval and the probability.

>>> d = pd.Series({2020: 150.0, 2024: 160.0})
>>> c = pd.Series({2020: 1000.0, 2024: 1050.0, 2025: 1100.0})
>>> f = share_of_parent_forecast(d, c, None, 2025, sd_ref=0.05)
>>> f.details["method"], round(f.at(2025)["projection"], 0) > 160
('drift of the log share (WLS, scale fixed at the reference drift)', True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .simulated import SimulatedForecast, forecast_draws

__all__ = ["ShareFit", "shares", "fit_share", "share_of_parent_forecast"]


@dataclass
class ShareFit:
    """The log share in the target year: location, scale and degrees of freedom (inf: normal)."""

    loc: float
    scale: float
    df: float
    n_points: int
    method: str
    trend_pct: float  # the fitted change of the share, % a year


def shares(district: pd.Series, parent: pd.Series) -> pd.Series:
    """District ÷ parent in the years both are known (positive values only).

    >>> shares(pd.Series({2020: 10.0, 2021: 11.0}), pd.Series({2021: 100.0, 2022: 120.0})).to_dict()
    {2021: 0.11}
    """
    years = [int(y) for y in district.index if y in parent.index and district[y] > 0 and parent[y] > 0]
    return pd.Series({y: float(district[y]) / float(parent[y]) for y in years}, dtype="float64")


def fit_share(s: pd.Series, target_year: int, sd_ref: float, params: AnalysisParams = DEFAULT_PARAMS) -> ShareFit:
    """The log share at ``target_year`` (see the module docstring for the three cases).

    >>> f = fit_share(pd.Series({2018: 0.10, 2019: 0.11, 2020: 0.12, 2021: 0.125}), 2023, 0.05)
    >>> f.method, round(math.exp(f.loc), 3), f.df
    ('OLS of the log share on the year', 0.148, 2.0)
    """
    from statsmodels.regression.linear_model import OLS, WLS  # lighter than statsmodels.api

    years = s.index.to_numpy(dtype=float)
    y = np.log(s.to_numpy(dtype=float))
    last = years[-1]
    h = float(target_year) - last
    if len(y) >= params.share_trend_min_points:
        fit = OLS(y, np.column_stack([np.ones_like(years), years - last])).fit()
        pred = fit.get_prediction(np.array([[1.0, h]])).summary_frame(alpha=0.05)
        se_obs = math.sqrt(float(pred["mean_se"].iloc[0]) ** 2 + float(fit.scale))
        return ShareFit(float(pred["mean"].iloc[0]), se_obs, float(fit.df_resid), len(y),
                        "OLS of the log share on the year", 100 * (math.exp(float(fit.params[1])) - 1))
    if len(y) == 2:
        gap = np.diff(years)
        fit = WLS(np.diff(y) / gap, np.ones(1), weights=gap).fit(cov_type="fixed scale", cov_kwds={"scale": sd_ref**2})
        b, se_b = float(fit.params[0]), float(fit.bse[0])
        return ShareFit(y[-1] + b * h, math.sqrt((h * se_b) ** 2 + h * sd_ref**2), math.inf, 2,
                        "drift of the log share (WLS, scale fixed at the reference drift)", 100 * (math.exp(b) - 1))
    return ShareFit(float(y[-1]), math.sqrt(h) * sd_ref, math.inf, len(y), "share held at its last value, reference drift", 0.0)


def share_of_parent_forecast(district: pd.Series, parent: pd.Series, parent_forecast: Any, target_year: int, sd_ref: float,
                             params: AnalysisParams = DEFAULT_PARAMS) -> SimulatedForecast | None:
    """The district's level in ``target_year`` as share × parent, by simulation (``None`` without a share or a parent value).

    ``parent`` holds the parent's known figures on the district's basis; ``parent_forecast``
    its projection (any projection of the package) for when ``target_year`` is not among them.
    """
    s = shares(district, parent)
    s = s[s.index < target_year]
    if s.empty or (target_year not in parent.index and parent_forecast is None):
        return None
    fit = fit_share(s, target_year, sd_ref, params)
    rng = np.random.default_rng(params.random_seed)
    n = params.simulation_draws
    z = rng.standard_normal(n) if math.isinf(fit.df) else rng.standard_t(fit.df, n)
    share = np.exp(fit.loc + fit.scale * z)
    if target_year in parent.index:
        city, city_basis = np.full(n, float(parent[target_year])), f"the parent's {target_year} figure"
    else:
        city, city_basis = forecast_draws(parent_forecast, target_year, rng, n), f"the parent's {parent_forecast.model} projection"
    details = {"method": fit.method, "share_points": {int(k): round(float(v), 6) for k, v in s.items()},
               "share_trend_pct": round(fit.trend_pct, 4), "share_median": round(math.exp(fit.loc), 6),
               "parent": city_basis, "reference_drift_sd": sd_ref}
    last = int(s.index[-1])
    return SimulatedForecast("share of parent", last, (int(target_year),), {int(target_year): share * city},
                             params.tolerance, details)

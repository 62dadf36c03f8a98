"""What is known about a growth-rate target before its year: the features of the target model.

For a target of ``target`` % real growth in ``target_year``, from the region's growth history
*before* that year (nothing of the target year or later is read):

* **projection view** (:func:`project_growth`): the package's default projection model
  (``AnalysisParams.model``, then ``fallback_model``) fitted to the last run of consecutive
  years of the growth series itself (level scale, as the assessments project growth
  indicators), needing ``min_own_points`` years: its predictive location and scale for the
  target year, ``projection_prob`` = P(growth ≥ target), and ``projection_z`` = (location −
  target) / scale clipped to ±``target_z_clip``;
* **target-setting view**: ``recent_growth`` (the growth of the year before the target year),
  ``ambition`` = target − recent growth (points), ``above`` (1 for "X% or more", 以上),
  ``province_gap`` = target − the parent's (province's) target.

:func:`common_surprises` measures the **year-wide shocks** from the same projections: for
every year, the median over cities of growth minus its projection.

>>> import pandas as pd
>>> h = pd.Series([10.0, 11.0, 12.0, 11.5, 12.5], index=range(2003, 2008))
>>> f = growth_target_features(h, 13.0, 2008, "above", 11.0)
>>> f["recent_growth"], f["ambition"], f["above"], f["province_gap"], f["has_projection"]
(12.5, 0.5, 1.0, 2.0, 1.0)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.series import trailing_run
from ..vocab import GROWTH_EVENTS
from .projections import ModelError, fit_forecast
from .target_rule import growth_target_met, growth_target_threshold

__all__ = ["FEATURE_COLUMNS", "GrowthProjection", "project_growth", "growth_target_features", "pair_features",
           "event_features", "common_surprises", "predictive_cdf", "predictive_ppf"]

#: The columns :func:`growth_target_features` returns, in order.
FEATURE_COLUMNS: tuple[str, ...] = (
    "target_pct", "recent_growth", "ambition", "above", "province_gap", "has_projection", "projection_model",
    "projection_n", "projection_loc", "projection_sd", "projection_df", "projection_prob", "projection_z",
)


@dataclass(frozen=True)
class GrowthProjection:
    """The projection view of one year's growth: predictive location, scale and degrees of freedom."""

    model: str
    n_obs: int
    loc: float
    sd: float
    df: float
    forecast: Any  # the projections.Forecast behind it

    def prob_at_least(self, target: float, year: int) -> float:
        """P(growth in ``year`` ≥ ``target``) under the predictive distribution."""
        return float(self.forecast.prob(target, ">=", year))


def predictive_cdf(x: Any, loc: Any, sd: Any, df: Any) -> np.ndarray:
    """F(x) of normal (``df`` infinite) or Student-t predictive distributions.

    >>> [round(float(v), 4) for v in predictive_cdf([10.0, 12.0], 10.0, 2.0, [np.inf, 5.0])]
    [0.5, 0.8184]
    """
    from scipy import special

    x, loc, sd, df = np.broadcast_arrays(*(np.asarray(v, float) for v in (x, loc, sd, df)))
    z = (x - loc) / sd
    finite = np.isfinite(df)
    return np.where(finite, special.stdtr(np.where(finite, df, 1.0), z), special.ndtr(z))


def predictive_ppf(q: Any, loc: Any, sd: Any, df: Any) -> np.ndarray:
    """F⁻¹(q) of the same distributions.

    >>> round(float(predictive_ppf(0.8184, 10.0, 2.0, 5.0)), 2)
    12.0
    """
    from scipy import special

    q, loc, sd, df = np.broadcast_arrays(*(np.asarray(v, float) for v in (q, loc, sd, df)))
    finite = np.isfinite(df)
    z = np.where(finite, special.stdtrit(np.where(finite, df, 1.0), q), special.ndtri(q))
    return loc + sd * z


def _history_before(history: pd.Series, year: int) -> pd.Series:
    """The years before ``year`` as floats indexed by int year (gaps allowed; a bad index is a ValueError)."""
    if not isinstance(history, pd.Series):
        raise ValueError(f"growth history must be a pandas Series indexed by year, got {type(history).__name__}")
    s = pd.to_numeric(history, errors="coerce").dropna()
    try:
        years = np.asarray(s.index, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("growth history index must be integer years") from None
    if len(years) and (not np.all(years == np.round(years)) or len(set(years)) != len(years)):
        raise ValueError("growth history index must be integer years, each once")
    s = pd.Series(s.to_numpy(float), index=pd.Index(years.astype("int64"), name="year")).sort_index()
    return s[s.index < int(year)]


def project_growth(history: pd.Series, target_year: int, params: AnalysisParams = DEFAULT_PARAMS
                   ) -> tuple[GrowthProjection | None, str]:
    """The projection of growth in ``target_year`` from the years before it, and a reason when there is none.

    >>> import pandas as pd
    >>> p, why = project_growth(pd.Series([9.0, 10.0], index=[2006, 2007]), 2008)
    >>> p, why
    (None, '2 consecutive year(s) of growth before 2008: a projection needs 4')
    """
    before = _history_before(history, target_year)
    run = trailing_run(before)
    if len(run) < params.min_own_points:
        return None, (f"{len(run)} consecutive year(s) of growth before {target_year}: "
                      f"a projection needs {params.min_own_points}")
    reasons = []
    for model in dict.fromkeys((params.model, params.fallback_model)):
        try:
            f = fit_forecast(run, int(target_year), model, scale="level", params=params)
        except (ModelError, ValueError) as exc:
            reasons.append(str(exc))
            continue
        i = f.years.index(int(target_year))
        df = math.inf if f.df is None else float(f.df[i])
        return GrowthProjection(model, len(run), float(f.loc[i]), float(f.sd[i]), df, f), ""
    return None, "; ".join(reasons)


def _projection_columns(history: pd.Series, target: float, year: int, params: AnalysisParams) -> dict[str, Any]:
    proj, _ = project_growth(history, year, params)
    if proj is None:
        return {"has_projection": 0.0, "projection_model": "", "projection_n": 0, "projection_loc": math.nan,
                "projection_sd": math.nan, "projection_df": math.nan, "projection_prob": math.nan,
                "projection_z": 0.0}
    z = (proj.loc - target) / proj.sd if proj.sd > 0 else math.copysign(math.inf, proj.loc - target)
    return {"has_projection": 1.0, "projection_model": proj.model, "projection_n": proj.n_obs,
            "projection_loc": proj.loc, "projection_sd": proj.sd, "projection_df": proj.df,
            "projection_prob": proj.prob_at_least(target, year),
            "projection_z": float(np.clip(z, -params.target_z_clip, params.target_z_clip))}


def growth_target_features(history: pd.Series, target: float, target_year: int, wording: str,
                           parent_target: float | None = None, params: AnalysisParams = DEFAULT_PARAMS
                           ) -> dict[str, Any]:
    """The features of one growth-rate target (see the module docstring), from history before its year.

    ``wording`` is ``above`` (X% or more, 以上) or ``plain``; ``parent_target`` the province's
    (parent region's) growth target for the same year, or ``None``. Missing pieces are NaN
    (recent growth without a figure for the previous year, the gap without a parent target).
    """
    target = float(target)
    if not math.isfinite(target):
        raise ValueError(f"target must be a finite growth rate in %, got {target}")
    before = _history_before(history, target_year)
    recent = float(before.loc[int(target_year) - 1]) if int(target_year) - 1 in before.index else math.nan
    parent = math.nan if parent_target is None or pd.isna(parent_target) else float(parent_target)
    out: dict[str, Any] = {
        "target_pct": target, "recent_growth": recent, "ambition": target - recent,
        "above": 1.0 if wording == "above" else 0.0, "province_gap": target - parent,
    }
    out.update(_projection_columns(before, target, int(target_year), params))
    return {k: out[k] for k in FEATURE_COLUMNS}


def pair_features(pairs: pd.DataFrame, histories: Mapping[int, pd.Series],
                  params: AnalysisParams = DEFAULT_PARAMS) -> pd.DataFrame:
    """Features of every pair with a target (:func:`~shenyang_analysis.history.target_outcomes.read_target_pairs`).

    Columns: city_code, province_code, year, target_wording, actual_real_growth_pct, ``met``
    (the floor event: 1.0 when the achieved growth reached the target, 0.0 when not, NaN when
    unknown; :func:`event_features` gives the other event), then :data:`FEATURE_COLUMNS`.
    """
    rows = []
    empty = pd.Series([], dtype=float, index=pd.Index([], dtype="int64"))
    for r in pairs[pairs["target_pct"].notna()].itertuples(index=False):
        f = growth_target_features(histories.get(int(r.city_code), empty), r.target_pct, int(r.year),
                                   r.target_wording, r.province_target_pct, params)
        actual = float(r.actual_real_growth_pct)
        met = math.nan if math.isnan(actual) else float(growth_target_met(actual, r.target_pct, ">="))
        rows.append({"city_code": int(r.city_code), "province_code": int(r.province_code), "year": int(r.year),
                     "target_wording": r.target_wording, "actual_real_growth_pct": actual, "met": met, **f})
    return pd.DataFrame(rows)


def event_features(features: pd.DataFrame, event: str, params: AnalysisParams = DEFAULT_PARAMS) -> pd.DataFrame:
    """The features of :func:`pair_features` for one event of :data:`~shenyang_analysis.vocab.GROWTH_EVENTS`.

    ``floor``: met when growth ≥ the figure (``>=``, a bare figure); ``about``: met when growth ≥
    the figure − ``tolerance`` × |figure| (``~``, 左右), whatever the past target's own wording
    (the data do not tell a bare figure from 左右; the wording stays a feature). Sets
    ``threshold_pct``, ``met`` and the projection view's ``projection_prob`` = P(growth ≥
    threshold); the other features describe the target as set and do not change.

    >>> f = pd.DataFrame({"target_pct": [10.0, 10.0], "actual_real_growth_pct": [9.8, 9.7], "met": [0.0, 0.0],
    ...                   "projection_loc": [10.0, 10.0], "projection_sd": [1.0, 1.0], "projection_df": [np.inf] * 2})
    >>> a = event_features(f, "about")
    >>> a["threshold_pct"].tolist(), a["met"].tolist(), round(float(a["projection_prob"].iloc[0]), 3)
    ([9.8, 9.8], [1.0, 0.0], 0.579)
    """
    if event not in GROWTH_EVENTS:
        raise ValueError(f"event {event!r} is not one of {', '.join(GROWTH_EVENTS)}")
    comparator = ">=" if event == "floor" else "~"
    out = features.copy()
    out["threshold_pct"] = [growth_target_threshold(t, comparator, tolerance=params.tolerance)[0]
                            for t in out["target_pct"]]
    out["met"] = [math.nan if math.isnan(a) else float(growth_target_met(a, t, comparator, tolerance=params.tolerance))
                  for a, t in zip(out["actual_real_growth_pct"], out["target_pct"])]
    out["projection_prob"] = 1.0 - predictive_cdf(out["threshold_pct"], out["projection_loc"], out["projection_sd"],
                                                  out["projection_df"])
    return out


def common_surprises(histories: Mapping[int, pd.Series], params: AnalysisParams = DEFAULT_PARAMS,
                     years: range | None = None) -> pd.DataFrame:
    """The year-wide growth shock: per year, the median over cities of growth minus its projection.

    A city counts in year ``s`` when its projection for ``s`` rests on consecutive years ending in
    ``s − 1`` (:func:`project_growth`). Columns: year, n_cities, median_surprise, mean_surprise,
    usable (at least ``shock_min_cities`` cities).
    """
    rows: dict[int, list[float]] = {}
    for series in histories.values():
        s = series.dropna()
        for year in (int(y) for y in s.index):
            if (years is not None and year not in years) or year - 1 not in s.index:
                continue
            proj, _ = project_growth(s, year, params)
            if proj is not None:
                rows.setdefault(year, []).append(float(s.loc[year]) - proj.loc)
    out = pd.DataFrame(
        [(y, len(v), float(np.median(v)), float(np.mean(v))) for y, v in sorted(rows.items())],
        columns=["year", "n_cities", "median_surprise", "mean_surprise"],
    )
    out["usable"] = out["n_cities"] >= params.shock_min_cities
    return out.astype({"year": "int64", "n_cities": "int64"})

"""The second stage of the growth-target probabilities, fitted only on what earlier years showed.

Two recalibrations, each fitted in a rolling step on years before the one predicted (the
pre-registered method of ``docs/methods.md``):

* :class:`BetaMap` — beta calibration (Kull, Silva Filho & Flach 2017) of a model's
  probabilities, ``logit p' = c + a ln p − b ln(1 − p)``, fitted by maximum likelihood on the
  out-of-sample predictions of earlier scored years and their outcomes. A monotone map is
  required: when ``a`` or ``b`` comes out negative (or the fit fails) the map falls back to
  Platt scaling (``a = b``), and when that slope is not positive, to the identity
  (``a = b = 1``, ``c = 0``); with fewer than ``recalibration_min_years`` earlier years it is
  the identity;
* :class:`PitMap` — the projection view's predictive distribution recalibrated through the
  distribution of its earlier probability integral transforms (PITs, ``u = F(achieved)``):
  ``G(F(x))``, with ``G`` built from ``pit_quantiles`` quantiles of the earlier PITs, pinned to
  (0, 0) and (1, 1) and linear in between. ``P(growth ≥ x) = 1 − G(F(x))``; the recalibrated
  central interval of level ``L`` is ``F⁻¹(G⁻¹((1 ∓ L) / 2))``.

:func:`recalibrate_rolling` adds both to a rolling test's predictions (models ``combined_recal``
and ``projection_recal``), year by year, each fitted on earlier years only.

>>> import numpy as np
>>> p = np.repeat([0.9, 0.8, 0.7, 0.6], 20)          # given 90 %, 80 %, 70 %, 60 % ...
>>> y = np.concatenate([np.arange(20) < k for k in (19, 16, 10, 4)]).astype(float)  # ... met 95, 80, 50, 20 %
>>> m = fit_beta_map(p, y, np.tile([2005, 2006], 40), min_years=2)
>>> m.kind, bool(m.apply(np.array([0.9]))[0] > 0.9), bool(m.apply(np.array([0.6]))[0] < 0.6)
('beta', True, True)
>>> fit_beta_map(np.array([0.8, 0.7]), np.array([1.0, 0.0]), np.array([2005, 2005]), min_years=2).kind
'identity'
>>> g = fit_pit_map(np.linspace(0.0, 0.5, 101), quantiles=100)   # every past PIT below 0.5
>>> round(float(g.cdf(0.25)), 3), round(float(g.inverse(0.5)), 3)
(0.5, 0.25)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .target_features import predictive_cdf

__all__ = ["BASE_MODEL", "RECALIBRATED_MODEL", "PROJECTION_MODEL", "PROJECTION_RECAL_MODEL", "BetaMap", "PitMap",
           "fit_beta_map", "fit_pit_map", "pits", "recalibrate_rolling",
           "coverage_after", "pit_adopted", "pick_headline"]

BASE_MODEL = "combined"
RECALIBRATED_MODEL = "combined_recal"
PROJECTION_MODEL = "projection"
PROJECTION_RECAL_MODEL = "projection_recal"
_CLIP = 1e-6


@dataclass(frozen=True)
class BetaMap:
    """A monotone map of probabilities: ``logit p' = c + a ln p − b ln(1 − p)`` (identity: a = b = 1, c = 0)."""

    kind: str  # beta, platt or identity
    a: float
    b: float
    c: float
    n: int
    years: tuple[int, ...]
    reason: str = ""

    def apply(self, p: Any) -> np.ndarray:
        """The recalibrated probabilities (NaN stays NaN)."""
        from scipy.special import expit

        p = np.asarray(p, float)
        if self.kind == "identity":
            return p.copy()
        q = np.clip(p, _CLIP, 1 - _CLIP)
        return np.where(np.isnan(p), np.nan, expit(self.c + self.a * np.log(q) - self.b * np.log1p(-q)))

    def describe(self) -> str:
        """One line: which map, its coefficients, what it was fitted on.

        >>> BetaMap("identity", 1.0, 1.0, 0.0, 0, (), "fewer than 2 earlier years").describe()
        'identity (fewer than 2 earlier years)'
        """
        if self.kind == "identity":
            return f"identity ({self.reason})" if self.reason else "identity"
        span = f"{self.years[0]}–{self.years[-1]}" if self.years else ""
        return (f"{self.kind} calibration a={self.a:.3f} b={self.b:.3f} c={self.c:.3f} on {self.n} out-of-sample "
                f"predictions {span}" + (f" ({self.reason})" if self.reason else ""))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "c": self.c, "n": self.n, "years": list(self.years),
                "reason": self.reason}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> BetaMap:
        return cls(str(d["kind"]), float(d["a"]), float(d["b"]), float(d["c"]), int(d["n"]),
                   tuple(int(y) for y in d["years"]), str(d.get("reason", "")))


def _identity(n: int, years: tuple[int, ...], reason: str) -> BetaMap:
    return BetaMap("identity", 1.0, 1.0, 0.0, n, years, reason)


def _logit_fit(y: np.ndarray, x: np.ndarray) -> np.ndarray | None:
    """Maximum-likelihood logit coefficients, or None when the fit fails or does not converge."""
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        warnings.simplefilter("error", PerfectSeparationWarning)
        try:
            res = sm.Logit(y, x).fit(disp=0, maxiter=200)
        except (ConvergenceWarning, PerfectSeparationWarning, np.linalg.LinAlgError, ValueError):
            return None
    params = np.asarray(res.params, float)
    return params if res.mle_retvals.get("converged", True) and np.all(np.isfinite(params)) else None


def fit_beta_map(p: Any, y: Any, years: Any, min_years: int = DEFAULT_PARAMS.recalibration_min_years) -> BetaMap:
    """Fit the beta calibration of probabilities ``p`` to outcomes ``y`` (1 met, 0 missed) of ``years``.

    Falls back to Platt scaling, then to the identity, as the module docstring says.
    """
    p, y = np.asarray(p, float), np.asarray(y, float)
    keep = ~(np.isnan(p) | np.isnan(y))
    p, y, yrs = p[keep], y[keep], tuple(sorted({int(v) for v in np.asarray(years)[keep]}))
    if len(yrs) < min_years:
        return _identity(len(p), yrs, f"fewer than {min_years} earlier years")
    if y.min() == y.max():
        return _identity(len(p), yrs, "every earlier outcome the same")
    q = np.clip(p, _CLIP, 1 - _CLIP)
    beta = _logit_fit(y, np.column_stack([np.ones_like(q), np.log(q), -np.log1p(-q)]))
    if beta is not None and beta[1] >= 0 and beta[2] >= 0:
        return BetaMap("beta", float(beta[1]), float(beta[2]), float(beta[0]), len(p), yrs)
    why = "beta fit failed" if beta is None else "beta map not monotone"
    platt = _logit_fit(y, np.column_stack([np.ones_like(q), np.log(q) - np.log1p(-q)]))
    if platt is not None and platt[1] > 0:
        return BetaMap("platt", float(platt[1]), float(platt[1]), float(platt[0]), len(p), yrs, why)
    return _identity(len(p), yrs, f"{why}; Platt slope not positive")


@dataclass(frozen=True)
class PitMap:
    """``G``: the distribution of earlier PITs, as knots ``(u_k, k / Q)`` pinned to (0, 0) and (1, 1)."""

    knots: tuple[float, ...]
    n: int
    years: tuple[int, ...]

    def _xy(self) -> tuple[np.ndarray, np.ndarray]:
        u = np.asarray(self.knots, float)
        return u, np.linspace(0.0, 1.0, len(u))

    def cdf(self, u: Any) -> np.ndarray:
        """G(u) for PITs ``u`` in [0, 1]."""
        x, probs = self._xy()
        return np.interp(np.asarray(u, float), x, probs)

    def inverse(self, q: Any) -> np.ndarray:
        """G⁻¹(q): the uncalibrated PIT level that the recalibrated quantile ``q`` corresponds to."""
        x, probs = self._xy()
        return np.interp(np.asarray(q, float), probs, x)

    def to_dict(self) -> dict[str, Any]:
        return {"knots": list(self.knots), "n": self.n, "years": list(self.years)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PitMap:
        return cls(tuple(float(v) for v in d["knots"]), int(d["n"]), tuple(int(y) for y in d["years"]))


def fit_pit_map(pits: Any, quantiles: int = DEFAULT_PARAMS.pit_quantiles, years: Any = ()) -> PitMap:
    """``G`` from earlier PITs: their ``quantiles`` quantiles, the ends pinned to 0 and 1, ties broken upward."""
    u = np.asarray(pits, float)
    u = u[~np.isnan(u)]
    if len(u) < 2:
        raise ValueError(f"{len(u)} earlier PIT(s): too few to recalibrate the projection view")
    knots = np.quantile(np.clip(u, 0.0, 1.0), np.linspace(0.0, 1.0, quantiles + 1))
    knots[0], knots[-1] = 0.0, 1.0
    knots = np.maximum.accumulate(knots + np.arange(len(knots)) * 1e-12)  # strictly increasing for interpolation
    knots = knots / knots[-1]
    return PitMap(tuple(float(k) for k in knots), int(len(u)), tuple(sorted({int(y) for y in np.asarray(years)})))


def _beta_rows(preds: pd.DataFrame, params: AnalysisParams) -> tuple[pd.DataFrame, dict[int, BetaMap]]:
    base = preds[preds["model"] == BASE_MODEL]
    parts, maps = [], {}
    for year in sorted(base["year"].unique()):
        past, cur = base[base["year"] < year], base[base["year"] == year]
        m = fit_beta_map(past["p"], past["met"], past["year"], params.recalibration_min_years)
        maps[int(year)] = m
        parts.append(cur.assign(model=RECALIBRATED_MODEL, p=m.apply(cur["p"]), low=m.apply(cur["low"]),
                                high=m.apply(cur["high"])))
    return pd.concat(parts), maps


def pits(features: pd.DataFrame) -> pd.DataFrame:
    """year and ``pit`` = F(achieved growth) of every target with a projection and an outcome."""
    d = features[features["projection_prob"].notna() & features["actual_real_growth_pct"].notna()]
    u = predictive_cdf(d["actual_real_growth_pct"], d["projection_loc"], d["projection_sd"], d["projection_df"])
    return pd.DataFrame({"year": d["year"].to_numpy(int), "pit": u}, index=d.index)


def _pit_rows(preds: pd.DataFrame, features: pd.DataFrame, params: AnalysisParams
              ) -> tuple[pd.DataFrame, dict[int, PitMap]]:
    proj = preds[preds["model"] == PROJECTION_MODEL]
    u = pits(features)
    parts, maps = [], {}
    for year in sorted(proj["year"].unique()):
        past, cur = u[u["year"] < year], proj[proj["year"] == year]
        g = fit_pit_map(past["pit"], params.pit_quantiles, past["year"])
        maps[int(year)] = g
        own = (cur["basis"] == PROJECTION_MODEL).to_numpy()
        p = cur["p"].to_numpy(float).copy()
        p[own] = 1.0 - g.cdf(1.0 - p[own])  # P(growth ≥ threshold) = 1 − G(F(threshold))
        parts.append(cur.assign(model=PROJECTION_RECAL_MODEL, p=p))
    return pd.concat(parts), maps


def recalibrate_rolling(preds: pd.DataFrame, features: pd.DataFrame, params: AnalysisParams = DEFAULT_PARAMS
                        ) -> tuple[pd.DataFrame, dict[int, BetaMap], dict[int, PitMap]]:
    """The rows of ``combined_recal`` and ``projection_recal`` for every year of a rolling test's predictions.

    ``preds``: the rolling test's predictions (``combined`` and ``projection`` among the models);
    ``features``: the event's features (their ``projection_*`` columns and achieved growth give
    the PITs). Year ``t`` is recalibrated with maps fitted on years before ``t`` only.
    """
    beta, beta_maps = _beta_rows(preds, params)
    pit, pit_maps = _pit_rows(preds, features, params)
    return pd.concat([beta, pit]), beta_maps, pit_maps


def coverage_after(features: pd.DataFrame, pit_maps: Mapping[int, PitMap]) -> pd.DataFrame:
    """Per scored year and pooled (``all``): coverage of the 80 % / 95 % intervals before and after recalibration.

    Columns: year, n, cov80, cov95 (uncalibrated), cov80_recal, cov95_recal, mean_pit, mean_pit_recal.
    """
    u = pits(features).reset_index(drop=True)
    u = u[u["year"].isin(list(pit_maps))].assign(recal=np.nan)
    for year, g in u.groupby("year"):
        u.loc[g.index, "recal"] = pit_maps[int(year)].cdf(g["pit"])
    rows = []
    for year, g in [*u.groupby("year"), ("all", u)]:
        rows.append({"year": str(year), "n": int(len(g)),
                     "cov80": float(g["pit"].between(0.1, 0.9).mean()), "cov95": float(g["pit"].between(0.025, 0.975).mean()),
                     "cov80_recal": float(g["recal"].between(0.1, 0.9).mean()),
                     "cov95_recal": float(g["recal"].between(0.025, 0.975).mean()),
                     "mean_pit": float(g["pit"].mean()), "mean_pit_recal": float(g["recal"].mean())})
    return pd.DataFrame(rows)


def pit_adopted(coverage: pd.DataFrame) -> bool:
    """The pre-registered rule: both pooled coverages closer to nominal after recalibration than before.

    >>> c = pd.DataFrame({"year": ["all"], "cov80": [0.778], "cov95": [0.896], "cov80_recal": [0.79], "cov95_recal": [0.93]})
    >>> pit_adopted(c), pit_adopted(c.assign(cov80_recal=0.83))
    (True, False)
    """
    r = coverage[coverage["year"] == "all"].iloc[0]
    return bool(abs(r["cov80_recal"] - 0.80) < abs(r["cov80"] - 0.80) and abs(r["cov95_recal"] - 0.95) < abs(r["cov95"] - 0.95))


def pick_headline(scores: Mapping[str, Mapping[str, float]]) -> str:
    """The pre-registered rule: ``combined_recal`` if both its pooled Brier score and ECE are below ``combined``'s.

    >>> pick_headline({"combined": {"brier": 0.17, "ece": 0.058}, "combined_recal": {"brier": 0.169, "ece": 0.04}})
    'combined_recal'
    >>> pick_headline({"combined": {"brier": 0.17, "ece": 0.058}, "combined_recal": {"brier": 0.171, "ece": 0.03}})
    'combined'
    """
    base, recal = scores[BASE_MODEL], scores.get(RECALIBRATED_MODEL)
    if recal is None or math.isnan(recal["brier"]) or math.isnan(recal["ece"]):
        return BASE_MODEL
    return RECALIBRATED_MODEL if recal["brier"] < base["brier"] and recal["ece"] < base["ece"] else BASE_MODEL

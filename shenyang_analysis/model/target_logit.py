"""Logistic regressions for "will this growth target be met?", with a year-wide shock integrated out.

The models (:data:`SPECS`; features from :mod:`~shenyang_analysis.model.target_features`):

* ``ambition`` — a plain logit on ambition (target − last year's growth) alone;
* ``target_level`` — a plain logit on the target's level alone;
* ``target_setting`` — a plain logit on ambition, recent growth, the wording (以上) and the gap
  to the province's target;
* ``combined`` — the target-setting view plus the projection view (``projection_z``, with
  ``has_projection`` marking targets without enough history for a projection), fitted with
  **year fixed effects**, so that the coefficients compare targets *within* a year; a new year
  gets the mean of the past year effects plus a **year-wide shock** integrated out;
* ``combined_no_parent`` — the same without the province gap, for targets without a parent
  target; ``combined_no_shock`` — ``combined`` evaluated at a zero shock (for comparison only).

**The year-wide shock.** Targets of one year are not independent: in 2008 and 2012 most cities
missed together. A year's common shock ``u ~ N(0, ω²)`` moves every target's log-odds (a random
year effect), and the probability is the average over it (Gauss–Hermite quadrature):
``p_i = E[expit(η_i + u)]``. ``ω`` is the larger of two estimates from the years before the
one predicted, inflated by ``1 + 1/K`` for the uncertainty of the mean over ``K`` past years:

* **from the growth panel** (``shock_logit``): ``σ_c``, the standard deviation over past years
  of the year's common growth surprise
  (:func:`~shenyang_analysis.model.target_features.common_surprises`, in growth points),
  turned into log-odds by how many past targets lay within ``σ_c`` of the line: a common
  shortfall of ``σ_c`` turns about half the targets met by at most ``σ_c`` into misses, so
  ``shock_logit = share(|growth − target| ≤ σ_c) / (2 p̄ (1 − p̄))``, ``p̄`` the past share met
  (the slope of the log-odds of the share met under a common shift, averaged over ±σ_c);
* **directly** (``tau_direct``): the spread of the fitted year effects beyond their sampling
  error (method of moments; zero while the past years were alike).

``low`` and ``high`` are the probabilities in a bad and a good year: at the 5th and 95th
percentiles of the shock (``AnalysisParams.shock_interval``).

Coefficient standard errors are clustered by year (with 5 or more years; with fewer, the
model-based ones) and are reported with the coefficients; they do not enter the probabilities.

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(0)
>>> d = pd.DataFrame({"year": np.repeat([2001, 2002, 2003], 200), "ambition": rng.normal(0, 2, 600)})
>>> d["met"] = (rng.random(600) < 1 / (1 + np.exp(-(1.5 - 0.5 * d["ambition"])))).astype(float)
>>> m = fit_logit(d, "ambition")
>>> bool(-0.7 < m.coef["ambition"] < -0.4), 0.0 < float(m.predict(d.head(1))["p"].iloc[0]) < 1.0
(True, True)
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .projections import ModelError

__all__ = ["SPECS", "COMBINED_FEATURES", "MEANINGS", "Spec", "YearLogit", "fit_logit", "shock_sd_points", "margin_slope",
           "coefficient_table"]

COMBINED_FEATURES: tuple[str, ...] = (
    "ambition", "recent_growth", "above", "province_gap", "projection_z", "has_projection",
)
_NODES, _WEIGHTS = np.polynomial.hermite_e.hermegauss(41)
_WEIGHTS = _WEIGHTS / _WEIGHTS.sum()


@dataclass(frozen=True)
class Spec:
    """One logit: its features, whether it has year fixed effects, whether the year shock is integrated out."""

    features: tuple[str, ...]
    fixed_effects: bool
    shock: bool


SPECS: dict[str, Spec] = {
    "ambition": Spec(("ambition",), False, False),
    "target_level": Spec(("target_pct",), False, False),
    "target_setting": Spec(("ambition", "recent_growth", "above", "province_gap"), False, False),
    "combined": Spec(COMBINED_FEATURES, True, True),
    "combined_no_parent": Spec(tuple(f for f in COMBINED_FEATURES if f != "province_gap"), True, True),
    "combined_no_shock": Spec(COMBINED_FEATURES, True, False),
}


def shock_sd_points(surprises: pd.DataFrame, before: int | None = None) -> tuple[float, int]:
    """(σ_c, years): the standard deviation of the usable years' median growth surprise (points), years < ``before``.

    >>> s = pd.DataFrame({"year": [2001, 2002, 2003], "median_surprise": [1.0, -1.0, 9.0], "usable": True})
    >>> shock_sd_points(s, before=2003)
    (1.4142135623730951, 2)
    """
    use = surprises[surprises["usable"].astype(bool)]
    if before is not None:
        use = use[use["year"] < before]
    v = use["median_surprise"].to_numpy(float)
    return (float(np.std(v, ddof=1)) if len(v) >= 2 else math.nan), int(len(v))


@dataclass(frozen=True)
class YearLogit:
    """A fitted logit (see the module docstring); :meth:`predict` gives probabilities for new targets."""

    name: str
    features: tuple[str, ...]
    coef: dict[str, float]
    se: dict[str, float]
    intercept: float
    year_effects: dict[int, float]
    tau_direct: float
    shock_sd: float
    shock_years: int
    shock_logit: float
    shock: bool
    n: int
    n_met: int
    years: tuple[int, ...]
    se_type: str
    z_clip: float
    interval: float
    #: the central 98 % (1st and 99th percentiles) of each feature in the data fitted on
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)

    def _x(self, data: pd.DataFrame) -> np.ndarray:
        return data[list(self.features)].to_numpy(float)

    def linear(self, data: pd.DataFrame) -> np.ndarray:
        """η: the log-odds at a zero year shock (NaN where a feature is missing)."""
        return self.intercept + self._x(data) @ np.array([self.coef[f] for f in self.features])

    def shock_scale(self, data: pd.DataFrame) -> np.ndarray:
        """ω per row: the year shock's standard deviation on the log-odds scale (0 without a shock term)."""
        if not self.shock:
            return np.zeros(len(data))
        panel = 0.0 if math.isnan(self.shock_logit) else self.shock_logit
        k = max(len(self.years), 1)
        return np.full(len(data), math.sqrt(max(panel, self.tau_direct) ** 2 * (1.0 + 1.0 / k)))

    def conditional(self, data: pd.DataFrame, xi: np.ndarray) -> np.ndarray:
        """P(met | year shock ξ) for each ξ (rows: ξ values, columns: targets)."""
        from scipy.special import expit

        return expit(self.linear(data)[None, :] + np.asarray(xi, float)[:, None] * self.shock_scale(data)[None, :])

    def predict(self, data: pd.DataFrame) -> pd.DataFrame:
        """Columns p (the shock integrated out), low and high (a bad and a good year), omega; NaN where a feature is missing."""
        from scipy.special import expit, ndtri

        eta, omega = self.linear(data), self.shock_scale(data)
        p = (expit(eta[:, None] + omega[:, None] * _NODES[None, :]) * _WEIGHTS).sum(axis=1)
        q = float(ndtri(0.5 + self.interval / 2))
        low, high = expit(eta - q * omega), expit(eta + q * omega)
        return pd.DataFrame({"p": p, "low": low, "high": high, "omega": omega}, index=data.index)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values (:meth:`from_dict` reads them back)."""
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        d["features"] = list(self.features)
        d["years"] = list(self.years)
        d["year_effects"] = {str(k): v for k, v in self.year_effects.items()}
        d["ranges"] = {k: list(v) for k, v in self.ranges.items()}
        return d

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> YearLogit:
        kw = dict(d)
        kw["features"] = tuple(kw["features"])
        kw["years"] = tuple(int(y) for y in kw["years"])
        kw["year_effects"] = {int(k): float(v) for k, v in kw["year_effects"].items()}
        kw["ranges"] = {k: (float(v[0]), float(v[1])) for k, v in kw.get("ranges", {}).items()}
        kw["tau_direct"] = float(kw["tau_direct"])
        kw["se"] = {k: math.nan if v is None else float(v) for k, v in kw["se"].items()}
        for key in ("shock_sd", "shock_logit"):
            kw[key] = float("nan") if kw[key] is None else float(kw[key])
        return cls(**kw)


def _design(data: pd.DataFrame, features: tuple[str, ...], fixed_effects: bool
            ) -> tuple[np.ndarray, list[str], np.ndarray]:
    x = data[list(features)].to_numpy(float)
    years = data["year"].to_numpy(int)
    if fixed_effects:
        levels = np.unique(years)
        dummies = (years[:, None] == levels[None, :]).astype(float)
        return np.hstack([x, dummies]), [*features, *(f"year_{y}" for y in levels)], levels
    return np.hstack([x, np.ones((len(x), 1))]), [*features, "const"], np.unique(years)


def _fit(y: np.ndarray, x: np.ndarray, groups: np.ndarray | None, name: str):
    import statsmodels.api as sm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, PerfectSeparationWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        warnings.simplefilter("error", PerfectSeparationWarning)
        try:
            kw = {"cov_type": "cluster", "cov_kwds": {"groups": groups}} if groups is not None else {}
            res = sm.Logit(y, x).fit(disp=0, maxiter=200, **kw)
        except (ConvergenceWarning, PerfectSeparationWarning, np.linalg.LinAlgError) as exc:
            raise ModelError(f"{name}: the logit cannot be fitted ({exc})") from None
    if not res.mle_retvals.get("converged", True):
        raise ModelError(f"{name}: the logit did not converge")
    return res


def margin_slope(rows: pd.DataFrame, sd: float) -> float:
    """Log-odds of the share met moved by a common shift of ``sd`` points: share(|margin| ≤ sd) / (2 p̄ (1 − p̄)).

    ``rows`` has ``actual_real_growth_pct``, ``target_pct`` and ``met`` (past targets only); the
    margin is measured from ``threshold_pct`` instead of the target where the rows have it (the
    line of the event predicted: :func:`~shenyang_analysis.model.target_features.event_features`).

    >>> r = pd.DataFrame({"actual_real_growth_pct": [10.0, 12.5, 9.0, 14.0], "target_pct": [9.5, 12.0, 10.0, 10.0]})
    >>> margin_slope(r.assign(met=[1.0, 1.0, 0.0, 1.0]), 1.0)
    2.0
    """
    line = rows["threshold_pct"] if "threshold_pct" in rows else rows["target_pct"]
    margin = (rows["actual_real_growth_pct"] - line).to_numpy(float)
    p = float(rows["met"].mean())
    if not 0.0 < p < 1.0 or not sd > 0:
        return math.nan
    return float(np.mean(np.abs(margin) <= sd)) / (2.0 * p * (1.0 - p))


def _tau_direct(effects: np.ndarray, variances: np.ndarray) -> float:
    """The spread of the year effects beyond their sampling error (method of moments, at least 0)."""
    if len(effects) < 2:
        return 0.0
    return math.sqrt(max(0.0, float(np.var(effects, ddof=1)) - float(np.mean(variances))))


def fit_logit(data: pd.DataFrame, name: str, surprises: pd.DataFrame | None = None,
              params: AnalysisParams = DEFAULT_PARAMS, shock_before: int | None = None) -> YearLogit:
    """Fit the model ``name`` of :data:`SPECS` on the rows of ``data`` with an outcome and every feature.

    ``data`` has the feature columns, ``year`` and ``met`` (1.0 / 0.0). ``surprises``
    (:func:`~shenyang_analysis.model.target_features.common_surprises`) gives the panel's
    estimate of the year shock, from usable years before ``shock_before`` (all when ``None``);
    models with a shock term need it. A feature that does not vary in ``data`` (every target
    has a projection, say) carries no information: its coefficient is 0 and its standard error NaN.
    """
    spec = SPECS[name]
    rows = data.dropna(subset=[*spec.features, "met", "year"])
    if len(rows) < 10 * (len(spec.features) + 1):
        raise ModelError(f"{name}: {len(rows)} targets with an outcome are too few to fit {len(spec.features)} coefficient(s)")
    y = rows["met"].to_numpy(float)
    varying = tuple(f for f in spec.features if rows[f].nunique() > 1)
    x, names, levels = _design(rows, varying, spec.fixed_effects)
    plain = _fit(y, x, None, name)
    clustered = _fit(y, x, rows["year"].to_numpy(int), name) if len(levels) >= 5 else None
    params_ = {f: 0.0 for f in spec.features} | dict(zip(names, np.asarray(plain.params, float)))
    cov = np.asarray((clustered or plain).cov_params(), float)
    se = {f: math.nan for f in spec.features} | dict(zip(names, np.sqrt(np.diag(cov))))
    if spec.fixed_effects:
        effects = np.array([params_[f"year_{y}"] for y in levels])
        variances = np.diag(np.asarray(plain.cov_params(), float))[len(varying):]
        intercept, tau = float(effects.mean()), _tau_direct(effects, variances)
        block = np.asarray(plain.cov_params(), float)[len(varying):, len(varying):]
        se["const"] = math.sqrt(float(block.sum())) / len(levels)  # the mean of the year effects
        year_effects = {int(y): float(e) for y, e in zip(levels, effects)}
    else:
        intercept, tau, year_effects = float(params_["const"]), 0.0, {}
    sd, n_years = shock_sd_points(surprises, shock_before) if surprises is not None else (math.nan, 0)
    shock_logit = margin_slope(rows, sd) if spec.shock and not math.isnan(sd) else math.nan
    if spec.shock and math.isnan(shock_logit) and tau == 0.0:
        raise ModelError(f"{name}: no estimate of the year shock (fewer than 2 usable panel years and no spread of year effects)")
    return YearLogit(
        name=name, features=spec.features, coef={f: params_[f] for f in spec.features},
        se={f: se[f] for f in spec.features} | {"intercept": se.get("const", math.nan)}, intercept=intercept,
        year_effects=year_effects, tau_direct=tau, shock_sd=sd, shock_years=n_years, shock_logit=shock_logit,
        shock=spec.shock,
        n=int(len(rows)), n_met=int(y.sum()), years=tuple(int(v) for v in levels),
        se_type="clustered by year" if clustered is not None else "model-based", z_clip=params.target_z_clip,
        interval=params.shock_interval,
        ranges={f: (float(rows[f].quantile(0.01)), float(rows[f].quantile(0.99)))
                for f in (*spec.features, "target_pct") if f in rows},
    )


#: what one unit of each feature is, for the coefficient table
MEANINGS: dict[str, str] = {
    "ambition": "per point of target above last year's growth",
    "recent_growth": "per point of last year's growth (at equal ambition)",
    "above": "target worded 以上 (X% or more) rather than plain/左右",
    "province_gap": "per point of target above the province's target",
    "projection_z": "per predictive scale unit the projection lies above the target",
    "has_projection": "a projection exists (enough consecutive years of history)",
    "target_pct": "per point of target",
}


def coefficient_table(m: YearLogit) -> pd.DataFrame:
    """The model's coefficients (log-odds), their standard errors, odds ratios and what one unit means.

    >>> m = YearLogit("x", ("above",), {"above": 0.7}, {"above": 0.2, "intercept": 0.1}, 1.0, {}, 0.0, 1.0, 10,
    ...               0.5, False, 100, 80, (2003, 2004), "model-based", 4.0, 0.9)
    >>> coefficient_table(m)[["feature", "coef", "odds_ratio"]].round(3).values.tolist()
    [['above', 0.7, 2.014], ['intercept', 1.0, 2.718]]
    """
    rows = [{"feature": f, "coef": m.coef[f], "se": m.se.get(f, math.nan), "odds_ratio": math.exp(m.coef[f]),
             "meaning": MEANINGS.get(f, "")} for f in m.features]
    label = "mean of the year effects" if m.year_effects else "constant"
    rows.append({"feature": "intercept", "coef": m.intercept, "se": m.se.get("intercept", math.nan),
                 "odds_ratio": math.exp(m.intercept), "meaning": label})
    return pd.DataFrame(rows)

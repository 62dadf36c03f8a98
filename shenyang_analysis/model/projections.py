"""Project one annual series to a target year, with prediction intervals, using statsmodels.

Models (:data:`MODELS`), each fitted on the *fit scale*: ``log(values)`` when ``scale="log"``
(levels that must stay positive), the values themselves when ``scale="level"`` (shares, rates):

* ``drift`` — random walk with drift, closed form: the drift is the mean of the differences,
  the h-step forecast variance ``sigma² · h · (1 + h/(n − 1))`` (Hyndman & Athanasopoulos,
  *fpp3* §5.5; ``n`` points, ``sigma²`` the variance of the differences). The predictive
  distribution is Student t with ``n − 2`` degrees of freedom, the exact small-sample law of
  the forecast error of a Gaussian random walk with drift (the normal law of fpp3 is its large-n
  limit, and too narrow on windows of 6 to 10 points);
* ``loglinear`` — OLS of the value on the year, intervals from ``get_prediction`` (observation
  intervals, Student t with ``n − 2`` degrees of freedom, as statsmodels computes them);
* ``holt`` / ``holt_damped`` — ``ETSModel(error="add", trend="add", damped_trend=False/True)``,
  intervals from ``get_prediction(...).summary_frame(alpha=...)`` (exact normal intervals);
* ``theta`` — ``ThetaModel(deseasonalize=False)``, the h-step scale from
  ``prediction_intervals``, with the residual variance of the theta forecasts' own in-sample
  one-step errors (``n − 3`` divisor) and Student t bands with ``n − 3`` degrees of freedom.

* ``drift_recent`` — exponentially weighted, damped drift: the growth (mean difference on the
  fit scale) is the weighted mean of the differences with weight ``recent_weight ** age``
  (0.5: the last difference counts half, the one before a quarter, …) and the step ``k``
  years ahead adds ``growth · recent_damping ** k`` (0.9), so that growth decays toward zero
  (the cumulative growth is bounded by ``9 × growth``: a model for horizons of a few years, as
  backtested, not for long-range extrapolation). Exact geometric growth ``g`` is forecast as
  ``y_T + g · (φ + φ² + … + φ^h)``;
* ``drift_blend`` — the equal-weight mean of the ``drift`` and ``drift_recent`` point forecasts
  (long-run and recent growth), a hedge between the two.

Both new models take their intervals from the series' **own in-sample multi-step errors**
(:func:`insample_errors`): the same point method is re-run from every earlier origin of the
training series (``calibration_min_points``, 2, points on) and its errors ``e`` at horizons
``h = 1..calibration_horizon`` (5) are collected; the
predictive law at horizon ``h`` is Student t with scale ``c · h``, ``c² = mean((e / h)²)``, and
``N − 1`` degrees of freedom (``N`` errors). The scale grows linearly in ``h`` because errors in
growth persist. No data after the last observed year is used, so in a rolling-origin backtest
the calibration of a case never sees the values it is scored on (no leakage), and nothing is
estimated on other series. The two weights above (0.5, 0.9) are fixed constants, chosen on the
city GDP panel backtest (see ``benchmarks/forecast_accuracy.py`` and the README), not fitted.

Every constant of a model, and the tolerance of ``~`` and ``==`` in :meth:`Forecast.prob`, is a
field of the :class:`~shenyang_analysis.config.AnalysisParams` given to :func:`fit_forecast`
(``recent_weight``, ``recent_damping``, ``calibration_horizon``, ``calibration_min_points``,
``tolerance``); the forecast keeps the tolerance it was made with.

``combination`` is the equal-weight mean of the models that fitted (the mean of their point
forecasts on the fit scale: on the log scale the geometric mean of their medians, which is not
exactly the mixture's median). Its intervals are quantiles of the equal-weight *mixture* of the
components' predictive distributions on the fit scale, found numerically (``brentq`` on the
mixture CDF, bracketed by the smallest and largest component quantile, between which the
mixture quantile always lies).

On the log scale every quantile maps back through ``exp`` exactly; the point forecast
``mean`` is then the predictive *median* on the original scale (``exp`` of the fit-scale
location), not its mean. Every :class:`Forecast` satisfies
``lower95 <= lower80 <= mean <= upper80 <= upper95``.

>>> import pandas as pd
>>> s = pd.Series([100.0, 110.0, 121.0, 133.1], index=[2018, 2019, 2020, 2021])
>>> f = fit_forecast(s, 2023, "drift")
>>> f.years, [round(float(v), 2) for v in f.mean]
((2022, 2023), [146.41, 161.05])
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams

__all__ = [
    "MODELS",
    "MIN_POINTS",
    "COMPARATORS",
    "Forecast",
    "ModelError",
    "fit_forecast",
    "forecast_all",
    "combine",
    "choose_scale",
    "check_series",
    "insample_errors",
]

MODELS: tuple[str, ...] = ("drift", "loglinear", "holt", "holt_damped", "theta", "drift_recent", "drift_blend")
MIN_POINTS: dict[str, int] = {"drift": 3, "loglinear": 3, "holt": 4, "holt_damped": 5, "theta": 4,
                              "drift_recent": 4, "drift_blend": 4}
COMPARATORS: tuple[str, ...] = (">=", "<=", "~", "==")
SCALES: tuple[str, ...] = ("log", "level")
# measures (see indicators.ALLOWED_MEASURES) that are positive quantities growing multiplicatively
POSITIVE_MEASURES: frozenset[str] = frozenset({"level", "count", "flow"})
_PROBS = {"lower95": 0.025, "lower80": 0.10, "upper80": 0.90, "upper95": 0.975}


class ModelError(RuntimeError):
    """A model that cannot be fitted to this series or does not converge (the reason is the message)."""


# ---------------------------------------------------------------------------------------------
# predictive distributions: location-scale normal (df = inf) or Student t


def _cdf(x: float, loc: np.ndarray, sd: np.ndarray, df: np.ndarray) -> np.ndarray:
    """P(V <= x) for each component; a component with ``sd == 0`` is a point mass at ``loc``."""
    from scipy import special

    loc, sd, df = np.broadcast_arrays(np.asarray(loc, float), np.asarray(sd, float), np.asarray(df, float))
    out = np.where(x >= loc, 1.0, 0.0)
    pos = sd > 0
    if pos.any():
        z = (x - loc[pos]) / sd[pos]
        d = df[pos]
        out[pos] = np.where(np.isinf(d), special.ndtr(z), special.stdtr(np.where(np.isinf(d), 1.0, d), z))
    return out


def _ppf(p: float, loc: np.ndarray, sd: np.ndarray, df: np.ndarray) -> np.ndarray:
    """The ``p`` quantile of each component."""
    from scipy import special

    loc, sd, df = np.broadcast_arrays(np.asarray(loc, float), np.asarray(sd, float), np.asarray(df, float))
    z = np.where(np.isinf(df), special.ndtri(p), special.stdtrit(np.where(np.isinf(df), 1.0, df), p))
    return loc + sd * z


def _mixture_ppf(p: float, loc: np.ndarray, sd: np.ndarray, df: np.ndarray) -> float:
    """The ``p`` quantile of the equal-weight mixture of the components (``brentq`` on its CDF).

    >>> round(_mixture_ppf(0.5, np.array([0.0, 2.0]), np.array([1.0, 1.0]), np.array([np.inf, np.inf])), 9)
    1.0
    """
    from scipy import optimize

    q = _ppf(p, loc, sd, df)
    a, b = float(q.min()), float(q.max())
    if not b > a:
        return a
    f = lambda x: float(_cdf(x, loc, sd, df).mean()) - p  # noqa: E731
    fa, fb = f(a), f(b)
    if fa >= 0:
        return a
    if fb <= 0:
        return b
    return float(optimize.brentq(f, a, b, xtol=1e-12 * max(1.0, abs(a), abs(b)), rtol=1e-12))


# ---------------------------------------------------------------------------------------------
# the result


@dataclass(frozen=True, eq=False)
class Forecast:
    """One model's projection of a series for each year after ``last_year`` up to the target year.

    ``mean`` and the interval bounds are on the original scale (``mean`` is the predictive
    median when ``scale == "log"``). ``loc``/``sd`` describe the predictive distribution on the
    fit scale (log or level) for each year: normal when ``df`` is infinite, else Student t with
    ``df`` degrees of freedom and scale ``sd`` (drift, loglinear, theta, drift_recent, drift_blend). For the combination ``loc`` and
    ``sd`` are the mixture's mean and standard deviation (its components treated as normal, a
    summary only); its intervals and :meth:`prob` use the component distributions kept in
    ``components`` (the component :class:`Forecast` objects).
    """

    model: str
    scale: str
    last_year: int
    years: tuple[int, ...]
    mean: np.ndarray
    lower80: np.ndarray
    upper80: np.ndarray
    lower95: np.ndarray
    upper95: np.ndarray
    loc: np.ndarray
    sd: np.ndarray
    components: tuple = ()
    df: np.ndarray | None = None
    #: relative tolerance of ``~`` and ``==`` in :meth:`prob` (``AnalysisParams.tolerance`` of the fit)
    tolerance: float = DEFAULT_PARAMS.tolerance

    def _index(self, year: int) -> int:
        try:
            return self.years.index(int(year))
        except ValueError:
            raise ValueError(f"{self.model}: no forecast for {year} (years {self.years[0]}–{self.years[-1]})") from None

    def at(self, year: int) -> dict[str, float]:
        """Projection and interval bounds for one year.

        >>> import pandas as pd
        >>> f = fit_forecast(pd.Series([1.0, 2.0, 4.0, 8.0], index=range(2000, 2004)), 2005, "drift")
        >>> {k: round(v, 6) for k, v in f.at(2005).items() if k in ("projection", "lower80")}
        {'projection': 32.0, 'lower80': 32.0}
        """
        i = self._index(year)
        return {
            "projection": float(self.mean[i]),
            "lower80": float(self.lower80[i]),
            "upper80": float(self.upper80[i]),
            "lower95": float(self.lower95[i]),
            "upper95": float(self.upper95[i]),
        }

    def _dists(self, i: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(loc, sd, df) of the component distributions on the fit scale in year index ``i``."""
        parts = self.components or (self,)
        loc = np.array([c.loc[i] for c in parts], float)
        sd = np.array([c.sd[i] for c in parts], float)
        df = np.array([np.inf if c.df is None else c.df[i] for c in parts], float)
        return loc, sd, df

    def prob(self, threshold: float, comparator: str, year: int) -> float:
        """Probability that the value in ``year`` meets ``threshold``, from the predictive distribution.

        ``">="``: P(value >= threshold); ``"<="``: P(value <= threshold); ``"~"`` and ``"=="``:
        P(|value − threshold| <= ``tolerance`` × |threshold|), the tolerance of the parameters the
        forecast was fitted with (2 % by default). Computed on the fit scale (the log of the
        threshold on the log scale, where a threshold <= 0 gives 1.0 for ``">="`` and 0.0
        otherwise); for the combination, the equal-weight mixture of its components.

        >>> import pandas as pd
        >>> f = fit_forecast(pd.Series([1.0, 2.0, 4.0, 8.0], index=range(2000, 2004)), 2005, "drift")
        >>> [round(f.prob(t, c, 2005), 6) for t, c in ((30.0, ">="), (30.0, "<="), (-1.0, ">="), (32.0, "~"))]
        [1.0, 0.0, 1.0, 1.0]
        """
        if comparator not in COMPARATORS:
            raise ValueError(f"comparator {comparator!r} is not one of {COMPARATORS}")
        threshold = float(threshold)
        if not math.isfinite(threshold):
            raise ValueError(f"threshold must be finite, got {threshold}")
        i = self._index(year)
        if comparator in (">=", "<="):
            lo, hi = (threshold, math.inf) if comparator == ">=" else (-math.inf, threshold)
        else:
            lo, hi = threshold - self.tolerance * abs(threshold), threshold + self.tolerance * abs(threshold)
        if self.scale == "log":
            if hi <= 0:  # the value is positive: never at or below a non-positive bound
                return 0.0
            lo = math.log(lo) if lo > 0 else -math.inf
            hi = math.log(hi) if math.isfinite(hi) else math.inf
        loc, sd, df = self._dists(i)
        p_hi = _cdf(hi, loc, sd, df) if math.isfinite(hi) else np.ones_like(loc)
        if math.isfinite(lo):
            # P(V >= lo) includes a point mass at lo
            p_lo = np.where(sd > 0, _cdf(lo, loc, sd, df), (loc < lo).astype(float))
        else:
            p_lo = np.zeros_like(loc)
        return float(np.clip(np.mean(p_hi - p_lo), 0.0, 1.0))


# ---------------------------------------------------------------------------------------------
# inputs


def check_series(series: pd.Series) -> pd.Series:
    """The series as floats indexed by int year, or ValueError (unsorted, duplicated, missing years).

    >>> check_series(pd.Series([1.0, 2.0, 3.0], index=[2001, 2002, 2004]))
    Traceback (most recent call last):
    ...
    ValueError: series has gaps: missing years 2003
    """
    if not isinstance(series, pd.Series):
        raise ValueError(f"expected a pandas Series indexed by year, got {type(series).__name__}")
    if len(series) == 0:
        raise ValueError("series is empty")
    try:
        years = np.asarray(series.index, dtype=float)
    except (TypeError, ValueError):
        raise ValueError("series index must be integer years") from None
    if not np.all(np.isfinite(years)) or not np.all(years == np.round(years)):
        raise ValueError("series index must be integer years")
    years = years.astype(int)
    if np.any(np.diff(years) <= 0):
        raise ValueError("series index must be sorted increasing with no repeated year")
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    bad = years[~np.isfinite(values)]
    if len(bad):
        raise ValueError(f"series has missing or non-finite values in years {', '.join(map(str, bad))}")
    missing = sorted(set(range(years[0], years[-1] + 1)) - set(years.tolist()))
    if missing:
        raise ValueError(f"series has gaps: missing years {', '.join(map(str, missing))}")
    return pd.Series(values, index=pd.Index(years, dtype="int64", name=series.index.name), name=series.name)


def choose_scale(values: Sequence[float] | np.ndarray | pd.Series, measure: str) -> str:
    """``"log"`` for a positive quantity (measure level, count or flow, every value > 0), else ``"level"``.

    Shares, rates and growth figures are modelled on their own scale.

    >>> choose_scale([120.0, 131.5], "level"), choose_scale([2.1, 2.4], "share"), choose_scale([0.0, 3.0], "count")
    ('log', 'level', 'level')
    """
    v = np.asarray(values, dtype=float)
    if measure in POSITIVE_MEASURES and len(v) and np.all(np.isfinite(v)) and np.all(v > 0):
        return "log"
    return "level"


# ---------------------------------------------------------------------------------------------
# the models: each returns (loc, sd, df, bands) on the fit scale for h = 1..steps


def _bands(loc: np.ndarray, sd: np.ndarray, df: np.ndarray) -> dict[str, np.ndarray]:
    return {k: _ppf(p, loc, sd, df) for k, p in _PROBS.items()}


def _fit_drift(y: np.ndarray, steps: int):
    n = len(y)
    d = np.diff(y)
    h = np.arange(1, steps + 1, dtype=float)
    sigma = float(np.std(d, ddof=1))
    loc = y[-1] + d.mean() * h
    sd = sigma * np.sqrt(h * (1.0 + h / (n - 1)))
    df = np.full(steps, float(n - 2))
    return loc, sd, df, _bands(loc, sd, df)


def _fit_loglinear(y: np.ndarray, steps: int):
    import statsmodels.api as sm

    n = len(y)
    t = np.arange(n, dtype=float) - (n - 1)
    res = sm.OLS(y, sm.add_constant(t)).fit()
    tf = np.arange(1, steps + 1, dtype=float)
    pred = res.get_prediction(sm.add_constant(tf, has_constant="add"))
    f80, f95 = pred.summary_frame(alpha=0.20), pred.summary_frame(alpha=0.05)
    loc = f80["mean"].to_numpy(float)
    sd = np.asarray(pred.se_obs, float)
    df = np.full(steps, float(res.df_resid))
    bands = {
        "lower80": f80["obs_ci_lower"].to_numpy(float),
        "upper80": f80["obs_ci_upper"].to_numpy(float),
        "lower95": f95["obs_ci_lower"].to_numpy(float),
        "upper95": f95["obs_ci_upper"].to_numpy(float),
    }
    return loc, sd, df, bands


def _fit_ets(y: np.ndarray, steps: int, damped: bool):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    n = len(y)
    res = ETSModel(pd.Series(y), error="add", trend="add", damped_trend=damped).fit(disp=False, maxiter=1000)
    info = res.mle_retvals or {}
    if not info.get("converged", True) or info.get("warnflag", 0):
        raise ModelError(f"ETS fit did not converge (warnflag {info.get('warnflag')}, "
                         f"{info.get('iterations', '?')} iterations)")
    pred = res.get_prediction(start=n, end=n + steps - 1)
    f80, f95 = pred.summary_frame(alpha=0.20), pred.summary_frame(alpha=0.05)
    loc = f80["mean"].to_numpy(float)
    sd = np.sqrt(np.asarray(pred.var_pred_mean, float))
    df = np.full(steps, np.inf)
    bands = {
        "lower80": f80["pi_lower"].to_numpy(float),
        "upper80": f80["pi_upper"].to_numpy(float),
        "lower95": f95["pi_lower"].to_numpy(float),
        "upper95": f95["pi_upper"].to_numpy(float),
    }
    return loc, sd, df, bands


def _fit_theta(y: np.ndarray, steps: int):
    """Theta method (θ = 2): statsmodels' ThetaModel for the point forecasts and intervals.

    The residual variance is the mean squared in-sample one-step error of the fitted theta
    forecasts (divided by ``n − 3``: ``n − 1`` errors, two parameters) rather than statsmodels'
    default, a separate ARIMA(0,1,1) fit that often fails to converge on short annual series and
    is about 20 times slower; it goes back into ``ThetaModelResults`` so that
    ``prediction_intervals`` computes the h-step scale. The bands are Student t quantiles with
    ``n − 3`` degrees of freedom on that scale (normal in statsmodels).
    """
    from scipy import special

    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.forecasting.theta import ThetaModel, ThetaModelResults

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        fit = ThetaModel(pd.Series(y), deseasonalize=False).fit()
    if any(issubclass(w.category, ConvergenceWarning) for w in caught):
        raise ModelError("theta: the exponential smoothing fit did not converge")
    b0, alpha = (float(v) for v in fit.params)
    if not (0.0 < alpha <= 1.0) or not math.isfinite(b0):
        raise ModelError(f"theta: invalid parameters (alpha {alpha}, b0 {b0})")
    level, errors = float(y[0]), []
    for t in range(1, len(y)):  # the theta forecast of y[t] from y[:t]: SES level + half the trend
        errors.append(y[t] - level - 0.5 * b0 * (1.0 - (1.0 - alpha) ** t) / alpha)
        level = alpha * y[t] + (1.0 - alpha) * level
    sigma2 = float(np.sum(np.square(errors)) / (len(errors) - 2))
    res = ThetaModelResults(b0, alpha, sigma2, level, np.empty(0), False, fit.model)
    loc = res.forecast(steps).to_numpy(float)
    p95 = res.prediction_intervals(steps, alpha=0.05)
    # statsmodels' normal bands give the scale; with a variance estimated from n − 1 errors and
    # two fitted parameters the predictive law is taken as Student t with n − 3 df
    sd = (p95["upper"].to_numpy(float) - p95["lower"].to_numpy(float)) / (2 * special.ndtri(0.975))
    df = np.full(steps, float(len(y) - 3))
    return loc, sd, df, _bands(loc, sd, df)


def _recent_point(y: np.ndarray, steps: int, weight: float = DEFAULT_PARAMS.recent_weight,
                  damping: float = DEFAULT_PARAMS.recent_damping) -> np.ndarray:
    """drift_recent point forecasts on the fit scale for h = 1..steps (needs at least 2 points).

    >>> _recent_point(np.array([0.0, 1.0, 3.0]), 2, weight=0.5, damping=1.0).round(4).tolist()
    [4.6667, 6.3333]
    """
    d = np.diff(y)
    w = weight ** np.arange(len(d) - 1, -1, -1, dtype=float)
    g = float(np.dot(w, d) / w.sum())
    return y[-1] + g * np.cumsum(damping ** np.arange(1, steps + 1, dtype=float))


def _drift_point(y: np.ndarray, steps: int) -> np.ndarray:
    return y[-1] + (y[-1] - y[0]) / (len(y) - 1) * np.arange(1, steps + 1, dtype=float)


def _blend_point(y: np.ndarray, steps: int, weight: float = DEFAULT_PARAMS.recent_weight,
                 damping: float = DEFAULT_PARAMS.recent_damping) -> np.ndarray:
    return 0.5 * (_drift_point(y, steps) + _recent_point(y, steps, weight, damping))


def insample_errors(point, y: np.ndarray, horizon: int = DEFAULT_PARAMS.calibration_horizon,
                    min_points: int = DEFAULT_PARAMS.calibration_min_points) -> tuple[np.ndarray, np.ndarray]:
    """``(h, error)`` of ``point`` re-run from every in-sample origin of ``y`` (``min_points`` points on).

    ``point(y[:k], steps)`` gives the forecasts for h = 1..steps; each origin ``k`` is scored at
    the horizons ``1..min(horizon, len(y) − k)``. Only ``y`` is used (no look-ahead).

    >>> h, e = insample_errors(_drift_point, np.array([0.0, 1.0, 3.0, 4.0]))
    >>> h.tolist(), e.tolist()
    ([1, 2, 1], [1.0, 1.0, -0.5])
    """
    hs: list[int] = []
    es: list[float] = []
    for k in range(min_points, len(y)):
        steps = min(horizon, len(y) - k)
        f = point(y[:k], steps)
        hs += range(1, steps + 1)
        es += list(y[k:k + steps] - f)
    return np.asarray(hs, dtype=int), np.asarray(es, dtype=float)


def _fit_calibrated(point, y: np.ndarray, steps: int, params: AnalysisParams = DEFAULT_PARAMS):
    """Point forecasts from ``point`` (with the parameters' ``recent_weight`` and ``recent_damping``);
    Student t intervals scaled by the in-sample multi-step errors.

    Scale at horizon h: ``c · h`` with ``c² = mean((e / h)²)`` over the in-sample errors
    (:func:`insample_errors`, up to ``calibration_horizon`` from ``calibration_min_points`` points
    on), ``N − 1`` degrees of freedom for ``N`` errors.
    """
    def point_p(y_: np.ndarray, steps_: int) -> np.ndarray:
        return point(y_, steps_, params.recent_weight, params.recent_damping)

    h_in, e_in = insample_errors(point_p, y, params.calibration_horizon, params.calibration_min_points)
    if len(e_in) < 2:
        raise ModelError(f"needs at least 2 in-sample errors for its intervals, got {len(e_in)}")
    c = math.sqrt(float(np.mean(np.square(e_in / h_in))))
    loc = point_p(y, steps)
    sd = c * np.arange(1, steps + 1, dtype=float)
    df = np.full(steps, float(len(e_in) - 1))
    return loc, sd, df, _bands(loc, sd, df)


_FITTERS = {
    "drift": _fit_drift,
    "loglinear": _fit_loglinear,
    "holt": lambda y, s: _fit_ets(y, s, damped=False),
    "holt_damped": lambda y, s: _fit_ets(y, s, damped=True),
    "theta": _fit_theta,
    "drift_recent": lambda y, s, p: _fit_calibrated(_recent_point, y, s, p),
    "drift_blend": lambda y, s, p: _fit_calibrated(_blend_point, y, s, p),
}
#: the models whose fit reads parameters (the others take the series and the number of steps only)
_PARAMETRISED = frozenset({"drift_recent", "drift_blend"})


# ---------------------------------------------------------------------------------------------
# assembling forecasts


def _to_original(x: np.ndarray, scale: str) -> np.ndarray:
    with np.errstate(over="ignore"):
        return np.exp(x) if scale == "log" else np.asarray(x, float)


def _ordered(mean: np.ndarray, bands: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Bands forced into ``lower95 <= lower80 <= mean <= upper80 <= upper95`` (removes rounding noise)."""
    lo80 = np.minimum(bands["lower80"], mean)
    up80 = np.maximum(bands["upper80"], mean)
    return {
        "lower80": lo80,
        "upper80": up80,
        "lower95": np.minimum(bands["lower95"], lo80),
        "upper95": np.maximum(bands["upper95"], up80),
    }


def _assemble(model: str, scale: str, last_year: int, years: tuple[int, ...], loc, sd, df, bands,
              components: tuple = (), tolerance: float = DEFAULT_PARAMS.tolerance) -> Forecast:
    arrays = [np.asarray(a, float) for a in (loc, sd, *bands.values())]
    if df is not None:
        arrays.append(np.asarray(df, float)[~np.isinf(np.asarray(df, float))])
    if any(a.shape[0] != len(years) for a in arrays[:2]) or not all(np.all(np.isfinite(a)) for a in arrays):
        raise ModelError(f"{model}: non-finite forecast or interval")
    if np.any(np.asarray(sd) < 0) or (df is not None and np.any(np.asarray(df, float) <= 0)):
        raise ModelError(f"{model}: invalid predictive distribution (negative scale or degrees of freedom)")
    mean = _to_original(np.asarray(loc, float), scale)
    out = _ordered(mean, {k: _to_original(v, scale) for k, v in bands.items()})
    if not all(np.all(np.isfinite(a)) for a in (mean, *out.values())):
        raise ModelError(f"{model}: forecast overflows on the original scale")
    return Forecast(
        model=model, scale=scale, last_year=last_year, years=years, mean=mean,
        lower80=out["lower80"], upper80=out["upper80"], lower95=out["lower95"], upper95=out["upper95"],
        loc=np.asarray(loc, float), sd=np.asarray(sd, float), components=components,
        df=None if df is None else np.asarray(df, float), tolerance=float(tolerance),
    )


def _prepare(series: pd.Series, target_year: int, scale: str) -> tuple[np.ndarray, int, tuple[int, ...]]:
    if scale not in SCALES:
        raise ValueError(f"scale {scale!r} is not one of {SCALES}")
    s = check_series(series)
    last_year = int(s.index[-1])
    if int(target_year) <= last_year:
        raise ValueError(f"target year {target_year} is not after the last observed year {last_year}")
    values = s.to_numpy(float)
    if scale == "log":
        if np.any(values <= 0):
            raise ValueError("scale 'log' needs every value > 0 (use scale='level')")
        values = np.log(values)
    return values, last_year, tuple(range(last_year + 1, int(target_year) + 1))


def _fit_prepared(y: np.ndarray, last_year: int, years: tuple[int, ...], model: str, scale: str,
                  params: AnalysisParams = DEFAULT_PARAMS) -> Forecast:
    from statsmodels.tools.sm_exceptions import ConvergenceWarning, EstimationWarning, ValueWarning

    if model not in _FITTERS:
        raise ValueError(f"unknown model {model!r}; expected one of {MODELS + ('combination',)}")
    need = MIN_POINTS[model]
    if len(y) < need:
        raise ModelError(f"{model} needs at least {need} points, got {len(y)}")
    with warnings.catch_warnings():
        for category in (ConvergenceWarning, ValueWarning, EstimationWarning, RuntimeWarning):
            warnings.simplefilter("ignore", category)
        try:
            fitter = _FITTERS[model]
            loc, sd, df, bands = fitter(y, len(years), params) if model in _PARAMETRISED else fitter(y, len(years))
        except ModelError as exc:
            raise ModelError(f"{model}: {exc}" if not str(exc).startswith(model) else str(exc)) from None
        except (ValueError, np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError) as exc:
            raise ModelError(f"{model}: cannot be fitted ({exc})") from exc
    return _assemble(model, scale, last_year, years, loc, sd, df, bands, tolerance=params.tolerance)


def combine(forecasts: Sequence[Forecast]) -> Forecast:
    """The equal-weight combination of forecasts of one series (same scale and years; at least 2).

    Point forecast: the mean of the components' point forecasts on the fit scale. Intervals:
    quantiles of the equal-weight mixture of the components' predictive distributions on the fit
    scale (normal or Student t), found with ``brentq`` on the mixture CDF, then mapped back.

    >>> import pandas as pd
    >>> s = pd.Series([100.0, 108.0, 119.0, 127.0, 140.0, 149.0], index=range(2016, 2022))
    >>> c = combine([fit_forecast(s, 2023, "drift"), fit_forecast(s, 2023, "loglinear")])
    >>> c.model, [m.model for m in c.components], bool(c.lower80[1] < c.mean[1] < c.upper80[1])
    ('combination', ['drift', 'loglinear'], True)
    """
    parts = tuple(forecasts)
    if len(parts) < 2:
        raise ModelError(f"combination needs at least 2 fitted models, got {len(parts)}"
                         + (f" ({parts[0].model})" if parts else ""))
    first = parts[0]
    if any(p.scale != first.scale or p.years != first.years or p.last_year != first.last_year for p in parts):
        raise ValueError("forecasts to combine must share scale, last year and years")
    locs = np.vstack([p.loc for p in parts])
    sds = np.vstack([p.sd for p in parts])
    dfs = np.vstack([np.full(len(first.years), np.inf) if p.df is None else p.df for p in parts])
    loc = locs.mean(axis=0)
    sd = np.sqrt((sds**2).mean(axis=0) + locs.var(axis=0))
    bands = {
        k: np.array([_mixture_ppf(p, locs[:, i], sds[:, i], dfs[:, i]) for i in range(len(first.years))])
        for k, p in _PROBS.items()
    }
    return _assemble("combination", first.scale, first.last_year, first.years, loc, sd, None, bands,
                     components=parts, tolerance=first.tolerance)


def fit_forecast(series: pd.Series, target_year: int, model: str, scale: str = "log",
                 params: AnalysisParams = DEFAULT_PARAMS) -> Forecast:
    """Fit one model to an annual series (int years, no gaps) and forecast each year up to ``target_year``.

    ``model`` is one of :data:`MODELS` or ``"combination"`` (all of :data:`MODELS` that fit);
    ``params`` gives the models' constants (``recent_weight``, ``recent_damping``,
    ``calibration_horizon``, ``calibration_min_points``) and the tolerance of :meth:`Forecast.prob`.
    Raises :class:`ModelError` when the model cannot be fitted (too few points — see
    :data:`MIN_POINTS` — no convergence, a non-finite result); never returns NaN.

    >>> import pandas as pd
    >>> s = pd.Series([2.0, 2.2, 2.3, 2.6], index=[2018, 2019, 2020, 2021])
    >>> f = fit_forecast(s, 2025, "loglinear", scale="level")
    >>> round(f.at(2025)["projection"], 2)
    3.32
    >>> fit_forecast(s, 2025, "holt_damped", scale="level")
    Traceback (most recent call last):
    ...
    shenyang_analysis.model.projections.ModelError: holt_damped needs at least 5 points, got 4
    """
    if model == "combination":
        fitted, failures = forecast_all(series, target_year, MODELS + ("combination",), scale, params)
        if "combination" not in fitted:
            raise ModelError(failures["combination"])
        return fitted["combination"]
    y, last_year, years = _prepare(series, target_year, scale)
    return _fit_prepared(y, last_year, years, model, scale, params)


def forecast_all(
    series: pd.Series,
    target_year: int,
    models: Sequence[str] = MODELS + ("combination",),
    scale: str = "log",
    params: AnalysisParams = DEFAULT_PARAMS,
) -> tuple[dict[str, Forecast], dict[str, str]]:
    """Every requested model that fits, and ``{model: reason}`` for those left out.

    ``"combination"`` combines the other requested models that fitted (needs at least 2);
    ``params`` as in :func:`fit_forecast`. Invalid input (gaps, a non-positive value on the log scale, a past target year) raises
    ValueError for the whole call.

    >>> import pandas as pd
    >>> s = pd.Series([100.0, 104.0, 109.0], index=[2019, 2020, 2021])
    >>> fitted, failed = forecast_all(s, 2025)
    >>> sorted(fitted), sorted(failed)
    (['combination', 'drift', 'loglinear'], ['drift_blend', 'drift_recent', 'holt', 'holt_damped', 'theta'])
    >>> failed["holt"]
    'holt needs at least 4 points, got 3'
    """
    unknown = [m for m in models if m not in _FITTERS and m != "combination"]
    if unknown:
        raise ValueError(f"unknown model(s) {unknown}; expected some of {MODELS + ('combination',)}")
    y, last_year, years = _prepare(series, target_year, scale)
    fitted: dict[str, Forecast] = {}
    failures: dict[str, str] = {}
    for m in models:
        if m == "combination":
            continue
        try:
            fitted[m] = _fit_prepared(y, last_year, years, m, scale, params)
        except ModelError as exc:
            failures[m] = str(exc)
    if "combination" in models:
        try:
            fitted["combination"] = combine([fitted[m] for m in models if m in fitted])
        except ModelError as exc:
            failures["combination"] = str(exc)
    return fitted, failures

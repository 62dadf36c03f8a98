"""Predictive distributions that combine two uncertainties, by simulation; forecasts in other prices.

:class:`SimulatedForecast` holds draws of the value in each projected year and offers the
interface of every projection of the package (``model``, ``last_year``, ``years``, ``mean``,
``at``, ``prob``). :func:`forecast_draws` draws from any projection (a statsmodels-based
:class:`~shenyang_analysis.model.projections.Forecast`, a reference class, a simulated one);
:func:`reprice` turns a forecast made at constant prices into current prices with a price path.
Draws come from ``numpy.random.default_rng(AnalysisParams.random_seed)``: the same inputs give
the same probabilities.

>>> rng = np.random.default_rng(0)
>>> f = SimulatedForecast("demo", 2020, (2021,), {2021: rng.normal(100.0, 10.0, 20000)})
>>> round(f.prob(100.0, ">=", 2021), 1), f.at(2021)["lower95"] < f.at(2021)["projection"] < f.at(2021)["upper95"]
(0.5, True)
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..config import DEFAULT_PARAMS
from .projections import Forecast

__all__ = ["SimulatedForecast", "forecast_draws", "reprice", "QUANTILES"]

QUANTILES = {"lower95": 2.5, "lower80": 10.0, "projection": 50.0, "upper80": 90.0, "upper95": 97.5}


@dataclass(frozen=True, eq=False)
class SimulatedForecast:
    """Draws of the value in each year after ``last_year``; ``details`` says what was combined."""

    model: str
    last_year: int
    years: tuple[int, ...]
    draws: dict[int, np.ndarray]
    tolerance: float = DEFAULT_PARAMS.tolerance
    details: dict[str, Any] = field(default_factory=dict)

    def _d(self, year: int) -> np.ndarray:
        if int(year) not in self.draws:
            raise ValueError(f"{self.model}: no projection for {year} (years {self.years[0]}–{self.years[-1]})")
        return self.draws[int(year)]

    def at(self, year: int) -> dict[str, float]:
        """Median and 80 %/95 % bounds (percentiles of the draws)."""
        d = self._d(year)
        return {k: float(np.percentile(d, p)) for k, p in QUANTILES.items()}

    @property
    def mean(self) -> np.ndarray:
        return np.array([self.at(y)["projection"] for y in self.years])

    def prob(self, threshold: float, comparator: str, year: int) -> float:
        """Share of draws meeting ``threshold`` under ``comparator`` (``~``/``==``: within the tolerance)."""
        d, t = self._d(year), float(threshold)
        if comparator == ">=":
            return float(np.mean(d >= t))
        if comparator in ("<=", "<"):
            return float(np.mean(d <= t) if comparator == "<=" else np.mean(d < t))
        if comparator in ("~", "=="):
            return float(np.mean(np.abs(d - t) <= self.tolerance * abs(t)))
        raise ValueError(f"comparator {comparator!r} is not one of >=, <=, <, ~, ==")


def _t_draws(rng: np.random.Generator, loc: float, sd: float, df: float, n: int) -> np.ndarray:
    z = rng.standard_normal(n) if not math.isfinite(df) else rng.standard_t(df, n)
    return loc + sd * z


def forecast_draws(forecast: Any, year: int, rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` draws of the value in ``year`` from any projection of the package (original scale)."""
    if isinstance(forecast, SimulatedForecast):
        return rng.choice(forecast.draws[int(year)], size=n, replace=True)
    if isinstance(forecast, Forecast):
        i = forecast.years.index(int(year))
        parts = forecast.components or (forecast,)
        pick = rng.integers(0, len(parts), n) if len(parts) > 1 else np.zeros(n, dtype=int)
        out = np.empty(n)
        for j, c in enumerate(parts):
            m = pick == j
            df = math.inf if c.df is None else float(c.df[i])
            out[m] = _t_draws(rng, float(c.loc[i]), float(c.sd[i]), df, int(m.sum()))
        return np.exp(out) if forecast.scale == "log" else out
    if hasattr(forecast, "quantile_draws"):
        return forecast.quantile_draws(year, rng, n)
    raise TypeError(f"cannot draw from a {type(forecast).__name__}")


def reprice(forecast: Forecast, factors: dict[int, float], model: str | None = None) -> Forecast:
    """A forecast at constant prices of its last year turned into current prices.

    ``factors[y]`` is the price level of ``y`` relative to the last year (P_y / P_last); on the
    log scale the location shifts by ``log factor``, on the original scale every bound is
    multiplied by it.
    """
    f = np.array([factors[y] for y in forecast.years], dtype=float)
    if forecast.scale != "log":
        raise ValueError("reprice needs a forecast on the log scale (a positive money level)")
    comps = tuple(reprice(c, factors) for c in forecast.components)
    return dataclasses.replace(
        forecast, model=model or forecast.model, mean=forecast.mean * f, lower80=forecast.lower80 * f,
        upper80=forecast.upper80 * f, lower95=forecast.lower95 * f, upper95=forecast.upper95 * f,
        loc=forecast.loc + np.log(f), components=comps,
    )

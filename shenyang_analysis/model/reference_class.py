"""The reference-class projection: a level grows the way Chinese cities' nominal GDP grew.

When a money series is too short for a statistical model of its own (a district's GDP known
for two years, a cluster's output for one), the outside view is the honest projection: take
the baseline and let it grow over ``k`` years at the compound rates that prefecture-level
cities actually achieved over ``k``-year windows (the committed percentile table
``data/raw/history/panel_cagr_quantiles.csv``; by default the ``recent`` sample, windows
ending 2015 or later, when China's growth had already slowed). The predictive distribution of
the level in ``baseline_year + k`` is ``baseline · (1 + g/100)^k`` with ``g`` drawn from those
CAGRs, so its quantiles are the table's percentiles pushed through that formula and
the probability of reaching a target is the share of city-periods at or above the required
CAGR (:func:`shenyang_analysis.history.share_at_or_above`).

The object has the same small interface as a statistical forecast
(:class:`shenyang_analysis.model.projections.Forecast`): ``model``, ``last_year``, ``years``,
``mean``, the interval bounds, :meth:`ReferenceClassForecast.at` and
:meth:`ReferenceClassForecast.prob`.

>>> f = reference_class_forecast(2024, 1.0e12, 2025)
>>> b = f.at(2025)
>>> b["lower95"] <= b["lower80"] <= b["projection"] <= b["upper80"] <= b["upper95"]
True
>>> 0.0 < f.prob(1.1e12, ">=", 2025) < 0.5
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS
from ..growth import cagr
from ..history.panels import PERCENTILES, load_panel_cagr_quantiles, pcol, share_at_or_above

__all__ = ["ReferenceClassForecast", "reference_class_forecast", "MAX_K", "QUANTILES"]

MAX_K = 10  # the table holds windows of 1..10 years
QUANTILES = {"lower95": 2.5, "lower80": 10.0, "projection": 50.0, "upper80": 90.0, "upper95": 97.5}
TOLERANCE = DEFAULT_PARAMS.tolerance  # "~" and "==": within 2% of the threshold


def _percentile(q: np.ndarray, p: float) -> float:
    """The ``p``-th percentile (0-100) from the 101 stored percentiles, linear in between."""
    return float(np.interp(p, np.asarray(PERCENTILES, dtype=float), q))


@dataclass(frozen=True)
class ReferenceClassForecast:
    """Levels in the years after ``last_year`` implied by the panel's k-year CAGR percentiles."""

    baseline_year: int
    baseline: float
    years: tuple[int, ...]
    sample: str
    table: pd.DataFrame
    model: str = "reference class"

    @property
    def last_year(self) -> int:
        return self.baseline_year

    def _q(self, year: int) -> np.ndarray:
        k = int(year) - self.baseline_year
        if int(year) not in self.years:
            raise ValueError(f"{self.model}: no projection for {year} (years {self.years[0]}–{self.years[-1]})")
        row = self.table[(self.table["sample"] == self.sample) & (self.table["k"] == k)]
        return row[[pcol(p) for p in PERCENTILES]].iloc[0].to_numpy(dtype=float)

    def at(self, year: int) -> dict[str, float]:
        """Median and 80%/95% bounds of the level in ``year``.

        >>> f = reference_class_forecast(2020, 100.0, 2022)
        >>> round(f.at(2022)["projection"], 4) == round(100 * (1 + f.cagr_percentile(50, 2022) / 100) ** 2, 4)
        True
        """
        q = self._q(year)
        k = int(year) - self.baseline_year
        return {name: self.baseline * (1 + _percentile(q, p) / 100) ** k for name, p in QUANTILES.items()}

    def cagr_percentile(self, p: float, year: int) -> float:
        """The ``p``-th percentile (%) of the k-year CAGR behind the projection for ``year``."""
        return _percentile(self._q(year), p)

    @property
    def mean(self) -> np.ndarray:
        return np.array([self.at(y)["projection"] for y in self.years])

    def prob(self, threshold: float, comparator: str, year: int) -> float:
        """Probability that the level in ``year`` meets ``threshold`` under ``comparator``.

        >>> f = reference_class_forecast(2020, 100.0, 2021)
        >>> round(f.prob(50.0, ">=", 2021) + f.prob(50.0, "<=", 2021), 6), f.prob(-1.0, ">=", 2021)
        (1.0, 1.0)
        """
        k = int(year) - self.baseline_year
        self._q(year)

        def share_above(x: float) -> float:
            if x <= 0:
                return 1.0
            return share_at_or_above(cagr(self.baseline, x, k), k, recent=self.sample == "recent", table=self.table)

        threshold = float(threshold)
        if comparator == ">=":
            return share_above(threshold)
        if comparator == "<=":
            return 1.0 - share_above(threshold)
        if comparator in ("~", "=="):
            lo, hi = threshold - TOLERANCE * abs(threshold), threshold + TOLERANCE * abs(threshold)
            return max(0.0, share_above(lo) - share_above(hi))
        raise ValueError(f"comparator {comparator!r} is not one of ['>=', '<=', '~', '==']")


def reference_class_forecast(
    baseline_year: int, baseline: float, target_year: int, recent: bool = True, table: pd.DataFrame | None = None
) -> ReferenceClassForecast:
    """The reference-class projection of a positive level from ``baseline_year`` to ``target_year``.

    ``recent`` (default) uses windows ending 2015 or later. Raises ValueError when the level
    is not positive or the horizon is not 1..10 years.

    >>> reference_class_forecast(2020, 100.0, 2035)
    Traceback (most recent call last):
    ...
    ValueError: reference class: horizon 15 years is outside 1..10 (the panel's window lengths)
    """
    k = int(target_year) - int(baseline_year)
    if not 1 <= k <= MAX_K:
        raise ValueError(f"reference class: horizon {k} years is outside 1..{MAX_K} (the panel's window lengths)")
    if not (math.isfinite(baseline) and baseline > 0):
        raise ValueError(f"reference class: the baseline must be a positive level, got {baseline}")
    t = load_panel_cagr_quantiles() if table is None else table
    years = tuple(range(int(baseline_year) + 1, int(target_year) + 1))
    return ReferenceClassForecast(int(baseline_year), float(baseline), years, "recent" if recent else "all", t)

"""The reference-class projection: a level grows the way comparable cities' GDP grew.

When a money series is too short for a statistical model of its own (a cluster's output
known for one year), the outside view is the honest projection: take the baseline and let it
grow over ``k`` years at the **real** compound rates that prefecture-level cities achieved over
``k``-year windows (``data/raw/history/panel_real_growth_quantiles.csv``), then put it in
current prices with the price path (the implicit GDP deflator, or the stated assumption for
years without one). The sample is ``AnalysisParams.reference_class``: ``northeast`` (recent
windows of Liaoning, Jilin and Heilongjiang cities: the region's own recent experience),
``recent`` (all cities, windows ending 2015 or later) or ``all``; a sample with fewer than
``AnalysisParams.reference_min_windows`` windows of the length needed falls back to ``recent``
and says so. The predictive distribution of the level in ``baseline_year + k`` is
``baseline · (1 + g/100)^k · P_k`` with ``g`` drawn from those CAGRs, so its quantiles are the
table's percentiles pushed through that formula and the probability of reaching a target is
the share of city-periods at or above the required real CAGR
(:func:`shenyang_analysis.history.panels.share_at_or_above`, which reads any table of this format).

Without ``price_factors`` the nominal table (``panel_cagr_quantiles.csv``: nominal CAGRs,
the outside view's table) is used as it is.

>>> f = reference_class_forecast(2024, 1.0e12, 2025, price_factors={2025: 1.0})
>>> b = f.at(2025)
>>> b["lower95"] <= b["lower80"] <= b["projection"] <= b["upper80"] <= b["upper95"]
True
>>> 0.0 < f.prob(1.05e12, ">=", 2025) < 0.5, f.sample
(True, 'northeast')
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS
from ..growth import cagr
from ..history.panels import PERCENTILES, load_panel_cagr_quantiles, pcol, share_at_or_above
from ..history.reference_tables import load_real_growth_quantiles

__all__ = ["ReferenceClassForecast", "reference_class_forecast", "MAX_K", "QUANTILES", "sample_for"]

MAX_K = 10  # the table holds windows of 1..10 years
QUANTILES = {"lower95": 2.5, "lower80": 10.0, "projection": 50.0, "upper80": 90.0, "upper95": 97.5}


def _percentile(q: np.ndarray, p: float) -> float:
    """The ``p``-th percentile (0-100) from the 101 stored percentiles, linear in between."""
    return float(np.interp(p, np.asarray(PERCENTILES, dtype=float), q))


def sample_for(table: pd.DataFrame, sample: str, k: int, min_windows: int) -> tuple[str, str]:
    """The sample to use for windows of ``k`` years, and a note when it had to fall back to ``recent``.

    >>> sample_for(load_real_growth_quantiles(), "northeast", 8, 30)
    ('recent', 'northeast has 10 windows of 8 years (fewer than 30): recent windows of all cities used')
    """
    row = table[(table["sample"] == sample) & (table["k"] == int(k))]
    n = int(row["n"].iloc[0]) if len(row) else 0
    if n >= min_windows or sample == "recent":
        return sample, ""
    return "recent", f"{sample} has {n} windows of {k} years (fewer than {min_windows}): recent windows of all cities used"


@dataclass(frozen=True)
class ReferenceClassForecast:
    """Levels in the years after ``last_year`` implied by the class's k-year CAGR percentiles."""

    baseline_year: int
    baseline: float
    years: tuple[int, ...]
    sample: str
    table: pd.DataFrame
    price_factors: Mapping[int, float] = field(default_factory=dict)
    note: str = ""
    model: str = "reference class"
    #: relative tolerance of ``~`` and ``==`` in :meth:`prob` (``AnalysisParams.tolerance``)
    tolerance: float = DEFAULT_PARAMS.tolerance

    @property
    def last_year(self) -> int:
        return self.baseline_year

    @property
    def real(self) -> bool:
        return bool(self.price_factors)

    def _q(self, year: int) -> np.ndarray:
        k = int(year) - self.baseline_year
        if int(year) not in self.years:
            raise ValueError(f"{self.model}: no projection for {year} (years {self.years[0]}–{self.years[-1]})")
        row = self.table[(self.table["sample"] == self.sample) & (self.table["k"] == k)]
        return row[[pcol(p) for p in PERCENTILES]].iloc[0].to_numpy(dtype=float)

    def _price(self, year: int) -> float:
        return float(self.price_factors.get(int(year), 1.0)) if self.real else 1.0

    def at(self, year: int) -> dict[str, float]:
        """Median and 80%/95% bounds of the level in ``year``.

        >>> f = reference_class_forecast(2020, 100.0, 2022, price_factors={2021: 1.0, 2022: 1.0})
        >>> round(f.at(2022)["projection"], 4) == round(100 * (1 + f.cagr_percentile(50, 2022) / 100) ** 2, 4)
        True
        """
        q = self._q(year)
        k = int(year) - self.baseline_year
        p = self._price(year)
        return {name: self.baseline * (1 + _percentile(q, pct) / 100) ** k * p for name, pct in QUANTILES.items()}

    def cagr_percentile(self, p: float, year: int) -> float:
        """The ``p``-th percentile (%) of the k-year CAGR behind the projection for ``year``."""
        return _percentile(self._q(year), p)

    @property
    def mean(self) -> np.ndarray:
        return np.array([self.at(y)["projection"] for y in self.years])

    def quantile_draws(self, year: int, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` draws of the level in ``year`` (inverse transform of the stored percentiles)."""
        q = self._q(year)
        k = int(year) - self.baseline_year
        g = np.interp(rng.uniform(0, 100, n), np.asarray(PERCENTILES, dtype=float), q)
        return self.baseline * (1 + g / 100) ** k * self._price(year)

    def prob(self, threshold: float, comparator: str, year: int) -> float:
        """Probability that the level in ``year`` meets ``threshold`` under ``comparator``.

        >>> f = reference_class_forecast(2020, 100.0, 2021, price_factors={2021: 1.0})
        >>> round(f.prob(50.0, ">=", 2021) + f.prob(50.0, "<=", 2021), 6), f.prob(-1.0, ">=", 2021)
        (1.0, 1.0)
        """
        k = int(year) - self.baseline_year
        self._q(year)
        start = self.baseline * self._price(year)

        def share_above(x: float) -> float:
            if x <= 0:
                return 1.0
            return share_at_or_above(cagr(start, x, k), k, recent=self.sample, table=self.table)

        threshold = float(threshold)
        if comparator == ">=":
            return share_above(threshold)
        if comparator in ("<=", "<"):
            return 1.0 - share_above(threshold)
        if comparator in ("~", "=="):
            lo, hi = threshold - self.tolerance * abs(threshold), threshold + self.tolerance * abs(threshold)
            return max(0.0, share_above(lo) - share_above(hi))
        raise ValueError(f"comparator {comparator!r} is not one of ['>=', '<=', '<', '~', '==']")


def reference_class_forecast(
    baseline_year: int, baseline: float, target_year: int, sample: str | bool = DEFAULT_PARAMS.reference_class,
    table: pd.DataFrame | None = None, price_factors: Mapping[int, float] | None = None,
    min_windows: int = DEFAULT_PARAMS.reference_min_windows, tolerance: float = DEFAULT_PARAMS.tolerance,
) -> ReferenceClassForecast:
    """The reference-class projection of a positive level from ``baseline_year`` to ``target_year``.

    With ``price_factors`` (P_y / P_baseline for each projected year) the class's real growth
    rates are used and repriced; without, the nominal table (``sample`` True/False still
    means recent/all there). Raises ValueError when the level is not positive or the horizon
    is not 1..10 years.

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
    if isinstance(sample, bool):
        sample = "recent" if sample else "all"
    real = price_factors is not None
    t = table if table is not None else (load_real_growth_quantiles() if real else load_panel_cagr_quantiles())
    used, note = sample_for(t, sample, k, min_windows)
    years = tuple(range(int(baseline_year) + 1, int(target_year) + 1))
    kind = "real GDP growth" if real else "nominal GDP growth"
    label = f"{used} cities' {kind} over {k}-year windows" + (f" ({note})" if note else "")
    return ReferenceClassForecast(int(baseline_year), float(baseline), years, used, t, dict(price_factors or {}), label,
                                  tolerance=float(tolerance))

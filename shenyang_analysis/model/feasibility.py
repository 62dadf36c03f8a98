"""Judge targets: required versus historical growth, progress classes, probabilities, statuses.

The formulas (pure functions; the assessment table is assembled from them):

* **Required growth.** For a level (GDP, yuan, counts) the compound annual growth rate that
  takes the baseline to the target, in percent a year:
  ``100 * ((target / baseline) ** (1 / (target_year - baseline_year)) - 1)``. For a share or a
  rate (percent) the change in percentage points a year: ``(target - baseline) / years``. For a
  growth-rate target (增长8%) the target itself, to be compared with historical growth rates.
* **Historical growth.** The same measure over the last five years of history (or the longest
  span available, at least one year).
* **Progress class** (the Eurostat / Statistics Canada "actual versus required growth" method):
  ratio = historical / required; ``>= 0.95`` on track, ``0.60–0.95`` acceleration needed,
  ``0–0.60`` limited progress, ``< 0`` deterioration (moving away); a target the baseline
  already meets is ``currently meets`` (not settled: only the target year's figure settles it).
* **Status** from the probability of meeting the target (from the projection's predictive
  distribution), in the calibrated language of the IPCC: ``on track`` (p ≥ 0.90), ``likely``
  (0.66 ≤ p < 0.90), ``uncertain`` (0.33 ≤ p < 0.66), ``unlikely`` (0.10 ≤ p < 0.33), ``off
  track`` (p < 0.10), ``insufficient data`` (fewer than three observations, or no projection).
  The statuses of settled outcomes and of a baseline that already meets the target are given
  by :mod:`shenyang_analysis.model.assess`.

>>> round(required_cagr(1000.0, 2020, 1500.0, 2025), 3)
8.447
>>> progress_class(historical=6.0, required=8.447)
'acceleration needed'
>>> status_from_probability(0.7)
'likely'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS
from ..growth import cagr, points_per_year

__all__ = [
    "STATUS_THRESHOLDS", "PROGRESS_THRESHOLDS", "required_cagr", "required_pp_per_year", "required_growth",
    "historical_growth", "growth_ratio", "progress_class", "is_met", "status_from_probability", "brier_score",
    "growth_paths",
]

# the defaults (their one home is shenyang_analysis.config.AnalysisParams)
STATUS_THRESHOLDS = DEFAULT_PARAMS.status_thresholds
PROGRESS_THRESHOLDS = DEFAULT_PARAMS.progress_thresholds


def required_cagr(baseline: float, baseline_year: int, target: float, target_year: int) -> float:
    """Compound annual growth (percent a year) that takes ``baseline`` to ``target``.

    >>> round(required_cagr(100.0, 2020, 121.0, 2022), 6)
    10.0
    """
    years = target_year - baseline_year
    if years <= 0:
        raise ValueError(f"target year {target_year} is not after the baseline year {baseline_year}")
    if baseline <= 0 or target <= 0:
        raise ValueError(f"a CAGR needs positive levels (baseline {baseline}, target {target})")
    return cagr(baseline, target, years)


def required_pp_per_year(baseline: float, baseline_year: int, target: float, target_year: int) -> float:
    """Percentage points a year that take a share from ``baseline`` to ``target``.

    >>> required_pp_per_year(3.2, 2020, 3.5, 2025)
    0.06
    """
    years = target_year - baseline_year
    if years <= 0:
        raise ValueError(f"target year {target_year} is not after the baseline year {baseline_year}")
    return points_per_year(baseline, target, years)


def required_growth(measure: str, baseline: float, baseline_year: int, target: float, target_year: int) -> float:
    """Required growth for a ``level`` (CAGR, %/year), a ``share`` (pp/year) or a ``growth`` target (itself)."""
    if measure == "level":
        return required_cagr(baseline, baseline_year, target, target_year)
    if measure == "share":
        return required_pp_per_year(baseline, baseline_year, target, target_year)
    if measure == "growth":
        return float(target)
    raise ValueError(f"unknown measure {measure!r} (level, share or growth)")


def historical_growth(series: pd.Series, measure: str, window: int = DEFAULT_PARAMS.historical_window) -> float:
    """Growth the history delivered over its last ``window`` years (or the longest span available).

    ``series`` is indexed by year. Levels give a CAGR in percent a year, shares percentage points
    a year, growth-rate series the mean rate over the window.

    >>> s = pd.Series([100.0, 110.0, 121.0], index=[2018, 2019, 2020])
    >>> round(historical_growth(s, "level"), 6)
    10.0
    """
    s = series.dropna().sort_index()
    if measure == "growth":
        if s.empty:
            raise ValueError("no history")
        return float(s[s.index >= s.index[-1] - window + 1].mean())
    if len(s) < 2:
        raise ValueError("historical growth needs at least two observations")
    last_year = int(s.index[-1])
    earlier = s[s.index <= last_year - 1]
    start_candidates = earlier[earlier.index >= last_year - window]
    start = start_candidates if len(start_candidates) else earlier
    y0, v0 = int(start.index[0]), float(start.iloc[0])
    if measure == "level":
        return required_cagr(v0, y0, float(s.iloc[-1]), last_year)
    if measure == "share":
        return required_pp_per_year(v0, y0, float(s.iloc[-1]), last_year)
    raise ValueError(f"unknown measure {measure!r} (level, share or growth)")


def growth_ratio(historical: float, required: float) -> float | None:
    """Actual over required growth; ``None`` when nothing is required (required == 0).

    >>> growth_ratio(5.0, 10.0)
    0.5
    """
    if required == 0 or not math.isfinite(required) or not math.isfinite(historical):
        return None
    return historical / required


def progress_class(
    historical: float, required: float, already_met: bool = False,
    thresholds: tuple[tuple[float, str], ...] = PROGRESS_THRESHOLDS,
) -> str:
    """Eurostat / Statistics Canada class of actual versus required growth.

    A decline required (a ``<=`` target) works the same way: both rates are negative and the
    ratio is positive when history moves the right way.

    >>> [progress_class(h, 10.0) for h in (12.0, 9.5, 7.0, 3.0, -1.0)]
    ['on track', 'on track', 'acceleration needed', 'limited progress', 'deterioration']
    >>> progress_class(-2.0, -1.0)
    'on track'
    >>> progress_class(1.0, 5.0, already_met=True)
    'currently meets'
    """
    if already_met:
        return "currently meets"
    ratio = growth_ratio(historical, required)
    if ratio is None:
        return "currently meets" if required == 0 else "insufficient data"
    if ratio < 0:
        return "deterioration"
    for bound, label in thresholds:
        if ratio >= bound:
            return label
    return "deterioration"  # pragma: no cover - the last bound is 0


def is_met(
    value: float, target: float, comparator: str, target_high: float | None = None,
    tolerance: float = DEFAULT_PARAMS.tolerance,
) -> bool:
    """Whether an observed ``value`` meets the target under its comparator.

    ``>=``/``<=``/``<`` as written; ``~`` within ``tolerance`` (relative) of the target; ``==`` the
    same as ``~`` for a single value, or inside [target, target_high] for a range.

    >>> is_met(1520.0, 1500.0, ">="), is_met(3.4, 3.5, ">="), is_met(3.7, 3.8, "<="), is_met(3.8, 3.8, "<")
    (True, False, True, False)
    """
    if comparator == ">=":
        return value >= target
    if comparator == "<=":
        return value <= target
    if comparator == "<":
        return value < target
    if target_high is not None and not pd.isna(target_high):
        return target <= value <= target_high
    return abs(value - target) <= tolerance * abs(target)


def status_from_probability(
    prob: float | None, achieved: bool = False, n_obs: int | None = None,
    thresholds: tuple[tuple[float, str], ...] = STATUS_THRESHOLDS, min_obs: int = DEFAULT_PARAMS.min_obs_for_status,
) -> str:
    """Status in words from the probability of meeting the target (thresholds in the module docstring).

    >>> [status_from_probability(p) for p in (0.95, 0.7, 0.5, 0.2, 0.05)]
    ['on track', 'likely', 'uncertain', 'unlikely', 'off track']
    >>> status_from_probability(None), status_from_probability(0.99, n_obs=2), status_from_probability(0.1, achieved=True)
    ('insufficient data', 'insufficient data', 'currently meets')
    """
    if achieved:
        return "currently meets"
    if prob is None or (isinstance(prob, float) and math.isnan(prob)) or (n_obs is not None and n_obs < min_obs):
        return "insufficient data"
    if not 0.0 <= prob <= 1.0:
        raise ValueError(f"probability {prob} is not in [0, 1]")
    for bound, label in thresholds:
        if prob >= bound:
            return label
    return "off track"  # pragma: no cover


def brier_score(probs: Sequence[float], outcomes: Sequence[bool]) -> float:
    """Mean squared difference between forecast probabilities and 0/1 outcomes (0 is perfect).

    >>> brier_score([1.0, 0.0], [True, False]), brier_score([0.5, 0.5], [True, False])
    (0.0, 0.25)
    """
    p = np.asarray(probs, dtype=float)
    o = np.asarray(outcomes, dtype=float)
    if p.shape != o.shape or p.size == 0:
        raise ValueError("brier_score needs equally many probabilities and outcomes, at least one")
    return float(np.mean((p - o) ** 2))


def _path(measure: str, y0: int, v0: float, rate: float, years: list[int]) -> list[float]:
    if measure == "level":
        return [v0 * (1.0 + rate / 100.0) ** (y - y0) for y in years]
    return [v0 + rate * (y - y0) for y in years]


def growth_paths(
    measure: str,
    baseline_year: int,
    baseline_value: float,
    target_year: int,
    target_value: float,
    historical: float | None = None,
    projection: pd.Series | None = None,
    planned: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Paths from the baseline to the target year, one column each, for notebooks to plot.

    ``required`` (the growth the target needs), ``historical`` (history's rate continued),
    ``projected`` (a model's median, given as a Series by year) and one ``planned: <name>``
    column per growth rate the documents themselves plan (``planned={"7%": 7.0}``), all on the
    measure's own scale (CAGR for levels, percentage points for shares).

    >>> growth_paths("level", 2020, 100.0, 2022, 121.0, historical=5.0).round(2)
          required  historical
    year                      
    2020     100.0      100.00
    2021     110.0      105.00
    2022     121.0      110.25
    """
    years = list(range(baseline_year, target_year + 1))
    out = pd.DataFrame(index=pd.Index(years, name="year"))
    if measure == "growth":
        out["required"] = [float(target_value)] * len(years)
    else:
        rate = required_growth(measure, baseline_value, baseline_year, target_value, target_year)
        out["required"] = _path(measure, baseline_year, baseline_value, rate, years)
    if historical is not None and measure != "growth":
        out["historical"] = _path(measure, baseline_year, baseline_value, historical, years)
    if projection is not None:
        proj = projection.reindex(years)
        proj.loc[baseline_year] = baseline_value
        out["projected"] = proj.to_numpy(dtype=float)
    for name, rate in (planned or {}).items():
        if measure != "growth":
            out[f"planned: {name}"] = _path(measure, baseline_year, baseline_value, rate, years)
    return out

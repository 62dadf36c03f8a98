"""A rate with a short own history (R&D intensity) projected with borrowed strength.

The district's last figure ``v0`` moves by yearly changes (percentage points) drawn from a
**reference class**: the yearly changes of the same rate across China's provinces
(``province_rd_intensity.csv``, 2011–2023): the Northeast's (Liaoning, Jilin, Heilongjiang)
in recent years, or all provinces' recent changes when the Northeast has too few
(``AnalysisParams.reference_class``, ``reference_min_windows``). Two bases, both reported:

* ``parent series`` (when the parent city has two or more figures): the changes are centred
  on the parent's own yearly change (its trend), with the reference class's dispersion, plus
  the uncertainty of that trend (the class's spread over the parent's span);
* ``reference class``: the changes as the provinces had them.

The target-year value is ``v0 + Σ changes``, simulated (seeded); the probability of meeting
the target is the share of draws that do.

>>> ch = np.array([-0.1, 0.0, 0.05, 0.1, 0.2] * 10)
>>> f, alt = borrowed_rate_forecast(3.2, 2020, 2025, pd.Series({2019: 2.6, 2021: 3.0}), ch, "test class")
>>> f.details["basis"], alt.details["basis"], f.prob(3.5, ">=", 2025) > alt.prob(3.5, ">=", 2025)
('parent series', 'reference class', True)
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.reference_tables import NORTHEAST_NAMES, load_province_rd
from .simulated import SimulatedForecast

__all__ = ["RATE_CLASSES", "province_changes", "borrowed_rate_forecast"]

#: indicators with a reference class of provinces' yearly changes, and its loader
RATE_CLASSES = {"rd_intensity": load_province_rd}


def province_changes(indicator: str, sample: str, params: AnalysisParams = DEFAULT_PARAMS) -> tuple[np.ndarray, str]:
    """Yearly changes (percentage points) of the rate across provinces, and a label of the sample used.

    >>> v, label = province_changes("rd_intensity", "northeast")
    >>> len(v), label
    (27, 'yearly changes of R&D intensity in northeast provinces, 2015–2023 (27 province-years)')
    """
    t = RATE_CLASSES[indicator]().sort_values(["province", "year"])
    t["change"] = t.groupby("province")["rd_intensity_pct"].diff()
    t = t[t["change"].notna() & (t.groupby("province")["year"].diff() == 1)]
    picked = t if sample == "all" else t[t["year"] >= params.recent_from]
    used = sample
    if sample == "northeast":
        ne = picked[picked["province"].isin(NORTHEAST_NAMES)]
        if len(ne) >= params.reference_min_windows:
            picked = ne
        else:
            used = "recent"
    years = f"{int(picked['year'].min())}–{int(picked['year'].max())}"
    name = {"northeast": "northeast provinces", "recent": "all provinces", "all": "all provinces"}[used]
    return picked["change"].to_numpy(float), f"yearly changes of R&D intensity in {name}, {years} ({len(picked)} province-years)"


def _simulate(v0: float, h: int, changes: np.ndarray, center: float | None, center_sd: float,
              rng: np.random.Generator, n: int) -> np.ndarray:
    steps = rng.choice(changes, size=(n, h), replace=True)
    if center is None:
        return v0 + steps.sum(axis=1)
    shift = center + center_sd * rng.standard_normal(n)
    return v0 + (steps - changes.mean()).sum(axis=1) + h * shift


def borrowed_rate_forecast(v0: float, y0: int, target_year: int, parent: pd.Series, changes: np.ndarray, class_label: str,
                           params: AnalysisParams = DEFAULT_PARAMS) -> tuple[SimulatedForecast, SimulatedForecast | None]:
    """(headline, alternative): parent-centred when the parent has two figures (alternative: the
    reference class alone), else the reference class (no alternative)."""
    h = int(target_year) - int(y0)
    if h < 1 or len(changes) < 2:
        raise ValueError(f"borrowed rate: needs a horizon of a year or more and a reference class (h={h}, {len(changes)} changes)")
    rng = np.random.default_rng(params.random_seed)
    n = params.simulation_draws
    pure = SimulatedForecast("reference class", int(y0), (int(target_year),), {int(target_year): _simulate(v0, h, changes, None, 0.0, rng, n)},
                             params.tolerance, {"basis": "reference class", "class": class_label, "center_pp": round(float(changes.mean()), 4)})
    p = parent.dropna().sort_index()
    if len(p) < 2:
        return pure, None
    span = int(p.index[-1]) - int(p.index[0])
    center = (float(p.iloc[-1]) - float(p.iloc[0])) / span
    center_sd = float(changes.std(ddof=1)) / math.sqrt(span)
    draws = _simulate(v0, h, changes, center, center_sd, np.random.default_rng(params.random_seed), n)
    details = {"basis": "parent series", "class": class_label, "center_pp": round(center, 4),
               "parent_points": {int(k): float(v) for k, v in p.items()}}
    return SimulatedForecast("parent series", int(y0), (int(target_year),), {int(target_year): draws}, params.tolerance, details), pure

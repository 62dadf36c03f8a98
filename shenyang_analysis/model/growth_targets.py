"""The probability that a growth-rate target (增长8%以上) is met: one function, meant to be swapped.

:func:`prob_meet_growth_target` is the single place where a growth-rate target gets its
probability; the assessment calls nothing else for it, so a calibrated model (fitted on past
targets and their outcomes) can replace it without touching the rest. Today it projects the
region's own series of the rate with the default model (fallback model if that cannot be
fitted) when it has at least ``AnalysisParams.min_own_points`` consecutive years, and gives no
probability otherwise.

>>> import pandas as pd
>>> g = pd.Series([6.0, 5.5, 5.8, 5.2, 5.0], index=range(2019, 2024))
>>> r = prob_meet_growth_target(g, 5.5, ">=", 2025)
>>> r.model, 0.0 < r.prob < 0.5
('drift_recent', True)
>>> prob_meet_growth_target(g.iloc[-2:], 5.5, ">=", 2025).prob is None
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.series import trailing_run
from .projections import ModelError, fit_forecast

__all__ = ["GrowthTargetResult", "prob_meet_growth_target"]


@dataclass
class GrowthTargetResult:
    """The probability (None when there is none), the projection behind it, the model and notes."""

    prob: float | None
    forecast: Any = None
    model: str = ""
    notes: list[str] = field(default_factory=list)


def prob_meet_growth_target(series: pd.Series, target: float, comparator: str, year: int,
                            params: AnalysisParams = DEFAULT_PARAMS) -> GrowthTargetResult:
    """P(the growth rate of ``year`` meets ``target`` under ``comparator``) from the rate's own history."""
    run = trailing_run(series)
    if len(run) < params.min_own_points:
        return GrowthTargetResult(None, notes=[f"{len(run)} consecutive year(s) of the rate: too few for a projection"])
    notes: list[str] = []
    comp = "<=" if comparator == "<" else comparator
    for m in dict.fromkeys((params.model, params.fallback_model)):
        try:
            f = fit_forecast(run, year, m, scale="level", params=params)
        except (ModelError, ValueError) as exc:
            notes.append(f"{m} not fitted: {exc}")
            continue
        return GrowthTargetResult(float(f.prob(target, comp, year)), f, m, notes)
    return GrowthTargetResult(None, notes=notes)

"""Verdicts in words: an assessment row as a short paragraph.

>>> print(describe({"indicator_zh": "研发投入强度", "region": "tiexi", "comparator": ">=", "target_value": 3.5,
...     "unit": "percent", "year": 2025, "measure": "share", "baseline_year": None, "status": "insufficient data"}))
研发投入强度 (tiexi): the target is at least 3.5% in 2025. No figure from before the target year is known, so nothing can be projected. Status: insufficient data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["describe", "format_value"]


def _num(x: Any) -> float:
    return float("nan") if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


def format_value(value: float, unit: str) -> str:
    if unit == "yuan":
        if abs(value) >= 1e12:
            return f"{value / 1e12:.3g} trillion yuan ({value / 1e8:,.0f} 亿元)"
        return f"{value / 1e8:,.1f} 亿元"
    if unit == "percent":
        return f"{value:.3g}%"
    if unit == "count":
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.3g}"
    return f"{value:,.6g} {unit}"


def describe(row: Mapping[str, Any]) -> str:
    """A short paragraph in plain words from an assessment row.

    >>> print(describe({"indicator_zh": "地区生产总值", "region": "tiexi", "comparator": ">=", "target_value": 1.5e11,
    ...     "unit": "yuan", "year": 2025, "measure": "level", "baseline_year": 2024, "baseline_value": 1.3e11,
    ...     "required_growth": 15.38, "historical_growth": 4.08, "progress_class": "limited progress",
    ...     "model": "reference class", "projection": 1.4e11, "lower80": 1.31e11, "upper80": 1.49e11,
    ...     "prob_meet": 0.05, "status": "off track", "outcome": "missed", "outcome_value": 1.4e11,
    ...     "outcome_basis": "derived", "n_obs": 2}))  # doctest: +NORMALIZE_WHITESPACE
    地区生产总值 (tiexi): the target is at least 1,500.0 亿元 in 2025. From 1,300.0 亿元 in 2024 it needs 15.4% a year (CAGR);
    the last years gave 4.08% a year, a ratio of 0.27 (limited progress). The reference class puts 2025 at 1,400.0 亿元
    (80% interval 1,310.0 亿元 to 1,490.0 亿元); the probability of meeting the target is 5%. 2025 has been observed:
    1,400.0 亿元 (derived), so the target was missed. Status: off track.
    """
    unit, measure = str(row["unit"]), str(row.get("measure", "level"))
    comp = {">=": "at least", "<=": "at most", "~": "about", "==": ""}.get(str(row["comparator"]), "")
    name = f"{row.get('indicator_zh') or row.get('indicator')} ({row['region']})"
    parts = [f"{name}: the target is {comp + ' ' if comp else ''}{format_value(float(row['target_value']), unit)} in {int(row['year'])}."]
    by = row.get("baseline_year")
    if by is None or pd.isna(by):
        parts.append("No figure from before the target year is known, so nothing can be projected.")
    else:
        req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
        rate = {"level": "% a year (CAGR)", "share": " percentage points a year", "growth": "% (the target is a growth rate)"}[measure]
        need = f"it needs {req:.3g}{rate}" if math.isfinite(req) else "the required growth cannot be computed"
        least = "at least " if row.get("baseline_status") == "lower_bound" else ""
        parts.append(f"From {least}{format_value(float(row['baseline_value']), unit)} in {int(by)} {need};")
        if math.isfinite(hist):
            ratio = _num(row.get("growth_ratio")) if "growth_ratio" in row else (hist / req if req else float("nan"))
            hist_unit = {"level": "% a year", "share": " percentage points a year", "growth": "% on average"}[measure]
            tail = f", a ratio of {ratio:.2f} ({row['progress_class']})" if math.isfinite(ratio) else f" ({row['progress_class']})"
            parts.append(f"the last years gave {hist:.3g}{hist_unit}{tail}.")
        else:
            parts.append("one observation is too few to measure past growth.")
        proj = _num(row.get("projection"))
        if math.isfinite(proj):
            model = "The reference class" if row.get("model") == "reference class" else f"The {row.get('model')} model"
            parts.append(
                f"{model} puts {int(row['year'])} at {format_value(proj, unit)} (80% interval {format_value(float(row['lower80']), unit)} "
                f"to {format_value(float(row['upper80']), unit)}); the probability of meeting the target is {100 * float(row['prob_meet']):.0f}%."
            )
        else:
            parts.append(f"With {int(row.get('n_obs', 0))} observation(s) no projection is made.")
    if row.get("outcome") in ("met", "missed", "undetermined"):
        settled = {"met": "so the target was met", "missed": "so the target was missed",
                   "undetermined": "a lower bound that does not settle the outcome"}[str(row["outcome"])]
        parts.append(f"{int(row['year'])} has been observed: {format_value(float(row['outcome_value']), unit)} ({row.get('outcome_basis')}), {settled}.")
    parts.append(f"Status: {row['status']}.")
    return " ".join(parts)

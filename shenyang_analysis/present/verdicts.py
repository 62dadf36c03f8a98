"""Verdicts in words: an assessment row as a short paragraph.

>>> print(describe({"indicator_zh": "研发投入强度", "region": "tiexi", "comparator": ">=", "target_value": 3.5,
...     "unit": "percent", "year": 2025, "measure": "share", "baseline_year": None, "status": "insufficient data",
...     "status_reason": "no figure before the target year", "data_needed": "a figure of rd_intensity for tiexi before 2025"}))
研发投入强度 (tiexi): the target is at least 3.5% in 2025. No figure from before the target year is known, so nothing can be projected. Status: insufficient data (no figure before the target year; would be settled by a figure of rd_intensity for tiexi before 2025).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["describe", "format_value"]

_COMPARATOR_WORDS = {">=": "at least", "<=": "at most", "<": "below", "~": "about", "==": ""}
_BASIS_WORDS = {
    "own series": "The {model} model of the series itself",
    "share of parent": "Its share of the parent city (statsmodels trend) times the city's projection",
    "parent series": "The parent city's trend with a reference class of provinces' yearly changes",
    "reference class": "The reference class",
    "short series": "Its own trend with the variability pooled from the history's other counts",
}
_OUTCOME_WORDS = {
    "met": "the target was met", "missed": "the target was missed",
    "likely met": "the target was likely met (the figure rests on estimates or derivations)",
    "likely missed": "the target was likely missed (the figure rests on estimates or derivations)",
    "undetermined": "the figure is a bound that does not settle the outcome",
}


def _num(x: Any) -> float:
    return float("nan") if x is None or (isinstance(x, str) and not x.strip()) or pd.isna(x) else float(x)


def _text(x: Any) -> str:
    return "" if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else str(x)


def format_value(value: float, unit: str) -> str:
    if unit == "yuan":
        if abs(value) >= 1e12:
            return f"{value / 1e12:.3g} trillion yuan ({value / 1e8:,.0f} 亿元)"
        return f"{value / 1e8:,.1f} 亿元"
    if unit == "percent":
        return f"{value:.3g}%"
    if unit == "count":
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.3g}"
    if unit == "usd":
        return f"{value / 1e8:,.2f} 亿美元"
    if unit == "jin" and abs(value) >= 1e8:
        return f"{value / 1e8:,.2f} 亿斤"
    if unit in ("ton", "mu") and abs(value) >= 1e4:
        return f"{value / 1e4:,.2f} 万{'吨' if unit == 'ton' else '亩'}"
    return f"{value:,.6g} {unit}"


def _target_sentence(row: Mapping[str, Any], unit: str) -> str:
    comp = _COMPARATOR_WORDS.get(str(row["comparator"]), "")
    name = f"{row.get('indicator_zh') or row.get('indicator')} ({row['region']})"
    text = f"{name}: the target is {comp + ' ' if comp else ''}{format_value(float(row['target_value']), unit)} in {int(row['year'])}."
    judged = _text(row.get("judged_as"))
    if judged and judged != str(row["comparator"]):
        text += f" It is judged as {_COMPARATOR_WORDS.get(judged, judged)} {format_value(_num(row.get('judged_value')), _text(row.get('judged_unit')) or unit)}."
    elif _text(row.get("base_year")):
        text += f" Against {int(float(row['base_year']))}: {format_value(_num(row.get('judged_value')), unit)} a year."
    return text


def _growth_sentences(row: Mapping[str, Any], unit: str, measure: str) -> list[str]:
    req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
    rate = {"level": "% a year (CAGR)", "share": " percentage points a year", "growth": "% (the target is a growth rate)"}.get(measure, "")
    need = f"it needs {req:.3g}{rate}" if math.isfinite(req) else "the required growth cannot be computed"
    least = {"lower": "at least ", "upper": "at most "}.get(_text(row.get("baseline_bound")) or
                                                         ("lower" if row.get("baseline_status") == "lower_bound" else ""), "")
    parts = [f"From {least}{format_value(float(row['baseline_value']), unit)} in {int(row['baseline_year'])} {need};"]
    if math.isfinite(hist):
        ratio = _num(row.get("growth_ratio")) if "growth_ratio" in row else (hist / req if req else float("nan"))
        hist_unit = {"level": "% a year", "share": " percentage points a year", "growth": "% on average"}.get(measure, "")
        tail = f", a ratio of {ratio:.2f} ({row['progress_class']})" if math.isfinite(ratio) else f" ({row['progress_class']})"
        parts.append(f"the last years gave {hist:.3g}{hist_unit}{tail}.")
    else:
        parts.append("one observation is too few to measure past growth.")
    return parts


def _projection_sentence(row: Mapping[str, Any], unit: str) -> str:
    proj = _num(row.get("projection"))
    if not math.isfinite(proj):
        return f"With {int(row.get('n_obs', 0) or 0)} observation(s) no projection is made."
    basis = _text(row.get("basis")) or ("reference class" if row.get("model") == "reference class" else "own series")
    who = _BASIS_WORDS.get(basis, "The projection").format(model=row.get("model"))
    text = (f"{who} puts {int(row['year'])} at {format_value(proj, unit)} (80% interval {format_value(float(row['lower80']), unit)} "
            f"to {format_value(float(row['upper80']), unit)}); the probability of meeting the target is {100 * float(row['prob_meet']):.0f}%.")
    alt = _num(row.get("prob_meet_alt"))
    if math.isfinite(alt):
        text += f" On the alternative basis ({_text(row.get('alt_basis'))}) it would be {100 * alt:.0f}%."
    return text


def _outcome_sentence(row: Mapping[str, Any], unit: str) -> str:
    outcome, year = _text(row.get("outcome")), int(row["year"])
    if outcome == "overdue":
        until = _text(row.get("data_until"))
        return f"{year} has passed and no figure for it is known yet" + (
            f": the probability is as of the data to {int(float(until))}, not a live forecast." if until else ".")
    if outcome not in _OUTCOME_WORDS:
        return ""
    basis = _text(row.get("outcome_basis"))
    side = "below " if "upper bound" in basis else ("at least " if "lower bound" in basis else "")
    return (f"The figure for {year}: {side}{format_value(float(row['outcome_value']), unit)}"
            f"{' (' + basis + ')' if basis else ''}, so {_OUTCOME_WORDS[outcome]}.")


def describe(row: Mapping[str, Any]) -> str:
    """A short paragraph in plain words from an assessment row.

    >>> print(describe({"indicator_zh": "地区生产总值", "region": "tiexi", "comparator": ">=", "target_value": 1.5e11,
    ...     "unit": "yuan", "year": 2025, "measure": "level", "baseline_year": 2024, "baseline_value": 1.3e11,
    ...     "required_growth": 15.38, "historical_growth": 4.08, "progress_class": "limited progress", "basis": "share of parent",
    ...     "model": "share of parent", "projection": 1.4e11, "lower80": 1.31e11, "upper80": 1.49e11,
    ...     "prob_meet": 0.05, "status": "likely missed", "outcome": "likely missed", "outcome_value": 1.37e11,
    ...     "outcome_basis": "derived", "n_obs": 3, "price_sensitivity": "deflator -1%: likely missed",
    ...     "price_sensitive": False}))  # doctest: +NORMALIZE_WHITESPACE
    地区生产总值 (tiexi): the target is at least 1,500.0 亿元 in 2025. From 1,300.0 亿元 in 2024 it needs 15.4% a year (CAGR);
    the last years gave 4.08% a year, a ratio of 0.27 (limited progress). Its share of the parent city (statsmodels trend)
    times the city's projection puts 2025 at 1,400.0 亿元 (80% interval 1,310.0 亿元 to 1,490.0 亿元); the probability of
    meeting the target is 5%. The figure for 2025: 1,370.0 亿元 (derived), so the target was likely missed (the figure
    rests on estimates or derivations). Prices: deflator -1%: likely missed; the status does not change with prices.
    Status: likely missed.
    """
    unit, measure = str(row["unit"]), str(row.get("measure", "level") or "level")
    parts = [_target_sentence(row, unit)]
    by = row.get("baseline_year")
    if by is None or pd.isna(by):
        parts.append("No figure from before the target year is known, so nothing can be projected.")
    else:
        parts += _growth_sentences(row, unit, measure)
        parts.append(_projection_sentence(row, unit))
    parts.append(_outcome_sentence(row, unit))
    if _text(row.get("price_sensitivity")):
        changes = "changes" if bool(row.get("price_sensitive")) else "does not change"
        parts.append(f"Prices: {row['price_sensitivity']}; the status {changes} with prices.")
    status = f"Status: {row['status']}"
    if _text(row.get("status_reason")):
        status += f" ({row['status_reason']}" + (f"; would be settled by {row['data_needed']}" if _text(row.get("data_needed")) else "") + ")"
    parts.append(status + ".")
    return " ".join(p for p in parts if p)

"""How a target statement is read before it is judged: its bound, its period, its unit.

* **Bound.** ``>=`` (突破, 以上, 达到…以上) is a floor, ``<=`` (以内, 控制在) a ceiling, ``<``
  (逼近, 接近) strictly below. A bare figure (``==``) of an indicator with a direction in the
  catalog is read as a floor when higher is better and as a ceiling otherwise
  (``AnalysisParams.bare_as_bound``): a plan's 吸引17万名 is met by 18万.
* **Growth-rate targets** follow the one rule for "met" of
  :mod:`~shenyang_analysis.model.target_rule`, in the indicator's good direction (the catalog's,
  else a reduction's: a negative figure): a bare figure is a floor for a rate that should rise
  (增长10%: beating it is never a miss) and a ceiling for one that should fall (能耗下降15%);
  about (左右, ``~``; 接近, ``<``) allows a shortfall of ``tolerance`` of the figure and no limit
  in the good direction; a range counts from its less demanding end. The reading keeps the
  rule (:class:`GrowthRule`) for the outcome and the probability, and is judged as the
  rule's threshold and direction.
* **Base year.** 比2020年下降15% is a change over the years since the base year (the row's
  ``base_year`` when the target table has one, else 比YYYY年 in the quote); it is annualised,
  ``100·((1 + c/100)^(1/n) − 1)``, so that it compares with yearly rates (−15 % over five
  years is −3.2 % a year).
* **Flows** (new jobs, projects signed: the catalog's ``flow`` measure) in a five-year plan
  whose year ends a plan period (2020, 2025) are totals over that period (2021–2025); the
  same holds for the plan's own figures for 2020 (2016–2020). Elsewhere a flow is the year's.
* **Units** that convert exactly (jin and ton) are converted to the history's unit.

>>> r = read_target({"comparator": "==", "value": -15.0, "is_growth_rate": True, "year": 2025,
...                  "quote": "单位地区生产总值能源消耗比2020年下降15%", "unit": "percent"}, higher_is_better=False)
>>> r.comparator, round(r.value, 3), r.base_year, r.notes[0]
('<=', -3.198, 2020, 'a change of -15% from 2020 to 2025, annualised: -3.2% a year')
>>> a = read_target({"comparator": "~", "value": 7.0, "is_growth_rate": True, "year": 2025, "unit": "percent"}, True)
>>> a.comparator, a.value, a.growth_rule, a.notes[0]
('>=', 6.86, GrowthRule(figure=7.0, comparator='~', higher_is_better=True, high=None), 'about 7% read as at least 6.86% (a shortfall of 2% of the figure allowed; an overshoot is never a miss)')
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .target_rule import ABOUT_COMPARATORS, growth_target_threshold

__all__ = ["GrowthRule", "Reading", "read_target", "num_or_nan", "base_year_of", "annualise", "plan_period", "UNIT_CONVERSIONS",
           "convert"]

_BASE_YEAR = re.compile(r"(?:比|较|相比|与)\s*((?:19|20)\d{2})\s*年")
#: exact conversions between units (value in the first × factor = value in the second)
UNIT_CONVERSIONS: dict[tuple[str, str], float] = {("jin", "ton"): 0.0005, ("ton", "jin"): 2000.0}


@dataclass(frozen=True)
class GrowthRule:
    """A growth-rate target as the rule for "met" reads it: the figure (annualised when written
    against a base year), the comparator as stated, the good direction, a range's high end."""

    figure: float
    comparator: str
    higher_is_better: bool
    high: float | None = None


@dataclass
class Reading:
    """A target as it will be judged: comparator, value (and high end) in the history's unit, period."""

    comparator: str
    value: float
    high: float
    unit: str
    base_year: int | None = None
    period: tuple[int, int] | None = None  # a flow's period (first year, last year)
    notes: list[str] = field(default_factory=list)
    growth_rule: GrowthRule | None = None  # a growth-rate target: the rule its outcome and probability follow


def num_or_nan(x: Any) -> float:
    """A number, or nan for None / NA (a table cell that may be empty).

    >>> num_or_nan(None), num_or_nan("3.5")
    (nan, 3.5)
    """
    return float("nan") if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


def base_year_of(target: Mapping[str, Any]) -> int | None:
    """The base year of a change target: the ``base_year`` column, else 比YYYY年 in the quote.

    >>> base_year_of({"quote": "比2020年下降15%"}), base_year_of({"base_year": 2015, "quote": ""}), base_year_of({"quote": "增长8%"})
    (2020, 2015, None)
    """
    by = target.get("base_year")
    if by is not None and not pd.isna(by):
        return int(by)
    m = _BASE_YEAR.search(str(target.get("quote") or ""))
    return int(m.group(1)) if m else None


def annualise(change_pct: float, years: int) -> float:
    """A cumulative change (%) over ``years`` years as a yearly rate (%).

    >>> round(annualise(-15.0, 5), 4), annualise(21.0, 2)
    (-3.1981, 10.0)
    """
    if years <= 0:
        raise ValueError(f"annualise: the period must be at least a year, not {years}")
    return round(100.0 * ((1 + change_pct / 100.0) ** (1.0 / years) - 1.0), 12)


def plan_period(year: int, genre: str | None) -> tuple[int, int] | None:
    """The five-year plan period a flow figure of a plan covers, if any.

    >>> plan_period(2025, "plan"), plan_period(2020, "plan"), plan_period(2021, "plan"), plan_period(2025, "news")
    ((2021, 2025), (2016, 2020), None, None)
    """
    if genre == "plan" and int(year) % 5 == 0:
        return (int(year) - 4, int(year))
    return None


def convert(value: float, unit: str, to: str) -> float | None:
    """``value`` in ``unit`` expressed in ``to`` (None when the units do not convert)."""
    if unit == to:
        return value
    factor = UNIT_CONVERSIONS.get((unit, to))
    return None if factor is None else value * factor


def _judged(comparator: str, value: float, higher_is_better: bool | None, params: AnalysisParams) -> tuple[str, str]:
    if comparator != "==":
        return comparator, ""
    if params.bare_as_bound and higher_is_better is not None:
        return (">=", "a bare figure read as a floor (higher is better)") if higher_is_better else (
            "<=", "a bare figure read as a ceiling (lower is better)")
    return "==", ""


def _growth_rule(comparator: str, value: float, high: float, higher_is_better: bool | None,
                 params: AnalysisParams) -> tuple[GrowthRule, str, float, str]:
    """(rule, judged comparator, judged value, why) of a growth-rate target, by :mod:`.target_rule`."""
    hib = bool(higher_is_better) if higher_is_better is not None else value >= 0  # 下降: a fall is wanted
    range_high = high if comparator == "==" and math.isfinite(high) else None
    rule = GrowthRule(value, comparator, hib, range_high)
    threshold, direction = growth_target_threshold(value, comparator, hib, range_high, params.tolerance)
    word = "at least" if direction == ">=" else "at most"
    if range_high is not None:
        why = f"a range {value:g}–{range_high:g}% read from its less demanding end: {word} {threshold:g}%"
    elif comparator in ABOUT_COMPARATORS:
        why = (f"about {value:g}% read as {word} {threshold:g}% (a shortfall of {100 * params.tolerance:g}% of the "
               "figure allowed; an overshoot is never a miss)")
    elif comparator == "==":
        why = "a growth target is a floor" if hib else "a reduction is a ceiling on the change"
    else:
        why = ""
    return rule, direction, threshold, why


def read_target(target: Mapping[str, Any], higher_is_better: bool | None = None, is_flow: bool = False,
                genre: str | None = None, history_unit: str | None = None, params: AnalysisParams = DEFAULT_PARAMS) -> Reading:
    """The :class:`Reading` of one row of the target table (see the module docstring)."""
    growth = bool(target.get("is_growth_rate"))
    value, high, unit = float(target["value"]), num_or_nan(target.get("range_high")), str(target["unit"])
    stated = str(target["comparator"])
    notes: list[str] = []
    by = base_year_of(target) if growth else None
    year = int(target["year"])
    if by is not None and by < year:
        annual = annualise(value, year - by)
        notes.append(f"a change of {value:g}% from {by} to {year}, annualised: {annual:.1f}% a year")
        value, high = annual, (annualise(high, year - by) if math.isfinite(high) else high)
    if history_unit and history_unit != unit:
        converted = convert(value, unit, history_unit)
        if converted is not None:
            notes.append(f"target {value:g} {unit} = {converted:g} {history_unit}")
            high = convert(high, unit, history_unit) if math.isfinite(high) else high
            value, unit = converted, history_unit
    rule = None
    if growth:
        rule, comparator, value, why = _growth_rule(stated, value, high, higher_is_better, params)
        high = math.nan if rule.high is not None else high
    else:
        comparator, why = _judged(stated, value, higher_is_better, params)
    if why:
        notes.insert(1 if by is not None and by < year else 0, why)
    period = plan_period(year, genre) if is_flow else None
    if period:
        notes.append(f"a flow in a five-year plan: the total over {period[0]}–{period[1]}")
    return Reading(comparator, value, high, unit, by, period, notes, rule)

"""One target judged in one view: baseline, required and historical growth, projection, status.

For each ``target`` row of the tidy target table whose region and indicator have a history
in the same unit (:mod:`shenyang_analysis.history`), :func:`assess_target` works out

* the **series**: the chosen values (one per year, conflicts resolved by the history rule)
  since the last recorded break; a money level is extended past its last observed year by
  chaining the indicator's growth rates (``gdp`` by ``gdp_real_growth`` and so on): a real
  (可比价) rate is turned into a nominal one with the year's Liaoning CPI, or the default
  inflation assumption (:func:`shenyang_analysis.history.prices.default_inflation_pct`, 1.94 % a
  year; ``AnalysisParams.inflation_pct``) for years after the CPI ends; such years have status ``derived`` and the row's
  ``note`` says so;
* the **view**: ``latest`` uses every year before the target year; ``document`` only the
  years a reader of the document could know: years before the year the document was
  published (and before the target year);
* the **baseline** (last value of the view), the **required growth** (CAGR for levels,
  percentage points a year for shares, the target itself for growth-rate targets), the
  **historical growth** over the last five years, their ratio and the Eurostat **progress
  class** (:mod:`shenyang_analysis.model.feasibility`);
* the **projection** to the target year with 80 % and 95 % intervals and the **probability**
  of meeting the target under its comparator: the default statistical model
  (``AnalysisParams.model``, then ``fallback_model`` if it cannot be fitted)
  when the view has at least ``AnalysisParams.min_own_points`` consecutive years; otherwise, for a money
  level, the reference-class projection from the panel of Chinese cities
  (:mod:`shenyang_analysis.model.reference_class`); otherwise none;
* the **status**: in the ``latest`` view ``achieved`` when the target year has been observed
  and the target met, ``off track`` when it has been observed and the target missed (the
  ``document`` view ignores the outcome: it says what was knowable then); otherwise
  ``achieved`` when the baseline of a level or share already meets the target (not for
  flows such as new jobs: an earlier year's count does not meet a later target), else from the
  probability (``AnalysisParams.status_thresholds``: 0.90 on track, 0.66 likely, 0.33 uncertain, 0.10
  unlikely, below that off track); ``insufficient data`` when there is no projection or a
  statistical model rests on fewer than three observations;
* the **outcome** where the target year has been observed (``met``, ``missed``, or
  ``undetermined`` when the observation is only a lower bound that does not settle it), with
  the observation's status (official, estimate, derived, …) in ``outcome_basis``;
* the **outside view** for money levels: the share of city-periods of the same length whose
  nominal GDP grew at least at the required CAGR, and that CAGR's percentile.

>>> t = {"target_id": "d@1", "doc_id": "d", "region": "r", "indicator": "gdp", "indicator_zh": "地区生产总值",
...      "comparator": ">=", "value": 1.5e11, "unit": "yuan", "year": 2025, "range_high": None,
...      "is_growth_rate": False, "is_cumulative": False}
>>> h = pd.DataFrame({"region": "r", "indicator": "gdp", "measure": "level", "unit": "yuan",
...      "year": [2021, 2022, 2023, 2024], "value": [1.0e11, 1.1e11, 1.21e11, 1.331e11],
...      "status": "official", "source": "s", "is_lower_bound": False, "n_sources": 1})
>>> a = assess_target(t, h, breaks=h.iloc[0:0])
>>> a.row["baseline_year"], round(a.row["required_growth"], 2), round(a.row["historical_growth"], 2)
(2024, 12.7, 10.0)
>>> a.row["progress_class"], a.row["model"], a.row["status"] in STATUSES
('acceleration needed', 'drift_recent', True)
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.panels import outside_view
from ..history.series import extend_by_growth, growth_companion, load_breaks, series, trailing_run
from ..table.catalog import load_catalog
from ..vocab import MONEY_UNITS, STATUSES, VIEWS  # noqa: F401 (STATUSES: the module doctest)
from .feasibility import (
    growth_paths, growth_ratio, historical_growth, is_met, progress_class, required_growth, status_from_probability,
)
from .projections import ModelError, choose_scale, fit_forecast
from .reference_class import MAX_K, reference_class_forecast

__all__ = ["GROWTH_UNIT", "Assessment", "assess_target", "flow_indicators", "target_paths"]

GROWTH_UNIT = {"level": "% a year (CAGR)", "share": "percentage points a year", "growth": "% (growth rate)"}


@dataclass
class Assessment:
    """One target judged in one view: the row, and the series and projection behind it."""

    target: dict[str, Any]
    view: str
    row: dict[str, Any]
    series: pd.Series  # the view's data (years before the cut-off)
    full_series: pd.Series  # every year known now, derived years included
    forecast: Any = None  # a projections.Forecast, a ReferenceClassForecast, or None
    failures: dict[str, str] = field(default_factory=dict)


def _measure_for(target: Mapping[str, Any], measures: set[str]) -> str:
    if bool(target.get("is_growth_rate")) and "growth" in measures:
        return "growth"
    if target.get("unit") == "percent" and "share" in measures:
        return "share"
    if "level" in measures:
        return "level"
    return sorted(measures)[0]


def _num(x: Any) -> float:
    return float("nan") if x is None or (isinstance(x, float) and math.isnan(x)) or pd.isna(x) else float(x)


def _prob(forecast: Any, target: float, high: float, comparator: str, year: int) -> float:
    if comparator == "==" and math.isfinite(high):  # a range: inside [target, high]
        return max(0.0, forecast.prob(target, ">=", year) - forecast.prob(high, ">=", year))
    return float(forecast.prob(target, comparator, year))


def _outcome(full: pd.Series, year: int, target: float, high: float, comparator: str,
             tolerance: float) -> tuple[str, float, str]:
    if year not in full.index:
        return "", float("nan"), ""
    value = float(full.loc[year])
    status = str(full.attrs.get("status", {}).get(year, ""))
    met = is_met(value, target, comparator, high if math.isfinite(high) else None, tolerance)
    if status == "lower_bound":  # the value is at least this: settles ">=" when met, "<=" when missed
        if comparator == ">=" and met:
            return "met", value, status
        if comparator == "<=" and not met:
            return "missed", value, status
        return "undetermined", value, status
    return ("met" if met else "missed"), value, status


def _full_series(t: Mapping[str, Any], chosen: pd.DataFrame, measure: str, breaks: pd.DataFrame,
                 params: AnalysisParams, notes: list[str]) -> pd.Series:
    """Every year known now since the last break; a money level continued with its growth rates."""
    region, indicator, unit = str(t["region"]), str(t["indicator"]), str(t["unit"])
    full = series(chosen, region, indicator, measure, since_break=True, breaks=breaks)
    if full.attrs.get("break_year") is not None and full.attrs.get("dropped_years"):
        notes.append(f"series starts after the {full.attrs['break_year']} break")
    status_by_year = dict(full.attrs.get("status", {}))
    if measure == "level" and unit in MONEY_UNITS and len(full):
        companion = growth_companion(chosen, region, indicator)
        if companion is not None:
            name, growth = companion
            attrs = full.attrs
            full, chain_notes = extend_by_growth(full, growth, real="real" in name, inflation_pct=params.inflation_pct)
            full.attrs = attrs
            for y in full.index.difference(list(status_by_year)):
                status_by_year[int(y)] = "derived"
            full.attrs["status"] = status_by_year
            notes += chain_notes
    return full


def _blank_row(t: Mapping[str, Any], measure: str, view: str, s: pd.Series) -> dict[str, Any]:
    nan = float("nan")
    n_obs = int(len(s))
    return {
        "target_id": t["target_id"], "region": str(t["region"]), "indicator": str(t["indicator"]),
        "year": int(t["year"]), "comparator": str(t["comparator"]), "target_value": float(t["value"]),
        "unit": str(t["unit"]), "baseline_year": None, "baseline_value": nan, "required_growth": nan,
        "historical_growth": nan, "growth_ratio": nan, "progress_class": "insufficient data", "model": "",
        "projection": nan, "lower80": nan, "upper80": nan, "lower95": nan, "upper95": nan, "prob_meet": nan,
        "status": "insufficient data", "n_obs": n_obs, "outcome": "",
        "doc_id": t.get("doc_id"), "indicator_zh": t.get("indicator_zh"), "category": t.get("category"),
        "measure": measure, "growth_unit": GROWTH_UNIT[measure], "target_high": _num(t.get("range_high")), "view": view,
        "data_until": int(s.index.max()) if n_obs else None, "baseline_status": "", "outcome_value": nan,
        "outcome_basis": "", "outside_share_all": nan, "outside_share_recent": nan, "outside_percentile": nan,
        "quote": t.get("quote"),
    }


def _judge_growth(row: dict[str, Any], s: pd.Series, status_by_year: Mapping[int, str],
                  params: AnalysisParams, notes: list[str]) -> bool:
    """Baseline, required and historical growth, ratio and progress class; whether the baseline already meets the target."""
    year, value, high, comparator = row["year"], row["target_value"], row["target_high"], row["comparator"]
    measure, indicator = row["measure"], row["indicator"]
    by, bv = int(s.index[-1]), float(s.iloc[-1])
    row.update(baseline_year=by, baseline_value=bv, baseline_status=status_by_year.get(by, ""))
    if row["baseline_status"] == "lower_bound":
        notes.append(f"baseline {by} is a lower bound (at least this)")
    try:
        row["required_growth"] = required_growth(measure, bv, by, value, year)
    except ValueError as exc:
        notes.append(f"required growth: {exc}")
    already_met = False
    if measure != "growth":
        already_met = is_met(bv, value, comparator, high if math.isfinite(high) else None, params.tolerance)
        if already_met and indicator in flow_indicators() and by < year:
            # A flow (jobs created, projects signed) counted in an earlier year or period
            # does not meet a later year's or period's target.
            already_met = False
            notes.append(f"flow indicator: the {by} figure does not count toward {year}")
    try:
        row["historical_growth"] = historical_growth(s, measure, params.historical_window)
    except ValueError:
        pass
    req, hist = row["required_growth"], row["historical_growth"]
    if math.isfinite(req) and math.isfinite(hist):
        ratio = growth_ratio(hist, req)
        row["growth_ratio"] = float("nan") if ratio is None else ratio
        row["progress_class"] = progress_class(hist, req, already_met, params.progress_thresholds)
    elif already_met:
        row["progress_class"] = "achieved"
    return already_met


def _outside(row: dict[str, Any], notes: list[str]) -> None:
    """The panel's outside view of the required CAGR, for money levels."""
    req, year, by = row["required_growth"], row["year"], int(row["baseline_year"])
    if row["measure"] == "level" and row["unit"] in MONEY_UNITS and math.isfinite(req) and 1 <= year - by <= MAX_K:
        ov = outside_view(req, year - by)
        row.update(outside_share_all=ov.share_overall, outside_share_recent=ov.share_recent,
                   outside_percentile=ov.percentile)
        if ov.share_overall == 0:
            notes.append(f"no city in the panel grew {req:.1f}% a year over {year - by} years")


def _status(row: dict[str, Any], view: str, forecast: Any, already_met: bool, params: AnalysisParams) -> str:
    if row["outcome"] == "met" and view == "latest":
        return "achieved"
    if row["outcome"] == "missed" and view == "latest":
        return "off track"
    statistical = forecast is not None and row["model"] != "reference class"
    return status_from_probability(
        None if math.isnan(row["prob_meet"]) else row["prob_meet"], achieved=already_met,
        n_obs=row["n_obs"] if statistical else None, thresholds=params.status_thresholds,
        min_obs=params.min_obs_for_status,
    )


def assess_target(
    target: Mapping[str, Any],
    chosen: pd.DataFrame,
    view: str = "latest",
    published: dt.date | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    breaks: pd.DataFrame | None = None,
) -> Assessment:
    """Judge one target (a row of the target table) against the chosen history.

    ``chosen`` is the history with conflicts resolved (:func:`~shenyang_analysis.history.series.resolve_conflicts`);
    it must hold the target's region and indicator in the target's unit
    (:func:`~shenyang_analysis.model.assessments.assess` checks and gives reasons). ``view`` is
    ``latest`` or ``document`` (needs ``published``).
    """
    if view not in VIEWS:
        raise ValueError(f"view must be 'latest' or 'document', not {view!r}")
    if view == "document" and published is None:
        raise ValueError("the document view needs the document's publication date")
    t = dict(target)
    mine = chosen[(chosen["region"] == str(t["region"])) & (chosen["indicator"] == str(t["indicator"]))]
    measure = _measure_for(t, set(mine["measure"]))
    notes: list[str] = []
    full = _full_series(t, chosen, measure, load_breaks() if breaks is None else breaks, params, notes)
    year = int(t["year"])
    cutoff = year if view == "latest" else min(year, published.year)  # type: ignore[union-attr]
    s = full[full.index < cutoff]
    row = _blank_row(t, measure, view, s)
    outcome, outcome_value, outcome_basis = _outcome(
        full, year, row["target_value"], row["target_high"], row["comparator"], params.tolerance)
    row.update(outcome=outcome, outcome_value=outcome_value, outcome_basis=outcome_basis)
    forecast, failures, already_met = None, {}, False
    if len(s):
        already_met = _judge_growth(row, s, full.attrs.get("status", {}), params, notes)
        forecast, failures = _project(s, measure, row["unit"], year, params, notes)
        if forecast is not None:
            row.update(forecast.at(year))
            row["model"] = forecast.model
            row["prob_meet"] = _prob(forecast, row["target_value"], row["target_high"], row["comparator"], year)
        _outside(row, notes)
    row["status"] = _status(row, view, forecast, already_met, params)
    if outcome:
        notes.append(f"{year} observed: {outcome_value:g} ({outcome_basis})")
    row["note"] = "; ".join(notes)
    return Assessment(target=t, view=view, row=row, series=s, full_series=full, forecast=forecast, failures=failures)


@functools.lru_cache(maxsize=1)
def flow_indicators() -> frozenset[str]:
    """Catalog indicators measured as flows (counted over a year or a period, not a stock).

    >>> "urban_employment_new" in flow_indicators(), "gdp" in flow_indicators()
    (True, False)
    """
    catalog = load_catalog()
    return frozenset(catalog.loc[catalog["measure"] == "flow", "indicator"])


def _project(s: pd.Series, measure: str, unit: str, year: int, params: AnalysisParams,
             notes: list[str]) -> tuple[Any, dict[str, str]]:
    """The projection for the target year: own model, then the reference class, else None."""
    failures: dict[str, str] = {}
    run = trailing_run(s)
    if len(run) >= params.min_own_points:
        scale = choose_scale(run.to_numpy(), measure)
        for m in dict.fromkeys((params.model, params.fallback_model)):
            try:
                return fit_forecast(run, year, m, scale=scale), failures
            except (ModelError, ValueError) as exc:
                failures[m] = str(exc)
                notes.append(f"{m} not fitted: {exc}")
    by = int(s.index[-1])
    if measure == "level" and unit in MONEY_UNITS and float(s.iloc[-1]) > 0 and 1 <= year - by <= MAX_K:
        notes.append(f"{len(run)} consecutive year(s): reference-class projection (city GDP panel, windows ending 2015+)")
        return reference_class_forecast(by, float(s.iloc[-1]), year), failures
    if len(run) < params.min_own_points:
        notes.append(f"{len(run)} consecutive year(s): too few for a projection")
    return None, failures


def target_paths(a: Assessment, planned: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Growth paths from the baseline to the target year for one assessment (see
    :func:`shenyang_analysis.model.feasibility.growth_paths`): required, historical, the projection's
    median and any planned rates (percent a year on the measure's own scale).

    >>> h = pd.DataFrame({"region": "r", "indicator": "x", "measure": "share", "unit": "percent",
    ...      "year": [2019, 2020], "value": [3.0, 3.2], "status": "official", "source": "s", "n_sources": 1})
    >>> t = {"target_id": "d@1", "region": "r", "indicator": "x", "comparator": ">=", "value": 3.5,
    ...      "unit": "percent", "year": 2023, "is_growth_rate": False}
    >>> target_paths(assess_target(t, h, breaks=h.iloc[0:0])).round(2)
          required  historical
    year                      
    2020       3.2         3.2
    2021       3.3         3.4
    2022       3.4         3.6
    2023       3.5         3.8
    """
    r = a.row
    if r["baseline_year"] is None or pd.isna(r["baseline_year"]):
        raise ValueError(f"{r['target_id']}: no baseline, so no paths")
    projection = None
    if a.forecast is not None:
        years = [y for y in a.forecast.years]
        projection = pd.Series([a.forecast.at(y)["projection"] for y in years], index=years)
    hist = r["historical_growth"] if math.isfinite(r["historical_growth"]) else None
    return growth_paths(r["measure"], int(r["baseline_year"]), float(r["baseline_value"]), int(r["year"]),
                        float(r["target_value"]), historical=hist, projection=projection, planned=dict(planned or {}))

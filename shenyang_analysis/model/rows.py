"""Rows of the assessment table: an empty judged row, a row for a target that cannot be judged,
and the reason (with the data that would settle it) when a target gets no data-backed status.

>>> skip_reason({"indicator": None, "year": 2025})
'indicator not in the catalog'
>>> data_needed_for("no history for this region and indicator", {"region": "tiexi", "indicator": "imports_exports", "year": 2025})
'figures of imports_exports for tiexi before 2025 (or for its parent shenyang, to borrow its share)'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..config import AnalysisParams
from ..history.series import trailing_run
from ..vocab import PARENT_REGION
from .reading import Reading, convert, num_or_nan

__all__ = ["blank_row", "skip_reason", "unassessed_row", "data_needed_for", "no_status"]


def blank_row(t: Mapping[str, Any], measure: str, view: str, s: pd.Series, reading: Reading | None,
              growth_unit: Mapping[str, str]) -> dict[str, Any]:
    """A row with the target's own fields and every judged field empty."""
    nan = float("nan")
    n_obs = int(len(s))
    return {
        "target_id": t["target_id"], "region": str(t["region"]), "indicator": "" if pd.isna(t.get("indicator")) else str(t["indicator"]),
        "year": int(t["year"]) if not pd.isna(t.get("year")) else 0, "comparator": str(t["comparator"]),
        "target_value": float(t["value"]), "unit": str(t["unit"]), "baseline_year": None, "baseline_value": nan,
        "required_growth": nan, "historical_growth": nan, "growth_ratio": nan, "progress_class": "insufficient data",
        "model": "", "projection": nan, "lower80": nan, "upper80": nan, "lower95": nan, "upper95": nan, "prob_meet": nan,
        "status": "insufficient data", "n_obs": n_obs, "outcome": "",
        "doc_id": t.get("doc_id"), "indicator_zh": t.get("indicator_zh"), "category": t.get("category"),
        "measure": measure, "growth_unit": growth_unit.get(measure, ""), "target_high": num_or_nan(t.get("range_high")), "view": view,
        "data_until": int(s.index.max()) if n_obs else None, "baseline_status": "", "outcome_value": nan,
        "outcome_basis": "", "outside_share_all": nan, "outside_share_recent": nan, "outside_percentile": nan,
        "quote": t.get("quote"),
        "judged_as": reading.comparator if reading else str(t["comparator"]),
        "judged_value": reading.value if reading else float(t["value"]),
        "judged_unit": reading.unit if reading else str(t["unit"]),
        "base_year": reading.base_year if reading else None, "baseline_bound": "", "basis": "",
        "prob_meet_alt": nan, "alt_basis": "", "reference_class": "", "outcome_chain": "",
        "outside_share_northeast": nan, "status_reason": "", "data_needed": "", "duplicate_ids": "",
        "price_assumption": "", "price_sensitivity": "", "price_sensitive": False, "basis_range": "",
        "prob_meet_low": nan, "prob_meet_high": nan, "probability_basis": "", "calibration_evidence": "",
    }


def _change_since_base_year(t: Mapping[str, Any]) -> bool:
    """A rate of change written against a base year (比2020年下降15%): cumulative, but annualised, not a period total.

    >>> _change_since_base_year({"is_growth_rate": True, "base_year": 2020}), _change_since_base_year({"is_growth_rate": True})
    (True, False)
    """
    base = t.get("base_year")
    return bool(t.get("is_growth_rate")) and base is not None and not pd.isna(base)


def skip_reason(t: Mapping[str, Any], keys: pd.DataFrame | None = None) -> str | None:
    """Why a target row cannot be judged at all (``None`` when it can); ``keys``: the history's region, indicator, unit.

    A unit that converts exactly to the history's (jin and ton) is not a reason.
    """
    if pd.isna(t.get("indicator")):
        return "indicator not in the catalog"
    if pd.isna(t.get("year")):
        return "no target year"
    if bool(t.get("is_change")):
        return "absolute change, not a level"
    if bool(t.get("is_cumulative")) and not _change_since_base_year(t):
        return "cumulative total over a period"
    if keys is None:
        return None
    mine = keys[(keys["region"] == t["region"]) & (keys["indicator"] == t["indicator"])]
    if mine.empty:
        return "no history for this region and indicator"
    if not any(convert(1.0, str(t["unit"]), str(u)) is not None for u in mine["unit"]):
        return "history in another unit"
    return None


def data_needed_for(reason: str, t: Mapping[str, Any], params: AnalysisParams | None = None) -> str:
    """What data would settle a target left without a status for ``reason``."""
    region, indicator, year = t.get("region"), t.get("indicator"), t.get("year")
    parent = PARENT_REGION.get(str(region))
    borrow = f" (or for its parent {parent}, to borrow its share)" if parent else ""
    text = {
        "indicator not in the catalog": f"a catalog indicator for the phrase {t.get('indicator_zh') or t.get('quote')!r}, then its history",
        "no target year": "the year the target is for",
        "absolute change, not a level": "the level the change starts from, and figures of the level since",
        "no history for this region and indicator": f"figures of {indicator} for {region} before {year}{borrow}",
        "history in another unit": f"figures of {indicator} for {region} in {t.get('unit')}, or a conversion",
        "cumulative total over a period": f"yearly figures (or the total) of {indicator} for {region} over the same period",
        "no figure before the target year": f"a figure of {indicator} for {region} before {year}",
    }
    return text.get(reason, "")


def unassessed_row(t: Mapping[str, Any], reason: str, growth_unit: Mapping[str, str]) -> dict[str, Any]:
    """The row of a target that cannot be judged: status ``insufficient data`` with the reason."""
    row = blank_row(t, "level", "latest", pd.Series(dtype=float), None, growth_unit)
    row["measure"], row["growth_unit"] = "", ""
    row["status_reason"], row["data_needed"] = reason, data_needed_for(reason, t)
    return row


def no_status(row: Mapping[str, Any], t: Mapping[str, Any], s: pd.Series, reading: Reading, proj: Any,
              params: AnalysisParams) -> tuple[str, str]:
    """(status_reason, data_needed) for a judged target left at ``insufficient data``."""
    region, indicator, year = row["region"], row["indicator"], row["year"]
    if not len(s):
        reason = "no figure before the target year"
        return reason, data_needed_for(reason, t)
    if reading.period:
        first, last = reading.period
        like = "" if row.get("baseline_year") == first - 1 else " and for a like earlier period"
        reason = "flow without a like-period history" if like else "too few observations for a projection"
        return reason, f"figures of {indicator} for {region} for each year of {first}–{last} (or their total){like}"
    n = len(trailing_run(s))
    parent = PARENT_REGION.get(str(region))
    borrowable = parent and row.get("measure") != "growth"  # a growth rate borrows from no one
    borrow = f", or figures of {indicator} for its parent {parent} to borrow from" if borrowable else ""
    if proj is not None and getattr(proj, "forecast", None) is not None and n < params.min_obs_for_status:
        return ("too few observations for a projection",
                f"at least {params.min_obs_for_status} years of {indicator} for {region} (has {n}){borrow}")
    return ("too few observations for a projection",
            f"{params.min_own_points} consecutive years of {indicator} for {region} before {year} (has {n}){borrow}")


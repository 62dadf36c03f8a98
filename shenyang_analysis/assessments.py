"""The assessment table: every target with a history, judged in one row.

For each ``target`` row of the tidy target table whose region and indicator have a history
in the same unit (:mod:`shenyang_analysis.history`), :func:`assess_target` works out

* the **series**: the chosen values (one per year, conflicts resolved by the history rule)
  since the last recorded break; a money level is extended past its last observed year by
  chaining the indicator's growth rates (``gdp`` by ``gdp_real_growth`` and so on): a real
  (可比价) rate is turned into a nominal one with the year's Liaoning CPI, or the default
  inflation assumption (:func:`shenyang_analysis.history.default_inflation_pct`, 1.94 % a
  year) for years after the CPI ends; such years have status ``derived`` and the row's
  ``note`` says so;
* the **view**: ``latest`` uses every year before the target year; ``document`` only the
  years a reader of the document could know: years before the year the document was
  published (and before the target year);
* the **baseline** (last value of the view), the **required growth** (CAGR for levels,
  percentage points a year for shares, the target itself for growth-rate targets), the
  **historical growth** over the last five years, their ratio and the Eurostat **progress
  class** (:mod:`shenyang_analysis.feasibility`);
* the **projection** to the target year with 80 % and 95 % intervals and the **probability**
  of meeting the target under its comparator: the default statistical model
  (:data:`shenyang_analysis.backtest.DEFAULT_MODEL`, then ``drift`` if it cannot be fitted)
  when the view has at least :data:`MIN_OWN_POINTS` consecutive years; otherwise, for a money
  level, the reference-class projection from the panel of Chinese cities
  (:mod:`shenyang_analysis.reference_class`); otherwise none;
* the **status**: in the ``latest`` view ``achieved`` when the target year has been observed
  and the target met, ``off track`` when it has been observed and the target missed (the
  ``document`` view ignores the outcome: it says what was knowable then); otherwise
  ``achieved`` when the baseline of a level or share already meets the target (not for
  flows such as new jobs: an earlier year's count does not meet a later target), else from the
  probability (thresholds in
  :mod:`shenyang_analysis.feasibility`: 0.90 on track, 0.66 likely, 0.33 uncertain, 0.10
  unlikely, below that off track); ``insufficient data`` when there is no projection or a
  statistical model rests on fewer than three observations;
* the **outcome** where the target year has been observed (``met``, ``missed``, or
  ``undetermined`` when the observation is only a lower bound that does not settle it), with
  the observation's status (official, estimate, derived, …) in ``outcome_basis``;
* the **outside view** for money levels: the share of city-periods of the same length whose
  nominal GDP grew at least at the required CAGR, and that CAGR's percentile.

:func:`assessment_table` assembles the ``latest`` view for every target (the contract
columns first) with the ``document`` view's probability and status beside it, and the
targets left out with their reason. :func:`calibration_table` lists the targets whose year
has been observed with what the method said at the document's date, and
:func:`brier` scores it.

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

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .backtest import DEFAULT_MODEL
from .feasibility import (
    brier_score, growth_paths, growth_ratio, historical_growth, is_met, progress_class, required_growth,
    status_from_probability,
)
from .history import MONEY_UNITS, deflator, load_breaks, outside_view, resolve_conflicts, series
from .indicators import load_catalog
from .projections import ModelError, choose_scale, fit_forecast
from .reference_class import MAX_K, reference_class_forecast
from .schema import schema_failure

__all__ = [
    "HEADLINE_TARGETS", "ASSESSMENT_COLUMNS", "ASSESSMENT_EXTRA_COLUMNS", "STATUSES", "PROGRESS_CLASSES", "OUTCOMES", "MIN_OWN_POINTS",
    "Assessment", "AssessmentResult", "assess_target", "assess", "assessment_table", "calibration_table", "brier",
    "target_paths", "describe", "validate_assessments", "publication_dates", "assessment_for",
]

# the three headline targets: Tiexi GDP 1500亿元, Tiexi R&D share 3.5%, Shenyang "10+1" clusters 1.1万亿 (2025)
HEADLINE_TARGETS = ("002_74a2a09f36767d0c@9774", "002_74a2a09f36767d0c@9965", "003_2e6eae32420e2f95@620")
MIN_OWN_POINTS = 4  # consecutive years a statistical model of the series itself needs
FALLBACK_MODEL = "drift"
STATUSES = ("achieved", "on track", "likely", "uncertain", "unlikely", "off track", "insufficient data")
PROGRESS_CLASSES = ("achieved", "on track", "acceleration needed", "limited progress", "deterioration", "insufficient data")
OUTCOMES = ("met", "missed", "undetermined", "")

# the contract of data/processed/assessments.csv: name → dtype
ASSESSMENT_COLUMNS: dict[str, str] = {
    "target_id": "string", "region": "string", "indicator": "string", "year": "int64", "comparator": "string",
    "target_value": "float64", "unit": "string", "baseline_year": "Int64", "baseline_value": "float64",
    "required_growth": "float64", "historical_growth": "float64", "growth_ratio": "float64",
    "progress_class": "string", "model": "string", "projection": "float64", "lower80": "float64",
    "upper80": "float64", "lower95": "float64", "upper95": "float64", "prob_meet": "float64",
    "status": "string", "n_obs": "int64", "outcome": "string",
}
ASSESSMENT_EXTRA_COLUMNS: dict[str, str] = {
    "doc_id": "string", "indicator_zh": "string", "category": "string", "measure": "string",
    "growth_unit": "string", "target_high": "float64", "view": "string", "data_until": "Int64",
    "baseline_status": "string", "outcome_value": "float64", "outcome_basis": "string",
    "outside_share_all": "float64", "outside_share_recent": "float64", "outside_percentile": "float64",
    "document_published": "string", "document_baseline_year": "Int64", "document_model": "string",
    "document_prob_meet": "float64", "document_status": "string", "quote": "string", "note": "string",
}

GROWTH_UNIT = {"level": "% a year (CAGR)", "share": "percentage points a year", "growth": "% (growth rate)"}


# --------------------------------------------------------------------------- series


def _growth_companion(chosen: pd.DataFrame, region: str, indicator: str) -> tuple[str, pd.Series] | None:
    """The growth-rate series that continues a level series (real first), if any."""
    for name in (f"{indicator}_real_growth", f"{indicator}_growth"):
        rows = chosen[(chosen["region"] == region) & (chosen["indicator"] == name) & (chosen["measure"] == "growth")]
        if len(rows):
            s = pd.Series(rows["value"].to_numpy(float), index=rows["year"].astype(int).to_numpy()).sort_index()
            return name, s
    return None


def extend_by_growth(
    levels: pd.Series, growth: pd.Series, real: bool, inflation_pct: float | None = None
) -> tuple[pd.Series, list[str]]:
    """Levels continued past their last year with y/y growth rates (percent), and notes on how.

    A real rate is made nominal with the deflator (Liaoning CPI; the default inflation after
    it ends). Only consecutive years right after the last level are filled.

    >>> lv = pd.Series([100.0], index=[2024])
    >>> out, notes = extend_by_growth(lv, pd.Series({2025: 6.0}), real=True, inflation_pct=2.0)
    >>> round(float(out.loc[2025]), 4), notes[0].startswith("2025: derived")
    (108.12, True)
    """
    out = levels.copy()
    notes: list[str] = []
    y = int(levels.index.max())
    while y + 1 in growth.index:
        g = float(growth.loc[y + 1])
        price = deflator(y, y + 1, inflation_pct=inflation_pct) if real else 1.0
        out.loc[y + 1] = float(out.loc[y]) * (1 + g / 100) * price
        kind = f"real growth {g:g}% × prices {100 * (price - 1):.2f}%" if real else f"nominal growth {g:g}%"
        notes.append(f"{y + 1}: derived from {y} level with {kind}")
        y += 1
    return out.sort_index(), notes


def _trailing_run(s: pd.Series) -> pd.Series:
    """The last run of consecutive years of ``s``."""
    if s.empty:
        return s
    years = s.index.to_numpy(dtype=int)
    start = len(years) - 1
    while start > 0 and years[start - 1] == years[start] - 1:
        start -= 1
    return s.iloc[start:]


# --------------------------------------------------------------------------- one target


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


def _outcome(full: pd.Series, year: int, target: float, high: float, comparator: str) -> tuple[str, float, str]:
    if year not in full.index:
        return "", float("nan"), ""
    value = float(full.loc[year])
    status = str(full.attrs.get("status", {}).get(year, ""))
    lower_bound = status == "lower_bound"
    met = is_met(value, target, comparator, high if math.isfinite(high) else None)
    if lower_bound:  # the value is at least this: settles ">=" when met, "<=" when missed
        if comparator == ">=" and met:
            return "met", value, status
        if comparator == "<=" and not met:
            return "missed", value, status
        return "undetermined", value, status
    return ("met" if met else "missed"), value, status


def assess_target(
    target: Mapping[str, Any],
    chosen: pd.DataFrame,
    view: str = "latest",
    published: dt.date | None = None,
    model: str = DEFAULT_MODEL,
    inflation_pct: float | None = None,
    breaks: pd.DataFrame | None = None,
) -> Assessment:
    """Judge one target (a row of the target table) against the chosen history.

    ``chosen`` is the history with conflicts resolved (:func:`resolve_conflicts`); it must
    hold the target's region and indicator in the target's unit (:func:`assess` checks and
    gives reasons). ``view`` is ``latest`` or ``document`` (needs ``published``).
    """
    if view not in ("latest", "document"):
        raise ValueError(f"view must be 'latest' or 'document', not {view!r}")
    if view == "document" and published is None:
        raise ValueError("the document view needs the document's publication date")
    t = dict(target)
    region, indicator, unit = str(t["region"]), str(t["indicator"]), str(t["unit"])
    year, comparator = int(t["year"]), str(t["comparator"])
    value, high = float(t["value"]), _num(t.get("range_high"))
    mine = chosen[(chosen["region"] == region) & (chosen["indicator"] == indicator)]
    measure = _measure_for(t, set(mine["measure"]))
    breaks = load_breaks() if breaks is None else breaks
    full = series(chosen, region, indicator, measure, since_break=True, breaks=breaks)
    notes: list[str] = []
    if full.attrs.get("break_year") is not None and full.attrs.get("dropped_years"):
        notes.append(f"series starts after the {full.attrs['break_year']} break")
    status_by_year = dict(full.attrs.get("status", {}))
    if measure == "level" and unit in MONEY_UNITS and len(full):
        companion = _growth_companion(chosen, region, indicator)
        if companion is not None:
            name, growth = companion
            attrs = full.attrs
            full, chain_notes = extend_by_growth(full, growth, real="real" in name, inflation_pct=inflation_pct)
            full.attrs = attrs
            for y in full.index.difference(list(status_by_year)):
                status_by_year[int(y)] = "derived"
            full.attrs["status"] = status_by_year
            notes += chain_notes
    cutoff = year if view == "latest" else min(year, published.year)  # type: ignore[union-attr]
    s = full[full.index < cutoff]
    n_obs = int(len(s))
    row: dict[str, Any] = {
        "target_id": t["target_id"], "region": region, "indicator": indicator, "year": year,
        "comparator": comparator, "target_value": value, "unit": unit, "baseline_year": None,
        "baseline_value": float("nan"), "required_growth": float("nan"), "historical_growth": float("nan"),
        "growth_ratio": float("nan"), "progress_class": "insufficient data", "model": "", "projection": float("nan"),
        "lower80": float("nan"), "upper80": float("nan"), "lower95": float("nan"), "upper95": float("nan"),
        "prob_meet": float("nan"), "status": "insufficient data", "n_obs": n_obs, "outcome": "",
        "doc_id": t.get("doc_id"), "indicator_zh": t.get("indicator_zh"), "category": t.get("category"),
        "measure": measure, "growth_unit": GROWTH_UNIT[measure], "target_high": high, "view": view,
        "data_until": int(s.index.max()) if n_obs else None, "baseline_status": "", "outcome_value": float("nan"),
        "outcome_basis": "", "outside_share_all": float("nan"), "outside_share_recent": float("nan"),
        "outside_percentile": float("nan"), "quote": t.get("quote"),
    }
    outcome, outcome_value, outcome_basis = _outcome(full, year, value, high, comparator)
    row.update(outcome=outcome, outcome_value=outcome_value, outcome_basis=outcome_basis)
    forecast, failures = None, {}
    already_met = False
    if n_obs:
        by, bv = int(s.index[-1]), float(s.iloc[-1])
        row.update(baseline_year=by, baseline_value=bv, baseline_status=status_by_year.get(by, ""))
        if row["baseline_status"] == "lower_bound":
            notes.append(f"baseline {by} is a lower bound (at least this)")
        try:
            row["required_growth"] = required_growth(measure, bv, by, value, year)
        except ValueError as exc:
            notes.append(f"required growth: {exc}")
        if measure != "growth":
            already_met = is_met(bv, value, comparator, high if math.isfinite(high) else None)
            if already_met and indicator in flow_indicators() and by < year:
                # A flow (jobs created, projects signed) counted in an earlier year or period
                # does not meet a later year's or period's target.
                already_met = False
                notes.append(f"flow indicator: the {by} figure does not count toward {year}")
        try:
            row["historical_growth"] = historical_growth(s, measure)
        except ValueError:
            pass
        req, hist = row["required_growth"], row["historical_growth"]
        if math.isfinite(req) and math.isfinite(hist):
            ratio = growth_ratio(hist, req)
            row["growth_ratio"] = float("nan") if ratio is None else ratio
            row["progress_class"] = progress_class(hist, req, already_met)
        elif already_met:
            row["progress_class"] = "achieved"
        forecast, failures = _project(s, measure, unit, year, model, notes)
        if forecast is not None:
            row.update(forecast.at(year))
            row["model"] = forecast.model
            row["prob_meet"] = _prob(forecast, value, high, comparator, year)
        if measure == "level" and unit in MONEY_UNITS and math.isfinite(req) and 1 <= year - by <= MAX_K:
            ov = outside_view(req, year - by)
            row.update(outside_share_all=ov.share_overall, outside_share_recent=ov.share_recent,
                       outside_percentile=ov.percentile)
            if ov.share_overall == 0:
                notes.append(f"no city in the panel grew {req:.1f}% a year over {year - by} years")
    if outcome == "met" and view == "latest":
        row["status"] = "achieved"
    elif outcome == "missed" and view == "latest":
        row["status"] = "off track"
    else:
        statistical = forecast is not None and row["model"] != "reference class"
        row["status"] = status_from_probability(
            None if math.isnan(row["prob_meet"]) else row["prob_meet"], achieved=already_met,
            n_obs=n_obs if statistical else None,
        )
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


def _project(s: pd.Series, measure: str, unit: str, year: int, model: str, notes: list[str]) -> tuple[Any, dict[str, str]]:
    """The projection for the target year: own model, then the reference class, else None."""
    failures: dict[str, str] = {}
    run = _trailing_run(s)
    if len(run) >= MIN_OWN_POINTS:
        scale = choose_scale(run.to_numpy(), measure)
        for m in dict.fromkeys((model, FALLBACK_MODEL)):
            try:
                return fit_forecast(run, year, m, scale=scale), failures
            except (ModelError, ValueError) as exc:
                failures[m] = str(exc)
                notes.append(f"{m} not fitted: {exc}")
    by = int(s.index[-1])
    if measure == "level" and unit in MONEY_UNITS and float(s.iloc[-1]) > 0 and 1 <= year - by <= MAX_K:
        notes.append(f"{len(run)} consecutive year(s): reference-class projection (city GDP panel, windows ending 2015+)")
        return reference_class_forecast(by, float(s.iloc[-1]), year), failures
    if len(run) < MIN_OWN_POINTS:
        notes.append(f"{len(run)} consecutive year(s): too few for a projection")
    return None, failures


# --------------------------------------------------------------------------- many targets


@dataclass
class AssessmentResult:
    """Assessments of many targets in one view, and the targets left out with their reason."""

    table: pd.DataFrame
    skipped: pd.DataFrame
    assessments: dict[str, Assessment]


def _skip_reason(t: Mapping[str, Any], keys: pd.DataFrame) -> str | None:
    if pd.isna(t.get("indicator")):
        return "indicator not in the catalog"
    if pd.isna(t.get("year")):
        return "no target year"
    if bool(t.get("is_cumulative")):
        return "cumulative total over a period"
    if bool(t.get("is_change")):
        return "absolute change, not a level"
    mine = keys[(keys["region"] == t["region"]) & (keys["indicator"] == t["indicator"])]
    if mine.empty:
        return "no history for this region and indicator"
    if t["unit"] not in set(mine["unit"]):
        return f"history in another unit ({', '.join(sorted(set(mine['unit'])))})"
    return None


def publication_dates(manifest: list[Mapping[str, Any]] | None = None) -> dict[str, dt.date]:
    """doc_id → publication date, from the documents' manifest.

    >>> publication_dates()["002_74a2a09f36767d0c"]
    datetime.date(2021, 5, 17)
    """
    if manifest is None:
        from .documents import load_manifest

        manifest = load_manifest()
    return {str(r["doc_id"]): r["published"] for r in manifest}  # type: ignore[misc]


def _typed(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}
    df = pd.DataFrame(rows, columns=list(cols))
    for c, dtype in cols.items():
        if dtype == "string":
            df[c] = df[c].where(df[c].notna(), "").astype("string") if c in ("model", "outcome", "note", "baseline_status", "outcome_basis") else df[c].astype("string")
        else:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(dtype) if dtype != "float64" else pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def assess(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    view: str = "latest",
    published: Mapping[str, dt.date] | None = None,
    model: str = DEFAULT_MODEL,
    inflation_pct: float | None = None,
    breaks: pd.DataFrame | None = None,
) -> AssessmentResult:
    """Assess every ``target`` row of ``targets`` against ``history`` (tidy or already chosen)."""
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    keys = chosen[["region", "indicator", "unit"]].drop_duplicates()
    breaks = load_breaks() if breaks is None else breaks
    if view == "document" and published is None:
        published = publication_dates()
    rows, skipped, found = [], [], {}
    for t in targets[targets["kind"] == "target"].to_dict("records"):
        reason = _skip_reason(t, keys)
        if reason:
            skipped.append({"target_id": t["target_id"], "indicator": t.get("indicator"), "reason": reason})
            continue
        pub = (published or {}).get(str(t["doc_id"])) if view == "document" else None
        a = assess_target(t, chosen, view, pub, model, inflation_pct, breaks)
        rows.append(a.row)
        found[str(t["target_id"])] = a
    skipped_df = pd.DataFrame(skipped, columns=["target_id", "indicator", "reason"])
    return AssessmentResult(table=_typed(rows), skipped=skipped_df, assessments=found)


def assessment_table(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    published: Mapping[str, dt.date] | None = None,
    model: str = DEFAULT_MODEL,
    inflation_pct: float | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(table, skipped): the ``latest`` view of every assessable target, the ``document`` view's
    baseline year, model, probability and status beside it; and the targets left out, with why.
    """
    published = publication_dates() if published is None else published
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    latest = assess(targets, chosen, "latest", published, model, inflation_pct)
    then = assess(targets, chosen, "document", published, model, inflation_pct)
    table = latest.table.copy()
    by_id = then.table.set_index("target_id")
    ids = table["target_id"]
    table["document_published"] = [str(published.get(str(d), "")) for d in table["doc_id"]]
    table["document_baseline_year"] = ids.map(by_id["baseline_year"]).astype("Int64")
    table["document_model"] = ids.map(by_id["model"]).astype("string")
    table["document_prob_meet"] = ids.map(by_id["prob_meet"]).astype("float64")
    table["document_status"] = ids.map(by_id["status"]).astype("string")
    table = table.sort_values(["region", "indicator", "year", "target_id"], kind="stable").reset_index(drop=True)
    return validate_assessments(table), latest.skipped


def calibration_table(table: pd.DataFrame) -> pd.DataFrame:
    """Targets whose year has been observed (met or missed), next to what the method said then.

    ``prob_then`` is the probability from the data knowable at the document's publication
    date (empty when that view had no projection). Columns: target_id, region, indicator,
    year, comparator, target_value, document_published, document_baseline_year, model_then,
    prob_then, status_then, outcome, outcome_value, outcome_basis, squared_error.
    """
    done = table[table["outcome"].isin(["met", "missed"])]
    out = pd.DataFrame({
        "target_id": done["target_id"], "region": done["region"], "indicator": done["indicator"],
        "year": done["year"], "comparator": done["comparator"], "target_value": done["target_value"],
        "document_published": done["document_published"], "document_baseline_year": done["document_baseline_year"],
        "model_then": done["document_model"], "prob_then": done["document_prob_meet"],
        "status_then": done["document_status"], "outcome": done["outcome"], "outcome_value": done["outcome_value"],
        "outcome_basis": done["outcome_basis"],
    })
    out["squared_error"] = (out["prob_then"] - (out["outcome"] == "met").astype(float)) ** 2
    return out.reset_index(drop=True)


def brier(calibration: pd.DataFrame) -> dict[str, Any]:
    """Brier score of the calibration table's rows that had a probability (``None`` if none did).

    >>> c = pd.DataFrame({"prob_then": [0.8, float("nan")], "outcome": ["met", "missed"]})
    >>> brier(c)
    {'n_outcomes': 2, 'n_scored': 1, 'brier': 0.04}
    """
    scored = calibration[calibration["prob_then"].notna()]
    score = brier_score(scored["prob_then"].to_list(), (scored["outcome"] == "met").to_list()) if len(scored) else None
    return {"n_outcomes": int(len(calibration)), "n_scored": int(len(scored)),
            "brier": None if score is None else round(score, 6)}


def assessment_for(
    target_id: str,
    view: str = "latest",
    targets: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    inflation_pct: float | None = None,
) -> Assessment:
    """The assessment of one target by id, with its series and projection (for notebooks).

    ``targets`` defaults to :func:`shenyang_analysis.load_targets`, ``history`` to
    :func:`shenyang_analysis.history.load_history` on those targets.

    >>> a = assessment_for("003_2e6eae32420e2f95@620")
    >>> a.row["indicator"], a.row["model"], a.row["status"]
    ('industrial_clusters_scale', 'reference class', 'achieved')
    """
    from . import load_targets
    from .history import load_history

    targets = load_targets() if targets is None else targets
    rows = targets[targets["target_id"] == target_id]
    if rows.empty:
        known = ", ".join(targets.loc[targets["kind"] == "target", "target_id"].astype(str).head(5))
        raise KeyError(f"no target {target_id!r} in the target table (e.g. {known})")
    history = load_history(targets=targets) if history is None else history
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    t = rows.iloc[0].to_dict()
    reason = _skip_reason(t, chosen[["region", "indicator", "unit"]].drop_duplicates())
    if t.get("kind") != "target" or reason:
        raise ValueError(f"{target_id} cannot be assessed: {reason or 'it is an observation, not a target'}")
    pub = publication_dates().get(str(t["doc_id"])) if view == "document" else None
    return assess_target(t, chosen, view, pub, inflation_pct=inflation_pct)


# --------------------------------------------------------------------------- paths and words


def target_paths(a: Assessment, planned: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Growth paths from the baseline to the target year for one assessment (see
    :func:`shenyang_analysis.feasibility.growth_paths`): required, historical, the projection's
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


def _fmt(value: float, unit: str) -> str:
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
    parts = [f"{name}: the target is {comp + ' ' if comp else ''}{_fmt(float(row['target_value']), unit)} in {int(row['year'])}."]
    by = row.get("baseline_year")
    if by is None or pd.isna(by):
        parts.append("No figure from before the target year is known, so nothing can be projected.")
    else:
        req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
        rate = {"level": "% a year (CAGR)", "share": " percentage points a year", "growth": "% (the target is a growth rate)"}[measure]
        need = f"it needs {req:.3g}{rate}" if math.isfinite(req) else "the required growth cannot be computed"
        least = "at least " if row.get("baseline_status") == "lower_bound" else ""
        parts.append(f"From {least}{_fmt(float(row['baseline_value']), unit)} in {int(by)} {need};")
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
                f"{model} puts {int(row['year'])} at {_fmt(proj, unit)} (80% interval {_fmt(float(row['lower80']), unit)} "
                f"to {_fmt(float(row['upper80']), unit)}); the probability of meeting the target is {100 * float(row['prob_meet']):.0f}%."
            )
        else:
            parts.append(f"With {int(row.get('n_obs', 0))} observation(s) no projection is made.")
    if row.get("outcome") in ("met", "missed", "undetermined"):
        settled = {"met": "so the target was met", "missed": "so the target was missed",
                   "undetermined": "a lower bound that does not settle the outcome"}[str(row["outcome"])]
        parts.append(f"{int(row['year'])} has been observed: {_fmt(float(row['outcome_value']), unit)} ({row.get('outcome_basis')}), {settled}.")
    parts.append(f"Status: {row['status']}.")
    return " ".join(parts)


# --------------------------------------------------------------------------- schema


def _bounds_ordered(df: pd.DataFrame) -> pd.Series:
    cols = ["lower95", "lower80", "projection", "upper80", "upper95"]
    present = df[cols].notna().all(axis=1)
    v = df[cols].to_numpy(dtype=float)
    tol = 1e-9 * np.maximum(1.0, np.abs(v).max(axis=1, initial=0.0))
    ordered = np.all(np.diff(v, axis=1) >= -tol[:, None], axis=1)
    none = df[cols].isna().all(axis=1)
    return pd.Series(np.where(present, ordered, none), index=df.index)


def _model_iff_projection(df: pd.DataFrame) -> pd.Series:
    return (df["model"] != "") == df["projection"].notna()


def assessment_schema() -> pa.DataFrameSchema:
    """Types and rules of the assessment table (every contract column present, in order)."""
    cols: dict[str, pa.Column] = {c: pa.Column(d, nullable=True) for c, d in {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}.items()}
    cols["target_id"] = pa.Column("string", unique=True)
    cols["status"] = pa.Column("string", pa.Check.isin(STATUSES))
    cols["progress_class"] = pa.Column("string", pa.Check.isin(PROGRESS_CLASSES))
    cols["outcome"] = pa.Column("string", pa.Check.isin(OUTCOMES))
    cols["comparator"] = pa.Column("string", pa.Check.isin([">=", "<=", "~", "=="]))
    cols["prob_meet"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["document_prob_meet"] = pa.Column("float64", pa.Check.in_range(0.0, 1.0), nullable=True)
    cols["n_obs"] = pa.Column("int64", pa.Check.ge(0))
    return pa.DataFrameSchema(
        cols, strict=True, ordered=True,
        checks=[
            pa.Check(_bounds_ordered, error="lower95 <= lower80 <= projection <= upper80 <= upper95, all or none"),
            pa.Check(_model_iff_projection, error="a model is named exactly when there is a projection"),
        ],
    )


def validate_assessments(df: pd.DataFrame) -> pd.DataFrame:
    """Check the assessment table; a violation raises TableError naming the target_id and rule."""
    try:
        return assessment_schema().validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        ids = df["target_id"].astype(str).to_list() if "target_id" in df.columns else []
        label = (lambda i: f"target_id {ids[i]}") if ids else (lambda i: f"row {i}")
        raise schema_failure(exc, "the assessment table", label, len(df)) from None

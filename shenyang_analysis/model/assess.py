"""One target judged in one view: reading, series, outcome, baseline, projection, status.

For a ``target`` row of the tidy target table whose region and indicator have a history in a
unit it converts to, :func:`assess_target` works out

* the **reading** (:mod:`~shenyang_analysis.model.reading`): the comparator it is judged by
  (``judged_as``: a bare figure is a floor or a ceiling by the indicator's direction, 增长 a
  floor, 下降 a ceiling), a change against a base year annualised, a flow's period;
* the **series**: the chosen figures (conflict rule of the history) since the last recorded
  break, each with its status and bound; a money level continued past its last year with
  its growth rates, real ones made nominal with the implicit GDP deflator of the region, its
  parent or province, or the stated assumption for years without one
  (:mod:`~shenyang_analysis.history.prices`); such years are ``derived`` and ``note`` says how;
* the **view**: ``latest`` uses every year before the target year; ``document`` only years
  before the document's publication year (what its readers could know);
* the **outcome** (:mod:`~shenyang_analysis.model.outcomes`): the target year's figure or an
  interpolation between two that bracket it, settled by its bound and status into ``met``,
  ``missed``, ``likely met``, ``likely missed`` or ``undetermined``, with the chain in
  ``outcome_basis`` (a growth-rate target by the one rule for "met",
  :func:`~shenyang_analysis.model.outcomes.settle_growth`); ``overdue`` when the year has passed (before ``AnalysisParams.as_of_year``)
  and no figure is known;
* the **baseline** (last figure of the view, with its bound), the **required** and
  **historical growth**, their ratio and the Eurostat **progress class**
  (:mod:`~shenyang_analysis.model.feasibility`); a flow of a plan period is compared per year
  with a like period;
* the **projection** and **probability** (:mod:`~shenyang_analysis.model.basis`): own series,
  share of parent, parent series, reference class, or none; ``basis`` says which and
  ``prob_meet_alt`` shows the alternative; a growth-rate target's probability comes from the
  model calibrated on past targets where its evidence transfers (``past targets``, with
  ``prob_meet_low``/``prob_meet_high``, ``probability_basis`` and ``calibration_evidence``;
  :mod:`~shenyang_analysis.model.growth_targets`), its projection view in ``prob_meet_alt``;
* the **status** (:data:`shenyang_analysis.vocab.STATUS_MEANINGS`): in the latest view a
  settled outcome gives ``achieved``/``likely achieved``/``likely missed``/``missed``; a
  baseline that already meets the target (not a flow) gives ``currently meets``; otherwise
  the probability's word (``AnalysisParams.status_thresholds``), or ``insufficient data``
  with ``status_reason`` and ``data_needed``.

>>> t = {"target_id": "d@1", "doc_id": "d", "region": "r", "indicator": "gdp", "indicator_zh": "地区生产总值",
...      "comparator": ">=", "value": 1.5e11, "unit": "yuan", "year": 2025, "range_high": None,
...      "is_growth_rate": False, "is_cumulative": False}
>>> h = pd.DataFrame({"region": "r", "indicator": "gdp", "measure": "level", "unit": "yuan",
...      "year": [2021, 2022, 2023, 2024], "value": [1.0e11, 1.1e11, 1.21e11, 1.331e11],
...      "status": "official", "bound": "exact", "source": "s", "n_sources": 1})
>>> a = assess_target(t, h, breaks=h.iloc[0:0], params=AnalysisParams(inflation_pct=0.0))
>>> a.row["baseline_year"], round(a.row["required_growth"], 2), round(a.row["historical_growth"], 2)
(2024, 12.7, 10.0)
>>> a.row["progress_class"], a.row["model"], a.row["basis"], a.row["status"] in STATUSES
('acceleration needed', 'drift_recent', 'own series', True)
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.panels import outside_view
from ..history.series import load_breaks, series
from ..vocab import MONEY_UNITS, PARENT_REGION, STATUSES, VIEWS  # noqa: F401 (STATUSES: the module doctest)
from .basis import Projection, money_series, project
from .context import Context, build_context, catalog_info
from .feasibility import growth_paths, growth_ratio, historical_growth, progress_class, required_growth, status_from_probability
from .outcomes import OUTCOME_STATUS, settle, settle_growth, target_year_figure
from .reading import Reading, read_target
from .reference_class import MAX_K
from .rows import blank_row, no_status

__all__ = ["GROWTH_UNIT", "Assessment", "NoProjection", "assess_target", "flow_indicators", "target_paths"]

GROWTH_UNIT = {"level": "% a year (CAGR)", "share": "percentage points a year", "growth": "% (growth rate)"}


@dataclass
class Assessment:
    """One target judged in one view: the row, and the series and projection behind it."""

    target: dict[str, Any]
    view: str
    row: dict[str, Any]
    series: pd.Series  # the view's data (years before the cut-off)
    full_series: pd.Series  # every year known now, derived years included
    forecast: Any = None  # a Forecast, a ReferenceClassForecast, a SimulatedForecast, or a NoProjection
    failures: dict[str, str] = field(default_factory=dict)
    alternative: Any = None

    def __post_init__(self) -> None:
        if self.forecast is None:
            self.forecast = NoProjection.of(self.row)


@dataclass(frozen=True)
class NoProjection:
    """The ``forecast`` of an assessment that has no projection: false in a test, no years, and
    :meth:`at` / :meth:`prob` raise a ``ValueError`` that says why there is none.

    >>> f = NoProjection.of({"target_id": "d@1", "year": 2025, "status_reason": "too few observations for a projection"})
    >>> bool(f), f.years
    (False, ())
    >>> f.at(2025)
    Traceback (most recent call last):
    ValueError: d@1: no projection for 2025 (too few observations for a projection)
    """

    target_id: str
    reason: str
    model: str = ""
    years: tuple[int, ...] = ()

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> NoProjection:
        """The placeholder for ``row`` (an assessment row), with the reason it has no projection."""
        outcome, year = str(row.get("outcome") or ""), row.get("year")
        if row.get("status_reason"):
            reason = str(row["status_reason"])
        elif outcome and outcome != "overdue":
            reason = f"the {year} figure settles the target ({outcome}); nothing is projected"
        elif row.get("status") == "currently meets":
            reason = "a figure before the target year already meets the target; nothing is projected"
        else:
            reason = "no model could be fitted to the series"
        return cls(str(row.get("target_id", "")), reason)

    def __bool__(self) -> bool:
        return False

    def at(self, year: int) -> dict[str, float]:
        raise ValueError(f"{self.target_id}: no projection for {year} ({self.reason})")

    def prob(self, threshold: float, comparator: str, year: int) -> float:
        raise ValueError(f"{self.target_id}: no projection for {year} ({self.reason})")


def _measure_for(target: Mapping[str, Any], measures: set[str]) -> str:
    if bool(target.get("is_growth_rate")) and "growth" in measures:
        return "growth"
    if target.get("unit") == "percent" and "share" in measures:
        return "share"
    if "level" in measures:
        return "level"
    return sorted(measures)[0]


def _full_series(t: Mapping[str, Any], ctx: Context, measure: str, unit: str, params: AnalysisParams, notes: list[str]) -> pd.Series:
    """Every year known now since the last break; a money level continued with its growth rates."""
    region, indicator = str(t["region"]), str(t["indicator"])
    if measure == "level" and unit in MONEY_UNITS:
        full = money_series(ctx, region, indicator, params, notes=notes)
    else:
        full = series(ctx.chosen, region, indicator, measure, since_break=True, breaks=ctx.breaks)
        notes += full.attrs.get("notes", [])
    if full.attrs.get("break_year") is not None and full.attrs.get("dropped_years"):
        notes.append(f"series starts after the {full.attrs['break_year']} break")
    return full


def _outcome(row: dict[str, Any], full: pd.Series, reading: Reading, view: str, params: AnalysisParams) -> None:
    """outcome, outcome_value, outcome_basis (with the chain), or overdue."""
    year = row["year"]
    fig = None if reading.period else target_year_figure(full, year, row["measure"], params.max_interpolation_gap)
    if fig is not None:
        high = reading.high if math.isfinite(reading.high) else None
        rule = reading.growth_rule if row["measure"] == "growth" else None  # a rate of the year, by the rule
        row["outcome"] = (settle(fig.value, fig.bound, fig.status, reading.value, reading.comparator, high, params.tolerance)
                          if rule is None else settle_growth(fig.value, fig.bound, fig.status, rule.figure, rule.comparator,
                                                             rule.higher_is_better, rule.high, params.tolerance))
        chain = full.attrs.get("chain", {}).get(year, "")
        bound = {"lower": "a lower bound (at least)", "upper": "an upper bound (below)", "about": "about"}.get(fig.bound, "")
        row.update(outcome_value=fig.value, outcome_basis=", ".join(x for x in (fig.status, bound) if x),
                   outcome_chain="; ".join(x for x in (fig.how, chain, full.attrs.get("detail", {}).get(year, "")) if x))
    elif view == "latest" and year < params.as_of_year:
        row["outcome"] = "overdue"


def _baseline(row: dict[str, Any], s: pd.Series, reading: Reading, is_flow: bool, params: AnalysisParams,
              notes: list[str]) -> bool:
    """Baseline, required and historical growth, progress class; whether the baseline already meets the target."""
    year, measure = row["year"], row["measure"]
    by, bv = int(s.index[-1]), float(s.iloc[-1])
    bound = s.attrs.get("bound", {}).get(by, "exact")
    row.update(baseline_year=by, baseline_value=bv, baseline_status=s.attrs.get("status", {}).get(by, ""), baseline_bound=bound)
    if bound in ("lower", "upper"):
        notes.append(f"baseline {by} is {'a lower bound (at least this)' if bound == 'lower' else 'an upper bound (at most this)'}")
    if reading.period:
        return _flow_pace(row, s, reading, notes)
    try:
        row["required_growth"] = required_growth(measure, bv, by, reading.value, year)
    except ValueError as exc:
        notes.append(f"required growth: {exc}")
    meets = False
    if measure != "growth" and by < year:
        meets = settle(bv, bound, "official", reading.value, reading.comparator, None, params.tolerance) == "met"
        if meets and is_flow:
            meets = False
            notes.append(f"flow indicator: the {by} figure does not count toward {year}")
    try:
        row["historical_growth"] = historical_growth(s, measure, params.historical_window)
    except ValueError:
        pass
    req, hist = row["required_growth"], row["historical_growth"]
    if math.isfinite(req) and math.isfinite(hist):
        ratio = growth_ratio(hist, req)
        row["growth_ratio"] = float("nan") if ratio is None else ratio
        row["progress_class"] = progress_class(hist, req, meets, params.progress_thresholds)
    elif meets:
        row["progress_class"] = "currently meets"
    return meets


def _flow_pace(row: dict[str, Any], s: pd.Series, reading: Reading, notes: list[str]) -> bool:
    """A plan-period flow target against the last like period: the pace a year each needs."""
    first, last = reading.period  # type: ignore[misc]
    need = reading.value / (last - first + 1)
    by, bv = int(s.index[-1]), float(s.iloc[-1])
    source = str(s.attrs.get("source", {}).get(by, ""))
    like = by % 5 == 0 and by == first - 1 and not source.startswith("http")
    pace = bv / 5 if like else bv
    period = f"{by - 4}–{by}" if like else str(by)
    notes.append(f"needs {need:,.0f} a year ({reading.value:,.0f} over {first}–{last}) against {pace:,.0f} a year in {period}")
    ratio = pace / need if need else float("nan")
    row["growth_ratio"] = ratio
    row["progress_class"] = "on track" if ratio >= 0.95 else ("acceleration needed" if ratio >= 0.6 else "limited progress")
    return False


def _growth_probability(row: dict[str, Any], proj: Projection) -> None:
    """A growth-rate target's probability: its model, basis, year-shock range, evidence, projection view beside it."""
    g = proj.growth
    if g is None:
        return
    row.update(model=g.model, basis=proj.basis, probability_basis=g.probability_basis, calibration_evidence=g.evidence)
    if g.low is not None and math.isfinite(g.low):
        row.update(prob_meet_low=g.low, prob_meet_high=g.high)
    if g.alt_prob is not None:
        row.update(prob_meet_alt=g.alt_prob, alt_basis=g.alt_basis)


def _probability(row: dict[str, Any], proj: Projection, reading: Reading, year: int) -> None:
    f = proj.forecast
    if proj.prob is not None:
        row["prob_meet"] = proj.prob
    _growth_probability(row, proj)
    if f is None:
        return
    row.update(f.at(year))
    if proj.growth is not None:
        return
    row["model"] = getattr(f, "model", "") or proj.basis
    row["basis"] = proj.basis
    if proj.prob is None:
        row["prob_meet"] = _prob(f, reading, year)
    if proj.alternative is not None:
        row["prob_meet_alt"] = _prob(proj.alternative, reading, year)
        row["alt_basis"] = proj.alternative_label
    if hasattr(f, "note") and getattr(f, "note", ""):
        row["reference_class"] = f.note
    elif hasattr(f, "details") and "class" in f.details:
        row["reference_class"] = f.details["class"]
    elif hasattr(f, "details") and "reference" in f.details:
        row["reference_class"] = f.details["reference"]


def _prob(f: Any, reading: Reading, year: int) -> float:
    comp = reading.comparator
    if comp == "<" and not hasattr(f, "draws") and not hasattr(f, "quantile_draws"):
        comp = "<="
    if comp == "==" and math.isfinite(reading.high):  # a range: inside [target, high]
        return max(0.0, f.prob(reading.value, ">=", year) - f.prob(reading.high, ">=", year))
    return float(f.prob(reading.value, comp, year))


def _status(row: dict[str, Any], view: str, proj: Projection, meets: bool, params: AnalysisParams) -> str:
    if view == "latest" and row["outcome"] in OUTCOME_STATUS:
        return OUTCOME_STATUS[row["outcome"]]
    if meets:
        return "currently meets"
    p = row["prob_meet"]
    status = status_from_probability(None if math.isnan(p) else p, n_obs=row["n_obs"] if proj.statistical else None,
                                     thresholds=params.status_thresholds, min_obs=params.min_obs_for_status)
    return status


def _basis_range(row: dict[str, Any], t: Mapping[str, Any], ctx: Context, reading: Reading, params: AnalysisParams) -> None:
    """The verdict on the other side of the parent's bridged break (a census revision), when the
    district's figures may not have been revised yet: ``basis_range`` says what it would be."""
    region, indicator, year = str(t["region"]), str(t["indicator"]), int(row["year"])
    parent = PARENT_REGION.get(region)
    if parent is None or row["measure"] != "level" or row["unit"] not in MONEY_UNITS:
        return
    b = ctx.breaks
    bridged = b[(b["region"] == parent) & (b["indicator"] == indicator) & (b["bridge"].fillna("") == "real_growth")
                & (b["year"] <= year)]
    if bridged.empty or len(b[(b["region"] == region) & (b["indicator"] == indicator) & (b["year"] >= int(bridged["year"].max()))]):
        return
    br = int(bridged["year"].max())
    old = money_series(ctx, parent, indicator, params, basis="before")
    new = series(ctx.chosen, parent, indicator, "level", breaks=ctx.breaks)
    value = row["outcome_value"] if math.isfinite(row["outcome_value"]) else row["projection"]
    if br not in old.index or br not in new.index or not math.isfinite(value):
        return
    r = float(new.loc[br]) / float(old.loc[br])
    alt = value * r
    if math.isfinite(row["outcome_value"]) and row["outcome"] not in ("", "overdue"):
        word = settle(alt, "exact", "derived", reading.value, reading.comparator, None, params.tolerance)
        same = "the verdict is the same either way" if word == row["outcome"] else "the verdict depends on the basis"
    else:
        word, same = "projection", ""
    row["basis_range"] = (f"on the basis after {parent}'s {br} revision (its levels {100 * (r - 1):+.1f}%): "
                          f"{alt / 1e8:,.1f}亿元 ({word}){'; ' + same if same else ''}")


def _interim(t: Mapping[str, Any], ctx: Context, notes: list[str]) -> None:
    """Partial-year figures of the target year (``_interim``, ``_h1`` ids), named but not used as the year's."""
    year = int(t["year"])
    for suffix in ("_interim", "_h1"):
        rows = ctx.chosen[(ctx.chosen["region"] == str(t["region"])) & (ctx.chosen["indicator"] == f"{t['indicator']}{suffix}")
                          & (ctx.chosen["year"] == year)]
        for _, r in rows.iterrows():
            bound = {"upper": "below ", "lower": "at least ", "about": "about "}.get(str(r.get("bound", "exact")), "")
            notes.append(f"a partial-year figure for {year}: {bound}{float(r['value']):,.0f} ({r['source_detail']}), not the year's")


def _outside(row: dict[str, Any], notes: list[str]) -> None:
    """The panel's outside view of the required nominal CAGR, for money levels."""
    req, year, by = row["required_growth"], row["year"], int(row["baseline_year"])
    if row["measure"] == "level" and row["unit"] in MONEY_UNITS and math.isfinite(req) and 1 <= year - by <= MAX_K:
        ov = outside_view(req, year - by)
        row.update(outside_share_all=ov.share_overall, outside_share_recent=ov.share_recent,
                   outside_share_northeast=ov.share_northeast, outside_percentile=ov.percentile)
        if ov.share_overall == 0:
            notes.append(f"no city in the panel grew {req:.1f}% a year over {year - by} years")


def assess_target(
    target: Mapping[str, Any],
    chosen: pd.DataFrame,
    view: str = "latest",
    published: dt.date | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    breaks: pd.DataFrame | None = None,
    context: Context | None = None,
) -> Assessment:
    """Judge one target (a row of the target table) against the chosen history.

    ``chosen`` is the history with conflicts resolved (:func:`~shenyang_analysis.history.conflicts.resolve_conflicts`);
    it must hold the target's region and indicator (:func:`~shenyang_analysis.model.assessments.assess`
    checks and gives reasons). ``view`` is ``latest`` or ``document`` (needs ``published``);
    ``context`` (:func:`~shenyang_analysis.model.context.build_context`) is built when not given.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be 'latest' or 'document', not {view!r}")
    if view == "document" and published is None:
        raise ValueError("the document view needs the document's publication date")
    ctx = context if context is not None else build_context(chosen, load_breaks() if breaks is None else breaks)
    t = dict(target)
    mine = ctx.chosen[(ctx.chosen["region"] == str(t["region"])) & (ctx.chosen["indicator"] == str(t["indicator"]))]
    measure = _measure_for(t, set(mine["measure"]))
    history_unit = str(mine.loc[mine["measure"] == measure, "unit"].iloc[0]) if (mine["measure"] == measure).any() else str(t["unit"])
    notes: list[str] = []
    indicator = str(t["indicator"])
    reading = read_target(t, ctx.direction(indicator), ctx.is_flow(indicator), ctx.genres.get(str(t.get("doc_id"))),
                          history_unit, params)
    notes += reading.notes
    full = _full_series(t, ctx, measure, reading.unit, params, notes)
    year = int(t["year"])
    cutoff = year if view == "latest" else min(year, published.year)  # type: ignore[union-attr]
    s = full[full.index < cutoff]
    s.attrs = dict(full.attrs)
    row = blank_row(t, measure, view, s, reading, GROWTH_UNIT)
    _outcome(row, full, reading, view, params)
    proj, meets = Projection(), False
    if len(s):
        meets = _baseline(row, s, reading, ctx.is_flow(indicator), params, notes)
        if not reading.period:
            proj = project(t, s, measure, reading, cutoff, ctx, params)
            notes += proj.notes
            _probability(row, proj, reading, year)
        _outside(row, notes)
    if view == "latest":
        _basis_range(row, t, ctx, reading, params)
        _interim(t, ctx, notes)
    row["status"] = _status(row, view, proj, meets, params)
    if row["status"] == "insufficient data":
        row["status_reason"], row["data_needed"] = no_status(row, t, s, reading, proj, params)
    if row["outcome"] == "overdue" and math.isfinite(row["prob_meet"]):
        notes.append(f"{year} has passed with no figure: the probability is as of the data to {row['data_until']}, not a live forecast")
    if row["outcome"] and row["outcome"] != "overdue":
        notes.append(f"{year}: {row['outcome']} ({row['outcome_chain']})")
    row["note"] = "; ".join(dict.fromkeys(n for n in notes if n))
    return Assessment(target=t, view=view, row=row, series=s, full_series=full, forecast=proj.forecast,
                      alternative=proj.alternative)


def flow_indicators() -> frozenset[str]:
    """Catalog indicators measured as flows (counted over a year or a period, not a stock).

    >>> "urban_employment_new" in flow_indicators(), "gdp" in flow_indicators()
    (True, False)
    """
    return frozenset(k for k, v in catalog_info()[0].items() if v == "flow")


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
    if a.forecast:
        years = [y for y in a.forecast.years]
        projection = pd.Series([a.forecast.at(y)["projection"] for y in years], index=years)
    hist = r["historical_growth"] if math.isfinite(r["historical_growth"]) else None
    target = r.get("judged_value", r["target_value"])
    return growth_paths(r["measure"], int(r["baseline_year"]), float(r["baseline_value"]), int(r["year"]),
                        float(target), historical=hist, projection=projection, planned=dict(planned or {}))

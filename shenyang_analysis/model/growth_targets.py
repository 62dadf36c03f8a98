"""The probability that a growth-rate target (增长8%以上) is met: one function, two views.

:func:`prob_meet_growth_target` is the single place where a growth-rate target of the
assessments gets its probability. "Met" is the one rule of
:mod:`~shenyang_analysis.model.target_rule` (floors and ceilings by wording and direction, about
with a one-sided shortfall of ``tolerance``), and the answer comes from

* the **model calibrated on past targets** (``past targets``:
  :func:`~shenyang_analysis.model.target_probability.growth_target_probability`, fitted on 1,836
  annual GDP-growth targets of Chinese prefecture-level cities and their outcomes) when its
  evidence transfers (:func:`calibration_applies`): an indicator of
  ``AnalysisParams.calibrated_growth_indicators`` (real GDP growth), a region of
  ``calibrated_growth_levels`` (a city), one year's rate (not a plan's yearly average nor a
  change against a base year), a rate that should rise (a floor or an about-target), and the
  growth of the year before known, and the target and that growth inside the central 98 % of the
  calibration data (``AnalysisParams.calibrated_extrapolation``: outside it the projection view
  answers and the calibrated figure is shown beside it, not used). The result carries the probability in a bad and a good year
  (the year shock), the model's one-line basis (an extrapolation flagged), the calibration
  evidence of the rolling test, and the projection view beside it (``prob_meet_alt``);
* the **projection view** (``own series``) otherwise: the default model (fallback if it cannot
  be fitted) on the rate's own last run of at least ``min_own_points`` consecutive years, the
  probability of the rule's event, uncalibrated, with the reason the calibration does not apply;
* nothing when neither can answer, saying why.

>>> import pandas as pd
>>> g = pd.Series([6.0, 5.5, 5.8, 5.2, 5.0], index=range(2019, 2024))
>>> r = prob_meet_growth_target(g, GrowthTarget(5.5, ">=", indicator="exports_growth", level="city"), 2024)
>>> r.basis, r.model, 0.0 < r.prob < 0.5, r.probability_basis.startswith("projection view only")
('own series', 'drift_recent', True, True)
>>> c = prob_meet_growth_target(g + 5, GrowthTarget(10.5, ">=", indicator="gdp_real_growth", level="city"), 2024)
>>> c.basis, c.model, c.low < c.prob < c.high, c.evidence.startswith("Of the targets given")
('past targets', 'combined_no_parent', True, True)
>>> x = prob_meet_growth_target(g, GrowthTarget(5.5, ">=", indicator="gdp_real_growth", level="city"), 2024)
>>> x.basis, x.alt_basis.startswith("calibrated model, not used"), "extrapolate" in x.probability_basis
('own series', True, True)
>>> prob_meet_growth_target(g.iloc[-2:], GrowthTarget(5.5, indicator="exports_growth"), 2024).prob is None
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.series import trailing_run
from ..vocab import PARENT_REGION
from .projections import ModelError, fit_forecast
from .target_probability import (
    GrowthTargetProbability, TargetModelSet, calibration_evidence, growth_target_probability, load_calibration_bins,
    load_target_model,
)
from .reading import GrowthRule
from .target_rule import growth_target_event, growth_target_threshold

__all__ = ["GrowthTarget", "GrowthTargetResult", "calibration_applies", "prob_meet_growth_target", "growth_target_of",
           "parent_growth_targets"]

#: the comparators of a parent's growth target that name a figure the city can be compared with
_PARENT_COMPARATORS = frozenset({">=", "==", "~"})


@dataclass(frozen=True)
class GrowthTarget:
    """A growth-rate target as the rule reads it, and what decides whether the calibration applies."""

    figure: float
    comparator: str = ">="
    higher_is_better: bool = True
    high: float | None = None  # a range's high end (comparator ``==``)
    indicator: str = ""
    level: str = ""  # the region's administrative level (city, district, …)
    annual: bool = True  # one year's rate, not a yearly average over a plan or a change since a base year
    parent_target: float | None = None  # the parent region's growth target for the same year
    parent: str = ""  # the parent region, named in the basis


@dataclass
class GrowthTargetResult:
    """The probability (None when there is none), what it rests on, and the projection view beside it."""

    prob: float | None
    forecast: Any = None  # the projection view of the rate (its columns in the row), or None
    model: str = ""
    notes: list[str] = field(default_factory=list)
    basis: str = ""  # a word of vocab.BASES: ``past targets``, ``own series`` or ""
    low: float | None = None  # the calibrated probability in a bad year (year shock)
    high: float | None = None  # … and in a good one
    probability_basis: str = ""  # one line: the model, its data and the target's features, or why the projection view
    evidence: str = ""  # the calibration evidence sentence of the rolling test
    alt_prob: float | None = None  # the projection view's probability beside a calibrated one
    alt_basis: str = ""


def calibration_applies(target: GrowthTarget, params: AnalysisParams = DEFAULT_PARAMS) -> str:
    """"" when the calibrated model's evidence transfers to ``target``, else why it does not.

    >>> calibration_applies(GrowthTarget(5.5, indicator="gdp_real_growth", level="city"))
    ''
    >>> calibration_applies(GrowthTarget(-3.0, "==", False, indicator="energy_intensity_change", level="city"))
    'the calibration is on real GDP-growth targets (gdp_real_growth), not energy_intensity_change'
    """
    if target.indicator not in params.calibrated_growth_indicators:
        return (f"the calibration is on real GDP-growth targets ({', '.join(params.calibrated_growth_indicators)}), "
                f"not {target.indicator or 'this rate'}")
    if target.level not in params.calibrated_growth_levels:
        return (f"the calibration is on targets of prefecture-level cities, not a {target.level or 'region of unknown level'}'s"
                f" (levels covered: {', '.join(params.calibrated_growth_levels)})")
    if not target.annual:
        return "the calibration is on one year's growth, not a yearly average over several years"
    if growth_target_event(target.comparator, target.higher_is_better, target.high) is None:
        return "the calibrated model covers rates that should rise, floors and about-targets, not ceilings or falls"
    return ""


def _projection_view(series: pd.Series, threshold: float, direction: str, year: int,
                     params: AnalysisParams) -> tuple[Any, float | None, list[str]]:
    """(forecast, P(rate ``direction`` ``threshold``), notes) from the rate's own last run."""
    run = trailing_run(series)
    if len(run) < params.min_own_points:
        return None, None, [f"{len(run)} consecutive year(s) of the rate: too few for a projection "
                            f"(needs {params.min_own_points})"]
    notes: list[str] = []
    for m in dict.fromkeys((params.model, params.fallback_model)):
        try:
            f = fit_forecast(run, year, m, scale="level", params=params)
        except (ModelError, ValueError) as exc:
            notes.append(f"{m} not fitted: {exc}")
            continue
        return f, float(f.prob(threshold, direction, year)), notes
    return None, None, notes


def _view_words(forecast: Any, threshold: float, direction: str, year: int) -> str:
    n = len(forecast.mean) if forecast is not None else 0
    at = forecast.at(year)["projection"] if forecast is not None else math.nan
    return (f"P(growth {direction} {threshold:g} %) from {forecast.model} on the rate's own series "
            f"(to {forecast.last_year}; {at:.1f} % projected for {year}, {n} year(s) ahead), uncalibrated")


def _evidence(p: GrowthTargetProbability, bins: pd.DataFrame | None = None) -> str:
    """The rolling test's evidence for the model that answered (the headline's when it was not scored apart)."""
    bins = load_calibration_bins() if bins is None else bins
    if (bins["model"] == p.model).any():
        return calibration_evidence(p.prob, bins, model=p.model, event=p.event)
    headline = load_target_model().headline
    return (calibration_evidence(p.prob, bins, model=headline, event=p.event)
            + f" That test scored {headline}, with the province's target; {p.model} was not scored apart.")


def _calibrated(series: pd.Series, target: GrowthTarget, year: int, params: AnalysisParams,
                model_set: TargetModelSet | None) -> GrowthTargetProbability:
    return growth_target_probability(series, target.figure, target.comparator, year, target.parent_target, params,
                                     model_set, target.higher_is_better, target.high)


def _projection_evidence(prob: float, event: str) -> str:
    """The rolling test's evidence for the projection view alone, on the same targets."""
    text = calibration_evidence(prob, model="projection", event=event)
    return "The projection view alone, in the same test: " + text[0].lower() + text[1:]


def prob_meet_growth_target(series: pd.Series, target: GrowthTarget, year: int, params: AnalysisParams = DEFAULT_PARAMS,
                            model_set: TargetModelSet | None = None) -> GrowthTargetResult:
    """P(the rate of ``year`` meets ``target``) from the rate's history before ``year`` (module docstring)."""
    threshold, direction = growth_target_threshold(target.figure, target.comparator, target.higher_is_better,
                                                   target.high, params.tolerance)
    forecast, p_view, notes = _projection_view(series, threshold, direction, int(year), params)
    view = _view_words(forecast, threshold, direction, year) if forecast is not None else ""
    why, evidence = calibration_applies(target, params), ""
    if not why:
        p = _calibrated(series, target, int(year), params, model_set)
        if p.event and p.extrapolation and not params.calibrated_extrapolation:
            return _extrapolation_declined(p, forecast, p_view, view, notes)
        if p.event:
            parent = ("" if target.parent_target is not None else
                      f"; no {year} growth target of {target.parent or 'the parent region'} in the data, so the model "
                      "without the parent's target")
            alt = f"projection view alone: {forecast.model} on its own series, uncalibrated" if forecast is not None else ""
            return GrowthTargetResult(p.prob, forecast, p.model, notes, "past targets", p.low, p.high, p.basis + parent,
                                      _evidence(p), p_view, alt)
        why = f"the calibrated model needs the growth of {int(year) - 1}, which is not known"
        event = growth_target_event(target.comparator, target.higher_is_better, target.high) or ""
        evidence = _projection_evidence(p_view, event) if p_view is not None else ""
    if p_view is None:
        return GrowthTargetResult(None, None, "", notes,
                                  probability_basis=f"no probability: {why}; and {notes[-1] if notes else 'no projection'}")
    return GrowthTargetResult(p_view, forecast, forecast.model, notes, "own series",
                              probability_basis=f"projection view only ({why}): {view}",
                              evidence=evidence or f"No calibration evidence: {why}.")


def _extrapolation_declined(p: GrowthTargetProbability, forecast: Any, p_view: float | None, view: str,
                            notes: list[str]) -> GrowthTargetResult:
    """The calibrated model would extrapolate (``AnalysisParams.calibrated_extrapolation``): the projection
    view answers, the calibrated figure stands beside it; with no projection either, no probability."""
    why = "the calibrated model would extrapolate beyond its data, so it does not answer"
    declined = f"calibrated model, not used: {_pct_text(p.prob)} ({p.model}; {p.basis})"
    if p_view is None:
        return GrowthTargetResult(None, None, "", notes, probability_basis=f"no probability: {why}; and no projection",
                                  alt_prob=p.prob, alt_basis=declined)
    return GrowthTargetResult(p_view, forecast, forecast.model, notes, "own series",
                              probability_basis=f"projection view only ({why}): {view}",
                              evidence=f"No calibration evidence: {why}.", alt_prob=p.prob, alt_basis=declined)


def _pct_text(x: float) -> str:
    return f"{100 * x:.0f} %"


def growth_target_of(t: Mapping[str, Any], rule: GrowthRule, base_year: int | None = None,
                     parents: Mapping[tuple[str, str, int], float] | None = None) -> GrowthTarget:
    """The :class:`GrowthTarget` of a row of the target table read by ``rule``, with its parent's target if known.

    >>> t = {"region": "shenyang", "indicator": "gdp_real_growth", "year": 2025, "level": "city"}
    >>> g = growth_target_of(t, GrowthRule(5.5, ">=", True), parents={("liaoning", "gdp_real_growth", 2025): 5.5})
    >>> g.parent, g.parent_target, g.annual
    ('liaoning', 5.5, True)
    """
    region, indicator = str(t["region"]), str(t.get("indicator") or "")
    parent = PARENT_REGION.get(region, "")
    return GrowthTarget(rule.figure, rule.comparator, rule.higher_is_better, rule.high, indicator,
                        str(t.get("level") or ""), _one_year(t) and base_year is None,
                        (parents or {}).get((parent, indicator, int(t["year"]))), parent)


def parent_growth_targets(targets: pd.DataFrame) -> dict[tuple[str, str, int], float]:
    """(region, indicator, year) → the region's growth-rate target figure, for its children's parent gap.

    Only one year's targets naming a figure (``>=``, ``==``, ``~``; not a yearly average nor a
    change against a base year); the first statement of a key wins.

    >>> t = pd.DataFrame({"region": ["liaoning", "liaoning"], "indicator": "gdp_real_growth", "year": 2025,
    ...                   "comparator": ["~", ">="], "value": [5.5, 6.0], "is_growth_rate": True, "kind": "target"})
    >>> parent_growth_targets(t)
    {('liaoning', 'gdp_real_growth', 2025): 5.5}
    """
    out: dict[tuple[str, str, int], float] = {}
    for r in targets.to_dict("records"):
        if not (r.get("kind", "target") == "target" and bool(r.get("is_growth_rate")) and _one_year(r)
                and r.get("comparator") in _PARENT_COMPARATORS and not pd.isna(r.get("indicator"))
                and not pd.isna(r.get("year"))):
            continue
        out.setdefault((str(r["region"]), str(r["indicator"]), int(r["year"])), float(r["value"]))
    return out


def _one_year(t: Mapping[str, Any]) -> bool:
    """A target for one year's rate: not a yearly average (年均) and not a change against a base year."""
    base, per_year = t.get("base_year"), t.get("is_per_year")
    return not (per_year is not None and not pd.isna(per_year) and bool(per_year)) and (base is None or pd.isna(base))

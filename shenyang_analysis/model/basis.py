"""Which projection a target gets: its own series, a share of its parent, a borrowed rate, a reference class.

:func:`project` tries, in order, and says which basis it used (:data:`shenyang_analysis.vocab.BASES`):

1. a growth-rate target: :func:`~shenyang_analysis.model.growth_targets.prob_meet_growth_target`
   (``past targets``: the model calibrated on past city GDP-growth targets where its evidence
   transfers, else the rate's ``own series``), by the one rule for "met";
2. **own series**: at least ``AnalysisParams.min_own_points`` consecutive years: the default
   model (fallback if it cannot be fitted); a money level at constant prices, repriced
   (:mod:`~shenyang_analysis.model.money`);
3. **share of parent**: a district level whose parent city has the same indicator in the same
   unit (:mod:`~shenyang_analysis.model.share_of_parent`);
4. **parent series** / **reference class** for a rate with a provinces' reference class
   (:mod:`~shenyang_analysis.model.borrowed_rate`);
5. **short series** for a count with two or more figures: its own trend, the variability
   pooled from the history's other counts (:mod:`~shenyang_analysis.model.short_series`);
6. **reference class** for a money level: comparable cities' real growth, repriced
   (:mod:`~shenyang_analysis.model.reference_class`);
7. nothing: no projection, never a made-up number.

Each result may carry an alternative (another sample or basis) whose probability the
assessment shows beside the headline one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..config import AnalysisParams
from ..history.series import extend_by_growth, growth_companion, series, trailing_run
from ..vocab import MONEY_UNITS, PARENT_REGION
from .borrowed_rate import RATE_CLASSES, borrowed_rate_forecast, province_changes
from .context import Context
from .growth_targets import GrowthTargetResult, growth_target_of, prob_meet_growth_target
from .money import constant_price_forecast
from .projections import ModelError, choose_scale, fit_forecast
from .reading import Reading
from .reference_class import MAX_K, reference_class_forecast
from .share_of_parent import share_of_parent_forecast
from .short_series import short_series_forecast

__all__ = ["Projection", "project", "money_series", "parent_series"]


@dataclass
class Projection:
    """A projection (or none), what it rests on, and an alternative view."""

    forecast: Any = None
    basis: str = ""
    prob: float | None = None  # set directly by the growth-target function
    alternative: Any = None
    alternative_label: str = ""
    statistical: bool = False  # a model of the series itself: the min_obs_for_status rule applies
    notes: list[str] = field(default_factory=list)
    growth: GrowthTargetResult | None = None  # a growth-rate target: the probability's model, basis and evidence


def money_series(ctx: Context, region: str, indicator: str, params: AnalysisParams, basis: str = "latest",
                 notes: list[str] | None = None) -> pd.Series:
    """A money level since its last break, continued past its last year with its growth rates."""
    full = series(ctx.chosen, region, indicator, "level", since_break=True, breaks=ctx.breaks, basis=basis)
    if notes is not None:
        notes += full.attrs.get("notes", [])
    companion = growth_companion(ctx.chosen, region, indicator)
    if companion is None or not len(full):
        return full
    name, growth = companion
    real = "real" in name
    prices = ctx.price_path(region, int(full.index.max()), int(max(growth.index.max(), full.index.max())), params) if real else None
    attrs = dict(full.attrs)
    out, chain = extend_by_growth(full, growth, real=real, prices=prices)
    g_status = series(ctx.chosen, region, name, "growth", since_break=False, breaks=ctx.breaks).attrs.get("status", {})
    new = [int(y) for y in out.index.difference(full.index)]
    for key in ("status", "bound"):
        attrs[key] = {**attrs.get(key, {}), **{y: ("derived" if key == "status" else "exact") for y in new}}
    attrs["chain"] = {}
    for y, text in zip(new, chain):
        base = attrs["status"].get(y - 1, "")
        attrs["chain"][y] = (f"{y} = {y - 1} level {out.loc[y - 1] / 1e8:,.1f}亿元 ({base}) × {name} of {y} "
                             f"{float(growth.loc[y]):g}% ({g_status.get(y, '')})" + (
                                 f" × prices {100 * (prices.changes[y] - 1):+.2f}% ({prices.sources[y]})" if prices else ""))
    out.attrs = attrs
    if notes is not None:
        notes += chain
    return out


def parent_series(ctx: Context, region: str, indicator: str, unit: str, params: AnalysisParams) -> tuple[str, pd.Series] | None:
    """The parent's series of the same indicator and unit, on the district's basis (before a bridged break)."""
    parent = PARENT_REGION.get(region)
    if parent is None:
        return None
    rows = ctx.chosen[(ctx.chosen["region"] == parent) & (ctx.chosen["indicator"] == indicator) & (ctx.chosen["unit"] == unit)]
    if rows.empty:
        return None
    if unit in MONEY_UNITS:
        s = money_series(ctx, parent, indicator, params, basis="before")
    else:
        s = series(ctx.chosen, parent, indicator, str(rows["measure"].iloc[0]), breaks=ctx.breaks)
    return (parent, s) if len(s) else None


def _own(s: pd.Series, measure: str, unit: str, region: str, year: int, ctx: Context, params: AnalysisParams, notes: list[str],
         until: int | None = None) -> Any:
    run = trailing_run(s)
    for m in dict.fromkeys((params.model, params.fallback_model)):
        try:
            if measure == "level" and unit in MONEY_UNITS and (run > 0).all():
                prices = ctx.price_path(region, int(run.index[0]), year, params, until)
                return constant_price_forecast(run, prices, year, m, params)
            return fit_forecast(run, year, m, scale=choose_scale(run.to_numpy(), measure), params=params)
        except (ModelError, ValueError) as exc:
            notes.append(f"{m} not fitted: {exc}")
    return None


def _share_of_parent(t: dict, s: pd.Series, cutoff: int, ctx: Context, params: AnalysisParams, notes: list[str]) -> Projection | None:
    found = parent_series(ctx, str(t["region"]), str(t["indicator"]), str(t["unit"]), params)
    if found is None:
        return None
    parent, p = found
    year = int(t["year"])
    known = p[p.index <= year] if cutoff == year else p[p.index < cutoff]
    district = s[[s.attrs.get("bound", {}).get(int(y), "exact") in ("exact", "about") for y in s.index]]
    parent_fc = None
    if year not in known.index:
        parent_fc = _own(known[known.index < year], "level", str(t["unit"]), parent, year, ctx, params, notes, cutoff) \
            if len(trailing_run(known)) >= params.min_own_points else None
    sd, label = ctx.drift_sd(params)
    f = share_of_parent_forecast(district, known, parent_fc, year, sd, params)
    if f is None:
        return None
    f.details["reference"] = label
    notes.append(f"share of {parent}: {f.details['method']}; shares {f.details['share_points']}; {f.details['parent']}; "
                 f"share drift sd {sd:.3f}/yr ({label})")
    return Projection(f, "share of parent", notes=[])


def _borrowed(t: dict, s: pd.Series, cutoff: int, ctx: Context, params: AnalysisParams, notes: list[str]) -> Projection | None:
    indicator, region = str(t["indicator"]), str(t["region"])
    if indicator not in RATE_CLASSES or not len(s):
        return None
    parent = PARENT_REGION.get(region)
    rows = ctx.chosen[(ctx.chosen["region"] == parent) & (ctx.chosen["indicator"] == indicator) & (ctx.chosen["measure"] == "share")]
    p = pd.Series(rows["value"].to_numpy(float), index=rows["year"].astype(int).to_numpy()).sort_index()
    p = p[p.index < cutoff]
    changes, label = province_changes(indicator, params.reference_class, params)
    head, alt = borrowed_rate_forecast(float(s.iloc[-1]), int(s.index[-1]), int(t["year"]), p, changes, label, params)
    if head.details["basis"] == "parent series":
        notes.append(f"parent series: {parent} {head.details['parent_points']} → {head.details['center_pp']:+.3f} points a year, "
                     f"spread of the {label}")
    else:
        notes.append(f"reference class: {label}" + (f"; {parent} has fewer than two figures" if parent else ""))
    return Projection(head, head.details["basis"], alternative=alt, alternative_label="reference class alone" if alt else "")


def _reference_class(t: dict, s: pd.Series, cutoff: int, ctx: Context, params: AnalysisParams,
                     notes: list[str]) -> Projection | None:
    by, year, region = int(s.index[-1]), int(t["year"]), str(t["region"])
    if not (float(s.iloc[-1]) > 0 and 1 <= year - by <= MAX_K):
        return None
    prices = ctx.price_path(region, by, year, params, cutoff)
    factors = {y: prices.factor(by, y) for y in range(by + 1, year + 1)}
    f = reference_class_forecast(by, float(s.iloc[-1]), year, params.reference_class, price_factors=factors,
                                 min_windows=params.reference_min_windows, tolerance=params.tolerance)
    other = "recent" if f.sample != "recent" else "northeast"
    alt = reference_class_forecast(by, float(s.iloc[-1]), year, other, price_factors=factors,
                                   min_windows=params.reference_min_windows, tolerance=params.tolerance)
    notes.append(f"reference class: {f.note}, repriced ({prices.note() or 'deflators known'})")
    return Projection(f, "reference class", alternative=alt if alt.sample != f.sample else None,
                      alternative_label=f"{alt.sample} cities" if alt.sample != f.sample else "")


def _short_series(t: dict, s: pd.Series, ctx: Context, params: AnalysisParams, notes: list[str]) -> Projection | None:
    exact = s[[s.attrs.get("bound", {}).get(int(y), "exact") in ("exact", "about") for y in s.index]]
    exact = exact[exact > 0]
    if len(exact) < 2:
        return None
    sigma, df, label = ctx.count_scale(str(t["indicator"]))
    if not (sigma > 0 and df >= 1):
        return None
    f = short_series_forecast(exact, int(t["year"]), sigma, df, params)
    f.details["reference"] = f"variability pooled from {label}"
    notes.append(f"short series: own trend {f.details['trend_pct']:+.1f}% a year from {len(exact)} figures, "
                 f"yearly log-change σ {sigma:.3f} pooled from {label}")
    return Projection(f, "short series")


def project(t: dict, s: pd.Series, measure: str, reading: Reading, cutoff: int, ctx: Context,
            params: AnalysisParams) -> Projection:
    """The projection for the target's year from the view's series ``s`` (see the module docstring)."""
    notes: list[str] = []
    year, unit, region = int(t["year"]), str(t["unit"]), str(t["region"])
    if measure == "growth" and reading.growth_rule is not None:
        g = growth_target_of(t, reading.growth_rule, reading.base_year, ctx.growth_targets)
        r = prob_meet_growth_target(s, g, year, params)
        return Projection(r.forecast, r.basis, r.prob, statistical=r.basis == "own series", notes=r.notes, growth=r)
    run = trailing_run(s)
    if len(run) >= params.min_own_points:
        f = _own(s, measure, unit, region, year, ctx, params, notes, cutoff)
        if f is not None:
            return Projection(f, "own series", statistical=True, notes=notes)
    for attempt in (
        lambda: _share_of_parent(t, s, cutoff, ctx, params, notes) if measure == "level" else None,
        lambda: _borrowed(t, s, cutoff, ctx, params, notes) if measure == "share" else None,
        lambda: _short_series(t, s, ctx, params, notes) if measure == "level" and unit == "count" else None,
        lambda: _reference_class(t, s, cutoff, ctx, params, notes) if measure == "level" and unit in MONEY_UNITS and len(s) else None,
    ):
        p = attempt()
        if p is not None:
            p.notes = notes + p.notes
            return p
    notes.append(f"{len(run)} consecutive year(s): too few for a projection, and nothing to borrow from")
    return Projection(notes=notes)

"""The probability that a growth-rate target is met, for the assessments and reports.

:func:`growth_target_probability` judges one annual growth target (地区生产总值增长6%以上)
from the region's growth history with the model calibrated on 1,836 past targets of Chinese
cities (:mod:`~shenyang_analysis.model.target_logit`, fitted by
``benchmarks/target_calibration.py --write`` into ``data/derived/target_model.json``):

* "met" follows the rule of :mod:`~shenyang_analysis.model.target_rule`: ``>=`` and a bare
  figure are floors (growth at or above the figure), ``~`` (左右) allows a shortfall of
  ``tolerance`` × |figure|, an overshoot is never a miss; the model of the matching event
  (``floor`` or ``about``) answers;
* ``combined`` when the parent's (province's) target is given, ``combined_no_parent``
  otherwise: the target-setting view (ambition against last year's growth, 以上 or not, gap to
  the parent's target) and the projection view, with the year-wide shock integrated out; with
  the suffix ``_recal`` when the pre-registered rule kept the second stage (beta calibration
  fitted on the rolling test's out-of-sample predictions) — the model file's ``headline``;
* ``projection`` when the calibrated model does not apply: a ceiling (``<=``), a rate that
  should fall (``higher_is_better=False``), or no growth figure for the year before the target
  year; ``projection_recal`` when the projection view's PIT recalibration passed its rule and
  the target year is the year after the last figure (the horizon the evidence covers);
* nothing (``insufficient data``, probability NaN) without a projection either.

:func:`recalibrated_growth_projection` gives the assessments a growth-rate series' projection
for the next year with its probabilities and intervals recalibrated the same way.
:func:`calibration_evidence` is the sentence a report prints: how often targets given about this
probability were met in the rolling test.

>>> import pandas as pd
>>> h = pd.Series([8.0, 7.5, 7.0, 6.8, 6.5], index=range(2019, 2024))
>>> r = growth_target_probability(h, 6.0, ">=", 2024, parent_target=5.5)
>>> r.model.startswith("combined"), r.event, 0.0 < r.prob < 1.0, r.low < r.prob < r.high
(True, 'floor', True, True)
>>> growth_target_probability(h, 6.0, "~", 2024).event
'about'
>>> calibration_evidence(0.62, model="combined").startswith("Of the targets given 60–70 %")
True
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams, paths
from ..vocab import COMPARATORS, GROWTH_EVENTS
from .target_features import GrowthProjection, growth_target_features, predictive_cdf, predictive_ppf, project_growth
from .target_logit import YearLogit
from .target_recalibration import RECALIBRATED_MODEL, BetaMap, PitMap
from .target_rule import growth_target_event, growth_target_threshold

__all__ = ["COMPARATOR_OF", "GrowthTargetProbability", "EventModels", "TargetModelSet", "load_target_model",
           "load_calibration_bins", "load_calibration_years", "growth_target_probability", "RecalibratedGrowthProjection",
           "recalibrated_growth_projection", "calibration_evidence"]

#: wording → comparator (the comparators of the target table are accepted as they are)
COMPARATOR_OF: dict[str, str] = {"above": ">=", "以上": ">=", "plain": "==", "左右": "~"} | {c: c for c in COMPARATORS}


@dataclass(frozen=True)
class GrowthTargetProbability:
    """The probability, its range over the year shock, the model and event that gave it, and a one-line basis."""

    prob: float
    low: float
    high: float
    model: str
    basis: str
    event: str = ""  # floor, about, or "" when the calibrated model does not apply
    #: the target or the recent growth lies outside the central 98 % of the calibration data
    extrapolation: bool = False


@dataclass(frozen=True)
class EventModels:
    """One event's fitted logits, its second-stage map and its rolling test's scores."""

    models: dict[str, YearLogit]
    recalibration: BetaMap
    rolling: dict
    #: the second stage of each year of the rolling test (fitted on earlier years only)
    by_year: dict[int, BetaMap] = field(default_factory=dict)


@dataclass(frozen=True)
class TargetModelSet:
    """The committed fitted models and maps, the headline model the rule picked, and where they came from."""

    events: dict[str, EventModels]
    headline: str
    pit: PitMap
    pit_adopted: bool
    source: str
    path: Path
    #: the projection view's interval coverage per scored year and pooled, before and after the PIT recalibration
    pit_coverage: tuple[dict, ...] = ()

    @property
    def models(self) -> dict[str, YearLogit]:
        """The floor event's logits."""
        return self.events["floor"].models

    @property
    def rolling(self) -> dict:
        """The floor event's rolling test (first, last, scores per model)."""
        return self.events["floor"].rolling


def load_target_model(path: str | Path | None = None) -> TargetModelSet:
    """The fitted models of ``data/derived/target_model.json`` (a clear error when missing or unreadable)."""
    path = Path(path) if path is not None else paths().target_model_json
    try:
        stat = path.stat()
    except OSError as exc:
        raise FileNotFoundError(f"{path}: no fitted growth-target model ({exc.strerror}); "
                                "run benchmarks/target_calibration.py --write") from None
    return _read_model(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _read_model(path_text: str, mtime_ns: int, size: int) -> TargetModelSet:
    try:
        doc = json.loads(Path(path_text).read_text(encoding="utf-8"))
        events = {e: EventModels({k: YearLogit.from_dict(v) for k, v in doc["events"][e]["models"].items()},
                                 BetaMap.from_dict(doc["events"][e]["recalibration"]),
                                 dict(doc["events"][e]["rolling_test"]),
                                 {int(y): BetaMap.from_dict(m) for y, m in doc["events"][e]["recalibration_by_year"].items()})
                  for e in GROWTH_EVENTS}
        pit = doc["projection_pit"]
        return TargetModelSet(events, str(doc["headline"]), PitMap.from_dict(pit["map"]), bool(pit["adopted"]),
                              str(doc.get("source", "")), Path(path_text), tuple(pit["coverage"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path_text}: not a growth-target model file ({exc!r})") from None


def load_calibration_bins(path: str | Path | None = None) -> pd.DataFrame:
    """The last rolling test's reliability table (model, lo, hi, n, mean_p, share_met, first_year, last_year, event)."""
    return pd.read_csv(Path(path) if path is not None else paths().target_calibration_bins_csv)


def load_calibration_years(path: str | Path | None = None) -> pd.DataFrame:
    """The last rolling test's scores per year, model and event, with the year-shock check of the combined models."""
    return pd.read_csv(Path(path) if path is not None else paths().target_calibration_years_csv)


def _pct(x: float) -> str:
    return f"{100 * x:.0f} %"


def _outside(m: YearLogit, f: dict) -> str:
    out = [f"{name} {f[key]:g}" for key, name in (("target_pct", "target"), ("recent_growth", "recent growth"))
           if key in m.ranges and not m.ranges[key][0] <= f[key] <= m.ranges[key][1]]
    if not out:
        return ""
    (lo, hi), (glo, ghi) = m.ranges["target_pct"], m.ranges["recent_growth"]
    return (f"; outside the central 98 % of the calibration data ({', '.join(out)}; there targets {lo:.1f}–{hi:.1f} %, "
            f"growth {glo:.1f}–{ghi:.1f} %): an extrapolation")


_MEANING = {"floor": "met = growth reaches the figure",
            "about": "met = growth reaches the figure less {tol:g} % of it (about, 左右)"}


def _basis(m: YearLogit, f: dict, year: int, event: str, r: pd.Series, recal: BetaMap | None,
           params: AnalysisParams) -> str:
    parts = [f"{m.name} logit on {m.n} city GDP-growth targets {m.years[0]}–{m.years[-1]} "
             f"({_pct(m.n_met / m.n)} met then)",
             f"target {f['target_pct']:g} % vs {year - 1} growth {f['recent_growth']:g} % "
             f"(ambition {f['ambition']:+.1f} pt), {'以上' if f['above'] else 'plain/左右'}"]
    if "province_gap" in m.features:
        parts.append(f"{f['province_gap']:+.1f} pt above the parent's target")
    if f["has_projection"]:
        parts.append(f"{f['projection_model']} projection {f['projection_loc']:.1f} % "
                     f"(P ≥ target {_pct(f['projection_prob'])})")
    else:
        parts.append("no projection (fewer than the needed consecutive years)")
    parts.append(f"year shock ±{float(r['omega']):.2f} log-odds integrated out: {_pct(r['low'])} in a bad year, "
                 f"{_pct(r['high'])} in a good one; {_MEANING[event].format(tol=100 * params.tolerance)}")
    if recal is not None:
        parts.append(f"second stage: {recal.describe()}")
    return "; ".join(parts) + _outside(m, f)


def _projection_only(history: pd.Series, threshold: float, direction: str, year: int, why: str,
                     params: AnalysisParams, model_set: TargetModelSet | None) -> GrowthTargetProbability:
    nan = math.nan
    proj = recalibrated_growth_projection(history, year, params, model_set)
    if proj.projection is None:
        return GrowthTargetProbability(nan, nan, nan, "", f"insufficient data: {why}, and no projection ({proj.basis})")
    p = proj.prob(threshold, direction)
    basis = (f"projection view only ({why}): P(growth {direction} {threshold:g} %) from {proj.basis}")
    return GrowthTargetProbability(float(p), nan, nan, proj.model, basis)


def growth_target_probability(
    history: pd.Series, target: float, comparator: str, target_year: int, parent_target: float | None = None,
    params: AnalysisParams = DEFAULT_PARAMS, model_set: TargetModelSet | None = None, higher_is_better: bool = True,
    target_high: float | None = None,
) -> GrowthTargetProbability:
    """P(the growth-rate target is met) for one target (see the module docstring).

    ``history``: the region's annual real growth (%) by year (only years before ``target_year``
    are read); ``comparator``: one of the table's comparators (``>=``, ``<=``, ``~``, ``==``,
    ``<``) or a wording (``above`` / ``以上``, ``plain``, ``左右``); ``parent_target``: the parent
    region's growth target for the same year, if known; ``higher_is_better`` and
    ``target_high`` (a range) as in :func:`~shenyang_analysis.model.target_rule.growth_target_met`.
    """
    if comparator not in COMPARATOR_OF:
        raise ValueError(f"comparator {comparator!r} is not one of {sorted(COMPARATOR_OF)}")
    comp, year = COMPARATOR_OF[comparator], int(target_year)
    threshold, direction = growth_target_threshold(target, comp, higher_is_better, target_high, params.tolerance)
    event = growth_target_event(comp, higher_is_better, target_high)
    figure = threshold if event == "floor" else float(target)  # a range counts from its less demanding end
    if event is None:
        why = "the calibrated model covers rates that should rise, floors and about-targets, not ceilings or falls"
        return _projection_only(history, threshold, direction, year, why, params, model_set)
    f = growth_target_features(history, figure, year, "above" if comp == ">=" else "plain", parent_target, params)
    if math.isnan(f["recent_growth"]):
        return _projection_only(history, threshold, direction, year, f"no growth figure for {year - 1}", params,
                                model_set)
    ms = model_set or load_target_model()
    name = "combined" if not math.isnan(f["province_gap"]) else "combined_no_parent"
    m = ms.events[event].models[name]
    r = m.predict(pd.DataFrame([f])).iloc[0]
    recal = ms.events[event].recalibration if ms.headline == RECALIBRATED_MODEL else None
    p, low, high = (float(r[k]) for k in ("p", "low", "high"))
    if recal is not None:
        p, low, high = (float(v) for v in recal.apply(np.array([p, low, high])))
        r = r.copy()
        r["low"], r["high"] = low, high
    return GrowthTargetProbability(p, low, high, name + ("_recal" if recal is not None else ""),
                                   _basis(m, f, year, event, r, recal, params), event, bool(_outside(m, f)))


@dataclass(frozen=True)
class RecalibratedGrowthProjection:
    """A growth-rate series' projection for one year, through the PIT map when the evidence supports it."""

    projection: GrowthProjection | None
    pit: PitMap | None  # None: not recalibrated (basis says why)
    basis: str

    @property
    def model(self) -> str:
        return "" if self.projection is None else ("projection_recal" if self.pit is not None else "projection")

    def prob(self, threshold: float, direction: str = ">=") -> float:
        """P(growth ``direction`` ``threshold``), ``direction`` ``>=`` or ``<=``."""
        if self.projection is None:
            return math.nan
        pr = self.projection
        u = float(predictive_cdf(threshold, pr.loc, pr.sd, pr.df))
        if self.pit is not None:
            u = float(self.pit.cdf(u))
        return 1.0 - u if direction == ">=" else u

    def interval(self, level: float) -> tuple[float, float]:
        """The central ``level`` (0.80, 0.95) prediction interval of growth."""
        if self.projection is None:
            return math.nan, math.nan
        q = np.array([(1 - level) / 2, (1 + level) / 2])
        if self.pit is not None:
            q = self.pit.inverse(q)
        pr = self.projection
        lo, hi = predictive_ppf(q, pr.loc, pr.sd, pr.df)
        return float(lo), float(hi)


def recalibrated_growth_projection(history: pd.Series, target_year: int, params: AnalysisParams = DEFAULT_PARAMS,
                                   model_set: TargetModelSet | None = None) -> RecalibratedGrowthProjection:
    """The projection of a growth rate for ``target_year``, recalibrated through the PIT map of the real targets
    when that map passed its pre-registered rule and ``target_year`` is the year after the last figure.

    >>> h = pd.Series([9.0, 8.5, 8.0, 7.2, 6.9], index=range(2019, 2024))
    >>> r = recalibrated_growth_projection(h, 2024)
    >>> r.model in ("projection", "projection_recal"), r.interval(0.8)[0] < r.interval(0.95)[1]
    (True, True)
    """
    proj, why = project_growth(history, int(target_year), params)
    if proj is None:
        return RecalibratedGrowthProjection(None, None, why)
    say = f"{proj.model} projection {proj.loc:.1f} % for {int(target_year)} ({proj.n_obs} years)"
    last = int(proj.forecast.last_year)
    ms = model_set or load_target_model()
    if not ms.pit_adopted:
        return RecalibratedGrowthProjection(proj, None, f"{say}, uncalibrated (the PIT recalibration failed its rule)")
    if int(target_year) != last + 1:
        return RecalibratedGrowthProjection(proj, None, f"{say}, uncalibrated ({int(target_year) - last} years ahead; "
                                                         "the PIT evidence is for one year ahead)")
    return RecalibratedGrowthProjection(proj, ms.pit, f"{say}, recalibrated through the PITs of {ms.pit.n} real targets "
                                                      f"{ms.pit.years[0]}–{ms.pit.years[-1]}")


def calibration_evidence(prob: float, bins: pd.DataFrame | None = None, model: str | None = None,
                         event: str = "floor") -> str:
    """One sentence: how often targets given about ``prob`` were met in the last rolling test.

    ``model``: the model whose row of the reliability table is read (default: the committed
    headline model); ``event``: ``floor`` or ``about``.

    >>> b = pd.DataFrame({"model": "combined", "lo": [0.6], "hi": [0.7], "n": [121], "mean_p": [0.657],
    ...                   "share_met": [0.562], "first_year": 2005, "last_year": 2012, "event": "floor"})
    >>> calibration_evidence(0.64, b, model="combined")
    'Of the targets given 60–70 % in the rolling test (2005–2012), 56 % were met (121 targets).'
    """
    if prob is None or not math.isfinite(float(prob)) or not 0.0 <= float(prob) <= 1.0:
        return "No calibrated probability, so no calibration evidence."
    b = load_calibration_bins() if bins is None else bins
    model = model or load_target_model().headline
    b = b[(b["model"] == model) & (b["event"] == event if "event" in b else True)]
    row = b[(b["lo"] <= prob) & ((prob < b["hi"]) | ((b["hi"] >= 1.0) & (prob <= 1.0)))]
    if row.empty:
        return f"No target of the rolling test was given {_pct(prob)}, so no calibration evidence for it."
    r = row.iloc[0]
    few = "; few targets, a rough figure" if int(r["n"]) < 20 else ""
    return (f"Of the targets given {100 * r['lo']:.0f}–{100 * r['hi']:.0f} % in the rolling test "
            f"({int(r['first_year'])}–{int(r['last_year'])}), {_pct(r['share_met'])} were met "
            f"({int(r['n'])} targets{few}).")

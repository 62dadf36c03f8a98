"""The probability that a growth-rate target is met, for the assessments and reports.

:func:`growth_target_probability` judges one annual growth target (地区生产总值增长6%以上)
from the region's growth history with the model calibrated on 1,836 past targets of Chinese
cities (:mod:`~shenyang_analysis.model.target_logit`, fitted by
``benchmarks/target_calibration.py --write`` into ``data/derived/target_model.json``):

* ``combined`` when the parent's (province's) target is given, ``combined_no_parent``
  otherwise: the target-setting view (ambition against last year's growth, 以上 or not, gap to
  the parent's target) and the projection view, with the year-wide shock integrated out;
* ``projection`` (uncalibrated) when the calibrated model does not apply: a ceiling (``<=``),
  or no growth figure for the year before the target year;
* nothing (``insufficient data``, probability NaN) without a projection either.

"Met" means what it meant in the calibration data: growth reached the figure. For a plain or
"about" (左右) target an overshoot counts as met — unlike the 2 % tolerance of ``~`` in level
assessments; the basis says so.

:func:`calibration_evidence` is the sentence a report prints: how often targets given about this
probability were met in the rolling test.

>>> import pandas as pd
>>> h = pd.Series([8.0, 7.5, 7.0, 6.8, 6.5], index=range(2019, 2024))
>>> r = growth_target_probability(h, 6.0, ">=", 2024, parent_target=5.5)
>>> r.model, 0.0 < r.prob < 1.0, r.low < r.prob < r.high
('combined', True, True)
>>> calibration_evidence(0.62).startswith("Of the targets given 60–70 %")
True
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams, paths
from .target_features import growth_target_features
from .target_logit import YearLogit

__all__ = ["WORDING_OF", "GrowthTargetProbability", "TargetModelSet", "load_target_model", "load_calibration_bins",
           "load_calibration_years", "growth_target_probability", "calibration_evidence"]

#: comparator or wording → wording of the calibration data (``<=`` has none: a ceiling)
WORDING_OF: dict[str, str] = {">=": "above", "above": "above", "以上": "above",
                              "~": "plain", "==": "plain", "plain": "plain", "左右": "plain"}


@dataclass(frozen=True)
class GrowthTargetProbability:
    """The probability, its range over the year shock, the model that gave it and a one-line basis."""

    prob: float
    low: float
    high: float
    model: str
    basis: str


@dataclass(frozen=True)
class TargetModelSet:
    """The committed fitted models and where they came from."""

    models: dict[str, YearLogit]
    source: str
    rolling: dict
    path: Path


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
        models = {k: YearLogit.from_dict(v) for k, v in doc["models"].items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{path_text}: not a growth-target model file ({exc})") from None
    return TargetModelSet(models, str(doc.get("source", "")), dict(doc.get("rolling_test", {})), Path(path_text))


def load_calibration_bins(path: str | Path | None = None) -> pd.DataFrame:
    """The last rolling test's reliability table (model, lo, hi, n, mean_p, share_met, first_year, last_year)."""
    return pd.read_csv(Path(path) if path is not None else paths().target_calibration_bins_csv)


def load_calibration_years(path: str | Path | None = None) -> pd.DataFrame:
    """The last rolling test's scores per year and model, with the year-shock check of the headline model."""
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


def _basis(m: YearLogit, f: dict, year: int, wording: str, r: pd.Series) -> str:
    parts = [f"{m.name} logit on {m.n} city GDP-growth targets {m.years[0]}–{m.years[-1]} "
             f"({_pct(m.n_met / m.n)} met then)",
             f"target {f['target_pct']:g} % vs {year - 1} growth {f['recent_growth']:g} % "
             f"(ambition {f['ambition']:+.1f} pt), {'以上' if wording == 'above' else 'plain/左右'}"]
    if "province_gap" in m.features:
        parts.append(f"{f['province_gap']:+.1f} pt above the parent's target")
    if f["has_projection"]:
        parts.append(f"{f['projection_model']} projection {f['projection_loc']:.1f} % "
                     f"(P ≥ target {_pct(f['projection_prob'])})")
    else:
        parts.append("no projection (fewer than the needed consecutive years)")
    parts.append(f"year shock ±{float(r['omega']):.2f} log-odds integrated out: {_pct(r['low'])} in a bad year, "
                 f"{_pct(r['high'])} in a good one; met = growth reaches the figure")
    return "; ".join(parts) + _outside(m, f)


def _projection_only(f: dict, comparator: str, year: int, why: str) -> GrowthTargetProbability:
    nan = math.nan
    if not f["has_projection"]:
        return GrowthTargetProbability(nan, nan, nan, "", f"insufficient data: {why}, and no projection")
    p = f["projection_prob"] if comparator != "<=" else 1.0 - f["projection_prob"]
    basis = (f"projection view only, uncalibrated ({why}): {f['projection_model']} projects "
             f"{f['projection_loc']:.1f} % for {year}")
    return GrowthTargetProbability(float(p), nan, nan, "projection", basis)


def growth_target_probability(
    history: pd.Series, target: float, comparator: str, target_year: int, parent_target: float | None = None,
    params: AnalysisParams = DEFAULT_PARAMS, model_set: TargetModelSet | None = None,
) -> GrowthTargetProbability:
    """P(the growth-rate target is met) for one target (see the module docstring).

    ``history``: the region's annual real growth (%) by year (only years before ``target_year``
    are read); ``comparator``: ``>=`` / ``above`` / ``以上``, ``~`` / ``==`` / ``plain`` / ``左右``,
    or ``<=`` (a ceiling: projection only); ``parent_target``: the parent region's growth target
    for the same year, if known.
    """
    if comparator not in WORDING_OF and comparator != "<=":
        raise ValueError(f"comparator {comparator!r} is not one of {sorted(WORDING_OF) + ['<=']}")
    wording = WORDING_OF.get(comparator, "plain")
    f = growth_target_features(history, target, int(target_year), wording, parent_target, params)
    if comparator == "<=":
        return _projection_only(f, comparator, int(target_year), "the calibrated model covers floors, not ceilings")
    if math.isnan(f["recent_growth"]):
        return _projection_only(f, comparator, int(target_year), f"no growth figure for {int(target_year) - 1}")
    ms = model_set or load_target_model()
    name = "combined" if not math.isnan(f["province_gap"]) else "combined_no_parent"
    m = ms.models[name]
    r = m.predict(pd.DataFrame([f])).iloc[0]
    return GrowthTargetProbability(float(r["p"]), float(r["low"]), float(r["high"]), name,
                                   _basis(m, f, int(target_year), wording, r))


def calibration_evidence(prob: float, bins: pd.DataFrame | None = None, model: str = "combined") -> str:
    """One sentence: how often targets given about ``prob`` were met in the last rolling test.

    >>> b = pd.DataFrame({"model": "combined", "lo": [0.6], "hi": [0.7], "n": [121], "mean_p": [0.657],
    ...                   "share_met": [0.562], "first_year": 2005, "last_year": 2012})
    >>> calibration_evidence(0.64, b)
    'Of the targets given 60–70 % in the rolling test (2005–2012), 56 % were met (121 targets).'
    """
    if prob is None or not math.isfinite(float(prob)) or not 0.0 <= float(prob) <= 1.0:
        return "No calibrated probability, so no calibration evidence."
    b = load_calibration_bins() if bins is None else bins
    b = b[b["model"] == model]
    row = b[(b["lo"] <= prob) & ((prob < b["hi"]) | ((b["hi"] >= 1.0) & (prob <= 1.0)))]
    if row.empty:
        return f"No target of the rolling test was given {_pct(prob)}, so no calibration evidence for it."
    r = row.iloc[0]
    few = "; few targets, a rough figure" if int(r["n"]) < 20 else ""
    return (f"Of the targets given {100 * r['lo']:.0f}–{100 * r['hi']:.0f} % in the rolling test "
            f"({int(r['first_year'])}–{int(r['last_year'])}), {_pct(r['share_met'])} were met "
            f"({int(r['n'])} targets{few}).")

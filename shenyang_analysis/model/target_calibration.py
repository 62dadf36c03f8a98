"""The honest test of the growth-target probabilities: rolling by year, scored on years not yet seen.

For each year ``t`` from ``AnalysisParams.calibration_from`` on, every model of
:data:`ROLLING_MODELS` is fitted on the targets of years before ``t`` only (their features
come from history before their own years, their outcomes are of years before ``t``), the
year shock's panel estimate uses the growth surprises of years before ``t``, and every target
of year ``t`` is predicted. Nothing of year ``t`` enters a fit except the targets themselves,
which are set at the start of the year.

* ``climatology``: the share of targets met in the years before ``t`` (the baseline of the
  Brier skill score); any model falls back to it for a target lacking a feature, and says so
  in ``basis``;
* ``projection``: the projection view alone, P(growth ≥ the event's line) from the default
  projection model, uncalibrated — how the package's own projections fare on real targets;
* the logits of :data:`~shenyang_analysis.model.target_logit.SPECS`, ``combined_no_parent``
  among them: every target predicted without its province's target, as the assessments'
  targets without a parent target are (its reliability row is their calibration evidence);
* the second stage (:mod:`~shenyang_analysis.model.target_recalibration`): ``combined_recal``
  (beta calibration of ``combined``) and ``projection_recal`` (the projection view through the
  distribution of earlier PITs), each fitted on years before ``t`` only.

Each run is for one **event** (:data:`~shenyang_analysis.vocab.GROWTH_EVENTS`): ``floor``
(growth ≥ the figure) or ``about`` (growth ≥ the figure − ``tolerance`` × |figure|), the lines
the rule of :mod:`~shenyang_analysis.model.target_rule` draws for ``>=`` / bare and for ``~``
targets. :attr:`RollingResult.headline` applies the pre-registered rule
(:func:`~shenyang_analysis.model.target_recalibration.pick_headline`).

Scores: Brier score, log loss, expected calibration error (ECE: the count-weighted mean
absolute gap between the mean probability and the share met, over equal-width probability
bins), Brier skill ``1 − brier / brier_base`` against climatology. :func:`shock_check` asks,
per year, whether what happened is within what the year-shock term allows.

>>> import numpy as np
>>> round(ece(np.array([0.05, 0.95, 0.95]), np.array([0.0, 1.0, 0.0]), bins=10), 4)  # (0.05 + 2 × 0.45) / 3
0.3167
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams, paths
from ..io.digest import file_sha256
from ..io.atomic import write_csv, write_text
from ..vocab import GROWTH_EVENTS
from .target_features import event_features
from .target_logit import YearLogit, fit_logit
from .target_recalibration import (
    BASE_MODEL, PROJECTION_RECAL_MODEL, RECALIBRATED_MODEL, BetaMap, PitMap, coverage_after, fit_beta_map, fit_pit_map, pick_headline,
    pit_adopted, pits, recalibrate_rolling,
)

__all__ = [
    "ROLLING_MODELS", "BASE_MODEL", "RECALIBRATED_MODEL", "RollingResult", "rolling_test", "brier", "log_loss", "ece",
    "scores", "year_table", "reliability_table", "shock_check", "projection_coverage", "summary_line", "final_models",
    "final_maps", "write_results", "SOURCE",
]

ROLLING_MODELS: tuple[str, ...] = (
    "climatology", "ambition", "target_level", "projection", "projection_recal", "target_setting",
    "combined_no_shock", "combined_no_parent", "combined", "combined_recal",
)
#: the models fitted in each step; the others are the second stage, fitted on their earlier predictions
_FIRST_STAGE = tuple(m for m in ROLLING_MODELS if m not in (RECALIBRATED_MODEL, PROJECTION_RECAL_MODEL))
#: what a model falls back to, in order, for a target lacking one of its features
_FALLBACKS: dict[str, tuple[str, ...]] = {"combined": ("combined", "combined_no_parent"),
                                          "combined_no_shock": ("combined_no_shock",)}


def brier(p: np.ndarray, y: np.ndarray) -> float:
    """Mean squared difference between probabilities and outcomes (1 met, 0 missed).

    >>> brier(np.array([0.8, 0.5]), np.array([1.0, 0.0]))
    0.145
    """
    return float(np.mean((np.asarray(p, float) - np.asarray(y, float)) ** 2))


def log_loss(p: np.ndarray, y: np.ndarray, eps: float = 1e-6) -> float:
    """Mean negative log-likelihood (probabilities clipped to [eps, 1 − eps]).

    >>> round(log_loss(np.array([0.5]), np.array([1.0])), 6)
    0.693147
    """
    p = np.clip(np.asarray(p, float), eps, 1 - eps)
    y = np.asarray(y, float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _bin_of(p: np.ndarray, bins: int) -> np.ndarray:
    return np.minimum((np.asarray(p, float) * bins).astype(int), bins - 1)


def ece(p: np.ndarray, y: np.ndarray, bins: int = DEFAULT_PARAMS.calibration_bins) -> float:
    """Expected calibration error over ``bins`` equal-width bins of the probability."""
    d = pd.DataFrame({"b": _bin_of(p, bins), "p": p, "y": y})
    g = d.groupby("b").agg(n=("p", "size"), p=("p", "mean"), y=("y", "mean"))
    return float((g["n"] * (g["p"] - g["y"]).abs()).sum() / g["n"].sum())


@dataclass
class RollingResult:
    """Predictions (one row per target, year and model), the logits and second-stage maps of each year, the event."""

    predictions: pd.DataFrame
    models: dict[int, dict[str, YearLogit]]
    params: AnalysisParams
    event: str = "floor"
    features: pd.DataFrame | None = None  # the event's features (event_features)
    beta_maps: dict[int, BetaMap] = field(default_factory=dict)
    pit_maps: dict[int, PitMap] = field(default_factory=dict)

    def scores(self, model: str) -> dict:
        """Pooled scores of one model (:func:`scores`)."""
        return scores(self.predictions, model, self.params.calibration_bins)

    @property
    def headline(self) -> str:
        """The model the pre-registered rule picks: ``combined_recal`` if it lowers both Brier score and ECE."""
        return pick_headline({m: self.scores(m) for m in (BASE_MODEL, RECALIBRATED_MODEL)})


def _logit_predictions(name: str, fitted: dict[str, YearLogit], test: pd.DataFrame, base: float) -> pd.DataFrame:
    out = pd.DataFrame({"p": base, "low": np.nan, "high": np.nan, "basis": "climatology"}, index=test.index)
    for candidate in _FALLBACKS.get(name, (name,)):
        m = fitted[candidate]
        todo = out["basis"].eq("climatology") & test[list(m.features)].notna().all(axis=1)
        if todo.any():
            pr = m.predict(test[todo])
            out.loc[todo, ["p", "low", "high"]] = pr[["p", "low", "high"]].to_numpy()
            out.loc[todo, "basis"] = candidate
    if not fitted[_FALLBACKS.get(name, (name,))[0]].shock:
        out[["low", "high"]] = np.nan
    return out


def _predict_year(train: pd.DataFrame, test: pd.DataFrame, surprises: pd.DataFrame, year: int,
                  params: AnalysisParams) -> tuple[pd.DataFrame, dict[str, YearLogit]]:
    base = float(train["met"].mean())
    names = {"ambition", "target_level", "target_setting", "combined", "combined_no_parent", "combined_no_shock"}
    fitted = {n: fit_logit(train, n, surprises, params, shock_before=year) for n in sorted(names)}
    parts = []
    for model in _FIRST_STAGE:
        if model == "climatology":
            pr = pd.DataFrame({"p": base, "low": np.nan, "high": np.nan, "basis": "climatology"}, index=test.index)
        elif model == "projection":
            has = test["projection_prob"].notna()
            pr = pd.DataFrame({"p": test["projection_prob"].where(has, base), "low": np.nan, "high": np.nan,
                               "basis": np.where(has, "projection", "climatology")}, index=test.index)
        else:
            pr = _logit_predictions(model, fitted, test, base)
        parts.append(pr.assign(model=model, year=year, city_code=test["city_code"], met=test["met"], base=base))
    return pd.concat(parts), fitted


def rolling_test(features: pd.DataFrame, surprises: pd.DataFrame, params: AnalysisParams = DEFAULT_PARAMS,
                 last: int | None = None, event: str = "floor") -> RollingResult:
    """Fit on years before ``t``, predict year ``t``, for every year from ``params.calibration_from`` to ``last``.

    ``features`` from :func:`~shenyang_analysis.model.target_features.pair_features`;
    ``surprises`` from :func:`~shenyang_analysis.model.target_features.common_surprises`;
    ``event`` ``floor`` or ``about`` (what counts as met). Then the second stage, year by year.
    """
    features = event_features(features, event, params)
    known = features[features["met"].notna()]
    years = sorted(y for y in known["year"].unique() if y >= params.calibration_from and (last is None or y <= last))
    if not years:
        raise ValueError(f"no targets with an outcome from {params.calibration_from} on")
    parts, models = [], {}
    for year in years:
        train, test = known[known["year"] < year], known[known["year"] == year]
        if train["year"].nunique() < 2:
            raise ValueError(f"{year}: fewer than two earlier years of targets to fit on")
        pr, fitted = _predict_year(train, test, surprises, int(year), params)
        parts.append(pr)
        models[int(year)] = fitted
    cols = ["year", "city_code", "model", "p", "low", "high", "basis", "met", "base"]
    preds = pd.concat(parts, ignore_index=True)[cols]
    second, beta_maps, pit_maps = recalibrate_rolling(preds, features, params)
    preds = pd.concat([preds, second[cols]], ignore_index=True)
    order = pd.Categorical(preds["model"], ROLLING_MODELS, ordered=True)
    preds = preds.assign(_o=order).sort_values(["year", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    return RollingResult(preds, models, params, event, features, beta_maps, pit_maps)


def scores(predictions: pd.DataFrame, model: str = BASE_MODEL, bins: int = DEFAULT_PARAMS.calibration_bins) -> dict:
    """Pooled scores of one model over every year scored: brier, brier_base, skill, log_loss, ece, n."""
    d = predictions[predictions["model"] == model]
    b, bb = brier(d["p"], d["met"]), brier(d["base"], d["met"])
    return {"brier": b, "brier_base": bb, "skill": 1 - b / bb, "log_loss": log_loss(d["p"], d["met"]),
            "ece": ece(d["p"].to_numpy(float), d["met"].to_numpy(float), bins), "n": int(len(d))}


def summary_line(s: dict) -> str:
    """The benchmark's last line.

    >>> summary_line({"brier": 0.18, "brier_base": 0.21, "skill": 0.142857, "log_loss": 0.55, "ece": 0.09, "n": 10})
    'brier=0.1800 brier_base=0.2100 skill=0.1429 log_loss=0.5500 ece=0.0900 n=10'
    """
    return (f"brier={s['brier']:.4f} brier_base={s['brier_base']:.4f} skill={s['skill']:.4f} "
            f"log_loss={s['log_loss']:.4f} ece={s['ece']:.4f} n={int(s['n'])}")


def year_table(predictions: pd.DataFrame, bins: int = DEFAULT_PARAMS.calibration_bins) -> pd.DataFrame:
    """Per year and model: n, share met, mean probability, Brier score, Brier of climatology, skill, log loss."""
    rows = []
    for (year, model), d in predictions.groupby(["year", "model"], sort=True):
        b, bb = brier(d["p"], d["met"]), brier(d["base"], d["met"])
        rows.append({"year": int(year), "model": model, "n": int(len(d)), "share_met": float(d["met"].mean()),
                     "mean_p": float(d["p"].mean()), "brier": b, "brier_base": bb, "skill": 1 - b / bb,
                     "log_loss": log_loss(d["p"], d["met"]),
                     "n_fallback": int((d["basis"] == "climatology").sum()) if model != "climatology" else 0})
    out = pd.DataFrame(rows)
    out["model"] = pd.Categorical(out["model"], ROLLING_MODELS, ordered=True)
    return out.sort_values(["year", "model"]).reset_index(drop=True).astype({"model": str})


def reliability_table(predictions: pd.DataFrame, bins: int = DEFAULT_PARAMS.calibration_bins) -> pd.DataFrame:
    """Per model and probability bin (``lo`` ≤ p < ``hi``): targets, mean probability, share met.

    >>> d = pd.DataFrame({"model": "m", "p": [0.62, 0.68, 0.65], "met": [1.0, 1.0, 0.0]})
    >>> reliability_table(d)[["model", "lo", "hi", "n", "share_met"]].round(3).values.tolist()
    [['m', 0.6, 0.7, 3, 0.667]]
    """
    d = predictions.assign(bin=_bin_of(predictions["p"], bins))
    g = d.groupby(["model", "bin"], sort=True).agg(n=("p", "size"), mean_p=("p", "mean"), share_met=("met", "mean"))
    g = g.reset_index()
    g.insert(1, "lo", g["bin"] / bins)
    g.insert(2, "hi", (g["bin"] + 1) / bins)
    return g.drop(columns="bin").round({"lo": 6, "hi": 6})


def _simulate_year(fitted: dict[str, YearLogit], test: pd.DataFrame, pred: pd.DataFrame, params: AnalysisParams,
                   seed: int, mapping: BetaMap | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Share met and Brier difference (model − climatology) in ``shock_draws`` simulated years.

    With ``mapping`` (the second stage), every conditional probability goes through it, as
    ``p``, ``low`` and ``high`` do."""
    rng = np.random.default_rng(seed)
    xi = rng.standard_normal(params.shock_draws)
    cond = np.tile(pred["base"].to_numpy(float), (len(xi), 1))
    for basis in pred["basis"].unique():
        if basis in fitted:  # climatology fallbacks keep the base rate in every simulated year
            rows = (pred["basis"] == basis).to_numpy()
            cond[:, rows] = fitted[basis].conditional(test[rows], xi)
    if mapping is not None:
        cond = mapping.apply(cond)
    y = rng.random(cond.shape) < cond
    p = pred["p"].to_numpy(float)
    diff = ((p - y) ** 2).mean(axis=1) - ((pred["base"].to_numpy(float) - y) ** 2).mean(axis=1)
    return y.mean(axis=1), diff


def shock_check(result: RollingResult, features: pd.DataFrame | None = None, model: str = BASE_MODEL) -> pd.DataFrame:
    """Per year: is what happened within what the year-shock term allows?

    From ``shock_draws`` simulated years (a shock drawn, then every target met or not with its
    conditional probability): the middle ``shock_interval`` of the share met (``share_low`` …
    ``share_high``) and the upper bound of the Brier difference to climatology
    (``brier_diff_allowed``); ``share_within`` and ``brier_within`` say whether the year's
    observed share and difference lie inside. ``model`` is ``combined`` or ``combined_recal``;
    ``features`` default to the result's own (the event's).
    """
    params = result.params
    features = result.features if features is None else event_features(features, result.event, params)
    lo_q, hi_q = 0.5 - params.shock_interval / 2, 0.5 + params.shock_interval / 2
    rows = []
    for year, fitted in sorted(result.models.items()):
        m = fitted[BASE_MODEL]
        pred = result.predictions[(result.predictions["model"] == model) & (result.predictions["year"] == year)]
        test = features.loc[(features["year"] == year) & features["met"].notna()]
        test = test.set_index(pred.index)
        mapping = result.beta_maps[year] if model == RECALIBRATED_MODEL else None
        share, diff = _simulate_year(fitted, test, pred, params, seed=int(year), mapping=mapping)
        observed = brier(pred["p"], pred["met"]) - brier(pred["base"], pred["met"])
        s_lo, s_hi = np.quantile(share, [lo_q, hi_q])
        allowed = float(np.quantile(diff, hi_q))
        met = float(pred["met"].mean())
        rows.append({"year": int(year), "n": int(len(pred)), "share_met": met, "expected_share": float(pred["p"].mean()),
                     "share_low": float(s_lo), "share_high": float(s_hi), "share_within": bool(s_lo <= met <= s_hi),
                     "brier_diff": observed, "brier_diff_allowed": allowed, "brier_within": bool(observed <= allowed),
                     "shock_sd_points": m.shock_sd, "tau_direct": m.tau_direct})
    return pd.DataFrame(rows)


def projection_coverage(features: pd.DataFrame, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """How the projection view fares on real targets, per year and pooled (``year`` = ``all``).

    Targets with a projection and an outcome: ``cov80`` / ``cov95`` the share whose achieved
    growth fell inside the 80 % / 95 % prediction interval; ``mean_prob`` the mean projected
    P(growth ≥ target); ``share_met``; ``mean_pit`` the mean predictive CDF at the achieved
    growth (0.5 when the projection is unbiased; below: growth came in lower than projected).
    """
    d = features[features["projection_prob"].notna() & features["met"].notna()]
    if first is not None:
        d = d[d["year"] >= first]
    if last is not None:
        d = d[d["year"] <= last]
    d = d.assign(pit=pits(d)["pit"])
    rows = []
    for year, g in [*d.groupby("year"), ("all", d)]:
        rows.append({"year": str(year), "n": int(len(g)), "cov80": float(g["pit"].between(0.1, 0.9).mean()),
                     "cov95": float(g["pit"].between(0.025, 0.975).mean()), "mean_prob": float(g["projection_prob"].mean()),
                     "share_met": float(g["met"].mean()), "mean_pit": float(g["pit"].mean())})
    return pd.DataFrame(rows)



SOURCE = ("Past targets: Li, Liu, Weng & Zhou (2019), 'Target Setting in Tournaments: Theory and Evidence from "
          "China', Economic Journal 129(623), replication data as republished in maswiebe/promotion "
          "(../shared/data/target_outcomes/city_gdp_growth_targets.csv). Growth history: the city panel's GDPYoY "
          "(../shared/data/city_panel/city_gdp.csv).")


def _file_record(path: Path, root: Path) -> dict[str, str]:
    path = Path(path).resolve()
    try:
        shown = os.path.relpath(path, root)
    except ValueError:
        shown = path.name
    return {"path": shown, "sha256": file_sha256(path)}


def final_models(features: pd.DataFrame, surprises: pd.DataFrame, params: AnalysisParams = DEFAULT_PARAMS
                 ) -> dict[str, YearLogit]:
    """The models a report uses: ``combined`` and ``combined_no_parent`` fitted on every target with an outcome,
    the year shock from every usable panel year. ``features``: an event's (``RollingResult.features``)."""
    known = features[features["met"].notna()]
    return {name: fit_logit(known, name, surprises, params) for name in ("combined", "combined_no_parent")}


def final_maps(result: RollingResult) -> tuple[BetaMap, PitMap]:
    """The second stage a report uses: the beta map fitted on every out-of-sample prediction of ``combined``
    in the rolling test, and ``G`` from the PITs of every target with a projection and an outcome."""
    base = result.predictions[result.predictions["model"] == BASE_MODEL]
    beta = fit_beta_map(base["p"], base["met"], base["year"], result.params.recalibration_min_years)
    u = pits(result.features)
    return beta, fit_pit_map(u["pit"], result.params.pit_quantiles, u["year"])


def _event_tables(result: RollingResult) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reliability and per-year tables of one event, with the year-shock check of both combined models."""
    preds, bins_n = result.predictions, result.params.calibration_bins
    first, last = int(preds["year"].min()), int(preds["year"].max())
    bins = reliability_table(preds, bins_n).assign(first_year=first, last_year=last)
    checks = pd.concat([shock_check(result, model=m).drop(columns=["n", "share_met"]).assign(model=m)
                        for m in (BASE_MODEL, RECALIBRATED_MODEL)])
    years = year_table(preds, bins_n).merge(checks, on=["year", "model"], how="left")
    return bins.assign(event=result.event), years.assign(event=result.event)


def _event_doc(result: RollingResult, surprises: pd.DataFrame) -> dict:
    preds, params = result.predictions, result.params
    beta, _ = final_maps(result)
    return {
        "models": {k: m.to_dict() for k, m in final_models(result.features, surprises, params).items()},
        "recalibration": beta.to_dict(),
        "recalibration_by_year": {str(y): m.to_dict() for y, m in result.beta_maps.items()},
        "rolling_test": {"first": int(preds["year"].min()), "last": int(preds["year"].max()),
                         "scores": {m: result.scores(m) for m in ROLLING_MODELS}},
    }


def write_results(results: Mapping[str, RollingResult], surprises: pd.DataFrame, inputs: Mapping[str, Path],
                  out_dir: Path | None = None) -> list[Path]:
    """Write the committed results (atomically): the reliability and per-year tables of the rolling tests of
    every event, the final models and maps, the headline model the pre-registered rule picked (on the floor
    event) and the source (``Paths.target_model_json`` and the two CSVs beside it)."""
    missing = [e for e in GROWTH_EVENTS if e not in results]
    if missing:
        raise ValueError(f"no rolling test for the event(s) {', '.join(missing)}")
    p = paths()
    out_dir = Path(out_dir) if out_dir is not None else p.derived_dir
    floor = results["floor"]
    tables = [_event_tables(results[e]) for e in GROWTH_EVENTS]
    coverage = coverage_after(floor.features, floor.pit_maps)
    _, pit_map = final_maps(floor)
    doc = {
        "source": SOURCE,
        "inputs": {k: _file_record(v, p.root) for k, v in inputs.items()},
        "written_by": "benchmarks/target_calibration.py --write",
        "parameters": {k: v for k, v in floor.params.to_dict().items() if k in _MODEL_PARAMETERS},
        "headline": floor.headline,
        "selection": {"rule": "combined_recal if its pooled Brier score and ECE (floor event) are both below combined's",
                      **{k: {m: floor.scores(m)[k] for m in (BASE_MODEL, RECALIBRATED_MODEL)} for k in ("brier", "ece")}},
        "events": {e: _event_doc(results[e], surprises) for e in GROWTH_EVENTS},
        "projection_pit": {"map": pit_map.to_dict(), "adopted": pit_adopted(coverage),
                           "rule": "both pooled coverages (80 %, 95 %) closer to nominal after recalibration",
                           "coverage": coverage.to_dict(orient="records")},
        "surprises": surprises.to_dict(orient="records"),
    }
    targets = [out_dir / p.target_calibration_bins_csv.name, out_dir / p.target_calibration_years_csv.name,
               out_dir / p.target_model_json.name]
    write_csv(pd.concat([t[0] for t in tables], ignore_index=True).round(6), targets[0])
    write_csv(pd.concat([t[1] for t in tables], ignore_index=True).round(6), targets[1])
    write_text(targets[2], json.dumps(_plain(doc), ensure_ascii=False, indent=1, allow_nan=False) + "\n")
    return targets


_MODEL_PARAMETERS = ("model", "fallback_model", "min_own_points", "recent_weight", "recent_damping",
                     "calibration_horizon", "calibration_min_points", "tolerance", "target_z_clip", "shock_min_cities",
                     "shock_interval", "shock_draws", "calibration_from", "calibration_bins", "recalibration_min_years",
                     "pit_quantiles")


def _plain(value: object) -> object:
    """JSON-able values: numpy scalars as Python ones, NaN as null."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (np.integer, np.bool_)):
        return value.item()
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    return value

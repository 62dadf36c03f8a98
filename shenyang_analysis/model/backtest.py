"""Rolling-origin backtests of :mod:`shenyang_analysis.projections` and the rule that picks the default model.

For each origin (last training year) of an expanding window, every model forecasts 1 to 5
years ahead; each case records the forecast, its 80%/95% intervals, whether they covered the
actual value, the absolute error and its scale: the in-sample mean absolute one-step naive
error of the training window, on the original scale (the MASE denominator).

>>> import numpy as np, pandas as pd
>>> s = pd.Series(100 * 1.05 ** np.arange(12), index=range(2010, 2022))
>>> r = rolling_origin(s, ["drift", "loglinear"])
>>> sorted(set(r["h"])), float(r["scaled_error"].max()) < 1e-9
([1, 2, 3, 4, 5], True)
"""

from __future__ import annotations

import math
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.panels import load_panel_series
from .projections import MODELS, check_series, forecast_all

__all__ = [
    "ALL_MODELS",
    "DEFAULT_MODEL",
    "PanelBacktest",
    "rolling_origin",
    "backtest_failures",
    "mase",
    "smape",
    "score_backtest",
    "choose_default_model",
    "panel_backtest",
]

ALL_MODELS: tuple[str, ...] = MODELS + ("combination",)
# chosen by choose_default_model on the city GDP panel (see its docstring for the figures);
# its one home is shenyang_analysis.config.AnalysisParams.model
DEFAULT_MODEL = DEFAULT_PARAMS.model

RESULT_COLUMNS = [
    "origin", "model", "h", "year", "actual", "forecast", "lower80", "upper80", "lower95", "upper95",
    "covered80", "covered95", "abs_error", "naive_mae", "scaled_error",
]


def rolling_origin(
    series: pd.Series,
    models: Sequence[str] = ALL_MODELS,
    horizons: Iterable[int] = range(1, 6),
    min_train: int = 6,
    scale: str = "log",
    params: AnalysisParams = DEFAULT_PARAMS,
) -> pd.DataFrame:
    """Expanding-window backtest: one row per (origin, model, h) with an actual value to compare.

    The first origin is the year ending the first ``min_train`` points. ``naive_mae`` is the
    mean absolute one-step naive error of the training window (original scale) and
    ``scaled_error = abs_error / naive_mae``. Models that fail at an origin are skipped there;
    the failures (origin, model, reason) are kept in ``result.attrs["failures"]`` as records —
    see :func:`backtest_failures`. ``params`` gives the models' constants (:func:`~shenyang_analysis.model.projections.fit_forecast`).
    """
    s = check_series(series)
    hs = sorted({int(h) for h in horizons})
    if not hs or hs[0] < 1:
        raise ValueError("horizons must be positive integers")
    if min_train < 2:
        raise ValueError("min_train must be at least 2")
    years = s.index.to_numpy()
    values = s.to_numpy(float)
    rows: list[dict] = []
    failures: list[dict] = []
    for i in range(min_train - 1, len(s) - 1):
        steps = [h for h in hs if i + h < len(s)]
        if not steps:
            continue
        origin = int(years[i])
        train = s.iloc[: i + 1]
        naive = float(np.mean(np.abs(np.diff(values[: i + 1]))))
        fitted, failed = forecast_all(train, origin + steps[-1], models, scale, params)
        failures += [{"origin": origin, "model": m, "reason": r} for m, r in failed.items()]
        for m in models:
            f = fitted.get(m)
            if f is None:
                continue
            for h in steps:
                actual = values[i + h]
                j = h - 1
                err = abs(float(f.mean[j]) - actual)
                rows.append({
                    "origin": origin, "model": m, "h": h, "year": origin + h, "actual": actual,
                    "forecast": float(f.mean[j]),
                    "lower80": float(f.lower80[j]), "upper80": float(f.upper80[j]),
                    "lower95": float(f.lower95[j]), "upper95": float(f.upper95[j]),
                    "covered80": bool(f.lower80[j] <= actual <= f.upper80[j]),
                    "covered95": bool(f.lower95[j] <= actual <= f.upper95[j]),
                    "abs_error": err, "naive_mae": naive,
                    "scaled_error": err / naive if naive > 0 else math.nan,
                })
    out = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    out.attrs["failures"] = failures
    return out


def backtest_failures(results: pd.DataFrame) -> pd.DataFrame:
    """The (origin, model, reason) records of the models that failed in a :func:`rolling_origin` run."""
    return pd.DataFrame(results.attrs.get("failures", []), columns=["origin", "model", "reason"])


def mase(errors: Sequence[float] | np.ndarray, insample_scale: float | Sequence[float] | np.ndarray) -> float:
    """Mean absolute scaled error: mean of ``|error| / insample_scale`` (a scale per error or one for all).

    >>> mase([1.0, -2.0, 3.0], 2.0)
    1.0
    >>> mase([1.0, 4.0], [1.0, 2.0])
    1.5
    """
    e = np.abs(np.asarray(errors, float))
    q = np.broadcast_to(np.asarray(insample_scale, float), e.shape)
    if len(e) == 0:
        return math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(e / q))


def smape(actual: Sequence[float] | np.ndarray, forecast: Sequence[float] | np.ndarray) -> float:
    """Symmetric MAPE in percent (0–200): mean of ``200 |F − A| / (|A| + |F|)`` (0 when both are 0).

    >>> round(smape([100.0, 200.0], [110.0, 180.0]), 6)  # (200·10/210 + 200·20/380) / 2
    10.025063
    """
    a = np.asarray(actual, float)
    f = np.asarray(forecast, float)
    if len(a) == 0:
        return math.nan
    den = np.abs(a) + np.abs(f)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(den > 0, 200.0 * np.abs(f - a) / den, 0.0)
    return float(np.mean(terms))


def score_backtest(results: pd.DataFrame) -> pd.DataFrame:
    """Per-model scores of a :func:`rolling_origin` run, indexed by model.

    Columns: ``mase`` (mean scaled error), ``smape`` (percent), ``mase_ratio`` (the model's MASE
    over the drift model's on the same (origin, h) cases; NaN without drift), ``coverage80``,
    ``coverage95`` (shares of actual values inside the intervals) and ``n`` (cases).
    Cases with a zero naive scale (a constant training window) are left out of MASE.

    >>> r = pd.DataFrame({"origin": [1, 1, 1, 1], "model": ["drift", "drift", "holt", "holt"],
    ...     "h": [1, 2, 1, 2], "actual": [10.0, 12.0, 10.0, 12.0], "forecast": [11.0, 14.0, 10.5, 13.0],
    ...     "covered80": [True, False, True, True], "covered95": [True, True, True, True],
    ...     "scaled_error": [1.0, 2.0, 0.5, 1.0]})
    >>> score_backtest(r).loc["holt", ["mase", "mase_ratio", "coverage80", "n"]].tolist()
    [0.75, 0.5, 1.0, 2.0]
    """
    cols = ["mase", "smape", "mase_ratio", "coverage80", "coverage95", "n"]
    if results.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="model"))
    ok = results[np.isfinite(results["scaled_error"].to_numpy(float))]
    drift = ok[ok["model"] == "drift"].set_index(["origin", "h"])["scaled_error"]
    out = {}
    for m, g in results.groupby("model", sort=False):
        gs = ok[ok["model"] == m]
        ratio = math.nan
        if len(drift):
            both = gs.set_index(["origin", "h"])["scaled_error"].to_frame("m").join(drift.rename("d"), how="inner")
            if len(both) and both["d"].mean() > 0:
                ratio = float(both["m"].mean() / both["d"].mean())
        out[m] = {
            "mase": float(gs["scaled_error"].mean()) if len(gs) else math.nan,
            "smape": smape(g["actual"], g["forecast"]),
            "mase_ratio": ratio,
            "coverage80": float(g["covered80"].mean()),
            "coverage95": float(g["covered95"].mean()),
            "n": int(len(g)),
        }
    df = pd.DataFrame.from_dict(out, orient="index")[cols]
    df.index.name = "model"
    return df


def choose_default_model(scores: pd.DataFrame, tolerance: float | Sequence[float] = (0.05, 0.10)) -> str:
    """The default projection model, by rule (no hand choice).

    Rule, in tiers: among the models whose ``coverage80`` is within 5 points of 0.80 *and*
    whose ``coverage95`` is within 5 points of 0.95, the one with the lowest ``mase_ratio``
    (median MASE ratio to drift); if none qualifies, the same with 10 points; if still none,
    the lowest ``mase_ratio`` overall. A single number for ``tolerance`` gives a single tier
    (the rule before the 5-point tier was added: ``tolerance=0.10``). NaN ratios never win;
    ties go to the first in ``scores`` order. ``scores`` is indexed by model, as returned by
    :func:`score_backtest` or ``panel_backtest(...).summary``.

    Last run of ``benchmarks/forecast_accuracy.py`` on the city GDP panel (196 series, horizons
    1–5; output in ``benchmarks/forecast_accuracy_last_run.txt``): the rule picks
    **drift_recent** (:data:`DEFAULT_MODEL`) in the 5-point tier: median MASE ratio to drift
    0.821, coverage 0.839 (80%) and 0.951 (95%). Also in that tier: drift_blend 0.836
    (0.855 / 0.957). Outside it: theta 1.094 (0.711 / 0.923), drift 1.000 (0.658 / 0.861).

    >>> s = pd.DataFrame({"mase_ratio": [1.0, 0.8, 0.7], "coverage80": [0.78, 0.72, 0.55],
    ...                   "coverage95": [0.93, 0.90, 0.70]}, index=["drift", "holt", "theta"])
    >>> choose_default_model(s)  # only drift is within 5 points
    'drift'
    >>> choose_default_model(s, tolerance=0.10)
    'holt'
    >>> choose_default_model(s.assign(coverage80=0.3))
    'theta'
    """
    need = {"mase_ratio", "coverage80", "coverage95"}
    if not need <= set(scores.columns):
        raise ValueError(f"scores needs columns {sorted(need)}")
    tiers = (float(tolerance),) if np.isscalar(tolerance) else tuple(float(x) for x in tolerance)
    s = scores[np.isfinite(scores["mase_ratio"].to_numpy(float))]
    if s.empty:
        raise ValueError("no model has a finite MASE ratio to drift")
    for tol in tiers:
        ok = s[((s["coverage80"] - 0.80).abs() <= tol + 1e-12) & ((s["coverage95"] - 0.95).abs() <= tol + 1e-12)]
        if len(ok):
            return str(ok["mase_ratio"].idxmin())
    return str(s["mase_ratio"].idxmin())


@dataclass
class PanelBacktest:
    """Result of :func:`panel_backtest`.

    ``summary`` (indexed by model): ``mase_ratio`` (median over series of each series' MASE
    ratio to drift: the model's mean scaled error over drift's, on the same (origin, h) cases),
    ``smape`` (median over series), ``coverage80``/``coverage95`` (shares over
    all cases pooled), ``n`` (cases) and ``series`` (series with a finite ratio).
    ``per_series``: :func:`score_backtest` of each series, with a ``series`` column.
    """

    summary: pd.DataFrame
    per_series: pd.DataFrame
    failures: pd.DataFrame
    skipped: list[str] = field(default_factory=list)
    results: pd.DataFrame | None = None


def _one_series(args) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    name, s, models, horizons, min_train, scale, params = args
    r = rolling_origin(s, models, horizons, min_train, scale, params)
    f = backtest_failures(r).assign(series=name)
    r = r.assign(series=name)
    r.attrs = {}
    return name, r, f


def panel_backtest(
    panel_csv: str | Path,
    models: Sequence[str] = ALL_MODELS,
    horizons: Iterable[int] = range(1, 6),
    min_train: int = 6,
    scale: str = "log",
    max_series: int | None = None,
    workers: int = 1,
    keep_results: bool = False,
    params: AnalysisParams = DEFAULT_PARAMS,
) -> PanelBacktest:
    """:func:`rolling_origin` over every city's GDP series in a panel CSV (see :func:`load_panel_series`).

    Series with fewer than ``min_train + 1`` points are skipped; ``max_series`` keeps the first
    N usable series (by city code) for a quick run; ``workers > 1`` runs series in parallel
    processes. Per-series MASE ratios to drift are aggregated by their median. ``params`` gives
    the models' constants (:func:`~shenyang_analysis.model.projections.fit_forecast`).
    """
    all_series = load_panel_series(panel_csv)
    horizons = tuple(sorted({int(h) for h in horizons}))
    usable = {k: v for k, v in all_series.items() if len(v) >= min_train + 1}
    skipped = sorted(set(all_series) - set(usable))
    names = sorted(usable)[: max_series] if max_series is not None else sorted(usable)
    tasks = [(n, usable[n], tuple(models), horizons, min_train, scale, params) for n in names]
    if workers > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=workers) as ex:
            done = list(ex.map(_one_series, tasks, chunksize=max(1, len(tasks) // (8 * workers))))
    else:
        done = [_one_series(t) for t in tasks]
    per, res, fails = [], [], []
    for name, r, f in done:
        sc = score_backtest(r).reset_index()
        sc.insert(0, "series", name)
        per.append(sc)
        res.append(r)
        fails.append(f)
    per_series = pd.concat(per, ignore_index=True) if per else pd.DataFrame(
        columns=["series", "model", "mase", "smape", "mase_ratio", "coverage80", "coverage95", "n"])
    results = pd.concat(res, ignore_index=True) if res else pd.DataFrame(columns=RESULT_COLUMNS + ["series"])
    failures = pd.concat(fails, ignore_index=True) if fails else pd.DataFrame(columns=["origin", "model", "reason", "series"])
    rows = {}
    for m in models:
        ps = per_series[per_series["model"] == m]
        ratios = ps["mase_ratio"].to_numpy(float)
        ratios = ratios[np.isfinite(ratios)]
        rm = results[results["model"] == m]
        rows[m] = {
            "mase_ratio": float(np.median(ratios)) if len(ratios) else math.nan,
            "smape": float(np.median(ps["smape"])) if len(ps) else math.nan,
            "coverage80": float(rm["covered80"].mean()) if len(rm) else math.nan,
            "coverage95": float(rm["covered95"].mean()) if len(rm) else math.nan,
            "n": int(len(rm)),
            "series": int(len(ratios)),
        }
    summary = pd.DataFrame.from_dict(rows, orient="index")
    summary.index.name = "model"
    return PanelBacktest(summary=summary, per_series=per_series, failures=failures, skipped=skipped,
                         results=results if keep_results else None)

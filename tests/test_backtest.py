"""Backtests: synthetic series with known answers, hand-computed scores, the default-model rule, the panel."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from pathlib import Path

from shenyang_analysis.model.backtest import (
    DEFAULT_MODEL,
    RESULT_COLUMNS,
    backtest_failures,
    choose_default_model,
    load_panel_series,
    mase,
    panel_backtest,
    rolling_origin,
    score_backtest,
    smape,
)
from shenyang_analysis.model.projections import MODELS, fit_forecast

LAST_RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "forecast_accuracy_last_run.txt"


def _growth(n: int = 16, rate: float = 0.05, start: int = 2000) -> pd.Series:
    t = np.arange(n)
    return pd.Series(100 * (1 + rate) ** t * (1 + 1e-6 * np.sin(t)), index=range(start, start + n))


def test_exact_growth_drift_and_loglinear_near_zero_error():
    s = _growth()
    r = rolling_origin(s, ["drift", "loglinear"])
    assert list(r.columns) == RESULT_COLUMNS
    # origins 2005 (6 points) .. 2014, horizons up to 5 while an actual exists
    assert r["origin"].min() == 2005 and r["origin"].max() == 2014
    assert set(r["h"]) == {1, 2, 3, 4, 5}
    assert len(r[r["model"] == "drift"]) == 5 * 6 + 4 + 3 + 2 + 1  # origins 2005–2010 full, then fewer
    sc = score_backtest(r)
    assert sc.loc["drift", "mase"] < 1e-3 and sc.loc["loglinear", "mase"] < 1e-3
    assert sc.loc["drift", "smape"] < 1e-3
    assert sc.loc["drift", "mase_ratio"] == 1.0
    first = r[(r["model"] == "drift") & (r["origin"] == 2005) & (r["h"] == 1)].iloc[0]
    assert first["naive_mae"] == pytest.approx(np.mean(np.abs(np.diff(s.iloc[:6].to_numpy()))))
    assert first["year"] == 2006 and first["actual"] == s[2006]
    assert first["scaled_error"] == pytest.approx(first["abs_error"] / first["naive_mae"])


def test_random_walk_drift_coverage():
    rng = np.random.default_rng(20240601)
    runs = []
    for _ in range(20):
        y = pd.Series(50 + np.cumsum(0.5 + rng.standard_normal(40)), index=range(1980, 2020))
        runs.append(rolling_origin(y, ["drift"], min_train=8, scale="level"))
    r = pd.concat(runs, ignore_index=True)
    assert len(r) == 20 * 150
    # Student t intervals are exact for a Gaussian random walk with drift
    assert abs(r["covered80"].mean() - 0.80) < 0.05
    assert abs(r["covered95"].mean() - 0.95) < 0.03


def test_failures_are_recorded_and_skipped():
    s = _growth(10)
    r = rolling_origin(s, ["drift", "holt_damped"], min_train=3)
    f = backtest_failures(r)
    assert set(f["model"]) == {"holt_damped"}
    assert set(f["origin"]) >= {2002, 2003}  # 3 and 4 points: too short
    assert f.loc[f["origin"] == 2002, "reason"].iloc[0] == "holt_damped needs at least 5 points, got 3"
    assert not ((r["model"] == "holt_damped") & (r["origin"] == 2002)).any()
    assert ((r["model"] == "drift") & (r["origin"] == 2002)).any()


def test_rolling_origin_rejects_gaps():
    with pytest.raises(ValueError, match="missing years 2005"):
        rolling_origin(_growth(12).drop(2005), ["drift"])


def test_mase_and_smape_by_hand():
    assert mase([1.0, -3.0, 2.0], 2.0) == pytest.approx(1.0)
    assert mase([2.0, 6.0], [1.0, 3.0]) == pytest.approx(2.0)
    assert math.isnan(mase([], 1.0))
    # sMAPE: 200|F − A| / (|A| + |F|): 200·10/210 = 9.5238, 200·20/380 = 10.5263
    assert smape([100.0, 200.0], [110.0, 180.0]) == pytest.approx((2000 / 210 + 4000 / 380) / 2)
    assert smape([0.0], [0.0]) == 0.0
    assert smape([1.0], [0.0]) == 200.0


def test_score_backtest_ratio_on_matching_cases():
    r = pd.DataFrame({
        "origin": [1, 1, 2, 1, 1],
        "model": ["drift", "drift", "drift", "theta", "theta"],
        "h": [1, 2, 1, 1, 2],
        "actual": [10.0, 10.0, 10.0, 10.0, 10.0],
        "forecast": [12.0, 14.0, 11.0, 11.0, 12.0],
        "covered80": [True, False, True, True, True],
        "covered95": [True, True, True, True, True],
        "scaled_error": [2.0, 4.0, 1.0, 1.0, 2.0],
    })
    sc = score_backtest(r)
    # theta has no case at origin 2: the ratio uses drift's (1,1) and (1,2) only: 1.5 / 3
    assert sc.loc["theta", "mase_ratio"] == pytest.approx(0.5)
    assert sc.loc["drift", "mase"] == pytest.approx(7 / 3)
    assert sc.loc["drift", "coverage80"] == pytest.approx(2 / 3)
    assert sc.loc["theta", "n"] == 2
    no_drift = score_backtest(r[r["model"] == "theta"])
    assert math.isnan(no_drift.loc["theta", "mase_ratio"])


def test_choose_default_model_rule():
    scores = pd.DataFrame(
        {
            "mase_ratio": [1.00, 0.85, 0.70, 0.90, np.nan],
            "coverage80": [0.78, 0.72, 0.50, 0.80, 0.80],
            "coverage95": [0.94, 0.90, 0.70, 0.95, 0.95],
        },
        index=["drift", "holt_damped", "theta", "combination", "loglinear"],
    )
    # tier 1 (5 points): drift and combination qualify, combination is more accurate
    assert choose_default_model(scores) == "combination"
    assert choose_default_model(scores, tolerance=0.05) == "combination"
    # the single 10-point tier (the former rule): theta is > 10 points off; holt_damped qualifies and wins
    assert choose_default_model(scores, tolerance=0.10) == "holt_damped"
    # nobody within 5 points: the 10-point tier decides
    assert choose_default_model(scores.drop(["drift", "combination"])) == "holt_damped"
    # nobody qualifies: the lowest ratio wins (NaN never does)
    assert choose_default_model(scores.assign(coverage95=0.5)) == "theta"
    # exactly 10 (or 5) points off still qualifies for its tier
    edge = pd.DataFrame({"mase_ratio": [1.0, 0.9], "coverage80": [0.8, 0.7], "coverage95": [0.95, 0.85]},
                        index=["drift", "theta"])
    assert choose_default_model(edge, tolerance=0.10) == "theta"
    assert choose_default_model(edge) == "drift"  # drift is in the 5-point tier, theta only in the 10-point one
    assert choose_default_model(edge.assign(coverage80=[0.8, 0.75], coverage95=[0.95, 0.90])) == "theta"
    with pytest.raises(ValueError, match="columns"):
        choose_default_model(scores[["mase_ratio"]])


def _panel_csv(tmp_path) -> str:
    rows = []
    years = range(2006, 2022)
    for i, y in enumerate(years):
        rows.append((y, "Normal City ", 110100, 110000, 100 * 1.08**i * (1 + 0.01 * (-1) ** i)))
        rows.append((y, " Liaoning City", 210100, 210000, 200 * 1.06**i))
        # restatement: the level drops by half in 2015 (|log change| ≈ 0.63 > 0.3)
        v = 300 * 1.07**i * (0.5 if y >= 2015 else 1.0)
        rows.append((y, "Restated City", 320100, 320000, v))
        if y != 2010:  # a city with a gap in 2010 and too few points after it
            rows.append((y, "Gappy City", 330100, 330000, 50 * 1.1**i))
    df = pd.DataFrame(rows, columns=["Sgnyea", "Ctnm_en", "Ctnm_id", "Prvcnm_id", "Gdpct01"])
    df = df[~((df["Ctnm_id"] == 330100) & (df["Sgnyea"] > 2016))]
    path = tmp_path / "panel.csv"
    text = df.to_csv(index=False).replace("Ctnm_id", " Ctnm_id ").replace("Gdpct01", "Gdpct01 ")
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_load_panel_series_breaks(tmp_path):
    series = load_panel_series(_panel_csv(tmp_path))
    assert series["110100"].index[0] == 2006 and len(series["110100"]) == 16
    assert list(series["210100"].index) == [2017, 2018, 2019, 2020, 2021]  # Liaoning: 2017 on
    assert series["320100"].index[0] == 2015  # from the restated year on
    assert list(series["330100"].index) == [2011, 2012, 2013, 2014, 2015, 2016]  # after the gap


def test_panel_backtest_small_csv(tmp_path):
    bt = panel_backtest(_panel_csv(tmp_path), models=("drift", "loglinear", "combination"))
    assert sorted(bt.skipped) == ["210100", "330100"]  # 5 and 6 points < min_train + 1
    s = bt.summary
    assert list(s.index) == ["drift", "loglinear", "combination"]
    assert list(s.columns) == ["mase_ratio", "smape", "coverage80", "coverage95", "n", "series"]
    assert s.loc["drift", "mase_ratio"] == 1.0
    assert s.loc["drift", "series"] == 2
    # 16-point series: 10 origins; 7-point restated series: 1 origin, h = 1
    assert s.loc["drift", "n"] == (5 * 6 + 4 + 3 + 2 + 1) + 1
    assert set(bt.per_series["series"]) == {"110100", "320100"}
    assert 0.0 <= s.loc["loglinear", "coverage80"] <= 1.0
    assert choose_default_model(s) in s.index
    quick = panel_backtest(_panel_csv(tmp_path), models=("drift",), max_series=1)
    assert quick.summary.loc["drift", "series"] == 1


def _last_run_summary() -> pd.DataFrame:
    rows = {}
    text = LAST_RUN.read_text(encoding="utf-8")
    for line in text.split("by origin period")[0].splitlines():  # the main table only
        parts = line.split()
        if len(parts) == 7 and parts[0] in MODELS + ("combination",):
            rows[parts[0]] = {"mase_ratio": float(parts[1]), "coverage80": float(parts[3]),
                              "coverage95": float(parts[4])}
    return pd.DataFrame.from_dict(rows, orient="index")


def test_default_model_is_what_the_rule_picks_on_the_last_panel_run():
    summary = _last_run_summary()
    assert set(summary.index) == set(MODELS) | {"combination"}
    assert choose_default_model(summary) == DEFAULT_MODEL
    assert "default model (rule: both coverages within 5 points" in LAST_RUN.read_text(encoding="utf-8")
    s = _growth(8)
    f = fit_forecast(s, 2010, model=DEFAULT_MODEL)
    assert f.model == DEFAULT_MODEL and f.years == (2008, 2009, 2010)


def test_new_models_backtest_exact_growth():
    # exact geometric growth: drift_blend and drift_recent damp it, so the error is known and small
    s = _growth(16, rate=0.05)
    r = rolling_origin(s, ["drift", "drift_recent", "drift_blend"])
    sc = score_backtest(r)
    assert set(sc.index) == {"drift", "drift_recent", "drift_blend"}
    assert sc.loc["drift_blend", "mase"] < sc.loc["drift_recent", "mase"]
    assert np.all(r.loc[r["model"] == "drift_recent", "forecast"] < r.loc[r["model"] == "drift_recent", "actual"])

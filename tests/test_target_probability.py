"""The probability that a growth-rate target is met: the pairs reader, the features, the logits with
the year shock, the rolling test (no look-ahead), the benchmark's last line, the committed results
and the function the assessments call.

Everything runs on small synthetic files except the tests marked ``needs_shared`` (skipped
without ``../shared``) and the checks of the committed results in ``data/derived/``.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shenyang_analysis.config import AnalysisParams, paths
from shenyang_analysis.history.csvrows import HistoryError
from shenyang_analysis.history.target_outcomes import (
    growth_histories, history_span, read_panel_growth, read_target_pairs,
)
from shenyang_analysis.model.target_calibration import (
    HEADLINE_MODEL, ROLLING_MODELS, brier, ece, log_loss, projection_coverage, reliability_table, rolling_test, scores,
    shock_check, summary_line, write_results, year_table,
)
from shenyang_analysis.model.target_features import (
    FEATURE_COLUMNS, common_surprises, growth_target_features, pair_features, project_growth,
)
from shenyang_analysis.model.target_logit import SPECS, coefficient_table, fit_logit, margin_slope
from shenyang_analysis.model.target_probability import (
    calibration_evidence, growth_target_probability, load_calibration_bins, load_calibration_years, load_target_model,
)
from shenyang_analysis.model.target_rule import growth_target_event, growth_target_met, growth_target_threshold

ROOT = Path(__file__).resolve().parents[1]
BENCHMARK = ROOT / "benchmarks" / "target_calibration.py"
LAST_LINE = re.compile(r"^brier=\d+\.\d{4} brier_base=\d+\.\d{4} skill=-?\d+\.\d{4} log_loss=\d+\.\d{4} "
                       r"ece=\d+\.\d{4} n=\d+$")
PAIR_HEADER = ("city_code,city_name_en,province_code,year,target_pct,target_wording,target_raw,"
               "actual_real_growth_pct,csmar_real_growth_pct,province_target_pct")
needs_shared = pytest.mark.skipif(not paths().target_outcomes_csv.exists() or not (paths().city_panel_dir / "city_gdp.csv").exists(),
                                  reason="../shared/data/target_outcomes or city_panel is absent")


# --------------------------------------------------------------------------- a small synthetic world


def _world(seed: int = 0, cities: int = 50, shocks: dict[int, float] | None = None):
    """Growth 1995–2012 for ``cities`` cities with common year shocks; targets 2003–2012 set from last year's growth."""
    rng = np.random.default_rng(seed)
    shocks = shocks or {2007: 0.5, 2008: -3.0, 2011: 0.5, 2012: -2.5}
    years = range(1995, 2013)
    common = {y: shocks.get(y, rng.normal(0, 0.7)) for y in years}
    province_target = {(p, y): round(9.0 + rng.normal(0, 1.0), 1) for p in range(10, 13) for y in years}
    panel, pairs = [], []
    for c in range(cities):
        code, prov = 100100 + 100 * c, 10 + c % 3
        level, prev = 11 + rng.normal(0, 1.5), None
        for y in years:
            g = round(level + common[y] + rng.normal(0, 1.2), 1)
            panel.append((y, code, prov * 10000, g))
            if y >= 2003 and prev is not None:
                t = round((prev + rng.normal(-1.0, 1.5)) * 2) / 2
                wording = "above" if rng.random() < 0.25 else "plain"
                pairs.append((code, f"City{c}", prov, y, t, wording, t + (0.05 if wording == "above" else 0), g, g,
                              province_target[(prov, y)]))
            prev = g
    return panel, pairs


def _write_world(tmp: Path, seed: int = 0, **kw) -> tuple[Path, Path]:
    panel, pairs = _world(seed, **kw)
    panel_csv, pairs_csv = tmp / "city_gdp.csv", tmp / "pairs.csv"
    panel_csv.write_text("Sgnyea,Ctnm_id,Prvcnm_id,GDPYoY\n" + "".join(f"{y},{c},{p},{g}\n" for y, c, p, g in panel))
    pairs_csv.write_text(PAIR_HEADER + "\n" + "".join(",".join(map(str, r)) + "\n" for r in pairs))
    return pairs_csv, panel_csv


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Features, surprises and a rolling test of the synthetic world (2005–2012)."""
    tmp = tmp_path_factory.mktemp("world")
    pairs_csv, panel_csv = _write_world(tmp)
    panel = read_panel_growth(panel_csv)
    pairs = read_target_pairs(pairs_csv, span=history_span(panel))
    histories = growth_histories(pairs, panel)
    features = pair_features(pairs, histories)
    surprises = common_surprises(histories).assign(usable=lambda d: d["n_cities"] >= 20)
    return {"tmp": tmp, "pairs_csv": pairs_csv, "panel_csv": panel_csv, "pairs": pairs, "panel": panel,
            "histories": histories, "features": features, "surprises": surprises,
            "result": rolling_test(features, surprises)}


# --------------------------------------------------------------------------- reading the pairs


def _pairs_file(tmp_path: Path, *rows: str, header: str = PAIR_HEADER) -> Path:
    path = tmp_path / "pairs.csv"
    path.write_text(header + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


GOOD = "210100,Shenyang,21,2008,14.5,plain,14.5,16.3,16.3,12.0"


@pytest.mark.parametrize("row, column, words", [
    ("210100,Shenyang,21,2009,abc,plain,abc,14.1,14.1,11.0", "target_pct", "'abc' is not a number"),
    ("210100,Shenyang,21,2009,12,plain,12,n/a,14.1,11.0", "actual_real_growth_pct", "'n/a' is not a number"),
    ("210100,Shenyang,21,2009,12,plain,12,14.1,14.1,x", "province_target_pct", "'x' is not a number"),
    ("210100,Shenyang,21,2031,12,plain,12,14.1,14.1,11", "year", "2031 is outside the history (1990–2021)"),
    ("210100,Shenyang,21,1990,12,plain,12,14.1,14.1,11", "year", "1990 is outside the history (1990–2021)"),
    ("210100,Shenyang,21,20O9,12,plain,12,14.1,14.1,11", "year", "'20O9' is not a year"),
    ("210100,Shenyang,21,2009,12,roughly,12,14.1,14.1,11", "target_wording", "'roughly' is not one of above, plain"),
    ("210100,Shenyang,21,2009,12,,12,14.1,14.1,11", "target_wording", "empty for a target of 12%"),
    ("21010A,Shenyang,21,2009,12,plain,12,14.1,14.1,11", "city_code", "'21010A' is not an integer code"),
    ("210100,Shenyang,21,2008,12,plain,12,14.1,14.1,11", "year", "a second row for 2008 (first on line 2)"),
])
def test_bad_pairs_are_refused_with_file_row_and_column(tmp_path, row, column, words):
    path = _pairs_file(tmp_path, GOOD, row)
    with pytest.raises(HistoryError) as err:
        read_target_pairs(path, span=(1990, 2021))
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: row 2 (line 3), column {column}: ")
    assert words in message


def test_missing_columns_are_named_on_line_1(tmp_path):
    path = _pairs_file(tmp_path, "210100,21,2008,14.5", header="city_code,province_code,year,target_pct")
    with pytest.raises(HistoryError, match=r"pairs\.csv: line 1: missing column\(s\) target_wording, "
                                           r"actual_real_growth_pct, province_target_pct"):
        read_target_pairs(path)


def test_pairs_without_a_target_are_kept_as_history(tmp_path):
    path = _pairs_file(tmp_path, GOOD, "210100,Shenyang,21,2009,,,,14.1,14.1,11.0")
    pairs = read_target_pairs(path, span=(1990, 2021))
    assert pairs["target_pct"].isna().tolist() == [False, True]
    assert pairs["target_wording"].tolist() == ["plain", ""]
    assert pairs["line"].tolist() == [2, 3]


def test_panel_growth_reader_names_bad_cells_and_drops_empty_ones(tmp_path):
    path = tmp_path / "panel.csv"
    path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,GDPYoY\n2000,1,9,10.5\n2001,1,9,\n2002,1,9,x\n")
    with pytest.raises(HistoryError, match=r"panel\.csv: row 3 \(line 4\), column GDPYoY: 'x' is not a number"):
        read_panel_growth(path)
    path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,GDPYoY\n2000,1,9,10.5\n2001,1,9,\n2000,1,9,11\n")
    with pytest.raises(HistoryError, match="second, different value for 2000"):
        read_panel_growth(path)
    path.write_text("Sgnyea,Ctnm_id,Prvcnm_id,GDPYoY\n2000,1,9,10.5\n2001,1,9,\n")
    assert read_panel_growth(path).values.tolist() == [[1, 2000, 10.5]]


def test_histories_prefer_the_pairs_achieved_growth():
    pairs = pd.DataFrame({"city_code": [1, 1], "year": [2004, 2005], "actual_real_growth_pct": [12.0, np.nan]})
    panel = pd.DataFrame({"city_code": [1, 1, 1, 2], "year": [2003, 2004, 2005, 2004], "growth_pct": [10.0, 11.5, 9.0, 7.0]})
    h = growth_histories(pairs, panel)
    assert h[1].to_dict() == {2003: 10.0, 2004: 12.0, 2005: 9.0}
    assert h[2].to_dict() == {2004: 7.0}


# --------------------------------------------------------------------------- features


def test_features_read_nothing_of_the_target_year_or_later():
    h = pd.Series([10.0, 11.0, 12.0, 11.5, 12.5, 9.0, 3.0], index=range(2003, 2010))
    a = growth_target_features(h, 12.0, 2008, "plain", 10.0)
    b = growth_target_features(h.loc[:2007], 12.0, 2008, "plain", 10.0)
    c = growth_target_features(h.loc[:2007].reindex(range(2003, 2013), fill_value=-50.0), 12.0, 2008, "plain", 10.0)
    assert list(a) == list(FEATURE_COLUMNS)
    assert a == b == c
    assert a["recent_growth"] == 12.5 and a["ambition"] == -0.5 and a["province_gap"] == 2.0 and a["above"] == 0.0
    assert 0 < a["projection_prob"] < 1 and abs(a["projection_z"]) <= AnalysisParams().target_z_clip


def test_a_gap_before_the_target_year_leaves_no_recent_growth_and_a_short_run_no_projection():
    h = pd.Series([10.0, 11.0, 12.0, 11.5, 12.5], index=range(2002, 2007))
    f = growth_target_features(h, 12.0, 2008, "above")
    assert math.isnan(f["recent_growth"]) and math.isnan(f["ambition"]) and math.isnan(f["province_gap"])
    assert f["has_projection"] == 1.0 and f["above"] == 1.0
    proj, why = project_growth(pd.Series([9.0, 10.0, 11.0], index=[2004, 2006, 2007]), 2008)
    assert proj is None and why == "2 consecutive year(s) of growth before 2008: a projection needs 4"
    with pytest.raises(ValueError, match="finite"):
        growth_target_features(h, float("nan"), 2008, "above")
    with pytest.raises(ValueError, match="pandas Series"):
        growth_target_features([1.0, 2.0], 5.0, 2008, "above")


def test_common_surprises_see_the_common_shock(world):
    s = world["surprises"].set_index("year")
    assert s.loc[2008, "median_surprise"] < -2.0 and s.loc[2012, "median_surprise"] < -1.5
    assert s.loc[2008, "n_cities"] == 50 and bool(s.loc[2008, "usable"])
    assert s.index.min() >= 1999  # 4 consecutive years are needed before a year can be projected


# --------------------------------------------------------------------------- logits


def test_logit_recovers_a_known_slope_and_reports_clustered_errors():
    rng = np.random.default_rng(1)
    years = np.repeat(np.arange(2001, 2009), 300)
    effects = {y: e for y, e in zip(range(2001, 2009), rng.normal(0, 1.0, 8))}
    d = pd.DataFrame({"year": years, "ambition": rng.normal(0, 2, len(years))})
    eta = 1.0 - 0.6 * d["ambition"] + d["year"].map(effects)
    d["met"] = (rng.random(len(d)) < 1 / (1 + np.exp(-eta))).astype(float)
    plain = fit_logit(d, "ambition")
    assert plain.se_type == "clustered by year" and plain.se["ambition"] > 0
    assert -0.6 < plain.coef["ambition"] < -0.4  # attenuated without the year effects
    table = coefficient_table(plain)
    assert table["feature"].tolist() == ["ambition", "intercept"]
    assert table.loc[0, "odds_ratio"] == pytest.approx(math.exp(plain.coef["ambition"]))


def test_year_shock_widens_and_flattens_the_probability(world):
    f = world["features"]
    m = fit_logit(f, "combined", world["surprises"])
    flat = fit_logit(f, "combined_no_shock", world["surprises"])
    assert m.coef == flat.coef and m.shock and not flat.shock
    assert m.shock_logit > 0 and m.shock_sd > 0
    rows = f.dropna(subset=list(m.features)).head(50)
    p, p0 = m.predict(rows), flat.predict(rows)
    assert (p["low"] < p["p"]).all() and (p["p"] < p["high"]).all()
    assert (np.abs(p["p"] - 0.5) <= np.abs(p0["p"] - 0.5) + 1e-12).all()  # integrated: closer to a coin flip
    again = type(m).from_dict(json.loads(json.dumps(m.to_dict(), allow_nan=True)))
    assert np.allclose(again.predict(rows)["p"], p["p"])


def test_margin_slope_and_too_few_rows():
    r = pd.DataFrame({"actual_real_growth_pct": [10.0, 12.5, 9.0, 14.0], "target_pct": [9.5, 12.0, 10.0, 10.0],
                      "met": [1.0, 1.0, 0.0, 1.0]})
    assert margin_slope(r, 1.0) == 2.0
    assert math.isnan(margin_slope(r.assign(met=1.0), 1.0))
    with pytest.raises(Exception, match="too few"):
        fit_logit(r.assign(year=2001, ambition=0.0), "ambition")


# --------------------------------------------------------------------------- scores and the rolling test


def test_scores_by_hand():
    p, y = np.array([0.9, 0.6, 0.2, 0.65]), np.array([1.0, 0.0, 0.0, 1.0])
    assert brier(p, y) == pytest.approx((0.01 + 0.36 + 0.04 + 0.1225) / 4)
    assert log_loss(p, y) == pytest.approx(-np.mean(np.log([0.9, 0.4, 0.8, 0.65])))
    # bins: 0.2 → [0.2,0.3) gap 0.2; 0.6, 0.65 → [0.6,0.7) mean 0.625 vs 0.5; 0.9 → gap 0.1
    assert ece(p, y, bins=10) == pytest.approx((0.2 + 2 * 0.125 + 0.1) / 4)
    preds = pd.DataFrame({"model": "m", "p": p, "met": y, "base": 0.75})
    s = scores(preds, "m")
    assert s["skill"] == pytest.approx(1 - s["brier"] / s["brier_base"]) and s["n"] == 4
    assert LAST_LINE.match(summary_line(s))


def test_rolling_test_never_looks_ahead(world):
    f, s = world["features"], world["surprises"]
    base = world["result"].predictions
    year = 2009
    later = f["year"] >= year
    scrambled = f.copy()
    scrambled.loc[later, "met"] = 1.0 - scrambled.loc[later, "met"]  # outcomes of 2009 and later flipped
    scrambled.loc[later & (f["year"] > year), FEATURE_COLUMNS[1:4]] = 99.0  # later targets' features mangled
    shocks = s.copy()
    shocks.loc[shocks["year"] >= year, "median_surprise"] = 50.0  # the year shock of 2009 and later
    again = rolling_test(scrambled, shocks, last=year).predictions
    a = base[base["year"] <= year].reset_index(drop=True)
    assert np.allclose(a["p"], again["p"]) and (a["basis"] == again["basis"]).all()
    assert set(again["model"]) == set(ROLLING_MODELS) and sorted(again["year"].unique()) == list(range(2005, year + 1))


def test_rolling_test_beats_climatology_on_a_world_with_signal(world):
    preds = world["result"].predictions
    for model in ("target_setting", "combined"):
        assert scores(preds, model)["skill"] > 0.05, model
    assert scores(preds, "climatology")["skill"] == 0.0
    years = year_table(preds)
    assert set(years["model"]) == set(ROLLING_MODELS) and len(years) == 8 * len(ROLLING_MODELS)
    rel = reliability_table(preds)
    assert (rel.groupby("model")["n"].sum() == len(preds) / len(ROLLING_MODELS)).all()
    check = shock_check(world["result"], world["features"])
    assert (check["share_low"] <= check["expected_share"]).all() and (check["expected_share"] <= check["share_high"]).all()
    cov = projection_coverage(world["features"])
    assert cov.iloc[-1]["year"] == "all" and 0 <= cov.iloc[-1]["cov80"] <= cov.iloc[-1]["cov95"] <= 1


def test_a_climatology_fallback_is_recorded(world):
    f = world["features"].copy()
    f.loc[f["year"] == 2010, "recent_growth"] = np.nan
    f["ambition"] = f["target_pct"] - f["recent_growth"]
    preds = rolling_test(f, world["surprises"], last=2010).predictions
    y2010 = preds[(preds["year"] == 2010) & (preds["model"] == "combined")]
    assert (y2010["basis"] == "climatology").all() and np.allclose(y2010["p"], y2010["base"])
    proj = preds[(preds["year"] == 2010) & (preds["model"] == "projection")]
    assert (proj["basis"] == "projection").all()


# --------------------------------------------------------------------------- the benchmark script


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCHMARK), *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


def test_benchmark_prints_tables_and_the_exact_last_line(world, tmp_path):
    r = _bench(str(world["pairs_csv"]), str(world["panel_csv"]), "--write", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    for heading in ("Brier skill against climatology, per year", "Reliability: combined", "Year-shock check",
                    "Projection view on real targets", "Coefficients of combined"):
        assert heading in r.stdout
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["target_calibration_bins.csv", "target_calibration_years.csv", "target_model.json"]
    doc = json.loads((tmp_path / "target_model.json").read_text())
    assert summary_line(doc["rolling_test"]["scores"]["combined"]) == lines[-1]
    assert doc["inputs"]["pairs"]["sha256"] and doc["source"].startswith("Past targets: Li, Liu, Weng & Zhou (2019)")


def test_benchmark_refuses_bad_input_in_one_line(world, tmp_path):
    bad = tmp_path / "pairs.csv"
    text = world["pairs_csv"].read_text().splitlines()
    fields = text[5].split(",")
    fields[3] = "2040"
    text[5] = ",".join(fields)
    bad.write_text("\n".join(text) + "\n")
    r = _bench(str(bad), str(world["panel_csv"]))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.strip().count("\n") == 0
    assert f"{bad}: row 5 (line 6), column year: 2040 is outside the history (1995–2012)" in r.stderr


def test_results_written_are_read_back_by_the_function_reports_call(world, tmp_path):
    write_results(world["result"], world["features"], world["surprises"],
                  {"pairs": world["pairs_csv"], "panel": world["panel_csv"]}, tmp_path)
    ms = load_target_model(tmp_path / "target_model.json")
    h = world["histories"][100100]
    r = growth_target_probability(h, 11.0, ">=", 2012, parent_target=9.5, model_set=ms)
    assert r.model == "combined" and 0 < r.low < r.prob < r.high < 1
    assert "city GDP-growth targets 2003–2012" in r.basis and "以上" in r.basis
    bins = load_calibration_bins(tmp_path / "target_calibration_bins.csv")
    assert calibration_evidence(r.prob, bins).startswith("Of the targets given ")
    years = load_calibration_years(tmp_path / "target_calibration_years.csv")
    assert set(years.loc[years["model"] == HEADLINE_MODEL, "share_within"].dropna()) <= {True, False}


# --------------------------------------------------------------------------- the function the assessments call


SHENYANG = pd.Series([3.5, 5.0, 5.0, 0.8, 7.0, 4.0, 6.0, 5.2], index=range(2017, 2025))


def test_growth_target_probability_with_the_committed_model():
    with_parent = growth_target_probability(SHENYANG, 5.5, ">=", 2025, parent_target=5.0)
    without = growth_target_probability(SHENYANG, 5.5, "以上", 2025)
    plain = growth_target_probability(SHENYANG, 5.5, "左右", 2025)
    assert with_parent.model == "combined" and without.model == "combined_no_parent"
    assert 0 < with_parent.low < with_parent.prob < with_parent.high < 1
    assert plain.prob < without.prob  # 以上 targets were met more often than plain ones
    assert "an extrapolation" in with_parent.basis  # 5.5 % is below the targets of 2003–2012
    assert "\n" not in with_parent.basis and "met = growth reaches the figure" in with_parent.basis
    harder = growth_target_probability(SHENYANG, 8.0, ">=", 2025, parent_target=5.0)
    assert harder.prob < with_parent.prob


def test_growth_target_probability_falls_back_and_says_why():
    ceiling = growth_target_probability(SHENYANG, 5.5, "<=", 2025)
    assert ceiling.model == "projection" and "uncalibrated" in ceiling.basis and math.isnan(ceiling.low)
    floor = growth_target_probability(SHENYANG, 5.5, ">=", 2025)
    assert ceiling.prob < 1 and 0 < ceiling.prob
    stale = growth_target_probability(SHENYANG.loc[:2022], 5.5, ">=", 2025)
    assert stale.model == "projection" and "no growth figure for 2024" in stale.basis
    none = growth_target_probability(SHENYANG.loc[2022:2023], 5.5, ">=", 2025)
    assert none.model == "" and math.isnan(none.prob) and none.basis.startswith("insufficient data")
    with pytest.raises(ValueError, match="comparator"):
        growth_target_probability(SHENYANG, 5.5, "about", 2025)
    assert floor.prob != ceiling.prob


def test_calibration_evidence_sentence():
    assert calibration_evidence(float("nan")) == "No calibrated probability, so no calibration evidence."
    bins = load_calibration_bins()
    top = calibration_evidence(1.0, bins)
    assert top.startswith("Of the targets given 90–100 % in the rolling test (2005–2012), ")
    row = bins[(bins["model"] == "combined") & (bins["lo"] == 0.6)].iloc[0]
    assert calibration_evidence(0.65) == (f"Of the targets given 60–70 % in the rolling test (2005–2012), "
                                          f"{100 * row['share_met']:.0f} % were met ({int(row['n'])} targets).")


# --------------------------------------------------------------------------- the committed results


def test_committed_results_agree_with_each_other_and_the_docs():
    doc = json.loads(paths().target_model_json.read_text(encoding="utf-8"))
    bins, years = load_calibration_bins(), load_calibration_years()
    combined = doc["rolling_test"]["scores"]["combined"]
    assert set(doc["models"]) == {"combined", "combined_no_parent"}
    assert set(bins["model"]) == set(ROLLING_MODELS) == set(doc["rolling_test"]["scores"])
    assert (bins.groupby("model")["n"].sum() == combined["n"]).all()
    assert years.loc[years["model"] == "combined", "n"].sum() == combined["n"]
    assert doc["source"].startswith("Past targets: Li, Liu, Weng & Zhou (2019)")
    assert doc["parameters"]["calibration_from"] == AnalysisParams().calibration_from
    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    assert summary_line(combined) in methods, "docs/methods.md must quote the last run's line"
    assert set(SPECS["combined"].features) == set(doc["models"]["combined"]["features"])


@needs_shared
@pytest.mark.slow
def test_the_shared_data_reproduce_the_committed_results(tmp_path):
    r = _bench("--write", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    committed = json.loads(paths().target_model_json.read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "target_model.json").read_text(encoding="utf-8"))
    assert summary_line(fresh["rolling_test"]["scores"]["combined"]) == r.stdout.strip().splitlines()[-1]
    assert fresh["rolling_test"] == committed["rolling_test"]
    assert fresh["models"] == committed["models"]
    for name in ("target_calibration_bins.csv", "target_calibration_years.csv"):
        assert (tmp_path / name).read_text() == (paths().derived_dir / name).read_text(), name


def test_every_static_report_has_a_title():
    from shenyang_analysis.present.report import STATIC_NOTEBOOKS, TITLES

    missing = [nb for nb in STATIC_NOTEBOOKS if Path(nb).stem not in TITLES]
    assert not missing, f"no title for {missing}"
    assert TITLES["05_calibration"].startswith("Calibration")


# --------------------------------------------------------------------------- what "met" means: one rule


@pytest.mark.parametrize("value, figure, comparator, hib, high, met", [
    (7.0, 7.0, ">=", True, None, True), (6.9, 7.0, ">=", True, None, False),
    (6.9, 7.0, "==", True, None, False), (7.8, 7.0, "==", True, None, True),    # a bare growth target: a floor
    (6.9, 7.0, "~", True, None, True), (6.86, 7.0, "~", True, None, True),    # about: 2 % short is still met
    (6.85, 7.0, "~", True, None, False), (9.0, 7.0, "~", True, None, True),   # ... and an overshoot is never a miss
    (6.9, 7.0, "<", True, None, True),                                         # 接近 7 %: about
    (6.1, 6.0, "==", True, 6.5, True), (5.9, 6.0, "==", True, 6.5, False),   # a range counts from its low end
    (3.1, 3.0, "<=", True, None, False), (2.0, 3.0, "<=", True, None, True),  # a ceiling as written
    (-16.0, -15.0, "==", False, None, True), (-14.0, -15.0, "==", False, None, False),  # 下降15%: a ceiling
    (-14.8, -15.0, "~", False, None, True), (-14.6, -15.0, "~", False, None, False),
    (-3.5, -3.0, "==", False, -4.0, True), (-2.5, -3.0, "==", False, -4.0, False),
    (9.8, 10.0, "~", True, None, True),                                        # 10 − 0.2: no rounding miss
])
def test_growth_target_rule(value, figure, comparator, hib, high, met):
    assert growth_target_met(value, figure, comparator, hib, high) is met


def test_growth_target_rule_refuses_what_it_cannot_read():
    with pytest.raises(ValueError, match="comparator"):
        growth_target_met(5.0, 5.0, "about")
    with pytest.raises(ValueError, match="range"):
        growth_target_threshold(6.0, ">=", target_high=6.5)
    with pytest.raises(ValueError, match="finite"):
        growth_target_met(float("nan"), 5.0, ">=")
    assert growth_target_threshold(7.0, "~", tolerance=0.05) == (6.65, ">=")
    assert [growth_target_event(c) for c in (">=", "==", "~", "<", "<=")] == ["floor", "floor", "about", "about", None]
    assert growth_target_event("==", higher_is_better=False) is None

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
    BASE_MODEL, ROLLING_MODELS, brier, ece, log_loss, projection_coverage, reliability_table, rolling_test, scores,
    shock_check, summary_line, write_results, year_table,
)
from shenyang_analysis.model.target_features import (
    FEATURE_COLUMNS, common_surprises, event_features, growth_target_features, pair_features, project_growth,
)
from shenyang_analysis.model.target_logit import SPECS, coefficient_table, fit_logit, margin_slope
from shenyang_analysis.model.target_probability import (
    calibration_evidence, growth_target_probability, load_calibration_bins, load_calibration_years, load_target_model,
    recalibrated_growth_projection,
)
from shenyang_analysis.model.target_recalibration import (
    RECALIBRATED_MODEL, BetaMap, coverage_after, fit_beta_map, fit_pit_map, pick_headline, pit_adopted, pits,
)
from shenyang_analysis.model.target_rule import growth_target_event, growth_target_met, growth_target_threshold
from shenyang_analysis.vocab import GROWTH_EVENTS

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
    results = {event: rolling_test(features, surprises, event=event) for event in GROWTH_EVENTS}
    return {"tmp": tmp, "pairs_csv": pairs_csv, "panel_csv": panel_csv, "pairs": pairs, "panel": panel,
            "histories": histories, "features": features, "surprises": surprises,
            "result": results["floor"], "results": results}


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
    assert np.allclose(a["low"], again["low"], equal_nan=True) and np.allclose(a["high"], again["high"], equal_nan=True)
    assert set(again["model"]) == set(ROLLING_MODELS) and sorted(again["year"].unique()) == list(range(2005, year + 1))
    # the second stage of a year is fitted on earlier years only: the full run (later years present) agrees
    full = rolling_test(scrambled, shocks).predictions
    b = full[full["year"] <= year].reset_index(drop=True)
    assert np.allclose(b["p"], again["p"]) and (b["model"] == again["model"]).all()


def test_the_second_stage_is_fitted_on_earlier_years_out_of_sample_predictions_only(world):
    r = world["result"]
    preds = r.predictions
    assert {2005, 2006} <= {y for y, m in r.beta_maps.items() if m.kind == "identity"}  # fewer than 2 earlier years
    for year in (2009, 2012):
        past = preds[(preds["model"] == "combined") & (preds["year"] < year)]
        again = fit_beta_map(past["p"], past["met"], past["year"])
        assert again == r.beta_maps[year] and r.beta_maps[year].years == tuple(range(2005, year))
        cur = preds[preds["year"] == year]
        assert np.allclose(again.apply(cur.loc[cur["model"] == "combined", "p"]),
                           cur.loc[cur["model"] == RECALIBRATED_MODEL, "p"])
        u = pits(r.features)
        g = fit_pit_map(u.loc[u["year"] < year, "pit"])
        assert g.knots == r.pit_maps[year].knots and max(r.pit_maps[year].years) == year - 1
    recal = preds[preds["model"] == RECALIBRATED_MODEL]
    assert ((recal["low"] <= recal["p"]) & (recal["p"] <= recal["high"]) | recal["low"].isna()).all()


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


@pytest.mark.slow
def test_benchmark_prints_tables_and_the_exact_last_line(world, tmp_path):
    r = _bench(str(world["pairs_csv"]), str(world["panel_csv"]), "--write", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    for heading in ("Brier skill against climatology, per year", "Reliability: combined", "Year-shock check",
                    "Projection view on real targets", "Coefficients of combined"):
        assert heading in r.stdout
    for heading in ("Reliability: combined_recal", "Second stage of combined", "before and after the PIT recalibration",
                    "About event (growth ≥ figure − tolerance): Pooled"):
        assert heading in r.stdout
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["target_calibration_bins.csv", "target_calibration_years.csv", "target_model.json"]
    doc = json.loads((tmp_path / "target_model.json").read_text())
    assert doc["headline"] == pick_headline(doc["events"]["floor"]["rolling_test"]["scores"])
    assert summary_line(doc["events"]["floor"]["rolling_test"]["scores"][doc["headline"]]) == lines[-1]
    assert lines[-2] == f"headline ({doc['headline']}, floor event):"
    assert f"about event, combined: {summary_line(doc['events']['about']['rolling_test']['scores']['combined'])}" in lines
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
    write_results(world["results"], world["surprises"], {"pairs": world["pairs_csv"], "panel": world["panel_csv"]},
                  tmp_path)
    with pytest.raises(ValueError, match="no rolling test for the event"):
        write_results({"floor": world["result"]}, world["surprises"], {}, tmp_path)
    ms = load_target_model(tmp_path / "target_model.json")
    h = world["histories"][100100]
    r = growth_target_probability(h, 11.0, ">=", 2012, parent_target=9.5, model_set=ms)
    assert r.model.startswith("combined") and r.event == "floor" and 0 < r.low < r.prob < r.high < 1
    assert "city GDP-growth targets 2003–2012" in r.basis and "以上" in r.basis
    bins = load_calibration_bins(tmp_path / "target_calibration_bins.csv")
    assert set(bins["event"]) == set(GROWTH_EVENTS)
    assert calibration_evidence(r.prob, bins, model=ms.headline).startswith("Of the targets given ")
    years = load_calibration_years(tmp_path / "target_calibration_years.csv")
    for model in (BASE_MODEL, RECALIBRATED_MODEL):
        assert set(years.loc[years["model"] == model, "share_within"].dropna()) <= {True, False}
        assert years.loc[years["model"] == model, "share_within"].notna().sum() == 2 * 8
    assert ms.events["floor"].by_year[2005].kind == "identity" and len(ms.pit_coverage) == 9


# --------------------------------------------------------------------------- the function the assessments call


SHENYANG = pd.Series([3.5, 5.0, 5.0, 0.8, 7.0, 4.0, 6.0, 5.2], index=range(2017, 2025))


def test_growth_target_probability_with_the_committed_model():
    with_parent = growth_target_probability(SHENYANG, 5.5, ">=", 2025, parent_target=5.0)
    without = growth_target_probability(SHENYANG, 5.5, "以上", 2025)
    plain = growth_target_probability(SHENYANG, 5.5, "左右", 2025)
    assert with_parent.model.startswith("combined") and not with_parent.model.startswith("combined_no_parent")
    assert without.model.startswith("combined_no_parent") and with_parent.event == without.event == "floor"
    assert 0 < with_parent.low < with_parent.prob < with_parent.high < 1
    assert plain.prob < without.prob  # 以上 targets were met more often than plain ones
    assert "an extrapolation" in with_parent.basis  # 5.5 % is below the targets of 2003–2012
    assert "\n" not in with_parent.basis and "met = growth reaches the figure" in with_parent.basis
    assert plain.event == "about" and "less 2 % of it" in plain.basis
    harder = growth_target_probability(SHENYANG, 8.0, ">=", 2025, parent_target=5.0)
    assert harder.prob < with_parent.prob


def test_growth_target_probability_falls_back_and_says_why():
    ceiling = growth_target_probability(SHENYANG, 5.5, "<=", 2025)
    assert ceiling.model in ("projection", "projection_recal") and math.isnan(ceiling.low) and ceiling.event == ""
    assert ceiling.basis.startswith("projection view only (the calibrated model covers rates that should rise")
    floor = growth_target_probability(SHENYANG, 5.5, ">=", 2025)
    assert ceiling.prob < 1 and 0 < ceiling.prob
    stale = growth_target_probability(SHENYANG.loc[:2022], 5.5, ">=", 2025)
    assert stale.model == "projection" and "no growth figure for 2024" in stale.basis
    why = ("3 years ahead; the PIT evidence is for one year ahead" if load_target_model().pit_adopted
           else "the PIT recalibration failed its rule")
    assert f"uncalibrated ({why})" in stale.basis
    none = growth_target_probability(SHENYANG.loc[2022:2023], 5.5, ">=", 2025)
    assert none.model == "" and math.isnan(none.prob) and none.basis.startswith("insufficient data")
    with pytest.raises(ValueError, match="comparator"):
        growth_target_probability(SHENYANG, 5.5, "about", 2025)
    fall = growth_target_probability(SHENYANG, -3.0, "==", 2025, higher_is_better=False)
    assert fall.event == "" and fall.basis.startswith("projection view only") and "P(growth <= -3 %)" in fall.basis
    assert floor.prob != ceiling.prob


def test_calibration_evidence_sentence():
    assert calibration_evidence(float("nan")) == "No calibrated probability, so no calibration evidence."
    bins = load_calibration_bins()
    top = calibration_evidence(1.0, bins)
    assert top.startswith("Of the targets given 90–100 % in the rolling test (2005–2012), ")
    headline = load_target_model().headline
    for event in GROWTH_EVENTS:
        row = bins[(bins["model"] == headline) & (bins["lo"] == 0.6) & (bins["event"] == event)].iloc[0]
        assert calibration_evidence(0.65, event=event) == (
            f"Of the targets given 60–70 % in the rolling test (2005–2012), "
            f"{100 * row['share_met']:.0f} % were met ({int(row['n'])} targets).")


# --------------------------------------------------------------------------- the committed results


def test_committed_results_agree_with_each_other_and_the_docs():
    doc = json.loads(paths().target_model_json.read_text(encoding="utf-8"))
    bins, years = load_calibration_bins(), load_calibration_years()
    floor = doc["events"]["floor"]["rolling_test"]["scores"]
    assert doc["headline"] == pick_headline(floor)
    headline = floor[doc["headline"]]
    methods = (ROOT / "docs" / "methods.md").read_text(encoding="utf-8")
    assert summary_line(headline) in methods, "docs/methods.md must quote the last run's line"
    for event in GROWTH_EVENTS:
        e = doc["events"][event]
        assert set(e["models"]) == {"combined", "combined_no_parent"}
        assert set(SPECS["combined"].features) == set(e["models"]["combined"]["features"])
        b, y = bins[bins["event"] == event], years[years["event"] == event]
        assert set(b["model"]) == set(ROLLING_MODELS) == set(e["rolling_test"]["scores"])
        assert (b.groupby("model")["n"].sum() == headline["n"]).all()
        assert y.loc[y["model"] == "combined", "n"].sum() == headline["n"]
        for model in ("combined", "combined_recal"):
            assert summary_line(e["rolling_test"]["scores"][model]) in methods, (event, model)
    assert doc["source"].startswith("Past targets: Li, Liu, Weng & Zhou (2019)")
    assert doc["parameters"]["calibration_from"] == AnalysisParams().calibration_from
    assert doc["parameters"]["tolerance"] == AnalysisParams().tolerance
    assert doc["projection_pit"]["adopted"] == pit_adopted(pd.DataFrame(doc["projection_pit"]["coverage"]))


@needs_shared
@pytest.mark.slow
def test_the_shared_data_reproduce_the_committed_results(tmp_path):
    r = _bench("--write", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    committed = json.loads(paths().target_model_json.read_text(encoding="utf-8"))
    fresh = json.loads((tmp_path / "target_model.json").read_text(encoding="utf-8"))
    assert summary_line(fresh["events"]["floor"]["rolling_test"]["scores"][fresh["headline"]]) == \
        r.stdout.strip().splitlines()[-1]
    for key in ("events", "headline", "selection", "projection_pit"):
        assert fresh[key] == committed[key], key
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


def test_the_model_the_rolling_test_and_the_function_read_met_by_the_same_rule(world, tmp_path):
    f = world["features"].dropna(subset=["actual_real_growth_pct"])
    for event, comparator in (("floor", ">="), ("floor", "=="), ("about", "~")):
        e = event_features(f, event)
        expected = [float(growth_target_met(a, t, comparator)) for a, t in zip(e["actual_real_growth_pct"], e["target_pct"])]
        assert e["met"].tolist() == expected, (event, comparator)
        assert world["results"][event].features["met"].dropna().tolist() == event_features(world["features"], event)[
            "met"].dropna().tolist()
    about, floor = event_features(f, "about"), event_features(f, "floor")
    assert (about["met"] >= floor["met"]).all() and (about["met"] > floor["met"]).any()
    assert (about["projection_prob"].dropna() >= floor["projection_prob"].dropna()).all()
    assert np.allclose(floor["projection_prob"].dropna(), f["projection_prob"].dropna())  # the features' own P(≥ target)
    write_results(world["results"], world["surprises"], {"pairs": world["pairs_csv"]}, tmp_path)
    ms = load_target_model(tmp_path / "target_model.json")
    h = world["histories"][100200]
    for comparator, event in ((">=", "floor"), ("==", "floor"), ("~", "about"), ("左右", "about"), ("以上", "floor")):
        r = growth_target_probability(h, 11.5, comparator, 2012, parent_target=10.0, model_set=ms)
        wording = "above" if comparator in (">=", "以上") else "plain"
        x = pd.DataFrame([growth_target_features(h, 11.5, 2012, wording, 10.0)])
        direct = float(ms.events[event].models["combined"].predict(x)["p"].iloc[0])
        if ms.headline == RECALIBRATED_MODEL:
            direct = float(ms.events[event].recalibration.apply([direct])[0])
        assert r.event == event and r.prob == pytest.approx(direct), comparator


# --------------------------------------------------------------------------- the second stage


def test_beta_map_is_monotone_and_falls_back_to_platt_then_identity():
    rng = np.random.default_rng(3)
    p = rng.uniform(0.3, 0.95, 2000)
    y = (rng.random(2000) < p - 0.15).astype(float)  # every probability 15 points too high
    m = fit_beta_map(p, y, np.repeat([2005, 2006], 1000))
    grid = np.linspace(0.01, 0.99, 99)
    assert m.kind in ("beta", "platt") and np.all(np.diff(m.apply(grid)) > 0)
    assert abs(m.apply([0.6])[0] - 0.45) < 0.06 and abs(m.apply([0.9])[0] - 0.75) < 0.06
    assert fit_beta_map(p, y, np.full(2000, 2005)).kind == "identity"  # one earlier year: not enough
    assert fit_beta_map(p, np.ones(2000), np.repeat([2005, 2006], 1000)).reason == "every earlier outcome the same"
    falling = (rng.random(2000) < 1.0 - p).astype(float)  # outcomes falling with p: no monotone map
    assert fit_beta_map(p, falling, np.repeat([2005, 2006], 1000)).kind == "identity"
    assert np.array_equal(BetaMap("identity", 1, 1, 0, 0, ()).apply([0.2, np.nan]), np.array([0.2, np.nan]), equal_nan=True)
    again = BetaMap.from_dict(json.loads(json.dumps(m.to_dict())))
    assert again == m


def test_pit_map_recalibrates_coverage_and_is_the_identity_on_uniform_pits():
    rng = np.random.default_rng(4)
    uniform = fit_pit_map(rng.uniform(size=20000))
    assert np.allclose(uniform.cdf([0.1, 0.5, 0.9]), [0.1, 0.5, 0.9], atol=0.02)
    # PITs of a projection whose intervals are 40 % too narrow: the recalibrated 80 % interval holds 80 %
    z = rng.standard_normal(40000) * 1.4
    from scipy.special import ndtr
    u = ndtr(z)
    g = fit_pit_map(u[:20000])
    assert 0.55 < np.mean((u[20000:] > 0.1) & (u[20000:] < 0.9)) < 0.68
    after = g.cdf(u[20000:])
    assert abs(np.mean((after > 0.1) & (after < 0.9)) - 0.80) < 0.01
    assert np.allclose(g.cdf(g.inverse([0.025, 0.5, 0.975])), [0.025, 0.5, 0.975], atol=1e-6)
    assert g.knots[0] == 0.0 and g.knots[-1] == 1.0 and np.all(np.diff(g.knots) > 0)
    with pytest.raises(ValueError, match="too few"):
        fit_pit_map([0.5])


def test_coverage_before_and_after_and_the_rules_that_pick(world):
    r = world["result"]
    cov = coverage_after(r.features, r.pit_maps)
    assert cov["year"].tolist() == [str(y) for y in range(2005, 2013)] + ["all"]
    before = projection_coverage(r.features, 2005, 2012)
    assert np.allclose(cov["cov80"], before["cov80"]) and np.allclose(cov["cov95"], before["cov95"])
    assert pit_adopted(cov) in (True, False)
    assert r.headline == pick_headline({m: r.scores(m) for m in ("combined", "combined_recal")})
    check = shock_check(r, model=RECALIBRATED_MODEL)
    assert len(check) == 8 and (check["share_low"] <= check["share_high"]).all()


def test_recalibrated_growth_projection_only_one_year_ahead(world, tmp_path):
    write_results(world["results"], world["surprises"], {}, tmp_path)
    ms = load_target_model(tmp_path / "target_model.json")
    h = world["histories"][100300].loc[:2011]
    one = recalibrated_growth_projection(h, 2012, model_set=ms)
    two = recalibrated_growth_projection(h, 2013, model_set=ms)
    assert two.pit is None and "2 years ahead" in two.basis
    assert (one.pit is not None) == ms.pit_adopted and one.model == ("projection_recal" if ms.pit_adopted else "projection")
    lo80, hi80 = one.interval(0.80)
    lo95, hi95 = one.interval(0.95)
    assert lo95 < lo80 < hi80 < hi95
    assert one.prob(lo80, ">=") == pytest.approx(0.9, abs=1e-6) and one.prob(hi80, "<=") == pytest.approx(0.9, abs=1e-6)
    none = recalibrated_growth_projection(h.loc[2009:], 2012, model_set=ms)
    assert none.projection is None and math.isnan(none.prob(5.0)) and none.model == ""

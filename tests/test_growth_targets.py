"""Growth-rate targets in the assessments: one rule for "met", the calibrated probability where its
evidence transfers (with its model, basis, year-shock range and calibration evidence), the
projection view elsewhere, saying why."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from shenyang_analysis.config import AnalysisParams
from shenyang_analysis.history.conflicts import resolve_conflicts
from shenyang_analysis.history.series import series, trailing_run
from shenyang_analysis.model import growth_targets
from shenyang_analysis.model.assess import assess_target
from shenyang_analysis.model.assessments import assess
from shenyang_analysis.model.feasibility import status_from_probability
from shenyang_analysis.model.growth_targets import GrowthTarget, calibration_applies, prob_meet_growth_target
from shenyang_analysis.model.projections import fit_forecast
from shenyang_analysis.model.target_probability import (
    calibration_evidence, growth_target_probability, load_calibration_bins, load_target_model,
)
from shenyang_analysis.model.target_rule import growth_target_met

SHENYANG_GDP_GROWTH = "history_observations@44"  # 2025 work report: 地区生产总值增长5.5%以上
NO_BREAKS = pd.DataFrame(columns=["region", "indicator", "year", "description", "source", "bridge"])


def _hist(values: dict[int, float], indicator: str, region: str = "shenyang", status: str = "official"):
    years = sorted(values)
    return pd.DataFrame({"region": region, "indicator": indicator, "measure": "growth", "unit": "percent", "year": years,
                         "value": [float(values[y]) for y in years], "status": status, "bound": "exact",
                         "source": "test", "n_sources": 1})


def _target(value, year, comparator=">=", indicator="gdp_real_growth", region="shenyang", level="city", **extra):
    t = {"target_id": f"{region}@{year}", "doc_id": "d", "region": region, "level": level, "indicator": indicator,
         "indicator_zh": "指标", "comparator": comparator, "value": float(value), "unit": "percent", "year": year,
         "range_high": None, "is_growth_rate": True, "is_cumulative": False, "kind": "target", "quote": ""}
    return t | extra


GDP = {2015: 3.5, 2016: 4.0, 2017: 3.5, 2018: 5.4, 2019: 4.2, 2020: 0.8, 2021: 7.0, 2022: 3.5, 2023: 6.1, 2024: 5.2}
#: growth of the calibration era (targets of 10 % sit inside the model's data; 5.5 % would not)
FAST = {y: v + 5.0 for y, v in GDP.items()}


@pytest.fixture(scope="module")
def table(built):
    return built.assessments.set_index("target_id")


@pytest.fixture(scope="module")
def shenyang_growth(built):
    chosen = resolve_conflicts(built.history)[0]
    s = series(chosen, "shenyang", "gdp_real_growth", "growth")
    return s[s.index < 2025]


# --------------------------------------------------------------------------- real rows of the build


def test_shenyang_2025_gdp_growth_is_not_judged_by_an_extrapolated_calibration(table, shenyang_growth):
    """5.5 % lies below every city target the model was fitted on (7.8–23 %): the projection view
    answers, the calibrated figure stands beside it with the reason it is not used."""
    r = table.loc[SHENYANG_GDP_GROWTH]
    assert (r["indicator"], r["judged_as"], r["judged_value"], r["measure"]) == ("gdp_real_growth", ">=", 5.5, "growth")
    expected = growth_target_probability(shenyang_growth, 5.5, ">=", 2025)
    assert expected.extrapolation and expected.model == "combined_no_parent"
    f = fit_forecast(trailing_run(shenyang_growth), 2025, "drift_recent", scale="level")
    assert (r["basis"], r["model"]) == ("own series", "drift_recent")
    assert r["prob_meet"] == pytest.approx(f.prob(5.5, ">=", 2025)) and pd.isna(r["prob_meet_low"])
    assert r["probability_basis"].startswith("projection view only (the calibrated model would extrapolate")
    assert r["prob_meet_alt"] == pytest.approx(expected.prob, abs=1e-12)
    assert r["alt_basis"].startswith("calibrated model, not used: ") and "an extrapolation" in r["alt_basis"]
    assert r["calibration_evidence"].startswith("No calibration evidence: the calibrated model would extrapolate")
    assert r["prob_meet"] < 0.5 < r["prob_meet_alt"]  # the two views disagree, and the row shows both
    # the documented thresholds give the status; the year has passed without a figure
    assert r["status"] == status_from_probability(r["prob_meet"]) and r["outcome"] == "overdue"
    assert "not a live forecast" in r["note"]


def test_allowing_extrapolation_gives_the_calibrated_probability(shenyang_growth):
    target = GrowthTarget(5.5, ">=", indicator="gdp_real_growth", level="city", parent="liaoning")
    declined = prob_meet_growth_target(shenyang_growth, target, 2025)
    allowed = prob_meet_growth_target(shenyang_growth, target, 2025, AnalysisParams(calibrated_extrapolation=True))
    expected = growth_target_probability(shenyang_growth, 5.5, ">=", 2025)
    assert (allowed.basis, allowed.model) == ("past targets", "combined_no_parent")
    assert allowed.prob == pytest.approx(expected.prob) and allowed.low < allowed.prob < allowed.high
    assert "an extrapolation" in allowed.probability_basis and "no 2025 growth target of liaoning" in allowed.probability_basis
    assert allowed.evidence == calibration_evidence(expected.prob, model="combined_no_parent", event="floor")
    assert declined.basis == "own series" and declined.alt_prob == pytest.approx(expected.prob)


def test_non_gdp_growth_targets_keep_the_projection_view_and_say_why(table):
    for tid in ("000_f13389e16cc0cf9d@4135", "history_observations@19", "003_2e6eae32420e2f95@2122"):
        r = table.loc[tid]
        assert r["measure"] == "growth" and r["basis"] != "past targets" and pd.isna(r["prob_meet_low"])
        assert f"not {r['indicator']}" in r["probability_basis"] and "too few for a projection" in r["probability_basis"]
        assert r["status"] == "insufficient data" and "4 consecutive years" in r["data_needed"]
        assert "borrow" not in r["data_needed"]  # a growth rate borrows from no parent
    # 能耗下降2.5% (2025 work report): a fall, read as a ceiling on the change
    fall = table.loc["history_observations@19"]
    assert (fall["judged_as"], fall["judged_value"]) == ("<=", -2.5)
    # 技术合同成交额增长10%: beating it is never a miss
    assert table.loc["003_2e6eae32420e2f95@2122", "judged_as"] == ">="


def test_the_build_counts_growth_targets_by_what_answered(built):
    s = built.summary["growth_rate_targets"]
    a = built.assessments[built.assessments["measure"] == "growth"]
    assert s["targets"] == len(a) and sum(s["by_basis"].values()) == len(a)
    assert s["calibrated"] == [] and "past targets" not in s["by_basis"]  # none inside the calibration data
    assert built.summary["parameters"]["calibrated_growth_indicators"] == ["gdp_real_growth"]
    c = built.calibration.set_index("target_id").loc[SHENYANG_GDP_GROWTH]
    assert (c["basis_then"], c["model_then"]) == ("own series", "drift_recent")


# --------------------------------------------------------------------------- where the calibration applies


def test_the_calibration_applies_to_annual_gdp_growth_floors_of_cities_only():
    gdp = GrowthTarget(5.5, ">=", indicator="gdp_real_growth", level="city")
    assert calibration_applies(gdp) == ""
    assert "not retail_sales_growth" in calibration_applies(GrowthTarget(5.5, indicator="retail_sales_growth", level="city"))
    assert "not a district's" in calibration_applies(GrowthTarget(5.5, indicator="gdp_real_growth", level="district"))
    assert "yearly average" in calibration_applies(GrowthTarget(6.0, indicator="gdp_real_growth", level="city", annual=False))
    assert "not ceilings or falls" in calibration_applies(GrowthTarget(8.0, "<=", indicator="gdp_real_growth", level="city"))
    wider = AnalysisParams(calibrated_growth_indicators=("gdp_real_growth", "retail_sales_growth"),
                           calibrated_growth_levels=("city", "district"))
    assert calibration_applies(GrowthTarget(5.5, indicator="retail_sales_growth", level="district"), wider) == ""


def test_a_non_gdp_rate_with_a_long_series_is_projected_on_its_own_and_says_why():
    h = _hist({y: 9.0 - 0.5 * (y - 2015) + (0.8 if y % 2 else -0.8) for y in range(2015, 2025)}, "retail_sales_growth")
    r = assess_target(_target(6.0, 2025, indicator="retail_sales_growth"), h, breaks=NO_BREAKS).row
    assert (r["basis"], r["model"]) == ("own series", "drift_recent") and r["status"] == status_from_probability(r["prob_meet"])
    assert r["probability_basis"].startswith("projection view only (the calibration is on real GDP-growth targets")
    assert "P(growth >= 6 %) from drift_recent" in r["probability_basis"] and "uncalibrated" in r["probability_basis"]
    assert r["calibration_evidence"].startswith("No calibration evidence: the calibration is on real GDP-growth targets")
    assert math.isnan(r["prob_meet_low"]) and math.isnan(r["prob_meet_alt"])
    s = h.set_index("year")["value"]
    assert r["prob_meet"] == pytest.approx(fit_forecast(s, 2025, "drift_recent", scale="level").prob(6.0, ">=", 2025))


def test_a_district_gdp_growth_target_keeps_the_projection_view():
    h = _hist(GDP, "gdp_real_growth", region="tiexi")
    r = assess_target(_target(5.5, 2025, region="tiexi", level="district"), h, breaks=NO_BREAKS).row
    assert r["basis"] == "own series" and "not a district's" in r["probability_basis"]


def test_a_parent_target_gives_the_model_with_the_parent_gap():
    h = _hist(FAST, "gdp_real_growth")
    targets = pd.DataFrame([_target(10.0, 2025), _target(9.5, 2025, "~", region="liaoning", level="province")])
    res = assess(targets, h, breaks=NO_BREAKS)
    r = res.table.set_index("target_id").loc["shenyang@2025"]
    assert (r["basis"], r["model"]) == ("past targets", "combined")
    assert "+0.5 pt above the parent's target" in r["probability_basis"] and "no 2025 growth target" not in r["probability_basis"]
    assert "an extrapolation" not in r["probability_basis"]
    s = h.set_index("year")["value"]
    assert r["prob_meet"] == pytest.approx(growth_target_probability(s, 10.0, ">=", 2025, parent_target=9.5).prob)
    bins = load_calibration_bins()
    assert r["calibration_evidence"] == calibration_evidence(r["prob_meet"], bins, model="combined")


def test_without_last_years_growth_the_projection_view_answers_with_its_own_evidence():
    h = _hist({y: v for y, v in GDP.items() if y <= 2023}, "gdp_real_growth")
    r = assess_target(_target(5.5, 2025), h, breaks=NO_BREAKS).row
    assert r["basis"] == "own series" and "needs the growth of 2024" in r["probability_basis"]
    assert r["calibration_evidence"].startswith("The projection view alone, in the same test: of the targets given")


def test_the_calibrated_model_answers_without_a_projection_and_the_schema_allows_it():
    h = _hist({2023: 11.1, 2024: 10.2}, "gdp_real_growth")
    res = assess(pd.DataFrame([_target(10.0, 2025)]), h, breaks=NO_BREAKS)  # the table's schema is checked
    r = res.table.iloc[0]
    assert r["basis"] == "past targets" and pd.isna(r["projection"]) and r["model"] == "combined_no_parent"
    assert "no projection" in r["probability_basis"] and pd.isna(r["prob_meet_alt"])
    assert r["status"] == status_from_probability(r["prob_meet"])


def test_growth_targets_take_their_probability_from_one_swappable_function(monkeypatch):
    h = _hist(GDP, "gdp_real_growth")
    swapped = growth_targets.GrowthTargetResult(0.83, None, "swapped_model", ["swapped"], "past targets", 0.7, 0.9,
                                                "a swapped basis", "swapped evidence")
    monkeypatch.setattr("shenyang_analysis.model.basis.prob_meet_growth_target", lambda *a, **k: swapped)
    r = assess_target(_target(5.5, 2025), h, breaks=NO_BREAKS).row
    assert (r["prob_meet"], r["status"], r["model"], r["basis"]) == (0.83, "likely", "swapped_model", "past targets")
    assert (r["prob_meet_low"], r["prob_meet_high"], r["probability_basis"], r["calibration_evidence"]) == (
        0.7, 0.9, "a swapped basis", "swapped evidence")


# --------------------------------------------------------------------------- one rule for "met"


@pytest.mark.parametrize("indicator,comparator,figure,observed,outcome", [
    ("gdp_real_growth", "==", 10.0, 12.0, "met"),  # beating 增长10% is never a miss
    ("gdp_real_growth", "~", 7.0, 7.8, "met"),  # about: an overshoot is no miss
    ("gdp_real_growth", "~", 7.0, 6.9, "met"),  # … a shortfall of 2 % of the figure is allowed
    ("gdp_real_growth", "~", 7.0, 6.8, "missed"),
    ("gdp_real_growth", ">=", 5.5, 5.4, "missed"),
    ("energy_intensity_change", "==", -15.0, -16.0, "met"),  # 能耗下降15%: a ceiling on the change
    ("energy_intensity_change", "==", -15.0, -14.0, "missed"),
    ("cpi_change", "==", 3.0, 2.5, "met"),  # 居民消费价格涨幅3%: lower is better, a ceiling
    ("cpi_change", "~", 3.0, 3.05, "met"),
    ("cpi_change", "~", 3.0, 3.1, "missed"),
])
def test_outcomes_of_growth_targets_follow_the_rule(indicator, comparator, figure, observed, outcome):
    h = _hist({2023: 4.0, 2024: 4.5, 2025: observed}, indicator)
    r = assess_target(_target(figure, 2025, comparator, indicator=indicator), h, breaks=NO_BREAKS).row
    hib = indicator == "gdp_real_growth"
    assert r["outcome"] == outcome == ("met" if growth_target_met(observed, figure, comparator, hib) else "missed")
    assert r["status"] == {"met": "achieved", "missed": "missed"}[outcome]


def test_an_estimated_rate_settles_only_as_likely_and_a_bound_only_where_it_can():
    est = _hist({2023: 4.0, 2024: 4.5, 2025: 5.6}, "gdp_real_growth", status="estimate")
    assert assess_target(_target(5.5, 2025), est, breaks=NO_BREAKS).row["outcome"] == "likely met"
    low = _hist({2023: 4.0, 2024: 4.5, 2025: 5.0}, "gdp_real_growth").assign(bound="lower")  # 增长5%以上 observed
    assert assess_target(_target(5.5, 2025), low, breaks=NO_BREAKS).row["outcome"] == "undetermined"


def test_about_targets_get_the_probability_of_the_rules_event():
    h = _hist({y: 9.0 - 0.5 * (y - 2015) + (0.8 if y % 2 else -0.8) for y in range(2015, 2025)}, "retail_sales_growth")
    r = assess_target(_target(6.0, 2025, "~", indicator="retail_sales_growth"), h, breaks=NO_BREAKS).row
    f = fit_forecast(h.set_index("year")["value"], 2025, "drift_recent", scale="level")
    # one-sided: growth at or above 6 − 2 % of 6; an overshoot is no miss (not the two-sided band of levels)
    assert (r["judged_as"], r["judged_value"]) == (">=", 5.88)
    assert r["prob_meet"] == pytest.approx(f.prob(5.88, ">=", 2025))
    assert r["prob_meet"] > f.prob(6.0, "~", 2025)


def test_prob_meet_growth_target_reads_the_projection_with_the_params():
    s = pd.Series(GDP)
    a = prob_meet_growth_target(s, GrowthTarget(5.5, indicator="retail_sales_growth", level="city"), 2025)
    b = prob_meet_growth_target(s, GrowthTarget(5.5, indicator="retail_sales_growth", level="city"), 2025,
                                AnalysisParams(recent_damping=0.5))
    assert a.prob != pytest.approx(b.prob) and a.forecast.at(2025)["projection"] != b.forecast.at(2025)["projection"]
    ms, fast = load_target_model(), pd.Series(FAST)
    c = prob_meet_growth_target(fast, GrowthTarget(10.0, indicator="gdp_real_growth", level="city"), 2025, model_set=ms)
    d = prob_meet_growth_target(fast, GrowthTarget(10.0, indicator="retail_sales_growth", level="city"), 2025)
    assert c.basis == "past targets" and np.isfinite(c.alt_prob) and c.alt_prob == pytest.approx(d.prob)


@pytest.mark.slow
def test_a_build_without_the_growth_target_model_stops_in_one_line_naming_it(tmp_path):
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    root = tmp_path / "project"
    shutil.copytree(repo / "data" / "raw", root / "data" / "raw")
    (root / "data" / "derived").mkdir()
    out = root / "out"
    r = subprocess.run([sys.executable, "-m", "shenyang_analysis", "--root", str(root), "build", "--out", str(out)],
                       capture_output=True, text=True, cwd=repo, timeout=300)
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "data/derived/target_model.json" in r.stderr and "target_calibration.py --write" in r.stderr
    assert not (out / "assessments.csv").exists()  # nothing half-written

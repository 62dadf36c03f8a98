"""The assessment table: the headline verdicts, the meaning of bounds and outcomes, prices,
borrowed strength, coverage of every target, schema and calibration."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from shenyang_analysis.config import AnalysisParams
from shenyang_analysis.model.assess import assess_target, target_paths
from shenyang_analysis.model.assessments import assess, duplicates, publication_dates
from shenyang_analysis.model.backtest import DEFAULT_MODEL
from shenyang_analysis.model.calibration import brier, calibration_table
from shenyang_analysis.model.outcomes import settle, target_year_figure
from shenyang_analysis.model.reading import read_target
from shenyang_analysis.model.schema import validate_assessments
from shenyang_analysis.model.share_of_parent import fit_share, share_of_parent_forecast
from shenyang_analysis.present.verdicts import describe
from shenyang_analysis.table.schema import ASSESSMENT_COLUMNS, TableError
from shenyang_analysis.vocab import DATA_BACKED_STATUSES, NO_STATUS_REASONS, OUTCOMES, STATUSES

TIEXI_GDP = "002_74a2a09f36767d0c@9774"
TIEXI_RD = "002_74a2a09f36767d0c@9965"
CLUSTERS = "003_2e6eae32420e2f95@620"
BOUNDS = ["lower95", "lower80", "projection", "upper80", "upper95"]
NO_BREAKS = pd.DataFrame(columns=["region", "indicator", "year", "description", "source", "bridge"])
ZERO = AnalysisParams(inflation_pct=0.0)


def _hist(values: dict[int, float], indicator="x", measure="level", unit="yuan", status="official", region="r", bound="exact"):
    years = sorted(values)
    return pd.DataFrame({
        "region": region, "indicator": indicator, "measure": measure, "unit": unit, "year": years,
        "value": [float(values[y]) for y in years], "status": status, "bound": bound, "source": "test", "n_sources": 1,
    })


def _target(value, year, comparator=">=", indicator="x", unit="yuan", growth=False, **extra):
    t = {"target_id": f"d@{year}", "doc_id": "d", "region": "r", "indicator": indicator, "indicator_zh": "指标",
         "comparator": comparator, "value": float(value), "unit": unit, "year": year, "range_high": None,
         "is_growth_rate": growth, "is_cumulative": False, "kind": "target", "quote": ""}
    t.update(extra)
    return t


@pytest.fixture(scope="module")
def table(built):
    return built.assessments.set_index("target_id")


# --------------------------------------------------------------------------- the headline verdicts


def test_clusters_are_not_met_the_2025_source_says_approaching(table):
    r = table.loc[CLUSTERS]
    assert (r["outcome"], r["status"]) == ("missed", "missed")  # 逼近1.1万亿: below it, from the work report
    assert r["outcome_basis"] == "official, an upper bound (below)" and "逼近1.1万亿" in r["outcome_chain"]
    # the 2024 figure covers 10 clusters, not 10+1: a lower bound of the new aggregate
    assert (r["baseline_year"], r["baseline_bound"]) == (2024, "lower") and "narrower definition" in r["note"]
    assert r["basis"] == "reference class" and "real GDP growth" in r["reference_class"]
    assert r["document_baseline_year"] == 2024 and r["document_status"] in STATUSES
    assert r["price_sensitivity"].startswith("none: the outcome is an observed figure")
    assert "history_observations@79" in r["duplicate_ids"]  # the same target in the 2025 work report


def test_tiexi_gdp_is_likely_missed_derived_and_price_sensitive(table):
    r = table.loc[TIEXI_GDP]
    assert (r["outcome"], r["status"], r["outcome_basis"]) == ("likely missed", "likely missed", "derived")
    # 1300 (预计, rounded) × 1.06 (预计) × prices of 2025 (no deflator yet: the stated assumption)
    chain = r["outcome_chain"]
    assert "1,300.0亿元 (estimate)" in chain and "6% (estimate)" in chain and "assumed" in chain
    assert r["outcome_value"] == pytest.approx(1.3e11 * 1.06 * (1 + (8122.1 / 7695.8 / 1.061 - 1)), rel=1e-9)
    assert r["price_assumption"].startswith("prices 2025: assumed -0.53% a year")
    parts = r["price_sensitivity"].split("; ")
    assert [p.split(":")[0] for p in parts] == ["deflator -1%", "deflator +0%", "deflator +2%"]
    assert all("likely missed" in p for p in parts) and not r["price_sensitive"]
    assert "revision" in r["basis_range"] and "same either way" in r["basis_range"]
    # the projection borrows strength from the city: share by statsmodels, the city by the default model
    assert r["basis"] == "share of parent" and "WLS" in r["note"] and "drift_recent projection" in r["note"]
    assert [r[c] for c in BOUNDS] == sorted(r[c] for c in BOUNDS)
    # the plan's readers knew 2020 from the plan itself (千亿体量 / 31.4亿 ÷ 3.2 %)
    assert r["document_baseline_year"] == 2020 and r["document_status"] in DATA_BACKED_STATUSES


def test_tiexi_rd_is_assessed_on_a_stated_borrowed_basis(table):
    r = table.loc[TIEXI_RD]
    assert (r["baseline_year"], r["baseline_value"], r["measure"]) == (2020, 3.2, "share")
    assert r["status"] in DATA_BACKED_STATUSES and r["basis"] == "parent series"
    assert "shenyang {2019: 2.64, 2021: 2.97}" in r["note"] and "province" in r["reference_class"]
    assert 0 <= r["prob_meet"] <= 1 and 0 <= r["prob_meet_alt"] <= 1 and r["alt_basis"] == "reference class alone"
    assert r["outcome"] == "overdue" and "as of the data to 2020" in r["note"]
    # in May 2021 the city's 2021 figure was not known: the reference class alone
    assert r["document_basis"] == "reference class" and r["document_prob_meet"] == pytest.approx(r["prob_meet_alt"])


def test_statuses_say_what_the_data_support(table):
    assert table.loc["004_6a6d947e374aa1af@940", "status"] == "likely achieved"  # 4200 − 859 (derived) ≥ 3000
    assert table.loc["004_6a6d947e374aa1af@1627", "outcome"] == "likely met"  # grain 83.71亿斤, a repost
    assert table.loc["003_2e6eae32420e2f95@2109", "outcome"] == "overdue"  # sci-tech firms 2025: no figure yet
    assert "partial-year figure for 2025" in table.loc["003_2e6eae32420e2f95@2109", "note"]
    # a ceiling met by a 2020 baseline that is itself a ceiling (3.6%以内) only currently meets
    r = table.loc["002_74a2a09f36767d0c@10526"]
    assert (r["status"], r["baseline_bound"]) == ("currently meets", "upper")
    assert "002_74a2a09f36767d0c@43548" in r["duplicate_ids"]
    assert table.loc["000_f13389e16cc0cf9d@5214", "status"] == "currently meets"  # good-air days from one 2022 figure
    jobs = table.loc["002_74a2a09f36767d0c@43530"]  # 5.5万 over 2021–2025 against 9.2万 over 2016–2020
    assert jobs["status"] != "currently meets" and "18,400 a year in 2016–2020" in jobs["note"]
    energy = table.loc["000_f13389e16cc0cf9d@4135"]  # 比2020年下降15%: −3.2 % a year, a ceiling
    assert (energy["judged_as"], round(energy["judged_value"], 2), energy["base_year"]) == ("<=", -3.2, 2020)


def test_every_target_appears_with_a_status_or_a_reason(built):
    a = built.assessments
    ids = set(a["target_id"]) | {d for x in a["duplicate_ids"] if x for d in x.split(";")}
    assert set(built.targets.loc[built.targets["kind"] == "target", "target_id"]) <= ids
    none = a[a["status"] == "insufficient data"]
    assert set(none["status_reason"]) <= set(NO_STATUS_REASONS) and (none["data_needed"] != "").all()
    assert (a.loc[a["status"] != "insufficient data", "status_reason"] == "").all()
    backed = a[a["status"].isin(sorted(DATA_BACKED_STATUSES))]
    assert len(backed) >= 18  # three times the six of the first version
    s = built.summary
    assert s["targets_with_data_backed_status"] == len(backed)
    assert sum(s["targets_without_status_by_reason"].values()) == len(none) == s["targets_without_status"]
    assert s["targets_assessed"] + s["targets_without_history"] == len(a)
    assert set(a["status"]) <= set(STATUSES) and set(a["outcome"]) <= set(OUTCOMES)


def test_contract_columns_first_and_in_order(built):
    cols = list(built.assessments.columns)
    assert cols[: len(ASSESSMENT_COLUMNS)] == list(ASSESSMENT_COLUMNS)
    written = pd.read_csv(built.outputs[4], keep_default_na=False)
    assert list(written.columns)[: len(ASSESSMENT_COLUMNS)] == list(ASSESSMENT_COLUMNS)
    assert len(written) == len(built.assessments) > 0


def test_calibration_lists_past_targets_with_the_probability_then(built):
    c = built.calibration.set_index("target_id")
    assert (c["year"] < 2026).all()
    assert (c.loc[CLUSTERS, "outcome"], c.loc[TIEXI_GDP, "outcome"]) == ("missed", "likely missed")
    assert c.loc[TIEXI_RD, "outcome"] == "overdue" and pd.isna(c.loc[TIEXI_RD, "squared_error"])
    b = built.summary["calibration"]
    assert b["n_outcomes"] == len(c) and b["n_scored"] >= 2 and b["brier"] is not None


# --------------------------------------------------------------------------- reading a target


def test_bare_figures_and_reductions_are_read_by_direction():
    assert read_target(_target(17e4, 2025, "==", unit="count"), higher_is_better=True).comparator == ">="
    assert read_target(_target(63.0, 2021, "==", unit="percent"), higher_is_better=False).comparator == "<="
    assert read_target(_target(5.0, 2021, "=="), higher_is_better=None).comparator == "=="
    assert read_target(_target(5.0, 2021, "=="), True, params=AnalysisParams(bare_as_bound=False)).comparator == "=="
    growth = read_target(_target(10.0, 2025, "==", unit="percent", growth=True), higher_is_better=True)
    cut = read_target(_target(-15.0, 2025, "==", unit="percent", growth=True, quote="比2020年下降15%"), higher_is_better=False)
    assert growth.comparator == ">=" and (cut.comparator, cut.base_year) == ("<=", 2020)
    assert cut.value == pytest.approx(100 * (0.85 ** 0.2 - 1))
    tons = read_target(_target(75e8, 2021, unit="jin"), history_unit="ton")
    assert (tons.value, tons.unit) == (pytest.approx(3.75e6), "ton")


def test_beating_a_bare_growth_target_is_not_a_miss():
    h = _hist({2019: 8.0, 2020: 12.0}, indicator="x_growth", measure="growth", unit="percent")
    r = assess_target(_target(10.0, 2020, "==", indicator="x_growth", unit="percent", growth=True), h, breaks=NO_BREAKS).row
    assert (r["judged_as"], r["outcome"], r["status"]) == (">=", "met", "achieved")


# --------------------------------------------------------------------------- bounds and outcomes


@pytest.mark.parametrize("value,bound,status,target,comp,word", [
    (1.1e12, "upper", "official", 1.1e12, ">=", "missed"),  # 逼近: below
    (1.2e12, "upper", "official", 1.1e12, ">=", "undetermined"),  # below 1.2 万亿 says nothing about 1.1
    (1.2e11, "lower", "secondary", 1.5e11, ">=", "undetermined"),  # 突破1200亿 against 1500
    (1.6e11, "lower", "secondary", 1.5e11, ">=", "likely met"),
    (3.6, "upper", "document", 3.8, "<=", "met"),
    (4.0, "lower", "official", 3.8, "<=", "missed"),
    (1.4e11, "exact", "derived", 1.5e11, ">=", "likely missed"),
    (1.4e11, "exact", "interpolated", 1.3e11, ">=", "likely met"),
    (100.0, "exact", "official", 100.0, "<", "missed"),
    (1500.0, "about", "official", 1500.0, ">=", "undetermined"),  # about the target itself
])
def test_settle(value, bound, status, target, comp, word):
    assert settle(value, bound, status, target, comp) == word


def test_interpolation_between_bracketing_figures_says_so():
    s = pd.Series([2560.0, 4200.0], index=[2020, 2022])
    s.attrs = {"status": {2020: "official", 2022: "official"}, "bound": {2020: "exact", 2022: "exact"}}
    f = target_year_figure(s, 2021, "level")
    assert f.value == pytest.approx(math.sqrt(2560 * 4200)) and f.status == "interpolated" and "log-linearly" in f.how
    share = pd.Series([3.0, 4.0], index=[2019, 2021])
    share.attrs = {"status": {}, "bound": {}}
    assert target_year_figure(share, 2020, "share").value == pytest.approx(3.5)
    assert target_year_figure(s, 2021, "level", max_gap=1) is None


def test_an_observed_miss_and_a_low_probability_have_different_words():
    missed = assess_target(_target(110.0, 2021), _hist({2020: 100.0, 2021: 103.0}), breaks=NO_BREAKS, params=ZERO).row
    assert (missed["outcome"], missed["status"]) == ("missed", "missed")
    estimate = assess_target(_target(110.0, 2021), _hist({2020: 100.0, 2021: 103.0}, status="estimate"),
                             breaks=NO_BREAKS, params=ZERO).row
    assert (estimate["outcome"], estimate["status"]) == ("likely missed", "likely missed")
    low = assess_target(_target(400.0, 2027), _hist({y: 100.0 * 1.02 ** (y - 2018) for y in range(2018, 2025)}),
                        breaks=NO_BREAKS, params=ZERO).row
    assert low["status"] == "off track" and low["outcome"] == ""


def test_a_target_year_passed_without_a_figure_is_overdue():
    h = _hist({2018: 10.0, 2019: 11.0, 2020: 12.1, 2021: 13.3}, unit="count")
    r = assess_target(_target(14.0, 2022, unit="count"), h, breaks=NO_BREAKS).row
    assert r["outcome"] == "overdue" and r["data_until"] == 2021 and "not a live forecast" in r["note"]
    later = assess_target(_target(14.0, 2022, unit="count"), h, breaks=NO_BREAKS, params=AnalysisParams(as_of_year=2022)).row
    assert later["outcome"] == ""


def test_currently_meets_is_not_achieved_and_flows_never_meet_early():
    share = assess_target(_target(3.2, 2025, unit="percent"), _hist({2020: 3.0, 2021: 3.4}, measure="share", unit="percent"),
                          breaks=NO_BREAKS).row
    assert (share["progress_class"], share["status"]) == ("currently meets", "currently meets")
    flow = assess_target(_target(55000, 2025, indicator="urban_employment_new", unit="count"),
                         _hist({2020: 92000.0}, indicator="urban_employment_new", unit="count"), breaks=NO_BREAKS).row
    assert flow["status"] == "insufficient data" and "flow indicator" in flow["note"]
    assert flow["status_reason"] == "too few observations for a projection"


def test_a_ceiling_baseline_that_is_a_lower_bound_does_not_meet():
    r = assess_target(_target(3.8, 2025, "<=", unit="percent"), _hist({2020: 3.6}, measure="share", unit="percent", bound="lower"),
                      breaks=NO_BREAKS).row
    assert r["status"] == "insufficient data" and r["baseline_bound"] == "lower"


# --------------------------------------------------------------------------- projections and prices


def test_own_series_money_projection_is_made_at_constant_prices():
    h = _hist({2019: 100.0, 2020: 110.0, 2021: 121.0, 2022: 133.1, 2023: 146.41})
    a0 = assess_target(_target(200.0, 2026), h, breaks=NO_BREAKS, params=ZERO).row
    a2 = assess_target(_target(200.0, 2026), h, breaks=NO_BREAKS, params=AnalysisParams(inflation_pct=2.0)).row
    assert a0["model"] == DEFAULT_MODEL and a0["basis"] == "own series"
    # 2024-2026 have no deflator: three years at 2 % instead of 0 %
    assert a2["projection"] / a0["projection"] == pytest.approx(1.02 ** 3, rel=1e-9)
    assert a2["prob_meet"] > a0["prob_meet"]


def test_the_projection_model_reads_its_constants_from_the_assessment_params():
    h = _hist({2018: 100.0, 2019: 104.0, 2020: 112.0, 2021: 115.0, 2022: 125.0, 2023: 128.0})
    base = assess_target(_target(160.0, 2026), h, breaks=NO_BREAKS, params=ZERO).row
    for change in ({"recent_weight": 0.9}, {"recent_damping": 0.5}, {"calibration_horizon": 1}, {"calibration_min_points": 3}):
        r = assess_target(_target(160.0, 2026), h, breaks=NO_BREAKS, params=ZERO.replace(**change)).row
        assert r["model"] == base["model"] == "drift_recent"
        moved = [k for k in ("projection", "lower95", "upper95", "prob_meet") if r[k] != pytest.approx(base[k], rel=1e-9)]
        assert moved, f"{change} did not change the projection"
    about = _target(float(base["projection"]), 2026, "~")
    narrow = assess_target(about, h, breaks=NO_BREAKS, params=ZERO).row
    wide = assess_target(about, h, breaks=NO_BREAKS, params=ZERO.replace(tolerance=0.1)).row
    assert wide["prob_meet"] > narrow["prob_meet"] > 0


def test_price_sensitivity_reports_a_status_that_changes(built):
    from shenyang_analysis.model.assessments import price_sensitivity
    from shenyang_analysis.model.context import build_context

    h = pd.concat([_hist({2023: 100.0, 2024: 110.0}, indicator="gdp"),
                   _hist({2025: 2.0}, indicator="gdp_real_growth", measure="growth", unit="percent")])
    ctx = build_context(h, NO_BREAKS)
    text, changes = price_sensitivity(_target(113.0, 2025, indicator="gdp"), h, ctx, AnalysisParams())
    assert changes and text.startswith("deflator -1%: likely missed") and "deflator +2%: likely achieved" in text


def test_gdp_level_is_chained_from_real_growth_with_the_price_path():
    h = pd.concat([_hist({2023: 100.0, 2024: 110.0}, indicator="gdp"),
                   _hist({2025: 5.0}, indicator="gdp_real_growth", measure="growth", unit="percent")])
    a = assess_target(_target(116.0, 2025, indicator="gdp"), h, breaks=NO_BREAKS, params=AnalysisParams(inflation_pct=2.0))
    assert a.row["outcome_value"] == pytest.approx(110 * 1.05 * 1.02)
    assert (a.row["outcome"], a.row["outcome_basis"]) == ("likely met", "derived")
    assert a.full_series.attrs["status"][2025] == "derived" and "price scenario" in a.row["outcome_chain"]


def test_short_money_series_get_the_reference_class_repriced():
    h = _hist({2023: 100.0, 2024: 105.0})
    r = assess_target(_target(120.0, 2026), h, breaks=NO_BREAKS, params=ZERO).row
    assert r["basis"] == "reference class" and "real GDP growth" in r["reference_class"]
    assert math.isfinite(r["prob_meet_alt"]) and r["alt_basis"] == "recent cities"


def test_share_of_parent_carries_both_uncertainties():
    district = pd.Series({2020: 150.0, 2024: 160.0})
    parent = pd.Series({2020: 1000.0, 2024: 1050.0, 2025: 1100.0})
    known = share_of_parent_forecast(district, parent, None, 2025, sd_ref=0.05)
    fit = fit_share(pd.Series({2020: 0.15, 2024: 160 / 1050}), 2025, 0.05)
    assert "WLS" in fit.method and fit.scale > 0.05  # the trend's uncertainty and a year of drift
    width = known.at(2025)["upper95"] - known.at(2025)["lower95"]
    from shenyang_analysis.model.projections import fit_forecast

    f = fit_forecast(pd.Series([900.0, 950.0, 1000.0, 1050.0], index=range(2021, 2025)), 2025, "drift")
    projected = share_of_parent_forecast(district, parent.drop(2025), f, 2025, sd_ref=0.05)
    assert projected.at(2025)["upper95"] - projected.at(2025)["lower95"] > width  # the city's uncertainty too
    three = fit_share(pd.Series({2018: 0.10, 2019: 0.11, 2020: 0.12, 2021: 0.125}), 2023, 0.05)
    assert three.method.startswith("OLS") and three.df == 2.0


# --------------------------------------------------------------------------- the table, schema and calibration


def test_duplicated_statements_are_assessed_once():
    t = pd.DataFrame([_target(3.8, 2025, "<=", unit="percent") | {"target_id": "d@9", "char_start": 9},
                      _target(3.8, 2025, "<=", unit="percent") | {"target_id": "d@1", "char_start": 1}])
    assert duplicates(t) == {"d@1": ["d@9"]}


def test_assess_gives_reasons_for_what_it_leaves_out():
    h = _hist({2020: 1.0, 2021: 2.0})
    targets = pd.DataFrame([
        _target(5.0, 2025),
        _target(5.0, 2025, indicator=None) | {"target_id": "d@a"},
        _target(5.0, 2025, indicator="y") | {"target_id": "d@b"},
        _target(5.0, 2025, unit="count") | {"target_id": "d@c"},
        _target(5.0, 2025, is_cumulative=True) | {"target_id": "d@d"},
    ])
    res = assess(targets, h, breaks=NO_BREAKS)
    assert list(res.table["target_id"]) == ["d@2025"]
    assert dict(zip(res.skipped["target_id"], res.skipped["reason"])) == {
        "d@a": "indicator not in the catalog", "d@b": "no history for this region and indicator",
        "d@c": "history in another unit", "d@d": "cumulative total over a period",
    }


def test_document_view_never_uses_later_figures():
    h = _hist({2016: 50.0, 2017: 55.0, 2018: 60.0, 2019: 66.0, 2020: 72.0, 2021: 80.0, 2022: 90.0, 2023: 99.0})
    t = _target(120.0, 2025)
    then = assess_target(t, h, view="document", published=dt.date(2021, 5, 17), breaks=NO_BREAKS)
    assert then.series.index.max() == 2020 and then.row["baseline_year"] == 2020 and then.row["data_until"] == 2020
    assert assess_target(t, h, view="latest", breaks=NO_BREAKS).row["baseline_year"] == 2023
    with pytest.raises(ValueError, match="publication date"):
        assess_target(t, h, view="document", breaks=NO_BREAKS)


def test_schema_names_the_row_and_rule(built):
    bad = built.assessments.copy()
    i = bad.index[bad["projection"].notna()][0]
    bad.loc[i, "lower80"] = bad.loc[i, "projection"] * 2
    with pytest.raises(TableError, match=str(bad.loc[i, "target_id"])):
        validate_assessments(bad)
    bad2 = built.assessments.copy()
    j = bad2.index[bad2["outcome"] == "missed"][0]
    bad2.loc[j, "status"] = "off track"  # an observed miss is not a low probability
    with pytest.raises(TableError, match="settled outcome"):
        validate_assessments(bad2)


def test_calibration_and_brier_by_hand():
    t = pd.DataFrame({
        "target_id": ["a", "b", "c", "d", "e"], "region": "r", "indicator": "x", "year": [2021, 2021, 2021, 2021, 2027],
        "judged_as": ">=", "judged_value": 1.0, "measure": "level", "document_published": "2020-01-01",
        "document_baseline_year": pd.array([2019] * 5, "Int64"), "document_model": "theta", "document_basis": "own series",
        "document_prob_meet": [0.8, 0.3, np.nan, 0.5, 0.5], "document_status": "x",
        "outcome": ["met", "likely missed", "met", "overdue", ""], "outcome_value": 1.0, "outcome_basis": "official",
        "outcome_chain": "", "status": "achieved",
    })
    c = calibration_table(t)
    assert list(c["target_id"]) == ["a", "b", "c", "d"]
    b = brier(c)
    assert (b["n_outcomes"], b["n_settled"], b["n_scored"]) == (4, 3, 2)
    assert b["brier"] == pytest.approx(((0.8 - 1) ** 2 + 0.3 ** 2) / 2) and b["brier_observed"] == pytest.approx(0.04)


def test_paths_and_words_for_a_headline_target(built):
    from shenyang_analysis.datasets import assessment_for

    a = assessment_for(TIEXI_GDP, targets=built.targets, history=built.history)
    paths = target_paths(a, planned={"6% real": 6.0})
    assert list(paths.index) == [2024, 2025] and paths.loc[2025, "required"] == pytest.approx(1.5e11)
    assert paths.loc[2025, "projected"] == pytest.approx(a.row["projection"])
    row = built.assessments.set_index("target_id").loc[TIEXI_GDP].to_dict() | {"target_id": TIEXI_GDP}
    text = describe(row, lang="en")
    assert "(1,500亿元)" in text and "likely missed" in text and "Prices:" in text and "does not change" in text
    assert "1,500亿元" in describe(row) and "很可能未实现" in describe(row) and "价格" in describe(row)
    rd = describe(built.assessments.set_index("target_id").loc[TIEXI_RD].to_dict() | {"target_id": TIEXI_RD}, lang="en")
    assert "Shenyang's trend of the same rate with a reference class of provinces' yearly changes" in rd
    assert "alternative basis" in rd and "not a live forecast" in rd
    assert publication_dates()["003_2e6eae32420e2f95"] == dt.date(2025, 3, 28)


def test_the_table_of_past_targets_in_the_docs_is_the_builds(built):
    """docs/methods.md shows the targets whose year has passed exactly as the build judges them."""
    from pathlib import Path

    from shenyang_analysis.model.calibration import past_targets_table

    text = (Path(__file__).resolve().parents[1] / "docs" / "methods.md").read_text(encoding="utf-8")
    t = past_targets_table(built.calibration, built.assessments)
    assert len(t) == len(built.calibration) >= 20
    missing = ["| " + " | ".join(str(x) for x in r) + " |" for r in t.values]
    missing = [line for line in missing if line not in text]
    assert missing == [], "docs/methods.md is out of date; rows:\n" + "\n".join(missing)

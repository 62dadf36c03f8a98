"""The assessment table: headline rows, views, outcomes, fallbacks, schema and calibration."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from shenyang_analysis.config import AnalysisParams
from shenyang_analysis.history.series import extend_by_growth
from shenyang_analysis.model.assess import assess_target, target_paths
from shenyang_analysis.model.assessments import assess
from shenyang_analysis.model.calibration import brier, calibration_table
from shenyang_analysis.model.schema import validate_assessments
from shenyang_analysis.present.verdicts import describe
from shenyang_analysis.table.schema import ASSESSMENT_COLUMNS
from shenyang_analysis.vocab import STATUSES
from shenyang_analysis.model.backtest import DEFAULT_MODEL
from shenyang_analysis.history.panels import share_at_or_above
from shenyang_analysis.history.prices import deflator
from shenyang_analysis.table.schema import TableError

TIEXI_GDP = "002_74a2a09f36767d0c@9774"
TIEXI_RD = "002_74a2a09f36767d0c@9965"
CLUSTERS = "003_2e6eae32420e2f95@620"
BOUNDS = ["lower95", "lower80", "projection", "upper80", "upper95"]
NO_BREAKS = pd.DataFrame(columns=["region", "indicator", "year", "description", "source"])


def _hist(values: dict[int, float], indicator="x", measure="level", unit="yuan", status="official", region="r"):
    years = sorted(values)
    return pd.DataFrame({
        "region": region, "indicator": indicator, "measure": measure, "unit": unit, "year": years,
        "value": [float(values[y]) for y in years], "status": status, "source": "test", "n_sources": 1,
    })


def _target(value, year, comparator=">=", indicator="x", unit="yuan", growth=False, **extra):
    t = {"target_id": f"d@{year}", "doc_id": "d", "region": "r", "indicator": indicator, "indicator_zh": "指标",
         "comparator": comparator, "value": float(value), "unit": unit, "year": year, "range_high": None,
         "is_growth_rate": growth, "is_cumulative": False, "kind": "target"}
    t.update(extra)
    return t


@pytest.fixture(scope="module")
def table(built):
    return built.assessments.set_index("target_id")


def test_contract_columns_first_and_in_order(built):
    cols = list(built.assessments.columns)
    assert cols[: len(ASSESSMENT_COLUMNS)] == list(ASSESSMENT_COLUMNS)
    written = pd.read_csv(built.outputs[4], keep_default_na=False)
    assert list(written.columns)[: len(ASSESSMENT_COLUMNS)] == list(ASSESSMENT_COLUMNS)
    assert len(written) == len(built.assessments) > 0
    assert set(built.assessments["status"]) <= set(STATUSES)


def test_headline_rows_exist_with_ordered_bounds(table):
    for tid in (TIEXI_GDP, TIEXI_RD, CLUSTERS):
        assert tid in table.index
    for tid in (TIEXI_GDP, CLUSTERS):  # the data allow a projection for both money levels
        r = table.loc[tid]
        b = [r[c] for c in BOUNDS]
        assert all(pd.notna(b)), tid
        assert b == sorted(b), tid
        assert 0.0 <= r["prob_meet"] <= 1.0
        assert r["model"] and r["progress_class"] and r["status"] in STATUSES


def test_tiexi_gdp_row(table):
    r = table.loc[TIEXI_GDP]
    assert (r["region"], r["indicator"], r["year"], r["comparator"], r["target_value"]) == ("tiexi", "gdp", 2025, ">=", 1.5e11)
    # the last figure before 2025 is the 2024 estimate of 1300 亿元 (levels before the 2016 break are not used)
    assert (r["baseline_year"], r["baseline_value"], r["baseline_status"]) == (2024, 1.3e11, "estimate")
    assert r["required_growth"] == pytest.approx(100 * (1500 / 1300 - 1))
    # 2020 (the plan's own "地区生产总值达到千亿体量": at least 1000亿元, a lower bound in words) to
    # 2024: CAGR of the two figures
    assert r["historical_growth"] == pytest.approx(100 * ((1300 / 1000) ** 0.25 - 1))
    assert r["progress_class"] == "limited progress"
    assert r["model"] == "reference class"
    assert r["prob_meet"] == pytest.approx(share_at_or_above(r["required_growth"], 1, recent=True))
    # 2025 is derived: 2024 level × real growth 6% × the default inflation assumption
    expected_2025 = 1.3e11 * 1.06 * deflator(2024, 2025)
    assert r["outcome_value"] == pytest.approx(expected_2025)
    assert (r["outcome"], r["outcome_basis"], r["status"]) == ("missed", "derived", "off track")
    assert "real growth 6%" in r["note"] and "2016 break" in r["note"]
    # what was knowable in May 2021 is the plan's own 2020 figure (千亿体量, at least 1000亿元):
    # one level after the break, so only the reference class can project from it
    assert (r["document_baseline_year"], r["document_model"]) == (2020, "reference class")


def test_tiexi_rd_share_row_says_what_one_observation_allows(table):
    r = table.loc[TIEXI_RD]
    assert (r["baseline_year"], r["baseline_value"], r["measure"]) == (2020, 3.2, "share")
    assert r["required_growth"] == pytest.approx(0.06)  # percentage points a year
    assert r["growth_unit"] == "percentage points a year"
    assert r["n_obs"] == 1 and r["status"] == "insufficient data" and r["model"] == ""
    assert all(pd.isna(r[c]) for c in BOUNDS + ["prob_meet", "historical_growth"])
    assert "too few" in r["note"]


def test_clusters_row(table):
    r = table.loc[CLUSTERS]
    assert (r["baseline_year"], r["baseline_value"], r["baseline_status"]) == (2024, 1.0e12, "lower_bound")
    assert r["required_growth"] == pytest.approx(10.0)
    assert r["model"] == "reference class"
    assert r["prob_meet"] == pytest.approx(share_at_or_above(10.0, 1, recent=True))
    assert (r["outcome"], r["status"]) == ("met", "achieved")
    # the document (March 2025) knew 2024: the same projection then, status from the probability alone
    assert r["document_baseline_year"] == 2024
    assert r["document_prob_meet"] == pytest.approx(r["prob_meet"])
    assert r["document_status"] == "unlikely"


def test_summary_counts_every_target(built):
    s = built.summary
    assert s["targets_assessed"] + s["targets_without_history"] == s["targets"]
    assert sum(s["targets_without_history_by_reason"].values()) == s["targets_without_history"]
    assert "no history for this region and indicator" in s["targets_without_history_by_reason"]
    assert s["calibration"]["n_outcomes"] == len(built.calibration) >= 2


def test_required_cagr_and_own_model_on_a_clean_series():
    h = _hist({2020: 100.0, 2021: 110.0, 2022: 121.0, 2023: 133.1, 2024: 146.41})
    a = assess_target(_target(200.0, 2027), h, breaks=NO_BREAKS)
    r = a.row
    assert r["required_growth"] == pytest.approx(100 * ((200 / 146.41) ** (1 / 3) - 1))
    assert r["historical_growth"] == pytest.approx(10.0)
    assert r["growth_ratio"] == pytest.approx(10.0 / r["required_growth"])
    assert r["model"] == DEFAULT_MODEL and r["n_obs"] == 5
    b = [r[c] for c in BOUNDS]
    assert b == sorted(b)
    assert r["status"] in STATUSES and r["status"] != "insufficient data"


def test_probability_for_ge_and_le_are_complements():
    h = _hist({2020: 100.0, 2021: 104.0, 2022: 109.0, 2023: 112.0, 2024: 118.0})
    ge = assess_target(_target(130.0, 2027, ">="), h, breaks=NO_BREAKS).row["prob_meet"]
    le = assess_target(_target(130.0, 2027, "<="), h, breaks=NO_BREAKS).row["prob_meet"]
    assert ge + le == pytest.approx(1.0, abs=1e-9)


def test_short_series_fallbacks():
    # three counts: no model of their own, no reference class (not money) -> reported, not NaN-filled
    h = _hist({2022: 10.0, 2023: 12.0, 2024: 14.0}, unit="count")
    r = assess_target(_target(20.0, 2026, unit="count"), h, breaks=NO_BREAKS).row
    assert r["model"] == "" and r["status"] == "insufficient data" and math.isnan(r["projection"])
    assert r["historical_growth"] == pytest.approx(100 * ((14 / 10) ** 0.5 - 1))
    # four points: the default model fits
    h4 = _hist({2021: 8.0, 2022: 10.0, 2023: 12.0, 2024: 14.0}, unit="count")
    r4 = assess_target(_target(20.0, 2026, unit="count"), h4, breaks=NO_BREAKS).row
    assert r4["model"] and not math.isnan(r4["projection"])
    # two money figures: the reference class
    h2 = _hist({2023: 100.0, 2024: 105.0})
    r2 = assess_target(_target(120.0, 2026), h2, breaks=NO_BREAKS).row
    assert r2["model"] == "reference class"
    assert r2["prob_meet"] == pytest.approx(share_at_or_above(100 * ((120 / 105) ** 0.5 - 1), 2, recent=True))


def test_document_view_never_uses_later_figures():
    h = _hist({2016: 50.0, 2017: 55.0, 2018: 60.0, 2019: 66.0, 2020: 72.0, 2021: 80.0, 2022: 90.0, 2023: 99.0})
    t = _target(120.0, 2025)
    then = assess_target(t, h, view="document", published=dt.date(2021, 5, 17), breaks=NO_BREAKS)
    assert then.series.index.max() == 2020 and then.row["baseline_year"] == 2020 and then.row["data_until"] == 2020
    now = assess_target(t, h, view="latest", breaks=NO_BREAKS)
    assert now.row["baseline_year"] == 2023
    with pytest.raises(ValueError, match="publication date"):
        assess_target(t, h, view="document", breaks=NO_BREAKS)


def test_outcome_met_missed_and_lower_bound():
    h = _hist({2020: 100.0, 2021: 103.0})
    assert assess_target(_target(102.0, 2021), h, breaks=NO_BREAKS).row["outcome"] == "met"
    missed = assess_target(_target(110.0, 2021), h, breaks=NO_BREAKS).row
    assert (missed["outcome"], missed["status"]) == ("missed", "off track")
    lb = _hist({2020: 100.0, 2021: 103.0}, status="lower_bound")
    assert assess_target(_target(110.0, 2021), lb, breaks=NO_BREAKS).row["outcome"] == "undetermined"
    assert assess_target(_target(100.0, 2021), lb, breaks=NO_BREAKS).row["outcome"] == "met"
    assert assess_target(_target(90.0, 2021, "<="), lb, breaks=NO_BREAKS).row["outcome"] == "missed"


def test_already_met_is_achieved_but_not_for_growth_targets():
    h = _hist({2020: 3.0, 2021: 3.4}, measure="share", unit="percent")
    r = assess_target(_target(3.2, 2025, unit="percent"), h, breaks=NO_BREAKS).row
    assert (r["progress_class"], r["status"]) == ("achieved", "achieved")
    g = _hist({2020: 7.0, 2021: 8.0}, indicator="x_growth", measure="growth", unit="percent")
    rg = assess_target(_target(6.0, 2025, indicator="x_growth", unit="percent", growth=True), g, breaks=NO_BREAKS).row
    assert rg["required_growth"] == 6.0 and rg["historical_growth"] == pytest.approx(7.5)
    assert rg["status"] == "insufficient data" and rg["progress_class"] == "on track"


def test_extend_by_growth_uses_cpi_then_the_assumption():
    lv = pd.Series([100.0], index=[2020])
    out, notes = extend_by_growth(lv, pd.Series({2021: 5.0, 2022: 4.0}), real=True, inflation_pct=3.0)
    assert out.loc[2021] == pytest.approx(100 * 1.05 * 1.011)  # Liaoning CPI 2021: 101.1
    assert out.loc[2022] == pytest.approx(out.loc[2021] * 1.04 * 1.03)
    assert len(notes) == 2
    nominal, _ = extend_by_growth(lv, pd.Series({2021: 5.0}), real=False)
    assert nominal.loc[2021] == pytest.approx(105.0)


def test_gdp_level_is_chained_from_real_growth_in_assess():
    h = pd.concat([
        _hist({2023: 100.0, 2024: 110.0}, indicator="gdp"),
        _hist({2025: 5.0}, indicator="gdp_real_growth", measure="growth", unit="percent"),
    ])
    a = assess_target(_target(116.0, 2025, indicator="gdp"), h, breaks=NO_BREAKS, params=AnalysisParams(inflation_pct=2.0))
    assert a.row["outcome_value"] == pytest.approx(110 * 1.05 * 1.02)
    assert (a.row["outcome"], a.row["outcome_basis"]) == ("met", "derived")
    assert a.full_series.attrs["status"][2025] == "derived"


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
        "d@a": "indicator not in the catalog",
        "d@b": "no history for this region and indicator",
        "d@c": "history in another unit (yuan)",
        "d@d": "cumulative total over a period",
    }


def test_schema_names_the_row_and_rule(built):
    bad = built.assessments.copy()
    i = bad.index[bad["projection"].notna()][0]
    bad.loc[i, "lower80"] = bad.loc[i, "projection"] * 2
    with pytest.raises(TableError, match=str(bad.loc[i, "target_id"])):
        validate_assessments(bad)
    bad2 = built.assessments.copy()
    bad2.loc[bad2.index[0], "status"] = "probably fine"
    with pytest.raises(TableError, match="status"):
        validate_assessments(bad2)


def test_calibration_and_brier_by_hand():
    t = pd.DataFrame({
        "target_id": ["a", "b", "c", "d"], "region": "r", "indicator": "x", "year": 2021, "comparator": ">=",
        "target_value": 1.0, "document_published": "2020-01-01", "document_baseline_year": pd.array([2019] * 4, "Int64"),
        "document_model": ["theta", "theta", "", "theta"], "document_prob_meet": [0.8, 0.3, np.nan, 0.5],
        "document_status": "x", "outcome": ["met", "missed", "met", ""], "outcome_value": 1.0, "outcome_basis": "official",
    })
    c = calibration_table(t)
    assert list(c["target_id"]) == ["a", "b", "c"]
    assert brier(c) == {"n_outcomes": 3, "n_scored": 2, "brier": pytest.approx(((0.8 - 1) ** 2 + 0.3**2) / 2)}


def test_paths_and_words_for_a_headline_target(built):
    from shenyang_analysis.model.assessments import publication_dates
    from shenyang_analysis.history.series import resolve_conflicts

    chosen, _ = resolve_conflicts(built.history)
    t = built.targets.set_index("target_id").loc[TIEXI_GDP].to_dict() | {"target_id": TIEXI_GDP}
    a = assess_target(t, chosen)
    paths = target_paths(a, planned={"6% real": 6.0})
    assert list(paths.index) == [2024, 2025]
    assert paths.loc[2025, "required"] == pytest.approx(1.5e11)
    assert paths.loc[2025, "projected"] == pytest.approx(a.row["projection"])
    text = describe(built.assessments.set_index("target_id").loc[TIEXI_GDP].to_dict() | {"target_id": TIEXI_GDP})
    assert "1,500.0 亿元" in text and "2025" in text and "off track" in text
    assert publication_dates()["003_2e6eae32420e2f95"] == dt.date(2025, 3, 28)


def test_a_flow_counted_earlier_does_not_meet_a_later_target():
    """92,000 new jobs in 2016-2020 do not meet 55,000 new jobs by 2025; a stock would."""
    h = _hist({2020: 92000.0}, indicator="urban_employment_new", unit="count")
    flow = assess_target(_target(55000, 2025, indicator="urban_employment_new", unit="count"), h, breaks=NO_BREAKS).row
    assert flow["status"] == "insufficient data" and flow["progress_class"] == "insufficient data"
    assert "flow indicator" in flow["note"]
    h = _hist({2020: 92000.0}, indicator="hightech_enterprises", unit="count")
    stock = assess_target(_target(55000, 2025, indicator="hightech_enterprises", unit="count"), h, breaks=NO_BREAKS).row
    assert stock["status"] == "achieved" and stock["progress_class"] == "achieved"


def test_tiexi_new_jobs_target_is_not_called_achieved(table):
    assert table.loc["002_74a2a09f36767d0c@43530", "status"] != "achieved"

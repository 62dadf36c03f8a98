"""Lookups and one target at a time, as a notebook user meets them: find targets by region,
indicator, year or words; an unknown id names the nearest ones; assessments reuse loaded data
and take another model or inflation assumption; any target of the table can be described."""

from __future__ import annotations

import pytest

import shenyang_analysis as sa
from shenyang_analysis import datasets
from shenyang_analysis.config import HEADLINE_TARGETS

TIEXI_GDP, TIEXI_RD, CLUSTERS = HEADLINE_TARGETS


def test_find_targets_by_region_indicator_year_and_words():
    for region in ("tiexi", "铁西", "铁西区", "Tiexi"):
        hits = sa.find_targets(region=region, indicator="gdp", year=2025)
        assert hits["target_id"].tolist() == [TIEXI_GDP], region
    assert TIEXI_RD in set(sa.find_targets(indicator="研发投入")["target_id"])
    words = sa.find_targets(text="万家")
    assert set(words["target_id"]) == {"003_2e6eae32420e2f95@2109", "003_2e6eae32420e2f95@2667"}
    assert (words["status"] == "likely").all()
    assert set(sa.find_targets(year=[2021])["year"]) == {2021}
    everything = sa.find_targets(kind=None)
    assert len(everything) == len(sa.load_targets()) and set(everything["kind"]) == {"target", "observation"}
    with pytest.raises(ValueError, match="no region 'atlantis'.*tiexi"):
        sa.find_targets(region="atlantis")


def test_an_unknown_id_names_the_nearest_ones():
    with pytest.raises(KeyError, match=r"nearest: 002_74a2a09f36767d0c@9774.*find_targets"):
        sa.assessment_for("002_74a2a09f36767d0c@9775")
    with pytest.raises(KeyError, match="find_targets"):
        sa.target_context("tiexi gdp")


def test_assessment_for_reuses_what_it_has_read(monkeypatch):
    sa.assessment_for(TIEXI_GDP)
    calls = []
    real = datasets._load_history
    monkeypatch.setattr(datasets, "_load_history", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(datasets.pd, "read_parquet", lambda *a, **k: pytest.fail("targets.parquet read again"))
    for tid in (TIEXI_GDP, CLUSTERS, TIEXI_RD):
        sa.assessment_for(tid)
    assert calls == []


def test_assessment_for_takes_a_model_an_inflation_assumption_or_parameters():
    a = sa.assessment_for("003_2e6eae32420e2f95@2109", model="drift")
    assert a.row["model"] == "drift"
    assert sa.assessment_for("003_2e6eae32420e2f95@2109", params=sa.AnalysisParams(model="theta")).row["model"] == "theta"
    default = sa.assessment_for(TIEXI_GDP)
    assert default.row["status"] == sa.load_assessments().set_index("target_id").loc[TIEXI_GDP, "status"]
    high = sa.assessment_for(TIEXI_GDP, inflation_pct=6.0)
    assert high.row["outcome_value"] > default.row["outcome_value"]  # the derived 2025 level moves with prices
    assert a.row["unit_raw"] == "家"


def test_every_target_of_the_table_has_a_context():
    data = sa.load_data()
    reasons = {}
    for tid in data.targets.loc[data.targets["kind"] == "target", "target_id"]:
        c = sa.target_context(tid, data=data)
        reasons[c.reason] = reasons.get(c.reason, 0) + 1
        assert (c.assessment is None) == (c.reason not in ("", "no baseline")), tid
        assert c.document["doc_id"] == c.target["doc_id"]
    assert reasons[""] >= 15 and reasons["no baseline"] >= 1 and reasons["indicator not in the catalog"] > 100
    assert reasons["no history for this region and indicator"] > 50
    gdp = sa.target_context(TIEXI_GDP, data=data)
    used = gdp.history[gdp.history["is_chosen"]]
    assert {2022, 2024} <= set(used.loc[used["indicator"] == "gdp", "year"]) and "gdp_real_growth" in set(used["indicator"])
    assert "全年预计完成地区生产总值1300亿元" in set(gdp.history["source_detail"])


def test_load_data_recomputes_with_other_parameters():
    built = sa.load_data()
    assert not built.recomputed and built.params == datasets.params_of_build(built.summary)
    theta = sa.load_data(model="theta")
    assert theta.recomputed and theta.params.model == "theta"
    assert set(theta.assessments["model"]) - {"", "reference class"} <= {"theta", "drift"}

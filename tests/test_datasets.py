"""Lookups and one target at a time, as a notebook user meets them: find targets by region,
indicator, year or words; an unknown id names the nearest ones; assessments reuse loaded data
and take another model or price assumption; any target of the table, or of the history files,
can be assessed or described; an assessment without a projection says why when asked for one."""

from __future__ import annotations

import pytest

import shenyang_analysis as sa
from shenyang_analysis import datasets
from shenyang_analysis.config import HEADLINE_TARGETS
from shenyang_analysis.model.assess import NoProjection

TIEXI_GDP, TIEXI_RD, CLUSTERS = HEADLINE_TARGETS
WORK_REPORT_GROWTH = "history_observations@44"  # 地区生产总值增长5.5%以上 (2025), a target of the history file


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
    history_rows = everything["target_id"].str.startswith("history_observations@")
    assert len(everything[~history_rows]) == len(sa.load_targets()) and set(everything["kind"]) == {"target", "observation"}
    assert sa.find_targets(region="沈阳", indicator="gdp_real_growth", year=2025)["target_id"].tolist() == [WORK_REPORT_GROWTH]
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


@pytest.mark.slow
def test_every_target_of_the_table_and_of_the_history_files_has_a_context():
    data = sa.load_data()
    reasons = {}
    ids = [*data.targets.loc[data.targets["kind"] == "target", "target_id"], *data.assessments["target_id"]]
    for tid in dict.fromkeys(ids):
        c = sa.target_context(tid, data=data)
        reasons[c.reason] = reasons.get(c.reason, 0) + 1
        judged = c.reason in ("", "no figure before the target year")
        assert (c.assessment is not None) == judged, tid
        assert c.judged == (c.reason == ""), tid
        assert c.document["doc_id"] == c.target["doc_id"]
        if c.judged:  # the report shows the build's verdict
            first = data.assessments.set_index("target_id").loc[c.assessment.row.get("duplicate_of") or tid]
            assert c.assessment.row["status"] == first["status"], tid
    assert reasons[""] >= 30 and reasons["no figure before the target year"] >= 1
    assert reasons["indicator not in the catalog"] >= 10 and reasons["no history for this region and indicator"] > 200
    gdp = sa.target_context(TIEXI_GDP, data=data)
    used = gdp.history[gdp.history["is_chosen"]]
    assert {2022, 2024} <= set(used.loc[used["indicator"] == "gdp", "year"]) and "gdp_real_growth" in set(used["indicator"])
    assert "全年预计完成地区生产总值1300亿元" in set(gdp.history["source_detail"])


def test_load_data_recomputes_with_other_parameters():
    built = sa.load_data()
    assert not built.recomputed and built.params == datasets.params_of_build(built.summary)
    theta = sa.load_data(model="theta")
    assert theta.recomputed and theta.params.model == "theta"
    own = theta.assessments[theta.assessments["basis"] == "own series"]
    assert len(own) >= 2 and set(own["model"]) <= {"theta", "drift"}


def test_the_history_files_targets_are_assessed_like_the_documents():
    a = sa.assessment_for(WORK_REPORT_GROWTH)
    row = sa.load_assessments().set_index("target_id").loc[WORK_REPORT_GROWTH]
    assert (a.row["indicator"], a.row["status"], a.row["outcome"]) == ("gdp_real_growth", row["status"], "overdue")
    assert a.row["document_published"] == "2025-01-13" and a.forecast.at(2025)["projection"] == pytest.approx(row["projection"])
    c = sa.target_context(WORK_REPORT_GROWTH)
    assert c.judged and c.document["title"] == "data/raw/history/history_observations.csv, line 44"
    assert "5.5%以上" in c.target["quote"]


def test_an_assessment_without_a_projection_says_why_when_asked_for_one():
    grain = sa.assessment_for("004_6a6d947e374aa1af@1627")  # 粮食产量 2021: settled by a secondary figure
    assert isinstance(grain.forecast, NoProjection) and not grain.forecast and grain.forecast.years == ()
    with pytest.raises(ValueError, match=r"@1627: no projection for 2021 \(the 2021 figure settles the target \(likely met\)"):
        grain.forecast.at(2021)
    short = sa.target_context("004_6a6d947e374aa1af@840")  # no figure before 2021
    with pytest.raises(ValueError, match="no figure before the target year"):
        short.assessment.forecast.at(2021)
    assert sa.target_paths(sa.assessment_for(TIEXI_GDP)).columns.tolist() == ["required", "historical", "projected"]

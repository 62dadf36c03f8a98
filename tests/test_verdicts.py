"""The verdict in words, in Chinese and in English, on the real build: it names the target in the
plan's words, says what each figure is, never calls an estimate an observation, and a target
without an assessment gets what it requires and what would settle it."""

from __future__ import annotations

import pytest

import shenyang_analysis as sa
from shenyang_analysis.config import HEADLINE_TARGETS
from shenyang_analysis.present.verdicts import describe, requirement

TIEXI_GDP, TIEXI_RD, CLUSTERS = HEADLINE_TARGETS


@pytest.fixture(scope="module")
def data():
    return sa.load_data()


def _row(data, tid):
    return sa.target_context(tid, data=data).assessment.row


def test_chinese_verdict_of_tiexi_gdp(data):
    text = describe(_row(data, TIEXI_GDP) | {"quote": "地区生产总值突破 1500 亿元"})
    assert text.startswith("目标：到2025年，铁西区地区生产总值不低于1,500亿元（原文：“地区生产总值突破 1500 亿元”）")
    assert "以2024年的1,300亿元（预计数）为基数" in text and "年均增长15.4%" in text
    assert "参照类" in text and "达标概率为8%" in text
    # 2025 is derived from growth rates, not published: the outcome is "probably", not a fact
    assert "尚无公布的数值" in text and "很可能未实现" in text
    assert text.endswith("结论：难以实现（所据2025年数值为推算数，尚待统计数据确认）。")
    assert "tiexi" not in text and "off track" not in text and "个" not in text


def test_english_verdict_keeps_the_plan_figure_and_says_how_figures_were_made(data):
    text = describe(_row(data, TIEXI_GDP), lang="en")
    assert text.startswith("Tiexi District: gross regional product (GDP) at least 150 billion yuan (1,500亿元) in 2025")
    assert "(estimate)" in text and "CAGR" in text and "probability of meeting the target is 8%" in text
    assert "has not been published; derived from growth rates" in text and "probably missed" in text
    assert text.endswith("Status: off track (resting on the 2025 figure, derived, not a published statistic).")


def test_a_lower_bound_baseline_is_at_least_and_counts_keep_their_measure_word(data):
    zh = describe(_row(data, "003_2e6eae32420e2f95@2109"))
    assert "以2024年的至少2.5万家" in zh and "不低于3万家" in zh and "结论：可能实现" in zh
    assert "From at least 25,000 in 2024" in describe(_row(data, "003_2e6eae32420e2f95@2109"), "en")


def test_an_outcome_resting_on_an_estimate_is_not_stated_as_met(data):
    row = _row(data, CLUSTERS)
    assert row["outcome"] == "met" and row["outcome_basis"] == "estimate"
    zh, en = describe(row), describe(row, "en")
    assert "预计数" in zh and "很可能已实现" in zh and zh.endswith("结论：已实现（所据2025年数值为预计数，尚待统计数据确认）。")
    assert "probably met" in en and "has been observed" not in en and "estimate, not a published statistic" in en


def test_a_single_observation_gives_no_projection_and_says_so(data):
    zh = describe(_row(data, TIEXI_RD))
    assert "每年提高0.06个百分点" in zh and "只有一个数据，无法测算过去的增速" in zh and "不作预测" in zh
    assert zh.endswith("结论：数据不足。")


@pytest.mark.parametrize("reason, zh, en", [
    ("indicator not in the catalog", "列入指标目录", "indicator catalog"),
    ("no history for this region and indicator", "需要收集铁西区", "Collect annual figures"),
    ("cumulative total over a period", "累加后与目标比较", "compare their sum"),
    ("no baseline", "现有数据的年份为2022", "a figure from before 2025"),
])
def test_a_target_without_an_assessment_says_what_it_requires_and_what_would_settle_it(reason, zh, en):
    t = {"region": "tiexi", "indicator": None, "indicator_zh": "创新主体", "comparator": ">=", "value": 500.0,
         "unit": "count", "unit_raw": "家", "year": 2025, "quote": "引入500 家创新主体"}
    need, settle = requirement(t, reason, years=[2022])
    assert need.startswith("目标：到2025年，铁西区创新主体不低于500家（原文：“引入500 家创新主体”）")
    assert zh in settle and settle.endswith("2025年的统计数据将最终判定目标是否实现。")
    need, settle = requirement(t, reason, lang="en", years=[2022])
    assert need.startswith("Tiexi District: 创新主体 at least 500 in 2025") and en in settle

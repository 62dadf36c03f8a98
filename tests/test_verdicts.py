"""The verdict in words, in Chinese and in English, on the real build: it names the target in the
plan's words, says what each figure is and what a projection rests on, never calls an estimate,
a derived figure or a bound an observation, says what the outcomes mean (likely met or missed
with the chain, overdue with the probability as of the last data, currently meets), gives the
price sensitivity of money verdicts, and a target without an assessment gets what it requires
and what would settle it."""

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
    ctx = sa.target_context(tid, data=data)
    return {**ctx.assessment.row, "quote": ctx.target.get("quote"), "unit_raw": ctx.target.get("unit_raw")}


def test_chinese_verdict_of_tiexi_gdp(data):
    text = describe(_row(data, TIEXI_GDP))
    assert text.startswith("目标：到2025年，铁西区地区生产总值不低于1,500亿元（原文：“地区生产总值突破 1500 亿元”）")
    assert "以2024年的1,300亿元（预计数）为基数" in text and "年均增长15.4%" in text
    assert "按其占沈阳市的比重（趋势由statsmodels拟合）乘以沈阳市的预测" in text and "达标概率为9%" in text
    # 2025 is derived from estimates and an assumed deflator: likely missed, with the chain
    assert "2025年的数值：1,371亿元（推算数）；尚非统计数据，按此目标很可能未实现。" in text and "× prices -0.53%" in text
    assert "2025年的价格变化按每年-0.53%假设（沈阳市2023年的隐含GDP平减指数" in text
    assert "平减指数每年-1%时很可能未实现（1,364亿元）" in text and "状态不随价格假设而变" in text
    assert "按沈阳市2024年修订后的口径（水平+6.2%）：1,455.8亿元（很可能未实现）；两种口径下结论相同" in text
    assert text.endswith("结论：很可能未实现。")
    assert "tiexi" not in text and "likely" not in text and "个" not in text


def test_english_verdict_keeps_the_plan_figure_and_says_how_figures_were_made(data):
    text = describe(_row(data, TIEXI_GDP), lang="en")
    assert text.startswith("Tiexi District: gross regional product (GDP) at least 150 billion yuan (1,500亿元) in 2025")
    assert "(estimate)" in text and "CAGR" in text and "probability of meeting the target is 9%" in text
    assert "Its share of Shenyang (a trend fitted with statsmodels) times Shenyang's projection" in text
    assert "(derived), so the target was likely missed (the figure rests on estimates or derivations)" in text
    assert "Prices: prices 2025: assumed -0.53% a year" in text and "the status does not change with prices" in text
    assert text.endswith("Status: likely missed.")


def test_the_clusters_approaching_figure_is_below_the_target_and_missed(data):
    row = _row(data, CLUSTERS)
    assert (row["status"], row["outcome"]) == ("missed", "missed") and "upper bound" in row["outcome_basis"]
    zh, en = describe(row), describe(row, "en")
    assert "2025年的数值：低于1.1万亿元（统计数，上限（低于或至多）），目标未实现。" in zh and "逼近1.1万亿元" in zh
    assert "以2024年的至少1万亿元（统计数）为基数" in zh and zh.endswith("结论：未实现。")
    assert "The figure for 2025: below 1.1 trillion yuan" in en and "so the target was missed" in en
    assert "none: the outcome is an observed figure at current prices" in en


def test_a_borrowed_basis_and_an_overdue_target_are_said_so(data):
    zh, en = describe(_row(data, TIEXI_RD)), describe(_row(data, TIEXI_RD), "en")
    assert "按沈阳市同一比率的趋势，加上各省年度变化的参照类" in zh and "另一种依据（仅参照类）下为49%" in zh
    assert "2025年已过，尚无该年的数值：达标概率是按截至2020年的数据计算的，不是实时预测。" in zh
    assert "On the alternative basis (the reference class alone) it would be 49%" in en
    assert "the probability is as of the data to 2020, not a live forecast" in en and en.endswith("Status: likely.")


def test_a_lower_bound_baseline_is_at_least_and_counts_keep_their_measure_word(data):
    zh = describe(_row(data, "003_2e6eae32420e2f95@2109"))
    assert "以2024年的至少2.5万家" in zh and "不低于3万家" in zh and "结论：可能实现" in zh
    assert "From at least 25,000 in 2024" in describe(_row(data, "003_2e6eae32420e2f95@2109"), "en")


def test_an_outcome_resting_on_a_derived_figure_is_likely_not_met(data):
    row = _row(data, "004_6a6d947e374aa1af@940")  # 高新技术企业突破3000家 (2021): 4200 − 859 in 2022
    assert (row["status"], row["outcome"], row["outcome_basis"]) == ("likely achieved", "likely met", "derived")
    zh, en = describe(row), describe(row, "en")
    assert "2021年的数值：3,341家（推算数）；尚非统计数据，按此目标很可能已实现。" in zh and "4200" in zh
    assert zh.endswith("结论：很可能已实现。") and "已实现。" not in zh.replace("很可能已实现。", "")
    assert "so the target was likely met" in en and "so the target was met" not in en


def test_currently_meets_settles_nothing(data):
    zh = describe(_row(data, "002_74a2a09f36767d0c@13979"))  # 政务服务事项网上可办率 100% (2025), 100% in 2020
    assert "结论：目前已达到（2020年的数值已达到目标，但目标年份的结果尚未知" in zh


def test_a_history_file_target_is_described_like_a_document_target(data):
    zh = describe(_row(data, "history_observations@44"))
    assert zh.startswith("目标：到2025年，沈阳市") and "不低于5.5%" in zh and "目标本身是增速（5.5%）" in zh
    assert "不是实时预测" in zh


def test_a_calibration_sentence_is_given_where_the_row_has_it(data):
    row = _row(data, "history_observations@44") | {
        "calibration_evidence": "Of the targets given 40–50 % in the rolling test (2005–2012), 52 % were met (88 targets)."}
    assert "校准证据：在滚动检验（2005–2012年）中，给出40–50%概率的目标有52%实现（88个目标）。" in describe(row)
    assert "Calibration evidence: Of the targets given 40–50 %" in describe(row, "en")


@pytest.mark.parametrize("reason, zh, en", [
    ("indicator not in the catalog", "列入指标目录", "indicator catalog"),
    ("no history for this region and indicator", "需要收集铁西区", "Collect annual figures"),
    ("cumulative total over a period", "累加后与目标比较", "compare their sum"),
    ("no figure before the target year", "现有数据的年份为2022", "a figure from before 2025"),
    ("too few observations for a projection", "需要更多年份的数据", "Collect more years"),
])
def test_a_target_without_an_assessment_says_what_it_requires_and_what_would_settle_it(reason, zh, en):
    t = {"region": "tiexi", "indicator": None, "indicator_zh": "创新主体", "comparator": ">=", "value": 500.0,
         "unit": "count", "unit_raw": "家", "year": 2025, "quote": "引入500 家创新主体"}
    need, settle = requirement(t, reason, years=[2022])
    assert need.startswith("目标：到2025年，铁西区创新主体不低于500家（原文：“引入500 家创新主体”）")
    assert zh in settle and settle.endswith("2025年的统计数据将最终判定目标是否实现。")
    need, settle = requirement(t, reason, lang="en", years=[2022])
    assert need.startswith("Tiexi District: 创新主体 at least 500 in 2025") and en in settle
    assert "沈阳市的同一指标" in requirement(t, "no history for this region and indicator")[1]  # the parent to borrow from


def test_only_an_observed_figure_settles_an_outcome_as_a_fact():
    """An outcome the row calls met whose figure is not of vocab.OBSERVED_STATUSES is said as likely."""
    row = {"indicator": "gdp", "indicator_zh": "地区生产总值", "region": "tiexi", "comparator": ">=", "target_value": 1.0e11,
           "unit": "yuan", "year": 2021, "baseline_year": None, "status": "achieved", "outcome": "met",
           "outcome_value": 1.1e11, "outcome_basis": "estimate"}
    assert "尚非统计数据，按此目标很可能已实现" in describe(row) and "so the target was likely met" in describe(row, "en")
    observed = row | {"outcome_basis": "preliminary"}
    assert "，目标已实现。" in describe(observed) and "so the target was met." in describe(observed, "en")


def test_a_plan_period_flow_is_compared_per_year_with_a_like_period(data):
    row = _row(data, "002_74a2a09f36767d0c@43530")  # 城镇新增就业5.5万人 over 2021–2025; 9.2万 over 2016–2020
    zh, en = describe(row), describe(row, "en")
    assert "这是规划期（2021–2025年）的累计数：每年需要11,000，此前同类时期（2016–2020年）每年为18,400" in zh
    assert "所需增速" not in zh and "it needs 11,000 a year against 18,400 a year in 2016–2020" in en
    ctx = sa.target_context("002_74a2a09f36767d0c@43530", data=data)
    from shenyang_analysis.present.methods import target_methods

    assert "流量按每年的进度与同类时期比较" in dict(target_methods(ctx, data, "zh"))["目标的读法、基数与增速"]


def test_a_change_against_a_base_year_is_said_per_year(data):
    zh = describe(_row(data, "000_f13389e16cc0cf9d@4135"))  # 单位地区生产总值能源消耗比2020年下降15%
    assert "相对2020年的变化折合每年-3.2%" in zh and "目标本身是增速（折合每年-3.2%）" in zh


def test_a_calibrated_growth_probability_says_what_it_rests_on(data):
    """A growth-rate target answered by the model calibrated on past targets: its basis, its range
    over the year shock and its calibration evidence, in both languages."""
    row = _row(data, "history_observations@44") | {
        "basis": "past targets", "model": "combined_no_parent", "prob_meet": 0.47, "prob_meet_low": 0.2,
        "prob_meet_high": 0.7, "probability_basis": "P(growth ≥ 5.5 %) from the combined model"}
    zh, en = describe(row), describe(row, "en")
    assert "基于1,836个历史增长目标校准的模型，预测2025年" in zh and "在坏年景和好年景之间为20%至70%" in zh
    assert "The model calibrated on 1,836 past growth targets puts 2025" in en and "In a bad and a good year: 20% to 70%." in en


def test_a_calibrated_probability_not_used_is_said_with_the_reason(data):
    """Shenyang's 2025 growth target of 5.5 % or more lies outside the calibrated model's data: its own
    projection answers and the calibrated figure is named beside it, not used."""
    row = _row(data, "history_observations@44")
    assert row["basis"] == "own series" and row["alt_basis"].startswith("calibrated model, not used")
    zh, en = describe(row), describe(row, "en")
    assert "达标概率为47%。基于1,836个历史增长目标校准的模型会给出95%，但本目标超出该模型数据的中间98%（外推），因此不采用。" in zh
    assert "没有校准证据：校准模型需外推到其数据范围之外，因此不作回答。" in zh and "校准证据：没有" not in zh
    assert "would give 95%, but the target lies outside the central 98 % of its data (an extrapolation), so it is not used" in en

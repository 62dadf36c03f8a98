"""The sections of the calibration report (``05_calibration``), one call each, in Chinese or English.

The report reads only the committed results of the rolling test of the growth-target model
(``data/derived/``: :func:`~shenyang_analysis.model.target_probability.load_target_model`,
``load_calibration_bins``, ``load_calibration_years``), so it renders without ``../shared``. It
takes the parameters every report takes (``lang``, ``model``, ``inflation_pct``) and says on its
first page what they change here: the language; not the model or the price assumption, because
the rolling test's projections were made with the model its file records and growth rates are
real (a ``model`` or ``inflation_pct`` asked for is listed as not applied, never silently dropped).

>>> [k for k, _ in used_parameters("en", "v", "theta", None, {"model": "drift_recent"}, "combined")][:4]
['language', 'data vintage', 'results', 'projection model of the rolling test']
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from ..model.target_probability import TargetModelSet, calibration_evidence
from . import labels as L
from . import plots, reliability, tables
from .notes import evidence_text
from .render import REPORT_MIME
from .text import html_literal

__all__ = ["title", "used_parameters", "recorded_parameters", "front", "reliability_section", "year_section", "models_section",
           "second_stage_section", "pit_section", "coefficients_section", "words_section", "methods_section"]


def _zh(lang: str) -> bool:
    return L.check_lang(lang) == "zh"


def title(lang: str = L.DEFAULT_LANG) -> str:
    """The report's title.

    >>> title(), title("en")
    ('校准：达标概率是否名副其实', 'Calibration: do the probabilities mean what they say?')
    """
    return L.report_title("05_calibration", lang)


def used_parameters(lang: str, vintage: str, model: str | None, inflation_pct: float | None,
                    recorded: Mapping[str, Any], headline: str) -> list[tuple[str, str]]:
    """(name, value) of what the report used, and the parameters asked for that do not apply to it."""
    zh = _zh(lang)
    used = str(recorded.get("model") or "")
    items = [
        ("报告语言" if zh else "language", "中文" if zh else "English"),
        ("数据版本" if zh else "data vintage", vintage),
        ("结果" if zh else "results", "data/derived/target_model.json, target_calibration_bins.csv, target_calibration_years.csv"),
        ("滚动检验的预测模型" if zh else "projection model of the rolling test", L.model_label(used, lang) if used else "–"),
        ("主模型（检验前确定的规则选出）" if zh else "headline model (picked by the rule fixed before the test)",
         reliability.model_name(headline, lang)),
        ("“约”的容差" if zh else "tolerance of “about”", f"±{100 * float(recorded.get('tolerance', 0.02)):g}%"),
    ]
    if model and model != used:
        items.append(("要求的模型（未采用）" if zh else "model asked for (not applied)",
                      f"{model}{'：' if zh else ': '}" + ("滚动检验的结果已提交，用 benchmarks/target_calibration.py --write 重新运行才会改变" if zh else
                                     "the rolling test's results are committed; benchmarks/target_calibration.py --write re-runs it")))
    if inflation_pct is not None:
        items.append(("要求的价格假设（未采用）" if zh else "price assumption asked for (not applied)",
                      f"{inflation_pct:+g}%{'：' if zh else ': '}" + ("增长目标是实际增速，不涉及价格换算" if zh else "growth targets are real rates; no deflator enters")))
    return items


def recorded_parameters(fitted: TargetModelSet) -> dict[str, Any]:
    """The parameters the rolling test ran with, as its file records them (empty when it records none)."""
    try:
        recorded = json.loads(Path(fitted.path).read_text(encoding="utf-8")).get("parameters")
    except (OSError, ValueError, AttributeError):
        return {}
    return dict(recorded) if isinstance(recorded, dict) else {}


def front(fitted: TargetModelSet, lang: str, vintage: str = "", model: str | None = None,
          inflation_pct: float | None = None) -> None:
    """The title, what the report is about, and what it used."""
    from IPython.display import display

    recorded = recorded_parameters(fitted)
    name = title(lang)
    display({REPORT_MIME: {"title": name}, "text/html": f"<h1>{html_literal(name)}</h1>", "text/latex": ""}, raw=True)
    tables.show_text("", _intro(lang))
    tables.show_heading(L.text("parameters", lang), 2)
    rows = used_parameters(lang, vintage, model or None, inflation_pct, recorded, fitted.headline)
    tables.show(tables.parameter_table(rows, lang))


def _intro(lang: str) -> str:
    if _zh(lang):
        return ("增长目标的达标概率来自一个用中国地级市1,836个年度GDP增长目标（2003–2012年）校准的模型，并按年份做滚动检验："
                "每一年只用之前的年份来预测。给出60–70%概率的目标，应该大约有这么多实现。“实现”指增速不低于目标"
                "（“以上”和未注明的目标，即下限事件）；“左右”的目标允许低于目标的2%（约数事件），同样检验。")
    return ("A growth-rate target's probability of being met comes from a model calibrated on 1,836 annual GDP-growth "
            "targets of Chinese cities (2003–2012) and tested rolling by year: each year predicted from earlier years "
            "only. Of the targets given 60–70 %, about that share should have been met. \"Met\" is growth at or above "
            "the figure (以上 and bare targets; the floor event); for 左右 targets a shortfall of 2 % of the figure is "
            "allowed (the about event), tested the same way.")


def reliability_section(fitted: TargetModelSet, bins: pd.DataFrame, lang: str) -> None:
    """The reliability diagram and the headline model's reliability table, with the evidence sentence."""
    zh = _zh(lang)
    tables.show_heading("可靠性图" if zh else "Reliability diagram")
    tables.show_text("", "滚动检验给出的概率与这些目标的实际实现比例；落在虚线上，概率就名副其实。图中是组合模型、经第二阶段"
                     "（只用早期年份样本外预测拟合的beta校准）的组合模型和仅预测视角；下图为每档的目标数。" if zh else
                     "Probability given in the rolling test against the share of those targets met; on the dashed line "
                     "the probabilities mean what they say. The combined model, the same after its second stage (a beta "
                     "calibration fitted only on earlier years' out-of-sample predictions), and the projection view "
                     "alone. Below: how many targets each bin holds.")
    plots.show(reliability.plot_reliability(bins, lang=lang))
    tables.show_heading("校准表" if zh else "Calibration table", 2)
    tables.show(reliability.calibration_table(bins, fitted.headline, lang=lang))
    sentence = calibration_evidence(0.65, bins, model=fitted.headline)
    tables.show_text("一句话" if zh else "In one sentence", evidence_text(sentence, lang))


def year_section(years: pd.DataFrame, fitted: TargetModelSet, lang: str) -> None:
    """Share met per year against the year-shock interval, and every model's skill per year."""
    zh = _zh(lang)
    tables.show_heading("逐年" if zh else "Year by year")
    tables.show_text("", "同一年的目标并不独立：共同冲击使它们一起变动。区间是模型的年度冲击项所容许的实现比例的中间90%。" if zh else
                     "Targets of one year are not independent: a common shock moves them together. The interval is the "
                     "middle 90 % of the share met that the model's year-shock term allows.")
    plots.show(reliability.plot_year_shares(years, fitted.headline, lang=lang))
    tables.show(reliability.shock_table(years, fitted.headline, lang=lang))
    tables.show(reliability.year_skill_table(years, lang=lang))


def models_section(fitted: TargetModelSet, lang: str) -> None:
    """Every model's pooled scores, for the floor and the about event."""
    zh = _zh(lang)
    tables.show_heading("所有模型（各年合并）" if zh else "All models, pooled over the years scored")
    tables.show_text("", "先是下限事件（增速不低于目标），再是约数事件（增速不低于目标减去其2%）。" if zh else
                     "Floor event (growth at or above the figure), then the about event (growth at or above the figure "
                     "less 2 % of it).")
    tables.show(reliability.scores_table(fitted.rolling["scores"], lang=lang))
    tables.show(reliability.scores_table(fitted.events["about"].rolling["scores"], lang=lang))


def second_stage_section(fitted: TargetModelSet, lang: str) -> None:
    """The second stage of each year: which map, fitted on which earlier years."""
    zh = _zh(lang)
    tables.show_heading("第二阶段（逐年）" if zh else "The second stage, year by year")
    tables.show_text("", "每一年的映射只用它之前各年的样本外预测拟合。" if zh else
                     "Each year's map is fitted on the out-of-sample predictions of the years before it, and on nothing else.")
    tables.show(reliability.second_stage_table(fitted.events["floor"].by_year, lang))


def pit_section(fitted: TargetModelSet, lang: str) -> None:
    """The projection view's interval coverage on real targets, before and after the PIT recalibration."""
    zh = _zh(lang)
    tables.show_heading("本软件的预测区间在真实目标上的表现" if zh else "The package's own projection intervals on real targets")
    tables.show_text("", "预测视角的80%和95%区间覆盖实际增速的比例，以及按早期年份PIT分布重校准之后的比例。" if zh else
                     "Coverage of the achieved growth by the projection view's 80 % and 95 % intervals, before and after "
                     "recalibrating them through the distribution of earlier years' PITs.")
    tables.show(reliability.pit_coverage_table(fitted.pit_coverage, lang))


def coefficients_section(fitted: TargetModelSet, lang: str) -> None:
    """The coefficients of the model the reports use."""
    zh = _zh(lang)
    tables.show_heading("报告使用的模型" if zh else "The model the reports use")
    tables.show_text("", "用全部目标拟合；对数几率系数、按年份聚类的标准误、比值比。" if zh else
                     "Fitted on every target; log-odds coefficients, standard errors clustered by year, odds ratios.")
    tables.show(reliability.coefficients_table(fitted.models["combined"], lang))


def words_section(fitted: TargetModelSet, years: pd.DataFrame, lang: str) -> None:
    """The rolling test in words."""
    tables.show_heading("文字说明" if _zh(lang) else "In words")
    tables.show_text("滚动检验" if _zh(lang) else "The rolling test",
                     reliability.summary_text(fitted.rolling["scores"], years, fitted.headline, lang))


def methods_section(fitted: TargetModelSet, lang: str) -> None:
    """Methods and sources at the end of the report."""
    zh = _zh(lang)
    tables.show_heading(L.text("methods", lang))
    tables.show_text("模型" if zh else "Model", (
        "组合模型是statsmodels的Logit：目标设定视角（目标比上年增速高多少、是否写“以上”、比省的目标高多少）和预测视角"
        "（本软件默认预测模型对该城市增速序列的预测相对目标的位置），含年份固定效应；新的一年取年度效应的均值，并把随机的"
        "年度冲击积分掉。滚动检验：每一年只用之前的年份拟合并预测；Brier分数、对数损失和预期校准误差（ECE）衡量。" if zh else
        "The combined model is a statsmodels Logit on the target-setting view (ambition over last year's growth, 以上 "
        "wording, the gap to the province's target) and the projection view (where the package's default projection of "
        "the city's growth series lies against the target), with year fixed effects; a new year gets the mean year "
        "effect with a random year shock integrated out. Rolling test: each year fitted and predicted from earlier "
        "years only; scored by Brier score, log loss and expected calibration error (ECE)."))
    tables.show_heading(L.text("sources", lang))
    tables.show_text("数据来源（英文原文）" if zh else "Data", fitted.source)

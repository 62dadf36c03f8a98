"""Verdicts in words: an assessment row as a short paragraph, in Chinese (the default) or English.

:func:`describe` says what the target is (with the plan's own words), the baseline and the
growth it requires, the growth of the last years, the projection and the probability of
meeting the target, the outcome once the target year is known, and the status. It says only
what the data support: a figure that is an estimate, a lower bound or derived from growth
rates is called so, and an outcome resting on one is "probably" met or missed, not "met".
:func:`requirement` speaks of a target that has no assessment (no history, not in the
catalog, no figure before its year): what it requires and what data would settle it.

>>> row = {"indicator": "rd_intensity", "indicator_zh": "研发投入强度", "region": "tiexi", "comparator": ">=",
...     "target_value": 3.5, "unit": "percent", "year": 2025, "measure": "share", "baseline_year": None,
...     "status": "insufficient data"}
>>> print(describe(row))
目标：到2025年，铁西区研发投入强度不低于3.5%。目标年份之前没有数据，无法预测。结论：数据不足。
>>> print(describe(row, "en"))
Tiexi District: R&D expenditure as a share of GDP (R&D intensity) at least 3.5% in 2025. No figure from before the target year is known, so nothing can be projected. Status: insufficient data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..config import DEFAULT_PARAMS, AnalysisParams
from .labels import (
    DEFAULT_LANG, REASON_LABELS, check_lang, format_amount, format_number, format_prob, format_rate, indicator_label,
    label, measure_word, model_label, outcome_label, point_label, progress_label, region_label, status_label,
    target_phrase, unit_label,
)

__all__ = ["describe", "requirement", "format_value"]

#: Figures that are statistics (an outcome resting on one is stated as a fact).
_OBSERVED = ("revised", "official", "preliminary", "document")


def _num(x: Any) -> float:
    try:
        v = float(x)
    except (TypeError, ValueError):
        return float("nan")
    return v


def _has(x: Any) -> bool:
    return math.isfinite(_num(x))


def format_value(value: float, unit: str, lang: str = "en", unit_raw: Any = None) -> str:
    """A value as the verdicts write it (:func:`~shenyang_analysis.present.labels.format_amount`).

    >>> format_value(1.5e11, "yuan"), format_value(1.1e12, "yuan", "zh")
    ('150 billion yuan (1,500亿元)', '1.1万亿元')
    """
    return format_amount(value, unit, lang, measure_word(unit_raw))


def _quote(row: Mapping[str, Any], lang: str) -> str:
    q = row.get("quote")
    if not isinstance(q, str) or not q.strip():
        return ""
    return f"（原文：“{q.strip()}”）" if lang == "zh" else f" (the plan: “{q.strip()}”)"


def _amount(row: Mapping[str, Any], value: Any, lang: str) -> str:
    return format_amount(_num(value), str(row["unit"]), lang, measure_word(row.get("unit_raw")))


def _growth_zh(row: Mapping[str, Any]) -> list[str]:
    measure, by = str(row.get("measure", "level")), int(row["baseline_year"])
    least = "至少" if row.get("baseline_status") == "lower_bound" else ""
    basis = point_label(row.get("baseline_status"), "zh") if row.get("baseline_status") else ""
    base = f"以{by}年的{least}{_amount(row, row['baseline_value'], 'zh')}" + (f"（{basis}）" if basis else "") + "为基数"
    req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
    if measure == "growth":
        need = f"目标本身是增速（{format_number(_num(row['target_value']), 3)}%）"
    elif math.isfinite(req):
        need = f"需要{format_rate(req, measure, 'zh')}" + ("（复合增长率）" if measure == "level" else "")
    else:
        need = "所需增速无法计算"
    parts = [f"{base}，{need}；"]
    if math.isfinite(hist):
        ratio = _num(row.get("growth_ratio"))
        tail = f"，为所需增速的{format_number(ratio, 2)}倍" if math.isfinite(ratio) else ""
        parts.append(f"过去几年{format_rate(hist, measure, 'zh')}{tail}（{progress_label(row.get('progress_class'), 'zh')}）。")
    else:
        parts.append("只有一个数据，无法测算过去的增速。")
    return parts


def _growth_en(row: Mapping[str, Any]) -> list[str]:
    measure, by = str(row.get("measure", "level")), int(row["baseline_year"])
    least = "at least " if row.get("baseline_status") == "lower_bound" else ""
    basis = f" ({point_label(row.get('baseline_status'), 'en')})" if row.get("baseline_status") else ""
    req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
    if measure == "growth":
        need = f"the target is itself a growth rate ({format_number(_num(row['target_value']), 3)}%)"
    elif math.isfinite(req):
        need = f"it needs {format_rate(req, measure, 'en')}" + (" (CAGR)" if measure == "level" else "")
    else:
        need = "the required growth cannot be computed"
    parts = [f"From {least}{_amount(row, row['baseline_value'], 'en')} in {by}{basis} {need};"]
    if math.isfinite(hist):
        ratio = _num(row.get("growth_ratio"))
        tail = f", a ratio of {ratio:.2f}" if math.isfinite(ratio) else ""
        parts.append(f"the last years gave {format_rate(hist, measure, 'en')}{tail} ({progress_label(row.get('progress_class'), 'en')}).")
    else:
        parts.append("one observation is too few to measure past growth.")
    return parts


def _projection(row: Mapping[str, Any], lang: str) -> str:
    year = int(row["year"])
    if not _has(row.get("projection")):
        n = int(_num(row.get("n_obs")) if _has(row.get("n_obs")) else 0)
        return f"只有{n}个数据，不作预测。" if lang == "zh" else f"With {n} observation(s) no projection is made."
    model = model_label(row.get("model"), lang)
    proj, lo, hi = (_amount(row, row[k], lang) for k in ("projection", "lower80", "upper80"))
    p = format_prob(row.get("prob_meet"))
    if lang == "zh":
        return f"{model}预测{year}年为{proj}（80%区间：{lo}至{hi}），达标概率为{p}。"
    model = "The reference class" if row.get("model") == "reference class" else f"The {model} model"
    return f"{model} puts {year} at {proj} (80% interval {lo} to {hi}); the probability of meeting the target is {p}."


def _outcome(row: Mapping[str, Any], lang: str) -> str:
    outcome, basis, year = str(row.get("outcome") or ""), str(row.get("outcome_basis") or ""), int(row["year"])
    if outcome not in ("met", "missed", "undetermined"):
        return ""
    value = _amount(row, row.get("outcome_value"), lang)
    what = point_label(basis, lang) if basis else ""
    if lang == "zh":
        if outcome == "undetermined":
            return f"{year}年只知道数值的界限：{value}（{what}），无法判定目标是否实现。"
        word = outcome_label(outcome, "zh")
        if basis in _OBSERVED or (basis == "lower_bound" and outcome == "met"):
            return f"{year}年的数值为{value}（{what}），目标{word}。"
        if basis == "derived":
            return f"{year}年尚无公布的数值；由增速推算为{value}（{what}），按此推算目标很可能{word}。"
        return f"{year}年的{what}为{value}，尚非统计数据，按此目标很可能{word}。"
    if outcome == "undetermined":
        return f"For {year} only a bound is known, {value} ({what}), which does not settle the outcome."
    if basis in _OBSERVED or (basis == "lower_bound" and outcome == "met"):
        return f"{year} has been observed: {value} ({what}), so the target was {outcome}."
    if basis == "derived":
        return (f"{year} has not been published; derived from growth rates it is {value}, "
                f"so the target was probably {outcome}.")
    return f"{year} is known only as an {what}, {value}, so the target was probably {outcome}."


def describe(row: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """A short paragraph in plain words from an assessment row (``lang``: ``zh`` or ``en``).

    >>> row = {"indicator": "gdp", "indicator_zh": "地区生产总值", "region": "tiexi", "comparator": ">=",
    ...     "target_value": 1.5e11, "unit": "yuan", "year": 2025, "measure": "level", "baseline_year": 2024,
    ...     "baseline_value": 1.3e11, "baseline_status": "estimate", "required_growth": 15.38,
    ...     "historical_growth": 4.08, "growth_ratio": 0.265, "progress_class": "limited progress",
    ...     "model": "reference class", "projection": 1.4e11, "lower80": 1.31e11, "upper80": 1.49e11,
    ...     "prob_meet": 0.05, "status": "off track", "outcome": "missed", "outcome_value": 1.4e11,
    ...     "outcome_basis": "derived", "n_obs": 2, "quote": "地区生产总值突破1500亿元"}
    >>> print(describe(row))  # doctest: +NORMALIZE_WHITESPACE
    目标：到2025年，铁西区地区生产总值不低于1,500亿元（原文：“地区生产总值突破1500亿元”）。以2024年的1,300亿元（预计数）为基数，需要年均增长15.4%（复合增长率）；过去几年年均增长4.08%，为所需增速的0.27倍（进展有限）。参照类（城市面板）预测2025年为1,400亿元（80%区间：1,310亿元至1,490亿元），达标概率为5%。2025年尚无公布的数值；由增速推算为1,400亿元（推算数），按此推算目标很可能未实现。结论：难以实现（所据2025年数值为推算数，尚待统计数据确认）。
    >>> print(describe(row, "en"))  # doctest: +NORMALIZE_WHITESPACE
    Tiexi District: gross regional product (GDP) at least 150 billion yuan (1,500亿元) in 2025 (the plan:
    “地区生产总值突破1500亿元”). From 130 billion yuan (1,300亿元) in 2024 (estimate) it needs 15.4% a year (CAGR);
    the last years gave 4.08% a year, a ratio of 0.27 (limited progress). The reference class puts 2025 at
    140 billion yuan (1,400亿元) (80% interval 131 billion yuan (1,310亿元) to 149 billion yuan (1,490亿元)); the
    probability of meeting the target is 5%. 2025 has not been published; derived from growth rates it is
    140 billion yuan (1,400亿元), so the target was probably missed. Status: off track (resting on the 2025 figure,
    derived, not a published statistic).
    """
    lang = check_lang(lang)
    zh = lang == "zh"
    parts = [("目标：" if zh else "") + target_phrase(row, lang) + _quote(row, lang) + ("。" if zh else ".")]
    if not _has(row.get("baseline_year")):
        parts.append("目标年份之前没有数据，无法预测。" if zh else
                     "No figure from before the target year is known, so nothing can be projected.")
    else:
        parts += _growth_zh(row) if zh else _growth_en(row)
        parts.append(_projection(row, lang))
    outcome = _outcome(row, lang)
    if outcome:
        parts.append(outcome)
    parts.append(_status(row, lang))
    return ("" if zh else " ").join(parts)


def _status(row: Mapping[str, Any], lang: str) -> str:
    """The status; qualified when it rests on a target-year figure that is not a statistic."""
    status, basis = status_label(row.get("status"), lang), str(row.get("outcome_basis") or "")
    settled = str(row.get("outcome") or "") in ("met", "missed") and basis not in _OBSERVED
    already_said = str(row.get("status") or "").startswith("likely ")  # "likely achieved" says it itself
    if settled and not already_said and not (basis == "lower_bound" and row.get("outcome") == "met"):
        what, year = point_label(basis, lang), int(row["year"])
        return (f"结论：{status}（所据{year}年数值为{what}，尚待统计数据确认）。" if lang == "zh" else
                f"Status: {status} (resting on the {year} figure, {what}, not a published statistic).")
    return f"结论：{status}。" if lang == "zh" else f"Status: {status}."


def _settle_zh(reason: str, t: Mapping[str, Any], detail: str, params: AnalysisParams, years: list[int]) -> str:
    region, year = region_label(t.get("region"), "zh"), t.get("year")
    name = indicator_label(t.get("indicator"), t.get("indicator_zh"), "zh")
    when = f"{int(year)}年" if _has(year) else "目标年份"
    series = (f"{region}“{name}”的年度数据（至少{params.min_own_points}个连续年份才能用该序列自身做统计预测；"
              f"金额类目标有一年的数据即可用城市面板做参照类预测）")
    settle = {
        "indicator not in the catalog": f"需要先把“{name}”列入指标目录（data/raw/indicators.csv），再收集{series}",
        "no history for this region and indicator": f"需要收集{series}",
        "history in another unit": f"现有历史数据的单位是{detail}，需要以{unit_label(t.get('unit'), 'zh') or '目标的单位'}计的{series}",
        "cumulative total over a period": "需要规划期内每年的数值，累加后与目标比较",
        "absolute change, not a level": "需要基年和目标年的水平值，二者之差与目标比较",
        "no target year": "需要从文件中确定目标年份（可在 data/raw/curation.csv 中补充）",
        "observation": "这一行作为历史数据使用，不需要评估",
        "no baseline": f"现有数据的年份为{'、'.join(map(str, years)) or '无'}；需要{when}之前至少一年的数据作为基数",
    }.get(reason, f"需要{series}")
    return f"{settle}；{when}的统计数据将最终判定目标是否实现。" if reason != "observation" else f"{settle}。"


def _settle_en(reason: str, t: Mapping[str, Any], detail: str, params: AnalysisParams, years: list[int]) -> str:
    region, year = region_label(t.get("region"), "en"), t.get("year")
    name = indicator_label(t.get("indicator"), t.get("indicator_zh"), "en")
    when = str(int(year)) if _has(year) else "the target year"
    series = (f"annual figures of {name} for {region} (at least {params.min_own_points} consecutive years for a "
              "projection of the series itself; for a money target one year suffices for the reference class)")
    settle = {
        "indicator not in the catalog": f"add “{name}” to the indicator catalog (data/raw/indicators.csv), then collect {series}",
        "no history for this region and indicator": f"collect {series}",
        "history in another unit": f"the history is in {detail}; collect {series} in the target's unit",
        "cumulative total over a period": "collect the figure of every year of the period and compare their sum",
        "absolute change, not a level": "collect the level in the base year and in the target year and compare the difference",
        "no target year": "find the target year in the document (data/raw/curation.csv can add it)",
        "observation": "the row is used as history; nothing to assess",
        "no baseline": f"the figures known are for {', '.join(map(str, years)) or 'no year'}; a figure from before {when} is needed as a baseline",
    }.get(reason, f"collect {series}")
    if reason == "observation":
        return settle[:1].upper() + settle[1:] + "."
    return f"{settle[:1].upper() + settle[1:]}; the official figure for {when} will settle whether the target is met."


def requirement(
    target: Mapping[str, Any], reason: str, detail: str = "", lang: str = DEFAULT_LANG,
    params: AnalysisParams = DEFAULT_PARAMS, years: list[int] | None = None,
) -> tuple[str, str]:
    """(what the target requires, what data would settle it) for a target without an assessment.

    ``reason`` is a key of :data:`~shenyang_analysis.present.labels.REASON_LABELS`; ``years``
    the years with figures (for ``no baseline``).

    >>> t = {"region": "tiexi", "indicator": None, "indicator_zh": "创新主体", "comparator": ">=", "value": 500.0,
    ...      "unit": "count", "unit_raw": "家", "year": 2025, "quote": "引入500 家创新主体"}
    >>> need, settle = requirement(t, "indicator not in the catalog")
    >>> print(need)
    目标：到2025年，铁西区创新主体不低于500家（原文：“引入500 家创新主体”）。该指标不在指标目录中，因此无法评估。
    >>> print(requirement(t, "indicator not in the catalog", lang="en")[1])  # doctest: +ELLIPSIS
    Add “创新主体” to the indicator catalog (data/raw/indicators.csv), then collect annual figures ...
    """
    lang = check_lang(lang)
    why = label(REASON_LABELS, reason, lang)
    if detail:
        why = f"{why}（{detail}）" if lang == "zh" else f"{why} ({detail})"
    if lang == "zh":
        need = f"目标：{target_phrase(target, 'zh')}{_quote(target, 'zh')}。{why}，因此无法评估。"
        return need, _settle_zh(reason, target, detail, params, years or [])
    need = f"{target_phrase(target, 'en')}{_quote(target, 'en')}. It cannot be assessed: {why}."
    return need, _settle_en(reason, target, detail, params, years or [])

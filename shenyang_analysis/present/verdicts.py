"""Verdicts in words: an assessment row as a short paragraph, in Chinese (the default) or English.

:func:`describe` says what the target is (in the plan's own words, and how it is judged: a
bare figure as a floor, a change against a base year per year), the baseline and the growth it
requires, the growth of the last years, the projection with what it rests on (the region's own
series, its share of the parent, the parent's series, a reference class, a short series) and
the probability of meeting the target, the outcome once the target year has passed, the prices
it assumed and whether the status changes with them, the calibration evidence of a growth-rate
target where the row has it, and the status. It says only what the data support:

* ``met`` / ``missed`` rest on an observed figure (or a bound of one: 逼近 is below);
  ``likely met`` / ``likely missed`` on estimates or derived figures, with the chain shown;
* ``overdue``: the year has passed with no figure, and the probability is as of the last data;
* ``currently meets``: a figure before the target year already meets it, which settles nothing.

:func:`requirement` speaks of a target that has no assessment (no history, not in the
catalog, no figure before its year): what it requires and what data would settle it.

>>> row = {"indicator": "rd_intensity", "indicator_zh": "研发投入强度", "region": "tiexi", "comparator": ">=",
...     "target_value": 3.5, "unit": "percent", "year": 2025, "measure": "share", "baseline_year": None,
...     "status": "insufficient data", "status_reason": "no figure before the target year"}
>>> print(describe(row))
目标：到2025年，铁西区研发投入强度不低于3.5%。目标年份之前没有数据，无法预测。结论：数据不足（目标年份之前没有数据）。
>>> print(describe(row, "en"))
Tiexi District: R&D expenditure as a share of GDP (R&D intensity) at least 3.5% in 2025. No figure from before the target year is known, so nothing can be projected. Status: insufficient data (no figure from before the target year).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..vocab import OBSERVED_STATUSES, PARENT_REGION
from .labels import (
    COMPARATOR_LABELS, DEFAULT_LANG, REASON_LABELS, basis_label, check_lang, format_amount, format_number, format_prob,
    format_rate, indicator_label, label, measure_word, model_label, point_label, progress_label,
    region_label, status_label, target_phrase, unit_label,
)
from .notes import alt_basis_text, basis_range_text, declined_text, flow_pace_text, evidence_text, price_assumption_text, price_sensitivity_text

__all__ = ["describe", "requirement", "format_value"]


def _num(x: Any) -> float:
    try:
        return float(x)
    except (TypeError, ValueError):
        return float("nan")


def _has(x: Any) -> bool:
    return math.isfinite(_num(x))


def _text(x: Any) -> str:
    return x.strip() if isinstance(x, str) else ""


def format_value(value: float, unit: str, lang: str = "en", unit_raw: Any = None) -> str:
    """A value as the verdicts write it (:func:`~shenyang_analysis.present.labels.format_amount`).

    >>> format_value(1.5e11, "yuan"), format_value(1.1e12, "yuan", "zh")
    ('150 billion yuan (1,500亿元)', '1.1万亿元')
    """
    return format_amount(value, unit, lang, measure_word(unit_raw))


def _quote(row: Mapping[str, Any], lang: str) -> str:
    q = _text(row.get("quote"))
    if not q:
        return ""
    return f"（原文：“{q}”）" if lang == "zh" else f" (the plan: “{q}”)"


def _amount(row: Mapping[str, Any], value: Any, lang: str, unit: Any = None) -> str:
    return format_amount(_num(value), str(unit or row["unit"]), lang, measure_word(row.get("unit_raw")))


def _target(row: Mapping[str, Any], lang: str) -> str:
    """What the target says, and how it is judged when that differs from its wording."""
    zh = lang == "zh"
    text = ("目标：" if zh else "") + target_phrase(row, lang) + _quote(row, lang) + ("。" if zh else ".")
    judged, base = _text(row.get("judged_as")), row.get("base_year")
    value = _amount(row, row.get("judged_value"), lang, _text(row.get("judged_unit")) or None)
    if _has(base) and _has(row.get("judged_value")):
        text += (f"相对{int(_num(base))}年的变化折合每年{value}。" if zh else f" Against {int(_num(base))}: {value} a year.")
    elif judged and judged != str(row.get("comparator")) and _has(row.get("judged_value")):
        word = label(COMPARATOR_LABELS, judged, lang)
        text += f"按“{word}{value}”判断。" if zh else f" It is judged as {word} {value}."
    return text


def _baseline_words(row: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """(at least / at most, what the baseline figure is) of the row's baseline."""
    bound = _text(row.get("baseline_bound")) or ("lower" if row.get("baseline_status") == "lower_bound" else "exact")
    side = {"lower": ("至少", "at least "), "upper": ("至多", "at most ")}.get(bound, ("", ""))[lang != "zh"]
    status = _text(row.get("baseline_status"))
    return side, point_label(status, lang) if status and status != "lower_bound" else ""


def _growth(row: Mapping[str, Any], lang: str) -> list[str]:
    zh, measure, by = lang == "zh", str(row.get("measure") or "level"), int(_num(row["baseline_year"]))
    side, what = _baseline_words(row, lang)
    flow = flow_pace_text(row, lang)
    if flow:  # a plan-period total: compared per year with a like period, not as a level
        amount = _amount(row, row["baseline_value"], lang)
        return [(f"此前数值：{by}年{amount}" + (f"（{what}）" if what else "") + "。" if zh else
                 f"The figure before: {amount} in {by}" + (f" ({what})" if what else "") + "."), flow]
    req, hist = _num(row.get("required_growth")), _num(row.get("historical_growth"))
    if measure == "growth":
        rate = _num(row.get("judged_value")) if _has(row.get("judged_value")) else _num(row["target_value"])
        per = ("，折合每年" if zh else ", ") if _has(row.get("base_year")) else ""
        need = (f"目标本身是增速（{per.lstrip('，')}{format_number(rate, 3)}%）" if zh else
                f"the target is itself a growth rate ({format_number(rate, 3)}%{' a year' if per else ''})")
    elif math.isfinite(req):
        need = (f"需要{format_rate(req, measure, 'zh')}" + ("（复合增长率）" if measure == "level" else "") if zh else
                f"it needs {format_rate(req, measure, 'en')}" + (" (CAGR)" if measure == "level" else ""))
    else:
        need = "所需增速无法计算" if zh else "the required growth cannot be computed"
    amount = _amount(row, row["baseline_value"], lang)
    first = (f"以{by}年的{side}{amount}" + (f"（{what}）" if what else "") + f"为基数，{need}；" if zh else
             f"From {side}{amount} in {by}" + (f" ({what})" if what else "") + f" {need};")
    if not math.isfinite(hist):
        return [first, "只有一个数据，无法测算过去的增速。" if zh else "one observation is too few to measure past growth."]
    ratio, progress = _num(row.get("growth_ratio")), progress_label(row.get("progress_class"), lang)
    if zh:
        tail = f"，为所需增速的{format_number(ratio, 2)}倍" if math.isfinite(ratio) else ""
        return [first, f"过去几年{format_rate(hist, measure, 'zh')}{tail}（{progress}）。"]
    tail = f", a ratio of {ratio:.2f}" if math.isfinite(ratio) else ""
    return [first, f"the last years gave {format_rate(hist, measure, 'en')}{tail} ({progress})."]


#: What a projection rests on, by the row's ``basis`` (vocab.BASES): (中文, English) with {model}, {parent}.
_BASIS_WORDS: Mapping[str, tuple[str, str]] = {
    "own series": ("{model}根据本地区自身的序列", "The {model} model of the series itself"),
    "share of parent": ("按其占{parent}的比重（趋势由statsmodels拟合）乘以{parent}的预测",
                        "Its share of {parent} (a trend fitted with statsmodels) times {parent}'s projection"),
    "parent series": ("按{parent}同一比率的趋势，加上各省年度变化的参照类",
                      "{parent}'s trend of the same rate with a reference class of provinces' yearly changes"),
    "reference class": ("参照类（可比地区的增速分布）", "The reference class (growth of comparable regions)"),
    "short series": ("按其自身几个数据的趋势（波动幅度取历史中其他计数序列的合并估计）",
                     "Its own trend from a few figures, with the variability pooled from the history's other counts"),
    "past targets": ("基于1,836个历史增长目标校准的模型", "The model calibrated on 1,836 past growth targets"),
}


def _projection(row: Mapping[str, Any], lang: str) -> str:
    zh, year = lang == "zh", int(_num(row["year"]))
    if not _has(row.get("projection")):
        if row.get("status") == "currently meets" or _text(row.get("outcome")) not in ("", "overdue"):
            return ""
        n = int(_num(row.get("n_obs"))) if _has(row.get("n_obs")) else 0
        return f"只有{n}个数据，不作预测。" if zh else f"With {n} observation(s) no projection is made."
    basis = _text(row.get("basis")) or ("reference class" if row.get("model") == "reference class" else "own series")
    parent = region_label(PARENT_REGION.get(str(row.get("region")), ""), lang) if row.get("region") in PARENT_REGION else \
        ("上级地区" if zh else "the parent region")
    who = label(_BASIS_WORDS, basis, lang).format(model=model_label(row.get("model"), lang), parent=parent)
    proj, lo, hi = (_amount(row, row[k], lang) for k in ("projection", "lower80", "upper80"))
    p = format_prob(row.get("prob_meet"))
    text = (f"{who}，预测{year}年为{proj}（80%区间：{lo}至{hi}），达标概率为{p}。" if zh else
            f"{who} puts {year} at {proj} (80% interval {lo} to {hi}); the probability of meeting the target is {p}.")
    if _has(row.get("prob_meet_low")) and _has(row.get("prob_meet_high")):
        low, high = format_prob(row["prob_meet_low"]), format_prob(row["prob_meet_high"])
        text += (f"在坏年景和好年景之间为{low}至{high}。" if zh else f" In a bad and a good year: {low} to {high}.")
    declined = declined_text(row.get("alt_basis"), row.get("prob_meet_alt"), lang)
    if declined:
        text += declined if zh else f" {declined}"
    elif _has(row.get("prob_meet_alt")):
        alt, alt_p = alt_basis_text(row.get("alt_basis"), lang), format_prob(row["prob_meet_alt"])
        text += f"另一种依据（{alt}）下为{alt_p}。" if zh else f" On the alternative basis ({alt}) it would be {alt_p}."
    return text


def _outcome(row: Mapping[str, Any], lang: str) -> str:
    zh, outcome, year = lang == "zh", _text(row.get("outcome")), int(_num(row["year"]))
    if outcome == "overdue":
        until = row.get("data_until")
        if not _has(row.get("prob_meet")):
            return f"{year}年已过，尚无该年的数值。" if zh else f"{year} has passed and no figure for it is known yet."
        return (f"{year}年已过，尚无该年的数值：达标概率是按截至{int(_num(until))}年的数据计算的，不是实时预测。" if zh else
                f"{year} has passed and no figure for it is known yet: the probability is as of the data to "
                f"{int(_num(until))}, not a live forecast.")
    if outcome not in ("met", "missed", "likely met", "likely missed", "undetermined"):
        return ""
    basis = _text(row.get("outcome_basis"))
    if outcome in ("met", "missed") and basis.split(", ")[0] not in OBSERVED_STATUSES:
        outcome = f"likely {outcome}"  # only an observed figure (vocab.OBSERVED_STATUSES) settles it as a fact
    side = (("低于", "below ") if "upper bound" in basis else ("至少", "at least ") if "lower bound" in basis else ("", ""))[not zh]
    value, what, chain = _amount(row, row.get("outcome_value"), lang), basis_label(basis, lang), _text(row.get("outcome_chain"))
    if zh:
        head = f"{year}年的数值：{side}{value}" + (f"（{what}）" if what else "")
        tail = {"met": "，目标已实现。", "missed": "，目标未实现。", "undetermined": "，只是一个界限，无法判定目标是否实现。",
                "likely met": "；尚非统计数据，按此目标很可能已实现。", "likely missed": "；尚非统计数据，按此目标很可能未实现。"}[outcome]
        return head + tail + (f"数值的来历（英文记录）：{chain}。" if chain else "")
    tail = {"met": "so the target was met", "missed": "so the target was missed",
            "undetermined": "a bound that does not settle the outcome",
            "likely met": "so the target was likely met (the figure rests on estimates or derivations)",
            "likely missed": "so the target was likely missed (the figure rests on estimates or derivations)"}[outcome]
    return f"The figure for {year}: {side}{value}" + (f" ({what})" if what else "") + f", {tail}." + \
        (f" How it was made: {chain}." if chain else "")


def _prices(row: Mapping[str, Any], lang: str) -> str:
    sens = _text(row.get("price_sensitivity"))
    if not sens:
        return ""
    zh, assumption = lang == "zh", price_assumption_text(row.get("price_assumption"), lang)
    if sens.startswith("none:"):
        return f"价格：{price_sensitivity_text(sens, lang)}。" if zh else f"Prices: {sens}."
    changes = bool(row.get("price_sensitive")) is True
    if zh:
        return (f"价格：{assumption + '；' if assumption else ''}敏感性：{price_sensitivity_text(sens, lang)}；"
                f"状态{'随价格假设而变' if changes else '不随价格假设而变'}。")
    return (f"Prices: {assumption + '; ' if assumption else ''}{sens}; the status "
            f"{'changes' if changes else 'does not change'} with prices.")


def _extras(row: Mapping[str, Any], lang: str) -> list[str]:
    """The verdict across a census revision, and the calibration evidence of a growth-rate target."""
    zh, out = lang == "zh", []
    if _text(row.get("basis_range")):
        text = basis_range_text(row["basis_range"], lang)
        out.append(f"口径：{text}。" if zh else f"Basis: {text}.")
    if _text(row.get("calibration_evidence")):
        text = evidence_text(row["calibration_evidence"], lang)
        said = text.startswith(("没有校准证据", "No calibration evidence"))  # the sentence names itself
        out.append(text if said else (f"校准证据：{text}" if zh else f"Calibration evidence: {text}"))
    return out


def _status(row: Mapping[str, Any], lang: str) -> str:
    """The status; with the reason (and what would settle it) when there is none, and what
    ``currently meets`` does not say."""
    zh, status = lang == "zh", status_label(row.get("status"), lang)
    reason = _text(row.get("status_reason"))
    if row.get("status") == "insufficient data" and reason:
        why = label(REASON_LABELS, reason, lang)
        needed = _text(row.get("data_needed"))
        if zh:
            return f"结论：{status}（{why}）。"
        return f"Status: {status} ({why}" + (f"; would be settled by {needed}" if needed else "") + ")."
    if row.get("status") == "currently meets":
        by = int(_num(row.get("baseline_year"))) if _has(row.get("baseline_year")) else None
        return (f"结论：{status}（{by}年的数值已达到目标，但目标年份的结果尚未知，比率和上限类指标可能回落）。" if zh else
                f"Status: {status} (the {by} figure already meets the target; the target year is still to be seen, "
                "and rates and ceilings can move back).")
    return f"结论：{status}。" if zh else f"Status: {status}."


def describe(row: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """A short paragraph in plain words from an assessment row (``lang``: ``zh`` or ``en``).

    >>> row = {"indicator": "gdp", "indicator_zh": "地区生产总值", "region": "tiexi", "comparator": ">=",
    ...     "target_value": 1.5e11, "unit": "yuan", "year": 2025, "measure": "level", "baseline_year": 2024,
    ...     "baseline_value": 1.3e11, "baseline_status": "estimate", "baseline_bound": "exact", "required_growth": 15.38,
    ...     "historical_growth": 4.08, "growth_ratio": 0.265, "progress_class": "limited progress",
    ...     "basis": "share of parent", "model": "share of parent", "projection": 1.37e11, "lower80": 1.31e11,
    ...     "upper80": 1.43e11, "prob_meet": 0.0, "status": "likely missed", "outcome": "likely missed",
    ...     "outcome_value": 1.378e11, "outcome_basis": "derived", "outcome_chain": "2025 = 2024 level × real growth × prices",
    ...     "price_sensitivity": "deflator -1%: likely missed (1,364亿元); deflator +2%: likely missed (1,406亿元)",
    ...     "price_sensitive": False, "n_obs": 3, "quote": "地区生产总值突破1500亿元"}
    >>> print(describe(row))  # doctest: +NORMALIZE_WHITESPACE
    目标：到2025年，铁西区地区生产总值不低于1,500亿元（原文：“地区生产总值突破1500亿元”）。以2024年的1,300亿元（预计数）为基数，需要年均增长15.4%（复合增长率）；过去几年年均增长4.08%，为所需增速的0.27倍（进展有限）。按其占沈阳市的比重（趋势由statsmodels拟合）乘以沈阳市的预测，预测2025年为1,370亿元（80%区间：1,310亿元至1,430亿元），达标概率为0%。2025年的数值：1,378亿元（推算数）；尚非统计数据，按此目标很可能未实现。数值的来历（英文记录）：2025 = 2024 level × real growth × prices。价格：敏感性：平减指数每年-1%时很可能未实现（1,364亿元）；每年+2%时很可能未实现（1,406亿元）；状态不随价格假设而变。结论：很可能未实现。
    >>> print(describe(row, "en"))  # doctest: +NORMALIZE_WHITESPACE
    Tiexi District: gross regional product (GDP) at least 150 billion yuan (1,500亿元) in 2025 (the plan:
    “地区生产总值突破1500亿元”). From 130 billion yuan (1,300亿元) in 2024 (estimate) it needs 15.4% a year (CAGR);
    the last years gave 4.08% a year, a ratio of 0.27 (limited progress). Its share of Shenyang (a trend fitted with
    statsmodels) times Shenyang's projection puts 2025 at 137 billion yuan (1,370亿元) (80% interval 131 billion yuan
    (1,310亿元) to 143 billion yuan (1,430亿元)); the probability of meeting the target is 0%. The figure for 2025:
    137.8 billion yuan (1,378亿元) (derived), so the target was likely missed (the figure rests on estimates or
    derivations). How it was made: 2025 = 2024 level × real growth × prices. Prices: deflator -1%: likely missed
    (1,364亿元); deflator +2%: likely missed (1,406亿元); the status does not change with prices. Status: likely missed.
    """
    lang = check_lang(lang)
    zh = lang == "zh"
    parts = [_target(row, lang)]
    if not _has(row.get("baseline_year")):
        parts.append("目标年份之前没有数据，无法预测。" if zh else
                     "No figure from before the target year is known, so nothing can be projected.")
    else:
        parts += _growth(row, lang)
        parts.append(_projection(row, lang))
    parts += [_outcome(row, lang), _prices(row, lang), *_extras(row, lang), _status(row, lang)]
    return ("" if zh else " ").join(p for p in parts if p)


def _series_words(t: Mapping[str, Any], params: AnalysisParams, lang: str) -> str:
    region = region_label(t.get("region"), lang)
    name = indicator_label(t.get("indicator"), t.get("indicator_zh"), lang)
    parent = PARENT_REGION.get(str(t.get("region")))
    if lang == "zh":
        borrow = f"；或{region_label(parent, 'zh')}的同一指标，以借用其比重或趋势" if parent else ""
        return (f"{region}“{name}”的年度数据（至少{params.min_own_points}个连续年份才能用该序列自身做统计预测"
                f"{borrow}）")
    borrow = f"; or the same indicator for {region_label(parent, 'en')}, to borrow its share or trend" if parent else ""
    return (f"annual figures of {name} for {region} (at least {params.min_own_points} consecutive years for a "
            f"projection of the series itself{borrow})")


def _settle_zh(reason: str, t: Mapping[str, Any], detail: str, params: AnalysisParams, years: list[int]) -> str:
    year = t.get("year")
    name = indicator_label(t.get("indicator"), t.get("indicator_zh"), "zh")
    when = f"{int(_num(year))}年" if _has(year) else "目标年份"
    series = _series_words(t, params, "zh")
    before = f"现有数据的年份为{'、'.join(map(str, years)) or '无'}；需要{when}之前至少一年的数据作为基数"
    settle = {
        "indicator not in the catalog": f"需要先把“{name}”列入指标目录（data/raw/indicators.csv），再收集{series}",
        "no history for this region and indicator": f"需要收集{series}",
        "history in another unit": f"现有历史数据的单位是{detail}，需要以{unit_label(t.get('unit'), 'zh') or '目标的单位'}计的{series}",
        "cumulative total over a period": "需要规划期内每年的数值，累加后与目标比较",
        "absolute change, not a level": "需要基年和目标年的水平值，二者之差与目标比较",
        "no target year": "需要从文件中确定目标年份（可在 data/raw/curation.csv 中补充）",
        "observation": "这一行作为历史数据使用，不需要评估",
        "no figure before the target year": before,
        "too few observations for a projection": f"需要更多年份的数据：{series}",
        "flow without a like-period history": "需要同类时期（如上一个五年规划期）的逐年数值或合计，才能按每年的进度比较",
    }.get(reason, f"需要收集{series}")
    return f"{settle}；{when}的统计数据将最终判定目标是否实现。" if reason != "observation" else f"{settle}。"


def _settle_en(reason: str, t: Mapping[str, Any], detail: str, params: AnalysisParams, years: list[int]) -> str:
    year = t.get("year")
    name = indicator_label(t.get("indicator"), t.get("indicator_zh"), "en")
    when = str(int(_num(year))) if _has(year) else "the target year"
    series = _series_words(t, params, "en")
    before = f"the figures known are for {', '.join(map(str, years)) or 'no year'}; a figure from before {when} is needed as a baseline"
    settle = {
        "indicator not in the catalog": f"add “{name}” to the indicator catalog (data/raw/indicators.csv), then collect {series}",
        "no history for this region and indicator": f"collect {series}",
        "history in another unit": f"the history is in {detail}; collect {series} in the target's unit",
        "cumulative total over a period": "collect the figure of every year of the period and compare their sum",
        "absolute change, not a level": "collect the level in the base year and in the target year and compare the difference",
        "no target year": "find the target year in the document (data/raw/curation.csv can add it)",
        "observation": "the row is used as history; nothing to assess",
        "no figure before the target year": before,
        "too few observations for a projection": f"collect more years: {series}",
        "flow without a like-period history": "collect the yearly figures (or the total) of a like period, such as the "
                                              "previous plan period, to compare the pace a year",
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
    the years with figures (for ``no figure before the target year``).

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


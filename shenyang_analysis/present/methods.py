"""The methods section of every report: how *this* target's numbers were made, and with what.

:func:`target_methods` explains, for one target, the series (sources, conflicts, bounds,
breaks), how the target is read and its baseline, the required and historical growth with the
numbers put in, the projection and what it rests on (the region's own series, its share of the
parent, the parent's series, a reference class, a short series), the probability and the
status rules, the outcome once the year has passed, the prices (deflator, assumption and the
sensitivity of the status to them), the outside view and the evidence from calibration; a
target without an assessment gets what would be done with data. :func:`general_methods` is the
short version for the overview, portfolio, headline and calibration reports.
:func:`run_parameters` lists everything a report used (printed on its first page).

>>> from shenyang_analysis.config import AnalysisParams
>>> [k for k, _ in run_parameters(AnalysisParams(), "zh", vintage="v")][:3]
['报告语言', '数据版本', '预测模型']
"""

from __future__ import annotations

import importlib.metadata
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..config import AnalysisParams
from ..datasets import Data, TargetContext
from ..vocab import MONEY_UNITS, OBSERVED_STATUSES, PARENT_REGION
from . import labels as L
from .notes import (
    basis_range_text, evidence_text, flow_pace, flow_pace_text, price_assumption_text, price_sensitivity_text,
)
from .tables import brier_text

__all__ = ["target_methods", "general_methods", "run_parameters"]


def _zh(lang: str) -> bool:
    return L.check_lang(lang) == "zh"


def _version() -> str:
    try:
        return importlib.metadata.version("shenyang_analysis")
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


def _model_text(model: str, lang: str) -> str:
    name = L.model_label(model, lang)
    return name if model in name else f"{name} ({model})"


def _price_rule(params: AnalysisParams, lang: str, assumption: str = "") -> str:
    zh = _zh(lang)
    if params.inflation_pct is not None:
        return f"{params.inflation_pct:+g}%/年（指定）" if zh else f"{params.inflation_pct:+g}% a year (set)"
    latest = f"：{assumption}" if zh and assumption else (f": {assumption}" if assumption else "")
    return ("默认：本地区、上级城市或省最近一年的隐含GDP平减指数变化" + latest if zh else
            "default: the latest implicit GDP deflator change of the region, its parent city or province" + latest)


def run_parameters(params: AnalysisParams, lang: str = L.DEFAULT_LANG, vintage: str = "",
                   built: AnalysisParams | None = None, extra: Mapping[str, Any] | None = None,
                   assumption: str = "") -> list[tuple[str, str]]:
    """(name, value) of everything a report used: language, data, model, prices, thresholds, ….

    ``built``: the parameters of the build the data come from (a difference is said);
    ``assumption``: the build's price assumption in words (``build_summary.json``).
    """
    zh = _zh(lang)
    statuses = ", ".join(f"{L.status_label(s, lang)} ≥ {b:g}" for b, s in params.status_thresholds)
    progress = ", ".join(f"{L.progress_label(s, lang)} ≥ {b:g}" for b, s in params.progress_thresholds)
    scenarios = ", ".join(f"{x:+g}%" for x in params.price_scenarios)
    items = [
        ("报告语言" if zh else "language", "中文" if zh else "English"),
        ("数据版本" if zh else "data vintage", vintage),
        ("预测模型" if zh else "projection model", _model_text(params.model, lang)),
        ("备用模型" if zh else "fallback model", params.fallback_model),
        ("价格假设（无平减指数的年份）" if zh else "price assumption (years without a deflator)",
         _price_rule(params, lang, assumption)),
        ("价格敏感性（平减指数每年）" if zh else "price sensitivity (deflator a year)", scenarios),
        ("参照类" if zh else "reference class", f"{params.reference_class} (≥ {params.reference_min_windows})"),
        ("“约”的容差" if zh else "tolerance of “about”", f"±{100 * params.tolerance:g}%"),
        ("状态阈值（达标概率）" if zh else "status thresholds (probability)", statuses),
        ("进度阈值（历史/所需增速）" if zh else "progress thresholds (historical / required)", progress),
        ("统计预测所需连续年份" if zh else "consecutive years for a statistical projection", str(params.min_own_points)),
        ("历史增速窗口" if zh else "historical growth window", f"{params.historical_window}"),
        ("参照类窗口" if zh else "reference-class windows", f"≥ {params.recent_from}"),
        ("数据截至（此前到期而无数值的目标为已到期）" if zh else "data as of (targets due before it without a figure are overdue)",
         str(params.as_of_year)),
        ("软件版本" if zh else "software", f"shenyang_analysis {_version()}"),
    ]
    if built is not None and built != params:
        changed = ", ".join(f"{k}={v}" for k, v in params.to_dict().items() if v != built.to_dict().get(k))
        items.append(("与构建参数不同" if zh else "differs from the build", changed))
    items += [(str(k), str(v)) for k, v in (extra or {}).items()]
    return items


def _series_text(ctx: TargetContext, lang: str) -> str:
    a, zh = ctx.assessment, _zh(lang)
    full = a.full_series
    statuses, bounds = full.attrs.get("status", {}), full.attrs.get("bound", {})
    kinds = sorted({L.point_label(L.figure_kind(statuses.get(int(y)), bounds.get(int(y))), lang) for y in full.index})
    first, last = (int(full.index.min()), int(full.index.max())) if len(full) else (0, 0)
    years = "–" if not len(full) else (f"{first}–{last}" if first != last else str(first))
    brk = full.attrs.get("break_year")
    if zh:
        text = (f"序列取{years}年的数值（{'、'.join(kinds)}）。同一年份有多个来源时，先取水平值而非界限值，再按“修订数＞统计数＞"
                "初步核算数＞文件所载数＞预计数＞推算数＞转引数”取舍（见资料来源表的“采用”列）。每个数值都注明其性质和界限："
                "“突破”“以上”为下限，“逼近”“以内”为上限，“左右”为约数。")
        return text + (f"{brk}年有口径断点，之前的数值不用。" if brk else "")
    text = (f"The series uses the figures of {years} ({', '.join(kinds)}). Where sources disagree a level comes before a "
            "bound, then revised > official > preliminary > plan document > estimate > derived > secondary (column "
            "“used” of the sources). Every figure keeps its kind and its bound: 突破/以上 a lower bound, 逼近/以内 an "
            "upper bound, 左右 about.")
    return text + (f" A break in {brk}: earlier years are not used." if brk else "")


def _reading_text(r: Mapping[str, Any], lang: str) -> str:
    """How the target is read: its comparator as judged, a change against a base year per year."""
    zh, judged, comp = _zh(lang), str(r.get("judged_as") or ""), str(r.get("comparator") or "")
    if L._present(r.get("base_year")):
        return (f"目标是相对{int(r['base_year'])}年的累计变化，已折算为每年的变化率：100·((1+c/100)^(1/n)−1)。" if zh else
                f"The target is a change against {int(r['base_year'])}, annualised: 100·((1 + c/100)^(1/n) − 1).")
    if judged and judged != comp:
        word = L.label(L.COMPARATOR_LABELS, judged, lang)
        return (f"目标写为“{L.label(L.COMPARATOR_LABELS, comp, lang) or '达到'}”，按该指标的方向读作“{word}”"
                "（越高越好的指标，未注明比较词的数值是下限；增长是下限，下降是上限）。" if zh else
                f"The target is read as “{word}” by the indicator's direction (a bare figure of an indicator where "
                "higher is better is a floor; growth a floor, a reduction a ceiling).")
    return ""


def _growth_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    if flow_pace(r) is not None:
        return flow_pace_text(r, lang) + ("流量按每年的进度与同类时期比较，而不是按水平的增长率。" if zh else
                                         " A flow is compared per year with a like period, not as a level's growth.")
    measure, by, year = str(r["measure"]), int(r["baseline_year"]), int(r["year"])
    bv, tv = float(r["baseline_value"]), float(r.get("judged_value", r["target_value"]))
    amount = lambda v: L.format_amount(v, str(r.get("judged_unit") or r["unit"]), lang, L.measure_word(r.get("unit_raw")))  # noqa: E731
    req, hist = float(r["required_growth"]), float(r["historical_growth"])
    what = L.point_label(r.get("baseline_status"), lang) if r.get("baseline_status") else ""
    bound = L.bound_label(r.get("baseline_bound"), lang)
    what = "，".join(x for x in (what, bound) if x) if zh else ", ".join(x for x in (what, bound) if x)
    if measure == "level":
        formula = (f"(目标/基数)^(1/年数) − 1 = ({amount(tv)} / {amount(bv)})^(1/{year - by}) − 1" if zh else
                   f"(target/baseline)^(1/years) − 1 = ({amount(tv)} / {amount(bv)})^(1/{year - by}) − 1")
    elif measure == "share":
        formula = (f"(目标 − 基数)/年数 = ({amount(tv)} − {amount(bv)})/{year - by}" if zh else
                   f"(target − baseline)/years = ({amount(tv)} − {amount(bv)})/{year - by}")
    else:
        formula = "目标本身" if zh else "the target itself"
    per_year = ("个百分点/年" if zh else " points a year") if measure == "share" else ("%/年" if zh else "% a year")
    req_text = f"{L.format_number(req, 3)}{per_year}" if math.isfinite(req) else "–"
    hist_text = L.format_rate(hist, measure, lang) if math.isfinite(hist) else "–"
    w = ctx.params.historical_window
    reading = _reading_text(r, lang)
    if zh:
        return (f"{reading}基数是目标年份之前最后一个数值：{by}年{amount(bv)}（{what or '—'}）。所需增速 = {formula} = {req_text}。"
                f"历史增速取最近{w}年（或可得的最长区间）的同一口径增速：{hist_text}。二者之比决定进度类别；基数已达到目标的为"
                f"“{L.progress_label('currently meets', lang)}”（流量指标除外）。")
    return (f"{reading + ' ' if reading else ''}The baseline is the last figure before the target year: {amount(bv)} in {by} "
            f"({what or '–'}). Required growth = {formula} = {req_text}. Historical growth is the same measure over the "
            f"last {w} years (or the longest span available): {hist_text}. Their ratio gives the progress class; a "
            "baseline that already meets the target (not a flow) “currently meets” it.")


def _parent(r: Mapping[str, Any], lang: str) -> str:
    parent = PARENT_REGION.get(str(r.get("region")))
    return L.region_label(parent, lang) if parent else ("上级地区" if _zh(lang) else "the parent region")


def _basis_detail(r: Mapping[str, Any], f: Any, p: AnalysisParams, lang: str) -> str:
    """What the projection rests on, for each basis (vocab.BASES), with its numbers."""
    zh, basis, parent = _zh(lang), str(r.get("basis") or ""), _parent(r, lang)
    details = getattr(f, "details", {}) or {}
    sample = str(r.get("reference_class") or details.get("reference") or details.get("class") or "")
    ref = (f"参照样本（英文原文）：{sample}。" if zh else f"Reference sample: {sample}.") if sample else ""
    if basis == "share of parent":
        return (f"本地区的数据太少，按其占{parent}的比重（对数比重用statsmodels拟合趋势；点数少于{p.share_trend_min_points}"
                f"时漂移的尺度取参照值）乘以{parent}的预测；两种不确定性一起模拟（{p.simulation_draws}次，种子{p.random_seed}）。{ref}"
                if zh else f"The region's own figures are few: its share of {parent} (the log share's trend fitted with "
                f"statsmodels; with fewer than {p.share_trend_min_points} points the drift's scale is the reference drift) "
                f"times {parent}'s projection, both uncertainties simulated together ({p.simulation_draws} draws, seed "
                f"{p.random_seed}). {ref}")
    if basis == "parent series":
        return (f"本地区的比率只有很短的历史：从最后一个数值出发，按各省同一比率的年度变化（参照类）移动，中心取{parent}自身的趋势。{ref}"
                if zh else f"The rate has a short own history: from its last figure it moves by yearly changes drawn "
                f"from provinces' changes of the same rate (a reference class), centred on {parent}'s own trend. {ref}")
    if basis == "short series":
        return (f"只有两三个数据：用其自身的趋势（WLS），年度波动取历史中同类计数序列的合并估计（statsmodels固定效应WLS）。{ref}"
                if zh else "Two or three figures: the count's own drift (WLS), its year-to-year variability pooled from "
                f"the history's other counts of its category (a fixed-effects WLS in statsmodels). {ref}")
    if basis == "past targets":  # a growth-rate target with the model calibrated on past targets
        said = str(r.get("probability_basis") or "")
        return (f"达标概率来自用1,836个中国地级市历史增长目标及其结果校准的模型（{r.get('model')}），见校准报告（05_calibration）。"
                + (f"依据（英文原文）：{said}。" if said else "") if zh else
                f"The probability comes from the model calibrated on 1,836 past growth targets of Chinese cities and their "
                f"outcomes ({r.get('model')}; the calibration report 05_calibration)." + (f" Basis: {said}." if said else ""))
    if basis == "reference class":
        return (f"序列太短：基数按可比城市{p.recent_from}年以后的实际增速分布增长（东北城市，窗口不足{p.reference_min_windows}个时"
                f"用全国城市），再乘以价格路径；中位数为预测值，10%/90%和2.5%/97.5%分位数为80%和95%区间。{ref}" if zh else
                f"The series is short: the baseline grows at the distribution of comparable cities' real growth in "
                f"windows ending {p.recent_from} or later (Northeast cities; all cities when fewer than "
                f"{p.reference_min_windows} windows), repriced with the price path; the median is the projection, the "
                f"10/90 and 2.5/97.5 percentiles the 80% and 95% intervals. {ref}")
    return ""


def _projection_text(ctx: TargetContext, lang: str) -> str:
    a, zh, p = ctx.assessment, _zh(lang), ctx.params
    r, f = a.row, a.forecast
    n = int(r.get("n_obs") or 0)
    if not f:
        return (f"没有预测（{f.reason}）。统计预测至少需要{p.min_own_points}个连续年份，或可以借用的上级地区、参照类数据；"
                "不编造数字。" if zh else f"No projection ({f.reason}). A statistical projection needs {p.min_own_points} "
                "consecutive years, or a parent region or reference class to borrow from; no number is made up.")
    detail = _basis_detail(r, f, p, lang)
    if detail:
        return detail.strip()
    model = L.model_label(r.get("model"), lang)
    extra = (f"（近期权重{p.recent_weight}，每年阻尼{p.recent_damping}，区间来自序列自身的样本内多步误差）" if zh else
             f" (recent weight {p.recent_weight}, damping {p.recent_damping} a year, intervals from the series' own "
             "in-sample multi-step errors)") if r.get("model") == "drift_recent" else ""
    money = r.get("measure") == "level" and r.get("unit") in MONEY_UNITS
    priced = ("金额按不变价预测，再乘以价格路径。" if zh else " A money level is projected at constant prices and repriced with "
              "its price path.") if money else ""
    said = str(r.get("probability_basis") or "")
    if said:  # a growth-rate target: what its probability rests on, in the model's words
        priced += f"概率的依据（英文原文）：{said}。" if zh else f" The probability: {said}."
    if zh:
        return f"用{model}{extra}拟合{n}个连续年份的数值，给出到{int(r['year'])}年的预测及80%和95%预测区间。{priced}"
    return (f"The {model} model{extra} is fitted to {n} consecutive years and projects {int(r['year'])} with 80% and 95% "
            f"prediction intervals.{priced}")


def _probability_text(p: AnalysisParams, lang: str) -> str:
    zh = _zh(lang)
    s = lambda w: L.status_label(w, lang)  # noqa: E731
    statuses = ("、" if zh else ", ").join(f"{s(w)}（≥{b:g}）" if zh else f"{s(w)} (≥ {b:g})"
                                           for b, w in p.status_thresholds if b > 0)
    if zh:
        return (f"达标概率是预测分布满足目标比较关系的概率（“约”和按约数判断的目标以±{100 * p.tolerance:g}%为达标）。状态："
                f"目标年份已有统计数（或其界限，如“逼近”为低于）时为{s('achieved')}或{s('missed')}；该数值为预计数、推算数或插值时为"
                f"{s('likely achieved')}或{s('likely missed')}；目标年份之前的数值已达到目标时为{s('currently meets')}（尚未定论）；"
                f"否则按达标概率：{statuses}，更低为{s('off track')}（这是概率低，不是已知未实现）；没有预测、或自身序列的统计预测"
                f"少于{p.min_obs_for_status}个数据时为{s('insufficient data')}，并说明原因和需要的数据。")
    return (f"The probability of meeting the target is that of the predictive distribution under the target's "
            f"comparator (“about” within ±{100 * p.tolerance:g}%). Status: {s('achieved')} or {s('missed')} when an observed "
            f"figure for the target year (or a bound of one: 逼近 is below) settles it; {s('likely achieved')} or "
            f"{s('likely missed')} when that figure is an estimate, derived or interpolated; {s('currently meets')} when a "
            f"figure before the target year already meets it (not settled); otherwise by probability: {statuses}, below "
            f"that {s('off track')} (a low probability, not an observed miss); {s('insufficient data')} without a projection "
            f"or when an own-series model rests on fewer than {p.min_obs_for_status} observations, with the reason and the "
            "data that would settle it.")


def _outcome_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    outcome = str(r.get("outcome") or "")
    if outcome == "overdue":
        return (f"{int(r['year'])}年已过，来源中尚无该年的数值：结果为“{L.outcome_label(outcome, lang)}”，达标概率是按截至"
                f"{r.get('data_until')}年的数据计算的。" if zh else f"{int(r['year'])} has passed with no figure in the "
                f"sources: the outcome is “{outcome}”, and the probability is as of the data to {r.get('data_until')}.")
    if not outcome:
        return ""
    basis, chain = L.basis_label(r.get("outcome_basis"), lang), str(r.get("outcome_chain") or "")
    observed = ("、" if zh else ", ").join(L.point_label(x, lang) for x in sorted(OBSERVED_STATUSES))
    return (f"结果：{L.outcome_label(outcome, lang)}（{basis}）。只有统计数（{observed}）才能定为已实现或未实现；"
            f"界限值只有在能判定时才算数，否则为无法判定；相隔不超过{ctx.params.max_interpolation_gap}年的两个数值之间可以插值。"
            f"数值的来历（英文记录）：{chain}" if zh else
            f"Outcome: {outcome} ({basis}). Only an observed figure ({observed}) "
            "gives met or missed; a bound counts only where it settles the comparison, else undetermined; a year between "
            f"two figures at most {ctx.params.max_interpolation_gap} years apart can be interpolated. How the figure was "
            f"made: {chain}")


def _deflator_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    if r.get("unit") not in MONEY_UNITS or r.get("measure") != "level":
        return ""
    parts = [("现价（名义）金额；实际（可比价）增速用本地区的隐含GDP平减指数（名义水平÷实际指数）换算为名义增速，没有时用上级城市的，"
              "再没有时用省的；尚无平减指数的年份用价格假设。" if zh else
              "Nominal (current-price) money; real (comparable-price) growth is made nominal with the region's implicit GDP "
              "deflator (nominal level over real index), else its parent city's, else the province's; years without a "
              "deflator yet take the price assumption.")]
    if L._present(r.get("price_assumption")):
        parts.append(price_assumption_text(r["price_assumption"], lang) + ("。" if zh else "."))
    if str(r.get("price_sensitivity") or "").startswith("none:"):
        parts.append(("结果是按现价统计的数值，不受价格假设影响。" if zh else
                      "The outcome is an observed figure at current prices: no price assumption enters it."))
    elif L._present(r.get("price_sensitivity")):
        sens = price_sensitivity_text(r["price_sensitivity"], lang)
        changes = bool(r.get("price_sensitive")) is True
        parts.append((f"价格敏感性（平减指数每年{', '.join(f'{x:+g}%' for x in ctx.params.price_scenarios)}代替假设）：{sens}；"
                      f"状态{'随之改变' if changes else '不变'}。") if zh else
                     (f"Price sensitivity (the deflator at {', '.join(f'{x:+g}%' for x in ctx.params.price_scenarios)} a "
                      f"year in place of the assumption): {sens}; the status {'changes' if changes else 'does not change'}."))
    if L._present(r.get("basis_range")):
        parts.append(basis_range_text(r["basis_range"], lang) + ("。" if zh else "."))
    return ("" if zh else " ").join(parts)


def _outside_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    if not L._present(r.get("outside_share_all")):
        return ""
    shares = [L.format_prob(r.get(k)) for k in ("outside_share_all", "outside_share_recent", "outside_share_northeast")]
    k = int(r["year"]) - int(r["baseline_year"])
    if zh:
        return (f"外部视角：中国地级市{k}年名义GDP年均增速达到所需增速（{L.format_rate(float(r['required_growth']), 'level', lang)}）"
                f"的城市-时期占{shares[0]}（{ctx.params.recent_from}年以后结束的窗口中占{shares[1]}，东北城市占{shares[2]}）。")
    return (f"Outside view: {shares[0]} of Chinese city-periods of {k} years grew at least at the required "
            f"{float(r['required_growth']):.3g}% a year ({shares[1]} of windows ending {ctx.params.recent_from} or later, "
            f"{shares[2]} of Northeast cities').")


def _calibration_text(ctx: TargetContext, data: Data, lang: str) -> str:
    zh, r = _zh(lang), ctx.assessment.row
    text = brier_text(data.summary, lang)
    mine = data.calibration[data.calibration["target_id"] == ctx.target["target_id"]]
    if len(mine):
        c = mine.iloc[0]
        then = L.format_prob(c["prob_then"]) if pd.notna(c["prob_then"]) else "–"
        basis = L.basis_label(c.get("outcome_basis"), lang)
        text += (f"本目标在文件发布时（{c['document_published']}）的达标概率：{then}；结果：{L.outcome_label(c['outcome'], lang)}"
                 + (f"（{basis}）" if basis else "") + "。" if zh else
                 f" For this target, at the document's date ({c['document_published']}): {then}; outcome "
                 f"{L.outcome_label(c['outcome'], lang)}" + (f" ({basis})" if basis else "") + ".")
    if L._present(r.get("calibration_evidence")):
        text += ("" if zh else " ") + evidence_text(r["calibration_evidence"], lang)
    return text


def target_methods(ctx: TargetContext, data: Data, lang: str = L.DEFAULT_LANG) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs: how this target's verdict was made (see the module docstring)."""
    zh = _zh(lang)
    if not ctx.judged:
        why = L.label(L.REASON_LABELS, ctx.reason, lang)
        return [("评估" if zh else "Assessment",
                 (f"本目标没有评估：{why}。有了数据之后，按下列方法评估：" if zh else f"This target is not assessed: {why}. "
                  "With data it would be assessed this way: ") + _probability_text(ctx.params, lang))]
    base = ctx.has_baseline
    parts = [
        ("数据" if zh else "Series", _series_text(ctx, lang)),
        ("目标的读法、基数与增速" if zh else "Reading, baseline and growth", _growth_text(ctx, lang) if base else ""),
        ("预测" if zh else "Projection", _projection_text(ctx, lang) if base else ""),
        ("概率与状态" if zh else "Probability and status", _probability_text(ctx.params, lang)),
        ("结果" if zh else "Outcome", _outcome_text(ctx, lang)),
        ("价格换算" if zh else "Prices", _deflator_text(ctx, lang)),
        ("外部视角" if zh else "Outside view", _outside_text(ctx, lang)),
        ("校准证据" if zh else "Calibration evidence", _calibration_text(ctx, data, lang)),
        ("技术备注（英文原文）" if zh else "Technical notes", str(ctx.assessment.row.get("note") or "")),
    ]
    return [(h, t) for h, t in parts if t]


def general_methods(data: Data, lang: str = L.DEFAULT_LANG) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs for a report on many targets."""
    zh, p = _zh(lang), data.params
    extract = ("从每份文件中抽取带数值的表述（数值、单位、比较词、年份、原文及字符位置），按指标目录对应到标准指标；"
               "“突破”“超过”为不低于，“逼近”“接近”为低于，“控制在”“以内”为不高于。" if zh else
               "Every statement with a figure is extracted from each document (value, unit, comparator, year, exact quote "
               "and character offsets) and matched to a catalog indicator; 突破/超过 mean at least, 逼近/接近 below, "
               "控制在/以内 at most.")
    history = ("历史数据来自公开网页、城市统计面板和文件本身，每个数值注明来源原文、性质（统计数、预计数、推算数等）和界限"
               "（下限、上限、约数）。" if zh else
               "Past figures come from public web pages, the city statistics panel and the documents themselves, each "
               "with its source's words, its kind (official, estimate, derived, …) and its bound (lower, upper, about).")
    return [
        ("抽取" if zh else "Extraction", extract),
        ("历史数据" if zh else "History", history),
        ("评估" if zh else "Assessment", (
            f"所需增速与最近{p.historical_window}年的历史增速相比；有{p.min_own_points}个以上连续年份时用"
            f"{L.model_label(p.model, lang)}预测本地区自身的序列；数据少的区按其占上级城市的比重、比率借用上级城市的趋势和各省的"
            "参照类、计数用短序列趋势、金额短序列用可比城市的参照类；都没有时不预测。金额按平减指数换算价格，并给出价格敏感性。" if zh else
            f"Required growth is set against the last {p.historical_window} years' growth; with {p.min_own_points}+ "
            f"consecutive years the {L.model_label(p.model, lang)} model projects the region's own series; a district "
            "with few figures borrows from its parent city (its share of it; a rate the city's trend with provinces' "
            "yearly changes), a short count its own trend, a short money series a reference class of comparable "
            "cities; with none of these, no projection. Money is repriced with GDP deflators, with a price "
            "sensitivity.")),
        ("概率与状态" if zh else "Probability and status", _probability_text(p, lang)),
        ("校准证据" if zh else "Calibration evidence", brier_text(data.summary, lang)),
    ]

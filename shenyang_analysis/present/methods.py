"""The methods section of every report: how *this* target's numbers were made, and with what.

:func:`target_methods` explains, for one target, the series (sources, conflicts, breaks), the
baseline, the required and historical growth with the numbers put in, the projection (model,
points used, reference class), the probability, the status thresholds, the deflator and the
sensitivity of the verdict to the inflation assumption, the outside view and the evidence from
calibration; a target without an assessment gets what would be done with data.
:func:`general_methods` is the short version for the overview, portfolio and headline reports.
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
from ..datasets import Data, TargetContext, assessment_for
from ..history.prices import default_inflation_pct
from . import labels as L
from .tables import brier_text

__all__ = ["target_methods", "general_methods", "run_parameters", "inflation_sensitivity"]


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


def inflation_pct_used(params: AnalysisParams) -> float:
    """The inflation assumption (% a year) the parameters give: set, or the CPI mean."""
    return float(params.inflation_pct) if params.inflation_pct is not None else default_inflation_pct(years=params.inflation_years)


def run_parameters(params: AnalysisParams, lang: str = L.DEFAULT_LANG, vintage: str = "",
                   built: AnalysisParams | None = None, extra: Mapping[str, Any] | None = None) -> list[tuple[str, str]]:
    """(name, value) of everything a report used: language, data, model, deflator, thresholds, ….

    ``built``: the parameters of the build the data come from (a difference is said).
    """
    zh = _zh(lang)
    infl = inflation_pct_used(params)
    infl_how = (("默认：辽宁CPI最近{n}年均值" if zh else "default: mean Liaoning CPI inflation of the last {n} years")
                .format(n=params.inflation_years) if params.inflation_pct is None else ("指定" if zh else "set"))
    statuses = ", ".join(f"{L.status_label(s, lang)} ≥ {b:g}" for b, s in params.status_thresholds)
    progress = ", ".join(f"{L.progress_label(s, lang)} ≥ {b:g}" for b, s in params.progress_thresholds)
    items = [
        ("报告语言" if zh else "language", "中文" if zh else "English"),
        ("数据版本" if zh else "data vintage", vintage),
        ("预测模型" if zh else "projection model", _model_text(params.model, lang)),
        ("备用模型" if zh else "fallback model", params.fallback_model),
        ("通胀假设" if zh else "inflation assumption", f"{infl:.3g}% ({infl_how})"),
        ("通胀敏感性" if zh else "inflation sensitivity", f"±{params.inflation_sensitivity_pp:g}"
         + (" 个百分点" if zh else " points")),
        ("“约”的容差" if zh else "tolerance of “about”", f"±{100 * params.tolerance:g}%"),
        ("状态阈值（达标概率）" if zh else "status thresholds (probability)", statuses),
        ("进度阈值（历史/所需增速）" if zh else "progress thresholds (historical / required)", progress),
        ("统计预测所需连续年份" if zh else "consecutive years for a statistical projection", str(params.min_own_points)),
        ("历史增速窗口" if zh else "historical growth window", f"{params.historical_window}"),
        ("参照类窗口" if zh else "reference-class windows", f"≥ {params.recent_from}"),
        ("软件版本" if zh else "software", f"shenyang_analysis {_version()}"),
    ]
    if built is not None and built != params:
        changed = ", ".join(f"{k}={v}" for k, v in params.to_dict().items() if v != built.to_dict().get(k))
        items.append(("与构建参数不同" if zh else "differs from the build", changed))
    items += [(str(k), str(v)) for k, v in (extra or {}).items()]
    return items


def inflation_sensitivity(ctx: TargetContext, data: Data) -> list[tuple[float, Any]]:
    """(inflation %, assessment row) with the assumption moved by ``-pp``, 0 and ``+pp`` points
    (``pp``: ``AnalysisParams.inflation_sensitivity_pp``); empty when no year of the series is
    derived with the assumption."""
    a, pp = ctx.assessment, ctx.params.inflation_sensitivity_pp
    if a is None or "derived" not in set(a.full_series.attrs.get("status", {}).values()):
        return []  # no year is derived from real growth: the inflation assumption is not used
    base = inflation_pct_used(ctx.params)
    out = []
    for x in (base - pp, base, base + pp):
        p = ctx.params.replace(inflation_pct=round(x, 6))
        out.append((x, assessment_for(str(ctx.target["target_id"]), targets=data.targets, history=data.history, params=p).row))
    return out


def _series_text(ctx: TargetContext, lang: str) -> str:
    a, zh = ctx.assessment, _zh(lang)
    full = a.full_series
    kinds = sorted({L.point_label(s, lang) for s in full.attrs.get("status", {}).values()})
    first, last = (int(full.index.min()), int(full.index.max())) if len(full) else (0, 0)
    years = "–" if not len(full) else (f"{first}–{last}" if first != last else str(first))
    brk = full.attrs.get("break_year")
    if zh:
        text = (f"序列取{years}年的数值（{'、'.join(kinds)}），同一年份有多个来源时按“修订数＞统计数＞初步核算数＞文件所载数"
                f"＞预计数＞转引数＞下限”取舍（见下方资料来源表中的“采用”列）。")
        return text + (f"{brk}年有口径断点，之前的数值不用。" if brk else "")
    text = (f"The series uses the figures of {years} ({', '.join(kinds)}); where sources disagree the rule is revised > "
            "official > preliminary > plan document > estimate > secondary > lower bound (column “used” of the sources).")
    return text + (f" A break in {brk}: earlier years are not used." if brk else "")


def _growth_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    measure, by, year = str(r["measure"]), int(r["baseline_year"]), int(r["year"])
    bv, tv = float(r["baseline_value"]), float(r["target_value"])
    amount = lambda v: L.format_amount(v, str(r["unit"]), lang, L.measure_word(r.get("unit_raw")))  # noqa: E731
    req, hist = float(r["required_growth"]), float(r["historical_growth"])
    basis = L.point_label(r.get("baseline_status"), lang) if r.get("baseline_status") else ""
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
    if zh:
        return (f"基数是目标年份之前最后一个数值：{by}年{amount(bv)}（{basis or '—'}）。所需增速 = {formula} = {req_text}。"
                f"历史增速取最近{w}年（或可得的最长区间）的同一口径增速：{hist_text}。二者之比决定进度类别。")
    return (f"The baseline is the last figure before the target year: {amount(bv)} in {by} ({basis or '–'}). Required "
            f"growth = {formula} = {req_text}. Historical growth is the same measure over the last {w} years (or the "
            f"longest span available): {hist_text}. Their ratio gives the progress class.")


def _projection_text(ctx: TargetContext, lang: str) -> str:
    a, zh, p = ctx.assessment, _zh(lang), ctx.params
    r, f = a.row, a.forecast
    n = int(r.get("n_obs") or 0)
    if f is None:
        return (f"只有{n}个数据（统计预测至少需要{p.min_own_points}个连续年份，参照类只用于金额类总量），不作预测，"
                "不编造数字。" if zh else f"With {n} observation(s) (a statistical projection needs {p.min_own_points} "
                "consecutive years; the reference class serves money levels only) nothing is projected: no number is made up.")
    if r.get("model") == "reference class":
        k = int(r["year"]) - int(r["baseline_year"])
        row = f.table[(f.table["sample"] == f.sample) & (f.table["k"] == k)].iloc[0]
        if zh:
            return (f"序列太短（{n}个数据），采用参照类预测：基数按中国地级市{k}年名义GDP年均增速的分布增长"
                    f"（{p.recent_from}年及以后结束的窗口，{int(row['n'])}个城市-时期，{int(row['n_cities'])}个城市），"
                    "中位数为预测值，10%/90%和2.5%/97.5%分位数为80%和95%区间。")
        return (f"The series is short ({n} observations), so the reference class projects it: the baseline grows at the "
                f"distribution of {k}-year nominal GDP growth of Chinese prefecture-level cities (windows ending "
                f"{p.recent_from} or later, {int(row['n'])} city-periods, {int(row['n_cities'])} cities); the median is the "
                "projection, the 10/90 and 2.5/97.5 percentiles the 80% and 95% intervals.")
    model = L.model_label(r.get("model"), lang)
    detail = (f"（近期权重{p.recent_weight}，每年阻尼{p.recent_damping}，区间来自序列自身的样本内多步误差）" if zh else
              f" (recent weight {p.recent_weight}, damping {p.recent_damping} a year, intervals from the series' own "
              "in-sample multi-step errors)") if r.get("model") == "drift_recent" else ""
    if zh:
        return f"用{model}{detail}拟合{n}个连续年份的数值，给出到{int(r['year'])}年的预测及80%和95%预测区间。"
    return f"The {model} model{detail} is fitted to {n} consecutive years and projects {int(r['year'])} with 80% and 95% prediction intervals."


def _probability_text(p: AnalysisParams, lang: str) -> str:
    zh = _zh(lang)
    statuses = "、".join(f"{L.status_label(s, lang)}（≥{b:g}）" for b, s in p.status_thresholds if b > 0) if zh else \
        ", ".join(f"{L.status_label(s, lang)} (≥ {b:g})" for b, s in p.status_thresholds if b > 0)
    if zh:
        return (f"达标概率是预测分布中满足目标比较关系的概率（“约”和未注明比较词的目标以±{100 * p.tolerance:g}%为达标）。"
                f"状态按达标概率划分：{statuses}，更低为{L.status_label('off track', lang)}；目标年份已有数值时按实际结果；"
                f"基数已达到目标的总量或比重为{L.status_label('achieved', lang)}；少于{p.min_obs_for_status}个数据的统计预测不给状态。")
    return (f"The probability of meeting the target is that of the predictive distribution under the target's comparator "
            f"(“about” and bare figures count within ±{100 * p.tolerance:g}%). Statuses by probability: {statuses}, "
            f"below that {L.status_label('off track', lang)}; once the target year is known, by the outcome; a level or share "
            f"whose baseline already meets the target is {L.status_label('achieved', lang)}; a statistical projection resting "
            f"on fewer than {p.min_obs_for_status} observations gives no status.")


def _deflator_text(ctx: TargetContext, data: Data, lang: str) -> str:
    zh, r = _zh(lang), ctx.assessment.row
    rows = inflation_sensitivity(ctx, data)
    if not rows:
        if r.get("unit") in ("yuan", "usd"):
            return "本目标所用的数值都是现价（名义）数值，不涉及价格换算。" if zh else \
                "Every figure used is nominal (current prices); no deflator is involved."
        return ""
    base = rows[1][0]
    how = "、".join if zh else ", ".join
    sens = how(f"{x:.3g}%: {L.format_prob(row['prob_meet'])} ({L.status_label(row['status'], lang)})" for x, row in rows)
    if zh:
        return (f"有些年份由实际增速推算为现价：名义增速 = (1 + 实际增速)(1 + 通胀) − 1；有辽宁CPI的年份用CPI，之后用通胀假设"
                f"{base:.3g}%/年。敏感性（通胀假设±{ctx.params.inflation_sensitivity_pp:g}个百分点时的达标概率和状态）：{sens}。")
    return (f"Some years are derived from real growth made nominal: nominal growth = (1 + real)(1 + inflation) − 1, with "
            f"Liaoning's CPI where published and {base:.3g}% a year after that. Sensitivity (inflation ±{ctx.params.inflation_sensitivity_pp:g} "
            f"point; probability and status): {sens}.")


def _outside_text(ctx: TargetContext, lang: str) -> str:
    r, zh = ctx.assessment.row, _zh(lang)
    if not L._present(r.get("outside_share_all")):
        return ""
    share_all, share_recent = L.format_prob(r["outside_share_all"]), L.format_prob(r["outside_share_recent"])
    k = int(r["year"]) - int(r["baseline_year"])
    if zh:
        return (f"外部视角：中国地级市{k}年名义GDP年均增速达到所需增速（{L.format_rate(float(r['required_growth']), 'level', lang)}）"
                f"的城市-时期占{share_all}（{ctx.params.recent_from}年以后结束的窗口中占{share_recent}）。")
    return (f"Outside view: {share_all} of Chinese city-periods of {k} years grew at least at the required "
            f"{float(r['required_growth']):.3g}% a year ({share_recent} of windows ending {ctx.params.recent_from} or later).")


def _calibration_text(ctx: TargetContext, data: Data, lang: str) -> str:
    zh = _zh(lang)
    text = brier_text(data.summary, lang)
    mine = data.calibration[data.calibration["target_id"] == ctx.target["target_id"]]
    if len(mine):
        c = mine.iloc[0]
        then = L.format_prob(c["prob_then"]) if pd.notna(c["prob_then"]) else "–"
        text += (f"本目标在文件发布时（{c['document_published']}）的判断：{then}，结果：{L.outcome_label(c['outcome'], lang)}"
                 f"（{L.point_label(c['outcome_basis'], lang)}）。" if zh else
                 f" For this target, at the document's date ({c['document_published']}): {then}; outcome "
                 f"{L.outcome_label(c['outcome'], lang)} ({L.point_label(c['outcome_basis'], lang)}).")
    return text


def target_methods(ctx: TargetContext, data: Data, lang: str = L.DEFAULT_LANG) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs: how this target's verdict was made (see the module docstring)."""
    zh = _zh(lang)
    if ctx.assessment is None or ctx.reason == "no baseline":
        why = L.label(L.REASON_LABELS, ctx.reason, lang)
        return [("评估" if zh else "Assessment",
                 (f"本目标没有评估：{why}。有了数据之后，按下列方法评估：" if zh else f"This target is not assessed: {why}. "
                  "With data it would be assessed this way: ") + _probability_text(ctx.params, lang))]
    parts = [
        ("数据" if zh else "Series", _series_text(ctx, lang)),
        ("基数与增速" if zh else "Baseline and growth", _growth_text(ctx, lang)),
        ("预测" if zh else "Projection", _projection_text(ctx, lang)),
        ("概率与状态" if zh else "Probability and status", _probability_text(ctx.params, lang)),
        ("价格换算" if zh else "Deflator", _deflator_text(ctx, data, lang)),
        ("外部视角" if zh else "Outside view", _outside_text(ctx, lang)),
        ("校准证据" if zh else "Calibration evidence", _calibration_text(ctx, data, lang)),
        ("技术备注（英文原文）" if zh else "Technical notes", str(ctx.assessment.row.get("note") or "")),
    ]
    return [(h, t) for h, t in parts if t]


def general_methods(data: Data, lang: str = L.DEFAULT_LANG) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs for a report on many targets."""
    zh, p = _zh(lang), data.params
    extract = ("从每份文件中抽取带数值的表述（数值、单位、比较词、年份、原文及字符位置），按指标目录对应到标准指标；"
               "“突破”“超过”为不低于，“逼近”“控制在”为不高于。" if zh else
               "Every statement with a figure is extracted from each document (value, unit, comparator, year, exact quote "
               "and character offsets) and matched to a catalog indicator; 突破/超过 mean at least, 逼近/控制在 at most.")
    history = ("历史数据来自公开网页、城市统计面板和文件本身，每个数值注明来源原文和性质（统计数、预计数、下限、推算数等）。" if zh else
               "Past figures come from public web pages, the city statistics panel and the documents themselves, each "
               "with its source's words and its kind (official, estimate, lower bound, derived, …).")
    return [
        ("抽取" if zh else "Extraction", extract),
        ("历史数据" if zh else "History", history),
        ("评估" if zh else "Assessment", (
            f"所需增速与最近{p.historical_window}年的历史增速相比；有{p.min_own_points}个以上连续年份时用"
            f"{L.model_label(p.model, lang)}预测，金额类短序列用参照类（中国地级市名义GDP增速分布），否则不预测。" if zh else
            f"Required growth is set against the last {p.historical_window} years' growth; with {p.min_own_points}+ "
            f"consecutive years the {L.model_label(p.model, lang)} model projects the series, short money series get the "
            "reference class (growth of Chinese cities' nominal GDP), anything else no projection.")),
        ("概率与状态" if zh else "Probability and status", _probability_text(p, lang)),
        ("校准证据" if zh else "Calibration evidence", brier_text(data.summary, lang)),
    ]

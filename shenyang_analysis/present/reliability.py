"""The calibration of the growth-target probabilities, for the calibration report (``05_calibration``).

Charts and tables from the committed results of the rolling test (``data/derived/``,
:mod:`~shenyang_analysis.model.target_probability`), in Chinese (the default) or English: the
reliability diagram (probability bin against share met, with counts), the share met per year
against the model's interval for it, and the tables behind them. The tables hold two events
(``floor``: growth ≥ the figure; ``about``: growth ≥ the figure less the tolerance); every
function reads one (``event``, default ``floor``).

>>> b = pd.DataFrame({"model": "combined", "lo": [0.6, 0.7], "hi": [0.7, 0.8], "n": [121, 391],
...                   "mean_p": [0.657, 0.758], "share_met": [0.562, 0.706]})
>>> calibration_table(b)["实现比例"].tolist(), calibration_table(b, lang="en")["Share met"].tolist()
(['56 %', '71 %'], ['56 %', '71 %'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..model.target_calibration import BASE_MODEL, RECALIBRATED_MODEL, ROLLING_MODELS
from ..model.target_logit import YearLogit, coefficient_table
from ..model.target_recalibration import BetaMap
from . import labels as L
from .fonts import use_cjk_fonts

__all__ = ["MODEL_LABELS", "FEATURE_LABELS", "model_name", "plot_reliability", "plot_year_shares", "calibration_table",
           "year_skill_table", "scores_table", "shock_table", "second_stage_table", "pit_coverage_table",
           "coefficients_table", "summary_text"]

#: The models of the rolling test, in both languages (declared once in labels.py).
MODEL_LABELS: L.Labels = L.GROWTH_MODEL_LABELS
#: What one unit of each feature of the logits is (model.target_logit.MEANINGS, in both languages).
FEATURE_LABELS: L.Labels = {
    "ambition": ("目标比上年增速每高1个百分点", "per point of target above last year's growth"),
    "recent_growth": ("上年增速每高1个百分点（雄心相同）", "per point of last year's growth (at equal ambition)"),
    "above": ("目标写为“以上”而非未注明或“左右”", "target worded 以上 (X% or more) rather than plain/左右"),
    "province_gap": ("目标比省的目标每高1个百分点", "per point of target above the province's target"),
    "projection_z": ("预测值高于目标的预测尺度单位数", "per predictive scale unit the projection lies above the target"),
    "has_projection": ("有预测（历史连续年份足够）", "a projection exists (enough consecutive years of history)"),
    "target_pct": ("目标每高1个百分点", "per point of target"),
    "intercept": ("年度效应的均值（截距）", "mean of the year effects (intercept)"),
}


def model_name(model: str, lang: str = L.DEFAULT_LANG) -> str:
    """A model of the rolling test in words (:data:`MODEL_LABELS`)."""
    return L.label(MODEL_LABELS, model, lang)


def _zh(lang: str) -> bool:
    return L.check_lang(lang) == "zh"


def _event(frame: pd.DataFrame, event: str) -> pd.DataFrame:
    return frame[frame["event"] == event] if "event" in frame else frame


def _pct(x: float) -> str:
    return "" if pd.isna(x) else f"{100 * x:.0f} %"


def plot_reliability(bins: pd.DataFrame, models: Sequence[str] = (BASE_MODEL, RECALIBRATED_MODEL, "projection"),
                     event: str = "floor", lang: str = L.DEFAULT_LANG) -> plt.Figure:
    """Reliability diagram: mean probability against share met per bin (marker area ∝ targets), counts below."""
    use_cjk_fonts()
    zh, bins = _zh(lang), _event(bins, event)
    fig, (ax, axn) = plt.subplots(2, 1, figsize=(6.3, 6.4), sharex=True, gridspec_kw={"height_ratios": [3, 1]},
                                  layout="constrained")
    ax.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="完全校准" if zh else "perfect calibration")
    width = 0.9 / (10 * max(len(models), 1))
    for i, model in enumerate(models):
        b = bins[bins["model"] == model]
        ax.plot(b["mean_p"], b["share_met"], marker="os^"[i % 3], lw=1.2, label=model_name(model, lang))
        ax.scatter(b["mean_p"], b["share_met"], s=np.sqrt(b["n"]) * 6, alpha=0.25)
        axn.bar(b["lo"] + 0.05 + (i - (len(models) - 1) / 2) * width, b["n"], width=width, label=model_name(model, lang))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_ylabel("达标目标的比例" if zh else "share of targets met", fontsize=9)
    ax.legend(loc="upper left", fontsize=8)
    axn.set_xlabel("滚动检验给出的概率（每10%一档）" if zh else "probability given in the rolling test (bins of 10 %)", fontsize=9)
    axn.set_ylabel("目标数" if zh else "targets", fontsize=9)
    for a in (ax, axn):
        a.tick_params(labelsize=8)
    return fig


def plot_year_shares(years: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor",
                     lang: str = L.DEFAULT_LANG) -> plt.Figure:
    """Share met per year against the model's expected share and its year-shock interval."""
    use_cjk_fonts()
    zh, years = _zh(lang), _event(years, event)
    y = years[years["model"] == model].sort_values("year")
    fig, ax = plt.subplots(figsize=(6.3, 3.4), layout="constrained")
    err = np.vstack([y["expected_share"] - y["share_low"], y["share_high"] - y["expected_share"]])
    ax.errorbar(y["year"], y["expected_share"], yerr=err, fmt="o", color="tab:blue", capsize=3,
                label="预期比例及年度冲击区间" if zh else "expected share, with the year-shock interval")
    ax.plot(y["year"], y["share_met"], "s", color="tab:red", label="实际达标比例" if zh else "share met")
    clim = years[years["model"] == "climatology"].sort_values("year")
    ax.plot(clim["year"], clim["mean_p"], "_", color="0.4", markersize=14, label=model_name("climatology", lang))
    ax.set_ylim(0, 1)
    ax.set_ylabel("达标目标的比例" if zh else "share of targets met", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=8, loc="lower left")
    return fig


def _h(zh: str, en: str, lang: str) -> str:
    return zh if _zh(lang) else en


def calibration_table(bins: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor",
                      lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The reliability table of one model in words: bin, targets, mean probability, share met."""
    b = _event(bins, event)
    b = b[b["model"] == model]
    return pd.DataFrame({
        _h("给出的概率", "Probability given", lang): [f"{100 * lo:.0f}–{100 * hi:.0f} %" for lo, hi in zip(b["lo"], b["hi"])],
        _h("目标数", "Targets", lang): b["n"].astype(int).to_numpy(),
        _h("平均概率", "Mean probability", lang): [_pct(v) for v in b["mean_p"]],
        _h("实现比例", "Share met", lang): [_pct(v) for v in b["share_met"]],
    })


def year_skill_table(years: pd.DataFrame, models: Sequence[str] = ROLLING_MODELS, event: str = "floor",
                     lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Brier skill against climatology per year (rows) and model (columns), with the share met."""
    years = _event(years, event)
    wide = years.pivot(index="year", columns="model", values="skill")[[m for m in models if m != "climatology"]]
    wide = wide.round(2)
    wide.insert(0, _h("实现比例", "share met", lang), years.groupby("year")["share_met"].first().map(_pct))
    wide.insert(0, _h("目标数", "targets", lang), years.groupby("year")["n"].first())
    return wide.rename(columns=lambda c: model_name(c, lang) if c in MODEL_LABELS else c).reset_index().rename(
        columns={"year": _h("年份", "Year", lang)})


def scores_table(scores: dict[str, dict], models: Sequence[str] = ROLLING_MODELS, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Pooled scores per model (Brier, skill, log loss, ECE, targets) from the model file's ``rolling_test``."""
    rows = [{_h("模型", "Model", lang): model_name(m, lang), "Brier": round(scores[m]["brier"], 4),
             _h("技能分", "Skill", lang): round(scores[m]["skill"], 3), _h("对数损失", "Log loss", lang): round(scores[m]["log_loss"], 3),
             "ECE": round(scores[m]["ece"], 3), _h("目标数", "Targets", lang): scores[m]["n"]}
            for m in models if m in scores]
    return pd.DataFrame(rows)


def shock_table(years: pd.DataFrame, model: str = BASE_MODEL, event: str = "floor", lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Per year: share met, expected share, the year-shock interval, and whether the year lies inside it."""
    years = _event(years, event)
    y = years[years["model"] == model].sort_values("year")
    yes, no = ("是", "否") if _zh(lang) else ("yes", "no")
    return pd.DataFrame({
        _h("年份", "Year", lang): y["year"].to_numpy(), _h("实现比例", "Share met", lang): [_pct(v) for v in y["share_met"]],
        _h("预期", "Expected", lang): [_pct(v) for v in y["expected_share"]],
        _h("区间", "Interval", lang): [f"{_pct(a)}–{_pct(b)}" for a, b in zip(y["share_low"], y["share_high"])],
        _h("在区间内", "Inside", lang): [yes if bool(v) else no for v in y["share_within"]],
        _h("技能分", "Skill", lang): y["skill"].round(2).to_numpy(),
    })


def second_stage_table(by_year: Mapping[int, BetaMap], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The second stage of each year of the rolling test: which map, fitted on which earlier years.

    >>> second_stage_table({2005: BetaMap("identity", 1.0, 1.0, 0.0, 0, (), "fewer than 2 earlier years")}, "en")
       Year                                    Map
    0  2005  identity (fewer than 2 earlier years)
    """
    return pd.DataFrame({_h("年份", "Year", lang): list(by_year),
                         _h("映射（英文原文）", "Map", lang): [m.describe() for m in by_year.values()]})


def pit_coverage_table(coverage: Sequence[Mapping], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The projection view's 80 % / 95 % interval coverage on real targets, before and after the PIT recalibration."""
    c = pd.DataFrame(list(coverage))
    return pd.DataFrame({
        _h("年份", "Year", lang): c["year"], _h("目标数", "Targets", lang): c["n"],
        _h("80 %区间", "80 % interval", lang): [f"{_pct(a)} → {_pct(b)}" for a, b in zip(c["cov80"], c["cov80_recal"])],
        _h("95 %区间", "95 % interval", lang): [f"{_pct(a)} → {_pct(b)}" for a, b in zip(c["cov95"], c["cov95_recal"])],
        _h("平均PIT", "Mean PIT", lang): [f"{a:.2f} → {b:.2f}" for a, b in zip(c["mean_pit"], c["mean_pit_recal"])],
    })


def coefficients_table(m: YearLogit, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The logit's coefficients (log-odds), standard errors, odds ratios and what one unit is."""
    c = coefficient_table(m)
    return pd.DataFrame({
        _h("特征", "Feature", lang): c["feature"], _h("系数", "Coefficient", lang): c["coef"].round(3),
        _h("标准误", "SE", lang): c["se"].round(3), _h("比值比", "Odds ratio", lang): c["odds_ratio"].round(2),
        _h("每单位", "Per", lang): [L.label(FEATURE_LABELS, f, lang) for f in c["feature"]],
    })


def summary_text(scores: dict[str, dict], years: pd.DataFrame, model: str = BASE_MODEL, lang: str = L.DEFAULT_LANG) -> str:
    """The rolling test in words: skill and calibration against the aims, the second stage, the years outside
    the shock interval (``model``: the headline model the pre-registered rule picked).

    >>> s = {m: {"skill": v, "ece": e, "n": 10} for m, v, e in (("combined", 0.19, 0.06), ("ambition", 0.06, 0.1),
    ...      ("target_level", 0.12, 0.1), ("projection", 0.04, 0.1), ("combined_recal", 0.18, 0.05))}
    >>> y = pd.DataFrame({"year": [2011, 2012], "model": "combined", "share_met": [0.64, 0.33],
    ...                   "share_within": [True, False], "skill": [0.28, 0.21]})
    >>> text = summary_text(s, y, lang="en")
    >>> "calibration error is 0.060 (aim 0.05, not met)" in text, "outside the year-shock interval in 2012 (33 % met)" in text
    (True, True)
    >>> "second stage (beta calibration on earlier years' predictions) gives skill 0.18 and ECE 0.050" in text
    True
    >>> "预期校准误差为0.060（目标0.05，未达到）" in summary_text(s, y)
    True
    """
    s, y = scores[model], _event(years, "floor")
    y = y[y["model"] == model].sort_values("year")
    first, last = int(y["year"].min()), int(y["year"].max())
    outside = [(int(r.year), _pct(r.share_met)) for r in y.itertuples() if not bool(r.share_within)]
    worse = [str(int(r.year)) for r in y.itertuples() if r.skill < 0]
    other = RECALIBRATED_MODEL if model == BASE_MODEL else BASE_MODEL
    o = scores.get(other)
    gain_a, gain_t = s["skill"] - scores["ambition"]["skill"], s["skill"] - scores["target_level"]["skill"]
    met = s["ece"] <= 0.05
    if _zh(lang):
        text = (f"{first}–{last}年（{s['n']}个目标），{model_name(model, lang)}相对气候基准的Brier技能分为{s['skill']:.2f}（目标0.15），"
                f"比仅用目标雄心的logit高{gain_a:+.2f}，比仅用目标值的logit高{gain_t:+.2f}；预期校准误差为{s['ece']:.3f}"
                f"（目标0.05，{'已达到' if met else '未达到'}）。")
        if o:
            text += (f"按检验前确定的规则，第二阶段（用早期年份的预测做beta校准）的技能分为{o['skill']:.2f}，ECE为{o['ece']:.3f}"
                     f"{'，不采用' if other == RECALIBRATED_MODEL else ''}。")
        text += f"在{'、'.join(worse)}年不如气候基准。" if worse else "每一年都好于气候基准。"
        text += (f"实际达标比例落在年度冲击区间之外的年份：{'、'.join(f'{yr}年（{p}）' for yr, p in outside)}，即出现了比过去更大的"
                 "共同冲击。" if outside else "每一年的实际达标比例都在年度冲击区间之内。")
        return text + f"仅预测视角的技能分为{scores['projection']['skill']:.2f}：本软件自身的预测不是真实目标的校准概率。"
    text = (f"Over {first}–{last} ({s['n']} targets), the {model} model scores a Brier skill of {s['skill']:.2f} "
            f"against climatology (aim 0.15), {gain_a:+.2f} over a logit on ambition alone and {gain_t:+.2f} over a logit "
            f"on the target alone; its expected calibration error is {s['ece']:.3f} (aim 0.05{', met' if met else ', not met'}). ")
    if o:
        label = ("the second stage (beta calibration on earlier years' predictions)" if other == RECALIBRATED_MODEL
                 else "without the second stage it")
        text += (f"By the rule fixed before the test, {label} gives skill {o['skill']:.2f} and ECE {o['ece']:.3f}"
                 f"{' and is not used' if other == RECALIBRATED_MODEL else ''}. ")
    text += f"It is worse than climatology in {', '.join(worse)}. " if worse else "It is better than climatology in every year. "
    text += (f"The share met falls outside the year-shock interval in {', '.join(f'{yr} ({p} met)' for yr, p in outside)}: "
             "a common shock larger than the past ones. " if outside else
             "Every year's share met lies inside the year-shock interval. ")
    return text + (f"The projection view alone scores {scores['projection']['skill']:.2f}: the package's own projections "
                   "are not calibrated probabilities for real targets.")

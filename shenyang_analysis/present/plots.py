"""Charts of assessments: one target's history and projection fan, the portfolio, the headlines.

Every function draws on a matplotlib ``Axes`` (made when not given) and returns the
``Figure``; labels are in Chinese where the data are, so call
:func:`shenyang_analysis.present.fonts.use_cjk_fonts` first (the functions do it themselves).

>>> import pandas as pd
>>> money_label(1.5e11, "yuan"), money_label(3.5, "percent"), region_label("tiexi")
('1,500 亿元', '3.5%', '铁西区')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..model.assess import target_paths
from .fonts import use_cjk_fonts

__all__ = [
    "REGION_ZH", "STATUS_COLORS", "STATUS_ORDER", "STATUS_ZH", "status_label", "region_label", "unit_scale", "money_label", "target_value_label",
    "target_label",
    "plot_target", "plot_portfolio", "plot_headlines", "plot_counts",
]

REGION_ZH = {"shenyang": "沈阳市", "tiexi": "铁西区", "hunnan": "浑南区", "liaoning": "辽宁省",
             "heping": "和平区", "shenhe": "沈河区", "dadong": "大东区", "huanggu": "皇姑区",
             "yuhong": "于洪区", "shenbei": "沈北新区", "sujiatun": "苏家屯区"}
# worst first: the order of the portfolio chart
STATUS_ORDER = ("missed", "likely missed", "off track", "unlikely", "uncertain", "likely", "on track", "currently meets",
                "likely achieved", "achieved", "insufficient data")
STATUS_COLORS = {
    "missed": "#67001f", "likely missed": "#b2182b", "off track": "#d6604d", "unlikely": "#ef8a62", "uncertain": "#f4c542",
    "likely": "#67a9cf", "on track": "#2166ac", "currently meets": "#a6d96a", "likely achieved": "#66bd63",
    "achieved": "#1a9850", "insufficient data": "#999999",
}
STATUS_ZH = {
    "achieved": "已实现", "likely achieved": "很可能已实现", "currently meets": "目前已达到", "on track": "有望实现",
    "likely": "较可能", "uncertain": "不确定", "unlikely": "不太可能", "off track": "难以实现", "likely missed": "很可能未实现",
    "missed": "未实现", "insufficient data": "数据不足",
}
UNIT_ZH = {"yuan": "亿元", "percent": "%", "count": "个", "day": "天", "usd": "亿美元"}


def region_label(region: str) -> str:
    """The Chinese name of a region slug (the slug itself when unknown)."""
    return REGION_ZH.get(region, region)


def status_label(status: str) -> str:
    """'off track (难以实现)': the status with its Chinese gloss.

    >>> status_label("likely")
    'likely (较可能)'
    """
    return f"{status} ({STATUS_ZH[status]})" if status in STATUS_ZH else status


def unit_scale(unit: str) -> tuple[float, str]:
    """(divisor, axis label) for plotting values of ``unit``: yuan in 亿元, the rest as they are.

    >>> unit_scale("yuan")
    (100000000.0, '亿元')
    """
    if unit in ("yuan", "usd"):
        return 1e8, UNIT_ZH[unit]
    return 1.0, UNIT_ZH.get(unit, unit)


def money_label(value: float, unit: str) -> str:
    """A value as an economist reads it: 1.5e11 yuan → '1,500 亿元', 3.5 percent → '3.5%'."""
    div, label = unit_scale(unit)
    v = value / div
    text = f"{v:,.0f}" if abs(v) >= 100 else f"{v:,.3g}"
    return f"{text}{label}" if label == "%" else f"{text} {label}"


def target_value_label(value: float, unit: str) -> str:
    """A target value as plans write it: 万亿元 from one trillion yuan up, else :func:`money_label`.

    >>> target_value_label(1.1e12, "yuan"), target_value_label(1.5e11, "yuan")
    ('1.1 万亿元', '1,500 亿元')
    """
    if unit == "yuan" and abs(value) >= 1e12:
        return f"{value / 1e12:.4g} 万亿元"
    return money_label(value, unit)


def target_label(row: Any) -> str:
    """'铁西区 地区生产总值 ≥ 1,500 亿元 (2025)' for an assessment row.

    >>> target_label({"region": "shenyang", "indicator": "cluster_output", "indicator_zh": "产业集群规模",
    ...               "comparator": ">=", "target_value": 1.1e12, "unit": "yuan", "year": 2025})
    '沈阳市 产业集群规模 ≥ 1.1 万亿元 (2025)'
    """
    comp = {">=": "≥", "<=": "≤", "~": "≈", "==": "="}.get(str(row["comparator"]), str(row["comparator"]))
    name = row.get("indicator_zh") if hasattr(row, "get") else None
    name = name if isinstance(name, str) and name else str(row["indicator"])
    value = target_value_label(float(row["target_value"]), str(row["unit"]))
    return f"{region_label(str(row['region']))} {name} {comp} {value} ({int(row['year'])})"


def _marker(status: str, bound: str = "exact") -> dict[str, Any]:
    if bound == "lower":
        return {"marker": "^", "facecolors": "none"}
    if bound == "upper":
        return {"marker": "v", "facecolors": "none"}
    if status in ("estimate", "derived", "preliminary", "secondary", "interpolated"):
        return {"marker": "o", "facecolors": "none"}
    return {"marker": "o", "facecolors": "black"}


_POINT_LABELS = {"lower": "下限 (突破…)", "upper": "上限 (逼近…)", "estimate": "预计/估计", "derived": "推算"}


def plot_target(a: Any, ax: plt.Axes | None = None, title: bool = True) -> plt.Figure:
    """History, projection fan (80 % dark, 95 % light), median, required path and the target.

    ``a`` is an :class:`shenyang_analysis.model.assess.Assessment`. Filled dots are official
    figures, hollow ones estimates, derived or secondary figures, triangles lower bounds.
    """
    use_cjk_fonts()
    r = a.row
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(7.5, 4.2))
    div, unit_text = unit_scale(str(r["unit"]))
    full = a.full_series
    statuses, bounds = full.attrs.get("status", {}), full.attrs.get("bound", {})
    kinds = {int(y): (bounds.get(int(y), "exact") if bounds.get(int(y), "exact") in ("lower", "upper") else statuses.get(int(y), ""))
             for y in full.index}
    for kind in sorted(set(kinds.values())):
        years = [y for y, k in kinds.items() if k == kind]
        m = _marker(kind, kind if kind in ("lower", "upper") else "exact")
        ax.scatter(years, full.loc[years].to_numpy() / div, s=36, edgecolors="black", zorder=3,
                   label=_POINT_LABELS.get(kind, "统计数据"), **m)
    if len(full) > 1:
        ax.plot(full.index, full.to_numpy() / div, color="black", lw=0.8, alpha=0.5)
    f = a.forecast
    if f is not None and r["baseline_year"] is not None and not pd.isna(r["baseline_year"]):
        by, bv = int(r["baseline_year"]), float(r["baseline_value"])
        years = [by, *f.years]
        band = {k: [bv] + [f.at(y)[k] for y in f.years] for k in ("projection", "lower80", "upper80", "lower95", "upper95")}
        ax.fill_between(years, np.array(band["lower95"]) / div, np.array(band["upper95"]) / div, color="#4575b4", alpha=0.15, lw=0, label="95% 区间")
        ax.fill_between(years, np.array(band["lower80"]) / div, np.array(band["upper80"]) / div, color="#4575b4", alpha=0.30, lw=0, label="80% 区间")
        ax.plot(years, np.array(band["projection"]) / div, color="#4575b4", lw=1.8, label=f"预测中位数 ({r['model']})")
    if r["baseline_year"] is not None and not pd.isna(r["baseline_year"]):

        paths = target_paths(a)
        ax.plot(paths.index, paths["required"] / div, color="#d73027", ls="--", lw=1.2, label="目标所需路径")
    ax.scatter([int(r["year"])], [float(r["target_value"]) / div], marker="*", s=220, color="#d73027", zorder=4, label="目标")
    ax.axhline(float(r["target_value"]) / div, color="#d73027", lw=0.6, alpha=0.5)
    ax.set_xlabel("年份")
    ax.set_ylabel(unit_text)
    ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        ax.set_title(f"{target_label(r)}\n状态: {status_label(r['status'])}" + (
            f" · 达标概率 {100 * float(r['prob_meet']):.0f}%" if not pd.isna(r["prob_meet"]) else ""), fontsize=10)
    ax.legend(fontsize=7, loc="upper left", frameon=False)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def portfolio_order(table: pd.DataFrame) -> pd.DataFrame:
    """The judged targets (those with a history), worst status first."""
    t = table[table["measure"].fillna("") != ""].copy() if "measure" in table.columns else table.copy()
    t["_rank"] = t["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    t["_p"] = t["prob_meet"].fillna(2.0)
    t["_ratio"] = t["growth_ratio"].fillna(np.inf)
    return t.sort_values(["_rank", "_p", "_ratio", "target_id"], kind="stable")


def plot_portfolio(table: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Figure:
    """Every judged target (one with a history) as one dot: probability of meeting it (x), colour = status, worst first.

    Targets without a probability sit at the right edge in grey (``insufficient data``) or
    green (``achieved``); each label names region, indicator, target and year.
    """
    use_cjk_fonts()
    t = portfolio_order(table).reset_index(drop=True)
    height = max(3.0, 0.32 * len(t) + 1.2)
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(9.5, height))
    y = np.arange(len(t))[::-1]
    x = t["prob_meet"].to_numpy(dtype=float)
    x_plot = np.where(np.isnan(x), 1.08, x)
    colors = [STATUS_COLORS.get(s, "#999999") for s in t["status"]]
    ax.scatter(x_plot, y, c=colors, s=60, edgecolors="black", linewidths=0.4, zorder=3)
    for yi, xi, oc in zip(y, x, t["outcome"].fillna("")):
        if np.isnan(xi):
            continue
        ax.plot([0, xi], [yi, yi], color="#cccccc", lw=0.8, zorder=1)
        if oc in ("met", "missed", "likely met", "likely missed"):
            words = {"met": "已实现", "missed": "未实现", "likely met": "很可能已实现", "likely missed": "很可能未实现"}[oc]
            ax.annotate(words, (xi, yi), xytext=(6, -3), textcoords="offset points", fontsize=7)
    ax.set_yticks(y)
    ax.set_yticklabels([target_label(r) for _, r in t.iterrows()], fontsize=8)
    for bound in (0.10, 0.33, 0.66, 0.90):
        ax.axvline(bound, color="#888888", lw=0.6, ls=":")
    ax.set_xlim(-0.02, 1.14)
    ax.set_xticks([0, 0.1, 0.33, 0.66, 0.9, 1.0, 1.08])
    ax.set_xticklabels(["0", "0.10", "0.33", "0.66", "0.90", "1", "无概率"], fontsize=8)
    ax.set_xlabel("达标概率 (预测分布)")
    handles = [plt.Line2D([], [], marker="o", ls="", color=STATUS_COLORS[s], markeredgecolor="black", label=status_label(s))
               for s in STATUS_ORDER if s in set(t["status"])]
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.9 / height), ncol=min(len(handles), 4), frameon=False)
    ax.grid(axis="x", alpha=0.2)
    fig.tight_layout()
    return fig


def plot_headlines(assessments: Sequence[Any]) -> plt.Figure:
    """The given assessments side by side, one panel each (the headline comparison)."""
    use_cjk_fonts()
    n = len(assessments)
    if n == 0:
        raise ValueError("plot_headlines needs at least one assessment")
    fig, axes = plt.subplots(1, n, figsize=(5.2 * n, 4.4), squeeze=False)
    for a, ax in zip(assessments, axes[0]):
        plot_target(a, ax=ax, title=False)
        r = a.row
        p = "" if pd.isna(r["prob_meet"]) or math.isnan(float(r["prob_meet"])) else f"\n达标概率 {100 * float(r['prob_meet']):.0f}%"
        ax.set_title(f"{target_label(r)}\n{status_label(r['status'])}{p}", fontsize=9)
    fig.tight_layout()
    return fig


def plot_counts(targets: pd.DataFrame, ax: plt.Axes | None = None) -> plt.Figure:
    """Targets per region (bars) split by category (stacked), target rows only."""
    use_cjk_fonts()
    t = targets[targets["kind"] == "target"]
    ct = pd.crosstab(t["region"].map(region_label), t["category"].astype("string").fillna("(no indicator)"))
    ct = ct.loc[ct.sum(axis=1).sort_values(ascending=False).index]
    fig, ax = (ax.figure, ax) if ax is not None else plt.subplots(figsize=(7.5, 3.8))
    ct.plot.barh(stacked=True, ax=ax, colormap="tab20", width=0.7)
    ax.invert_yaxis()
    ax.set_xlabel("目标数 (targets)")
    ax.set_ylabel("")
    ax.legend(fontsize=7, ncol=2, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig

"""Charts of assessments, drawn for print: one target's history and projection fan, the
portfolio, the headlines, the counts.

Every chart is drawn at the width it is printed at (:data:`FIGURE_WIDTH_IN`, within the
report's 166 mm text width, so the PDF places it unscaled) and every text in it is at least
:data:`MIN_FONT_PT` points. The figures of a series get one marker per kind (official,
preliminary, estimate, derived, lower bound, upper bound, …: :data:`MARKERS`) and the legend
says which. Labels come from :mod:`~shenyang_analysis.present.labels` in the chosen language;
text from data is drawn literally (``text.parse_math`` off, undrawable characters as
``[U+…]``). Each function returns the ``Figure``; :func:`show` puts one in a notebook as a
vector PDF (for the report) and a PNG (for JupyterLab).

>>> money_label(1.5e11, "yuan"), money_label(3.5, "percent"), region_label("tiexi")
('1,500亿元', '3.5%', '铁西区')
"""

from __future__ import annotations

import io
import math
import os
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..model.assess import target_paths
from . import labels as L
from .fonts import use_cjk_fonts
from .notes import flow_pace
from .text import plain_literal

__all__ = [
    "FIGURE_WIDTH_IN", "TEXT_WIDTH_IN", "MIN_FONT_PT", "MARKERS", "STATUS_COLORS", "STATUS_ORDER",
    "region_label", "status_label", "money_label", "target_label", "unit_scale",
    "plot_target", "plot_portfolio", "plot_headlines", "plot_counts", "portfolio_order", "show", "font_sizes", "wrap",
    "FORMATS_ENV",
]

#: The report's text width (A4, 22 mm margins: 166 mm), in inches.
TEXT_WIDTH_IN = 166 / 25.4
#: Width every chart is drawn at: within the text width, so it is printed at 100 %.
FIGURE_WIDTH_IN = 6.3
#: The smallest text in a chart, in points at the printed size.
MIN_FONT_PT = 8.0
_BASE, _SMALL, _TITLE = 9.0, 8.0, 10.0

#: Marker of each kind of figure: (marker, filled); every status of vocab.HISTORY_STATUSES, an
#: interpolated year, and a figure whose bound (vocab.FIGURE_BOUNDS) makes it a lower bound
#: (突破, 以上) or an upper bound (逼近, 以内): :func:`~shenyang_analysis.present.labels.figure_kind`.
MARKERS: Mapping[str, tuple[str, bool]] = {
    "revised": ("o", True), "official": ("o", True), "preliminary": ("s", True), "document": ("D", True),
    "estimate": ("o", False), "secondary": ("h", False), "derived": ("X", False),
    "lower_bound": ("^", False), "upper_bound": ("v", False), "interpolated": ("P", False),
}
# worst first: the order of the portfolio chart
STATUS_ORDER = ("missed", "likely missed", "off track", "unlikely", "uncertain", "likely", "on track", "currently meets",
                "likely achieved", "achieved", "insufficient data")
STATUS_COLORS = {
    "missed": "#67001f", "likely missed": "#8c1a2b", "off track": "#b2182b", "unlikely": "#ef8a62",
    "uncertain": "#f4c542", "likely": "#67a9cf", "on track": "#2166ac", "currently meets": "#5aae61",
    "likely achieved": "#3b9c48", "achieved": "#1a9850", "insufficient data": "#999999",
}


def region_label(region: str, lang: str = L.DEFAULT_LANG) -> str:
    """The region's name (:func:`~shenyang_analysis.present.labels.region_label`)."""
    return L.region_label(region, lang)


def status_label(status: str, lang: str = L.DEFAULT_LANG) -> str:
    """The status in words (:func:`~shenyang_analysis.present.labels.status_label`)."""
    return L.status_label(status, lang)


def unit_scale(unit: str, lang: str = L.DEFAULT_LANG, unit_raw: Any = None) -> tuple[float, str]:
    """(divisor, axis label) for plotting values of ``unit``.

    >>> unit_scale("yuan")
    (100000000.0, '亿元')
    """
    return L.axis_unit(unit, lang, unit_raw)


def money_label(value: float, unit: str, lang: str = L.DEFAULT_LANG, unit_raw: Any = None) -> str:
    """A value as a reader writes it (:func:`~shenyang_analysis.present.labels.format_amount`)."""
    return L.format_amount(value, unit, lang, L.measure_word(unit_raw))


def target_label(row: Any, lang: str = L.DEFAULT_LANG) -> str:
    """What the target is, in a title: '铁西区 地区生产总值 ≥ 1,500亿元（2025年）'.

    >>> target_label({"region": "shenyang", "indicator": "cluster_output", "indicator_zh": "产业集群规模",
    ...               "comparator": ">=", "target_value": 1.1e12, "unit": "yuan", "year": 2025})
    '沈阳市 产业集群规模 ≥\xa01.1万亿元（2025年）'
    """
    return L.target_title(row if isinstance(row, Mapping) else dict(row), lang)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` half-width characters (CJK counts two),
    at spaces where possible.

    >>> print(wrap("铁西区 科技研发投入占地区生产总值比重 ≥ 3.5%（2025年）", 40))
    铁西区 科技研发投入占地区生产总值比重 ≥
    3.5%（2025年）
    """
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            cand = f"{line} {word}" if line else word
            if _width(cand) <= width or not line:
                line = cand
            else:
                lines.append(line)
                line = word
            while _width(line) > width:
                cut = _cut(line, width)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _cut(text: str, width: int) -> int:
    used = 0
    for i, ch in enumerate(text):
        used += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used > width:
            return max(i, 1)
    return len(text)


def font_sizes(fig: plt.Figure) -> list[tuple[float, str]]:
    """(size in points, text) of every visible, non-empty text of a drawn figure (ticks included)."""
    fig.canvas.draw()
    found = []
    for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text")):
        if t.get_visible() and t.get_text().strip() and t.get_window_extent().width > 0:
            found.append((float(t.get_fontsize()), t.get_text()))
    return found


#: Environment variable naming the formats :func:`show` writes (``pdf,png`` by default; the
#: report command asks for ``pdf`` only: the PDF report uses the vector chart, JupyterLab the PNG).
FORMATS_ENV = "SHENYANG_FIGURE_FORMATS"


def show(fig: plt.Figure) -> None:
    """Display ``fig`` in a notebook as vector PDF (what the report prints) and PNG (what
    JupyterLab shows; see :data:`FORMATS_ENV`), then close it."""
    from IPython.display import display

    formats = {f.strip() for f in os.environ.get(FORMATS_ENV, "pdf,png").split(",")}
    width, height = fig.get_size_inches()
    data: dict[str, Any] = {"text/plain": f"<Figure {width:.2f} × {height:.2f} in>"}
    if "pdf" in formats:
        pdf = io.BytesIO()
        fig.savefig(pdf, format="pdf", metadata={"CreationDate": None, "Producer": None, "Creator": None})
        data["application/pdf"] = pdf.getvalue()
    if "png" in formats:
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
        data["image/png"] = png.getvalue()
    plt.close(fig)
    display(data, raw=True, metadata={"image/png": {"width": int(width * 96)}})


def _new_axes(ax: plt.Axes | None, height: float) -> tuple[plt.Figure, plt.Axes]:
    use_cjk_fonts()
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH_IN, height), layout="constrained")
    return fig, ax


def _finish(ax: plt.Axes) -> None:
    ax.tick_params(labelsize=_SMALL)
    ax.xaxis.label.set_fontsize(_BASE)
    ax.yaxis.label.set_fontsize(_BASE)
    ax.grid(alpha=0.3)


def _kinds(full: pd.Series) -> dict[int, str]:
    """Year → kind of figure: its bound when a lower or upper bound, else its status."""
    statuses, bounds = full.attrs.get("status", {}), full.attrs.get("bound", {})
    return {int(y): L.figure_kind(statuses.get(int(y)), bounds.get(int(y))) for y in full.index}


def _draw_points(ax: plt.Axes, full: pd.Series, div: float, lang: str) -> None:
    kinds = _kinds(full)
    if len(full) > 1:
        ax.plot(full.index, full.to_numpy() / div, color="black", lw=0.8, alpha=0.5, zorder=3)
    for kind in sorted(set(kinds.values()), key=lambda k: list(MARKERS).index(k) if k in MARKERS else 99):
        years = [y for y, k in kinds.items() if k == kind]
        marker, filled = MARKERS.get(kind, ("o", True))
        ax.scatter(years, full.loc[years].to_numpy() / div, s=34, marker=marker, zorder=5, linewidths=1.1,
                   facecolors="black" if filled else "white", edgecolors="black", label=L.point_label(kind, lang))


def _draw_fan(ax: plt.Axes, a: Any, div: float, lang: str) -> None:
    r, f = a.row, a.forecast
    if not f or not L._present(r.get("baseline_year")) or not len(getattr(f, "years", ())):
        return
    by, bv = int(r["baseline_year"]), float(r["baseline_value"])
    years = [by, *f.years]
    band = {k: np.array([bv] + [f.at(y)[k] for y in f.years]) / div
            for k in ("projection", "lower80", "upper80", "lower95", "upper95")}
    ax.fill_between(years, band["lower95"], band["upper95"], color="#4575b4", alpha=0.15, lw=0, label=L.text("band95", lang))
    ax.fill_between(years, band["lower80"], band["upper80"], color="#4575b4", alpha=0.30, lw=0, label=L.text("band80", lang))
    ax.plot(years, band["projection"], color="#4575b4", lw=1.8, zorder=4,
            label=f"{L.text('median', lang)}: {plain_literal(L.model_label(r.get('model'), lang))}")


def _draw_target(ax: plt.Axes, a: Any, div: float, lang: str) -> None:
    r = a.row
    year, value = int(r["year"]), float(r["target_value"]) / div
    if L._present(r.get("baseline_year")) and flow_pace(r) is None:  # a plan-period total has no level path
        paths = target_paths(a)
        ax.plot(paths.index, paths["required"] / div, color="#d73027", ls="--", lw=1.3, zorder=4,
                label=L.text("required_path", lang))
    ax.axhline(value, color="#d73027", lw=0.6, alpha=0.5, zorder=1)
    # the target is a hollow star behind the figures, so a target-year figure stays visible
    ax.scatter([year], [value], marker="*", s=260, facecolors="none", edgecolors="#d73027", linewidths=1.4, zorder=2,
               label=f"{L.text('target_marker', lang)} ({L.COMPARATOR_SYMBOLS.get(str(r['comparator']), '')})")
    full = a.full_series
    if year in full.index:
        kind = _kinds(full)[year]
        side = {"lower_bound": ("≥ ", "≥ "), "upper_bound": ("< ", "< ")}.get(kind, ("", ""))[lang != "zh"]
        text = f"{year}: {side}{money_label(float(full.loc[year]), str(r['unit']), lang, r.get('unit_raw'))}"
        ax.annotate(plain_literal(f"{text} ({L.point_label(kind, lang)})"), (year, float(full.loc[year]) / div),
                    xytext=(-8, -14), textcoords="offset points", ha="right", fontsize=_SMALL, zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})


def _draw_plan(ax: plt.Axes, year: int, lang: str) -> None:
    start, end, name = L.five_year_plan(year, lang)
    ax.axvspan(start - 0.5, end + 0.5, color="#f0e6d2", alpha=0.5, lw=0, zorder=0)
    ax.axvline(start - 0.5, color="#8c6d31", lw=0.9, ls=":", zorder=1)
    ax.annotate(f"{name} {start}–{end}", (start - 0.5, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -3),
                textcoords="offset points", va="top", fontsize=_SMALL, color="#8c6d31")


def plot_target(a: Any, ax: plt.Axes | None = None, title: bool = True, lang: str = L.DEFAULT_LANG,
                legend: bool = True) -> plt.Figure:
    """History (one marker per kind of figure), projection fan (80 % dark, 95 % light) and its
    median, the path the target requires (dashed), the target (hollow star, drawn behind any
    figure of the target year, which is labelled) and the five-year plan's period.

    ``a`` is an :class:`shenyang_analysis.model.assess.Assessment`.
    """
    lang = L.check_lang(lang)
    fig, ax = _new_axes(ax, 4.2)
    r = a.row
    div, unit_text = unit_scale(str(r["unit"]), lang, r.get("unit_raw"))
    _draw_plan(ax, int(r["year"]), lang)
    _draw_points(ax, a.full_series, div, lang)
    _draw_fan(ax, a, div, lang)
    _draw_target(ax, a, div, lang)
    ax.set_xlabel(L.text("axis_year", lang))
    ax.set_ylabel(unit_text)
    ax.xaxis.get_major_locator().set_params(integer=True)
    years = [int(y) for y in a.full_series.index] + [int(r["year"]), L.five_year_plan(int(r["year"]))[0]]
    ax.set_xlim(min(years) - 0.8, max(years) + 0.8)
    if title:
        p = "" if not L._present(r.get("prob_meet")) else f" · {L.text('prob_meet', lang)} {L.format_prob(r['prob_meet'])}"
        ax.set_title(plain_literal(wrap(f"{target_label(r, lang)}\n{L.text('status', lang)}: {status_label(r['status'], lang)}{p}",
                                        80)), fontsize=_TITLE)
    if legend:
        fig.legend(*ax.get_legend_handles_labels(), fontsize=_SMALL, loc="outside lower center", ncol=3, frameon=False)
    _finish(ax)
    return fig


def portfolio_order(table: pd.DataFrame) -> pd.DataFrame:
    """The judged targets (those with a history: ``measure`` set), worst first: by status, then
    probability, then growth ratio."""
    t = table[table["measure"].fillna("") != ""].copy() if "measure" in table.columns else table.copy()
    t["_rank"] = t["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    t["_p"] = t["prob_meet"].fillna(2.0)
    t["_ratio"] = t["growth_ratio"].fillna(np.inf)
    return t.sort_values(["_rank", "_p", "_ratio", "target_id"], kind="stable")


def plot_portfolio(table: pd.DataFrame, ax: plt.Axes | None = None, lang: str = L.DEFAULT_LANG) -> plt.Figure:
    """Every judged target (one with a history) as one dot: probability of meeting it (x), colour =
    status, worst first; a settled outcome is written beside its dot.

    Targets without a probability sit at the right edge; each label names region, indicator,
    target and year (with a ``unit_raw`` column, counts get their measure word).
    """
    lang = L.check_lang(lang)
    t = portfolio_order(table).reset_index(drop=True)
    fig, ax = _new_axes(ax, max(2.8, 0.27 * len(t) + 1.5))
    y = np.arange(len(t))[::-1]
    x = t["prob_meet"].to_numpy(dtype=float)
    ax.scatter(np.where(np.isnan(x), 1.08, x), y, c=[STATUS_COLORS.get(s, "#999999") for s in t["status"]], s=55,
               edgecolors="black", linewidths=0.4, zorder=3)
    for yi, xi, oc in zip(y, x, t["outcome"].fillna("")):
        if not np.isnan(xi):
            ax.plot([0, xi], [yi, yi], color="#cccccc", lw=0.8, zorder=1)
        if oc in ("met", "missed", "likely met", "likely missed", "undetermined"):
            ax.annotate(L.outcome_label(oc, lang), (1.08 if np.isnan(xi) else xi, yi), xytext=(6, -3),
                        textcoords="offset points", fontsize=_SMALL)
    ax.set_yticks(y)
    ax.set_yticklabels([plain_literal(target_label(r, lang)) for r in t.to_dict("records")])
    for bound in (0.10, 0.33, 0.66, 0.90):
        ax.axvline(bound, color="#888888", lw=0.6, ls=":")
    ax.set_xlim(-0.02, 1.2)
    ax.set_xticks([0, 0.1, 0.33, 0.66, 0.9, 1.0, 1.08])
    ax.set_xticklabels(["0", ".10", ".33", ".66", ".90", "1", L.text("no_prob", lang)])
    ax.set_xlabel(L.text("axis_prob", lang))
    handles = [plt.Line2D([], [], marker="o", ls="", color=STATUS_COLORS[s], markeredgecolor="black",
                          label=status_label(s, lang)) for s in STATUS_ORDER if s in set(t["status"])]
    fig.legend(handles=handles, fontsize=_SMALL, loc="outside lower center", ncol=min(len(handles), 4), frameon=False)
    _finish(ax)
    ax.grid(axis="y", alpha=0)
    return fig


def plot_headlines(assessments: Sequence[Any], lang: str = L.DEFAULT_LANG) -> plt.Figure:
    """The given assessments in a grid of two columns (one panel each) with one legend for all."""
    lang = L.check_lang(lang)
    n = len(assessments)
    if n == 0:
        raise ValueError("plot_headlines needs at least one assessment")
    use_cjk_fonts()
    cols = 1 if n == 1 else 2
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(FIGURE_WIDTH_IN, 2.9 * rows + 0.9), squeeze=False, layout="constrained")
    handles: dict[str, Any] = {}
    for a, ax in zip(assessments, axes.flat):
        plot_target(a, ax=ax, title=False, lang=lang, legend=False)
        r = a.row
        p = "" if not L._present(r.get("prob_meet")) else f" · {L.format_prob(r['prob_meet'])}"
        ax.set_title(plain_literal(wrap(f"{target_label(r, lang)}\n{status_label(r['status'], lang)}{p}", 44 if cols == 2 else 90)),
                     fontsize=_SMALL)
        for h, lab in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(lab.split(":")[0], h)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    fig.legend(list(handles.values()), list(handles), fontsize=_SMALL, loc="outside lower center",
               ncol=3, frameon=False)
    return fig


def plot_counts(targets: pd.DataFrame, ax: plt.Axes | None = None, lang: str = L.DEFAULT_LANG) -> plt.Figure:
    """Targets per region (bars) split by category (stacked), target rows only."""
    lang = L.check_lang(lang)
    t = targets[targets["kind"] == "target"]
    cats = t["category"].astype("string").fillna("")
    ct = pd.crosstab(t["region"].map(lambda r: region_label(r, lang)), cats)
    ct = ct.loc[ct.sum(axis=1).sort_values(ascending=False).index]
    fig, ax = _new_axes(ax, 3.4)
    ct.columns = [L.category_label(c, lang) for c in ct.columns]
    ct.plot.barh(stacked=True, ax=ax, width=0.7, colormap="tab20", legend=False)
    ax.invert_yaxis()
    ax.set_xlabel(L.text("targets", lang))
    ax.set_ylabel("")
    fig.legend(*ax.get_legend_handles_labels(), fontsize=_SMALL, ncol=5, frameon=False, loc="outside lower center")
    _finish(ax)
    return fig

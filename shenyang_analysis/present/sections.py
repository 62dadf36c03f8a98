"""The sections of the reports, one call each, so that the notebooks stay a list of calls.

Each function displays a heading and its content in the report's language, and copes with
what the data lack: a target without history gets a page that says what it requires and
what data would settle it instead of a chart; a report on many targets gets the general
methods. Every report starts with :func:`front` (everything the report used) and ends with
a methods and a sources section.

>>> report_title("03_portfolio", "en")
'All assessable targets'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..datasets import Data, TargetContext, params_of_build, target_context
from ..model.assess import target_paths
from . import labels as L
from . import plots, tables
from .methods import general_methods, run_parameters, target_methods
from .notes import flow_pace, price_assumption_text
from .render import REPORT_MIME
from .text import html_literal
from .verdicts import describe, requirement

__all__ = [
    "report_title", "headlines_title", "front", "verdict", "verdict_text", "chart", "growth_paths", "figures",
    "methods", "sources", "provenance", "many_methods", "document_sources", "headline_charts", "headline_table",
    "judged_contexts",
]


def report_title(notebook: str, lang: str = L.DEFAULT_LANG, target: TargetContext | Mapping[str, Any] | None = None) -> str:
    """The title of a report (:func:`~shenyang_analysis.present.labels.report_title`), for a
    target report from its context."""
    row = _row(target) if isinstance(target, TargetContext) else target
    return L.report_title(notebook, lang, row)


def headlines_title(contexts: Sequence[TargetContext], lang: str = L.DEFAULT_LANG) -> str:
    """The headline report's title, from the targets it compares (region, indicator, year).

    >>> ctx = TargetContext({"region": "tiexi", "indicator": "gdp", "indicator_zh": "地区生产总值", "year": 2025},
    ...                     None, "", "", {}, pd.DataFrame(), None)
    >>> headlines_title([ctx]), headlines_title([ctx], "en")
    ('标志性目标对比：铁西区地区生产总值（2025年）', 'Headline targets side by side: Tiexi District, gross regional product (GDP), 2025')
    """
    lang = L.check_lang(lang)
    names = []
    for ctx in contexts:
        t = ctx.target
        name = L.indicator_label(t.get("indicator"), t.get("indicator_zh"), lang)
        region, year = L.region_label(t.get("region"), lang), t.get("year")
        if lang == "zh":
            names.append(f"{region}{name}" + (f"（{int(year)}年）" if L._present(year) else ""))
        else:
            name = name[:1].lower() + name[1:] if name[:2] != name[:2].upper() else name
            names.append(f"{region}, {name}" + (f", {int(year)}" if L._present(year) else ""))
    return f"{L.text('headlines', lang)}：{'；'.join(names)}" if lang == "zh" else f"{L.text('headlines', lang)}: {'; '.join(names)}"


def front(data: Data, lang: str, vintage: str = "", title: str = "", extra: Mapping[str, Any] | None = None) -> None:
    """What the report used, first thing on its first page (and the report's title, which the
    PDF's title block takes: :data:`~shenyang_analysis.present.render.REPORT_MIME`)."""
    if title:
        from IPython.display import display

        display({REPORT_MIME: {"title": title}, "text/html": f"<h1>{html_literal(title)}</h1>", "text/latex": ""}, raw=True)
    tables.show_heading(L.text("parameters", lang), 2)
    built = params_of_build(data.summary)
    assumption = price_assumption_text(data.summary.get("price_assumption", ""), lang) if not data.recomputed else ""
    rows = run_parameters(data.params, lang, vintage=vintage or str(data.directory), built=built, extra=extra,
                          assumption=assumption)
    if data.recomputed:
        rows.append(("评估" if lang == "zh" else "assessments",
                     "按上述参数重新计算" if lang == "zh" else "recomputed with these parameters"))
    tables.show(tables.parameter_table(rows, lang))


def verdict(ctx: TargetContext, lang: str) -> None:
    """The verdict in words; for a target without an assessment what it requires and what would settle it."""
    tables.show_heading(L.text("verdict", lang))
    verdict_text(ctx, lang)


def verdict_text(ctx: TargetContext, lang: str) -> None:
    """The verdict's paragraphs (no heading)."""
    row = _row(ctx)
    if ctx.judged:
        tables.show_text(L.target_title(row, lang), describe(row, lang))
        return
    years = sorted({int(y) for y in ctx.history.loc[ctx.history["indicator"] == ctx.target.get("indicator"), "year"]}) \
        if len(ctx.history) else []
    need, settle = requirement(row, ctx.reason, ctx.reason_detail, lang, ctx.params, years)
    tables.show_text(L.text("requirement", lang), need)
    tables.show_text(L.text("settle", lang), settle)
    if ctx.assessment is not None:
        tables.show_text(L.text("status", lang), L.status_label(ctx.assessment.row.get("status"), lang))


def _row(ctx: TargetContext) -> dict[str, Any]:
    """The assessment row, or the target row in the assessment's words."""
    t = ctx.target
    if ctx.assessment is not None:
        return {**ctx.assessment.row, "quote": t.get("quote"), "unit_raw": t.get("unit_raw")}
    return {**t, "target_value": t.get("value"), "target_high": t.get("range_high")}


def chart(ctx: TargetContext, lang: str) -> None:
    """History, projection and target; a sentence when there is nothing to draw."""
    tables.show_heading(L.text("chart", lang))
    a = ctx.assessment
    if a is None or not len(a.full_series):
        tables.show_text("", L.text("no_chart", lang))
        return
    plots.show(plots.plot_target(a, lang=lang))


def growth_paths(ctx: TargetContext, lang: str) -> None:
    """Required, historical and projected paths to the target year (when there is a baseline)."""
    a = ctx.assessment
    if a is None or not ctx.has_baseline or flow_pace(a.row) is not None:  # a plan-period total has no level path
        return
    tables.show_heading(L.text("paths", lang))
    tables.show(tables.paths_table(target_paths(a), str(a.row["unit"]), lang, a.row.get("unit_raw")))


def figures(ctx: TargetContext, lang: str) -> None:
    """The series behind the verdict, year by year, with what each figure is and its source."""
    a = ctx.assessment
    if a is None or not len(a.full_series):
        return
    tables.show_heading(L.text("figures", lang))
    tables.show(tables.series_table(a, lang))
    tables.show_heading(L.text("assessment", lang), 2)
    tables.show(tables.assessment_card(_row(ctx), lang))


def methods(ctx: TargetContext, data: Data, lang: str) -> None:
    """How this target's verdict was made, with the parameters used."""
    tables.show_heading(L.text("methods", lang))
    for heading, text in target_methods(ctx, data, lang):
        tables.show_text(heading, text)


def many_methods(data: Data, lang: str, contexts: Sequence[TargetContext] = ()) -> None:
    """The methods of a report on many targets (and each given target's own, when few)."""
    tables.show_heading(L.text("methods", lang))
    for heading, text in general_methods(data, lang):
        tables.show_text(heading, text)
    for ctx in contexts:
        tables.show_heading(L.target_title(_row(ctx), lang), 2)
        for heading, text in target_methods(ctx, data, lang):
            tables.show_text(heading, text)


def _document_row(ctx: TargetContext, lang: str) -> pd.DataFrame:
    d, t = ctx.document, ctx.target
    zh = lang == "zh"
    items = [("文件" if zh else "document", d.get("title", t.get("doc_id"))), ("发布者" if zh else "publisher", d.get("publisher", "")),
             ("日期" if zh else "date", str(d.get("published", ""))), ("原文" if zh else "quote", t.get("quote")),
             ("字符位置" if zh else "characters", f"{t.get('char_start')}–{t.get('char_end')} ({t.get('doc_id')})")]
    return tables.parameter_table(items, lang).rename(columns={L.text("parameter", lang): L.text("field", lang)})


def sources(ctx: TargetContext, lang: str) -> None:
    """The target's document (title, publisher, date, exact quote) and every historical figure
    of its region and indicator with the source's own words, what it is and where it is."""
    tables.show_heading(L.text("sources", lang))
    tables.show(_document_row(ctx, lang))
    if len(ctx.history):
        tables.show(tables.sources_table(ctx.history, lang, ctx.target.get("unit_raw")))


def document_sources(data: Data, lang: str, contexts: Sequence[TargetContext] = ()) -> None:
    """Sources of a report on many targets: the documents, and each given target's figures."""
    tables.show_heading(L.text("sources", lang))
    tables.show(tables.document_table(list(data.manifest.values()), lang))
    for ctx in contexts:
        tables.show_heading(L.target_title(_row(ctx), lang), 2)
        tables.show(_document_row(ctx, lang))
        if len(ctx.history):
            tables.show(tables.sources_table(ctx.history, lang, ctx.target.get("unit_raw")))


def provenance(ctx: TargetContext, data: Data, lang: str) -> None:
    """Where the target comes from: document, offsets, quote, value as written and normalized, id."""
    tables.show_heading(L.text("provenance", lang))
    tables.show(tables.provenance(pd.DataFrame([ctx.target]), str(ctx.target["target_id"]), lang, ctx.document))


def headline_charts(contexts: Sequence[TargetContext], lang: str) -> None:
    """The targets' charts in one grid (those without a series are named below it)."""
    drawable = [c.assessment for c in contexts if c.assessment is not None and len(c.assessment.full_series)]
    if drawable:
        plots.show(plots.plot_headlines(drawable, lang))
    for ctx in contexts:
        if ctx.assessment is None or not len(ctx.assessment.full_series):
            tables.show_text(L.target_title(_row(ctx), lang), L.text("no_chart", lang))


def headline_table(contexts: Sequence[TargetContext], lang: str) -> None:
    """The assessed targets side by side: baseline, growth, projection, probability, status."""
    rows = [_row(c) for c in contexts if c.assessment is not None]
    if rows:
        frame = pd.DataFrame(rows)
        tables.show(tables.headline_table(frame, list(frame["target_id"]), lang), index=True)


def judged_contexts(data: Data) -> list[TargetContext]:
    """The contexts of the judged targets (those with a history), in the assessment table's order."""
    judged = data.assessments[data.assessments["measure"].fillna("") != ""]
    return [target_context(str(t), data=data) for t in judged["target_id"]]

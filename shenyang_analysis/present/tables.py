"""Small tables for notebooks and reports, and one way to show them (and headings and
paragraphs) in JupyterLab and in the PDF.

Pure functions from the target, assessment and history tables to readable frames, every
header and word in the chosen language (:mod:`~shenyang_analysis.present.labels`), plus
:func:`show`, :func:`show_text` and :func:`show_heading`, which display with an HTML, a
Markdown and a LaTeX representation. Text from data is always shown literally
(:mod:`~shenyang_analysis.present.text`): the LaTeX the PDF is made of never contains markup
from a document or a web page.

>>> t = pd.DataFrame({"kind": ["target", "target", "observation"], "region": ["tiexi", "tiexi", "shenyang"],
...                   "category": ["economy", "innovation", "economy"], "year": [2025, 2025, 2020]})
>>> counts(t, "region").values.tolist(), counts(t, "region", "en").columns.tolist()
([['铁西区', 2]], ['region', 'targets'])
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..datasets import statement_ids
from ..table.schema import ASSESSMENT_COLUMNS
from . import labels as L
from .plots import STATUS_ORDER, money_label, portfolio_order, target_label
from .text import html_literal, latex_literal, markdown_literal

__all__ = [
    "counts", "coverage", "provenance", "series_table", "sources_table", "document_table", "paths_table",
    "status_crosstab", "gap_table", "headline_table", "reasons", "assessment_card", "calibration_view", "brier_text",
    "parameter_table", "with_unit_words", "column_format", "show", "show_text", "show_heading", "figure_words",
]


def _h(key: str, lang: str) -> str:
    return L.text(key, lang)


def with_unit_words(assessments: pd.DataFrame, targets: pd.DataFrame) -> pd.DataFrame:
    """The assessment table with the targets' ``unit_raw`` (the measure word of counts: 家, 人)."""
    if "unit_raw" in assessments.columns:
        return assessments
    words = dict(zip(targets["target_id"], targets["unit_raw"]))
    return assessments.assign(unit_raw=assessments["target_id"].map(words))


def counts(targets: pd.DataFrame, by: str, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Number of targets (kind ``target``) per value of ``by`` (region, category, year…)."""
    t = targets[targets["kind"] == "target"]
    if by == "region":
        key = t[by].map(lambda r: L.region_label(r, lang))
    elif by == "category":
        key = t[by].astype("string").fillna("").map(lambda c: L.category_label(c, lang))
    else:
        key = t[by].astype("string").fillna("–")
    name, n = _h(by, lang) if by in L.TEXT else by, _h("targets", lang)
    out = key.value_counts().rename_axis(name).reset_index(name=n)
    return out.sort_values([n, name], ascending=[False, True], kind="stable").reset_index(drop=True)


def coverage(targets: pd.DataFrame, assessments: pd.DataFrame, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Per region: targets, with an indicator, with a history (judged: ``measure`` set), with a
    projection; a repeated statement counts as its first id does.

    >>> t = pd.DataFrame({"kind": ["target"] * 3, "region": ["tiexi"] * 3, "indicator": ["gdp", None, "gdp"],
    ...                   "target_id": ["a", "b", "c"]})
    >>> a = pd.DataFrame({"target_id": ["a", "b"], "model": ["theta", ""], "measure": ["level", ""],
    ...                   "duplicate_ids": ["c", ""]})
    >>> coverage(t, a).values.tolist()
    [['铁西区', 3, 2, 2, 2]]
    """
    t = targets[targets["kind"] == "target"].copy()
    judged = assessments[assessments["measure"].fillna("") != ""] if "measure" in assessments.columns else assessments
    projected = set(judged.loc[judged["model"].fillna("") != "", "target_id"])
    first = t["target_id"].astype(str).map(statement_ids(assessments))
    t["with_indicator"] = t["indicator"].notna()
    t["with_history"] = first.isin(set(judged["target_id"]))
    t["with_projection"] = first.isin(projected)
    cols = ("with_indicator", "with_history", "with_projection")
    g = t.groupby("region").agg(targets=("target_id", "size"), **{c: (c, "sum") for c in cols})
    g.index = g.index.map(lambda r: L.region_label(r, lang))
    g = g.reset_index().astype({c: "int64" for c in ("targets", *cols)})
    return g.rename(columns={c: _h(c, lang) for c in ("region", "targets", *cols)})


def provenance(targets: pd.DataFrame, target_id: str, lang: str = L.DEFAULT_LANG,
               document: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Where one row comes from: document, offsets, the exact quote, the value as written and normalized."""
    rows = targets[targets["target_id"] == target_id]
    if rows.empty:
        raise KeyError(f"no row {target_id!r} in the target table")
    r = rows.iloc[0]
    doc = str(r["doc_id"]) + (f" · {document.get('title')}" if document and document.get("title") else "")
    where = (("line", f"{r['char_start']}") if r.get("origin") == "history_file" else
             ("characters", f"{r['char_start']}–{r['char_end']}"))
    items = [
        ("target_id", r["target_id"]), ("document", doc), where,
        ("quote", r["quote"]), ("as_written", f"{r['value_raw']}{r['unit_raw'] or ''}"),
        ("normalized", f"{r['comparator']} {r['value']:g} {r['unit']}"), ("year", r["year"]),
        ("indicator", f"{r['indicator'] if pd.notna(r['indicator']) else L.category_label('', lang)} ({r['indicator_zh']})"),
    ]
    frame = pd.DataFrame([(_h(k, lang), v) for k, v in items], columns=[_h("field", lang), _h("value", lang)])
    return frame.astype({_h("value", lang): "string"})


def figure_words(status: Any, bound: Any, lang: str = L.DEFAULT_LANG) -> str:
    """What a figure is: its status, and its bound when it is not exact.

    >>> figure_words("official", "upper"), figure_words("estimate", "exact", "en")
    ('统计数，上限（低于或至多）', 'estimate')
    """
    words = [L.point_label(status, lang) if L._present(status) else "", L.bound_label(bound, lang)]
    return ("，" if L.check_lang(lang) == "zh" else ", ").join(w for w in words if w)


def series_table(a: Any, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The figures behind an assessment, one row per year: value, what it is (status and bound) and its source."""
    s = a.full_series
    unit, raw = str(a.row["unit"]), a.row.get("unit_raw")
    statuses, bounds, sources = s.attrs.get("status", {}), s.attrs.get("bound", {}), s.attrs.get("source", {})
    derived = "由增速推算" if L.check_lang(lang) == "zh" else "derived from growth rates"
    return pd.DataFrame({
        _h("year", lang): [int(y) for y in s.index],
        _h("value", lang): [money_label(float(v), unit, lang, raw) for v in s.to_numpy()],
        _h("status", lang): [figure_words(statuses.get(int(y), ""), bounds.get(int(y)), lang) for y in s.index],
        _h("source", lang): [sources.get(int(y), derived if statuses.get(int(y)) == "derived" else "") for y in s.index],
    })


def sources_table(history: pd.DataFrame, lang: str = L.DEFAULT_LANG, unit_raw: Any = None) -> pd.DataFrame:
    """Every historical figure of a target's region and indicator (and its growth rates): year,
    indicator, value, what it is, the source's own words and where (URL, panel or document);
    ``used`` marks the figure the series takes when sources disagree."""
    rows = []
    for r in history.to_dict("records"):
        value = (f"{L.format_number(float(r['value']), 3)}%" if r["measure"] == "growth"
                 else money_label(float(r["value"]), str(r["unit"]), lang, unit_raw))
        rows.append({
            _h("year", lang): int(r["year"]), _h("indicator", lang): L.indicator_label(r["indicator"], None, lang),
            _h("value", lang): value, _h("status", lang): figure_words(r["status"], r.get("bound"), lang),
            _h("phrase", lang): r.get("source_detail") or "", _h("source", lang): r.get("source") or "",
            _h("chosen", lang): "✓" if r.get("is_chosen") else "",
        })
    return pd.DataFrame(rows, columns=[_h(k, lang) for k in ("year", "indicator", "value", "status", "phrase", "source",
                                                               "chosen")])


def document_table(documents: Sequence[Mapping[str, Any]], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The documents: id, title, publisher, publication date."""
    return pd.DataFrame(
        [(d.get("doc_id", ""), d.get("title", ""), d.get("publisher", ""), str(d.get("published", ""))) for d in documents],
        columns=["doc_id", _h("document", lang), _h("publisher", lang), _h("published", lang)])


def paths_table(paths: pd.DataFrame, unit: str, lang: str = L.DEFAULT_LANG, unit_raw: Any = None) -> pd.DataFrame:
    """A growth-path table (from :func:`shenyang_analysis.target_paths`) in readable units."""
    out = paths.copy()
    for c in out.columns:
        out[c] = [money_label(float(v), unit, lang, unit_raw) if pd.notna(v) else "" for v in out[c]]
    out = out.reset_index()
    names = {"year": "year", "required": "required", "historical": "historical", "projected": "projected"}
    return out.rename(columns={c: _h(k, lang) for c, k in names.items() if c in out.columns})


def status_crosstab(assessments: pd.DataFrame, by: str, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Targets per status (columns, worst first) and ``by`` (region or category), with totals."""
    if by == "region":
        key = assessments[by].map(lambda r: L.region_label(r, lang))
    else:
        key = assessments[by].astype("string").fillna("").map(lambda c: L.category_label(c, lang))
    ct = pd.crosstab(key.rename(_h(by, lang)), assessments["status"])
    ct = ct[[s for s in STATUS_ORDER if s in ct.columns] + [s for s in ct.columns if s not in STATUS_ORDER]]
    ct.columns = [L.status_label(s, lang) for s in ct.columns]
    ct[_h("total", lang)] = ct.sum(axis=1)
    return ct.reset_index()


def _rate(v: Any, measure: Any, lang: str) -> str:
    return "" if pd.isna(v) else L.format_rate(float(v), str(measure or "level"), lang)


def gap_table(assessments: pd.DataFrame, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Assessed targets, worst first: status, probability, required vs historical growth, outcome."""
    t = portfolio_order(assessments)
    return pd.DataFrame({
        _h("target", lang): [target_label(r, lang) for r in t.to_dict("records")],
        _h("status", lang): [L.status_label(s, lang) for s in t["status"]],
        _h("prob_meet", lang): [L.format_prob(p) if pd.notna(p) else "" for p in t["prob_meet"]],
        _h("required", lang): [_rate(v, m, lang) for v, m in zip(t["required_growth"], t["measure"])],
        _h("historical", lang): [_rate(v, m, lang) for v, m in zip(t["historical_growth"], t["measure"])],
        _h("outcome", lang): [L.outcome_label(o, lang) for o in t["outcome"].fillna("")],
    })


def headline_table(assessments: pd.DataFrame, target_ids: Sequence[str], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The given targets side by side (one column each): target, baseline, growth, projection, status."""
    t = assessments.set_index("target_id")
    cols = {}
    for tid in target_ids:
        r = t.loc[tid].to_dict() | {"target_id": tid}
        fmt = lambda v: money_label(float(v), str(r["unit"]), lang, r.get("unit_raw")) if pd.notna(v) else ""  # noqa: E731
        base = f"{fmt(r['baseline_value'])} ({int(r['baseline_year'])})" if pd.notna(r["baseline_year"]) else ""
        cols[target_label(r, lang)] = {
            _h("baseline", lang): base,
            _h("required", lang): _rate(r["required_growth"], r["measure"], lang),
            _h("historical", lang): _rate(r["historical_growth"], r["measure"], lang),
            _h("progress", lang): L.progress_label(r["progress_class"], lang),
            _h("model", lang): L.model_label(r["model"] or "", lang),
            _h("projected", lang): fmt(r["projection"]),
            _h("interval80", lang): f"{fmt(r['lower80'])} – {fmt(r['upper80'])}" if pd.notna(r["lower80"]) else "",
            _h("interval95", lang): f"{fmt(r['lower95'])} – {fmt(r['upper95'])}" if pd.notna(r["lower95"]) else "",
            _h("prob_meet", lang): L.format_prob(r["prob_meet"]) if pd.notna(r["prob_meet"]) else "",
            _h("status", lang): L.status_label(r["status"], lang),
            _h("outcome", lang): L.outcome_label(r["outcome"] or "", lang),
        }
    return pd.DataFrame(cols)


def reasons(summary: dict, lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """Targets without a data-backed status, by reason, from the build summary.

    >>> reasons({"targets_without_status_by_reason": {"no target year": 2}}).values.tolist()
    [['目标没有年份', 2]]
    """
    by = summary.get("targets_without_status_by_reason", summary.get("targets_without_history_by_reason", {}))
    items = sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = [(_reason(k, lang), v) for k, v in items]
    return pd.DataFrame(shown, columns=[_h("reason", lang), _h("targets", lang)])


def _reason(reason: str, lang: str) -> str:
    key, _, detail = reason.partition(" (")
    text = L.label(L.REASON_LABELS, key, lang)
    return f"{text} ({detail}" if detail else text


def assessment_card(row: Mapping[str, Any], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """The contract fields of one assessment row as a two-column table (numbers readable)."""
    unit, raw = str(row["unit"]), row.get("unit_raw")
    money = {"target_value", "baseline_value", "projection", "lower80", "upper80", "lower95", "upper95"}
    words = {"status": L.status_label, "progress_class": L.progress_label, "outcome": L.outcome_label,
             "model": L.model_label, "region": L.region_label}
    out = []
    for c in ASSESSMENT_COLUMNS:
        v = row.get(c)
        if c in words:
            text = words[c](v if isinstance(v, str) else "", lang) if not (c == "region" and not v) else ""
        elif v is None or (not isinstance(v, str) and pd.isna(v)) or v == "":
            text = ""
        elif c in money:
            text = money_label(float(v), unit, lang, raw)
        elif c in ("required_growth", "historical_growth"):
            text = _rate(float(v), row.get("measure"), lang)
        elif c in ("growth_ratio", "prob_meet"):
            text = f"{float(v):.3f}"
        else:
            text = str(v)
        out.append((c, text))
    return pd.DataFrame(out, columns=[_h("field", lang), _h("value", lang)])


def _text_of(x: Any) -> str:
    return x if isinstance(x, str) else ""


def calibration_view(calibration: pd.DataFrame, targets: pd.DataFrame | None = None,
                     lang: str = L.DEFAULT_LANG, assessments: pd.DataFrame | None = None) -> pd.DataFrame:
    """The targets whose year has passed, readable: the target as judged (comparator and value),
    document date, what the method said then (probability and its basis, or the status), the
    outcome with its basis and figure, and the status now (``calibration.csv``; ``targets`` give
    the phrases and measure words as written, ``assessments`` the units the targets are judged in).

    >>> c = pd.DataFrame({"target_id": ["d@1"], "region": ["tiexi"], "indicator": ["gdp"], "year": [2025],
    ...     "comparator": [">="], "target_value": [1.5e11], "document_published": ["2021-05-17"], "prob_then": [0.35],
    ...     "basis_then": ["reference class"], "status_then": ["uncertain"], "outcome": ["likely missed"],
    ...     "outcome_value": [1.371e11], "outcome_basis": ["derived"], "status_now": ["likely missed"]})
    >>> a = pd.DataFrame({"target_id": ["d@1"], "unit": ["yuan"], "judged_unit": ["yuan"]})
    >>> calibration_view(c, assessments=a).iloc[0].tolist()
    ['铁西区 地区生产总值 ≥\xa01,500亿元（2025年）', '2021-05-17', '35%（参照类）', '很可能未实现', '推算数：1,371亿元', '很可能未实现']
    """
    c = calibration.sort_values(["year", "target_id"], kind="stable")
    t = targets.set_index("target_id") if targets is not None else pd.DataFrame()
    a = assessments.set_index("target_id") if assessments is not None else pd.DataFrame()
    zh = L.check_lang(lang) == "zh"
    rows = []
    for r in c.to_dict("records"):
        tid = r["target_id"]
        unit = _text_of(a["judged_unit"].get(tid) if "judged_unit" in a else "") or _text_of(a["unit"].get(tid) if "unit" in a else "")
        raw = t["unit_raw"].get(tid) if "unit_raw" in t else None
        phrase = t["indicator_zh"].get(tid) if "indicator_zh" in t else None
        amount = lambda v: L.format_amount(float(v), unit, lang, L.measure_word(raw)) if unit and pd.notna(v) else ""  # noqa: E731
        row = {"region": r["region"], "indicator": r["indicator"], "indicator_zh": phrase, "comparator": r["comparator"],
               "target_value": r["target_value"], "unit": unit or "count", "unit_raw": raw, "year": r["year"]}
        name = L.target_title(row, lang) if unit else f"{L.region_label(r['region'], lang)} {L.indicator_label(r['indicator'], phrase, lang)}"
        then = (f"{L.format_prob(r['prob_then'])}" + (f"（{L.label(L.BASIS_LABELS, _text_of(r.get('basis_then')), lang)}）" if zh else
                                                     f" ({L.label(L.BASIS_LABELS, _text_of(r.get('basis_then')), lang)})")
                if pd.notna(r["prob_then"]) else L.status_label(_text_of(r.get("status_then")), lang))
        basis, figure = L.basis_label(r.get("outcome_basis"), lang), amount(r.get("outcome_value"))
        if figure and _text_of(r.get("outcome")) not in ("", "overdue"):
            basis = f"{basis}{'：' if zh else ': '}{figure}" if basis else figure
        rows.append([name, str(r.get("document_published") or ""), then, L.outcome_label(_text_of(r.get("outcome")), lang),
                     basis, L.status_label(_text_of(r.get("status_now")), lang)])
    return pd.DataFrame(rows, columns=[_h(k, lang) for k in ("target", "published", "prob_then", "outcome", "basis", "status_now")])


def brier_text(summary: dict, lang: str = L.DEFAULT_LANG) -> str:
    """One paragraph on the targets whose year has passed and the Brier score of what the method
    said at their documents' dates, from the build summary.

    >>> s = {"calibration": {"n_outcomes": 30, "n_settled": 6, "n_scored": 3, "brier": 0.0439, "n_scored_observed": 1,
    ...      "brier_observed": 0.0}}
    >>> print(brier_text(s, "en"))  # doctest: +NORMALIZE_WHITESPACE
    Of 30 targets whose year has passed, 6 are settled (met or missed, or likely so) and 3 of these had a probability
    at the document's date: Brier score 0.044 (on observed outcomes alone, 1 target(s): 0.000; 0 is perfect, 0.25 a coin
    flip). A small sample: first evidence only.
    """
    cal = summary.get("calibration", {})
    zh = L.check_lang(lang) == "zh"
    n, settled, scored = cal.get("n_outcomes", 0), cal.get("n_settled", cal.get("n_outcomes", 0)), cal.get("n_scored", 0)
    if not scored:
        return (f"已到期的{n}个目标中，{settled}个已有结果，但它们在文件发布时都没有达标概率，无法计算 Brier 分数。" if zh else
                f"Of {n} targets whose year has passed, {settled} are settled, none with a probability at its document's "
                "date: no Brier score.")
    observed = ""
    if cal.get("n_scored_observed"):
        observed = (f"，其中按统计数定论的{cal['n_scored_observed']}个为{cal['brier_observed']:.3f}" if zh else
                    f"on observed outcomes alone, {cal['n_scored_observed']} target(s): {cal['brier_observed']:.3f}; ")
    if zh:
        return (f"已到期的{n}个目标中，{settled}个已有结果（已实现、未实现或很可能如此），其中{scored}个在文件发布时有达标概率："
                f"Brier 分数为{cal['brier']:.3f}{observed}（0为完美，0.25相当于抛硬币）。样本很小，只能作为初步证据。")
    return (f"Of {n} targets whose year has passed, {settled} are settled (met or missed, or likely so) and {scored} of these "
            f"had a probability at the document's date: Brier score {cal['brier']:.3f} ({observed}0 is perfect, 0.25 a coin "
            "flip). A small sample: first evidence only.")


def parameter_table(items: Sequence[tuple[str, Any]], lang: str = L.DEFAULT_LANG) -> pd.DataFrame:
    """(parameter, value) pairs as a two-column table (values as text)."""
    return pd.DataFrame([(k, "" if v is None else str(v)) for k, v in items],
                        columns=[_h("parameter", lang), _h("value", lang)])


#: Characters of footnotesize text that fit on one A4 line of the report template (166 mm).
LINE_CHARS = 125
#: Columns at most this wide (half-width characters) keep their width when a table wraps.
NARROW_CHARS = 16
#: Tables with more rows than this may break across pages (``longtable``).
LONG_TABLE_ROWS = 30


def _text_width(text: str) -> int:
    """Width of ``text`` in half-width characters (CJK and full-width forms count two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def column_format(df: pd.DataFrame, index: bool = False, line_chars: int = LINE_CHARS) -> str:
    """A LaTeX column specification that keeps the table within the line.

    Narrow tables get plain left-aligned columns; wider ones get wrapping ``p`` columns whose
    widths follow each column's longest cell (capped so that no column crowds out the rest).

    >>> column_format(pd.DataFrame({"a": ["x"], "b": ["y"]}))
    'll'
    >>> print(column_format(pd.DataFrame({"a": ["x" * 100], "b": ["y" * 100]})))
    >{\\raggedright\\arraybackslash}p{0.474\\linewidth}>{\\raggedright\\arraybackslash}p{0.474\\linewidth}
    """
    frame = df.reset_index() if index else df
    widths = []
    for c in frame.columns:
        cells = [str(c)] + ["" if pd.isna(v) else str(v) for v in frame[c]]
        widths.append(max(_text_width(x) for x in cells) + 3)  # + column padding
    if sum(widths) <= line_chars:
        return "l" * len(widths)
    # Narrow columns get the width they need; the wide ones share the rest by their length
    # (capped, so that no column crowds out the others). Each column's padding (\tabcolsep
    # on both sides, 12 pt) is about 2.6% of the 166 mm line.
    usable = 1.0 - 0.026 * len(widths)
    narrow = [w <= NARROW_CHARS for w in widths]
    fixed = sum(w / line_chars for w, n in zip(widths, narrow) if n)
    cap = max(line_chars // 2, line_chars // len(widths))
    wide = [min(w, cap) for w, n in zip(widths, narrow) if not n]
    shares = iter([(usable - fixed) * w / sum(wide) for w in wide])
    cols = [w / line_chars if n else next(shares) for w, n in zip(widths, narrow)]
    # rounded down, so that the columns never add up to more than the line
    return "".join(f">{{\\raggedright\\arraybackslash}}p{{{math.floor(s * 1000) / 1000:.3f}\\linewidth}}" for s in cols)


def _latex(df: pd.DataFrame, index: bool) -> str:
    body = df.astype("string").fillna("")
    styler = body.style.format(formatter=lambda v: latex_literal(v, breaks=True))
    if index:
        styler = styler.format_index(formatter=latex_literal, axis=0)
    else:
        styler = styler.hide(axis="index")
    styler = styler.format_index(formatter=latex_literal, axis=1)
    # a long table may break across pages; a short one stays a tabular (longtable's column
    # widths can need a second LaTeX run)
    environment = "longtable" if len(df) > LONG_TABLE_ROWS else None
    return "{\\footnotesize\n" + styler.to_latex(hrules=True, column_format=column_format(body, index),
                                                  environment=environment) + "}"


def show_heading(title: str, level: int = 1) -> None:
    """Display a heading (a section of the PDF, with a bookmark); ``title`` is shown literally."""
    from IPython.display import display

    command = {1: "section", 2: "subsection"}.get(level, "subsubsection")
    display({"text/latex": f"\\{command}{{{latex_literal(title)}}}", "text/markdown": "#" * (level + 1) + " "
             + markdown_literal(title), "text/html": f"<h{level + 1}>{html_literal(title)}</h{level + 1}>",
             "text/plain": title}, raw=True)


def show_text(title: str, text: str) -> None:
    """Display a titled paragraph; both are shown literally (never read as Markdown or LaTeX)."""
    from IPython.display import display

    latex = (f"\\paragraph{{{latex_literal(title)}}} " if title else "") + latex_literal(text) + "\n\n"
    md = (f"**{markdown_literal(title)}**\n\n" if title else "") + markdown_literal(text)
    html = (f"<p><b>{html_literal(title)}</b></p>" if title else "") + f"<p>{html_literal(text)}</p>"
    display({"text/latex": latex, "text/markdown": md, "text/html": html,
             "text/plain": f"{title}\n{text}" if title else text}, raw=True)


def show(df: pd.DataFrame, index: bool = False) -> None:
    """Display ``df`` with an HTML and a LaTeX representation (the PDF reports use the latter);
    every cell and header is shown literally."""
    from IPython.display import display

    html = df.to_html(index=index, escape=True, na_rep="")
    display({"text/html": html, "text/latex": _latex(df, index), "text/plain": df.to_string(index=index)}, raw=True)

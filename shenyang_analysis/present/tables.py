"""Small tables for notebooks and reports, and one way to show them in HTML and in PDF.

Pure functions from the target and assessment tables to readable frames (Chinese labels
where the data are), plus :func:`show`, which displays a frame with an HTML and a LaTeX
representation so both JupyterLab and the PDF reports render it as a real table.

>>> t = pd.DataFrame({"kind": ["target", "target", "observation"], "region": ["tiexi", "tiexi", "shenyang"],
...                   "category": ["economy", "innovation", "economy"], "year": [2025, 2025, 2020]})
>>> counts(t, "region").values.tolist()
[['铁西区', 2]]
"""

from __future__ import annotations

import unicodedata
from typing import Any

import pandas as pd

from ..table.schema import ASSESSMENT_COLUMNS
from .plots import STATUS_ORDER, money_label, portfolio_order, region_label, status_label, target_label

__all__ = [
    "counts", "coverage", "provenance", "series_table", "paths_table", "status_crosstab", "gap_table",
    "headline_table", "reasons", "assessment_card", "calibration_view", "brier_text", "show", "show_text",
]


def counts(targets: pd.DataFrame, by: str) -> pd.DataFrame:
    """Number of targets (kind ``target``) per value of ``by`` (region, category, year…), regions in Chinese."""
    t = targets[targets["kind"] == "target"]
    key = t[by].map(region_label) if by == "region" else t[by].astype("string").fillna("(none)")
    out = key.value_counts().rename_axis(by).reset_index(name="targets")
    return out.sort_values(["targets", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def coverage(targets: pd.DataFrame, assessments: pd.DataFrame, skipped: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per region: targets, targets with an indicator, with history (assessed), with a projection.

    >>> t = pd.DataFrame({"kind": ["target"] * 2, "region": ["tiexi"] * 2, "indicator": ["gdp", None],
    ...                   "target_id": ["a", "b"]})
    >>> a = pd.DataFrame({"target_id": ["a"], "model": ["theta"]})
    >>> coverage(t, a).values.tolist()
    [['铁西区', 2, 1, 1, 1]]
    """
    t = targets[targets["kind"] == "target"].copy()
    judged = assessments[assessments["measure"].fillna("") != ""] if "measure" in assessments.columns else assessments
    assessed = set(judged["target_id"])
    projected = set(judged.loc[judged["model"].fillna("") != "", "target_id"])
    t["with_indicator"] = t["indicator"].notna()
    t["with_history"] = t["target_id"].isin(assessed)
    t["with_projection"] = t["target_id"].isin(projected)
    g = t.groupby("region").agg(targets=("target_id", "size"), with_indicator=("with_indicator", "sum"),
                                with_history=("with_history", "sum"), with_projection=("with_projection", "sum"))
    g.index = g.index.map(region_label)
    return g.reset_index().astype({c: "int64" for c in ("targets", "with_indicator", "with_history", "with_projection")})


def provenance(targets: pd.DataFrame, target_id: str) -> pd.DataFrame:
    """Where one row comes from: document, offsets, the exact quote, value as written and normalized."""
    rows = targets[targets["target_id"] == target_id]
    if rows.empty:
        raise KeyError(f"no row {target_id!r} in the target table")
    r = rows.iloc[0]
    items = [
        ("target_id", r["target_id"]), ("document", r["doc_id"]), ("characters", f"{r['char_start']}–{r['char_end']}"),
        ("quote", r["quote"]), ("as written", f"{r['value_raw']}{r['unit_raw'] or ''}"),
        ("normalized", f"{r['comparator']} {r['value']:g} {r['unit']}"), ("year", r["year"]),
        ("indicator", f"{r['indicator']} ({r['indicator_zh']})"),
    ]
    return pd.DataFrame(items, columns=["field", "value"]).astype({"value": "string"})


def series_table(a: Any) -> pd.DataFrame:
    """The figures behind an assessment, one row per year: value, status and source."""
    s = a.full_series
    div_unit = str(a.row["unit"])
    statuses, sources = s.attrs.get("status", {}), s.attrs.get("source", {})
    return pd.DataFrame({
        "year": [int(y) for y in s.index],
        "value": [money_label(float(v), div_unit) for v in s.to_numpy()],
        "status": [statuses.get(int(y), "") for y in s.index],
        "source": [sources.get(int(y), "derived from growth rates" if statuses.get(int(y)) == "derived" else "")
                   for y in s.index],
    })


def paths_table(paths: pd.DataFrame, unit: str) -> pd.DataFrame:
    """A growth-path table (from :func:`shenyang_analysis.target_paths`) in readable units."""
    out = paths.copy()
    for c in out.columns:
        out[c] = [money_label(float(v), unit) if pd.notna(v) else "" for v in out[c]]
    return out.reset_index()


def status_crosstab(assessments: pd.DataFrame, by: str) -> pd.DataFrame:
    """Targets per status (columns, worst first) and ``by`` (region or category), with totals."""
    key = assessments[by].map(region_label) if by == "region" else assessments[by].astype("string").fillna("(none)").replace("", "(none)")
    ct = pd.crosstab(key.rename(by), assessments["status"])
    cols = [s for s in STATUS_ORDER if s in ct.columns]
    ct = ct[cols]
    ct["total"] = ct.sum(axis=1)
    return ct.reset_index()


def gap_table(assessments: pd.DataFrame) -> pd.DataFrame:
    """Assessed targets, worst first: status, probability, required vs historical growth."""

    t = portfolio_order(assessments)
    return pd.DataFrame({
        "target": [target_label(r) for _, r in t.iterrows()],
        "status": [status_label(s) for s in t["status"]],
        "prob_meet": [f"{100 * p:.0f}%" if pd.notna(p) else "" for p in t["prob_meet"]],
        "required": [_rate(v, g) for v, g in zip(t["required_growth"], t["growth_unit"])],
        "historical": [_rate(v, g) for v, g in zip(t["historical_growth"], t["growth_unit"])],
        "outcome": t["outcome"].fillna("").to_list(),
    })


def _rate(v: float, growth_unit: str) -> str:
    if pd.isna(v):
        return ""
    return f"{v:+.2f} pp/yr" if "points" in str(growth_unit) else f"{v:+.1f}%"


def headline_table(assessments: pd.DataFrame, target_ids: list[str] | tuple[str, ...]) -> pd.DataFrame:
    """The given targets side by side (one column each): target, baseline, growth, projection, status."""
    t = assessments.set_index("target_id")
    cols = {}
    for tid in target_ids:
        r = t.loc[tid]
        unit = str(r["unit"])
        fmt = lambda v: money_label(float(v), unit) if pd.notna(v) else ""  # noqa: E731
        cols[target_label(r)] = {
            "baseline": f"{fmt(r['baseline_value'])} ({int(r['baseline_year'])})" if pd.notna(r["baseline_year"]) else "",
            "required growth": _rate(r["required_growth"], r["growth_unit"]),
            "historical growth": _rate(r["historical_growth"], r["growth_unit"]),
            "progress class": r["progress_class"],
            "model": r["model"] or "(none)",
            "projection": fmt(r["projection"]),
            "80% interval": f"{fmt(r['lower80'])} – {fmt(r['upper80'])}" if pd.notna(r["lower80"]) else "",
            "95% interval": f"{fmt(r['lower95'])} – {fmt(r['upper95'])}" if pd.notna(r["lower95"]) else "",
            "prob_meet": f"{100 * r['prob_meet']:.0f}%" if pd.notna(r["prob_meet"]) else "",
            "status": status_label(r["status"]),
            "outcome": r["outcome"] or "",
        }
    return pd.DataFrame(cols)


def reasons(summary: dict) -> pd.DataFrame:
    """Targets without a data-backed status, by reason, from the build summary.

    >>> reasons({"targets_without_status_by_reason": {"no target year": 2}}).values.tolist()
    [['no target year', 2]]
    """
    by = summary.get("targets_without_status_by_reason", summary.get("targets_without_history_by_reason", {}))
    items = sorted(by.items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame(items, columns=["reason", "targets"])


def assessment_card(row: Any) -> pd.DataFrame:
    """The contract fields of one assessment row as a two-column table (numbers readable)."""

    unit = str(row["unit"])
    money = {"target_value", "baseline_value", "projection", "lower80", "upper80", "lower95", "upper95"}
    out = []
    for c in ASSESSMENT_COLUMNS:
        v = row[c]
        if pd.isna(v) or v == "":
            text = ""
        elif c in money:
            text = money_label(float(v), unit)
        elif c in ("required_growth", "historical_growth"):
            text = _rate(float(v), str(row.get("growth_unit", "")))
        elif c in ("growth_ratio", "prob_meet"):
            text = f"{float(v):.3f}"
        else:
            text = str(v)
        out.append((c, text))
    return pd.DataFrame(out, columns=["field", "value"])


def calibration_view(calibration: pd.DataFrame, targets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The calibration table, readable: target, what was said then, and what happened.

    With ``targets`` (the target table) the indicator is named in Chinese as in the documents.
    """
    c = calibration
    names = {}
    if targets is not None:
        names = dict(zip(targets["target_id"], targets["indicator_zh"].astype("string").fillna("")))
    label = [names.get(t) or i for t, i in zip(c["target_id"], c["indicator"])]
    return pd.DataFrame({
        "target": [f"{region_label(r)} {n} ({y})" for r, n, y in zip(c["region"], label, c["year"])],
        "published": c["document_published"].astype("string"),
        "model then": c["model_then"].fillna("").replace("", "(none)"),
        "prob then": [f"{100 * p:.0f}%" if pd.notna(p) else "" for p in c["prob_then"]],
        "outcome": c["outcome"], "basis": c["outcome_basis"],
    })


def brier_text(summary: dict) -> str:
    """One sentence on the calibration table's Brier score, from the build summary.

    >>> brier_text({"calibration": {"n_outcomes": 2, "n_scored": 1, "brier": 0.48}})
    'Brier score 0.480 over 1 target(s) with a probability at the document date (2 observed outcomes; 0 is perfect, 0.25 is a coin flip).'
    """
    cal = summary.get("calibration", {})
    if not cal.get("n_scored"):
        return f"No observed target had a probability at its document's date ({cal.get('n_outcomes', 0)} observed outcomes)."
    return (f"Brier score {cal['brier']:.3f} over {cal['n_scored']} target(s) with a probability at the document date "
            f"({cal['n_outcomes']} observed outcomes; 0 is perfect, 0.25 is a coin flip).")


#: Characters of footnotesize text that fit on one A4 line of the report template (166 mm).
LINE_CHARS = 125


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
    cap = max(line_chars // 2, line_chars // len(widths))
    capped = [min(w, cap) for w in widths]
    # Each column's padding (\tabcolsep on both sides, 12 pt) is about 2.6% of the 166 mm line.
    usable = 1.0 - 0.026 * len(widths)
    shares = [usable * w / sum(capped) for w in capped]
    return "".join(f">{{\\raggedright\\arraybackslash}}p{{{s:.3f}\\linewidth}}" for s in shares)


def _latex(df: pd.DataFrame, index: bool) -> str:
    body = df.astype("string").fillna("")
    styler = body.style.format(escape="latex")
    if index:
        styler = styler.format_index(escape="latex", axis=0)
    else:
        styler = styler.hide(axis="index")
    styler = styler.format_index(escape="latex", axis=1)
    return "{\\footnotesize\n" + styler.to_latex(hrules=True, column_format=column_format(body, index)) + "}"


def show_text(title: str, text: str) -> None:
    """Display a titled paragraph (Markdown; the PDF reports render it as text)."""
    from IPython.display import Markdown, display

    display(Markdown(f"**{title}**\n\n{text}"))


def show(df: pd.DataFrame, index: bool = False) -> None:
    """Display ``df`` with an HTML and a LaTeX representation (the PDF reports use the latter)."""
    from IPython.display import display

    html = df.to_html(index=index, escape=True, na_rep="")
    display({"text/html": html, "text/latex": _latex(df, index), "text/plain": df.to_string(index=index)}, raw=True)

"""The assessment table: every target of the target table, with a status or the reason it has none.

:func:`assessment_table` writes one row per distinct target statement (a statement repeated in
the documents is judged once; the other ids are listed in ``duplicate_ids``): the ``latest``
view, the ``document`` view's baseline year, model, basis, probability and status beside it,
and for money targets the **price sensitivity**: the status again with the deflator assumption
replaced by each of ``AnalysisParams.price_scenarios`` (−1 %, 0, +2 % a year), and whether the
status changes. A target that cannot be judged (no catalog indicator, no history, …) gets
``insufficient data`` with ``status_reason`` and ``data_needed``.
:func:`assess` judges targets in one view (for notebooks and tests).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.conflicts import resolve_conflicts
from ..history.series import load_breaks
from ..io.documents import load_manifest
from ..table.schema import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS
from ..vocab import MONEY_UNITS
from .assess import GROWTH_UNIT, Assessment, assess_target
from .context import Context, build_context
from .growth_targets import parent_growth_targets
from .rows import skip_reason, unassessed_row
from .schema import validate_assessments

__all__ = ["AssessmentResult", "skip_reason", "publication_dates", "duplicates", "assess", "assessment_table",
           "price_sensitivity", "history_target_rows"]

_DUPLICATE_KEY = ["region", "_what", "year", "comparator", "value", "unit", "is_growth_rate"]


@dataclass
class AssessmentResult:
    """Assessments of many targets in one view, and the targets left out with their reason."""

    table: pd.DataFrame
    skipped: pd.DataFrame
    assessments: dict[str, Assessment]


def publication_dates(manifest: list[Mapping[str, Any]] | None = None) -> dict[str, dt.date]:
    """doc_id → publication date, from the documents' manifest.

    >>> publication_dates()["002_74a2a09f36767d0c"]
    datetime.date(2021, 5, 17)
    """
    if manifest is None:
        manifest = load_manifest()
    return {str(r["doc_id"]): r["published"] for r in manifest}  # type: ignore[misc]


def duplicates(targets: pd.DataFrame) -> dict[str, list[str]]:
    """First target id → the ids of the same statement repeated (same region, indicator or
    wording, year, comparator, value and unit), in document order.

    >>> t = pd.DataFrame({"target_id": ["a@1", "a@9", "b@3"], "region": "r", "indicator": ["x", "x", "y"],
    ...     "quote": ["q", "q2", "q3"], "year": 2025, "comparator": ">=", "value": 3.0, "unit": "count",
    ...     "is_growth_rate": False, "doc_id": ["a", "a", "b"], "char_start": [1, 9, 3]})
    >>> duplicates(t)
    {'a@1': ['a@9']}
    """
    t = targets.copy()
    t["_what"] = t["indicator"].astype("string").fillna("quote:" + t["quote"].astype("string"))
    t["year"] = t["year"].astype("Int64").fillna(-1)
    t = t.sort_values(["doc_id", "char_start"], kind="stable")
    out: dict[str, list[str]] = {}
    for _, g in t.groupby(_DUPLICATE_KEY, sort=False, dropna=False):
        if len(g) > 1:
            ids = g["target_id"].astype(str).tolist()
            out[ids[0]] = ids[1:]
    return out


def _typed(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}
    df = pd.DataFrame(rows, columns=list(cols))
    for c, dtype in cols.items():
        if dtype == "string":
            df[c] = df[c].where(df[c].notna(), "").astype("string") if c != "doc_id" else df[c].astype("string")
        elif dtype == "bool":
            df[c] = df[c].fillna(False).astype(bool)
        else:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(dtype)
    return df


def assess(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    view: str = "latest",
    published: Mapping[str, dt.date] | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    breaks: pd.DataFrame | None = None,
    context: Context | None = None,
) -> AssessmentResult:
    """Judge every ``target`` row of ``targets`` in one view; rows that cannot be judged are in ``skipped``."""
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    keys = chosen[["region", "indicator", "unit"]].drop_duplicates()
    if context is None:
        ctx = build_context(chosen, load_breaks() if breaks is None else breaks, dict(published or {}) or None)
        ctx.growth_targets = parent_growth_targets(targets)
    else:
        ctx = context
    if view == "document" and published is None:
        published = publication_dates()
    rows, skipped, found = [], [], {}
    for t in targets[targets["kind"] == "target"].to_dict("records"):
        reason = skip_reason(t, keys)
        if reason:
            skipped.append({"target_id": t["target_id"], "indicator": t.get("indicator"), "reason": reason})
            continue
        pub = (published or {}).get(str(t["doc_id"])) if view == "document" else None
        a = assess_target(t, chosen, view, pub, params, context=ctx)
        rows.append(a.row)
        found[str(t["target_id"])] = a
    skipped_df = pd.DataFrame(skipped, columns=["target_id", "indicator", "reason"])
    return AssessmentResult(table=_typed(rows), skipped=skipped_df, assessments=found)


def _money(row: Mapping[str, Any]) -> bool:
    return row.get("measure") == "level" and row.get("unit") in MONEY_UNITS


def _value_text(row: Mapping[str, Any]) -> str:
    v = row["outcome_value"] if row.get("outcome") not in ("", "overdue") else row["projection"]
    if pd.isna(v):
        return ""
    return f" ({v / 1e8:,.0f}亿元)" if row.get("unit") == "yuan" else f" ({v:,.4g})"


def price_sensitivity(t: Mapping[str, Any], chosen: pd.DataFrame, ctx: Context, params: AnalysisParams) -> tuple[str, bool]:
    """('deflator −1%: status (value); +0%: …; +2%: …', whether the status changes) for one money target.

    The deflator change replaces the assumption for the years that have no deflator yet; an
    outcome observed at current prices does not depend on it (:func:`assessment_table` says so).
    """
    parts, statuses = [], []
    for s in params.price_scenarios:
        r = assess_target(t, chosen, "latest", None, params.replace(inflation_pct=float(s)), context=ctx).row
        statuses.append(r["status"])
        parts.append(f"deflator {float(s):+g}%: {r['status']}{_value_text(r)}")
    return "; ".join(parts), len(set(statuses)) > 1


def _judge(t: dict[str, Any], chosen: pd.DataFrame, ctx: Context, pub: dt.date | None,
           params: AnalysisParams) -> dict[str, Any]:
    """The latest view of one target, the document view beside it, and the price sensitivity."""
    now = assess_target(t, chosen, "latest", None, params, context=ctx)
    row = dict(now.row)
    row["document_published"] = str(pub or "")
    if pub is not None:
        then = assess_target(t, chosen, "document", pub, params, context=ctx).row
        row.update(document_baseline_year=then["baseline_year"], document_model=then["model"], document_basis=then["basis"],
                   document_prob_meet=then["prob_meet"], document_status=then["status"])
    if _money(row) and row["baseline_year"] is not None:
        prices = ctx.price_path(str(t["region"]), int(row["baseline_year"]), int(row["year"]), params)
        row["price_assumption"] = prices.note() or "every year has a deflator"
        if row["outcome"] in ("met", "missed"):
            row["price_sensitivity"] = "none: the outcome is an observed figure at current prices"
        else:
            row["price_sensitivity"], row["price_sensitive"] = price_sensitivity(t, chosen, ctx, params)
    return row


def assessment_table(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    published: Mapping[str, dt.date] | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    extra_targets: pd.DataFrame | None = None,
    extra_dates: Mapping[str, dt.date] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(table, reasons): one row per distinct target statement (see the module docstring), and
    one row per target without a data-backed status: ``target_id, indicator, reason, data_needed``.

    ``extra_targets`` are targets from other sources in the target table's shape (the history
    files' ``_target`` rows, :func:`history_target_rows`), with their dates by target id.
    """
    published = publication_dates() if published is None else published
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    keys = chosen[["region", "indicator", "unit"]].drop_duplicates()
    ctx = build_context(chosen, load_breaks(), dict(published))
    all_targets = targets[targets["kind"] == "target"]
    if extra_targets is not None and len(extra_targets):
        all_targets = pd.concat([all_targets, extra_targets], ignore_index=True)
    ctx.growth_targets = parent_growth_targets(all_targets)
    dups = duplicates(all_targets)
    repeated = {d for ids in dups.values() for d in ids}
    rows = []
    for t in all_targets.to_dict("records"):
        if str(t["target_id"]) in repeated:
            continue
        reason = skip_reason(t, keys)
        pub = (extra_dates or {}).get(str(t["target_id"])) or published.get(str(t["doc_id"]))
        row = unassessed_row(t, reason, GROWTH_UNIT) if reason else _judge(t, chosen, ctx, pub, params)
        if reason:
            row["document_published"] = str(pub or "")
            row["document_status"] = "insufficient data"
        row["duplicate_ids"] = ";".join(dups.get(str(t["target_id"]), []))
        rows.append(row)
    table = _typed(rows).sort_values(["region", "indicator", "year", "target_id"], kind="stable").reset_index(drop=True)
    table = validate_assessments(table)
    reasons = table.loc[table["status"] == "insufficient data", ["target_id", "indicator", "status_reason", "data_needed"]]
    return table, reasons.rename(columns={"status_reason": "reason"}).reset_index(drop=True)


_DATE_IN_URL = re.compile(r"/(20\d\d)/?(\d\d)/?(\d\d)/")


def history_target_rows(history_targets: pd.DataFrame, categories: Mapping[str, str] | None = None,
                        names: Mapping[str, str] | None = None) -> tuple[pd.DataFrame, dict[str, dt.date]]:
    """The history files' ``_target`` rows as rows of the target table, and their publication dates.

    ``target_id`` is ``<history file stem>@<line>``, ``doc_id`` the file stem, ``quote`` the
    source's wording; the date is read from the source URL's path (…/2025/01/13/…) when it
    has one. These are targets the documents do not state (the 2025 work report's GDP growth
    of 5.5 % or more); judged like theirs, and listed as repeats when a document states the same.

    >>> from shenyang_analysis.history.sources import history_targets
    >>> rows, dates = history_target_rows(history_targets())
    >>> r = rows.set_index("target_id").loc["history_observations@44"]
    >>> r["indicator"], r["comparator"], float(r["value"]), bool(r["is_growth_rate"]), dates["history_observations@44"]
    ('gdp_real_growth', '>=', 5.5, True, datetime.date(2025, 1, 13))
    """
    rows, dates = [], {}
    for _, h in history_targets.iterrows():
        stem = str(h["file"]).removesuffix(".csv")
        tid = f"{stem}@{int(h['line'])}"
        ind = str(h["base_indicator"])
        rows.append({
            "target_id": tid, "doc_id": stem, "region": h["region"], "level": "city", "kind": "target", "indicator": ind,
            "indicator_zh": (names or {}).get(ind, ind), "category": (categories or {}).get(ind), "comparator": h["comparator"],
            "value": float(h["value"]), "unit": h["unit"], "range_high": None, "year": int(h["year"]),
            "is_growth_rate": h["measure"] == "growth", "is_cumulative": False, "is_change": False,
            "quote": f"{h['source_detail']} ({h['source']})", "char_start": int(h["line"]),
        })
        m = _DATE_IN_URL.search(str(h["source"]))
        if m:
            dates[tid] = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return pd.DataFrame(rows), dates

"""The assessment table: every target of the target table, judged in one row or skipped with a reason.

:func:`assess` judges every ``target`` row against the history (:func:`~shenyang_analysis.model.assess.assess_target`)
in one view; :func:`assessment_table` assembles the ``latest`` view with the ``document`` view's
baseline year, model, probability and status beside it, and the targets left out with why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from ..history.series import load_breaks, resolve_conflicts
from ..io.documents import load_manifest
from ..table.schema import ASSESSMENT_COLUMNS, ASSESSMENT_EXTRA_COLUMNS
from .assess import Assessment, assess_target
from .schema import validate_assessments

__all__ = ["AssessmentResult", "skip_reason", "publication_dates", "assess", "assessment_table"]


@dataclass
class AssessmentResult:
    """Assessments of many targets in one view, and the targets left out with their reason."""

    table: pd.DataFrame
    skipped: pd.DataFrame
    assessments: dict[str, Assessment]


def skip_reason(t: Mapping[str, Any], keys: pd.DataFrame) -> str | None:
    """Why a target row cannot be assessed (``None`` when it can); ``keys`` are the history's region, indicator, unit."""
    if pd.isna(t.get("indicator")):
        return "indicator not in the catalog"
    if pd.isna(t.get("year")):
        return "no target year"
    if bool(t.get("is_cumulative")):
        return "cumulative total over a period"
    if bool(t.get("is_change")):
        return "absolute change, not a level"
    mine = keys[(keys["region"] == t["region"]) & (keys["indicator"] == t["indicator"])]
    if mine.empty:
        return "no history for this region and indicator"
    if t["unit"] not in set(mine["unit"]):
        return f"history in another unit ({', '.join(sorted(set(mine['unit'])))})"
    return None


def publication_dates(manifest: list[Mapping[str, Any]] | None = None) -> dict[str, dt.date]:
    """doc_id → publication date, from the documents' manifest.

    >>> publication_dates()["002_74a2a09f36767d0c"]
    datetime.date(2021, 5, 17)
    """
    if manifest is None:
        manifest = load_manifest()
    return {str(r["doc_id"]): r["published"] for r in manifest}  # type: ignore[misc]


def _typed(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = {**ASSESSMENT_COLUMNS, **ASSESSMENT_EXTRA_COLUMNS}
    df = pd.DataFrame(rows, columns=list(cols))
    for c, dtype in cols.items():
        if dtype == "string":
            df[c] = df[c].where(df[c].notna(), "").astype("string") if c in ("model", "outcome", "note", "baseline_status", "outcome_basis") else df[c].astype("string")
        else:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype(dtype) if dtype != "float64" else pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def assess(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    view: str = "latest",
    published: Mapping[str, dt.date] | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
    breaks: pd.DataFrame | None = None,
) -> AssessmentResult:
    """Assess every ``target`` row of ``targets`` against ``history`` (tidy or already chosen)."""
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    keys = chosen[["region", "indicator", "unit"]].drop_duplicates()
    breaks = load_breaks() if breaks is None else breaks
    if view == "document" and published is None:
        published = publication_dates()
    rows, skipped, found = [], [], {}
    for t in targets[targets["kind"] == "target"].to_dict("records"):
        reason = skip_reason(t, keys)
        if reason:
            skipped.append({"target_id": t["target_id"], "indicator": t.get("indicator"), "reason": reason})
            continue
        pub = (published or {}).get(str(t["doc_id"])) if view == "document" else None
        a = assess_target(t, chosen, view, pub, params, breaks)
        rows.append(a.row)
        found[str(t["target_id"])] = a
    skipped_df = pd.DataFrame(skipped, columns=["target_id", "indicator", "reason"])
    return AssessmentResult(table=_typed(rows), skipped=skipped_df, assessments=found)


def assessment_table(
    targets: pd.DataFrame,
    history: pd.DataFrame,
    published: Mapping[str, dt.date] | None = None,
    params: AnalysisParams = DEFAULT_PARAMS,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(table, skipped): the ``latest`` view of every assessable target, the ``document`` view's
    baseline year, model, probability and status beside it; and the targets left out, with why.
    """
    published = publication_dates() if published is None else published
    chosen = history if "n_sources" in history.columns else resolve_conflicts(history)[0]
    latest = assess(targets, chosen, "latest", published, params)
    then = assess(targets, chosen, "document", published, params)
    table = latest.table.copy()
    by_id = then.table.set_index("target_id")
    ids = table["target_id"]
    table["document_published"] = [str(published.get(str(d), "")) for d in table["doc_id"]]
    table["document_baseline_year"] = ids.map(by_id["baseline_year"]).astype("Int64")
    table["document_model"] = ids.map(by_id["model"]).astype("string")
    table["document_prob_meet"] = ids.map(by_id["prob_meet"]).astype("float64")
    table["document_status"] = ids.map(by_id["status"]).astype("string")
    table = table.sort_values(["region", "indicator", "year", "target_id"], kind="stable").reset_index(drop=True)
    return validate_assessments(table), latest.skipped

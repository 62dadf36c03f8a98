"""Checking the method against what happened: targets whose year has passed.

:func:`calibration_table` lists every judged target (one with a history) whose year is before
``AnalysisParams.as_of_year`` with its outcome (met, missed, likely met, likely missed, undetermined or overdue), what the
method said from the data knowable at the document's date (model, basis, probability,
status), and the basis of the outcome (the figure's status and bound, and how it was made).
:func:`brier` scores those probabilities against the settled outcomes: all of them, and the
observed ones alone (``met``/``missed``: the estimate-based ``likely`` outcomes may still turn).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..config import DEFAULT_PARAMS, AnalysisParams
from .feasibility import brier_score

__all__ = ["SETTLED", "calibration_table", "brier", "past_targets_table"]

#: Outcomes that say met or not (``likely`` ones rest on estimates); 1 = met.
SETTLED: dict[str, int] = {"met": 1, "likely met": 1, "missed": 0, "likely missed": 0}


def calibration_table(table: pd.DataFrame, params: AnalysisParams = DEFAULT_PARAMS) -> pd.DataFrame:
    """Targets whose year has passed, next to what the method said then.

    ``prob_then`` is the probability from the data knowable at the document's publication
    date (empty when that view had no projection). Columns: target_id, region, indicator,
    year, comparator (as judged), target_value (as judged), document_published,
    document_baseline_year, model_then, basis_then, prob_then, status_then, outcome,
    outcome_value, outcome_basis, outcome_chain, status_now, squared_error (settled outcomes only).
    """
    done = table[(table["year"] < params.as_of_year) & (table["measure"] != "")]
    out = pd.DataFrame({
        "target_id": done["target_id"], "region": done["region"], "indicator": done["indicator"],
        "year": done["year"], "comparator": done["judged_as"], "target_value": done["judged_value"],
        "document_published": done["document_published"], "document_baseline_year": done["document_baseline_year"],
        "model_then": done["document_model"], "basis_then": done["document_basis"], "prob_then": done["document_prob_meet"],
        "status_then": done["document_status"], "outcome": done["outcome"], "outcome_value": done["outcome_value"],
        "outcome_basis": done["outcome_basis"], "outcome_chain": done["outcome_chain"], "status_now": done["status"],
    })
    met = out["outcome"].map(SETTLED)
    out["squared_error"] = (out["prob_then"] - met) ** 2
    return out.reset_index(drop=True)


def brier(calibration: pd.DataFrame) -> dict[str, Any]:
    """Brier scores of the rows that had a probability then and a settled outcome now (``None`` if none).

    >>> c = pd.DataFrame({"prob_then": [0.8, 0.3, float("nan"), 0.5], "outcome": ["met", "likely missed", "missed", "overdue"]})
    >>> brier(c)
    {'n_outcomes': 4, 'n_settled': 3, 'n_scored': 2, 'brier': 0.065, 'n_scored_observed': 1, 'brier_observed': 0.04}
    """
    settled = calibration[calibration["outcome"].isin(list(SETTLED))]
    scored = settled[settled["prob_then"].notna()]
    observed = scored[scored["outcome"].isin(["met", "missed"])]

    def score(rows: pd.DataFrame) -> float | None:
        if rows.empty:
            return None
        return round(brier_score(rows["prob_then"].to_list(), (rows["outcome"].map(SETTLED) == 1).to_list()), 6)

    return {"n_outcomes": int(len(calibration)), "n_settled": int(len(settled)), "n_scored": int(len(scored)),
            "brier": score(scored), "n_scored_observed": int(len(observed)), "brier_observed": score(observed)}


_COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", "<": "<", "~": "≈", "==": "="}


def _value(v: float, unit: str) -> str:
    if unit == "yuan":
        return f"{v / 1e8:,.0f}亿元"
    if unit == "jin":
        return f"{v / 1e8:,.2f}亿斤"
    if unit == "percent":
        return f"{v:.3g}%"
    return f"{v:,.0f}"


def past_targets_table(calibration: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """The targets whose year has passed, readable: target, document and date, probability
    then (and its basis), outcome, basis of the outcome, status now (the table in
    ``docs/methods.md`` and the portfolio report).

    >>> c = pd.DataFrame({"target_id": ["d@1"], "comparator": [">="], "target_value": [1.5e11], "year": [2025],
    ...     "document_published": ["2021-05-17"], "prob_then": [0.35], "status_then": ["uncertain"], "basis_then": ["reference class"],
    ...     "outcome": ["likely missed"], "outcome_value": [1.37e11], "outcome_basis": ["derived"], "status_now": ["likely missed"]})
    >>> a = pd.DataFrame({"target_id": ["d@1"], "region": ["tiexi"], "indicator_zh": ["地区生产总值"], "indicator": ["gdp"],
    ...     "judged_unit": ["yuan"], "unit": ["yuan"]})
    >>> past_targets_table(c, a).iloc[0].tolist()
    ['tiexi 地区生产总值 ≥ 1,500亿元 (2025)', '`d@1` (2021-05-17)', '35% (reference class)', 'likely missed', 'derived: 1,370亿元', 'likely missed']
    """
    a = assessments.set_index("target_id")
    rows = []
    for _, r in calibration.sort_values(["year", "target_id"]).iterrows():
        row = a.loc[r["target_id"]]
        unit = str(row.get("judged_unit") or row["unit"])
        name = f"{row['region']} {row['indicator_zh'] or row['indicator']} {_COMPARATOR_SIGNS[str(r['comparator'])]} " \
               f"{_value(float(r['target_value']), unit)} ({int(r['year'])})"
        then = f"{100 * float(r['prob_then']):.0f}% ({r['basis_then']})" if pd.notna(r["prob_then"]) and r["prob_then"] != "" \
            else f"— ({r['status_then']})"
        basis = str(r["outcome_basis"] or "")
        if r["outcome"] not in ("", "overdue") and pd.notna(r["outcome_value"]) and r["outcome_value"] != "":
            basis = f"{basis + ': ' if basis else ''}{_value(float(r['outcome_value']), unit)}"
        rows.append([name, f"`{r['target_id']}` ({r['document_published']})", then, r["outcome"], basis, r["status_now"]])
    return pd.DataFrame(rows, columns=["target", "document (date)", "probability then (basis)", "outcome",
                                       "basis of the outcome", "status now"])

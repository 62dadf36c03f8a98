"""Checking the method against what happened: targets whose year has been observed.

:func:`calibration_table` lists them with the probability the method gave from the data
knowable at the document's date; :func:`brier` scores those probabilities.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .feasibility import brier_score

__all__ = ["calibration_table", "brier"]


def calibration_table(table: pd.DataFrame) -> pd.DataFrame:
    """Targets whose year has been observed (met or missed), next to what the method said then.

    ``prob_then`` is the probability from the data knowable at the document's publication
    date (empty when that view had no projection). Columns: target_id, region, indicator,
    year, comparator, target_value, document_published, document_baseline_year, model_then,
    prob_then, status_then, outcome, outcome_value, outcome_basis, squared_error.
    """
    done = table[table["outcome"].isin(["met", "missed"])]
    out = pd.DataFrame({
        "target_id": done["target_id"], "region": done["region"], "indicator": done["indicator"],
        "year": done["year"], "comparator": done["comparator"], "target_value": done["target_value"],
        "document_published": done["document_published"], "document_baseline_year": done["document_baseline_year"],
        "model_then": done["document_model"], "prob_then": done["document_prob_meet"],
        "status_then": done["document_status"], "outcome": done["outcome"], "outcome_value": done["outcome_value"],
        "outcome_basis": done["outcome_basis"],
    })
    out["squared_error"] = (out["prob_then"] - (out["outcome"] == "met").astype(float)) ** 2
    return out.reset_index(drop=True)


def brier(calibration: pd.DataFrame) -> dict[str, Any]:
    """Brier score of the calibration table's rows that had a probability (``None`` if none did).

    >>> c = pd.DataFrame({"prob_then": [0.8, float("nan")], "outcome": ["met", "missed"]})
    >>> brier(c)
    {'n_outcomes': 2, 'n_scored': 1, 'brier': 0.04}
    """
    scored = calibration[calibration["prob_then"].notna()]
    score = brier_score(scored["prob_then"].to_list(), (scored["outcome"] == "met").to_list()) if len(scored) else None
    return {"n_outcomes": int(len(calibration)), "n_scored": int(len(scored)),
            "brier": None if score is None else round(score, 6)}

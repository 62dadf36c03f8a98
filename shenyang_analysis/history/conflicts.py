"""Sources that disagree: one figure per key by a single documented rule, and the disagreements.

>>> KEY
['region', 'indicator', 'year', 'measure']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..config import DEFAULT_PARAMS
from ..vocab import HISTORY_STATUSES

__all__ = ["KEY", "STATUS_RANK", "resolve_conflicts"]

KEY = ["region", "indicator", "year", "measure"]
STATUS_RANK = {s: i for i, s in enumerate(HISTORY_STATUSES)}


def resolve_conflicts(
    history: pd.DataFrame, rel_tol: float = DEFAULT_PARAMS.conflict_rel_tol,
    pct_tol: float = DEFAULT_PARAMS.conflict_pct_tol,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(chosen, conflicts): one row per (region, indicator, year, measure), and the disagreements.

    The rule: a level beats a bound (``bound`` exact or about before lower or upper: a
    threshold such as 突破1.5万 is not the year's figure when the figure is known), then the
    best ``status`` wins, in the order revised > official (panel, bulletin, agency) >
    preliminary > document > estimate > derived > secondary; among equals the row latest in the
    table's order (history files in file order, then panel, documents, derived figures).
    ``chosen`` gets ``n_sources`` (rows sharing the key). ``conflicts`` has one row per
    candidate of every key whose values spread (max − min) by more than ``rel_tol`` of the
    largest absolute value (0.5 %), or by more than ``pct_tol`` (0.05) for percent and
    percentage-point figures; with ``is_chosen``, ``spread`` and ``tolerance``.

    >>> h = pd.DataFrame({"region": "r", "indicator": "gdp", "year": 2018, "measure": "level", "unit": "yuan",
    ...     "value": [100.0, 103.0, 101.0], "status": ["preliminary", "revised", "estimate"], "bound": "exact",
    ...     "source": ["a", "b", "c"], "origin": "history_file"})
    >>> chosen, conflicts = resolve_conflicts(h)
    >>> chosen[["value", "status", "n_sources"]].values.tolist()
    [[103.0, 'revised', 3]]
    >>> conflicts[["value", "is_chosen"]].values.tolist()
    [[100.0, False], [103.0, True], [101.0, False]]
    """
    h = history.reset_index(drop=True).copy()
    unknown = sorted(set(h["status"]) - set(HISTORY_STATUSES))
    if unknown:
        raise ValueError(f"resolve_conflicts: unknown status value(s) {unknown}; expected one of {list(HISTORY_STATUSES)}")
    h["_pos"] = np.arange(len(h))
    bound = h["bound"] if "bound" in h.columns else pd.Series("exact", index=h.index)
    h["_rank"] = h["status"].map(STATUS_RANK).astype(int) + len(STATUS_RANK) * bound.isin(["lower", "upper"]).astype(int)
    order = h.sort_values(KEY + ["_rank", "_pos"], ascending=[True] * len(KEY) + [True, False], kind="stable")
    chosen_pos = order.drop_duplicates(KEY, keep="first")["_pos"]
    h["is_chosen"] = h["_pos"].isin(chosen_pos)
    h["n_sources"] = h.groupby(KEY)["value"].transform("size").astype("int64")
    chosen = h[h["is_chosen"]].sort_values(KEY, kind="stable")
    chosen = chosen.drop(columns=["_pos", "_rank", "is_chosen"]).reset_index(drop=True)

    g = h.groupby(KEY)["value"]
    h["spread"] = g.transform("max") - g.transform("min")
    scale = h["value"].abs().groupby([h[k] for k in KEY]).transform("max")
    pct = h["unit"].isin(["percent", "percentage_point"])
    h["tolerance"] = np.where(pct, pct_tol, rel_tol * scale)
    bad = h["spread"] > h["tolerance"] * (1 + 1e-9)
    conflicts = h[bad].sort_values(KEY + ["_pos"], kind="stable").drop(columns=["_pos", "_rank"])
    return chosen, conflicts.reset_index(drop=True)

"""shenyang_analysis: the numeric targets of Chinese development plans as tidy data.

The small public API for notebooks (each name is imported on first use, so that
``import shenyang_analysis`` stays as cheap as importing pandas):

* :func:`load_targets` — the tidy target table (built from ``data/raw`` if not yet built);
* :func:`find_targets` — targets by region, indicator, year or words of the quote;
* :func:`extract_text` — the extractor's rows for any plan text;
* :func:`parse_quantity` — one quantity such as ``"1.1万亿"`` into a value in its base unit;
* :func:`load_assessments` — one row per target with a history: baseline, required and
  historical growth, projection with 80/95% intervals, probability, status, outcome;
* :func:`assessment_for` — one target's assessment with its series and projection (``model=``,
  ``inflation_pct=``, ``params=``), and :func:`target_paths` / :func:`describe` for its growth
  paths and a paragraph in words (``lang="zh"`` or ``"en"``); :func:`target_context` for any
  target, assessed or not;
* :func:`load_history` — the tidy table of past figures with their sources;
* :func:`load_data` — all of a build's tables at once (what the notebooks read);
* :func:`growth_target_probability` — P(a growth-rate target is met), calibrated on 1,836 past
  targets of Chinese cities, and :func:`calibration_evidence` — the sentence saying how often
  such probabilities came true;
* :class:`AnalysisParams` — every parameter of an analysis (model, inflation, thresholds);
* ``sa.plots``, ``sa.tables``, ``sa.labels`` — the charts, small tables and words of the reports.

>>> import shenyang_analysis as sa
>>> q = sa.parse_quantity("16.4亿元")
>>> q.value, q.unit
(Decimal('1640000000'), 'yuan')
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name → module that defines it (imported on first access)
_EXPORTS: dict[str, str] = {
    "load_targets": "datasets", "load_assessments": "datasets", "load_history": "datasets",
    "load_data": "datasets", "assessment_for": "datasets", "extract_text": "datasets",
    "find_targets": "datasets", "target_context": "datasets",
    "target_paths": "model.assess", "describe": "present.verdicts",
    "parse_quantity": "extract.quantities", "Quantity": "extract.quantities", "QuantityError": "extract.quantities",
    "AnalysisParams": "config", "HEADLINE_TARGETS": "config",
    "growth_target_probability": "model.target_probability", "calibration_evidence": "model.target_probability",
}
# submodules reachable as attributes (sa.plots, sa.tables)
_SUBMODULES: dict[str, str] = {
    "plots": "present.plots", "tables": "present.tables", "fonts": "present.fonts", "labels": "present.labels",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{_SUBMODULES[name]}", __name__)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | set(_SUBMODULES))

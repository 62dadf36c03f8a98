"""The project's controlled vocabulary: every set of allowed words, declared once.

The tables' schemas, the extractor, the history reader, the assessments and the reports all
take their words from here, so a new comparator or status is added in one place.

>>> "district" in LEVELS, ">=" in COMPARATORS, "yuan" in MONEY_UNITS
(True, True, True)
>>> STATUSES[0], OUTCOMES[:2]
('achieved', ('met', 'missed'))
"""

from __future__ import annotations

import re

__all__ = [
    "LEVELS", "GENRES", "KINDS", "COMPARATORS", "ROW_ORIGINS", "UNITS", "MONEY_UNITS", "PERCENT_UNITS",
    "MEASURES", "HISTORY_STATUSES", "HISTORY_ORIGINS", "STATUSES", "PROGRESS_CLASSES", "OUTCOMES",
    "VIEWS", "SLUG", "INDICATOR_ID", "TARGET_WORDINGS", "GROWTH_EVENTS",
]

#: Administrative level of a document's region.
LEVELS: tuple[str, ...] = ("city", "district", "province", "county", "national")
#: Genre of a document: a development plan (规划, 纲要), a government work report (政府工作报告),
#: a statistical communiqué or analysis (统计公报), a news item, an action plan (行动方案, 实施方案);
#: ``unknown`` when neither the manifest nor the text says (sentence-level rules only).
GENRES: tuple[str, ...] = ("plan", "work_report", "communique", "news", "action_plan", "unknown")
#: A statement is a goal for the future or a figure reported as achieved or estimated.
KINDS: tuple[str, ...] = ("target", "observation")
#: ``>=`` at least (以上, 突破, 超过, 不少于), ``<=`` at most (以内, 以下, 控制在), ``<`` just under
#: (逼近, 接近, 近 X: approaching X from below, so below it), ``~`` about (左右, 约), ``==`` a bare figure.
COMPARATORS: tuple[str, ...] = (">=", "<=", "<", "~", "==")
#: Where a row of the target table comes from.
ROW_ORIGINS: tuple[str, ...] = ("extracted", "curated")
#: Base units of values (yuan, not 亿元; count, not 万人).
UNITS: tuple[str, ...] = (
    "yuan", "usd", "percent", "percentage_point", "count", "mu", "jin", "ton", "kw", "kwh", "kv",
    "sqm", "sqkm", "km", "m", "cubic_m", "hectare", "day", "hour", "workday", "pflops", "times", "ug_m3",
)
MONEY_UNITS: frozenset[str] = frozenset({"yuan", "usd"})
PERCENT_UNITS: frozenset[str] = frozenset({"percent", "percentage_point"})
#: What a history figure measures: a level, a growth rate (%), or a share (%).
MEASURES: tuple[str, ...] = ("level", "growth", "share")
#: Status of a history figure, in order of preference when sources disagree.
HISTORY_STATUSES: tuple[str, ...] = (
    "revised", "official", "preliminary", "document", "estimate", "secondary", "lower_bound",
)
HISTORY_ORIGINS: tuple[str, ...] = ("history_file", "city_panel", "document")
#: Status of an assessed target (see docs/methods.md).
STATUSES: tuple[str, ...] = ("achieved", "on track", "likely", "uncertain", "unlikely", "off track", "insufficient data")
#: Eurostat / Statistics Canada progress classes (historical against required growth).
PROGRESS_CLASSES: tuple[str, ...] = (
    "achieved", "on track", "acceleration needed", "limited progress", "deterioration", "insufficient data",
)
#: Outcome of a target whose year has been observed ("" when not yet).
OUTCOMES: tuple[str, ...] = ("met", "missed", "undetermined", "")
#: ``latest``: every year known now; ``document``: what the document's readers could know.
VIEWS: tuple[str, ...] = ("latest", "document")
#: Wording of a growth-rate target: ``above`` "X% or more" (以上), ``plain`` "X%" or "X%左右".
TARGET_WORDINGS: tuple[str, ...] = ("above", "plain")
#: What the calibrated growth-target model predicts: ``floor`` growth at or above the figure
#: (``>=``, a bare figure), ``about`` growth at or above the figure less the tolerance (``~``).
GROWTH_EVENTS: tuple[str, ...] = ("floor", "about")
#: A region or document slug: lower-case pinyin (tiexi, shenyang).
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
#: A canonical indicator id (snake_case).
INDICATOR_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")

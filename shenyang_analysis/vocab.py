"""The project's controlled vocabulary: every set of allowed words, declared once.

The tables' schemas, the extractor, the history reader, the assessments and the reports all
take their words from here, so a new comparator or status is added in one place.

>>> "district" in LEVELS, ">=" in COMPARATORS, "yuan" in MONEY_UNITS
(True, True, True)
>>> STATUSES[0], OUTCOMES[:2]
('achieved', ('met', 'likely met'))
>>> COMPARATOR_BOUND["<"], FIGURE_BOUNDS
('upper', ('exact', 'lower', 'upper', 'about'))
"""

from __future__ import annotations

import re

__all__ = [
    "LEVELS", "GENRES", "KINDS", "COMPARATORS", "ROW_ORIGINS", "UNITS", "MONEY_UNITS", "PERCENT_UNITS",
    "MEASURES", "HISTORY_STATUSES", "OBSERVED_STATUSES", "HISTORY_ORIGINS", "FIGURE_BOUNDS", "COMPARATOR_BOUND",
    "STATUS_MEANINGS", "STATUSES", "DATA_BACKED_STATUSES", "PROGRESS_CLASSES", "OUTCOME_MEANINGS", "OUTCOMES",
    "NO_STATUS_REASONS", "BASES", "VIEWS", "PARENT_REGION", "NORTHEAST_PROVINCES", "SLUG", "INDICATOR_ID",
    "TARGET_WORDINGS", "DOC_ID", "GROWTH_EVENTS", "LANGUAGES", "REGION_NAMES",
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
#: What a figure's wording says about the true value: ``exact``; ``lower``: at least this (突破,
#: 以上, 超过); ``upper``: at most or below this (以内, 逼近, 接近, 近); ``about`` (左右, 约).
FIGURE_BOUNDS: tuple[str, ...] = ("exact", "lower", "upper", "about")
#: The bound a comparator gives a reported figure (an observation written 突破1200亿 is a lower bound).
COMPARATOR_BOUND: dict[str, str] = {">=": "lower", "<=": "upper", "<": "upper", "~": "about", "==": "exact"}
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
#: Status of a history figure (how it was produced), in order of preference when sources
#: disagree: ``derived`` is computed from other figures (a stock minus its net increase, a level
#: from a ratio); the figure's bound is separate (:data:`FIGURE_BOUNDS`).
HISTORY_STATUSES: tuple[str, ...] = (
    "revised", "official", "preliminary", "document", "estimate", "derived", "secondary",
)
#: Statuses of a figure that counts as observed: it settles an outcome as ``met``/``missed``;
#: any other status (estimate, derived, secondary, interpolated) only as ``likely met``/``likely missed``.
OBSERVED_STATUSES: frozenset[str] = frozenset({"revised", "official", "preliminary", "document"})
HISTORY_ORIGINS: tuple[str, ...] = ("history_file", "city_panel", "document", "derived")
#: Status of a target, each with its meaning (docs/methods.md); the order is best to worst, then none.
STATUS_MEANINGS: dict[str, str] = {
    "achieved": "an observed (official or preliminary) figure for the target year meets the target",
    "likely achieved": "the target-year figure meets the target but is an estimate, derived, interpolated or secondary",
    "currently meets": "a figure before the target year already meets it; not settled (rates and ceilings can move back)",
    "on track": "probability of meeting the target at least 0.90",
    "likely": "probability at least 0.66",
    "uncertain": "probability at least 0.33",
    "unlikely": "probability at least 0.10",
    "off track": "probability below 0.10 (a forecast, not an observed miss)",
    "likely missed": "the target-year figure misses the target but is an estimate, derived, interpolated or secondary",
    "missed": "an observed (official or preliminary) figure for the target year, or a bound of one, misses the target",
    "insufficient data": "no data-backed verdict; the row's status_reason says why and data_needed what would settle it",
}
STATUSES: tuple[str, ...] = tuple(STATUS_MEANINGS)
#: Statuses that are verdicts backed by data (all but ``insufficient data``).
DATA_BACKED_STATUSES: frozenset[str] = frozenset(STATUSES[:-1])
#: Eurostat / Statistics Canada progress classes (historical against required growth).
PROGRESS_CLASSES: tuple[str, ...] = (
    "currently meets", "on track", "acceleration needed", "limited progress", "deterioration", "insufficient data",
)
#: Outcome of a target whose year has passed, each with its meaning ("" while the year is to come).
OUTCOME_MEANINGS: dict[str, str] = {
    "met": "an observed (official or preliminary) figure for the target year meets the target",
    "likely met": "the figure that meets it rests on estimates, derivations or interpolation (outcome_basis shows the chain)",
    "likely missed": "the figure that misses it rests on estimates, derivations or interpolation",
    "missed": "an observed figure, or an observed bound (逼近: below), misses the target",
    "undetermined": "the only figure is a bound that does not settle the comparison",
    "overdue": "the target year has passed and no figure for it is known; the probability is as of the last data",
    "": "the target year has not passed",
}
OUTCOMES: tuple[str, ...] = tuple(OUTCOME_MEANINGS)
#: Why a target has no data-backed status (one line per reason in ``build_summary.json``).
NO_STATUS_REASONS: dict[str, str] = {
    "indicator not in the catalog": "the target's phrase has no catalog indicator, so no history can be matched",
    "no target year": "the statement names no year",
    "absolute change, not a level": "an increase or cut in absolute terms (增加88天) needs the level it starts from",
    "no history for this region and indicator": "no past figure of this indicator for this region (or a parent to borrow from)",
    "history in another unit": "the past figures are in another unit than the target",
    "no figure before the target year": "every known figure is from the target year or later, none before it",
    "too few observations for a projection": "too few consecutive years for a model and nothing to borrow strength from",
    "flow without a like-period history": "a flow (new jobs, projects) needs figures for like periods; those known are not",
    "cumulative total over a period": "a total over several years needs figures for the same kind of period",
}
#: What a projection or probability rests on (the ``basis`` column of the assessments).
BASES: dict[str, str] = {
    "own series": "the region's own series, by the default projection model",
    "share of parent": "the region's share of its parent (trend fitted with statsmodels) times the parent's projection",
    "parent series": "the parent region's series of the same rate, with a reference class of yearly changes",
    "reference class": "the yearly changes or growth rates of comparable regions (the reference class)",
    "short series": "the region's own trend from a few figures, the variability pooled from the history's other counts",
    "past targets": ("a growth-rate target's probability from the model calibrated on past city GDP-growth targets and "
                     "their outcomes (target-setting and projection views, year shock); the projection columns are the "
                     "own series' projection view"),
    "": "no projection",
}
#: ``latest``: every year known now; ``document``: what the document's readers could know.
VIEWS: tuple[str, ...] = ("latest", "document")
#: Wording of a growth-rate target: ``above`` "X% or more" (以上), ``plain`` "X%" or "X%左右".
TARGET_WORDINGS: tuple[str, ...] = ("above", "plain")
#: The administrative parent of a region: where strength is borrowed from (district → city → province).
PARENT_REGION: dict[str, str] = {
    "tiexi": "shenyang", "hunnan": "shenyang", "heping": "shenyang", "shenhe": "shenyang", "dadong": "shenyang",
    "huanggu": "shenyang", "yuhong": "shenyang", "shenbei": "shenyang", "sujiatun": "shenyang", "shenyang": "liaoning",
}
#: Province codes of China's Northeast (Liaoning, Jilin, Heilongjiang): the regional reference class.
NORTHEAST_PROVINCES: dict[int, str] = {210000: "辽宁", 220000: "吉林", 230000: "黑龙江"}
#: What the calibrated growth-target model predicts: ``floor`` growth at or above the figure
#: (``>=``, a bare figure), ``about`` growth at or above the figure less the tolerance (``~``).
GROWTH_EVENTS: tuple[str, ...] = ("floor", "about")
#: A region or document slug: lower-case pinyin (tiexi, shenyang).
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
#: A document id: lower-case letters, digits, ``_`` and ``-`` (it names the file ``<doc_id>.txt``,
#: so no ``/``, ``.`` or ``..``), at most 100 characters.
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
#: A canonical indicator id (snake_case).
INDICATOR_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
#: Languages of the reports and of the verdicts in words: Chinese (the default) and English.
LANGUAGES: tuple[str, ...] = ("zh", "en")
#: The regions the documents and the history speak of: slug → (Chinese name, English name).
REGION_NAMES: dict[str, tuple[str, str]] = {
    "shenyang": ("沈阳市", "Shenyang"), "liaoning": ("辽宁省", "Liaoning Province"),
    "tiexi": ("铁西区", "Tiexi District"), "hunnan": ("浑南区", "Hunnan District"),
    "heping": ("和平区", "Heping District"), "shenhe": ("沈河区", "Shenhe District"),
    "dadong": ("大东区", "Dadong District"), "huanggu": ("皇姑区", "Huanggu District"),
    "yuhong": ("于洪区", "Yuhong District"), "shenbei": ("沈北新区", "Shenbei New District"),
    "sujiatun": ("苏家屯区", "Sujiatun District"), "liaozhong": ("辽中区", "Liaozhong District"),
    "xinmin": ("新民市", "Xinmin"), "kangping": ("康平县", "Kangping County"), "faku": ("法库县", "Faku County"),
}

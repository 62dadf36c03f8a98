"""Every word a report shows, in Chinese and English, declared once and keyed by the project's words.

The tables speak the words of :mod:`shenyang_analysis.vocab` (``on track``, ``lower_bound``,
``>=``, ``count``, …); readers see them here translated. Each vocabulary has one table
``word → (中文, English)`` below, and :data:`VOCABULARY_LABELS` says which vocabulary of
``vocab.py`` each table covers, so a test can check that every word has both labels: a word
added to ``vocab.py`` without its labels fails the test suite. At run time a word without a
label is shown as itself, marked ``（未译）`` in Chinese, with a :class:`MissingLabelWarning`;
it never stops a report.

The Chinese statuses follow the calibrated language of the IPCC's Chinese reports (很可能 ≥ 90 %,
可能 ≥ 66 %): 很可能实现 · 可能实现 · 不确定 · 不太可能实现 · 难以实现 for a probability; 已实现 / 未实现
when an observed figure for the target year settles it, 很可能已实现 / 很可能未实现 when that figure
is an estimate or derived, 目前已达到 when a figure before the target year already meets it; 数据不足
otherwise. An outcome is 已实现 / 很可能已实现 / 很可能未实现 / 未实现 / 无法判定, or 已到期，尚无数据 (overdue).

Numbers are written as Chinese readers write them: ``1,500亿元``, ``1.1万亿元``, ``3万家``,
``5.5万人``, ``3.5%``; the English gives the same figure in words and keeps the plan's own
figure: ``150 billion yuan (1,500亿元)``.

>>> status_label("on track"), status_label("on track", "en")
('很可能实现', 'on track')
>>> format_amount(1.5e11, "yuan"), format_amount(1.1e12, "yuan"), format_amount(30000, "count", measure_word="家")
('1,500亿元', '1.1万亿元', '3万家')
>>> format_amount(1.5e11, "yuan", "en"), format_amount(55000, "count", "en", measure_word="人")
('150 billion yuan (1,500亿元)', '55,000')
>>> region_label("tiexi"), region_label("tiexi", "en")
('铁西区', 'Tiexi District')
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Mapping
from typing import Any

from ..table.catalog import load_catalog
from ..vocab import LANGUAGES, REGION_NAMES

__all__ = [
    "DEFAULT_LANG", "LabelError", "MissingLabelWarning", "VOCABULARY_LABELS", "STATUS_LABELS", "PROGRESS_LABELS",
    "OUTCOME_LABELS", "POINT_LABELS", "COMPARATOR_LABELS", "COMPARATOR_SYMBOLS", "MEASURE_LABELS", "UNIT_LABELS",
    "LEVEL_LABELS", "KIND_LABELS", "CATEGORY_LABELS", "MODEL_LABELS", "GROWTH_MODEL_LABELS", "REASON_LABELS",
    "BASIS_LABELS", "GENRE_LABELS",
    "BOUND_LABELS", "WORDING_LABELS", "EVENT_LABELS", "TEXT",
    "check_lang", "label", "text", "status_label", "progress_label", "outcome_label", "point_label", "model_label",
    "region_label", "category_label", "indicator_label", "unit_label", "measure_word", "format_number",
    "format_amount", "format_rate", "format_prob", "target_phrase", "target_title", "axis_unit", "five_year_plan",
    "report_title", "basis_label", "bound_label", "figure_kind",
]

#: The language of reports and verdicts unless told otherwise: the plans and most readers are Chinese.
DEFAULT_LANG = "zh"

Labels = Mapping[str, tuple[str, str]]

#: Status of an assessed target (vocab.STATUSES).
STATUS_LABELS: Labels = {
    "achieved": ("已实现", "achieved"),
    "likely achieved": ("很可能已实现", "likely achieved"),
    "currently meets": ("目前已达到", "currently meets"),
    "on track": ("很可能实现", "on track"),
    "likely": ("可能实现", "likely"),
    "uncertain": ("不确定", "uncertain"),
    "unlikely": ("不太可能实现", "unlikely"),
    "off track": ("难以实现", "off track"),
    "likely missed": ("很可能未实现", "likely missed"),
    "missed": ("未实现", "missed"),
    "insufficient data": ("数据不足", "insufficient data"),
}
#: Progress classes: historical against required growth (vocab.PROGRESS_CLASSES).
PROGRESS_LABELS: Labels = {
    "achieved": ("已实现", "achieved"),
    "currently meets": ("目前已达到", "currently meets"),
    "on track": ("增速足够", "on track"),
    "acceleration needed": ("需要加速", "acceleration needed"),
    "limited progress": ("进展有限", "limited progress"),
    "deterioration": ("背离目标", "deterioration"),
    "insufficient data": ("数据不足", "insufficient data"),
}
#: Outcome once the target year has been observed (vocab.OUTCOMES; "" = not yet).
OUTCOME_LABELS: Labels = {
    "met": ("已实现", "met"),
    "likely met": ("很可能已实现", "likely met"),
    "likely missed": ("很可能未实现", "likely missed"),
    "missed": ("未实现", "missed"),
    "undetermined": ("无法判定", "undetermined"),
    "overdue": ("已到期，尚无数据", "overdue"),
    "": ("尚未揭晓", "not yet known"),
}
#: What a figure of a series is (vocab.HISTORY_STATUSES, plus the assessment's ``derived``
#: years and ``upper_bound`` figures such as 逼近/接近): chart markers and source tables.
POINT_LABELS: Labels = {
    "revised": ("修订数", "revised"),
    "official": ("统计数", "official"),
    "preliminary": ("初步核算数", "preliminary"),
    "document": ("文件所载数", "from a plan document"),
    "estimate": ("预计数", "estimate"),
    "secondary": ("转引数", "secondary source"),
    "lower_bound": ("下限（突破/超过）", "lower bound (at least)"),
    "upper_bound": ("上限（逼近/接近）", "upper bound (below)"),
    "derived": ("推算数", "derived"),
    "interpolated": ("插值数", "interpolated"),
}
#: Comparators in words (vocab.COMPARATORS): 突破 = at least, 控制在 = at most.
COMPARATOR_LABELS: Labels = {
    ">=": ("不低于", "at least"),
    "<=": ("不高于", "at most"),
    "<": ("低于", "below"),
    "~": ("约", "about"),
    "==": ("达到", ""),
}
#: Comparators as symbols in titles and tables.
COMPARATOR_SYMBOLS: Mapping[str, str] = {">=": "≥", "<=": "≤", "<": "<", "~": "≈", "==": "="}
#: What a history figure measures (vocab.MEASURES).
MEASURE_LABELS: Labels = {
    "level": ("总量", "level"),
    "growth": ("增速", "growth rate"),
    "share": ("比重", "share"),
}
#: Base units (vocab.UNITS): the Chinese unit word and the English one. Money and counts are
#: formatted by :func:`format_amount` (亿元, 万家); this is the word for everything else.
UNIT_LABELS: Labels = {
    "yuan": ("元", "yuan"), "usd": ("美元", "US dollars"), "percent": ("%", "%"),
    "percentage_point": ("个百分点", "percentage points"), "count": ("", ""), "mu": ("亩", "mu"),
    "jin": ("斤", "jin"), "ton": ("吨", "tonnes"), "kw": ("千瓦", "kW"), "kwh": ("千瓦时", "kWh"),
    "kv": ("千伏", "kV"), "sqm": ("平方米", "m²"), "sqkm": ("平方公里", "km²"), "km": ("公里", "km"),
    "m": ("米", "m"), "cubic_m": ("立方米", "m³"), "hectare": ("公顷", "hectares"), "day": ("天", "days"),
    "hour": ("小时", "hours"), "workday": ("个工作日", "working days"), "pflops": ("P（每秒千万亿次浮点运算）", "PFLOPS"),
    "times": ("倍", "times"), "ug_m3": ("微克/立方米", "µg/m³"),
}
#: Administrative levels (vocab.LEVELS).
LEVEL_LABELS: Labels = {
    "city": ("市级", "city"), "district": ("区级", "district"), "province": ("省级", "province"),
    "county": ("县级", "county"), "national": ("国家级", "national"),
}
#: Kinds of statements (vocab.KINDS).
KIND_LABELS: Labels = {"target": ("目标", "target"), "observation": ("实际数", "observation")}
#: The catalog's categories (table.catalog.ALLOWED_CATEGORIES).
CATEGORY_LABELS: Labels = {
    "economy": ("经济", "economy"), "industry": ("工业", "industry"), "innovation": ("创新", "innovation"),
    "digital": ("数字化", "digital"), "openness": ("开放", "openness"), "green": ("绿色", "green"),
    "social": ("社会", "social"), "agriculture": ("农业", "agriculture"), "governance": ("治理", "governance"),
    "investment": ("投资", "investment"), "consumption": ("消费", "consumption"), "fiscal": ("财政", "fiscal"),
    "infrastructure": ("基础设施", "infrastructure"), "urban": ("城市建设", "urban"), "talent": ("人才", "talent"),
    "education": ("教育", "education"), "health": ("卫生健康", "health"), "culture": ("文化", "culture"),
    "": ("（不在指标目录）", "(not in the catalog)"),
}
#: Projection models (model.projections.MODELS, the reference class, none).
MODEL_LABELS: Labels = {
    "drift": ("漂移模型", "drift"), "loglinear": ("对数线性趋势", "log-linear trend"), "holt": ("Holt 线性趋势", "Holt"),
    "holt_damped": ("阻尼 Holt", "damped Holt"), "theta": ("Theta 模型", "Theta"),
    "drift_recent": ("近期加权阻尼漂移模型", "recency-weighted damped drift (drift_recent)"),
    "drift_blend": ("漂移混合模型", "drift blend"), "combination": ("模型组合", "combination"),
    "reference class": ("参照类", "reference class"), "share of parent": ("上级地区比重法", "share of the parent region"),
    "parent series": ("上级地区序列", "the parent region's series"), "short series": ("短序列趋势", "a short series' trend"),
    "": ("无预测", "no projection"),
}
#: The models of the growth-target calibration (model.target_calibration.ROLLING_MODELS, the second
#: stages, the model without a parent's target): the calibration report's words, and a growth-rate
#: target's model when the calibrated probability answers.
GROWTH_MODEL_LABELS: Labels = {
    "climatology": ("气候基准（过去的达标比例）", "climatology (past share met)"),
    "ambition": ("仅用目标雄心的logit", "logit on ambition alone"),
    "target_level": ("仅用目标值的logit", "logit on the target alone"),
    "projection": ("仅预测视角（未校准）", "projection view alone (uncalibrated)"),
    "projection_recal": ("经早期PIT重校准的预测视角", "projection view through earlier PITs"),
    "target_setting": ("目标设定logit", "target-setting logit"),
    "combined_no_shock": ("组合模型，不含年度冲击", "combined, no year shock"),
    "combined": ("组合模型，积分掉年度冲击", "combined, year shock integrated out"),
    "combined_recal": ("组合模型再经beta校准（第二阶段）", "combined, then beta calibration (second stage)"),
    "combined_no_parent": ("组合模型（无上级目标）", "combined, without the parent's target"),
    "combined_no_parent_recal": ("组合模型（无上级目标）再经beta校准", "combined without the parent's target, then beta calibration"),
}
MODEL_LABELS = {**MODEL_LABELS, **GROWTH_MODEL_LABELS}
#: Why a target has no assessment (model.assessments.skip_reason, and the report's own reasons).
REASON_LABELS: Labels = {
    "indicator not in the catalog": ("该指标不在指标目录中", "the indicator is not in the catalog"),
    "no target year": ("目标没有年份", "the target has no year"),
    "cumulative total over a period": ("目标为一段时期的累计总量", "the target is a cumulative total over a period"),
    "absolute change, not a level": ("目标为绝对增量而非水平", "the target is an absolute change, not a level"),
    "no history for this region and indicator": ("该地区该指标没有历史数据", "there is no history for this region and indicator"),
    "history in another unit": ("历史数据的单位与目标不同", "the history is in another unit"),
    "observation": ("这是实际数而非目标", "this row is an observation, not a target"),
    "no figure before the target year": ("目标年份之前没有数据", "no figure from before the target year"),
    "too few observations for a projection": ("连续年份的数据太少，无法预测", "too few consecutive years for a projection"),
    "flow without a like-period history": ("流量指标缺少同类时期的数据", "a flow without figures for like periods"),
}
#: What a projection rests on (the assessments' ``basis``).
BASIS_LABELS: Labels = {
    "own series": ("本地区自身序列", "the region's own series"),
    "share of parent": ("占上级地区的比重", "its share of the parent region"),
    "parent series": ("上级地区的序列", "the parent region's series"),
    "reference class": ("参照类", "the reference class"),
    "short series": ("短序列趋势", "a short series' trend"),
    "past targets": ("基于历史目标校准的模型", "the model calibrated on past targets"),
    "": ("无预测", "no projection"),
}
#: Genres of documents.
GENRE_LABELS: Labels = {
    "plan": ("规划", "plan"), "work_report": ("工作报告", "work report"), "communique": ("统计公报", "communiqué"),
    "news": ("新闻报道", "news"), "action_plan": ("行动方案", "action plan"), "unknown": ("未知", "unknown"),
}
#: Bounds of a figure: exact, at least (突破), at most (逼近), about.
BOUND_LABELS: Labels = {
    "exact": ("确数", "exact"), "lower": ("下限（至少）", "lower bound (at least)"),
    "upper": ("上限（低于或至多）", "upper bound (below or at most)"), "about": ("约数", "about"),
}
#: How a growth-rate target is worded (vocab.TARGET_WORDINGS).
WORDING_LABELS: Labels = {"above": ("“以上”", "“or more”"), "plain": ("未注明以上", "a plain figure")}
#: The events the calibrated growth-target model predicts (vocab.GROWTH_EVENTS).
EVENT_LABELS: Labels = {
    "floor": ("增速不低于目标", "growth at or above the figure"),
    "about": ("增速不低于目标减去容差", "growth at or above the figure less the tolerance"),
}

#: Which vocabulary of vocab.py (or the catalog) each table labels; a test checks that every
#: word of each has a Chinese and an English label, and that every vocabulary is listed here
#: or in :data:`UNLABELLED_VOCABULARIES`.
VOCABULARY_LABELS: Mapping[str, Labels] = {
    "STATUSES": STATUS_LABELS, "STATUS_MEANINGS": STATUS_LABELS, "DATA_BACKED_STATUSES": STATUS_LABELS,
    "PROGRESS_CLASSES": PROGRESS_LABELS, "OUTCOMES": OUTCOME_LABELS, "OUTCOME_MEANINGS": OUTCOME_LABELS,
    "HISTORY_STATUSES": POINT_LABELS, "OBSERVED_STATUSES": POINT_LABELS, "FIGURE_BOUNDS": BOUND_LABELS,
    "COMPARATORS": COMPARATOR_LABELS, "COMPARATOR_BOUND": COMPARATOR_LABELS, "MEASURES": MEASURE_LABELS,
    "UNITS": UNIT_LABELS, "LEVELS": LEVEL_LABELS, "KINDS": KIND_LABELS, "GENRES": GENRE_LABELS,
    "NO_STATUS_REASONS": REASON_LABELS, "BASES": BASIS_LABELS, "TARGET_WORDINGS": WORDING_LABELS,
    "GROWTH_EVENTS": EVENT_LABELS,
}
#: Vocabularies readers never see as words (with the reason).
UNLABELLED_VOCABULARIES: Mapping[str, str] = {
    "ROW_ORIGINS": "shown only in the provenance table, as the word itself",
    "HISTORY_ORIGINS": "the sources table shows the source itself",
    "VIEWS": "the reports show the latest view; the document view is described in words",
    "LANGUAGES": "the language codes themselves",
    "MONEY_UNITS": "a subset of UNITS", "PERCENT_UNITS": "a subset of UNITS",
    "REGION_NAMES": "carries its own Chinese and English names",
    "PARENT_REGION": "region slugs, named through REGION_NAMES",
    "NORTHEAST_PROVINCES": "carries the provinces' own Chinese names",
}

#: Headings, table headers and short phrases of the reports.
TEXT: Labels = {
    # headings
    "verdict": ("结论", "The verdict in words"),
    "chart": ("历史、预测与目标", "History, projection and target"),
    "paths": ("到目标年份的增长路径", "Growth paths to the target year"),
    "figures": ("数据及其来源", "The figures and their sources"),
    "assessment": ("评估结果", "The assessment"),
    "provenance": ("目标出处", "Where the target comes from"),
    "methods": ("方法说明", "Methods"),
    "sources": ("资料来源", "Sources"),
    "parameters": ("本报告所用参数", "What this report used"),
    "requirement": ("目标要求什么", "What the target requires"),
    "settle": ("需要哪些数据", "What data would settle it"),
    "overview": ("目标总览", "The target table"),
    "portfolio": ("全部可评估目标", "All assessable targets"),
    "headlines": ("标志性目标对比", "Headline targets side by side"),
    "target_report": ("目标可行性报告", "Feasibility of one target"),
    "per_region": ("各地区、类别与年份的目标数", "Targets per region, category and year"),
    "coverage": ("哪些目标有历史数据", "Which targets have a history"),
    "row_provenance": ("一行数据的出处", "Provenance of a row"),
    "at_a_glance": ("概览", "At a glance"),
    "status_by": ("按地区和类别的状态", "Status by region and by category"),
    "gaps": ("差距（最差在前）", "The gaps, worst first"),
    "calibration": ("已到期的目标：当时的判断与结果", "Targets whose year has passed: what was said then, what happened"),
    "calibration_report": ("校准：达标概率是否名副其实", "Calibration: do the probabilities mean what they say?"),
    "in_words": ("文字说明", "In words"),
    # table headers
    "field": ("项目", "field"), "value": ("数值", "value"), "year": ("年份", "year"), "region": ("地区", "region"),
    "category": ("类别", "category"), "targets": ("目标数", "targets"), "status": ("状态", "status"),
    "source": ("来源", "source"), "phrase": ("原文", "source phrase"), "url": ("网址", "URL"),
    "indicator": ("指标", "indicator"), "target": ("目标", "target"), "prob_meet": ("达标概率", "probability"),
    "required": ("所需增速", "required"), "historical": ("历史增速", "historical"), "projected": ("预测", "projected"),
    "outcome": ("结果", "outcome"), "total": ("合计", "total"), "reason": ("原因", "reason"),
    "document": ("文件", "document"), "publisher": ("发布者", "publisher"), "date": ("日期", "date"),
    "quote": ("原文", "quote"), "model": ("模型", "model"), "baseline": ("基数", "baseline"),
    "interval80": ("80%区间", "80% interval"), "interval95": ("95%区间", "95% interval"),
    "progress": ("进度类别", "progress class"), "published": ("发布日期", "published"),
    "model_then": ("当时的模型", "model then"), "prob_then": ("文件发布时的判断", "said at the document's date"),
    "status_now": ("现在的状态", "status now"),
    "basis": ("依据", "basis"), "with_indicator": ("有指标", "with indicator"),
    "with_history": ("有历史数据", "with history"), "with_projection": ("有预测", "with projection"),
    "chosen": ("采用", "used"), "parameter": ("参数", "parameter"), "characters": ("字符位置", "characters"),
    "as_written": ("原文写法", "as written"), "line": ("行号", "line"), "normalized": ("换算后", "normalized"), "target_id": ("目标编号", "target id"),
    # chart words
    "axis_year": ("年份", "year"), "axis_prob": ("达标概率（预测分布）", "probability of meeting the target"),
    "target_marker": ("目标", "target"), "required_path": ("目标所需路径", "path the target requires"),
    "median": ("预测中位数", "projection (median)"), "band80": ("80% 预测区间", "80% interval"),
    "band95": ("95% 预测区间", "95% interval"), "plan_start": ("规划起始年", "plan starts"),
    "no_prob": ("无概率", "no prob."), "observed_outcome": ("目标年份数值", "target-year figure"),
    "no_chart": ("没有历史数据，无法作图。", "No history, so there is no chart."),
}


class LabelError(KeyError):
    """An unknown language."""


class MissingLabelWarning(UserWarning):
    """A word has no label in the requested language (the word itself is shown)."""


def check_lang(lang: str | None) -> str:
    """``lang`` if it is a report language (``None`` or ``""``: :data:`DEFAULT_LANG`).

    >>> check_lang("EN"), check_lang(None)
    ('en', 'zh')
    >>> check_lang("fr")
    Traceback (most recent call last):
    shenyang_analysis.present.labels.LabelError: "language 'fr' is not one of zh, en"
    """
    code = (lang or DEFAULT_LANG).strip().lower()
    if code not in LANGUAGES:
        raise LabelError(f"language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return code


def label(table: Labels, word: Any, lang: str = DEFAULT_LANG) -> str:
    """The label of ``word`` in ``table`` (``""`` for a missing value); an unknown word is
    shown as itself, marked in Chinese, with a :class:`MissingLabelWarning`.

    >>> label(STATUS_LABELS, "likely", "en")
    'likely'
    """
    i = LANGUAGES.index(check_lang(lang))
    key = "" if word is None or (isinstance(word, float) and math.isnan(word)) else str(word)
    if key in table:
        return table[key][i]
    warnings.warn(f"no {LANGUAGES[i]} label for {key!r}", MissingLabelWarning, stacklevel=2)
    return f"{key}（未译）" if LANGUAGES[i] == "zh" and key else key


def text(key: str, lang: str = DEFAULT_LANG) -> str:
    """A heading or phrase of the reports (:data:`TEXT`).

    >>> text("methods"), text("methods", "en")
    ('方法说明', 'Methods')
    """
    return label(TEXT, key, lang)


def status_label(status: Any, lang: str = DEFAULT_LANG) -> str:
    """The status of an assessment in words (:data:`STATUS_LABELS`)."""
    return label(STATUS_LABELS, status, lang)


def progress_label(progress: Any, lang: str = DEFAULT_LANG) -> str:
    """A progress class in words (:data:`PROGRESS_LABELS`)."""
    return label(PROGRESS_LABELS, progress, lang)


def outcome_label(outcome: Any, lang: str = DEFAULT_LANG) -> str:
    """An outcome in words (:data:`OUTCOME_LABELS`)."""
    return label(OUTCOME_LABELS, outcome, lang)


def point_label(status: Any, lang: str = DEFAULT_LANG) -> str:
    """What a figure is: official, estimate, derived, lower bound, … (:data:`POINT_LABELS`)."""
    return label(POINT_LABELS, status, lang)


def model_label(model: Any, lang: str = DEFAULT_LANG) -> str:
    """A projection model's name (:data:`MODEL_LABELS`)."""
    return label(MODEL_LABELS, model, lang)


def region_label(region: Any, lang: str = DEFAULT_LANG) -> str:
    """A region's name (vocab.REGION_NAMES); an unknown slug is shown as itself, with a warning."""
    i = LANGUAGES.index(check_lang(lang))
    names = REGION_NAMES.get(str(region))
    if names is None:
        warnings.warn(f"no name for region {region!r} in vocab.REGION_NAMES", MissingLabelWarning, stacklevel=2)
        return str(region)
    return names[i]


def category_label(category: Any, lang: str = DEFAULT_LANG) -> str:
    """A catalog category in words (:data:`CATEGORY_LABELS`)."""
    return label(CATEGORY_LABELS, category, lang)


@functools.lru_cache(maxsize=1)
def _catalog_names() -> dict[str, tuple[str, str]]:
    cat = load_catalog()
    return {str(i): (str(zh), str(en)) for i, zh, en in zip(cat["indicator"], cat["name_zh"], cat["name_en"])}


def indicator_label(indicator: Any, indicator_zh: Any = None, lang: str = DEFAULT_LANG) -> str:
    """The indicator as a reader knows it: in Chinese the phrase as written in the document
    (``indicator_zh``) or the catalog's name; in English the catalog's name (the Chinese
    phrase when the indicator is not in the catalog).

    >>> indicator_label("gdp", "地区生产总值", "en")
    'Gross regional product (GDP)'
    """
    names = _catalog_names().get(str(indicator)) if _present(indicator) else None
    phrase = str(indicator_zh) if _present(indicator_zh) else ""
    if check_lang(lang) == "zh":
        return phrase or (names[0] if names else str(indicator or ""))
    return names[1] if names else (phrase or str(indicator or ""))


def unit_label(unit: Any, lang: str = DEFAULT_LANG) -> str:
    """The word of a base unit (:data:`UNIT_LABELS`)."""
    return label(UNIT_LABELS, unit, lang)


def _present(x: Any) -> bool:
    if x is None:
        return False
    try:
        if x != x:  # NaN, pd.NA raises
            return False
    except (TypeError, ValueError):
        return False
    return str(x) != ""


_SCALE_CHARS = "万亿千百十"


def measure_word(unit_raw: Any) -> str:
    """The measure word of a count as written (家, 个, 人, …): ``unit_raw`` without scale words.

    >>> measure_word("万人"), measure_word("家"), measure_word(None)
    ('人', '家', '')
    """
    return str(unit_raw).lstrip(_SCALE_CHARS) if _present(unit_raw) else ""


def format_number(x: float, digits: int = 4) -> str:
    """``x`` with thousands separators and ``digits`` significant digits (the integer part
    is never rounded away); trailing zeros dropped.

    >>> format_number(1404.78), format_number(15.384), format_number(0.08232), format_number(1500)
    ('1,405', '15.38', '0.08232', '1,500')
    """
    if not math.isfinite(x):
        return "–"
    if x == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(abs(x))))
    out = f"{x:,.{decimals}f}"
    return out.rstrip("0").rstrip(".") if "." in out else out


def _scaled(value: float, steps: tuple[tuple[float, str], ...], digits: int) -> str:
    for divisor, word in steps:
        if abs(value) >= divisor:
            return f"{format_number(value / divisor, digits)}{word}"
    return format_number(value, digits)


_ZH_MONEY = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))
_ZH_COUNT = ((1e8, "亿"), (1e4, "万"))
_EN_MONEY = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))


def format_amount(value: float, unit: str, lang: str = DEFAULT_LANG, measure_word: str = "", digits: int = 4) -> str:
    """A value in a base unit as a reader writes it (see the module's examples).

    >>> format_amount(3.5, "percent"), format_amount(2.0, "percentage_point", "en")
    ('3.5%', '2 percentage points')
    >>> format_amount(1.0e8, "yuan"), format_amount(4.5e7, "yuan", "en")
    ('1亿元', '45 million yuan (4,500万元)')
    """
    lang = check_lang(lang)
    value = float(value)
    if not math.isfinite(value):
        return "–"
    if unit in ("yuan", "usd"):
        zh = f"{_scaled(value, _ZH_MONEY, digits)}{unit_label(unit, 'zh')}"
        if lang == "zh":
            return zh
        return f"{_scaled(value, _EN_MONEY, digits)} {unit_label(unit, 'en')} ({zh})" if abs(value) >= 1e6 else zh
    if unit == "count":
        if lang == "zh":
            return f"{_scaled(value, _ZH_COUNT, digits)}{measure_word}"
        return format_number(value, max(digits, len(str(int(abs(value))))))
    if unit == "percent":
        return f"{format_number(value, 3)}%"
    word = unit_label(unit, lang)
    sep = "" if lang == "zh" else " "
    return f"{format_number(value, digits)}{sep}{word}"


def format_rate(value: float, measure: str, lang: str = DEFAULT_LANG) -> str:
    """A growth rate: percent a year for levels, points a year for shares, percent for growth targets.

    >>> format_rate(15.384, "level"), format_rate(-0.3, "share"), format_rate(0.3, "share", "en")
    ('年均增长15.4%', '每年降低0.3个百分点', '0.3 percentage points a year')
    """
    lang = check_lang(lang)
    x = float(value)
    if not math.isfinite(x):
        return "–"
    v, a = format_number(x, 3), format_number(abs(x), 3)
    if measure == "share":
        return (f"每年{'提高' if x >= 0 else '降低'}{a}个百分点" if lang == "zh" else f"{v} percentage points a year")
    if measure == "growth":
        return f"{v}%"
    return f"年均{'增长' if x >= 0 else '下降'}{a}%" if lang == "zh" else f"{v}% a year"


def format_prob(p: Any) -> str:
    """A probability in percent (``–`` when there is none).

    >>> format_prob(0.0823), format_prob(float("nan"))
    ('8%', '–')
    """
    return f"{100 * float(p):.0f}%" if _present(p) and math.isfinite(float(p)) else "–"


def target_phrase(row: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """What a target says, in a sentence's words (``row``: a target or assessment row).

    >>> row = {"region": "tiexi", "indicator": "gdp", "indicator_zh": "地区生产总值", "comparator": ">=",
    ...        "target_value": 1.5e11, "unit": "yuan", "year": 2025}
    >>> target_phrase(row), target_phrase(row, "en")
    ('到2025年，铁西区地区生产总值不低于1,500亿元', 'Tiexi District: gross regional product (GDP) at least 150 billion yuan (1,500亿元) in 2025')
    """
    lang = check_lang(lang)
    value = row.get("target_value", row.get("value"))
    amount = format_amount(float(value), str(row["unit"]), lang, measure_word(row.get("unit_raw")), digits=6)
    if _present(row.get("target_high")) and math.isfinite(float(row["target_high"])):
        amount = f"{amount}–{format_amount(float(row['target_high']), str(row['unit']), lang, measure_word(row.get('unit_raw')), 6)}"
    comp = label(COMPARATOR_LABELS, row.get("comparator"), lang)
    name = indicator_label(row.get("indicator"), row.get("indicator_zh"), lang)
    region = region_label(row.get("region"), lang)
    year = int(row["year"]) if _present(row.get("year")) else None
    if lang == "zh":
        when = f"到{year}年，" if year else ""
        return f"{when}{region}{name}{comp}{amount}"
    name = name[:1].lower() + name[1:] if name[:2] != name[:2].upper() else name
    when = f" in {year}" if year else ""
    return f"{region}: {name} {comp + ' ' if comp else ''}{amount}{when}"


def target_title(row: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """A short title that says what the target is: region, indicator, comparator, value, year.

    >>> row = {"region": "shenyang", "indicator": "industrial_clusters_scale", "indicator_zh": "产业集群规模",
    ...        "comparator": ">=", "target_value": 1.1e12, "unit": "yuan", "year": 2025}
    >>> target_title(row)  # a no-break space keeps the comparator with its value
    '沈阳市 产业集群规模 ≥\xa01.1万亿元（2025年）'
    >>> target_title(row, "en")
    "Shenyang: Scale of Shenyang's key (10+1) industrial clusters ≥\xa01.1 trillion yuan (1.1万亿元), 2025"
    """
    lang = check_lang(lang)
    value = row.get("target_value", row.get("value"))
    amount = format_amount(float(value), str(row["unit"]), lang, measure_word(row.get("unit_raw")), digits=6)
    comp = COMPARATOR_SYMBOLS.get(str(row.get("comparator")), "")
    name = indicator_label(row.get("indicator"), row.get("indicator_zh"), lang)
    region = region_label(row.get("region"), lang)
    year = int(row["year"]) if _present(row.get("year")) else None
    amount = f"{comp}\u00a0{amount}"  # the comparator stays with its value when a title wraps
    if lang == "zh":
        return f"{region} {name} {amount}" + (f"（{year}年）" if year else "")
    return f"{region}: {name} {amount}" + (f", {year}" if year else "")


def axis_unit(unit: str, lang: str = DEFAULT_LANG, unit_raw: Any = None) -> tuple[float, str]:
    """(divisor, axis label) for charts of ``unit``: money in 亿元, counts with their measure word.

    >>> axis_unit("yuan"), axis_unit("yuan", "en"), axis_unit("count", "zh", "家")
    ((100000000.0, '亿元'), (100000000.0, '100 million yuan (亿元)'), (1.0, '家'))
    """
    lang = check_lang(lang)
    if unit in ("yuan", "usd"):
        zh = f"亿{unit_label(unit, 'zh')}"
        return 1e8, zh if lang == "zh" else f"100 million {unit_label(unit, 'en')} ({zh})"
    if unit == "count":
        word = measure_word(unit_raw)
        return 1.0, word if lang == "zh" else (f"count ({word})" if word else "count")
    return 1.0, unit_label(unit, lang)


_PLAN_NUMBERS = {10: "十", 11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六"}


def five_year_plan(year: int, lang: str = DEFAULT_LANG) -> tuple[int, int, str]:
    """(first year, last year, name) of the five-year plan period a year falls in.

    >>> five_year_plan(2025), five_year_plan(2021, "en"), five_year_plan(2026)[:2]
    ((2021, 2025, '“十四五”规划'), (2021, 2025, '14th Five-Year Plan'), (2026, 2030))
    """
    start = 2021 + 5 * ((int(year) - 2021) // 5)
    n = (start - 1966) // 5 + 3
    if check_lang(lang) == "zh":
        return start, start + 4, f"“{_PLAN_NUMBERS.get(n, str(n))}五”规划"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return start, start + 4, f"{n}{suffix} Five-Year Plan"


_REPORT_TOPICS = {"01_overview": "overview", "02_target_report": "target_report", "03_portfolio": "portfolio",
                  "04_headlines": "headlines", "05_calibration": "calibration_report"}


def report_title(notebook: str, lang: str = DEFAULT_LANG, target: Mapping[str, Any] | None = None) -> str:
    """A report's title: what the target is for a target report, else the notebook's topic.

    >>> report_title("03_portfolio.ipynb"), report_title("03_portfolio", "en")
    ('全部可评估目标', 'All assessable targets')
    """
    if target is not None:
        return target_title(target, lang)
    stem = notebook.rsplit("/", 1)[-1].removesuffix(".ipynb")
    return text(_REPORT_TOPICS[stem], lang) if stem in _REPORT_TOPICS else stem


def figure_kind(status: Any, bound: Any = "exact") -> str:
    """The kind of a figure for its marker and label: a bound (``lower_bound``, ``upper_bound``)
    when its wording makes it one (突破 / 逼近), else its status (official, estimate, derived, …).

    >>> figure_kind("official", "upper"), figure_kind("estimate", "exact"), figure_kind(None)
    ('upper_bound', 'estimate', 'official')
    """
    b = str(bound) if _present(bound) else "exact"
    if b in ("lower", "upper"):
        return f"{b}_bound"
    return str(status) if _present(status) else "official"


def bound_label(bound: Any, lang: str = DEFAULT_LANG) -> str:
    """A figure's bound in words (:data:`BOUND_LABELS`); ``""`` for an exact figure."""
    b = str(bound) if _present(bound) else "exact"
    return "" if b == "exact" else label(BOUND_LABELS, b, lang)


_BASIS_BOUNDS = {"a lower bound (at least)": "lower", "an upper bound (below)": "upper", "about": "about"}


def basis_label(basis: Any, lang: str = DEFAULT_LANG) -> str:
    """What an outcome or a baseline rests on (``outcome_basis``: ``official, an upper bound
    (below)``, ``derived``, …) in words; parts it does not know are shown as written.

    >>> basis_label("official, an upper bound (below)"), basis_label("derived", "en")
    ('统计数，上限（低于或至多）', 'derived')
    """
    if not _present(basis):
        return ""
    zh = check_lang(lang) == "zh"
    parts = []
    for part in str(basis).split(", "):
        if part in POINT_LABELS:
            parts.append(label(POINT_LABELS, part, lang))
        elif part in _BASIS_BOUNDS:
            parts.append(label(BOUND_LABELS, _BASIS_BOUNDS[part], lang))
        else:
            parts.append(part)
    return ("，" if zh else ", ").join(parts)

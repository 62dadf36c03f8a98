"""Find quantitative statements (targets and dated observations) in Chinese plan text.

The extractor is rule-based and general: it never looks for particular sentences. For each
quantity that :func:`shenyang_analysis.extract.quantities.find_quantities` finds it decides

* whether it is a measure at all (not an ordinal, a name in quotes, a category threshold
  such as 亿元以上项目, a product specification, or a count of the plan's own tasks);
* its **kind**: ``target`` (a goal for the future) or ``observation`` (a figure reported as
  achieved or estimated for a past or current period);
* its **year**: the last time expression before it in the sentence (到2025年, 2023年底前,
  今年/全年/年底前 against the document's reference date, 去年, “十三五” → 2020), else the one
  carried from earlier in the paragraph or the section heading, else a default (the
  horizon of a five-year plan named in the title for targets; the reference year otherwise);
* its **comparator**: ``>=`` (以上, 突破, 超过, 不少于, 不低于, 力争, 至少, N余/N多, and a
  target to reach a level: 达到/提高到/增至 N), ``<=`` (以内, 以下, 控制在, 不高于, 不超过, and a
  target to fall to a level: 下降到/降至 N), ``~`` (左右, 约, 近), ``==`` for a bare figure
  (新增80家, 建设2个) and for every observation without a bound word; for a decrease
  (下降15%以上) the value is negative and ``>=`` turns into ``<=``;
* flags: growth rate, cumulative (累计), per year (每年, 年均);
* the **indicator phrase** as written: the noun phrase before the number (地区生产总值突破1500亿元),
  or after it for counts placed before their noun (建设2个示范基地); a phrase starting with
  占 inherits the subject of the previous figure (…投入31.4亿元,占地区生产总值的比重3.2%); an
  enumeration followed by 分别 pairs each item with its own number.

Example:
    >>> import datetime as dt
    >>> rows = extract_statements("到2025年,地区生产总值突破1500亿元。", doc_id="d",
    ...     region="tiexi", level="district", reference_date=dt.date(2021, 5, 17))
    >>> r = rows[0]
    >>> (r.kind, r.indicator_zh, r.comparator, r.value, r.unit, r.year)
    ('target', '地区生产总值', '>=', Decimal('150000000000'), 'yuan', 2025)
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .genres import Period, document_year, periods, resolve_genre
from .implied import READINGS, implied_quantities, merge_quantities
from .phrases import DECREASE, INCREASE, PRENOMINAL_FLOW, pair_enumeration, prenominal_phrase, strip_phrase
from .quantities import Quantity, find_quantities
from .structure import (
    OPEN_QUOTES, SENTENCE_END, Section, Span, clause_end, clause_start, inside_quotes, is_cjk_noun_start, sections,
    skip_ws,
    zone_start,
)
from .timewords import When, fyp_end_year, fyp_number, plan_horizon, time_expressions

__all__ = ["Statement", "extract_statements", "plan_horizon"]

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------
SUFFIX_COMPARATORS = [
    ("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="),
    ("左右", "~"), ("上下", "~"),
]
PREFIX_GE = ("突破", "超过", "不少于", "不低于", "至少", "逾", "超", "多于", "大于", "高于", "不止", "跃上", "迈上", "站上", "跨上")
PREFIX_LE = ("控制在", "不高于", "不超过", "不多于", "低于", "少于", "压减到", "压降到")
PREFIX_APPROX = ("约", "大约", "约合", "约为")
PREFIX_BELOW = ("逼近", "接近", "将近", "近")  # approaching X from below: just under X
LEVEL_AFTER_CHANGE = ("到", "至", "为")  # 提高到 / 下降至 / 降低为: a level, not a change
STRUCTURE_NOUNS = ("任务", "举措", "措施", "方面", "工程", "行动", "环节", "层级", "层次", "维度", "步骤", "阶段", "方向", "原则", "篇章", "指标", "类型", "领域")
_STRUCTURE = re.compile(r"(?:重点|具体|主要|标志性|核心|工作|专项|改革|重大|大)*(?:" + "|".join(STRUCTURE_NOUNS) + ")")
# the contents of a document, after any short modifier: "10个方面40条贯彻举措", "20条配套措施",
# "7个系列专项三年行动", "5个配套政策为支撑"; and tasks described through the things counted:
# "12个重点产业大力发展的目标任务"
_DOCUMENT_CONTENTS = re.compile(
    r"[\u4e00-\u9fff]{0,6}?(?:举措|措施|任务|意见|条款|要点|行动|政策|方案|文件)(?:(?![\u4e00-\u9fff])|(?=[为的和及等]))"
    r"|[^,，;；。]{0,16}的(?:目标任务|工作任务|重点任务|任务|举措)"
)
# the terms of a subsidy are no goal: "按照设备投资额的10%给予补助,单个项目最高不超过1000万元"
_SUBSIDY = re.compile(r"给予|补助|补贴|奖励|资助|奖补|贴息")
_RATE_OF = re.compile(r"按(?:照)?[^,，;；。]{0,20}的\s*$")
_CAP = re.compile(r"(?:最高|最多)\s*(?:不超过|不高于|可达|为)?\s*$")
# a count whose short noun ends in 的 before another figure of its clause describes that figure's subject
_QUALIFIES_LATER = re.compile(r"\s*[\u4e00-\u9fff]{1,6}的")
# an attribute bound before the figure (漏失率超过20%的…): the figure defines a category
_ATTRIBUTE_BOUND = re.compile(r"[率比重量额值度龄]\s*(?:" + "|".join(PREFIX_GE + PREFIX_LE) + r")\s*$")
# words after a counted noun that presuppose the things exist: "推进3个国家级开发区晋位升级"
UPGRADE_AFTER = ("晋位升级", "晋位", "提档升级")
# verbs that act on a set that already exists: "围绕10个重点产业集群", "深耕10条产业链" count no goal
EXISTING_SET_VERBS = (
    "围绕", "依托", "深耕", "巩固", "做大做强", "做强", "增强", "提升", "聚焦", "立足", "发挥", "用好", "利用", "对标", "覆盖",
    "联合", "携手", "激活", "现有",
)
# target and observation cues
TARGET_CUES = ("力争", "确保", "目标", "计划", "预期", "将", "要", "争取", "努力", "规划", "拟", "年底前", "到20", "至20")
OBSERVATION_CUES = ("已经", "已", "以来", "截至", "截止", "同比", "比上年", "较上年", "获评", "荣获", "获批", "成功", "了", "预计", "初步核算", "完成了", "达到了")
PAST_SECTION_CUES = ("成效", "成就", "回顾", "取得", "总结", "完成情况")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# a head noun with no subject of its own takes the subject of the figure before it
BARE_HEADS = ("投资额", "总投资", "总投资额", "计划总投资", "进度投资", "完成投资", "产值", "营业收入", "销售收入")
UNIT_IMPLIED, UNIT_AFTER_NOUN, SIZE_CLASS, SHARED_UNIT = READINGS


@dataclass
class Statement:
    """One quantitative statement found in a text (offsets are into that text)."""

    kind: str
    indicator_zh: str
    comparator: str
    value: Decimal
    unit: str
    value_raw: str
    unit_raw: str
    range_high: Decimal | None
    year: int | None
    is_growth_rate: bool
    is_cumulative: bool
    is_per_year: bool
    quote: str
    char_start: int
    char_end: int
    value_start: int
    value_end: int
    notes: list[str] = field(default_factory=list)
    is_change: bool = False
    kind_rule: str = ""
    base_year: int | None = None


# --------------------------------------------------------------------------------------
# Text structure


def _has_arabic(s: str) -> bool:
    return any(ch.isdigit() for ch in s)



def _suffix(text: str, end: int, ceiling: int) -> tuple[str, int]:
    """Comparator word right after a quantity ('以上', '左右'…) and where it ends."""
    i = skip_ws(text, end)
    for word, comp in SUFFIX_COMPARATORS:
        if text.startswith(word, i) and i + len(word) <= ceiling:
            return comp, i + len(word)
    return "", end



_ESTIMATE = re.compile(r"预计|有望|预估|预测")
# figures for a part of the year already past (今年1-8月, 前8个月, 上半年, 截至目前)
_REALIZED_PERIOD = re.compile(
    r"(?:1|一)\s*[-—–~至到]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*月|前\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*个?月"
    r"|上半年|[一二三]季度|前三季度|今年以来|截至目前|截止目前|目前已|至今"
)
_CURRENT_LEVEL = re.compile(r"[由从]\s*(?:目前|当前|现在|现有)\s*的?\s*$")
_FROM_BEFORE = re.compile(
    r"[由从]\s*(?:(?:(?:19|20)\d\d\s*年\s*(?:底|末)?|[“\"]?\s*十[一二三四五六七八九]\s*五\s*[”\"]?\s*末?)\s*的?)?\s*$"
)



def _not_a_measure(text: str, q: Quantity, sent: Span, clause_end: int, later: list[Quantity]) -> str | None:
    """Reason to skip a quantity, or None if it is a measure."""
    before = skip_ws(text, q.start - 1, -1)
    prev = text[before] if before >= 0 else ""
    if prev == "第":
        return "ordinal"
    if prev and (prev in "±+-" or _ASCII_LETTER.match(prev)):
        return "identifier or specification"
    if not _has_arabic(q.value_raw) and not q.value_raw.startswith(("百分之", "千分之")) and q.reading != SIZE_CLASS:
        return "number in words (statistics are written in Arabic digits; 十九届, 百万吨级, 五个示范)"
    if q.unit == "kv":
        return "voltage class (a specification)"
    if inside_quotes(text, q, sent):
        return "inside a quoted name"
    before_q = text[clause_start(text, q.start, sent.start):q.start]
    if _SUBSIDY.search(text, sent.start, sent.end) and (_RATE_OF.search(before_q) or _CAP.search(before_q)):
        return "policy parameter (a subsidy's rate or cap: 按…的10%给予补助, 最高不超过1000万元)"
    after = skip_ws(text, q.end)
    comp, comp_end = _suffix(text, q.end, clause_end)
    nxt = skip_ws(text, comp_end)
    nxt_ch = text[nxt] if nxt < len(text) else ""
    # category thresholds: 亿元以上项目, 10亿元以上的工业项目, 40吨及以下燃煤锅炉 (a count with
    # 以上 before its noun, 30项以上可复制经验, is a measure of that noun)
    if comp in (">=", "<=") and q.unit != "count" and nxt < clause_end and (nxt_ch == "的" or is_cjk_noun_start(nxt_ch)):
        return "threshold inside a noun phrase"
    if nxt_ch == "的" and any(o.start < clause_end for o in later):
        return "threshold inside a noun phrase"
    if q.unit_raw == "" and q.unit == "yuan" and not comp and after < clause_end and is_cjk_noun_start(text[after]):
        if not text.startswith(("左右", "以上", "以下", "以内"), after):
            return "size class (千亿集群)"
    if q.unit == "count":
        if _STRUCTURE.match(text, nxt, clause_end) or _DOCUMENT_CONTENTS.match(text, nxt, clause_end):
            return "count of the plan's own tasks"
        if "之一" in text[q.end: clause_end]:
            return "membership of a set (…之一)"
        zone = text[zone_start(text, q.start, sent.start): q.start]
        if is_cjk_noun_start(nxt_ch) and any(zone.lstrip().startswith(v) or v in zone[-8:] for v in EXISTING_SET_VERBS):
            return "a set that already exists (围绕/依托/做大做强 N 个…)"
        if is_cjk_noun_start(nxt_ch) and any(w in text[q.end:clause_end] for w in UPGRADE_AFTER):
            return "a set that already exists (N 个…晋位升级)"
        if before_q.rstrip().endswith("在") and any(o.start < clause_end for o in later):
            return "the scope of a later figure (在32个国家和地区布局海外仓47个)"
        if _QUALIFIES_LATER.match(text, comp_end) and any(o.start < clause_end for o in later):
            return "qualifies the subject of a later figure (1387栋房屋的…完好率98.5%)"
    if nxt_ch == "的" and _ATTRIBUTE_BOUND.search(before_q) and is_cjk_noun_start(text[nxt + 1: nxt + 2]):
        return "threshold inside a noun phrase (漏失率超过20%的老旧小区)"
    return None



def _cue_governs(zone: str, cue: str) -> bool:
    """A cue word counts unless it sits inside a relative clause closed by 的 before the figure
    ("已纳入计划的210万千瓦风电项目": 已 describes the plan, not the figure)."""
    i = zone.rfind(cue)
    return i >= 0 and "的" not in zone[i + len(cue):]



# --------------------------------------------------------------------------------------
# The steps: site → comparator → change → timing → kind → year → phrase → span
# --------------------------------------------------------------------------------------
_DECREASE_END = [re.compile(w + r"\s*(?:了)?\s*$") for w in DECREASE]
_INCREASE_END = [re.compile(w + r"\s*(?:了)?\s*$") for w in INCREASE]
_TO_LEVEL = re.compile(r"(?:" + "|".join(DECREASE + INCREASE) + r")\s*(?:到|至|为)\s*$")
_PER_YEAR = re.compile(r"每年|年均|年度|每一年")
_REACH_LEVEL = re.compile(r"(?:达到|达|提高到|提升到|提高至|提升至|增加到|增长到|增至|升至|实现|冲刺)\s*$")
_FALL_TO_LEVEL = re.compile(r"(?:下降到|降低到|下降至|降低至|降至|压减到|压减至|减少到|减至|压降到|压降至)\s*$")
_ENUM_SEP = re.compile(r"分别(?:达到|达|为|是|实现|突破|增长|完成)?")
_CONTINUATION = re.compile(r"同时|此外|另外|与此同时|并且|还要")
_FROM_ANY = re.compile(r"[由从](?=.*\d)")
_ASIDE_AFTER = re.compile(r"\s*[(（][^()（）]{1,4}[)）]")


@dataclass(frozen=True)
class _Doc:
    """What every figure of one text shares: the text, its dates, its quantities and sections."""

    text: str
    ref: dt.date
    horizon: int
    quantities: list[Quantity]
    sections: list[Section]
    genre: str = "unknown"
    periods: tuple[Period, ...] = ()
    year: int | None = None  # the year a communiqué reports
    sentence_ends: tuple[int, ...] = ()  # offsets of every sentence end, for a look-up in log time
    q_starts: tuple[int, ...] = ()
    period_starts: tuple[int, ...] = ()
    section_starts: tuple[int, ...] = ()


# Every look-around is bounded, so that the extractor's time is linear in the text's length
# (a 200,000-character line without punctuation is one "sentence"): a sentence is cut to
# SENTENCE_WINDOW characters on each side of a figure, a paragraph to PARAGRAPH_WINDOW before
# it and after it, a section to SECTION_WINDOW before the paragraph.
SENTENCE_WINDOW = 300
PARAGRAPH_WINDOW = 1000
SECTION_WINDOW = 6000
_SENTENCE_END_RE = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "]")


def _sentence(doc: _Doc, pos: int) -> Span:
    """The sentence around ``pos`` (from the end of the previous one to the next end), bounded."""
    k = bisect.bisect_left(doc.sentence_ends, pos)
    start = doc.sentence_ends[k - 1] + 1 if k > 0 else 0
    end = doc.sentence_ends[k] if k < len(doc.sentence_ends) else len(doc.text)
    return Span(max(start, pos - SENTENCE_WINDOW), min(end, pos + SENTENCE_WINDOW))


def _paragraph_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", max(0, pos - PARAGRAPH_WINDOW), pos) + 1, pos - PARAGRAPH_WINDOW, 0)


@dataclass(frozen=True)
class _Site:
    """Where a quantity sits: its sentence and clause, the words before it, a comparator word after it."""

    q: Quantity
    sent: Span
    c_start: int
    c_end: int
    prefix: str
    prefix_ns: str
    comp_suffix: str
    comp_end: int


@dataclass(frozen=True)
class _Change:
    """Value, range and flags once the direction of a change (增长/下降) is known."""

    value: Decimal
    high: Decimal | None
    comparator: str
    is_growth: bool
    is_change: bool
    is_cumulative: bool
    is_per_year: bool
    base_year: int | None = None


@dataclass(frozen=True)
class _Timing:
    """The time expressions that bear on a figure."""

    whens: list[When]
    when: When | None
    para_start: int
    section: Section | None
    section_whens: list[When]
    doc_deadline: When | None


@dataclass(frozen=True)
class _Phrase:
    """The indicator phrase as written and the stretch of text it comes from."""

    text: str
    start: int
    end: int
    post_nominal: bool
    notes: tuple[str, ...]


def _site(doc: _Doc, idx: int, q: Quantity) -> _Site | None:
    """Step 1: the quantity's sentence and clause; None when it is not a measure at all."""
    text = doc.text
    sent = _sentence(doc, q.start)
    c_start = clause_start(text, q.start, sent.start)
    c_end = clause_end(text, q.end, sent.end)
    later = doc.quantities[idx + 1: bisect.bisect_left(doc.q_starts, sent.end)]
    if _not_a_measure(text, q, sent, c_end, later):
        return None
    comp_suffix, comp_end = _suffix(text, q.end, c_end)
    prefix = text[c_start:q.start]
    return _Site(q, sent, c_start, c_end, prefix, prefix.rstrip(), comp_suffix, comp_end)


# bound words before a figure, longest first: 不超过 (at most) is not 超过 (more than)
_PREFIX_BOUNDS = sorted(
    [(w, ">=") for w in PREFIX_GE] + [(w, "<=") for w in PREFIX_LE] + [(w, "<") for w in PREFIX_BELOW]
    + [(w, "~") for w in PREFIX_APPROX],
    key=lambda wc: len(wc[0]), reverse=True,
)
# "分别增长5%和7.5%左右": a 左右 after the last figure of a 分别 list qualifies every figure
_SHARED_APPROX = re.compile(r"(?:\s*[、和及与]\s*\d+(?:\.\d+)?\s*(?:%|％|个百分点)?)+\s*(?:左右|上下)")


def _comparator(doc: _Doc, site: _Site) -> str:
    """Step 2: the comparator from the words around the figure (以上, 突破, 控制在, 约, …)."""
    if site.q.reading == SIZE_CLASS:  # 达到千亿体量: at least 1000亿元; 逼近千亿级: below it
        return "<" if any(site.prefix_ns.endswith(w) for w in PREFIX_BELOW) else ">="
    if site.comp_suffix:
        return site.comp_suffix
    if site.q.more_than:
        return ">="
    for word, comp in _PREFIX_BOUNDS:
        if site.prefix_ns.endswith(word):
            return comp
    if any(w in site.prefix for w in PREFIX_LE):  # 控制在…N以内 is caught above; 控制在…N
        return "<="
    if "分别" in doc.text[site.sent.start:site.q.start] and _SHARED_APPROX.match(doc.text, site.comp_end):
        return "~"
    return "=="


_DECLINE = r"(?:降幅|跌幅|减幅|下降幅度|降低幅度|下滑幅度)"
_DECLINE_WIDENS = re.compile(_DECLINE + r"[^,，;；。、]{0,10}?(?:扩大|加大|加深|增加|提高|上升)\s*了?\s*$")
_DECLINE_NARROWS = re.compile(_DECLINE + r"[^,，;；。、]{0,10}?(?:收窄|缩小|减少|减小|回落|下降|降低)\s*了?\s*$")
_DECLINE_LEVEL = re.compile(
    _DECLINE + r"\s*(?:(?:收窄|缩小|扩大)(?:至|到)|超过|达到|达|为|是|在|控制在|保持在|不低于|不超过|高于|低于|逾|近|约)?\s*$"
)


_LIST_VERB = re.compile(r"分别\s*(?:" + "|".join(DECREASE + INCREASE) + r")((?:\s*[\d.]+\s*[^\d\s,，;；。、和及与]{0,4}?\s*[、和及与])+)\s*$")


def _direction(prefix_ns: str) -> tuple[bool, bool, bool]:
    """(decrease, increase, to a level) of the change the figure states.

    The subject can be a rate of decline: 降幅超过3% is a fall of more than 3 %, 降幅扩大14.5个百分点
    a growth rate 14.5 points lower, 降幅收窄2个百分点 one 2 points higher.

    >>> _direction("能耗降幅超过"), _direction("降幅较前三季度扩大"), _direction("降幅收窄"), _direction("增速提高到")
    ((True, False, False), (True, False, False), (False, True, False), (False, False, True))
    """
    if _DECLINE_WIDENS.search(prefix_ns) or _DECLINE_LEVEL.search(prefix_ns):
        return True, False, False
    if _DECLINE_NARROWS.search(prefix_ns):
        return False, True, False
    listed = _LIST_VERB.search(prefix_ns)  # 分别回落2.16和[1.66]: the verb after 分别 governs the list
    if listed:
        prefix_ns = prefix_ns[: listed.start(1)]
    tail_prefix = prefix_ns[-6:]
    decrease = any(tail_prefix.endswith(w) for w in DECREASE) or any(r.search(prefix_ns) for r in _DECREASE_END)
    increase = any(r.search(prefix_ns) for r in _INCREASE_END)
    return decrease, increase, bool(_TO_LEVEL.search(prefix_ns))


def _change(doc: _Doc, site: _Site, comparator: str) -> _Change:
    """Step 3: growth rate or level, the sign of a decrease, cumulative (累计) and per-year (年均) flags."""
    q, prefix_ns = site.q, site.prefix_ns
    value, high = q.value, q.range_high
    decrease, increase, to_level = _direction(prefix_ns)
    is_growth = q.unit in ("percent", "percentage_point", "times") and (decrease or increase) and not to_level
    if q.unit == "percentage_point" and not to_level:
        is_growth = True
    # 床位数增加7830张, 比2015年增加88天: a change of a level, not the level itself
    is_change = q.unit not in ("percent", "percentage_point", "times") and (decrease or increase) and not to_level
    if decrease and not to_level:
        value = -value
        high = -high if high is not None else None
        if high is not None:
            value, high = high, value
        comparator = {">=": "<=", "<=": ">="}.get(comparator, comparator)
    is_cumulative = "累计" in doc.text[zone_start(doc.text, q.start, site.sent.start):q.start]  # 累计 heads its list
    is_per_year = bool(_PER_YEAR.search(site.prefix))
    base_year = _base_year(doc.text[zone_start(doc.text, q.start, site.sent.start):q.start]) if is_growth or is_change else None
    if base_year is not None:
        is_cumulative = True  # 比2020年下降15%: the change over the whole period since the base year
    return _Change(value, high, comparator, is_growth, is_change, bool(is_cumulative), is_per_year, base_year)


_BASE_YEAR = re.compile(r"(?:比|较|同比|相比|相较|与)\s*((?:19|20)\d\d)\s*年(?:底|末)?")
_BASE_FYP = re.compile(r"(?:比|较|相比|与)\s*[“\"]?\s*(十[一二三四五六七八九])\s*五\s*[”\"]?\s*(?:末|期末)")


def _base_year(zone: str) -> int | None:
    """The base year of a change written against it (比2020年下降15%, 较“十三五”末增长20%).

    >>> _base_year("单位地区生产总值能源消耗比2020年"), _base_year("增长"), _base_year("较“十三五”末")
    (2020, None, 2020)
    """
    m = _BASE_YEAR.search(zone)
    if m:
        return int(m.group(1))
    m = _BASE_FYP.search(zone)
    return fyp_end_year(fyp_number(m.group(1))) if m else None


def _governing_when(doc: _Doc, site: _Site, whens: list[When], para_start: int, is_per_year: bool,
                    section_whens: list[When]) -> When | None:
    """The time of the figure: in its sentence, else carried from the paragraph or the heading."""
    text, q, ref = doc.text, site.q, doc.ref
    for w in reversed(whens):
        # a base time (由2015年底的1个) governs only the figure right after it (no figure between them;
        # looked up by binary search, so that the time stays linear in the text's length)
        if not w.base or bisect.bisect_left(doc.q_starts, w.pos) == bisect.bisect_left(doc.q_starts, q.start):
            return w
    carried = [w for w in time_expressions(text, para_start, site.sent.start, ref) if not w.base]
    if is_per_year:  # a recurring goal (每年…) runs to the paragraph's deadline, if any
        carried = [w for w in carried if w.explicit_goal]
    if carried:
        return carried[-1]
    if para_start > 0 and _CONTINUATION.match(text, skip_ws(text, para_start)):  # "同时,…" goes on with the previous paragraph
        j = para_start - 1
        while j > 0 and text[j - 1] in "\n \t\u3000":
            j -= 1
        earlier = [w for w in time_expressions(text, _paragraph_start(text, j), j, ref) if w.explicit_goal]
        if earlier:
            return earlier[-1]
    para_end = text.find("\n", q.end, q.end + PARAGRAPH_WINDOW)
    para_end = min(len(text), q.end + PARAGRAPH_WINDOW) if para_end < 0 else para_end
    # a deadline stated later in the same paragraph ("…建设37个组团。到2025年,…")
    ahead = [w for w in time_expressions(text, site.sent.end, para_end, ref) if w.explicit_goal]
    if ahead:
        return ahead[0]
    return section_whens[-1] if section_whens else None


def _timing(doc: _Doc, site: _Site, change: _Change) -> _Timing:
    """Step 4: the time expressions of the sentence, paragraph and section."""
    text, q, ref = doc.text, site.q, doc.ref
    whens = time_expressions(text, site.sent.start, q.start, ref)
    para_start = _paragraph_start(text, q.start)
    k = bisect.bisect_right(doc.section_starts, q.start)
    section = doc.sections[k - 1] if k else None
    section_start = max(section.start if section else 0, para_start - SECTION_WINDOW)
    section_whens = time_expressions(section.heading, 0, len(section.heading), ref) if section else []
    when = _governing_when(doc, site, whens, para_start, change.is_per_year, section_whens)
    doc_deadline = next(
        (w for w in reversed(time_expressions(text, section_start, para_start, ref)) if w.explicit_goal and w.year >= ref.year),
        None,
    ) if doc.horizon == ref.year else None  # a plan with a stated horizon uses it instead
    return _Timing(whens, when, para_start, section, section_whens, doc_deadline)


def _period_at(doc: _Doc, pos: int) -> Period | None:
    i = bisect.bisect_right(doc.period_starts, pos)
    return doc.periods[i - 1] if i else None


def _kind(doc: _Doc, site: _Site, timing: _Timing) -> tuple[str, str]:
    """Step 5: target (a goal) or observation (a figure achieved or estimated), and the rule that decided.

    The document decides first (a communiqué is all observations), then its section (a review
    of a past year holds observations unless a figure names a later deadline), then the sentence.
    """
    if doc.genre == "communique":
        return "observation", "genre communique: all figures are observations"
    period = _period_at(doc, site.q.start)
    when = timing.when
    if period is not None and period.kind == "review":
        year = period.year if period.year is not None else doc.ref.year
        later = when is not None and not when.relative and when.year > year and (when.explicit_goal or when.year > doc.ref.year)
        if not later:
            return "observation", f"section {period.rule} ({year})"
    kind, rule = _sentence_kind(doc, site, timing)
    return kind, (f"section {period.rule}; " if period is not None else "") + rule


def _sentence_kind(doc: _Doc, site: _Site, timing: _Timing) -> tuple[str, str]:
    """The sentence-level rules: time, estimate and part-year words, target and observation cues."""
    text, q, ref, sent, when = doc.text, site.q, doc.ref, site.sent, timing.when
    if q.reading == UNIT_AFTER_NOUN and not (when is not None and when.year > ref.year):
        return "observation", "sentence: people named by their place (900万沈阳人) are the present population"
    cue_zone = text[max(sent.start, site.c_start - 60):q.start]
    sentence_before = text[sent.start:q.start]
    target_cue = any(c in sentence_before for c in TARGET_CUES) or (when is not None and when.explicit_goal)
    obs_cue = any(_cue_governs(cue_zone, c) for c in OBSERVATION_CUES)
    para_target_cue = any(c in text[timing.para_start:q.start] for c in TARGET_CUES + PRENOMINAL_FLOW)
    if "累计" in sentence_before and not para_target_cue and when is None and doc.horizon == ref.year:
        obs_cue = True  # "累计优化调整395项…" in a report of what was done
    zone_before = text[zone_start(text, q.start, sent.start):q.start]
    estimate = bool(_ESTIMATE.search(zone_before)) and (when is None or when.year <= ref.year)
    realized = (
        bool(_REALIZED_PERIOD.search(sentence_before))
        or bool(_CURRENT_LEVEL.search(site.prefix))
        # a breakdown (其中…) or a sentence with no time of its own continues the paragraph's period
        or (not timing.whens and bool(_REALIZED_PERIOD.search(text[timing.para_start:sent.start])))
    )
    section = timing.section
    past_section = bool(section and (
        any(c in section.heading for c in PAST_SECTION_CUES) or any(w.year < ref.year for w in timing.section_whens)
    ))
    if when is not None and when.year < ref.year:
        return "observation", f"sentence: a past year ({when.year})"
    if (estimate or realized) and not (when is not None and when.year > ref.year):
        # 预计全年约3.2亿元, 今年1-8月…达到326.8亿元, 由目前的32%
        return "observation", "sentence: an estimate or a part of the year already past"
    if when is not None and when.year > ref.year:
        return "target", f"sentence: a later year ({when.year})"
    if target_cue and not (obs_cue and not (when and when.explicit_goal)):
        return "target", "sentence: a target word (力争, 确保, 目标, 到…年)"
    if obs_cue:
        return "observation", "sentence: a completed-action word (已, 了, 同比, 累计)"
    if past_section:
        return "observation", "sentence: under a heading of results"
    return "target", "sentence: no past-tense word (default)"


def _year(doc: _Doc, site: _Site, kind: str, timing: _Timing) -> int | None:
    """Step 6: the target year of a target, the year an observation refers to.

    An observation in a communiqué or a review takes the year it reports, unless its sentence
    names a year of its own (从2015年的51281元); relative words (全年, 今年) mean that year.
    """
    when = timing.when
    period = _period_at(doc, site.q.start)
    if kind == "observation" and (doc.genre == "communique" or (period is not None and period.kind == "review")):
        own = doc.year if doc.genre == "communique" else period.year  # type: ignore[union-attr]
        own = own if own is not None else doc.ref.year
        if when is not None and not when.relative and when.year <= own:
            return when.year  # 从2015年的51281元
        return own
    if kind == "target":
        if when is None or when.year < doc.ref.year or when.base:
            when = timing.doc_deadline
        return when.year if when is not None else doc.horizon
    return when.year if when is not None else doc.ref.year


def _level_comparator(kind: str, change: _Change, site: _Site) -> str:
    """A target to "reach" a level is met at or above it (达到3.5%), one to "fall to" a level at or below it.

    A growth target with no bound word of its own (增长8%, 提高2个百分点) is a floor on the change
    (``>=``), a reduction target (下降15%) a ceiling on it (``<=`` −15); 左右, 以内 and a range
    (6%-6.5%) say otherwise and are kept. Observations keep ``==`` (a reported figure).
    """
    if kind == "target" and change.comparator == "==" and change.is_growth and change.high is None:
        return "<=" if change.value < 0 else ">="
    if kind == "target" and change.comparator == "==" and not change.is_growth:
        if _REACH_LEVEL.search(site.prefix_ns):
            return ">="
        if _FALL_TO_LEVEL.search(site.prefix_ns):
            return "<="
    return change.comparator


# verbs that leave the noun of a measure to follow it: 建设[10万吨污水处理设施]
_ACTION_VERBS = ("建设", "实施", "推进", "新建", "建成", "打造", "完成", "改造", "开展", "推动", "培育", "实现", "形成")
_NOT_A_NOUN_AFTER = ("规模", "大关", "关口", "台阶", "水平", "左右", "以上", "以下", "以内")
_LIST_ITEM_MAX = 10


def _noun_follows(doc: _Doc, site: _Site, after_i: int) -> bool:
    """Whether the figure's noun follows it.

    A count before its noun (建设2个[示范基地], 5个[“国字号”]平台); a figure before 的 and a noun
    (100%的[基层医疗机构]); any figure right before a noun when nothing but a verb or a relative
    clause ending in 的 precedes it (建设10万吨[污水处理设施], 已纳入计划的210万千瓦[风电项目],
    到今年底,80%[申请材料]…).
    """
    text, q = doc.text, site.q
    nxt = text[after_i] if after_i < site.c_end else ""
    nxt2 = text[after_i + 1: after_i + 2]
    if q.unit == "count":
        return is_cjk_noun_start(nxt) or (bool(nxt) and nxt in OPEN_QUOTES and is_cjk_noun_start(nxt2))
    if nxt == "的" and is_cjk_noun_start(nxt2):
        return True
    if not is_cjk_noun_start(nxt) or text.startswith(_NOT_A_NOUN_AFTER, after_i):
        return False
    lead, _ = strip_phrase(site.prefix)
    return not lead or lead.endswith("的") or lead.endswith(_ACTION_VERBS)


def _list_start(text: str, c_start: int, floor: int) -> int:
    """Where a list of nouns sharing the figure begins: 城市公交、市区出租车清洁能源比例达到100%.

    Items before 、 are joined while they are short and hold no figure; a clause that opens with
    its own verb (建设…、打造N个) is no shared list.
    """
    if text[c_start:c_start + 2].startswith(_ACTION_VERBS + PRENOMINAL_FLOW):
        return c_start
    start = c_start
    while start - 1 > floor and text[start - 1] == "、":
        item_start = clause_start(text, start - 1, floor)
        item = text[item_start:start - 1]
        if len(item.strip()) > _LIST_ITEM_MAX or _has_arabic(item):
            break
        start = item_start
    return start


def _own_phrase(doc: _Doc, site: _Site) -> _Phrase:
    """Step 7: the noun phrase before the figure, or after it where it follows (:func:`_noun_follows`)."""
    text, q, c_start = doc.text, site.q, site.c_start
    aside = _ASIDE_AFTER.match(text, site.comp_end)  # 7.5万套(间)人才住房保障能力
    after_i = skip_ws(text, aside.end() if aside and q.unit == "count" else site.comp_end)
    if q.reading == UNIT_AFTER_NOUN:  # 900万[沈阳人]: the noun stands between the number and its unit
        start = q.start + len(q.value_raw)
        return _Phrase(text[start:q.end], start, q.end, False, ())
    if _FROM_BEFORE.search(site.prefix) or _CURRENT_LEVEL.search(site.prefix) or q.reading == UNIT_IMPLIED:
        post_nominal = True  # 由[2015年底的]1个增加到41个: the starting level of a change; 突破200万[大关]
    else:
        post_nominal = not _noun_follows(doc, site, after_i)
    if post_nominal:
        c_start = _list_start(text, c_start, site.sent.start)
        raw_phrase = text[c_start:q.start]
        m_from = _FROM_BEFORE.search(raw_phrase) or _CURRENT_LEVEL.search(raw_phrase) or _FROM_ANY.search(raw_phrase)
        if m_from:  # "审批时限由75天减少至50天": the subject stands before 由
            raw_phrase = raw_phrase[: m_from.start()]
        phrase, cut = strip_phrase(raw_phrase)
        return _Phrase(phrase, c_start + cut, c_start + cut + len(phrase), True, ())
    noun, noun_start = prenominal_phrase(text, site.comp_end, site.c_end)
    lead, cut = strip_phrase(text[c_start:q.start])
    # the creating verb stays with the noun: 新增[2个]示范基地, 建设[10万吨]污水处理设施
    verbs = PRENOMINAL_FLOW if q.unit == "count" else PRENOMINAL_FLOW + _ACTION_VERBS
    verb = next((v for v in verbs if lead.endswith(v)), "")
    return _Phrase((verb + noun).strip(), min(c_start + cut, q.start), noun_start + len(noun), False, ())


def _paired_phrase(doc: _Doc, site: _Site, phrase: _Phrase,
                   enumerations: dict[int, tuple[int, dict[int, str]]]) -> _Phrase:
    """A list "A、B…分别达到x、y": each figure gets its own item."""
    text, sent, q = doc.text, site.sent, site.q
    m_sep = _ENUM_SEP.search(text, sent.start, q.start)
    if not m_sep:
        return phrase
    sep_pos = m_sep.start()
    if sep_pos not in enumerations:
        enumerations[sep_pos] = pair_enumeration(text, sep_pos, sent, doc.quantities)
    head_start, pairs = enumerations[sep_pos]
    if q.start in pairs:
        return _Phrase(pairs[q.start], head_start, q.start, phrase.post_nominal, phrase.notes)
    if not pairs:
        return _Phrase(phrase.text, phrase.start, phrase.end, phrase.post_nominal,
                       phrase.notes + ("enumeration could not be paired item by item",))
    return phrase


def _inherited_phrase(doc: _Doc, site: _Site, phrase: _Phrase, prev: Statement | None) -> _Phrase:
    """占… / 年均增长 / nothing: the subject of the previous figure in the sentence carries over."""
    text, q, c_start = doc.text, site.q, site.c_start
    words, start, notes = phrase.text, phrase.start, phrase.notes
    if prev is not None and prev.value_end <= q.start:
        if words in BARE_HEADS and prev.indicator_zh and not prev.indicator_zh.endswith(BARE_HEADS):
            # "签约亿元以上项目200个以上,投资额2600亿元以上": the investment of those projects
            words = prev.indicator_zh + words
            notes = notes + ("subject taken from the previous figure",)
        elif words.startswith(("占", "比重", "其中")) or not words or words in ("年均增长", "增长", "同比增长"):
            inherited = prev.indicator_zh
            words = inherited + words if words.startswith("占") else (inherited if not words else words)
            start = min(start, prev.char_start)
            notes = notes + ("subject inherited from the previous figure",)
        elif site.prefix.startswith("、") or text[c_start - 1: c_start] == "、":
            verb = next((v for v in PRENOMINAL_FLOW if prev.indicator_zh.startswith(v)), "")
            if verb and not words.startswith(verb):
                words = verb + words
    return _Phrase(re.sub(r"\s+", "", words), start, phrase.end, phrase.post_nominal, notes)


def _statement(doc: _Doc, site: _Site, change: _Change, kind: str, year: int | None, comparator: str,
               phrase: _Phrase) -> Statement:
    """Step 8: the quote spans the phrase, the figure and its comparator word, inside the sentence."""
    q, sent = site.q, site.sent
    span_start = max(sent.start, min(phrase.start, q.start))
    span_end = max(site.comp_end, q.end, phrase.end if not phrase.post_nominal else q.end)
    span_end = min(span_end, sent.end)
    return Statement(
        kind=kind, indicator_zh=phrase.text, comparator=comparator, value=change.value, unit=q.unit,
        value_raw=q.value_raw, unit_raw=q.unit_raw, range_high=change.high, year=year,
        is_growth_rate=change.is_growth, is_cumulative=change.is_cumulative, is_per_year=change.is_per_year,
        quote=doc.text[span_start:span_end], char_start=span_start, char_end=span_end,
        value_start=q.start, value_end=q.end, notes=list(phrase.notes) + _reading_notes(q), is_change=change.is_change,
    )


def _reading_notes(q: Quantity) -> list[str]:
    """How a figure without its own unit word was read (extract/implied.py)."""
    if q.reading == SIZE_CLASS:
        return [f"figure in words: {q.text} read as a size class, at least {q.value / 10 ** 8:f}亿元 ({q.value:f} yuan)"]
    if q.reading == UNIT_IMPLIED:
        return [f"unit implied: {q.text} with no unit word read as a count"]
    if q.reading == UNIT_AFTER_NOUN:
        return [f"unit after the noun: {q.text}"]
    if q.reading == SHARED_UNIT:
        return [f"unit shared with the last figure of its list: {q.text} {q.unit_raw}"]
    return []


# --------------------------------------------------------------------------------------
# Main entry
# --------------------------------------------------------------------------------------
def extract_statements(
    text: str,
    *,
    doc_id: str,
    region: str,
    level: str,
    reference_date: dt.date,
    title: str = "",
    genre: str = "",
) -> list[Statement]:
    """Every quantitative statement in ``text`` (see the module docstring for the rules)."""
    del doc_id, region, level  # the row's identity is added by the caller
    genre = resolve_genre(genre, title, text)
    quantities = merge_quantities(find_quantities(text), implied_quantities(text))
    found_periods = tuple(periods(text, reference_date, genre))
    found_sections = sections(text)
    doc = _Doc(text, reference_date, plan_horizon(title, reference_date), quantities, found_sections,
               genre, found_periods, document_year(title, text, reference_date),
               tuple(m.start() for m in _SENTENCE_END_RE.finditer(text)), tuple(q.start for q in quantities),
               tuple(p.start for p in found_periods), tuple(s.start for s in found_sections))
    statements: list[Statement] = []
    last_in_sentence: dict[int, Statement] = {}
    enumerations: dict[int, tuple[int, dict[int, str]]] = {}
    headline_end = text.find("\n") if "\n" in text[:SENTENCE_WINDOW] else 0
    undated_headline: list[Statement] = []
    for idx, q in enumerate(doc.quantities):
        site = _site(doc, idx, q)
        if site is None:
            continue
        change = _change(doc, site, _comparator(doc, site))
        timing = _timing(doc, site, change)
        kind, kind_rule = _kind(doc, site, timing)
        year = _year(doc, site, kind, timing)
        comparator = _level_comparator(kind, change, site)
        phrase = _paired_phrase(doc, site, _own_phrase(doc, site), enumerations)
        phrase = _inherited_phrase(doc, site, phrase, last_in_sentence.get(site.sent.start))
        stmt = _statement(doc, site, change, kind, year, comparator, phrase)
        stmt.kind_rule, stmt.base_year = kind_rule, change.base_year
        statements.append(stmt)
        last_in_sentence[site.sent.start] = stmt
        if not timing.whens and q.start < headline_end:
            undated_headline.append(stmt)
    for stmt in undated_headline:
        _as_in_body(stmt, statements)
    return statements


def _as_in_body(headline: Statement, statements: list[Statement]) -> None:
    """A figure in the title line with no time of its own ("300亿元!…定下目标") takes the kind and
    year of the same figure stated in the body, where its time is written."""
    same = next((s for s in statements if s.value_start > headline.value_end and s.value == headline.value
                 and s.unit == headline.unit and s.is_growth_rate == headline.is_growth_rate), None)
    if same is None:
        return
    headline.kind, headline.year = same.kind, same.year
    headline.kind_rule = f"headline: as the same figure in the text (offset {same.value_start})"

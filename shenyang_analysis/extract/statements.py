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

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .quantities import Quantity, find_quantities

__all__ = ["Statement", "extract_statements", "plan_horizon"]

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------
_CN_DIGITS = "〇零一二三四五六七八九十两"
SENTENCE_END = set("。！？!?\n")
CLAUSE_SEP = set(",，;；:：、")
OPEN_QUOTES = "“「『《\""
CLOSE_QUOTES = "”」』》\""

SUFFIX_COMPARATORS = [
    ("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="),
    ("左右", "~"), ("上下", "~"),
]
PREFIX_GE = ("突破", "超过", "不少于", "不低于", "至少", "逾", "超", "多于", "大于", "高于", "不止")
PREFIX_LE = ("控制在", "不高于", "不超过", "不多于", "低于", "少于", "压减到", "压降到")
PREFIX_APPROX = ("约", "大约", "近", "接近", "逼近")
DECREASE = ("下降", "降低", "减少", "压减", "压降", "压缩", "缩小", "缩减", "回落")
INCREASE = ("增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "增速", "扩大", "年均增长", "同比增长")
LEVEL_AFTER_CHANGE = ("到", "至", "为")  # 提高到 / 下降至 / 降低为: a level, not a change

# words that link a subject to its figure (stripped from the end of an indicator phrase)
MEASURE_VERBS = (
    "力争达到", "力争实现", "力争突破", "确保达到", "分别达到", "分别达", "分别为", "稳定在", "保持在", "控制在",
    "提高到", "提升到", "提高至", "提升至", "下降到", "降低到", "下降至", "降低至", "增长到", "增加到",
    "达到", "突破", "超过", "实现", "完成", "不少于", "不低于", "不高于", "不超过", "增长", "提高", "提升",
    "下降", "降低", "减少", "增加", "达", "为", "是", "至", "到", "约", "近", "逾", "超", "共", "拥有", "增至", "增加至", "减至", "降至", "升至",
    "调整为", "整合为", "提升为", "减少为",
    "年均", "同比", "比上年", "累计", "总计", "合计", "力争", "争取", "预计", "保持", "占比",
)
# creation verbs that come before a count placed in front of its noun (建设2个示范基地)
PRENOMINAL_FLOW = ("新增", "新建", "新培育", "新引进", "新开工", "新认定", "新设", "新开")
# leading words to drop from an indicator phrase
LEADING_FILLER = (
    "相比", "同比", "比上年", "较上年", "其中", "力争", "确保", "争取", "全力", "努力", "推动", "促进", "实现", "保持", "预计", "计划", "目标是",
    "目标", "同时", "并且", "并", "且", "使", "让", "将", "要", "共", "累计", "全年", "年内", "今年", "当年",
    "年底前", "年底", "已", "已经", "基本", "初步", "持续", "进一步", "全面", "到", "至", "在", "以", "和", "及",
    "与", "等", "的", "年末", "期末", "末", "底", "前", "内", "止", "截至", "截止",
)
# nouns for the plan's own structure: "12项重点任务" describes the document, not an outcome
STRUCTURE_NOUNS = ("任务", "举措", "措施", "方面", "工程", "行动", "环节", "层级", "层次", "维度", "步骤", "阶段", "方向", "原则", "篇章", "指标", "类型", "领域")
_STRUCTURE = re.compile(r"(?:重点|具体|主要|标志性|核心|工作|专项|改革|重大|大)*(?:" + "|".join(STRUCTURE_NOUNS) + ")")
# verbs that act on a set that already exists: "围绕10个重点产业集群", "深耕10条产业链" count no goal
EXISTING_SET_VERBS = ("围绕", "依托", "深耕", "巩固", "做大做强", "做强", "增强", "提升", "聚焦", "立足", "发挥", "用好", "利用", "对标", "覆盖", "联合", "携手")
# target and observation cues
TARGET_CUES = ("力争", "确保", "目标", "计划", "预期", "将", "要", "争取", "努力", "规划", "拟", "年底前", "到20", "至20")
OBSERVATION_CUES = ("已经", "已", "以来", "截至", "截止", "同比", "比上年", "较上年", "获评", "荣获", "获批", "成功", "了", "预计", "初步核算", "完成了", "达到了")
PAST_SECTION_CUES = ("成效", "成就", "回顾", "取得", "总结", "完成情况")

_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*(?:[-—–~至到]\s*((?:19|20)\d\d)\s*)?年(?!代)")
_REL_YEAR = re.compile(r"今年|本年|全年|年内|年底前|年底|当年|年末|去年|上年|前年|明年|次年")
_FYP = re.compile(r"[“\"]?\s*(十[一二三四五六七八九]|[一二三四五六七八九])\s*五\s*[”\"]?\s*(?:时期|期间|期末|末|规划|以来|计划)?")
_FYP_NUM = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
_HEADING = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节篇部分]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _fyp_number(token: str) -> int:
    """'十三' → 13, '九' → 9."""
    if token.startswith("十"):
        return 10 + (_FYP_NUM.get(token[1:], 0) if len(token) > 1 else 0)
    return _FYP_NUM[token]


def fyp_end_year(number: int) -> int:
    """Last year of the N-th five-year plan (from the 3rd, 1966–1970, on).

    >>> fyp_end_year(14)
    2025
    """
    return 1955 + 5 * number


def plan_horizon(title: str, reference_date: dt.date) -> int:
    """The year a target without a date refers to: the end of the five-year plan named in
    the title (第十四个五年规划, “十四五”), else the year of the reference date.

    >>> plan_horizon("铁西区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", dt.date(2021, 5, 17))
    2025
    >>> plan_horizon("2021年沈阳要重点做好十方面工作", dt.date(2021, 2, 6))
    2021
    >>> plan_horizon("新能源汽车产业高质量发展三年行动方案(2023—2025年)", dt.date(2023, 6, 30))
    2025
    """
    span = re.search(r"(?:19|20)\d\d\s*[-—–~至到]\s*((?:19|20)\d\d)\s*年", title)
    if span and int(span.group(1)) >= reference_date.year:  # 三年行动方案(2023—2025年)
        return int(span.group(1))
    m = re.search(r"第?(十[一二三四五六七八九]|[一二三四五六七八九])个?五年(?:规划|计划)", title)
    if not m:
        m = re.search(r"(十[一二三四五六七八九])五", title)
    if m:
        end = fyp_end_year(_fyp_number(m.group(1)))
        if end >= reference_date.year:
            return end
    return reference_date.year


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


# --------------------------------------------------------------------------------------
# Text structure
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Span:
    start: int
    end: int


def _sentence_bounds(text: str, pos: int) -> _Span:
    start = pos
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return _Span(start, end)


def _is_clause_sep(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in CLAUSE_SEP:
        return False
    if ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False  # 1,233 or 10:06
    return True


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos
    depth = 0
    while i > floor:
        ch = text[i - 1]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and _is_clause_sep(text, i - 1):
            return i
        i -= 1
    return floor


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    i = pos
    depth = 0
    while i < ceiling:
        ch = text[i]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and _is_clause_sep(text, i):
            return i
        i += 1
    return ceiling


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1


@dataclass(frozen=True)
class _Section:
    start: int
    heading: str


def _sections(text: str) -> list[_Section]:
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _HEADING.match(line):
            out.append(_Section(offset, line.strip()))
        offset += len(line)
    return out


# --------------------------------------------------------------------------------------
# Time
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _When:
    year: int
    pos: int          # where the expression ends (closer to the figure wins)
    explicit_goal: bool  # 到2025年 / 2023年底前 / 年底前: a deadline
    base: bool = False   # 由2015年底的…/自2022年起: the start of a change, not the time of what follows


def _time_expressions(text: str, start: int, end: int, ref: dt.date) -> list[_When]:
    seg = text[start:end]
    found: list[_When] = []
    for m in _YEAR.finditer(seg):
        year = int(m.group(2) or m.group(1))
        before = seg[max(0, m.start() - 2): m.start()]
        after = seg[m.end(): m.end() + 3]
        goal = bool(re.search(r"[到至]\s*$", before)) or after.startswith(("底前", "前", "末前"))
        # "2035年远景目标" names a plan, not the time of a figure; "比2020年下降" names a base year
        if after.startswith("远景") or re.search(r"(?:比|较|与|同|相比|对比)\s*$", before):
            continue
        if after.startswith("以来"):  # "2019年以来…": the figure stands as of the reference date
            year = max(year, ref.year)
        base = bool(re.search(r"[由从自]\s*$", before)) or after.lstrip().startswith(("起", "开始"))
        found.append(_When(year, start + m.end(), goal, base))
    for m in _REL_YEAR.finditer(seg):
        word = m.group(0)
        # 年底/年末 right after an explicit year belong to it (2023年底)
        if word in ("年底", "年底前", "年末") and seg[: m.start()].rstrip()[-1:].isdigit():
            continue
        if word.startswith("年") and m.start() > 0 and seg[m.start() - 1] in "今去明前上本当全":
            continue
        if word == "年内" and m.start() > 0 and (seg[m.start() - 1].isdigit() or seg[m.start() - 1] in _CN_DIGITS + "几"):
            continue  # 五年内: a span, not this year
        if re.search(r"(?:比|较|与|同)\s*$", seg[max(0, m.start() - 2): m.start()]):
            continue  # 比去年同期提高4.1个百分点: a base period
        delta = {"去年": -1, "上年": -1, "前年": -2, "明年": 1, "次年": 1}.get(word, 0)
        if seg.startswith("以来", m.end()):
            delta = 0
        found.append(_When(ref.year + delta, start + m.end(), word in ("年底前", "年内", "全年")))
    for m in _FYP.finditer(seg):
        try:
            n = _fyp_number(m.group(1))
        except KeyError:
            continue
        if n < 6:  # "一五" etc. are not plausible plan references in these texts
            continue
        pre = seg[max(0, m.start() - 2): m.start()]
        if re.search(r"(?:比|较|与|同)\s*$", pre):
            continue  # 较“十二五”增加20.89%: a base period
        found.append(_When(fyp_end_year(n), start + m.end(), False, bool(re.search(r"[由从自]\s*$", pre))))
    found.sort(key=lambda w: w.pos)
    return found


# --------------------------------------------------------------------------------------
# Filters: is this number a measure?
# --------------------------------------------------------------------------------------
def _has_arabic(s: str) -> bool:
    return any(ch.isdigit() for ch in s)


def _skip_ws(text: str, i: int, step: int = 1) -> int:
    while 0 <= i < len(text) and text[i] in " \t\u3000\u00a0":
        i += step
    return i


def _suffix(text: str, end: int, ceiling: int) -> tuple[str, int]:
    """Comparator word right after a quantity ('以上', '左右'…) and where it ends."""
    i = _skip_ws(text, end)
    for word, comp in SUFFIX_COMPARATORS:
        if text.startswith(word, i) and i + len(word) <= ceiling:
            return comp, i + len(word)
    return "", end


def _inside_quotes(text: str, q: Quantity, sent: _Span) -> bool:
    """A number inside a short quoted name (“五个示范”, “一个平台、五大体系”)."""
    open_pos = max(text.rfind(c, sent.start, q.start) for c in OPEN_QUOTES)
    if open_pos < 0:
        return False
    close_before = max(text.rfind(c, open_pos + 1, q.start) for c in CLOSE_QUOTES if c != '"')
    if close_before > open_pos:
        return False
    close_after = min((p for p in (text.find(c, q.end, sent.end) for c in CLOSE_QUOTES) if p >= 0), default=-1)
    return close_after >= 0 and close_after - open_pos <= 16


# an estimate for a period under way (预计全年…, 有望达到…) is an observation, not a goal
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


def _zone_start(text: str, pos: int, floor: int) -> int:
    """Start of the stretch that shares a verb with ``pos``: like a clause, but 、 does not cut it."""
    i = pos
    while i > floor:
        if text[i - 1] != "、" and _is_clause_sep(text, i - 1):
            return i
        i -= 1
    return floor


def _not_a_measure(text: str, q: Quantity, sent: _Span, clause_end: int, later: list[Quantity]) -> str | None:
    """Reason to skip a quantity, or None if it is a measure."""
    before = _skip_ws(text, q.start - 1, -1)
    prev = text[before] if before >= 0 else ""
    if prev == "第":
        return "ordinal"
    if prev in "±+-" or (prev and _ASCII_LETTER.match(prev)):
        return "identifier or specification"
    if not _has_arabic(q.value_raw) and not q.value_raw.startswith(("百分之", "千分之")):
        return "number in words (statistics are written in Arabic digits; 十九届, 百万吨级, 五个示范)"
    if q.unit == "kv":
        return "voltage class (a specification)"
    if _inside_quotes(text, q, sent):
        return "inside a quoted name"
    after = _skip_ws(text, q.end)
    comp, comp_end = _suffix(text, q.end, clause_end)
    nxt = _skip_ws(text, comp_end)
    nxt_ch = text[nxt] if nxt < len(text) else ""
    # category thresholds: 亿元以上项目, 10亿元以上的工业项目, 40吨及以下燃煤锅炉 (a count with
    # 以上 before its noun, 30项以上可复制经验, is a measure of that noun)
    if comp in (">=", "<=") and q.unit != "count" and nxt < clause_end and (nxt_ch == "的" or _is_cjk_noun_start(nxt_ch)):
        return "threshold inside a noun phrase"
    if nxt_ch == "的" and any(o.start < clause_end for o in later):
        return "threshold inside a noun phrase"
    if q.unit_raw == "" and q.unit == "yuan" and not comp and after < clause_end and _is_cjk_noun_start(text[after]):
        if not text.startswith(("左右", "以上", "以下", "以内"), after):
            return "size class (千亿集群)"
    if q.unit == "count":
        if _STRUCTURE.match(text, nxt, clause_end):
            return "count of the plan's own tasks"
        if "之一" in text[q.end: clause_end]:
            return "membership of a set (…之一)"
        zone = text[_zone_start(text, q.start, sent.start): q.start]
        if _is_cjk_noun_start(nxt_ch) and any(zone.lstrip().startswith(v) or v in zone[-8:] for v in EXISTING_SET_VERBS):
            return "a set that already exists (围绕/依托/做大做强 N 个…)"
    return None


_NOT_NOUN_START = set("以上下左右的等及和与或、,，;；:：。！？!?()（）“”\"《》 \t\n\u3000")


def _cue_governs(zone: str, cue: str) -> bool:
    """A cue word counts unless it sits inside a relative clause closed by 的 before the figure
    ("已纳入计划的210万千瓦风电项目": 已 describes the plan, not the figure)."""
    i = zone.rfind(cue)
    return i >= 0 and "的" not in zone[i + len(cue):]


def _is_cjk_noun_start(ch: str) -> bool:
    return bool(ch) and ch not in _NOT_NOUN_START and ("\u4e00" <= ch <= "\u9fff" or ch.isalpha())


# --------------------------------------------------------------------------------------
# Indicator phrase
# --------------------------------------------------------------------------------------
_TIME_PREFIX = re.compile(
    r"^(?:(?:到|至|截至|截止|在|于)?\s*(?:(?:19|20)\d\d\s*(?:[-—–~至到]\s*(?:19|20)\d\d\s*)?年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?:底前|年底|底|末|前|内|以来|起)?|今年|本年|全年|年内|年底前|年底|当年|去年|上年|前年|明年|"
    r"[“\"]?\s*十[一二三四五六七八九]\s*五\s*[”\"]?\s*(?:时期|期间|期末|末|以来)?|\d{1,2}\s*月(?:至\s*\d{1,2}\s*月)?)\s*(?:预计)?\s*[,，]?\s*)+"
)


_MEASURE_VERBS_LONGEST_FIRST = sorted(set(MEASURE_VERBS + DECREASE + INCREASE), key=len, reverse=True)
_LEADING_FILLER_LONGEST_FIRST = sorted(LEADING_FILLER, key=len, reverse=True)


def _strip_phrase(phrase: str) -> tuple[str, int]:
    """Trim an indicator phrase; return it and how many characters were cut from its left."""
    cut = 0
    changed = True
    while changed and phrase:
        changed = False
        stripped = phrase.lstrip(" \t\u3000\u00a0,，;；:：、")
        if stripped != phrase:
            cut += len(phrase) - len(stripped)
            phrase, changed = stripped, True
        m = _TIME_PREFIX.match(phrase)
        if m and m.end() > 0:
            cut += m.end()
            phrase, changed = phrase[m.end():], True
        for w in _LEADING_FILLER_LONGEST_FIRST:
            if phrase.startswith(w):
                # keep words that are part of a noun (全区 stays; 累计 is a flag we record separately)
                cut += len(w)
                phrase, changed = phrase[len(w):], True
                break
    changed = True
    while changed and phrase:
        changed = False
        stripped = phrase.rstrip(" \t\u3000\u00a0,，;；:：、")
        if stripped != phrase:
            phrase, changed = stripped, True
        for w in _MEASURE_VERBS_LONGEST_FIRST:
            if phrase.endswith(w):
                phrase, changed = phrase[: -len(w)], True
                break
    return phrase, cut


def _prenominal_phrase(text: str, q_end: int, clause_end: int) -> tuple[str, int]:
    """The noun after a count placed before it: 建设2个[中小微企业创业创新示范基地]."""
    start = _skip_ws(text, q_end)
    if text.startswith("的", start):
        start += 1
    end = min(clause_end, start + 30)
    phrase = text[start:end].rstrip()
    return phrase, start


_HEADS = (
    "产业链产值", "规模以上产值", "规上产值", "营业收入", "主营业务收入", "产值", "营收", "收入", "增加值", "规模",
    "总量", "比重", "占比", "投资", "数量", "总数", "面积", "产量", "销量", "增速", "增长率", "率",
)


def _split_enumeration(phrase: str) -> list[str]:
    """'A、B和C产值' → ['A产值', 'B产值', 'C产值'] (the shared head is copied to each item)."""
    items = [p for p in re.split(r"[、]|(?<=[”\"])\s*(?=[“\"])", phrase) if p.strip()]
    if items and "和" in items[-1]:  # "…、节能环保和新一代信息技术产业链产值"
        items = items[:-1] + [p for p in items[-1].split("和") if p.strip()]
    if len(items) < 2:
        return [phrase]
    last = items[-1]
    head = next((h for h in _HEADS if last.endswith(h) and len(last) > len(h)), "")
    if head:
        stem = last[: -len(head)]
        # the head may be preceded by a shared qualifier (产业链产值, 规模以上产值)
        items = [it if it.endswith(head) else it + head for it in items[:-1]] + [stem + head]
    return [it.strip() for it in items]


def _pair_enumeration(text: str, sep_pos: int, sent: _Span, quantities: list[Quantity]) -> tuple[int, dict[int, str]]:
    """For "A、B和C产值分别达到x、y和z" (分别 at ``sep_pos``): where the list starts, and a map
    from each figure's offset to its own item; empty when items and figures do not pair up."""
    head_start = _zone_start(text, sep_pos, sent.start)
    phrase, _ = _strip_phrase(text[head_start:sep_pos])
    items = _split_enumeration(phrase)
    nums = [o for o in quantities if sep_pos <= o.start < sent.end]
    if len(items) != len(nums):
        return head_start, {}
    return head_start, {n.start: item for n, item in zip(nums, items)}


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
    del doc_id, region, level, genre  # the row's identity is added by the caller
    horizon = plan_horizon(title, reference_date)
    ref = reference_date
    quantities = find_quantities(text)
    sections = _sections(text)
    statements: list[Statement] = []
    last_in_sentence: dict[int, Statement] = {}
    enumerations: dict[int, tuple[int, dict[int, str]]] = {}

    for idx, q in enumerate(quantities):
        sent = _sentence_bounds(text, q.start)
        c_start = _clause_start(text, q.start, sent.start)
        c_end = _clause_end(text, q.end, sent.end)
        later = [o for o in quantities[idx + 1:] if o.start < sent.end]
        reason = _not_a_measure(text, q, sent, c_end, later)
        if reason:
            continue

        comp_suffix, comp_end = _suffix(text, q.end, c_end)
        prefix = text[c_start:q.start]
        prefix_ns = prefix.rstrip()

        # ---- comparator
        comparator = comp_suffix or "=="
        if not comp_suffix:
            if q.more_than or any(prefix_ns.endswith(w) for w in PREFIX_GE):
                comparator = ">="
            elif any(prefix_ns.endswith(w) or w in prefix for w in PREFIX_LE):
                comparator = "<="
            elif any(prefix_ns.endswith(w) for w in PREFIX_APPROX):
                comparator = "~"

        # ---- growth, sign, flags
        value, high = q.value, q.range_high
        tail_prefix = prefix_ns[-6:]
        decrease = any(tail_prefix.endswith(w) for w in DECREASE) or any(
            re.search(w + r"\s*(?:了)?\s*$", prefix_ns) for w in DECREASE
        )
        increase = any(re.search(w + r"\s*(?:了)?\s*$", prefix_ns) for w in INCREASE)
        to_level = bool(re.search(r"(?:" + "|".join(DECREASE + INCREASE) + r")\s*(?:到|至|为)\s*$", prefix_ns))
        is_growth = q.unit in ("percent", "percentage_point") and (decrease or increase) and not to_level
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
        is_cumulative = "累计" in text[_zone_start(text, q.start, sent.start):q.start]  # 累计 heads its list
        is_per_year = bool(re.search(r"每年|年均|年度|每一年", prefix))

        # ---- time
        whens = _time_expressions(text, sent.start, q.start, ref)
        para_start = _paragraph_start(text, q.start)
        para_end = text.find("\n", q.end)
        para_end = len(text) if para_end < 0 else para_end
        section = next((s for s in reversed(sections) if s.start <= q.start), None)
        section_start = section.start if section else 0
        section_whens = _time_expressions(section.heading, 0, len(section.heading), ref) if section else []
        when = None
        for w in reversed(whens):
            # a base time (由2015年底的1个) governs only the figure right after it
            if not w.base or not any(w.pos <= o.start < q.start for o in quantities):
                when = w
                break
        if when is None and not is_per_year:  # a recurring goal (每年…) runs over the whole plan
            carried = [w for w in _time_expressions(text, para_start, sent.start, ref) if not w.base]
            when = carried[-1] if carried else None
        if when is None:  # a deadline stated later in the same paragraph ("…建设37个组团。到2025年,…")
            ahead = [w for w in _time_expressions(text, sent.end, para_end, ref) if w.explicit_goal]
            when = ahead[0] if ahead else None
        if when is None and section_whens:
            when = section_whens[-1]
        doc_deadline = next(
            (w for w in reversed(_time_expressions(text, section_start, para_start, ref)) if w.explicit_goal and w.year >= ref.year),
            None,
        ) if horizon == ref.year else None  # a plan with a stated horizon uses it instead

        # ---- kind
        cue_zone = text[max(sent.start, c_start - 60):q.start]
        sentence_before = text[sent.start:q.start]
        target_cue = any(c in sentence_before for c in TARGET_CUES) or (when is not None and when.explicit_goal)
        obs_cue = any(_cue_governs(cue_zone, c) for c in OBSERVATION_CUES)
        para_target_cue = any(c in text[para_start:q.start] for c in TARGET_CUES + PRENOMINAL_FLOW)
        if "累计" in sentence_before and not para_target_cue and when is None and horizon == ref.year:
            obs_cue = True  # "累计优化调整395项…" in a report of what was done
        zone_before = text[_zone_start(text, q.start, sent.start):q.start]
        estimate = bool(_ESTIMATE.search(zone_before)) and (when is None or when.year <= ref.year)
        realized = (
            bool(_REALIZED_PERIOD.search(sentence_before))
            or bool(_CURRENT_LEVEL.search(prefix))
            # a breakdown (其中…) or a sentence with no time of its own continues the paragraph's period
            or (not whens and bool(_REALIZED_PERIOD.search(text[para_start:sent.start])))
        )
        past_section = bool(section and (
            any(c in section.heading for c in PAST_SECTION_CUES)
            or any(w.year < ref.year for w in section_whens)
        ))
        if when is not None and when.year < ref.year:
            kind = "observation"
        elif (estimate or realized) and not (when is not None and when.year > ref.year):
            kind = "observation"  # 预计全年约3.2亿元, 今年1-8月…达到326.8亿元, 由目前的32%
        elif when is not None and when.year > ref.year:
            kind = "target"
        elif target_cue and not (obs_cue and not (when and when.explicit_goal)):
            kind = "target"
        elif obs_cue or past_section:
            kind = "observation"
        else:
            kind = "target"
        if kind == "target":
            if when is None or when.year < ref.year or when.base:
                when = doc_deadline
            year = when.year if when is not None else horizon
        else:
            year = when.year if when is not None else ref.year

        # a target to "reach" a level is met at or above it (达到3.5%), one to "fall to" a level at or below it
        if kind == "target" and comparator == "==" and not is_growth:
            if re.search(r"(?:达到|达|提高到|提升到|提高至|提升至|增加到|增长到|增至|升至|实现)\s*$", prefix_ns):
                comparator = ">="
            elif re.search(r"(?:下降到|降低到|下降至|降低至|降至|压减到|压减至|减少到|减至|压降到|压降至)\s*$", prefix_ns):
                comparator = "<="

        # ---- indicator phrase
        notes: list[str] = []
        after_i = _skip_ws(text, comp_end)
        nxt = text[after_i] if after_i < c_end else ""
        from_start = bool(_FROM_BEFORE.search(prefix) or _CURRENT_LEVEL.search(prefix))
        if from_start:  # 由[2015年底的]1个增加到41个: the starting level of a change
            post_nominal = True
        elif q.unit == "count":  # a classifier before its noun: 建设2个[示范基地]
            post_nominal = not _is_cjk_noun_start(nxt)
        else:  # 100%的[基层医疗机构]…
            post_nominal = not (nxt == "的" and _is_cjk_noun_start(text[after_i + 1: after_i + 2]))
        phrase_start = c_start
        if post_nominal:
            raw_phrase = text[c_start:q.start]
            m_from = _FROM_BEFORE.search(raw_phrase) or _CURRENT_LEVEL.search(raw_phrase) or re.search(r"[由从](?=.*\d)", raw_phrase)
            if m_from:  # "审批时限由75天减少至50天": the subject stands before 由
                raw_phrase = raw_phrase[: m_from.start()]
            phrase, cut = _strip_phrase(raw_phrase)
            phrase_start = c_start + cut
            phrase_end = phrase_start + len(phrase)
        else:
            noun, noun_start = _prenominal_phrase(text, comp_end, c_end)
            lead, cut = _strip_phrase(text[c_start:q.start])
            verb = next((v for v in PRENOMINAL_FLOW if lead.endswith(v)), "")
            phrase = (verb + noun).strip()
            phrase_start = min(c_start + cut, q.start)
            phrase_end = noun_start + len(noun)
        # a list "A、B…分别达到x、y": pair items with numbers
        m_sep = re.search(r"分别(?:达到|达|为|是|实现|突破|增长|完成)?", text[sent.start:q.start])
        if m_sep:
            sep_pos = sent.start + m_sep.start()
            if sep_pos not in enumerations:
                enumerations[sep_pos] = _pair_enumeration(text, sep_pos, sent, quantities)
            head_start, pairs = enumerations[sep_pos]
            if q.start in pairs:
                phrase = pairs[q.start]
                phrase_start = head_start
                phrase_end = q.start
            elif not pairs:
                notes.append("enumeration could not be paired item by item")
        prev = last_in_sentence.get(sent.start)
        if prev is not None and prev.value_end <= q.start:
            if phrase.startswith(("占", "比重", "其中")) or not phrase or phrase in ("年均增长", "增长", "同比增长"):
                inherited = prev.indicator_zh
                phrase = inherited + phrase if phrase.startswith("占") else (inherited if not phrase else phrase)
                phrase_start = min(phrase_start, prev.char_start)
                notes.append("subject inherited from the previous figure")
            elif prefix.startswith("、") or text[c_start - 1: c_start] == "、":
                verb = next((v for v in PRENOMINAL_FLOW if prev.indicator_zh.startswith(v)), "")
                if verb and not phrase.startswith(verb):
                    phrase = verb + phrase
        phrase = re.sub(r"\s+", "", phrase)

        span_start = max(sent.start, min(phrase_start, q.start))
        span_end = max(comp_end, q.end, phrase_end if not post_nominal else q.end)
        span_end = min(span_end, sent.end)
        stmt = Statement(
            kind=kind,
            indicator_zh=phrase,
            comparator=comparator,
            value=value,
            unit=q.unit,
            value_raw=q.value_raw,
            unit_raw=q.unit_raw,
            range_high=high,
            year=year,
            is_growth_rate=is_growth,
            is_cumulative=bool(is_cumulative),
            is_per_year=is_per_year,
            quote=text[span_start:span_end],
            char_start=span_start,
            char_end=span_end,
            value_start=q.start,
            value_end=q.end,
            notes=notes,
            is_change=is_change,
        )
        statements.append(stmt)
        last_in_sentence[sent.start] = stmt
    return statements

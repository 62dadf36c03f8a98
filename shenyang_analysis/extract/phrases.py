"""The indicator phrase of a figure: the noun phrase it measures, trimmed of time words and verbs.

>>> strip_phrase("到2025年,地区生产总值突破")
('地区生产总值', 7)
>>> split_enumeration("汽车、装备和新一代信息技术产业链产值")
['汽车产业链产值', '装备产业链产值', '新一代信息技术产业链产值']
"""

from __future__ import annotations

import re

from .quantities import Quantity
from .structure import Span, skip_ws, zone_start

__all__ = [
    "MEASURE_VERBS", "PRENOMINAL_FLOW", "LEADING_FILLER", "DECREASE", "INCREASE", "strip_phrase",
    "prenominal_phrase", "split_enumeration", "pair_enumeration",
]

DECREASE = ("下降", "降低", "减少", "压减", "压降", "压缩", "缩小", "缩减", "回落", "收窄")
INCREASE = ("增长", "增加", "提高", "提升", "上升", "上涨", "增幅", "增速", "扩大", "年均增长", "同比增长")

# words that link a subject to its figure (stripped from the end of an indicator phrase)
MEASURE_VERBS = (
    "力争达到", "力争实现", "力争突破", "确保达到", "发展到", "分别达到", "分别达", "分别为", "稳定在", "保持在", "控制在",
    "提高到", "提升到", "提高至", "提升至", "下降到", "降低到", "下降至", "降低至", "增长到", "增加到",
    "达到", "突破", "超过", "实现", "完成", "不少于", "不低于", "不高于", "不超过", "增长", "提高", "提升",
    "下降", "降低", "减少", "增加", "达", "为", "是", "至", "到", "约", "近", "逾", "超", "共", "拥有", "增至", "增加至", "减至", "降至", "升至",
    "调整为", "整合为", "提升为", "减少为",
    "年均", "同比", "比上年", "累计", "总计", "合计", "力争", "争取", "预计", "保持",
)
# creation verbs that come before a count placed in front of its noun (建设2个示范基地)
PRENOMINAL_FLOW = ("新增", "新建", "新培育", "新引进", "新开工", "新认定", "新设", "新开", "改扩建", "扩建", "增设")
# leading words to drop from an indicator phrase
LEADING_FILLER = (
    "相比", "同比", "比上年", "较上年", "其中", "力争", "确保", "争取", "全力", "努力", "推动", "促进", "实现", "保持", "预计", "计划", "目标是",
    "目标", "同时", "并且", "并", "且", "使", "让", "将", "要", "共", "累计", "全年", "年内", "今年", "当年",
    "年底前", "年底", "已", "已经", "基本", "初步", "持续", "进一步", "全面", "到", "至", "在", "以", "和", "及",
    "与", "等", "的", "年末", "期末", "末", "底", "前", "内", "止", "截至", "截止",
)

# leading words that look like fillers (在, 以) but begin a noun: 在孵企业, 在建项目, 以函代证
KEEP_LEADING = ("在孵", "在建", "在校", "在园", "在岗", "在线", "在册", "在营", "以函", "以管", "以奖", "以工代赈")

_TIME_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十两\d]+\s*年内\s*|(?:到|至|截至|截止|在|于)?\s*(?:(?:19|20)\d\d\s*(?:[-—–~至到]\s*(?:19|20)\d\d\s*)?年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"(?:底前|年底|底|末|前|内|以来|起)?|今年|本年|全年|年内|年底前|年底|当年|去年|上年|前年|明年|"
    r"[“\"]?\s*十[一二三四五六七八九]\s*五\s*[”\"]?\s*(?:时期|期间|期末|末|以来)?|\d{1,2}\s*月(?:至\s*\d{1,2}\s*月)?)\s*(?:预计)?\s*[,，]?\s*)+"
)


_MEASURE_VERBS_LONGEST_FIRST = sorted(set(MEASURE_VERBS + DECREASE + INCREASE), key=len, reverse=True)
_LEADING_FILLER_LONGEST_FIRST = sorted(LEADING_FILLER, key=len, reverse=True)


def strip_phrase(phrase: str) -> tuple[str, int]:
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
            if phrase.startswith(w) and not phrase.startswith(KEEP_LEADING):
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


_ASIDE = re.compile(r"\s*[(（][^()（）]{1,4}[)）]")
_NEXT_ITEM = re.compile(r"[和及与]\s*\d")


def prenominal_phrase(text: str, q_end: int, clause_end: int) -> tuple[str, int]:
    """The noun after a count placed before it: 建设2个[中小微企业创业创新示范基地].

    A short aside after the unit is skipped (7.5万套(间)[人才住房保障能力]) and the noun stops
    before the next item of a list (新增3个[高技能人才培育基地]和10个技能大师工作室).

    >>> text = "新增3个高技能人才培育基地和10个技能大师工作室"
    >>> prenominal_phrase(text, 4, len(text))
    ('高技能人才培育基地', 4)
    """
    aside = _ASIDE.match(text, q_end)
    start = skip_ws(text, aside.end() if aside else q_end)
    if text.startswith("的", start):
        start += 1
    end = min(clause_end, start + 30)
    nxt = _NEXT_ITEM.search(text, start, end)
    phrase = text[start:nxt.start() if nxt else end].rstrip()
    return phrase, start


_HEADS = (
    "产业链产值", "规模以上产值", "规上产值", "营业收入", "主营业务收入", "产值", "营收", "收入", "增加值", "规模",
    "总量", "比重", "占比", "投资", "数量", "总数", "面积", "产量", "销量", "增速", "增长率", "率",
)


def split_enumeration(phrase: str) -> list[str]:
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


_CLAUSE_BREAK = re.compile(r"[,，;；:：。]")


def _first_at(quantities: list[Quantity], pos: int) -> int:
    """Index of the first quantity starting at or after ``pos`` (binary search)."""
    lo, hi = 0, len(quantities)
    while lo < hi:
        mid = (lo + hi) // 2
        if quantities[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def pair_enumeration(text: str, sep_pos: int, sent: Span, quantities: list[Quantity]) -> tuple[int, dict[int, str]]:
    """For "A、B和C产值分别达到x、y和z" (分别 at ``sep_pos``): where the list starts, and a map
    from each figure's offset to its own item; empty when items and figures do not pair up."""
    head_start = zone_start(text, sep_pos, sent.start)
    phrase, _ = strip_phrase(text[head_start:sep_pos])
    items = split_enumeration(phrase)
    nums: list[Quantity] = []
    for o in quantities[_first_at(quantities, sep_pos):]:
        # the figures of the list: up to the end of the clause after the last of them
        if o.start >= sent.end or (nums and _CLAUSE_BREAK.search(text, nums[-1].end, o.start)):
            break
        nums.append(o)
    if len(items) != len(nums):
        return head_start, {}
    return head_start, {n.start: item for n, item in zip(nums, items)}


# --------------------------------------------------------------------------------------

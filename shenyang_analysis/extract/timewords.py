"""Time words: explicit years, relative years (今年, 去年, 年底前) and five-year plans (“十四五”).

:func:`time_expressions` lists every time expression in a stretch of text with the year it
names, resolved against the document's reference date; :func:`plan_horizon` is the year a
target without a date refers to.

>>> import datetime as dt
>>> [(w.year, w.explicit_goal) for w in time_expressions("到2025年,今年", 0, 9, dt.date(2021, 2, 6))]
[(2025, True), (2021, False)]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["CN_DIGITS", "When", "time_expressions", "plan_horizon", "fyp_end_year", "fyp_number"]

CN_DIGITS = "〇零一二三四五六七八九十两"
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d\d)\s*(?:[-—–~至到]\s*((?:19|20)\d\d)\s*)?年(?!代)")
_REL_YEAR = re.compile(r"今年|本年|全年|年内|年底前|年底|当年|年末|去年|上年|前年|明年|次年")
_FYP = re.compile(r"[“\"]?\s*(十[一二三四五六七八九]|[一二三四五六七八九])\s*五\s*[”\"]?\s*(?:时期|期间|期末|末|规划|以来|计划)?")
_WITHIN_YEARS = re.compile(r"(?<![\d.])([1-9]|[二两三四五六七八九十])\s*年内")
_FYP_NUM = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}


def fyp_number(token: str) -> int:
    """'十三' → 13, '九' → 9."""
    if token.startswith("十"):
        return 10 + (_FYP_NUM.get(token[1:], 0) if len(token) > 1 else 0)
    return {"两": 2, "十": 10}.get(token) or _FYP_NUM[token]


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
        end = fyp_end_year(fyp_number(m.group(1)))
        if end >= reference_date.year:
            return end
    return reference_date.year



@dataclass(frozen=True)
class When:
    """A time expression: the year it names and where it ends."""

    year: int
    pos: int          # where the expression ends (closer to the figure wins)
    explicit_goal: bool  # 到2025年 / 2023年底前 / 年底前: a deadline
    base: bool = False   # 由2015年底的…/自2022年起: the start of a change, not the time of what follows
    relative: bool = False  # 今年/全年/去年: resolved against the reference date, not written out


def time_expressions(text: str, start: int, end: int, ref: dt.date) -> list[When]:
    seg = text[start:end]
    found: list[When] = []
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
        found.append(When(year, start + m.end(), goal, base))
    for m in _WITHIN_YEARS.finditer(seg):  # 5年内 / 三年内: N calendar years, counting the current
        n = int(m.group(1)) if m.group(1).isdigit() else fyp_number(m.group(1))  # one if half of it is left
        found.append(When(ref.year + n - (1 if ref.month <= 6 else 0), start + m.end(), True))
    explicit_ends = [start + m.end() for m in _YEAR.finditer(seg)]
    for m in _REL_YEAR.finditer(seg):
        word = m.group(0)
        # 全年/年内 after an explicit year in the same stretch belong to it (2020年,…预计全年实现…)
        if word in ("全年", "年内", "当年", "年底", "年末") and any(e <= start + m.start() for e in explicit_ends):
            continue
        # 年底/年末 right after an explicit year belong to it (2023年底)
        if word in ("年底", "年底前", "年末") and seg[: m.start()].rstrip()[-1:].isdigit():
            continue
        if word.startswith("年") and m.start() > 0 and seg[m.start() - 1] in "今去明前上本当全":
            continue
        if word == "年内" and m.start() > 0 and (seg[m.start() - 1].isdigit() or seg[m.start() - 1] in CN_DIGITS + "几"):
            continue  # 五年内: a span, not this year
        if re.search(r"(?:比|较|与|同)\s*$", seg[max(0, m.start() - 2): m.start()]):
            continue  # 比去年同期提高4.1个百分点: a base period
        delta = {"去年": -1, "上年": -1, "前年": -2, "明年": 1, "次年": 1}.get(word, 0)
        if seg.startswith("以来", m.end()):
            delta = 0
        found.append(When(ref.year + delta, start + m.end(), word in ("年底前", "年内", "全年"), relative=True))
    for m in _FYP.finditer(seg):
        try:
            n = fyp_number(m.group(1))
        except KeyError:
            continue
        if n < 6:  # "一五" etc. are not plausible plan references in these texts
            continue
        pre = seg[max(0, m.start() - 2): m.start()]
        if re.search(r"(?:比|较|与|同)\s*$", pre):
            continue  # 较“十二五”增加20.89%: a base period
        goal = bool(re.search(r"[到至]\s*$", pre)) and bool(re.search(r"末|期末", m.group(0)))  # 到“十四五”末
        found.append(When(fyp_end_year(n), start + m.end(), goal, bool(re.search(r"[由从自]\s*$", pre))))
    found.sort(key=lambda w: w.pos)
    return found


# --------------------------------------------------------------------------------------

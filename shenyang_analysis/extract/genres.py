"""A document's genre and its periods: which stretches review the past and which plan ahead.

The genre (:data:`~shenyang_analysis.vocab.GENRES`) is given (the manifest's ``genre`` column,
``extract --genre``) or read from the title and the opening of the text (:func:`infer_genre`).
A word outside the vocabulary becomes ``unknown``: the document is still extracted, with the
sentence-level rules only.

Periods (:func:`periods`) are recognised by headings and lead phrases. A **review** (2024年工作回顾,
回顾2023, 2023年…计划执行情况, 过去一年, 刚刚过去的2023年, 过去五年, “十三五”时期/期间 in a plan of the next period,
主要成绩) holds observations of the year it reviews; a **plan** (今年…主要预期目标, 2025年…总体要求,
“十四五”时期…主要目标, 主要目标, 今后五年) holds targets, decided sentence by sentence. A period
runs until the next one starts.

>>> import datetime as dt
>>> infer_genre("玉环市2019年国民经济和社会发展统计公报", "")
'communique'
>>> [(p.kind, p.year) for p in periods("一、2024年工作回顾\\n…\\n二、2025年主要预期目标\\n…", dt.date(2025, 1, 20), "work_report")]
[('review', 2024), ('plan', 2025)]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..vocab import GENRES
from .timewords import fyp_end_year, fyp_number

__all__ = ["Period", "infer_genre", "resolve_genre", "periods", "document_year"]

_GENRE_TITLE = (
    ("communique", re.compile(r"统计公报|经济形势分析|经济运行(?:情况|分析)|统计监测")),
    ("work_report", re.compile(r"政府工作报告")),
    ("action_plan", re.compile(r"行动方案|行动计划|实施方案|工作方案|攻坚行动")),
    ("plan", re.compile(r"规划|纲要|发展计划")),
)
_WORK_REPORT_OPENING = re.compile(r"代表\S{0,6}人民政府\S{0,4}向大会\S{0,4}(?:作|报告)")
_NEWS_OPENING = re.compile(r"记者|讯\s*[(（]|电\s*[(（]|日电|本报|新华社|来源[:：]|编辑[:：]")


def infer_genre(title: str, text: str) -> str:
    """The genre read from the title, else from the opening of the text (``unknown`` if neither says).

    >>> infer_genre("", "各位代表:\\n现在,我代表市人民政府,向大会报告工作")
    'work_report'
    >>> infer_genre("沈阳跨境电商驶入快车道", "本报讯 记者…")
    'news'
    """
    for genre, pattern in _GENRE_TITLE:
        if pattern.search(title):
            return genre
    opening = text[:400]
    if _WORK_REPORT_OPENING.search(opening):
        return "work_report"
    first_line = next((line for line in opening.splitlines() if line.strip()), "")
    for genre, pattern in _GENRE_TITLE:
        if pattern.search(first_line):
            return genre
    if _NEWS_OPENING.search(opening):
        return "news"
    return "unknown"


def resolve_genre(given: str | None, title: str, text: str) -> str:
    """The genre to use: ``given`` if it is a known genre, inferred when empty or ``auto``,
    ``unknown`` for any other word.

    >>> resolve_genre("plan", "", ""), resolve_genre("", "2021年统计公报", ""), resolve_genre("memo", "", "")
    ('plan', 'communique', 'unknown')
    """
    word = (given or "").strip().lower()
    if word in ("", "auto"):
        return infer_genre(title, text)
    return word if word in GENRES else "unknown"


@dataclass(frozen=True)
class Period:
    """A stretch of the text from ``start``: a ``review`` of ``year`` or a ``plan`` (for ``year``, if named)."""

    start: int
    kind: str
    year: int | None
    rule: str


_YEAR_WORD = r"((?:19|20)\d\d)\s*年?"
_FYP_WORD = r"[“\"]?\s*(十[一二三四五六七八九])\s*五\s*[”\"]?"
# (pattern, kind, how the year is read) -- tried on each line's opening (its first 60 characters)
_REVIEW = [
    (re.compile(_YEAR_WORD + r"\s*(?:工作)?回顾"), "explicit"),
    (re.compile(r"回顾\s*" + _YEAR_WORD), "explicit"),
    (re.compile(r"(?:刚刚|刚)?过去的\s*" + _YEAR_WORD), "explicit"),
    (re.compile(_YEAR_WORD + r"[^,，。;；]{0,20}?执行情况"), "explicit"),  # 2023年国民经济和社会发展计划执行情况
    (re.compile(r"过去(?:的)?一年|一年来|刚刚过去的一年"), "last"),
    (re.compile(r"过去五年|五年来|本届政府"), "last"),
    (re.compile(_FYP_WORD + r"\s*(?:时期|期间)(?!.{0,12}(?:目标|要求))"), "fyp"),
    (re.compile(r"主要成绩|发展成就|工作成效|取得的成绩|发展基础|发展背景|历史方位|如期建成"), "last"),
]
_PLAN = [
    (re.compile(r"今年.{0,24}(?:预期目标|主要目标)|今年预期目标|今年的?工作|对今年.{0,8}建议"), "ref"),
    (re.compile(_YEAR_WORD + r".{0,16}(?:预期目标|主要目标|总体要求|工作安排|工作任务|重点工作)"), "explicit"),
    (re.compile(_FYP_WORD + r".{0,12}(?:主要目标|发展目标|目标任务|总体要求)"), "fyp"),
    (re.compile(r"主要目标|发展目标|工作目标|目标任务|今后五年|未来五年|新的五年|重点抓好|重点做好|重点任务"), "none"),
]


def _period_year(m: re.Match[str], how: str, ref: dt.date) -> int | None:
    if how == "explicit":
        return int(m.group(1))
    if how == "fyp":
        return fyp_end_year(fyp_number(m.group(1)))
    if how == "last":
        return ref.year - 1
    if how == "ref":
        return ref.year
    return None


def periods(text: str, ref: dt.date, genre: str) -> list[Period]:
    """Review and plan periods in reading order (none for a communiqué or an unknown genre)."""
    if genre in ("communique", "unknown"):
        return []
    out: list[Period] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        opening = line[:60]
        found = _first(opening, ref)
        if found is not None:
            kind, year, rule = found
            if kind == "plan" or (year is not None and year <= ref.year):  # no review of the future
                out.append(Period(offset, kind, year, rule))
        offset += len(line)
    return out


def _first(opening: str, ref: dt.date) -> tuple[str, int | None, str] | None:
    hits = []
    for kind, table in (("review", _REVIEW), ("plan", _PLAN)):
        for pattern, how in table:
            m = pattern.search(opening)
            if m and m.start() <= _LEAD:
                hits.append((m.start(), kind, _period_year(m, how, ref), f"{kind}:{m.group(0).strip()}"))
                break
    if not hits:
        return None
    _, kind, year, rule = min(hits, key=lambda h: h[0])
    return kind, year, rule


_LEAD = 12  # a heading or lead phrase opens its line (after numbering such as 一、 or spaces)
_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def document_year(title: str, text: str, ref: dt.date) -> int:
    """The year a communiqué reports: the first year in its title, else in its opening, else the
    year before the reference date.

    >>> document_year("玉环市2019年国民经济和社会发展统计公报", "", dt.date(2021, 5, 10))
    2019
    """
    for s in (title, text[:200]):
        m = _TITLE_YEAR.search(s)
        if m and int(m.group(1)) <= ref.year:
            return int(m.group(1))
    return ref.year - 1

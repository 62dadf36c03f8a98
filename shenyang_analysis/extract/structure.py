"""The structure of a text: sentences, clauses, paragraphs, section headings, quoted names.

Offsets are character offsets into the text; a clause ends at a comma, semicolon, colon or
enumeration comma (、) outside parentheses, but not inside a number such as ``1,233``.

>>> t = "到2025年,地区生产总值突破1500亿元。"
>>> sentence_bounds(t, 10), clause_start(t, 10, 0)
(Span(start=0, end=21), 7)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quantities import Quantity

__all__ = [
    "SENTENCE_END", "CLAUSE_SEP", "OPEN_QUOTES", "CLOSE_QUOTES", "Span", "Section", "sentence_bounds",
    "is_clause_sep", "clause_start", "clause_end", "paragraph_start", "sections", "skip_ws", "zone_start",
    "inside_quotes", "is_cjk_noun_start",
]

SENTENCE_END = set("。！？!?\n")
CLAUSE_SEP = set(",，;；:：、")
OPEN_QUOTES = "“「『《\""
CLOSE_QUOTES = "”」』》\""
_HEADING = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节篇部分]")


@dataclass(frozen=True)
class Span:
    """A stretch of text [start, end)."""

    start: int
    end: int


def sentence_bounds(text: str, pos: int) -> Span:
    start = pos
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = pos
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return Span(start, end)


def is_clause_sep(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in CLAUSE_SEP:
        return False
    if ch in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
        return False  # 1,233 or 10:06
    return True


def clause_start(text: str, pos: int, floor: int) -> int:
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
        elif depth == 0 and is_clause_sep(text, i - 1):
            return i
        i -= 1
    return floor


def clause_end(text: str, pos: int, ceiling: int) -> int:
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
        elif depth == 0 and is_clause_sep(text, i):
            return i
        i += 1
    return ceiling


def paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos)
    return i + 1


@dataclass(frozen=True)
class Section:
    """A heading (第一章 …) and where its section starts."""

    start: int
    heading: str


def sections(text: str) -> list[Section]:
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if _HEADING.match(line):
            out.append(Section(offset, line.strip()))
        offset += len(line)
    return out


# --------------------------------------------------------------------------------------


def skip_ws(text: str, i: int, step: int = 1) -> int:
    while 0 <= i < len(text) and text[i] in " \t\u3000\u00a0":
        i += step
    return i



def inside_quotes(text: str, q: Quantity, sent: Span) -> bool:
    """A number inside a short quoted name (“五个示范”, “一个平台、五大体系”)."""
    open_pos = max(text.rfind(c, sent.start, q.start) for c in OPEN_QUOTES)
    if open_pos < 0:
        return False
    close_before = max(text.rfind(c, open_pos + 1, q.start) for c in CLOSE_QUOTES if c != '"')
    if close_before > open_pos:
        return False
    close_after = min((p for p in (text.find(c, q.end, sent.end) for c in CLOSE_QUOTES) if p >= 0), default=-1)
    return close_after >= 0 and close_after - open_pos <= 16




def zone_start(text: str, pos: int, floor: int) -> int:
    """Start of the stretch that shares a verb with ``pos``: like a clause, but 、 does not cut it."""
    i = pos
    while i > floor:
        if text[i - 1] != "、" and is_clause_sep(text, i - 1):
            return i
        i -= 1
    return floor


_NOT_NOUN_START = set("以上下左右的等及和与或、,，;；:：。！？!?()（）“”\"《》 \t\n\u3000")


def is_cjk_noun_start(ch: str) -> bool:
    return bool(ch) and ch not in _NOT_NOUN_START and ("\u4e00" <= ch <= "\u9fff" or ch.isalpha())

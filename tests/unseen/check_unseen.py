"""Checker for the never-seen answer keys (tests/unseen/): run it, or import ``check_all``.

For each ``<doc_id>.csv`` it checks (``keytools.check_key_file`` in tests/keytools.py) the
header and the allowed words (kind, comparator, the ``UNITS`` below), that values are plain
decimals, that ``text[char_start:char_end] == quote``, that a number written in the quote
accounts for the value (× 1, 10^4, 10^8 or 10^12, sign ignored), and that the key is
exhaustive: every number written in digits lies inside some row's quote, is a date (a number
followed by 年, 月 or 日, or 回顾2023), or lies inside one of the ``EXCLUDED`` strings below,
each with the reason it is not a measure. Importing it writes nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # tests/: the key tooling the sets share

from keytools import check_key_set, report  # noqa: E402

UNITS = {"yuan", "usd", "percent", "percentage_point", "count", "jin", "ton", "kw", "sqkm", "hectare"}

EXCLUDED: dict[str, list[tuple[str, str]]] = {
    "n01_yuhuan_communique": [
        ("新中国成立70周年", "anniversary"),
        ("6.01:55.04:38.95", "structure ratio without a unit"),
        ("表1", "table number"),
        ("| 617.50 | 5.2 |", "table cell: repeats the prose figure, unit only in the header"),
        ("| 37.11 | 2.6 |", "table cell"), ("| 339.85 | 4.5 |", "table cell"),
        ("| 240.54 | 6.7 |", "table cell"),
        ("平均汇率6.8985", "exchange rate used for a conversion, no unit"),
    ],
    "n02_jiaojiang_analysis": [
        ("总量排名全市第3位", "rank"),
        ("3.3∶37.3∶59.4", "structure ratio"), ("2.5∶37.3∶60.2", "structure ratio"),
    ],
    "n03_chifeng_work_report": [("500千伏输变电工程", "a project's name (voltage class)")],
    "n04_handan_work_report": [
        ("35年来、20年来首次", "durations of a record"), ("连续8个月全省第一", "length of a rank streak"),
    ],
    "n05_longgang_work_report": [("成立75周年", "anniversary"), ("“1310”", "a programme's name")],
    "n06_quanshan_work_report": [("区委10个方面40条贯彻举措", "structure of a policy document")],
    "n10_anhui_news": [("“3210”", "a programme's name"), ("5年内", "a duration (sets the year)")],
    "n11_zhangshu_plan": [
        ("10.7:55.6:33.7", "structure ratio"), ("10.6:43.9:45.5", "structure ratio"),
        ("第 69 位", "rank"),
    ],
}


def check_all() -> tuple[dict[str, int], list[str]]:
    """Check every key next to this file (:func:`keytools.check_key_set`): row counts, problems."""
    return check_key_set(HERE, "n*.csv", UNITS, EXCLUDED)


if __name__ == "__main__":
    sys.exit(report(*check_all()))

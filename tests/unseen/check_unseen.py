"""Checker for the never-seen answer keys (tests/unseen/): run it, or import ``check_all``.

For each ``<doc_id>.csv`` it checks the header and the allowed words (kind, comparator, unit,
booleans), that values are plain decimals, that ``text[char_start:char_end] == quote``, that a
number written in the quote accounts for the value (× 1, 10^4, 10^8 or 10^12, sign ignored),
and that the key is exhaustive: every number written in digits lies inside some row's quote,
is a date (a number followed by 年, 月 or 日, or 回顾2023), or lies inside one of the
``EXCLUDED`` strings below, each with the reason it is not a measure. Importing it has no
side effects.
"""
from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOC_DIR = HERE / "docs"
HEADER = [
    "doc_id", "kind", "indicator_zh", "comparator", "value", "unit", "range_high", "year",
    "is_growth_rate", "is_cumulative", "is_per_year", "char_start", "char_end", "quote", "note",
]
KINDS = {"target", "observation"}
COMPARATORS = {">=", "<=", "<", "~", "=="}
UNITS = {"yuan", "usd", "percent", "percentage_point", "count", "jin", "ton", "kw", "sqkm", "hectare"}
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
DATE_RE = re.compile(r"\d+\s?[年月日]|回顾\d{4}")
MULTIPLIERS = (Decimal(1), Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 12)

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


def _number_in_quote(value: Decimal, quote: str) -> bool:
    target = abs(value)
    return any(Decimal(m.group()) * k == target for m in NUMBER_RE.finditer(quote) for k in MULTIPLIERS)


def check_file(path: Path) -> tuple[int, list[str]]:
    """Check one key file; return its row count and the problems found."""
    doc_id = path.stem
    text = (DOC_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = reader.fieldnames
    problems = [] if header == HEADER else [f"{path.name}: header {header}"]
    for i, r in enumerate(rows, start=2):
        where = f"{path.name}:{i}"
        if r["doc_id"] != doc_id or r["kind"] not in KINDS or r["comparator"] not in COMPARATORS:
            problems.append(f"{where}: doc_id/kind/comparator")
        if r["unit"] not in UNITS:
            problems.append(f"{where}: unit {r['unit']!r}")
        if not DECIMAL_RE.match(r["value"]) or (r["range_high"] and not DECIMAL_RE.match(r["range_high"])):
            problems.append(f"{where}: value {r['value']!r}")
            continue
        if not re.fullmatch(r"\d{4}", r["year"]):
            problems.append(f"{where}: year {r['year']!r}")
        s, e = int(r["char_start"]), int(r["char_end"])
        if text[s:e] != r["quote"]:
            problems.append(f"{where}: quote is not text[{s}:{e}]")
        if not _number_in_quote(Decimal(r["value"]), r["quote"]):
            problems.append(f"{where}: value {r['value']} not written in the quote")
    problems += _check_exhaustive(doc_id, text, rows)
    return len(rows), problems


def _check_exhaustive(doc_id: str, text: str, rows: list[dict[str, str]]) -> list[str]:
    covered = [(int(r["char_start"]), int(r["char_end"])) for r in rows]
    problems = []
    for s, reason in EXCLUDED.get(doc_id, []):
        if s not in text:
            problems.append(f"{doc_id}: EXCLUDED string not in text: {s!r} ({reason})")
        covered += [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]
    covered += [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    for m in NUMBER_RE.finditer(text):
        if not any(a <= m.start() and m.end() <= b for a, b in covered):
            problems.append(f"{doc_id}: number {m.group()!r} at {m.start()} is in no row and not excluded")
    return problems


def check_all() -> tuple[dict[str, int], list[str]]:
    """Check every key next to this file."""
    counts: dict[str, int] = {}
    problems: list[str] = []
    for path in sorted(HERE.glob("n*.csv")):
        counts[path.stem], p = check_file(path)
        problems += p
    return counts, problems


def main() -> int:
    counts, problems = check_all()
    for doc_id, n in counts.items():
        print(f"{doc_id}: {n} rows")
    print("\n".join(problems) or "no problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

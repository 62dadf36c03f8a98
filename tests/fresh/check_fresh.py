"""Checker for the second never-seen answer keys (tests/fresh/): run it, or import ``check_all``.

The same checks as ``tests/unseen/check_unseen.py``: header, allowed words, plain decimals,
``text[char_start:char_end] == quote``, a number in the quote accounting for the value, and an
exhaustive key: every number written in digits is in a row's quote, a date, or one of the
``EXCLUDED`` strings below with its reason. Importing it has no side effects.
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
UNITS = {"yuan", "usd", "percent", "percentage_point", "count", "jin", "ton", "kw", "sqkm", "hectare", "mu", "sqm",
         "km", "cubic_m"}
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
DATE_RE = re.compile(r"\d+\s?[年月日]|回顾\d{4}")
MULTIPLIERS = (Decimal(1), Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 12)

EXCLUDED: dict[str, list[tuple[str, str]]] = {
    "f01_xinxiang_plan": [
        ("2024-04-02", "a date"), ("成立75周年", "anniversary"),
        ("居全省第4位", "rank"), ("分居全省第4、第3位", "ranks"),
    ],
    "f02_xianyang_plan": [("2023-12-10 06:53", "date and time of the web page"), ("〔2023〕8号", "document number")],
    "f03_dongguan_news": [
        ("2024-11-30 18:56:36", "date and time of the web page"), ("sp20241130", "an identifier"),
        ("连续12年居全省地级市第一", "length of a rank streak"), ("均居全省第1", "rank"),
    ],
    "f04_fuling_communique": [
        ("5.6:56.6:37.8", "structure ratio"),
        ("2828.08万千伏安", "kVA is no base unit (its growth, 44.9%, is a row)"),
    ],
    "f05_danzhai_communique": [
        ("25.72:26.84:47.44", "structure ratio"), ("图1:2011-2015", "a figure caption"), ("图2:2011-2015", "a figure caption"),
    ],
    "f06_yunnan_news": [
        ("“1+7+5”", "a policy system's name"), ("“1+10+3”", "a name"),
        ("7个系列专项三年行动", "structure of the policy system"), ("5个配套政策", "structure of the policy system"),
        ("12个重点产业", "the scope of the plan (which industries)"), ("6个方面16项工程", "structure of the plan"),
        ("23:53:24", "structure ratio"), ("2.3:1以上", "a ratio without a unit"), ("10项措施", "structure of the plan"),
    ],
    "f07_fushan_work_report": [],
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
    for path in sorted(HERE.glob("f*.csv")):
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

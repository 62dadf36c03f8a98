"""Self-check for the hand-made answer key in tests/answer_key/.

Importable (``check_file``, ``check_all``) and runnable::

    .venv/bin/python tests/answer_key/check_key.py

For every ``<doc_id>.csv`` next to this file it verifies the header, the allowed values of
kind / comparator / unit / booleans, that value and range_high are plain decimals (no exponent,
no thousands separator), that year is a 4-digit year, that
``text[char_start:char_end] == quote`` against data/raw/documents/<doc_id>.txt, and that the
number written in the quote accounts for the value (value == written number x 1, 10^4, 10^8 or
10^12, sign ignored). It prints a per-document row count and exits non-zero on any problem.
"""
from __future__ import annotations

import csv
import re
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path

KEY_DIR = Path(__file__).resolve().parent
REPO = KEY_DIR.parents[1]
DOC_DIR = REPO / "data" / "raw" / "documents"

HEADER = [
    "doc_id", "kind", "indicator_zh", "comparator", "value", "unit", "range_high", "year",
    "is_growth_rate", "is_cumulative", "is_per_year", "char_start", "char_end", "quote", "note",
]
KINDS = {"target", "observation"}
COMPARATORS = {">=", "<=", "~", "=="}
UNITS = {
    "yuan", "usd", "percent", "percentage_point", "count", "mu", "jin", "ton", "kw", "sqm",
    "km", "day", "pflops", "times",
}
BOOLS = {"true", "false"}
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
MULTIPLIERS = (Decimal(1), Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 12)


def _parse_decimal(s: str) -> Decimal | None:
    if not DECIMAL_RE.match(s):
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _number_in_quote(value: Decimal, quote: str) -> bool:
    target = abs(value)
    for m in NUMBER_RE.finditer(quote):
        n = Decimal(m.group())
        if any(n * k == target for k in MULTIPLIERS):
            return True
    return False


def check_file(path: Path) -> tuple[int, list[str]]:
    """Return (row count, list of error messages) for one key CSV."""
    errors: list[str] = []
    doc_id = path.stem
    doc_path = DOC_DIR / f"{doc_id}.txt"
    if not doc_path.exists():
        return 0, [f"{path.name}: no document {doc_path}"]
    text = doc_path.read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            return 0, [f"{path.name}: empty file"]
        if header != HEADER:
            errors.append(f"{path.name}: bad header {header}")
            return 0, errors
        rows = list(reader)
    seen = set()
    for i, row in enumerate(rows, start=2):
        where = f"{path.name}:{i}"
        if len(row) != len(HEADER):
            errors.append(f"{where}: {len(row)} fields")
            continue
        r = dict(zip(HEADER, row))
        if r["doc_id"] != doc_id:
            errors.append(f"{where}: doc_id {r['doc_id']!r} != file name")
        if r["kind"] not in KINDS:
            errors.append(f"{where}: kind {r['kind']!r}")
        if r["comparator"] not in COMPARATORS:
            errors.append(f"{where}: comparator {r['comparator']!r}")
        if r["unit"] not in UNITS:
            errors.append(f"{where}: unit {r['unit']!r}")
        if not r["indicator_zh"].strip():
            errors.append(f"{where}: empty indicator_zh")
        value = _parse_decimal(r["value"])
        if value is None:
            errors.append(f"{where}: value {r['value']!r} is not a plain decimal")
        if r["range_high"]:
            high = _parse_decimal(r["range_high"])
            if high is None:
                errors.append(f"{where}: range_high {r['range_high']!r} is not a plain decimal")
            elif value is not None and high <= value:
                errors.append(f"{where}: range_high <= value")
        if not re.fullmatch(r"(19|20)\d\d", r["year"]):
            errors.append(f"{where}: year {r['year']!r}")
        for b in ("is_growth_rate", "is_cumulative", "is_per_year"):
            if r[b] not in BOOLS:
                errors.append(f"{where}: {b} {r[b]!r}")
        if value is not None and value < 0 and r["is_growth_rate"] != "true":
            errors.append(f"{where}: negative value on a non-growth row")
        try:
            s, e = int(r["char_start"]), int(r["char_end"])
        except ValueError:
            errors.append(f"{where}: offsets not integers")
            continue
        if not (0 <= s < e <= len(text)):
            errors.append(f"{where}: offsets out of range ({s},{e})")
        elif text[s:e] != r["quote"]:
            errors.append(f"{where}: text[{s}:{e}]={text[s:e]!r} != quote {r['quote']!r}")
        if not re.search(r"\d", r["quote"]):
            errors.append(f"{where}: quote holds no digit")
        elif value is not None and not _number_in_quote(value, r["quote"]):
            errors.append(f"{where}: value {r['value']} not found as a written number in the quote")
        key = (s, e, r["value"])
        if key in seen:
            errors.append(f"{where}: duplicate row {key}")
        seen.add(key)
    return len(rows), errors


def check_all(key_dir: Path = KEY_DIR) -> tuple[dict[str, int], list[str]]:
    counts: dict[str, int] = {}
    errors: list[str] = []
    for path in sorted(key_dir.glob("*.csv")):
        n, errs = check_file(path)
        counts[path.stem] = n
        errors.extend(errs)
    return counts, errors


def main() -> int:
    counts, errors = check_all()
    for doc_id, n in counts.items():
        print(f"{doc_id}: {n} rows")
    print(f"total: {sum(counts.values())} rows in {len(counts)} files")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Reading the history's CSV files: rows with their file line, years and exact decimals.

Every problem is a :class:`HistoryError` naming the file, the line and what is wrong.

>>> parse_year("2021", "f: line 2")
2021
>>> parse_decimal("1,300.5", "f: line 2", "value")
Decimal('1300.5')
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from ..io import csvfile
from ..io.documents import read_text

__all__ = ["HistoryError", "csv_rows", "parse_year", "parse_decimal"]


class HistoryError(ValueError):
    """A history, panel or break file that cannot be read; the message names the file, line and problem."""


def csv_rows(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(file line, row) for each data row; a missing column is an error naming line 1."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise HistoryError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows = []
    for raw in reader:
        if None in raw:
            raise HistoryError(f"{path}: line {reader.line_num}: more fields than the header's {len(reader.fieldnames or [])}")
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in raw.items()}))
    return rows


def parse_year(text: str, where: str) -> int:
    """``text`` as a year, four digits in 1949-2100 (:func:`~shenyang_analysis.io.csvfile.parse_year`)."""
    return csvfile.parse_year(text, where, HistoryError)


def parse_decimal(text: str, where: str, column: str) -> Decimal:
    """``text`` as an exact, finite decimal (:func:`~shenyang_analysis.io.csvfile.parse_decimal`)."""
    return csvfile.parse_decimal(text, where, column, HistoryError)

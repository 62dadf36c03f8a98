"""Reading the project's raw CSV files strictly: one record per line, every field accounted for.

Python's ``csv`` reader accepts input whose meaning has silently changed: a double quote that
opens a field and is never closed runs on over the following lines (an unclosed quote in a
curation ``reason`` swallows the next correction), a line with too few fields is padded and
one with too many loses them. :func:`read_records` refuses all of these with a
:class:`CsvFileError` naming the file and the line, so a careless edit stops the build instead
of changing its results. :func:`parse_year` and :func:`parse_decimal` read a field as a year or
an exact decimal, raising the caller's error class with the file and line it names.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "f.csv"
>>> _ = p.write_text('a,b\\n1,"x, y"\\n\\n2,z\\n', encoding="utf-8")
>>> read_records(p, required=["a", "b"])
(['a', 'b'], [(2, {'a': '1', 'b': 'x, y'}), (4, {'a': '2', 'b': 'z'})])
>>> _ = p.write_text('a,b\\n1,"open\\n2,z\\n3,"w"\\n', encoding="utf-8")
>>> read_records(p)
Traceback (most recent call last):
shenyang_analysis.io.csvfile.CsvFileError: ...f.csv: line 2: the quoted field opened on this line runs on to line 4: a closing double quote is missing (a field may not span lines)
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .text import DocumentError, read_text

__all__ = ["CsvFileError", "read_records", "YEARS", "parse_year", "parse_decimal"]

Record = tuple[int, dict[str, str]]
#: The earliest and latest year a figure or target in a raw file can refer to.
YEARS = (1949, 2100)


class CsvFileError(DocumentError):
    """A raw CSV file that cannot be read unambiguously; the message names the file and the line."""


def _runs_on(path: Path, start: int, end: int) -> CsvFileError:
    return CsvFileError(
        f"{path}: line {start}: the quoted field opened on this line runs on to line {end}: "
        "a closing double quote is missing (a field may not span lines)"
    )


def _header(path: Path, row: list[str], required: Iterable[str], allowed: Iterable[str] | None) -> list[str]:
    names = [c.strip() for c in row]
    twice = sorted({c for c in names if names.count(c) > 1})
    if twice:
        raise CsvFileError(f"{path}: line 1: column(s) {', '.join(twice)} appear more than once")
    missing = [c for c in required if c not in names]
    if missing:
        raise CsvFileError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    if allowed is not None:
        unknown = [c for c in names if c not in set(allowed)]
        if unknown:
            raise CsvFileError(f"{path}: line 1: unknown column(s) {', '.join(unknown)}")
    return names


def read_records(
    path: str | Path, required: Iterable[str] = (), allowed: Iterable[str] | None = None
) -> tuple[list[str], list[Record]]:
    """The header and ``(line, {column: field})`` for every non-blank record of ``path``.

    ``line`` is the file line the record is on. Errors (:class:`CsvFileError`, one line each):
    a file that is not text (:func:`~shenyang_analysis.io.text.read_text`), an empty file,
    a duplicated, missing (``required``) or unknown (not in ``allowed``) column, a record with
    more or fewer fields than the header, a quoted field that spans lines or is never closed,
    and text after a closing quote (``"a"b``).
    """
    path = Path(path)
    reader = csv.reader(io.StringIO(read_text(path), newline=""), strict=True)
    records: list[Record] = []
    names: list[str] | None = None
    end = 0
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                raise CsvFileError(f"{path}: line {start}: a double quote opened on this line is never closed") from None
            if reader.line_num == start:
                raise CsvFileError(f"{path}: line {start}: {exc} (a field with a double quote must be quoted whole)") from None
            raise _runs_on(path, start, reader.line_num) from None
        end = reader.line_num
        if end > start:
            raise _runs_on(path, start, end)
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if names is None:
            names = _header(path, row, required, allowed)
            continue
        if len(row) != len(names):
            raise CsvFileError(f"{path}: line {start}: {len(row)} fields, but the header has {len(names)}")
        records.append((start, dict(zip(names, row))))
    if names is None:
        raise CsvFileError(f"{path}: the file is empty (no header line)")
    return names, records


def parse_year(
    text: str, where: str, error: type[ValueError] = CsvFileError, rule: str = f"four digits, {YEARS[0]}-{YEARS[1]}"
) -> int:
    """``text`` as a year of :data:`YEARS` (four digits); otherwise ``error`` naming ``where`` and ``rule``.

    >>> parse_year("2021", "f.csv: line 2")
    2021
    >>> parse_year("20I5", "f.csv: line 3")
    Traceback (most recent call last):
    shenyang_analysis.io.csvfile.CsvFileError: f.csv: line 3: year '20I5' is not a year (four digits, 1949-2100)
    """
    if not re.fullmatch(r"\d{4}", text) or not YEARS[0] <= int(text) <= YEARS[1]:
        raise error(f"{where}: year {text!r} is not a year ({rule})")
    return int(text)


def parse_decimal(text: str, where: str, column: str, error: type[ValueError] = CsvFileError) -> Decimal:
    """``text`` (thousands separators allowed) as an exact, finite decimal; otherwise ``error``
    naming ``where`` and ``column``.

    >>> parse_decimal("1,300.5", "f.csv: line 2", "value")
    Decimal('1300.5')
    >>> parse_decimal("NaN", "f.csv: line 2", "value")
    Traceback (most recent call last):
    shenyang_analysis.io.csvfile.CsvFileError: f.csv: line 2: value 'NaN' is not a finite number
    """
    try:
        d = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise error(f"{where}: {column} {text!r} is not a number") from None
    if not d.is_finite():
        raise error(f"{where}: {column} {text!r} is not a finite number")
    return d

"""What the hand-made answer-key sets share: writing their keys and checking them.

Each set keeps its own data next to its texts (``tests/<set>/docs/<doc_id>.txt``):
``build_keys.py`` holds the rows chosen by hand (``ROWS``) and calls :func:`write_keys`;
``check_<set>.py`` holds the strings that are deliberately not rows (``EXCLUDED``), the units
its keys may use and its file pattern, and calls :func:`check_key_set`. The tests run a set's
checker with :func:`run_checker` and hold the extractor to one gate with :func:`assert_meets_gate`.

The scripts run standalone (``.venv/bin/python tests/fresh/build_keys.py``): they put
``tests/`` on ``sys.path`` to import this module. Importing it writes nothing.

>>> key_rows("d", "今年增长5%,明年增长5%。", [(T, "GDP", ">=", "5", "percent", "", 2025, "g", "增长5%", "")] * 2)[1][11:14]
['9', '13', '增长5%']
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import ModuleType

#: The columns of every key file (the same as ``tests/answer_key/``).
HEADER = [
    "doc_id", "kind", "indicator_zh", "comparator", "value", "unit", "range_high", "year",
    "is_growth_rate", "is_cumulative", "is_per_year", "char_start", "char_end", "quote", "note",
]
O, T = "observation", "target"
#: A hand-made row: (kind, indicator_zh, comparator, written value, unit, written range_high,
#: year, flags (g = growth, c = cumulative, p = per year), quote, note).
Row = tuple[str, str, str, str, str, str, int, str, str, str]
#: Strings in a text that are not measures, by doc_id: (string, the reason).
Excluded = Mapping[str, Sequence[tuple[str, str]]]

KINDS = {"target", "observation"}
COMPARATORS = {">=", "<=", "<", "~", "=="}
DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
DATE_RE = re.compile(r"\d+\s?[年月日]|回顾\d{4}")
MULTIPLIERS = (Decimal(1), Decimal(10) ** 4, Decimal(10) ** 8, Decimal(10) ** 12)
_SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))
#: The extractor's gate on a never-seen set: F1 (with the year and comparator accuracy below).
GATE = 0.90


def to_base(written: str) -> str:
    """A written value in the base unit, as plain decimal text ('' stays '').

    >>> to_base('42.6亿'), to_base('1.26万'), to_base('-12'), to_base('0.5'), to_base(''), to_base('2.9万亿')
    ('4260000000', '12600', '-12', '0.5', '', '2900000000000')
    """
    if not written:
        return ""
    mult = Decimal(1)
    for word, factor in _SCALES:
        if written.endswith(word):
            mult, written = factor, written[: -len(word)]
            break
    return format((Decimal(written) * mult).normalize(), "f")


def key_rows(doc_id: str, text: str, rows: Iterable[Row]) -> list[list[str]]:
    """The key rows of one document, each quote's offsets found in ``text``.

    Each quote is searched from the previous row's quote on, so a repeated quote resolves to
    the next occurrence in reading order, and two rows may start at the same place (a figure
    and the longer quote of its target) but never take the same quote at the same place.
    A quote not found is a ``ValueError`` naming the document and the quote.
    """
    out = []
    cursor = 0
    used: set[tuple[int, str]] = set()
    for kind, ind, comp, val, unit, high, year, flags, quote, note in rows:
        pos = text.find(quote, cursor)
        while pos >= 0 and (pos, quote) in used:
            pos = text.find(quote, pos + 1)
        if pos < 0:
            raise ValueError(f"{doc_id}: quote not found after {cursor}: {quote!r}")
        used.add((pos, quote))
        cursor = pos
        out.append([
            doc_id, kind, ind, comp, to_base(val), unit, to_base(high), str(year),
            *("true" if flag in flags else "false" for flag in "gcp"),
            str(pos), str(pos + len(quote)), quote, note,
        ])
    return out


def write_keys(folder: Path, rows: Mapping[str, Sequence[Row]]) -> None:
    """Write ``folder/<doc_id>.csv`` for every document of ``rows`` (texts in ``folder/docs``)."""
    for doc_id, doc_rows in rows.items():
        text = (folder / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
        out = key_rows(doc_id, text, doc_rows)
        with (folder / f"{doc_id}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADER)
            w.writerows(out)
        print(f"{doc_id}: {len(out)} rows")


def number_in_quote(value: Decimal, quote: str) -> bool:
    """Whether a number written in ``quote`` accounts for ``value`` (× 1, 10^4, 10^8 or 10^12, sign ignored).

    >>> number_in_quote(Decimal("-4260000000"), "下降42.6亿元"), number_in_quote(Decimal("7"), "增长8%")
    (True, False)
    """
    target = abs(value)
    return any(Decimal(m.group()) * k == target for m in NUMBER_RE.finditer(quote) for k in MULTIPLIERS)


def check_key_file(path: Path, units: set[str], excluded: Excluded) -> tuple[int, list[str]]:
    """Check one key file against its text in ``docs/`` beside it; return its row count and the problems.

    The header, the allowed words (kind, comparator, ``units``), plain decimals, a four-digit
    year, ``text[char_start:char_end] == quote``, a number in the quote accounting for the
    value, and that the key is exhaustive (:func:`check_exhaustive`).
    """
    doc_id = path.stem
    text = (path.parent / "docs" / f"{doc_id}.txt").read_text(encoding="utf-8")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
        header = reader.fieldnames
    problems = [] if header == HEADER else [f"{path.name}: header {header}"]
    for i, r in enumerate(rows, start=2):
        where = f"{path.name}:{i}"
        if r["doc_id"] != doc_id or r["kind"] not in KINDS or r["comparator"] not in COMPARATORS:
            problems.append(f"{where}: doc_id/kind/comparator")
        if r["unit"] not in units:
            problems.append(f"{where}: unit {r['unit']!r}")
        if not DECIMAL_RE.match(r["value"]) or (r["range_high"] and not DECIMAL_RE.match(r["range_high"])):
            problems.append(f"{where}: value {r['value']!r}")
            continue
        if not re.fullmatch(r"\d{4}", r["year"]):
            problems.append(f"{where}: year {r['year']!r}")
        s, e = int(r["char_start"]), int(r["char_end"])
        if text[s:e] != r["quote"]:
            problems.append(f"{where}: quote is not text[{s}:{e}]")
        if not number_in_quote(Decimal(r["value"]), r["quote"]):
            problems.append(f"{where}: value {r['value']} not written in the quote")
    problems += check_exhaustive(doc_id, text, rows, excluded)
    return len(rows), problems


def check_exhaustive(doc_id: str, text: str, rows: list[dict[str, str]], excluded: Excluded) -> list[str]:
    """Every number written in digits lies inside a row's quote, a date (a number followed by
    年, 月 or 日, or 回顾2023) or one of the document's ``excluded`` strings, each of which must
    occur in the text.

    >>> check_exhaustive("d", "2023年增长5%,排名第3位", [{"char_start": "5", "char_end": "10"}], {"d": [("第3位", "rank")]})
    []
    >>> check_exhaustive("d", "增长5%,第3位", [], {})
    ["d: number '5' at 2 is in no row and not excluded", "d: number '3' at 6 is in no row and not excluded"]
    """
    covered = [(int(r["char_start"]), int(r["char_end"])) for r in rows]
    problems = []
    for s, reason in excluded.get(doc_id, []):
        if s not in text:
            problems.append(f"{doc_id}: EXCLUDED string not in text: {s!r} ({reason})")
        covered += [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]
    covered += [(m.start(), m.end()) for m in DATE_RE.finditer(text)]
    for m in NUMBER_RE.finditer(text):
        if not any(a <= m.start() and m.end() <= b for a, b in covered):
            problems.append(f"{doc_id}: number {m.group()!r} at {m.start()} is in no row and not excluded")
    return problems


def check_key_set(folder: Path, pattern: str, units: set[str], excluded: Excluded) -> tuple[dict[str, int], list[str]]:
    """Check every key file of ``folder`` matching ``pattern`` (:func:`check_key_file`): row counts, problems."""
    counts: dict[str, int] = {}
    problems: list[str] = []
    for path in sorted(folder.glob(pattern)):
        counts[path.stem], p = check_key_file(path, units, excluded)
        problems += p
    return counts, problems


def report(counts: Mapping[str, int], problems: Sequence[str]) -> int:
    """Print each key's row count and the problems (or "no problems"); the exit status."""
    for doc_id, n in counts.items():
        print(f"{doc_id}: {n} rows")
    print("\n".join(problems) or "no problems")
    return 1 if problems else 0


def load_script(path: Path) -> ModuleType:
    """A set's script (``check_fresh.py`` …) loaded from its file, as the tests run it."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_checker(path: Path) -> tuple[dict, list[str]]:
    """Load a set's checker and run its ``check_all``: (counts by doc_id, problems)."""
    return load_script(path).check_all()


def assert_meets_gate(total) -> None:
    """The set's overall breakdown reaches the gate: F1 ≥ :data:`GATE`, the year right in 95 %
    and the comparator in 90 % of the matched rows (the breakdown's lines on failure)."""
    assert total.overall.f1 >= GATE, "\n".join(total.lines())
    assert total.year_accuracy >= 0.95 and total.comparator_accuracy >= 0.90, "\n".join(total.lines())


"""Hand corrections to the extracted table: drop a row, fix fields of a row, add a missed row.

The curation file (``data/raw/curation.csv``) is keyed by document and the character offset
of the figure in the document (the number after ``@`` in ``target_id``), so it survives
changes to how the extractor cuts quotes. Columns::

    action,doc_id,offset,kind,indicator,indicator_zh,comparator,value,unit,value_raw,unit_raw,
    range_high,year,is_growth_rate,is_cumulative,char_start,char_end,reason

* ``drop``: remove the extracted row at (doc_id, offset); ``reason`` is required.
* ``fix``: overwrite the non-empty fields of that row; ``reason`` is required.
* ``add``: a row the extractor missed; needs kind, comparator, value, unit, value_raw, year,
  char_start and char_end (the quote is taken from the document text, which must hold
  ``value_raw`` at ``offset``).

Every curated or added row gets ``origin = curated``. A line that is malformed (an unclosed
quote, a wrong number of fields), a second line for the same figure, or a line whose key
matches no extracted row is an error naming the file and the line; so is a missing file,
unless the build is asked to go without corrections (``build --no-curation``).

>>> import pandas as pd
>>> table = pd.DataFrame({"target_id": ["d@5"], "doc_id": ["d"], "value_start": [5], "value": [1.0], "origin": ["extracted"]})
>>> cur = pd.DataFrame([{"action": "fix", "doc_id": "d", "offset": "5", "value": "2", "reason": "typo"}])
>>> out, changed = apply_curation(table, cur, texts={"d": "xxxxx2yyyy"})
>>> out["value"].tolist(), out["origin"].tolist(), changed
([2.0], ['curated'], 1)
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from ..config import paths
from ..io.csvfile import CsvFileError, read_records

__all__ = ["CurationError", "CURATION_COLUMNS", "load_curation", "apply_curation"]

CURATION_COLUMNS = [
    "action", "doc_id", "offset", "kind", "indicator", "indicator_zh", "comparator", "value", "unit",
    "value_raw", "unit_raw", "range_high", "year", "is_growth_rate", "is_cumulative", "char_start",
    "char_end", "reason",
]
_FIXABLE = [c for c in CURATION_COLUMNS if c not in ("action", "doc_id", "offset", "reason")]
_ADD_REQUIRED = ["kind", "comparator", "value", "unit", "value_raw", "year", "char_start", "char_end"]


class CurationError(ValueError):
    """A curation file line that cannot be applied; the message names the file and line."""


def load_curation(path: str | Path | None = None, required: bool = True) -> pd.DataFrame:
    """Read the curation CSV (all fields as strings, a ``line`` column with the file line).

    A missing file is an error unless ``required`` is false (``build --no-curation``): without
    it every hand correction would be dropped without a word. The file is read strictly
    (:func:`~shenyang_analysis.io.csvfile.read_records`: an unclosed quote in a ``reason`` is
    an error, not a swallowed correction), and two lines for the same (doc_id, offset) are an
    error naming both.
    """
    path = Path(path) if path is not None else paths().curation_csv
    if not path.exists():
        if required:
            raise CurationError(
                f"{path}: no such file: the build applies the hand corrections in it; "
                "build with --no-curation to go without them"
            )
        return pd.DataFrame(columns=CURATION_COLUMNS + ["line", "source"])
    try:
        _, records = read_records(path, required=("action", "doc_id", "offset", "reason"), allowed=CURATION_COLUMNS)
    except CsvFileError as exc:
        raise CurationError(str(exc)) from None
    rows = []
    seen: dict[tuple[str, str], int] = {}
    for line_no, raw in records:
        row: dict[str, object] = {c: (raw.get(c) or "").strip() for c in CURATION_COLUMNS}
        key = (str(row["doc_id"]), str(row["offset"]).lstrip("0") or "0")
        if key in seen:
            raise CurationError(
                f"{path}: line {line_no}: {key[0]}@{key[1]} already has a curation line (line {seen[key]}); "
                "one line per figure"
            )
        seen[key] = line_no
        row["line"] = line_no
        row["source"] = str(path)
        rows.append(row)
    return pd.DataFrame(rows, columns=CURATION_COLUMNS + ["line", "source"])


def _where(row: pd.Series) -> str:
    return f"{row.get('source', 'curation')}: line {row.get('line', '?')}"


def _to_number(value: str, row: pd.Series, column: str) -> float:
    try:
        return float(Decimal(value))
    except InvalidOperation:
        raise CurationError(f"{_where(row)}: column {column}: {value!r} is not a number") from None


def _to_int(value: str, row: pd.Series, column: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise CurationError(f"{_where(row)}: column {column}: {value!r} is not an integer") from None


def _to_bool(value: str, row: pd.Series, column: str) -> bool:
    v = value.lower()
    if v in ("true", "1", "yes"):
        return True
    if v in ("false", "0", "no"):
        return False
    raise CurationError(f"{_where(row)}: column {column}: {value!r} is not true/false")


def _typed(column: str, value: str, row: pd.Series) -> object:
    if column in ("value", "range_high"):
        return _to_number(value, row, column)
    if column in ("year", "char_start", "char_end"):
        return _to_int(value, row, column)
    if column in ("is_growth_rate", "is_cumulative"):
        return _to_bool(value, row, column)
    return value


def apply_curation(
    table: pd.DataFrame, curation: pd.DataFrame, texts: dict[str, str]
) -> tuple[pd.DataFrame, int]:
    """Apply ``curation`` to ``table``; return the new table and how many rows it changed.

    ``texts`` maps doc_id to document text (to check added rows' quotes).
    """
    out = table.copy()
    curation = curation.reindex(columns=list(dict.fromkeys(CURATION_COLUMNS + list(curation.columns)))).astype(object).fillna("")
    changed = 0
    added: list[dict[str, object]] = []
    for _, row in curation.iterrows():
        action = row["action"]
        if action not in ("drop", "fix", "add"):
            raise CurationError(f"{_where(row)}: action {action!r} is not drop, fix or add")
        if not row["reason"]:
            raise CurationError(f"{_where(row)}: every curation line needs a reason")
        doc_id = row["doc_id"]
        if doc_id not in texts:
            raise CurationError(f"{_where(row)}: doc_id {doc_id!r} is not a document of the corpus")
        offset = _to_int(row["offset"], row, "offset")
        target_id = f"{doc_id}@{offset}"
        hit = out.index[out["target_id"] == target_id]
        if action in ("drop", "fix") and len(hit) == 0:
            raise CurationError(
                f"{_where(row)}: no extracted row {target_id} to {action} (the extractor no longer finds a figure at that offset)"
            )
        if action == "drop":
            out = out.drop(index=hit)
            changed += 1
        elif action == "fix":
            for col in _FIXABLE:
                if row[col] != "":
                    if col not in out.columns:
                        out[col] = pd.NA
                    out.loc[hit, col] = _typed(col, row[col], row)
            if "char_start" in out.columns and (row["char_start"] or row["char_end"]):
                text = texts[doc_id]
                for i in hit:
                    out.loc[i, "quote"] = text[int(out.loc[i, "char_start"]): int(out.loc[i, "char_end"])]
            out.loc[hit, "origin"] = "curated"
            changed += 1
        else:
            if len(hit):
                raise CurationError(f"{_where(row)}: row {target_id} already exists; use fix")
            lack = [c for c in _ADD_REQUIRED if not row[c]]
            if lack:
                raise CurationError(f"{_where(row)}: add needs column(s) {', '.join(lack)}")
            text = texts[doc_id]
            if not text.startswith(row["value_raw"], offset):
                raise CurationError(
                    f"{_where(row)}: document {doc_id} does not hold {row['value_raw']!r} at offset {offset}"
                )
            new: dict[str, object] = {"target_id": target_id, "doc_id": doc_id, "value_start": offset,
                                      "value_end": offset + len(row["value_raw"]), "origin": "curated",
                                      "is_growth_rate": False, "is_cumulative": False, "is_per_year": False, "is_change": False,
                                      "note": row["reason"]}
            for col in _FIXABLE:
                if row[col] != "":
                    new[col] = _typed(col, row[col], row)
            start, end = int(new["char_start"]), int(new["char_end"])  # type: ignore[arg-type]
            if not (0 <= start <= offset < end <= len(text)):
                raise CurationError(f"{_where(row)}: span {start}:{end} does not hold offset {offset} inside the document")
            new["quote"] = text[start:end]
            added.append(new)
            changed += 1
    if added:
        out = pd.concat([out, pd.DataFrame(added)], ignore_index=True)
    return out.reset_index(drop=True), changed

"""Tables as text: exact decimal numbers, booleans as true/false, CSV that survives any text.

The CSV outputs of the build and the ``extract`` command are written through
:func:`csv_text`: numbers in exact decimal text (``1.5e11`` appears as ``150000000000``, a
float never in exponent notation, :func:`to_csv_frame`) and every field holding a comma, a
double quote, a line feed **or a carriage return** in double quotes. (Python's ``csv`` module,
and so ``DataFrame.to_csv``, leaves a field with a bare carriage return unquoted when lines end
in ``\\n``; a reader then splits the row.) Text is written exactly as it is -- line endings are
not normalised -- so the character offsets of a quote stay right.

:func:`read_csv_frame` reads such a file back with the dtypes of a field registry: the frame
it returns equals the one written, except that a CSV field cannot tell an empty string from a
missing value (both come back missing).

>>> to_csv_frame(pd.DataFrame({"v": [1.5e11, None], "b": [True, False]})).values.tolist()
[['150000000000', 'true'], ['', 'false']]
>>> csv_text(pd.DataFrame({"quote": ["\\r到2025年", "a,b", "plain"], "n": [1, 2, 3]}))
'quote,n\\n"\\r到2025年",1\\n"a,b",2\\nplain,3\\n'
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import pandas as pd

__all__ = ["format_number", "to_csv_frame", "csv_text", "read_csv_frame"]

#: Characters that put a CSV field in double quotes.
_QUOTE_WHEN = r'[,"\r\n]'


def format_number(x: float | None) -> str:
    """Exact, exponent-free text for a table value (1.5e11 → '150000000000').

    >>> format_number(1.64e9), format_number(3.5), format_number(-15.0), format_number(None)
    ('1640000000', '3.5', '-15', '')
    """
    if x is None or pd.isna(x):
        return ""
    d = Decimal(repr(float(x)))
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as written to CSV: numbers in exact decimal text, booleans as true/false."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col].dtype):
            out[col] = [format_number(v) for v in out[col]]
        elif out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
    return out


def _field_text(values: pd.Series) -> pd.Series:
    """One column as CSV fields: missing → empty, quoted when it holds , " CR or LF."""
    text = values.astype(object).where(values.notna(), "").astype(str)
    quote = text.str.contains(_QUOTE_WHEN, regex=True)
    if quote.any():
        text = text.where(~quote, '"' + text.str.replace('"', '""', regex=False) + '"')
    return text.astype(object)


def csv_text(df: pd.DataFrame) -> str:
    """``df`` as UTF-8 CSV text (header first, ``\\n`` line ends, no index), see the module doc.

    >>> csv_text(pd.DataFrame({"a": ['say "x"\\nnow'], "b": [None]}))
    'a,b\\n"say ""x""\\nnow",\\n'
    """
    frame = to_csv_frame(df).reset_index(drop=True)
    header = _field_text(pd.Series([str(c) for c in frame.columns], dtype=object))
    lines = [",".join(header)]
    if len(frame) and len(frame.columns):
        fields = [_field_text(frame[c]) for c in frame.columns]
        if len(fields) == 1:  # a lone empty field would read as a blank line
            fields[0] = fields[0].replace("", '""')
        lines.extend(",".join(row) for row in zip(*(f.tolist() for f in fields)))
    return "\n".join(lines) + "\n"


def read_csv_frame(source: str | Path | io.StringIO, columns: Mapping[str, str]) -> pd.DataFrame:
    """Read a CSV written by :func:`csv_text` with the dtypes of ``columns`` (name → dtype).

    Columns not in ``columns`` are read as strings; an empty field is missing; ``true``/``false``
    become booleans; numbers are parsed by Python's ``float``/``int`` (exact round trip).

    >>> read_csv_frame(io.StringIO('q,v,b\\n"\\rx",1.5,true\\n,,false\\n'), {"q": "string", "v": "float64", "b": "bool"}).values.tolist()
    [['\\rx', 1.5, True], [<NA>, nan, False]]
    """
    raw = pd.read_csv(source, dtype=str, keep_default_na=False, na_values=[""])
    out = pd.DataFrame(index=raw.index)
    for col in raw.columns:
        dtype = columns.get(col, "string")
        s = raw[col]
        if dtype == "bool":
            unknown = sorted(set(s.dropna()) - {"true", "false"})
            if unknown or s.isna().any():
                raise ValueError(f"column {col}: {unknown[:3] or 'empty'} is not true/false")
            out[col] = s.map({"true": True, "false": False}).astype(bool)
        elif dtype in ("float64", "int64", "Int64"):
            if dtype == "float64":
                out[col] = pd.Series([float("nan") if pd.isna(v) else float(v) for v in s], index=s.index, dtype="float64")
            else:
                out[col] = pd.Series([pd.NA if pd.isna(v) else int(v) for v in s], index=s.index, dtype="Int64").astype(dtype)
        else:
            out[col] = s.astype(dtype)
    return out

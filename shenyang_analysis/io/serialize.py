"""Tables as text: exact decimal numbers, booleans as true/false.

The CSV outputs of the build and the ``extract`` command are written through
:func:`to_csv_frame`, so that ``1.5e11`` appears as ``150000000000`` and a float never
prints in exponent notation.

>>> to_csv_frame(pd.DataFrame({"v": [1.5e11, None], "b": [True, False]})).values.tolist()
[['150000000000', 'true'], ['', 'false']]
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

__all__ = ["format_number", "to_csv_frame"]


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

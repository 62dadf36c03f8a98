"""Checker for the second never-seen answer keys (tests/fresh/): run it, or import ``check_all``.

The same checks as ``tests/unseen/check_unseen.py``: header, allowed words, plain decimals,
``text[char_start:char_end] == quote``, a number in the quote accounting for the value, and an
exhaustive key: every number written in digits is in a row's quote, a date, or one of the
``EXCLUDED`` strings below with its reason (``keytools.check_key_set`` in tests/keytools.py,
with this set's ``UNITS``). Importing it writes nothing.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))  # tests/: the key tooling the sets share

from keytools import check_key_set, report  # noqa: E402

UNITS = {"yuan", "usd", "percent", "percentage_point", "count", "jin", "ton", "kw", "sqkm", "hectare", "mu", "sqm",
         "km", "cubic_m"}

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


def check_all() -> tuple[dict[str, int], list[str]]:
    """Check every key next to this file (:func:`keytools.check_key_set`): row counts, problems."""
    return check_key_set(HERE, "f*.csv", UNITS, EXCLUDED)


if __name__ == "__main__":
    sys.exit(report(*check_all()))

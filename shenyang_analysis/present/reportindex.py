"""The reports' index: ``index.csv`` and ``index.md`` in the reports folder.

One row per report file: what it is (notebook, target id, title, indicator, region, year,
status), what happened in the last run that made or tried it (``ok`` or ``failed``, seconds,
and a note saying why a failure failed and which earlier PDF, if any, was kept), and the
date of the PDF on disk. Rows of earlier runs stay while their PDF exists or they record a
failure; this run's rows replace older ones of the same file. An index that cannot be read
is moved aside (``index.csv.unreadable``) and said so, never silently dropped.

>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "index.csv").write_bytes(b"\\xff\\xfe broken")
>>> old, warning = read_index(d)
>>> len(old), warning.startswith(f"{d / 'index.csv'} cannot be read")
(0, True)
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ..io.atomic import write_text
from .text import plain_literal

__all__ = ["INDEX_COLUMNS", "read_index", "merge_index", "write_index", "pdf_date"]

INDEX_COLUMNS: tuple[str, ...] = (
    "file", "notebook", "target_id", "title", "indicator", "region", "year", "status", "result", "seconds",
    "pdf_date", "note",
)


def pdf_date(path: Path) -> str:
    """The date (local, ISO) a file on disk was last written, or ``""`` when there is none."""
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime).date().isoformat()
    except OSError:
        return ""


def read_index(out_dir: Path) -> tuple[pd.DataFrame, str]:
    """(the existing index, a warning): an unreadable ``index.csv`` is moved to
    ``index.csv.unreadable`` and the warning says so (an empty frame is returned)."""
    path = out_dir / "index.csv"
    empty = pd.DataFrame(columns=list(INDEX_COLUMNS))
    if not path.is_file():
        return empty, ""
    try:
        old = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        if "file" not in old.columns:
            raise ValueError("no 'file' column")
    except (ValueError, OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        aside = path.with_name("index.csv.unreadable")
        try:
            os.replace(path, aside)
            where = f"moved to {aside.name}"
        except OSError as move_exc:
            where = f"could not be moved aside ({move_exc.strerror})"
        return empty, (f"{path} cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0][:200]}); {where}; "
                       "the new index lists this run's reports and the PDFs found on disk")
    return old.reindex(columns=list(INDEX_COLUMNS), fill_value=""), ""


def merge_index(out_dir: Path, old: pd.DataFrame, new_rows: Sequence[Mapping[str, Any]], lost: bool = False) -> pd.DataFrame:
    """This run's rows over the old index (rows whose PDF is gone and that are not failures
    are dropped). With ``lost`` (the old index was unreadable) every PDF on disk not in this
    run gets a row saying it comes from an earlier run."""
    new = pd.DataFrame(list(new_rows), columns=list(INDEX_COLUMNS)).astype(str)
    keep = ~old["file"].isin(new["file"]) & (old["file"].map(lambda f: (out_dir / f).is_file()) | (old["result"] == "failed"))
    frames = [old[keep].astype(str), new]
    if lost:
        known = set(new["file"]) | set(old["file"])
        orphans = [{"file": p.name, "result": "ok", "pdf_date": pdf_date(p), "note": "from an earlier run (its index row was lost)"}
                   for p in sorted(out_dir.glob("*.pdf")) if p.name not in known]
        frames.append(pd.DataFrame(orphans, columns=list(INDEX_COLUMNS)).fillna("").astype(str))
    index = pd.concat(frames, ignore_index=True)
    for f in index["file"]:  # the PDF on disk decides its date
        index.loc[index["file"] == f, "pdf_date"] = pdf_date(out_dir / f)
    return index.sort_values(["notebook", "target_id", "file"], kind="stable").reset_index(drop=True)


def write_index(out_dir: Path, index: pd.DataFrame, vintage: str, summary: str) -> None:
    """Write ``index.csv`` and ``index.md`` (atomically)."""
    write_text(out_dir / "index.csv", index.to_csv(index=False, lineterminator="\n"))
    write_text(out_dir / "index.md", _markdown(index, vintage, summary))


_INLINE = re.compile(r"([\\`*_\[\]<>|$~&])")


def _cell(v: Any) -> str:
    """Text shown literally inside a Markdown table row (inline markup and ``|`` escaped).

    >>> print(_cell("a_b | *c* <x>"))
    a\\_b \\| \\*c\\* \\<x\\>
    """
    return _INLINE.sub(r"\\\1", plain_literal(str(v)).replace("\n", " ").replace("\r", " "))


def _markdown(index: pd.DataFrame, vintage: str, summary: str) -> str:
    cell = _cell
    lines = ["# Reports", "", cell(summary), "", f"Data vintage of this run: {cell(vintage)}", "",
             "| " + " | ".join(INDEX_COLUMNS) + " |", "|" + "---|" * len(INDEX_COLUMNS)]
    for row in index.to_dict("records"):
        values = [cell(row[c]) for c in INDEX_COLUMNS]
        if row["pdf_date"]:
            values[0] = f"[{values[0]}](<{row['file']}>)"
        lines.append("| " + " | ".join(values) + " |")
    return "\n".join(lines) + "\n"

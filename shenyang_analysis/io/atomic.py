"""Write files so that a reader never sees a half-written one.

Every output goes to a temporary file in the same directory and is renamed over the
final name only when complete (``os.replace`` is atomic on POSIX). If writing fails the
old file, if any, is left untouched.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_path(d / "x.txt") as tmp:
...     _ = tmp.write_text("done", encoding="utf-8")
>>> (d / "x.txt").read_text(encoding="utf-8")
'done'
>>> _ = (d / "plain.txt").write_text("plain", encoding="utf-8")  # permissions as a plain open() gives
>>> (d / "x.txt").stat().st_mode == (d / "plain.txt").stat().st_mode
True
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .serialize import csv_text

__all__ = ["atomic_path", "write_csv", "write_parquet", "write_text"]


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, else delete it.

    The file gets the permissions a plain ``open()`` would give (``mkstemp`` makes it 0600).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(tmp, 0o666 & ~mask)
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_text(path: str | Path, text: str) -> None:
    """Atomically write UTF-8 text."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_csv(df: pd.DataFrame, path: str | Path) -> None:
    """Atomically write a data frame as UTF-8 CSV without the index (:func:`~shenyang_analysis.io.serialize.csv_text`:
    exact numbers, and any field with a comma, quote, CR or LF quoted)."""
    write_text(path, csv_text(df))


def write_parquet(df: pd.DataFrame, path: str | Path) -> None:
    """Atomically write a data frame as Parquet (pyarrow) without the index."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False, engine="pyarrow")

"""The lock of a build directory, shared by the build and the report command.

A build switches its outputs in holding the lock exclusively; a report run holds it shared
for as long as it reads them, so a build never replaces the data under a running report (it
waits, and says so), and a report never starts in the middle of a switch. Several report
runs can hold it at once. The lock is ``flock(2)`` on ``<directory>/.lock``: the kernel
releases it when its holder ends, even after ``kill -9``, so no stale lock is ever left.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> with build_lock(d, shared=True):
...     with build_lock(d, shared=True):  # readers share it
...         (d / LOCK_NAME).is_file()
True
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["LOCK_NAME", "build_lock", "is_locked"]

LOCK_NAME = ".lock"


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def _open(path: Path, shared: bool):  # noqa: ANN202 - a file object or None
    if shared and not path.parent.is_dir():
        return None  # nothing built yet: nothing a build could switch under the reader
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return open(path, "a+")
    except OSError as exc:
        # a reader of a directory nobody can write to needs no lock: no build can switch it
        if shared and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return open(path) if path.is_file() else None
        raise


@contextlib.contextmanager
def build_lock(
    directory: str | Path, *, shared: bool, message: Callable[[str], None] = _stderr, who: str = ""
) -> Iterator[None]:
    """Hold the lock of the build directory ``directory``: ``shared`` for a reader (a report
    run), exclusive for a build switching its outputs. When another holder is in the way,
    ``message`` gets one line saying what it waits for, then it waits."""
    path = Path(directory) / LOCK_NAME
    f = _open(path, shared)
    if f is None:
        yield
        return
    with f:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(f, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            other = "a build switching in its outputs" if shared else "the report run(s) reading the current outputs"
            message(f"{who or ('report' if shared else 'build')}: waiting for {other} to finish ({path})")
            fcntl.flock(f, mode)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def is_locked(directory: str | Path, *, shared: bool = False) -> bool:
    """Whether a lock of ``directory`` is held that would make a ``shared`` (or exclusive) holder wait.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> is_locked(d)
    False
    """
    path = Path(directory) / LOCK_NAME
    if not path.is_file():
        return False
    with open(path) as f:
        try:
            fcntl.flock(f, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(f, fcntl.LOCK_UN)
        return False

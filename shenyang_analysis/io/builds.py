"""A build directory whose outputs are replaced together, in one step.

A build never writes over the outputs readers use. It writes the whole set into a staging
directory, and only when every file is complete and on disk does it switch the set in by
renaming one symbolic link. The output directory (``data/processed`` or ``build --out``)
looks like this::

    targets.csv -> current/targets.csv     one link per output, made once
    ...
    current -> builds/<id>                 the complete set readers see: switched by one rename
    builds/<id>/                           complete sets: the current one and the one before
    builds/.staging-<random>/              a set being written (a failed build removes its own;
                                           one left by a killed build is removed by the next)
    .lock                                  the lock the report command shares (io/locks.py)

So a reader that opens ``targets.csv`` gets a file of a complete set, and a reader that
reads several files resolves ``current`` once (:func:`current_build`) and reads them all
from that set. A failed, interrupted or killed build (a full disk, ``kill -9``) leaves the
previous set in place, whole. Outputs written directly into the directory by an older
version are first adopted as a set (hard links, so they stay where they are) and replaced by
links to it, so even that change never shows a mix.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> for text in ("old", "new"):
...     with staged_build(out, ["a.txt", "b.txt"], message=print) as stage:
...         for name in ("a.txt", "b.txt"):
...             _ = (stage / name).write_text(text)
>>> (out / "a.txt").read_text(), (out / "b.txt").read_text(), (out / "current").is_symlink()
('new', 'new', True)
>>> len(list((out / "builds").iterdir()))  # the current set and the one before
2
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .locks import build_lock

__all__ = [
    "BUILDS_DIR", "CURRENT", "KEEP_BUILDS", "BuildLayoutError", "BuildWriteError", "prepare", "staged_build",
    "current_build",
]

BUILDS_DIR = "builds"
CURRENT = "current"
#: Complete sets kept: the current one, and the one before for readers that resolved
#: ``current`` just before a switch.
KEEP_BUILDS = 2
_STAGING = ".staging-"


class BuildLayoutError(OSError):
    """An output directory whose entries the build cannot own (a real ``current`` folder, …)."""


class BuildWriteError(OSError):
    """Writing or switching a build failed (a full disk, a directory that cannot be written);
    the message says whether the previous set is still the current one."""

    @classmethod
    def of(cls, out_dir: Path, exc: OSError, switched: bool) -> BuildWriteError:
        where = f" ({exc.filename})" if exc.filename else ""
        if switched:
            state = "the new outputs are in place, but finishing the switch failed"
        elif _has_outputs(out_dir):
            state = "the previous outputs are unchanged"
        else:
            state = "no outputs were written"
        err = cls(exc.errno, f"{out_dir}: cannot write the build: {exc.strerror or exc}{where}; {state}")
        return err

    def __str__(self) -> str:
        return str(self.strerror)


def _has_outputs(out_dir: Path) -> bool:
    try:
        return (out_dir / CURRENT).is_symlink() or any(p.is_file() for p in out_dir.iterdir() if not p.name.startswith("."))
    except OSError:
        return False


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def current_build(out_dir: str | Path) -> Path:
    """The directory holding the current complete set: ``out_dir/current`` resolved, or
    ``out_dir`` itself when it has no ``current`` link (outputs written there directly)."""
    link = Path(out_dir) / CURRENT
    return link.resolve() if link.is_symlink() else Path(out_dir)


def _new_id() -> str:
    """A set's name: its UTC time to the nanosecond (names sort by age) and a random suffix."""
    ns = time.time_ns()
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime(ns // 10**9)) + f"-{ns % 10**9:09d}-{secrets.token_hex(2)}"


def _new_folder(parent: Path) -> Path:
    """A new staging folder in ``parent`` with the permissions a plain ``mkdir`` gives (``mkdtemp`` makes it 0700)."""
    path = Path(tempfile.mkdtemp(prefix=_STAGING, dir=parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o777 & ~mask)
    return path


def _point(link: Path, target: Path) -> None:
    """Make ``link`` a symbolic link to ``target`` in one step (a new link renamed over it)."""
    tmp = link.parent / f".{link.name}.{secrets.token_hex(4)}.link"
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except OSError:
        tmp.unlink()
        raise


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _check_layout(out_dir: Path, names: Sequence[str]) -> None:
    for name in (CURRENT, *names):
        p = out_dir / name
        if p.is_dir() and not p.is_symlink():
            raise BuildLayoutError(f"{p}: a folder where the build keeps its link; move it away or choose another output directory")
    builds = out_dir / BUILDS_DIR
    if builds.exists() and not builds.is_dir():
        raise BuildLayoutError(f"{builds}: a file where the build keeps its sets; move it away or choose another output directory")


def _adopt_legacy(out_dir: Path, names: Sequence[str]) -> None:
    """Outputs written directly into ``out_dir`` become a set of their own, then links to it."""
    legacy = [n for n in names if (out_dir / n).is_file() and not (out_dir / n).is_symlink()]
    if not legacy:
        return
    staging = _new_folder(out_dir / BUILDS_DIR)
    for name in legacy:
        try:
            os.link(out_dir / name, staging / name)
        except OSError:
            shutil.copy2(out_dir / name, staging / name)
    adopted = out_dir / BUILDS_DIR / f"{_new_id()}-adopted"
    os.rename(staging, adopted)
    _point(out_dir / CURRENT, Path(BUILDS_DIR) / adopted.name)
    for name in legacy:
        _point(out_dir / name, Path(CURRENT) / name)


def _collect(out_dir: Path) -> None:
    """Remove sets older than the :data:`KEEP_BUILDS` newest (never the current one) and
    staging folders whose builder is gone (their lock is free)."""
    builds = out_dir / BUILDS_DIR
    current = os.readlink(out_dir / CURRENT).rsplit("/", 1)[-1]
    done = sorted((d for d in builds.iterdir() if d.is_dir() and not d.name.startswith(".")), key=lambda d: d.name)
    others = [d.name for d in done if d.name != current]
    keep = {current, *others[len(others) - (KEEP_BUILDS - 1):]}
    for d in done:
        if d.name not in keep:
            shutil.rmtree(d, ignore_errors=True)
    for d in builds.glob(f"{_STAGING}*"):
        fd = os.open(d, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # another build is writing it
        finally:
            os.close(fd)
        shutil.rmtree(d, ignore_errors=True)


def _switch(out_dir: Path, staging: Path, names: Sequence[str], message: Callable[[str], None]) -> None:
    missing = [n for n in names if not (staging / n).is_file()]
    if missing:
        raise BuildLayoutError(f"{staging}: the build did not write {', '.join(missing)}; nothing was switched")
    for name in names:
        _fsync(staging / name)
    _fsync(staging)
    with build_lock(out_dir, shared=False, message=message):
        _adopt_legacy(out_dir, names)  # before naming the new set: names sort by age
        final = out_dir / BUILDS_DIR / _new_id()
        os.rename(staging, final)
        try:
            _point(out_dir / CURRENT, Path(BUILDS_DIR) / final.name)
        except BaseException:
            shutil.rmtree(final, ignore_errors=True)
            raise
        try:
            for name in names:
                link, want = out_dir / name, Path(CURRENT) / name
                if not (link.is_symlink() and os.readlink(link) == str(want)):
                    _point(link, want)
            _fsync(out_dir)
            _collect(out_dir)
        except OSError as exc:
            raise BuildWriteError.of(out_dir, exc, switched=True) from exc


def prepare(out_dir: str | Path, names: Sequence[str]) -> None:
    """Check early that ``out_dir`` can take a build of ``names`` (before hours of work, not after):
    no folder where a link goes, and a ``builds/`` folder that can be made."""
    out_dir = Path(out_dir)
    _check_layout(out_dir, names)
    try:
        (out_dir / BUILDS_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildWriteError.of(out_dir, exc, switched=False) from exc


@contextlib.contextmanager
def staged_build(out_dir: str | Path, names: Sequence[str], *, message: Callable[[str], None] = _stderr) -> Iterator[Path]:
    """Yield an empty staging directory; when the block ends without an error and every file of
    ``names`` is in it, switch it in as ``out_dir``'s current set (module doc). On any error
    the staging directory is removed and the current set is left as it was; an ``OSError``
    (a full disk, a directory that cannot be written) becomes a :class:`BuildWriteError`
    that names ``out_dir`` and says so."""
    out_dir = Path(out_dir)
    prepare(out_dir, names)
    try:
        staging = _new_folder(out_dir / BUILDS_DIR)
    except OSError as exc:
        raise BuildWriteError.of(out_dir, exc, switched=False) from exc
    fd = os.open(staging, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # marks the staging folder as alive for _collect
    try:
        yield staging
        _switch(out_dir, staging, names, message)
    except (BuildLayoutError, BuildWriteError):
        raise
    except OSError as exc:
        raise BuildWriteError.of(out_dir, exc, switched=False) from exc
    finally:
        os.close(fd)
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)

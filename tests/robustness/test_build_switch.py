"""The build's outputs are replaced together: staging, one-step switch, the lock shared with the
report command; a full disk, an unwritable directory or kill -9 never leave a mix."""

from __future__ import annotations

import argparse
import errno
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from shenyang_analysis.datasets import load_data
from shenyang_analysis.io.builds import BuildLayoutError, BuildWriteError, current_build, staged_build
from shenyang_analysis.io.locks import build_lock, is_locked
from shenyang_analysis.pipeline import OUTPUT_NAMES, run_build

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("a.csv", "b.parquet", "summary.json")


def _stage(out: Path, text: str, names=NAMES) -> None:
    with staged_build(out, names, message=lambda line: None) as stage:
        for name in names:
            (stage / name).write_text(f"{text} {name}", encoding="utf-8")


def _contents(out: Path, names=NAMES) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in names}


def _staging(out: Path) -> list[str]:
    return sorted(p.name for p in (out / "builds").glob(".staging-*"))


# --- the switch itself (small files) -----------------------------------------------------

def test_outputs_are_links_into_the_current_complete_set(tmp_path):
    out = tmp_path / "out"
    for i in range(3):
        _stage(out, f"build {i}")
    assert (out / "current").is_symlink() and os.readlink(out / "current").startswith("builds/")
    for name in NAMES:
        assert os.readlink(out / name) == f"current/{name}"
        assert (out / name).read_text(encoding="utf-8") == f"build 2 {name}"
    sets = sorted(p.name for p in (out / "builds").iterdir())
    assert len(sets) == 2 and _staging(out) == []  # the current set and the one before
    (tmp_path / "plain").mkdir()
    assert current_build(out).stat().st_mode == (tmp_path / "plain").stat().st_mode  # readable as a plain folder


def test_a_reader_that_resolved_current_keeps_reading_its_set_after_a_switch(tmp_path):
    out = tmp_path / "out"
    _stage(out, "old")
    pinned = current_build(out)
    _stage(out, "new")
    assert (pinned / "a.csv").read_text(encoding="utf-8") == "old a.csv"  # kept as the set before
    assert (out / "a.csv").read_text(encoding="utf-8") == "new a.csv"


def test_an_error_while_writing_leaves_the_previous_set_and_no_staging(tmp_path):
    out = tmp_path / "out"
    _stage(out, "old")
    before = _contents(out)
    with pytest.raises(RuntimeError, match="boom"):
        with staged_build(out, NAMES) as stage:
            (stage / "a.csv").write_text("half", encoding="utf-8")
            raise RuntimeError("boom")
    with pytest.raises(BuildWriteError, match=r"cannot write the build: No space left on device .*; the previous outputs are unchanged"):
        with staged_build(out, NAMES) as stage:
            raise OSError(errno.ENOSPC, "No space left on device", str(stage / "b.parquet"))
    with pytest.raises(BuildLayoutError, match=r"did not write b.parquet, summary.json; nothing was switched"):
        with staged_build(out, NAMES) as stage:
            (stage / "a.csv").write_text("only one", encoding="utf-8")
    assert _contents(out) == before and _staging(out) == []


def test_outputs_written_directly_by_an_older_version_are_adopted_as_a_set(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"legacy {name}", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    _stage(out, "new")
    assert all((out / n).is_symlink() for n in NAMES) and _contents(out)["a.csv"] == b"new a.csv"
    adopted = [p for p in (out / "builds").iterdir() if p.name.endswith("-adopted")]
    assert len(adopted) == 1 and (adopted[0] / "a.csv").read_text(encoding="utf-8") == "legacy a.csv"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # other files are left alone
    newer = current_build(out).name
    _stage(out, "newest")  # the set before (not the adopted one) is kept
    assert sorted(p.name for p in (out / "builds").iterdir()) == sorted([newer, current_build(out).name])


def test_a_staging_folder_of_a_dead_build_is_removed_and_a_live_one_kept(tmp_path):
    out = tmp_path / "out"
    _stage(out, "old")
    dead = out / "builds" / ".staging-dead"
    live = out / "builds" / ".staging-live"
    dead.mkdir()
    live.mkdir()
    import fcntl

    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a build that is still writing holds it
    try:
        _stage(out, "new")
        assert _staging(out) == [".staging-live"]
    finally:
        os.close(fd)
    _stage(out, "newer")
    assert _staging(out) == []


@pytest.mark.parametrize("obstacle", ["current", "a.csv"])
def test_a_folder_where_the_build_keeps_a_link_is_refused(tmp_path, obstacle):
    out = tmp_path / "out"
    (out / obstacle).mkdir(parents=True)
    with pytest.raises(BuildLayoutError, match=rf"{obstacle}: a folder where the build keeps its link"):
        _stage(out, "x")


# --- the lock shared with the report command ---------------------------------------------

def test_the_report_command_holds_the_shared_lock_while_it_runs(tmp_path, monkeypatch):
    from shenyang_analysis.present import report

    processed = tmp_path / "processed"
    processed.mkdir()
    monkeypatch.setenv("SHENYANG_PROCESSED_DIR", str(processed))
    seen = {}

    def fake_make_reports(**kw):
        seen["build would wait"] = is_locked(processed, shared=False)
        seen["another report would wait"] = is_locked(processed, shared=True)
        return []

    monkeypatch.setattr(report, "make_reports", fake_make_reports)
    args = argparse.Namespace(target=None, all=False, jobs=1, out=tmp_path / "reports", lang="zh", model=None, inflation_pct=None)
    assert report.main(args) == 0
    assert seen == {"build would wait": True, "another report would wait": False}
    assert not is_locked(processed)


def test_a_report_waits_for_a_build_that_is_switching(tmp_path, monkeypatch):
    from shenyang_analysis.present import report

    processed = tmp_path / "processed"
    processed.mkdir()
    monkeypatch.setenv("SHENYANG_PROCESSED_DIR", str(processed))
    ran = threading.Event()
    monkeypatch.setattr(report, "make_reports", lambda **kw: ran.set() or [])
    args = argparse.Namespace(target=None, all=False, jobs=1, out=tmp_path / "reports", lang="zh", model=None, inflation_pct=None)
    with build_lock(processed, shared=False):
        worker = threading.Thread(target=report.main, args=(args,))
        worker.start()
        time.sleep(0.5)
        assert not ran.is_set()
    worker.join(10)
    assert ran.is_set()


# --- real builds: a full disk, a file size limit, an unwritable directory, kill -9, the lock wait

def _build_script(body: str) -> str:
    return "import sys\n" + body + "\nfrom shenyang_analysis import cli\nsys.exit(cli.main(sys.argv[1:]))\n"


def _python(script: str, *args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SHENYANG_PROCESSED_DIR", None)
    return subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


@pytest.fixture
def previous(tmp_path):
    """An output directory with a complete earlier build, and its files' bytes."""
    out = tmp_path / "processed"
    run_build(out)
    return out, _contents(out, OUTPUT_NAMES)


DISK_FULL = """
import errno, pathlib
real = pathlib.Path.write_text
written = []
def write_text(self, data, *args, **kw):
    if "builds" in self.parts and len(written) == 2:  # the third CSV: the disk is full half-way
        real(self, data[: len(data) // 2], *args, **kw)
        raise OSError(errno.ENOSPC, "No space left on device", str(self))
    written.append(self)
    return real(self, data, *args, **kw)
pathlib.Path.write_text = write_text
"""


@pytest.mark.slow
def test_a_full_disk_during_build_is_one_line_status_2_and_nothing_half_written(previous):
    out, before = previous
    p = _python(_build_script(DISK_FULL), "build", "--out", str(out))
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 2, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr
    assert lines[0].startswith(f"error: {out}: cannot write the build: No space left on device (")
    assert lines[0].endswith("; the previous outputs are unchanged")
    assert _contents(out, OUTPUT_NAMES) == before and _staging(out) == []


@pytest.mark.slow
def test_a_file_size_limit_during_build_leaves_the_previous_set(previous):
    out, before = previous

    def limit() -> None:  # the kernel refuses writes past 64 KB (EFBIG), as a full disk refuses them
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    p = _python(_build_script(""), "build", "--out", str(out), preexec_fn=limit)
    _, stderr = p.communicate(timeout=300)
    assert p.returncode == 2, stderr
    assert stderr.count("\n") == 1 and "File too large" in stderr and "previous outputs are unchanged" in stderr
    assert _contents(out, OUTPUT_NAMES) == before and _staging(out) == []


@pytest.mark.parametrize("where", ["under_a_file", "current_is_a_folder"])
def test_an_output_directory_that_cannot_be_written_is_one_line_status_2(tmp_path, cli, where):
    if where == "under_a_file":
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        out = tmp_path / "plain" / "processed"
    else:
        out = tmp_path / "processed"
        (out / "current").mkdir(parents=True)
    r = cli("build", "--out", str(out), timeout=300)
    assert r.returncode == 2, r.stderr
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("error: ") and "Traceback" not in r.stderr
    assert str(out) in r.stderr


KILLED = """
import time
from shenyang_analysis import pipeline
real = pipeline.write_parquet
def write_parquet(df, path):
    real(df, path)
    print("WRITING", flush=True)  # targets.csv and targets.parquet are in the staging folder
    time.sleep(120)
pipeline.write_parquet = write_parquet
"""


@pytest.mark.slow
def test_a_build_killed_mid_write_leaves_readers_the_old_complete_set(previous):
    out, before = previous
    old_summary = load_data(out, build_if_missing=False).summary
    p = _python(_build_script(KILLED), "build", "--out", str(out))
    assert p.stdout.readline().strip() == "WRITING"
    p.send_signal(signal.SIGKILL)
    p.wait(30)
    assert p.returncode == -signal.SIGKILL
    stale = _staging(out)
    assert len(stale) == 1 and (out / "builds" / stale[0] / "targets.parquet").is_file()  # it was killed mid-write
    assert _contents(out, OUTPUT_NAMES) == before
    assert load_data(out, build_if_missing=False).summary == old_summary
    run_build(out)  # the next build removes what the killed one left
    assert _staging(out) == []


@pytest.mark.slow
def test_a_build_waits_for_a_report_reading_the_outputs(previous):
    out, before = previous
    old_set = os.readlink(out / "current")
    with build_lock(out, shared=True):  # as a report run holds it
        p = _python(_build_script(""), "build", "--out", str(out))
        line = p.stderr.readline()
        assert "waiting for the report run(s) reading the current outputs to finish" in line
        time.sleep(0.5)
        assert _contents(out, OUTPUT_NAMES) == before  # not switched under the report
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 0, stderr
    assert os.readlink(out / "current") != old_set and f"wrote {out / 'targets.csv'}" in stdout

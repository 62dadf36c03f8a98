"""Golden outputs: fingerprints of everything the build and the extractor write.

    python scripts/golden.py check     # rebuild into a temporary folder, compare with tests/golden/
    python scripts/golden.py record    # the same, then write the new fingerprints (an intended change)

Fingerprints are sha256 digests of every file the build writes (``data/processed/``) and of
the ``extract`` CSV of every document in ``data/raw/documents/MANIFEST.csv``. A parquet file is
fingerprinted by its content (the frame's dtypes and its CSV text), not its bytes, because its
bytes also carry the writer's library version. ``build_summary.json`` is fingerprinted without
``inputs`` (file digests: they change with any input) so that its counts and parameters stay
checked. Any change of outputs therefore shows up as a named file in ``check`` and is accepted
only by re-recording, in the same commit as the change that caused it.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "outputs.sha256"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fingerprint(path: Path) -> str:
    if path.suffix == ".parquet":
        import pandas as pd

        df = pd.read_parquet(path)
        text = json.dumps({c: str(t) for c, t in df.dtypes.items()}) + "\n" + df.to_csv(index=False)
        return _sha(text.encode())
    if path.name == "build_summary.json":
        summary = json.loads(path.read_text(encoding="utf-8"))
        summary.pop("inputs", None)
        return _sha(json.dumps(summary, ensure_ascii=False, sort_keys=True).encode())
    return _sha(path.read_bytes())


def _run(args: list[str], **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.run([sys.executable, "-m", "shenyang_analysis", *args], cwd=ROOT, env=env,
                          check=True, capture_output=True, **kw)


def fingerprints() -> dict[str, str]:
    """name → digest for every build output and every document's extract CSV."""
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        _run(["build", "--out", tmp])
        for p in sorted(Path(tmp).iterdir()):
            if p.is_file() and not p.name.startswith("."):  # the outputs, not builds/, current or .lock
                out[f"processed/{p.name}"] = _fingerprint(p)
    with open(ROOT / "data" / "raw" / "documents" / "MANIFEST.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            path = ROOT / "data" / "raw" / "documents" / f"{row['doc_id']}.txt"
            args = ["extract", str(path), "--date", row["plan_reference_date"], "--region", row["region"],
                    "--level", row["level"], "--doc-id", row["doc_id"], "--title", row["title"]]
            out[f"extract/{row['doc_id']}.csv"] = _sha(_run(args).stdout)
    return out


def read_golden(path: Path = GOLDEN) -> dict[str, str]:
    rows = [line.split("  ", 1) for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {name: digest for digest, name in rows}


def compare(now: dict[str, str], golden: dict[str, str]) -> list[str]:
    """Names whose fingerprint differs, appeared or disappeared."""
    return sorted(n for n in set(now) | set(golden) if now.get(n) != golden.get(n))


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "check"
    if action not in ("check", "record"):
        print("usage: python scripts/golden.py check|record", file=sys.stderr)
        return 2
    now = fingerprints()
    if action == "record":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        text = "# sha256  name (written by scripts/golden.py record)\n" + "".join(f"{d}  {n}\n" for n, d in sorted(now.items()))
        GOLDEN.write_text(text, encoding="utf-8")
        print(f"recorded {len(now)} fingerprints in {GOLDEN.relative_to(ROOT)}")
        return 0
    changed = compare(now, read_golden())
    for name in changed:
        print(f"changed: {name}")
    print(f"{len(now) - len(changed)} of {len(set(now) | set(read_golden()))} outputs identical")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

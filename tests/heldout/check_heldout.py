"""Check the held-out answer keys in tests/heldout/ against the texts in tests/heldout/docs/.

Run: ``.venv/bin/python tests/heldout/check_heldout.py`` (exit status non-zero on any problem).

1. Every check of tests/answer_key/check_key.py (header, allowed kinds / comparators / units /
   booleans, plain decimals, 4-digit year, ``text[char_start:char_end] == quote``, the written
   number in the quote accounts for the value, no duplicate rows), with the documents read from
   tests/heldout/docs/ instead of data/raw/documents/.
2. Manifest: one row per key, same columns as data/raw/documents/MANIFEST.csv.
3. Texts: UTF-8, 1,500-3,000 characters, NFKC does not change the length (offsets stay valid
   after a compatibility normalisation), and h3 holds characters that GBK cannot encode.
4. Comparator consistency: the comparator agrees with the bound word in the quote
   (以上/突破/超过/不少于/不低于/余 → >=, 以内/以下/不超过/控制在 → <=, 左右/约 → ~), and a
   target whose number follows a reach verb (达到/达/提高到/提升至/增至/实现) gets >=.
5. Exhaustiveness: every number written in digits in a text lies inside some row's quote or
   inside one of the EXCLUDED strings below (each with the reason it is not a measure), and
   every EXCLUDED string occurs in its text.

Importing this module has no side effects.
"""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
DOCS = HERE / "docs"

# Numbers in digits that are deliberately not rows: (string in the text, reason).
EXCLUDED: dict[str, list[tuple[str, str]]] = {
    "h1_work_report": [
        ("大东区2024年政府工作报告", "title year"),
        ("2024年1月18日", "date"),
        ("2023年", "year"),
        ("2024年", "year"),
        ("75周年", "anniversary (date)"),
        ("15分钟便民生活圈", "name"),
        ("PM2.5平均浓度下降到34微克/立方米", "PM2.5 is a name; 微克/立方米 is not a base unit"),
        ("2025年", "year"),
        ("2026年", "year"),
    ],
    "h2_action_plan": [
        ("(2023—2025年)", "plan period"),
        ("2022年", "year / base year"),
        ("“1+N”政策体系", "name"),
        ("第3个", "ordinal"),
        ("800V", "product specification"),
        ("L4级", "product specification / name"),
        ("5G网络", "name"),

        ("2024年", "year"),
        ("2025年", "year"),
        ("设备投资额的10%", "subsidy rate (policy parameter, not a target)"),
        ("最高不超过1000万元", "subsidy cap (policy parameter, not a target)"),
    ],
    "h3_news": [
        ("今年1-8月", "period"),
        ("2023-09-15 07:30", "dateline"),
        ("9月14日", "date"),
        ("比2021年", "base year (inside a row's quote anyway)"),
        ("32 个国家和地区", "scope of the 47 overseas warehouses (cf. 000 10个领域)"),
        ("“9610”“9710”“9810”", "customs-procedure codes (names)"),
        ("今年前8个月", "period"),
        ("第 30 个国家", "ordinal"),
        ("到2027年", "year"),
        ("（2023—2027年）", "plan period"),
    ],
}

BOUND_GE = ("以上", "突破", "超过", "不少于", "不低于", "余", "至少")
BOUND_LE = ("以内", "以下", "不超过", "控制在", "不高于")
BOUND_APPROX = ("左右", "约")
CATEGORY_WORDS = ("规模以上", "亿元以上", "省级以上", "限额以上")
REACH_RE = re.compile(r"(达到|达|提高到|提升至|增至|实现)\s*[\d.]+")
NUM_RE = re.compile(r"\d+(?:\.\d+)?")


def _load_check_key():
    spec = importlib.util.spec_from_file_location(
        "_answer_key_check_key", REPO / "tests" / "answer_key" / "check_key.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.DOC_DIR = DOCS  # read our own documents
    return mod


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check_comparators(doc_id: str, rows: list[dict[str, str]]) -> list[str]:
    errors = []
    for i, r in enumerate(rows, start=2):
        q = r["quote"]
        for w in CATEGORY_WORDS:
            q = q.replace(w, "")
        if any(w in q for w in BOUND_LE):
            expected = "<="
        elif any(w in q for w in BOUND_GE):
            expected = ">="
        elif any(w in q for w in BOUND_APPROX):
            expected = "~"
        elif r["kind"] == "target" and REACH_RE.search(q):
            expected = ">="
        elif r["kind"] == "target" and r["is_growth_rate"] == "true" and not r["range_high"]:
            # a growth target is a floor, a reduction target a ceiling on the change
            expected = "<=" if r["value"].startswith("-") else ">="
        else:
            expected = "=="
        if r["comparator"] != expected:
            errors.append(f"{doc_id}.csv:{i}: comparator {r['comparator']} but quote suggests "
                          f"{expected}: {r['quote']!r}")
    return errors


def check_exhaustive(doc_id: str, text: str, rows: list[dict[str, str]]) -> list[str]:
    errors = []
    covered = [(int(r["char_start"]), int(r["char_end"])) for r in rows]
    for s, reason in EXCLUDED.get(doc_id, []):
        if s not in text:
            errors.append(f"{doc_id}: EXCLUDED string not in text: {s!r} ({reason})")
        start = 0
        while (p := text.find(s, start)) >= 0:
            covered.append((p, p + len(s)))
            start = p + 1
    for m in NUM_RE.finditer(text):
        if not any(a <= m.start() and m.end() <= b for a, b in covered):
            ctx = text[max(0, m.start() - 8):m.end() + 8].replace("\n", " ")
            errors.append(f"{doc_id}: number {m.group()!r} at {m.start()} not covered: …{ctx}…")
    return errors


def check_text(doc_id: str, text: str) -> list[str]:
    errors = []
    if not 1500 <= len(text) <= 3000:
        errors.append(f"{doc_id}: length {len(text)} outside 1500-3000")
    if len(unicodedata.normalize("NFKC", text)) != len(text):
        errors.append(f"{doc_id}: NFKC changes the length")
    if doc_id == "h3_news":
        try:
            text.encode("gbk")
            errors.append("h3_news: expected characters that GBK cannot encode")
        except UnicodeEncodeError:
            pass
    return errors


def check_all() -> tuple[dict[str, tuple[int, int]], list[str]]:
    ck = _load_check_key()
    errors: list[str] = []
    counts: dict[str, tuple[int, int]] = {}
    manifest_path = HERE / "MANIFEST.csv"
    ref_header = (REPO / "data" / "raw" / "documents" / "MANIFEST.csv").read_text(
        encoding="utf-8").splitlines()[0]
    if manifest_path.read_text(encoding="utf-8").splitlines()[0] != ref_header:
        errors.append("MANIFEST.csv: header differs from data/raw/documents/MANIFEST.csv")
    manifest_ids = [r["doc_id"] for r in _rows(manifest_path)]
    keys = sorted(p for p in HERE.glob("*.csv") if p.name != "MANIFEST.csv")
    if sorted(manifest_ids) != sorted(p.stem for p in keys):
        errors.append(f"MANIFEST doc_ids {manifest_ids} != keys {[p.stem for p in keys]}")
    for path in keys:
        n, errs = ck.check_file(path)
        errors.extend(errs)
        rows = _rows(path)
        text = (DOCS / f"{path.stem}.txt").read_text(encoding="utf-8")
        errors.extend(check_text(path.stem, text))
        errors.extend(check_comparators(path.stem, rows))
        errors.extend(check_exhaustive(path.stem, text, rows))
        counts[path.stem] = (sum(r["kind"] == "target" for r in rows),
                             sum(r["kind"] == "observation" for r in rows))
    return counts, errors


def main() -> int:
    counts, errors = check_all()
    for doc_id, (t, o) in counts.items():
        print(f"{doc_id}: {t + o} rows ({t} target, {o} observation)")
    for e in errors:
        print("ERROR", e)
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

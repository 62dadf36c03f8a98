from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from shenyang_analysis.io.documents import DocumentError, decode_bytes, load_corpus, load_manifest, read_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "seeds"


def test_manifest_has_five_documents_with_reference_dates(corpus):
    assert [d.doc_id[:3] for d in corpus] == ["000", "001", "002", "003", "004"]
    by_id = {d.doc_id[:3]: d for d in corpus}
    # 001 was published in December 2020 but plans 2021: relative words resolve against 2021-01-01
    assert by_id["001"].reference_date.isoformat() == "2021-01-01"
    assert by_id["002"].region == "tiexi" and by_id["002"].level == "district"


@pytest.mark.skipif(not SHARED.exists(), reason="../shared not present")
def test_documents_are_byte_for_byte_the_given_ones():
    for src in sorted(SHARED.glob("*")):
        if src.suffix in (".txt", ".csv"):
            copy = ROOT / "data" / "raw" / "documents" / src.name
            assert hashlib.sha256(copy.read_bytes()).hexdigest() == hashlib.sha256(src.read_bytes()).hexdigest(), src.name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_read_text_any_common_encoding(tmp_path, encoding):
    text = "到2025年,地区生产总值突破1500亿元。"
    p = tmp_path / f"doc-{encoding}.txt"
    p.write_bytes(text.encode(encoding))
    assert read_text(p) == text


def test_binary_file_is_refused_with_file_and_offset(tmp_path):
    p = tmp_path / "image.png"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(DocumentError, match=r"image\.png: byte \d+"):
        read_text(p)
    with pytest.raises(DocumentError, match="NUL"):
        decode_bytes(b"abc\x00def", "x.bin")


def test_missing_file_names_the_path(tmp_path):
    with pytest.raises(DocumentError, match="nope.txt"):
        read_text(tmp_path / "nope.txt")


def test_manifest_errors_name_the_line(tmp_path):
    good = (ROOT / "data/raw/documents/MANIFEST.csv").read_text(encoding="utf-8").splitlines()
    bad = good[:3] + [good[3].replace("2021-05-17,2021-05-17", "2021-05-17,17/05/2021")] + good[4:]
    p = tmp_path / "MANIFEST.csv"
    p.write_text("\n".join(bad), encoding="utf-8")
    with pytest.raises(DocumentError, match=r"line 4: column 'plan_reference_date'"):
        load_manifest(p)
    dup = good + [good[1]]
    p.write_text("\n".join(dup), encoding="utf-8")
    with pytest.raises(DocumentError, match=r"line 7: doc_id .* appears twice"):
        load_manifest(p)


def test_corpus_with_missing_file_is_an_error(tmp_path):
    (tmp_path / "MANIFEST.csv").write_bytes((ROOT / "data/raw/documents/MANIFEST.csv").read_bytes())
    with pytest.raises(DocumentError, match="has no file"):
        load_corpus(tmp_path)

"""Errors at the command line are one line and status 2: extract's --region and --doc-id,
garbled text that decodes as GB18030, and build errors of every kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from shenyang_analysis import cli as cli_module
from shenyang_analysis.io.documents import DocumentError, decode_bytes, load_corpus
from shenyang_analysis.table.schema import TableError

PLAN = "沈阳市2024年工作安排\n\n全年新增城镇就业9万人以上。到2025年,高新技术企业突破3000家。"


def _one_error_line(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stdout == "" and "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.mark.parametrize("region", ["", "../x", "Tiexi", "tie xi", "tiexi/../../etc", "铁西"])
def test_extract_refuses_a_region_that_is_not_a_slug(tmp_path, cli, region):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    line = _one_error_line(cli("extract", str(p), "--date", "2024-01-20", "--region", region, timeout=120))
    assert f"argument --region: {region!r} is not a region slug" in line


@pytest.mark.parametrize("doc_id", ["../x", "", "A B"])
def test_extract_refuses_a_doc_id_that_is_not_plain(tmp_path, cli, doc_id):
    p = tmp_path / "plan.txt"
    p.write_text(PLAN, encoding="utf-8")
    line = _one_error_line(cli("extract", str(p), "--date", "2024-01-20", "--region", "shenyang", "--doc-id", doc_id,
                               timeout=120))
    assert f"argument --doc-id: {doc_id!r} is not a document id" in line


def test_extract_makes_a_plain_doc_id_from_any_file_name(tmp_path, cli):
    p = tmp_path / "Plan 2024 (draft).txt"
    p.write_text(PLAN, encoding="utf-8")
    r = cli("extract", str(p), "--date", "2024-01-20", "--region", "shenyang", timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[1].startswith("plan_2024_draft@")


GARBLED = {
    "shift_jis": "これは日本語の文章です。東京都の人口は約1400万人です。経済成長率は2.5%でした。".encode("shift_jis"),
    "big5": "到2025年,地區生產總值突破1500億元,研發投入強度達到3.5%。".encode("big5"),
    # UTF-8 whose first byte was lost: not UTF-8 any more, but valid GB18030
    "damaged_utf8": "加快推动开发区管理体制向市场化运作、企业化管理方向转变".encode("utf-8")[1:],
    "private_use": "到2025年".encode("gbk") + b"\xaa\xa1\xaa\xa2" + "地区生产总值".encode("gbk"),
}


@pytest.mark.parametrize("name", sorted(GARBLED))
def test_text_that_decodes_to_implausible_characters_is_refused(tmp_path, cli, name):
    p = tmp_path / f"{name}.txt"
    p.write_bytes(GARBLED[name])
    line = _one_error_line(cli("extract", str(p), "--date", "2024-01-20", "--region", "shenyang", timeout=120))
    assert line.startswith(f"error: {p}: byte ") and "(character " in line
    assert "this is probably not GBK/GB18030 text" in line


def test_gbk_and_gb18030_plan_text_still_decodes():
    for doc in load_corpus():  # no document of the corpus is refused once written in GBK or GB18030
        assert decode_bytes(doc.text.replace("\xa0", " ").encode("gbk"), doc.doc_id) == doc.text.replace("\xa0", " ")
        assert decode_bytes(doc.text.encode("gb18030"), doc.doc_id) == doc.text
    name = "王堃到2025年,地区生产总值突破1500亿元。"  # one character outside GB2312, in a name
    assert decode_bytes(name.encode("gbk")) == name
    short = "二〇二五年·十四五—规划"  # common symbols GB2312 lacks
    assert decode_bytes(short.encode("gbk")) == short and decode_bytes((short + "\xa0📦").encode("gb18030")) == short + "\xa0📦"


def test_the_garbled_check_names_the_byte_and_the_character():
    data = "到2025年".encode("gbk") + b"\xaa\xa1\xaa\xa2"
    with pytest.raises(DocumentError, match=r"^f.txt: byte 8 \(character 6\): U\+E000 and 1 more of 4 non-ASCII characters"):
        decode_bytes(data, "f.txt")


@pytest.mark.parametrize(
    "exc, expected",
    [
        (OSError(28, "No space left on device"), "error: [Errno 28] No space left on device"),
        (TableError("target table breaks its schema:\n  row a@1: rule x fails\n  row b@2: rule y fails\n  row c@3: z"),
         "error: target table breaks its schema: row a@1: rule x fails (and 2 more)"),
        (ArithmeticError("decimal overflow"), "error: ArithmeticError: decimal overflow"),
        (FileNotFoundError(2, "No such file or directory", "data/raw/indicators.csv"),
         "error: data/raw/indicators.csv: No such file or directory"),
        (TypeError("'NoneType' object is not subscriptable"),
         "error: unexpected TypeError: 'NoneType' object is not subscriptable (a bug: run with SHENYANG_TRACEBACK=1 to see where)"),
    ],
)
def test_every_build_error_is_one_line_and_status_2(monkeypatch, capsys, tmp_path, exc, expected):
    from shenyang_analysis import pipeline

    def fail(*args, **kw):
        raise exc

    monkeypatch.delenv("SHENYANG_TRACEBACK", raising=False)
    monkeypatch.setattr(pipeline, "run_build", fail)
    assert cli_module.main(["build", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == expected + "\n"


def test_an_unexpected_error_shows_its_traceback_when_asked(monkeypatch, tmp_path):
    from shenyang_analysis import pipeline

    monkeypatch.setenv("SHENYANG_TRACEBACK", "1")
    monkeypatch.setattr(pipeline, "run_build", lambda *a, **k: [][1])
    with pytest.raises(IndexError):
        cli_module.main(["build", "--out", str(tmp_path)])


def test_a_bad_manifest_in_a_build_is_one_line(project, cli, edit):
    manifest = project / "data" / "raw" / "documents" / "MANIFEST.csv"
    line = edit.replace_line(manifest, "004_", "../../../etc/hostname,t,p,2021-02-06,2021-02-06,shenyang,city,news")
    r = cli("--root", str(project), "build", "--out", str(Path(project) / "out"), timeout=120)
    err = _one_error_line(r)
    assert err.startswith(f"error: {manifest}: line {line}: doc_id '../../../etc/hostname' is not a plain id")

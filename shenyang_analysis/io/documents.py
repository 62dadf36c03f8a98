"""Reading source documents and their manifest.

Plan documents arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 with a BOM, or GBK
(GB18030). :func:`read_text` decodes any of them and refuses anything else with a
:class:`DocumentError` that names the file and the byte offset where decoding failed.
Character offsets in the target table are offsets into the decoded text returned here
(a leading BOM is not part of the text).

Example:
    >>> from shenyang_analysis.io.documents import load_corpus
    >>> docs = load_corpus()
    >>> [d.region for d in docs][:3]
    ['shenyang', 'hunnan', 'tiexi']
    >>> docs[2].reference_date.isoformat()
    '2021-05-17'
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import paths
from ..vocab import LEVELS, SLUG

__all__ = ["Document", "DocumentError", "read_text", "load_manifest", "load_corpus", "decode_bytes"]

MANIFEST_COLUMNS = (
    "doc_id", "title", "publisher", "published", "plan_reference_date", "region", "level", "genre",
)


class DocumentError(ValueError):
    """A document or manifest that cannot be read; the message names the file and the place."""


@dataclass(frozen=True)
class Document:
    """One source document: its decoded text and the manifest facts about it."""

    doc_id: str
    text: str
    reference_date: dt.date
    region: str
    level: str
    genre: str = "news"
    title: str = ""
    published: dt.date | None = None
    path: Path | None = None


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode document bytes: BOM-marked UTF-8/UTF-16, then UTF-8, then GB18030 (a superset of GBK).

    >>> decode_bytes("到2025年".encode("gbk"))
    '到2025年'
    >>> decode_bytes(b"\\xef\\xbb\\xbf\\xe5\\x85\\x83")
    '元'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if "\x00" in text:
            raise DocumentError(f"{name}: offset {text.index(chr(0))}: NUL character; this is a binary file, not text")
        return text
    assert first_error is not None
    raise DocumentError(
        f"{name}: byte {first_error.start}: cannot be decoded as UTF-8, UTF-16 (with BOM) or GBK/GB18030 text"
    )


def read_text(path: str | Path) -> str:
    """Read one document as text, whatever its encoding (see :func:`decode_bytes`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, str(path))


def _parse_date(value: str, where: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DocumentError(f"{where}: column {column!r}: {value!r} is not a date (YYYY-MM-DD)") from None


def load_manifest(path: str | Path | None = None) -> list[dict[str, object]]:
    """Read ``MANIFEST.csv``: one dict per document, dates parsed, every field checked.

    Errors name the file and the line: a missing column, an empty doc_id, a bad date,
    a region that is not a lower-case slug, an unknown level, or a duplicated doc_id.
    """
    path = Path(path) if path is not None else paths().manifest_csv
    text = read_text(path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DocumentError(f"{path}: line 1: missing column(s) {', '.join(missing)}")
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for line_no, raw in enumerate(reader, start=2):
        where = f"{path}: line {line_no}"
        doc_id = (raw.get("doc_id") or "").strip()
        if not doc_id:
            raise DocumentError(f"{where}: empty doc_id")
        if doc_id in seen:
            raise DocumentError(f"{where}: doc_id {doc_id!r} appears twice")
        seen.add(doc_id)
        region = (raw.get("region") or "").strip()
        if not SLUG.match(region):
            raise DocumentError(f"{where}: region {region!r} is not a lower-case pinyin slug")
        level = (raw.get("level") or "").strip()
        if level not in LEVELS:
            raise DocumentError(f"{where}: level {level!r} is not one of {sorted(LEVELS)}")
        rows.append(
            {
                "doc_id": doc_id,
                "title": (raw.get("title") or "").strip(),
                "publisher": (raw.get("publisher") or "").strip(),
                "published": _parse_date(raw["published"] or "", where, "published"),
                "reference_date": _parse_date(raw["plan_reference_date"] or "", where, "plan_reference_date"),
                "region": region,
                "level": level,
                "genre": (raw.get("genre") or "").strip(),
            }
        )
    return rows


def load_corpus(directory: str | Path | None = None) -> list[Document]:
    """Load every document listed in ``directory/MANIFEST.csv`` (default: ``data/raw/documents``).

    A manifest row whose file ``<doc_id>.txt`` is missing is an error naming both.
    """
    directory = Path(directory) if directory is not None else paths().documents_dir
    manifest = directory / "MANIFEST.csv"
    docs = []
    for row in load_manifest(manifest):
        path = directory / f"{row['doc_id']}.txt"
        if not path.exists():
            raise DocumentError(f"{manifest}: doc_id {row['doc_id']!r} has no file {path.name} beside the manifest")
        docs.append(
            Document(
                doc_id=str(row["doc_id"]),
                text=read_text(path),
                reference_date=row["reference_date"],  # type: ignore[arg-type]
                region=str(row["region"]),
                level=str(row["level"]),
                genre=str(row["genre"]),
                title=str(row["title"]),
                published=row["published"],  # type: ignore[arg-type]
                path=path,
            )
        )
    return docs

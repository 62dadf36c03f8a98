"""Reading source documents and their manifest.

A document directory holds ``MANIFEST.csv``, one ``<doc_id>.txt`` per manifest row and
nothing else but README files (``*.md``) and hidden files: a text file the manifest does not
list, a manifest row without its file, and a ``doc_id`` that is not a plain id
(:data:`~shenyang_analysis.vocab.DOC_ID`, so ``../x`` cannot name a file outside the
directory) are errors naming the file and the line. Texts are decoded by
:func:`~shenyang_analysis.io.text.read_text` (UTF-8, UTF-16 with a BOM, GBK/GB18030; anything
else, binary or garbled text is a :class:`DocumentError` naming the file and the offset).
Character offsets in the target table are offsets into the decoded text returned here (a
leading BOM is not part of the text).

Example:
    >>> from shenyang_analysis.io.documents import load_corpus
    >>> docs = load_corpus()
    >>> [d.region for d in docs][:3]
    ['shenyang', 'hunnan', 'tiexi']
    >>> docs[2].reference_date.isoformat()
    '2021-05-17'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..config import paths
from ..vocab import DOC_ID, LEVELS, SLUG
from .csvfile import read_records
from .text import DocumentError, decode_bytes, read_text

__all__ = [
    "Document", "DocumentError", "read_text", "load_manifest", "load_corpus", "decode_bytes", "check_directory",
]

MANIFEST_COLUMNS = (
    "doc_id", "title", "publisher", "published", "plan_reference_date", "region", "level", "genre",
)


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


def _parse_date(value: str, where: str, column: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DocumentError(f"{where}: column {column!r}: {value!r} is not a date (YYYY-MM-DD)") from None


def load_manifest(path: str | Path | None = None) -> list[dict[str, object]]:
    """Read ``MANIFEST.csv``: one dict per document, dates parsed, every field checked.

    Errors name the file and the line: a missing column, a malformed line (see
    :func:`~shenyang_analysis.io.csvfile.read_records`), a doc_id that is empty, not a plain id
    or duplicated, a bad date, a region that is not a lower-case slug, an unknown level.
    """
    path = Path(path) if path is not None else paths().manifest_csv
    _, records = read_records(path, required=MANIFEST_COLUMNS)
    rows: list[dict[str, object]] = []
    seen: dict[str, int] = {}
    for line_no, raw in records:
        where = f"{path}: line {line_no}"
        doc_id = raw["doc_id"].strip()
        if not doc_id:
            raise DocumentError(f"{where}: empty doc_id")
        if not DOC_ID.fullmatch(doc_id):
            raise DocumentError(
                f"{where}: doc_id {doc_id!r} is not a plain id (lower-case letters, digits, _ and -; it names the file <doc_id>.txt)"
            )
        if doc_id in seen:
            raise DocumentError(f"{where}: doc_id {doc_id!r} appears twice (first on line {seen[doc_id]})")
        seen[doc_id] = line_no
        region = raw["region"].strip()
        if not SLUG.fullmatch(region):
            raise DocumentError(f"{where}: region {region!r} is not a lower-case pinyin slug")
        level = raw["level"].strip()
        if level not in LEVELS:
            raise DocumentError(f"{where}: level {level!r} is not one of {sorted(LEVELS)}")
        rows.append(
            {
                "doc_id": doc_id,
                "title": raw["title"].strip(),
                "publisher": raw["publisher"].strip(),
                "published": _parse_date(raw["published"], where, "published"),
                "reference_date": _parse_date(raw["plan_reference_date"], where, "plan_reference_date"),
                "region": region,
                "level": level,
                "genre": raw["genre"].strip(),
                "line": line_no,
            }
        )
    return rows


def check_directory(directory: Path, manifest: list[dict[str, object]]) -> list[Path]:
    """The document files of ``directory``, in manifest order, after checking that they are
    exactly the manifest's: every row has its ``<doc_id>.txt`` and every other entry is
    ``MANIFEST.csv``, a README (``*.md``) or hidden."""
    manifest_csv = directory / "MANIFEST.csv"
    files = []
    for row in manifest:
        path = directory / f"{row['doc_id']}.txt"
        if not path.is_file():
            raise DocumentError(
                f"{manifest_csv}: line {row.get('line', '?')}: doc_id {row['doc_id']!r} has no file {path.name} beside the manifest"
            )
        files.append(path)
    listed = {p.name for p in files}
    for entry in sorted(directory.iterdir()):
        name = entry.name
        if name in listed or name == "MANIFEST.csv" or name.startswith(".") or (name.endswith(".md") and entry.is_file()):
            continue
        what = "a folder" if entry.is_dir() else "a file"
        raise DocumentError(
            f"{entry}: {what} the manifest does not list: add a line for it to {manifest_csv}, or move it out of {directory}"
        )
    return files


def load_corpus(directory: str | Path | None = None) -> list[Document]:
    """Load every document listed in ``directory/MANIFEST.csv`` (default: ``data/raw/documents``).

    The directory must hold exactly the manifest's files (:func:`check_directory`).
    """
    directory = Path(directory) if directory is not None else paths().documents_dir
    manifest = load_manifest(directory / "MANIFEST.csv")
    docs = []
    for row, path in zip(manifest, check_directory(directory, manifest)):
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

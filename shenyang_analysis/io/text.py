"""Decoding text files: UTF-8, UTF-16 with a BOM, GBK/GB18030 -- and refusing anything else.

Plan documents arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 with a BOM, or GBK
(GB18030). :func:`decode_bytes` decodes any of them; the BOM is not part of the text, so
character offsets are offsets into the text returned here.

GB18030 decodes almost any byte string, so text in another encoding (Big5, Shift-JIS, UTF-8
with a damaged byte) can come out as plausible-looking but garbled Chinese. Text that needed
the GB18030 fallback is therefore checked (:func:`implausible_gb_text`): when more than
:data:`RARE_SHARE` of its non-ASCII characters are implausible in Chinese text (private-use
characters, Han characters outside GB2312, characters from four-byte sequences that are not
common symbols) it is refused with a :class:`DocumentError` naming the file, the byte and
character offset and the first such character. (Korean EUC-KR text decodes to common Chinese characters and is not caught.)

>>> decode_bytes("到2025年".encode("gbk"))
'到2025年'
>>> decode_bytes(b"\\xef\\xbb\\xbf\\xe5\\x85\\x83")
'元'
>>> decode_bytes("これは日本語の文章です".encode("shift_jis"), "jp.txt")
Traceback (most recent call last):
shenyang_analysis.io.text.DocumentError: jp.txt: byte 0 (character 0): '偙' (U+5059) and 10 more of 11 non-ASCII characters are implausible in Chinese text: this is probably not GBK/GB18030 text (decoded as GB18030 it gives implausible characters)
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

__all__ = ["DocumentError", "decode_bytes", "read_text", "implausible_gb_text", "implausible_char", "RARE_SHARE",
           "RARE_MIN", "COMMON_SYMBOLS"]

#: Share of non-ASCII characters that are implausible in Chinese text (:func:`implausible_char`)
#: above which text decoded as GB18030 is refused: the plan documents have none; Shift-JIS,
#: Big5 or damaged UTF-8 text decoded as GB18030 has 50-100%.
RARE_SHARE = 0.10
#: ... and at least this many (one rare character in a name is no sign of a wrong encoding).
RARE_MIN = 2
#: Blocks of symbols a Chinese text may hold outside GBK (from four-byte GB18030 sequences):
#: Latin letters and accents, punctuation, symbols, arrows, shapes, CJK punctuation,
#: full-width forms, emoji.
COMMON_SYMBOLS = (
    (0x0080, 0x024F), (0x2000, 0x2BFF), (0x3000, 0x303F), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x1F000, 0x1FAFF),
)


class DocumentError(ValueError):
    """A document or manifest that cannot be read; the message names the file and the place."""


def _show(ch: str) -> str:
    return f"'{ch}' (U+{ord(ch):04X})" if ch.isprintable() else f"U+{ord(ch):04X}"


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0003134f"


def implausible_char(ch: str) -> bool:
    """Whether a non-ASCII character is a sign of text in another encoding read as GB18030:
    a private-use character, a Han character outside GB2312 (the 6,763 common ones), or a
    character outside GBK (a four-byte sequence) that is not a common symbol.

    >>> [implausible_char(c) for c in "元〇—·\xa0📦偙\ue000\uac00"]
    [False, False, False, False, False, False, True, True, True]
    """
    if unicodedata.category(ch) == "Co":
        return True
    if _is_han(ch):
        return not _encodes(ch, "gb2312")
    return not _encodes(ch, "gbk") and not any(lo <= ord(ch) <= hi for lo, hi in COMMON_SYMBOLS)


def implausible_gb_text(text: str) -> tuple[int, str] | None:
    """``(character offset, reason)`` of the first sign that GB18030-decoded ``text`` is garbled, else None.

    Garbled: more than :data:`RARE_SHARE` of its non-ASCII characters (and at least
    :data:`RARE_MIN`) are implausible (:func:`implausible_char`). Chinese text has a few at most
    (a rare character in a name), text in another encoding read as GB18030 has half or more.

    >>> implausible_gb_text("到二〇二五年,地区生产总值突破1500亿元。\\xa0📦") is None
    True
    >>> implausible_gb_text("ab\\ue000\\ue001c")
    (2, 'U+E000 and 1 more of 2 non-ASCII characters are implausible in Chinese text')
    """
    if _encodes(text, "gb2312"):
        return None  # the common case, checked at C speed
    counts = {ch: n for ch, n in Counter(text).items() if ord(ch) >= 0x80}
    rare = {ch for ch in counts if implausible_char(ch)}
    n_all, n_rare = sum(counts.values()), sum(counts[ch] for ch in rare)
    if n_rare >= RARE_MIN and n_rare > RARE_SHARE * n_all:
        at = min(text.index(ch) for ch in rare)
        return at, f"{_show(text[at])} and {n_rare - 1} more of {n_all} non-ASCII characters are implausible in Chinese text"
    return None


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode document bytes: BOM-marked UTF-8/UTF-16, then UTF-8, then GB18030 (a superset of GBK).

    Text that needs GB18030 and decodes to implausible characters is refused (module doc).
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
        if enc == "gb18030":
            bad = implausible_gb_text(text)
            if bad is not None:
                at, why = bad
                raise DocumentError(
                    f"{name}: byte {len(text[:at].encode('gb18030'))} (character {at}): {why}: this is probably not "
                    "GBK/GB18030 text (decoded as GB18030 it gives implausible characters)"
                )
        return text
    assert first_error is not None
    raise DocumentError(
        f"{name}: byte {first_error.start}: cannot be decoded as UTF-8, UTF-16 (with BOM) or GBK/GB18030 text"
    )


def read_text(path: str | Path) -> str:
    """Read one text file, whatever its encoding (see :func:`decode_bytes`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    return decode_bytes(data, str(path))

"""Text from data shown literally: in LaTeX, in Markdown and HTML, and in matplotlib charts.

Quotes, indicator phrases, notes, sources and titles come from documents and web pages. None
of them may be read as markup: ``\\input{/etc/hostname}`` must print those characters, not the
file; ``$\\notacommand$`` must not start a formula; ``**`` must not make bold type. And none may
break a report: a character no installed font can draw (an emoji, say) is shown as its code
point, ``[U+1F4C8]``, instead of failing the render.

* :func:`latex_literal` — LaTeX for the PDF (specials escaped, TeX ligatures broken, symbols
  outside Latin Modern routed to the CJK font with ``\\datafont``, which the report template
  defines, undrawable characters as ``[U+…]``);
* :func:`markdown_literal` and :func:`html_literal` — the same text for JupyterLab;
* :func:`plain_literal` — text for matplotlib (which the reports set to draw text literally,
  ``text.parse_math = False``): undrawable characters as ``[U+…]``.

>>> print(latex_literal(r"\\input{/etc/hostname}地区生产总值 $x$ 50% & ~"))
\\textbackslash{}input\\{/etc/hostname\\}地区生产总值 \\$x\\$ 50\\% \\& \\textasciitilde{}
>>> print(markdown_literal("**1500** <b>亿元</b> $x$"))
\\*\\*1500\\*\\* \\<b\\>亿元\\</b\\> \\$x\\$
>>> latex_literal("GDP 📈"), plain_literal("GDP 📈")
('GDP [U+1F4C8]', 'GDP [U+1F4C8]')
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from typing import Any

__all__ = ["latex_literal", "markdown_literal", "html_literal", "plain_literal", "code_point", "CJK_TEXT_FONT"]

#: The font of the PDF's Chinese text (the report template's ``\setCJKmainfont``); characters
#: Latin Modern lacks are drawn with it too.
CJK_TEXT_FONT = "Noto Serif CJK SC"
#: The font matplotlib draws text with (``present.fonts.use_cjk_fonts``; matplotlib does not fall back to another for a missing glyph).
CHART_FONTS = ("Noto Sans CJK SC",)

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "_": r"\_",
    "%": r"\%", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}", "`": r"\textasciigrave{}",
    "'": r"\textquotesingle{}", "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "\n": r"\newline{}", "\r": r"\newline{}", "\t": " ",
    "-": "-{}",  # no -- or --- ligatures
    '"': r"\textquotedbl{}",
}
# Characters xeCJK typesets with the CJK font on its own (ideographs, CJK and full-width punctuation).
_CJK_RANGES = (
    (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3040, 0x30FF), (0x3100, 0x312F), (0x31C0, 0x31EF), (0x3200, 0x33FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F),
)
# Always drawable, no font lookup needed: Latin Modern has Latin-1 and Latin Extended-A; Noto CJK
# has every CJK ideograph of the basic block and the CJK and full-width punctuation.
_COMMON = re.compile(r"[\u0020-\u007e\u00a0-\u017f\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e\n\r\t]*")


def code_point(ch: str) -> str:
    """``[U+1F600]``: how a character no font can draw is shown.

    >>> code_point("☃")
    '[U+2603]'
    """
    return f"[U+{ord(ch):04X}]"


def _is_cjk(cp: int) -> bool:
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


@functools.lru_cache(maxsize=4)
def _charmap(family: str) -> frozenset[int]:
    """Code points a font family can draw (empty when the font is not installed)."""
    from matplotlib import font_manager, ft2font

    try:
        path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return frozenset()
    return frozenset(ft2font.FT2Font(path).get_charmap())


def _control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") and ch not in "\n\r\t"


def latex_literal(text: Any, breaks: bool = False) -> str:
    """``text`` as LaTeX that prints exactly these characters (see the module's examples);
    with ``breaks``, a line may break after ``/ . ? & = _ :`` (long URLs in table cells).

    >>> latex_literal("--- 'a' α")
    '-{}-{}-{} \\\\textquotesingle{}a\\\\textquotesingle{} {\\\\datafont α}'
    >>> latex_literal("a.cn/x", breaks=True)
    'a.\\\\allowbreak{}cn/\\\\allowbreak{}x'
    """
    s = "" if text is None else str(text)
    if _COMMON.fullmatch(s):
        out = "".join(_LATEX_SPECIALS.get(ch, ch) for ch in s)
        return _BREAKS.sub(r"\g<0>\\allowbreak{}", out) if breaks else out
    out: list[str] = []
    run: list[str] = []  # characters in a row that the fallback font draws: one group
    for ch in s:
        cp = ord(ch)
        if not (ch in _LATEX_SPECIALS or (cp < 0x180 and not _control(ch)) or _control(ch)
                or cp not in _charmap(CJK_TEXT_FONT) or _is_cjk(cp)):
            run.append(ch)
            continue
        if run:
            out.append(f"{{\\datafont {''.join(run)}}}")
            run = []
        if ch in _LATEX_SPECIALS:
            out.append(_LATEX_SPECIALS[ch])
        elif cp < 0x180 and not _control(ch) or (_is_cjk(cp) and not _control(ch) and cp in _charmap(CJK_TEXT_FONT)):
            out.append(ch)
        else:
            out.append(code_point(ch))
    if run:
        out.append(f"{{\\datafont {''.join(run)}}}")
    joined = "".join(out)
    return _BREAKS.sub(r"\g<0>\\allowbreak{}", joined) if breaks else joined


# break points after these (the escaped forms of ? & = _ : are handled as their escapes end)
_BREAKS = re.compile(r"(?<![\\{])[/.?=:](?![^{]*\})|\\&|\\_")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~&])")


def markdown_literal(text: Any) -> str:
    """``text`` as Markdown that shows exactly these characters (every ASCII punctuation that
    Markdown might read is backslash-escaped; undrawable characters as ``[U+…]``)."""
    return _MD_SPECIAL.sub(r"\\\1", plain_literal(text))


def html_literal(text: Any) -> str:
    """``text`` as HTML that shows exactly these characters.

    >>> html_literal("<script>&")
    '&lt;script&gt;&amp;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def plain_literal(text: Any, fonts: tuple[str, ...] = CHART_FONTS) -> str:
    """``text`` with every character the chart fonts cannot draw (and control characters) as ``[U+…]``.

    >>> plain_literal("铁西区 ≥ 1,500亿元")
    '铁西区 ≥ 1,500亿元'
    """
    s = "" if text is None else str(text)
    if _COMMON.fullmatch(s):
        return s
    covered = frozenset().union(*(_charmap(f) for f in fonts))
    return "".join(code_point(ch) if _control(ch) or (ord(ch) not in covered and ch not in "\n\r\t") else ch for ch in s)

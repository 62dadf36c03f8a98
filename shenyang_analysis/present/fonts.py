"""Chinese text in matplotlib charts: pick an installed CJK font, fail loudly without one.

Call :func:`use_cjk_fonts` once at the top of a notebook (after importing matplotlib,
before drawing). It sets ``font.family``/``font.sans-serif`` to an installed CJK font,
turns off ``axes.unicode_minus`` (the CJK fonts draw ``-`` but not always ``−``) and
mathtext (``text.parse_math``: text from documents is drawn as written, so a phrase with
``$`` is not read as a formula), embeds
fonts as TrueType in PDF/PS output (``pdf.fonttype = 42``), and sets pandas'
``display.unicode.east_asian_width`` so text tables with Chinese stay aligned.

>>> import matplotlib
>>> with matplotlib.rc_context():
...     use_cjk_fonts()
...     matplotlib.rcParams["axes.unicode_minus"], matplotlib.rcParams["pdf.fonttype"], matplotlib.rcParams["text.parse_math"]
'Noto Sans CJK SC'
(False, 42, False)

:func:`glyph_warnings_as_errors` turns matplotlib's "Glyph ... missing from font" warnings
into exceptions, so a chart that would show empty boxes fails instead.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator, Sequence

__all__ = ["CJK_FONTS", "MissingFontError", "glyph_warnings_as_errors", "use_cjk_fonts"]

#: Font families tried in order; the first that matplotlib can find is used.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
)

#: matplotlib's warning text for a character its font cannot draw (a regular expression).
GLYPH_WARNING = r"Glyph \d+ .*missing from"


class MissingFontError(RuntimeError):
    """No CJK font is installed (or matplotlib cannot see it)."""


def _installed_families() -> set[str]:
    from matplotlib import font_manager

    return {f.name for f in font_manager.fontManager.ttflist}


def _register_system_cjk_fonts() -> None:
    """Add CJK font files matplotlib's cached font list does not know yet (fonts installed later)."""
    from matplotlib import font_manager

    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_manager.findSystemFonts():
        if path not in known and "cjk" in path.lower():
            with contextlib.suppress(Exception):
                font_manager.fontManager.addfont(path)


def use_cjk_fonts(candidates: Sequence[str] = CJK_FONTS) -> str:
    """Configure matplotlib (and pandas' text display) for Chinese; return the font family used.

    Raises :class:`MissingFontError` naming the fonts looked for and how to install them.

    >>> import matplotlib
    >>> with matplotlib.rc_context():
    ...     name = use_cjk_fonts()
    ...     matplotlib.rcParams["font.sans-serif"][0] == name
    True
    >>> use_cjk_fonts(["No Such Font"])
    Traceback (most recent call last):
    ...
    shenyang_analysis.present.fonts.MissingFontError: no CJK font found for matplotlib (looked for: No Such Font); ...
    """
    import matplotlib

    families = _installed_families()
    chosen = next((name for name in candidates if name in families), None)
    if chosen is None:
        _register_system_cjk_fonts()
        families = _installed_families()
        chosen = next((name for name in candidates if name in families), None)
    if chosen is None:
        raise MissingFontError(
            f"no CJK font found for matplotlib (looked for: {', '.join(candidates)}); "
            "install the Debian package fonts-noto-cjk with `bash scripts/setup.sh` "
            "(it reads scripts/system-packages.txt), then restart the kernel"
        )
    rc = matplotlib.rcParams
    rc["font.family"] = ["sans-serif"]
    rc["font.sans-serif"] = [chosen, *[f for f in rc["font.sans-serif"] if f != chosen]]
    rc["axes.unicode_minus"] = False
    rc["text.parse_math"] = False
    rc["pdf.fonttype"] = 42
    rc["ps.fonttype"] = 42
    rc["svg.fonttype"] = "path"
    rc["svg.hashsalt"] = "shenyang_analysis"
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    else:
        pd.set_option("display.unicode.east_asian_width", True)
    return chosen


@contextlib.contextmanager
def glyph_warnings_as_errors() -> Iterator[None]:
    """Inside the block, matplotlib's "Glyph ... missing from font" warnings raise instead.

    The warning comes when a figure is drawn (``savefig``, ``canvas.draw``), not when the
    text is set.

    >>> import warnings
    >>> with glyph_warnings_as_errors():
    ...     warnings.warn("Glyph 38081 (X) missing from font(s) DejaVu Sans.")
    Traceback (most recent call last):
    ...
    UserWarning: Glyph 38081 (X) missing from font(s) DejaVu Sans.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=GLYPH_WARNING)
        yield

"""CJK fonts for matplotlib: an installed font is chosen, missing glyphs become errors."""

from __future__ import annotations

import io

import matplotlib
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from shenyang_analysis.present.fonts import MissingFontError, glyph_warnings_as_errors, use_cjk_fonts


def _chart(title: str) -> Figure:
    fig = Figure(figsize=(3, 2))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([2020, 2025], [-1000, 1500])
    ax.set_title(title)
    return fig


def test_use_cjk_fonts_sets_rcparams(cjk_font):
    rc = matplotlib.rcParams
    assert "CJK" in cjk_font or "Hei" in cjk_font
    assert rc["font.sans-serif"][0] == cjk_font and rc["font.family"] == ["sans-serif"]
    assert rc["axes.unicode_minus"] is False
    assert rc["pdf.fonttype"] == 42 and rc["ps.fonttype"] == 42


def test_chinese_chart_draws_and_embeds_truetype(cjk_font):
    buf = io.BytesIO()
    with glyph_warnings_as_errors():
        _chart("铁西区地区生产总值（亿元）").savefig(buf, format="pdf")
    pdf = buf.getvalue()
    assert b"/FontFile2" in pdf  # TrueType (Type 42) embedding, not Type 3


def test_missing_glyph_warning_is_an_error():
    with matplotlib.rc_context({"font.family": ["DejaVu Sans"]}):
        fig = _chart("铁西区")
        with glyph_warnings_as_errors(), pytest.raises(UserWarning, match=r"Glyph \d+ .*missing from"):
            fig.canvas.draw()


def test_missing_font_error_names_font_and_install_command():
    with matplotlib.rc_context(), pytest.raises(MissingFontError) as info:
        use_cjk_fonts(["No Such Sans CJK"])
    assert "No Such Sans CJK" in str(info.value) and "bash scripts/setup.sh" in str(info.value)

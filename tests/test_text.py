"""Text from data is shown literally: no LaTeX, Markdown or mathtext reaches a report from a
document or a web page, and a character no font can draw is shown as its code point."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from shenyang_analysis.present.fonts import glyph_warnings_as_errors  # noqa: E402
from shenyang_analysis.present.text import latex_literal, markdown_literal, plain_literal  # noqa: E402

# What latex_literal may write: its escapes, and groups in the fallback font.
_ESCAPES = re.compile(
    r"\\text(?:backslash|asciicircum|asciitilde|asciigrave|quotesingle|less|greater|bar|quotedbl)\{\}"
    r"|\\newline\{\}|\\allowbreak\{\}|\\[{}$&#_%]|-\{\}|\{\\datafont |\}"
)
HOSTILE = r"\input{/etc/hostname}地区生产总值 $\notacommand$ **粗体** <b>x</b> 50% & #1 ~ ^ _ -- `x` 📈 😀 α→β"


def _bare(latex: str) -> str:
    return _ESCAPES.sub("", latex)


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_latex_literal_leaves_no_markup(text):
    out = latex_literal(text)
    assert not re.search(r"[\\{}$&#^_%~]", _bare(out)), out
    assert not re.search(r"[\\{}$&#^_%~]", _bare(latex_literal(text, breaks=True)))
    assert "--" not in out and "``" not in out and "''" not in out


def test_hostile_text_in_latex_markdown_and_charts():
    tex = latex_literal(HOSTILE)
    assert r"\input{" not in tex and r"\textbackslash{}input\{/etc/hostname\}" in tex
    assert "[U+1F4C8]" in tex and "{\\datafont α→β}" in tex
    md = markdown_literal(HOSTILE)
    assert r"\*\*粗体\*\*" in md and r"\$\\notacommand\$" in md and r"\<b\>" in md
    assert plain_literal("GDP 📈 增长") == "GDP [U+1F4C8] 增长"
    assert latex_literal("控制\x00字符") == "控制[U+0000]字符"


def test_a_mathtext_phrase_and_an_emoji_do_not_break_a_chart(cjk_font):
    from shenyang_analysis.present.fonts import use_cjk_fonts

    use_cjk_fonts()  # turns mathtext off: text is drawn as written
    fig, ax = plt.subplots()
    ax.set_title(plain_literal(r"$\notacommand$ 地区生产总值 📈"))
    ax.set_yticks([0, 1], [plain_literal("$x^2$ 😀"), "b"])
    with glyph_warnings_as_errors():
        fig.canvas.draw()
    assert ax.get_title().startswith(r"$\notacommand$")
    plt.close(fig)

"""The documentation stays true: links resolve, the front page stays short, every module and
every parameter is documented, and the README's notebook snippet runs."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shenyang_analysis.config import AnalysisParams

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "shenyang_analysis"
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
MAX_README_LINES = 90

_FENCE = re.compile(r"^```.*?^```", re.S | re.M)
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def _prose(text: str) -> str:
    """The text without fenced code blocks (links are only looked for in prose)."""
    return _FENCE.sub("", text)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+)$", _prose(page.read_text(encoding="utf-8")), re.M)}


def broken_links(page: Path, text: str | None = None) -> list[str]:
    """Relative links in ``page`` whose file (or heading anchor in a Markdown file) does not exist."""
    text = page.read_text(encoding="utf-8") if text is None else text
    broken = []
    for target in _LINK.findall(_prose(text)):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
            continue
        path_part, _, anchor = target.partition("#")
        dest = (page.parent / path_part).resolve() if path_part else page
        if not dest.exists():
            broken.append(f"{target} (no file {dest})")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            broken.append(f"{target} (no heading #{anchor} in {dest.name})")
    return broken


def test_the_pages_exist():
    names = {p.name for p in DOCS.glob("*.md")}
    assert {"methods.md", "tables.md", "data_sources.md", "reports.md", "install.md", "development.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_point_to_existing_files(page):
    assert broken_links(page) == []


def test_the_link_checker_finds_a_broken_link():
    text = "[ok](methods.md) [gone](no_such_page.md) [web](https://example.org/x.md) [bad anchor](methods.md#no-such-heading)\n"
    found = broken_links(DOCS / "index.md", text)
    assert [b.split(" ")[0] for b in found] == ["no_such_page.md", "methods.md#no-such-heading"]


def test_the_readme_links_every_docs_page():
    linked = {Path(t.partition("#")[0]).name for t in _LINK.findall(_prose(README.read_text(encoding="utf-8")))}
    assert {p.name for p in DOCS.glob("*.md")} <= linked


def test_the_readme_fits_on_a_screen():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_README_LINES, f"README.md has {len(lines)} lines; move detail to docs/"


def test_every_module_is_named_in_development_md():
    text = (DOCS / "development.md").read_text(encoding="utf-8")
    modules = [
        p.relative_to(PACKAGE).as_posix()
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name not in ("__init__.py", "__main__.py")
    ]
    assert len(modules) > 10
    missing = [m for m in modules if not re.search(r"(?<![\w/.])" + re.escape(m) + r"(?!\w)", text)]
    assert missing == [], f"modules not described in docs/development.md: {missing}"


def test_every_parameter_is_named_in_methods_md():
    text = (DOCS / "methods.md").read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(AnalysisParams) if f"`{f.name}`" not in text]
    assert missing == [], f"AnalysisParams fields not described in docs/methods.md: {missing}"


def _readme_snippet() -> str:
    blocks = re.findall(r"^```python\n(.*?)^```", README.read_text(encoding="utf-8"), re.S | re.M)
    snippets = [b for b in blocks if b.startswith("import shenyang_analysis as sa")]
    assert len(snippets) == 1, "README.md needs one python block starting `import shenyang_analysis as sa`"
    return snippets[0]


@pytest.mark.slow
def test_the_readme_snippet_runs(tmp_path):
    # a build into a temporary folder: the repository's data/processed is left untouched
    env = {k: v for k, v in os.environ.items() if k != "SHENYANG_ANALYSIS_ROOT"}
    env["SHENYANG_PROCESSED_DIR"] = str(tmp_path / "processed")
    env["MPLBACKEND"] = "Agg"
    out = subprocess.run([sys.executable, "-c", _readme_snippet()], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Status:" in out.stdout

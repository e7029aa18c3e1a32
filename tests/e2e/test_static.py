"""The built page (api/static, committed) loads nothing from elsewhere and carries the graph library's licence.
Runs without a browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "api" / "static"
pytestmark = pytest.mark.skipif(
    not (STATIC / "index.html").exists(), reason="the page is not built (cd web && npm ci && npm run build)"
)
REMOTE = re.compile(r"""(?:\bsrc|\bhref|@import|url\()\s*=?\s*["']?(?:https?:)?//""", re.IGNORECASE)


def test_index_refers_only_to_its_own_assets() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not REMOTE.search(html), REMOTE.search(html)
    for ref in re.findall(r"""(?:src|href)="\./([^"]+)""", html):
        assert (STATIC / ref).is_file(), ref


def test_stylesheets_load_no_fonts_or_remote_files() -> None:
    for css in STATIC.glob("assets/*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@font-face" not in text, css.name
        assert not REMOTE.search(text), css.name


def test_scripts_import_nothing_remote() -> None:
    for js in STATIC.glob("assets/*.js"):
        text = js.read_text(encoding="utf-8")
        assert not re.search(r"""\bimport\s*\(?\s*["'](?:https?:)?//""", text), js.name
        assert not re.search(r"""\bfrom\s*["'](?:https?:)?//""", text), js.name


def test_graph_library_licence_is_beside_the_assets() -> None:
    licence = STATIC / "licenses" / "cytoscape-LICENSE.txt"
    assert licence.is_file()
    assert "The Cytoscape Consortium" in licence.read_text(encoding="utf-8")

"""Unit tests of the site stage that need no browser: raw-source targets and the escaping plugin."""

from pathlib import Path

import pytest

from policy_archive.site import SiteBuildError, build_site, check_source_target

ROOT = Path(__file__).resolve().parents[1]


def test_source_targets_are_enforced(tmp_path):
    for bad in (
        "sources/x.html",
        "sources/x.svg",
        "sources/x.xhtml",
        "sources/x.HTM",
        "../x.txt",
        "/etc/x.txt",
        "sources/../../x.txt",
        "pagefind/x.txt",
        "sources\\x.txt",
        "",
    ):
        with pytest.raises(SiteBuildError):
            check_source_target(bad)
    for good in ("sources/x.txt", "sources/x.html.txt", "sources/x.pdf", "sources/x.docx", "sources/x.md"):
        check_source_target(good)
    # build_site refuses before building anything.
    (tmp_path / "raw.html").write_text("<script>alert(1)</script>")
    with pytest.raises(SiteBuildError, match="refusing"):
        build_site(ROOT / "mkdocs.yml", tmp_path, tmp_path / "site", [(tmp_path / "raw.html", "sources/raw.html")])
    assert not (tmp_path / "site").exists()


def test_hook_escapes_every_string_in_meta():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from markupsafe import Markup

    from policy_archive.mkdocs_plugin import escape_value

    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.text())
    trees = st.recursive(
        leaves, lambda c: st.one_of(st.lists(c, max_size=4), st.dictionaries(st.text(max_size=5), c, max_size=4)), max_leaves=12
    )

    def walk(original, escaped):
        if isinstance(original, str):
            assert isinstance(escaped, Markup)
            assert "<" not in escaped and ">" not in escaped and '"' not in escaped
            assert Markup(escaped).unescape() == original
        elif isinstance(original, dict):
            assert len(escaped) == len(original)
            for (k, v), (ek, ev) in zip(original.items(), escaped.items()):
                walk(k, ek)
                walk(v, ev)
        elif isinstance(original, list):
            for o, e in zip(original, escaped, strict=True):
                walk(o, e)
        else:
            assert escaped == original

    @settings(max_examples=300, deadline=None)
    @given(trees)
    def check(tree):
        walk(tree, escape_value(tree))

    check()
    # Already-safe Markup is not escaped twice.
    assert escape_value(Markup("&lt;b&gt;")) == "&lt;b&gt;"

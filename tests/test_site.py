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


def test_list_cells_carry_their_column_label_and_a_matrix_is_marked():
    from policy_archive.mkdocs_plugin import LIST_COLUMNS, label_cells

    table = '<table>\n<thead>\n<tr><th>标题</th><th>地区</th></tr>\n</thead>\n<tbody>\n<tr><td><a href="x/">甲</a></td><td>—</td></tr>\n</tbody>\n</table>'
    labelled = label_cells(table)
    assert '<td data-label="标题"><a href="x/">甲</a></td><td data-label="地区">—</td>' in labelled
    assert labelled.startswith("<table>\n<thead>")
    wide = "<table>\n<thead>\n<tr>" + "<th>x</th>" * (LIST_COLUMNS + 1) + "</tr>\n</thead>\n<tbody>\n</tbody>\n</table>"
    assert label_cells(wide).startswith("<table data-archive-matrix>")
    # A label with markup characters stays an attribute value.
    odd = label_cells("<table>\n<thead>\n<tr><th>a&quot;b</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table>")
    assert '<td data-label="a&#34;b">1</td>' in odd


def test_numbered_items_get_a_visible_link_to_themselves():
    from policy_archive.mkdocs_plugin import link_items

    html = '<h2 id="sec-1">一、总则</h2>\n<p id="sec-1-item-1">1、第一条。</p>\n<p>正文。</p>'
    linked = link_items(html)
    assert '<p id="sec-1-item-1">1、第一条。 <a class="headerlink archive-item-link" href="#sec-1-item-1"' in linked
    assert "<p>正文。</p>" in linked and linked.count("archive-item-link") == 1
    # Items of a document in parts, and items before any heading, are linked the same way.
    for anchor in ("part-2-sec-1-item-3", "p-item-1", "sec-5-task-21-2"):
        assert f'href="#{anchor}"' in link_items(f'<p id="{anchor}">x</p>')
    assert "archive-item-link" not in link_items('<p id="_1">x</p>')


def test_404_without_site_url_loads_from_the_root_the_browser_finds():
    from policy_archive.site import relocatable_404

    html = '<!doctype html><html><head><link rel="stylesheet" href="/assets/a.css"><script src="/assets/b.js" data-base-url="/"></script></head><body><a href="https://x.org/">x</a><a href="/years/">y</a></body></html>'
    fixed = relocatable_404(html)
    assert 'href="assets/a.css"' in fixed and 'src="assets/b.js"' in fixed and 'data-base-url=""' in fixed and 'href="years/"' in fixed
    assert 'href="https://x.org/"' in fixed
    assert fixed.index("createElement('base')") < fixed.index("assets/a.css")
    assert relocatable_404(fixed) == fixed

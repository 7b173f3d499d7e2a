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
        "sources/x.html.gz",
        "../x.txt",
        "/etc/x.txt",
        "sources/../../x.txt",
        "pagefind/x.txt",
        "sources\\x.txt",
        "",
    ):
        with pytest.raises(SiteBuildError):
            check_source_target(bad)
    for good in ("sources/x.txt", "sources/x.html.txt", "sources/x.html.txt.gz", "sources/x.pdf", "sources/x.docx", "sources/x.md"):
        check_source_target(good)
    # build_site refuses before building anything.
    (tmp_path / "raw.html").write_text("<script>alert(1)</script>")
    with pytest.raises(SiteBuildError, match="refusing"):
        build_site(ROOT / "mkdocs.yml", tmp_path, tmp_path / "site", [(tmp_path / "raw.html", "sources/raw.html", "0" * 64)])
    assert not (tmp_path / "site").exists()


def test_hook_escapes_every_string_in_meta():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from markupsafe import Markup

    from policy_archive.site.page_html import escape_value

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


def test_a_wide_table_is_marked_a_matrix_and_a_list_is_left_as_written():
    from policy_archive.site.page_html import LIST_COLUMNS, mark_matrix

    table = '<table>\n<thead>\n<tr><th>标题</th><th>地区</th></tr>\n</thead>\n<tbody>\n<tr><td><a href="x/">甲</a></td><td>—</td></tr>\n</tbody>\n</table>'
    assert mark_matrix(table) == table
    wide = "<table>\n<thead>\n<tr>" + "<th>x</th>" * (LIST_COLUMNS + 1) + "</tr>\n</thead>\n<tbody>\n</tbody>\n</table>"
    assert mark_matrix(wide).startswith("<table data-archive-matrix>")


def test_a_document_page_keeps_its_anchors_and_leaves_their_links_to_the_script():
    from policy_archive.site.page_html import drop_anchor_links

    html = (
        '<h2 id="sec-1">一、总则<a class="headerlink" href="#sec-1" title="本节链接">¶</a></h2>\n'
        '<p id="sec-1-item-1">1、第一条。</p>\n<p>正文<a href="#x">链接</a>。</p>'
    )
    assert (
        drop_anchor_links(html) == '<h2 id="sec-1">一、总则</h2>\n<p id="sec-1-item-1">1、第一条。</p>\n<p>正文<a href="#x">链接</a>。</p>'
    )


def test_404_without_site_url_loads_from_the_root_the_browser_finds():
    from policy_archive.site import relocatable_404

    html = '<!doctype html><html><head><link rel="stylesheet" href="/assets/a.css"><script src="/assets/b.js" data-base-url="/"></script></head><body><a href="https://x.org/">x</a><a href="/years/">y</a></body></html>'
    fixed = relocatable_404(html)
    assert 'href="assets/a.css"' in fixed and 'src="assets/b.js"' in fixed and 'data-base-url=""' in fixed and 'href="years/"' in fixed
    assert 'href="https://x.org/"' in fixed
    assert fixed.index("createElement('base')") < fixed.index("assets/a.css")
    assert relocatable_404(fixed) == fixed


# ------------------------------------------------------------------------------- a document page's weight
# Issue 12: site bytes per document. A document page is its text plus the page's furniture (head, header, navigation,
# side contents, scripts), which is repeated on every one of thousands of pages: what a reader does not need there is
# left out, and what is the same on every page lives in the cached archive.css / archive-page.js. The budget is what
# the furniture weighs today (6.9–7.2 KB besides the title's copies, on the real documents of tests/corpus; it was
# 13 KB) with some room; a template change that adds a
# kilobyte to every page fails here.
FURNITURE_BUDGET = 7_600


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    from policy_archive.archive import Settings, build_archive

    work = tmp_path_factory.mktemp("weight")
    build_archive(Settings(sources=ROOT / "seeds", docs=work / "docs", site=work / "site", cache=None, config=ROOT / "mkdocs.yml"))
    return work / "site"


def _title_bytes(html: str) -> int:
    """The bytes the page's title takes in the furniture: <title>, og:title, the header's topic and the description."""
    import re

    title = re.search(r"<title>(.*?)(?: - [^<]*)?</title>", html, re.S).group(1)
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    return 3 * len(title.encode()) + len(description.encode())


def test_a_document_page_is_its_text_and_little_else(seed_site):
    import re

    pages = sorted((seed_site / "documents").glob("*/index.html"))
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        article = re.search(r"<article .*?</article>", html, re.S).group(0)
        furniture = len(html.encode()) - len(article.encode()) - _title_bytes(html)
        assert furniture <= FURNITURE_BUDGET, (page.parent.name, furniture)
        outside = html.replace(article, "")
        # Icons come from archive.css, the scheme switch's code from archive-page.js: nothing inline but the two
        # one-line scripts that set the colour scheme before the first paint, and Material's own.
        assert "<svg" not in outside
        assert len(re.findall(r"<script>", outside)) == 3, re.findall(r"<script>.{0,60}", outside)
        # Everything a reader uses is still there.
        assert 'id="archive-scheme-toggle"' in outside and 'role="search"' in outside and 'class="md-top md-icon"' in outside
        for listing in ("years/", "places/", "topics/", "issuers/", "search/", "about/"):
            assert f'href="../../{listing}" class="md-nav__link"' in outside, listing
        assert outside.index("archive-page.js") < outside.index("bundle.") and "archive-cite.js" in outside
        # Pagefind reads the article: body, meta and filters.
        assert "data-pagefind-body" in article and 'data-pagefind-meta="title"' in article and 'data-pagefind-filter="年份"' in article
        # The contents are in the page once: the side column is built from the list in the text.
        if 'class="archive-toc"' in article:
            assert re.search(r'<nav class="md-nav md-nav--secondary" aria-label="[^"]*" data-archive-toc></nav>', outside)
        # Inferred fields are named by their Chinese labels (region_code: 行政区划代码), never by the field's name.
        for chip in re.findall(r'<span class="archive-chip archive-chip--muted">([^<]*)</span>', article):
            assert not re.search(r"[A-Za-z_]", chip), (page.parent.name, chip)
        # No footer on a document page: it ends with its text.
        assert "md-footer" not in outside
    # The other pages keep Material's footer and their side contents as Material draws them.
    about = (seed_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "md-footer" in about and "data-archive-toc" not in about and "<svg" not in about


def _read_summary(site: Path) -> dict:
    import gzip
    import json

    from policy_archive.site import SUMMARY_FILE

    return json.loads(gzip.decompress((site / "pagefind" / SUMMARY_FILE).read_bytes()))


def test_the_search_summary_holds_the_filters_and_the_first_listed_documents(seed_site):
    """archive-summary.json.gz (written after Pagefind): every filter's values with their counts, the places nested
    province → city → county, and the newest documents with what a result card shows; as the catalog says."""
    import gzip
    import json
    from collections import Counter

    rows = json.loads(gzip.decompress((seed_site / "data" / "catalog.json.gz").read_bytes()))["documents"]
    summary = _read_summary(seed_site)
    assert summary["version"] == 1 and summary["bundles"] == ["pagefind/"] and summary["pages"] == len(rows)
    filters = {name: dict(pairs) for name, pairs in summary["filters"].items()}
    assert filters["年份"] == dict(Counter(str(r["year"]) for r in rows if r.get("year")))
    assert filters["省份"] == dict(Counter(r["province"] for r in rows if r.get("province")))
    assert filters["文种"] == dict(Counter(r["doc_type"] for r in rows if r.get("doc_type")))
    assert filters["主题"] == dict(Counter(t for r in rows for t in r.get("topics") or []))
    for pairs in summary["filters"].values():
        assert pairs == sorted(pairs) and all(n > 0 for _, n in pairs)
    assert summary["truncated"] == []
    nested = {(p, c, x) for p, cities in summary["places"] for c, counties in cities for x in counties or [""]}
    for r in rows:
        city = r.get("city") if r.get("city") != r.get("province") else None
        assert (r.get("province") or "", city or "", r.get("county") or "") in nested, r["id"]
    # The listing's first page: newest year first, each document once, its card's fields from its page.
    listing = summary["listing"]
    assert len(listing) == min(20, len(rows))
    by_url = {"/" + r["url"]: r for r in rows}
    assert len({e["url"] for e in listing}) == len(listing) and all(e["url"] in by_url for e in listing)
    years = [str(by_url[e["url"]]["year"]) for e in listing]
    assert years == sorted(years, reverse=True)
    for entry in listing:
        row = by_url[entry["url"]]
        assert entry["title"] == row["title"] and entry.get("issuer") == row.get("issuer") and entry.get("docno") == row.get("doc_number")
        fragment = json.loads(gzip.decompress((seed_site / "pagefind" / "fragment" / f"{entry['hash']}.pf_fragment").read_bytes())[12:])
        assert fragment["url"] == entry["url"]
        assert entry["excerpt"] and fragment["content"].replace("\u200b", "").strip().startswith(entry["excerpt"])
        # What follows the text (targets, duties, citations, series, downloads) is not indexed.
        content = fragment["content"].replace("\u200b", "")
        assert "纯文本（.txt）" not in content and "原文所列各项任务的责任单位" not in content


def test_the_search_summary_is_the_same_on_every_build_and_stays_small(seed_site, monkeypatch):
    from policy_archive.site import pagefind_files

    path = seed_site / "pagefind" / pagefind_files.SUMMARY_FILE
    before = path.read_bytes()
    assert pagefind_files.write_search_summary(seed_site, ["pagefind/"]) == len(before) and path.read_bytes() == before
    assert before[:2] == b"\x1f\x8b" and len(before) < 8_000
    # However many issuers the archive holds, a filter lists at most SUMMARY_VALUES values: the most frequent.
    monkeypatch.setattr(pagefind_files, "SUMMARY_VALUES", 2)
    summary = pagefind_files.search_summary(seed_site, ["pagefind/"])
    full = _read_summary(seed_site)
    assert "发文机关" in summary["truncated"] and len(summary["filters"]["发文机关"]) == 2
    most = sorted(full["filters"]["发文机关"], key=lambda v: (-v[1], v[0]))[:2]
    assert summary["filters"]["发文机关"] == sorted(most)


def test_the_search_summary_follows_an_incremental_build(tmp_path):
    """The summary is written on every build, also one that indexes a single shard again or none: it never lists
    a document the site no longer has, and the same documents give the same bytes."""
    import shutil

    from policy_archive.archive import build_archive
    from policy_archive.site import SUMMARY_FILE
    from test_incremental import ADDED, _bundle_times, _settings

    shutil.copytree(ROOT / "seeds", tmp_path / "sources")
    build_archive(_settings(tmp_path))
    site = tmp_path / "site"
    first = (site / "pagefind" / SUMMARY_FILE).read_bytes()
    bundles = _bundle_times(site)
    (tmp_path / "sources" / "900_added.txt").write_text(ADDED, encoding="utf-8")
    build_archive(_settings(tmp_path))
    assert any(_bundle_times(site)[b] == bundles[b] for b in bundles), "a shard was kept: the build was incremental"
    summary = _read_summary(site)
    assert summary["pages"] == 6 and summary["listing"][0]["title"] == "淄博市教育局关于印发《淄博市教育局2031年工作要点》的通知"
    assert dict(summary["filters"]["年份"])["2031"] == 1
    (tmp_path / "sources" / "900_added.txt").unlink()
    build_archive(_settings(tmp_path))
    assert (site / "pagefind" / SUMMARY_FILE).read_bytes() == first


def test_what_follows_a_documents_text_is_kept_out_of_the_search_index():
    from policy_archive.site.page_html import fence_relations

    html = '<p>正文</p>\n<hr />\n<h2 id="series">同一系列</h2>\n<ul><li><a href="../b/">上一件</a></li></ul>'
    assert fence_relations(html) == (
        '<p>正文</p>\n<div class="archive-relations" data-pagefind-ignore><hr />\n<h2 id="series">同一系列</h2>\n'
        '<ul><li><a href="../b/">上一件</a></li></ul></div>'
    )
    assert fence_relations("<p>没有关联</p>") == "<p>没有关联</p>"


def test_a_process_that_renders_a_share_of_the_pages_and_fails_fails_the_build():
    """The copy of MkDocs that renders some document pages (parallel_pages.Renderers, forked in the plugin's on_env)
    ends with an exit code: the build waits for it at the end and fails if it failed (a page it could not write would
    otherwise be missing)."""
    import os

    from mkdocs.exceptions import PluginError

    from policy_archive.site.parallel_pages import Renderers

    renderers = Renderers()
    ok = os.fork()
    if ok == 0:
        os._exit(0)
    renderers.children = [ok]
    renderers.wait()  # (no error)
    failing = os.fork()
    if failing == 0:
        os._exit(3)
    renderers.children = [failing]
    with pytest.raises(PluginError, match="exit code 3"):
        renderers.wait()
    assert not renderers.children


def test_a_pages_search_state_changes_with_its_text_not_with_its_relations(tmp_path):
    """A shard is indexed again when a page's indexed part changes: its text, yes; what cites it or its series'
    neighbours (after the relations mark, which Pagefind ignores), no."""
    from policy_archive.markers import RELATIONS_FENCE
    from policy_archive.site import page_state

    page = tmp_path / "documents" / "d" / "index.html"
    page.parent.mkdir(parents=True)

    def state(text: str, relations: str) -> str:
        page.write_bytes(
            f"<article data-pagefind-body><p>{text}</p>".encode() + RELATIONS_FENCE.encode() + f"{relations}</div></article>".encode()
        )
        return page_state(tmp_path, "d")

    assert state("正文", "上一件") == state("正文", "上一件、下一件")
    assert state("正文", "上一件") != state("正文改", "上一件")


def test_the_pagefind_files_read_back_are_those_of_the_pinned_version(seed_site):
    """site/pagefind_files.py is the only module that reads Pagefind's private files (the search summary, the
    prefetch lists), written against one Pagefind version: another version is noticed here, with the layout it
    decodes checked on a real bundle, and not on the search page."""
    import gzip
    import json
    from importlib import metadata

    from policy_archive.site import pagefind_files

    assert metadata.version("pagefind") == pagefind_files.PAGEFIND_VERSION, "check pagefind_files.py against this Pagefind"
    folder = seed_site / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] == pagefind_files.PAGEFIND_VERSION and "zh" in entry["languages"]
    # Each file: gzip of the signature and the content (CBOR for the metadata and filters, JSON for fragments).
    index = pagefind_files.bundle_index(folder)
    assert gzip.decompress((folder / f"pagefind.{index['hash']}.pf_meta").read_bytes()).startswith(b"pagefind_dcd")
    data = pagefind_files.pagefind_file(folder / f"pagefind.{index['hash']}.pf_meta")
    meta, end = pagefind_files.decode_cbor(data)
    assert end == len(data)  # one CBOR value, the whole file
    # [version, [[page hash, words], …], [index chunks], [[filter, chunk], …], [[sort, [page numbers]], …]]
    pages, filters, sorts = meta[1], meta[3], meta[4]
    assert len(pages) == index["page_count"] and all(isinstance(p[0], str) for p in pages)
    assert {name for name, _ in filters} >= {"年份", "省份", "发文机关"} and any(name == "date" for name, _ in sorts)
    for name, chunk in filters:
        filter_name, values = pagefind_files.decode_cbor(pagefind_files.pagefind_file(folder / "filter" / f"{chunk}.pf_filter"))[0]
        assert filter_name == name and all(isinstance(v, str) and all(n < len(pages) for n in members) for v, members in values)
    fragment = json.loads(pagefind_files.pagefind_file(folder / "fragment" / f"{pages[0][0]}.pf_fragment"))
    assert fragment["url"].startswith("/documents/") and "\u200b" in fragment["content"] and fragment["meta"]["title"]
    assert sorted(folder.glob("index/*.pf_index"))

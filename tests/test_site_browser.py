"""Real browser tests of the built site (MkDocs + Material + Pagefind), served under a sub-path.

The archive is built once per session by the real pipeline from seeds/ plus hostile sources the tests write
(conftest_site.write_hostile_sources), then by ``policy_archive.site.build_site``. It is served by
``http.server`` on 127.0.0.1 as ``/sub/`` and driven by Debian's chromium through Playwright. Every request
URL and every response >= 400 is recorded; a JavaScript dialog (alert) fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from playwright import sync_api

from conftest_site import HOSTILE_TITLE, free_port, serve_directory, write_hostile_sources
from policy_archive.archive import Settings, build_archive

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]
SUB = "sub"
SHARD_PAGES = 3
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))

DOC_NUMBER = "济教字〔2023〕22号"
DOC_NUMBER_ID = "370800-2023-notice-22"


# --------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def archive(tmp_path_factory):
    """The real pipeline on seeds/ + hostile sources: (catalog rows, docs dir, sources dir)."""
    work = tmp_path_factory.mktemp("archive")
    sources = work / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    write_hostile_sources(sources)
    result = build_archive(Settings(sources=sources, docs=work / "docs", site=None, cache=None))
    assert all(o.status == "converted" for o in result.outcomes), [o.as_dict() for o in result.outcomes]
    rows = json.loads((work / "docs" / "data" / "catalog.json").read_text(encoding="utf-8"))["documents"]
    return rows, work / "docs", sources


def build_settings(archive, site: Path, **options) -> Settings:
    """The archive's sources built again into `site` (each site build writes its own docs/)."""
    _, _docs_dir, sources = archive
    return Settings(
        sources=sources,
        docs=site.parent / f"docs-{site.parent.name}-{site.name}",
        site=site,
        cache=None,
        config=ROOT / "mkdocs.yml",
        **options,
    )


@pytest.fixture(scope="session")
def preschool_ids(archive) -> set[str]:
    """What a search for 学前教育 must find: every document whose text contains it (read off the pipeline)."""
    rows, docs_dir, _ = archive
    return {r["id"] for r in rows if "学前教育" in page_text(docs_dir, r["id"])}


def page_text(docs_dir: Path, doc_id: str) -> str:
    """A document page's Markdown without its front matter."""
    return (docs_dir / "documents" / f"{doc_id}.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture(scope="session")
def hostile_id(archive) -> str:
    rows, _, _ = archive
    (row,) = [r for r in rows if r["source"]["file"] == "hostile.txt"]
    return row["id"]


@pytest.fixture(scope="session")
def built_site(archive, port) -> Path:
    """Build the site once; return the directory that contains ``sub/`` (= the site).

    SITE_URL is set as the Pages workflow sets it: every page links relatively and works under any sub-path,
    but MkDocs' 404.html (served for any missing path) needs site_url to find its assets.
    """
    _, docs_dir, _ = archive
    serve_root = docs_dir.parent / "www"
    started = time.perf_counter()
    # Shards of 3 pages: the search page must merge several Pagefind bundles, as it does for a large archive.
    build_archive(build_settings(archive, serve_root / SUB, site_url=f"http://127.0.0.1:{port}/{SUB}/", shard_pages=SHARD_PAGES))
    print(f"\nsite build + pagefind: {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return serve_root


@pytest.fixture(scope="session")
def server(built_site, port):
    with serve_directory(built_site, port) as url:
        yield url + SUB + "/"


@pytest.fixture(scope="session")
def browser():
    assert Path(CHROMIUM).exists(), f"Debian's chromium is needed at {CHROMIUM}: `make test` installs it"
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Recorder:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.failures: list[tuple[int, str]] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def check(self) -> None:
        foreign = [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).hostname != "127.0.0.1"]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not self.failures, f"HTTP errors: {self.failures}"
        assert not self.dialogs, f"JavaScript dialogs opened: {self.dialogs}"
        assert not self.errors, f"page errors: {self.errors}"


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    rec = Recorder()
    pg.on("request", lambda r: rec.requests.append(r.url))
    pg.on("response", lambda r: r.status >= 400 and rec.failures.append((r.status, r.url)))
    # A request aborted because the test navigated on (net::ERR_ABORTED) is not a failure of the site.
    pg.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "") and rec.failures.append((0, r.url)))

    def on_dialog(d):
        rec.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda e: rec.errors.append(str(e)))
    pg.rec = rec
    yield pg
    context.close()
    rec.check()


def result_hrefs(pg) -> list[str]:
    return pg.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.getAttribute('href'))")


def doc_ids(hrefs: list[str]) -> list[str]:
    """Document ids of result links (page links and sub-result links with #anchors), in order, unique."""
    out: list[str] = []
    for h in hrefs:
        doc = urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1]
        if doc not in out:
            out.append(doc)
    return out


def wait_for_results(pg, timeout: float = 15_000) -> None:
    pg.wait_for_selector(".pagefind-ui__result-link", timeout=timeout)


# --------------------------------------------------------------------------------------------- tests
def test_home_under_subpath(page, server):
    page.goto(server)
    assert "地方教育政策文件库" in page.title()
    # Material's own CSS/JS resolved under /sub/
    css = page.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.href)")
    assert css and all(urlsplit(u).path.startswith(f"/{SUB}/") for u in css), css
    assert page.locator("html").get_attribute("lang") == "zh"
    # No Material lunr search index is built or loaded.
    assert not any("search_index.json" in u for u in page.rec.requests)


def test_header_search_box_finds_preschool_documents(page, server, preschool_ids, hostile_id):
    page.goto(server + "about/")
    box = page.locator("#archive-header-q")
    assert box.is_visible()
    box.fill("学前教育")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/sub/search/\?q="))
    assert urlsplit(page.url).path == f"/{SUB}/search/"
    wait_for_results(page)
    hrefs = result_hrefs(page)
    assert all(h.startswith(f"/{SUB}/documents/") for h in hrefs), hrefs
    assert set(doc_ids(hrefs)) == preschool_ids, hrefs
    assert len(preschool_ids) >= 4
    # The input of the Pagefind UI shows the query; the header box keeps it too.
    assert page.locator(".pagefind-ui__search-input").input_value() == "学前教育"
    assert page.locator("#archive-header-q").input_value() == "学前教育"
    # The hostile title is shown as text in the result list.
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert any(HOSTILE_TITLE in t for t in titles), titles
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "search-results.png"), full_page=True)
    # Following a result lands on the document (under the sub-path, no 404 recorded by the fixture).
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_selector(".archive-card")


def test_search_page_typing(page, server):
    page.goto(server + "search/")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.locator(".pagefind-ui__search-input").fill("学前教育")
    wait_for_results(page)
    assert page.locator(".pagefind-ui__result-link").count() >= 1
    # The address bar follows the query (so results can be shared).
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === '学前教育'")
    # Filters from the metadata card are offered.
    # The panel is drawn before Pagefind has loaded every filter: wait for all four (or time out and fail).
    page.wait_for_function("() => document.querySelectorAll('.pagefind-ui__filter-name').length >= 4", timeout=15_000)
    names = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    for name in ("年份", "地区", "主题", "文种"):
        assert any(name in n for n in names), names


def test_search_doc_number_finds_document(page, server):
    page.goto(server + "search/?q=" + quote(DOC_NUMBER))
    wait_for_results(page)
    hrefs = result_hrefs(page)
    assert doc_ids(hrefs)[0] == DOC_NUMBER_ID, hrefs


@pytest.fixture(scope="session")
def single_index_server(archive):
    """The same archive with one Pagefind index, as any archive under SHARD_PAGES documents has. (Scores of
    separate shards are not comparable, so ranking is tested on one index.)"""
    _, docs_dir, _ = archive
    root = docs_dir.parent / "www-single"
    build_archive(build_settings(archive, root / SUB))
    with serve_directory(root) as url:
        yield url + SUB + "/"


def test_a_title_match_ranks_first(page, single_index_server, archive):
    """A document whose title holds the query comes before documents that only mention it in the text."""
    server = single_index_server
    rows, _, _ = archive
    query = "工作意见"
    in_title = [r["id"] for r in rows if query in (r.get("title") or "")]
    _, docs_dir, _ = archive
    in_text_only = [r["id"] for r in rows if query not in (r.get("title") or "") and query in page_text(docs_dir, r["id"])]
    assert in_title and in_text_only  # the corpus has both kinds, or this test would prove nothing
    page.goto(server + "search/?q=" + quote(query))
    wait_for_results(page)
    page.wait_for_function(f"() => document.querySelectorAll('.pagefind-ui__result').length >= {len(in_title) + 1}")
    ranked = doc_ids(result_hrefs(page))
    assert set(ranked[: len(in_title)]) == set(in_title), ranked


def test_document_page_metadata_card(page, server):
    page.goto(server + f"documents/{DOC_NUMBER_ID}/")
    card = page.locator(".archive-card")
    assert card.is_visible()
    text = card.inner_text()
    for label, value in (
        ("文号", DOC_NUMBER),
        ("发文机关", "济宁市教育局"),
        ("年度", "2023"),
        ("索引号", "11370800004311076F/2023-01985"),
        ("文种", "通知"),
        ("主题", "德育与思政"),
    ):
        assert label in text and value in text, (label, value, text)
    # The card's labels are the schema's, in its order.
    from policy_archive.schema import card_fields

    labels = [dt.inner_text() for dt in card.locator("dt").all()]
    expected = [row["label"] for row in card_fields() if row["render"] not in ("inferred", "warnings")]
    assert labels == expected
    assert page.locator("article[data-pagefind-body]").count() == 1
    assert page.locator("[data-pagefind-meta=title]").inner_text().startswith("济宁市教育局关于印发")
    # Links from the card stay inside the site and resolve (responses >= 400 fail the test in the fixture).
    raw = page.locator(".archive-card__source a", has_text="原始文件")
    href = raw.get_attribute("href")
    resp = page.request.get(page.url + href if not href.startswith("/") else server + href)
    assert resp.ok and resp.headers["content-type"].startswith("text/plain")
    year = page.locator(".archive-card a", has_text="2023").first
    year.click()
    page.wait_for_url(re.compile(r"/sub/years/2023/$"))
    page.goto(server + f"documents/{DOC_NUMBER_ID}/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "document.png"), full_page=True)


def test_a_raw_source_with_url_characters_in_its_name_is_served(page, server, archive):
    rows, _, _ = archive
    (row,) = [r for r in rows if r["source"]["file"].startswith("问卷")]
    page.goto(server + f"documents/{row['id']}/")
    href = page.locator(".archive-card__source a", has_text="原始文件").get_attribute("href")
    assert "%25" in href and "%23" in href and "%3F" in href, href
    response = page.request.get(urljoin(page.url, href))
    assert response.ok and "长沙市教育局2018年工作要点" in response.text()


def test_hostile_document_is_text(page, server, hostile_id, archive):
    page.goto(server + f"documents/{hostile_id}/")
    page.wait_for_selector(".archive-card")
    assert HOSTILE_TITLE in page.title()
    assert HOSTILE_TITLE in page.locator(".md-header__topic").nth(1).inner_text()
    card = page.locator(".archive-card").inner_text()
    assert "深教〔2019〕1号" in card and '"><script>alert(5)</script>' in card
    body = page.locator("article .md-content__inner, article").first.inner_text()
    for visible in (
        HOSTILE_TITLE,
        "<img src=x onerror=alert(2)>",
        "[链接](javascript:alert(3))",
        "{% include 'x' %}",
        "{{ config.site_name }}",
        "*强调*与`代码`",
        "---",
        "title: injected",
        "<iframe src=javascript:alert(9)></iframe>",
        "| 竖线 |",
    ):
        assert visible in body, visible
    # Nothing from the source became an element: no image, frame, link to javascript:, or script in the article.
    assert page.locator("article img, article iframe, article svg, article script, article em, article code").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    # The HTML source went through the pipeline too; its page shows the markup as text.
    rows, _, _ = archive
    (html_doc,) = [r for r in rows if r["source"]["file"] == "hostile.html"]
    page.goto(server + f"documents/{html_doc['id']}/")
    assert "<svg onload=alert(6)>广州市教育局2020年工作要点" in page.title()
    assert "<script>alert(7)</script>" in page.locator("article").inner_text()
    assert page.locator("article svg, article script").count() == 0
    # Its raw source is served as plain text, never rendered as HTML on the site's origin.
    href = page.locator(".archive-card__source a", has_text="原始文件").get_attribute("href")
    assert href.endswith(".html.txt")
    page.goto(page.url + href)
    assert page.locator("script").count() == 0
    assert "<script>alert('raw source')</script>" in page.locator("body").inner_text()


def test_only_document_pages_are_indexed_in_shards(page, server, built_site):
    """Pagefind's own API (null search = every indexed page) over every shard: exactly the document pages."""
    site = built_site / SUB
    expected = {f"/{SUB}/documents/{p.parent.name}/" for p in (site / "documents").glob("*/index.html")}
    bundles = sorted(p.name for p in site.iterdir() if p.name.startswith("pagefind"))
    assert bundles == ["pagefind"] + [f"pagefind-{k}" for k in range(1, -(-len(expected) // SHARD_PAGES))]
    page.goto(server + "search/")
    urls = []
    for bundle in bundles:
        urls += page.evaluate(
            r"""async ([bundle, base]) => {
                const pf = await import(bundle);
                await pf.options({baseUrl: base});
                const res = await pf.search(null);
                return Promise.all(res.results.map(async r => (await r.data()).url));
            }""",
            [server + bundle + "/pagefind.js", f"/{SUB}/"],
        )
    assert sorted(urls) == sorted(expected), urls
    # The search page merges every shard.
    assert page.locator("script[data-bundles]").get_attribute("data-bundles").split() == [b + "/" for b in bundles]


def test_every_nav_page_loads(page, server):
    for path in ("", "years/", "places/", "topics/", "xref/", "search/", "about/"):
        resp = page.goto(server + path)
        assert resp is not None and resp.ok, path
        assert page.locator(".md-header").count() == 1
    # MkDocs' 404 page, as GitHub Pages serves it for a missing path, finds its CSS/JS under the sub-path.
    # (http.server answers a missing path with its own page, so load 404.html directly.)
    page.goto(server + "404.html")
    assert page.locator(".md-header").is_visible()


def test_every_link_in_the_site_resolves(built_site):
    """Index tables are written as HTML with final URLs, which MkDocs does not check: check every link here."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urljoin

    site = built_site / SUB

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs, self.ids = [], set()

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("id"):
                self.ids.add(attrs["id"])
            if tag == "a" and attrs.get("href"):
                self.hrefs.append(attrs["href"])

    parsed = {}
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    broken = []
    checked = 0
    for page, parser in parsed.items():
        base = "http://site/" + page.relative_to(site).as_posix()
        for href in parser.hrefs:
            url = urlsplit(urljoin(base, href))
            if url.scheme != "http" or url.netloc != "site" or page.name == "404.html":
                continue
            target = site / unquote(url.path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or (url.fragment and target.suffix == ".html" and url.fragment not in parsed[target].ids):
                broken.append((page.relative_to(site).as_posix(), href))
            checked += 1
    assert not broken, broken[:20]
    assert checked > 500


def test_parallel_rendering_makes_the_same_site(archive, tmp_path):
    """Document pages converted by worker processes (as for a large archive) are byte-identical to MkDocs' own."""
    trees = {}
    for switch in (False, True):
        site = tmp_path / f"site-{switch}"
        build_archive(build_settings(archive, site, prerender=switch))
        # (Pagefind's index is left out: it is not byte-stable between runs.)
        files = {p.relative_to(site): p for p in site.rglob("*") if p.is_file()}
        trees[switch] = {rel.as_posix(): p.read_bytes() for rel, p in files.items() if not rel.parts[0].startswith("pagefind")}
    assert trees[False] == trees[True]
    assert any(k.startswith("documents/") for k in trees[True])

"""The 404 page in headless Chromium, wherever the site is published (site/not_found.py, overrides/404.html).

One archive (seeds/) is built twice, without site_url and with one (https://owner.github.io/sub/), and each is served
by `policy-archive serve`'s server (serve.make_server: 404.html with status 404 for anything missing, as GitHub
Pages) under /sub/, at the root of the host, and under a deeper path than site_url says. A missing page is asked
for at several depths; it must say 页面不存在, load its stylesheet, lead home, and search.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from policy_archive.archive import Settings, build_archive
from policy_archive.serve import start_server

ROOT = Path(__file__).resolve().parents[1]
MISSING = ["no-such-page", "a/b/", "documents/no-such-id/deeper/page.html"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """{"no site_url": site dir, "site_url": site dir}: the seeds built without and with a public address."""
    work = tmp_path_factory.mktemp("not-found")
    sources = work / "sources"
    shutil.copytree(ROOT / "seeds", sources)
    built = {}
    for name, site_url in (("no site_url", None), ("site_url", "https://owner.github.io/sub/")):
        site = work / name.replace(" ", "-") / "site"
        build_archive(
            Settings(sources=sources, docs=site.parent / "docs", site=site, cache=None, config=ROOT / "mkdocs.yml", site_url=site_url)
        )
        built[name] = site
    return built


@pytest.fixture(scope="module")
def served(sites):
    """(build, path served under) -> the site's address; every combination served at once."""
    servers, addresses = [], {}
    for build, site in sites.items():
        for path in ("/sub/", "/", "/mirror/deep/"):
            server, url = start_server(site, f"http://127.0.0.1{path}")
            servers.append(server)
            addresses[(build, path)] = url
    yield addresses
    for server in servers:
        server.shutdown()
        server.server_close()


def test_the_built_404_links_relative_to_its_root(sites):
    for site in sites.values():
        html = (site / "404.html").read_text(encoding="utf-8")
        assert html.index("data-archive-root") < html.index('href="assets/stylesheets/archive.css"')
        assert 'href="/' not in html and 'src="/' not in html and 'action="/' not in html


@pytest.mark.parametrize("build", ["no site_url", "site_url"])
@pytest.mark.parametrize("path", ["/sub/", "/", "/mirror/deep/"])
def test_a_missing_page_finds_the_site_at_any_depth(browser, served, build, path):
    home = served[(build, path)]
    context = browser.new_context(locale="zh-CN")
    try:
        for missing in MISSING:
            pg = context.new_page()
            errors: list[str] = []
            pg.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            response = pg.goto(home + missing)
            assert response.status == 404
            assert pg.locator("h1").inner_text() == "页面不存在"
            # Its stylesheets loaded from the site's root: Material's header is sticky, the archive's icons drawn.
            assert pg.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"
            sheets = pg.eval_on_selector_all("link[rel=stylesheet]", "els => els.map(e => e.href)")
            assert sheets and all(s.startswith(home + "assets/") for s in sheets), sheets
            listed = pg.eval_on_selector_all(".archive-404-links a", "els => els.map(e => e.href)")
            assert home in listed and home + "years/" in listed and home + "search/" in listed
            assert not errors, errors
            pg.close()
        pg = context.new_page()
        pg.goto(home + MISSING[-1])
        pg.locator(".archive-404-links a", has_text="首页").click()
        pg.wait_for_url(home)
        assert pg.locator(".md-content h1").count() >= 1 and urlsplit(pg.url).path == urlsplit(home).path
    finally:
        context.close()


@pytest.mark.parametrize("build, path", [("no site_url", "/sub/"), ("site_url", "/mirror/deep/")])
def test_the_404_search_box_finds_documents(browser, served, build, path):
    home = served[(build, path)]
    context = browser.new_context(locale="zh-CN")
    try:
        pg = context.new_page()
        pg.goto(home + "x/y/missing/")
        pg.locator("#archive-404-q").fill("学前教育")
        pg.locator(".archive-404-search button").click()
        pg.wait_for_url(home + "search/?q=*")
        pg.wait_for_function("() => document.querySelectorAll('.archive-results .archive-result__title').length > 0", timeout=15_000)
        first = pg.locator(".archive-results .archive-result__title").first.get_attribute("href")
        assert "documents/" in first
        # The header's box on the 404 page searches too (its scripts resolved from the root).
        pg.goto(home + "x/y/missing/")
        pg.locator("#archive-header-q").fill("学前教育")
        pg.wait_for_selector(".archive-suggest .archive-result", timeout=15_000)
    finally:
        context.close()


def test_relocating_is_idempotent_and_keeps_other_hosts():
    from policy_archive.site import relocatable_404

    html = (
        '<html><head><script data-archive-root="/repo/">x</script><link href="/repo/assets/a.css"></head><body>'
        '<a href="/repo/">home</a><a href="https://x.org/">x</a><form action="/repo/search/"></form>'
        '<script src="/repo/b.js" data-base-url="/repo/"></script></body></html>'
    )
    fixed = relocatable_404(html)
    assert 'href="assets/a.css"' in fixed and 'href="./"' in fixed and 'action="search/"' in fixed
    assert 'src="b.js"' in fixed and 'data-base-url="./"' in fixed and 'href="https://x.org/"' in fixed
    assert relocatable_404(fixed) == fixed

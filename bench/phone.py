"""python -m bench.phone --site DIR: the site on a phone over a slow mobile network, each figure against its target.

Headless Chromium as a phone (390×844, touch, device scale 3), 400 ms latency and 400 kbit/s each way
(CDP Network.emulateNetworkConditions), the browser's cache off, the site served gzipped as GitHub Pages serves it
(text responses with Content-Encoding: gzip; Pagefind's .pf_* files, already gzipped, and .wasm as they are).
See bench/README.md ("On a phone") for what each figure means.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import sys
import threading
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, urlsplit

from policy_archive.serve import CONTENT_TYPES

from .measure import BROWSER_ARGS

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "zh-CN",
}
KBIT = 400
NETWORK = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": KBIT * 1000 / 8,
    "uploadThroughput": KBIT * 1000 / 8,
    "connectionType": "cellular3g",
}
QUERY = "学前教育"
# The targets of issue 27 (seconds).
TARGETS = {"first paint": 2.5, "search box usable": 2.5, "typed into a loaded page": 2.0, "opening search/?q=": 4.0}
# GitHub Pages compresses these content types; Pagefind's files (octet-stream, gzipped by Pagefind) and the
# downloads (.gz) go as they are.
GZIPPED = ("text/", "application/json", "application/xml", "image/svg+xml", "application/javascript")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that answers as GitHub Pages does: its content types, gzip for text, max-age=600."""

    extensions_map = CONTENT_TYPES
    _cache: ClassVar[dict] = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        path = self.translate_path(url.path)
        if os.path.isdir(path):
            if not url.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url.path + "/" + (f"?{url.query}" if url.query else ""))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            path = os.path.join(self.directory, "404.html")
            status = 404
        else:
            status = 200
        ctype = self.guess_type(path)
        body = Path(path).read_bytes() if os.path.isfile(path) else b""
        squeeze = any(ctype.startswith(t) for t in GZIPPED) and body
        if squeeze:
            key = (path, os.stat(path).st_mtime_ns)
            with self._lock:
                if key not in self._cache:
                    self._cache[key] = gzip.compress(body, 6, mtime=0)
                body = self._cache[key]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if squeeze:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path):
    """Serve root gzipped on 127.0.0.1 (a free port) in a thread; returns (base URL, server)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


# Run in every page before its own scripts: when the page's search box became usable (its field on screen and
# the script that answers it in place: window.archiveSearch on the search page, else the home page's box or the
# header's), and when the first result that was not on the page before typing entered the DOM.
_INIT = """(() => {
  try { performance.setResourceTimingBufferSize(10000); } catch (e) {}
  const P = window.__phone = {usable: null, firstResult: null};
  const shown = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const check = () => {
    if (P.usable === null) {
      const search = document.getElementById('archive-q');
      const home = document.getElementById('archive-home-q');
      const header = document.querySelector('#archive-header-q, .archive-header-search__button');
      const ready = search ? !!window.archiveSearch && shown(search)
        : home ? !!window.archiveHomeSearch && shown(home)
        : !!window.archiveHeaderSearch && (shown(document.getElementById('archive-header-q'))
            || shown(document.querySelector('.archive-header-search__button')));
      if (ready) P.usable = performance.now();
    }
    if (P.firstResult === null && document.querySelector('.archive-result:not([data-before-query])'))
      P.firstResult = performance.now();
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, attributes: true});
  P.check = check;
})()"""

# Every file the page fetched up to `until` (ms since the navigation started), with the bytes on the wire.
_FILES = """until => [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .filter(e => e.responseEnd <= until)
  .map(e => [new URL(e.name).pathname, e.transferSize, Math.round(e.responseEnd)])"""


def _page(browser):
    context = browser.new_context(**PHONE)
    context.add_init_script(_INIT)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    return context, page


def _wait(page, expression: str, timeout_ms: int) -> float:
    page.wait_for_function(f"() => {{ window.__phone.check(); return {expression} !== null; }}", timeout=timeout_ms, polling=50)
    return page.evaluate(expression)


def page_kind(browser, url: str, timeout_ms: int) -> dict:
    """First paint and when the search box is usable, from the start of navigation (s)."""
    context, page = _page(browser)
    try:
        page.goto(url, wait_until="load", timeout=timeout_ms)
        usable = _wait(page, "window.__phone.usable", timeout_ms)
        paint = page.evaluate(
            "() => { const p = performance.getEntriesByType('paint'); const f = p.find(e => e.name === 'first-contentful-paint') || p[0]; return f ? f.startTime : null; }"
        )
        load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
        files = page.evaluate(_FILES, usable)
        return {
            "first_paint_s": round(paint / 1000, 2),
            "usable_s": round(usable / 1000, 2),
            "load_s": round(load / 1000, 2),
            "files_before_usable": files,
        }
    finally:
        context.close()


def typed_into_loaded(browser, url: str, query: str, header: bool, timeout_ms: int) -> dict:
    """A loaded page (network idle); the query typed at once into its box (the header's, opened by a tap on the
    magnifier, or the search page's); seconds from the end of typing to the first result, and the files fetched
    in between."""
    context, page = _page(browser)
    try:
        page.goto(url, wait_until="networkidle", timeout=timeout_ms)
        _wait(page, "window.__phone.usable", timeout_ms)
        page.eval_on_selector_all(".archive-result", "els => els.forEach(e => e.setAttribute('data-before-query', ''))")
        page.evaluate("() => { window.__phone.firstResult = null; }")
        if header:
            button = page.locator(".archive-header-search__button")
            if button.is_visible():
                button.tap()
            box = "#archive-header-q"
        else:
            box = "#archive-q"
        started = page.evaluate("() => performance.now()")
        page.fill(box, query)  # the whole word at once, as an IME commits it
        typed = page.evaluate("() => performance.now()")
        first = _wait(page, "window.__phone.firstResult", timeout_ms)
        files = [f for f in page.evaluate(_FILES, first) if f[2] > started]
        return {"first_result_s": round((first - typed) / 1000, 2), "files": files}
    finally:
        context.close()


def opened_with_query(browser, url: str, timeout_ms: int) -> dict:
    """search/?q=…: seconds from the start of navigation to the first result, and every file fetched before it."""
    context, page = _page(browser)
    try:
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        first = _wait(page, "window.__phone.firstResult", timeout_ms)
        usable = _wait(page, "window.__phone.usable", timeout_ms)
        top = page.evaluate("() => document.querySelector('.archive-result').getBoundingClientRect().top")
        return {
            "first_result_s": round(first / 1000, 2),
            "usable_s": round(usable / 1000, 2),
            "first_result_top_px": round(top),
            "files": page.evaluate(_FILES, first),
        }
    finally:
        context.close()


def first_document(site: Path) -> str:
    return sorted(p.name for p in (site / "documents").iterdir() if (p / "index.html").is_file())[0]


def measure(site: Path, query: str = QUERY, listing: str = "years/", timeout_ms: int = 120_000) -> dict:
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    doc = f"documents/{first_document(site)}/"
    kinds = {"home": "", "document": doc, "listing": listing, "search": "search/"}
    out: dict = {"site": str(site), "network": NETWORK, "query": query, "kinds": {}}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=BROWSER_ARGS)
            try:
                for kind, path in kinds.items():
                    out["kinds"][kind] = page_kind(browser, base + path, timeout_ms) | {"path": path}
                out["header_box"] = typed_into_loaded(browser, base + doc, query, True, timeout_ms) | {"path": doc}
                out["search_page"] = typed_into_loaded(browser, base + "search/", query, False, timeout_ms) | {"path": "search/"}
                out["opened"] = opened_with_query(browser, base + "search/?q=" + quote(query), timeout_ms) | {"path": "search/?q=" + query}
            finally:
                browser.close()
    finally:
        server.shutdown()
    out["targets"] = targets(out)
    return out


def targets(out: dict) -> list[dict]:
    rows = []
    for kind, m in out["kinds"].items():
        rows.append((f"first paint, {kind} ({m['path'] or '/'})", m["first_paint_s"], TARGETS["first paint"]))
        rows.append((f"search box usable, {kind}", m["usable_s"], TARGETS["search box usable"]))
    rows.append(
        (
            "1st result, typed into the header box of a loaded document page",
            out["header_box"]["first_result_s"],
            TARGETS["typed into a loaded page"],
        )
    )
    rows.append(
        ("1st result, typed into the loaded search page", out["search_page"]["first_result_s"], TARGETS["typed into a loaded page"])
    )
    rows.append(("1st result, opening search/?q=" + out["query"], out["opened"]["first_result_s"], TARGETS["opening search/?q="]))
    return [{"target": label, "measured": value, "limit": limit, "ok": value <= limit} for label, value, limit in rows]


def _files(files: list) -> list[str]:
    total = sum(f[1] for f in files)
    lines = [f"      {size / 1000:7.1f} KB  at {end / 1000:5.2f} s  {path}" for path, size, end in files]
    return lines + [f"      {total / 1000:7.1f} KB  in {len(files)} files"]


def report(out: dict) -> str:
    n = NETWORK
    lines = [
        f"phone 390×844 ×3, touch; {n['latency']} ms latency, {KBIT} kbit/s each way, cache off, gzip as GitHub Pages; site {out['site']}",
        "",
    ]
    for kind, m in out["kinds"].items():
        lines.append(
            f"  {kind:9} {m['path'] or '/':40} first paint {m['first_paint_s']:.2f} s, box usable {m['usable_s']:.2f} s, load {m['load_s']:.2f} s"
        )
    for key, label in (("header_box", "header box, loaded document page"), ("search_page", "search page, loaded")):
        lines.append(
            f"  typed into the {label}: 1st result {out[key]['first_result_s']:.2f} s after typing; files fetched from the tap/typing:"
        )
        lines += _files(out[key]["files"])
    o = out["opened"]
    lines.append(
        f"  opening search/?q={out['query']}: 1st result at {o['first_result_s']:.2f} s (its top at y={o['first_result_top_px']} px), "
        f"box usable at {o['usable_s']:.2f} s; files fetched before the 1st result:"
    )
    lines += _files(o["files"])
    lines.append("\ntargets:")
    for t in out["targets"]:
        lines.append(f"  {'PASS' if t['ok'] else 'FAIL'}  {t['target']:66} {t['measured']:5.2f} s  (≤ {t['limit']:.1f} s)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(prog="python -m bench.phone", description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent / "site", help="a built site (default: site/)")
    ap.add_argument("--query", default=QUERY)
    ap.add_argument("--json", type=Path, help="also write every figure here")
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"no site in {args.site}: `make site` builds one")
    out = measure(args.site.resolve(), args.query)
    print(report(out), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    sys.exit(0 if all(t["ok"] for t in main()["targets"]) else 1)

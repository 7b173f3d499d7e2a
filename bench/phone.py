"""python -m bench.phone --site DIR: the site on a phone over a slow mobile network, each figure against its target.

Headless Chromium as a phone (390×844, touch, device scale 3), 400 ms latency and 400 kbit/s each way
(CDP Network.emulateNetworkConditions), the browser's cache off, the site served gzipped as GitHub Pages serves it
(text responses with Content-Encoding: gzip; Pagefind's .pf_* files, already gzipped, and .wasm as they are).

The protocol is printed with the figures. By default plain HTTP/1.1, as the issue measured: a browser opens at most
6 connections to a host and each file waits for one. GitHub Pages answers over HTTPS with HTTP/2, every file of a
page side by side on one connection: --protocol h2 serves it so (hypercorn, a throwaway certificate). Neither is
the phone's network exactly: Chromium's emulated network shares its bandwidth evenly between the files on their
way, where an HTTP/2 server sends the stylesheets first, so under h2 the stylesheets wait for the scripts and the
first paint comes later than it would; under HTTP/1.1 a page of 25 files waits for connections as much as for bytes.
See bench/README.md ("On a phone") for what each figure means.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import sys
import threading
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

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


def respond(root: Path, url_path: str, query: str) -> tuple[int, list[tuple[str, str]], bytes]:
    """GitHub Pages' answer for a path of the site: (status, headers, body); a folder without its slash is
    redirected, a missing file answered by 404.html, text gzipped, max-age=600."""
    path = os.path.normpath(os.path.join(str(root), unquote(url_path).lstrip("/")))
    if os.path.commonpath([path, str(root)]) != str(root):
        path = os.path.join(str(root), "missing")
    if os.path.isdir(path):
        if not url_path.endswith("/"):
            return 301, [("Location", url_path + "/" + (f"?{query}" if query else "")), ("Content-Length", "0")], b""
        path = os.path.join(path, "index.html")
    status = 200 if os.path.isfile(path) else 404
    if status == 404:
        path = os.path.join(str(root), "404.html")
    ctype = CONTENT_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")
    body = Path(path).read_bytes() if os.path.isfile(path) else b""
    headers = [("Content-Type", ctype)]
    if any(ctype.startswith(t) for t in GZIPPED) and body:
        key = (path, os.stat(path).st_mtime_ns)
        with _LOCK:
            if key not in _GZIPPED_BODIES:
                _GZIPPED_BODIES[key] = gzip.compress(body, 6, mtime=0)
            body = _GZIPPED_BODIES[key]
        headers += [("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding")]
    return status, [*headers, ("Content-Length", str(len(body))), ("Cache-Control", "max-age=600")], body


_GZIPPED_BODIES: dict = {}
_LOCK = threading.Lock()


class GzipHandler(http.server.BaseHTTPRequestHandler):
    """HTTP/1.1 (a browser opens at most 6 connections to a host, each request waits for one): respond()."""

    protocol_version = "HTTP/1.1"
    root: Path

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        status, headers, body = respond(self.root, url.path, url.query)
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed while a file was on its way


def _serve_http1(root: Path):
    handler = type("Handler", (GzipHandler,), {"root": root})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server.shutdown


def _serve_http2(root: Path):
    """HTTPS with HTTP/2 (hypercorn; a throwaway certificate from trustme, which the browser is told to accept):
    every request of a page on one connection, side by side, as GitHub Pages answers."""
    import asyncio
    import socket
    import tempfile

    import trustme
    from hypercorn.asyncio import serve as hypercorn_serve
    from hypercorn.config import Config

    async def app(scope, receive, send):
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        status, headers, body = respond(root, scope["path"], scope["query_string"].decode("latin-1"))
        headers = [(k.lower().encode(), v.encode("latin-1")) for k, v in headers]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    folder = tempfile.TemporaryDirectory(prefix="phone-tls-")
    cert = trustme.CA().issue_cert("127.0.0.1")
    cert.private_key_pem.write_to_path(f"{folder.name}/key.pem")
    cert.cert_chain_pems[0].write_to_path(f"{folder.name}/cert.pem")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = Config()
    config.bind = [f"127.0.0.1:{port}"]
    config.certfile, config.keyfile = f"{folder.name}/cert.pem", f"{folder.name}/key.pem"
    config.alpn_protocols = ["h2"]
    config.accesslog = config.errorlog = None
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    started = threading.Event()

    def run():
        asyncio.set_event_loop(loop)
        loop.call_soon(started.set)
        loop.run_until_complete(hypercorn_serve(app, config, shutdown_trigger=stop.wait))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait()

    def shutdown():
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
        folder.cleanup()

    return f"https://127.0.0.1:{port}/", shutdown


PROTOCOLS = {"h2": _serve_http2, "http/1.1": _serve_http1}
PROTOCOL_NOTES = {"h2": "HTTPS, HTTP/2 (one connection, files side by side)", "http/1.1": "HTTP/1.1 (6 connections)"}


def serve(root: Path, protocol: str = "http/1.1"):
    """Serve root gzipped on 127.0.0.1 (a free port) in a thread, over plain HTTP/1.1 or HTTPS with HTTP/2 (h2, as
    GitHub Pages); returns (base URL, a function that stops the server)."""
    return PROTOCOLS[protocol](Path(root))


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
    context = browser.new_context(**PHONE, ignore_https_errors=True)  # the h2 server's throwaway certificate
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


def measure(site: Path, query: str = QUERY, listing: str = "years/", timeout_ms: int = 120_000, protocol: str = "http/1.1") -> dict:
    from playwright.sync_api import sync_playwright

    base, stop = serve(site, protocol)
    doc = f"documents/{first_document(site)}/"
    kinds = {"home": "", "document": doc, "listing": listing, "search": "search/"}
    out: dict = {"site": str(site), "network": NETWORK, "protocol": protocol, "query": query, "kinds": {}}
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
        stop()
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
        f"phone 390×844 ×3, touch; {n['latency']} ms latency, {KBIT} kbit/s each way, cache off, gzip as GitHub Pages; "
        f"{PROTOCOL_NOTES[out['protocol']]}; site {out['site']}",
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
    ap.add_argument(
        "--protocol",
        choices=sorted(PROTOCOLS),
        default="http/1.1",
        help="http/1.1 (default, as the issue measured): at most 6 connections, each file waiting for one; "
        "h2: HTTPS with HTTP/2, as GitHub Pages serves (see the module's docstring)",
    )
    args = ap.parse_args(argv)
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"no site in {args.site}: `make site` builds one")
    out = measure(args.site.resolve(), args.query, protocol=args.protocol)
    print(report(out), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    sys.exit(0 if all(t["ok"] for t in main()["targets"]) else 1)

"""`policy-archive serve`: the built site on 127.0.0.1 as GitHub Pages would serve it, with search working.

`python -m http.server` serves the site at "/" (a project site lives at /REPO/), sends a .txt.gz source as
text/plain (GitHub Pages: application/gzip) and answers a missing page with its own error page instead of the
site's 404.html. Here the site is served under the path of its public address (site_url's, e.g. /repo/ for
https://owner.github.io/repo/; "/" without one), "/" leads there, a missing page gets 404.html with status 404, and
the content types are GitHub Pages': JavaScript modules as text/javascript, .wasm as application/wasm, Pagefind's
.pf_* and .pagefind files as application/octet-stream, .gz files as application/gzip (never Content-Encoding).

A site missing or older than what it is built from (the sources folder, the configuration) is built first, with
the settings `policy-archive build` would use.
"""

from __future__ import annotations

import functools
import http.server
import logging
import os
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)

__all__ = ["CONTENT_TYPES", "make_server", "serve_site", "site_path", "stale", "start_server"]

#: Content types by suffix, as GitHub Pages sends them (its MIME table, mime-db; not checked here against a live site).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/markdown; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".wasm": "application/wasm",
    ".gz": "application/gzip",
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".sqlite": "application/vnd.sqlite3",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "": "application/octet-stream",
}


def site_path(site_url: str | None) -> str:
    """The path the site is published under: site_url's ("/repo/"), "/" without one."""
    path = urlsplit(site_url or "").path if site_url else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix`, with 404.html for what is missing (as GitHub Pages does)."""

    extensions_map = CONTENT_TYPES
    prefix = "/"

    def __init__(self, *args, prefix: str = "/", quiet: bool = True, **kwargs):
        self.prefix = prefix
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")  # (GitHub Pages' own)
        super().end_headers()

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if self.prefix != "/" and not path.startswith(self.prefix):
            if path in ("/", self.prefix.rstrip("/")):
                self.send_response(301)
                self.send_header("Location", self.prefix)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_error(404)
            return None
        return super().send_head()

    def translate_path(self, path):
        path = urlsplit(path).path
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix) :]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


def make_server(site_dir: Path, site_url: str | None = None, port: int = 0, quiet: bool = True) -> http.server.ThreadingHTTPServer:
    """An HTTP server of `site_dir` on 127.0.0.1:`port` (0: a free one) under site_url's path; not yet serving."""
    handler = functools.partial(SiteHandler, directory=str(site_dir), prefix=site_path(site_url), quiet=quiet)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server


def address(server: http.server.ThreadingHTTPServer, site_url: str | None) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}{site_path(site_url)}"


def start_server(site_dir: Path, site_url: str | None = None, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """make_server, serving in a daemon thread: (the server, to .shutdown(); its address)."""
    server = make_server(site_dir, site_url, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, address(server, site_url)


def _newest(paths: list[Path]) -> float:
    newest = 0.0
    for path in paths:
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for root, _dirs, files in os.walk(path):
                for name in files:
                    try:
                        newest = max(newest, os.stat(os.path.join(root, name)).st_mtime)
                    except OSError:
                        pass
    return newest


def stale(site_dir: Path, inputs: list[Path]) -> bool:
    """Whether the site is missing, or older than the newest file of `inputs` (files or folders)."""
    built = Path(site_dir) / "index.html"
    return not built.is_file() or _newest(inputs) > built.stat().st_mtime


def _build(site_dir: Path, site_url: str | None, config_file: Path | None, docs_dir: Path) -> None:
    """Build as `policy-archive build` would: the sources folder named by the configuration, its defaults."""
    from .archive import Settings, build_archive
    from .config import read_config

    config = read_config(config_file)
    sources = config.sources
    if not stale(site_dir, [sources, config.path]):
        return
    print(f"building the site into {site_dir}/ from {sources}/ …", flush=True)
    build_archive(Settings(sources=sources, docs=docs_dir, site=site_dir, config=config_file, site_url=site_url))


def serve_site(
    site_dir: Path = Path("site"),
    site_url: str | None = None,
    port: int = 0,
    open_browser: bool = False,
    *,
    config_file: Path | None = None,
    docs_dir: Path = Path("docs"),
    build: bool = True,
    on_ready: Callable[[str, Callable[[], None]], None] | None = None,
) -> None:
    """Serve the site in `site_dir` on 127.0.0.1 until interrupted (Ctrl-C), building it first when it is missing or
    older than its sources or configuration (`build=False`: never). `site_url` (else $SITE_URL, else the
    configuration's site_url) gives the sub-path; `port` 0 takes a free one. Prints the address (and hands it to
    `on_ready` with a function that stops the server), opens it in a browser when asked."""
    site_dir = Path(site_dir)
    site_url = site_url or os.environ.get("SITE_URL") or _configured_site_url(config_file)
    if build:
        _build(site_dir, site_url, config_file, Path(docs_dir))
    if not (site_dir / "index.html").is_file():
        raise FileNotFoundError(f"no site in {site_dir}/ (build it with `policy-archive build`)")
    server = make_server(site_dir, site_url, port)
    url = address(server, site_url)
    print(f"serving {site_dir}/ with search at {url}  (Ctrl-C stops)", flush=True)
    if on_ready is not None:
        on_ready(url, server.shutdown)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _configured_site_url(config_file: Path | None) -> str | None:
    from .config import config_path, load_yaml

    try:
        value = load_yaml(config_path(config_file)[0]).get("site_url")
    except Exception:  # (a configuration that cannot be read is the build's to report)
        return None
    return value if isinstance(value, str) and value else None

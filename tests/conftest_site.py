"""Helpers for the site tests: hostile sources made by the tests, and a static server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

# Debian's chromium, started as this machine needs (no sandbox as root; no background connections: the network is closed).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
]

# Hostile sources, as a curator might save them from the web: markup, script, Markdown, Jinja and YAML in the
# title, the metadata fields and the body. They go through the real pipeline, like any other source.
HOSTILE_TITLE = "</title><script>alert(1)</script>{{ config }} #1 \"a:b\" 'c' --- 深圳市教育局2019年工作要点"
HOSTILE_BODY = [
    "1.正文提到学前教育普惠发展<img src=x onerror=alert(2)>以及[链接](javascript:alert(3))。",
    "2.模板{% include 'x' %}与{{ config.site_name }}不被执行，*强调*与`代码`原样显示。",
    "---",
    "title: injected",
    "3.<iframe src=javascript:alert(9)></iframe>与 # 号 | 竖线 | 原样显示。",
]
HOSTILE_TXT = (
    "\n".join([HOSTILE_TITLE, "【发文字号】 深教〔2019〕1号<b>", '【效力属性】 "><script>alert(5)</script>', "一、学前教育", *HOSTILE_BODY])
    + "\n"
)
HOSTILE_HTML = """<html><head><meta charset="utf-8"><title>x</title>
<meta name="ArticleTitle" content="&lt;svg onload=alert(6)&gt;广州市教育局2020年工作要点">
<link rel="canonical" href="javascript:alert(4)"></head>
<body><div id="zoom"><p>&lt;svg onload=alert(6)&gt;广州市教育局2020年工作要点</p><p>一、学前教育</p>
<p>1.扩大学前教育资源&lt;script&gt;alert(7)&lt;/script&gt;。</p><script>alert('raw source')</script></div></body></html>
"""


def write_hostile_sources(sources_dir: Path) -> None:
    sources_dir.mkdir(parents=True, exist_ok=True)
    (sources_dir / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (sources_dir / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    # A file name with the characters a URL gives meaning to: its raw-source link must still resolve.
    (sources_dir / "问卷 50%#1?.txt").write_text("长沙市教育局2018年工作要点\n一、学前教育\n1.新增普惠性幼儿园学位。\n", encoding="utf-8")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # As GitHub Pages serves a site: a browser may keep a file ten minutes without asking again.
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve_directory(root: Path, port: int = 0) -> Iterator[str]:
    """Serve ``root`` on http://127.0.0.1:<port or a free port>/ in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port or free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

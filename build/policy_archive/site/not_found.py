"""The 404 page, correct wherever the site is published, and no sitemap for a site built without its public address.

A host answers every missing address with the site's 404.html (GitHub Pages, an object store's error document,
`policy-archive serve`), at any depth: links relative to the page's own address would point nowhere. MkDocs writes
them root-absolute instead, from site_url's path ("/" without one), which is right only on the host and path the
build was told of: off it (a GitHub Pages project site built without site_url, a mirror on an object store or a
custom domain, a sub-path of another host) the page's CSS and scripts 404.

The rule: every link of 404.html is made relative, to a <base> set to the site's root by a script that runs first
in <head> (overrides/404.html), before the first link is read. The root is

1. site_url's path, when the address is under it: no request (the site where the build said it would be);
2. else the nearest folder above the address that serves ``assets/stylesheets/archive.css``: one synchronous HEAD
   request per folder, nearest first (a missing page is a few folders deep: a few small requests, answered 404
   until the root), so it holds on any host at any sub-path, with or without site_url;
3. else "/".

Why not a rule without requests: the address alone cannot tell /repo/missing on a site at /repo/ from /repo/missing
on a site at "/" (the GitHub Pages guess — first segment on *.github.io — is wrong on every other host), and the
list of the site's paths is unbounded (every document). A marker file answers it; the stylesheet is one the page
loads anyway, so the probe that finds it costs the page nothing more.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..staging import write_atomic

log = logging.getLogger(__name__)

#: The root MkDocs wrote the 404 page's links from, as overrides/404.html records it on its first script.
_ROOT_MARK = re.compile(r'<script data-archive-root="([^"]*)">')
#: Attributes of 404.html that hold a link into the site.
_LINK_ATTRIBUTES = r"href|src|action|data-base-url|data-converter"
#: Attributes of 404.html that MkDocs writes root-absolute ("/assets/…") when it has no site_url.
_ROOT_ABSOLUTE = re.compile(rf'\b({_LINK_ATTRIBUTES})="/(?!/)')
#: A 404.html of another theme (without overrides/404.html's script): the GitHub Pages guess, set before its links.
_FIND_ROOT = (
    "<script>(function(){var parts=location.pathname.split('/');"
    "var root=/\\.github\\.io$/i.test(location.hostname)&&parts.length>2?'/'+parts[1]+'/':'/';"
    "var base=document.createElement('base');base.href=root;document.head.appendChild(base);})();</script>"
)


def has_site_url(site_dir: Path) -> bool:
    """Whether MkDocs knew the public address: its sitemap lists no URL without one."""
    sitemap = Path(site_dir) / "sitemap.xml"
    return not sitemap.is_file() or "<loc>" in sitemap.read_text(encoding="utf-8")


def relocatable_404(html: str) -> str:
    """404.html with every link into the site relative to the <base> its first script sets to the site's root."""
    mark = _ROOT_MARK.search(html)
    if mark is None:
        if _FIND_ROOT in html or "<base " in html or "<head>" not in html:
            return html
        return _ROOT_ABSOLUTE.sub(r'\1="', html).replace("<head>", "<head>" + _FIND_ROOT, 1)
    root = mark.group(1)
    if not root.startswith("/"):
        return html  # (links MkDocs already wrote relative: nothing to move)
    absolute = re.compile(rf'\b({_LINK_ATTRIBUTES})="{re.escape(root)}(?!/)([^"]*)"')
    return absolute.sub(lambda m: f'{m.group(1)}="{m.group(2) or "./"}"', html)


def publish_404(site_dir: Path) -> None:
    """Make the built 404.html's links relative to the root its script finds (see the module's docstring)."""
    page = Path(site_dir) / "404.html"
    if page.is_file():
        html = page.read_text(encoding="utf-8")
        fixed = relocatable_404(html)
        if fixed != html:
            write_atomic(page, fixed.encode("utf-8"))


def publish_without_site_url(site_dir: Path) -> None:
    """Without a public address: no sitemap (it would list no URL); the 404 page finds its root (publish_404)."""
    publish_404(site_dir)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(site_dir) / name).unlink(missing_ok=True)
    log.info("no site_url: no sitemap.xml (it needs the public address); 404.html finds the site's root in the browser")

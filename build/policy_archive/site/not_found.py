"""A site built without its public address (no site_url): a 404 page that finds the site's root in the browser,
and no sitemap (it would list no URL)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from ..staging import write_atomic

log = logging.getLogger(__name__)

#: Attributes of 404.html that MkDocs writes root-absolute ("/assets/…") when it has no site_url.
_ROOT_ABSOLUTE = re.compile(r'\b(href|src|data-base-url|data-converter)="/(?!/)')
#: Where the site's root is, decided in the browser before the page's first link is read: a GitHub Pages
#: project site lives under its first path segment (USER.github.io/REPO/), any other host at "/".
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
    """404.html as MkDocs writes it without site_url loads everything from the server's root, which under a
    sub-path is another site. Its links are made relative to a <base> that a script sets to the site's root."""
    if _FIND_ROOT in html or "<base " in html or "<head>" not in html:
        return html
    return _ROOT_ABSOLUTE.sub(r'\1="', html).replace("<head>", "<head>" + _FIND_ROOT, 1)


def publish_without_site_url(site_dir: Path) -> None:
    """Without a public address: a 404 page that finds its root, and no sitemap (it would list no URL)."""
    page = Path(site_dir) / "404.html"
    if page.is_file():
        write_atomic(page, relocatable_404(page.read_text(encoding="utf-8")).encode("utf-8"))
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (Path(site_dir) / name).unlink(missing_ok=True)
    log.info("no site_url: 404.html finds the site's root in the browser; no sitemap.xml (it needs the public address)")

"""The HTML reader: a page's main text, one block per line, and the evidence for metadata its <title>,
meta tags and info-disclosure tables give (the table rows are kept as "label | value" lines)."""

from __future__ import annotations

import re

from ..chinese import CJK
from ..knowledge import boilerplate
from .encoding import declared_charset, decode_text
from .html_links import drop_link_lists
from .html_tree import LIBXML_DEPTH_LIMIT, descendants, drop, flatten_deep_nesting, parse_html, stripped_text, text_of
from .reading import Reading

# Never text. (Not <form>: ASP.NET sites wrap the whole page in one.)
_DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "button",
    "select",
    "input",
    "textarea",
    "nav",
    "aside",
    "head",
}
# Page furniture unless it holds the document's heading (an <article>'s own <header> often does).
_FRAME_TAGS = {"header", "footer"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "ul",
    "ol",
    "center",
    "td",
    "th",
}
_META_EVIDENCE = {
    "articletitle": "title",
    "dc.title": "title",
    "og:title": "title",
    "pubdate": "date_published",
    "firstpublishedtime": "date_published",
    "dc.date": "date_published",
    "contentsource": "site",
    "sitename": "site",
    "og:site_name": "site",
}


def read_html(data: bytes, warnings: list[str]) -> Reading:
    """The reader of HTML pages: decoded (with the charset the page declares, when its bytes fit it), then
    the text of its main content."""
    text, encoding, removed = decode_text(data, warnings, declared_charset(data))
    text, evidence, url = html_to_text(text)
    return Reading(text, encoding, removed, tuple(evidence), url)


def preload() -> None:
    """Load the parser (lxml)."""
    from lxml import etree  # noqa: F401


def html_to_text(html: str) -> tuple[str, list[tuple[str, str]], str | None]:
    """Main text of a page (one block per line), metadata evidence, and the page's own URL if stated."""
    root = parse_html(html)
    if root is None:
        return "", [], None
    if flatten_deep_nesting(root) >= LIBXML_DEPTH_LIMIT - 1:
        root = parse_html(html, capped=True)
    evidence, url = _page_evidence(root)
    for tag in descendants(root, _DROP_TAGS):
        drop(tag)
    for tag in descendants(root, _FRAME_TAGS):
        if next(tag.iter("h1", "h2"), None) is None:
            drop(tag)
    disclosure_lines = _disclosure_tables(root)
    body = next(root.iter("body"), None)
    body = root if body is None else body
    content = drop_link_lists(body)
    lines = _block_lines(content)
    return "\n".join(disclosure_lines + lines), evidence, url


def _page_evidence(root) -> tuple[list[tuple[str, str]], str | None]:
    """The metadata a page's <meta> elements and <title> state, and its own URL (og:url, canonical link)."""
    evidence: list[tuple[str, str]] = []
    url = None
    for meta in descendants(root, {"meta"}):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key in _META_EVIDENCE and content:
            evidence.append((_META_EVIDENCE[key], content))
        if key == "og:url" and content.startswith(("http://", "https://")):
            url = content
    canonical = next((link for link in root.iter("link") if "canonical" in (link.get("rel") or "").split()), None)
    if canonical is not None and (canonical.get("href") or "").startswith(("http://", "https://")):
        url = canonical.get("href")
    title = next(root.iter("title"), None)
    if title is not None and stripped_text(title, ""):
        evidence.append(("page_title", stripped_text(title)))
    return evidence, url


def _disclosure_tables(root) -> list[str]:
    """Info-disclosure tables often sit outside the content element: they are kept, as "label | value"
    lines, and taken out of the page."""
    labels = boilerplate().metadata_labels
    lines = []
    for table in descendants(root, {"table"}):
        cells = [re.sub(r"\s+", "", stripped_text(c)) for c in descendants(table, {"td", "th"})]
        cells = [c for c in cells if c]
        named = sum(1 for c in cells if c.rstrip("：:") in labels)
        # A disclosure table is label/value pairs; a task table with a 名称 or 实施时间 column is not.
        if named >= 2 and named * 2 >= len(cells) - 1:
            lines.extend(_table_lines(table))
            drop(table)
    return lines


def _rows_hold_all_text(table) -> bool:
    """Whether a table's text is all in its cells (text put in a table outside any cell, as broken pages
    do, is read as ordinary blocks instead, so that it is not lost)."""
    cells = sum(len(CJK.findall(text_of(c))) for row in table.iter("tr") for c in row if c.tag in ("td", "th"))
    return cells >= len(CJK.findall(text_of(table)))


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.iter("tr"):
        cells = [stripped_text(c) for c in descendants(row, {"td", "th"})]
        if any(cells):
            lines.append(" | ".join(cells) + " |")
    return lines


_SPACES = re.compile(r"[ \t\r\n]+")


def _block_lines(element) -> list[str]:
    lines: list[str] = []
    current: list[str] = []

    def flush():
        text = "".join(current).strip()
        if text:
            lines.append(text)
        current.clear()

    def add(text):
        if text:
            current.append(_SPACES.sub(" ", text))

    def walk(node):
        add(node.text)
        for child in node:
            if not isinstance(child.tag, str):
                pass  # a comment or processing instruction: not text (what follows it is)
            elif child.tag == "table" and _rows_hold_all_text(child):
                flush()
                lines.extend(_table_lines(child))
            else:
                block = child.tag in _BLOCK_TAGS
                if block:
                    flush()
                walk(child)
                if block:
                    flush()
            add(child.tail)

    walk(element)
    flush()
    return lines

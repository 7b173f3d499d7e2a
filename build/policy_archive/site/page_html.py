"""What the MkDocs plugin does to a page's front matter and HTML: pure functions of a page, one at a time.

Untrusted text stays inert. Front-matter values of document pages are raw, untrusted strings from the web: a
title may be ``</title><script>alert(1)</script>`` or ``{{ config }}``.  MkDocs' Jinja environment does NOT
autoescape, and Material prints ``{{ page.meta.title }}`` / ``{{ page.title }}`` raw in ``<title>``, in the header
and in ``partials/content.html``.  So instead of hoping every template remembers ``| e``, the plugin escapes the
data once, systematically:

* ``on_page_markdown`` (right after the front matter is parsed, before rendering) replaces every string in
  ``page.meta`` (recursively, keys and values, inside dicts/lists) by ``markupsafe.escape(value)``
  (``escape_value``).  The result is a ``Markup`` object, so a template that does apply ``| e`` does not
  double-escape, and a template that prints it raw prints ``&lt;script&gt;`` – the browser shows the same
  characters, never markup.  ``page.title`` reads ``page.meta['title']``, so it is escaped as well.
* ``on_page_content`` (after rendering) makes ``page.title`` a ``Markup`` in every case (``escape_title``): a title
  taken from the first ``# heading`` of the Markdown is HTML text already (Python-Markdown escaped it), a title
  given in the nav config is plain text and gets escaped.

Non-string scalars (int, float, bool, None, dates) cannot carry markup and are kept as they are.
Templates in ``overrides/`` additionally never combine ``striptags`` (which UNESCAPES) with raw output.

The rest makes pages lighter: generated tables set aside while Python-Markdown runs, a document page's text
packed while MkDocs holds every page, the templates' indentation dropped."""

from __future__ import annotations

import datetime as _dt
import re
import zlib
from typing import Any

from markupsafe import Markup, escape

from ..markers import RELATIONS_FENCE, TEXT_MARK


def is_document(file) -> bool:
    return file.src_uri.startswith("documents/") and file.src_uri.endswith(".md")


# --- front matter ---------------------------------------------------------------------------------------------
def escape_value(value: Any) -> Any:
    """Return ``value`` with every string inside it replaced by its HTML-escaped ``Markup``.

    Markup instances are kept (already safe); dicts, lists, tuples and sets are rebuilt recursively;
    other scalars are returned unchanged.  Unknown objects are converted to escaped text so that no
    ``__html__`` or ``__str__`` of a foreign object can inject markup.
    """
    if value is None or isinstance(value, (bool, int, float, _dt.date, _dt.datetime, _dt.time)):
        return value
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {escape_value(k): escape_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [escape_value(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return [escape_value(v) for v in sorted(value, key=str)]
    return escape(str(value))


def topic_slugs(names: Any) -> list[str | None]:
    """Slugs of the topic index pages, in the order of the page's topics (None for a name not in the vocabulary)."""
    from ..knowledge import topics

    by_name = {topic.name: topic.slug for topic in topics()[0]}
    return [by_name.get(name) for name in names] if isinstance(names, list) else []


def page_meta(meta: dict) -> dict:
    """A page's front matter as the templates get it: with its topics' slugs and its warnings in Chinese, escaped."""
    meta = dict(meta or {})
    if "topics" in meta and "topic_slugs" not in meta:
        meta["topic_slugs"] = topic_slugs(meta["topics"])
    if isinstance(meta.get("warnings"), list):
        from ..knowledge import in_chinese

        # The page says in Chinese what the front matter records precisely.
        meta["warnings_zh"] = [in_chinese(str(w)) for w in meta["warnings"]]
    return escape_value(meta)


# --- generated tables -----------------------------------------------------------------------------------------
_TABLE_BLOCK = re.compile(r"^<table>\n.*?\n</table>$", re.MULTILINE | re.DOTALL)
_TABLE_MARK = re.compile(r"<!--archive-table-(\d+)-->")


def stash_tables(markdown: str, page) -> str:
    """Set the generated HTML tables aside while Python-Markdown runs (put_tables_back puts them back afterwards).

    Python-Markdown would parse every tag of an HTML block (a year's cross-reference table has tens of
    thousands) only to pass it through unchanged: a quarter of a large archive's build time.
    """
    tables: list[str] = []

    def stash(match: re.Match) -> str:
        tables.append(match.group(0))
        return f"<!--archive-table-{len(tables) - 1}-->"

    page.archive_tables = tables
    return _TABLE_BLOCK.sub(stash, markdown)


def put_tables_back(html: str, page) -> str:
    tables = page.__dict__.pop("archive_tables", None)
    if not tables:
        return html
    return _TABLE_MARK.sub(lambda m: mark_matrix(tables[int(m.group(1))]), html)


#: A table of more columns than this is a matrix (documents × topics): it scrolls with its first column fixed.
#: Narrower tables are lists of documents, which a phone shows as stacked rows, each cell under its column's
#: label (set from the header by archive-page.js: on every cell of the HTML they were a tenth of a listing).
LIST_COLUMNS = 6
_HEADER_CELL = re.compile(r"<th>(.*?)</th>")


def mark_matrix(table: str) -> str:
    """Mark a generated table of more than LIST_COLUMNS columns ``data-archive-matrix`` (an attribute, not a
    class: Material styles only tables without a class)."""
    head = table.partition("</thead>")[0]
    if len(_HEADER_CELL.findall(head)) > LIST_COLUMNS:
        return table.replace("<table>", "<table data-archive-matrix>", 1)
    return table


# --- a document page's text -----------------------------------------------------------------------------------
# MkDocs converts every page before it renders any template, so it holds the HTML of every page at once: at
# 100,000 documents that was 4.5 GB. A document page's text (everything after its title) waits packed instead,
# a quarter of its size, and goes into the rendered page in on_post_page (at markers.TEXT_MARK).


def set_text_aside(html: str, page) -> str:
    title, closing, text = html.partition("</h1>")
    if not closing:
        title, text = "", html
    page.archive_text = zlib.compress(text.encode("utf-8"), 1)
    return f"{title}{closing}{TEXT_MARK}"


def put_text_back(output: str, page) -> str:
    packed = page.__dict__.pop("archive_text", None)
    if packed is None:
        return output
    head, mark, tail = output.partition(TEXT_MARK)
    if not mark:
        raise RuntimeError(f"{page.file.src_uri}: the page's template did not print its text")
    return f"{head}{zlib.decompress(packed).decode('utf-8')}{tail}"


_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def drop_anchor_links(html: str) -> str:
    """A document page without the ¶ of its headings: archive-page.js draws them, and a § after every
    numbered item (extract/structure.py's anchors: sec-2-item-5, part-1-sec-2-task-3, p-item-1), from the
    ids the page keeps. Written into the HTML they were 0.6 KB of every document page, thousands of times
    over; the anchors themselves, which a citation links to, stay in the HTML."""
    return _HEADERLINK.sub("", html)


def fence_relations(html: str) -> str:
    """Keep what follows a document's text out of the search index: from the rule render.relations_sections
    puts after the text (the text itself cannot make one: render escapes its dashes) to the end, the targets and
    duties quoted from the text, the titles it cites or that cite it, its series' neighbours and its downloads.
    Indexed, they made a search for one document's title find its neighbours, and they were a quarter of the
    index."""
    rule = html.find("<hr />")
    if rule < 0:
        return html
    return f"{html[:rule]}{RELATIONS_FENCE}{html[rule:]}</div>"


# --- the title and the description ----------------------------------------------------------------------------
def title_is_missing(page) -> bool:
    return is_document(page.file) and "title" in page.meta and not page.meta.get("title")


def escape_title(html: str, page) -> None:
    """page.title as escaped Markup (see above); a document whose front matter has no title takes its heading's."""
    if title_is_missing(page):
        # The front matter's title is empty (not found in the document): the page's heading says so and
        # what is known of the document (render.heading); the browser tab and search results show it too.
        heading = _H1.search(html)
        if heading:
            page.title = escape(Markup(_HEADERLINK.sub("", heading.group(1))).striptags())
    title = page.title
    if title is not None and not isinstance(title, Markup):
        if title == getattr(page, "_title_from_render", None):
            # Text of the first <h1>, as HTML (entities escaped, tags stripped): normalise to escaped plain text.
            page.title = escape(Markup(title).striptags())
        else:
            page.title = escape(title)


DESCRIPTION_CHARS = 160


def describe(page, config) -> None:
    """A description for search engines and shared links, per page: a document's title and the facts a reader
    cites (issuer, 文号, date, place); another page's title and the site's description. Escaped like page.meta."""
    meta = page.meta
    if meta.get("description"):
        return
    title = _plain(page.title)
    site = config.get("site_description") or ""
    if meta.get("id") and meta.get("source"):
        facts = "，".join(_plain(f) for f in (meta.get("issuer"), meta.get("doc_number"), _first_date(meta), _place(meta)) if f)
        text = _plain(meta.get("title")) or title
        if facts:
            text = f"{text}（{facts}）"
    elif page.is_homepage or not title:
        return
    else:
        text = f"{title}：{site}"
    meta["description"] = escape(text[:DESCRIPTION_CHARS])


def _plain(value) -> str:
    """The text of an escaped front-matter value (escaped again, once, where it is stored)."""
    return Markup(value).unescape() if value else ""


def _first_date(meta: dict):
    for name in ("date_written", "date_published", "date_printed", "date_effective"):
        if meta.get(name):
            return str(meta[name])
    return str(meta["year"]) + "年" if meta.get("year") else None


def _place(meta: dict) -> str:
    parts = [meta.get("province"), meta.get("city") if meta.get("city") != meta.get("province") else None, meta.get("county")]
    return "".join(_plain(p) for p in parts if p)


# --- the rendered page ----------------------------------------------------------------------------------------
_INDENT = re.compile(r"\n\s+")


def without_indentation(output: str) -> str:
    """Drop the templates' indentation and blank lines: a tenth of every page's bytes, thousands of times over.

    Outside <pre> and <textarea>, a line break followed by spaces or more line breaks renders exactly as the
    line break alone.
    """
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)

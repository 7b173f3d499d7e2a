"""The MkDocs plugin of the archive (``plugins: [policy-archive]`` in mkdocs.yml; an entry point of the
package, so a configuration needs no path to it).

It gives MkDocs what the package knows: the navigation and the generated folders from the listing
registry (index.LISTINGS), the theme templates shipped in the package (theme/, which is the
repository's overrides/), the document card's rows from the schema, and the switches of the build's
Settings (config.extra.archive_prerender). The rest of this module keeps untrusted text inert:

Front-matter values of document pages are raw, untrusted strings from the web: a title may be
``</title><script>alert(1)</script>`` or ``{{ config }}``.  MkDocs' Jinja environment does NOT autoescape,
and Material prints ``{{ page.meta.title }}`` / ``{{ page.title }}`` raw in ``<title>``, in the header and
in ``partials/content.html``.  So instead of hoping every template remembers ``| e``, these hooks escape the
data once, systematically:

* ``on_page_markdown`` (right after the front matter is parsed, before rendering) replaces every string in
  ``page.meta`` (recursively, keys and values, inside dicts/lists) by ``markupsafe.escape(value)``.  The
  result is a ``Markup`` object, so a template that does apply ``| e`` does not double-escape, and a template
  that prints it raw prints ``&lt;script&gt;`` – the browser shows the same characters, never markup.
  ``page.title`` reads ``page.meta['title']``, so it is escaped as well.
* ``on_page_content`` (after rendering) makes ``page.title`` a ``Markup`` in every case: a title taken from
  the first ``# heading`` of the Markdown is HTML text already (Python-Markdown escaped it), a title given in
  the nav config is plain text and gets escaped.

Non-string scalars (int, float, bool, None, dates) cannot carry markup and are kept as they are.
Templates in ``overrides/`` additionally never combine ``striptags`` (which UNESCAPES) with raw output.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import re
import threading
import types
import zlib
from typing import Any

from markupsafe import Markup, escape
from mkdocs.plugins import BasePlugin

__all__ = ["ArchivePlugin", "escape_value", "on_page_content", "on_page_markdown", "on_post_page"]


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
    from policy_archive.knowledge import topics

    by_name = {topic.name: topic.slug for topic in topics()[0]}
    return [by_name.get(name) for name in names] if isinstance(names, list) else []


def on_page_read_source(page, config) -> str | None:
    """A document page converted by a worker: its HTML, table of contents and front matter come from there (the
    worker reads the front matter to find the Markdown: parsing it again here was a second YAML parse of every
    document), and MkDocs is given an empty source, with nothing to parse or convert."""
    taken = _take_prerendered(page)
    if taken is None:
        return None
    html, tokens, meta = taken
    page.archive_prerendered = (html, tokens)
    page.archive_meta = meta
    return ""


def on_page_markdown(markdown: str, page, config, files) -> str:
    if "archive_meta" in page.__dict__:
        page.meta = page.__dict__.pop("archive_meta")
    meta = dict(page.meta or {})
    if "topics" in meta and "topic_slugs" not in meta:
        meta["topic_slugs"] = topic_slugs(meta["topics"])
    if isinstance(meta.get("warnings"), list):
        from policy_archive.knowledge import in_chinese

        # The page says in Chinese what the front matter records precisely.
        meta["warnings_zh"] = [in_chinese(str(w)) for w in meta["warnings"]]
    page.meta = escape_value(meta)
    if page.file.src_uri.startswith(GENERATED_LISTS) or page.file.src_uri == "index.md":
        markdown = _stash_tables(markdown, page)
    if "archive_prerendered" in page.__dict__:
        # MkDocs' own conversion gets nothing to do; on_page_content puts the worker's HTML in place.
        page.render = types.MethodType(_render_nothing, page)
        return ""
    return markdown


def _render_nothing(page, config, files) -> None:
    """What MkDocs' Page.render makes of an empty page, without building the Markdown instance it would
    configure for it (a few milliseconds a page, thousands of times over): the page was converted by a
    worker, and on_page_content puts its HTML and table of contents in place."""
    from mkdocs.structure.toc import get_toc

    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def _generated_lists() -> tuple[str, ...]:
    """Folders whose document tables the pipeline (index.py) writes as finished HTML, escaped, final URLs."""
    from policy_archive.listings import LISTINGS

    return tuple(f"{listing.folder}/" for listing in LISTINGS)


GENERATED_LISTS = _generated_lists()
_TABLE_BLOCK = re.compile(r"^<table>\n.*?\n</table>$", re.MULTILINE | re.DOTALL)
_TABLE_MARK = re.compile(r"<!--archive-table-(\d+)-->")


def _stash_tables(markdown: str, page) -> str:
    """Set the generated HTML tables aside while Python-Markdown runs, and put them back afterwards.

    Python-Markdown would parse every tag of an HTML block (a year's cross-reference table has tens of
    thousands) only to pass it through unchanged: a quarter of a large archive's build time.
    """
    tables: list[str] = []

    def stash(match: re.Match) -> str:
        tables.append(match.group(0))
        return f"<!--archive-table-{len(tables) - 1}-->"

    page.archive_tables = tables
    return _TABLE_BLOCK.sub(stash, markdown)


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


def on_page_content(html: str, page, config, files) -> str:
    prerendered = page.__dict__.pop("archive_prerendered", None)  # (not kept: page.content holds the HTML)
    if prerendered is not None:
        from mkdocs.structure.toc import get_toc

        html, tokens = prerendered
        page.toc = get_toc(tokens)
    tables = page.__dict__.pop("archive_tables", None)
    if tables:
        html = _TABLE_MARK.sub(lambda m: mark_matrix(tables[int(m.group(1))]), html)
    if _is_document(page.file):
        html = fence_relations(drop_anchor_links(html))
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
    describe(page, config)
    return set_text_aside(html, page) if _is_document(page.file) else html


# MkDocs converts every page before it renders any template, so it holds the HTML of every page at once: at
# 100,000 documents that was 4.5 GB. A document page's text (everything after its title) waits packed instead,
# a quarter of its size, and goes into the rendered page in on_post_page. The mark cannot come from a
# document: render.py escapes every "<" of web text.
TEXT_MARK = "<!--archive-text-->"


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


def title_is_missing(page) -> bool:
    return _is_document(page.file) and "title" in page.meta and not page.meta.get("title")


def drop_anchor_links(html: str) -> str:
    """A document page without the ¶ of its headings: archive-page.js draws them, and a § after every
    numbered item (extract/structure.py's anchors: sec-2-item-5, part-1-sec-2-task-3, p-item-1), from the
    ids the page keeps. Written into the HTML they were 0.6 KB of every document page, thousands of times
    over; the anchors themselves, which a citation links to, stay in the HTML."""
    return _HEADERLINK.sub("", html)


#: Where the part of a document page that Pagefind does not index begins (site.page_state hashes what lies before).
RELATIONS_FENCE = '<div class="archive-relations" data-pagefind-ignore>'


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


_INDENT = re.compile(r"\n\s+")


def on_post_page(output: str, page, config) -> str:
    """Drop the templates' indentation and blank lines: a tenth of every page's bytes, thousands of times over.

    Outside <pre> and <textarea>, a line break followed by spaces or more line breaks renders exactly as the
    line break alone.
    """
    if page.meta.get("template") == RENDERED_ELSEWHERE:
        return ""  # (another process wrote this page; MkDocs writes no empty output)
    output = put_text_back(output, page)
    if "<pre" in output or "<textarea" in output:
        return output
    return _INDENT.sub("\n", output)


# --- document pages rendered in parallel ------------------------------------------------------------
# MkDocs converts every page's Markdown in one process before it renders any template. For an archive of
# thousands of documents that conversion is the larger half of the build, and it is the same work for
# every page: worker processes convert the document pages (one Markdown instance each, configured as
# MkDocs configures its own) while MkDocs reads them, and the hook hands MkDocs the finished HTML and
# table of contents. Document pages contain no links for MkDocs to rewrite (index.py links to them with
# final URLs), so the HTML is what MkDocs itself would make; a test compares the two byte for byte.
PRERENDER_MIN_PAGES = 200
_prerendered: dict = {}


def _is_document(file) -> bool:
    return file.src_uri.startswith("documents/") and file.src_uri.endswith(".md")


def _pages_to_build(files, config) -> list:
    pages = [f for f in files.documentation_pages() if _is_document(f)]
    if config["extra"].get("archive_dirty"):
        # A dirty build reads only the pages whose Markdown is newer than their HTML (MkDocs' own test).
        pages = [f for f in pages if f.is_modified()]
    return pages


def _parallel(config, pages: int) -> bool:
    """Settings.prerender: False never, True always, None from PRERENDER_MIN_PAGES pages on (and 2 cores)."""
    switch = config["extra"].get("archive_prerender")
    return switch is True or (switch is None and pages >= PRERENDER_MIN_PAGES and (os.cpu_count() or 1) > 1)


def on_files(files, config):
    _prerendered.clear()
    pages = _pages_to_build(files, config)
    if not _parallel(config, len(pages)) or not pages:
        return files
    from policy_archive.processes import process_pool
    from policy_archive.site import render_markdown_page

    extensions = list(config["markdown_extensions"])
    configs = dict(config["mdx_configs"] or {})
    jobs = [(f.src_uri, f.abs_src_path, extensions, configs, config["use_directory_urls"]) for f in pages]
    pool = process_pool(os.cpu_count() or 2)
    _prerendered["pool"] = pool

    _prerendered["results"] = pool.map(render_markdown_page, jobs, chunksize=16)
    return files


def _take_prerendered(page):
    """The next worker result, which is this page's: MkDocs reads pages in the order of `files`."""
    results = _prerendered.get("results")
    if results is None or not _is_document(page.file):
        return None
    src_uri, html, tokens, meta = next(results)
    if src_uri != page.file.src_uri:
        raise RuntimeError(f"pre-rendered {src_uri} arrived for {page.file.src_uri}")
    return html, tokens, meta


def _stop_workers() -> None:
    pool = _prerendered.pop("pool", None)
    if pool is not None:
        pool.shutdown()


def on_post_build(config):
    _stop_workers()
    _prerendered.clear()
    _wait_for_renderers()


def on_build_error(error):
    """A failed build leaves no worker processes behind (the error itself is MkDocs' to report)."""
    _stop_workers()
    _prerendered.clear()
    _wait_for_renderers(kill=True)


# --- document pages' templates rendered in two processes ---------------------------------------------
# Once every page is read and converted, MkDocs renders the theme's template page after page in one process:
# half of a large build, with the other core idle. At that point (on_env) the pages need nothing from one
# another, so the document pages are shared out: a forked copy of the MkDocs process renders and writes its
# share with MkDocs' own _build_page (the same context, the same hooks, so the same bytes; a test compares the
# sites), while MkDocs renders the rest and, for the pages given away, an empty template that it does not write.
# A forked copy holds as its own every page of memory it touches: above RENDERER_MAX_PAGES document pages one
# process does it all (at 100,000 the MkDocs process alone is 3.4 GB). Not in strict mode: a warning logged in
# another process would not fail the build.
RENDERER_MAX_PAGES = 25_000
RENDERED_ELSEWHERE = "archive-rendered-elsewhere.html"  # the empty template (theme/)
_renderers: dict = {}


def on_nav(nav, config, files):
    _renderers.clear()
    _renderers["nav"] = nav
    return nav


def on_env(env, config, files):
    """Fork the processes that render a share of the document pages each (see above)."""
    _stop_workers()  # (every worker result is taken: no thread of the pool may be running when we fork)
    pages = [f.page for f in _pages_to_build(files, config) if f.page is not None]
    processes = min(os.cpu_count() or 1, 4)
    nav = _renderers.get("nav")
    if nav is None or processes < 2 or not _parallel(config, len(pages)) or len(pages) > RENDERER_MAX_PAGES:
        return env
    if config["strict"] or not hasattr(os, "fork") or threading.active_count() > 1:
        return env  # (a thread of this process, `mkdocs serve`'s server say, could hold a lock the copy needs)
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _GivenAway) for f in build_log.filters):
        build_log.addFilter(_GivenAway())
    from mkdocs.structure.files import InclusionLevel

    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    dirty = bool(config["extra"].get("archive_dirty"))
    children = []
    for k in range(1, processes):
        share = pages[k::processes]
        if not share:
            continue
        pid = os.fork()
        if pid == 0:
            _render_and_exit(share, config, doc_files, nav, env, dirty)
        children.append(pid)
        for page in share:
            page.meta["template"] = RENDERED_ELSEWHERE
            page.__dict__.pop("archive_text", None)  # (the child has it)
    _renderers["children"] = children
    return env


class _GivenAway(logging.Filter):
    """MkDocs says it skipped a page whose output is empty: for the pages another process writes, that is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Page skipped: 'documents/")


def _render_and_exit(pages, config, doc_files, nav, env, dirty) -> None:
    """In a forked process: build `pages` as MkDocs would, then end without running the parent's clean-up."""
    import gc
    import sys
    import traceback

    from mkdocs.commands.build import _build_page

    gc.freeze()  # the collector leaves the inherited objects alone (it would write into every one: copied pages)
    code = 0
    try:
        for page in pages:
            _build_page(page, config, doc_files, nav, env, dirty, excluded=page.file.inclusion.is_excluded())
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _wait_for_renderers(kill: bool = False) -> None:
    import signal

    failed = []
    for pid in _renderers.pop("children", []):
        if kill:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:  # (it ended and was reaped: nothing to stop)
                continue
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(os.waitstatus_to_exitcode(status))
    _renderers.clear()
    if failed and not kill:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"rendering document pages in another process failed (exit code {failed[0]}; its error is above)")


# --- the plugin --------------------------------------------------------------------------------------


def navigation() -> list[dict]:
    from policy_archive.listings import LISTINGS

    return [
        {"首页": "index.md"},
        *({listing.nav_label: f"{listing.folder}/index.md"} for listing in LISTINGS),
        {"检索": "search.md"},
        {"关于": "about.md"},
    ]


def not_in_nav() -> list[str]:
    """Document pages and the per-year/place/topic lists are reached from the index pages; keeping them out
    of the navigation keeps every page's HTML small however large the archive grows."""
    from policy_archive.listings import LISTINGS

    return ["/documents/**", *(f"/{listing.folder}/**" for listing in LISTINGS)]


def packaged_theme() -> str:
    from importlib import resources

    return str(resources.files("policy_archive").joinpath("theme"))


class ArchivePlugin(BasePlugin):
    def on_config(self, config):
        from pathspec.gitignore import GitIgnoreSpec

        from policy_archive.schema import LABELS, card_fields

        if not config["nav"]:
            config["nav"] = navigation()
        if config["not_in_nav"] is None:
            config["not_in_nav"] = GitIgnoreSpec.from_lines(not_in_nav())
        # The archive's templates sit between the site's own overrides (custom_dir) and Material.
        theme_dir = packaged_theme()
        dirs = config["theme"].dirs
        custom = config["theme"].custom_dir
        if all(os.path.realpath(d) != os.path.realpath(theme_dir) for d in dirs):
            dirs.insert(1 if custom else 0, theme_dir)
        config["extra"]["archive_card"] = card_fields()
        config["extra"]["archive_labels"] = dict(LABELS)  # the card names inferred fields by these
        return config

    def on_files(self, files, config):
        return on_files(files, config)

    def on_nav(self, nav, config, files):
        return on_nav(nav, config, files)

    def on_env(self, env, config, files):
        return on_env(env, config, files)

    def on_page_read_source(self, page, config):
        return on_page_read_source(page, config)

    def on_page_markdown(self, markdown, page, config, files):
        return on_page_markdown(markdown, page, config, files)

    def on_page_content(self, html, page, config, files):
        return on_page_content(html, page, config, files)

    def on_post_page(self, output, page, config):
        return on_post_page(output, page, config)

    def on_post_build(self, config):
        return on_post_build(config)

    def on_build_error(self, error):
        return on_build_error(error)

"""The MkDocs plugin of the archive (``plugins: [policy-archive]`` in mkdocs.yml; an entry point of the
package, so a configuration needs no path to it).

It gives MkDocs what the package knows: the navigation and the generated folders from the listing
registry (listings.LISTINGS), the theme templates shipped in the package (theme/, which is the
repository's overrides/), the document card's rows from the schema, and the switches of the build's
Settings (config.extra.archive_prerender). Its hooks keep untrusted text inert and the pages light
(page_html.py says how), and for a large archive have document pages made in other processes
(parallel_pages.py). What one build needs to remember between hooks is kept on the plugin instance.
"""

from __future__ import annotations

import os
import types

from mkdocs.plugins import BasePlugin

from .page_html import (
    describe,
    drop_anchor_links,
    escape_title,
    fence_relations,
    is_document,
    page_meta,
    put_tables_back,
    put_text_back,
    set_text_aside,
    stash_tables,
    without_indentation,
)
from .parallel_pages import RENDERED_ELSEWHERE, Prerendered, Renderers, pages_to_build, parallel

__all__ = ["GENERATED_LISTS", "ArchivePlugin", "navigation", "not_in_nav", "packaged_theme"]


def _generated_lists() -> tuple[str, ...]:
    """Folders whose document tables the pipeline (listings/) writes as finished HTML, escaped, final URLs."""
    from ..listings import LISTINGS

    return tuple(f"{listing.folder}/" for listing in LISTINGS)


GENERATED_LISTS = _generated_lists()


def navigation() -> list[dict]:
    from ..listings import LISTINGS

    return [
        {"首页": "index.md"},
        *({listing.nav_label: f"{listing.folder}/index.md"} for listing in LISTINGS),
        {"检索": "search.md"},
        {"关于": "about.md"},
    ]


def not_in_nav() -> list[str]:
    """Document pages and the per-year/place/topic lists are reached from the index pages; keeping them out
    of the navigation keeps every page's HTML small however large the archive grows."""
    from ..listings import LISTINGS

    return ["/documents/**", *(f"/{listing.folder}/**" for listing in LISTINGS)]


def packaged_theme() -> str:
    from importlib import resources

    return str(resources.files("policy_archive").joinpath("theme"))


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


class ArchivePlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self._prerendered: Prerendered | None = None  # this build's worker processes converting document pages
        self._renderers = Renderers()  # this build's forked copies rendering document pages
        self._nav = None

    def on_config(self, config):
        from pathspec.gitignore import GitIgnoreSpec

        from ..schema import LABELS, card_fields

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
        self._stop_prerendering()
        pages = pages_to_build(files, config)
        if parallel(config, len(pages)) and pages:
            self._prerendered = Prerendered(pages, config)
        return files

    def on_nav(self, nav, config, files):
        self._renderers.children.clear()
        self._nav = nav
        return nav

    def on_env(self, env, config, files):
        """Fork the processes that render a share of the document pages each (parallel_pages.Renderers)."""
        self._stop_prerendering()  # (every worker result is taken: no thread of the pool may be running when we fork)
        self._renderers.start(self._nav, env, config, files)
        return env

    def on_page_read_source(self, page, config):
        """A document page converted by a worker: its HTML, table of contents and front matter come from there
        (the worker reads the front matter to find the Markdown: parsing it again here was a second YAML parse of
        every document), and MkDocs is given an empty source, with nothing to parse or convert."""
        taken = self._prerendered.take(page) if self._prerendered is not None else None
        if taken is None:
            return None
        html, tokens, meta = taken
        page.archive_prerendered = (html, tokens)
        page.archive_meta = meta
        return ""

    def on_page_markdown(self, markdown, page, config, files):
        if "archive_meta" in page.__dict__:
            page.meta = page.__dict__.pop("archive_meta")
        page.meta = page_meta(page.meta)
        if page.file.src_uri.startswith(GENERATED_LISTS) or page.file.src_uri == "index.md":
            markdown = stash_tables(markdown, page)
        if "archive_prerendered" in page.__dict__:
            # MkDocs' own conversion gets nothing to do; on_page_content puts the worker's HTML in place.
            page.render = types.MethodType(_render_nothing, page)
            return ""
        return markdown

    def on_page_content(self, html, page, config, files):
        prerendered = page.__dict__.pop("archive_prerendered", None)  # (not kept: page.content holds the HTML)
        if prerendered is not None:
            from mkdocs.structure.toc import get_toc

            html, tokens = prerendered
            page.toc = get_toc(tokens)
        html = put_tables_back(html, page)
        if is_document(page.file):
            html = fence_relations(drop_anchor_links(html))
        escape_title(html, page)
        describe(page, config)
        return set_text_aside(html, page) if is_document(page.file) else html

    def on_post_page(self, output, page, config):
        if page.meta.get("template") == RENDERED_ELSEWHERE:
            return ""  # (another process wrote this page; MkDocs writes no empty output)
        return without_indentation(put_text_back(output, page))

    def on_post_build(self, config):
        self._stop_prerendering()
        self._nav = None
        self._renderers.wait()

    def on_build_error(self, error):
        """A failed build leaves no worker processes behind (the error itself is MkDocs' to report)."""
        self._stop_prerendering()
        self._nav = None
        self._renderers.wait(kill=True)

    def _stop_prerendering(self) -> None:
        if self._prerendered is not None:
            self._prerendered.stop()
            self._prerendered = None

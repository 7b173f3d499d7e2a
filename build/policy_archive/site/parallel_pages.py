"""Document pages made in other processes, for a large archive: their Markdown converted by worker processes
while MkDocs reads them (Prerendered), and their templates rendered by forked copies of MkDocs (Renderers). The
plugin (plugin.py) holds one of each per build; whether to use them is plan.py's to say (PRERENDER_MIN_PAGES,
RENDERER_MAX_PAGES).

Converted elsewhere: MkDocs converts every page's Markdown in one process before it renders any template. For an
archive of thousands of documents that conversion is the larger half of the build, and it is the same work for
every page: worker processes convert the document pages (one Markdown instance each, configured as MkDocs
configures its own) while MkDocs reads them, and the hook hands MkDocs the finished HTML and table of contents.
Document pages contain no links for MkDocs to rewrite (the listings link to them with final URLs), so the HTML is what
MkDocs itself would make; a test compares the two byte for byte.

Rendered elsewhere: once every page is read and converted, MkDocs renders the theme's template page after page in
one process: half of a large build, with the other core idle. At that point (on_env) the pages need nothing from
one another, so the document pages are shared out: a forked copy of the MkDocs process renders and writes its share
with MkDocs' own _build_page (the same context, the same hooks, so the same bytes; a test compares the sites),
while MkDocs renders the rest and, for the pages given away, an empty template that it does not write. A forked
copy holds as its own every page of memory it touches: above RENDERER_MAX_PAGES document pages one process does it
all (at 100,000 the MkDocs process alone is 3.4 GB). Not in strict mode: a warning logged in another process would
not fail the build."""

from __future__ import annotations

import logging
import os
import posixpath
import re
import threading

from .. import plan
from .page_html import is_document

#: The empty template (theme/) of a page that another process renders and writes.
RENDERED_ELSEWHERE = "archive-rendered-elsewhere.html"
#: Processes that render document pages' templates, this one included, at most.
_RENDERERS_MAX = 4


def pages_to_build(files, config) -> list:
    """The document pages MkDocs builds in this run."""
    pages = [f for f in files.documentation_pages() if is_document(f)]
    if config["extra"].get("archive_dirty"):
        # A dirty build reads only the pages whose Markdown is newer than their HTML (MkDocs' own test).
        pages = [f for f in pages if f.is_modified()]
    return pages


def parallel(config, pages: int) -> bool:
    """Settings.prerender: False never, True always, None from plan.PRERENDER_MIN_PAGES pages on (and 2 cores)."""
    switch = config["extra"].get("archive_prerender")
    return switch is True or (switch is None and pages >= plan.PRERENDER_MIN_PAGES and plan.cores() > 1)


# --- Markdown converted in worker processes ---------------------------------------------------------------------
class Prerendered:
    """The document pages of one build, converted by worker processes in the order MkDocs reads them."""

    def __init__(self, pages: list, config) -> None:
        from ..processes import process_pool

        extensions = list(config["markdown_extensions"])
        configs = dict(config["mdx_configs"] or {})
        jobs = [(f.src_uri, f.abs_src_path, extensions, configs, config["use_directory_urls"]) for f in pages]
        self._pool = process_pool(os.cpu_count() or 2)
        self._results = self._pool.map(render_markdown_page, jobs, chunksize=16)

    def take(self, page):
        """The next worker result, which is this page's (MkDocs reads pages in the order of `files`): (HTML,
        table-of-contents tokens, front matter), or None for a page that is not a document."""
        if not is_document(page.file):
            return None
        src_uri, html, tokens, meta = next(self._results)
        if src_uri != page.file.src_uri:
            raise RuntimeError(f"pre-rendered {src_uri} arrived for {page.file.src_uri}")
        return html, tokens, meta

    def stop(self) -> None:
        self._pool.shutdown()


#: The Markdown instance of a worker process, made for its first page and reset between pages. The worker's own
#: (each process has one); what configures it comes with every job, so nothing of the plugin's is kept here.
_worker_markdown = None


def render_markdown_page(job: tuple) -> tuple[str, str, list, dict]:
    """In a worker process: one page's Markdown, without its front matter, to HTML with the extensions MkDocs is
    configured with. (page, absolute path, extensions, configs, directory URLs) -> (page, HTML, table-of-contents
    tokens, front matter as MkDocs reads it)."""
    global _worker_markdown
    import markdown
    from mkdocs.utils import meta as front_matter

    src_uri, path, extensions, configs, directory_urls = job
    if _worker_markdown is None:
        _worker_markdown = markdown.Markdown(extensions=extensions, extension_configs=configs)
    with open(path, encoding="utf-8-sig", errors="strict") as handle:
        source, meta = front_matter.get_data(handle.read())
    _worker_markdown.reset()
    html = _worker_markdown.convert(source)
    docs_dir = path[: -len(src_uri)] if path.endswith(src_uri) else None
    if docs_dir:
        html = page_links_to_urls(html, src_uri, docs_dir, directory_urls)
    return src_uri, html, getattr(_worker_markdown, "toc_tokens", []), meta


#: A link of converted Markdown to another page of docs/, relative: href="B.md", "../series/S.md#changes-X".
_MD_LINK = re.compile(r'href="((?![a-z][a-z0-9+.-]*:|/|#)[^"#?]+\.md)(#[^"]*)?"', re.IGNORECASE)


def page_links_to_urls(html: str, src_uri: str, docs_dir: str, directory_urls: bool = True) -> str:
    """What MkDocs does to a page's links while it renders it, for a page converted in a worker: a relative
    link to a Markdown file of docs/ becomes the URL of its page, relative to this page's (B.md -> ../B/ with
    directory URLs); a link to a file that is not there is left as written, as MkDocs leaves it."""
    from urllib.parse import quote, unquote

    from ..pages import relative_url

    base = posixpath.dirname(src_uri)

    def to_url(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(base, unquote(match.group(1))))
        if target.startswith("../") or not os.path.isfile(os.path.join(docs_dir, target)):
            return match.group(0)
        anchor = match.group(2) or ""
        if directory_urls:
            url = relative_url(src_uri, target) or "./"
        else:
            url = posixpath.relpath(target[: -len(".md")] + ".html", base or ".")
        return f'href="{quote(url, safe="/.-_~")}{anchor}"'

    return _MD_LINK.sub(to_url, html)


# --- templates rendered in forked copies of MkDocs --------------------------------------------------------------
class Renderers:
    """The forked copies of MkDocs that render a share of the document pages each (see above)."""

    def __init__(self) -> None:
        self.children: list[int] = []

    def start(self, nav, env, config, files) -> None:
        """Fork the copies, if this build is to have them; the pages given to them get the empty template."""
        pages = [f.page for f in pages_to_build(files, config) if f.page is not None]
        processes = min(plan.cores(), _RENDERERS_MAX)
        if nav is None or processes < 2 or not parallel(config, len(pages)) or len(pages) > plan.RENDERER_MAX_PAGES:
            return
        if config["strict"] or not hasattr(os, "fork") or threading.active_count() > 1:
            return  # (a thread of this process, `mkdocs serve`'s server say, could hold a lock the copy needs)
        build_log = logging.getLogger("mkdocs.commands.build")
        if not any(isinstance(f, _GivenAway) for f in build_log.filters):
            build_log.addFilter(_GivenAway())
        from mkdocs.structure.files import InclusionLevel

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        dirty = bool(config["extra"].get("archive_dirty"))
        for k in range(1, processes):
            share = pages[k::processes]
            if not share:
                continue
            pid = os.fork()
            if pid == 0:
                _render_and_exit(share, config, doc_files, nav, env, dirty)
            self.children.append(pid)
            for page in share:
                page.meta["template"] = RENDERED_ELSEWHERE
                page.__dict__.pop("archive_text", None)  # (the child has it)

    def wait(self, kill: bool = False) -> None:
        """Wait for every copy to end (`kill`: end them first); one that failed fails the build."""
        import signal

        failed = []
        children, self.children = self.children, []
        for pid in children:
            if kill:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:  # (it ended and was reaped: nothing to stop)
                    continue
            _, status = os.waitpid(pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                failed.append(os.waitstatus_to_exitcode(status))
        if failed and not kill:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"rendering document pages in another process failed (exit code {failed[0]}; its error is above)")


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

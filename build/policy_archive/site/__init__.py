"""Build the static site: MkDocs (Material) -> Pagefind index -> raw source files.

``build_site(config_file, docs_dir, site_dir, sources)`` is called by ``policy-archive build`` after it has
written ``docs/``.  It

1. runs the real MkDocs build in a child interpreter (mkdocs_run.py), so that the memory MkDocs holds for a large
   archive is given back before Pagefind starts; the archive's MkDocs plugin (plugin.py) escapes untrusted front
   matter and, for a large archive, has the document pages made in other processes (parallel_pages.py);
2. removes the Material assets this site never loads (lunr search, its workers, source maps), and makes the 404
   page find the site's root wherever it is published (not_found.py);
3. indexes the document pages with Pagefind (pagefind.py) into ``pagefind/``, or for a large archive into shards
   ``pagefind/``, ``pagefind-1/``… indexed side by side and merged by the search page; then writes from Pagefind's
   files the search page's first view and prefetch lists (pagefind_files.py, the only module that reads them);
4. copies each raw source file into ``site_dir`` at its site-relative target path (raw_sources.py: only text,
   Markdown, .docx and .pdf targets, never a page a browser would render from our origin), while Pagefind runs.

A build over a finished site rebuilds only what changed, by the stamp it left beside it (state.py).
Every failure raises :class:`SiteBuildError` with a message saying which step failed.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..plan import SHARD_PAGES, shard_count
from .errors import SiteBuildError
from .minify import minify_scripts
from .mkdocs_run import run_mkdocs, run_mkdocs_in_child
from .not_found import has_site_url, publish_404, publish_without_site_url, relocatable_404
from .pagefind import (
    bundle_paths,
    index_documents,
    page_state,
    pagefind_executable,
    remove_unused_pagefind_files,
    run_pagefind,
    shard_of,
)
from .pagefind_files import SUMMARY_FILE, search_summary, write_prefetch_lists, write_search_page_files, write_search_summary
from .raw_sources import ALLOWED_SOURCE_SUFFIXES, check_source_target, copied_sources, copy_sources
from .state import STAMP_SUFFIX, read_stamp, remove_stale_files, remove_stale_pages, site_stamp, stamp_path, write_stamp

__all__ = [
    "ALLOWED_SOURCE_SUFFIXES",
    "SHARD_PAGES",
    "STAMP_SUFFIX",
    "SUMMARY_FILE",
    "SiteBuildError",
    "build_site",
    "check_source_target",
    "copy_sources",
    "index_documents",
    "page_state",
    "pagefind_executable",
    "read_stamp",
    "relocatable_404",
    "remove_stale_pages",
    "run_mkdocs",
    "run_pagefind",
    "search_summary",
    "shard_count",
    "shard_of",
    "stamp_path",
    "write_search_summary",
    "write_stamp",
]

log = logging.getLogger(__name__)

#: Material ships these for its own lunr search and for debugging; this site uses Pagefind and never loads them.
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")


# (Longer than 60 lines by its signature and its docstring, which says what an incremental build keeps: the body
# is about 35 lines, each step a call.)
def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    sources: list[tuple[Path, str, str]],
    *,
    shard_pages: int = SHARD_PAGES,
    site_url: str | None = None,
    prerender: bool | None = None,
    previous: dict | None = None,
    stamp_docs: Path | None = None,
    beside_search: Callable[[], None] | None = None,
) -> dict:
    """Build the whole static site into ``site_dir`` (MkDocs, then Pagefind, with the raw sources copied beside it)
    and return its stamp (see read_stamp), which the caller writes once the site is in place.

    ``site_url`` overrides the configuration's; ``prerender`` (None: from plan.PRERENDER_MIN_PAGES pages)
    makes MkDocs convert the document pages in worker processes.

    ``previous``: the stamp of the finished build ``site_dir`` holds (None: build every page). When it was made with
    the same ``site_stamp``, MkDocs builds again only the pages whose Markdown changed (docs/ is written file by file
    only where a file's bytes change, so an unchanged page keeps its time), the pages whose Markdown is gone are
    removed, and Pagefind indexes again only the shards whose pages changed. Anything else (configuration,
    overrides, this package, MkDocs, Material, site address, number of search shards, the docs folder
    ``stamp_docs``, by default ``docs_dir``) makes a clean build.

    ``beside_search``: work on the finished pages' folders that Pagefind does not read (the archive's data files
    and downloads), run while it indexes.

    Raises :class:`SiteBuildError` on any failure.
    """
    site_dir = Path(site_dir)
    # Validate every raw source target before the (slow) build, so a bad name fails fast.
    sources = list(sources)
    for _src, target, _sha in sources:
        check_source_target(target)
    documents = len(list(Path(docs_dir, "documents").glob("*.md")))
    bundles = bundle_paths(shard_count(documents, shard_pages))
    stamp = site_stamp(config_file, site_url, bundles, stamp_docs or docs_dir)
    dirty = bool(previous and previous.get("site") == stamp and (site_dir / "index.html").is_file())
    t0 = time.perf_counter()
    extra = {"pagefind_bundles": bundles, "archive_prerender": prerender}
    run_mkdocs_in_child(Path(config_file), Path(docs_dir), site_dir, extra, site_url, dirty=dirty)
    targets = {target: sha256 for _, target, sha256 in sources}
    kept = copied_sources(previous) if dirty else {}
    if dirty:
        removed = remove_stale_files(Path(docs_dir), site_dir, sorted(set(kept) - set(targets)), bundles)
        log.info("incremental build: pages whose Markdown changed built again, %d stale page(s) removed", removed)
    remove_unused_assets(site_dir)
    minify_scripts(site_dir)
    if has_site_url(site_dir):
        publish_404(site_dir)
    else:
        publish_without_site_url(site_dir)
    t1 = time.perf_counter()
    shards = previous.get("shards") if dirty else None
    shard_states, (n, copying), t2 = _search_and_sources(
        site_dir, sources, kept, bundles, documents, shard_pages, shards if isinstance(shards, dict) else None, beside_search
    )
    t3 = time.perf_counter()
    log.info(
        "site built in %.2fs (mkdocs %.2fs%s, pagefind %.2fs, %d raw sources %.2fs beside it)",
        t3 - t0,
        t1 - t0,
        ", incremental" if dirty else "",
        t2 - t1,
        n,
        copying,
    )
    return {"site": stamp, "shards": shard_states, "sources": dict(sorted(targets.items()))}


def _search_and_sources(
    site_dir, sources, kept, bundles, documents, shard_pages, shards, beside_search
) -> tuple[dict, tuple[int, float], float]:
    """The search index and what the search page reads beside it, with the raw sources copied and `beside_search`
    run meanwhile: (the shards' page states, (raw sources copied, seconds it took), when the search was done)."""
    # Pagefind reads only the pages' HTML: the raw sources are copied, and `beside_search` (the archive's data
    # files and downloads) run, in a thread while it indexes (this process only waits on Pagefind's).
    with ThreadPoolExecutor(max_workers=1) as beside:
        copied = beside.submit(_timed, copy_sources, site_dir, sources, kept)
        extra = beside.submit(beside_search) if beside_search is not None else None
        written, shard_states = index_documents(site_dir, shard_pages, shards)
        if written != bundles:
            raise SiteBuildError(
                f"the search page expects the Pagefind bundles {bundles} for {documents} document pages, but Pagefind wrote {written}"
            )
        write_prefetch_lists(site_dir, written)
        summary = write_search_summary(site_dir, written)
        log.info("search summary: %d bytes (%s)", summary, SUMMARY_FILE)
        log.info("search page: %d bytes of the bundles' chunk bounds in its HTML", write_search_page_files(site_dir, written))
        remove_unused_pagefind_files(site_dir, written)
        searched = time.perf_counter()
        copying = copied.result()
        if extra is not None:
            extra.result()
    return shard_states, copying, searched


def _timed(function, *args, **kwargs):
    """(function's result, seconds it took)."""
    started = time.perf_counter()
    return function(*args, **kwargs), time.perf_counter() - started


def remove_unused_assets(site_dir: Path) -> None:
    for rel in UNUSED_ASSETS:
        shutil.rmtree(Path(site_dir) / rel, ignore_errors=True)
    for source_map in Path(site_dir, "assets").rglob("*.map"):
        source_map.unlink()

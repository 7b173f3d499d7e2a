"""How a build of a given size is run: every threshold that decides whether work goes to other processes, how
much at a time, and what a shard holds, in one place with the measurement behind it. The modules that do the work
ask here; ``processes`` holds the means (fork, pools, a function run in a forked child)."""

from __future__ import annotations

import os

# --- conversion (pipeline) ----------------------------------------------------------------------------------------
#: Below this many sources to convert, starting worker processes costs more than it saves.
PARALLEL_MIN_SOURCES = 200
#: A source that takes longer than this to convert is a runaway (deeply nested or pathological input): it becomes
#: a rejection instead of holding up the build.
SECONDS_PER_SOURCE = 60

# --- docs/ (write) ------------------------------------------------------------------------------------------------
#: Below this many documents, forking workers costs more than the pages do. (Measured 2026-12-04 on 2 cores, the
#: bench's real documents: 300 documents 1.1–1.4 s in one process, 0.8–0.9 s in two; 979 documents 2.9–3.8 s
#: against 1.5–1.8 s.)
PARALLEL_MIN_DOCUMENTS = 200
#: Above this many, the workers cost more memory than the time they save is worth: a forked worker shares the
#: documents' memory only until it touches them (CPython writes a reference count into every object it reads), and
#: every worker reads all of them. At 91,861 documents the two workers came to hold 4.1 and 1.6 GB (PSS) beside the
#: parent's 2.2 GB, for 121 s of pages.
PARALLEL_MAX_DOCUMENTS = 25_000
#: Document pages are made in this many parts, so that the workers finish at about the same time.
DOCUMENT_CHUNKS = 8

# --- the site: MkDocs (mkdocs_plugin) ---------------------------------------------------------------------------
#: From this many document pages, MkDocs converts their Markdown in worker processes.
PRERENDER_MIN_PAGES = 200
#: Up to this many document pages, a forked copy of MkDocs renders half of them (more would cost more memory than
#: the time it saves, as for PARALLEL_MAX_DOCUMENTS).
RENDERER_MAX_PAGES = 25_000

# --- the site: Pagefind (site) ----------------------------------------------------------------------------------
#: Pagefind holds about 0.65 MB per page while it indexes: past this many document pages the index is built in
#: shards (pagefind/, pagefind-1/, …) that the search page merges, so memory stays bounded. Not fewer: a query
#: loads a chunk of every shard's index (at 10,000 documents, 8 shards cost 1.17 MB, 4 cost 0.74 MB).
SHARD_PAGES = 2500
#: Shards are indexed side by side only while together they hold at most this many pages (about 1.6 GB). At 9,360
#: documents, indexing two shards of 2,285 pages side by side saved 4 s of 39 and raised the build's peak from 1.0
#: to 1.6 GB, since a Pagefind process keeps more than one core busy.
PARALLEL_INDEX_PAGES = 2500
#: The index is split for memory only (SHARD_PAGES), never to keep the builder's cores busy: every shard costs each
#: query a chunk of its index (issue 27: at 976 documents two shards cost a phone 43 KB of chunks before the first
#: result, one 21 KB: 0.4 s at 400 kbit/s), and the site would depend on the machine that built it.


def cores() -> int:
    return os.cpu_count() or 1


def conversion_workers(sources: int, workers: int | None = None) -> int:
    """Processes that convert `sources` sources (1: in this process)."""
    workers = workers if workers is not None else cores()
    return workers if workers > 1 and sources >= PARALLEL_MIN_SOURCES else 1


def page_workers(documents: int, workers: int | None = None) -> int:
    """Processes that make the files of docs/ for `documents` documents (1: in this process)."""
    workers = workers if workers is not None else cores()
    return workers if workers > 1 and PARALLEL_MIN_DOCUMENTS <= documents <= PARALLEL_MAX_DOCUMENTS else 1


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    """Pagefind bundles for `pages` document pages."""
    return max(1, -(-pages // shard_pages))


def parallel_shards(largest_shard: int) -> int:
    """Pagefind processes run side by side when the largest shard to index holds `largest_shard` pages."""
    return max(1, min(cores(), PARALLEL_INDEX_PAGES // max(largest_shard, 1)))

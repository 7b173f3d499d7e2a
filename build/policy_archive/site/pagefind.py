"""The search index: Pagefind run on the document pages (the ``pagefind_extended`` binary shipped in the
``pagefind[extended]`` wheel, which segments Chinese for ``<html lang="zh">``) into ``pagefind/``, or, for a large
archive, into shards ``pagefind/``, ``pagefind-1/``… indexed side by side and merged by the search page, which keeps
Pagefind's memory bounded. How many shards, and how many at a time, is plan.py's to say.

Pagefind is run as a subprocess (``pagefind_extended --site SITE``) rather than through the async Python API
(``pagefind.index.PagefindIndex.add_directory``): both drive the same binary and produce the same index; the
subprocess needs no event loop and was faster when measured (505 pages: 2.98 s against 4.04 s).

What is read back from the files Pagefind writes is pagefind_files.py's, not this module's."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import plan
from ..markers import RELATIONS_FENCE
from .errors import SiteBuildError

log = logging.getLogger(__name__)

#: Pagefind's ready-made interfaces, which this site does not use (its own search calls pagefind.js).
UNUSED_PAGEFIND_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


def pagefind_executable() -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, else the one shipped in the pagefind[extended] wheel."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - dependency missing
        raise SiteBuildError("the 'pagefind[extended]' Python package is not installed") from exc
    exe = get_executable()
    if exe is None or not Path(exe).exists():
        raise SiteBuildError("Pagefind binary not found (install 'pagefind[extended]')")
    return Path(exe)


def run_pagefind(site_dir: Path, *, output_subdir: str = "pagefind", output_dir: Path | None = None) -> str:
    """Index the document pages of ``site_dir`` with the Pagefind CLI into ``site_dir/<output_subdir>``
    (or ``output_dir``); return its log."""
    site_dir = Path(site_dir).resolve()
    exe = pagefind_executable()
    output = ["--output-path", str(Path(output_dir).resolve())] if output_dir else ["--output-subdir", output_subdir]
    # Only document pages carry data-pagefind-body: reading the other pages would only cost time.
    # ".headerlink": the "¶" permalinks of headings are not content.
    cmd = [str(exe), "--site", str(site_dir), *output, "--glob", "documents/**/*.html", "--exclude-selectors", ".headerlink"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SiteBuildError(f"Pagefind could not run ({' '.join(cmd)}): {exc}") from exc
    output = (proc.stdout or "") + (proc.stderr or "")
    if proc.returncode != 0:
        raise SiteBuildError(f"Pagefind failed with exit code {proc.returncode}:\n{output.strip()}")
    bundle = Path(output_dir) if output_dir else site_dir / output_subdir
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css"):
        if not (bundle / name).is_file():
            raise SiteBuildError(f"Pagefind did not write {bundle / name}:\n{output.strip()}")
    if "Indexed 0 pages" in output:
        log.warning("Pagefind indexed 0 pages (no page has data-pagefind-body)")
    return output


def bundle_paths(shard_count: int) -> list[str]:
    """Site-relative folders of the Pagefind bundles, the first one at Pagefind's usual place."""
    return ["pagefind/"] + [f"pagefind-{k}/" for k in range(1, shard_count)]


def shard_of(doc_id: str, count: int) -> int:
    """The shard of a document page: by a hash of its id, so adding a document changes one shard only."""
    return zlib.crc32(doc_id.encode("utf-8")) % count


def page_state(site_dir: Path, doc_id: str) -> str:
    """What says the part of a document page that Pagefind indexes is unchanged: a hash of the page up to its
    relations (what cites it, its series' neighbours: ignored by Pagefind). A document added to the archive
    changes the relations of the documents it cites and of its series, which lie in every shard; their text,
    card and title are the same, so their shards need no new index."""
    html = (Path(site_dir) / "documents" / doc_id / "index.html").read_bytes()
    end = html.find(RELATIONS_FENCE.encode())
    return hashlib.blake2b(html if end < 0 else html[:end], digest_size=16).hexdigest()


def index_documents(site_dir: Path, shard_pages: int = plan.SHARD_PAGES, previous: dict | None = None) -> tuple[list[str], dict]:
    """Pagefind index of the document pages, in shards of at most about ``shard_pages``.

    Returns the bundle folders and, for each, the state of its pages (``page_state``). Given the
    ``previous`` build's states, a bundle whose pages are all unchanged is kept as it is: a document
    added to a large archive costs one shard's indexing, not the whole archive's."""
    site_dir = Path(site_dir).resolve()
    pages = sorted(p.parent.name for p in (site_dir / "documents").glob("*/index.html"))
    count = plan.shard_count(len(pages), shard_pages)
    bundles = bundle_paths(count)
    if count == 1:
        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
        run_pagefind(site_dir)
        return bundles, {}
    shards = _shards(pages, count)
    states = {bundle: {doc_id: page_state(site_dir, doc_id) for doc_id in shard} for bundle, shard in zip(bundles, shards)}
    previous = previous or {}
    stale = [
        (bundle, shard)
        for bundle, shard in zip(bundles, shards)
        if previous.get(bundle) != states[bundle] or not (site_dir / bundle / "pagefind-entry.json").is_file()
    ]
    if len(stale) < count:
        log.info("Pagefind: %d of %d shards changed, the others kept", len(stale), count)
    # Up to one Pagefind process per core, within the memory budget; each is a separate program, so threads
    # suffice to wait on them.
    largest = max((len(shard) for _, shard in stale), default=1) or 1
    with ThreadPoolExecutor(max_workers=plan.parallel_shards(largest)) as pool:
        for future in [pool.submit(_index_shard, site_dir, b, s) for b, s in stale]:
            future.result()
    return bundles, states


def _shards(pages: list[str], count: int) -> list[list[str]]:
    """The document ids of each of `count` shards (by shard_of)."""
    shards: list[list[str]] = [[] for _ in range(count)]
    for doc_id in pages:
        shards[shard_of(doc_id, count)].append(doc_id)
    if not all(shards):  # a few pages may hash into fewer shards than wanted: Pagefind cannot index none
        size = -(-len(pages) // count)
        shards = [pages[i : i + size] for i in range(0, len(pages), size)]
    return shards


def _index_shard(site_dir: Path, bundle: str, shard: list[str]) -> None:
    # Pagefind names a page by its path below --site: a tree holding only this shard's pages
    # (hard links, no copies) gives the same URLs as the whole site.
    shutil.rmtree(site_dir / bundle, ignore_errors=True)
    # (named after the site folder, so that a killed build's leftover is removed with its staged site)
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=f".{site_dir.name.lstrip('.')}.pagefind-") as tmp:
        for doc_id in shard:
            target = Path(tmp, "documents", doc_id, "index.html")
            target.parent.mkdir(parents=True)
            source = site_dir / "documents" / doc_id / "index.html"
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
        run_pagefind(Path(tmp), output_dir=site_dir / bundle)


def remove_unused_pagefind_files(site_dir: Path, bundles: list[str]) -> None:
    for bundle in bundles:
        for name in UNUSED_PAGEFIND_FILES:
            (Path(site_dir) / bundle / name).unlink(missing_ok=True)

"""Build the static site: MkDocs (Material) -> Pagefind index -> raw source files.

``build_site(config_file, docs_dir, site_dir, sources)`` is called by ``policy-archive build`` after it has
written ``docs/``.  It

1. runs the real MkDocs build through its Python API (``mkdocs.config.load_config`` +
   ``mkdocs.commands.build.build``) in a child interpreter, so that the memory MkDocs holds for a large
   archive is given back before Pagefind starts; the plugin in ``mkdocs_plugin.py`` escape untrusted front
   matter and, for a large archive, convert the document pages' Markdown in worker processes
   (``render_markdown_page``);
2. removes the Material assets this site never loads (lunr search, its workers, source maps);
3. indexes the document pages with Pagefind (the ``pagefind_extended`` binary shipped in the
   ``pagefind[extended]`` wheel, which segments Chinese for ``<html lang="zh">``) into ``pagefind/`` — or,
   for a large archive, into shards ``pagefind/``, ``pagefind-1/``… indexed side by side and merged by the
   search page, which keeps Pagefind's memory bounded;
4. copies each raw source file into ``site_dir`` at its site-relative target path (e.g.
   ``sources/ID/003_x.txt``).  Raw sources are untrusted: a saved ``.html``/``.svg`` page served from our
   origin would run its scripts there, so only targets ending in ``.txt``, ``.txt.gz`` (a text source stored
   gzipped, see ``render.raw_path``), ``.md``, ``.docx`` or ``.pdf`` are accepted.

Every failure raises :class:`SiteBuildError` with a message saying which step failed.

Pagefind is run as a subprocess (``pagefind_extended --site SITE``) rather than through the async Python
API (``pagefind.index.PagefindIndex.add_directory``): both drive the same binary and produce the same
index; the subprocess needs no event loop and was faster when measured (505 pages: 2.98 s against 4.04 s).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import posixpath
import re
import shutil
import subprocess
import time
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from .staging import write_atomic

__all__ = [
    "ALLOWED_SOURCE_SUFFIXES",
    "SHARD_PAGES",
    "SiteBuildError",
    "build_site",
    "check_source_target",
    "copy_sources",
    "index_documents",
    "pagefind_executable",
    "run_mkdocs",
    "run_pagefind",
    "shard_count",
]

log = logging.getLogger(__name__)

#: Raw sources may only be published with these suffixes (served as text/plain, text/markdown or downloads,
#: never as HTML/SVG/XHTML that a browser would render from our origin).
ALLOWED_SOURCE_SUFFIXES = (".txt", ".txt.gz", ".md", ".docx", ".pdf")


class SiteBuildError(RuntimeError):
    """The site could not be built (MkDocs, Pagefind, or copying the raw sources failed)."""


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build")


def run_mkdocs(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    *,
    strict: bool | None = None,
    extra: dict | None = None,
    site_url: str | None = None,
    dirty: bool = False,
) -> None:
    """Run the real MkDocs build of ``docs_dir`` into ``site_dir`` with ``config_file``.

    ``extra`` is merged into the configuration's ``extra`` (what the templates read as ``config.extra``).
    ``dirty``: only pages whose Markdown is newer than their HTML are built again (see ``build_site``).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = Path(config_file).resolve()
    if not config_file.is_file():
        raise SiteBuildError(f"MkDocs config file not found: {config_file}")
    if not Path(docs_dir).is_dir():
        raise SiteBuildError(f"docs dir not found: {docs_dir}")
    overrides = {"docs_dir": str(Path(docs_dir).resolve()), "site_dir": str(Path(site_dir).resolve())}
    if strict is not None:
        overrides["strict"] = strict
    if site_url is not None:
        overrides["site_url"] = site_url
    try:
        cfg = load_config(str(config_file), **overrides)
        for key, value in (extra or {}).items():
            cfg["extra"][key] = value
        cfg["extra"]["archive_dirty"] = dirty
        # MkDocs warns that a dirty build may leave navigation stale: build_site only asks for one when
        # nothing but the Markdown of some pages changed (see site_stamp), so the warning does not apply.
        logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyWarning())
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except SystemExit as exc:  # mkdocs.exceptions.Abort is a SystemExit-like ClickException in some paths
        raise SiteBuildError(f"MkDocs build failed: {exc}") from exc
    except MkDocsException as exc:
        raise SiteBuildError(f"MkDocs build failed: {exc}") from exc
    except SiteBuildError:
        raise
    except Exception as exc:  # template errors (jinja2), YAML errors, OSError ...
        raise SiteBuildError(f"MkDocs build failed: {type(exc).__name__}: {exc}") from exc
    if not (Path(site_dir) / "index.html").is_file():
        raise SiteBuildError(f"MkDocs build produced no index.html in {site_dir}")


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


def check_source_target(target: str) -> PurePosixPath:
    """Validate a site-relative target path for a raw source file; return it as a PurePosixPath.

    Refuses absolute paths, ``..``, backslashes, empty parts, and any suffix other than
    :data:`ALLOWED_SOURCE_SUFFIXES` (case-insensitive): ``x.html`` must be given as ``x.html.txt``.
    """
    if not isinstance(target, str) or not target:
        raise SiteBuildError(f"raw source target must be a non-empty string, got {target!r}")
    if "\\" in target or "\x00" in target:
        raise SiteBuildError(f"raw source target contains a backslash or NUL: {target!r}")
    path = PurePosixPath(target)
    if path.is_absolute() or any(part in ("", ".", "..") for part in target.split("/")):
        raise SiteBuildError(f"raw source target must be a plain relative path inside the site: {target!r}")
    if not target.lower().endswith(ALLOWED_SOURCE_SUFFIXES):
        raise SiteBuildError(
            f"refusing to publish raw source as {target!r}: only {', '.join(ALLOWED_SOURCE_SUFFIXES)} may be "
            "served (an untrusted .html/.svg/.xhtml must be published as e.g. NAME.html.txt)"
        )
    if path.parts[0] in ("pagefind", "assets", "search"):
        raise SiteBuildError(f"raw source target would overwrite generated site files: {target!r}")
    return path


def copy_sources(site_dir: Path, sources: Iterable[tuple[Path, str, str]], kept: dict[str, str] | None = None) -> int:
    """Copy each ``(source path, site-relative target, sha256 of the converted bytes)`` into ``site_dir``; return the
    count. The site serves the bytes that were converted: a source whose bytes no longer have that digest (changed
    or removed while the build ran) fails the build.

    ``kept``: {target: sha256} of the copies the previous build made into this site (an incremental build); such a
    copy of the same bytes is left as it is."""
    site_dir = Path(site_dir).resolve()
    kept = kept or {}
    seen: dict[str, Path] = {}
    count = 0
    for src, target, sha256 in sources:
        rel = check_source_target(target)
        src = Path(src)
        key = str(rel).lower()
        if key in seen and seen[key] != src.resolve():
            raise SiteBuildError(f"two raw sources map to the same target {target!r}: {seen[key]} and {src}")
        dest = site_dir.joinpath(*rel.parts)
        if kept.get(target) == sha256 and dest.is_file():
            seen[key] = src.resolve()
            count += 1
            continue
        if key not in seen and dest.exists() and target not in kept:
            raise SiteBuildError(f"raw source target already exists in the built site: {target!r}")
        seen[key] = src.resolve()
        data = _converted_bytes(src, sha256)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            # (no name or time in a gzip header: the same source gives the same bytes)
            write_atomic(dest, gzip.compress(data, compresslevel=6, mtime=0) if packs(src, target) else data)
        except OSError as exc:
            raise SiteBuildError(f"could not copy raw source {src} to {dest}: {exc}") from exc
        count += 1
    return count


def _converted_bytes(src: Path, sha256: str) -> bytes:
    """The bytes of `src`, which must be those that were converted."""
    try:
        data = src.read_bytes() if src.is_file() else None
    except OSError:
        data = None
    if data is None:
        raise SiteBuildError(f"raw source {src} was removed while the build ran; build again（源文件在构建期间被删除，请重新构建）")
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SiteBuildError(
            f"raw source {src} changed while the build ran: the site would serve other bytes than those converted; build again"
            "（源文件在构建期间被修改，请重新构建）"
        )
    return data


def packs(src: Path, target: str) -> bool:
    """Whether the site's copy of `src` at `target` is its gzip (render.raw_path names text sources NAME.gz)."""
    return target.lower().endswith(".gz") and not src.name.lower().endswith(".gz")


#: Pagefind holds about 0.65 MB per page while it indexes: past this many document pages the index is built
#: in shards (pagefind/, pagefind-1/, …) that the search page merges, so memory stays bounded. Not fewer:
#: a query loads a chunk of every shard's index (at 10,000 documents, 8 shards cost 1.17 MB, 4 cost 0.74 MB).
SHARD_PAGES = 2500
#: Shards are indexed side by side only while together they hold at most this many pages (about 1.6 GB).
#: Measured again at 9,360 documents of today's lighter pages: 601 MB for a shard of 2,285 pages; indexing
#: two such shards side by side saved 4 s of 39 and raised the build's peak from 1.0 to 1.6 GB, since a
#: Pagefind process keeps more than one core busy. Kept at one at a time past this size.
PARALLEL_INDEX_PAGES = 2500
#: From this many document pages on, the index has at least one shard per core, indexed side by side:
#: a Pagefind process keeps about one and a half cores busy.
PARALLEL_SHARD_PAGES = 500


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    count = max(1, -(-pages // shard_pages))
    if pages >= PARALLEL_SHARD_PAGES:
        count = max(count, os.cpu_count() or 1)
    return count


#: Material ships these for its own lunr search and for debugging; this site uses Pagefind and never loads them.
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def bundle_paths(shard_count: int) -> list[str]:
    """Site-relative folders of the Pagefind bundles, the first one at Pagefind's usual place."""
    return ["pagefind/"] + [f"pagefind-{k}/" for k in range(1, shard_count)]


def run_mkdocs_in_child(
    config_file: Path, docs_dir: Path, site_dir: Path, extra: dict, site_url: str | None = None, dirty: bool = False
) -> None:
    """MkDocs in a fresh interpreter: the gigabyte it holds for a large archive is returned to the system
    before Pagefind starts, instead of staying in this process for the rest of the build."""
    import json
    import sys

    args = json.dumps(
        [str(Path(config_file).resolve()), str(Path(docs_dir).resolve()), str(Path(site_dir).resolve()), extra, site_url, dirty]
    )
    code = "import json, sys; from policy_archive.site import _mkdocs_main; _mkdocs_main(json.loads(sys.argv[1]))"
    proc = subprocess.run([sys.executable, "-c", code, args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SiteBuildError(
            proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"MkDocs build process failed (exit code {proc.returncode})"
        )


def _mkdocs_main(args: list) -> None:
    config_file, docs_dir, site_dir, extra, site_url, dirty = args
    _replace_files_instead_of_writing_into_them()
    try:
        run_mkdocs(Path(config_file), Path(docs_dir), Path(site_dir), extra=extra, site_url=site_url, dirty=dirty)
    except SiteBuildError as exc:
        print(str(exc).replace("\n", " "), file=__import__("sys").stderr)
        raise SystemExit(1) from None


def _replace_files_instead_of_writing_into_them() -> None:
    """MkDocs writes a page by opening its file for writing. In a staged site (staging.StagedFolder) that file is a
    hard link to the previous site's, which must stay as it was until the new site is in place: in this process,
    MkDocs' two writers remove the file first, so that a new one is written. (Its API has no hook for this.)"""
    from mkdocs import utils
    from mkdocs.structure.files import File

    if getattr(utils.write_file, "unlinks_first", False):
        return

    def unlinked_first(write):
        def replaced(source, output_path: str) -> None:
            _unlink_file(output_path)
            write(source, output_path)

        replaced.unlinks_first = True
        return replaced

    copy_file = File.copy_file

    def copy_replacing(file: File, dirty: bool = False) -> None:
        if not (dirty and not file.is_modified()) and not _same_file(file.abs_src_path, file.abs_dest_path):
            _unlink_file(file.abs_dest_path)
        copy_file(file, dirty)

    utils.write_file, utils.copy_file = unlinked_first(utils.write_file), unlinked_first(utils.copy_file)
    File.copy_file = copy_replacing


def _unlink_file(path: str) -> None:
    if os.path.isfile(path):
        os.unlink(path)
    if path.endswith("sitemap.xml"):  # (MkDocs opens its gzip for writing beside it)
        _unlink_file(path + ".gz")


def _same_file(source: str | None, target: str) -> bool:
    try:
        return source is not None and os.path.samefile(source, target)
    except OSError:
        return False


_worker_markdown = None


def render_markdown_page(job: tuple) -> tuple[str, str, list, dict]:
    """In a worker process (see mkdocs_plugin.on_files): one page's Markdown, without its front matter, to
    HTML with the extensions MkDocs is configured with. (page, absolute path, extensions, configs) ->
    (page, HTML, table-of-contents tokens, front matter as MkDocs reads it). One Markdown instance per
    worker, reset between pages."""
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

    from .pages import relative_url

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


def _timed(function, *args, **kwargs):
    """(function's result, seconds it took)."""
    started = time.perf_counter()
    return function(*args, **kwargs), time.perf_counter() - started


def remove_unused_assets(site_dir: Path) -> None:
    for rel in UNUSED_ASSETS:
        shutil.rmtree(Path(site_dir) / rel, ignore_errors=True)
    for source_map in Path(site_dir, "assets").rglob("*.map"):
        source_map.unlink()


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


def shard_of(doc_id: str, count: int) -> int:
    """The shard of a document page: by a hash of its id, so adding a document changes one shard only."""
    return zlib.crc32(doc_id.encode("utf-8")) % count


def page_state(site_dir: Path, doc_id: str) -> str:
    """What says the part of a document page that Pagefind indexes is unchanged: a hash of the page up to its
    relations (what cites it, its series' neighbours: ignored by Pagefind). A document added to the archive
    changes the relations of the documents it cites and of its series, which lie in every shard; their text,
    card and title are the same, so their shards need no new index."""
    from .mkdocs_plugin import RELATIONS_FENCE

    html = (Path(site_dir) / "documents" / doc_id / "index.html").read_bytes()
    end = html.find(RELATIONS_FENCE.encode())
    return hashlib.blake2b(html if end < 0 else html[:end], digest_size=16).hexdigest()


def index_documents(site_dir: Path, shard_pages: int = SHARD_PAGES, previous: dict | None = None) -> tuple[list[str], dict]:
    """Pagefind index of the document pages, in shards of at most about ``shard_pages``.

    Returns the bundle folders and, for each, the state of its pages (``page_state``). Given the
    ``previous`` build's states, a bundle whose pages are all unchanged is kept as it is: a document
    added to a large archive costs one shard's indexing, not the whole archive's."""
    site_dir = Path(site_dir).resolve()
    pages = sorted(p.parent.name for p in (site_dir / "documents").glob("*/index.html"))
    count = shard_count(len(pages), shard_pages)
    bundles = bundle_paths(count)
    if count == 1:
        shutil.rmtree(site_dir / "pagefind", ignore_errors=True)
        run_pagefind(site_dir)
        return bundles, {}
    shards: list[list[str]] = [[] for _ in range(count)]
    for doc_id in pages:
        shards[shard_of(doc_id, count)].append(doc_id)
    if not all(shards):  # a few pages may hash into fewer shards than wanted: Pagefind cannot index none
        size = -(-len(pages) // count)
        shards = [pages[i : i + size] for i in range(0, len(pages), size)]
    states = {bundle: {doc_id: page_state(site_dir, doc_id) for doc_id in shard} for bundle, shard in zip(bundles, shards)}
    previous = previous or {}
    stale = [
        (bundle, shard)
        for bundle, shard in zip(bundles, shards)
        if previous.get(bundle) != states[bundle] or not (site_dir / bundle / "pagefind-entry.json").is_file()
    ]
    if len(stale) < count:
        log.info("Pagefind: %d of %d shards changed, the others kept", len(stale), count)
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    def index_shard(bundle: str, shard: list[str]) -> None:
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

    # Up to one Pagefind process per core, within the memory budget; each is a separate program, so threads
    # suffice to wait on them.
    largest = max((len(shard) for _, shard in stale), default=1) or 1
    parallel = max(1, min(os.cpu_count() or 1, PARALLEL_INDEX_PAGES // largest))
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        for future in [pool.submit(index_shard, b, s) for b, s in stale]:
            future.result()
    return bundles, states


#: The search box fetches a bundle's whole word index when it gets focus if the index is at most this big (a
#: small archive, where every query needs the same chunk); a larger index is fetched chunk by chunk as words
#: are typed. Written to PREFETCH_FILE in each bundle after Pagefind has run, since chunk names are hashes.
PREFETCH_INDEX_BYTES = 96 * 1024
PREFETCH_FILE = "archive-prefetch.json"


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


def remove_unused_pagefind_files(site_dir: Path, bundles: list[str]) -> None:
    for bundle in bundles:
        for name in UNUSED_PAGEFIND_FILES:
            (Path(site_dir) / bundle / name).unlink(missing_ok=True)


def write_prefetch_lists(site_dir: Path, bundles: list[str]) -> None:
    """For each Pagefind bundle, the index chunks the search box may fetch before a word is typed."""
    import json

    for bundle in bundles:
        folder = Path(site_dir) / bundle
        chunks = sorted((folder / "index").glob("*.pf_index"))
        size = sum(chunk.stat().st_size for chunk in chunks)
        index = [f"index/{chunk.name}" for chunk in chunks] if size <= PREFETCH_INDEX_BYTES else []
        write_atomic(folder / PREFETCH_FILE, json.dumps({"index": index}).encode("utf-8"))


#: The search page's first view, written after Pagefind has run (SUMMARY_FILE in the first bundle): each filter's
#: values and counts, the province → city → county nesting and the first page of the listing without a query
#: (newest first), so that the page shows its selects and listing before anything is typed without Pagefind's
#: filter files and fragments (issue 12). Rewritten on every build, from the bundles as they are then.
SUMMARY_FILE = "archive-summary.json.gz"
#: Documents of the listing's first page (archive-search.js's PAGE_RESULTS).
SUMMARY_LISTING = 20
#: At most this many values of one filter, those on most documents (the rest: the client reads the filter's files
#: when the reader opens that select), so that the file stays small however many issuers the archive holds.
SUMMARY_VALUES = 300
#: Pagefind words of a document's text shown under a listed document (archive-search.js's plain_excerpt).
SUMMARY_EXCERPT_WORDS = 40
_JS_WHITESPACE = (
    " \t\n\r\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)


def _decode_cbor(data: bytes, at: int = 0) -> tuple[object, int]:
    """One CBOR value (the subset Pagefind writes: integers, strings, arrays, maps) and where it ends."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        return {20: False, 21: True}.get(info), at
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise ValueError("CBOR: unsupported length")
    if major == 0:
        return n, at
    if major == 1:
        return -1 - n, at
    if major == 2:
        return data[at : at + n], at + n
    if major == 3:
        return data[at : at + n].decode("utf-8"), at + n
    if major == 4:
        items = []
        for _ in range(n):
            item, at = _decode_cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(n):
            key, at = _decode_cbor(data, at)
            mapping[key], at = _decode_cbor(data, at)
        return mapping, at
    raise ValueError(f"CBOR: unsupported type {major}")


def _pagefind_file(path: Path) -> bytes:
    """A Pagefind file's content: gzip, then the signature Pagefind puts before it."""
    import gzip

    data = path.read_bytes()
    if not data.startswith(b"pagefind_dcd"):
        data = gzip.decompress(data)
    if not data.startswith(b"pagefind_dcd"):
        raise ValueError(f"{path}: not a Pagefind file")
    return data[12:]


def _bundle_index(folder: Path) -> dict:
    """The language index of a bundle that the search page loads (the one with most pages, as for lang zh)."""
    import json

    languages = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8")).get("languages") or {}
    if "zh" in languages:
        return languages["zh"]
    return sorted(languages.values(), key=lambda index: -index.get("page_count", 0))[0]


def search_summary(site_dir: Path, bundles: list[str]) -> dict:
    """What the search page shows before anything is typed, read from the Pagefind bundles: every filter's values
    with the number of documents holding each (sorted by value), the places nested province → city → county, and
    the listing's first SUMMARY_LISTING documents in the order archive-search.js lists them (its Catalog.byDate:
    by the 年份 filter, then by the page's place in its bundle's date sort; pages without a date last)."""
    import json

    site_dir = Path(site_dir)
    pages: list[dict] = []
    counts: dict[str, dict[str, int]] = {}
    for k, bundle in enumerate(bundles):
        folder = site_dir / bundle
        index = _bundle_index(folder)
        meta, _ = _decode_cbor(_pagefind_file(folder / f"pagefind.{index['hash']}.pf_meta"))
        own = [{"bundle": k, "hash": page[0], "values": {}, "year": "", "rank": -1.0} for page in meta[1]]
        for sort in meta[4]:
            if sort[0] == "date":
                for position, n in enumerate(sort[1]):
                    if n < len(own):
                        own[n]["rank"] = (position + 1) / len(sort[1])
        for _name, chunk in meta[3]:
            filter_name, entries = _decode_cbor(_pagefind_file(folder / "filter" / f"{chunk}.pf_filter"))[0]
            for value, members in entries:
                members = {n for n in members if n < len(own)}
                counts.setdefault(filter_name, {})[value] = counts.get(filter_name, {}).get(value, 0) + len(members)
                for n in sorted(members):
                    own[n]["values"].setdefault(filter_name, []).append(value)
                    if filter_name == "年份":
                        own[n]["year"] = value
        pages.extend(own)
    filters = {}
    truncated = []
    for name in sorted(counts):
        values = sorted((value, n) for value, n in counts[name].items() if n > 0)
        if len(values) > SUMMARY_VALUES:
            kept = {value for value, _ in sorted(values, key=lambda v: (-v[1], v[0]))[:SUMMARY_VALUES]}
            values = [v for v in values if v[0] in kept]
            truncated.append(name)
        filters[name] = [[value, n] for value, n in values]
    places: dict = {}
    for page in pages:
        values = page["values"]
        for province in values.get("省份", [""]):
            cities = places.setdefault(province, {})
            for city in values.get("城市", [""]):
                counties = cities.setdefault(city, set())
                counties.update(values.get("区县", []))
    nesting = [
        [province, [[city, sorted(counties)] for city, counties in sorted(cities.items())]] for province, cities in sorted(places.items())
    ]
    # archive-search.js's Catalog.byDate: dated pages first, then by year and rank, both descending; stable.
    ordered = sorted(pages, key=lambda p: (p["rank"] >= 0, p["year"], p["rank"]), reverse=True)
    listing = []
    for page in ordered[:SUMMARY_LISTING]:
        data = json.loads(_pagefind_file(site_dir / bundles[page["bundle"]] / "fragment" / f"{page['hash']}.pf_fragment"))
        meta = data.get("meta") or {}
        words = (data.get("content") or "").split("\u200b")
        entry = {"bundle": page["bundle"], "hash": page["hash"], "url": data.get("url") or ""}
        for field in ("title", "docno", "issuer", "date", "place"):
            if meta.get(field):
                entry[field] = meta[field]
        entry["excerpt"] = "".join(words[:SUMMARY_EXCERPT_WORDS]).strip(_JS_WHITESPACE)
        listing.append(entry)
    return {
        "version": 1,
        "bundles": list(bundles),
        "pages": len(pages),
        "filters": filters,
        "truncated": truncated,
        "places": nesting,
        "listing": listing,
    }


def write_search_summary(site_dir: Path, bundles: list[str]) -> int:
    """SUMMARY_FILE in the first bundle (see search_summary), JSON in gzip; its size in bytes. Deterministic:
    sorted, no time."""
    import gzip
    import json

    data = json.dumps(search_summary(site_dir, bundles), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path = Path(site_dir) / bundles[0] / SUMMARY_FILE
    # gzip as Pagefind's own files (a quarter of the JSON's size); no file name or time in it: the same bytes each build.
    write_atomic(path, gzip.compress(data.encode("utf-8"), compresslevel=9, mtime=0))
    return path.stat().st_size


#: What the site was built with, so that the next build can rebuild only what changed: beside the site's
#: folder, not in it (it lists every source, 1.4 MB at 10,000 documents, which would be published).
STAMP_SUFFIX = ".policy-archive-build.json"
#: Modules of this package that only turn sources into documents: what they change reaches the pages
#: through the Markdown, which the dirty build compares page by page.
_CONVERSION_ONLY = ("extract", "read.py", "clean.py", "pipeline.py", "cache.py", "sources.py")
#: Packages whose versions shape every page.
_THEME_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "policy-archive")


def site_stamp(config_file: Path, site_url: str | None, bundles: list[str], docs_dir: Path | None = None) -> str:
    """A digest of everything, besides a page's own Markdown, that shapes the pages: the configuration, the
    theme overrides, this package's code and templates (but the conversion's, whose changes reach a page
    through its Markdown), the versions of MkDocs, Material and Markdown, the
    site's address, the search bundles and the docs folder. Pages may be built again alone only while it is
    unchanged."""
    import hashlib
    from importlib import metadata

    digest = hashlib.sha256()
    config_file = Path(config_file).resolve()
    folders = [Path(__file__).resolve().parent]
    custom = re.search(r"^\s*custom_dir:\s*['\"]?([^'\"\s#]+)", config_file.read_text(encoding="utf-8"), re.M)
    if custom:
        folders.append(config_file.parent / custom.group(1))
    package = folders[0]

    def shapes_pages(path: Path, folder: Path) -> bool:
        return (
            path.is_file()
            and "__pycache__" not in path.parts
            and (folder != package or path.relative_to(package).parts[0] not in _CONVERSION_ONLY)
        )

    files = [config_file] + sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*") if shapes_pages(p, folder))
    for path in files:
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _THEME_PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    # Another docs folder's pages could be older than this site's and so never be built again.
    docs = Path(docs_dir).resolve() if docs_dir is not None else ""
    digest.update(f"{site_url}\0{' '.join(bundles)}\0{docs}".encode())
    return digest.hexdigest()


def stamp_path(site_dir: Path) -> Path:
    """The build's stamp of ``site_dir``: ``.NAME.policy-archive-build.json`` in its parent folder."""
    site_dir = Path(site_dir).resolve()
    return site_dir.with_name(f".{site_dir.name}{STAMP_SUFFIX}")


def read_stamp(site_dir: Path) -> dict | None:
    import json

    try:
        stamp = json.loads(stamp_path(site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def write_stamp(site_dir: Path, stamp: dict) -> None:
    import json

    write_atomic(stamp_path(site_dir), json.dumps(stamp, sort_keys=True).encode("utf-8"))


def site_page_sources(docs_dir: Path, page: Path) -> tuple[Path, ...]:
    """The Markdown files of docs/ a page of the site (a/b/index.html) can come from: a/b.md or a/b/index.md."""
    folder = page.parent
    if folder.parts == ():
        return (docs_dir / "index.md",)
    return (docs_dir.joinpath(*folder.parts).with_suffix(".md"), docs_dir.joinpath(*folder.parts, "index.md"))


#: Folders of the site that hold no MkDocs pages.
_NOT_PAGES = ("assets", "data", "sources", "search-data")


def remove_stale_pages(docs_dir: Path, site_dir: Path) -> int:
    """After a dirty build: the folder of every page whose Markdown is gone (a document no longer held, a
    listing page no longer needed), which MkDocs leaves in place when it does not clean the site."""
    docs_dir, site_dir = Path(docs_dir), Path(site_dir)
    removed = 0
    for html in sorted(site_dir.rglob("index.html")):
        page = html.relative_to(site_dir)
        if page.parts[0] in _NOT_PAGES or page.parts[0].startswith("pagefind"):
            continue
        if not any(md.is_file() for md in site_page_sources(docs_dir, page)):
            if page.parent.parts:
                shutil.rmtree(html.parent)
            else:
                html.unlink()
            removed += 1
    return removed


def remove_stale_files(docs_dir: Path, site_dir: Path, old_sources: Iterable[str], bundles: list[str]) -> int:
    """After a dirty build, what MkDocs leaves of the last build and this one no longer has: pages whose
    Markdown is gone, raw copies of sources no longer held, search bundles beyond the shards. Returns the
    number of pages removed."""
    removed = remove_stale_pages(docs_dir, site_dir)
    for target in old_sources:
        copy = site_dir / check_source_target(target)
        copy.unlink(missing_ok=True)
        for folder in copy.parents:  # (sources/ID/ of a document no longer held)
            if folder == site_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    for extra in site_dir.glob("pagefind*"):
        if extra.is_dir() and f"{extra.name}/" not in bundles:
            shutil.rmtree(extra)
    return removed


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

    ``site_url`` overrides the configuration's; ``prerender`` (None: from PRERENDER_MIN_PAGES pages)
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
    run_mkdocs_in_child(
        Path(config_file),
        Path(docs_dir),
        site_dir,
        {"pagefind_bundles": bundles, "archive_prerender": prerender},
        site_url,
        dirty=dirty,
    )
    targets = {target: sha256 for _, target, sha256 in sources}
    kept = _copied_sources(previous) if dirty else {}
    if dirty:
        removed = remove_stale_files(Path(docs_dir), site_dir, sorted(set(kept) - set(targets)), bundles)
        log.info("incremental build: pages whose Markdown changed built again, %d stale page(s) removed", removed)
    remove_unused_assets(site_dir)
    if not has_site_url(site_dir):
        publish_without_site_url(site_dir)
    t1 = time.perf_counter()
    # Pagefind reads only the pages' HTML: the raw sources are copied, and `beside_search` (the archive's data
    # files and downloads) run, in a thread while it indexes (this process only waits on Pagefind's).
    with ThreadPoolExecutor(max_workers=1) as beside:
        copied = beside.submit(_timed, copy_sources, site_dir, sources, kept)
        extra = beside.submit(beside_search) if beside_search is not None else None
        shards = previous.get("shards") if dirty else None
        written, shard_states = index_documents(site_dir, shard_pages, shards if isinstance(shards, dict) else None)
        if written != bundles:
            raise SiteBuildError(
                f"the search page expects the Pagefind bundles {bundles} for {documents} document pages, but Pagefind wrote {written}"
            )
        write_prefetch_lists(site_dir, written)
        summary = write_search_summary(site_dir, written)
        log.info("search summary: %d bytes (%s)", summary, SUMMARY_FILE)
        remove_unused_pagefind_files(site_dir, written)
        t2 = time.perf_counter()
        n, copying = copied.result()
        if extra is not None:
            extra.result()
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


def _copied_sources(stamp: dict) -> dict[str, str]:
    """{target: sha256} of the raw copies a stamp says its site holds (a stamp that lists no digests: none)."""
    listed = stamp.get("sources")
    if not isinstance(listed, dict):
        return {}
    return {target: sha for target, sha in listed.items() if isinstance(sha, str) and _publishable(target)}


def _publishable(target) -> bool:
    try:
        check_source_target(target)
    except SiteBuildError:
        return False
    return True

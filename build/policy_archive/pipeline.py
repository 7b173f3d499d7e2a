"""Conversion of a whole sources folder: each source read -> clean -> extract (+ its sidecar), in
worker processes for a large folder, then one page per distinct document with a stable id."""

from __future__ import annotations

import hashlib
import signal
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from . import plan
from .cache import CacheKey, ConversionCache
from .chinese import CJK
from .clean import clean
from .document import Document
from .extract import base_id, extract
from .processes import forked_map
from .read import ReadError, load_bytes, read_bytes
from .report import Outcome
from .site_furniture import EdgeFurniture, Page, edges, furniture_for, learn, site_of, strip
from .sources import SIDECAR_SUFFIX, apply_sidecar, discover, load_sidecar, read_sidecar


def _load_source(path: Path, sources_dir: Path, cache: ConversionCache | None, furniture: EdgeFurniture | None = None):
    """A source's bytes, format, name and sidecar corrections, and its key in the cache (None without one)."""
    data, fmt = load_bytes(path, sources_dir)
    rel = path.relative_to(sources_dir).as_posix()
    # The sidecar is read (once, bounded) and checked first: a bad sidecar is the source's rejection.
    corrections, sidecar_bytes = load_sidecar(path, sources_dir)
    key: CacheKey | None = cache.key(rel, data, sidecar_bytes, furniture.key() if furniture else b"") if cache else None
    return data, fmt, rel, corrections, key


def convert_one(path: Path, sources_dir: Path, cache: ConversionCache | None = None, furniture: EdgeFurniture | None = None) -> Document:
    """read -> clean (-> without the furniture its site teaches) -> extract (+ curator's sidecar). Raises
    ReadError with the reason for a rejection. The cache never makes one: an entry it cannot read or write
    is converted afresh (ConversionCache)."""
    data, fmt, rel, corrections, key = _load_source(path, sources_dir, cache, furniture)
    if cache and key and (doc := cache.get(key)) is not None:
        return doc
    cleaned = clean(read_bytes(data, rel, fmt))
    if furniture:
        cleaned = strip(cleaned, furniture)
    if not any(CJK.search(p) for p in cleaned.paragraphs) and not cleaned.evidence_for("title"):
        # (A page whose text is images but whose disclosure table names the document stays: its metadata.)
        raise ReadError("nothing but web-page furniture: no policy text is left after cleaning")
    doc = apply_sidecar(extract(cleaned), corrections)
    if cache and key:
        cache.put(key, doc)
    return doc


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def _with_time_budget(function, seconds: int):
    """Run `function` at most `seconds` (SIGALRM, in the main thread of a Unix process; otherwise plain)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        return function()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        return function()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


#: A source to convert: its path, the sources folder, the cache's folder (or None) and the furniture its
#: site teaches that it shows (or None; a job of three parts has none).
Job = tuple[Path, Path, "Path | None", "EdgeFurniture | None"]


def _unpacked(job: Job) -> tuple[Path, Path, Path | None, EdgeFurniture | None]:
    path, sources_dir, cache_dir, *furniture = job
    return path, sources_dir, cache_dir, (furniture[0] if furniture else None)


def _convert_source(job: Job) -> tuple[Outcome, Document | None]:
    """One source to its outcome (and document): the unit of work of a worker process."""
    path, sources_dir, cache_dir, furniture = _unpacked(job)
    rel = path.relative_to(sources_dir).as_posix()
    if path.name.startswith("."):
        return Outcome(rel, "ignored", reason="hidden file (its name starts with a dot), such as .DS_Store"), None
    if path.name.endswith(SIDECAR_SUFFIX):
        source = path.name[: -len(SIDECAR_SUFFIX)]
        why = f"sidecar of a sidecar ({source})" if source.endswith(SIDECAR_SUFFIX) else f"sidecar without its source file {source}"
        return Outcome(rel, "rejected", reason=why), None
    cache = ConversionCache(cache_dir) if cache_dir else None
    try:
        doc = _with_time_budget(lambda: convert_one(path, sources_dir, cache, furniture), plan.SECONDS_PER_SOURCE)
    except ReadError as exc:
        return Outcome(rel, "rejected", reason=str(exc)), None
    except _Timeout:
        return Outcome(
            rel,
            "rejected",
            reason=f"took more than {plan.SECONDS_PER_SOURCE} s to convert: a runaway source (too deeply nested or too repetitive)",
        ), None
    except RecursionError:
        return Outcome(rel, "rejected", reason="nested too deeply to convert"), None
    except MemoryError:
        return Outcome(rel, "rejected", reason="needed too much memory to convert"), None
    except FileNotFoundError:
        return Outcome(rel, "rejected", reason="removed while the build ran"), None
    except OSError as exc:  # (the file's own problem: permissions, an I/O error; never its text)
        return Outcome(rel, "rejected", reason=f"could not be read: {exc.strerror or type(exc).__name__}"), None
    except Exception as exc:  # a defect in the pipeline must not stop the archive: report it, without its text
        return Outcome(rel, "rejected", reason=f"internal error while converting this file ({type(exc).__name__}); please report it"), None
    return Outcome(rel, "converted", warnings=list(doc.warnings), doubtful=list(doc.doubtful), cached=bool(cache and cache.hits)), doc


def _cached(job: Job) -> tuple[Outcome, Document] | None:
    """A source's outcome and document from the conversion cache, or None if it must be converted (or
    rejected: the worker that converts it says why)."""
    path, sources_dir, cache_dir, furniture = _unpacked(job)
    if cache_dir is None or path.name.startswith(".") or path.name.endswith(SIDECAR_SUFFIX):
        return None
    cache = ConversionCache(cache_dir)
    try:
        _, _, rel, _, key = _load_source(path, sources_dir, cache, furniture)
    except Exception:  # (any problem is the worker's to report, with its reason)
        return None
    doc = cache.get(key) if key else None
    return (
        (Outcome(rel, "converted", warnings=list(doc.warnings), doubtful=list(doc.doubtful), cached=True), doc) if doc is not None else None
    )


def _load_dictionaries(paths: Iterable[Path] = ()) -> None:
    """The tables every conversion needs and that take a second to load (jieba's dictionary, regions),
    the patterns and automatons built from the knowledge tables, and the parsers the sources' formats
    need: loaded once before the workers are forked, they are shared instead of each worker building them."""
    from . import clean, extract, knowledge, read

    knowledge.preload()
    clean.preload()
    extract.preload()
    read.preload(read.TEXT_FORMATS.get(path.suffix.lower()) for path in paths)


def convert_all(
    sources_dir: Path,
    progress: Callable[[Iterable[Path]], Iterable[Path]] = iter,
    cache_dir: Path | None = None,
    workers: int | None = None,
) -> tuple[list[Document], list[Outcome]]:
    """Convert every source; a bad one is rejected with its reason and the rest still convert. Then the
    furniture each site teaches is learned from its pages, and the pages that show it converted again
    without it (site_furniture).

    Conversion is pure CPU work, so a large folder is converted by one worker process per core
    (`workers`, default: every core). Results keep the sources' order, so the output is the same.
    """
    paths, skipped = discover(sources_dir)
    jobs: list[Job] = [(path, sources_dir, cache_dir, None) for path in paths]
    results = _run(jobs, workers, progress)
    _without_site_furniture(jobs, results, workers)
    docs = [doc for _, doc in results if doc is not None]
    outcomes = [outcome for outcome, _ in results]
    outcomes += [Outcome(rel, status, reason=reason) for rel, status, reason in skipped]
    return assign_ids(docs, outcomes)


def _run(jobs: list[Job], workers: int | None, progress=iter) -> list[tuple[Outcome, Document | None]]:
    """Each job's outcome and document, in the jobs' order."""
    if plan.conversion_workers(len(jobs), workers) <= 1:
        return [_convert_source(job) for job, _ in zip(jobs, progress([job[0] for job in jobs]))]
    # Sources whose conversion is cached are read here: sending them through the workers would cost
    # more (each Document pickled across twice) than reading the cache does.
    results: list = [_cached(job) for job in jobs]
    todo = [k for k, result in enumerate(results) if result is None]
    if (processes := plan.conversion_workers(len(todo), workers)) > 1:
        _load_dictionaries(jobs[k][0] for k in todo)  # once, before the workers are forked: they share it
        for k, result in zip(todo, forked_map(_convert_source, [jobs[k] for k in todo], processes, chunksize=16)):
            results[k] = result
    else:
        for k in todo:
            results[k] = _convert_source(jobs[k])
    for _ in progress([job[0] for job in jobs]):
        pass
    return results


def _without_site_furniture(jobs: list[Job], results: list[tuple[Outcome, Document | None]], workers: int | None) -> None:
    """Learn each site's furniture from its converted pages; convert again, without it, the pages that show
    it at their edges (in place in `results`). A page whose conversion without it fails keeps its first one."""
    pages: dict[int, Page] = {}
    for k, (_, doc) in enumerate(results):
        site = doc and site_of(doc, _curated_site(jobs[k]))
        if site:
            pages[k] = Page(site, _content_key(doc), edges(doc))
    learned = learn(pages.values())
    again = {}
    for k, page in pages.items():
        if furniture := furniture_for(page.edges, learned.get(page.site)):
            path, sources_dir, cache_dir, _ = jobs[k]
            again[k] = (path, sources_dir, cache_dir, furniture)
    for k, result in zip(again, _run(list(again.values()), workers)):
        if result[1] is not None:
            results[k] = result


def _curated_site(job: Job) -> str | None:
    """The site a source's sidecar names, if it has one (a sidecar that cannot be read names none: the
    conversion has reported it)."""
    path, sources_dir = job[0], job[1]
    if not path.with_name(path.name + SIDECAR_SUFFIX).exists():
        return None
    try:
        site = read_sidecar(path, sources_dir).get("site")
    except ReadError:
        return None
    return site if isinstance(site, str) else None


def _content_key(doc: Document) -> str:
    """Documents with the same text are one; documents without text are each their own."""
    text = "\n".join(doc.paragraphs) or f"(no text) {doc.source.sha256}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assign_ids(docs: list[Document], outcomes: list[Outcome]) -> tuple[list[Document], list[Outcome]]:
    """Merge sources of one document; give distinct documents distinct, deterministic ids."""
    by_file = {o.file: o for o in outcomes}
    # The same document saved twice (even in two encodings) has the same cleaned text: one page.
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[_content_key(doc)].append(doc)
    unique: list[Document] = []
    for key in sorted(groups):
        copies = sorted(groups[key], key=lambda d: d.source.file)
        keep = copies[0]
        if len(copies) > 1:
            keep = replace(keep, evidence=keep.evidence + tuple(("duplicate_source", c.source.file) for c in copies[1:]))
        unique.append(keep)
    by_base: dict[str, list[Document]] = defaultdict(list)
    for doc in unique:
        by_base[base_id(doc.metadata)].append(doc)
    final: list[Document] = []
    for base, group in by_base.items():
        for doc in group:
            # Colliding documents each take a suffix from their own content, so an id never depends on
            # which other documents happen to be in the archive with it.
            doc_id = base if len(group) == 1 else f"{base}-{_content_key(doc)[:8]}"
            final.append(replace(doc, metadata={**doc.metadata, "id": doc_id}))
    for doc in final:
        by_file[doc.source.file].id = doc.metadata["id"]
        for copy in doc.evidence_for("duplicate_source"):
            by_file[copy].status = "duplicate"
            by_file[copy].id = doc.metadata["id"]
            by_file[copy].reason = f"same text as {doc.source.file}"
    final.sort(key=lambda d: d.metadata["id"])
    return final, outcomes

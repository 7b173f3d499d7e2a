"""The writer: every generated file of docs/ from the converted documents, and writing them."""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import plan
from .cache import pipeline_fingerprint
from .document import Document
from .exports import EXPORTS, write_sqlite
from .listings import LISTINGS, home_page
from .pages import render_page
from .processes import forked_map
from .relations import Relations
from .render import head_and_text_from, raw_path, render, text_taken_out, with_relations
from .report import Outcome, build_report, counts
from .schema import about_table
from .series import SeriesIndex
from .staging import partial_beside, write_atomic

log = logging.getLogger(__name__)

#: The content of a generated file: its text, or its text's pieces in order.
Content = str | Iterable[str]

# Folders of docs/ whose files the pipeline alone writes (stale ones are removed); it also writes
# index.md, search.md and about.md. Anything else in docs/ is left alone.
GENERATED_DIRS = ("documents", *(listing.folder for listing in LISTINGS), "data")


def generate(docs: list[Document], outcomes: list[Outcome], workers: int | None = None, heads: PageHeads | None = None) -> dict[str, str]:
    """Pure (but for `heads`, see generated_parts): every generated file of docs/, as {relative path: content}, in
    the order of `_parts`."""
    files: dict[str, str] = {}
    for _, part in sorted(generated_parts(docs, outcomes, workers, heads), key=lambda kv: kv[0]):
        files.update((path, _joined(content)) for path, content in part.items())
    return files


def _joined(content: Content) -> str:
    """A file's text from what a part made: the text, or its pieces (a large export streams them)."""
    return content if isinstance(content, str) else "".join(content)


def generated_parts(
    docs: list[Document], outcomes: list[Outcome], workers: int | None = None, heads: PageHeads | None = None
) -> Iterator[tuple[int, dict[str, Content]]]:
    """The generated files of docs/ part by part, (number of the part, {relative path: content}), as they are
    made: a writer can write each and let it go (a large archive's pages do not all wait in memory). A
    content is a str, or (made in this process) an iterator of its pieces, which a writer streams.

    The parts (chunks of document pages, each listing, each export, the other pages) do not depend on one
    another: from PARALLEL_MIN_DOCUMENTS documents they are made in `workers` processes (default: one per
    core) forked with the documents in memory, and come largest first. The same files either way.

    With `heads` (the last build's, see PageHeads), a document page whose document is unchanged keeps its head
    and only its relations are made again; `heads` then holds this build's, for PageHeads.save."""
    parts = _parts(docs, outcomes, heads)
    if (processes := plan.page_workers(len(docs), workers)) > 1:
        made = _in_workers(parts, processes)
    else:
        made = ((k, make()) for k, (_, make) in enumerate(parts))
    for k, part in made:
        if heads is not None and isinstance(part, DocumentPages):
            heads.rows.update(part.heads)
            heads.kept += part.kept
        yield k, part


def _parts(docs: list[Document], outcomes: list[Outcome], heads: PageHeads | None = None) -> list[tuple[str, Callable[[], dict[str, str]]]]:
    """(name, function of no argument making some files of docs/), in the order of the files."""
    relations, series_index = Relations(docs), SeriesIndex(docs)
    size = -(-len(docs) // plan.DOCUMENT_CHUNKS) or 1

    def pages(chunk: list[Document]):
        if heads is not None:
            return lambda: heads.pages(chunk, relations, series_index)
        return lambda: {f"documents/{doc.metadata['id']}.md": render(doc, relations, series_index) for doc in chunk}

    def listing(build):
        return lambda: build(docs)

    def export(path, make):
        return lambda: {path: make(docs)}

    def others():
        return {
            "data/build-report.json": build_report(outcomes),
            "index.md": home_page(docs, counts(outcomes)["rejected"]),
            "search.md": render_page("search.md", "search.md"),
            "about.md": render_page("about.md", "about.md.j2", field_table=about_table()),
        }

    chunks = [("documents", pages(docs[i : i + size])) for i in range(0, len(docs), size)]
    return [
        *chunks,
        *((entry.folder, listing(entry.build)) for entry in LISTINGS),
        *((path, export(path, make)) for path, make in EXPORTS),
        ("pages", others),
    ]


#: Seconds each part took at 9,360 real documents (one CPU, 2026-12-04); parts are handed to the workers
#: largest first, so that the last to finish is a small one. Parts not named here took less than 0.2 s.
_PART_SECONDS = {
    "xref": 2.1,
    "series": 1.8,
    "data/documents.jsonl": 1.0,
    "targets": 0.8,
    "topics": 0.7,
    "data/catalog.json": 0.65,
    "years": 0.5,
    "documents": 0.45,
    "issuers": 0.34,
    "citations": 0.33,
    "places": 0.3,
    "stats": 0.28,
    "data/catalog.csv": 0.26,
    "units": 0.25,
}


_PARTS: list = []


def _make_part(k: int) -> dict[str, str]:
    # What a worker returns is pickled: pieces are joined first (document pages are whole already).
    part = _PARTS[k]()
    return part if isinstance(part, DocumentPages) else {path: _joined(content) for path, content in part.items()}


class DocumentPages(dict):
    """Document pages, {path: page}, their rows of PageHeads (`heads`, {id: row}) and how many kept their head."""

    def __init__(self, pages: dict[str, str], heads: dict[str, list], kept: int):
        super().__init__(pages)
        self.heads, self.kept = heads, kept


def document_key(doc: Document) -> str:
    """A digest of everything the document holds: its repr, which spells every field, nested dataclasses too. (Not
    its pickle: that depends on which equal strings happen to be one object, which differs between a document just
    converted and the same read back from the cache.)"""
    return hashlib.blake2b(repr(doc).encode("utf-8"), digest_size=16).hexdigest()


class PageHeads:
    """The document pages' heads (render.page_head: front matter, heading, text) that docs/ holds from the last build,
    so that a page whose document is unchanged is not rendered again: only its relations are, which depend on the
    rest of the archive (what cites it, its series). Adding a document to an archive of 10,000 so renders one head
    instead of 10,000 (about 7 s of CPU at 9,361 documents, 2026-12-04).

    A head is reused only where the document has the same document_key as the one the page was made from (the
    pipeline unchanged too) and docs/ still holds those head bytes (a digest of them): anything else is rendered
    afresh, so a reused page is the page render() makes. Kept in the conversion cache's folder, one file per docs
    folder: {"pipeline": fingerprint, "pages": {id: [document key, head bytes, head digest, text_from]}}."""

    def __init__(self, cache_dir: Path, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        folder = hashlib.blake2b(str(self.docs_dir.resolve()).encode(), digest_size=8).hexdigest()
        self.path = Path(cache_dir) / f"page-heads-{folder}.json"
        self.previous = self._load()
        self.rows: dict[str, list] = {}
        self.kept = 0  # pages whose head was reused

    def _load(self) -> dict:
        try:
            kept = json.loads(self.path.read_text(encoding="utf-8"))
            return kept["pages"] if kept.get("pipeline") == pipeline_fingerprint() else {}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def pages(self, docs: list[Document], relations: Relations, series_index: SeriesIndex) -> DocumentPages:
        pages, rows, kept = {}, {}, 0
        for doc in docs:
            doc_id = doc.metadata["id"]
            key = document_key(doc)
            head = self._kept(doc_id, key)
            if head is not None:
                kept += 1
                rows[doc_id] = self.previous[doc_id]  # (the same document, the same head)
                text_from = rows[doc_id][3]
            else:
                head, text_from = head_and_text_from(doc)
                data = head.encode("utf-8")
                rows[doc_id] = [key, len(data), hashlib.blake2b(data, digest_size=16).hexdigest(), text_from]
            pages[f"documents/{doc_id}.md"] = with_relations(head, text_from, doc, relations, series_index)
        return DocumentPages(pages, rows, kept)

    def _kept(self, doc_id: str, key: str) -> str | None:
        """The head docs/ holds for the document, if its row says it was made from this document and it still does."""
        row = self.previous.get(doc_id)
        if not _well_formed(row) or row[0] != key:
            return None
        _, length, digest, _ = row
        try:
            with (self.docs_dir / "documents" / f"{doc_id}.md").open("rb") as page:
                data = page.read(length)
        except OSError:
            return None
        if len(data) != length or hashlib.blake2b(data, digest_size=16).hexdigest() != digest:
            return None
        return data.decode("utf-8")

    def save(self) -> None:
        """This build's heads, for the next (written once docs/ holds them)."""
        kept = {"pipeline": pipeline_fingerprint(), "pages": dict(sorted(self.rows.items()))}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, (json.dumps(kept, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
        except OSError as exc:  # (the next build renders every page again: slower, never wrong)
            log.warning("could not keep the pages' heads in %s: %s", self.path, exc)


#: How a page may give back its text (render.text_in_markdown): a row saying anything else is not used, since the
#: value goes into the page's HTML.
_TEXT_FROM = (None, "heading", "body")


def _well_formed(row) -> bool:
    """Whether a row of the page-heads file has the shape PageHeads writes: it is read from a file anyone could edit."""
    return (
        isinstance(row, list)
        and len(row) == 4
        and isinstance(row[0], str)
        and isinstance(row[1], int)
        and not isinstance(row[1], bool)
        and 0 < row[1] <= 1 << 26
        and isinstance(row[2], str)
        and row[3] in _TEXT_FROM
    )


def _in_workers(parts: list, workers: int) -> Iterator[tuple[int, dict[str, str]]]:
    """Each part made in a forked worker (which inherits `parts` and the documents they close over), largest
    first: (number of the part, its files) as they come."""
    global _PARTS

    order = sorted(range(len(parts)), key=lambda k: -_PART_SECONDS.get(parts[k][0], 0.0))
    _PARTS = [make for _, make in parts]
    try:
        yield from zip(order, forked_map(_make_part, order, workers))
    finally:
        _PARTS = []


#: The list of the files of docs/ that the last build wrote (hidden: MkDocs does not publish it). A build removes a
#: file of docs/ only when this list holds it and the build no longer makes it, and overwrites a file only when this
#: list holds it or it already has the new bytes: a curator's own files in docs/ are never touched.
MANIFEST = ".policy-archive-manifest.json"
#: The pages outside GENERATED_DIRS that the pipeline writes.
GENERATED_PAGES = ("index.md", "search.md", "about.md")


class ForeignFileError(Exception):
    """A generated file would replace a file of docs/ that no build of this archive wrote."""


def read_manifest(docs_dir: Path) -> set[str]:
    """The files of docs/ the last build wrote. Without a manifest, a docs/ that an earlier version of the tool wrote
    (it holds data/build-report.json) is taken as wholly generated in GENERATED_DIRS, as that version treated it;
    any other docs/ as holding nothing generated."""
    try:
        listed = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))["files"]
        if isinstance(listed, list) and all(isinstance(rel, str) for rel in listed):
            return set(listed)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    if not (docs_dir / "data" / "build-report.json").is_file():
        return set()
    legacy = {rel for rel in GENERATED_PAGES if (docs_dir / rel).is_file()}
    for sub in GENERATED_DIRS:
        legacy.update(p.relative_to(docs_dir).as_posix() for p in (docs_dir / sub).rglob("*") if p.is_file() and not p.is_symlink())
    return legacy


def write_tree(docs_dir: Path, files: dict[str, str] | Iterable[tuple[int, dict[str, Content]]]) -> None:
    """Make docs_dir's generated part exactly `files` ({path: content}, or the parts of `generated_parts`,
    each written as it comes): unchanged files are not rewritten, files the last build wrote and this one does
    not are removed, and a file no build wrote is never replaced (ForeignFileError) or removed."""
    docs_dir.mkdir(parents=True, exist_ok=True)
    previous = read_manifest(docs_dir)
    parts = [(0, files)] if isinstance(files, dict) else files
    written: set[str] = set()
    folders: set[Path] = set()
    for _, part in parts:
        for rel, content in part.items():
            target = docs_dir / rel
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            data = content.encode("utf-8") if isinstance(content, str) else None
            if rel not in previous and (target.exists() or target.is_symlink()) and not _holds(target, data, content):
                raise ForeignFileError(
                    f"{target} was not written by policy-archive (it is not in {MANIFEST}) and would be replaced; "
                    f"move it, or give another --docs folder（{target} 不是本工具生成的文件，构建不会覆盖它：请移走，或另选 --docs 文件夹）"
                )
            if data is not None:
                write_if_changed(target, data)
            else:
                stream_if_changed(target, content)
            written.add(rel)
    write_if_changed(docs_dir / MANIFEST, (json.dumps({"files": sorted(written)}, ensure_ascii=False, indent=0) + "\n").encode("utf-8"))
    _remove_stale(docs_dir, previous - written)


def _holds(target: Path, data: bytes | None, content: Content) -> bool:
    """Whether `target` is a regular file that already holds what would be written (it may then be adopted). A
    streamed content is not compared (it would be consumed): such a file is only ever one the tool wrote."""
    return data is not None and target.is_file() and not target.is_symlink() and target.read_bytes() == data


def _remove_stale(docs_dir: Path, stale: set[str]) -> None:
    """Remove the files the last build wrote and this one does not, and the folders they leave empty."""
    emptied: set[Path] = set()
    for rel in sorted(stale):
        path = docs_dir / rel
        if (path.is_file() or path.is_symlink()) and inside_folder(path, docs_dir):
            path.unlink()
            emptied.update(p for p in path.parents if p != docs_dir and docs_dir in p.parents)
    for folder in sorted(emptied, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def inside_folder(path: Path, folder: Path) -> bool:
    """Whether `path` (itself not followed, if a link) lies below `folder`, its folders' links followed: an entry of
    a manifest never reaches outside docs/."""
    return Path(os.path.realpath(folder)) in Path(os.path.realpath(path.parent), path.name).parents


def write_if_changed(target: Path, data: bytes) -> None:
    """Write `data` unless `target` already holds it: an unchanged file keeps its time, which tells MkDocs'
    dirty build that its page need not be built again. A changed file is replaced, never written into (see staging)."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    write_atomic(target, data)


def stream_if_changed(target: Path, pieces: Iterable[str]) -> None:
    """write_if_changed for a file given piece by piece, never whole in memory: the pieces go to a file
    beside the target, which replaces the target only if their bytes differ."""
    partial = partial_beside(target)
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            out.writelines(pieces)
        if target.is_file() and filecmp.cmp(partial, target, shallow=False):
            partial.unlink()
        else:
            partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def raw_sources(docs: list[Document], sources_dir: Path) -> list[tuple[Path, str, str]]:
    """(source file, path in the site, sha256 of the bytes that were converted) for the raw copy each document
    page links to: the site must serve those bytes, whatever happened to the file since."""
    return [(sources_dir / doc.source.file, raw_path(doc), doc.source.sha256) for doc in docs]


# Binary exports are built into the site only: docs/ holds text that the tests compare byte for byte,
# and a SQLite file's bytes depend on the SQLite version that wrote it.
# The whole-archive files are served gzipped: uncompressed they were 16 KB a document, a fifth of the
# site, and at GitHub Pages' 1 GB they alone would cap the archive near 60,000 documents. The plain
# documents.jsonl stays in docs/data/ (the repository).


#: Files of docs/data/ the site serves only gzipped (MkDocs' plain copy is replaced): each grows with the whole
#: archive (catalog.json alone was 1.1 KB a document at 10,000; catalog.csv 0.5 KB, build-report.json 0.25 KB).
#: Their links carry data-archive-gunzip(-view): archive-page.js unpacks them in the browser, so that a
#: spreadsheet still receives catalog.csv and the build report shows as text.
WHOLE_ARCHIVE_FILES = ("documents.jsonl", "catalog.json", "catalog.csv", "build-report.json")


class SiteData:
    """The site's whole-archive exports, made from docs/data/documents.jsonl: archive.sqlite.gz, built in a
    thread from the moment this is made (MkDocs and Pagefind run in their own processes, this one only
    waits on them, so the database costs the build no time on a machine with a core to spare), then
    ``finish`` puts it into the site with documents.jsonl.gz and catalog.json.gz (which replace the plain
    copies MkDocs made)
    and each document's downloads. ``close`` removes the work folder whatever happened."""

    def __init__(self, docs_dir: Path, site_dir: Path):
        self.docs_dir, self.site_dir = Path(docs_dir), Path(site_dir)
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        # (named after the site folder, so that a killed build's leftover is removed with its staged site)
        self.work = Path(tempfile.mkdtemp(dir=self.site_dir.parent, prefix=f".{self.site_dir.name.lstrip('.')}.data-"))
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.database = self.pool.submit(self._database)

    def _database(self) -> tuple[Path, float]:
        started = time.perf_counter()
        sqlite = self.work / "archive.sqlite"
        write_sqlite(self.docs_dir / "data" / "documents.jsonl", sqlite)
        gzip_file(sqlite, self.work / "archive.sqlite.gz")
        return self.work / "archive.sqlite.gz", time.perf_counter() - started

    def finish(self) -> None:
        packed, seconds = self.database.result()
        started = time.perf_counter()
        data = self.site_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        shutil.move(packed, data / "archive.sqlite.gz")
        for name in WHOLE_ARCHIVE_FILES:
            gzip_file(self.docs_dir / "data" / name, data / f"{name}.gz")
            (data / name).unlink(missing_ok=True)
        write_site_texts(self.docs_dir, self.site_dir)
        log.info(
            "archive.sqlite built in %.2fs beside the site; data and downloads written in %.2fs", seconds, time.perf_counter() - started
        )

    def close(self) -> None:
        self.database.cancel()
        self.pool.shutdown(wait=True)
        shutil.rmtree(self.work, ignore_errors=True)


def _packed_after(page: Path, packed: Path) -> bool:
    """Whether `packed` was written after `page` last changed: then it holds the page's bytes, gzipped by an
    earlier build (docs/ keeps the time of a page it does not write again). Strictly after, so that a page
    written in the same tick of the clock is packed again."""
    try:
        return packed.stat().st_mtime_ns > page.stat().st_mtime_ns
    except FileNotFoundError:
        return False


def gzip_file(source: Path, target: Path) -> None:
    """`target`, the gzip of `source`: no name or time in the header, so the same bytes give the same file."""
    partial = target.with_name(target.name + ".partial")
    with (
        source.open("rb") as raw,
        partial.open("wb") as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=6) as packed,
    ):
        shutil.copyfileobj(raw, packed, 1 << 20)
    partial.replace(target)


def write_site_texts(docs_dir: Path, site_dir: Path) -> None:
    """Beside each document page (documents/ID/): ID.md.gz, its Markdown with the metadata as front matter, and
    ID.txt.gz, its clean text (title first), unless the page's link says the script takes the text out of the
    Markdown (render.text_in_markdown found it gives the text back exactly): what the page's 下载 links fetch
    (render.downloads_section).
    Gzipped without name or time, so the same text gives the same bytes. Read line by line from
    documents.jsonl, so memory stays bounded. A file that already holds these bytes (a site built before) is
    left alone; the plain copies of builds before 2026-12 are removed."""
    with (docs_dir / "data" / "documents.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            folder = site_dir / "documents" / row["id"]
            folder.mkdir(parents=True, exist_ok=True)
            page = docs_dir / "documents" / f"{row['id']}.md"
            if _packed_after(page, folder / f"{row['id']}.md.gz") and not (folder / f"{row['id']}.txt.gz").exists():
                continue  # (a page docs/ did not write again: its downloads are those of the last build)
            markdown = page.read_bytes()
            texts = {f"{row['id']}.md": markdown}
            if not text_taken_out(markdown, row["id"]):
                texts[f"{row['id']}.txt"] = (row["text"] + "\n").encode("utf-8")
            else:
                (folder / f"{row['id']}.txt.gz").unlink(missing_ok=True)  # (the page takes the text out of the .md)
            for name, data in texts.items():
                write_if_changed(folder / f"{name}.gz", gzip.compress(data, compresslevel=6, mtime=0))
                (folder / name).unlink(missing_ok=True)
